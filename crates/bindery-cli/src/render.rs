//! Terminal output: human by default, JSON with `--json`.

use std::io::Write;
use std::net::SocketAddr;
use std::path::Path;

use bindery_api::json::{CreatedKey, DiscoverOnce};
use bindery_api::schema::Severity;
use bindery_api::{ApiError, ErrorCode};

fn print_json(value: &impl serde::Serialize) -> Result<(), ApiError> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer(&mut out, value)
        .map_err(|e| ApiError::new(ErrorCode::InternalError, format!("cannot write JSON: {e}")))?;
    // A closed stdout (`| head`) is not an error worth reporting.
    let _ = writeln!(out);
    Ok(())
}

pub fn listening(addr: SocketAddr, session_key: &str, workspace: &Path) {
    // The first line is the one scripts and tests read: the URL with the UI's session key in the
    // fragment (fragments are never sent to the server or logged).
    println!("Bindery is listening on http://{addr}/#token={session_key}");
    println!("API: http://{addr}/api/v1 (OpenAPI: http://{addr}/api/v1/openapi.json)");
    println!("Workspace: {}", workspace.display());
    println!("Press Ctrl-C to stop.");
}

pub fn created_key(key: &CreatedKey, json: bool) -> Result<(), ApiError> {
    if json {
        return print_json(key);
    }
    println!("{}", key.key);
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
    println!(
        "{} ({} {})",
        schema.source.title,
        schema.source.kind.as_str(),
        schema.source.version.as_deref().unwrap_or("")
    );
    println!(
        "{} objects, {} fields, {} edges, {} operations",
        s.object_count, s.field_count, s.edge_count, s.operation_count
    );
    let width = schema
        .objects
        .iter()
        .map(|o| o.name.len())
        .max()
        .unwrap_or(0);
    for object in &schema.objects {
        let edges = schema.edges_of(&object.name).count();
        println!(
            "  {:<width$}  {:<5}  {:>3} fields  {:>2} indexes  {:>2} edges",
            object.name,
            format!("{:?}", object.kind).to_lowercase(),
            object.fields.len(),
            object.indexes.len(),
            edges,
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
