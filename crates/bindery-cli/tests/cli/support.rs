//! Shared helpers: the binary under test, fixtures, a clean `bindery` command, output
//! accessors, key creation, and the check that a key is never stored in plain text.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

pub(crate) const BIN: &str = env!("CARGO_BIN_EXE_bindery");

pub(crate) fn fixtures() -> PathBuf {
    match std::env::var_os("BINDERY_FIXTURES").filter(|v| !v.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures"),
    }
}

pub(crate) fn chinook() -> PathBuf {
    fixtures().join("sql/sqlite/chinook/Chinook_Sqlite.sqlite")
}

/// A `bindery` command with a clean environment: no log filter from the caller, and a default
/// workspace that points into `scratch` so nothing touches the real home directory.
pub(crate) fn bindery(scratch: &Path) -> Command {
    let mut command = Command::new(BIN);
    command
        .env_remove("RUST_LOG")
        .env("BINDERY_WORKSPACE", scratch.join("default-workspace"))
        .stdin(Stdio::null());
    command
}

pub(crate) fn run(command: &mut Command) -> Output {
    command.output().expect("the bindery binary runs")
}

pub(crate) fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub(crate) fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub(crate) fn count(value: &Value, pointer: &str) -> u64 {
    value
        .pointer(pointer)
        .and_then(Value::as_u64)
        .unwrap_or(u64::MAX)
}

/// Every file under `dir`, recursively.
pub(crate) fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("the directory is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// Asserts that no file under `dir` holds `needle` (the API key) as bytes.
pub(crate) fn assert_not_stored(dir: &Path, needle: &str) {
    let mut files = Vec::new();
    files_under(dir, &mut files);
    assert!(!files.is_empty(), "the workspace holds files to scan");
    for file in files {
        let bytes = std::fs::read(&file).expect("a workspace file is readable");
        assert!(
            !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
            "{} must not hold the API key in plain text (only its hash is stored)",
            file.display()
        );
    }
}

pub(crate) fn create_key(scratch: &Path, workspace: &Path, scopes: &str) -> String {
    let output = run(bindery(scratch)
        .args(["keys", "create", "--workspace"])
        .arg(workspace)
        .args(["--scopes", scopes, "--json"]));
    assert!(
        output.status.success(),
        "keys create exits 0: {}",
        stderr(&output)
    );
    let json: Value = serde_json::from_str(&stdout(&output)).expect("keys create --json is JSON");
    json.get("key")
        .and_then(Value::as_str)
        .expect("the JSON holds the key")
        .to_owned()
}
