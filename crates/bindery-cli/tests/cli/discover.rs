//! `bindery discover` and `bindery demo`: JSON and human output, error codes, usage errors.

use serde_json::Value;

use crate::support::{bindery, chinook, count, fixtures, run, stderr, stdout};

// ---------------------------------------------------------------------------------------------
// discover
// ---------------------------------------------------------------------------------------------

#[test]
fn discover_chinook_as_json() {
    let scratch = tempfile::tempdir().expect("a scratch dir");
    let db = chinook();
    assert!(
        db.is_file(),
        "the Chinook fixture exists at {}",
        db.display()
    );
    let output = run(bindery(scratch.path())
        .args(["discover", "sqlite"])
        .arg(&db)
        .arg("--json"));
    assert!(
        output.status.success(),
        "discover exits 0: {:?} {}",
        output.status,
        stderr(&output)
    );
    let text = stdout(&output);
    let json: Value = serde_json::from_str(&text).expect("stdout is one JSON document");
    let keys: Vec<&str> = json
        .as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default();
    assert_eq!(
        keys,
        vec!["summary", "diagnostics", "schema"],
        "the JSON holds summary, diagnostics and schema"
    );
    assert_eq!(
        count(&json, "/summary/objectCount"),
        11,
        "Chinook has 11 tables"
    );
    assert_eq!(
        count(&json, "/summary/edgeCount"),
        11,
        "Chinook has 11 foreign keys"
    );
    assert_eq!(
        count(&json, "/summary/fieldCount"),
        64,
        "Chinook has 64 columns"
    );
    assert_eq!(
        json.pointer("/schema/summary"),
        json.get("summary"),
        "the top-level summary is the schema's"
    );
    assert_eq!(
        json.pointer("/schema/objects")
            .and_then(Value::as_array)
            .map(Vec::len),
        Some(11),
        "the schema lists the 11 objects"
    );

    // The same file gives byte-identical JSON.
    let again = run(bindery(scratch.path())
        .args(["discover", "sqlite"])
        .arg(&db)
        .arg("--json"));
    assert!(
        stdout(&again) == text,
        "discovering the same file twice prints the same JSON"
    );
    assert!(
        !scratch.path().join("default-workspace").exists(),
        "one-shot discovery creates no workspace"
    );
}

#[test]
fn discover_chinook_for_people() {
    let scratch = tempfile::tempdir().expect("a scratch dir");
    let output = run(bindery(scratch.path())
        .args(["discover", "sqlite"])
        .arg(chinook()));
    assert!(
        output.status.success(),
        "discover exits 0: {}",
        stderr(&output)
    );
    let text = stdout(&output);
    assert!(
        text.lines()
            .any(|l| l.starts_with("11 objects, 64 fields, 11 edges, ")
                && l.ends_with(" operations")),
        "the human output has the counts line: {text}"
    );
    for table in ["Album", "Artist", "Track", "InvoiceLine"] {
        assert!(
            text.lines().any(|l| l.trim_start().starts_with(table)),
            "the human output lists the table {table}: {text}"
        );
    }
    assert!(
        serde_json::from_str::<Value>(&text).is_err(),
        "without --json the output is not JSON"
    );
}

#[test]
fn discover_errors_have_codes_and_exit_3() {
    let scratch = tempfile::tempdir().expect("a scratch dir");
    let missing = scratch.path().join("missing.sqlite");
    let text_file = scratch.path().join("notes.txt");
    std::fs::write(&text_file, "not a database\n".repeat(100)).expect("write a text file");

    let cases: Vec<(&str, Vec<String>, &str)> = vec![
        (
            "a missing file",
            vec!["sqlite".into(), missing.display().to_string()],
            "error[source_not_found]",
        ),
        (
            "a text file",
            vec!["sqlite".into(), text_file.display().to_string()],
            "error[source_invalid]",
        ),
        (
            "an unknown source kind",
            vec!["oracle".into(), "x".into()],
            "error[unsupported_source_kind]",
        ),
    ];
    for (what, args, expected) in cases {
        let output = run(bindery(scratch.path()).arg("discover").args(&args));
        assert_eq!(
            output.status.code(),
            Some(3),
            "{what}: a bad source exits 3; stderr: {}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains(expected),
            "{what}: stderr names the code {expected}: {}",
            stderr(&output)
        );
        assert!(
            stdout(&output).is_empty(),
            "{what}: nothing is printed on stdout on failure: {}",
            stdout(&output)
        );
    }
    // --json does not change the error contract.
    let output = run(bindery(scratch.path())
        .args(["discover", "sqlite"])
        .arg(&missing)
        .arg("--json"));
    assert_eq!(output.status.code(), Some(3), "--json: still exit 3");
    assert!(
        stderr(&output).contains("error[source_not_found]"),
        "--json: stderr still names the code"
    );
}

#[test]
fn usage_errors_exit_2() {
    let scratch = tempfile::tempdir().expect("a scratch dir");
    for args in [
        vec![],
        vec!["discover"],
        vec!["discover", "sqlite"],
        vec!["frobnicate"],
        vec!["keys", "create"],
        vec!["serve", "--port", "not-a-port"],
    ] {
        let output = run(bindery(scratch.path()).args(&args));
        assert_eq!(
            output.status.code(),
            Some(2),
            "`bindery {}` is a usage error (exit 2): {}",
            args.join(" "),
            stderr(&output)
        );
    }
    let help = run(bindery(scratch.path()).arg("--help"));
    assert!(help.status.success(), "--help exits 0");
    for command in ["serve", "keys", "discover"] {
        assert!(
            stdout(&help).contains(command),
            "--help lists the {command} command"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// demo
// ---------------------------------------------------------------------------------------------

#[test]
fn demo_writes_a_database_that_discovers() {
    let scratch = tempfile::tempdir().expect("a scratch dir");
    let file = scratch.path().join("demo.db");
    let output = run(bindery(scratch.path()).arg("demo").arg(&file));
    assert!(
        output.status.success(),
        "bindery demo FILE exits 0: {}",
        stderr(&output)
    );
    assert!(file.is_file(), "the demo database is written");
    assert!(
        stdout(&output).starts_with("Wrote "),
        "bindery demo says what it wrote: {}",
        stdout(&output)
    );
    let discovered = run(bindery(scratch.path())
        .args(["discover", "sqlite"])
        .arg(&file)
        .arg("--json"));
    assert!(
        discovered.status.success(),
        "the demo database discovers: {}",
        stderr(&discovered)
    );
    let json: Value = serde_json::from_str(&stdout(&discovered)).expect("discover --json is JSON");
    assert!(
        json.pointer("/schema/objects")
            .and_then(Value::as_array)
            .is_some_and(|o| o
                .iter()
                .any(|o| o.get("name").and_then(Value::as_str) == Some("customers"))),
        "the demo has a customers table"
    );

    let again = run(bindery(scratch.path()).arg("demo").arg(&file));
    assert_eq!(
        again.status.code(),
        Some(2),
        "bindery demo refuses to overwrite a file: {}",
        stderr(&again)
    );
    assert!(
        stderr(&again).contains("error[validation_error]"),
        "overwriting is a validation error: {}",
        stderr(&again)
    );
}

/// The REST kinds discover a description file in one shot, with the counts PROVENANCE.md lists.
#[test]
fn discover_rest_descriptions_one_shot() {
    let scratch = tempfile::tempdir().expect("tempdir");
    for (kind, file, operations) in [
        ("openapi", "openapi/petstore/petstore-v3.openapi.yaml", 19),
        ("openapi", "openapi/swagger2/xero-2.0.swagger.yaml", 151),
        (
            "google-discovery",
            "openapi/google/sheets-v4.discovery.json",
            17,
        ),
    ] {
        let path = fixtures().join(file);
        let output = run(bindery(scratch.path()).args([
            "discover",
            kind,
            &path.to_string_lossy(),
            "--json",
        ]));
        assert!(
            output.status.success(),
            "{kind} {file} exits 0: {}",
            stderr(&output)
        );
        let json: Value = serde_json::from_str(&stdout(&output)).expect("stdout is JSON");
        assert_eq!(
            count(&json, "/summary/operationCount"),
            operations,
            "{file}: one operation per (path, method)"
        );
    }
    let not_a_spec = fixtures().join("openapi/google/calendar-v3.discovery.json");
    let output =
        run(bindery(scratch.path()).args(["discover", "openapi", &not_a_spec.to_string_lossy()]));
    assert_eq!(
        output.status.code(),
        Some(3),
        "a discovery document is not an OpenAPI description"
    );
    assert!(
        stderr(&output).contains("error[source_invalid]"),
        "with its code: {}",
        stderr(&output)
    );
}

/// GraphQL discovers an SDL file and an introspection answer in one shot, with PROVENANCE.md's
/// root field counts; a malformed SDL is a coded error naming the line; a dead endpoint is too.
#[test]
fn discover_graphql_one_shot() {
    let scratch = tempfile::tempdir().expect("tempdir");
    for (file, operations) in [
        ("graphql/saleor/saleor-schema.graphql", 89 + 332),
        (
            "graphql/shopify/shopify-storefront.introspection.json",
            34 + 41,
        ),
    ] {
        let path = fixtures().join(file);
        let output = run(bindery(scratch.path()).args([
            "discover",
            "graphql",
            &path.to_string_lossy(),
            "--json",
        ]));
        assert!(
            output.status.success(),
            "{file} exits 0: {}",
            stderr(&output)
        );
        let json: Value = serde_json::from_str(&stdout(&output)).expect("stdout is JSON");
        assert_eq!(
            count(&json, "/summary/operationCount"),
            operations,
            "{file}: one operation per root Query and Mutation field"
        );
    }
    let people = run(bindery(scratch.path()).args([
        "discover",
        "graphql",
        &fixtures()
            .join("graphql/saleor/saleor-schema.graphql")
            .to_string_lossy(),
    ]));
    let text = stdout(&people);
    assert!(
        text.lines()
            .any(|l| l.contains("OrderDirection") && l.contains("enum") && l.contains("2 values")),
        "enums are listed with their values: {}",
        text.lines().take(5).collect::<Vec<_>>().join("\n")
    );
    let broken = scratch.path().join("broken.graphql");
    std::fs::write(&broken, "type Query {\n  a: [Int\n}\n").expect("write");
    let output =
        run(bindery(scratch.path()).args(["discover", "graphql", &broken.to_string_lossy()]));
    assert_eq!(output.status.code(), Some(3), "a malformed SDL exits 3");
    assert!(
        stderr(&output).contains("error[source_invalid]") && stderr(&output).contains("line 3"),
        "coded, with the line: {}",
        stderr(&output)
    );
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port");
    let url = format!("http://127.0.0.1:{port}/graphql");
    let output = run(bindery(scratch.path()).args(["discover", "graphql", &url]));
    assert_eq!(
        output.status.code(),
        Some(3),
        "an unreachable endpoint exits 3"
    );
    assert!(
        stderr(&output).contains("error[source_unreachable]"),
        "coded: {}",
        stderr(&output)
    );
}

/// `bindery discover postgres URL` and `mysql URL` on real throwaway servers; a wrong password is
/// exit 3 with a code and without the password.
#[test]
fn discover_server_databases_one_shot() {
    let scratch = tempfile::tempdir().expect("tempdir");
    if let Some(pg) =
        bindery_testkit::PostgresServer::start().expect("PostgreSQL starts (or is skipped)")
    {
        pg.create_database("cli_shop").expect("database");
        pg.load_sql_text(
            "cli_shop",
            "CREATE TABLE customers (id int PRIMARY KEY, email text UNIQUE);
             CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers(id));",
        )
        .expect("schema");
        let output = run(bindery(scratch.path()).args([
            "discover",
            "postgres",
            &pg.url("cli_shop"),
            "--json",
        ]));
        assert!(
            output.status.success(),
            "postgres exits 0: {}",
            stderr(&output)
        );
        let json: Value = serde_json::from_str(&stdout(&output)).expect("stdout is JSON");
        assert_eq!(count(&json, "/summary/objectCount"), 2, "two tables");
        assert_eq!(count(&json, "/summary/edgeCount"), 1, "one foreign key");
        let wrong = pg.url("cli_shop").replace(
            bindery_testkit::postgres::SUPERUSER_PASSWORD,
            "canary-wrong-pw",
        );
        let output = run(bindery(scratch.path()).args(["discover", "postgres", &wrong]));
        assert_eq!(output.status.code(), Some(3), "a refused login exits 3");
        assert!(
            stderr(&output).contains("error[source_refused]"),
            "coded: {}",
            stderr(&output)
        );
        assert!(
            !stderr(&output).contains("canary-wrong-pw"),
            "no password in the message"
        );
    }
    if let Some(my) =
        bindery_testkit::MariadbServer::shared().expect("MariaDB starts (or is skipped)")
    {
        let database = my.fresh_database("cli").expect("database");
        my.execute(
            Some(&database),
            "CREATE TABLE items (id INT PRIMARY KEY, kind ENUM('a','b'))",
        )
        .expect("schema");
        let output =
            run(bindery(scratch.path()).args(["discover", "mysql", &my.url(&database), "--json"]));
        assert!(
            output.status.success(),
            "mysql exits 0: {}",
            stderr(&output)
        );
        let json: Value = serde_json::from_str(&stdout(&output)).expect("stdout is JSON");
        assert_eq!(count(&json, "/summary/objectCount"), 1, "one table");
    }
}
