//! Every resource of a post, images and links, with the URL as written, as
//! read, resolved against the site, and its exact byte span in the file: what
//! the URL rules, the link phase and the fixer build on. Pure: no I/O, and
//! nothing from the network side (the link phase builds on this, not back).

pub mod local;
pub mod srcset;
pub mod template;
pub mod url;

use std::path::{Path, PathBuf};

use crate::body::Body;
use crate::config::Settings;
use crate::html::{Element, HtmlDoc, StartTag};
use crate::markdown::MdLinkKind;
use crate::post::Post;
use crate::span::Span;

/// What a resource's URL is for: shown as an image, or followed as a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ResourceKind {
    /// Shown on the page: `<img src>`, `srcset`, `poster`, `![](…)`, image keys.
    Image,
    /// Followed by a reader: `<a href>`, `[…](…)`, `<…>`, link keys.
    Link,
}

/// Where in the post a resource's URL is written: a front matter key, an
/// HTML attribute, or a Markdown link or image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WrittenIn {
    FrontMatter {
        key: String,
    },
    /// An attribute of an HTML element, also inside Markdown.
    Html {
        element: String,
        attribute: String,
    },
    Markdown,
    /// An argument of a template call: `call` is the shortcode, include or
    /// component as shown in findings (`figure`, `include figure.html`,
    /// `asset_img`, `<Image>`), `argument` the argument's name (empty for
    /// a positional one).
    Template {
        call: String,
        argument: String,
    },
}

/// One URL of a post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resource {
    pub kind: ResourceKind,
    pub written_in: WrittenIn,
    /// Byte range in the file of the URL as written: an attribute value
    /// inside its quotes, one `srcset` candidate, a Markdown destination (in
    /// the definition, for reference-style links), a front matter value inside
    /// its quotes.
    pub span: Span,
    /// `false` when the URL could not be placed exactly and `span` covers the
    /// whole construct (a front matter value with escapes, say): no fix then.
    pub exact: bool,
    /// `source[span]`: entities and escapes as written (`a&amp;b.png`).
    pub written: String,
    /// The URL as a browser reads it (`a&b.png`), white space kept.
    pub url: String,
    /// The absolute URL, when it can be known before the build (see [`url::resolve`]).
    pub resolved: Option<String>,
    /// The tag, Markdown construct or front matter line it belongs to.
    pub context: Span,
}

/// The base a post's relative URLs resolve against: `site.url` plus the
/// post's folder below the site root.
pub fn base_url(post_path: &Path, settings: &Settings) -> Option<String> {
    let site = settings.site_url()?;
    let dir = post_dir(post_path);
    let rel = dir.strip_prefix(settings.site_root()).ok();
    let mut base = format!("{site}/");
    if let Some(rel) = rel {
        for c in rel.components() {
            if let std::path::Component::Normal(s) = c {
                base.push_str(&s.to_string_lossy());
                base.push('/');
            }
        }
    }
    Some(base)
}

/// The absolute folder of a post.
pub fn post_dir(post_path: &Path) -> PathBuf {
    let abs = std::path::absolute(post_path).unwrap_or_else(|_| post_path.to_path_buf());
    abs.parent().map(Path::to_path_buf).unwrap_or_default()
}

/// Every resource of `post`, in source order. Parses the body; rules share
/// one parse through [`crate::rules::Context::resources`].
pub fn extract(post: &Post, settings: &Settings) -> Vec<Resource> {
    from_body(post, &Body::parse_in(post, settings), settings)
}

/// Every resource of `post` whose body is already parsed.
pub fn from_body(post: &Post, body: &Body, settings: &Settings) -> Vec<Resource> {
    let base = base_url(&post.path, settings);
    let mut out = Vec::new();
    front_matter(post, settings, &mut out);
    html(&post.source, &body.html, &mut out);
    let generator = settings.site.as_deref().map(|s| s.generator);
    let layer = crate::template::Layer::of_body(&post.source, post.body, generator, &post.path);
    let hexo = generator == Some(crate::site::Generator::Hexo);
    out.extend(template::resources(post, &layer, hexo));
    if let Some(md) = &body.markdown {
        for l in &md.links {
            out.push(Resource {
                kind: match l.kind {
                    MdLinkKind::Image => ResourceKind::Image,
                    MdLinkKind::Link => ResourceKind::Link,
                },
                written_in: WrittenIn::Markdown,
                written: post
                    .source
                    .get(l.span.range())
                    .unwrap_or_default()
                    .to_string(),
                span: l.span,
                exact: l.exact,
                url: l.url.clone(),
                resolved: None,
                context: l.whole,
            });
        }
    }
    for r in &mut out {
        r.resolved = url::resolve(&r.url, base.as_deref());
    }
    out.sort_by_key(|r| (r.span.start, r.kind));
    // A reference definition used by several links is one resource.
    out.dedup_by(|a, b| a.span == b.span && a.kind == b.kind);
    out
}

fn front_matter(post: &Post, settings: &Settings, out: &mut Vec<Resource>) {
    let Some(fm) = &post.front_matter else { return };
    let keys = settings
        .config
        .resources
        .image_keys
        .iter()
        .map(|k| (k, ResourceKind::Image));
    let links = settings
        .config
        .resources
        .link_keys
        .iter()
        .map(|k| (k, ResourceKind::Link));
    for (key, kind) in keys.chain(links) {
        let Some(value) = fm.get(key).and_then(|v| v.as_str()) else {
            continue;
        };
        let Some(entry) = fm.entry(key) else { continue };
        let written_span = entry.value_span;
        let written = written_span.get(&post.source).unwrap_or_default();
        // The value inside its quotes, when it is written as it reads.
        let inner = match written.as_bytes().first() {
            Some(b'"' | b'\'') if written.len() >= 2 => 1..written.len() - 1,
            _ => 0..written.len(),
        };
        let exact = written.get(inner.clone()) == Some(value);
        let span = if exact {
            Span::new(
                written_span.start + inner.start,
                written_span.start + inner.end,
            )
        } else if value.is_empty() {
            Span::empty(written_span.start)
        } else {
            written_span
        };
        out.push(Resource {
            kind,
            written_in: WrittenIn::FrontMatter { key: key.clone() },
            written: span.get(&post.source).unwrap_or_default().to_string(),
            span,
            exact: exact || value.is_empty(),
            url: value.to_string(),
            resolved: None,
            context: Span::new(
                entry.key_span.start,
                written_span.end.max(entry.key_span.end),
            ),
        });
    }
}

/// The URL attributes of one element: (attribute, kind, is a srcset).
fn url_attributes(
    doc: &HtmlDoc,
    element: &Element,
    tag: &StartTag,
) -> Vec<(&'static str, ResourceKind, bool)> {
    if element.foreign {
        return Vec::new();
    }
    match tag.name.as_str() {
        "img" => vec![
            ("src", ResourceKind::Image, false),
            ("srcset", ResourceKind::Image, true),
        ],
        "source" => {
            let in_picture = element
                .parent
                .and_then(|p| doc.elements.get(p))
                .is_some_and(|p| p.name == "picture");
            if in_picture {
                vec![("srcset", ResourceKind::Image, true)]
            } else {
                Vec::new()
            }
        }
        "a" => vec![("href", ResourceKind::Link, false)],
        "video" => vec![("poster", ResourceKind::Image, false)],
        "link" => {
            let has = |attr: &str, word: &str| {
                tag.value(attr).is_some_and(|v| {
                    v.split_ascii_whitespace()
                        .any(|w| w.eq_ignore_ascii_case(word))
                })
            };
            if has("rel", "preload") && has("as", "image") {
                vec![
                    ("href", ResourceKind::Image, false),
                    ("imagesrcset", ResourceKind::Image, true),
                ]
            } else {
                Vec::new()
            }
        }
        _ => Vec::new(),
    }
}

fn html(source: &str, doc: &HtmlDoc, out: &mut Vec<Resource>) {
    for (element, tag) in doc.tags() {
        for (name, kind, is_srcset) in url_attributes(doc, element, tag) {
            let Some(attr) = tag.attr(name) else { continue };
            let Some(value) = &attr.value else { continue };
            let written = value.span.get(source).unwrap_or_default();
            let written_in = WrittenIn::Html {
                element: tag.name.clone(),
                attribute: name.to_string(),
            };
            if !is_srcset {
                out.push(Resource {
                    kind,
                    written_in,
                    span: value.span,
                    exact: true,
                    written: written.to_string(),
                    url: value.text.clone(),
                    resolved: None,
                    context: tag.span,
                });
                continue;
            }
            // Candidates are split in the value as written, so each span is
            // exact; each is then decoded on its own.
            for c in srcset::candidates(written) {
                let w = &written[c.clone()];
                out.push(Resource {
                    kind,
                    written_in: written_in.clone(),
                    span: Span::new(value.span.start + c.start, value.span.start + c.end),
                    exact: true,
                    written: w.to_string(),
                    url: crate::html::decode_references(w, true).0.into_owned(),
                    resolved: None,
                    context: tag.span,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;

    fn settings(toml: &str) -> Settings {
        crate::testing::settings_at("/site", toml)
    }

    fn resources(path: &str, src: &str, toml: &str) -> Vec<Resource> {
        let post = Post::parse(path.into(), src.into(), 65536);
        extract(&post, &settings(toml))
    }

    #[test]
    fn html_sources_with_exact_spans() {
        let src = "---\ntitle: x\nfeature_image: \"https://nos.nl/a.jpg\"\n---\n<img src=\"a&amp;b.png\" srcset=\"s1.jpg 1x,\n s2.jpg 2x\" alt=\"\">\r\n<picture><source srcset=\"p.webp\"></picture><a href='/x'>x</a><video poster=v.jpg></video><link rel=preload as=image href=l.jpg><svg><a href=no></a></svg>";
        let r = resources(
            "/site/_posts/a.html",
            src,
            "[site]\nurl = \"https://example.nl\"\n",
        );
        let got: Vec<_> = r
            .iter()
            .map(|r| (r.kind, r.written.as_str(), r.url.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    ResourceKind::Image,
                    "https://nos.nl/a.jpg",
                    "https://nos.nl/a.jpg"
                ),
                (ResourceKind::Image, "a&amp;b.png", "a&b.png"),
                (ResourceKind::Image, "s1.jpg", "s1.jpg"),
                (ResourceKind::Image, "s2.jpg", "s2.jpg"),
                (ResourceKind::Image, "p.webp", "p.webp"),
                (ResourceKind::Link, "/x", "/x"),
                (ResourceKind::Image, "v.jpg", "v.jpg"),
                (ResourceKind::Image, "l.jpg", "l.jpg"),
            ]
        );
        for res in &r {
            assert_eq!(&src[res.span], res.written);
        }
        assert_eq!(
            r[1].resolved.as_deref(),
            Some("https://example.nl/_posts/a&b.png")
        );
        assert_eq!(r[5].resolved.as_deref(), Some("https://example.nl/x"));
    }

    #[test]
    fn markdown_sources() {
        let src = "---\ntitle: x\nimage: /img/top.jpg\nexterne_link: https://nos.nl/l/1\n---\n![Mast](/img/a.jpg) [ref][r] <https://x.nl>\n\n<img src=\"/img/b.jpg\" alt=\"b\">\n\n[r]: https://r.nl\n";
        let r = resources("/site/_posts/a.md", src, "");
        let got: Vec<_> = r.iter().map(|r| (r.kind, r.written.as_str())).collect();
        assert_eq!(
            got,
            [
                (ResourceKind::Image, "/img/top.jpg"),
                (ResourceKind::Link, "https://nos.nl/l/1"),
                (ResourceKind::Image, "/img/a.jpg"),
                (ResourceKind::Link, "https://x.nl"),
                (ResourceKind::Image, "/img/b.jpg"),
                (ResourceKind::Link, "https://r.nl"),
            ]
        );
        assert!(r.iter().all(|r| r.exact && src[r.span] == r.written));
        assert_eq!(
            r[2].resolved, None,
            "no site.url: site paths stay unresolved"
        );
    }
}
