//! A post's body parsed once for every body rule and for resource extraction:
//! the HTML (all of an HTML body, the raw HTML of a Markdown one) and, for
//! Markdown, its images, links and headings; and its template layer
//! (Liquid, Hugo shortcodes, MDX), which the HTML and Markdown never see:
//! template code blocks are blanked before Markdown is read, and template
//! code is masked out of the HTML (see [`crate::template`]).

use crate::span::Span;

use crate::config::Settings;
use crate::html::{HtmlDoc, ParseOptions, Pieces, names};
use crate::markdown::{self, MarkdownDoc};
use crate::post::{BodyFormat, Post};
use crate::site::Generator;
use crate::template::{Languages, Layer};

/// The parsed body. Every span points into `Post.source`.
#[derive(Debug, Clone, Default)]
pub struct Body {
    pub html: HtmlDoc,
    /// `Some` for Markdown bodies.
    pub markdown: Option<MarkdownDoc>,
    /// The template constructs and blocks of the body.
    pub template: Layer,
}

/// What the body is read with: the site's generator (which template
/// languages apply) and its Markdown engine.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BodyOptions {
    /// `None` when no site is known: Liquid and Hugo shortcodes are both read.
    pub generator: Option<Generator>,
    /// The site's Markdown engine is kramdown (Jekyll's default), which
    /// rewrites `<a name="x" />` into `<a name="x"></a>` in Markdown files.
    pub kramdown: bool,
}

impl BodyOptions {
    /// The options for a post of the site `settings` describe.
    pub fn from_settings(settings: &Settings) -> BodyOptions {
        let site = settings.site.as_deref();
        let generator = site.map(|s| s.generator).or(settings.config.site.generator);
        let kramdown = generator == Some(Generator::Jekyll)
            && site
                .and_then(|s| s.raw.get("markdown"))
                .and_then(|v| v.as_str())
                .is_none_or(|engine| engine.eq_ignore_ascii_case("kramdown"));
        BodyOptions {
            generator,
            kramdown,
        }
    }
}

/// A heading of either kind, for the heading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    /// What to underline: the start tag, or the Markdown heading.
    pub span: Span,
}

impl Body {
    /// Parses the body of a post whose site is not known.
    pub fn parse(post: &Post) -> Body {
        Body::parse_with(post, BodyOptions::default())
    }

    /// Parses the body of a post of the site `settings` describe.
    pub fn parse_in(post: &Post, settings: &Settings) -> Body {
        Body::parse_with(post, BodyOptions::from_settings(settings))
    }

    pub fn parse_with(post: &Post, options: BodyOptions) -> Body {
        let langs = Languages::for_file(options.generator, &post.path);
        let template = Layer::new(&post.source, post.body, langs);
        let masks = template.html_masks_in(&post.source, post.body);
        match post.format {
            BodyFormat::Html => Body {
                html: HtmlDoc::parse_with(
                    &Pieces::whole(&post.source, post.body).masked(&masks),
                    ParseOptions {
                        self_closing_closes: false,
                        document: is_document(post),
                    },
                ),
                markdown: None,
                template,
            },
            BodyFormat::Markdown => {
                let code = template.code_regions();
                // Template code blocks become blank lines of the same length,
                // so their `# lines` are no headings and their `<tags>` no
                // HTML blocks, and every span stays exact.
                let mut text = if code.is_empty() {
                    std::borrow::Cow::Borrowed(post.source.as_str())
                } else {
                    std::borrow::Cow::Owned(placeholders(&post.source, &code))
                };
                // kramdown's raw HTML blocks run to their end tag: read them
                // as HTML whole, not as Markdown after a blank line.
                let raw = if options.kramdown {
                    markdown::kramdown_html_blocks(&text, post.body)
                } else {
                    Vec::new()
                };
                if !raw.is_empty() {
                    text = std::borrow::Cow::Owned(blanked(&text, &raw));
                }
                let mut md = markdown::parse(&text, post.body);
                if !raw.is_empty() {
                    md.html = md.html.merged(&post.source, &raw);
                }
                let parse = ParseOptions {
                    // MDX tags are JSX, where `<slot />` closes any element.
                    self_closing_closes: options.kramdown || langs.mdx,
                    document: false,
                };
                Body {
                    html: HtmlDoc::parse_with(&md.html.masked(&masks), parse),
                    markdown: Some(md),
                    template,
                }
            }
        }
    }

    /// Headings in source order, HTML and Markdown alike (SVG's are not headings).
    pub fn headings(&self) -> Vec<Heading> {
        let mut out: Vec<Heading> = self
            .html
            .elements
            .iter()
            .filter(|e| !e.foreign && names::is_heading(&e.name))
            .map(|e| Heading {
                level: e
                    .name
                    .as_bytes()
                    .get(1)
                    .map_or(0, |b| b.saturating_sub(b'0')),
                span: e.start_span,
            })
            .collect();
        if let Some(md) = &self.markdown {
            out.extend(md.headings.iter().map(|h| Heading {
                level: h.level,
                span: h.span,
            }));
        }
        out.sort_by_key(|h| h.span.start);
        out
    }

    /// Every `id` in source order with the span of its value.
    pub fn ids(&self) -> Vec<(String, Span)> {
        let mut out: Vec<(String, Span)> = self
            .html
            .tags()
            .filter_map(|(_, tag)| {
                let v = tag.attr("id")?.value.as_ref()?;
                Some((v.text.clone(), v.span))
            })
            .filter(|(id, _)| !id.trim().is_empty())
            .collect();
        if let Some(md) = &self.markdown {
            out.extend(md.headings.iter().filter_map(|h| h.id.clone()));
        }
        out.sort_by_key(|(_, span)| span.start);
        out
    }
}

/// An HTML page that is a whole document: it starts with a doctype or
/// `<html>` and names no layout to wrap it (ruby-lang's translation status).
fn is_document(post: &Post) -> bool {
    let text = post.body_text().trim_start();
    let starts = ["<!doctype", "<html"].iter().any(|p| {
        text.get(..p.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(p))
    });
    let layout = post
        .front_matter
        .as_ref()
        .and_then(|fm| fm.get("layout"))
        .filter(|v| match v {
            serde_yaml::Value::Null | serde_yaml::Value::Bool(false) => false,
            serde_yaml::Value::String(s) => !matches!(s.as_str(), "" | "none" | "null"),
            _ => true,
        });
    starts && layout.is_none()
}

/// `source` with each line of `regions` turned into `x` and spaces: the
/// generator outputs something there (a `<pre>`), so the lines stay lines
/// (an HTML block around them goes on, as it does in the output), and
/// hold no Markdown or HTML of their own.
fn placeholders(source: &str, regions: &[Span]) -> String {
    let mut bytes = source.as_bytes().to_vec();
    for r in regions {
        let mut line_start = true;
        if let Some(part) = bytes.get_mut(r.start..r.end) {
            for b in part.iter_mut() {
                if matches!(*b, b'\n' | b'\r') {
                    line_start = true;
                    continue;
                }
                *b = if line_start { b'x' } else { b' ' };
                line_start = false;
            }
        }
    }
    String::from_utf8(bytes).unwrap_or_else(|_| source.to_string())
}

/// `source` with every byte of `regions` but line breaks turned into spaces:
/// the same length, the same lines, valid UTF-8.
fn blanked(source: &str, regions: &[Span]) -> String {
    let mut bytes = source.as_bytes().to_vec();
    for r in regions {
        if let Some(part) = bytes.get_mut(r.start..r.end) {
            for b in part.iter_mut().filter(|b| !matches!(**b, b'\n' | b'\r')) {
                *b = b' ';
            }
        }
    }
    String::from_utf8(bytes).unwrap_or_else(|_| source.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(path: &str, generator: Option<Generator>, body: &str) -> (String, Body) {
        let src = format!("---\ntitle: x\n---\n{body}");
        let post = crate::testing::post_at(path, &src);
        let options = BodyOptions {
            generator,
            kramdown: generator == Some(Generator::Jekyll),
        };
        let b = Body::parse_with(&post, options);
        (src, b)
    }

    fn errors(path: &str, generator: Option<Generator>, body: &str) -> Vec<String> {
        let (src, b) = parsed(path, generator, body);
        b.html
            .errors
            .iter()
            .map(|e| format!("{} @ {}", e.message, &src[e.span]))
            .collect()
    }

    const JEKYLL: Option<Generator> = Some(Generator::Jekyll);
    const HUGO: Option<Generator> = Some(Generator::Hugo);

    /// Jekyll's docs write a Liquid loop of rows inside `<tbody>`; ruby-lang
    /// closes the row and the loop on one line.
    #[test]
    fn liquid_loops_in_tables_are_not_text() {
        let body = "<table>\n  <tbody>\n    {% for s in site.data.options %}\n      <tr class=\"setting\">\n        <td><p class=\"name\"><strong>{{ s.name }}</strong>\n          {% if s.badge %}<span class=\"badge\">{{ s.badge }}</span>{% endif %}</p></td>\n        <td>{{ s.description }}</td>\n      </tr>\n    {% endfor %}\n  </tbody>\n</table>\n";
        assert_eq!(errors("_docs/a.md", JEKYLL, body), Vec::<String>::new());
        assert_eq!(errors("a.html", JEKYLL, body), Vec::<String>::new());
        let body = "<table class=\"release-list\">\n<tr>\n<th>Version</th>\n</tr>\n{% assign rs = site.data.releases %}\n{% for r in rs %}\n<tr>\n<td>Ruby {{ r.version }}</td>\n</tr>{% endfor %}\n</table>\n";
        assert_eq!(errors("en/a.md", JEKYLL, body), Vec::<String>::new());
        // The same text with no template language: the loop is text in a table.
        assert_eq!(
            errors("a.html", Some(Generator::Astro), body).len(),
            2,
            "{:?}",
            errors("a.html", Some(Generator::Astro), body)
        );
    }

    #[test]
    fn later_branches_are_not_checked_as_one_sequence() {
        let body = "{% if page.lang == 'nl' %}\n<h2 id=\"intro\">Inleiding</h2>\n<div class=\"a\">\n{% else %}\n<h2 id=\"intro\">Intro</h2>\n<div class=\"b\">\n{% endif %}\ntext\n</div>\n";
        let (_, b) = parsed("a.html", JEKYLL, body);
        let ids: Vec<_> = b.ids().into_iter().map(|(id, _)| id).collect();
        assert_eq!(ids, ["intro"]);
        assert!(b.html.errors.is_empty(), "{:?}", b.html.errors);
    }

    /// ruby-lang's advisories quote XML and PHP in `{% highlight %}`; a Ruby
    /// comment line there is no heading.
    #[test]
    fn highlight_blocks_are_code() {
        let body = "Text.\n\n{% highlight xml %}\n<?xml version=\"1.0\"?>\n<!DOCTYPE member [\n  <!ENTITY a \"&b;\">\n]>\n<member>\n{% endhighlight %}\n\n{% highlight ruby %}\n# => demo.rb:9: warning\nputs 1\n{% endhighlight %}\n\n## Real heading\n";
        let (src, b) = parsed("_posts/a.md", JEKYLL, body);
        assert!(b.html.errors.is_empty(), "{:?}", b.html.errors);
        let headings: Vec<_> = b.headings().iter().map(|h| &src[h.span]).collect();
        assert_eq!(headings, ["## Real heading"]);
        // Hugo's highlight shortcode likewise.
        let body = "{{< highlight html >}}\n<div>\n# not a heading\n{{< /highlight >}}\n";
        let (_, b) = parsed("content/a.md", HUGO, body);
        assert!(b.html.errors.is_empty() && b.headings().is_empty());
    }

    #[test]
    fn shortcodes_and_markers_are_not_elements() {
        let body = "{{<youtube w7Ft2ymGmfc>}}\n\n{{< figure src=\"a.png\" >}}\n\n<?code-excerpt \"lib/main.dart (x)\"?>\n```dart\nx\n```\n\n{{% alert title=\"Note\" %}}\nText\n{{% /alert %}}\n";
        assert_eq!(errors("content/a.md", HUGO, body), Vec::<String>::new());
    }

    /// Markup that really breaks stays reported under every generator.
    #[test]
    fn real_breakage_stays() {
        let body = "Use `Vec<T>` or Vec<T> in prose.\n\n<?php echo 1; ?>\n\n<p>Text</span></p>\n\n{% if x %}<div>{% endif %}\n";
        for generator in [JEKYLL, HUGO, None] {
            let found = errors("_posts/a.md", generator, body);
            assert!(found.iter().any(|e| e.contains("<T>")), "{found:?}");
            assert!(found.iter().any(|e| e.contains("<?php")), "{found:?}");
            assert!(found.iter().any(|e| e.contains("</span>")), "{found:?}");
        }
        assert!(
            errors("_posts/a.md", JEKYLL, body)
                .iter()
                .any(|e| e.contains("`<div>` is not closed")),
        );
    }

    /// kramdown (Jekyll's default) writes the end tag of `<a name="x" />`;
    /// goldmark (Hugo) passes it through, and the browser leaves it open.
    #[test]
    fn self_closing_non_void_follows_the_markdown_engine() {
        let body = "<a name=\"top\" />\n\n## Title\n\nText.\n";
        assert_eq!(errors("_posts/a.md", JEKYLL, body), Vec::<String>::new());
        assert_eq!(errors("content/a.md", HUGO, body).len(), 2);
        // An HTML file is not read by kramdown.
        assert!(!errors("a.html", JEKYLL, "<a name=\"top\" />").is_empty());
    }

    /// A WordPress table in a Jekyll post: kramdown keeps the indented cells
    /// after blank lines as HTML; CommonMark (Hugo) makes them code in a row.
    #[test]
    fn kramdown_reads_html_blocks_to_their_end() {
        let body = "<table>\n<tbody>\n<tr>\n\n    <td>a</td>\n\n    <td>b</td>\n\n</tr>\n</tbody>\n</table>\n\nText with ![an image](a.png).\n";
        assert_eq!(errors("_posts/a.md", JEKYLL, body), Vec::<String>::new());
        let hugo = errors("content/a.md", HUGO, body);
        assert!(
            hugo.iter()
                .any(|e| e.starts_with("text directly inside `<tr>`")),
            "{hugo:?}"
        );
        let (src, b) = parsed("_posts/a.md", JEKYLL, body);
        let links: Vec<_> = b
            .markdown
            .iter()
            .flat_map(|m| &m.links)
            .map(|l| &src[l.span])
            .collect();
        assert_eq!(links, ["a.png"]);
    }

    /// Eleventy's docs put a highlighted sample inside a custom element:
    /// the HTML block goes on through the code block's lines.
    #[test]
    fn code_blocks_inside_html_blocks_keep_the_block() {
        let body = "<is-land on:visible>\n\t<template data-island>\n\t\t<my-editor>\n{% highlight \"liquid\" %}{% raw %}\nURL    {{ page.url }}\n\n{% endraw %}{% endhighlight %}\n\t\t</my-editor>\n\t</template>\n</is-land>\n";
        assert_eq!(
            errors("src/docs/a.md", Some(Generator::Eleventy), body),
            Vec::<String>::new()
        );
        let body = "{%- set sample %}\n# Hello from <Exclaim target={props.key} />\n{%- endset %}\n{{ sample | highlight }}\n";
        let (_, b) = parsed("src/docs/a.md", Some(Generator::Eleventy), body);
        assert!(b.html.errors.is_empty() && b.headings().is_empty());
    }

    /// Liquid inside an attribute value may hold quotes of its own.
    #[test]
    fn template_code_in_attributes_keeps_the_tag() {
        let body = "<p><a href=\"{{ \"https://example.nl/a\" | relative_url }}\" title='{{ page.title }}'>a</a> <img src=\"{{ '/b.png' | relative_url }}\" alt=\"b\"></p>\n";
        assert_eq!(errors("_posts/a.md", JEKYLL, body), Vec::<String>::new());
        let (src, b) = parsed("_posts/a.md", JEKYLL, body);
        let img = b
            .html
            .tags()
            .find(|(e, _)| e.name == "img")
            .map(|(_, t)| t.clone());
        let src_attr = img
            .and_then(|t| t.attr("src").cloned())
            .and_then(|a| a.value);
        assert_eq!(
            src_attr.map(|v| &src[v.span]),
            Some("{{ '/b.png' | relative_url }}")
        );
    }

    #[test]
    fn a_page_with_no_layout_may_be_a_whole_document() {
        let doc = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<title>Status</title>\n</head>\n<body>\n<h1>Status</h1>\n</body>\n</html>\n";
        assert_eq!(
            errors("admin/status/index.html", JEKYLL, doc),
            Vec::<String>::new()
        );
        let src = format!("---\nlayout: page\n---\n{doc}");
        let post = crate::testing::post_at("admin/status/index.html", &src);
        let b = Body::parse_with(&post, BodyOptions::default());
        assert_eq!(b.html.errors.len(), 7, "{:?}", b.html.errors);
    }

    #[test]
    fn mdx_components_and_imports_are_not_html() {
        let body = "import Image from '@theme/IdealImage';\n\n<Image img={require('./a.png')} alt=\"A\" />\n\n<Tabs>\n<TabItem value=\"a\">\n\nText {props.x}\n\n</TabItem>\n</Tabs>\n";
        assert_eq!(
            errors("docs/a.mdx", Some(Generator::Docusaurus), body),
            Vec::<String>::new()
        );
    }

    /// withastro/docs: an `.mdx` page is Markdown (its fenced code is not
    /// HTML), and its tags are JSX, where `<slot />` closes the element.
    #[test]
    fn mdx_is_markdown_and_self_closing_tags_close() {
        let astro = Some(Generator::Astro);
        let body = "Children go in the default <slot />.\n\n```astro\n<html>\n  <head></head>\n</html>\n```\n\n<LastUpdated/>\n";
        assert_eq!(
            errors("src/content/docs/a.mdx", astro, body),
            Vec::<String>::new()
        );
        // In plain Markdown (CommonMark) `<slot />` leaves the element open.
        assert_eq!(
            errors("src/content/docs/a.md", astro, body),
            [
                "`<slot/>` does not close the `<slot>`: only void elements close themselves @ <slot />",
                "`<slot>` is not closed @ <slot />",
                "`<lastupdated/>` does not close the `<lastupdated>`: only void elements close themselves @ <LastUpdated/>",
                "`<lastupdated>` is not closed @ <LastUpdated/>"
            ]
        );
    }

    /// Random soups of HTML and Markdown pieces: no panic, and every span lies
    /// inside the file on character boundaries.
    #[test]
    fn random_bodies_never_panic() {
        const PARTS: &[&str] = &[
            "<",
            ">",
            "</",
            "/>",
            "<p>",
            "</p>",
            "<div>",
            "</div>",
            "<b>",
            "</i>",
            "<img src=",
            "\"",
            "'",
            "=",
            " ",
            "\n",
            "\r\n",
            "&",
            "&amp;",
            "&#",
            "x;",
            "é",
            "€",
            "<!--",
            "-->",
            "<script>",
            "</script>",
            "<svg>",
            "<table>",
            "<tr>",
            "<td>",
            "![",
            "](",
            ")",
            "[",
            "]",
            "]:",
            "<http://a.nl>",
            "`",
            "#",
            "## ",
            "{#id}",
            "\\",
            "\0",
            "<![CDATA[",
            "]]>",
            "<a href=x>",
            "</a>",
            "<li>",
            "*",
            "    ",
            "> ",
            "<select>",
            "<option>",
            "<h2>",
            "</h3>",
            "{%",
            "%}",
            "{{",
            "}}",
            "{{<",
            ">}}",
            "{% highlight x %}",
            "{% endhighlight %}",
            "{% if a %}",
            "{% else %}",
            "{% endif %}",
            "<?code-excerpt a?>",
        ];
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        for round in 0..3000 {
            let mut body = String::new();
            for _ in 0..(round % 40) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                body.push_str(PARTS[(seed % PARTS.len() as u64) as usize]);
            }
            for ext in ["a.html", "a.md"] {
                let src = format!("---\ntitle: x\n---\n{body}");
                let post = crate::testing::post_at(ext, &src);
                let b = Body::parse(&post);
                let spans = b
                    .html
                    .errors
                    .iter()
                    .map(|e| e.span)
                    .chain(b.html.elements.iter().map(|e| e.start_span))
                    .chain(b.headings().into_iter().map(|h| h.span))
                    .chain(b.ids().into_iter().map(|(_, s)| s));
                for s in spans {
                    assert!(s.start <= s.end && s.end <= src.len(), "{src:?} {s:?}");
                    assert!(
                        src.is_char_boundary(s.start) && src.is_char_boundary(s.end),
                        "{src:?} {s:?}"
                    );
                }
                let settings = crate::config::Settings::defaults("/".into());
                for r in crate::resources::from_body(&post, &b, &settings) {
                    assert_eq!(r.span.get(&src), Some(r.written.as_str()), "{src:?}");
                }
            }
        }
    }
}
