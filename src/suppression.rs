//! Suppressions, applied in one place after the rules ran: comments in the
//! body and front matter and the `postlint-ignore` key drop matching findings,
//! and those that dropped nothing are reported as PL901.

use regex::Regex;
use std::sync::LazyLock;

use crate::diagnostic::Diagnostic;
use crate::location::LineIndex;
use crate::post::Post;
use crate::rules::{self, Context, Rule, Run, unused_suppression};
use crate::span::Span;

/// The front matter key that suppresses codes in the whole file.
pub const IGNORE_KEY: &str = "postlint-ignore";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `postlint-ignore:` in the front matter: the whole file.
    Key,
    /// `# postlint: ignore` in the front matter: its line, or the next one
    /// when the comment stands alone.
    Line,
    /// `<!-- postlint-disable-next-line -->`.
    NextLine,
    /// `<!-- postlint-disable -->`: up to the matching enable, or the end.
    Disable,
    /// `<!-- postlint-enable -->`: ends disables; suppresses nothing itself.
    Enable,
}

/// One code (or prefix, name, `ALL`) of a suppression.
#[derive(Debug)]
struct Token {
    selector: String,
    span: Span,
    /// Findings starting in this range are suppressed; `None` is the whole file.
    scope: Option<Span>,
    used: bool,
    /// For a disable: the enable that closed it. For an enable: whether it closed anything.
    closed_by: Option<usize>,
}

#[derive(Debug)]
struct Suppression {
    kind: Kind,
    /// What to underline: the comment or the key.
    span: Span,
    /// What to delete when every code is unused.
    whole: Span,
    tokens: Vec<Token>,
    /// Whether token spans are exact, so that single codes can be removed.
    exact: bool,
    /// A `postlint-ignore` value that is not a list of codes.
    malformed: bool,
}

/// Removes the findings that a suppression covers, then adds a PL901 finding
/// for each suppression (or code of one) that covered nothing.
pub fn apply(ctx: &Context<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    let mut sups = parse(ctx);
    if sups.is_empty() {
        return;
    }
    diagnostics.retain(|d| !suppress(&mut sups, d));
    if !ctx.settings.rules.is_enabled(&unused_suppression::RULE) {
        return;
    }
    let mut unused = report(&post.source, &sups, ctx);
    // PL901 itself can be suppressed, e.g. by `postlint-ignore: [PL901]`.
    unused.retain(|d| !suppress(&mut sups, d));
    unused_suppression::keep_blocks_apart(post, &mut unused);
    diagnostics.extend(unused);
}

/// Removes the findings of the link phase (PL401-PL406, made after
/// [`apply`] ran) that a suppression covers. Unused suppressions are settled
/// by [`apply`], which never reports a code of these rules as unused.
pub fn apply_late(ctx: &Context<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let mut sups = parse(ctx);
    if !sups.is_empty() {
        diagnostics.retain(|d| !suppress(&mut sups, d));
    }
}

/// Whether a rule's findings come from the link phase or the site-wide
/// pass, after [`apply`].
fn late(rule: &Rule) -> bool {
    matches!(rule.run, Run::Links | Run::Site)
}

/// Marks the narrowest suppression covering `d` as used; whether there was one.
fn suppress(sups: &mut [Suppression], d: &Diagnostic) -> bool {
    let at = d.range.start;
    let mut best: Option<(usize, usize, usize)> = None;
    for (si, s) in sups.iter().enumerate() {
        if s.kind == Kind::Enable {
            continue;
        }
        for (ti, t) in s.tokens.iter().enumerate() {
            let width = match &t.scope {
                None => usize::MAX,
                Some(r) if r.start <= at && at < r.end => r.len(),
                Some(_) => continue,
            };
            if rules::selector_matches(&t.selector, d.rule) && best.is_none_or(|b| width < b.0) {
                best = Some((width, si, ti));
            }
        }
    }
    match best {
        Some((_, si, ti)) => {
            sups[si].tokens[ti].used = true;
            true
        }
        None => false,
    }
}

/// Whether a code can never be reported unused: it names only rules that are
/// off here (they may be on under another config), PL901 itself, which is
/// settled after this report, or link-phase rules, whose findings come later.
fn neutral(selector: &str, ctx: &Context<'_>) -> bool {
    let mut named = rules::ALL
        .iter()
        .filter(|r| rules::selector_matches(selector, r))
        .peekable();
    named.peek().is_some()
        && named.all(|r: &&Rule| {
            !ctx.settings.rules.is_enabled(r) || matches!(r.run, Run::Suppressions) || late(r)
        })
}

fn report(source: &str, sups: &[Suppression], ctx: &Context<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (si, s) in sups.iter().enumerate() {
        if s.malformed {
            out.push(unused_suppression::diagnostic(
                s.span,
                format!("`{IGNORE_KEY}` is not a list of rule codes"),
                Some(format!("write `{IGNORE_KEY}: [PL251]`")),
                "remove the suppression",
                vec![s.whole],
            ));
            continue;
        }
        let unused: Vec<usize> = (0..s.tokens.len())
            .filter(|&ti| {
                let t = &s.tokens[ti];
                match s.kind {
                    Kind::Enable => t.closed_by.is_none(),
                    _ => !t.used && !neutral(&t.selector, ctx),
                }
            })
            .collect();
        if unused.is_empty() {
            continue;
        }
        let names: Vec<String> = unused
            .iter()
            .map(|&ti| format!("`{}`", s.tokens[ti].selector))
            .collect();
        let unknown: Vec<String> = unused
            .iter()
            .map(|&ti| &s.tokens[ti].selector)
            .filter(|sel| !rules::selector_is_known(sel))
            .map(|sel| format!("`{sel}`"))
            .collect();
        let (message, mut help) = match s.kind {
            Kind::Enable => (
                format!(
                    "`postlint-enable` of {} has no open `postlint-disable`",
                    names.join(", ")
                ),
                None,
            ),
            _ => (
                format!("suppression of {} matched no finding", names.join(", ")),
                None,
            ),
        };
        if !unknown.is_empty() {
            help = Some(format!(
                "{} names no rule; `postlint rule --all` lists them",
                unknown.join(", ")
            ));
        }
        let all = unused.len() == s.tokens.len();
        let (span, title, deletions) = if all {
            let mut deletions = vec![s.whole];
            if let Some(enable) = lone_enable(sups, si) {
                deletions.push(sups[enable].whole);
            }
            (s.span, "remove the suppression".to_string(), deletions)
        } else if s.exact {
            let title = if unused.len() == 1 {
                format!("remove {} from the suppression", names[0])
            } else {
                format!("remove {} from the suppression", names.join(", "))
            };
            (
                s.tokens[unused[0]].span,
                title,
                token_deletions(&s.tokens, &unused),
            )
        } else {
            (s.span, String::new(), Vec::new())
        };
        let deletions = merge(deletions, source.len());
        out.push(unused_suppression::diagnostic(
            span, message, help, &title, deletions,
        ));
    }
    out
}

/// The enable that only closes codes of disable `si`, so that it can go with it.
fn lone_enable(sups: &[Suppression], si: usize) -> Option<usize> {
    if sups[si].kind != Kind::Disable {
        return None;
    }
    let enable = sups[si].tokens.first()?.closed_by?;
    let closes_only_this = sups[si].tokens.iter().all(|t| t.closed_by == Some(enable))
        && sups.iter().enumerate().all(|(i, s)| {
            i == si
                || s.kind != Kind::Disable
                || s.tokens.iter().all(|t| t.closed_by != Some(enable))
        })
        && sups[enable].tokens.iter().all(|t| t.closed_by.is_some());
    closes_only_this.then_some(enable)
}

/// Deletions removing the `unused` tokens (not all of them) with their
/// separators: a run of unused tokens goes up to the next kept token, or,
/// at the end, from the last kept token.
fn token_deletions(tokens: &[Token], unused: &[usize]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !unused.contains(&i) {
            i += 1;
            continue;
        }
        let first = i;
        while i < tokens.len() && unused.contains(&i) {
            i += 1;
        }
        let last = i - 1;
        if i < tokens.len() {
            out.push(Span::new(tokens[first].span.start, tokens[i].span.start));
        } else if first > 0 {
            out.push(Span::new(tokens[first - 1].span.end, tokens[last].span.end));
        }
    }
    out
}

/// Sorted, non-overlapping, inside the text.
fn merge(mut ranges: Vec<Span>, len: usize) -> Vec<Span> {
    ranges.sort_by_key(|r| r.start);
    let mut out: Vec<Span> = Vec::new();
    for r in ranges {
        let r = Span::new(r.start.min(len), r.end.min(len));
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

fn parse(ctx: &Context<'_>) -> Vec<Suppression> {
    let post = ctx.post;
    let mut out = Vec::new();
    parse_key(post, &mut out);
    parse_front_matter_comments(post, &mut out);
    parse_body_comments(ctx, &mut out);
    out
}

/// The end of the line holding `pos`, after its line break, by a scan to
/// it: for walking the (size-capped) front matter line by line. Positions
/// anywhere else come from the post's line index, so that many directives
/// on one long line cost a lookup each, not a scan of the line.
fn line_end(source: &str, pos: usize) -> usize {
    source[pos..]
        .find('\n')
        .map_or(source.len(), |i| pos + i + 1)
}

/// `span`, or its whole line when nothing but blanks surrounds it there.
fn removal(lines: &LineIndex<'_>, span: Span) -> Span {
    let source = lines.source();
    let start = lines.line_start(span.start);
    let end = lines.line_end(span.end);
    let alone =
        source[start..span.start].trim().is_empty() && source[span.end..end].trim().is_empty();
    if alone { Span::new(start, end) } else { span }
}

/// Codes in `text` (at `base`): words separated by blanks and commas.
fn tokens_in(text: &str, base: usize) -> Vec<(String, Span)> {
    static WORD: LazyLock<Option<Regex>> =
        LazyLock::new(|| Regex::new(r#"["']?[A-Za-z][A-Za-z0-9_-]*["']?"#).ok());
    let Some(word) = WORD.as_ref() else {
        return Vec::new();
    };
    word.find_iter(text)
        .map(|m| {
            let selector = m.as_str().trim_matches(['"', '\'']).to_string();
            (selector, Span::from(m.range()).shift(base))
        })
        .collect()
}

fn parse_key(post: &Post, out: &mut Vec<Suppression>) {
    let Some(fm) = &post.front_matter else { return };
    let Some(value) = fm.get(IGNORE_KEY) else {
        return;
    };
    let lines = post.line_index();
    let Some(entry) = fm.entry(IGNORE_KEY) else {
        return;
    };
    let value_end = entry.value_span.end.max(entry.key_span.end);
    let whole = Span::new(
        lines.line_start(entry.key_span.start),
        lines.line_end(value_end),
    );
    let codes: Option<Vec<String>> = match value {
        serde_yaml::Value::String(s) => Some(
            s.split(|c: char| c.is_whitespace() || c == ',')
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect(),
        ),
        serde_yaml::Value::Sequence(items) => items
            .iter()
            .map(|v| v.as_str().map(|s| s.trim().to_string()))
            .collect(),
        _ => None,
    };
    let span = entry.key_span;
    let Some(codes) = codes.filter(|c| !c.is_empty()) else {
        out.push(Suppression {
            kind: Kind::Key,
            span,
            whole,
            tokens: Vec::new(),
            exact: false,
            malformed: true,
        });
        return;
    };
    // Spans of the codes as written, outside comments; used only when they
    // agree with the parsed value.
    let value_text = post
        .source
        .get(entry.value_span.range())
        .unwrap_or_default();
    let uncommented: String = value_text
        .split_inclusive('\n')
        .map(|line| match comment_start(line) {
            Some(i) => format!("{}{}", &line[..i], " ".repeat(line.len() - i)),
            None => line.to_string(),
        })
        .collect();
    let found = tokens_in(&uncommented, entry.value_span.start);
    let exact = found.len() == codes.len() && found.iter().zip(&codes).all(|(f, c)| &f.0 == c);
    let tokens = codes
        .into_iter()
        .enumerate()
        .map(|(i, selector)| Token {
            span: if exact { found[i].1 } else { span },
            selector,
            scope: None,
            used: false,
            closed_by: None,
        })
        .collect();
    out.push(Suppression {
        kind: Kind::Key,
        span,
        whole,
        tokens,
        exact,
        malformed: false,
    });
}

/// Where a YAML or TOML comment starts in `line`: a `#` at the start or after a blank.
fn comment_start(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    (0..bytes.len()).find(|&i| bytes[i] == b'#' && (i == 0 || matches!(bytes[i - 1], b' ' | b'\t')))
}

fn parse_front_matter_comments(post: &Post, out: &mut Vec<Suppression>) {
    static DIRECTIVE: LazyLock<Option<Regex>> =
        LazyLock::new(|| Regex::new(r"^#[ \t]*postlint:[ \t]*ignore\b([^\r\n]*)").ok());
    let Some(directive) = DIRECTIVE.as_ref() else {
        return;
    };
    let Some(split) = &post.split else { return };
    let source = &post.source;
    let mut pos = split.content.start;
    while pos < split.content.end {
        let end = line_end(source, pos).min(split.content.end);
        let line = &source[pos..end];
        let next = end;
        if let Some(hash) = comment_start(line)
            && let Some(caps) = directive.captures(&line[hash..])
            && let Some(codes) = caps.get(1)
        {
            let comment = Span::new(pos + hash, pos + hash + caps.get(0).map_or(0, |m| m.end()));
            let standalone = line[..hash].trim().is_empty();
            let scope = if standalone {
                Span::new(next, post.line_index().line_end(next))
            } else {
                Span::new(pos, end)
            };
            // Delete the comment with the blanks before it, or its whole line.
            let before = line[..hash].trim_end_matches([' ', '\t']).len();
            let whole = if standalone {
                Span::new(pos, end)
            } else {
                Span::new(pos + before, comment.end)
            };
            let tokens = directive_tokens(
                codes.as_str(),
                pos + hash + codes.start(),
                comment,
                Some(scope),
            );
            out.push(Suppression {
                kind: Kind::Line,
                span: comment,
                whole,
                tokens,
                exact: true,
                malformed: false,
            });
        }
        pos = next;
    }
}

/// The codes after a directive, up to a ` -- reason`; none means every rule
/// (`ALL`, spanning the directive).
fn directive_tokens(text: &str, base: usize, directive: Span, scope: Option<Span>) -> Vec<Token> {
    let codes = text.find("--").map_or(text, |i| &text[..i]);
    let found = tokens_in(codes, base);
    if found.is_empty() {
        return vec![Token {
            selector: "ALL".into(),
            span: directive,
            scope,
            used: false,
            closed_by: None,
        }];
    }
    found
        .into_iter()
        .map(|(selector, span)| Token {
            selector,
            span,
            scope,
            used: false,
            closed_by: None,
        })
        .collect()
}

fn parse_body_comments(ctx: &Context<'_>, out: &mut Vec<Suppression>) {
    let post = ctx.post;
    static DIRECTIVE: LazyLock<Option<Regex>> = LazyLock::new(|| {
        Regex::new(r"^\s*postlint-(disable-next-line|disable|enable)(?:\s+|$)([^>]*?)\s*$").ok()
    });
    let Some(directive) = DIRECTIVE.as_ref() else {
        return;
    };
    let source = &post.source;
    let body = post.body;
    if !source[body].contains("postlint-") {
        return;
    }
    let verbatim = &ctx.text().verbatim;
    let lines = post.line_index();
    let mut pos = body.start;
    while let Some(open) = source[pos..body.end].find("<!--").map(|i| pos + i) {
        let inner_start = open + 4;
        let Some(close) = source[inner_start..body.end]
            .find("-->")
            .map(|i| inner_start + i)
        else {
            break;
        };
        let comment = Span::new(open, close + 3);
        pos = comment.end;
        if crate::text::regions::contains(verbatim, open) {
            continue;
        }
        let inner = &source[inner_start..close];
        let Some(caps) = directive.captures(inner) else {
            continue;
        };
        let (Some(kind), Some(codes)) = (caps.get(1), caps.get(2)) else {
            continue;
        };
        let kind = match kind.as_str() {
            "disable-next-line" => Kind::NextLine,
            "disable" => Kind::Disable,
            _ => Kind::Enable,
        };
        let scope = match kind {
            Kind::NextLine => {
                let next = lines.line_end(comment.end);
                Some(Span::new(next, lines.line_end(next)))
            }
            // Settled when the matching enable is found.
            Kind::Disable => Some(Span::new(comment.end, source.len())),
            _ => Some(Span::empty(0)),
        };
        let tokens = directive_tokens(codes.as_str(), inner_start + codes.start(), comment, scope);
        let index = out.len();
        if kind == Kind::Enable {
            close_disables(out, index, &tokens, comment.start);
        }
        let mut sup = Suppression {
            kind,
            span: comment,
            whole: removal(&lines, comment),
            tokens,
            exact: true,
            malformed: false,
        };
        if kind == Kind::Enable {
            for t in &mut sup.tokens {
                let closes = |d: &Token| {
                    d.closed_by == Some(index)
                        && (t.selector.eq_ignore_ascii_case("ALL")
                            || t.selector.eq_ignore_ascii_case(&d.selector))
                };
                if out.iter().any(|s| s.tokens.iter().any(closes)) {
                    t.closed_by = Some(index);
                }
            }
        }
        out.push(sup);
    }
}

/// Ends each open disable that an enable (number `index`, at `at`) names:
/// the same code, or any code when the enable names none.
fn close_disables(sups: &mut [Suppression], index: usize, enable: &[Token], at: usize) {
    for s in sups.iter_mut().filter(|s| s.kind == Kind::Disable) {
        for t in s.tokens.iter_mut().filter(|t| t.closed_by.is_none()) {
            let named = enable.iter().any(|e| {
                e.selector.eq_ignore_ascii_case("ALL")
                    || e.selector.eq_ignore_ascii_case(&t.selector)
            });
            if named && let Some(scope) = &mut t.scope {
                scope.end = at.max(scope.start);
                t.closed_by = Some(index);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::testing::{now, settings};

    /// The codes found in `src` with every rule on.
    fn codes(src: &str) -> Vec<&'static str> {
        crate::lint::Linter::new(&settings(""), now())
            .lint(Path::new("_posts/a.html"), src.as_bytes().to_vec())
            .report
            .diagnostics
            .iter()
            .map(|d| d.code())
            .collect()
    }

    const FM: &str = "---\ntitle: x\ndate: Tue, 14 May 2019 17:01:53 +0200\n---\n";

    #[test]
    fn next_line_covers_only_the_next_line() {
        let src = format!(
            "{FM}<!-- postlint-disable-next-line PL1 -->\n<p>a\u{200b}b</p>\n<p>c\u{200b}d</p>\n"
        );
        assert_eq!(codes(&src), ["PL109"]);
        let src = format!("{FM}<p>a\u{200b}b</p><!-- postlint-disable-next-line PL109 -->\n");
        assert_eq!(codes(&src), ["PL109", "PL901"]);
    }

    #[test]
    fn regions_end_at_their_enable() {
        let src = format!(
            "{FM}<!-- postlint-disable PL109 -->\n<p>a\u{200b}b</p>\n<!-- postlint-enable PL109 -->\n<p>c\u{200b}d</p>\n"
        );
        assert_eq!(codes(&src), ["PL109"]);
        let open = format!(
            "{FM}<!-- postlint-disable invisible-character -->\n<p>a\u{200b}b</p>\n<p>c\u{200b}d</p>\n"
        );
        assert_eq!(codes(&open), Vec::<&str>::new());
    }

    #[test]
    fn front_matter_comment_and_key() {
        let line =
            "---\ntitle: x\ndate: Mon, 14 May 2019 17:01:53 +0200 # postlint: ignore PL251\n---\n";
        assert_eq!(codes(line), Vec::<&str>::new());
        let above =
            "---\ntitle: x\n# postlint: ignore PL25\ndate: Mon, 14 May 2019 17:01:53 +0200\n---\n";
        assert_eq!(codes(above), Vec::<&str>::new());
        let key =
            "---\ntitle: x\ndate: Mon, 14 May 2019 17:01:53 +0200\npostlint-ignore: [pl2]\n---\n";
        assert_eq!(codes(key), Vec::<&str>::new());
        let toml = "+++\ntitle = \"x\"\ndate = \"Mon, 14 May 2019 17:01:53 +0200\"\npostlint-ignore = [\"PL251\"]\n+++\n";
        assert_eq!(codes(toml), Vec::<&str>::new());
    }

    #[test]
    fn comments_in_code_are_not_suppressions() {
        let src = format!(
            "{FM}<pre>code <!-- postlint-disable-next-line PL109 --></pre>\n<p>a\u{200b}b</p>\n"
        );
        assert_eq!(codes(&src), ["PL109"]);
    }

    #[test]
    fn malformed_key_and_pl901_suppressed_by_itself() {
        let bad = format!("{}postlint-ignore: 3\n---\n", &FM[..FM.len() - 4]);
        assert_eq!(codes(&bad), ["PL901"]);
        let quiet = format!(
            "{}postlint-ignore: [PL901]\n---\n<!-- postlint-disable-next-line PL101 -->\n",
            &FM[..FM.len() - 4]
        );
        assert_eq!(codes(&quiet), Vec::<&str>::new());
    }

    #[test]
    fn hostile_comments_do_not_panic() {
        for body in [
            "<!--",
            "<!---->",
            "<!-- postlint-disable",
            "<!-- postlint-enable -->",
            "<!-- postlint-disable-next-line -->",
            "<!-- postlint-disable é, ,, PL1 -->é",
            "<!-- postlint-disable-next-line PL109 -->",
            "<!--postlint-disable-->",
        ] {
            codes(&format!("{FM}{body}"));
            codes(&format!("{FM}{body}\r\n"));
        }
    }
}
