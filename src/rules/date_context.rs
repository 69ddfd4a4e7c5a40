//! The date value analysed once per post and shared by the PL25x rules, with
//! the mapping from positions in the value to positions in the file.

use crate::span::Span;

use crate::config::Settings;
use crate::date::{self, DateAnalysis, FindingKind};
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::post::Post;
use crate::rules::{Context, Rule};

/// The analysed date of a post.
#[derive(Debug)]
pub struct DateInfo {
    pub analysis: DateAnalysis,
    /// The value as written in the file.
    pub value_span: Span,
    /// Where the parsed string starts in the file, when it is written verbatim
    /// (plain or quoted without escapes), so a finding maps to exact bytes.
    pub text_offset: Option<usize>,
    /// The parsed string's length in bytes.
    pub text_len: usize,
}

impl DateInfo {
    pub fn analyse(post: &Post, settings: &Settings) -> Option<DateInfo> {
        let fm = post.front_matter.as_ref()?;
        let key = settings.config.dates.key.as_str();
        let text = fm.get(key)?.as_str()?;
        let value_span = fm.value_span(key);
        let written = &post.source[value_span];
        let text_offset = written.find(text).map(|i| value_span.start + i);
        let analysis = match settings.date_format {
            Some(pinned) => date::analyse(text, pinned),
            None => date::analyse_auto(text, date::Reader::of(generator(settings))),
        };
        Some(DateInfo {
            analysis,
            value_span,
            text_offset,
            text_len: text.len(),
        })
    }

    /// The file range of `range` in the parsed value (the whole value when it
    /// was not written verbatim).
    pub fn file_range(&self, range: Span) -> Span {
        match self.text_offset {
            Some(o) => range.shift(o),
            None => self.value_span,
        }
    }
}

/// The generator that reads the site's dates: the detected site's, else
/// the one `[site] generator` names.
pub fn generator(settings: &Settings) -> Option<crate::site::Generator> {
    settings
        .site
        .as_ref()
        .map(|s| s.generator)
        .or(settings.config.site.generator)
}

/// Whether replacing `range` of the date value with `replacement` keeps
/// what Jekyll's YAML reader makes of it: an unquoted `2024-03-21 4:00:00
/// +0000` is a timestamp to Psych (and Go's yaml), its RFC 2822 form a
/// string, and a site's own checks reject the string (ruby-lang's linter:
/// "invalid date variable"). Quoted values are strings either way.
pub fn keeps_yaml_kind(post: &Post, info: &DateInfo, range: Span, replacement: &str) -> bool {
    let span = info.value_span;
    if range.start < span.start || range.end > span.end {
        return false;
    }
    let written = &post.source[span];
    if written.trim_start().starts_with(['"', '\'']) {
        return true;
    }
    let mut edited = String::with_capacity(written.len() + replacement.len());
    edited.push_str(&post.source[span.start..range.start]);
    edited.push_str(replacement);
    edited.push_str(&post.source[range.end..span.end]);
    let timestamp = |v: crate::yaml11::Value| {
        matches!(
            v,
            crate::yaml11::Value::Date(_) | crate::yaml11::Value::Time(..)
        )
    };
    timestamp(crate::yaml11::resolve_plain(written.trim()))
        == timestamp(crate::yaml11::resolve_plain(edited.trim()))
}

/// Whether the site's generator still reads the date after replacing
/// `range` of its value with `replacement`: a pinned `dates.format` must not
/// rewrite a quoted TOML date of a Zola site into RFC 2822, which Zola
/// rejects.
pub fn generator_reads(ctx: &Context<'_>, info: &DateInfo, range: Span, replacement: &str) -> bool {
    let span = info.value_span;
    let source = &ctx.post.source;
    let (Some(before), Some(after)) = (
        source.get(span.start..range.start),
        source.get(range.end..span.end),
    ) else {
        return false;
    };
    let edited = format!("{before}{replacement}{after}");
    let edited = edited.trim();
    let unquoted = ['"', '\'']
        .iter()
        .find_map(|q| edited.strip_prefix(*q).and_then(|v| v.strip_suffix(*q)))
        .unwrap_or(edited);
    let reader = date::Reader::of(generator(ctx.settings));
    !date::reader_rejects(reader, unquoted)
}

/// The help of a date finding whose replacement would turn Jekyll's
/// timestamp into a string: no fix, and the choice left to the user.
pub fn kind_help(replacement: &str) -> String {
    format!(
        "Jekyll reads this unquoted date as a timestamp and `{replacement}` would be a \
         string, so it is not rewritten automatically: set `dates.format = \"iso8601\"` \
         if the site writes ISO dates, or write it yourself if a string is wanted"
    )
}

/// The help of a date finding whose replacement the site's generator
/// would not read.
pub fn reader_help(replacement: &str) -> String {
    format!(
        "the site's generator cannot read `{replacement}`, so it is not rewritten \
         automatically: write the date in a form it reads"
    )
}

/// The rule that reports each kind of date finding: the one place where
/// the date analysis meets the registry.
pub fn rule_of(kind: FindingKind) -> &'static Rule {
    match kind {
        FindingKind::Invalid => &super::invalid_date::RULE,
        FindingKind::WrongWeekday => &super::wrong_weekday::RULE,
        FindingKind::Impossible => &super::impossible_date::RULE,
        FindingKind::InvalidZone => &super::invalid_zone::RULE,
        FindingKind::Obsolete => &super::obsolete_date_form::RULE,
    }
}

/// Reports the analysis findings that belong to `rule` ([`rule_of`]); a
/// finding's replacement becomes a fix of the given applicability. The
/// whole check of PL250-PL254.
pub fn report(
    ctx: &Context<'_>,
    out: &mut Vec<Diagnostic>,
    rule: &'static Rule,
    applicability: Applicability,
) {
    let Some(info) = ctx.date() else { return };
    let post = ctx.post;
    let mine = |f: &&date::Finding| rule_of(f.kind).code == rule.code;
    for f in info.analysis.findings.iter().filter(mine) {
        let range = info.file_range(f.range);
        let exact = info.text_offset.is_some();
        let written = &post.source[range];
        let mut d = Diagnostic::new(rule, range, f.message.clone())
            .with_label(rule.name.replace('-', " "))
            .with_optional_help(f.help.clone());
        if let (Some(replacement), true) = (&f.replacement, exact) {
            if !keeps_yaml_kind(post, info, range, replacement) {
                out.push(d.with_help(kind_help(replacement)));
                continue;
            }
            if !generator_reads(ctx, info, range, replacement) {
                out.push(d.with_help(reader_help(replacement)));
                continue;
            }
            d = d.with_fix(
                Fix::replace(
                    format!("replace `{written}` with `{replacement}`"),
                    applicability,
                    range,
                    replacement.clone(),
                )
                .changing_edited_values(),
            );
        }
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_has_its_rule() {
        assert_eq!(rule_of(FindingKind::Invalid).code, "PL250");
        assert_eq!(rule_of(FindingKind::WrongWeekday).code, "PL251");
        assert_eq!(rule_of(FindingKind::Impossible).code, "PL252");
        assert_eq!(rule_of(FindingKind::InvalidZone).code, "PL253");
        assert_eq!(rule_of(FindingKind::Obsolete).code, "PL254");
        assert_eq!(rule_of(FindingKind::WrongWeekday).name, "wrong-weekday");
    }
}
