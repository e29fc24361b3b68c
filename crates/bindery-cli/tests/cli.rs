//! The real `bindery` binary: exit codes, stdout/stderr contracts, keys and `serve`.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_bindery");

fn fixtures() -> PathBuf {
    match std::env::var_os("BINDERY_FIXTURES").filter(|v| !v.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures"),
    }
}

fn chinook() -> PathBuf {
    fixtures().join("sql/sqlite/chinook/Chinook_Sqlite.sqlite")
}

/// A `bindery` command with a clean environment: no log filter from the caller, and a default
/// workspace that points into `scratch` so nothing touches the real home directory.
fn bindery(scratch: &Path) -> Command {
    let mut command = Command::new(BIN);
    command
        .env_remove("RUST_LOG")
        .env("BINDERY_WORKSPACE", scratch.join("default-workspace"))
        .stdin(Stdio::null());
    command
}

fn run(command: &mut Command) -> Output {
    command.output().expect("the bindery binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn count(value: &Value, pointer: &str) -> u64 {
    value
        .pointer(pointer)
        .and_then(Value::as_u64)
        .unwrap_or(u64::MAX)
}

/// Every file under `dir`, recursively.
fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
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
fn assert_not_stored(dir: &Path, needle: &str) {
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

// ---------------------------------------------------------------------------------------------
// discover
// ---------------------------------------------------------------------------------------------

#[test]
fn discover_chinook_as_json() {
    let scratch = tempfile::tempdir().expect("a scratch dir");
    let db = chinook();
    assert!(
        db.is_file(),
        "the Chinook fixture exists at {}",
        db.display()
    );
    let output = run(bindery(scratch.path())
        .args(["discover", "sqlite"])
        .arg(&db)
        .arg("--json"));
    assert!(
        output.status.success(),
        "discover exits 0: {:?} {}",
        output.status,
        stderr(&output)
    );
    let text = stdout(&output);
    let json: Value = serde_json::from_str(&text).expect("stdout is one JSON document");
    let keys: Vec<&str> = json
        .as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default();
    assert_eq!(
        keys,
        vec!["summary", "diagnostics", "schema"],
        "the JSON holds summary, diagnostics and schema"
    );
    assert_eq!(
        count(&json, "/summary/objectCount"),
        11,
        "Chinook has 11 tables"
    );
    assert_eq!(
        count(&json, "/summary/edgeCount"),
        11,
        "Chinook has 11 foreign keys"
    );
    assert_eq!(
        count(&json, "/summary/fieldCount"),
        64,
        "Chinook has 64 columns"
    );
    assert_eq!(
        json.pointer("/schema/summary"),
        json.get("summary"),
        "the top-level summary is the schema's"
    );
    assert_eq!(
        json.pointer("/schema/objects")
            .and_then(Value::as_array)
            .map(Vec::len),
        Some(11),
        "the schema lists the 11 objects"
    );

    // The same file gives byte-identical JSON.
    let again = run(bindery(scratch.path())
        .args(["discover", "sqlite"])
        .arg(&db)
        .arg("--json"));
    assert!(
        stdout(&again) == text,
        "discovering the same file twice prints the same JSON"
    );
    assert!(
        !scratch.path().join("default-workspace").exists(),
        "one-shot discovery creates no workspace"
    );
}

#[test]
fn discover_chinook_for_people() {
    let scratch = tempfile::tempdir().expect("a scratch dir");
    let output = run(bindery(scratch.path())
        .args(["discover", "sqlite"])
        .arg(chinook()));
    assert!(
        output.status.success(),
        "discover exits 0: {}",
        stderr(&output)
    );
    let text = stdout(&output);
    assert!(
        text.lines()
            .any(|l| l.starts_with("11 objects, 64 fields, 11 edges, ")
                && l.ends_with(" operations")),
        "the human output has the counts line: {text}"
    );
    for table in ["Album", "Artist", "Track", "InvoiceLine"] {
        assert!(
            text.lines().any(|l| l.trim_start().starts_with(table)),
            "the human output lists the table {table}: {text}"
        );
    }
    assert!(
        serde_json::from_str::<Value>(&text).is_err(),
        "without --json the output is not JSON"
    );
}

#[test]
fn discover_errors_have_codes_and_exit_3() {
    let scratch = tempfile::tempdir().expect("a scratch dir");
    let missing = scratch.path().join("missing.sqlite");
    let text_file = scratch.path().join("notes.txt");
    std::fs::write(&text_file, "not a database\n".repeat(100)).expect("write a text file");

    let cases: Vec<(&str, Vec<String>, &str)> = vec![
        (
            "a missing file",
            vec!["sqlite".into(), missing.display().to_string()],
            "error[source_not_found]",
        ),
        (
            "a text file",
            vec!["sqlite".into(), text_file.display().to_string()],
            "error[source_invalid]",
        ),
        (
            "an unknown source kind",
            vec!["oracle".into(), "x".into()],
            "error[unsupported_source_kind]",
        ),
    ];
    for (what, args, expected) in cases {
        let output = run(bindery(scratch.path()).arg("discover").args(&args));
        assert_eq!(
            output.status.code(),
            Some(3),
            "{what}: a bad source exits 3; stderr: {}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains(expected),
            "{what}: stderr names the code {expected}: {}",
            stderr(&output)
        );
        assert!(
            stdout(&output).is_empty(),
            "{what}: nothing is printed on stdout on failure: {}",
            stdout(&output)
        );
    }
    // --json does not change the error contract.
    let output = run(bindery(scratch.path())
        .args(["discover", "sqlite"])
        .arg(&missing)
        .arg("--json"));
    assert_eq!(output.status.code(), Some(3), "--json: still exit 3");
    assert!(
        stderr(&output).contains("error[source_not_found]"),
        "--json: stderr still names the code"
    );
}

#[test]
fn usage_errors_exit_2() {
    let scratch = tempfile::tempdir().expect("a scratch dir");
    for args in [
        vec![],
        vec!["discover"],
        vec!["discover", "sqlite"],
        vec!["frobnicate"],
        vec!["keys", "create"],
        vec!["serve", "--port", "not-a-port"],
    ] {
        let output = run(bindery(scratch.path()).args(&args));
        assert_eq!(
            output.status.code(),
            Some(2),
            "`bindery {}` is a usage error (exit 2): {}",
            args.join(" "),
            stderr(&output)
        );
    }
    let help = run(bindery(scratch.path()).arg("--help"));
    assert!(help.status.success(), "--help exits 0");
    for command in ["serve", "keys", "discover"] {
        assert!(
            stdout(&help).contains(command),
            "--help lists the {command} command"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// keys
// ---------------------------------------------------------------------------------------------

fn create_key(scratch: &Path, workspace: &Path, scopes: &str) -> String {
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

#[test]
fn keys_create_prints_the_key_once_and_stores_only_a_hash() {
    let scratch = tempfile::tempdir().expect("a scratch dir");
    let workspace = scratch.path().join("ws");
    let output = run(bindery(scratch.path())
        .args(["keys", "create", "--workspace"])
        .arg(&workspace)
        .args(["--scopes", "integrations:read", "--label", "ci", "--json"]));
    assert!(
        output.status.success(),
        "keys create exits 0: {}",
        stderr(&output)
    );
    let out = stdout(&output);
    let json: Value = serde_json::from_str(&out).expect("keys create --json prints JSON");
    let key = json.get("key").and_then(Value::as_str).unwrap_or("");
    assert!(
        key.starts_with("bindery_sk_") && key.len() > "bindery_sk_".len() + 20,
        "the key has the bindery_sk_ prefix and a long secret: {key:?}"
    );
    assert_eq!(
        out.matches(key).count(),
        1,
        "the key is printed exactly once"
    );
    assert!(
        !stderr(&output).contains(key),
        "the key is not repeated on stderr"
    );
    assert_eq!(
        json.get("scopes"),
        Some(&serde_json::json!(["integrations:read"])),
        "the scopes are echoed"
    );
    assert_eq!(
        json.get("label").and_then(Value::as_str),
        Some("ci"),
        "the label is echoed"
    );
    assert!(
        json.get("id")
            .and_then(Value::as_str)
            .is_some_and(|id| !id.is_empty() && !key.contains(id)),
        "the key has an id that is not part of the secret: {json}"
    );
    assert!(
        workspace.join("bindery.db").is_file(),
        "keys create makes the workspace"
    );
    assert!(
        !workspace.join("demo").exists(),
        "keys create does not seed the demo"
    );
    assert_not_stored(&workspace, key);
    let secret = key.trim_start_matches("bindery_sk_");
    assert_not_stored(&workspace, secret);

    // Human output: the key alone on stdout, the note on stderr.
    let output = run(bindery(scratch.path())
        .args(["keys", "create", "--workspace"])
        .arg(&workspace)
        .args(["--scopes", "integrations:read,integrations:write"]));
    assert!(
        output.status.success(),
        "keys create exits 0: {}",
        stderr(&output)
    );
    let human_key = stdout(&output).trim().to_owned();
    assert!(
        human_key.starts_with("bindery_sk_") && !human_key.contains(char::is_whitespace),
        "without --json stdout is just the key: {human_key:?}"
    );
    assert_ne!(human_key, key, "each key is new");
    assert!(
        stderr(&output).contains("shown only this once") && !stderr(&output).contains(&human_key),
        "stderr says the key is shown once, without repeating it: {}",
        stderr(&output)
    );
    assert_not_stored(&workspace, &human_key);
}

#[test]
fn keys_create_rejects_bad_scopes_with_exit_2() {
    let scratch = tempfile::tempdir().expect("a scratch dir");
    let workspace = scratch.path().join("ws");
    for scopes in ["integrations:admin", "integrations:read,nope", "", " , "] {
        let output = run(bindery(scratch.path())
            .args(["keys", "create", "--workspace"])
            .arg(&workspace)
            .args(["--scopes", scopes, "--json"]));
        assert_eq!(
            output.status.code(),
            Some(2),
            "scopes {scopes:?} are refused with exit 2: {}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains("error[validation_error]"),
            "scopes {scopes:?}: stderr names validation_error: {}",
            stderr(&output)
        );
        assert!(
            !stdout(&output).contains("bindery_sk_"),
            "scopes {scopes:?}: no key is printed"
        );
    }
    assert!(
        !workspace.exists(),
        "a refused key creates no workspace (scopes are checked first)"
    );
}

// ---------------------------------------------------------------------------------------------
// serve
// ---------------------------------------------------------------------------------------------

/// Kills the server child when the test ends, passed or failed.
struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `bindery serve` and returns the guard and the first stdout line.
fn start_server(scratch: &Path, workspace: &Path) -> (KillOnDrop, String) {
    let child = bindery(scratch)
        .args(["serve", "--port", "0", "--no-demo", "--workspace"])
        .arg(workspace)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("bindery serve starts");
    let mut guard = KillOnDrop(child);
    let stdout = guard.0.stdout.take().expect("the child's stdout is piped");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut reader = BufReader::new(stdout);
        let mut first = String::new();
        let _ = reader.read_line(&mut first);
        let _ = tx.send(first);
        // Keep draining so the child never blocks on a full pipe.
        let mut rest = String::new();
        while reader.read_line(&mut rest).map(|n| n > 0).unwrap_or(false) {
            rest.clear();
        }
    });
    let first = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("bindery serve prints its address within 60 s");
    (guard, first.trim_end().to_owned())
}

#[tokio::test]
async fn serve_prints_its_url_and_accepts_session_and_created_keys() {
    let scratch = tempfile::tempdir().expect("a scratch dir");
    let workspace = scratch.path().join("ws");
    // A key made before the server starts.
    let before = create_key(scratch.path(), &workspace, "integrations:read");

    let (mut server, first) = start_server(scratch.path(), &workspace);
    let rest = first
        .strip_prefix("Bindery is listening on http://127.0.0.1:")
        .expect("the first line names the loopback URL");
    let (port, token) = rest
        .split_once("/#token=")
        .expect("the URL carries the session token in its fragment");
    let port: u16 = port.parse().expect("the port is a number");
    assert_ne!(port, 0, "--port 0 picks a real port");
    assert!(
        token.starts_with("bindery_sk_"),
        "the session token is a key: {token:?}"
    );
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    let get = |key: String| {
        let client = client.clone();
        let url = format!("{base}/api/v1/integrations");
        async move {
            let response = client
                .get(url)
                .bearer_auth(key)
                .send()
                .await
                .expect("the server answers");
            let status = response.status();
            let body: Value = response.json().await.expect("the answer is JSON");
            (status, body)
        }
    };

    let (status, body) = get(token.to_owned()).await;
    assert_eq!(status.as_u16(), 200, "the session token reads: {body}");
    assert_eq!(
        body,
        serde_json::json!({"success": true, "data": []}),
        "with --no-demo the new workspace has no integrations"
    );

    let (status, body) = get(before.clone()).await;
    assert_eq!(
        status.as_u16(),
        200,
        "a key created before the server started works: {body}"
    );

    // A key created by another process while the server runs.
    let during = create_key(scratch.path(), &workspace, "integrations:read");
    let (status, body) = get(during.clone()).await;
    assert_eq!(
        status.as_u16(),
        200,
        "a key created while the server runs works at once: {body}"
    );

    let (status, body) = get("bindery_sk_wrong".to_owned()).await;
    assert_eq!(status.as_u16(), 401, "an unknown key is refused: {body}");

    // The OpenAPI document and the UI are served too.
    let openapi = client
        .get(format!("{base}/api/v1/openapi.json"))
        .send()
        .await
        .expect("the server answers");
    assert_eq!(openapi.status().as_u16(), 200, "openapi.json needs no key");

    // The session token is never stored; created keys only as hashes.
    assert_not_stored(&workspace, token);
    assert_not_stored(&workspace, &before);
    assert_not_stored(&workspace, &during);

    assert!(
        server
            .0
            .try_wait()
            .expect("the child can be polled")
            .is_none(),
        "the server is still running until it is stopped"
    );
    drop(server);

    // After the guard, nothing answers on the port.
    let after = client
        .get(format!("{base}/api/v1/openapi.json"))
        .timeout(Duration::from_secs(5))
        .send()
        .await;
    assert!(
        after.is_err(),
        "the server is gone once its guard is dropped"
    );
}

#[tokio::test]
async fn two_servers_on_one_workspace_share_keys_and_the_session_token_is_per_process() {
    let scratch = tempfile::tempdir().expect("a scratch dir");
    let workspace = scratch.path().join("ws");
    let (_a, first_a) = start_server(scratch.path(), &workspace);
    let (_b, first_b) = start_server(scratch.path(), &workspace);
    let parse = |line: &str| -> (String, String) {
        let rest = line
            .strip_prefix("Bindery is listening on ")
            .expect("the first line names the URL");
        let (url, token) = rest.split_once("#token=").expect("a token fragment");
        (url.trim_end_matches('/').to_owned(), token.to_owned())
    };
    let (url_a, token_a) = parse(&first_a);
    let (url_b, _token_b) = parse(&first_b);
    assert_ne!(url_a, url_b, "two servers on port 0 get different ports");
    let client = reqwest::Client::new();
    let status = |url: String, key: String| {
        let client = client.clone();
        async move {
            client
                .get(format!("{url}/api/v1/integrations"))
                .bearer_auth(key)
                .send()
                .await
                .expect("the server answers")
                .status()
                .as_u16()
        }
    };
    assert_eq!(
        status(url_a.clone(), token_a.clone()).await,
        200,
        "A's session token works on A"
    );
    assert_eq!(
        status(url_b.clone(), token_a.clone()).await,
        401,
        "A's session token is in A's memory only, so B refuses it"
    );
    let key = create_key(scratch.path(), &workspace, "integrations:read");
    assert_eq!(
        status(url_a, key.clone()).await,
        200,
        "a stored key works on A"
    );
    assert_eq!(status(url_b, key).await, 200, "a stored key works on B");
}

// ---------------------------------------------------------------------------------------------
// demo
// ---------------------------------------------------------------------------------------------

#[test]
fn demo_writes_a_database_that_discovers() {
    let scratch = tempfile::tempdir().expect("a scratch dir");
    let file = scratch.path().join("demo.db");
    let output = run(bindery(scratch.path()).arg("demo").arg(&file));
    assert!(
        output.status.success(),
        "bindery demo FILE exits 0: {}",
        stderr(&output)
    );
    assert!(file.is_file(), "the demo database is written");
    assert!(
        stdout(&output).starts_with("Wrote "),
        "bindery demo says what it wrote: {}",
        stdout(&output)
    );
    let discovered = run(bindery(scratch.path())
        .args(["discover", "sqlite"])
        .arg(&file)
        .arg("--json"));
    assert!(
        discovered.status.success(),
        "the demo database discovers: {}",
        stderr(&discovered)
    );
    let json: Value = serde_json::from_str(&stdout(&discovered)).expect("discover --json is JSON");
    assert!(
        json.pointer("/schema/objects")
            .and_then(Value::as_array)
            .is_some_and(|o| o
                .iter()
                .any(|o| o.get("name").and_then(Value::as_str) == Some("customers"))),
        "the demo has a customers table"
    );

    let again = run(bindery(scratch.path()).arg("demo").arg(&file));
    assert_eq!(
        again.status.code(),
        Some(2),
        "bindery demo refuses to overwrite a file: {}",
        stderr(&again)
    );
    assert!(
        stderr(&again).contains("error[validation_error]"),
        "overwriting is a validation error: {}",
        stderr(&again)
    );
}

/// `bindery serve` stops gracefully on SIGTERM (what service managers and harnesses send):
/// exit 0, the port closed, and the workspace usable by the next process.
#[cfg(unix)]
#[tokio::test]
async fn serve_exits_cleanly_on_sigterm() {
    let scratch = tempfile::tempdir().expect("a scratch dir");
    let workspace = scratch.path().join("ws");
    let (mut server, first) = start_server(scratch.path(), &workspace);
    let url = first
        .strip_prefix("Bindery is listening on ")
        .and_then(|rest| rest.split_once("/#token="))
        .map(|(url, _)| url.to_owned())
        .expect("the first line names the URL");
    let client = reqwest::Client::new();
    let openapi = client
        .get(format!("{url}/api/v1/openapi.json"))
        .send()
        .await
        .expect("the server answers before the signal");
    assert_eq!(openapi.status().as_u16(), 200, "the server is up");

    let pid = server.0.id().to_string();
    let sent = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill(1) runs");
    assert!(sent.success(), "SIGTERM is delivered to the server child");
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = server.0.try_wait().expect("the child can be polled") {
            break Some(status);
        }
        if std::time::Instant::now() > deadline {
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(
        status.is_some_and(|s| s.success()),
        "bindery serve exits 0 within 20 s of SIGTERM, got {status:?}"
    );
    let after = client
        .get(format!("{url}/api/v1/openapi.json"))
        .timeout(Duration::from_secs(5))
        .send()
        .await;
    assert!(after.is_err(), "after SIGTERM nothing answers on the port");
    // The workspace was closed cleanly: another process opens it at once.
    let key = create_key(scratch.path(), &workspace, "integrations:read");
    assert!(
        key.starts_with("bindery_sk_"),
        "the workspace is usable after a graceful stop"
    );
}
