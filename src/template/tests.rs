//! The template layer on bodies shaped like the panel's: Jekyll's Liquid,
//! Hugo shortcodes, MDX, code-excerpt markers; spans exact, input never panics.

use std::path::Path;

use super::*;
use crate::span::Span;

fn all(langs: Languages, src: &str) -> Vec<Construct> {
    let out = scan(src, Span::new(0, src.len()), langs);
    for c in &out {
        assert!(src.get(c.span.start..c.span.end).is_some(), "{c:?}");
        assert_eq!(&src[c.name_span], c.name, "{c:?}");
        for a in &c.args {
            assert_eq!(&src[a.value_span], a.value, "{a:?}");
        }
    }
    out
}

fn liquid() -> Languages {
    Languages::for_file(Some(Generator::Jekyll), Path::new("_posts/a.md"))
}

fn hugo() -> Languages {
    Languages::for_file(Some(Generator::Hugo), Path::new("content/a.md"))
}

fn texts<'a>(src: &'a str, cs: &[Construct]) -> Vec<&'a str> {
    cs.iter().map(|c| &src[c.span]).collect()
}

#[test]
fn liquid_tags_outputs_and_white_space_control() {
    let src = "a {% include figure.html image=\"/img/a.png\" alt='x' %} b {{ page.title | escape }} {%- if x -%}y{%- endif -%}";
    let cs = all(liquid(), src);
    assert_eq!(
        texts(src, &cs),
        [
            "{% include figure.html image=\"/img/a.png\" alt='x' %}",
            "{{ page.title | escape }}",
            "{%- if x -%}",
            "{%- endif -%}"
        ]
    );
    assert_eq!(cs[0].kind, Kind::Tag);
    assert_eq!(cs[0].name, "include");
    assert_eq!(
        &src[cs[0].args_span],
        "figure.html image=\"/img/a.png\" alt='x'"
    );
    let image = cs[0].arg("image").unwrap();
    assert_eq!(&src[image.value_span], "/img/a.png");
    assert_eq!(cs[0].args[0].value, "figure.html");
    assert_eq!(cs[1].kind, Kind::Output);
    assert_eq!(&src[cs[1].args_span], "page.title | escape");
    assert_eq!((cs[2].name.as_str(), cs[2].closing), ("if", false));
    assert_eq!((cs[3].name.as_str(), cs[3].closing), ("endif", true));
}

#[test]
fn raw_and_comment_content_is_not_read() {
    let src = "{% raw %}{{ not }} {% if %}{%endraw%} {% comment %} {{ x }} {% endcomment %}{{ y }}";
    let cs = all(liquid(), src);
    let kinds: Vec<_> = cs.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        [
            Kind::Tag,
            Kind::Verbatim,
            Kind::Tag,
            Kind::Tag,
            Kind::Verbatim,
            Kind::Tag,
            Kind::Output
        ]
    );
    assert_eq!(&src[cs[1].span], "{{ not }} {% if %}");
    assert_eq!(&src[cs[4].span], " {{ x }} ");
    let layer = Layer::new(src, Span::new(0, src.len()), liquid());
    let code: Vec<_> = layer.code_regions().iter().map(|r| &src[*r]).collect();
    assert_eq!(
        code,
        [
            "{% raw %}{{ not }} {% if %}{%endraw%}",
            "{% comment %} {{ x }} {% endcomment %}"
        ]
    );
}

#[test]
fn unclosed_raw_runs_to_the_end() {
    let src = "{% raw %} {{ a }} endraw {%  endraw";
    let cs = all(liquid(), src);
    assert_eq!(cs.len(), 2);
    assert_eq!(&src[cs[1].span], " {{ a }} endraw {%  endraw");
}

#[test]
fn hugo_shortcodes_paired_self_closing_and_escaped() {
    let src = "{{< youtube w7Ft2ymGmfc >}} {{<figure src=\"a.png\" caption=`x`>}} {{% details title=\"T\" %}}md{{% /details %}} {{< x />}} {{</* figure src=\"b\" */>}} {{< highlight go \"linenos=table\" >}}# no{{< / highlight >}}";
    let cs = all(hugo(), src);
    let got: Vec<_> = cs
        .iter()
        .map(|c| (c.kind, c.name.as_str(), c.closing, c.self_closing))
        .collect();
    assert_eq!(
        got,
        [
            (Kind::Shortcode, "youtube", false, false),
            (Kind::Shortcode, "figure", false, false),
            (Kind::MarkdownShortcode, "details", false, false),
            (Kind::MarkdownShortcode, "details", true, false),
            (Kind::Shortcode, "x", false, true),
            (Kind::ShortcodeEscape, "", false, false),
            (Kind::Shortcode, "highlight", false, false),
            (Kind::Shortcode, "highlight", true, false),
        ]
    );
    assert_eq!(cs[1].arg("src").unwrap().value, "a.png");
    assert_eq!(cs[1].arg("caption").unwrap().value, "x");
    assert_eq!(cs[0].args[0].value, "w7Ft2ymGmfc");
    assert_eq!(&src[cs[5].args_span], " figure src=\"b\" ");
    let layer = Layer::new(src, Span::new(0, src.len()), hugo());
    let kinds: Vec<_> = layer
        .blocks
        .iter()
        .map(|b| (b.name.as_str(), b.kind, b.language.as_deref()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("details", BlockKind::Other, None),
            ("highlight", BlockKind::Code, Some("go"))
        ]
    );
}

#[test]
fn languages_follow_the_generator_and_extension() {
    // Hugo does not evaluate `{{ }}` in content: it is text there.
    assert!(all(hugo(), "{{ x }} {% y %}").is_empty());
    assert!(
        all(liquid(), "{{< x >}}")
            .iter()
            .all(|c| c.kind == Kind::Output)
    );
    let mdx = Languages::for_file(Some(Generator::Docusaurus), Path::new("docs/a.mdx"));
    assert!(mdx.mdx && !mdx.liquid && !mdx.hugo);
    let md = Languages::for_file(Some(Generator::Docusaurus), Path::new("docs/a.md"));
    assert!(!md.mdx && !md.liquid);
    let njk = Languages::for_file(None, Path::new("a.njk"));
    assert!(njk.liquid && njk.nunjucks);
    assert!(all(njk, "{# c #}").iter().all(|c| c.kind == Kind::Comment));
}

#[test]
fn processing_instructions_are_markers_but_not_xml_or_php() {
    let src = "<?code-excerpt \"lib/main.dart (x)\" replace=\"/a/b/g\"?>\n<?php echo 1; ?>\n<?xml version=\"1.0\"?>";
    let cs = all(hugo(), src);
    assert_eq!(cs.len(), 1);
    assert_eq!(cs[0].kind, Kind::ProcessingInstruction);
    assert_eq!(cs[0].name, "code-excerpt");
    assert_eq!(cs[0].args[0].value, "lib/main.dart (x)");
    assert_eq!(cs[0].arg("replace").unwrap().value, "/a/b/g");
}

#[test]
fn mdx_imports_jsx_and_expressions_outside_code() {
    let src = "import Image from '@theme/Image';\nimport {\n  A,\n} from './a';\n\n# T {props.x}\n\n<Image src={require('./a.png').default} alt=\"a > b\" />\n\n```js\n<Not /> {no}\n```\n\n`{no}` <Tabs>\n<TabItem value=\"a\">x</TabItem>\n</Tabs> <>f</> <p>html</p>\nexport const meta = {a: 1};\n";
    let langs = Languages::for_file(Some(Generator::Docusaurus), Path::new("docs/a.mdx"));
    let cs = all(langs, src);
    let got: Vec<_> = cs.iter().map(|c| (c.kind, &src[c.span])).collect();
    assert_eq!(
        got,
        [
            (
                Kind::EsmBlock,
                "import Image from '@theme/Image';\nimport {\n  A,\n} from './a';\n"
            ),
            (Kind::Expression, "{props.x}"),
            (
                Kind::Jsx,
                "<Image src={require('./a.png').default} alt=\"a > b\" />"
            ),
            (Kind::Jsx, "<Tabs>"),
            (Kind::Jsx, "<TabItem value=\"a\">"),
            (Kind::Jsx, "</TabItem>"),
            (Kind::Jsx, "</Tabs>"),
            (Kind::Jsx, "<>"),
            (Kind::Jsx, "</>"),
            (Kind::EsmBlock, "export const meta = {a: 1};\n"),
        ]
    );
    let image = &cs[2];
    assert!(image.self_closing);
    assert_eq!(image.name, "Image");
    assert_eq!(
        image.arg("src").unwrap().value,
        "require('./a.png').default"
    );
    assert_eq!(image.arg("alt").unwrap().value, "a > b");
    let layer = Layer::new(src, Span::new(0, src.len()), langs);
    let names: Vec<_> = layer.blocks.iter().map(|b| b.name.as_str()).collect();
    assert_eq!(names, ["Tabs", "TabItem", ""]);
}

#[test]
fn branches_after_the_first_are_found() {
    let src = "{% if a %}<p id=x>{% elsif b %}<p id=x>{% else %}<p id=x>{% endif %}{% case c %}{% when 1 %}A{% when 2 %}B{% endcase %}{% for r in rs %}<tr>{% endfor %}";
    let layer = Layer::new(src, Span::new(0, src.len()), liquid());
    let got: Vec<_> = layer
        .blocks
        .iter()
        .map(|b| (b.kind, b.later_branches.map(|s| &src[s])))
        .collect();
    assert_eq!(
        got,
        [
            (
                BlockKind::Conditional,
                Some("{% elsif b %}<p id=x>{% else %}<p id=x>")
            ),
            (BlockKind::Conditional, Some("{% when 2 %}B")),
            (BlockKind::Loop, None),
        ]
    );
    let masks: Vec<_> = layer
        .html_masks()
        .into_iter()
        .map(|(s, m)| (&src[s], m))
        .collect();
    assert_eq!(masks[0], ("{% if a %}", Mask::Drop));
    assert_eq!(
        masks[1],
        ("{% elsif b %}<p id=x>{% else %}<p id=x>", Mask::Drop)
    );
    assert_eq!(masks[2], ("{% endif %}", Mask::Drop));
}

#[test]
fn highlight_blocks_are_code_and_unclosed_openers_are_dropped() {
    let src = "{% for x in y %}{% highlight ruby %}\n# => warning\n{% endhighlight %}{% capture %}{% endfor %}";
    let layer = Layer::new(src, Span::new(0, src.len()), liquid());
    let got: Vec<_> = layer
        .blocks
        .iter()
        .map(|b| (b.name.as_str(), b.kind, b.language.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            ("for", BlockKind::Loop, None),
            ("highlight", BlockKind::Code, Some("ruby"))
        ]
    );
    let code: Vec<_> = layer.code_regions().iter().map(|r| &src[*r]).collect();
    assert_eq!(
        code,
        ["{% highlight ruby %}\n# => warning\n{% endhighlight %}"]
    );
}

/// Soups of delimiters: no panic, spans on character boundaries, in order,
/// not overlapping; and linear time on a pathological body.
#[test]
fn random_and_pathological_bodies() {
    const PARTS: &[&str] = &[
        "{",
        "}",
        "{%",
        "%}",
        "{{",
        "}}",
        "{{<",
        ">}}",
        "{{%",
        "%}}",
        "/*",
        "*/",
        "<",
        ">",
        "<?",
        "?>",
        "raw",
        "endraw",
        " ",
        "\n",
        "é",
        "\"",
        "'",
        "`",
        "-",
        "/",
        "if",
        "endif",
        "else",
        "import ",
        "export ",
        "<A",
        "</A>",
        "```",
        "{#",
        "#}",
        "=",
        "comment",
        "endcomment",
    ];
    let all_langs = Languages {
        liquid: true,
        nunjucks: true,
        hugo: true,
        mdx: true,
        markers: true,
    };
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for round in 0..4000 {
        let mut body = String::new();
        for _ in 0..(round % 50) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            body.push_str(PARTS[(seed % PARTS.len() as u64) as usize]);
        }
        for langs in [all_langs, liquid(), hugo()] {
            let layer = Layer::new(&body, Span::new(0, body.len()), langs);
            let mut last = 0;
            for c in &layer.constructs {
                assert!(c.span.start >= last, "{body:?}");
                last = c.span.end;
                for s in [c.span, c.name_span, c.args_span] {
                    assert!(body.get(s.start..s.end).is_some(), "{body:?} {c:?}");
                }
            }
            for (s, _) in layer.html_masks() {
                assert!(body.get(s.start..s.end).is_some(), "{body:?}");
            }
        }
    }
    let started = std::time::Instant::now();
    for unit in [
        "{% ",
        "{{< ",
        "{{ ",
        "<?a ",
        "{% raw %}",
        "{% if %}",
        "{% endif %}",
        "<A ",
    ] {
        let body = unit.repeat(100_000);
        let layer = Layer::new(&body, Span::new(0, body.len()), all_langs);
        assert!(layer.constructs.len() <= MAX_CONSTRUCTS);
    }
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
}
