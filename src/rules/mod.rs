//! The one registry of rule codes: metadata, documentation, and the check
//! function of every rule. One rule lives in one file named after the problem
//! it finds.

use std::cell::OnceCell;

use crate::body::Body;
use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Severity};
use crate::post::Post;
use crate::resources::{self, Resource};

/// Declares a rule; its doc comment becomes the text `postlint rule CODE` prints.
/// `volatile: true` may follow `fix` for a rule whose findings depend on the clock.
macro_rules! declare_rule {
    (@volatile) => { false };
    (@volatile $volatile:literal) => { $volatile };
    (
        $(#[doc = $doc:literal])*
        $vis:vis static $id:ident {
            code: $code:literal,
            name: $name:literal,
            summary: $summary:literal,
            severity: $sev:ident,
            run: $run:ident $(($check:expr))?,
            fix: $fix:ident
            $(, volatile: $volatile:literal)? $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        $vis static $id: $crate::rules::Rule = $crate::rules::Rule {
            code: $code,
            name: $name,
            summary: $summary,
            default_severity: $crate::diagnostic::Severity::$sev,
            doc: concat!($($doc, "\n"),*),
            run: $crate::rules::Run::$run $(($check))?,
            fix: $crate::rules::FixAvailability::$fix,
            volatile: declare_rule!(@volatile $($volatile)?),
        };
    };
}

pub mod blocked_address;
pub mod broken_internal_link;
pub mod broken_page_reference;
pub mod byte_order_mark;
pub mod control_character;
pub mod dangling_link;
pub mod disallowed_element;
pub mod duplicate_id;
pub mod duplicate_key;
pub mod duplicate_output_url;
pub mod duplicate_title_same_day;
pub mod empty_element;
pub mod file_too_large;
pub mod filename_date_mismatch;
pub mod front_matter_syntax;
pub mod front_matter_too_large;
pub mod future_date;
pub mod heading_order;
pub mod html_parse_error;
pub mod ignored_end_tag;
pub mod image_missing_alt;
pub mod image_missing_src;
pub mod impossible_date;
pub mod insecure_url;
pub mod invalid_date;
pub mod invalid_url;
pub mod invalid_zone;
pub mod invisible_character;
pub mod io_error;
pub mod line_endings;
pub mod minority_date_form;
pub mod missing_final_newline;
pub mod missing_front_matter;
pub mod missing_local_image;
pub mod missing_required_key;
pub mod mojibake;
pub mod non_canonical_date;
pub mod non_canonical_front_matter;
pub mod not_an_image;
pub mod not_utf8;
pub mod obsolete_date_form;
pub mod redirected_image;
pub mod replacement_character;
pub mod trailing_blank_lines;
pub mod trailing_whitespace;
pub mod unknown_key;
pub mod unreachable_image;
pub mod unreachable_link;
pub mod unused_suppression;
pub mod url_case_conflict;
pub mod value_not_allowed;
pub mod wrong_type;
pub mod wrong_weekday;

pub mod docs;

mod date_context;
mod hidden_chars;
mod text_context;

pub use date_context::DateInfo;
pub use hidden_chars::HiddenChars;
pub use text_context::TextInfo;

/// Appends the findings of one rule on one post.
pub type CheckFn = fn(&Context<'_>, &mut Vec<Diagnostic>);

/// Where a rule's findings are made, so that no other part has to guess it
/// from the code (as ruff's `LintSource` says it).
#[derive(Debug, Clone, Copy)]
pub enum Run {
    /// A check on the parsed post, run by [`check_post`].
    Post(CheckFn),
    /// Made by the reader before a post exists: the file could not be read,
    /// is too large, or is not UTF-8.
    Reader,
    /// Made by the link phase from what the network answered, after the
    /// suppressions of the post were applied once (`suppression::apply_late`).
    Links,
    /// Made by `crate::suppression` from the suppressions that suppressed nothing.
    Suppressions,
    /// Made by the site-wide pass (`lint::site_pass`) from every file of
    /// the run at once, after the suppressions of each post were applied.
    Site,
}

/// Whether a rule's findings carry a [`Fix`](crate::diagnostic::Fix); each
/// rule's `## Fix safety` documentation says the same (a test checks it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixAvailability {
    /// No finding has a fix; the documentation starts "No fix".
    None,
    /// Some findings have a fix; the documentation says when there is none.
    Sometimes,
    /// Every finding has a fix.
    Always,
}

/// A rule's metadata, where it runs, and what it offers.
#[derive(Debug)]
pub struct Rule {
    /// Stable code, e.g. `PL251`; never reused.
    pub code: &'static str,
    /// Stable kebab-case name saying the problem, e.g. `wrong-weekday`.
    pub name: &'static str,
    /// One line for listings.
    pub summary: &'static str,
    pub default_severity: Severity,
    /// Markdown: What it does / Why is this bad? / Example / Fix safety / Options.
    pub doc: &'static str,
    /// Which stage makes the findings.
    pub run: Run,
    /// Whether the findings come with fixes.
    pub fix: FixAvailability,
    /// The findings depend on the clock as well as on the file and the
    /// settings (PL255), so a report holding one is never cached.
    pub volatile: bool,
}

impl Rule {
    /// The documentation without the one leading space each `///` line carries.
    pub fn doc_markdown(&self) -> String {
        let mut out = String::with_capacity(self.doc.len());
        for line in self.doc.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out
    }
}

/// Every rule, ordered by code.
pub static ALL: &[&Rule] = &[
    &mojibake::RULE,
    &not_utf8::RULE,
    &byte_order_mark::RULE,
    &replacement_character::RULE,
    &control_character::RULE,
    &line_endings::RULE,
    &trailing_whitespace::RULE,
    &missing_final_newline::RULE,
    &invisible_character::RULE,
    &trailing_blank_lines::RULE,
    &missing_front_matter::RULE,
    &front_matter_syntax::RULE,
    &missing_required_key::RULE,
    &wrong_type::RULE,
    &unknown_key::RULE,
    &duplicate_key::RULE,
    &value_not_allowed::RULE,
    &non_canonical_front_matter::RULE,
    &front_matter_too_large::RULE,
    &invalid_date::RULE,
    &wrong_weekday::RULE,
    &impossible_date::RULE,
    &invalid_zone::RULE,
    &obsolete_date_form::RULE,
    &future_date::RULE,
    &filename_date_mismatch::RULE,
    &non_canonical_date::RULE,
    &minority_date_form::RULE,
    &html_parse_error::RULE,
    &image_missing_alt::RULE,
    &image_missing_src::RULE,
    &invalid_url::RULE,
    &insecure_url::RULE,
    &disallowed_element::RULE,
    &empty_element::RULE,
    &heading_order::RULE,
    &duplicate_id::RULE,
    &ignored_end_tag::RULE,
    &unreachable_image::RULE,
    &not_an_image::RULE,
    &redirected_image::RULE,
    &missing_local_image::RULE,
    &unreachable_link::RULE,
    &blocked_address::RULE,
    &broken_internal_link::RULE,
    &duplicate_output_url::RULE,
    &url_case_conflict::RULE,
    &duplicate_title_same_day::RULE,
    &broken_page_reference::RULE,
    &unused_suppression::RULE,
    &io_error::RULE,
    &file_too_large::RULE,
    &dangling_link::RULE,
];

/// Finds a rule by code (`PL251`, any case) or name (`wrong-weekday`).
pub fn lookup(code_or_name: &str) -> Option<&'static Rule> {
    ALL.iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(code_or_name) || r.name == code_or_name)
}

/// Whether a selector (`ALL`, a code, a code prefix such as `PL2`, or a name) names `rule`.
pub fn selector_matches(selector: &str, rule: &Rule) -> bool {
    selector.eq_ignore_ascii_case("ALL")
        || rule.name == selector
        || (selector.len() >= 2
            && rule.code.len() >= selector.len()
            && rule.code[..selector.len()].eq_ignore_ascii_case(selector))
}

/// Whether any rule answers to a selector; used to reject typos in config.
pub fn selector_is_known(selector: &str) -> bool {
    ALL.iter().any(|r| selector_matches(selector, r))
}

/// What a rule sees: the post, settings, the clock, and analyses of that post
/// shared by several rules (computed at most once). The analyses take no
/// post: a rule cannot ask for another post's and get this one's.
pub struct Context<'a> {
    pub post: &'a Post,
    pub settings: &'a Settings,
    pub now: jiff::Timestamp,
    date: OnceCell<Option<DateInfo>>,
    text: OnceCell<TextInfo>,
    hidden_chars: OnceCell<HiddenChars>,
    /// Set by a rule that looked at other files (PL404); such results are not cached.
    read_other_files: std::cell::Cell<bool>,
    body: OnceCell<Body>,
    resources: OnceCell<Vec<Resource>>,
}

impl<'a> Context<'a> {
    pub fn new(post: &'a Post, settings: &'a Settings, now: jiff::Timestamp) -> Self {
        Context {
            post,
            settings,
            now,
            date: OnceCell::new(),
            text: OnceCell::new(),
            hidden_chars: OnceCell::new(),
            read_other_files: std::cell::Cell::new(false),
            body: OnceCell::new(),
            resources: OnceCell::new(),
        }
    }

    /// Notes that the findings depend on files other than the post.
    pub fn mark_read_other_files(&self) {
        self.read_other_files.set(true);
    }

    /// Whether a rule looked at files other than the post.
    pub fn read_other_files(&self) -> bool {
        self.read_other_files.get()
    }

    /// Damaged runs and code regions of the post.
    pub fn text(&self) -> &TextInfo {
        self.text
            .get_or_init(|| TextInfo::analyse(self.post, &self.body().template.opaque_regions()))
    }

    /// Control and invisible characters, found in one scan for PL105 and PL109.
    pub fn hidden_chars(&self) -> &HiddenChars {
        self.hidden_chars.get_or_init(|| HiddenChars::scan(self))
    }

    /// The body parsed once, shared by the body rules.
    pub fn body(&self) -> &Body {
        self.body
            .get_or_init(|| Body::parse_in(self.post, self.settings))
    }

    /// Every image and link of the post, extracted once.
    pub fn resources(&self) -> &[Resource] {
        self.resources
            .get_or_init(|| resources::from_body(self.post, self.body(), self.settings))
    }

    /// The analysed date value, when the front matter has one that is a string.
    pub fn date(&self) -> Option<&DateInfo> {
        self.date
            .get_or_init(|| DateInfo::analyse(self.post, self.settings))
            .as_ref()
    }
}

/// Runs every enabled rule that runs on the post ([`Run::Post`]).
pub fn check_post(ctx: &Context<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in ALL {
        if let Run::Post(check) = rule.run
            && ctx.settings.rules.is_enabled(rule)
        {
            check(ctx, &mut out);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut codes: Vec<_> = ALL.iter().map(|r| r.code).collect();
        let mut names: Vec<_> = ALL.iter().map(|r| r.name).collect();
        codes.sort_unstable();
        names.sort_unstable();
        let n = ALL.len();
        codes.dedup();
        names.dedup();
        assert_eq!(codes.len(), n, "duplicate rule code");
        assert_eq!(names.len(), n, "duplicate rule name");
        for r in ALL {
            assert!(r.code.starts_with("PL") && r.code.len() == 5, "{}", r.code);
            assert!(
                r.name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{}",
                r.name
            );
        }
    }

    /// The required headings in order, optionally `## Options` last, and no others.
    #[test]
    fn every_rule_documents_every_heading() {
        for r in ALL {
            let doc = r.doc_markdown();
            let mut in_code = false;
            let headings: Vec<&str> = doc
                .lines()
                .filter(|l| {
                    if l.starts_with("```") {
                        in_code = !in_code;
                    }
                    !in_code && l.starts_with('#')
                })
                .collect();
            let mut expected = docs::REQUIRED_HEADINGS.to_vec();
            if headings.last() == Some(&docs::OPTIONS_HEADING) {
                expected.push(docs::OPTIONS_HEADING);
            }
            assert_eq!(headings, expected, "{} {}", r.code, r.name);
            for heading in expected {
                let section = doc.split(heading).nth(1).unwrap_or_default();
                let text = section.split("\n## ").next().unwrap_or_default();
                assert!(!text.trim().is_empty(), "{}: empty {heading}", r.code);
            }
        }
    }

    /// A rule's `## Fix safety` section agrees with its `fix` field: it
    /// opens with "No fix" for `None`, says when there is none for
    /// `Sometimes`, and never says there is none for `Always`.
    #[test]
    fn fix_safety_docs_agree_with_the_fix_field() {
        for r in ALL {
            let doc = r.doc_markdown();
            let section = doc.split("## Fix safety").nth(1).unwrap_or_default();
            let section = section.split("\n## ").next().unwrap_or_default();
            let flat = section
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase();
            let opens_with_none = flat.starts_with("no fix");
            let says_when_none = ["no fix", "without a fix", "not offered"]
                .iter()
                .any(|p| flat.contains(p));
            let agrees = match r.fix {
                FixAvailability::None => opens_with_none,
                FixAvailability::Sometimes => !opens_with_none && says_when_none,
                FixAvailability::Always => !says_when_none,
            };
            assert!(
                agrees,
                "{} {}: fix {:?}, but its Fix safety says: {flat}",
                r.code, r.name, r.fix
            );
        }
    }

    /// Summaries are lower-case fragments without a final period, like messages.
    #[test]
    fn summaries_are_fragments() {
        for r in ALL {
            assert!(
                r.summary.starts_with(|c: char| !c.is_uppercase()) && !r.summary.ends_with('.'),
                "{}: {:?}",
                r.code,
                r.summary
            );
        }
    }

    /// One rule, one file named after the problem, opening with its code and name.
    #[test]
    fn every_rule_lives_in_a_file_named_after_it() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
        for r in ALL {
            let file = dir.join(format!("{}.rs", r.name.replace('-', "_")));
            let text = std::fs::read_to_string(&file)
                .unwrap_or_else(|e| panic!("{} {}: {}: {e}", r.code, r.name, file.display()));
            let opening = format!("//! {} {}: ", r.code, r.name);
            assert!(
                text.starts_with(&opening),
                "{} must start with `{opening}`",
                file.display()
            );
        }
    }

    #[test]
    fn registry_is_sorted_by_code() {
        let codes: Vec<_> = ALL.iter().map(|r| r.code).collect();
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        assert_eq!(codes, sorted);
    }

    #[test]
    fn selectors() {
        let r = lookup("PL251").unwrap();
        assert!(selector_matches("PL2", r));
        assert!(selector_matches("pl25", r));
        assert!(selector_matches("wrong-weekday", r));
        assert!(selector_matches("ALL", r));
        assert!(!selector_matches("PL1", r));
        assert!(!selector_matches("P", r));
        assert!(selector_is_known("PL25"));
        assert!(!selector_is_known("PL7"));
        assert_eq!(lookup("wrong-weekday").unwrap().code, "PL251");
        assert!(lookup("nope").is_none());
    }
}

/// Runs one rule on a source text, for the unit tests in each rule file;
/// the crate-wide helpers are in `crate::testing`.
#[cfg(test)]
pub(crate) mod testing {
    use std::path::Path;

    use super::Rule;
    use crate::diagnostic::Diagnostic;
    pub use crate::testing::{now, settings};

    /// The findings of `rule` alone on `source` read from `path`, with `config` as postlint.toml.
    pub fn check_with(
        rule: &'static Rule,
        path: &str,
        source: &str,
        config: &str,
    ) -> Vec<Diagnostic> {
        let settings = settings(config)
            .with_overrides(&[rule.code.to_string()], &[])
            .unwrap();
        crate::lint::Linter::new(&settings, now())
            .lint(Path::new(path), source.as_bytes().to_vec())
            .report
            .diagnostics
    }

    /// `check_with` on `_posts/a.html` with the default config.
    pub fn check(rule: &'static Rule, source: &str) -> Vec<Diagnostic> {
        check_with(rule, "_posts/a.html", source, "")
    }

    /// The findings of `rule` alone on `post` (relative to the site root)
    /// of a detected site made of `files`.
    pub fn check_in_site(
        rule: &'static Rule,
        files: &[(&str, &str)],
        post: &str,
    ) -> Vec<Diagnostic> {
        let (dir, site) = crate::site::urls::testing::site(files);
        let mut settings = settings("")
            .with_overrides(&[rule.code.to_string()], &[])
            .unwrap();
        settings.site = Some(site);
        let path = dir.path().join(post);
        let source = std::fs::read_to_string(&path).unwrap();
        crate::lint::Linter::new(&settings, now())
            .lint(&path, source.into_bytes())
            .report
            .diagnostics
    }

    /// What each finding underlines, for compact assertions.
    pub fn spans<'a>(source: &'a str, diags: &[Diagnostic]) -> Vec<&'a str> {
        diags.iter().map(|d| &source[d.range]).collect()
    }
}
