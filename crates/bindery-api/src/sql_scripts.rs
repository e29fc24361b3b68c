//! `GET /integrations/{kind}/sql/scripts`: the SQL an administrator runs to create Bindery's
//! least-privilege login, for the provider's engine (or the engine the kind names, before the
//! provider is connected). A password that was not passed is generated and returned once; it is
//! never stored.

use bindery_discovery::sql::scripts::{role_script, RoleRequest};
use bindery_schema::SourceKind;
use rand::RngCore;
use serde::{Deserialize, Serialize};

use crate::{ApiError, Bindery, ErrorCode};

/// Query of the scripts endpoint.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScriptsQuery {
    /// Database name (defaults to the connected provider's).
    #[serde(default)]
    pub database: Option<String>,
    /// Comma-separated tables the write script may touch.
    #[serde(default)]
    pub tables: Option<String>,
    /// The password to put in the script; generated when absent.
    #[serde(default)]
    pub password: Option<String>,
    /// Role name (default `bindery_reader`, `bindery_writer` for the write script).
    #[serde(default)]
    pub role: Option<String>,
}

/// One script.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Script {
    /// `postgres` or `mysql`.
    pub engine: &'static str,
    /// The login it creates.
    pub role: String,
    /// Tables it may write (write script only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tables: Vec<String>,
    /// The SQL.
    pub sql: String,
}

/// The scripts.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Scripts {
    /// A SELECT-only login.
    pub read_only: Script,
    /// A login that may also insert and update the listed tables; absent without `tables`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub write: Option<Script>,
    /// The password generated for the scripts (absent when one was passed). Shown once.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub generated_password: Option<String>,
}

fn generated_password() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    let mut bytes = [0u8; 28];
    rand::rng().fill_bytes(&mut bytes);
    bytes
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]))
        .collect()
}

impl Bindery {
    /// `GET /integrations/{kind}/sql/scripts`.
    #[tracing::instrument(skip_all, fields(kind), err(level = "info"))]
    pub async fn sql_scripts(&self, kind: &str, query: &ScriptsQuery) -> Result<Scripts, ApiError> {
        let provider = self.store.provider(kind).await?;
        let engine = provider
            .as_ref()
            .and_then(|p| SourceKind::parse(&p.source_kind))
            .or_else(|| SourceKind::parse(kind))
            .filter(|k| matches!(k, SourceKind::Postgres | SourceKind::Mysql))
            .ok_or_else(|| {
                ApiError::new(
                    ErrorCode::ValidationError,
                    format!("{kind} is not a Postgres or MySQL provider"),
                )
            })?;
        let config = |key: &str| {
            provider
                .as_ref()
                .and_then(|p| p.config.get(key))
                .and_then(|v| v.as_str())
                .map(str::to_owned)
        };
        let database = query
            .database
            .clone()
            .filter(|d| !d.trim().is_empty())
            .or_else(|| config("database"))
            .ok_or_else(|| {
                ApiError::new(
                    ErrorCode::ValidationError,
                    "give the database name (?database=)",
                )
            })?;
        let schemas: Vec<String> = provider
            .as_ref()
            .and_then(|p| p.config.get("schemas"))
            .and_then(|v| v.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|s| s.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        let tables: Vec<String> = query
            .tables
            .as_deref()
            .unwrap_or("")
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect();
        let (password, generated) = match query.password.clone().filter(|p| !p.is_empty()) {
            Some(password) => (password, None),
            None => {
                let password = generated_password();
                (password.clone(), Some(password))
            }
        };
        let engine_name = if engine == SourceKind::Mysql {
            "mysql"
        } else {
            "postgres"
        };
        let role = query
            .role
            .clone()
            .filter(|r| !r.trim().is_empty())
            .unwrap_or_else(|| "bindery_reader".to_owned());
        let script = |role: &str, write_tables: &[String]| Script {
            engine: engine_name,
            role: role.to_owned(),
            tables: write_tables.to_vec(),
            sql: role_script(&RoleRequest {
                engine,
                database: &database,
                schemas: &schemas,
                role,
                password: &password,
                write_tables,
            }),
        };
        let writer = format!("{role}_writer");
        Ok(Scripts {
            read_only: script(&role, &[]),
            write: (!tables.is_empty()).then(|| script(&writer, &tables)),
            generated_password: generated,
        })
    }
}
