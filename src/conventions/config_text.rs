//! The `postlint.toml` that `postlint init` writes: the inferred settings,
//! each with a comment saying how many files deviate from it. Written as
//! text (comments are the point); every string and key is TOML-escaped, so
//! a key with quotes or a value in any script reads back as it was.

use std::fmt::Write as _;

use super::gate::{Note, Unit};
use super::infer::{DateForm, DateForms, Embeds, KeyOrder};
use crate::config::DateFormatName;
use crate::rules::Rule;

/// What `init` found on one site.
#[derive(Debug, Clone, Default)]
pub struct Inferred {
    /// The generator's name (`Jekyll`), when one was found.
    pub generator: Option<&'static str>,
    /// Files with front matter read.
    pub files: usize,
    pub date_key: String,
    pub dates: Option<DateForms>,
    pub order: Option<KeyOrder>,
    /// Required keys with the posts missing each, and the posts counted.
    pub required: (Vec<(String, usize)>, usize),
    pub allowed: Vec<(String, Vec<String>, usize)>,
    pub known: Vec<String>,
    pub top_heading: Option<super::infer::TopHeading>,
    pub embeds: Option<Embeds>,
    /// The conventions of the gated rules: `Some(note)` when the site does
    /// not keep it, else the files that break it and the files counted.
    pub conventions: Vec<Convention>,
    /// The baseline file `init` writes next to the config (its name) and
    /// what it records (`12 findings in 5 files (PL301 ×8, …)`).
    pub baseline: Option<(String, String)>,
}

/// A gated rule's verdict: `Err(note)` when the site does not keep the
/// convention, else the files (images for PL302) breaking it and the files counted.
pub type Convention = (&'static Rule, Result<(usize, usize), Note>);

/// A TOML basic string.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A TOML key: bare when it can be, else quoted.
pub fn key(s: &str) -> String {
    if !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        s.to_string()
    } else {
        quote(s)
    }
}

/// A name inside a comment: escaped like a string, so no line break or
/// control character can end the comment.
fn shown(s: &str) -> String {
    let q = quote(s);
    format!("`{}`", &q[1..q.len() - 1])
}

fn list(items: &[String]) -> String {
    let parts: Vec<String> = items.iter().map(|s| quote(s)).collect();
    format!("[{}]", parts.join(", "))
}

/// A list written one item a line when it is long.
fn long_list(items: &[String]) -> String {
    let one = list(items);
    if one.len() <= 80 {
        return one;
    }
    let mut out = String::from("[\n");
    for item in items {
        let _ = writeln!(out, "  {},", quote(item));
    }
    out.push(']');
    out
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl Inferred {
    /// The config file's text.
    pub fn to_toml(&self) -> String {
        let mut t = String::new();
        let site = match self.generator {
            Some(g) => format!("this {g} site"),
            None => "this site".to_string(),
        };
        let _ = writeln!(
            t,
            "# postlint.toml, written by `postlint init` from the front matter of {} of {site}.",
            plural(self.files, "file", "files")
        );
        t.push_str(
            "# Each setting records what the site does; the comment above it says how many\n",
        );
        t.push_str("# files do otherwise (what `postlint check` will report). Edit freely.\n");

        t.push_str("\n[dates]\n");
        match &self.dates {
            Some((choice, forms)) => {
                let described: Vec<String> = forms
                    .iter()
                    .map(|(form, n)| format!("{n} {}", form_name(*form)))
                    .collect();
                let _ = writeln!(t, "# {} dates: {}.", choice.of, described.join(", "));
                match choice.value {
                    Some(name) => {
                        let _ = writeln!(
                            t,
                            "# {} written another way.",
                            plural(choice.deviating, "date is", "dates are")
                        );
                        let _ = writeln!(t, "format = {}", quote(format_name(name)));
                    }
                    None => {
                        // The counts per form are on the line above.
                        t.push_str("# No form `dates.format` can pin is a clear majority: each date is checked\n");
                        t.push_str("# in the form it is written in (`auto`). Set `format = \"rfc2822\"` or\n");
                        t.push_str("# `\"iso8601\"` to pin one.\n");
                    }
                }
            }
            None => t.push_str("# No post has a date.\n"),
        }

        t.push_str("\n[front-matter]\n");
        match &self.order {
            Some((choice, common)) if !choice.value.is_empty() => {
                let mut line = format!(
                    "# The key order {} of {} posts follow",
                    choice.of.saturating_sub(choice.deviating),
                    choice.of
                );
                if let Some((a, b, n)) = common.as_ref().filter(|_| choice.deviating > 0) {
                    let _ = write!(
                        line,
                        "; {} put {} before {}",
                        plural(*n, "post", "posts"),
                        shown(a),
                        shown(b)
                    );
                }
                let _ = writeln!(t, "{line}.");
                let _ = writeln!(t, "order = {}", list(&choice.value));
            }
            _ => {
                t.push_str(
                    "# No key order is kept by nearly all posts: the order is not checked.\n",
                );
                t.push_str("order = []\n");
            }
        }
        let (required, posts) = &self.required;
        let _ = writeln!(
            t,
            "# Keys in at least {}% of the {}.",
            super::infer::REQUIRED_SHARE,
            plural(*posts, "post", "posts")
        );
        for (k, missing) in required.iter().filter(|(_, m)| *m > 0) {
            let _ = writeln!(t, "# {}: missing in {missing} of {posts} posts.", shown(k));
        }
        let names: Vec<String> = required.iter().map(|(k, _)| k.clone()).collect();
        let _ = writeln!(t, "required = {}", list(&names));
        t.push_str(
            "# Every key the site's front matter uses; `strict` reports any other (a typo).\n",
        );
        t.push_str("strict = true\n");
        let _ = writeln!(t, "known = {}", long_list(&self.known));
        for (k, values, files) in &self.allowed {
            let _ = writeln!(t, "\n[front-matter.keys.{}]", key(k));
            let _ = writeln!(
                t,
                "# {} over {files} files; any other value is reported.",
                plural(values.len(), "value", "values")
            );
            let _ = writeln!(t, "allowed = {}", long_list(values));
        }

        t.push_str("\n[html]\n");
        if let Some(top) = &self.top_heading {
            let choice = &top.choice;
            if top.pinned() {
                let _ = writeln!(
                    t,
                    "# {} of {} posts with headings start at level {}; {} start elsewhere or go higher.",
                    choice.of.saturating_sub(choice.deviating),
                    choice.of,
                    choice.value,
                    choice.deviating
                );
                let _ = writeln!(t, "top-heading-level = {}", choice.value);
            } else {
                let levels: Vec<String> = top
                    .first_levels
                    .iter()
                    .map(|(level, n)| format!("{n} at h{level}"))
                    .collect();
                let _ = writeln!(
                    t,
                    "# The posts start at different heading levels ({}): no top level is set.",
                    levels.join(", ")
                );
            }
        }
        if let Some((choice, used)) = &self.embeds {
            let allowed: Vec<String> = used
                .iter()
                .filter(|(e, _)| !choice.value.contains(e))
                .map(|(e, n)| format!("`<{e}>` in {}", plural(*n, "post", "posts")))
                .collect();
            if allowed.is_empty() {
                t.push_str("# No post embeds any of these elements.\n");
            } else {
                let _ = writeln!(
                    t,
                    "# Elements the posts use on purpose are allowed: {}.",
                    allowed.join(", ")
                );
            }
            if choice.deviating > 0 {
                let _ = writeln!(
                    t,
                    "# {} of {} posts use one of these once.",
                    choice.deviating, choice.of
                );
            }
            let _ = writeln!(t, "disallowed-elements = {}", list(&choice.value));
        }

        if let Some((file, what)) = &self.baseline {
            t.push_str("\n[rules]\n");
            let _ = writeln!(
                t,
                "# The findings already there, {what}, are recorded in {file}\n\
                 # and not reported again; `postlint check --no-baseline` shows them."
            );
            let _ = writeln!(t, "baseline = {}", quote(file));
        }
        if !self.conventions.is_empty() {
            t.push_str("\n[rules.severity]\n");
        }
        for (rule, verdict) in &self.conventions {
            match verdict {
                Err(note) => {
                    let unit = match note.unit {
                        Unit::Files => "files",
                        Unit::Images => "images",
                    };
                    let why = match note.editorconfig {
                        Some(k) => format!("; .editorconfig sets `{k} = false`"),
                        None => String::new(),
                    };
                    let _ = writeln!(
                        t,
                        "# {} of {} {unit} {}{why}: not the site's convention.",
                        note.failing,
                        note.total,
                        super::gate::what(rule.code)
                    );
                    let _ = writeln!(t, "{} = \"off\"", rule.name);
                }
                Ok((failing, total)) => {
                    let unit = if rule.code == "PL302" {
                        "images"
                    } else {
                        "files"
                    };
                    if rule.code == "PL302" {
                        let _ = writeln!(
                            t,
                            "# {failing} {unit} {}: the site writes alt text.",
                            super::gate::what(rule.code)
                        );
                    } else {
                        let _ = writeln!(
                            t,
                            "# {failing} of {total} {unit} {}: the site keeps the convention.",
                            super::gate::what(rule.code)
                        );
                    }
                    let _ = writeln!(
                        t,
                        "{} = {}",
                        rule.name,
                        quote(rule.default_severity.as_str())
                    );
                }
            }
        }
        t
    }

    /// What `init` says it inferred: one line per choice with the files
    /// that deviate.
    pub fn summary(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if let Some((choice, forms)) = &self.dates {
            lines.push(match choice.value {
                Some(name) => format!(
                    "dates.format = {} ({} of {} dates deviate)",
                    format_name(name),
                    choice.deviating,
                    choice.of
                ),
                None => format!("dates.format: auto ({})", unpinned(choice.of, forms)),
            });
        }
        if let Some((choice, _)) = &self.order {
            lines.push(format!(
                "front-matter.order = [{}] ({} of {} posts deviate)",
                choice.value.join(", "),
                choice.deviating,
                choice.of
            ));
        }
        let (required, posts) = &self.required;
        let missing: usize = required.iter().map(|(_, m)| m).sum();
        lines.push(format!(
            "front-matter.required = [{}] ({missing} keys missing over {posts} posts)",
            required
                .iter()
                .map(|(k, _)| k.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
        lines.push(format!(
            "front-matter.known: {} keys, strict",
            self.known.len()
        ));
        for (k, values, _) in &self.allowed {
            let n = values.len();
            let noun = if n == 1 { "value" } else { "values" };
            lines.push(format!("front-matter.keys.{k}.allowed: {n} {noun}"));
        }
        if let Some(top) = self.top_heading.as_ref().filter(|t| t.pinned()) {
            let choice = &top.choice;
            lines.push(format!(
                "html.top-heading-level = {} ({} of {} posts deviate)",
                choice.value, choice.deviating, choice.of
            ));
        } else if self.top_heading.is_some() {
            lines.push(
                "html.top-heading-level: not set, the posts start at different levels".into(),
            );
        }
        if let Some((choice, _)) = &self.embeds {
            lines.push(format!(
                "html.disallowed-elements = [{}] ({} of {} posts deviate)",
                choice.value.join(", "),
                choice.deviating,
                choice.of
            ));
        }
        for (rule, verdict) in &self.conventions {
            lines.push(match verdict {
                Err(note) => format!(
                    "{} = off ({} of {} {} {})",
                    rule.name,
                    note.failing,
                    note.total,
                    if note.unit == Unit::Images {
                        "images"
                    } else {
                        "files"
                    },
                    super::gate::what(rule.code)
                ),
                Ok((failing, _)) => format!(
                    "{} = {} ({failing} {} deviate)",
                    rule.name,
                    rule.default_severity.as_str(),
                    if rule.code == "PL302" {
                        "images"
                    } else {
                        "files"
                    }
                ),
            });
        }
        lines
    }
}

/// Why no date form is pinned: the forms are mixed, or the one most dates
/// use is not one `dates.format` names (Jekyll's `2013-05-06 02:12:52 +0200`).
fn unpinned(of: usize, forms: &[(DateForm, usize)]) -> String {
    match forms.iter().max_by_key(|(_, n)| *n) {
        Some((form, n)) if n * 100 >= super::infer::DATE_SHARE * of => format!(
            "{n} of {of} dates are written {}, a form `dates.format` does not pin",
            form_name(*form)
        ),
        _ => format!("no form is a clear majority of the {of} dates"),
    }
}

fn format_name(name: DateFormatName) -> &'static str {
    match name {
        DateFormatName::Rfc2822 => "rfc2822",
        DateFormatName::Iso8601 => "iso8601",
        DateFormatName::Auto => "auto",
    }
}

fn form_name(form: DateForm) -> &'static str {
    match form {
        DateForm::Rfc2822 => "RFC 2822",
        DateForm::Iso8601 => "ISO 8601 (`2019-05-14T17:01:53+02:00`)",
        DateForm::OtherIso => {
            "ISO-like but not as `iso8601` writes them (`2019-05-14 17:01:53 +0200`)"
        }
        DateForm::Other => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conventions::infer::Choice;

    #[test]
    fn strings_and_keys_are_escaped() {
        assert_eq!(quote("a\"b\\c\nd\u{1}é"), "\"a\\\"b\\\\c\\nd\\u0001é\"");
        assert_eq!(key("feature_image"), "feature_image");
        assert_eq!(key("a.b"), "\"a.b\"");
        assert_eq!(key("Überschrift"), "\"Überschrift\"");
        assert_eq!(key(""), "\"\"");
    }

    #[test]
    fn jekyll_timestamps_are_left_to_auto_and_say_why() {
        let jekyll = Inferred {
            dates: Some((
                Choice {
                    value: None,
                    of: 40,
                    deviating: 0,
                },
                vec![(DateForm::OtherIso, 40)],
            )),
            ..Inferred::default()
        };
        let text = jekyll.to_toml();
        assert!(
            text.contains("# No form `dates.format` can pin is a clear majority: each date is checked\n# in the form it is written in (`auto`)."),
            "{text}"
        );
        assert!(!text.contains("\nformat ="), "{text}");
        assert_eq!(
            jekyll.summary()[0],
            "dates.format: auto (40 of 40 dates are written ISO-like but not as `iso8601` writes them (`2019-05-14 17:01:53 +0200`), a form `dates.format` does not pin)"
        );
        let mixed = Inferred {
            dates: Some((
                Choice {
                    value: None,
                    of: 10,
                    deviating: 0,
                },
                vec![(DateForm::Rfc2822, 5), (DateForm::Iso8601, 5)],
            )),
            ..Inferred::default()
        };
        assert!(mixed.summary()[0].contains("no form is a clear majority of the 10 dates"));
    }

    #[test]
    fn what_init_writes_reads_back() {
        let odd = "we\"ird\\ key\n# [x]".to_string();
        let inferred = Inferred {
            generator: Some("Jekyll"),
            files: 40,
            date_key: "date".into(),
            dates: Some((
                Choice {
                    value: Some(DateFormatName::Rfc2822),
                    of: 40,
                    deviating: 2,
                },
                vec![(DateForm::Rfc2822, 38), (DateForm::Other, 2)],
            )),
            order: Some((
                Choice {
                    value: vec!["layout".into(), odd.clone()],
                    of: 40,
                    deviating: 1,
                },
                Some((odd.clone(), "layout".into(), 1)),
            )),
            required: (vec![("title".into(), 0), (odd.clone(), 1)], 40),
            allowed: vec![(odd.clone(), vec!["Ελληνικά".into(), "\"q\"".into()], 30)],
            known: vec!["layout".into(), "title".into(), odd.clone()],
            top_heading: Some(super::super::infer::TopHeading {
                choice: Choice {
                    value: 3,
                    of: 30,
                    deviating: 0,
                },
                first_levels: vec![(3, 30)],
            }),
            embeds: Some((
                Choice {
                    value: vec!["script".into()],
                    of: 40,
                    deviating: 0,
                },
                vec![("iframe".into(), 4)],
            )),
            conventions: vec![(&crate::rules::trailing_whitespace::RULE, Ok((0, 40)))],
            baseline: Some((
                "postlint-baseline.toml".into(),
                "3 findings in 2 files (PL301 ×3)".into(),
            )),
        };
        let text = inferred.to_toml();
        let config = crate::config::parse_config(&text, std::path::Path::new("postlint.toml"))
            .unwrap_or_else(|e| panic!("{e}\n{text}"));
        let fm = &config.front_matter;
        assert_eq!(fm.order, ["layout".to_string(), odd.clone()]);
        assert_eq!(fm.required, ["title".to_string(), odd.clone()]);
        assert!(fm.strict);
        assert_eq!(
            fm.keys[&odd].allowed.as_deref(),
            Some(&["Ελληνικά".to_string(), "\"q\"".to_string()][..])
        );
        assert_eq!(config.html.top_heading_level, Some(3));
        assert_eq!(
            config.html.disallowed_elements.as_deref(),
            Some(&["script".to_string()][..])
        );
        assert_eq!(config.dates.format, DateFormatName::Rfc2822);
        assert_eq!(
            config.rules.severity["trailing-whitespace"],
            crate::config::SeverityName::Warning
        );
        assert_eq!(
            config.rules.baseline.as_deref(),
            Some("postlint-baseline.toml")
        );
        assert!(text.contains("3 findings in 2 files (PL301 ×3)"), "{text}");
        crate::config::Settings::resolve(config, None, std::path::PathBuf::from(".")).unwrap();
    }
}
