//! The mapping rules on small hand-written databases, the read-only login, and the constant
//! number of catalog queries.

use bindery_discovery::sql::mysql::CATALOG_QUERIES;
use bindery_discovery::Registry;
use bindery_schema::{FieldType, SourceKind};

use super::{
    codes, connection, database_with, discover, discover_as_root, field, object, opencart, sakila,
    server,
};

#[tokio::test]
async fn columns_map_enums_json_generated_booleans_and_comments() {
    let Some(server) = server() else { return };
    let db = database_with(
        server,
        "columns",
        "CREATE TABLE ticket (
           id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
           mood ENUM('it''s fine','a\\\\b','x,y','') NOT NULL DEFAULT 'it''s fine' COMMENT 'How it went',
           doc JSON,
           total DECIMAL(12,2) AS (price * 2) STORED,
           price DECIMAL(10,2) CHECK (price >= 0),
           active TINYINT(1) NOT NULL DEFAULT 1,
           tags SET('a','b'),
           made YEAR,
           CONSTRAINT positive CHECK (made > 1900)
         ) COMMENT 'Support tickets';",
    );
    let discovered = discover_as_root(server, &db).await;
    let schema = &discovered.value;
    assert_eq!(codes(&discovered), Vec::<&str>::new(), "no warnings");
    let mood = field(schema, "ticket", "mood");
    assert_eq!(
        mood.ty,
        FieldType::Enum {
            values: vec![
                "it's fine".into(),
                "a\\b".into(),
                "x,y".into(),
                String::new()
            ]
        },
        "enum values in declaration order, quotes and backslashes unescaped"
    );
    assert_eq!(
        mood.description.as_deref(),
        Some("How it went"),
        "column comment"
    );
    assert!(!mood.required, "a column with a default is not required");
    let label = |name: &str| field(schema, "ticket", name).ty.label();
    assert_eq!(
        [
            label("id"),
            label("doc"),
            label("price"),
            label("active"),
            label("tags"),
            label("made")
        ],
        ["integer", "json", "number", "boolean", "string", "integer"].map(String::from),
        "column types"
    );
    assert_eq!(
        field(schema, "ticket", "doc").native_type.as_deref(),
        Some("json"),
        "MariaDB's JSON (LONGTEXT + json_valid check) is called json"
    );
    let ticket = object(schema, "ticket");
    assert_eq!(
        ticket.description.as_deref(),
        Some("Support tickets"),
        "table comment"
    );
    let mut checks: Vec<&str> = ticket
        .checks
        .iter()
        .map(|c| c.expression.as_str())
        .collect();
    checks.sort_unstable();
    assert_eq!(
        checks,
        ["`made` > 1900", "`price` >= 0", "json_valid(`doc`)"],
        "check constraints"
    );
    let insert = schema
        .operations
        .iter()
        .find(|o| o.id == "sql:insert:ticket")
        .expect("an insert operation");
    let arguments: Vec<&str> = insert.arguments.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(
        arguments,
        ["mood", "doc", "price", "active", "tags", "made"],
        "neither the auto_increment key nor the generated column is written"
    );
    assert!(
        ticket.origin == format!("mysql:{db}.ticket"),
        "origin names the database: {}",
        ticket.origin
    );
}

#[tokio::test]
async fn composite_foreign_keys_keep_their_column_order() {
    let Some(server) = server() else { return };
    let db = database_with(
        server,
        "composite",
        "CREATE TABLE warehouse (region CHAR(2) NOT NULL, code INT NOT NULL,
           PRIMARY KEY (region, code), UNIQUE KEY by_code (code, region));
         CREATE TABLE bin (id INT PRIMARY KEY, region CHAR(2), code INT,
           CONSTRAINT bin_in_warehouse FOREIGN KEY (region, code) REFERENCES warehouse (region, code),
           CONSTRAINT bin_by_code FOREIGN KEY (code, region) REFERENCES warehouse (code, region));",
    );
    let discovered = discover_as_root(server, &db).await;
    let schema = &discovered.value;
    let mut edges: Vec<(String, Vec<String>, Vec<String>)> = schema
        .edges
        .iter()
        .map(|e| {
            assert_eq!(
                (e.from.object.as_str(), e.to.object.as_str()),
                ("bin", "warehouse"),
                "edge ends"
            );
            (
                e.name.clone().unwrap_or_default(),
                e.from.fields.clone(),
                e.to.fields.clone(),
            )
        })
        .collect();
    edges.sort();
    let pair = |a: &str, b: &str| vec![a.to_owned(), b.to_owned()];
    assert_eq!(
        edges,
        [
            (
                "bin_by_code".into(),
                pair("code", "region"),
                pair("code", "region")
            ),
            (
                "bin_in_warehouse".into(),
                pair("region", "code"),
                pair("region", "code")
            ),
        ],
        "two composite foreign keys, columns in key order"
    );
    let warehouse = object(schema, "warehouse");
    assert_eq!(
        warehouse.primary_key,
        ["region", "code"],
        "composite primary key"
    );
    let by_code = warehouse
        .indexes
        .iter()
        .find(|i| i.name == "by_code")
        .expect("the unique index");
    assert_eq!(
        (by_code.columns.as_slice(), by_code.unique),
        (["code".to_owned(), "region".to_owned()].as_slice(), true),
        "SEQ_IN_INDEX order"
    );
    let ids: Vec<&str> = schema.operations.iter().map(|o| o.id.as_str()).collect();
    for id in [
        "sql:select:warehouse.by_region_and_code",
        "sql:select:warehouse.by_code_and_region",
        "sql:list:bin.by_code",
    ] {
        assert!(ids.contains(&id), "{id} is offered: {ids:?}");
    }
}

#[tokio::test]
async fn sequences_and_broken_views_are_skipped_with_a_warning() {
    let Some(server) = server() else { return };
    let db = database_with(
        server,
        "skips",
        "CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(10));
         CREATE TABLE history (x INT) WITH SYSTEM VERSIONING;
         CREATE SEQUENCE numbers;
         CREATE VIEW names AS SELECT name FROM t;
         ALTER TABLE t DROP COLUMN name;",
    );
    let discovered = discover_as_root(server, &db).await;
    let names: Vec<&str> = discovered
        .value
        .objects
        .iter()
        .map(|o| o.name.as_str())
        .collect();
    assert_eq!(
        names,
        ["history", "t"],
        "tables read, sequence and broken view not"
    );
    let skipped: Vec<&str> = discovered
        .diagnostics
        .iter()
        .filter(|d| d.code == "discovery/sql-relation-skipped")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(skipped.len(), 2, "two skips reported: {skipped:?}");
    assert!(
        skipped.iter().any(|m| m.starts_with("numbers "))
            && skipped.iter().any(|m| m.starts_with("names ")),
        "the sequence and the view are named: {skipped:?}"
    );
}

#[tokio::test]
async fn a_read_only_login_discovers_the_same_schema() {
    let Some(server) = server() else { return };
    let db = sakila(server);
    server
        .create_read_only_user("reader", "reader-pw-1", db)
        .expect("a read-only login");
    let as_root = discover_as_root(server, db).await;
    let as_reader = discover(connection(&server.url_for("reader", "reader-pw-1", db)))
        .await
        .expect("the read-only login discovers");
    assert_eq!(
        as_reader.value.fingerprint(),
        as_root.value.fingerprint(),
        "SELECT and SHOW VIEW are enough to read the whole catalog"
    );
}

#[tokio::test]
async fn the_number_of_catalog_queries_does_not_grow_with_the_tables() {
    let Some(server) = server() else { return };
    let small = database_with(
        server,
        "small",
        "CREATE TABLE only_one (id INT PRIMARY KEY);",
    );
    let databases = [small.as_str(), sakila(server), opencart(server)];
    // The server's general log, read per login: independent of the code under test.
    server
        .execute(
            None,
            "SET GLOBAL log_output = 'TABLE'; SET GLOBAL general_log = 1;",
        )
        .expect("general log on");
    let mut per_database = Vec::new();
    for (i, db) in databases.iter().enumerate() {
        let user = format!("counted_{i}");
        server
            .create_read_only_user(&user, "counted-pw", db)
            .expect("a login per database");
        discover(connection(&server.url_for(&user, "counted-pw", db)))
            .await
            .expect("discovers");
        let statements = |filter: &str| -> usize {
            server
                .query(
                    "mysql",
                    &format!(
                        "SELECT COUNT(*) FROM general_log WHERE user_host LIKE '{user}[%' \
                         AND command_type IN ('Query', 'Execute') {filter}"
                    ),
                )
                .expect("read the general log")
                .parse()
                .expect("a count")
        };
        per_database.push((
            statements(""),
            statements("AND argument LIKE '%information_schema%'"),
        ));
    }
    server
        .execute(None, "SET GLOBAL general_log = 0;")
        .expect("general log off");
    eprintln!("statements per discovery (all, catalog): {per_database:?}");
    let tables: Vec<usize> = databases
        .iter()
        .map(|db| {
            server
                .query(
                    "information_schema",
                    &format!("SELECT COUNT(*) FROM TABLES WHERE TABLE_SCHEMA = '{db}'"),
                )
                .expect("count")
                .parse()
                .expect("a number")
        })
        .collect();
    assert!(
        tables.windows(2).all(|w| w[0] < w[1]),
        "the databases grow: {tables:?}"
    );
    for (db, (all, catalog)) in databases.iter().zip(&per_database) {
        assert_eq!(*catalog, CATALOG_QUERIES, "{db}: catalog queries");
        assert_eq!(
            (*all, *catalog),
            per_database[0],
            "{db}: the same statements whatever the number of tables"
        );
    }
}

#[test]
fn the_registry_discovers_mysql() {
    assert!(
        Registry::default().kinds().contains(&SourceKind::Mysql),
        "MysqlDiscoverer is registered"
    );
}
