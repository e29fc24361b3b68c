//! PostgreSQL discover beside `pg_dump --schema-only`, on MusicBrainz (371 tables, 762 foreign
//! keys) and a generated schema of 2,000 tables (10 columns each, a foreign key from each table
//! to the one before, 4,000 indexes).
//!
//! The server is bindery-testkit's throwaway PostgreSQL. Discover runs in-process over TCP with
//! scram (connect, five catalog queries, normalize); `pg_dump` runs as a process over TCP with the
//! same login, output to /dev/null. Runs interleave; the table quotes medians. Statements per
//! discovery are counted once each from the server log (`log_statement=all` for one role only).
//!
//! `cargo bench -p bindery-discovery --bench sql_postgres [-- RUNS]` (release profile).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use bindery_discovery::sql::postgres::{discover, fetch, STATEMENTS};
use bindery_discovery::sql::{Password, SqlConnection, SslMode};
use bindery_testkit::postgres::{SUPERUSER, SUPERUSER_PASSWORD};
use bindery_testkit::PostgresServer;

const LOGGED: &str = "bench_logged";
const LOGGED_PASSWORD: &str = "bench-logged-pass";
const TABLES: usize = 2000;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples.get(samples.len() / 2).copied().unwrap_or_default()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn fail(what: &str, error: impl std::fmt::Display) -> ! {
    eprintln!("{what}: {error}");
    std::process::exit(1);
}

/// `TABLES` tables of 10 columns; each references the one before and indexes that column.
fn synthetic() -> String {
    let mut sql = String::with_capacity(TABLES * 400);
    for i in 0..TABLES {
        let reference = if i == 0 {
            "integer".to_owned()
        } else {
            format!("integer REFERENCES t{:04} (id)", i - 1)
        };
        sql.push_str(&format!(
            "CREATE TABLE t{i:04} (id integer PRIMARY KEY, prev_id {reference}, name text NOT NULL, \
             email text, amount numeric(10,2), created timestamptz NOT NULL DEFAULT now(), \
             active boolean NOT NULL DEFAULT true, code varchar(20), notes text, payload jsonb);\n\
             CREATE INDEX t{i:04}_prev ON t{i:04} (prev_id);\n"
        ));
    }
    sql
}

fn connection(
    server: &PostgresServer,
    database: &str,
    user: &str,
    password: &str,
) -> SqlConnection {
    SqlConnection {
        host: server.host().to_owned(),
        port: server.port(),
        database: database.to_owned(),
        user: user.to_owned(),
        password: Some(Password::new(password)),
        ssl_mode: SslMode::Disable,
        root_cert: None,
        schemas: Vec::new(),
    }
}

fn pg_dump(server: &PostgresServer, database: &str, user: &str, password: &str) -> Duration {
    let started = Instant::now();
    let status = Command::new(server.bin_dir().join("pg_dump"))
        .args(["--schema-only", "-f", "/dev/null", "-h", server.host()])
        .args(["-p", &server.port().to_string(), "-U", user, "-d", database])
        .env("PGPASSWORD", password)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    let took = started.elapsed();
    match status {
        Ok(s) if s.success() => took,
        Ok(s) => fail("pg_dump", s),
        Err(e) => fail("pg_dump", e),
    }
}

/// Statements the logged role ran in `database`, from the server log.
fn logged_statements(log: &Path, database: &str) -> usize {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let marker = format!(" {LOGGED}@{database} LOG:  ");
    text.lines()
        .filter_map(|line| line.split_once(&marker).map(|(_, rest)| rest))
        .filter(|rest| rest.starts_with("statement:") || rest.starts_with("execute "))
        .count()
}

fn main() {
    let runs: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(11);
    let server = match PostgresServer::start() {
        Ok(Some(server)) => server,
        Ok(None) => return,
        Err(e) => fail("cannot start PostgreSQL", e),
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => fail("tokio", e),
    };
    println!(
        "PostgreSQL {} test server ready in {:.0} ms",
        server.major_version(),
        ms(server.started_in())
    );

    let fixtures = bindery_testkit::fixtures_dir().join("sql/postgres");
    let started = Instant::now();
    let loaded = server.create_database("musicbrainz").and_then(|()| {
        server.psql(
            "musicbrainz",
            "CREATE SCHEMA musicbrainz; CREATE EXTENSION cube; CREATE EXTENSION earthdistance;",
        )?;
        server.load_sql(
            "musicbrainz",
            &fixtures.join("musicbrainz/musicbrainz-core-schema.sql"),
        )
    });
    if let Err(e) = loaded {
        fail("cannot load MusicBrainz", e);
    }
    println!("musicbrainz loaded in {:.0} ms", ms(started.elapsed()));
    let started = Instant::now();
    let loaded = server
        .create_database("synthetic")
        .and_then(|()| server.load_sql_text("synthetic", &synthetic()));
    if let Err(e) = loaded {
        fail("cannot load the synthetic schema", e);
    }
    println!(
        "synthetic {TABLES} tables loaded in {:.0} ms",
        ms(started.elapsed())
    );
    if let Err(e) = server.psql(
        "postgres",
        &format!(
            "CREATE ROLE {LOGGED} LOGIN SUPERUSER PASSWORD '{LOGGED_PASSWORD}'; \
             ALTER ROLE {LOGGED} SET log_statement = 'all';"
        ),
    ) {
        fail("cannot create the logged role", e);
    }

    println!("\n{runs} interleaved runs, median ms (statements per discovery from the server log)");
    println!(
        "{:<14} {:>8} {:>7} {:>6} {:>9} {:>9} {:>9} {:>7} {:>6} {:>10}",
        "database",
        "objects",
        "fields",
        "edges",
        "fetch",
        "discover",
        "pg_dump",
        "ratio",
        "stmts",
        "pg_dump st"
    );
    for database in ["musicbrainz", "synthetic"] {
        let su = connection(&server, database, SUPERUSER, SUPERUSER_PASSWORD);
        let (mut ours, mut fetched, mut theirs) = (Vec::new(), Vec::new(), Vec::new());
        let mut summary = None;
        // One warm-up each, then interleaved runs.
        for run in 0..=runs {
            let started = Instant::now();
            let found = runtime.block_on(discover(&su));
            let took = started.elapsed();
            match found {
                Ok(d) => summary = Some(d.value.summary),
                Err(e) => fail(database, e),
            }
            let started = Instant::now();
            if let Err(e) = runtime.block_on(fetch(&su)) {
                fail(database, e);
            }
            let fetch_took = started.elapsed();
            let dumped = pg_dump(&server, database, SUPERUSER, SUPERUSER_PASSWORD);
            if run > 0 {
                ours.push(took);
                fetched.push(fetch_took);
                theirs.push(dumped);
            }
        }
        let logged = connection(&server, database, LOGGED, LOGGED_PASSWORD);
        if let Err(e) = runtime.block_on(discover(&logged)) {
            fail(database, e);
        }
        let discover_statements = logged_statements(&server.log_path(), database);
        pg_dump(&server, database, LOGGED, LOGGED_PASSWORD);
        let dump_statements =
            logged_statements(&server.log_path(), database).saturating_sub(discover_statements);
        let (d, p) = (median(ours), median(theirs));
        let (objects, fields, edges) = summary
            .map(|s| (s.object_count, s.field_count, s.edge_count))
            .unwrap_or_default();
        println!(
            "{:<14} {:>8} {:>7} {:>6} {:>9.1} {:>9.1} {:>9.1} {:>6.2}x {:>6} {:>10}",
            database,
            objects,
            fields,
            edges,
            ms(median(fetched)),
            ms(d),
            ms(p),
            ms(p) / ms(d).max(0.001),
            discover_statements,
            dump_statements
        );
    }
    println!("fetch: in-process connect + {STATEMENTS} statements; discover: fetch + normalize;");
    println!("pg_dump: whole process, --schema-only to /dev/null; ratio: pg_dump / discover");
}
