//! A site's own conventions: what its files show it keeps (white space,
//! alt text, key order, date form), used to gate the rules that state a
//! preference ([`gate`]) and written down by `postlint init` ([`infer`]).

pub mod config_text;
pub mod editorconfig;
pub mod gate;
pub mod infer;
pub mod markdownlint;
pub mod sample;
