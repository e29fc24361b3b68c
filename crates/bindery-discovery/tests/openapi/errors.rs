//! Documents that are not usable at all: syntax errors with positions, non-OpenAPI input, the
//! size cap.

use bindery_discovery::{openapi, DiscoveryError};

#[test]
fn malformed_documents_report_line_and_column() {
    let yaml = openapi::parse_document(b"openapi: 3.0.0\ninfo:\n  title: [unclosed\n", "bad.yaml");
    match yaml {
        Err(DiscoveryError::Malformed {
            format,
            line,
            column,
            ..
        }) => {
            assert_eq!(format, "YAML", "parsed as YAML");
            assert!(line >= 3 && column >= 1, "position {line}:{column}");
        }
        other => assert!(
            matches!(other, Err(DiscoveryError::Malformed { .. })),
            "YAML error: {other:?}"
        ),
    }
    let json = openapi::parse_document(
        b"{\n  \"openapi\": \"3.0.0\",\n  \"info\": ,\n}",
        "bad.json",
    );
    match json {
        Err(DiscoveryError::Malformed {
            format,
            line,
            column,
            ..
        }) => {
            assert_eq!((format, line, column), ("JSON", 3, 11), "JSON position");
        }
        other => assert!(
            matches!(other, Err(DiscoveryError::Malformed { .. })),
            "JSON error: {other:?}"
        ),
    }
}

#[test]
fn non_openapi_is_not_a_description() {
    for text in [
        "{\"name\": \"package\", \"version\": \"1.0.0\"}",
        "[1, 2]",
        "just text",
        "openapi: 4.0.0",
    ] {
        let result = openapi::discover_bytes(text.as_bytes(), "x");
        assert!(
            matches!(
                result,
                Err(DiscoveryError::NotADescription {
                    expected: "an OpenAPI or Swagger description",
                    ..
                })
            ),
            "{text}: {result:?}"
        );
    }
    let big = vec![b' '; openapi::MAX_DOCUMENT_BYTES + 1];
    let result = openapi::parse_document(&big, "big");
    match result {
        Err(DiscoveryError::NotADescription { detail, .. }) => {
            assert!(detail.contains("64 MiB"), "detail says the cap: {detail}");
        }
        other => assert!(
            matches!(other, Err(DiscoveryError::NotADescription { .. })),
            "cap: {other:?}"
        ),
    }
}
