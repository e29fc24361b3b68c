//! SQL sources. Each engine's `fetch` reads its catalog into the engine-neutral [`Catalog`] with
//! one set-based query per kind of catalog object (never a query per table); [`normalize`] turns a
//! catalog into a schema without I/O.

mod catalog;
mod normalize;
mod operations;
pub mod sqlite;
mod types;

pub use catalog::{Catalog, Column, ForeignKey, IndexDef, Relation, RelationKind};
pub use normalize::normalize;
