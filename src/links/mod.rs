//! What turns remote URLs into outcomes: the link phase gathers each post's
//! remote URLs (from [`crate::resources`]), checks each unique URL once
//! (cache first, then the pool of HTTP requests) and hands the outcomes
//! back. It knows no rules: the PL4xx rules turn the outcomes into findings.

pub mod address;
pub mod cache;
pub mod fetch;
pub mod outcome;
pub mod phase;
pub mod pool;
pub mod redact;
pub mod resolver;
pub mod sniff;

use std::path::PathBuf;

/// Why the link phase could not be set up or finished.
#[derive(Debug, thiserror::Error)]
pub enum LinkError {
    #[error("invalid proxy `{0}`: {1}")]
    Proxy(String, String),
    #[error("cannot write the link cache {}: {message}", .path.display())]
    Cache { path: PathBuf, message: String },
}
