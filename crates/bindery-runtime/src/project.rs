//! Projection: the provider's answer read into the skill's output leaves, following each
//! output's path (`data[first]`, `nodes[*]`, `[2]`, `items[status=open]`) as the binding wrote
//! it; SQL rows by their output aliases.

use bindery_binding::path::{Cardinality, Segment};
use bindery_binding::OutputPlan;
use serde_json::{Map, Value};

use crate::codes::RunCode;
use crate::outcome::RunDiagnostic;

/// Why a walk gave nothing.
enum Gap {
    /// A field is not in the answer.
    Missing(String),
    /// A list was empty or no item matched.
    Empty,
}

/// Reads every output from a JSON answer (REST: the body; GraphQL: `data.<rootField>`).
pub fn project_json(
    root: &Value,
    outputs: &[OutputPlan],
) -> (Map<String, Value>, Vec<RunDiagnostic>) {
    let mut leaves = Map::new();
    let mut diagnostics = Vec::new();
    let mut empty = false;
    for output in outputs {
        match walk(root, output) {
            Ok(value) => {
                leaves.insert(output.leaf.clone(), value);
            }
            Err(gap) => {
                leaves.insert(
                    output.leaf.clone(),
                    if output.many {
                        Value::Array(Vec::new())
                    } else {
                        Value::Null
                    },
                );
                match gap {
                    Gap::Missing(at) => diagnostics.push(
                        RunDiagnostic::new(
                            RunCode::OutputMissing,
                            format!("the answer has no `{at}` on the way to `{}`", output.leaf),
                        )
                        .at(format!("output.{}", output.leaf)),
                    ),
                    Gap::Empty => empty = true,
                }
            }
        }
    }
    if empty {
        diagnostics.push(RunDiagnostic::new(
            RunCode::NoResult,
            "the answer's list is empty (or no item matched), so some leaves are empty",
        ));
    }
    (leaves, diagnostics)
}

/// Follows one output's path.
fn walk(root: &Value, output: &OutputPlan) -> Result<Value, Gap> {
    let mut current: Vec<&Value> = vec![root];
    let mut walked = String::new();
    for text in &output.path {
        let segment = Segment::parse(text).map_err(|e| Gap::Missing(e.0))?;
        if let Some(field) = &segment.field {
            if !walked.is_empty() {
                walked.push('.');
            }
            walked.push_str(field);
            let next: Vec<&Value> = current
                .iter()
                .filter_map(|v| v.as_object().and_then(|o| o.get(field)))
                .collect();
            if next.is_empty() && current.iter().any(|v| !v.is_null()) {
                return Err(Gap::Missing(walked));
            }
            current = next.into_iter().filter(|v| !v.is_null()).collect();
        }
        if let Some(pick) = &segment.cardinality {
            walked.push_str(&pick.to_string());
            current = current
                .iter()
                .filter_map(|v| v.as_array())
                .flat_map(|items| choose(items, pick))
                .collect();
            if current.is_empty() && !pick.is_many() {
                return Err(Gap::Empty);
            }
        }
    }
    Ok(if output.many {
        Value::Array(current.into_iter().cloned().collect())
    } else {
        current.first().map(|v| (*v).clone()).unwrap_or(Value::Null)
    })
}

/// The items a cardinality picks from a list.
fn choose<'v>(items: &'v [Value], pick: &Cardinality) -> Vec<&'v Value> {
    match pick {
        Cardinality::First => items.first().into_iter().collect(),
        Cardinality::Each => items.iter().collect(),
        Cardinality::Index { index } => items.get(*index).into_iter().collect(),
        Cardinality::Where { field, equals } => items
            .iter()
            .find(|item| {
                item.get(field).is_some_and(|v| match v {
                    Value::String(s) => s == equals,
                    Value::Number(n) => equals.trim().parse::<f64>().ok() == n.as_f64(),
                    Value::Bool(b) => equals.trim() == if *b { "true" } else { "false" },
                    Value::Null => equals.trim() == "null",
                    Value::Array(_) | Value::Object(_) => false,
                })
            })
            .into_iter()
            .collect(),
    }
}

/// Reads every output from SQL rows (objects keyed by output alias): a single leaf from the
/// first row, a list leaf from every row.
pub fn project_rows(
    rows: &[Map<String, Value>],
    outputs: &[OutputPlan],
) -> (Map<String, Value>, Vec<RunDiagnostic>) {
    let mut leaves = Map::new();
    let mut diagnostics = Vec::new();
    for output in outputs {
        let alias = output
            .path
            .first()
            .map(String::as_str)
            .unwrap_or(&output.leaf);
        let value = if output.many {
            Value::Array(
                rows.iter()
                    .map(|r| r.get(alias).cloned().unwrap_or(Value::Null))
                    .collect(),
            )
        } else {
            rows.first()
                .and_then(|r| r.get(alias))
                .cloned()
                .unwrap_or(Value::Null)
        };
        if rows.first().is_some_and(|r| !r.contains_key(alias)) {
            diagnostics.push(
                RunDiagnostic::new(
                    RunCode::OutputMissing,
                    format!("the rows have no column `{alias}`"),
                )
                .at(format!("output.{}", output.leaf)),
            );
        }
        leaves.insert(output.leaf.clone(), value);
    }
    if rows.is_empty() && !outputs.is_empty() {
        diagnostics.push(RunDiagnostic::new(RunCode::NoResult, "no row matched"));
    }
    (leaves, diagnostics)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn out(leaf: &str, path: &[&str], many: bool) -> OutputPlan {
        OutputPlan {
            leaf: leaf.to_owned(),
            path: path.iter().map(|s| (*s).to_owned()).collect(),
            leaf_type: "string".to_owned(),
            many,
        }
    }

    #[test]
    fn paths_cross_lists_by_their_cardinality() {
        let answer = json!({
            "data": [{"id": "a", "tags": [{"k": "x", "v": 1}, {"k": "y", "v": 2}]}, {"id": "b", "tags": []}],
        });
        let outputs = [
            out("first", &["data[first]", "id"], false),
            out("all", &["data[*]", "id"], true),
            out("second", &["data[1]", "id"], false),
            out("where", &["data[first]", "tags[k=y]", "v"], false),
            out("gone", &["data[first]", "nope"], false),
        ];
        let (leaves, diagnostics) = project_json(&answer, &outputs);
        assert_eq!(
            Value::Object(leaves),
            json!({"first": "a", "all": ["a", "b"], "second": "b", "where": 2, "gone": null}),
            "each cardinality picks its items"
        );
        let codes: Vec<&str> = diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(
            codes,
            ["runtime/output-missing"],
            "the absent field is reported"
        );
    }

    #[test]
    fn an_empty_list_gives_null_and_a_no_result_note() {
        let (leaves, diagnostics) = project_json(
            &json!({"data": []}),
            &[out("id", &["data[first]", "id"], false)],
        );
        assert_eq!(leaves.get("id"), Some(&Value::Null), "null leaf");
        assert_eq!(
            diagnostics.first().map(|d| d.code),
            Some("runtime/no-result"),
            "noted"
        );
    }

    #[test]
    fn rows_give_single_leaves_from_the_first_row_and_lists_from_all() {
        let rows: Vec<Map<String, Value>> = [json!({"a": 1, "b": "x"}), json!({"a": 2, "b": "y"})]
            .into_iter()
            .filter_map(|v| v.as_object().cloned())
            .collect();
        let (leaves, diagnostics) =
            project_rows(&rows, &[out("a", &["a"], false), out("b", &["b"], true)]);
        assert_eq!(
            Value::Object(leaves),
            json!({"a": 1, "b": ["x", "y"]}),
            "projected"
        );
        assert!(diagnostics.is_empty(), "nothing to report: {diagnostics:?}");
    }
}
