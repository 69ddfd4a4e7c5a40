//! One file from bytes to findings: read, decode, parse once, run the rules,
//! settle severities. Never fails and never panics on any input.

use std::path::{Path, PathBuf};

use crate::config::Settings;
use crate::diagnostic::Diagnostic;
use crate::links::phase::{self, FileLinks};
use crate::post::Post;
use crate::post::read::{self, Decoded, ReadError};
use crate::rules::{self, Context, file_too_large, io_error, not_utf8};
use crate::suppression;

/// The outcome for one file.
#[derive(Debug, Default)]
pub struct FileReport {
    pub path: PathBuf,
    /// The file's text for showing the findings; empty when there are none.
    pub source: String,
    /// Sorted by position, then code.
    pub diagnostics: Vec<Diagnostic>,
    /// The file has no front matter and is not required to: not a post.
    pub skipped: bool,
    /// The findings depend on other files too (local images, PL404), so the
    /// result may change while this file does not: never cached.
    pub reads_other_files: bool,
}

impl FileReport {
    /// A report for a path that could not be read or walked.
    pub fn io_error(path: PathBuf, message: impl Into<String>, settings: &Settings) -> FileReport {
        finish(
            path,
            String::new(),
            vec![io_error::diagnostic(message)],
            settings,
        )
    }
}

/// Lints the file at `path`.
pub fn lint_file(path: &Path, settings: &Settings, now: jiff::Timestamp) -> FileReport {
    match read::read_capped(path, settings.config.files.max_file_size) {
        Ok(bytes) => lint_bytes(path, bytes, settings, now),
        Err(ReadError::TooLarge { size, limit }) => finish(
            path.to_path_buf(),
            String::new(),
            vec![file_too_large::diagnostic(size, limit)],
            settings,
        ),
        Err(ReadError::Io(e)) => FileReport::io_error(
            path.to_path_buf(),
            format!("cannot read file: {e}"),
            settings,
        ),
    }
}

/// Lints the file at `path`, and gathers the remote URLs the link phase
/// will check (with `request`'s `--offline`, `--links`, `--exclude`).
pub fn lint_file_with_links(
    path: &Path,
    settings: &Settings,
    now: jiff::Timestamp,
    request: &phase::Request,
) -> (FileReport, FileLinks) {
    match read::read_capped(path, settings.config.files.max_file_size) {
        Ok(bytes) => lint_bytes_inner(path, bytes, settings, now, Some(request)),
        Err(_) => (lint_file(path, settings, now), FileLinks::default()),
    }
}

/// [`lint_bytes`], plus the URLs the link phase must check.
pub fn lint_bytes_with_links(
    path: &Path,
    bytes: Vec<u8>,
    settings: &Settings,
    now: jiff::Timestamp,
    request: &phase::Request,
) -> (FileReport, FileLinks) {
    lint_bytes_inner(path, bytes, settings, now, Some(request))
}

/// The URLs of a post to check, without running the rules (for a post whose
/// findings came from the cache).
pub fn links_of(
    path: &Path,
    bytes: Vec<u8>,
    settings: &Settings,
    request: &phase::Request,
) -> FileLinks {
    if request.offline || settings.config.links.offline {
        return FileLinks {
            offline: true,
            len: bytes.len(),
            uses: Vec::new(),
        };
    }
    let Decoded::Text(source) = read::decode(bytes) else {
        return FileLinks::default();
    };
    let post = Post::parse(
        path.to_path_buf(),
        source,
        settings.config.files.max_front_matter_size,
    );
    let resources = crate::links::extract(&post, settings);
    phase::collect(&post, &resources, settings, request)
}

/// Lints `bytes` as if read from `path`.
pub fn lint_bytes(
    path: &Path,
    bytes: Vec<u8>,
    settings: &Settings,
    now: jiff::Timestamp,
) -> FileReport {
    lint_bytes_inner(path, bytes, settings, now, None).0
}

fn lint_bytes_inner(
    path: &Path,
    bytes: Vec<u8>,
    settings: &Settings,
    now: jiff::Timestamp,
    request: Option<&phase::Request>,
) -> (FileReport, FileLinks) {
    let source = match read::decode(bytes) {
        Decoded::Text(text) => text,
        Decoded::NotUtf8 {
            valid_up_to,
            bad_bytes,
            binary,
            lossy,
            bytes,
        } => {
            let d = not_utf8::diagnostic(&bytes, valid_up_to, &bad_bytes, binary);
            // The lossy copy matches the file byte for byte only before the
            // first bad byte: show it up to the end of that line.
            let line_end = lossy[valid_up_to.min(lossy.len())..]
                .find('\n')
                .map_or(lossy.len(), |i| valid_up_to + i);
            let shown = lossy.get(..line_end).unwrap_or_default().to_string();
            let report = finish(path.to_path_buf(), shown, vec![d], settings);
            return (report, FileLinks::default());
        }
    };
    let post = Post::parse(
        path.to_path_buf(),
        source,
        settings.config.files.max_front_matter_size,
    );
    if post.split.is_none() && !settings.requires_front_matter(path) {
        let report = FileReport {
            path: path.to_path_buf(),
            skipped: true,
            ..FileReport::default()
        };
        return (report, FileLinks::default());
    }
    let (diagnostics, reads_other_files, links) = run_rules(&post, settings, now, request);
    let mut report = finish(post.path, post.source, diagnostics, settings);
    report.reads_other_files = reads_other_files;
    (report, links)
}

/// The report of a post whose findings are already known (from [`lint_post`]).
pub fn report_of(post: Post, diagnostics: Vec<Diagnostic>, settings: &Settings) -> FileReport {
    finish(post.path, post.source, diagnostics, settings)
}

/// Runs every enabled rule on a parsed post; severities settled, sorted by position.
pub fn lint_post(post: &Post, settings: &Settings, now: jiff::Timestamp) -> Vec<Diagnostic> {
    run_rules(post, settings, now, None).0
}

/// The findings, whether a rule looked at other files to make them, and the
/// URLs the link phase must check (when asked).
fn run_rules(
    post: &Post,
    settings: &Settings,
    now: jiff::Timestamp,
    request: Option<&phase::Request>,
) -> (Vec<Diagnostic>, bool, FileLinks) {
    let ctx = Context::new(post, settings, now);
    let mut diagnostics = rules::check_post(&ctx);
    suppression::apply(&ctx, &mut diagnostics);
    settle(&mut diagnostics, settings);
    // The resources the rules already extracted: no second parse.
    let links = request.map_or_else(FileLinks::default, |r| {
        phase::collect(post, ctx.resources(), settings, r)
    });
    (diagnostics, ctx.read_other_files(), links)
}

/// Drops findings of rules that are off, applies configured severities, sorts.
fn settle(diagnostics: &mut Vec<Diagnostic>, settings: &Settings) {
    diagnostics.retain_mut(|d| match settings.rules.severity(d.rule) {
        Some(sev) => {
            d.severity = sev;
            true
        }
        None => false,
    });
    diagnostics.sort_by(|a, b| (a.range.start, a.rule.code).cmp(&(b.range.start, b.rule.code)));
}

fn finish(
    path: PathBuf,
    source: String,
    mut diagnostics: Vec<Diagnostic>,
    settings: &Settings,
) -> FileReport {
    settle(&mut diagnostics, settings);
    let source = if diagnostics.is_empty() {
        String::new()
    } else {
        source
    };
    FileReport {
        path,
        source,
        diagnostics,
        ..FileReport::default()
    }
}
