//! Bad input gives a coded error (or a warning), never a panic.

use bindery_discovery::graphql;
use bindery_discovery::DiscoveryError;

#[test]
fn malformed_sdl_points_at_the_line_and_column() {
    let error = graphql::discover_sdl("type Query {\n  a: Int\n  b: [Int\n}\n", "broken.graphql")
        .expect_err("does not parse");
    assert_eq!(error.code(), "discovery/malformed-document", "code");
    match &error {
        DiscoveryError::Malformed {
            line,
            column,
            format,
            ..
        } => {
            assert_eq!(*format, "GraphQL SDL", "format named");
            assert_eq!(
                (*line, *column),
                (4, 1),
                "points at the brace that closes too early: {error}"
            );
        }
        other => assert!(
            matches!(other, DiscoveryError::Malformed { .. }),
            "malformed: {other}"
        ),
    }
    assert!(
        error.to_string().contains("broken.graphql"),
        "names the file: {error}"
    );
}

#[test]
fn json_that_is_not_an_introspection_answer() {
    let error =
        graphql::discover_bytes(br#"{"openapi": "3.0.0"}"#, "x.json").expect_err("not a schema");
    assert_eq!(error.code(), "discovery/not-a-description", "code: {error}");
    let error = graphql::discover_bytes(b"{\"data\": {\"__schema\": {\"types\": 3}}}", "y.json")
        .expect_err("wrong shape");
    assert_eq!(error.code(), "discovery/not-a-description", "code: {error}");
    let error = graphql::discover_bytes(b"{\"data\": ", "z.json").expect_err("cut short");
    assert_eq!(
        error.code(),
        "discovery/malformed-document",
        "code: {error}"
    );
}

#[test]
fn an_answer_with_only_errors_is_a_graphql_error() {
    let body = br#"{"errors": [{"message": "introspection is disabled"}, {"message": "second"}]}"#;
    let error = graphql::discover_bytes(body, "answer.json").expect_err("errors only");
    assert_eq!(error.code(), "discovery/graphql-errors", "code");
    assert!(
        error.to_string().contains("introspection is disabled"),
        "the server's words: {error}"
    );
}

#[test]
fn partial_answers_keep_the_schema_and_warn() {
    let body = br#"{"data": {"__schema": {"queryType": {"name": "Query"}, "types": [
        {"kind": "OBJECT", "name": "Query", "fields": [{"name": "a", "args": [], "type": {"kind": "SCALAR", "name": "Int"}}]},
        {"kind": "MYSTERY", "name": "Odd"},
        {"kind": "OBJECT", "name": "T", "fields": [{"name": "b", "args": [], "type": {"kind": "LIST", "name": null}}]}
    ]}}, "errors": [{"message": "partial"}]}"#;
    let discovered = graphql::discover_bytes(body, "partial.json").expect("a schema");
    let codes = super::codes(&discovered);
    assert_eq!(
        codes,
        [
            "graphql/partial-introspection",
            "graphql/unknown-type-kind",
            "graphql/broken-type-reference"
        ],
        "each problem once"
    );
    assert_eq!(
        discovered.value.operations.len(),
        1,
        "the good part is kept"
    );
}

#[test]
fn bytes_that_are_not_text() {
    let error =
        graphql::discover_bytes(&[0xff, 0xfe, 0x00, 0x41], "bin.graphql").expect_err("binary");
    assert_eq!(error.code(), "discovery/not-a-description", "code: {error}");
}

#[test]
fn deeply_nested_input_is_refused_not_a_stack_overflow() {
    let deep = format!(
        "type Query {{ a: {}Int{} }}",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    let error = graphql::discover_sdl(&deep, "deep.graphql").expect_err("too deep");
    assert_eq!(
        error.code(),
        "discovery/malformed-document",
        "parser limit: {error}"
    );
}
