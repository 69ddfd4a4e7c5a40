//! The one pipeline from a file to its report, [`Linter::lint`]: read →
//! decode → parse → rules → suppressions → settle, and the remote URLs the
//! link phase will check. Never fails and never panics on any input.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::config::Settings;
use crate::diagnostic::Diagnostic;
use crate::links::phase::{self, FileLinks};
use crate::location::{LineIndex, LineTable};
use crate::post::Post;
use crate::post::read::{self, Decoded, ReadError};
use crate::rules::{self, Context, dangling_link, file_too_large, io_error, not_utf8};
use crate::suppression;

pub mod date_majority;
pub mod links;
pub mod site_pass;

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
    /// The file is not UTF-8: `source` is a lossy copy, exact only up to the
    /// first bad byte, and the report is never cached.
    pub lossy_source: bool,
    /// The images the convention gate counts for PL302, counted from the
    /// body the rules parsed (0 when not wanted or not parsed), so that the
    /// gate reads no file again.
    pub images: usize,
    /// The form of the post's date as PL258 compares it with the site's
    /// majority (see [`date_majority`]); `None` when PL258 does not look.
    pub date_shape: Option<crate::date::Shape>,
    /// Line starts of `source`: built once, by the rules or the output.
    pub lines: OnceLock<LineTable>,
}

/// What the pipeline starts from.
#[derive(Debug)]
pub enum Input {
    /// The file's bytes.
    Bytes(Vec<u8>),
    /// The file's bytes and the report (and page facts) the cache holds for
    /// exactly these bytes: the rules do not run again, and the post is
    /// parsed only when the link phase wants its URLs.
    Cached(Vec<u8>, FileReport, Option<Box<site_pass::PageFacts>>),
    /// The file could not be read.
    Unreadable(ReadError),
    /// The walk met the path but could not reach the file, in its words
    /// (a symlink loop, a link out of the site, an unreadable folder).
    Unreached(String),
    /// The walk met a symbolic link to nothing (PL904), in its words.
    Dangling(String),
}

impl From<Vec<u8>> for Input {
    fn from(bytes: Vec<u8>) -> Input {
        Input::Bytes(bytes)
    }
}

impl From<Result<Vec<u8>, ReadError>> for Input {
    fn from(read: Result<Vec<u8>, ReadError>) -> Input {
        match read {
            Ok(bytes) => Input::Bytes(bytes),
            Err(e) => Input::Unreadable(e),
        }
    }
}

/// What linting one file gives.
#[derive(Debug, Default)]
pub struct Linted {
    pub report: FileReport,
    /// The remote URLs the link phase must check (empty unless asked for
    /// with [`Linter::with_links`]).
    pub links: FileLinks,
    /// What the site-wide pass needs of the page (its URL, title, day),
    /// when one of its rules is on and the file is a published page.
    pub page: Option<site_pass::PageFacts>,
    /// The form of the date line at the top of the file, counted for the
    /// site's majority (see [`date_majority`]), from the bytes read here.
    pub date_line: Option<crate::date::Shape>,
}

/// A parsed post's settled findings, from [`Linter::check`].
#[derive(Debug, Default)]
pub struct Checked {
    pub diagnostics: Vec<Diagnostic>,
    /// A rule looked at other files (see [`FileReport::reads_other_files`]).
    pub reads_other_files: bool,
    pub links: FileLinks,
    /// See [`FileReport::images`].
    pub images: usize,
    /// See [`FileReport::date_shape`].
    pub date_shape: Option<crate::date::Shape>,
}

/// Lints files under one file's settings at one instant.
#[derive(Debug, Clone, Copy)]
pub struct Linter<'a> {
    pub settings: &'a Settings,
    /// The clock the date rules compare with (PL255).
    pub now: jiff::Timestamp,
    /// `--offline`, `--links` and `--exclude`, when the URLs to check are wanted.
    pub links: Option<&'a phase::Request>,
}

impl<'a> Linter<'a> {
    pub fn new(settings: &'a Settings, now: jiff::Timestamp) -> Self {
        Linter {
            settings,
            now,
            links: None,
        }
    }

    /// Also gathers the remote URLs the link phase will check.
    pub fn with_links(self, request: &'a phase::Request) -> Self {
        Linter {
            links: Some(request),
            ..self
        }
    }

    /// The file's bytes, at most the configured size.
    pub fn read(&self, path: &Path) -> Input {
        read::read_capped(path, self.settings.config.files.max_file_size).into()
    }

    /// Reads the file at `path` and lints it: [`Linter::read`], then [`Linter::lint`].
    pub fn lint_path(&self, path: &Path) -> Linted {
        self.lint(path, self.read(path))
    }

    /// The pipeline: decode → parse → rules → suppressions → settle.
    pub fn lint(&self, path: &Path, input: impl Into<Input>) -> Linted {
        let bytes = match input.into() {
            Input::Bytes(bytes) => bytes,
            Input::Cached(bytes, report, page) => {
                let date_line = date_majority::shape_of_bytes(&bytes, self.settings);
                // The site-wide pass sees cached files too, with the facts
                // the cache kept: no parse, no rule run.
                let links = self.links_of_cached(path, bytes, &report);
                return Linted {
                    report,
                    links,
                    page: page.map(|p| *p),
                    date_line,
                };
            }
            Input::Unreadable(ReadError::TooLarge { size, limit }) => {
                let d = file_too_large::diagnostic(size, limit);
                let mut linted = self.settled(path, String::new(), d);
                // Too large to lint, but its date still counts.
                linted.date_line = date_majority::shape_of_file(path, self.settings);
                return linted;
            }
            Input::Unreadable(ReadError::Io(e)) => {
                let d = io_error::diagnostic(format!("cannot read file: {e}"));
                let mut linted = self.settled(path, String::new(), d);
                linted.date_line = date_majority::shape_of_file(path, self.settings);
                return linted;
            }
            Input::Unreached(why) => {
                return self.settled(path, String::new(), io_error::diagnostic(why));
            }
            Input::Dangling(why) => {
                return self.settled(path, String::new(), dangling_link::diagnostic(why));
            }
        };
        let date_line = date_majority::shape_of_bytes(&bytes, self.settings);
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
                let mut linted = self.settled(path, shown, d);
                linted.report.lossy_source = true;
                linted.date_line = date_line;
                return linted;
            }
        };
        let post = self.parse(path, source);
        if self.skips(&post) {
            return Linted {
                report: skipped(path),
                date_line,
                ..Linted::default()
            };
        }
        let checked = self.check(&post);
        let page = site_pass::PageFacts::of(&post, self.settings);
        let mut report = FileReport::of(post, checked.diagnostics, checked.reads_other_files);
        report.images = checked.images;
        report.date_shape = checked.date_shape;
        Linted {
            report,
            links: checked.links,
            page,
            date_line,
        }
    }

    /// The rules, the suppressions and the settling on a parsed post: the
    /// part of [`Linter::lint`] after parsing. The fixer enters here, since
    /// it parses each pass's text itself to compare meanings.
    pub fn check(&self, post: &Post) -> Checked {
        let ctx = Context::new(post, self.settings, self.now);
        let mut diagnostics = rules::check_post(&ctx);
        suppression::apply(&ctx, &mut diagnostics);
        settle(&mut diagnostics, self.settings);
        // The resources the rules already extracted: no second parse.
        let links = self.links.map_or_else(FileLinks::default, |r| {
            crate::lint::links::collect(post, ctx.resources(), self.settings, r)
        });
        let images = if crate::conventions::gate::counts_images(self.settings) {
            crate::conventions::gate::count_images(ctx.body())
        } else {
            0
        };
        let date_shape = self
            .settings
            .rules
            .is_enabled(&rules::minority_date_form::RULE)
            .then(|| rules::minority_date_form::compared_shape(&ctx))
            .flatten();
        Checked {
            diagnostics,
            reads_other_files: ctx.read_other_files(),
            links,
            images,
            date_shape,
        }
    }

    fn parse(&self, path: &Path, source: String) -> Post {
        Post::parse_with(
            path.to_path_buf(),
            source,
            self.settings.config.files.max_front_matter_size,
            crate::post::Metadata::of(self.settings),
        )
    }

    /// A file without front matter that is not required to have one is not a post.
    fn skips(&self, post: &Post) -> bool {
        post.split.is_none() && !self.settings.requires_front_matter(&post.path)
    }

    /// The report of a file that got no further than one finding.
    fn settled(&self, path: &Path, source: String, finding: Diagnostic) -> Linted {
        let mut diagnostics = vec![finding];
        settle(&mut diagnostics, self.settings);
        Linted {
            report: FileReport::of_text(path.to_path_buf(), source, diagnostics),
            ..Linted::default()
        }
    }

    /// The URLs of a file whose report came from the cache: what a fresh
    /// run would gather, without running a rule.
    fn links_of_cached(&self, path: &Path, bytes: Vec<u8>, report: &FileReport) -> FileLinks {
        let Some(request) = self.links else {
            return FileLinks::default();
        };
        if report.skipped {
            return FileLinks::default();
        }
        if request.offline || self.settings.config.links.offline {
            // Not parsed: a warm offline run stays as cheap as reading.
            return FileLinks {
                offline: true,
                len: bytes.len(),
                uses: Vec::new(),
            };
        }
        let Decoded::Text(source) = read::decode(bytes) else {
            return FileLinks::default();
        };
        let post = self.parse(path, source);
        let resources = crate::resources::extract(&post, self.settings);
        crate::lint::links::collect(&post, &resources, self.settings, request)
    }
}

impl FileReport {
    /// The report of a parsed post with its settled findings.
    pub fn of(mut post: Post, diagnostics: Vec<Diagnostic>, reads_other_files: bool) -> FileReport {
        // The line table the rules built (suppressions) serves the output too.
        let lines = post.take_line_table();
        let mut report = FileReport::of_text(post.path, post.source, diagnostics);
        report.reads_other_files = reads_other_files;
        if let Some(lines) = lines.filter(|_| !report.source.is_empty()) {
            report.lines = OnceLock::from(lines);
        }
        report
    }

    /// Lines and columns of `source`, from the one table of this file.
    pub fn line_index(&self) -> LineIndex<'_> {
        let table = self.lines.get_or_init(|| LineTable::new(&self.source));
        LineIndex::with_table(&self.source, table)
    }

    /// Keeps the text only when there is a finding to show in it.
    fn of_text(path: PathBuf, source: String, diagnostics: Vec<Diagnostic>) -> FileReport {
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
}

fn skipped(path: &Path) -> FileReport {
    FileReport {
        path: path.to_path_buf(),
        skipped: true,
        ..FileReport::default()
    }
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
