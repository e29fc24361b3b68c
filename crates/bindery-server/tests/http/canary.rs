//! Canary secrets never leak: providers connected over HTTP with canary credentials — a GraphQL
//! endpoint behind a bearer token, a PostgreSQL login's password, an OAuth client secret and the
//! tokens the sign-in gives — are discovered, browsed, checked and disconnected; then every API
//! answer, every log line of the process (captured at TRACE) and every file of the workspace is
//! searched for each canary: zero hits.

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

use bindery_testkit::{
    GraphqlDouble, GraphqlOptions, OidcBrowser, OidcDouble, OidcOptions, PostgresServer,
};
use serde_json::{json, Value};

use crate::support::{Answer, Server};

const TOKEN: &str = "canary-gql-token-4e8b1c";
const PASSWORD: &str = "canary-pg-password-93d2";
const SDL: &str =
    "type Query { customer(id: ID!): Customer } type Customer { id: ID! email: String }";

/// Every log line of this test binary, at TRACE.
fn logs() -> &'static Arc<Mutex<Vec<u8>>> {
    static LOGS: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    LOGS.get_or_init(|| {
        let buffer = Arc::new(Mutex::new(Vec::new()));
        let writer = Arc::clone(&buffer);
        let _ = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_writer(move || LogWriter(Arc::clone(&writer)))
            .try_init();
        buffer
    })
}

struct LogWriter(Arc<Mutex<Vec<u8>>>);

impl Write for LogWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut buffer) = self.0.lock() {
            buffer.extend_from_slice(bytes);
        }
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

struct Recorder<'s> {
    server: &'s Server,
    answers: Vec<String>,
}

impl Recorder<'_> {
    async fn call(&mut self, method: reqwest::Method, path: &str, body: Option<Value>) -> Answer {
        let answer = self
            .server
            .send(
                method,
                &format!("/api/v1{path}"),
                Some(&self.server.rw_key),
                body.as_ref(),
            )
            .await;
        self.answers.push(answer.text.clone());
        answer
    }
}

/// The OAuth tokens sealed for `kind`, opened with the workspace's key file.
async fn sealed_tokens(workspace: &std::path::Path, kind: &str) -> Vec<String> {
    let store = bindery_store::Store::open(workspace)
        .await
        .expect("the store opens");
    let workspace_id = store
        .meta("workspace.id")
        .await
        .expect("meta")
        .expect("an id");
    let record = store
        .get_credential(kind)
        .await
        .expect("read")
        .expect("a credential");
    store.close().await;
    let key_file = workspace.join("keys").join("vault.key");
    let vault =
        bindery_vault::Vault::open(&bindery_vault::KeySource::KeyFile(key_file), &workspace_id)
            .expect("the vault opens");
    let sealed = bindery_vault::Sealed {
        nonce: record.nonce,
        ciphertext: record.ciphertext,
        key_id: record.key_id,
    };
    let secrets = vault.unseal(kind, &sealed).expect("opens");
    ["accessToken", "refreshToken"]
        .iter()
        .filter_map(|field| secrets.get(field).map(|s| s.expose().to_owned()))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn canary_secrets_are_in_no_answer_log_or_workspace_file() {
    let logs = logs();
    let scratch = tempfile::tempdir().expect("tempdir");
    let sdl = scratch.path().join("shop.graphql");
    std::fs::write(&sdl, SDL).expect("write SDL");
    let options = GraphqlOptions {
        token: Some(TOKEN.to_owned()),
        ..GraphqlOptions::default()
    };
    let Some(gql) = GraphqlDouble::start(&sdl, options).expect("the GraphQL double starts") else {
        return;
    };
    let Some(pg) = PostgresServer::start().expect("PostgreSQL starts") else {
        return;
    };
    pg.create_database("canary").expect("database");
    pg.load_sql_text(
        "canary",
        "CREATE TABLE notes (id int PRIMARY KEY, body text);",
    )
    .expect("schema");
    pg.create_read_only_role("canary", "canary_reader", PASSWORD)
        .expect("role");
    let Some(oidc) = OidcDouble::start(OidcOptions {
        access_token_ttl: std::time::Duration::from_secs(3600),
    })
    .expect("the OIDC double starts") else {
        return;
    };
    let client_secret = OidcDouble::CONFIDENTIAL_CLIENT_SECRET;

    let server = Server::start().await;
    let mut api = Recorder {
        server: &server,
        answers: Vec::new(),
    };
    let post = reqwest::Method::POST;
    let get = reqwest::Method::GET;

    // A GraphQL endpoint behind a bearer token: discovery succeeds only if the token was sent.
    let gql_connect = json!({"sourceKind": "graphql", "credentials": {
        "url": gql.url(), "authMode": "bearer", "apiKey": TOKEN}});
    api.call(post.clone(), "/integrations/gql/connect", Some(gql_connect))
        .await
        .ok("connect gql");
    api.call(post.clone(), "/integrations/gql/discover", Some(json!({})))
        .await
        .ok("discover gql");
    api.call(get.clone(), "/integrations/gql/objects/Customer", None)
        .await
        .ok("browse gql");

    // A database login.
    let pg_connect = json!({"sourceKind": "postgres", "credentials": {"host": pg.host(), "port": pg.port().to_string(),
        "database": "canary", "user": "canary_reader", "password": PASSWORD, "sslmode": "disable"}});
    api.call(post.clone(), "/integrations/pg/connect", Some(pg_connect))
        .await
        .ok("connect pg");
    api.call(post.clone(), "/integrations/pg/discover", Some(json!({})))
        .await
        .ok("discover pg");
    api.call(get.clone(), "/integrations/pg/objects/public.notes", None)
        .await
        .ok("browse pg");

    // OAuth with a client secret, approved by the stand-in browser.
    let spec = r#"{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{}}"#;
    let idp_connect = json!({"sourceKind": "openapi", "credentials": {"text": spec,
        "authMode": "oauth2", "authorizeUrl": oidc.authorization_endpoint(),
        "tokenUrl": oidc.token_endpoint(), "revokeUrl": oidc.revocation_endpoint(),
        "clientId": OidcDouble::CONFIDENTIAL_CLIENT_ID, "clientSecret": client_secret,
        "scopes": "openid offline_access email"}});
    let started = api
        .call(post.clone(), "/integrations/idp/connect", Some(idp_connect))
        .await
        .ok("connect idp");
    let url = started["oauthUrl"]
        .as_str()
        .expect("an oauthUrl")
        .to_owned();
    let redirect = url::Url::parse(&url)
        .expect("url")
        .query_pairs()
        .find(|(k, _)| k == "redirect_uri")
        .map(|(_, v)| v.into_owned())
        .expect("redirect_uri");
    let browser = OidcBrowser::new();
    let approve = async {
        let callback = browser
            .approve(&url, &redirect, "alice")
            .await
            .expect("approved");
        browser.visit(&callback).await
    };
    let empty = json!({});
    let complete = server.post(
        "/api/v1/integrations/idp/connect/complete",
        Some(&server.rw_key),
        &empty,
    );
    let (page, done) = tokio::join!(approve, complete);
    assert_eq!(page.status, 200, "the browser gets the success page");
    api.answers.push(done.text.clone());
    done.ok("complete");
    // The tokens the sign-in gave, read white-box from the vault (the test holds the key file).
    let tokens = sealed_tokens(server.dir.path(), "idp").await;
    assert_eq!(tokens.len(), 2, "an access and a refresh token were sealed");
    api.call(get.clone(), "/integrations/idp/health", None)
        .await
        .ok("health");
    api.call(get.clone(), "/integrations", None)
        .await
        .ok("list");
    api.call(get.clone(), "/vault", None).await.ok("vault");

    for kind in ["gql", "pg", "idp"] {
        api.call(
            reqwest::Method::DELETE,
            &format!("/integrations/{kind}"),
            None,
        )
        .await
        .ok("disconnect");
    }
    let answers = api.answers.join("\n");
    let workspace_files = bindery_testkit::files_under(server.dir.path());
    assert!(
        workspace_files
            .iter()
            .any(|(path, _)| path.ends_with("bindery.db")),
        "the workspace database is among the files searched"
    );
    server.stop().await;

    let log = String::from_utf8_lossy(&logs.lock().expect("logs").clone()).into_owned();
    assert!(log.contains("vault open"), "the log was captured");
    let mut canaries = vec![
        TOKEN.to_owned(),
        PASSWORD.to_owned(),
        client_secret.to_owned(),
    ];
    canaries.extend(tokens);
    for canary in &canaries {
        let canary = canary.as_str();
        assert!(!answers.contains(canary), "{canary} in an API answer");
        assert!(!log.contains(canary), "{canary} in a log line");
        for (path, bytes) in &workspace_files {
            assert!(
                !bindery_testkit::contains_bytes(bytes, canary),
                "{canary} in {}",
                path.display()
            );
        }
    }
}
