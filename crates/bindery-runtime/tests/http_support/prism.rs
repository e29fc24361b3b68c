//! Running skills against Stoplight Prism (`bindery_testkit::PrismDouble`): start a mock over a
//! fixture, assert Prism took a request, and make a request Prism must refuse.

use bindery_binding::{ExecutionConfig, Skill, ValuePlan};
use bindery_runtime::{RunStatus, Target, TryRun};
use bindery_testkit::{fixtures_dir, PrismDouble, PrismOptions};
use serde_json::Value;

use super::{codes, inputs, json, runtime};

/// Prism over a fixture (`None`: skipped locally without Node).
pub fn prism(spec: &str, options: PrismOptions) -> Option<PrismDouble> {
    PrismDouble::mock_with(&fixtures_dir().join(spec), &options)
        .expect("Prism starts (or is skipped outside CI)")
}

/// Prism took the request (no 4xx validation answer) and the run went through.
pub fn assert_accepted(run: &TryRun, prism: &PrismDouble, what: &str) {
    let status = run.response.as_ref().and_then(|r| r.http_status);
    assert!(
        status.is_some_and(|s| (200..300).contains(&s)),
        "{what}: Prism refused the request (status {status:?}): {:?}\nrequest: {}\nPrism: {}",
        run.diagnostics,
        json(run)["request"],
        prism.output_tail()
    );
    assert_eq!(run.status, RunStatus::Ok, "{what}: {:?}", run.diagnostics);
    assert!(run.executed, "{what}: sent");
}

/// The output leaves that are null.
pub fn null_leaves(run: &TryRun) -> Vec<String> {
    run.output
        .iter()
        .flatten()
        .filter(|(_, v)| v.is_null() || v.as_array().is_some_and(Vec::is_empty))
        .map(|(k, _)| k.clone())
        .collect()
}

/// Replaces the value of the plan's argument `name` by a constant (past validation, on purpose).
pub fn with_constant(mut skill: Skill, name: &str, constant: Value) -> Skill {
    if let ExecutionConfig::NativeRest(plan) = &mut skill.execution_config {
        for argument in plan.arguments.iter_mut().filter(|a| a.name == name) {
            argument.value = ValuePlan::Const {
                constant: constant.clone(),
            };
        }
    }
    skill
}

/// A wrong value reaches Prism, which answers 422 with the violation; the run says so.
pub async fn assert_violation(skill: &Skill, given: Value, target: &Target, needles: &[&str]) {
    let run = runtime(None)
        .run(skill, &inputs(given), target, false)
        .await;
    assert_eq!(
        codes(&run),
        ["runtime/http-status"],
        "{:?}",
        run.diagnostics
    );
    let message = run
        .diagnostics
        .first()
        .map(|d| d.message.clone())
        .unwrap_or_default();
    assert!(message.contains("HTTP 422"), "Prism's 422: {message}");
    // Prism names query parameters in lower case (`query.maxresults`).
    let lower = message.to_lowercase();
    for needle in needles {
        assert!(
            lower.contains(&needle.to_lowercase()),
            "the violation names {needle}: {message}"
        );
    }
    assert!(run.output.is_none(), "nothing projected from a refusal");
}
