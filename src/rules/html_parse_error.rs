//! PL301 html-parse-error: the body's HTML breaks the HTML standard's parsing rules.

use crate::diagnostic::Diagnostic;
use crate::html::HtmlError;
use crate::rules::Context;

declare_rule! {
    /// ## What it does
    /// Parses the body as an HTML fragment (as a browser parses the inside of
    /// `<body>`; in Markdown, the raw HTML) and reports what the HTML standard
    /// calls a parse error: misnested and unclosed elements, a `</div>` or
    /// `</section>` with none open (inside the page it closes the layout's
    /// own), `</br>`, unknown or unterminated character references such as
    /// `&foo;`, duplicate attributes, tags cut off by the end of the file.
    /// End tags that close nothing and that browsers drop without changing
    /// the page (`</img>`, a second `</li>`, a `</p>` after a block ended the
    /// paragraph) are PL310 ignored-end-tag, a warning.
    ///
    /// Valid fragments pass: end tags the standard lets you leave out (`</p>`
    /// before a block, `</li>`, `</td>`, `</tr>`) are not required, void
    /// elements may be written `<br>` or `<br/>`, and `AT&T` is plain text.
    /// So are white space between table rows, rows without a `<tbody>` start
    /// tag, and, in Markdown on a kramdown site (Jekyll's default),
    /// `<a name="x" />`, which kramdown writes as `<a name="x"></a>`.
    ///
    /// Template code is not HTML: Liquid and Nunjucks tags and outputs, Hugo
    /// shortcodes, MDX imports, components and expressions, and markers such
    /// as `<?code-excerpt …?>` are left out, code blocks (`{% highlight %}`,
    /// `{{< highlight >}}`, `{% raw %}`) are not read, and only the first
    /// branch of an `{% if %}` is checked.
    /// After 50 findings in one post, one more finding counts the rest.
    ///
    /// ## Why is this bad?
    /// Browsers repair broken HTML each in the standard's way, which is rarely
    /// what the author meant: an unclosed `<div>` swallows the rest of the
    /// layout, a misnested `<b>` makes half the page bold, and feed readers
    /// and e-mail clients repair it differently again.
    ///
    /// ## Example
    /// ```html
    /// <p>Het bedrijf <b>ontkent</p></b>
    /// <div class="kader">
    /// ```
    /// `</p>` closes the paragraph while `<b>` is open, and the `<div>` is never closed.
    ///
    /// ## Fix safety
    /// No fix: where the missing end tag belongs is for the author to say.
    pub static RULE {
        code: "PL301",
        name: "html-parse-error",
        summary: "body has HTML that browsers must repair",
        severity: Error,
        run: Post(check),
        fix: None,
    }
}

/// More findings than this from one body are noise: the first ones explain
/// the rest (an unclosed element near the top, usually).
const MAX_REPORTED: usize = 50;

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let html = &ctx.body().html;
    // End tags the browser drops without a change to the page are PL310's.
    let errors: Vec<_> = html.errors.iter().filter(|e| !e.ignored).collect();
    // Where the checker gave up is always said: the rest was not checked.
    if let Some(e) = &html.stopped {
        out.push(
            Diagnostic::new(&RULE, e.span, e.message.clone())
                .with_label("checking stopped here")
                .with_optional_help(e.help.clone()),
        );
    }
    report(
        &RULE,
        &errors,
        html.errors_dropped,
        Capped {
            label: "parse error",
            more: "more HTML parse errors from here on are not shown",
            help: Some("fix the ones above first: they often cause the rest"),
        },
        out,
    );
}

/// How a rule words the errors of [`report`].
pub(super) struct Capped {
    /// The label under each error.
    pub label: &'static str,
    /// The message of the finding that counts the rest, after the count.
    pub more: &'static str,
    pub help: Option<&'static str>,
}

/// Reports the first [`MAX_REPORTED`] of `errors` as `rule`'s findings,
/// with their secondary labels, and one more finding that counts the rest
/// (`uncounted` more were not even kept by the parser).
pub(super) fn report(
    rule: &'static crate::rules::Rule,
    errors: &[&HtmlError],
    uncounted: usize,
    words: Capped,
    out: &mut Vec<Diagnostic>,
) {
    if let Some(next) = errors.get(MAX_REPORTED) {
        let n = errors.len() - MAX_REPORTED + uncounted;
        let d = Diagnostic::new(rule, next.span, format!("{n} {}", words.more))
            .with_label("first one not shown");
        out.push(match words.help {
            Some(help) => d.with_help(help),
            None => d,
        });
    }
    for e in errors.iter().take(MAX_REPORTED) {
        let mut d = Diagnostic::new(rule, e.span, e.message.clone())
            .with_label(words.label)
            .with_optional_help(e.help.clone());
        for (range, message) in &e.labels {
            d = d.with_secondary(*range, message.clone());
        }
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    const FM: &str = "---\ntitle: x\ndate: Tue, 14 May 2019 17:01:53 +0200\n---\n";

    #[test]
    fn reports_with_exact_spans() {
        let src =
            format!("{FM}<p>Het <b>bedrijf</p></b>\n<div class=\"kader\">\n<p>&foo; AT&T</p>\n");
        let d = check(&RULE, &src);
        assert_eq!(spans(&src, &d), ["</p>", "<div class=\"kader\">", "&foo;"]);
        assert_eq!(
            d[0].message,
            "`</p>` closes `<p>` while `<b>` is still open"
        );
        assert_eq!(d[1].message, "`<div>` is not closed");
        assert_eq!(d[0].labels.len(), 2);
    }

    #[test]
    fn floods_are_capped() {
        let src = format!("{FM}{}", "<div>".repeat(1000));
        let d = check(&RULE, &src);
        assert_eq!(d.len(), 51);
        assert!(
            d.iter()
                .any(|d| d.message == "950 more HTML parse errors from here on are not shown")
        );
    }

    #[test]
    fn valid_fragments_and_seed_shape_pass() {
        let src = format!(
            "{FM}\n<p>Een<p>Twee\n<ul><li>a<li>b</ul>\n<table><tr><td>1<td>2</table>\n<h2>Kop</h2><br/><img src=a.jpg alt=\"\">\n"
        );
        assert!(check(&RULE, &src).is_empty());
    }

    #[test]
    fn markdown_html_is_checked_in_place() {
        let src = format!("{FM}\nTekst met <span>inline\n\n<div>\n\nblok\n");
        let d = check_with(&RULE, "_posts/a.md", &src, "");
        assert_eq!(spans(&src, &d), ["<span>", "<div>"]);
        let ok = format!("{FM}\n<div markdown=\"1\">\n\n*tekst*\n\n</div>\n\n`<span>` in code\n");
        assert!(check_with(&RULE, "_posts/a.md", &ok, "").is_empty());
    }

    /// opentelemetry.io marks its code samples with `<?code-excerpt …?>`;
    /// ruby-lang quotes XML in `{% highlight %}`. Neither is markup; PHP
    /// that lost its code block is.
    #[test]
    fn template_code_and_markers_are_not_html() {
        let hugo = "[site]\ngenerator = \"hugo\"\n";
        let src = "---\ntitle: x\n---\n<?code-excerpt \"src/main.rs\"?>\n\n```rust\nfn main() {}\n```\n\n{{<youtube w7Ft2ymGmfc>}}\n\n<?php echo 1; ?>\n";
        let d = check_with(&RULE, "content/a.md", src, hugo);
        assert_eq!(spans(src, &d), ["<?php echo 1; ?>"]);
        let jekyll = "[site]\ngenerator = \"jekyll\"\n";
        let src = "---\ntitle: x\n---\n{% highlight xml %}\n<?xml version=\"1.0\"?>\n<!DOCTYPE m [\n  <!ENTITY a \"b\">\n]>\n<m>\n{% endhighlight %}\n\n<table>\n<tbody>\n{% for r in rows %}\n<tr><td>{{ r }}</td></tr>\n{% endfor %}\n</tbody>\n</table>\n";
        assert!(check_with(&RULE, "_posts/a.md", src, jekyll).is_empty());
    }
}
