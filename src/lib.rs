//! postlint: lint and normalize the posts of static sites.
//!
//! Data flows one way: paths → [`walk`] → read+decode → [`post::Post`] →
//! [`rules`] → [`diagnostic::Diagnostic`]s → [`output`]. The library never
//! prints; [`cli`] is the only layer that writes to the terminal.

#![forbid(unsafe_code)]

pub mod baseline;
pub mod body;
pub mod cache;
pub mod cache_key;
pub mod cli;
pub mod config;
pub mod conventions;
pub mod date;
pub mod diagnostic;
pub mod file_attrs;
pub mod fix;
pub mod fix_files;
pub mod html;
pub mod links;
pub mod lint;
pub mod location;
pub mod markdown;
pub mod output;
pub mod post;
pub mod resources;
pub mod text;
#[macro_use]
pub mod rules;
pub mod safe_fs;
pub mod site;
pub mod span;
pub mod suppression;
pub mod template;
#[cfg(test)]
pub(crate) mod testing;
pub mod walk;
pub mod write;
pub mod yaml11;
