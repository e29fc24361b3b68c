//! Bindings: "the mapping is the integration".
//!
//! A [`Binding`] maps canonical parameters ([`ParamRegistry`]) onto one operation's arguments and
//! projects provider fields back onto output leaves. [`validate`] checks it against the
//! discovered schema and returns *every* problem as a coded [`BindingDiagnostic`] (a binding
//! with problems is a result, never an `Err`); [`compile`] turns a [`Valid`] binding into a
//! frozen, hashed [`Skill`]; [`drift`] compares two snapshots of a schema and says which
//! bindings each change breaks.
//!
//! Layer L0: no I/O, no async runtime, no clock; the same inputs give byte-identical output.
#![deny(missing_docs)]

pub mod codes;
pub mod compile;
pub mod drift;
mod model;
pub mod params;
pub mod path;
pub mod resolve;
mod skill;
mod suggest;
pub mod validate;

pub use bindery_schema::Valid;
pub use codes::BindingDiagnostic;
pub use compile::{compile, CompileError};
pub use model::*;
pub use params::{CanonicalParam, ParamRegistry, ParamType, Provenance};
pub use skill::*;
pub use validate::{validate, Validation};

use bindery_schema::Schema;

/// What a binding is validated and compiled against.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The provider's schema as bindings may use it (data scoping applied).
    pub schema: &'a Schema,
    /// The same schema before scoping, to tell "blocked by scoping" from "unknown".
    pub unscoped: Option<&'a Schema>,
    /// Fingerprint of the snapshot `schema` comes from (recorded in the skill).
    pub schema_fingerprint: &'a str,
    /// Canonical parameters plus the agent's own.
    pub registry: &'a ParamRegistry,
    /// Tool names of the agent's other skills.
    pub taken_tool_names: &'a [String],
}
