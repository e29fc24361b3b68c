//! Test support for Bindery's crates, used only as a dev-dependency (`cargo xtask check-layers`
//! rejects it anywhere else).
//!
//! - [`GraphqlDouble`]: a real GraphQL server (graphql-yoga + `@graphql-tools/mock`) over an SDL
//!   file, run from `tests/doubles/` with Node on loopback.
//! - [`NodeDouble`]: the process handling under it: `node <script>` in its own process group,
//!   `READY <url>` read from stdout, the whole group stopped on drop.
//! - [`PrismDouble`]: Stoplight Prism (`prism mock --errors`) over an OpenAPI document: every
//!   request is validated against the spec (invalid: 401/404/415/422 with the violations; valid:
//!   2xx with example data). The module documents how it treats the Stripe, GitHub, Google
//!   Calendar and petstore fixtures.
//! - [`FaultyHttp`]: a tiny loopback HTTP/1.1 server answering every request with one scripted
//!   [`Fault`] (an error status, a non-JSON page, a hang, a huge body, a canned JSON body).
//! - [`PostgresServer`]: a throwaway PostgreSQL server (template cluster copied per server, own
//!   port, socket and directory) with psql helpers to load fixtures and count catalog objects.
//! - [`MariadbServer`]: a throwaway MariaDB server (template data directory copied per server, own
//!   port, socket and directory, a root password) with client helpers to load fixtures, query
//!   `information_schema` and create logins.
//! - [`TestCertificates`]: a throwaway CA, a server certificate it signs for `localhost`, and an
//!   unrelated CA, made with `openssl`, for the TLS tests of both servers.
//!
//! - [`OidcDouble`]: a real OAuth 2 / OpenID Connect server (oidc-provider) with a public and a
//!   confidential client, and [`OidcBrowser`], a cookie-jar stand-in for the person who signs in
//!   and consents on its development forms.
//!
//! Node doubles need `node` and `tests/doubles/node_modules` (`cargo xtask test` runs `npm ci`).
//! Locally a missing tool skips the test (the constructor returns `Ok(None)` and says so on
//! stderr); with `CI=true` it is an error, so the test fails.

mod error;
mod faulty;
mod graphql;
pub mod mariadb;
mod node;
mod oidc;
mod oidc_browser;
pub mod postgres;
pub mod prism;
mod tls;

use std::path::{Path, PathBuf};

pub use error::TestkitError;
pub use faulty::{Fault, FaultyHttp};
pub use graphql::{GraphqlDouble, GraphqlOptions};
pub use mariadb::MariadbServer;
pub use node::{node_doubles_available, NodeDouble, READY_TIMEOUT};
pub use oidc::{OidcDouble, OidcOptions};
pub use oidc_browser::{OidcBrowser, Visit};
pub use postgres::PostgresServer;
pub use prism::{PrismDouble, PrismOptions, PRISM_READY_TIMEOUT, VIOLATIONS_HEADER};
pub use tls::TestCertificates;

/// The repository root: the directory holding the workspace `Cargo.toml`.
pub fn repo_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    match manifest.parent().and_then(Path::parent) {
        Some(root) => root.to_path_buf(),
        None => manifest.join("../.."),
    }
}

/// `tests/doubles` under the repository root: the Node package with the double scripts.
pub fn doubles_dir() -> PathBuf {
    repo_root().join("tests").join("doubles")
}

/// The shared fixtures: `$BINDERY_FIXTURES` if set, else `<repo root>/../shared/fixtures`.
pub fn fixtures_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("BINDERY_FIXTURES").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    let root = repo_root();
    match root.parent() {
        Some(parent) => parent.join("shared").join("fixtures"),
        None => root.join("../shared/fixtures"),
    }
}

/// `CI` is `true` or `1`: missing test tools fail instead of skipping.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// Every file under `dir` (recursively) with its bytes, for canary searches: a secret must be in
/// none of them. Unreadable entries are skipped.
pub fn files_under(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else if let Ok(bytes) = std::fs::read(&path) {
            out.push((path, bytes));
        }
    }
    out
}

/// Whether `needle` occurs in `haystack`.
pub fn contains_bytes(haystack: &[u8], needle: &str) -> bool {
    !needle.is_empty()
        && haystack
            .windows(needle.len())
            .any(|w| w == needle.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::{doubles_dir, repo_root};

    #[test]
    fn the_repo_root_holds_the_workspace_manifest() {
        let root = repo_root();
        assert!(
            root.join("Cargo.toml").is_file() && root.join("crates").is_dir(),
            "repo root {} should hold Cargo.toml and crates/",
            root.display()
        );
        assert!(
            doubles_dir().join("package.json").is_file(),
            "tests/doubles/package.json should exist under {}",
            root.display()
        );
    }
}
