//! The normalized schema model every source kind produces and every consumer reads.
//!
//! `bindery-schema` is layer L0: it does no I/O and pulls no async runtime, HTTP, SQL, keyring or
//! Tauri. Discovery (L1) builds a [`Schema`]; the application API (L2) stores it, slices it for
//! the UI through a [`SchemaIndex`], and hands it to bindings later.
//!
//! Entry points: [`Schema`] (the model), [`Schema::finish`] (sort + summarise, making the JSON
//! deterministic), [`SchemaIndex`] (search and lookup), [`Diagnostic`] (problems as data),
//! [`pii::classify`] (the shared PII/sensitive classifier), [`RelationGraph`] (neighbourhoods and
//! shortest paths over the edges).
#![deny(missing_docs)]

mod diagnostic;
pub mod graph;
mod index;
mod model;
mod operation;
pub mod pii;
mod scoping;

pub use diagnostic::{Diagnostic, Severity, Valid, WithDiagnostics};
pub use graph::{
    GraphEdge, GraphError, GraphNode, Hop, HopDirection, Neighbourhood, ObjectPath, RelationGraph,
};
pub use index::{InvalidCursor, ObjectFilter, ObjectHit, ObjectPage, SchemaIndex};
pub use model::*;
pub use operation::*;
pub use scoping::Scoping;
