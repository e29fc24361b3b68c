//! Binding, graceful shutdown, and reopening a workspace.

use crate::support::Server;

#[tokio::test]
async fn serve_uses_the_listener_it_is_given_and_stops_on_signal() {
    let server = Server::start().await;
    assert!(
        server.addr.ip().is_loopback(),
        "the test listener is on loopback"
    );
    assert_ne!(server.addr.port(), 0, "an ephemeral port was assigned");
    let answer = server
        .get("/api/v1/integrations", Some(&server.read_key))
        .await;
    answer.ok("the server answers on the address it was given");
    let addr = server.addr;
    server.stop().await;
    // After shutdown nothing listens there any more.
    let after = reqwest::Client::new()
        .get(format!("http://{addr}/api/v1/openapi.json"))
        .timeout(std::time::Duration::from_secs(5))
        .send()
        .await;
    assert!(
        after.is_err(),
        "after a graceful shutdown the port no longer answers"
    );
}

#[tokio::test]
async fn a_reopened_workspace_keeps_keys_and_providers() {
    let dir = tempfile::tempdir().expect("a tempdir");
    let path = dir.path().to_path_buf();
    let first = Server::start_in(dir).await;
    let key = first.read_key.clone();
    let dir = {
        // Stop the first server but keep its workspace directory.
        let Server {
            dir,
            shutdown,
            task,
            api,
            ..
        } = first;
        if let Some(tx) = shutdown {
            let _ = tx.send(());
        }
        if let Some(task) = task {
            let _ = task.await;
        }
        api.close().await;
        dir
    };
    assert_eq!(dir.path(), path, "the same workspace is reopened");
    let second = Server::start_in(dir).await;
    let list = second
        .get("/api/v1/integrations", Some(&key))
        .await
        .ok("a key from before the restart still works");
    assert_eq!(
        list.as_array().map(Vec::len),
        Some(1),
        "reopening does not seed the demo twice: {list}"
    );
    second.stop().await;
}
