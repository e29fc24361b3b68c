//! OpenAPI discovery: every OpenAPI/Swagger fixture under `../shared/fixtures/openapi`
//! (override with `BINDERY_FIXTURES`) with counts checked independently and golden snapshots,
//! small hand-written documents for each normalization rule, and a robustness run.

mod errors;
mod fixtures;
mod robustness;
mod rules;

use bindery_discovery::openapi;
use bindery_discovery::Discovered;

/// Parses and normalizes a small inline document (JSON or YAML text).
pub fn discover(text: &str) -> Discovered {
    openapi::discover_bytes(text.as_bytes(), "test.yaml").expect("the test document discovers")
}

/// Diagnostic codes in order.
pub fn codes(discovered: &Discovered) -> Vec<&str> {
    discovered
        .diagnostics
        .iter()
        .map(|d| d.code.as_str())
        .collect()
}
