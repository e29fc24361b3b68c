//! End-to-end tests of the demo database generator against real SQLite files.

use std::path::Path;
use std::time::Instant;

use bindery_demo::{create_demo_database, DemoError, DemoStats, DEMO_PROVIDER_KIND};
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sqlx::{Connection, Row};

const TODAY: &str = "2026-03-10";

const TABLES: [&str; 10] = [
    "customers",
    "properties",
    "technicians",
    "service_types",
    "technician_skills",
    "jobs",
    "appointments",
    "invoices",
    "invoice_line_items",
    "payments",
];

async fn open(path: &Path) -> SqliteConnection {
    let options = SqliteConnectOptions::new().filename(path).read_only(true);
    SqliteConnection::connect_with(&options)
        .await
        .expect("open the generated database")
}

async fn scalar(conn: &mut SqliteConnection, sql: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned()))
        .fetch_one(conn)
        .await
        .expect(sql)
}

/// Every row of a table rendered as text, in primary-key order.
async fn dump(conn: &mut SqliteConnection, table: &str) -> Vec<String> {
    let columns: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT name FROM pragma_table_info('{table}') ORDER BY cid"
    )))
    .fetch_all(&mut *conn)
    .await
    .expect("columns");
    let rendered = columns
        .iter()
        .map(|c| format!("quote({c})"))
        .collect::<Vec<_>>()
        .join(" || '|' || ");
    sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT {rendered} FROM {table} ORDER BY rowid"
    )))
    .fetch_all(conn)
    .await
    .expect("dump")
}

#[tokio::test]
async fn creates_a_sound_database_whose_stats_match() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("demo.db");
    let started = Instant::now();
    let stats = create_demo_database(&path, 42, TODAY)
        .await
        .expect("create the demo database");
    println!(
        "generated {} rows in {:?}: {stats:?}",
        stats.rows,
        started.elapsed()
    );
    assert_eq!(DEMO_PROVIDER_KIND, "demo_fieldservice");

    let mut conn = open(&path).await;
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&mut conn)
        .await
        .expect("integrity_check");
    assert_eq!(integrity, "ok");
    let violations = sqlx::query("PRAGMA foreign_key_check")
        .fetch_all(&mut conn)
        .await
        .expect("fk check");
    assert!(
        violations.is_empty(),
        "{} foreign-key violations",
        violations.len()
    );

    let expected = DemoStats {
        tables: scalar(
            &mut conn,
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'",
        )
        .await as usize,
        views: scalar(&mut conn, "SELECT count(*) FROM sqlite_master WHERE type = 'view'").await
            as usize,
        // Explicit indexes only: sqlite_autoindex_* (PRIMARY KEY/UNIQUE) have no SQL.
        indexes: scalar(
            &mut conn,
            "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex%'",
        )
        .await as usize,
        // Constraints, a composite key counted once.
        foreign_keys: scalar(
            &mut conn,
            "SELECT count(DISTINCT m.name || '#' || f.id) FROM sqlite_master m, \
             pragma_foreign_key_list(m.name) f WHERE m.type = 'table'",
        )
        .await as usize,
        rows: {
            let mut rows = 0;
            for table in TABLES {
                rows += scalar(&mut conn, &format!("SELECT count(*) FROM {table}")).await as u64;
            }
            rows
        },
    };
    assert_eq!(stats, expected);
    assert_eq!(
        (stats.tables, stats.views, stats.indexes, stats.foreign_keys),
        (10, 2, 15, 13)
    );

    for table in TABLES {
        let n = scalar(&mut conn, &format!("SELECT count(*) FROM {table}")).await;
        println!("{table:>20}: {n}");
        assert!(n > 0, "{table} is empty");
    }

    // The composite foreign key is there.
    let composite = scalar(
        &mut conn,
        "SELECT count(*) FROM pragma_foreign_key_list('appointments') \
         WHERE \"table\" = 'technician_skills'",
    )
    .await;
    assert_eq!(composite, 2);

    // Consistency the demo promises.
    let unpaid_paid = scalar(
        &mut conn,
        "SELECT count(*) FROM invoices i WHERE status = 'paid' AND total_cents <> \
         (SELECT COALESCE(SUM(amount_cents), 0) FROM payments p WHERE p.invoice_id = i.id)",
    )
    .await;
    assert_eq!(
        unpaid_paid, 0,
        "paid invoices whose payments do not sum to the total"
    );
    let wrong_totals = scalar(
        &mut conn,
        "SELECT count(*) FROM invoices i WHERE total_cents <> (SELECT SUM(quantity * unit_price_cents) \
         FROM invoice_line_items li WHERE li.invoice_id = i.id)",
    )
    .await;
    assert_eq!(
        wrong_totals, 0,
        "invoice totals differ from their line items"
    );
    let overlaps = scalar(
        &mut conn,
        "SELECT count(*) FROM appointments a JOIN appointments b ON a.technician_id = b.technician_id \
         AND a.id < b.id AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at",
    )
    .await;
    assert_eq!(overlaps, 0, "double-booked technicians");
    let future_done = scalar(
        &mut conn,
        &format!("SELECT count(*) FROM appointments WHERE status = 'completed' AND starts_at >= '{TODAY}'"),
    )
    .await;
    assert_eq!(future_done, 0);
    let future_paid = scalar(
        &mut conn,
        &format!("SELECT count(*) FROM payments WHERE paid_at >= '{TODAY}T'"),
    )
    .await;
    assert_eq!(future_paid, 0);
    let bad_emails = scalar(
        &mut conn,
        "SELECT count(*) FROM (SELECT email FROM customers UNION ALL SELECT email FROM technicians) \
         WHERE email IS NOT NULL AND email NOT LIKE '%@example.com' AND email NOT LIKE '%@example.net'",
    )
    .await;
    assert_eq!(bad_emails, 0);
    for view in ["upcoming_appointments", "open_invoices"] {
        sqlx::query(sqlx::AssertSqlSafe(format!("SELECT * FROM {view} LIMIT 5")))
            .fetch_all(&mut conn)
            .await
            .expect("the view runs");
    }
    let open = sqlx::query("SELECT customer_phone, balance_cents FROM open_invoices LIMIT 1")
        .fetch_one(&mut conn)
        .await
        .expect("some invoices are open");
    assert!(open.get::<String, _>(0).starts_with("+1"));
    assert!(open.get::<i64, _>(1) > 0);
    conn.close().await.expect("close");

    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("list the directory")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        ["demo.db"],
        "only the database remains (no .partial, no journal)"
    );
}

#[tokio::test]
async fn same_seed_and_day_give_the_same_rows() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b, c) = (
        dir.path().join("a.db"),
        dir.path().join("b.db"),
        dir.path().join("c.db"),
    );
    let stats_a = create_demo_database(&a, 7, TODAY).await.expect("first");
    let stats_b = create_demo_database(&b, 7, TODAY).await.expect("second");
    create_demo_database(&c, 8, TODAY)
        .await
        .expect("other seed");
    assert_eq!(stats_a, stats_b);
    let (mut ca, mut cb, mut cc) = (open(&a).await, open(&b).await, open(&c).await);
    for table in TABLES {
        assert_eq!(
            dump(&mut ca, table).await,
            dump(&mut cb, table).await,
            "{table} differs"
        );
    }
    assert_ne!(
        dump(&mut ca, "customers").await,
        dump(&mut cc, "customers").await
    );
}

#[tokio::test]
async fn refuses_an_existing_path_and_leaves_it_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("demo.db");
    std::fs::write(&path, b"precious").expect("write a file");
    let err = create_demo_database(&path, 1, TODAY)
        .await
        .expect_err("must refuse");
    assert!(
        matches!(&err, DemoError::AlreadyExists { path: p } if p == &path),
        "{err}"
    );
    assert_eq!(std::fs::read(&path).expect("read back"), b"precious");
    assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 1);
}

#[tokio::test]
async fn rejects_a_malformed_today_without_leaving_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("demo.db");
    let err = create_demo_database(&path, 1, "10/03/2026")
        .await
        .expect_err("must reject");
    assert!(matches!(err, DemoError::Write { .. }), "{err}");
    assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 0);
}

#[tokio::test]
async fn replaces_a_stale_partial_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("demo.db");
    std::fs::write(dir.path().join("demo.db.partial"), b"half a database").expect("write");
    create_demo_database(&path, 5, TODAY)
        .await
        .expect("create over a stale partial");
    assert!(!dir.path().join("demo.db.partial").exists());
    let mut conn = open(&path).await;
    assert!(scalar(&mut conn, "SELECT count(*) FROM customers").await > 0);
}

#[tokio::test]
async fn upcoming_appointments_follow_the_clock_of_the_database() {
    // The crate never reads the clock; this test asks SQLite for the date the view will use.
    let mut memory = SqliteConnection::connect("sqlite::memory:")
        .await
        .expect("in-memory db");
    let today: String = sqlx::query_scalar("SELECT date('now', 'localtime')")
        .fetch_one(&mut memory)
        .await
        .expect("today");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("demo.db");
    create_demo_database(&path, 11, &today)
        .await
        .expect("create");
    let mut conn = open(&path).await;
    let upcoming = scalar(&mut conn, "SELECT count(*) FROM upcoming_appointments").await;
    let scheduled = scalar(
        &mut conn,
        &format!("SELECT count(*) FROM appointments WHERE starts_at >= '{today}' AND status IN ('scheduled', 'en_route', 'in_progress')"),
    )
    .await;
    assert!(upcoming > 100, "only {upcoming} upcoming appointments");
    assert_eq!(upcoming, scheduled);
}
