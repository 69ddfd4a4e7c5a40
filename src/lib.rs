//! postlint: lint and normalize the posts of static sites.
//!
//! Data flows one way: paths → walk → read+decode → [`post::Post`] → rules → diagnostics → output.

pub mod date;
