//! PL206 value-not-allowed: a value outside the key's allowed list.

use serde_yaml::Value;

use crate::diagnostic::Diagnostic;
use crate::rules::Context;

declare_rule! {
    /// ## What it does
    /// Reports a string value (or a string in a list value) that is not in
    /// the key's `allowed` list, such as a layout that does not exist or a
    /// category the site does not have.
    ///
    /// ## Why is this bad?
    /// A post with `layout: psot` renders without a layout; one with an
    /// unknown category is missing from the category pages.
    ///
    /// ## Example
    /// With `front-matter.keys.category.allowed = ["nieuws", "achtergrond"]`:
    /// ```text
    /// category: Nieuws
    /// ```
    ///
    /// ## Fix safety
    /// No fix; the help names an allowed value that differs only in case.
    ///
    /// ## Options
    /// `front-matter.keys.<key>.allowed`.
    pub static RULE {
        code: "PL206",
        name: "value-not-allowed",
        summary: "front matter value is not in the allowed list",
        severity: Error,
        run: Post(check),
        fix: None,
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    let Some(fm) = &post.front_matter else { return };
    let Some(mapping) = &fm.mapping else { return };
    for (key, value) in mapping {
        let Some(key) = key.as_str() else { continue };
        let Some(allowed) = ctx.settings.keys.get(key).and_then(|s| s.allowed.as_ref()) else {
            continue;
        };
        let values: Vec<&str> = match value {
            Value::String(s) => vec![s.as_str()],
            Value::Sequence(items) => items.iter().filter_map(Value::as_str).collect(),
            _ => continue,
        };
        let value_span = fm.value_span(key);
        let written = &post.source[value_span];
        for v in values {
            if allowed.iter().any(|a| a == v) {
                continue;
            }
            // Point at the item itself when it is written verbatim.
            let span = match written.find(v) {
                Some(i) if !v.is_empty() => value_span.start + i..value_span.start + i + v.len(),
                _ => value_span.range(),
            };
            let help = match allowed.iter().find(|a| a.eq_ignore_ascii_case(v)) {
                Some(a) => format!("write `{a}`"),
                None => format!("use one of: {}", allowed.join(", ")),
            };
            out.push(
                Diagnostic::new(
                    &RULE,
                    span,
                    format!("`{v}` is not an allowed value of `{key}`"),
                )
                .with_label("not allowed")
                .with_help(help),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn strings_and_list_items() {
        let cfg = "[front-matter.keys.category]\nallowed = [\"nieuws\", \"opinie\"]\n[front-matter.keys.tags]\nallowed = [\"a\", \"b\"]\n";
        let src = "---\ntitle: x\ncategory: Nieuws\ntags: [a, zz, b]\n---\n";
        let d = check_with(&RULE, "_posts/a.html", src, cfg);
        assert_eq!(spans(src, &d), ["Nieuws", "zz"]);
        assert_eq!(d[0].help.as_deref(), Some("write `nieuws`"));
        assert_eq!(d[1].help.as_deref(), Some("use one of: a, b"));
    }
}
