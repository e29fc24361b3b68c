//! Runs one test of this binary again in a child process, with its own environment: the only
//! safe way to give a test environment variables while other tests run in threads.

use std::process::{Command, Output};

/// Set in the child to the name of the test it runs.
pub const CHILD_TEST: &str = "BINDERY_VAULT_CHILD_TEST";

/// Whether this process is the child running `test` (its full path, `env::env_key_opens`).
pub fn is_child(test: &str) -> bool {
    std::env::var(CHILD_TEST).is_ok_and(|running| running == test)
}

/// The arguments that run exactly `test` of this binary, output shown.
pub fn test_args(test: &str) -> Vec<String> {
    ["--exact", test, "--nocapture", "--test-threads=1"]
        .into_iter()
        .map(str::to_owned)
        .collect()
}

/// This test binary, set up to run `test` as a child; add environment and run with [`passed`].
pub fn command(test: &str) -> Command {
    let exe = std::env::current_exe().expect("the test binary knows its own path");
    let mut command = Command::new(exe);
    command.args(test_args(test)).env(CHILD_TEST, test);
    command
}

/// Runs the child and asserts its one test ran and passed; returns its output.
pub fn passed(test: &str, command: &mut Command) -> Output {
    let output = command.output().expect("start the child test process");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "child test {test} failed ({}):\n{stdout}\n{stderr}",
        output.status
    );
    assert!(
        stdout.contains("1 passed"),
        "child test {test} must actually run (a wrong name runs nothing):\n{stdout}\n{stderr}"
    );
    // Shown with `--nocapture`: what the child printed (messages, a "skipped" line).
    print!("{stdout}");
    output
}
