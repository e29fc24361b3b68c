//! The harness every test shares: a running server over a fresh workspace, the request
//! helpers, the envelope and problem assertions, and small JSON accessors.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use bindery_api::{Bindery, OpenOptions, Scope};
use reqwest::header::{HeaderMap, CONTENT_TYPE};
use reqwest::{Method, StatusCode};
use serde_json::Value;
use tempfile::TempDir;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub(crate) const DEMO: &str = "demo_fieldservice";

/// A running server over a fresh workspace, with keys of each scope set.
pub(crate) struct Server {
    pub(crate) dir: TempDir,
    pub(crate) addr: SocketAddr,
    pub(crate) base: String,
    pub(crate) client: reqwest::Client,
    pub(crate) api: Arc<Bindery>,
    /// `integrations:read` only.
    pub(crate) read_key: String,
    /// `integrations:write` only.
    pub(crate) write_key: String,
    /// `integrations:read` and `integrations:write`.
    pub(crate) rw_key: String,
    pub(crate) shutdown: Option<oneshot::Sender<()>>,
    pub(crate) task: Option<JoinHandle<std::io::Result<()>>>,
}

/// One HTTP answer, read fully.
pub(crate) struct Answer {
    /// The request path, without the query string.
    pub(crate) path: String,
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) text: String,
}

impl Answer {
    pub(crate) async fn read(response: reqwest::Response) -> Answer {
        Answer {
            path: response.url().path().to_owned(),
            status: response.status(),
            headers: response.headers().clone(),
            text: response.text().await.expect("the body is readable text"),
        }
    }

    pub(crate) fn content_type(&self) -> &str {
        self.headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    pub(crate) fn json(&self) -> Value {
        serde_json::from_str(&self.text).expect("the response body should be JSON")
    }

    /// Asserts a `{"success": true, "data": …}` envelope with status 200 and returns `data`.
    pub(crate) fn ok(&self, what: &str) -> Value {
        assert_eq!(
            self.status,
            StatusCode::OK,
            "{what}: expected 200, got {} with body {}",
            self.status,
            self.text
        );
        assert!(
            self.content_type().starts_with("application/json"),
            "{what}: a success is application/json, got {:?}",
            self.content_type()
        );
        let body = self.json();
        assert_eq!(
            body.get("success"),
            Some(&Value::Bool(true)),
            "{what}: a success carries success=true in its envelope: {}",
            self.text
        );
        let obj = body
            .as_object()
            .expect("the envelope should be a JSON object");
        assert_eq!(
            obj.len(),
            2,
            "{what}: the envelope holds exactly success and data: {}",
            self.text
        );
        body.get("data")
            .cloned()
            .expect("the envelope should carry data")
    }

    /// Asserts an RFC 9457 problem with this status and stable code; returns the body.
    pub(crate) fn problem(&self, status: u16, code: &str, what: &str) -> Value {
        assert_eq!(
            self.status.as_u16(),
            status,
            "{what}: expected status {status} ({code}), got {} with body {}",
            self.status,
            self.text
        );
        assert_eq!(
            self.content_type(),
            "application/problem+json",
            "{what}: errors are application/problem+json"
        );
        let body = self.json();
        for field in ["type", "title", "detail", "code"] {
            assert!(
                body.get(field).is_some_and(Value::is_string),
                "{what}: a problem has a string {field:?}: {}",
                self.text
            );
        }
        assert_eq!(
            body.get("status").and_then(Value::as_u64),
            Some(u64::from(status)),
            "{what}: the problem's status field repeats the HTTP status: {}",
            self.text
        );
        assert_eq!(
            body.get("code").and_then(Value::as_str),
            Some(code),
            "{what}: the stable code is the one clients branch on: {}",
            self.text
        );
        assert!(
            body.get("success").is_none(),
            "{what}: a problem is not wrapped in the success envelope: {}",
            self.text
        );
        assert_eq!(
            body.get("instance").and_then(Value::as_str),
            Some(self.path.as_str()),
            "{what}: every problem names the request path (without the query) as instance: {}",
            self.text
        );
        body
    }
}

impl Server {
    pub(crate) async fn start() -> Server {
        let dir = tempfile::tempdir().expect("a tempdir for the workspace");
        Server::start_in(dir).await
    }

    pub(crate) async fn start_in(dir: TempDir) -> Server {
        let api = Arc::new(
            Bindery::open(dir.path(), OpenOptions::default())
                .await
                .expect("the workspace opens and the demo is seeded"),
        );
        // No keyring service runs in tests: the vault's key lives in a 0600 file, as a person on
        // a headless machine would choose (here inside the throwaway directory, to be removed
        // with it).
        let key_file = dir.path().join("keys").join("vault.key");
        api.set_vault_key_source(bindery_api::VaultChoice {
            key_source: format!("file:{}", key_file.display()),
        })
        .await
        .expect("the vault opens with a key file");
        let read_key = api
            .create_api_key(&[Scope::IntegrationsRead], Some("read".to_owned()))
            .await
            .expect("a read key is created")
            .key;
        let write_key = api
            .create_api_key(&[Scope::IntegrationsWrite], None)
            .await
            .expect("a write key is created")
            .key;
        let rw_key = api
            .create_api_key(&[Scope::IntegrationsRead, Scope::IntegrationsWrite], None)
            .await
            .expect("a read-write key is created")
            .key;
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind an ephemeral loopback port");
        let addr = listener.local_addr().expect("the listener has an address");
        let (tx, rx) = oneshot::channel::<()>();
        let task = tokio::spawn(bindery_server::serve(listener, api.clone(), async move {
            let _ = rx.await;
        }));
        Server {
            dir,
            addr,
            base: format!("http://{addr}"),
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("a reqwest client"),
            api,
            read_key,
            write_key,
            rw_key,
            shutdown: Some(tx),
            task: Some(task),
        }
    }

    /// Sends a request to `path` (absolute, e.g. `/api/v1/integrations`).
    pub(crate) async fn send(
        &self,
        method: Method,
        path: &str,
        key: Option<&str>,
        body: Option<&Value>,
    ) -> Answer {
        let mut request = self.client.request(method, format!("{}{path}", self.base));
        if let Some(key) = key {
            request = request.bearer_auth(key);
        }
        if let Some(body) = body {
            request = request.json(body);
        }
        Answer::read(request.send().await.expect("the server answers")).await
    }

    pub(crate) async fn get(&self, path: &str, key: Option<&str>) -> Answer {
        self.send(Method::GET, path, key, None).await
    }

    pub(crate) async fn post(&self, path: &str, key: Option<&str>, body: &Value) -> Answer {
        self.send(Method::POST, path, key, Some(body)).await
    }

    pub(crate) async fn send_patch(&self, path: &str, key: Option<&str>, body: &Value) -> Answer {
        self.send(Method::PATCH, path, key, Some(body)).await
    }

    /// Sends raw headers (for malformed Authorization values).
    pub(crate) async fn get_with_headers(&self, path: &str, headers: HeaderMap) -> Answer {
        let response = self
            .client
            .get(format!("{}{path}", self.base))
            .headers(headers)
            .send()
            .await
            .expect("the server answers");
        Answer::read(response).await
    }

    /// Stops the server and waits for it to finish.
    pub(crate) async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            let result = tokio::time::timeout(std::time::Duration::from_secs(10), task)
                .await
                .expect("the server stops within 10 s of the shutdown signal")
                .expect("the server task does not panic");
            assert!(
                result.is_ok(),
                "serve returns Ok after a graceful shutdown: {result:?}"
            );
        }
        self.api.close().await;
    }
}

/// Makes a small SQLite database: customers <- orders (FK), plus a standalone table.
pub(crate) async fn make_shop_db(path: &Path) {
    use sqlx::sqlite::SqliteConnectOptions;
    use sqlx::{ConnectOptions, Connection, Executor};
    let mut conn = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .connect()
        .await
        .expect("create the shop database");
    conn.execute(
        "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, phone TEXT UNIQUE);
         CREATE TABLE orders (
             id INTEGER PRIMARY KEY,
             customer_id INTEGER NOT NULL REFERENCES customers (id),
             total_cents INTEGER NOT NULL
         );
         CREATE INDEX idx_orders_customer_id ON orders (customer_id);
         CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT);
         INSERT INTO customers (name, phone) VALUES ('Ada', '+15035550100');
         INSERT INTO orders (customer_id, total_cents) VALUES (1, 1200);",
    )
    .await
    .expect("create the shop tables");
    conn.close().await.expect("close the shop database");
}

pub(crate) fn str_of<'a>(value: &'a Value, key: &str) -> &'a str {
    value.get(key).and_then(Value::as_str).unwrap_or("")
}

pub(crate) fn array_of<'a>(value: &'a Value, key: &str) -> &'a [Value] {
    value
        .get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

pub(crate) fn count_of(value: &Value, key: &str) -> u64 {
    value.get(key).and_then(Value::as_u64).unwrap_or(u64::MAX)
}

/// Every object key in a JSON value, recursively.
pub(crate) fn all_keys(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                out.push(k.clone());
                all_keys(v, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| all_keys(v, out)),
        _ => {}
    }
}
