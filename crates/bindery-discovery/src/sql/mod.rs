//! SQL sources. Each engine's `fetch` reads its catalog into the engine-neutral [`Catalog`] with
//! one set-based query per kind of catalog object (never a query per table); [`normalize`] turns a
//! catalog into a schema without I/O.

mod catalog;
pub mod checks;
pub mod connection;
pub mod mysql;
mod normalize;
mod operations;
pub mod postgres;
pub mod scripts;
pub mod sqlite;
mod types;

pub use catalog::{Catalog, CheckDef, Column, ForeignKey, IndexDef, Relation, RelationKind};
pub use connection::{Password, SqlConnection, SslMode};
pub use normalize::normalize;
