//! PL203 wrong-type: a front matter value of the wrong type, or empty.

use serde_yaml::Value;

use crate::config::ValueType;
use crate::diagnostic::Diagnostic;
use crate::post::FrontMatterError;
use crate::post::split::FrontMatterKind;
use crate::rules::Context;
use crate::site::Generator;
use crate::yaml11;

declare_rule! {
    /// ## What it does
    /// Reports a front matter that is not a mapping of keys (a list or a bare
    /// string), a value whose type the schema does not allow (`title: [a, b]`
    /// where a string is expected), and an empty value (`title:`, `title: ""`)
    /// for a key that may not be empty.
    ///
    /// ## Why is this bad?
    /// Layouts that expect a string print a list as `["a", "b"]` or fail the
    /// build; an empty title gives a post without a heading or link text.
    /// Types are those of Jekyll's YAML 1.1 reader, where an unquoted
    /// `published: no` (or `yes`, `on`, `off`) is a boolean; a quoted
    /// `"no"` is a string everywhere.
    ///
    /// What the generator accepts is not reported: `layout: null`, `false`
    /// or an empty `layout:` (Jekyll's documented way to render a post
    /// without a layout, unless the config sets `allow-empty` for `layout`),
    /// and a number where a string is expected on Jekyll, Hugo, Hexo and
    /// Eleventy, which print it as text (`title: 2026` on a year's list
    /// page). Zola, Astro and unknown generators type the front matter
    /// strictly, so there a number stays a finding, and the date key always
    /// does.
    ///
    /// ## Example
    /// ```text
    /// ---
    /// title:
    /// date: 2019
    /// ---
    /// ```
    ///
    /// ## Fix safety
    /// No fix.
    ///
    /// ## Options
    /// `front-matter.keys.<key>.type` (`string`, `integer`, `number`,
    /// `boolean`, `list`, `map`, or a list of them) and
    /// `front-matter.keys.<key>.allow-empty`.
    pub static RULE {
        code: "PL203",
        name: "wrong-type",
        summary: "front matter value has the wrong type or is empty",
        severity: Error,
        run: Post(check),
        fix: None,
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "empty",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_f64() => "a number",
        Value::Number(_) => "an integer",
        Value::String(_) => "a string",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a map",
        Value::Tagged(t) => type_name(&t.value),
    }
}

fn has_type(v: &Value, ty: ValueType) -> bool {
    match (v, ty) {
        (Value::Tagged(t), _) => has_type(&t.value, ty),
        (Value::String(_), ValueType::String) => true,
        (Value::Number(n), ValueType::Integer) => !n.is_f64(),
        (Value::Number(_), ValueType::Number) => true,
        (Value::Bool(_), ValueType::Boolean) => true,
        (Value::Sequence(_), ValueType::List) => true,
        (Value::Mapping(_), ValueType::Map) => true,
        _ => false,
    }
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Sequence(s) => s.is_empty(),
        Value::Mapping(m) => m.is_empty(),
        Value::Tagged(t) => is_empty(&t.value),
        _ => false,
    }
}

/// Jekyll's "no layout": `layout: null`, `layout: false` or `layout:`,
/// unless the config itself says whether `layout` may be empty.
fn is_no_layout(ctx: &Context<'_>, key: &str, value: &Value) -> bool {
    let configured = ctx.settings.config.front_matter.keys.get(key);
    key == "layout"
        && configured.is_none_or(|k| k.allow_empty.is_none())
        && (is_empty(value) || matches!(value, Value::Bool(false)))
}

/// Whether the site's generator prints a number given for a string key as
/// its text: Jekyll's Liquid, Hugo's `cast.ToString`, JavaScript templates.
fn casts_numbers_to_strings(ctx: &Context<'_>, key: &str) -> bool {
    key != ctx.settings.config.dates.key
        && matches!(
            ctx.settings.config.site.generator,
            Some(Generator::Jekyll | Generator::Hugo | Generator::Hexo | Generator::Eleventy)
        )
}

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    let Some(fm) = &post.front_matter else { return };
    if let Some(FrontMatterError::NotAMapping { found }) = &fm.error {
        out.push(
            Diagnostic::new(
                &RULE,
                fm.span,
                format!("front matter is {found}, not a mapping of keys"),
            )
            .with_label("expected `key: value` lines")
            .with_help("write the front matter as `key: value` lines"),
        );
        return;
    }
    let Some(mapping) = &fm.mapping else { return };
    // Jekyll's reading, made only when a string may be a YAML 1.1 boolean.
    let mut jekyll: Option<Option<yaml11::Value>> = None;
    for (key, value) in mapping {
        let Some(key) = key.as_str() else { continue };
        let Some(schema) = ctx.settings.keys.get(key) else {
            continue;
        };
        let span = fm.value_span(key);
        let allow_empty = schema.allow_empty.unwrap_or(schema.types.is_none());
        if is_no_layout(ctx, key, value) {
            continue;
        }
        if is_empty(value) {
            if !allow_empty {
                out.push(
                    Diagnostic::new(&RULE, span, format!("`{key}` is empty"))
                        .with_label("empty value")
                        .with_help(format!("give `{key}` a value, or remove the key")),
                );
            }
            continue;
        }
        let Some(types) = &schema.types else { continue };
        let types = types.as_slice();
        if types.iter().any(|t| has_type(value, *t)) {
            continue;
        }
        if matches!(value, Value::Number(_))
            && types.contains(&ValueType::String)
            && casts_numbers_to_strings(ctx, key)
        {
            continue;
        }
        if matches!(value, Value::String(_))
            && types.contains(&ValueType::Boolean)
            && fm.kind == FrontMatterKind::Yaml
        {
            // serde_yaml reads YAML 1.2, where `no` is a string.
            let read = jekyll.get_or_insert_with(|| yaml11::load(&post.source[fm.span]).ok());
            if let Some(yaml11::Value::Bool(_)) = read.as_ref().and_then(|v| v.get(key)) {
                continue;
            }
        }
        let expected: Vec<&str> = types.iter().map(|t| t.as_str()).collect();
        let mut d = Diagnostic::new(
            &RULE,
            span,
            format!(
                "`{key}` is {}, expected {}",
                type_name(value),
                expected.join(" or ")
            ),
        )
        .with_label(format!("expected {}", expected.join(" or ")));
        d = match (value, types.contains(&ValueType::Boolean)) {
            (Value::String(s), true)
                if matches!(
                    s.to_ascii_lowercase().as_str(),
                    "yes" | "no" | "on" | "off" | "y" | "n"
                ) =>
            {
                let b = matches!(s.to_ascii_lowercase().as_str(), "yes" | "on" | "y");
                d.with_help(format!(
                    "write `{b}` without quotes: a quoted `{s}` is a string"
                ))
            }
            (_, _) if types.contains(&ValueType::String) => {
                d.with_help("quote the value to make it a string")
            }
            _ => d,
        };
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn types_and_empty_values() {
        let src = "---\ntitle: \"\"\ndate: 2019\ntags: [a]\ncategories: x\npublished: \"yes\"\ndraft: false\n---\n";
        let d = check(&RULE, src);
        let got: Vec<_> = d.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            got,
            [
                "`title` is empty",
                "`date` is an integer, expected string",
                "`published` is a string, expected boolean"
            ]
        );
        assert_eq!(spans(src, &d), ["\"\"", "2019", "\"yes\""]);
        assert_eq!(
            d[2].help.as_deref(),
            Some("write `true` without quotes: a quoted `yes` is a string")
        );
    }

    /// Ruby 3.1 / Psych 4.0.3: `YAML.load("published: no")` is
    /// `{"published"=>false}`, and so for `Off`, `YES`, `on`.
    #[test]
    fn yaml_1_1_booleans_are_booleans() {
        for v in ["no", "Off", "YES", "on"] {
            let src = format!("---\ntitle: x\npublished: {v}\n---\n");
            assert!(check(&RULE, &src).is_empty(), "{v}");
        }
        let src = "---\ntitle: x\npublished: \"no\"\n---\n";
        assert_eq!(check(&RULE, src).len(), 1);
    }

    /// ruby-lang's `examples/*.md` (`layout: null`) and OpenTelemetry's
    /// year pages (`title: 2026`).
    #[test]
    fn what_the_generator_accepts() {
        for v in ["null", "~", "false", "", "\"\""] {
            let src = format!("---\ntitle: x\nlayout: {v}\n---\n");
            assert!(check(&RULE, &src).is_empty(), "{v}");
        }
        let strict = "[front-matter.keys.layout]\ntype = \"string\"\nallow-empty = false\n";
        let src = "---\ntitle: x\nlayout: null\n---\n";
        assert_eq!(check_with(&RULE, "_posts/a.md", src, strict).len(), 1);
        let year = "---\ntitle: 2026\nweight: -2026\ndate: 2019\n---\n";
        for generator in ["hugo", "jekyll", "hexo", "eleventy"] {
            let config = format!("[site]\ngenerator = \"{generator}\"\n");
            let d = check_with(&RULE, "content/blog/2026/_index.md", year, &config);
            let got: Vec<_> = d.iter().map(|d| d.message.as_str()).collect();
            assert_eq!(
                got,
                ["`date` is an integer, expected string"],
                "{generator}"
            );
        }
        let zola = check_with(
            &RULE,
            "content/a.md",
            year,
            "[site]\ngenerator = \"zola\"\n",
        );
        assert_eq!(zola.len(), 2);
        assert_eq!(check(&RULE, year).len(), 2);
    }

    #[test]
    fn configured_types_and_not_a_mapping() {
        let cfg = "[front-matter.keys.weight]\ntype = [\"integer\", \"number\"]\n";
        let d = check_with(
            &RULE,
            "_posts/a.html",
            "---\ntitle: x\nweight: heavy\n---\n",
            cfg,
        );
        assert_eq!(
            d[0].message,
            "`weight` is a string, expected integer or number"
        );
        let d = check(&RULE, "---\n- a\n---\n");
        assert_eq!(
            d[0].message,
            "front matter is a list, not a mapping of keys"
        );
    }
}
