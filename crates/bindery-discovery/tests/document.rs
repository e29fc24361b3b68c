//! Reading description documents: files, pasted text, and URLs served by a real HTTP server on
//! loopback (a raw TCP listener answering canned responses).

use bindery_discovery::document::MAX_DOCUMENT_BYTES;
use bindery_discovery::{DiscoveryError, DocumentSource};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// Serves `response` (raw HTTP) to every connection; returns the base URL.
async fn serve(response: Vec<u8>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind loopback");
    let addr = listener.local_addr().expect("local addr");
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let response = response.clone();
            tokio::spawn(async move {
                let mut request = [0u8; 4096];
                let _ = socket.read(&mut request).await;
                let _ = socket.write_all(&response).await;
                let _ = socket.shutdown().await;
            });
        }
    });
    format!("http://{addr}")
}

fn http(status: &str, headers: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status}\r\n{headers}connection: close\r\n\r\n").into_bytes();
    out.extend_from_slice(body);
    out
}

#[tokio::test]
async fn reads_files_text_and_urls() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("spec.yaml");
    std::fs::write(&file, "openapi: 3.0.0\n").expect("write");
    let from_file = DocumentSource::File(file).read().await.expect("file reads");
    assert_eq!(from_file, b"openapi: 3.0.0\n", "file bytes");
    assert_eq!(
        DocumentSource::from_argument("spec.yaml").name(),
        "spec.yaml",
        "name of a file"
    );

    let text = DocumentSource::Text {
        name: "pasted text".into(),
        text: "{}".into(),
    };
    assert_eq!(
        text.read().await.expect("text reads"),
        b"{}",
        "pasted bytes"
    );

    let body = br#"{"openapi":"3.1.0"}"#;
    let base = serve(http(
        "200 OK",
        &format!("content-length: {}\r\n", body.len()),
        body,
    ))
    .await;
    let url = format!("{base}/openapi.json");
    let source = DocumentSource::from_argument(&url);
    assert!(
        matches!(source, DocumentSource::Url(_)),
        "http arguments are URLs"
    );
    assert_eq!(
        source.read().await.expect("URL reads"),
        body,
        "fetched bytes"
    );
}

#[tokio::test]
async fn refuses_what_it_should_not_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = DocumentSource::File(dir.path().join("nope.yaml"))
        .read()
        .await;
    assert!(
        matches!(&missing, Err(e @ DiscoveryError::NotFound { .. }) if e.code() == "discovery/source-not-found"),
        "{missing:?}"
    );

    // A sparse file over the cap is refused from its metadata, without being read.
    let huge = dir.path().join("huge.yaml");
    let f = std::fs::File::create(&huge).expect("create");
    f.set_len(MAX_DOCUMENT_BYTES as u64 + 1)
        .expect("sparse length");
    let too_big = DocumentSource::File(huge).read().await;
    assert!(
        matches!(&too_big, Err(e @ DiscoveryError::NotADescription { .. }) if e.to_string().contains("64 MiB")),
        "{too_big:?}"
    );

    let scheme = DocumentSource::Url("file:///etc/passwd".into())
        .read()
        .await;
    assert!(
        matches!(scheme, Err(DiscoveryError::Unreadable { .. })),
        "only http(s) is fetched"
    );

    let base = serve(http("404 Not Found", "content-length: 0\r\n", b"")).await;
    let not_found = DocumentSource::Url(format!("{base}/x")).read().await;
    assert!(
        matches!(&not_found, Err(DiscoveryError::Unreadable { detail, .. }) if detail.contains("404")),
        "the status is reported: {not_found:?}"
    );

    let declared = format!("content-length: {}\r\n", MAX_DOCUMENT_BYTES + 1);
    let base = serve(http("200 OK", &declared, b"")).await;
    let big = DocumentSource::Url(format!("{base}/big")).read().await;
    assert!(
        matches!(big, Err(DiscoveryError::NotADescription { .. })),
        "a declared length over the cap is refused"
    );

    // Nothing listens on this port once the listener is dropped.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        l.local_addr().expect("addr").port()
    };
    let refused = DocumentSource::Url(format!("http://127.0.0.1:{port}/"))
        .read()
        .await;
    assert!(
        matches!(&refused, Err(DiscoveryError::Unreadable { detail, .. }) if detail.contains("connect")),
        "an unreachable host says so: {refused:?}"
    );
}
