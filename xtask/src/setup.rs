//! Installing what the project needs on a fresh Debian machine: system packages (when running as
//! root; otherwise the exact install line is printed) and npm packages.

use std::path::Path;
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::{cmd, step};

/// What the packages are for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Building and running Bindery.
    Run,
    /// Running every test.
    Test,
}

const BUILD: &[&str] = &[
    "build-essential",
    "pkg-config",
    "curl",
    "file",
    "libwebkit2gtk-4.1-dev",
    "libgtk-3-dev",
    "libsoup-3.0-dev",
    "libjavascriptcoregtk-4.1-dev",
    "librsvg2-dev",
];

/// Xvfb + WebKitWebDriver for the Tauri window test, Chromium for the browser test, sqlite3 as
/// the benchmark's baseline; PostgreSQL and MariaDB server binaries for the SQL discovery tests
/// (`bindery-testkit` runs its own throwaway servers on free loopback ports with their own data
/// and socket directories, so the distribution's services are never used: in a container
/// `policy-rc.d` keeps apt from starting them, and elsewhere they stay on their default ports);
/// openssl makes the throwaway certificates of the TLS tests; dbus, gnome-keyring and
/// libsecret-tools give the vault's test a real Secret Service in a private D-Bus session;
/// xdg-utils is how the desktop shell opens the system browser for an OAuth sign-in.
const TEST: &[&str] = &[
    "xvfb",
    "xauth",
    "webkit2gtk-driver",
    "chromium",
    "sqlite3",
    "postgresql",
    "postgresql-client",
    "mariadb-server",
    "mariadb-client",
    "openssl",
    "dbus",
    "gnome-keyring",
    "libsecret-tools",
    "xdg-utils",
];

fn installed(package: &str) -> bool {
    Command::new("dpkg-query")
        .args(["-W", "-f=${Status}", package])
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("ok installed"))
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// Installs the Debian packages missing for `purpose`.
pub fn system_packages(purpose: Purpose) -> Result<()> {
    if Command::new("dpkg-query")
        .arg("--version")
        .output()
        .is_err()
    {
        println!("Not a Debian-like system: install the Tauri prerequisites for your OS (https://v2.tauri.app/start/prerequisites/).");
        return Ok(());
    }
    let mut wanted: Vec<&str> = BUILD.to_vec();
    if purpose == Purpose::Test {
        wanted.extend_from_slice(TEST);
    }
    let missing: Vec<&str> = wanted.into_iter().filter(|p| !installed(p)).collect();
    if missing.is_empty() {
        return Ok(());
    }
    let line = format!(
        "apt-get install -y --no-install-recommends {}",
        missing.join(" ")
    );
    if !is_root() {
        bail!("missing system packages; run:\n  sudo apt-get update && sudo {line}");
    }
    step(&format!("apt: {}", missing.join(" ")));
    let env = [("DEBIAN_FRONTEND", "noninteractive")];
    let update = Command::new("apt-get")
        .args(["update", "-q"])
        .envs(env)
        .status()?;
    if !update.success() {
        bail!("apt-get update failed");
    }
    let status = Command::new("apt-get")
        .args([
            "install",
            "-y",
            "-q",
            "--no-install-recommends",
            "-o",
            "DPkg::Lock::Timeout=600",
        ])
        .args(&missing)
        .envs(env)
        .status()
        .context("cannot run apt-get")?;
    if !status.success() {
        bail!("`{line}` failed");
    }
    Ok(())
}

/// Node 20.19+ is needed by Vite 8.
pub fn node_version() -> Result<()> {
    let out = Command::new("node")
        .arg("--version")
        .output()
        .context("Node.js 20.19+ is required (node not found)")?;
    let version = String::from_utf8_lossy(&out.stdout)
        .trim()
        .trim_start_matches('v')
        .to_owned();
    let mut parts = version.split('.').map(|p| p.parse::<u32>().unwrap_or(0));
    let (major, minor) = (parts.next().unwrap_or(0), parts.next().unwrap_or(0));
    if major < 20 || (major == 20 && minor < 19) {
        bail!("Node.js 20.19+ is required, found {version}");
    }
    Ok(())
}

/// `npm ci` in `dir` when its node_modules is missing or older than its lockfile (always in CI).
pub fn node_modules(root: &Path, dir: &str) -> Result<()> {
    let lock = root.join(dir).join("package-lock.json");
    let marker = root.join(dir).join("node_modules/.package-lock.json");
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let fresh = match (modified(&marker), modified(&lock)) {
        (Some(installed), Some(locked)) => installed >= locked,
        _ => false,
    };
    if fresh && !crate::in_ci() {
        return Ok(());
    }
    step(&format!("npm ci ({dir})"));
    cmd(
        root,
        "npm",
        &["ci", "--prefix", dir, "--no-audit", "--no-fund"],
    )
}
