//! `cargo xtask`: the two commands of the README and the project's checks.
//!
//! - `cargo xtask run [--browser] [--workspace DIR] [--port N]`: installs what is missing, builds
//!   the UI and the binaries, then opens the desktop window (or, without a display, serves the
//!   same UI in the browser and prints its URL).
//! - `cargo xtask test`: installs what is missing, then runs every test: UI lint, types and unit
//!   tests, cargo fmt/clippy, Rust tests, the layer check, the browser end-to-end test in
//!   Chromium and the Tauri window under Xvfb. With `CI=true` a missing tool fails the run.
//! - `cargo xtask bench`: release builds, then the benchmarks of the issue notes.
//! - `cargo xtask check-layers`: fails if a crate depends on a layer above it.

mod bench;
mod layers;
mod setup;
mod test;

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

fn main() -> std::process::ExitCode {
    match dispatch() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("xtask: error: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn dispatch() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = repo_root()?;
    match args.first().map(String::as_str) {
        Some("run") => run(&root, &args[1..]),
        Some("test") => test::all(&root),
        Some("bench") => bench::all(&root, &args[1..]),
        Some("check-layers") => layers::check(&root),
        Some("build-ui") => {
            setup::node_modules(&root, "ui")?;
            cmd(&root, "npm", &["--prefix", "ui", "run", "build"])
        }
        _ => {
            eprintln!("usage: cargo xtask run [--browser] [--workspace DIR] [--port N]");
            eprintln!("       cargo xtask test");
            eprintln!("       cargo xtask bench [--runs N]");
            eprintln!("       cargo xtask check-layers");
            eprintln!("       cargo xtask build-ui");
            bail!("unknown or missing task")
        }
    }
}

/// The repository root (the parent of this crate's directory).
fn repo_root() -> Result<PathBuf> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .parent()
        .map(Path::to_path_buf)
        .context("xtask lives one level below the repository root")
}

/// Whether this run is CI's (`CI=true`): missing tools fail instead of skipping.
fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// Prints a step header.
fn step(title: &str) {
    println!("\n== {title}");
}

/// Runs a command in `dir`, failing on a non-zero exit.
fn cmd(dir: &Path, program: &str, args: &[&str]) -> Result<()> {
    let status = Command::new(program)
        .args(args)
        .current_dir(dir)
        .status()
        .with_context(|| format!("cannot start {program}"))?;
    if !status.success() {
        bail!("`{program} {}` failed ({status})", args.join(" "));
    }
    Ok(())
}

fn run(root: &Path, args: &[String]) -> Result<()> {
    let mut browser = false;
    let mut workspace: Option<String> = None;
    let mut port = "8787".to_owned();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--browser" => browser = true,
            "--workspace" => workspace = rest.next().cloned(),
            "--port" => port = rest.next().cloned().context("--port needs a number")?,
            other => {
                bail!("unknown option {other} (run takes --browser, --workspace DIR, --port N)")
            }
        }
    }
    setup::system_packages(setup::Purpose::Run)?;
    setup::node_version()?;
    step("UI: npm packages and build");
    setup::node_modules(root, "ui")?;
    cmd(root, "npm", &["--prefix", "ui", "run", "build"])?;
    step("cargo build");
    cmd(root, "cargo", &["build", "--workspace"])?;
    let has_display = ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|d| !d.is_empty()));
    let mut workspace_args: Vec<String> = Vec::new();
    if let Some(dir) = workspace {
        workspace_args = vec!["--workspace".to_owned(), dir];
    }
    if has_display && !browser {
        step("Bindery desktop");
        let status = Command::new(root.join("target/debug/bindery-desktop"))
            .args(&workspace_args)
            .status()?;
        if !status.success() {
            bail!("bindery-desktop exited with {status}");
        }
        return Ok(());
    }
    if !has_display {
        println!(
            "No display here: serving the same UI in the browser instead of the desktop window."
        );
    }
    step("bindery serve (Ctrl-C to stop)");
    let status = Command::new(root.join("target/debug/bindery"))
        .arg("serve")
        .args(&workspace_args)
        .args(["--port", &port])
        .status()?;
    if !status.success() {
        bail!("bindery serve exited with {status}");
    }
    Ok(())
}
