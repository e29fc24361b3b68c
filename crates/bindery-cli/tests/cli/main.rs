//! The real `bindery` binary: exit codes, stdout/stderr contracts, keys and `serve`.
//!
//! The shared helpers live in `support`; the tests are grouped by command.

mod discover;
mod keys;
mod serve;
mod support;
mod vault;
