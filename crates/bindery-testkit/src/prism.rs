//! Stoplight Prism 5.14.2 as a spec-driven provider stub: `prism mock --errors <spec>` on
//! `127.0.0.1:<free port>`, run from `tests/doubles` with Node. Every request is validated against
//! the OpenAPI document: a valid one gets a 2xx with the spec's example (or one generated from
//! the schema); an invalid one gets an error status with the violations.
//!
//! # How Prism answers (measured with curl on the 2-core dev box, Node 20.20.2)
//!
//! - **Paths are served exactly as written under `paths`; the `servers` base path is ignored.**
//!   Stripe is at `/v1/customers` (its paths carry `/v1`), GitHub at `/repos/{owner}/{repo}`
//!   (not `/api/v3/...`), Google Calendar at `/calendars/{calendarId}/events` (not
//!   `/calendar/v3/...`), the Swagger petstore at `/pet/{petId}` (not `/api/v3/...`). Anything else
//!   is a 404 `application/problem+json` `{"type":"https://stoplight.io/prism/errors#NO_PATH_MATCHED_ERROR",...}`.
//! - **Security is enforced** (before validation) when the operation or the document declares it:
//!   http `bearer` and `oauth2` need `Authorization: Bearer <anything>` (the word `Bearer` is
//!   case-sensitive: `bearer x` is a 401); http `basic` needs `Authorization: Basic
//!   <base64 of user:password>` (Stripe's `sk_test_x:` works; a raw `Basic sk_test_x` is a 401);
//!   `apiKey` in a header needs that header with any value. No credential: 401.
//! - **A rejected request** gets the first response the operation declares among: `401` for a
//!   security violation; `415`, `422`, `400` for a `Content-Type` the operation does not take;
//!   `422`, `400` for any other violation (bad parameter type or bound, missing required
//!   property); else its `default` response turned into 401 / 415 / 422. The body is then that
//!   response's example (`{"code":-2147483648,"message":"string"}` for the petstore, empty when
//!   the response has no content) and the violations are in the [`VIOLATIONS_HEADER`] header, a
//!   JSON array of `{"location":["request","query","limit"],"severity":"Error","code":"type","message":"..."}`.
//!   If the operation declares none of those, Prism makes one up, `application/problem+json` and
//!   no `sl-violations` header: `{"type":"https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY","title":"Invalid request","status":422,"detail":"...","validation":[{"location":["query","maxresults"],...}]}`,
//!   `#UNAUTHORIZED` (401, with a `WWW-Authenticate` header) or `#INVALID_CONTENT_TYPE` (415).
//!   Unknown query parameters and unknown form fields are accepted.
//! - A request with an unsupported method on a known path is a 405.
//!
//! | Spec (under `fixtures/openapi/`) | Ready after | Auth it enforces | Requests (status) |
//! |---|---|---|---|
//! | `petstore/oai-v3.0-petstore-expanded.json` | 1.7 s | none | `GET /pets?limit=2` 200 `[{"name":"string","tag":"string","id":-9007199254740991}]`; `GET /pets/1` 200; `GET /pets/notanint` and `GET /pets?limit=abc` 422 (JSON `default` example + `sl-violations`); `POST /pets` `{"name":"rex"}` 200, `{"x":1}` 422 (`required`) |
//! | `petstore/petstore-v3.openapi.yaml` (Swagger petstore 3) | 1.7 s | `api_key: <any>` header or `Authorization: Bearer <any>` (oauth2) | `GET /pet/1` 200 (`{"id":10,"name":"doggie",...}`), 401 without auth (empty body + `sl-violations`); `GET /pet/abc` with auth 400 (the declared 400, empty body + `sl-violations`) |
//! | `google/calendar-v3.openapi.yaml` | 2.6 s | oauth2 → `Authorization: Bearer <any>` (`?key=` / `?oauth_token=` do not count) | `GET /calendars/primary/events?maxResults=5` 200 (an `Events` object); `maxResults=0` 422 problem+json (`minimum`); `POST /calendars/primary/events` with the JSON event 200 (an `Event`); a bad body 422 problem+json; a form body 415; no auth 401 problem+json |
//! | `github/api.github.com-1.1.4.openapi.yaml` | fails as is (2 s); 7.5 s with [`PrismOptions::offline_refs`] (a JSON copy; a fixed YAML took 12.6 s) | none (no `security` in the document) | `GET /repos/octocat/hello-world` 200 (the spec's example repository); `GET /users/octocat` 200 (the octocat example); `GET /users/octocat/repos?per_page=abc` 422 problem+json |
//! | `stripe/stripe-spec3.yaml` | never as is (still loading after 21 min, 13.5 min of CPU); 5.3 s with [`PrismOptions::cut_schema_refs`], the rewrite included | `basicAuth` or `bearerAuth`: `Authorization: Bearer sk_test_x` or `Basic base64(sk_test_x:)` | `GET /v1/customers?email=a@b.co&limit=1` 200 (`{"data":[<one generated customer>],"has_more":true,"object":"list",...}`, whatever the `limit`); `POST /v1/customers` form `name=Ann&email=a@b.co` 200 (a customer); the same as JSON 415 + `sl-violations` (`Supported content types: application/x-www-form-urlencoded`); `POST` form `balance=abc` 422; `GET /v1/customers/cus_123` 200; `?limit=abc` 422; no auth 401. Error bodies are the `default` response's example (`{"error":null}` once cut) |
//!
//! Two specs need a preprocessed copy (written as JSON into a temporary directory removed on
//! drop; the fixture itself is never touched):
//!
//! - GitHub's SCIM examples hold `$ref: https://api.github.com/scim/...` as *data*; Prism's ref
//!   parser tries to download them and exits (`Error downloading https://api.github.com/...`).
//!   [`PrismOptions::offline_refs`] renames every `$ref` to an `http(s)` URL to `x-offline-ref`.
//! - Stripe's component schemas reference one another so densely (expandable fields are
//!   `anyOf: [string, $ref]`) that the ref parser Prism uses (`@stoplight/json-schema-ref-parser`
//!   9.2.7, and 10.0.0 in Prism 5.16 alike) walks the dereferenced graph as a tree: it never
//!   finishes, and a subset with only the customer paths (513 of 821 components) did not finish
//!   in 3 minutes either. [`PrismOptions::cut_schema_refs`]
//!   replaces every `$ref` *between* component schemas with `{"x-cut-ref": "<pointer>"}` (any
//!   value). Parameters and request bodies that are written inline (all of Stripe's) are still
//!   validated in full; response examples become shallow (`"discount":null`, `"data":[null]`).
//!   Do not use it for specs whose request bodies `$ref` nested component schemas (Calendar's
//!   `Event`): their nested parts would no longer be checked.
//!
//! Start one double per test binary where tests can share it: startup is seconds, not
//! milliseconds.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use crate::node::{decide, ReadyLine};
use crate::{doubles_dir, in_ci, node_doubles_available, NodeDouble, TestkitError};

/// How long Prism may take to print `Prism is listening on <url>`: GitHub's 2.9 MB document
/// takes 8–13 s on the 2-core dev box, several times that when test binaries and rustc
/// share the cores.
pub const PRISM_READY_TIMEOUT: Duration = Duration::from_secs(180);

/// The response header in which Prism lists a request's violations (a JSON array) when it
/// answers with a response the spec declares.
pub const VIOLATIONS_HEADER: &str = "sl-violations";

/// Prism's binary under `tests/doubles`, run with `node` (the same single process as through its
/// shebang; never through `npx`, whose wrapper would be killed instead of the server).
const PRISM_BIN: &str = "node_modules/.bin/prism";

/// `Prism is listening on http://127.0.0.1:PORT`, the last line Prism prints at startup (after
/// one line per operation).
const LISTENING: ReadyLine = ReadyLine {
    expected: "`Prism is listening on <url>`",
    parse: listening_url,
};

/// Rewrites a spec for [`PrismOptions`]: argv is input, output, offline refs ("1"/"0"), cut schema
/// refs ("1"/"0"). Parses with the parser Prism itself uses, makes relative file `$ref`s absolute
/// (the copy lives elsewhere), and writes JSON.
const PREPROCESS: &str = r#"
const fs = require('fs');
const path = require('path');
const $RefParser = require('@stoplight/json-schema-ref-parser');
const [input, output, offline, cut] = process.argv.slice(1);
const remote = (ref) => /^https?:\/\//i.test(ref);
const isObject = (v) => v !== null && typeof v === 'object';
const schemaRef = (v) => isObject(v) && !Array.isArray(v) && typeof v.$ref === 'string'
  && v.$ref.startsWith('#/components/schemas/');
(async () => {
  const doc = await new $RefParser().parse(input);
  const seen = new Set();
  let renamed = 0, cutRefs = 0;
  const walk = (node, inSchemas) => {
    if (!isObject(node) || seen.has(node)) return;
    seen.add(node);
    if (!Array.isArray(node) && typeof node.$ref === 'string') {
      const ref = node.$ref;
      if (remote(ref)) {
        if (offline === '1') { node['x-offline-ref'] = ref; delete node.$ref; renamed++; }
      } else if (!ref.startsWith('#')) {
        const [file, fragment] = ref.split('#');
        node.$ref = path.resolve(path.dirname(input), file) + (fragment === undefined ? '' : '#' + fragment);
      }
    }
    for (const key of Object.keys(node)) {
      const child = node[key];
      if (inSchemas && cut === '1' && schemaRef(child)) {
        node[key] = { 'x-cut-ref': child.$ref };
        cutRefs++;
      } else {
        walk(child, inSchemas);
      }
    }
  };
  const schemas = doc && doc.components && doc.components.schemas;
  if (isObject(schemas)) for (const name of Object.keys(schemas)) walk(schemas[name], true);
  walk(doc, false);
  fs.writeFileSync(output, JSON.stringify(doc));
  console.log(`renamed ${renamed} remote $ref(s), cut ${cutRefs} schema $ref(s)`);
})().catch((e) => { console.error(e && e.message ? e.message : String(e)); process.exit(1); });
"#;

/// Numbers the temporary directories of preprocessed specs within this process.
static COPIES: AtomicU32 = AtomicU32::new(0);

/// How the Prism double starts.
#[derive(Debug, Clone)]
pub struct PrismOptions {
    /// How long to wait for `Prism is listening on <url>`.
    pub ready_timeout: Duration,
    /// Serve a copy in which every `$ref` to an `http(s)` URL is renamed to `x-offline-ref`:
    /// Prism would try to download it (the network is closed) and exit. Needed for GitHub's
    /// document, whose SCIM examples carry such `$ref`s as data.
    pub offline_refs: bool,
    /// Serve a copy in which every `$ref` from one component schema to another becomes
    /// `{"x-cut-ref": "<pointer>"}` (any value): Prism never finishes dereferencing Stripe's
    /// document otherwise. Inline parameters and bodies are still validated in full; anything
    /// reached through a nested schema `$ref` no longer is.
    pub cut_schema_refs: bool,
}

impl Default for PrismOptions {
    /// The spec as given, [`PRISM_READY_TIMEOUT`].
    fn default() -> Self {
        Self {
            ready_timeout: PRISM_READY_TIMEOUT,
            offline_refs: false,
            cut_schema_refs: false,
        }
    }
}

/// A temporary directory removed on drop.
#[derive(Debug)]
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A running `prism mock --errors` on `http://127.0.0.1:<free port>`; its process group is stopped
/// (SIGTERM, SIGKILL after 2 s) and reaped on drop, then any preprocessed copy is removed.
#[derive(Debug)]
pub struct PrismDouble {
    // Dropped first: the server stops before its copy of the spec goes.
    node: NodeDouble,
    served: PathBuf,
    _copy: Option<TempDir>,
}

impl PrismDouble {
    /// Serves `spec` (OpenAPI 2/3 as YAML or JSON; a relative path is taken from the current
    /// directory) unchanged.
    ///
    /// `Ok(None)` when node or Prism under `tests/doubles/node_modules` is missing and `CI` is
    /// not set (a "skipped" line is printed to stderr): the caller returns early. With `CI=true`
    /// that is an `Err`. A missing spec, a document Prism rejects, or no
    /// `Prism is listening on <url>` within [`PRISM_READY_TIMEOUT`] is an `Err` carrying Prism's
    /// last output.
    pub fn mock(spec: &Path) -> Result<Option<Self>, TestkitError> {
        Self::mock_with(spec, &PrismOptions::default())
    }

    /// [`PrismDouble::mock`] with [`PrismOptions`] (a longer wait, a preprocessed copy).
    pub fn mock_with(spec: &Path, options: &PrismOptions) -> Result<Option<Self>, TestkitError> {
        if !node_doubles_available()? {
            return Ok(None);
        }
        let bin = doubles_dir().join(PRISM_BIN);
        if !decide(
            (!bin.is_file()).then(|| format!("{} does not exist", bin.display())),
            in_ci(),
        )? {
            return Ok(None);
        }
        // Prism runs in tests/doubles: a relative path is made absolute first.
        let spec = if spec.is_absolute() {
            spec.to_path_buf()
        } else {
            std::env::current_dir()
                .map_err(|e| TestkitError::io("cannot read the current directory", e))?
                .join(spec)
        };
        if !spec.is_file() {
            return Err(TestkitError::io(
                format!("no OpenAPI document at {}", spec.display()),
                std::io::Error::from(std::io::ErrorKind::NotFound),
            ));
        }
        let (served, copy) = if options.offline_refs || options.cut_schema_refs {
            let (file, dir) = preprocess(&spec, options)?;
            (file, Some(dir))
        } else {
            (spec, None)
        };
        let args: Vec<OsString> = vec![
            "mock".into(),
            "-h".into(),
            "127.0.0.1".into(),
            "-p".into(),
            "0".into(),
            "--errors".into(),
            served.clone().into_os_string(),
        ];
        let node = NodeDouble::spawn_until(PRISM_BIN, args, options.ready_timeout, LISTENING)?;
        Ok(Some(Self {
            node,
            served,
            _copy: copy,
        }))
    }

    /// The base URL, `http://127.0.0.1:PORT` (no trailing slash): append the spec's paths as
    /// written (`/v1/customers`), not the `servers` base path.
    pub fn url(&self) -> &str {
        self.node.url()
    }

    /// The document Prism serves: the spec itself, or its preprocessed copy.
    pub fn served_spec(&self) -> &Path {
        &self.served
    }

    /// The Prism (node) process id, also its process group id.
    pub fn pid(&self) -> u32 {
        self.node.pid()
    }

    /// The last lines Prism wrote: it logs every request with its violations (for assertion
    /// messages).
    pub fn output_tail(&self) -> String {
        self.node.output_tail()
    }
}

/// Writes the copy [`PrismOptions`] asks for into a fresh temporary directory.
fn preprocess(spec: &Path, options: &PrismOptions) -> Result<(PathBuf, TempDir), TestkitError> {
    let n = COPIES.fetch_add(1, Ordering::Relaxed);
    let dir =
        TempDir(std::env::temp_dir().join(format!("bindery-prism-{}-{n}", std::process::id())));
    if dir.0.exists() {
        std::fs::remove_dir_all(&dir.0)
            .map_err(|e| TestkitError::io(format!("cannot remove {}", dir.0.display()), e))?;
    }
    std::fs::create_dir_all(&dir.0)
        .map_err(|e| TestkitError::io(format!("cannot create {}", dir.0.display()), e))?;
    let out = dir.0.join("spec.json");
    let flag = |on: bool| if on { "1" } else { "0" };
    let run = Command::new("node")
        .arg("-e")
        .arg(PREPROCESS)
        .arg(spec)
        .arg(&out)
        .arg(flag(options.offline_refs))
        .arg(flag(options.cut_schema_refs))
        .current_dir(doubles_dir())
        .stdin(Stdio::null())
        .output()
        .map_err(|e| TestkitError::io("cannot run node to preprocess the spec", e))?;
    if !run.status.success() {
        return Err(TestkitError::io(
            format!("cannot preprocess {} for Prism", spec.display()),
            std::io::Error::other(format!(
                "node exited ({}): {}",
                run.status,
                String::from_utf8_lossy(&run.stderr).trim()
            )),
        ));
    }
    Ok((out, dir))
}

/// The URL of `Prism is listening on <url>`, colours stripped, whatever prefix comes first
/// (`[9:08:27 PM] › [CLI] ▶  start     Prism is listening on http://127.0.0.1:36895`).
fn listening_url(line: &str) -> Option<String> {
    let plain = strip_ansi(line);
    let (_, rest) = plain.split_once("Prism is listening on ")?;
    let url = rest.split_whitespace().next()?;
    url.starts_with("http://")
        .then(|| url.trim_end_matches('/').to_string())
}

/// `text` without ANSI escape sequences (CSI `ESC [ ... final` and two-character escapes).
fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\u{1b}' {
            out.push(c);
            continue;
        }
        // A two-character escape (or a lone ESC at the end) is dropped with its second
        // character; a CSI sequence runs to its final byte.
        if chars.next() == Some('[') {
            for c in chars.by_ref() {
                if ('@'..='~').contains(&c) {
                    break;
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{listening_url, strip_ansi};

    #[test]
    fn the_listening_line_is_found_behind_the_log_prefix_and_colours() {
        assert_eq!(
            listening_url(
                "[9:08:27 PM] › [CLI] ▶  start     Prism is listening on http://127.0.0.1:36895"
            )
            .as_deref(),
            Some("http://127.0.0.1:36895"),
            "plain line"
        );
        assert_eq!(
            listening_url(
                "\u{1b}[90m[9:08:27 PM]\u{1b}[39m › \u{1b}[47m\u{1b}[30m[CLI]\u{1b}[39m\u{1b}[49m \u{1b}[32m▶  start\u{1b}[39m     Prism is listening on \u{1b}[1mhttp://127.0.0.1:4010/\u{1b}[22m"
            )
            .as_deref(),
            Some("http://127.0.0.1:4010"),
            "coloured line, trailing slash dropped"
        );
        assert_eq!(
            listening_url(
                "[9:08:27 PM] › [CLI] ℹ  info      GET        http://127.0.0.1:36895/zen"
            ),
            None,
            "an operation line is not the ready line"
        );
        assert_eq!(
            listening_url("Prism is listening on "),
            None,
            "no URL, no match"
        );
    }

    #[test]
    fn ansi_sequences_are_stripped() {
        assert_eq!(strip_ansi("\u{1b}[1;32mok\u{1b}[0m done"), "ok done");
        assert_eq!(strip_ansi("a\u{1b}Mb\u{1b}"), "ab");
        assert_eq!(strip_ansi("› plain ✔"), "› plain ✔");
    }
}
