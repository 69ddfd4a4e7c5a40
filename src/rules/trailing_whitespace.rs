//! PL107 trailing-whitespace: spaces or tabs at the end of a line.

use std::ops::Range;

use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::post::{BodyFormat, Post};
use crate::rules::Context;

declare_rule! {
    /// ## What it does
    /// Reports spaces and tabs at the end of a line. In a Markdown body, two
    /// or more trailing spaces are a hard line break and are left alone.
    ///
    /// ## Why is this bad?
    /// Invisible noise that makes diffs and reviews harder, and in front
    /// matter a trailing space after a quoted value or a block scalar line
    /// can change what a strict reader sees.
    ///
    /// ## Example
    /// `title: Huisarrest␠␠` in the front matter.
    ///
    /// ## Fix safety
    /// Safe in front matter values and HTML text, where the spaces have no
    /// meaning. Unsafe inside YAML block scalars (`|`, `>`), `<pre>` and code,
    /// where they are part of the content.
    pub static RULE {
        code: "PL107",
        name: "trailing-whitespace",
        summary: "line ends in spaces or tabs",
        severity: Warning,
        check: Some(check),
    }
}

/// At most this many findings per file.
const LIMIT: usize = 200;

/// The value spans of front matter keys whose value is a block scalar.
fn block_scalars(post: &Post) -> Vec<Range<usize>> {
    let Some(fm) = &post.front_matter else {
        return Vec::new();
    };
    fm.entries
        .iter()
        .filter(|e| post.source[e.value_span.clone()].starts_with(['|', '>']))
        .map(|e| e.value_span.clone())
        .collect()
}

fn check(post: &Post, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let src = &post.source;
    let blocks = block_scalars(post);
    let markdown_body = post.format == BodyFormat::Markdown;
    let mut start = 0;
    for line in src.split_inclusive('\n') {
        let line_start = start;
        start += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim_end_matches([' ', '\t']);
        if trimmed.len() == content.len() {
            continue;
        }
        let ws = line_start + trimmed.len()..line_start + content.len();
        let trailing = &content[trimmed.len()..];
        let in_body = ws.start >= post.body.start;
        if markdown_body && in_body && trailing.len() >= 2 && trailing.bytes().all(|b| b == b' ') {
            // A Markdown hard line break.
            continue;
        }
        let meaningful = blocks
            .iter()
            .any(|b| b.start <= ws.start && ws.start <= b.end)
            || (in_body && ctx.text(post).in_verbatim(ws.start));
        let applicability = if meaningful {
            Applicability::Unsafe
        } else {
            Applicability::Safe
        };
        out.push(
            Diagnostic::new(&RULE, ws.clone(), "trailing whitespace")
                .with_label("trailing whitespace")
                .with_help("remove the spaces and tabs at the end of the line")
                .with_fix(Fix::replace(
                    "remove trailing whitespace",
                    applicability,
                    ws,
                    "",
                )),
        );
        if out.len() >= LIMIT {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::diagnostic::Applicability::*;
    use crate::rules::testing::*;

    #[test]
    fn front_matter_html_and_block_scalars() {
        let src =
            "---\ntitle: x  \ndescription: |\n  line \n---\n<p>a</p>\t\n<pre>code  \n</pre>\n";
        let d = check(&RULE, src);
        assert_eq!(spans(src, &d), ["  ", " ", "\t", "  "]);
        let safety: Vec<_> = d
            .iter()
            .map(|d| d.fix.as_ref().unwrap().applicability)
            .collect();
        assert_eq!(safety, [Safe, Unsafe, Safe, Unsafe]);
    }

    #[test]
    fn markdown_hard_breaks_stay() {
        let src = "---\ntitle: x\n---\nline one  \nline two \n";
        let d = check_with(&RULE, "_posts/a.md", src, "");
        assert_eq!(spans(src, &d), [" "]);
        assert_eq!(d[0].range.start, src.find("two ").unwrap() + 3);
    }

    #[test]
    fn crlf_lines() {
        let src = "---\r\ntitle: x \r\n---\r\n";
        assert_eq!(spans(src, &check(&RULE, src)), [" "]);
    }
}
