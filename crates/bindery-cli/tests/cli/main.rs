//! The real `bindery` binary: exit codes, stdout/stderr contracts, keys, `serve` and `bind`.
//!
//! The shared helpers live in `support`; the tests are grouped by command.

mod bind;
mod bind_stripe;
mod discover;
mod keys;
mod serve;
mod skill_try;
mod support;
mod vault;
