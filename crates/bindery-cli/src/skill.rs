//! `bindery skill try`: runs a saved skill of a workspace agent against its real provider with
//! sample inputs, and prints the resolved request (credentials redacted), the raw response, the
//! projected output, the latency and the diagnostics.
//!
//! Exit codes: 0 the run went through (or, for a write without `--confirm`, the dry run was
//! built); 1 the run failed (its diagnostics say why) or the agent/skill is unknown; 2 usage;
//! 4 the workspace.

use std::process::ExitCode;

use bindery_api::{ApiError, Bindery, ErrorCode, SkillView, TryRunView};
use clap::{Args, Subcommand};
use serde_json::{Map, Value};

use crate::WorkspaceArg;

/// `bindery skill ...`.
#[derive(Subcommand)]
pub(crate) enum SkillCommand {
    /// Run a skill with sample inputs. A write is only a dry run (nothing sent) unless
    /// `--confirm` is given.
    Try(TryArgs),
}

/// What to run, with what.
#[derive(Args)]
pub(crate) struct TryArgs {
    #[command(flatten)]
    workspace: WorkspaceArg,
    /// The agent: its id (`agt_…`) or name.
    #[arg(long)]
    agent: String,
    /// The skill: its id (`skl_…`) or tool name.
    skill: String,
    /// A sample value: `name=text` (a number or true/false when the parameter is one), or
    /// `name:=JSON` for a raw JSON value. Repeatable.
    #[arg(short, long = "input", value_name = "NAME=VALUE")]
    inputs: Vec<String>,
    /// Run a write for real.
    #[arg(long)]
    confirm: bool,
    /// Print the whole run as JSON.
    #[arg(long)]
    json: bool,
}

/// Runs `bindery skill ...`.
pub(crate) async fn run(command: SkillCommand) -> Result<ExitCode, ApiError> {
    let SkillCommand::Try(args) = command;
    let api = crate::open(args.workspace, false).await?;
    let result = try_skill(&api, &args.agent, &args.skill, &args.inputs, args.confirm).await;
    api.close().await;
    let run = result?;
    if args.json {
        crate::render::print_json_pretty(&run)?;
    } else {
        crate::render::print_text(&crate::render::try_run(&run));
    }
    Ok(match run.run.status {
        bindery_api::RunStatus::Failed => ExitCode::from(1),
        _ => ExitCode::SUCCESS,
    })
}

async fn try_skill(
    api: &Bindery,
    agent: &str,
    skill: &str,
    inputs: &[String],
    confirm: bool,
) -> Result<TryRunView, ApiError> {
    let agent_id = find_agent(api, agent).await?;
    let found = find_skill(api, &agent_id, skill).await?;
    let values = parse_inputs(inputs, &found.skill)?;
    api.try_skill(
        &agent_id,
        &found.id,
        serde_json::json!({ "inputs": values, "confirm": confirm }),
    )
    .await
}

async fn find_agent(api: &Bindery, agent: &str) -> Result<String, ApiError> {
    let agents = api.list_agents().await?;
    agents
        .iter()
        .find(|a| a.id == agent)
        .or_else(|| agents.iter().find(|a| a.name.eq_ignore_ascii_case(agent)))
        .map(|a| a.id.clone())
        .ok_or_else(|| {
            ApiError::new(
                ErrorCode::AgentNotFound,
                format!("no agent with the id or name {agent:?}"),
            )
        })
}

async fn find_skill(api: &Bindery, agent_id: &str, skill: &str) -> Result<SkillView, ApiError> {
    let skills = api.list_skills(agent_id).await?;
    let names: Vec<&str> = skills.iter().map(|s| s.tool_name.as_str()).collect();
    let message = format!(
        "the agent has no skill with the id or tool name {skill:?} (it has: {})",
        if names.is_empty() {
            "none".to_owned()
        } else {
            names.join(", ")
        }
    );
    skills
        .iter()
        .find(|s| s.id == skill)
        .or_else(|| {
            skills
                .iter()
                .find(|s| s.tool_name.eq_ignore_ascii_case(skill.trim()))
        })
        .cloned()
        .ok_or_else(|| ApiError::new(ErrorCode::SkillNotFound, message))
}

/// `name=text` and `name:=json` into the inputs object; text becomes a number or boolean when
/// the skill's `parametersSchema` says the parameter is one.
fn parse_inputs(inputs: &[String], skill: &Value) -> Result<Map<String, Value>, ApiError> {
    let mut values = Map::new();
    for input in inputs {
        let usage = |why: &str| {
            ApiError::new(
                ErrorCode::ValidationError,
                format!("--input {input:?}: {why} (use NAME=VALUE or NAME:=JSON)"),
            )
        };
        let (name, value) = if let Some((name, json)) = input.split_once(":=") {
            let value: Value = serde_json::from_str(json)
                .map_err(|e| usage(&format!("the value is not JSON: {e}")))?;
            (name, value)
        } else if let Some((name, text)) = input.split_once('=') {
            let ty = skill
                .pointer(&format!("/parametersSchema/properties/{name}/type"))
                .and_then(Value::as_str);
            (
                name,
                typed(text, ty).ok_or_else(|| usage("the value is not of the parameter's type"))?,
            )
        } else {
            return Err(usage("no `=`"));
        };
        if name.trim().is_empty() {
            return Err(usage("no parameter name"));
        }
        values.insert(name.trim().to_owned(), value);
    }
    Ok(values)
}

fn typed(text: &str, ty: Option<&str>) -> Option<Value> {
    match ty {
        Some("integer") => text.trim().parse::<i64>().ok().map(Value::from),
        Some("number") => text
            .trim()
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number),
        Some("boolean") => text.trim().parse::<bool>().ok().map(Value::Bool),
        _ => Some(Value::String(text.to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn inputs_take_the_parameter_type_or_raw_json() {
        let skill = json!({"parametersSchema": {"properties": {
            "party_size": {"type": "integer"}, "postal_code": {"type": "string"}
        }}});
        let parsed = parse_inputs(
            &[
                "party_size=4".to_owned(),
                "postal_code=02134".to_owned(),
                "caller_phone=+14155550123".to_owned(),
                "notes:=\"a \\\"quoted\\\" note\"".to_owned(),
            ],
            &skill,
        )
        .expect("the inputs parse");
        assert_eq!(
            Value::Object(parsed),
            json!({"party_size": 4, "postal_code": "02134", "caller_phone": "+14155550123", "notes": "a \"quoted\" note"}),
            "typed by the schema, text kept as text"
        );
        let wrong = parse_inputs(&["party_size=four".to_owned()], &skill);
        assert!(
            wrong.is_err(),
            "a non-integer for an integer is a usage error"
        );
    }
}
