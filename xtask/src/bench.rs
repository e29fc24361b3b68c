//! `cargo xtask bench`: the performance figures of the issue notes, measured on release builds.
//!
//! 1. `bindery discover sqlite FILE --json` beside `sqlite3 FILE .schema` on the same file (the
//!    demo database and Chinook), interleaved runs, medians.
//! 2. OpenAPI discover (parse + normalize) beside parsing the same bytes with the same parser,
//!    for the Stripe, GitHub and Kubernetes specs (`benches/rest.rs`).
//! 3. GraphQL discover beside the GraphQL parser alone (apollo-parser CST, apollo-compiler AST and
//!    schema) on the Shopify Admin, GitHub and Saleor SDL and the GitHub introspection answer
//!    (`benches/graphql.rs`).
//! 4. PostgreSQL discover beside `pg_dump --schema-only` on MusicBrainz and a generated
//!    2,000-table schema, with the statements each runs (`benches/sql_postgres.rs`).
//! 5. Bindings: validate + compile against the Shopify Admin schema and MusicBrainz beside
//!    reading the binding's JSON (`crates/bindery-binding/benches/bind.rs`), and the re-discovery
//!    diff of a 2,000-table schema beside serializing and comparing both snapshots
//!    (`crates/bindery-binding/benches/drift.rs`).
//! 6. Running skills: the runtime's own overhead per call beside a hand-written reqwest call to
//!    the same loopback endpoint (REST and GraphQL, `crates/bindery-runtime/benches/http_overhead.rs`)
//!    and beside a hand-written sqlx call, and an indexed lookup skill on a one-million-row
//!    PostgreSQL table (`benches/sql_overhead.rs`), medians and p99.
//! 7. Time from process start to the schema browser's first paint, in the browser
//!    (`bindery serve` + Chromium) and in the desktop window (under Xvfb), by
//!    `tests/e2e/bench/first-paint.mjs`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use crate::{cmd, setup, step};

struct Stats {
    median: Duration,
    min: Duration,
    max: Duration,
}

fn stats(mut samples: Vec<Duration>) -> Stats {
    samples.sort();
    let median = samples.get(samples.len() / 2).copied().unwrap_or_default();
    Stats {
        median,
        min: samples.first().copied().unwrap_or_default(),
        max: samples.last().copied().unwrap_or_default(),
    }
}

fn time_command(program: &Path, args: &[&str]) -> Result<Duration> {
    let started = Instant::now();
    let status = Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .with_context(|| format!("cannot start {}", program.display()))?;
    let elapsed = started.elapsed();
    if !status.success() {
        bail!("{} {} failed ({status})", program.display(), args.join(" "));
    }
    Ok(elapsed)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

pub fn all(root: &Path, args: &[String]) -> Result<()> {
    let runs: usize = match args.iter().position(|a| a == "--runs") {
        Some(i) => args.get(i + 1).context("--runs needs a number")?.parse()?,
        None => 21,
    };
    setup::system_packages(setup::Purpose::Test)?;
    setup::node_modules(root, "ui")?;
    setup::node_modules(root, "tests/e2e")?;
    step("release build");
    cmd(root, "npm", &["--prefix", "ui", "run", "build"])?;
    cmd(
        root,
        "cargo",
        &[
            "build",
            "--release",
            "-p",
            "bindery-cli",
            "-p",
            "bindery-desktop",
        ],
    )?;
    let bindery = root.join("target/release/bindery");
    let sqlite3 = PathBuf::from("sqlite3");

    let dir = root.join("target/bench");
    std::fs::create_dir_all(&dir)?;
    let demo = dir.join("demo_fieldservice.db");
    if demo.exists() {
        std::fs::remove_file(&demo)?;
    }
    cmd(
        root,
        &bindery.to_string_lossy(),
        &["demo", &demo.to_string_lossy()],
    )?;
    let fixtures = std::env::var("BINDERY_FIXTURES")
        .map(PathBuf::from)
        .unwrap_or_else(|_| root.join("../shared/fixtures"));
    let chinook = fixtures.join("sql/sqlite/chinook/Chinook_Sqlite.sqlite");

    step(&format!(
        "discover vs sqlite3 .schema ({runs} interleaved runs each)"
    ));
    println!(
        "{:<28} {:>12} {:>12} {:>12} {:>12} {:>8}",
        "file", "bindery med", "min", "max", "sqlite3 med", "ratio"
    );
    for file in [&demo, &chinook] {
        let path = file.to_string_lossy().into_owned();
        // Warm the page cache and both binaries once.
        time_command(&bindery, &["discover", "sqlite", &path, "--json"])?;
        time_command(&sqlite3, &[&path, ".schema"])?;
        let mut ours = Vec::with_capacity(runs);
        let mut theirs = Vec::with_capacity(runs);
        for _ in 0..runs {
            ours.push(time_command(
                &bindery,
                &["discover", "sqlite", &path, "--json"],
            )?);
            theirs.push(time_command(&sqlite3, &[&path, ".schema"])?);
        }
        let (a, b) = (stats(ours), stats(theirs));
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        println!(
            "{:<28} {:>10.2}ms {:>10.2}ms {:>10.2}ms {:>10.2}ms {:>7.2}x",
            name,
            ms(a.median),
            ms(a.min),
            ms(a.max),
            ms(b.median),
            ms(a.median) / ms(b.median).max(0.001)
        );
    }

    step("REST discover vs parse floor (crates/bindery-discovery/benches/rest.rs)");
    cmd(
        root,
        "cargo",
        &["bench", "-p", "bindery-discovery", "--bench", "rest"],
    )?;

    step("GraphQL discover vs parser alone (crates/bindery-discovery/benches/graphql.rs)");
    cmd(
        root,
        "cargo",
        &["bench", "-p", "bindery-discovery", "--bench", "graphql"],
    )?;

    step("PostgreSQL discover vs pg_dump (crates/bindery-discovery/benches/sql_postgres.rs)");
    cmd(
        root,
        "cargo",
        &[
            "bench",
            "-p",
            "bindery-discovery",
            "--bench",
            "sql_postgres",
        ],
    )?;

    step("bindings: validate + compile (crates/bindery-binding/benches/bind.rs)");
    cmd(
        root,
        "cargo",
        &["bench", "-p", "bindery-binding", "--bench", "bind"],
    )?;

    step("drift: diff of a 2,000-table schema (crates/bindery-binding/benches/drift.rs)");
    cmd(
        root,
        "cargo",
        &["bench", "-p", "bindery-binding", "--bench", "drift"],
    )?;

    step("runtime: a skill run vs a hand-written reqwest call (crates/bindery-runtime/benches/http_overhead.rs)");
    cmd(
        root,
        "cargo",
        &["bench", "-p", "bindery-runtime", "--bench", "http_overhead"],
    )?;

    step("runtime: a SQL skill vs hand-written sqlx, 1M-row lookup (crates/bindery-runtime/benches/sql_overhead.rs)");
    cmd(
        root,
        "cargo",
        &["bench", "-p", "bindery-runtime", "--bench", "sql_overhead"],
    )?;

    step("first paint: browser and desktop (tests/e2e/bench/first-paint.mjs, under Xvfb)");
    let desktop = root.join("target/release/bindery-desktop");
    let status = Command::new("xvfb-run")
        .args([
            "-a",
            "-s",
            "-screen 0 1280x800x24",
            "npm",
            "--prefix",
            "tests/e2e",
            "run",
            "bench:first-paint",
        ])
        .env("BINDERY_BIN", &bindery)
        .env("BINDERY_DESKTOP_BIN", &desktop)
        .env("TAURI_DRIVER", root.join("target/tools/bin/tauri-driver"))
        .current_dir(root)
        .status()?;
    if !status.success() {
        bail!("first-paint benchmark failed ({status})");
    }
    Ok(())
}
