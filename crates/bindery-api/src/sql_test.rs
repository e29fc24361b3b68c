//! `POST /integrations/{kind}/sql/test`: connection checks on credentials a person typed, before
//! (or instead of) connecting. Always an answer with ordered checks; nothing is stored and the
//! password is used for this one attempt only.

use bindery_discovery::sql::checks::{self, CheckStatus, SqlCheck, SqlTestResult};
use bindery_schema::SourceKind;

use crate::json::ConnectRequest;
use crate::{ApiError, Bindery, ErrorCode};

impl Bindery {
    /// Runs the checks for the provider's engine (or the engine the kind names).
    #[tracing::instrument(skip_all, fields(kind), err(level = "info"))]
    pub async fn test_sql_connection(
        &self,
        kind: &str,
        request: ConnectRequest,
    ) -> Result<SqlTestResult, ApiError> {
        let provider = self.store.provider(kind).await?;
        let engine = request
            .source_kind
            .as_deref()
            .and_then(SourceKind::parse)
            .or_else(|| {
                provider
                    .as_ref()
                    .and_then(|p| SourceKind::parse(&p.source_kind))
            })
            .or_else(|| SourceKind::parse(kind))
            .filter(|k| matches!(k, SourceKind::Postgres | SourceKind::Mysql))
            .ok_or_else(|| {
                ApiError::new(
                    ErrorCode::ValidationError,
                    format!("{kind} is not a Postgres or MySQL provider; give sourceKind"),
                )
            })?;
        let (config, password) = match crate::databases::database_config(&request, engine) {
            Ok(parsed) => parsed,
            Err(error) => return Ok(settings_failed(error)),
        };
        let record = bindery_store::ProviderRecord {
            kind: kind.to_owned(),
            display_name: kind.to_owned(),
            source_kind: engine.as_str().to_owned(),
            config,
            demo: false,
            created_at: self.now(),
        };
        let connection = match crate::databases::source_config(&record, engine, password)? {
            bindery_discovery::SourceConfig::Postgres { connection }
            | bindery_discovery::SourceConfig::Mysql { connection } => connection,
            _ => {
                return Err(crate::integrations::internal(
                    "a database config is not a database",
                ))
            }
        };
        let result = checks::test_connection(engine, &connection).await;
        tracing::info!(ok = result.ok, "connection checks");
        Ok(result)
    }
}

/// Settings that cannot be tried are the first failed check.
fn settings_failed(error: ApiError) -> SqlTestResult {
    let mut checks: Vec<SqlCheck> = vec![SqlCheck {
        name: "settings",
        status: CheckStatus::Failed,
        detail: error.message,
        code: None,
        elapsed_ms: 0,
    }];
    for name in checks::CHECKS.iter().skip(1) {
        checks.push(SqlCheck {
            name,
            status: CheckStatus::Skipped,
            detail: "not run: settings failed".to_owned(),
            code: None,
            elapsed_ms: 0,
        });
    }
    SqlTestResult { ok: false, checks }
}
