//! A post's body parsed once for every body rule and for resource extraction:
//! the HTML (all of an HTML body, the raw HTML of a Markdown one) and, for
//! Markdown, its images, links and headings.

use crate::span::Span;

use crate::html::{HtmlDoc, Pieces, names};
use crate::markdown::{self, MarkdownDoc};
use crate::post::{BodyFormat, Post};

/// The parsed body. Every span points into `Post.source`.
#[derive(Debug, Clone, Default)]
pub struct Body {
    pub html: HtmlDoc,
    /// `Some` for Markdown bodies.
    pub markdown: Option<MarkdownDoc>,
}

/// A heading of either kind, for the heading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    /// What to underline: the start tag, or the Markdown heading.
    pub span: Span,
}

impl Body {
    pub fn parse(post: &Post) -> Body {
        match post.format {
            BodyFormat::Html => Body {
                html: HtmlDoc::parse(&Pieces::whole(&post.source, post.body)),
                markdown: None,
            },
            BodyFormat::Markdown => {
                let md = markdown::parse(&post.source, post.body);
                Body {
                    html: HtmlDoc::parse(&md.html),
                    markdown: Some(md),
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

#[cfg(test)]
mod tests {
    use super::*;

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
