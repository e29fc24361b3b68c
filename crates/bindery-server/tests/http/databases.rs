//! Server databases over HTTP against real PostgreSQL and MariaDB servers (bindery-testkit):
//! the generated least-privilege script creates a login that discovers and reads but cannot
//! write; `sql/test` passes it and flags a superuser; a wrong password is a failed check, not an
//! error; the password never comes back in any answer.

use std::sync::OnceLock;

use serde_json::{json, Value};
use sqlx::Connection;

use bindery_testkit::{MariadbServer, PostgresServer};

use crate::support::{array_of, count_of, str_of, Server};

const CANARY: &str = "canary-5f1e-db-password";

fn postgres() -> Option<&'static PostgresServer> {
    static SERVER: OnceLock<Option<PostgresServer>> = OnceLock::new();
    SERVER
        .get_or_init(|| {
            PostgresServer::start().expect("PostgreSQL starts (or is skipped outside CI)")
        })
        .as_ref()
}

fn statuses(result: &Value) -> Vec<(String, String)> {
    array_of(result, "checks")
        .iter()
        .map(|c| (str_of(c, "name").to_owned(), str_of(c, "status").to_owned()))
        .collect()
}

fn status_of<'a>(result: &'a Value, name: &str) -> &'a str {
    array_of(result, "checks")
        .iter()
        .find(|c| str_of(c, "name") == name)
        .map(|c| str_of(c, "status"))
        .unwrap_or("missing")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_generated_read_only_login_discovers_reads_and_cannot_write() {
    let Some(pg) = postgres() else { return };
    pg.create_database("shop_http").expect("database");
    pg.load_sql_text(
        "shop_http",
        "CREATE TABLE customers (id serial PRIMARY KEY, email text UNIQUE, phone text);
         CREATE TABLE orders (id serial PRIMARY KEY, customer_id int REFERENCES customers(id), total numeric(10,2));
         INSERT INTO customers (email, phone) VALUES ('a@example.test', '+15550100');",
    )
    .expect("schema");
    let server = Server::start().await;
    let scripts = server
        .get(
            "/api/v1/integrations/postgres/sql/scripts?database=shop_http&role=http_reader",
            Some(&server.read_key),
        )
        .await
        .ok("scripts");
    let password = str_of(&scripts, "generatedPassword").to_owned();
    pg.load_sql_text("shop_http", str_of(&scripts["readOnly"], "sql"))
        .expect("the generated script runs");

    let credentials = |user: &str, password: &str| {
        json!({"sourceKind": "postgres", "credentials": {
            "host": pg.host(), "port": pg.port().to_string(), "database": "shop_http",
            "user": user, "password": password, "sslmode": "disable"}})
    };
    let reader = server
        .post(
            "/api/v1/integrations/postgres/sql/test",
            Some(&server.rw_key),
            &credentials("http_reader", &password),
        )
        .await
        .ok("sql/test as the reader");
    assert_eq!(
        reader["ok"],
        json!(true),
        "the generated login passes every check: {:?}",
        statuses(&reader)
    );
    assert_eq!(
        array_of(&reader, "checks").len(),
        9,
        "every check is listed"
    );

    let admin = server
        .post(
            "/api/v1/integrations/postgres/sql/test",
            Some(&server.rw_key),
            &credentials(
                bindery_testkit::postgres::SUPERUSER,
                bindery_testkit::postgres::SUPERUSER_PASSWORD,
            ),
        )
        .await
        .ok("sql/test as the superuser");
    assert_eq!(admin["ok"], json!(false), "a superuser is flagged");
    assert_eq!(
        status_of(&admin, "notSuperuser"),
        "failed",
        "superuser check: {:?}",
        statuses(&admin)
    );
    assert_eq!(
        status_of(&admin, "cannotWrite"),
        "failed",
        "write check: {:?}",
        statuses(&admin)
    );

    let wrong = server
        .post(
            "/api/v1/integrations/postgres/sql/test",
            Some(&server.rw_key),
            &credentials("http_reader", CANARY),
        )
        .await
        .ok("a wrong password is still 200");
    assert_eq!(
        status_of(&wrong, "authentication"),
        "failed",
        "{:?}",
        statuses(&wrong)
    );
    assert_eq!(
        status_of(&wrong, "notSuperuser"),
        "skipped",
        "later checks are skipped"
    );
    assert!(
        !wrong.to_string().contains(CANARY),
        "the password never comes back: {wrong}"
    );

    server
        .post(
            "/api/v1/integrations/shop_pg/connect",
            Some(&server.rw_key),
            &credentials("http_reader", &password),
        )
        .await
        .ok("connect");
    let discovered = server
        .post(
            "/api/v1/integrations/shop_pg/discover",
            Some(&server.rw_key),
            &json!({}),
        )
        .await
        .ok("discover");
    assert_eq!(
        count_of(&discovered, "objectCount"),
        2,
        "customers and orders: {discovered}"
    );
    let list = server
        .get("/api/v1/integrations", Some(&server.read_key))
        .await
        .ok("integrations");
    assert!(
        !list.to_string().contains(&password),
        "the password is in no answer"
    );
    assert!(
        list.to_string().contains("http_reader@127.0.0.1"),
        "the location names the login: {list}"
    );

    let url = format!(
        "postgres://http_reader:{password}@127.0.0.1:{}/shop_http?sslmode=disable",
        pg.port()
    );
    let mut conn = sqlx::PgConnection::connect(&url)
        .await
        .expect("the reader logs in");
    let read: i64 = sqlx::query_scalar("SELECT count(*) FROM customers")
        .fetch_one(&mut conn)
        .await
        .expect("the reader reads");
    assert_eq!(read, 1, "one customer");
    for write in [
        "INSERT INTO customers (email) VALUES ('b@example.test')",
        "UPDATE customers SET phone = NULL",
        "DELETE FROM orders",
        "CREATE TABLE intruder (id int)",
    ] {
        assert!(
            sqlx::query(write).execute(&mut conn).await.is_err(),
            "the reader cannot: {write}"
        );
    }
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mysql_generated_read_only_login_passes_and_root_is_flagged() {
    let Some(my) = MariadbServer::shared().expect("MariaDB starts (or is skipped outside CI)")
    else {
        return;
    };
    let database = my.fresh_database("http").expect("database");
    my.execute(
        Some(&database),
        "CREATE TABLE customers (id INT AUTO_INCREMENT PRIMARY KEY, email VARCHAR(200) UNIQUE)",
    )
    .expect("schema");
    let server = Server::start().await;
    let scripts = server
        .get(
            &format!("/api/v1/integrations/mysql/sql/scripts?database={database}&role=http_reader"),
            Some(&server.read_key),
        )
        .await
        .ok("scripts");
    my.execute(None, str_of(&scripts["readOnly"], "sql"))
        .expect("the generated script runs");
    let password = str_of(&scripts, "generatedPassword").to_owned();
    let credentials = |user: &str, password: &str| {
        json!({"sourceKind": "mysql", "credentials": {
            "host": "127.0.0.1", "port": my.port().to_string(), "database": database,
            "user": user, "password": password, "sslmode": "disable"}})
    };
    let reader = server
        .post(
            "/api/v1/integrations/mysql/sql/test",
            Some(&server.rw_key),
            &credentials("http_reader", &password),
        )
        .await
        .ok("sql/test as the reader");
    assert_eq!(
        reader["ok"],
        json!(true),
        "the generated login passes: {:?}",
        statuses(&reader)
    );
    let root = server
        .post(
            "/api/v1/integrations/mysql/sql/test",
            Some(&server.rw_key),
            &credentials("root", my.password()),
        )
        .await
        .ok("sql/test as root");
    assert_eq!(
        status_of(&root, "notSuperuser"),
        "failed",
        "root is flagged: {:?}",
        statuses(&root)
    );
    server.stop().await;
}
