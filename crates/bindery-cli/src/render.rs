//! Terminal output: human by default, JSON with `--json`.

use std::io::Write;
use std::net::SocketAddr;
use std::path::Path;

use bindery_api::json::{CreatedKey, DiscoverOnce};
use bindery_api::schema::Severity;
use bindery_api::{ApiError, ErrorCode};

/// Writes text to stdout; a reader that went away (`| head`) ends the output quietly instead of
/// panicking the way `println!` does.
pub(crate) fn print_text(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

/// Writes `value` to stdout as one line of JSON.
pub(crate) fn print_json(value: &impl serde::Serialize) -> Result<(), ApiError> {
    write_json(value, false)
}

/// Writes `value` to stdout as indented JSON (for a person who may also pipe it).
pub(crate) fn print_json_pretty(value: &impl serde::Serialize) -> Result<(), ApiError> {
    write_json(value, true)
}

fn write_json(value: &impl serde::Serialize, pretty: bool) -> Result<(), ApiError> {
    let mut out = std::io::stdout().lock();
    let written = if pretty {
        serde_json::to_writer_pretty(&mut out, value)
    } else {
        serde_json::to_writer(&mut out, value)
    };
    let written = written.map_err(std::io::Error::from);
    let written = written.and_then(|()| writeln!(out));
    match written {
        Ok(()) => Ok(()),
        // A reader that stops early (`| head`) closes the pipe: not an error worth reporting.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(ApiError::new(
            ErrorCode::InternalError,
            format!("cannot write JSON: {e}"),
        )),
    }
}

pub fn listening(addr: SocketAddr, session_key: &str, workspace: &Path) {
    // The first line is the one scripts and tests read: the URL with the UI's session key in the
    // fragment (fragments are never sent to the server or logged).
    outln!("Bindery is listening on http://{addr}/#token={session_key}");
    outln!("API: http://{addr}/api/v1 (OpenAPI: http://{addr}/api/v1/openapi.json)");
    outln!("Workspace: {}", workspace.display());
    outln!("Press Ctrl-C to stop.");
}

pub fn created_key(key: &CreatedKey, json: bool) -> Result<(), ApiError> {
    if json {
        return print_json(key);
    }
    outln!("{}", key.key);
    eprintln!(
        "Created API key {} with scopes {}. It is shown only this once.",
        key.id,
        key.scopes.join(", ")
    );
    Ok(())
}

pub fn discovered(discovered: &DiscoverOnce, json: bool) -> Result<(), ApiError> {
    if json {
        return print_json(discovered);
    }
    let schema = &discovered.schema;
    let s = &discovered.summary;
    outln!(
        "{} ({} {})",
        schema.source.title,
        schema.source.kind.as_str(),
        schema.source.version.as_deref().unwrap_or("")
    );
    outln!(
        "{} objects, {} fields, {} edges, {} operations",
        s.object_count,
        s.field_count,
        s.edge_count,
        s.operation_count
    );
    let width = schema
        .objects
        .iter()
        .map(|o| o.name.len())
        .max()
        .unwrap_or(0);
    for object in &schema.objects {
        let edges = schema.edges_of(&object.name).count();
        let operations = schema.operations_of(&object.name).count();
        // Indexes exist only for SQL sources; other kinds leave the column out.
        let indexes = if object.indexes.is_empty() {
            String::new()
        } else {
            format!("  {:>2} indexes", object.indexes.len())
        };
        // Enumerations have values where other objects have fields.
        let (count, unit) = if object.enum_values.is_empty() {
            (object.fields.len(), "fields")
        } else {
            (object.enum_values.len(), "values")
        };
        outln!(
            "  {:<width$}  {:<9}  {:>3} {unit}  {:>3} edges  {:>3} operations{indexes}",
            object.name,
            format!("{:?}", object.kind).to_lowercase(),
            count,
            edges,
            operations,
        );
    }
    for d in &discovered.diagnostics {
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        eprintln!(
            "{level}[{}]: {}{}",
            d.code,
            d.message,
            d.path
                .as_deref()
                .map(|p| format!(" ({p})"))
                .unwrap_or_default()
        );
    }
    Ok(())
}

/// `bindery vault status`: where the key lives and whether the vault opens.
pub fn vault(info: &bindery_api::VaultInfo, json: bool) -> Result<(), ApiError> {
    if json {
        return print_json(info);
    }
    let mut text = format!(
        "Master key: {} (chosen by {})\n",
        info.key_source, info.chosen_by
    );
    match (&info.key_id, &info.problem) {
        (Some(key_id), _) => text.push_str(&format!("Vault: ready (key {key_id})\n")),
        (None, Some(problem)) => {
            text.push_str(&format!(
                "Vault: not ready [{}]: {}\n",
                problem.code, problem.message
            ));
            text.push_str(
                "Choose another place for the key: bindery vault use file:PATH | env:VARIABLE | keyring\n",
            );
        }
        (None, None) => text.push_str("Vault: not ready\n"),
    }
    text.push_str(&format!(
        "Keyring: {}\nSealed credentials: {}\n",
        match (
            &info.keyring_store,
            info.keyring_reachable,
            &info.keyring_detail
        ) {
            (Some(store), _, _) => format!("{store}, in use"),
            (None, true, _) => "reachable".to_owned(),
            (None, false, Some(detail)) => format!("not reachable ({detail})"),
            (None, false, None) => "not reachable".to_owned(),
        },
        info.credential_count
    ));
    print_text(&text);
    Ok(())
}

/// A skill run for a terminal: status, request, response, output, diagnostics.
pub fn try_run(view: &bindery_api::TryRunView) -> String {
    use bindery_api::{ResolvedRequest, RunStatus};
    use std::fmt::Write as _;
    let run = &view.run;
    let mut out = String::new();
    let status = match run.status {
        RunStatus::Ok => "ok",
        RunStatus::DryRun => "dry run (nothing was sent; --confirm runs the write)",
        RunStatus::Failed => "failed",
    };
    let latency = run
        .latency_ms
        .map(|ms| format!(" in {ms:.1} ms"))
        .unwrap_or_default();
    let _ = writeln!(out, "{}: {status}{latency}", view.tool_name);
    match &run.request {
        Some(ResolvedRequest::NativeRest {
            method,
            url,
            headers,
            body,
            body_media_type,
        }) => {
            let _ = writeln!(out, "\nRequest\n  {method} {url}");
            for h in headers {
                let _ = writeln!(out, "  {}: {}", h.name, h.value);
            }
            if let Some(body) = body {
                let media = body_media_type.as_deref().unwrap_or("");
                let _ = writeln!(out, "  body ({media}): {body}");
            }
        }
        Some(ResolvedRequest::NativeGraphql {
            url,
            headers,
            document,
            variables,
            ..
        }) => {
            let _ = writeln!(out, "\nRequest\n  POST {url}");
            for h in headers {
                let _ = writeln!(out, "  {}: {}", h.name, h.value);
            }
            let _ = writeln!(
                out,
                "  {document}\n  variables: {}",
                serde_json::Value::Object(variables.clone())
            );
        }
        Some(ResolvedRequest::NativeSql {
            dialect,
            statement,
            parameters,
            read_only,
            statement_timeout_ms,
            ..
        }) => {
            let mode = if *read_only {
                "read-only"
            } else {
                "read-write"
            };
            let _ = writeln!(
                out,
                "\nStatement ({dialect}, {mode}, timeout {statement_timeout_ms} ms)\n  {statement}"
            );
            for p in parameters {
                let _ = writeln!(
                    out,
                    "  {} = {} ({} {})",
                    p.placeholder, p.value, p.column, p.column_type
                );
            }
        }
        None => {}
    }
    if let Some(response) = &run.response {
        let status = response
            .http_status
            .map(|s| format!("HTTP {s}, "))
            .unwrap_or_default();
        let rows = response
            .rows_affected
            .map(|n| format!(", {n} row(s) written"))
            .unwrap_or_default();
        let cut = if response.truncated {
            ", cut at the cap"
        } else {
            ""
        };
        let body = serde_json::to_string_pretty(&response.body).unwrap_or_default();
        let shown: String = body.chars().take(4000).collect();
        let more = if shown.len() < body.len() {
            "\n  …"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "\nResponse ({status}{} bytes{rows}{cut})\n  {}{more}",
            response.bytes,
            shown.replace('\n', "\n  ")
        );
    }
    if let Some(output) = &run.output {
        let _ = writeln!(out, "\nOutput");
        for (leaf, value) in output {
            let _ = writeln!(out, "  {leaf} = {value}");
        }
    }
    if !run.diagnostics.is_empty() {
        let _ = writeln!(out);
        for d in &run.diagnostics {
            let severity = match d.severity {
                bindery_api::RunSeverity::Error => "error",
                bindery_api::RunSeverity::Warning => "warning",
                bindery_api::RunSeverity::Info => "note",
            };
            let at =
                d.at.as_deref()
                    .map(|a| format!(" ({a})"))
                    .unwrap_or_default();
            let _ = writeln!(out, "{severity}[{}]: {}{at}", d.code, d.message);
        }
    }
    out
}
