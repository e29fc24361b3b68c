//! `node <script>` from `tests/doubles`, in its own process group, ready once it prints
//! `READY <url>`; stopped (SIGTERM, then SIGKILL after 2 s) and reaped on drop.

use std::collections::VecDeque;
use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Read};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use nix::sys::signal::{killpg, Signal};
use nix::unistd::Pid;

use crate::{doubles_dir, in_ci, TestkitError};

/// How long a double may take to print `READY <url>`.
pub const READY_TIMEOUT: Duration = Duration::from_secs(60);
/// How long a double has to exit after SIGTERM before it gets SIGKILL.
const TERM_GRACE: Duration = Duration::from_secs(2);
/// Lines of output kept for error messages.
const TAIL_LINES: usize = 40;

/// The line on stdout that says a double is ready, and the URL it carries.
#[derive(Clone, Copy)]
pub(crate) struct ReadyLine {
    /// How the line looks, for error messages (`` `READY <url>` ``).
    pub(crate) expected: &'static str,
    /// The URL if `line` (one line of stdout, without its end) is the ready line.
    pub(crate) parse: fn(&str) -> Option<String>,
}

/// `READY <url>`, printed by the scripts in `tests/doubles`.
const READY_PREFIX: ReadyLine = ReadyLine {
    expected: "`READY <url>`",
    parse: |line| {
        line.strip_prefix("READY ")
            .map(|url| url.trim().to_string())
    },
};

/// The last lines the process wrote (stderr and non-`READY` stdout).
#[derive(Clone, Default)]
struct Tail(Arc<Mutex<VecDeque<String>>>);

impl Tail {
    fn push(&self, line: String) {
        let mut lines = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if lines.len() == TAIL_LINES {
            lines.pop_front();
        }
        lines.push_back(line);
    }

    fn text(&self) -> String {
        let lines = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if lines.is_empty() {
            "(no output)".to_string()
        } else {
            lines.iter().cloned().collect::<Vec<_>>().join("\n")
        }
    }
}

/// A Node.js test double: `node <script> <args>` run in `tests/doubles`.
///
/// The process is the leader of its own process group; dropping the value sends SIGTERM to the
/// whole group, SIGKILL after 2 s if it is still there, and reaps it, so no orphan or zombie is
/// left. Its stdout and stderr are drained by two background threads for as long as it runs.
pub struct NodeDouble {
    child: Child,
    url: String,
    tail: Tail,
}

impl std::fmt::Debug for NodeDouble {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NodeDouble")
            .field("pid", &self.child.id())
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

impl NodeDouble {
    /// Starts `node <script> <args>` in `tests/doubles` and waits (up to 60 s) for the line
    /// `READY <url>` on its stdout. `script` is node's first argument, normally a file in
    /// `tests/doubles`. Arguments never appear in errors (they may hold secrets); errors carry
    /// the last lines the process printed.
    pub fn spawn<I, S>(script: &str, args: I) -> Result<Self, TestkitError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        Self::spawn_with_timeout(script, args, READY_TIMEOUT)
    }

    /// [`NodeDouble::spawn`] with another limit for the `READY` line.
    pub fn spawn_with_timeout<I, S>(
        script: &str,
        args: I,
        ready_timeout: Duration,
    ) -> Result<Self, TestkitError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        Self::spawn_until(script, args, ready_timeout, READY_PREFIX)
    }

    /// [`NodeDouble::spawn_with_timeout`] waiting for another ready line (Prism prints its own).
    pub(crate) fn spawn_until<I, S>(
        script: &str,
        args: I,
        ready_timeout: Duration,
        ready_line: ReadyLine,
    ) -> Result<Self, TestkitError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let expected = ready_line.expected;
        let dir = doubles_dir();
        let mut child = Command::new("node")
            .arg(script)
            .args(args)
            .current_dir(&dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .process_group(0)
            .spawn()
            .map_err(|e| {
                TestkitError::io(format!("cannot run node {script} in {}", dir.display()), e)
            })?;

        let tail = Tail::default();
        let (ready_tx, ready_rx) = mpsc::channel();
        let drains = match (child.stdout.take(), child.stderr.take()) {
            (Some(stdout), Some(stderr)) => {
                drain(stdout, tail.clone(), Some((ready_line, ready_tx)))
                    .and_then(|out| Ok((out, drain(stderr, tail.clone(), None)?)))
            }
            _ => Err(std::io::Error::other("stdout/stderr were not piped")),
        };
        let stderr_drain = match drains {
            Ok((_stdout_drain, stderr_drain)) => stderr_drain,
            Err(e) => {
                stop(&mut child);
                return Err(TestkitError::io(
                    format!("cannot read the output of node {script}"),
                    e,
                ));
            }
        };

        let reason = match ready_rx.recv_timeout(ready_timeout) {
            Ok(url) => return Ok(Self { child, url, tail }),
            Err(RecvTimeoutError::Timeout) => {
                stop(&mut child);
                format!("no {expected} line on stdout within {ready_timeout:?}")
            }
            Err(RecvTimeoutError::Disconnected) => match stop(&mut child) {
                Some(status) => format!("it exited ({status}) before printing {expected}"),
                None => format!("it closed stdout before printing {expected}"),
            },
        };
        // The group is gone, so stderr reaches its end: wait (briefly) for its last lines.
        let deadline = Instant::now() + TERM_GRACE;
        while !stderr_drain.is_finished() && Instant::now() < deadline {
            thread::sleep(Duration::from_millis(10));
        }
        Err(TestkitError::NotReady {
            script: script.to_string(),
            reason,
            tail: tail.text(),
        })
    }

    /// The URL from the `READY <url>` line.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The process id (also its process group id).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The last lines the process wrote to stderr (and stdout, besides `READY`).
    pub fn output_tail(&self) -> String {
        self.tail.text()
    }
}

impl Drop for NodeDouble {
    fn drop(&mut self) {
        stop(&mut self.child);
    }
}

/// Reads `reader` line by line until its end: the URL of the first ready line goes to `ready`'s
/// sender, every other line to `tail`. Never stops early, so the process cannot block on a full
/// pipe.
fn drain(
    reader: impl Read + Send + 'static,
    tail: Tail,
    ready: Option<(ReadyLine, Sender<String>)>,
) -> std::io::Result<JoinHandle<()>> {
    thread::Builder::new()
        .name("node-double-output".to_string())
        .spawn(move || {
            let mut ready = ready;
            let mut reader = BufReader::new(reader);
            let mut line = Vec::new();
            loop {
                line.clear();
                match reader.read_until(b'\n', &mut line) {
                    Ok(0) | Err(_) => break,
                    Ok(_) => {}
                }
                let text = String::from_utf8_lossy(&line).trim_end().to_string();
                match ready.take() {
                    Some((ready_line, sender)) => match (ready_line.parse)(&text) {
                        Some(url) => {
                            // The receiver may have given up already; nothing to do then.
                            let _ = sender.send(url);
                        }
                        None => {
                            ready = Some((ready_line, sender));
                            tail.push(text);
                        }
                    },
                    None => tail.push(text),
                }
            }
        })
}

/// Stops the process group led by `child` (SIGTERM, SIGKILL after [`TERM_GRACE`]) and reaps the
/// leader. Returns how the leader ended, if known.
fn stop(child: &mut Child) -> Option<ExitStatus> {
    let Ok(raw) = i32::try_from(child.id()) else {
        let _ = child.kill();
        return child.wait().ok();
    };
    let group = Pid::from_raw(raw);
    // Errors are ignored on purpose: ESRCH just means the group is already gone.
    let _ = killpg(group, Signal::SIGTERM);
    let deadline = Instant::now() + TERM_GRACE;
    let mut status = None;
    while Instant::now() < deadline {
        match child.try_wait() {
            Ok(Some(exited)) => {
                status = Some(exited);
                break;
            }
            Ok(None) => thread::sleep(Duration::from_millis(20)),
            Err(_) => break,
        }
    }
    // Whatever is left of the group (the leader after the grace period, or anything it
    // started) is killed; the group id stays reserved while any member lives.
    let _ = killpg(group, Signal::SIGKILL);
    match status {
        Some(exited) => Some(exited),
        None => child.wait().ok(),
    }
}

/// Whether the Node doubles can run: `Ok(true)` if `node` and `tests/doubles/node_modules` are
/// there; otherwise `Ok(false)` after printing a "skipped" line to stderr, or, with `CI=true`,
/// an error so the test fails instead of silently skipping.
pub fn node_doubles_available() -> Result<bool, TestkitError> {
    static MISSING: OnceLock<Option<String>> = OnceLock::new();
    decide(MISSING.get_or_init(missing_tool).clone(), in_ci())
}

fn missing_tool() -> Option<String> {
    match Command::new("node")
        .arg("--version")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
    {
        Ok(status) if status.success() => {}
        Ok(status) => return Some(format!("`node --version` failed ({status})")),
        Err(e) => return Some(format!("node is not on PATH ({e})")),
    }
    let modules = doubles_dir().join("node_modules");
    if modules.is_dir() {
        None
    } else {
        Some(format!("{} does not exist", modules.display()))
    }
}

/// `Ok(true)` when nothing is `missing`; otherwise a "skipped" line on stderr and `Ok(false)`,
/// or with `ci` an [`TestkitError::Unavailable`] error.
pub(crate) fn decide(missing: Option<String>, ci: bool) -> Result<bool, TestkitError> {
    match missing {
        None => Ok(true),
        Some(why) if ci => Err(TestkitError::Unavailable(why)),
        Some(why) => {
            eprintln!(
                "skipped: node or tests/doubles/node_modules missing; run cargo xtask test ({why})"
            );
            Ok(false)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{decide, Tail, TAIL_LINES};
    use crate::TestkitError;

    #[test]
    fn a_missing_tool_skips_locally_and_fails_in_ci() {
        assert!(
            decide(None, true).expect("nothing missing is fine in CI"),
            "available when nothing is missing"
        );
        assert!(
            !decide(Some("no node".into()), false).expect("locally a missing tool is a skip"),
            "skipped locally"
        );
        let err = decide(Some("no node".into()), true).expect_err("CI must fail");
        assert!(
            matches!(&err, TestkitError::Unavailable(why) if why == "no node"),
            "CI error names what is missing: {err}"
        );
        assert!(
            err.to_string().contains("cargo xtask test"),
            "CI error says how to fix it: {err}"
        );
    }

    #[test]
    fn the_tail_keeps_the_last_lines() {
        let tail = Tail::default();
        assert_eq!(tail.text(), "(no output)", "an empty tail says so");
        for i in 0..TAIL_LINES + 5 {
            tail.push(format!("line {i}"));
        }
        let text = tail.text();
        assert!(text.starts_with("line 5\n"), "oldest lines dropped: {text}");
        assert!(
            text.ends_with(&format!("line {}", TAIL_LINES + 4)),
            "newest line kept: {text}"
        );
    }
}
