//! `bindery serve`: the printed URL, session and created keys, two servers on one workspace,
//! and a graceful stop on SIGTERM.

use std::io::{BufRead, BufReader};
use std::path::Path;
#[cfg(unix)]
use std::process::Command;
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::Value;

use crate::support::{assert_not_stored, bindery, create_key};

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
