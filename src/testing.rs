//! What the crate's unit tests share: a fixed clock, settings from a
//! `postlint.toml` text, and a parsed post. One copy, so that a test's
//! setup cannot drift from another's.

use std::path::{Path, PathBuf};

use crate::config::{FilesConfig, Settings, parse_config};
use crate::post::Post;

/// 2026-01-01T00:00:00Z: fixed so "in the future" findings do not drift.
pub fn now() -> jiff::Timestamp {
    jiff::Timestamp::from_second(1_767_225_600).unwrap()
}

/// The settings of `toml` read as `postlint.toml`, with globs relative to `/`.
pub fn settings(toml: &str) -> Settings {
    settings_at("/", toml)
}

/// The settings of `toml` read as `root/postlint.toml` (site-relative paths
/// such as local images resolve below `root`).
pub fn settings_at(root: &str, toml: &str) -> Settings {
    let cfg = parse_config(toml, Path::new("postlint.toml")).unwrap();
    Settings::resolve(cfg, None, PathBuf::from(root)).unwrap()
}

/// `src` parsed as `a.html`, with the default front matter size limit.
pub fn post(src: &str) -> Post {
    post_at("a.html", src)
}

/// `src` parsed as if read from `path` (its extension picks HTML or Markdown).
pub fn post_at(path: &str, src: &str) -> Post {
    let limit = FilesConfig::default().max_front_matter_size;
    Post::parse(PathBuf::from(path), src.to_string(), limit)
}

/// One exact remote URL of a post, without a fragment, as the link phase
/// hands it over: for the tests of the PL4xx rules and their stage.
pub fn remote_use(
    url: &str,
    span: std::ops::Range<usize>,
    kind: crate::resources::ResourceKind,
    syntax: crate::links::phase::UrlSyntax,
) -> crate::links::phase::RemoteUse {
    crate::links::phase::RemoteUse {
        url: url.into(),
        fragment: None,
        span: span.into(),
        kind,
        syntax,
        exact: true,
    }
}
