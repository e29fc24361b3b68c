//! The local HTTP API over real loopback TCP: the router from `bindery_server::serve`, a real
//! workspace in a tempdir (seeded with the demo provider), and reqwest as the client.
//!
//! Every test starts its own server over its own workspace, so tests can run in parallel and
//! mutate freely. The harness lives in `support`; the tests are grouped by area.

mod auth;
mod browse;
mod canary;
mod databases;
mod graph;
mod graphql;
mod integrations;
mod lifecycle;
mod routes;
mod scoping;
mod skills;
mod support;
mod try_run;
mod ui;
