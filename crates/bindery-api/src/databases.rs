//! PostgreSQL and MySQL providers: the connect form (`host`, `port` as a string, `database`,
//! `user`, `password`, `sslmode`, optional `schemas`) into a stored config without the password,
//! which is sealed in the vault (`credentials.rs`) and opened only to connect.

use bindery_discovery::sql::{Password, SqlConnection, SslMode};
use bindery_discovery::SourceConfig;
use bindery_schema::SourceKind;
use bindery_store::ProviderRecord;

use bindery_vault::{Secret, SecretMap};

use crate::json::ConnectRequest;
use crate::{ApiError, Bindery, ErrorCode};

const FIELDS: [&str; 7] = [
    "host", "port", "database", "user", "password", "sslmode", "schemas",
];

/// The engine's default port.
pub(crate) fn default_port(kind: SourceKind) -> u16 {
    match kind {
        SourceKind::Mysql => 3306,
        _ => 5432,
    }
}

/// The stored config (no password) and the password of a database connect request.
pub(crate) fn database_config(
    request: &ConnectRequest,
    kind: SourceKind,
) -> Result<(serde_json::Value, Option<Password>), ApiError> {
    let invalid = |message: String| ApiError::new(ErrorCode::ValidationError, message);
    if let Some(unknown) = request
        .credentials
        .keys()
        .find(|k| !FIELDS.contains(&k.as_str()))
    {
        return Err(invalid(format!(
            "a database takes credentials.host, .port, .database, .user, .password, .sslmode and .schemas, not {unknown:?}"
        )));
    }
    let text = |key: &str| -> Option<String> {
        match request.credentials.get(key) {
            Some(serde_json::Value::String(s)) => {
                Some(s.trim().to_owned()).filter(|s| !s.is_empty())
            }
            Some(serde_json::Value::Number(n)) => Some(n.to_string()),
            _ => None,
        }
    };
    let required =
        |key: &str| text(key).ok_or_else(|| invalid(format!("credentials.{key} is required")));
    let port = match text("port") {
        Some(port) => port.parse::<u16>().ok().filter(|p| *p > 0).ok_or_else(|| {
            invalid(format!(
                "credentials.port must be a TCP port (1-65535), not {port:?}"
            ))
        })?,
        None => default_port(kind),
    };
    let ssl_mode = match text("sslmode") {
        Some(mode) => SslMode::parse(&mode).ok_or_else(|| {
            invalid(
                "credentials.sslmode must be disable, require, verify-ca or verify-full".to_owned(),
            )
        })?,
        None => SslMode::Require,
    };
    let schemas: Vec<String> = match request.credentials.get("schemas") {
        Some(serde_json::Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_str())
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
        Some(serde_json::Value::String(list)) => list
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
        _ => Vec::new(),
    };
    let password = request
        .credentials
        .get("password")
        .and_then(|v| v.as_str())
        .filter(|p| !p.is_empty())
        .map(Password::new);
    let connection = SqlConnection {
        host: required("host")?,
        port,
        database: required("database")?,
        user: required("user")?,
        password: password.clone(),
        ssl_mode,
        root_cert: None,
        schemas,
    };
    connection.check()?;
    let config = serde_json::json!({
        "host": connection.host,
        "port": connection.port.to_string(),
        "database": connection.database,
        "user": connection.user,
        "sslmode": connection.ssl_mode.as_str(),
        "schemas": connection.schemas,
        "hasPassword": password.is_some(),
    });
    Ok((config, password))
}

/// The connection of a stored database provider, with its password from the vault. A provider
/// connected with a password whose credential is gone is a coded error.
pub(crate) fn source_config(
    provider: &ProviderRecord,
    kind: SourceKind,
    password: Option<Password>,
) -> Result<SourceConfig, ApiError> {
    let has_password = provider.config.get("hasPassword").and_then(|v| v.as_bool()) == Some(true);
    if has_password && password.is_none() {
        return Err(ApiError::new(
            ErrorCode::CredentialsMissing,
            format!(
                "the password of {} is no longer in the vault; connect it again",
                provider.kind
            ),
        ));
    }
    let text = |key: &str| {
        provider
            .config
            .get(key)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_owned()
    };
    let connection = SqlConnection {
        host: text("host"),
        port: text("port").parse().unwrap_or(default_port(kind)),
        database: text("database"),
        user: text("user"),
        password,
        ssl_mode: SslMode::parse(&text("sslmode")).unwrap_or(SslMode::Require),
        root_cert: None,
        schemas: provider
            .config
            .get("schemas")
            .and_then(|v| v.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|s| s.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default(),
    };
    Ok(match kind {
        SourceKind::Mysql => SourceConfig::Mysql { connection },
        _ => SourceConfig::Postgres { connection },
    })
}

impl Bindery {
    /// Seals a database provider's password in the vault (or forgets the old one when the new
    /// connection has none).
    pub(crate) async fn remember_password(
        &self,
        kind: &str,
        password: Option<Password>,
    ) -> Result<(), ApiError> {
        match password {
            Some(password) => {
                let mut secrets = SecretMap::new();
                secrets.insert("password", Secret::new(password.expose().to_owned()));
                self.store_secrets(kind, &secrets).await
            }
            None => self.forget_secrets(kind).await.map(|_| ()),
        }
    }

    /// A database provider's password, opened from the vault.
    pub(crate) async fn password(&self, kind: &str) -> Result<Option<Password>, ApiError> {
        Ok(self
            .secrets(kind)
            .await?
            .and_then(|secrets| secrets.get("password").map(|s| Password::new(s.expose()))))
    }
}
