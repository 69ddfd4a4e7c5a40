//! The URLs passed to template calls: Hugo's `figure` shortcode (`src`,
//! `link`), Liquid includes (`{% include figure.html image="…" %}`), Hexo's
//! `asset_img`, `asset_path` and `asset_link` (a file of the post's asset
//! folder, so relative to the post's URL), JSX components (`<Image src="…"
//! />`), and any `src=` or `image=` argument of another call. Each with the
//! exact span of the value inside its quotes and the call's name. A value
//! that is template code (`{{ page.image }}`, `site.baseurl`, a Liquid
//! variable, a JSX `{expression}`) is not a URL and is left out. Calls
//! inside code blocks (`{% highlight %}`, `{% raw %}`) are code, not calls.

use super::{Resource, ResourceKind, WrittenIn};
use crate::post::Post;
use crate::span::Span;
use crate::template::{Arg, Construct, Kind, Layer};

/// Argument names whose value is an image in any call.
const IMAGE_ARGS: [&str; 5] = ["src", "image", "img", "image_path", "imagesrc"];
/// Argument names whose value is a link in any call.
const LINK_ARGS: [&str; 2] = ["href", "link"];

/// The URL arguments of the template calls in `post`'s body.
/// `fences_are_code`: Markdown code is not rendered as template code (Hexo
/// escapes fenced code before its tags run; Jekyll, Eleventy and Hugo do not).
pub fn resources(post: &Post, layer: &Layer, fences_are_code: bool) -> Vec<Resource> {
    let mut code = layer.code_regions();
    if fences_are_code {
        let body = post.body_text();
        code.extend(crate::text::regions::markdown_code(body, post.body.start));
    }
    let in_code = |s: Span| code.iter().any(|c| c.start <= s.start && s.end <= c.end);
    let mut out = Vec::new();
    for c in &layer.constructs {
        if c.closing || in_code(c.span) {
            continue;
        }
        match c.kind {
            Kind::Tag => liquid(post, c, &mut out),
            Kind::Shortcode | Kind::MarkdownShortcode => hugo(post, c, &mut out),
            Kind::Jsx => jsx(post, c, &mut out),
            _ => {}
        }
    }
    out
}

fn liquid(post: &Post, c: &Construct, out: &mut Vec<Resource>) {
    let name = c.name.as_str();
    match name {
        "asset_img" | "asset_path" | "asset_link" => {
            // `{% asset_img slug [title] %}`: the first word is the file.
            let Some(first) = c.args.first().filter(|a| a.name.is_none()) else {
                return;
            };
            let kind = if name == "asset_link" {
                ResourceKind::Link
            } else {
                ResourceKind::Image
            };
            push(post, c, name.to_string(), "", first, kind, out);
        }
        "include" | "include_relative" | "render" => {
            let file = c
                .args
                .first()
                .filter(|a| a.name.is_none())
                .map(|a| a.value.clone())
                .unwrap_or_default();
            let call = format!("{name} {file}").trim().to_string();
            let imagey = ["image", "img", "figure", "photo", "picture", "screenshot"]
                .iter()
                .any(|w| file.to_ascii_lowercase().contains(w));
            for a in c.args.iter().filter(|a| a.quoted) {
                let Some(arg) = a.name.as_deref().map(str::to_ascii_lowercase) else {
                    continue;
                };
                let kind = if IMAGE_ARGS.contains(&arg.as_str())
                    || (imagey && matches!(arg.as_str(), "url" | "path" | "file"))
                {
                    ResourceKind::Image
                } else if matches!(arg.as_str(), "url" | "href" | "link") {
                    ResourceKind::Link
                } else {
                    continue;
                };
                push(post, c, call.clone(), &arg, a, kind, out);
            }
        }
        _ => named(post, c, name.to_string(), true, out),
    }
}

fn hugo(post: &Post, c: &Construct, out: &mut Vec<Resource>) {
    // Hugo reads an unquoted argument as a string too.
    named(post, c, c.name.clone(), false, out);
}

fn jsx(post: &Post, c: &Construct, out: &mut Vec<Resource>) {
    // `src={img}` is an expression, not a URL: only quoted values.
    named(post, c, format!("<{}>", c.name), true, out);
}

/// The `src=`/`image=` (images) and `href=`/`link=` (links) arguments of a call.
fn named(post: &Post, c: &Construct, call: String, quoted_only: bool, out: &mut Vec<Resource>) {
    for a in &c.args {
        if quoted_only && !a.quoted {
            continue;
        }
        let Some(arg) = a.name.as_deref().map(str::to_ascii_lowercase) else {
            continue;
        };
        let kind = if IMAGE_ARGS.contains(&arg.as_str()) {
            ResourceKind::Image
        } else if LINK_ARGS.contains(&arg.as_str()) {
            ResourceKind::Link
        } else {
            continue;
        };
        push(post, c, call.clone(), &arg, a, kind, out);
    }
}

fn push(
    post: &Post,
    c: &Construct,
    call: String,
    argument: &str,
    a: &Arg,
    kind: ResourceKind,
    out: &mut Vec<Resource>,
) {
    let value = a.value.trim();
    // Template code is not a URL (`{{ page.image }}`, `{% link … %}`).
    if value.contains("{{") || value.contains("{%") || value.contains("${") {
        return;
    }
    let written = a.value_span.get(&post.source).unwrap_or_default();
    out.push(Resource {
        kind,
        written_in: WrittenIn::Template {
            call,
            argument: argument.to_string(),
        },
        span: a.value_span,
        // Escapes in a quoted value are not decoded: not exact then.
        exact: !written.contains('\\'),
        written: written.to_string(),
        url: a.value.clone(),
        resolved: None,
        context: c.span,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::Generator;
    use std::path::Path;

    fn found(generator: Generator, path: &str, src: &str) -> Vec<(ResourceKind, String, String)> {
        let post = Post::parse(path.into(), src.into(), 65536);
        let layer = Layer::of_body(&post.source, post.body, Some(generator), Path::new(path));
        let fences = generator == Generator::Hexo;
        let r = resources(&post, &layer, fences);
        for x in &r {
            assert_eq!(&src[x.span], x.written);
        }
        r.into_iter()
            .map(|r| {
                let WrittenIn::Template { call, argument } = r.written_in else {
                    panic!("not a template call")
                };
                (r.kind, format!("{call}/{argument}"), r.written)
            })
            .collect()
    }

    #[test]
    fn liquid_includes_and_hexo_assets() {
        let src = "---\ntitle: x\n---\n{% include figure.html image=\"/img/a.png\" alt='x' %}\n{% include image.html url=\"/img/b.png\" %}\n{% include card.html url=\"/about/\" image=page.image %}\n{% include figure.html image=\"{{ site.baseurl }}/c.png\" %}\n{% asset_img zendmast.jpg Een zendmast %}\n```\n{% asset_img in-fence.jpg %}\n```\n{% highlight liquid %}{% include figure.html image=\"/img/code.png\" %}{% endhighlight %}\n";
        let got = found(Generator::Jekyll, "_posts/2019-05-14-a.md", src);
        assert_eq!(
            got,
            [
                (
                    ResourceKind::Image,
                    "include figure.html/image".into(),
                    "/img/a.png".into()
                ),
                (
                    ResourceKind::Image,
                    "include image.html/url".into(),
                    "/img/b.png".into()
                ),
                (
                    ResourceKind::Link,
                    "include card.html/url".into(),
                    "/about/".into()
                ),
                (
                    ResourceKind::Image,
                    "asset_img/".into(),
                    "zendmast.jpg".into()
                ),
                // Liquid runs before Markdown on Jekyll: a fence is no shelter.
                (
                    ResourceKind::Image,
                    "asset_img/".into(),
                    "in-fence.jpg".into()
                ),
            ]
        );
    }

    #[test]
    fn hexo_leaves_fenced_code_alone() {
        let src =
            "---\ntitle: x\n---\n```\n{% asset_img in-fence.jpg %}\n```\n{% asset_img a.jpg %}\n";
        let got = found(Generator::Hexo, "source/_posts/a.md", src);
        assert_eq!(
            got,
            [(ResourceKind::Image, "asset_img/".into(), "a.jpg".into())]
        );
    }

    #[test]
    fn hugo_figure_and_fallbacks() {
        let src = "---\ntitle: x\n---\n{{< figure src=\"/img/a.png\" link=\"https://x.nl\" alt=\"a\" >}}\n{{% figure src=b.png %}}\n{{< youtube id=\"x\" >}}\n{{</* figure src=\"/escaped.png\" */>}}\n{{< gallery image='/img/c.png' >}}\n";
        let got = found(Generator::Hugo, "content/a.md", src);
        assert_eq!(
            got,
            [
                (
                    ResourceKind::Image,
                    "figure/src".into(),
                    "/img/a.png".into()
                ),
                (
                    ResourceKind::Link,
                    "figure/link".into(),
                    "https://x.nl".into()
                ),
                (ResourceKind::Image, "figure/src".into(), "b.png".into()),
                (
                    ResourceKind::Image,
                    "gallery/image".into(),
                    "/img/c.png".into()
                ),
            ]
        );
    }

    #[test]
    fn jsx_components_in_mdx() {
        let src = "---\ntitle: x\n---\nimport Image from './Image';\n\n<Image src=\"/img/a.png\" alt=\"a\" />\n<Image src={img} />\n";
        let got = found(Generator::Docusaurus, "docs/a.mdx", src);
        assert_eq!(
            got,
            [(
                ResourceKind::Image,
                "<Image>/src".into(),
                "/img/a.png".into()
            )]
        );
    }
}
