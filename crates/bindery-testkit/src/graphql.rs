//! A real GraphQL server over an SDL file: `tests/doubles/graphql-server.mjs` (graphql-yoga with
//! deterministic mocks: `String` "mock-string", `ID` "mock-id", `Int` 7, `Float` 1.5, `Boolean`
//! true, a custom scalar `X` "mock-X", enums and abstract types their first member, lists two
//! items).

use std::ffi::OsString;
use std::path::Path;

use crate::{node_doubles_available, NodeDouble, TestkitError};

/// How the GraphQL double behaves.
#[derive(Clone)]
pub struct GraphqlOptions {
    /// Require `Authorization: Bearer <token>` on every request (else 401
    /// `{"errors":[{"message":"unauthorized"}]}`).
    pub token: Option<String>,
    /// Answer introspection queries; `false` rejects them in validation (`{"errors":[...]}`,
    /// no `data`).
    pub introspection: bool,
}

impl Default for GraphqlOptions {
    /// No token, introspection on.
    fn default() -> Self {
        Self {
            token: None,
            introspection: true,
        }
    }
}

impl std::fmt::Debug for GraphqlOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GraphqlOptions")
            .field("token", &self.token.as_ref().map(|_| "<redacted>"))
            .field("introspection", &self.introspection)
            .finish()
    }
}

/// A running GraphQL double; stopped on drop.
#[derive(Debug)]
pub struct GraphqlDouble {
    node: NodeDouble,
}

impl GraphqlDouble {
    /// Serves `schema` (an SDL file) on `http://127.0.0.1:<free port>/graphql`.
    ///
    /// `Ok(None)` when node or `tests/doubles/node_modules` is missing and `CI` is not set (a
    /// "skipped" line is printed to stderr): the caller returns early. With `CI=true` that is an
    /// `Err`. An SDL that graphql-js rejects is an `Err` carrying its message.
    pub fn start(schema: &Path, options: GraphqlOptions) -> Result<Option<Self>, TestkitError> {
        if !node_doubles_available()? {
            return Ok(None);
        }
        // The server runs in tests/doubles: a relative path is made absolute first.
        let schema = if schema.is_absolute() {
            schema.to_path_buf()
        } else {
            std::env::current_dir()
                .map_err(|e| TestkitError::io("cannot read the current directory", e))?
                .join(schema)
        };
        let mut args: Vec<OsString> = vec![
            "--schema".into(),
            schema.into_os_string(),
            "--port".into(),
            "0".into(),
        ];
        if let Some(token) = &options.token {
            args.push("--token".into());
            args.push(token.into());
        }
        if !options.introspection {
            args.push("--no-introspection".into());
        }
        NodeDouble::spawn("graphql-server.mjs", args).map(|node| Some(Self { node }))
    }

    /// `http://127.0.0.1:PORT/graphql`.
    pub fn url(&self) -> &str {
        self.node.url()
    }

    /// The node process id.
    pub fn pid(&self) -> u32 {
        self.node.pid()
    }

    /// The last lines the server wrote (for assertion messages).
    pub fn output_tail(&self) -> String {
        self.node.output_tail()
    }
}
