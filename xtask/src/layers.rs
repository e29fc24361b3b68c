//! The layer rule of ARCHITECTURE.md, checked on `cargo metadata`: nothing depends upward, L0 pulls
//! no I/O crate, and each framework belongs to its one shell.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use anyhow::{bail, Context, Result};

/// The layer of test-support crates: above every shell, and allowed only as a dev-dependency.
const TEST_SUPPORT: u8 = 4;

/// Layer of each workspace crate.
const LAYERS: &[(&str, u8)] = &[
    ("bindery-schema", 0),
    ("bindery-binding", 0),
    ("bindery-store", 1),
    ("bindery-discovery", 1),
    ("bindery-demo", 1),
    ("bindery-vault", 1),
    ("bindery-oauth", 1),
    ("bindery-runtime", 1),
    ("bindery-api", 2),
    ("bindery-server", 3),
    ("bindery-cli", 3),
    ("bindery-desktop", 3),
    ("bindery-testkit", TEST_SUPPORT),
];

/// The only dependencies allowed inside one layer (DESIGN.md: the L0 model is a chain,
/// bindings over the schema; the CLI hosts the server for `bindery serve`).
const WITHIN_LAYER: &[(&str, &str)] = &[
    ("bindery-binding", "bindery-schema"),
    ("bindery-cli", "bindery-server"),
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
    let problems = violations(&metadata)?;
    if problems.is_empty() {
        println!("layers: ok ({} crates)", LAYERS.len());
        Ok(())
    } else {
        bail!("layer rule broken:\n  {}", problems.join("\n  "))
    }
}

/// Every breach of the rule in a `cargo metadata` document.
fn violations(metadata: &serde_json::Value) -> Result<Vec<String>> {
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
        // Test support may be a dev-dependency only (not normal, not build).
        for dep in deps {
            let dep_name = dep["name"].as_str().unwrap_or_default();
            let kind = dep["kind"].as_str();
            if layer.get(dep_name) == Some(&TEST_SUPPORT) && kind != Some("dev") {
                problems.push(format!(
                    "{name} depends on {dep_name} as a {} dependency: test support may only be a dev-dependency",
                    kind.unwrap_or("normal")
                ));
            }
        }
        // Otherwise only normal dependencies count: tests may use anything.
        for dep in deps.iter().filter(|d| d["kind"].is_null()) {
            let dep_name = dep["name"].as_str().unwrap_or_default();
            if let Some(&theirs) = layer.get(dep_name).filter(|&&l| l != TEST_SUPPORT) {
                let allowed = theirs == own && WITHIN_LAYER.contains(&(name, dep_name));
                if theirs >= own && !allowed {
                    problems.push(format!(
                        "{name} (L{own}) depends on {dep_name} (L{theirs}): nothing may depend sideways or upward"
                    ));
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
    Ok(problems)
}

#[cfg(test)]
mod tests {
    use super::violations;

    fn metadata(packages: &[(&str, &[&str])]) -> serde_json::Value {
        let packages: Vec<serde_json::Value> = packages
            .iter()
            .map(|(name, deps)| {
                // "name" is a normal dependency, "name:dev" / "name:build" the other kinds.
                let deps: Vec<serde_json::Value> = deps
                    .iter()
                    .map(|d| match d.split_once(':') {
                        Some((name, kind)) => serde_json::json!({"name": name, "kind": kind}),
                        None => serde_json::json!({"name": d, "kind": null}),
                    })
                    .collect();
                serde_json::json!({"id": name, "name": name, "dependencies": deps})
            })
            .collect();
        let members: Vec<&str> = packages.iter().filter_map(|p| p["id"].as_str()).collect();
        serde_json::json!({"workspace_members": members, "packages": packages})
    }

    #[test]
    fn the_real_shape_passes() {
        let ok = metadata(&[
            ("bindery-schema", &["serde"]),
            ("bindery-discovery", &["bindery-schema", "sqlx"]),
            ("bindery-api", &["bindery-discovery", "tokio"]),
            ("bindery-server", &["bindery-api", "axum"]),
            ("bindery-cli", &["bindery-api", "bindery-server", "clap"]),
            ("bindery-testkit", &["nix", "bindery-schema"]),
            ("bindery-store", &["sqlx", "bindery-testkit:dev"]),
        ]);
        assert_eq!(
            violations(&ok).expect("well-formed"),
            Vec::<String>::new(),
            "no violations"
        );
    }

    #[test]
    fn upward_io_and_framework_breaches_are_reported() {
        let bad = metadata(&[
            ("bindery-schema", &["tokio"]),
            ("bindery-store", &["bindery-api"]),
            ("bindery-api", &["axum"]),
            ("bindery-unknown", &[]),
        ]);
        let found = violations(&bad).expect("well-formed");
        assert_eq!(found.len(), 4, "one problem each: {found:#?}");
        assert!(
            found[0].contains("L0 (pure)"),
            "L0 pulling tokio: {}",
            found[0]
        );
        assert!(
            found[1].contains("upward"),
            "store depending on api: {}",
            found[1]
        );
        assert!(found[2].contains("axum"), "api using axum: {}", found[2]);
        assert!(found[3].contains("no layer"), "unknown crate: {}", found[3]);
    }

    #[test]
    fn test_support_is_a_dev_dependency_only() {
        let bad = metadata(&[
            ("bindery-testkit", &[]),
            ("bindery-schema", &["bindery-testkit"]),
            ("bindery-api", &["bindery-testkit:build"]),
            ("bindery-server", &["bindery-testkit:dev"]),
        ]);
        let found = violations(&bad).expect("well-formed");
        assert_eq!(found.len(), 2, "one problem per non-dev use: {found:#?}");
        assert!(
            found[0].contains("bindery-schema") && found[0].contains("normal dependency"),
            "a normal dependency on the testkit: {}",
            found[0]
        );
        assert!(
            found[1].contains("bindery-api") && found[1].contains("build dependency"),
            "a build dependency on the testkit: {}",
            found[1]
        );
    }
}
