//! PL207 non-canonical-front-matter: top-level keys out of the configured order.

use std::ops::Range;

use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::post::{FrontMatterKind, Post};
use crate::rules::Context;

declare_rule! {
    /// ## What it does
    /// Reports YAML front matter whose top-level keys are not in the
    /// order the site states: the keys of `front-matter.order` first, in
    /// that order, then every other key in the order it was written. Off
    /// until `front-matter.order` is set (by hand or by `postlint init`):
    /// a key order is a site's own convention (ruby-lang writes `author,
    /// translator, date`, nodejs.org `date` first, Docsy `title, linkTitle,
    /// date`), and no order is right for every site.
    ///
    /// ## Why is this bad?
    /// One order across a site makes posts easy to scan and diffs small.
    ///
    /// ## Example
    /// ```text
    /// ---
    /// date: Tue, 14 May 2019 17:01:53 +0200
    /// title: Huisarrest
    /// layout: post
    /// ---
    /// ```
    ///
    /// ## Fix safety
    /// Safe: whole entries move as they are written, with the comment and
    /// blank lines above each key; no value is re-written. Front matter that
    /// does not parse, has duplicate keys, or is written in flow style is left
    /// alone.
    ///
    /// ## Options
    /// `front-matter.order`.
    pub static RULE {
        code: "PL207",
        name: "non-canonical-front-matter",
        summary: "front matter keys are not in the canonical order",
        severity: Warning,
        run: Post(check),
        fix: Always,
    }
}

/// The text of each entry: from the end of the previous entry's value line
/// (so comments and blank lines above a key travel with it) to the end of
/// its own value line. The first block starts at the front matter start.
fn blocks(source: &str, content: &Range<usize>, post: &Post) -> Option<Vec<Range<usize>>> {
    let fm = post.front_matter.as_ref()?;
    let mut out = Vec::with_capacity(fm.entries.len());
    let mut start = content.start;
    for e in &fm.entries {
        let line_end = source[e.value_span.end..content.end]
            .find('\n')
            .map_or(content.end, |i| e.value_span.end + i + 1);
        if line_end <= start {
            return None;
        }
        out.push(start..line_end);
        start = line_end;
    }
    Some(out)
}

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    let Some(fm) = &post.front_matter else { return };
    let Some(mapping) = &fm.mapping else { return };
    if fm.kind != FrontMatterKind::Yaml || fm.entries.len() != mapping.len() || fm.entries.len() < 2
    {
        return;
    }
    let order = &ctx.settings.config.front_matter.order;
    let rank = |key: &str| order.iter().position(|k| k == key).unwrap_or(order.len());
    let mut wanted: Vec<usize> = (0..fm.entries.len()).collect();
    // Stable: keys outside `order` keep their written order.
    wanted.sort_by_key(|&i| rank(&fm.entries[i].key));
    if wanted.iter().enumerate().all(|(pos, &i)| pos == i) {
        return;
    }
    let Some(blocks) = blocks(&post.source, &fm.span.range(), post) else {
        return;
    };
    let first_moved = wanted
        .iter()
        .enumerate()
        .find(|(pos, i)| pos != *i)
        .map(|(_, &i)| i)
        .unwrap_or(0);
    let mut text = String::with_capacity(fm.span.len());
    for &i in &wanted {
        text.push_str(&post.source[blocks[i].clone()]);
    }
    let covered = blocks[0].start..blocks[blocks.len() - 1].end;
    let entry = &fm.entries[first_moved];
    let expected: Vec<&str> = wanted.iter().map(|&i| fm.entries[i].key.as_str()).collect();
    out.push(
        Diagnostic::new(
            &RULE,
            entry.key_span,
            format!("front matter key `{}` is out of order", entry.key),
        )
        .with_label(format!("expected order: {}", expected.join(", ")))
        .with_fix(Fix::replace(
            "reorder the front matter keys",
            Applicability::Safe,
            covered,
            text,
        )),
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    /// The order the seed's site states.
    const ORDER: &str = "[front-matter]\norder = [\"layout\", \"title\", \"date\"]\n";

    fn ordered(src: &str) -> Vec<crate::diagnostic::Diagnostic> {
        check_with(&RULE, "_posts/a.html", src, ORDER)
    }

    fn fixed(src: &str) -> String {
        let d = ordered(src);
        let e = &d[0].fix.as_ref().unwrap().edits[0];
        let mut s = src.to_string();
        s.replace_range(e.range, &e.content);
        s
    }

    #[test]
    fn moves_entries_with_their_comments() {
        let src = "---\n# the date\ndate: Tue, 14 May 2019 17:01:53 +0200\ntags:\n  - a\n\n# why\ntitle: 'x' # t\nlayout: post\n---\nbody\n";
        let d = ordered(src);
        assert_eq!(d[0].message, "front matter key `layout` is out of order");
        assert_eq!(
            fixed(src),
            "---\nlayout: post\n\n# why\ntitle: 'x' # t\n# the date\ndate: Tue, 14 May 2019 17:01:53 +0200\ntags:\n  - a\n---\nbody\n"
        );
        assert!(ordered(&fixed(src)).is_empty());
    }

    #[test]
    fn canonical_and_unparseable_are_left_alone() {
        assert!(ordered("---\nlayout: post\ntitle: x\ndate: y\nz: 1\na: 2\n---\n").is_empty());
        assert!(ordered("---\ntitle: x\nlayout: [post\n---\n").is_empty());
        assert!(ordered("---\ntitle: x\nlayout: a\ntitle: y\n---\n").is_empty());
        let cfg = "[front-matter]\norder = [\"title\"]\n";
        assert!(
            check_with(
                &RULE,
                "_posts/a.html",
                "---\ntitle: x\nlayout: a\n---\n",
                cfg
            )
            .is_empty()
        );
    }

    /// Every panel site keeps its own order (ruby-lang `author, translator,
    /// date`; nodejs.org `date` first): without `front-matter.order` the
    /// site states none, and nothing is reported or moved.
    #[test]
    fn silent_without_a_stated_order() {
        let src = "---\nauthor: a\ntranslator: b\ndate: 2024-03-21 4:00:00 +0000\ntitle: x\nlayout: news_post\n---\n";
        assert!(check(&RULE, src).is_empty());
        assert_eq!(ordered(src).len(), 1);
    }
}
