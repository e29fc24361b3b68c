//! Every diagnostic code a binding can get: the one documented list. The UI, the CLI and the
//! API branch on these codes, never on messages. A test checks that validation only emits codes
//! listed here.

use serde::{Deserialize, Serialize};

use bindery_schema::Severity;

/// One problem with a binding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BindingDiagnostic {
    /// Stable code (one of [`CODES`]).
    pub code: String,
    /// How bad.
    pub severity: Severity,
    /// A sentence for a person.
    pub message: String,
    /// Where in the binding (`inputs[0].arg`, `projection[2].path[1]`, `toolName`).
    pub binding_path: String,
    /// Where in the schema (`postgres:public.customer.email`, `operation GetCustomers`), when
    /// the problem is about one place of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema_path: Option<String>,
    /// What to do about it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

/// A code, its severity and what it means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CodeDoc {
    /// The code.
    pub code: &'static str,
    /// Its severity.
    pub severity: Severity,
    /// When it is given.
    pub meaning: &'static str,
}

macro_rules! codes {
    ($($name:ident = $code:literal, $severity:ident, $meaning:literal;)*) => {
        $(#[doc = $meaning] pub const $name: &str = $code;)*
        /// Every code, in documentation order.
        pub const CODES: &[CodeDoc] = &[
            $(CodeDoc { code: $code, severity: Severity::$severity, meaning: $meaning },)*
        ];
    };
}

codes! {
    MISSING_TOOL_NAME = "binding/missing-tool-name", Error, "The tool name is empty.";
    DUPLICATE_TOOL_NAME = "binding/duplicate-tool-name", Error, "Another skill of the agent already has this tool name.";
    MISSING_DESCRIPTION = "binding/missing-description", Error, "The description is empty: the LLM would not know when to call the tool.";
    UNKNOWN_OPERATION = "binding/unknown-operation", Error, "The operation is not in the provider's schema.";
    NOT_BINDABLE = "binding/not-bindable", Error, "The operation is a subscription, which a voice agent cannot call.";
    BLOCKED_BY_SCOPING = "binding/blocked-by-scoping", Error, "The operation, table or column is blocked by the provider's data scoping.";
    WRITE_FLAG_MISMATCH = "binding/write-flag-mismatch", Error, "`isWrite` disagrees with the operation's class (a write bound as a read, or the reverse).";
    UNKNOWN_ARGUMENT = "binding/unknown-argument", Error, "An input names an argument the operation does not have.";
    DUPLICATE_ARGUMENT = "binding/duplicate-argument", Error, "Two inputs (or an input and the SQL filter) bind the same argument or field.";
    REQUIRED_ARG_UNBOUND = "binding/required-arg-unbound", Error, "A required argument or input-object field has no value.";
    SOURCE_MISSING = "binding/source-missing", Error, "An input or field has neither `param` nor `const`.";
    SOURCE_CONFLICT = "binding/source-conflict", Error, "An input or field has both `param` and `const`, or a transform or default on a constant.";
    UNKNOWN_PARAM = "binding/unknown-param", Error, "A parameter is neither canonical nor one of the agent's own.";
    UNKNOWN_TRANSFORM = "binding/unknown-transform", Error, "A transform name is not one Bindery knows.";
    TYPE_MISMATCH = "binding/type-mismatch", Error, "A parameter's or constant's type cannot fill the argument or field.";
    FORMAT_MISMATCH = "binding/format-mismatch", Error, "A parameter's format differs from the argument's (an e-mail into a phone number).";
    UNKNOWN_FIELD = "binding/unknown-field", Error, "A projection path or input-object field names a field that does not exist there.";
    INVALID_PATH = "binding/invalid-path", Error, "A projection path is empty or a segment cannot be read.";
    CARDINALITY_MISSING = "binding/cardinality-missing", Error, "A projection path crosses a list without saying which items (`[first]`, `[*]`, `[n]`, `[field=value]`).";
    CARDINALITY_ON_SINGLE = "binding/cardinality-on-single", Error, "A cardinality is given on something that is not a list.";
    LEAF_NOT_SCALAR = "binding/leaf-not-scalar", Error, "A projection ends on an object or list of objects instead of a scalar.";
    INVALID_LEAF = "binding/invalid-leaf", Error, "An output leaf name is not snake case (it becomes a key the agent reads).";
    DUPLICATE_LEAF = "binding/duplicate-leaf", Error, "Two projections produce the same output leaf.";
    USER_ERRORS_PROJECTED = "binding/user-errors-projected", Error, "A projection reads a mutation's `userErrors`, which is never projectable (the runtime reports them as failures).";
    PII_IN_PROJECTION = "binding/pii-in-projection", Error, "A PII or sensitive field is projected without a recorded override (`piiOverride`).";
    PII_IN_WRITE = "binding/pii-in-write", Error, "A PII or sensitive field is written without a recorded override (`piiOverride`).";
    NOT_LEADING_INDEX = "binding/not-leading-index", Error, "A SQL filter is on a column that leads no equality index: it would scan the table.";
    JOIN_TOO_DEEP = "binding/join-too-deep", Error, "A SQL projection joins more than one foreign-key hop.";
    NOT_JOINABLE = "binding/not-joinable", Error, "A SQL projection crosses a relationship that is not a one-hop join.";
    SQL_SEARCH_INVALID = "binding/sql-search-invalid", Error, "`sqlSearch` is given on something other than a SQL read, or names another table.";
    SQL_WRITE_INVALID = "binding/sql-write-invalid", Error, "`sqlWrite` disagrees with the operation (mode, key column, key parameter).";
    INPUT_OBJECT_ON_READ = "binding/input-object-on-read", Error, "`inputObjectMap` is given for a read or an operation without an input object.";
    WRITE_WITHOUT_CONFIRMATION = "binding/write-without-confirmation", Error, "A write has no confirmation policy (`confirmation.prompt`).";
    WRITE_LANDS_DISABLED = "binding/write-lands-disabled", Info, "A write asked to start enabled; writes always land disabled until approved and enabled.";
    DEPRECATED = "binding/deprecated", Warning, "The operation, argument or field is deprecated by the provider.";
}

/// The documentation of a code.
pub fn doc(code: &str) -> Option<&'static CodeDoc> {
    CODES.iter().find(|c| c.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_namespaced() {
        let mut seen = std::collections::BTreeSet::new();
        for c in CODES {
            assert!(c.code.starts_with("binding/"), "{} is namespaced", c.code);
            assert!(seen.insert(c.code), "{} listed once", c.code);
        }
    }
}
