//! PL410 duplicate-title-same-day: two posts of one day with the same title.
//! Made by the site-wide pass (`lint::site_pass`).

use crate::diagnostic::Diagnostic;
use crate::span::Span;

declare_rule! {
    /// ## What it does
    /// Reports two posts of one site dated the same day (by their `date`, or
    /// the date their file name starts with where the generator reads it)
    /// with the same `title` (white space collapsed), in each of them,
    /// naming the other. Only posts of one section are compared (the first
    /// folder of their path in the content, language folders skipped: an
    /// announcement may share its blog post's title). Translations are not
    /// compared with each other: a
    /// post's language comes from `lang` or `language` in its front matter,
    /// a language part of its file name (`index.fr.md`) or a folder named
    /// like a language code (`ja/news/_posts/`). Drafts and unpublished posts
    /// are left out; only the files of one run are compared.
    ///
    /// ## Why is this bad?
    /// It is usually one post saved twice (an import run again, a copy with
    /// another slug), and readers see it twice in the feed and the archive.
    ///
    /// ## Example
    /// `_posts/2019-08-01-storm.md` and `_posts/2019-08-01-storm-2.md`,
    /// both with `title: Storm op zee`.
    ///
    /// ## Fix safety
    /// No fix: which copy to keep is the author's choice.
    pub static RULE {
        code: "PL410",
        name: "duplicate-title-same-day",
        summary: "two posts of the same day have the same title",
        severity: Warning,
        run: Site,
        fix: None,
    }
}

/// The finding on the title of one of the posts; `others` are the other files.
pub fn diagnostic(span: Span, title: &str, day: &str, others: &[String]) -> Diagnostic {
    // A message stays one line: a long title is cut.
    let shown: String = if title.chars().count() > 80 {
        title.chars().take(79).chain(['…']).collect()
    } else {
        title.to_string()
    };
    let title = shown.as_str();
    let list = others
        .iter()
        .map(|o| format!("`{o}`"))
        .collect::<Vec<_>>()
        .join(", ");
    Diagnostic::new(
        &RULE,
        span,
        format!("this post and {list} are both titled \"{title}\" on {day}"),
    )
    .with_label("the same title on the same day")
    .with_help("remove the copy, or give one of the posts its own title")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_title_is_cut() {
        let long = "a".repeat(200);
        let d = diagnostic(Span::new(0, 3), &long, "2019-08-01", &["b.md".into()]);
        assert!(d.message.len() < 200, "{}", d.message);
        assert!(d.message.contains('…'));
    }

    #[test]
    fn names_title_day_and_the_other_file() {
        let d = diagnostic(
            Span::new(0, 3),
            "Storm",
            "2019-08-01",
            &["_posts/b.md".into()],
        );
        assert_eq!(
            d.message,
            "this post and `_posts/b.md` are both titled \"Storm\" on 2019-08-01"
        );
    }
}
