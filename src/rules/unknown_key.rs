//! PL204 unknown-key: a key the strict schema does not know.

use crate::diagnostic::Diagnostic;
use crate::rules::Context;

declare_rule! {
    /// ## What it does
    /// With `front-matter.strict = true`, reports each top-level key that is
    /// not in `front-matter.keys`, `front-matter.known`, `front-matter.required`
    /// or the date key.
    ///
    /// ## Why is this bad?
    /// A misspelt key (`catgory:`) is silently ignored by the generator: the
    /// post loses its category without any error.
    ///
    /// ## Example
    /// ```text
    /// ---
    /// title: Huisarrest
    /// catgory: nieuws
    /// ---
    /// ```
    ///
    /// ## Fix safety
    /// No fix; the help names the closest known key.
    ///
    /// ## Options
    /// `front-matter.strict`, `front-matter.known`, `front-matter.keys`.
    pub static RULE {
        code: "PL204",
        name: "unknown-key",
        summary: "front matter key is not in the schema",
        severity: Warning,
        run: Post(check),
        fix: None,
    }
}

/// Levenshtein distance, for "did you mean"; keys are short.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    let fm_cfg = &ctx.settings.config.front_matter;
    if !fm_cfg.strict {
        return;
    }
    let Some(fm) = &post.front_matter else { return };
    let Some(mapping) = &fm.mapping else { return };
    let known: Vec<&str> = ctx
        .settings
        .keys
        .keys()
        .map(String::as_str)
        .chain(fm_cfg.known.iter().map(String::as_str))
        .chain(fm_cfg.required.iter().map(String::as_str))
        .chain([ctx.settings.config.dates.key.as_str(), "postlint-ignore"])
        .collect();
    for key in mapping.keys() {
        let Some(key) = key.as_str() else { continue };
        if known.contains(&key) {
            continue;
        }
        let closest = known
            .iter()
            .map(|k| (distance(key, k), *k))
            .filter(|(d, k)| *d <= 2 && *d < k.len())
            .min();
        let help = match closest {
            Some((_, k)) => {
                format!("did you mean `{k}`? Otherwise add `{key}` to `front-matter.known`")
            }
            None => format!("remove the key, or add `{key}` to `front-matter.known`"),
        };
        out.push(
            Diagnostic::new(
                &RULE,
                fm.key_span(key),
                format!("unknown front matter key `{key}`"),
            )
            .with_label("not in the schema")
            .with_help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn distance() {
        assert_eq!(super::distance("catgory", "category"), 1);
        assert_eq!(super::distance("", "ab"), 2);
        assert_eq!(super::distance("tilte", "title"), 2);
    }

    #[test]
    fn only_in_strict_mode() {
        let src = "---\ntitle: x\ndate: y\nlayout: post\ncatgory: nieuws\n---\n";
        assert!(check(&RULE, src).is_empty());
        let cfg = "[front-matter]\nstrict = true\nknown = [\"category\"]\n";
        let d = check_with(&RULE, "_posts/a.html", src, cfg);
        assert_eq!(spans(src, &d), ["catgory"]);
        assert!(
            d[0].help
                .as_deref()
                .unwrap()
                .starts_with("did you mean `category`?")
        );
    }
}
