//! OAuth 2 for connecting providers with the person's own OAuth client (L1).
//!
//! - [`FlowCoordinator`]: the authorization code flow with PKCE (S256), one at a time, the
//!   redirect received by a loopback listener on `127.0.0.1:<ephemeral port>`, `state` checked,
//!   a page in the browser telling the person to go back to Bindery, a timeout and cancel.
//! - [`TokenClient`]: the token and revocation endpoints: code exchange, [`TokenClient::refresh`]
//!   (rotation aware), [`TokenClient::revoke`] (RFC 7009).
//! - [`RefreshGate`]: one refresh at a time per credential; [`needs_refresh`] says when.
//! - [`Token`] and [`TokenSet`]: tokens that never print and are zeroized on drop.
//! - [`OAuthError`]: every failure as data with a stable `oauth/...` code.
//!
//! This crate never opens a browser, stores a token or knows about the vault: it returns URLs
//! and [`TokenSet`]s; the application opens, stores and turns `oauth/invalid-grant` into a
//! connection that needs a new sign-in. It depends on no other Bindery crate. No token, client
//! secret or authorization code reaches a log line, an error or a `Debug` output.

mod client;
mod config;
mod error;
mod flow;
mod gate;
mod http;
mod token;

pub use client::{Revocation, TokenClient};
pub use config::{ClientAuthentication, ProviderOAuth};
pub use error::{Endpoint, OAuthError};
pub use flow::{FlowCoordinator, FlowId, StartedFlow, GO_BACK_TO_BINDERY};
pub use gate::{RefreshGate, RefreshTurn};
pub use token::{needs_refresh, Token, TokenSet};
