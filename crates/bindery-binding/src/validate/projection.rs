//! Projections: each path walks to a scalar the binding may read, onto a unique leaf name.

use std::collections::BTreeSet;

use bindery_schema::{Field, Operation};

use super::Report;
use crate::codes;
use crate::path::Segment;
use crate::resolve::{self, Step};
use crate::{params, Binding, Context};

pub(super) fn check(binding: &Binding, op: &Operation, cx: &Context<'_>, report: &mut Report) {
    let mut leaves: BTreeSet<&str> = BTreeSet::new();
    for (i, projection) in binding.projection.iter().enumerate() {
        let at = format!("projection[{i}]");
        if params::check_name(&projection.leaf).is_err() {
            report
                .add(
                    codes::INVALID_LEAF,
                    format!("{at}.leaf"),
                    format!(
                        "`{}` is not an output name the agent can read",
                        projection.leaf
                    ),
                )
                .help("use snake case: lower-case letters, digits and `_` (customer_name)");
        } else if !leaves.insert(projection.leaf.as_str()) {
            report.add(
                codes::DUPLICATE_LEAF,
                format!("{at}.leaf"),
                format!("`{}` is produced by two projections", projection.leaf),
            );
        }
        if projection.path.is_empty() {
            report.add(
                codes::INVALID_PATH,
                format!("{at}.path"),
                "the path is empty",
            );
            continue;
        }
        let mut segments = Vec::with_capacity(projection.path.len());
        let mut readable = true;
        for (j, text) in projection.path.iter().enumerate() {
            match Segment::parse(text) {
                Ok(segment) => segments.push(segment),
                Err(e) => {
                    report.add(codes::INVALID_PATH, format!("{at}.path[{j}]"), e.0);
                    readable = false;
                }
            }
        }
        if !readable {
            continue;
        }
        match resolve::walk(cx.schema, op, &segments) {
            Ok(walk) => {
                for step in &walk.steps {
                    if let Step::Field { field, .. } = step {
                        nested_arguments(field, &at, report);
                        deprecated(field, &at, report);
                    }
                }
                if walk.steps.is_empty()
                    || !matches!(walk.steps.last(), Some(Step::Field { field, .. }) if std::ptr::eq(*field, walk.leaf))
                {
                    deprecated(walk.leaf, &at, report);
                }
                if walk.leaf.sensitive && projection.pii_override.is_none() {
                    report
                        .add(
                            codes::PII_IN_PROJECTION,
                            format!("{at}.path"),
                            format!(
                                "`{}` holds sensitive data; the agent may read it only with a recorded override",
                                walk.leaf.name
                            ),
                        )
                        .schema(walk.leaf.origin.clone())
                        .help("remove it, or add \"piiOverride\": {\"reason\": \"...\", \"by\": \"...\"}");
                }
            }
            Err(err) => {
                let blocked = err.code == codes::UNKNOWN_FIELD
                    && cx.unscoped.is_some_and(|full| {
                        full.operation(&op.id)
                            .is_some_and(|full_op| resolve::walk(full, full_op, &segments).is_ok())
                    });
                let (code, message) = if blocked {
                    (
                        codes::BLOCKED_BY_SCOPING,
                        format!("{} (blocked by the provider's data scoping)", err.message),
                    )
                } else {
                    (err.code, err.message)
                };
                let d = report.add(code, format!("{at}.path[{}]", err.segment), message);
                if let Some(path) = err.schema_path {
                    d.schema(path);
                }
                if let Some(help) = err.help {
                    d.help(help);
                }
            }
        }
    }
}

/// A GraphQL field on the way with a required argument cannot be reached: projections bind no
/// nested arguments.
fn nested_arguments(field: &Field, at: &str, report: &mut Report) {
    for arg in field
        .arguments
        .iter()
        .filter(|a| a.required && a.default.is_none())
    {
        report
            .add(
                codes::REQUIRED_ARG_UNBOUND,
                format!("{at}.path"),
                format!(
                    "`{}` requires the argument `{}`, which a projection cannot give",
                    field.name, arg.name
                ),
            )
            .schema(field.origin.clone())
            .help("bind an operation that returns the data without arguments on the way");
    }
}

fn deprecated(field: &Field, at: &str, report: &mut Report) {
    if let Some(reason) = &field.deprecated {
        report
            .add(
                codes::DEPRECATED,
                format!("{at}.path"),
                format!("`{}` is deprecated: {reason}", field.name),
            )
            .schema(field.origin.clone());
    }
}
