//! PL205 duplicate-key: the same key twice in one mapping.

use crate::diagnostic::Diagnostic;
use crate::post::FrontMatterError;
use crate::rules::Context;

declare_rule! {
    /// ## What it does
    /// Reports a key that appears more than once in the same mapping of the
    /// front matter, pointing at the second one and labelling the first.
    ///
    /// ## Why is this bad?
    /// YAML forbids duplicate keys. Some readers take the first value, some the
    /// last, some stop: the post means different things to different tools.
    ///
    /// ## Example
    /// ```text
    /// ---
    /// title: Huawei wil niet spioneren
    /// title: Huawei wil contractueel vastleggen dat het niet zal spioneren
    /// ---
    /// ```
    ///
    /// ## Fix safety
    /// No fix: which value is meant is for the author to say.
    pub static RULE {
        code: "PL205",
        name: "duplicate-key",
        summary: "front matter has the same key twice",
        severity: Error,
        run: Post(check),
        fix: None,
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    let Some(fm) = &post.front_matter else { return };
    let mut found_top_level = false;
    for (i, entry) in fm.entries.iter().enumerate() {
        if let Some(first) = fm.entries[..i].iter().find(|e| e.key == entry.key) {
            found_top_level = true;
            // Report each repeat once, against the first definition.
            out.push(
                Diagnostic::new(
                    &RULE,
                    entry.key_span,
                    format!("duplicate key `{}`", entry.key),
                )
                .with_label("defined again here")
                .with_secondary(first.key_span, "first defined here")
                .with_help("remove one of the two"),
            );
        }
    }
    if !found_top_level && let Some(FrontMatterError::DuplicateKey { key, at }) = &fm.error {
        let end = post.source[*at..]
            .find(['\n', ':', '='])
            .map_or(*at, |i| at + i);
        out.push(
            Diagnostic::new(&RULE, *at..end, format!("duplicate key `{key}`"))
                .with_label("defined again here")
                .with_help("remove one of the two"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn top_level_duplicate_points_at_both() {
        let src = "---\ntitle: a\ndate: b\ntitle: c\n---\n";
        let d = check(&RULE, src);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].range.start, src.rfind("title").unwrap());
        assert_eq!(d[0].labels[0].range.start, 4);
    }

    #[test]
    fn nested_and_toml_duplicates() {
        let src = "---\ntitle: a\nimage:\n  src: x\n  src: y\n---\n";
        let d = check(&RULE, src);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].message, "duplicate key `image.src`");
        assert_eq!(&src[d[0].range], "src");
        let d = check(&RULE, "+++\ntitle = \"a\"\ntitle = \"b\"\n+++\n");
        assert_eq!(d.len(), 1);
    }
}
