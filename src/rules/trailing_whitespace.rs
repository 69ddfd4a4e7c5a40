//! PL107 trailing-whitespace: spaces or tabs at the end of a line.

use std::ops::Range;

use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::html::Token;
use crate::markdown;
use crate::post::BodyFormat;
use crate::post::split::FrontMatterKind;
use crate::rules::Context;

declare_rule! {
    /// ## What it does
    /// Reports spaces and tabs at the end of a line. In a Markdown body, two
    /// or more trailing spaces are a hard line break and are left alone, and
    /// so is code, which is shown as written: Markdown code blocks (indented
    /// or fenced, in lists and block quotes too), `<pre>`, `<code>`, `<xmp>`,
    /// `<listing>`, `<plaintext>` and template code blocks
    /// (`{% highlight %}`).
    ///
    /// ## Why is this bad?
    /// Invisible noise that makes diffs and reviews harder, and in front
    /// matter a trailing space after a quoted value or a block scalar line
    /// can change what a strict reader sees. It is a warning, not an error,
    /// and it runs only where the site keeps its files clean (see Site
    /// conventions in the README).
    ///
    /// ## Example
    /// `title: Huisarrest␠␠` in the front matter.
    ///
    /// ## Fix safety
    /// Safe in front matter values and HTML text, where the spaces have no
    /// meaning. Unsafe where they are part of a value: YAML block scalars
    /// (`|`, `>`) at any depth, TOML multi-line strings, attribute values
    /// written over several lines, and after a backslash (`"a\ ` escapes the
    /// space; in Markdown `C:\` at a line end is a hard break that drops the
    /// backslash).
    pub static RULE {
        code: "PL107",
        name: "trailing-whitespace",
        summary: "line ends in spaces or tabs",
        severity: Warning,
        run: Post(check),
        fix: Always,
    }
}

/// At most this many findings per file.
const LIMIT: usize = 200;

/// The lines inside YAML block scalars (`|`, `>`) at any depth, nested
/// ones (`image:` / `caption: |`, list items `- |`) included: the lines
/// after one, indented deeper than the line that opened it.
fn yaml_block_scalars(source: &str, fm: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None; // (indent of the opener, start)
    let mut pos = fm.start;
    for line in source[fm.clone()].split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let indent = content.len() - content.trim_start_matches([' ', '\t']).len();
        if let Some((opener, from)) = open {
            if content.trim().is_empty() || indent > opener {
                continue;
            }
            out.push(from..start);
            open = None;
        }
        let code = content.split(" #").next().unwrap_or(content).trim_end();
        let indicator =
            code.trim_end_matches(|c: char| matches!(c, '-' | '+') || c.is_ascii_digit());
        let opens = (indicator.ends_with('|') || indicator.ends_with('>'))
            && indicator[..indicator.len() - 1]
                .trim_end()
                .ends_with([':', '-'])
            || matches!(indicator.trim(), "|" | ">");
        if opens {
            open = Some((indent, pos));
        }
    }
    if let Some((_, from)) = open {
        out.push(from..pos);
    }
    out
}

/// The inside of TOML multi-line strings (`"""…"""`, `'\'\'…'\'\'`), where
/// trailing spaces are part of the string.
fn toml_multi_line_strings(source: &str, fm: Range<usize>) -> Vec<Range<usize>> {
    let text = &source[fm.clone()];
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'#' => {
                i = text[i..].find('\n').map_or(bytes.len(), |j| i + j);
            }
            q @ (b'"' | b'\'') => {
                let triple = [q, q, q];
                if bytes[i..].starts_with(&triple) {
                    let body = i + 3;
                    let close = text[body..]
                        .find(if q == b'"' { "\"\"\"" } else { "\'\'\'" })
                        .map_or(bytes.len(), |j| body + j);
                    out.push(fm.start + body..fm.start + close);
                    i = close + 3;
                } else {
                    // A one-line string: to its closing quote or the line end.
                    let mut j = i + 1;
                    while j < bytes.len() && bytes[j] != q && bytes[j] != b'\n' {
                        j += if q == b'"' && bytes[j] == b'\\' { 2 } else { 1 };
                    }
                    i = j + 1;
                }
            }
            _ => i += 1,
        }
    }
    out
}

/// Where trailing white space is content rather than noise.
#[derive(Default)]
struct Regions {
    /// Multi-line strings in the front matter and attribute values written
    /// over several lines: part of a value, so only an unsafe fix.
    values: Vec<Range<usize>>,
    /// Code in the body (Markdown code blocks, `<xmp>`, `<listing>`,
    /// `<plaintext>`); `<pre>`, `<code>` and template code blocks are the
    /// text context's verbatim runs.
    code: Vec<Range<usize>>,
}

fn contains(regions: &[Range<usize>], at: usize) -> bool {
    regions.iter().any(|r| r.start <= at && at < r.end)
}

fn meaningful_regions(ctx: &Context<'_>) -> Regions {
    let post = ctx.post;
    let mut out = Regions::default();
    if let Some(fm) = &post.front_matter {
        out.values.extend(match fm.kind {
            FrontMatterKind::Yaml => yaml_block_scalars(&post.source, fm.span.range()),
            FrontMatterKind::Toml => toml_multi_line_strings(&post.source, fm.span.range()),
            // Pelican strips its metadata values.
            FrontMatterKind::Pelican => Vec::new(),
        });
    }
    if post.format == BodyFormat::Markdown {
        out.code.extend(
            markdown::code_blocks(&post.source, post.body)
                .into_iter()
                .map(crate::span::Span::range),
        );
    }
    // Elements whose text keeps its white space that the verbatim regions
    // do not list, and attribute values written over several lines.
    let mut open: Option<(String, usize)> = None;
    for token in &ctx.body().html.tokens {
        match token {
            Token::Start(tag) => {
                for a in &tag.attrs {
                    if let Some(v) = &a.value {
                        out.values.push(v.span.range());
                    }
                }
                if open.is_none() && matches!(tag.name.as_str(), "xmp" | "listing" | "plaintext") {
                    open = Some((tag.name.clone(), tag.span.end));
                }
            }
            Token::End(end) => {
                if let Some((name, from)) = &open
                    && *name == end.name
                {
                    out.code.push(*from..end.span.start);
                    open = None;
                }
            }
            _ => {}
        }
    }
    if let Some((_, from)) = open {
        out.code.push(from..post.source.len());
    }
    out
}

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    let src = &post.source;
    let mut regions: Option<Regions> = None;
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
        // Made on the first finding only: most posts have none.
        let regions = regions.get_or_insert_with(|| meaningful_regions(ctx));
        let in_value = contains(&regions.values, ws.start);
        // Code in the body is shown as written: its spaces are the code's
        // (ASCII diagrams, pasted terminal output), and no one edits a code
        // sample for them. Not reported.
        if in_body
            && !in_value
            && (contains(&regions.code, ws.start) || ctx.text().in_verbatim(ws.start))
        {
            continue;
        }
        // After a backslash the space is what it escapes (`"a\ ` in YAML,
        // `C:\ ` in Markdown, where `\` at a line end is a hard break).
        let meaningful = trimmed.ends_with('\\') || in_value;
        let fix = if meaningful {
            // Asked for with `--unsafe-fixes`, it changes that content.
            Fix::replace(
                "remove trailing whitespace",
                Applicability::Unsafe,
                ws.clone(),
                "",
            )
            .changing_edited_values()
        } else {
            Fix::replace(
                "remove trailing whitespace",
                Applicability::Safe,
                ws.clone(),
                "",
            )
        };
        out.push(
            Diagnostic::new(&RULE, ws, "trailing whitespace")
                .with_label("trailing whitespace")
                .with_help("remove the spaces and tabs at the end of the line")
                .with_fix(fix),
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
        // `<pre>` is code: shown as written, not reported.
        assert_eq!(spans(src, &d), ["  ", " ", "\t"]);
        let safety: Vec<_> = d
            .iter()
            .map(|d| d.fix.as_ref().unwrap().applicability)
            .collect();
        assert_eq!(safety, [Safe, Unsafe, Safe]);
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

    #[test]
    fn nested_block_scalars_toml_strings_and_backslashes() {
        let src = "---\ntitle: \"Hello\\ \n  world\"\nimage:\n  caption: |\n    one \n  alt: x \nnotes:\n  - >-\n    two \n---\n";
        let d = check(&RULE, src);
        let safety: Vec<_> = d
            .iter()
            .map(|d| d.fix.as_ref().unwrap().applicability)
            .collect();
        assert_eq!(safety, [Unsafe, Unsafe, Safe, Unsafe]);
        let src = "+++\ntitle = \"x \"\nbody = \"\"\"\none \n\"\"\"\nplain = 1 \n[params]\nnote = '\'\'\ntwo \n'\'\'\n+++\n";
        let d = check_with(&RULE, "_posts/a.md", src, "");
        let safety: Vec<_> = d
            .iter()
            .map(|d| d.fix.as_ref().unwrap().applicability)
            .collect();
        assert_eq!(safety, [Unsafe, Safe, Unsafe]);
    }

    #[test]
    fn markdown_code_and_xmp_are_left_alone_attribute_values_are_unsafe() {
        let src = "---\ntitle: x\n---\nC:\\ \n\n    code \n\n- item\n\n      code \n\n> ```\n> a \n> ```\n\n<xmp>\nb \n</xmp>\n\n<p title=\"c \nd\">e</p>\n\ntext \n";
        let d = check_with(&RULE, "_posts/a.md", src, "");
        let safety: Vec<_> = d
            .iter()
            .map(|d| d.fix.as_ref().unwrap().applicability)
            .collect();
        // `C:\ `, the attribute value, the text; the code blocks (indented,
        // in a list item, fenced in a quote) and `<xmp>` are not reported.
        assert_eq!(d.len(), 3);
        assert_eq!(safety, [Unsafe, Unsafe, Safe]);
        let src = "---\ntitle: x\n---\n<listing>\na \n</listing>\n<p>b</p> \n<plaintext>\nc \n";
        let d = check(&RULE, src);
        let safety: Vec<_> = d
            .iter()
            .map(|d| d.fix.as_ref().unwrap().applicability)
            .collect();
        assert_eq!(spans(src, &d), [" "]);
        assert_eq!(safety, [Safe]);
    }

    /// White space in a template code block is the code's, as in a fenced
    /// block (hugo-docs' ASCII diagrams, ruby-lang's pasted code).
    #[test]
    fn template_code_blocks_are_code() {
        let src = "---\ntitle: x\n---\n{% highlight ruby %}\nputs 1 \n{% endhighlight %}\n{{< highlight go >}}\nx\t\n{{< /highlight >}}\ntext \n";
        let d = check_with(&RULE, "_posts/a.md", src, "");
        let safety: Vec<_> = d
            .iter()
            .map(|d| d.fix.as_ref().unwrap().applicability)
            .collect();
        assert_eq!(safety, [Safe]);
        assert_eq!(d[0].range.start, src.find("text ").unwrap() + 4);
    }
}
