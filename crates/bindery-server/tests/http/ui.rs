//! The static browser UI: SPA fallback, asset caching, and no escape from `ui/dist`.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use reqwest::header::CACHE_CONTROL;
use reqwest::StatusCode;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::support::Server;

fn ui_dist() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/dist")
}

#[tokio::test]
async fn ui_is_served_with_spa_fallback_and_cached_assets() {
    let server = Server::start().await;
    let dist = ui_dist();
    let root = server.get("/", None).await;
    assert!(
        root.content_type().starts_with("text/html"),
        "/ serves HTML: {:?}",
        root.content_type()
    );
    assert_eq!(
        root.headers
            .get("x-content-type-options")
            .and_then(|v| v.to_str().ok()),
        Some("nosniff"),
        "every response carries nosniff"
    );
    if !dist.join("index.html").exists() {
        assert_eq!(
            root.status,
            StatusCode::SERVICE_UNAVAILABLE,
            "without ui/dist the server says the UI is not built"
        );
        server.stop().await;
        return;
    }
    let index = std::fs::read_to_string(dist.join("index.html")).expect("read ui/dist/index.html");
    assert_eq!(root.status, StatusCode::OK, "/ serves the UI");
    assert_eq!(root.text, index, "/ serves ui/dist/index.html");
    assert_eq!(
        root.headers
            .get(CACHE_CONTROL)
            .and_then(|v| v.to_str().ok()),
        Some("no-cache"),
        "index.html is revalidated so new builds show up"
    );

    for spa in [
        "/browser",
        "/browser/demo_fieldservice/customers",
        "/index.html",
    ] {
        let answer = server.get(spa, None).await;
        assert_eq!(
            answer.status,
            StatusCode::OK,
            "{spa} falls back to the index"
        );
        assert_eq!(answer.text, index, "{spa} serves index.html");
    }

    // A missing file is a plain 404, not the app: a stale asset must not parse HTML as JS.
    for missing in [
        "/favicon.ico",
        "/assets/index-00000000.js",
        "/browser/logo.png",
    ] {
        let answer = server.get(missing, None).await;
        assert_eq!(
            answer.status,
            StatusCode::NOT_FOUND,
            "{missing} does not exist, so it is a 404"
        );
        assert_ne!(
            answer.text, index,
            "{missing} is not answered with the index"
        );
    }

    let asset = std::fs::read_dir(dist.join("assets"))
        .expect("ui/dist/assets exists")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n.ends_with(".js"))
        .expect("a built JS asset");
    let answer = server.get(&format!("/assets/{asset}"), None).await;
    assert_eq!(answer.status, StatusCode::OK, "/assets/{asset} is served");
    let cache = answer
        .headers
        .get(CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    assert!(
        cache.contains("max-age=31536000") && cache.contains("immutable"),
        "hashed assets are cached for a year: {cache:?}"
    );
    assert!(
        answer.content_type().contains("javascript"),
        "a .js asset has a JavaScript content type: {:?}",
        answer.content_type()
    );
    server.stop().await;
}

/// Sends a raw request line (no client-side path normalisation) and returns the response text.
async fn raw_get(addr: SocketAddr, target: &str) -> String {
    let mut stream = tokio::net::TcpStream::connect(addr)
        .await
        .expect("connect to the server");
    let request = format!("GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    stream
        .write_all(request.as_bytes())
        .await
        .expect("send the request");
    let mut buf = Vec::new();
    stream
        .read_to_end(&mut buf)
        .await
        .expect("read the response");
    String::from_utf8_lossy(&buf).into_owned()
}

#[tokio::test]
async fn ui_does_not_serve_files_outside_dist() {
    let server = Server::start().await;
    // Cargo.toml at the workspace root is two levels above ui/dist.
    let marker = "[workspace.dependencies]";
    for target in [
        "/../../Cargo.toml",
        "/assets/../../../Cargo.toml",
        "/..%2f..%2fCargo.toml",
        "/%2e%2e/%2e%2e/Cargo.toml",
    ] {
        let response = raw_get(server.addr, target).await;
        assert!(
            !response.contains(marker),
            "{target} must not escape ui/dist: {}",
            response.lines().next().unwrap_or("")
        );
    }
    server.stop().await;
}
