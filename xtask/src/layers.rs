//! The layer rule of ARCHITECTURE.md, checked on `cargo metadata`: nothing depends upward, L0 pulls
//! no I/O crate, and each framework belongs to its one shell.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use anyhow::{bail, Context, Result};

/// Layer of each workspace crate.
const LAYERS: &[(&str, u8)] = &[
    ("bindery-schema", 0),
    ("bindery-store", 1),
    ("bindery-discovery", 1),
    ("bindery-demo", 1),
    ("bindery-api", 2),
    ("bindery-server", 3),
    ("bindery-cli", 3),
    ("bindery-desktop", 3),
];

/// Crates that do I/O or run async: forbidden in L0.
const IO_CRATES: &[&str] = &[
    "tokio",
    "sqlx",
    "reqwest",
    "axum",
    "tauri",
    "keyring",
    "keyring-core",
    "hyper",
];

/// A framework and the only workspace crates allowed to depend on it directly.
const FRAMEWORKS: &[(&str, &[&str])] = &[
    ("tauri", &["bindery-desktop"]),
    ("axum", &["bindery-server"]),
    ("clap", &["bindery-cli"]),
];

pub fn check(root: &Path) -> Result<()> {
    let out = Command::new("cargo")
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(root)
        .output()
        .context("cannot run cargo metadata")?;
    if !out.status.success() {
        bail!(
            "cargo metadata failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let metadata: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    let members: Vec<&str> = metadata["workspace_members"]
        .as_array()
        .map(|a| a.iter().filter_map(|m| m.as_str()).collect())
        .unwrap_or_default();
    let layer: BTreeMap<&str, u8> = LAYERS.iter().copied().collect();
    let mut problems = Vec::new();
    let packages = metadata["packages"]
        .as_array()
        .context("cargo metadata has no packages")?;
    for package in packages
        .iter()
        .filter(|p| p["id"].as_str().is_some_and(|id| members.contains(&id)))
    {
        let name = package["name"].as_str().unwrap_or_default();
        if name == "xtask" {
            continue;
        }
        let Some(&own) = layer.get(name) else {
            problems.push(format!(
                "{name} has no layer in xtask/src/layers.rs (and ARCHITECTURE.md)"
            ));
            continue;
        };
        let deps = package["dependencies"]
            .as_array()
            .context("package without dependencies list")?;
        for dep in deps.iter().filter(|d| d["kind"].is_null()) {
            let dep_name = dep["name"].as_str().unwrap_or_default();
            if let Some(&theirs) = layer.get(dep_name) {
                if theirs >= own
                    && !(own == 3
                        && theirs == 3
                        && name == "bindery-cli"
                        && dep_name == "bindery-server")
                {
                    problems.push(format!("{name} (L{own}) depends on {dep_name} (L{theirs}): nothing may depend sideways or upward"));
                }
            }
            if own == 0 && IO_CRATES.contains(&dep_name) {
                problems.push(format!("{name} is L0 (pure) but depends on {dep_name}"));
            }
            for (framework, owners) in FRAMEWORKS {
                if dep_name == *framework && !owners.contains(&name) {
                    problems.push(format!(
                        "{name} depends on {framework}, which only {} may use",
                        owners.join(", ")
                    ));
                }
            }
        }
    }
    if problems.is_empty() {
        println!("layers: ok ({} crates)", LAYERS.len());
        Ok(())
    } else {
        bail!("layer rule broken:\n  {}", problems.join("\n  "))
    }
}
