//! `cargo xtask test`: every test of the project, in one command, on a fresh machine.
//!
//! Build steps stop the run at their first failure; test steps all run, and the run fails at the
//! end if any failed. The last line adds up the tests every runner reported:
//! `xtask: N passed, M failed`.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};

use crate::{cmd, in_ci, layers, setup, step};

/// Tests counted from the runners' own summary lines.
#[derive(Default, Debug, Clone, Copy)]
struct Counts {
    passed: u64,
    failed: u64,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.passed += other.passed;
        self.failed += other.failed;
    }
}

/// Reads one summary line of cargo test, vitest or node's test runner.
fn parse_line(line: &str) -> Option<Counts> {
    let number_before = |text: &str, word: &str| -> Option<u64> {
        let at = text.find(word)?;
        text[..at]
            .split(|c: char| !c.is_ascii_digit())
            .rev()
            .find(|s| !s.is_empty())?
            .parse()
            .ok()
    };
    let plain = strip_ansi(line);
    let trimmed = plain.trim();
    if let Some(rest) = trimmed.strip_prefix("test result: ") {
        // cargo: "test result: ok. 5 passed; 0 failed; 0 ignored; ..."
        return Some(Counts {
            passed: number_before(rest, " passed")?,
            failed: number_before(rest, " failed").unwrap_or(0),
        });
    }
    if let Some(rest) = trimmed.strip_prefix("Tests ") {
        // vitest: "Tests  58 passed (58)" or "Tests  2 failed | 56 passed (58)"
        return Some(Counts {
            passed: number_before(rest, " passed").unwrap_or(0),
            failed: number_before(rest, " failed").unwrap_or(0),
        });
    }
    // node --test (TAP): "# pass 7" / "# fail 0" on separate lines
    if let Some(n) = trimmed.strip_prefix("# pass ") {
        return Some(Counts {
            passed: n.trim().parse().ok()?,
            failed: 0,
        });
    }
    if let Some(n) = trimmed.strip_prefix("# fail ") {
        return Some(Counts {
            passed: 0,
            failed: n.trim().parse().ok()?,
        });
    }
    None
}

/// Removes terminal colour codes (`ESC [ … m`), which some runners print even into a pipe.
fn strip_ansi(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for next in chars.by_ref() {
                if next.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Runs a test command, echoing its stdout while counting its summary lines. The counts come back
/// whether it passed or not, so a failing runner's failures reach the final line.
fn counted(dir: &Path, program: &str, args: &[&str], env: &[(&str, &str)]) -> (Counts, Result<()>) {
    let mut counts = Counts::default();
    let result = run_counting(dir, program, args, env, &mut counts);
    (counts, result)
}

fn run_counting(
    dir: &Path,
    program: &str,
    args: &[&str],
    env: &[(&str, &str)],
    counts: &mut Counts,
) -> Result<()> {
    let mut child = Command::new(program)
        .args(args)
        .envs(env.iter().copied())
        .env("NO_COLOR", "1")
        .current_dir(dir)
        .stdout(Stdio::piped())
        .spawn()
        .with_context(|| format!("cannot start {program}"))?;
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines() {
            let line = line.unwrap_or_default();
            println!("{line}");
            if let Some(c) = parse_line(&line) {
                counts.add(c);
            }
        }
    }
    let status = child.wait()?;
    if !status.success() {
        bail!(
            "`{program} {}` failed ({status}; {} passed, {} failed)",
            args.join(" "),
            counts.passed,
            counts.failed
        );
    }
    Ok(())
}

fn tool_on_path(name: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {name}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

pub fn all(root: &Path) -> Result<()> {
    step("system packages");
    setup::system_packages(setup::Purpose::Test)?;
    setup::node_version()?;
    setup::node_modules(root, "ui")?;
    setup::node_modules(root, "tests/e2e")?;
    setup::node_modules(root, "tests/doubles")?;

    step("UI: lint, types");
    cmd(root, "npm", &["--prefix", "ui", "run", "lint"])?;
    cmd(root, "npm", &["--prefix", "ui", "run", "typecheck"])?;
    step("UI: build (embedded by the desktop shell, served by bindery serve)");
    cmd(root, "npm", &["--prefix", "ui", "run", "build"])?;

    step("cargo fmt, clippy, layer rules");
    cmd(root, "cargo", &["fmt", "--all", "--check"])?;
    cmd(
        root,
        "cargo",
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--locked",
            "--",
            "-D",
            "warnings",
        ],
    )?;
    layers::check(root)?;

    step("cargo build");
    cmd(
        root,
        "cargo",
        &["build", "--workspace", "--all-targets", "--locked"],
    )?;

    let tauri_driver = root.join("target/tools/bin/tauri-driver");
    if !tauri_driver.exists() {
        step("tauri-driver (cargo install, once)");
        let tools = root.join("target/tools");
        let tools = tools.to_string_lossy();
        cmd(
            root,
            "cargo",
            &[
                "install",
                "tauri-driver",
                "--version",
                "^2",
                "--locked",
                "--root",
                &tools,
            ],
        )?;
    }
    let tauri_driver = tauri_driver.to_string_lossy().into_owned();

    let mut total = Counts::default();
    let mut failures: Vec<String> = Vec::new();
    let mut record = |name: &str, (counts, result): (Counts, Result<()>)| {
        total.add(counts);
        if let Err(e) = result {
            eprintln!("xtask: {name} failed: {e:#}");
            failures.push(name.to_owned());
        }
    };

    step("UI unit tests (vitest)");
    record(
        "ui unit tests",
        counted(root, "npm", &["--prefix", "ui", "test"], &[]),
    );

    step("Rust tests");
    record(
        "cargo test",
        counted(root, "cargo", &["test", "--workspace", "--locked"], &[]),
    );

    step("end-to-end: browser (Chromium through Playwright against bindery serve)");
    record(
        "browser e2e",
        counted(
            root,
            "npm",
            &["--prefix", "tests/e2e", "run", "test:browser"],
            &[],
        ),
    );

    step("end-to-end: the Tauri window under Xvfb (tauri-driver + WebKitWebDriver)");
    if tool_on_path("xvfb-run") {
        record(
            "desktop e2e",
            counted(
                root,
                "xvfb-run",
                &[
                    "-a",
                    "-s",
                    "-screen 0 1280x800x24",
                    "npm",
                    "--prefix",
                    "tests/e2e",
                    "run",
                    "test:desktop",
                ],
                &[("TAURI_DRIVER", &tauri_driver)],
            ),
        );
    } else if in_ci() {
        record(
            "desktop e2e",
            (
                Counts::default(),
                Err(anyhow::anyhow!("xvfb-run is missing")),
            ),
        );
    } else {
        println!("xvfb-run is missing: the desktop test is skipped (it fails under CI=true)");
    }

    println!("\nxtask: {} passed, {} failed", total.passed, total.failed);
    if !failures.is_empty() {
        bail!("failed: {}", failures.join(", "));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::parse_line;

    #[test]
    fn reads_each_runner_summary() {
        let cargo = parse_line("test result: ok. 5 passed; 1 failed; 0 ignored; 0 measured")
            .expect("cargo line");
        assert_eq!((cargo.passed, cargo.failed), (5, 1), "cargo counts");
        let vitest = parse_line("      Tests  2 failed | 56 passed (58)").expect("vitest line");
        assert_eq!((vitest.passed, vitest.failed), (56, 2), "vitest counts");
        let node = parse_line("# pass 7").expect("node line");
        assert_eq!((node.passed, node.failed), (7, 0), "node pass count");
        assert!(
            parse_line("compiling foo").is_none(),
            "other lines are not summaries"
        );
    }
}
