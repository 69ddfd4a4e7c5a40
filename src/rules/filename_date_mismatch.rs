//! PL256 filename-date-mismatch: the date disagrees with a `YYYY-MM-DD-` file name.

use crate::diagnostic::Diagnostic;
use crate::post::Post;
use crate::rules::Context;
use crate::site::{Generator, hugo};

declare_rule! {
    /// ## What it does
    /// For files named the Jekyll way (`2019-05-14-huawei.html`), reports a
    /// front matter date whose calendar day, in its own zone, is another day.
    ///
    /// It runs only where the generator reads a date or an address from the
    /// file name: Jekyll (`_posts/YYYY-MM-DD-title`), Zola (a `YYYY-MM-DD-`
    /// or `YYYY-MM-DD_` name dates the page and leaves the slug), Hexo (its
    /// `new_post_name` may hold `:year-:month-:day-`, and `:title` keeps the
    /// date), Eleventy and Pelican (a dated name is the page's date),
    /// Docusaurus blogs, and folders of no known generator. On Hugo only when
    /// its `[frontmatter] date` lists `:filename`: Hugo builds addresses from
    /// the front matter, and a dated name there is only the author's filing.
    ///
    /// ## Why is this bad?
    /// The generator takes the slug (and the date, where the front matter has
    /// none) from the file name but shows and sorts by the front matter
    /// date, so the post's address and its date disagree.
    ///
    /// ## Example
    /// In `2019-05-15-huawei.html`:
    /// ```text
    /// date: Tue, 14 May 2019 17:01:53 +0200
    /// ```
    ///
    /// ## Fix safety
    /// No fix: either the name or the date may be the wrong one.
    ///
    /// ## Options
    /// `dates.filename-date` (default true).
    pub static RULE {
        code: "PL256",
        name: "filename-date-mismatch",
        summary: "date disagrees with the date in the file name",
        severity: Warning,
        run: Post(check),
        fix: None,
    }
}

/// The `YYYY-MM-DD` prefix of a Jekyll post's file name, if it is a real date.
fn filename_date(post: &Post) -> Option<(jiff::civil::Date, &str)> {
    let name = post.path.file_name()?.to_str()?;
    let prefix = name.get(..11)?;
    let b = prefix.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && b[10] == b'-')
    {
        return None;
    }
    let year: i16 = prefix[0..4].parse().ok()?;
    let month: i8 = prefix[5..7].parse().ok()?;
    let day: i8 = prefix[8..10].parse().ok()?;
    Some((
        jiff::civil::Date::new(year, month, day).ok()?,
        &prefix[..10],
    ))
}

/// Whether the site's generator reads a date or a URL from a dated file name.
fn generator_reads_file_name(ctx: &Context<'_>) -> bool {
    match ctx.settings.config.site.generator {
        None
        | Some(
            Generator::Jekyll
            | Generator::Zola
            | Generator::Hexo
            | Generator::Eleventy
            | Generator::Pelican
            | Generator::Docusaurus
            | Generator::Plain,
        ) => true,
        Some(Generator::Hugo) => {
            let null = serde_json::Value::Null;
            let config = ctx.settings.site.as_deref().map_or(&null, |s| &s.raw);
            hugo::date_sources(config).filename
        }
        Some(Generator::Astro | Generator::Next) => false,
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    if !ctx.settings.config.dates.filename_date || !generator_reads_file_name(ctx) {
        return;
    }
    let Some((named, written)) = filename_date(post) else {
        return;
    };
    let Some(info) = ctx.date() else { return };
    let Some(parsed) = &info.analysis.parsed else {
        return;
    };
    if parsed.date == named {
        return;
    }
    out.push(
        Diagnostic::new(
            &RULE,
            info.value_span,
            format!("date is {}, but the file name says {written}", parsed.date),
        )
        .with_label("differs from the file name")
        .with_help(format!(
            "rename the file to start with `{}-`, or correct the date",
            parsed.date
        )),
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    const POST: &str = "---\ntitle: x\ndate: Tue, 14 May 2019 23:30:00 -0500\n---\n";

    #[test]
    fn compares_the_day_in_the_dates_own_zone() {
        assert!(check_with(&RULE, "_posts/2019-05-14-a.html", POST, "").is_empty());
        let d = check_with(&RULE, "_posts/2019-05-15-a.html", POST, "");
        assert_eq!(
            d[0].message,
            "date is 2019-05-14, but the file name says 2019-05-15"
        );
        assert!(check_with(&RULE, "_posts/a.html", POST, "").is_empty());
        assert!(
            check_with(
                &RULE,
                "_posts/2019-05-15-a.html",
                POST,
                "[dates]\nfilename-date = false\n"
            )
            .is_empty()
        );
        assert!(check_with(&RULE, "_posts/2019-13-45-a.html", POST, "").is_empty());
    }

    /// Hugo builds the address from the front matter: OpenTelemetry's and
    /// gohugo.io's dated file names are the authors' filing, not a date.
    #[test]
    fn only_where_the_generator_reads_the_file_name() {
        let named = |generator: &str| {
            let config = format!("[site]\ngenerator = \"{generator}\"\n");
            check_with(&RULE, "content/blog/2019-05-15-a.md", POST, &config).len()
        };
        assert_eq!(named("hugo"), 0);
        assert_eq!(named("astro"), 0);
        for generator in ["jekyll", "zola", "hexo", "eleventy", "pelican"] {
            assert_eq!(named(generator), 1, "{generator}");
        }
    }

    #[test]
    fn hugo_with_filename_dates() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(
            root.join("hugo.toml"),
            "[frontmatter]\ndate = [':filename', ':default']\n",
        )
        .unwrap();
        std::fs::create_dir_all(root.join("content/posts")).unwrap();
        let post = root.join("content/posts/2019-05-15-a.md");
        std::fs::write(&post, POST).unwrap();
        let mut configs = crate::walk::ConfigSource::discover(Vec::new(), Vec::new());
        let found = crate::walk::discover(&[root.to_path_buf()], &mut configs).unwrap();
        let (path, settings) = found.files.iter().find(|(p, _)| p == &post).unwrap();
        assert_eq!(
            settings.config.site.generator,
            Some(crate::site::Generator::Hugo)
        );
        let d = crate::lint::Linter::new(settings, now())
            .lint_path(path)
            .report
            .diagnostics;
        assert!(d.iter().any(|d| d.rule.code == RULE.code), "{d:?}");
        std::fs::write(root.join("hugo.toml"), "title = 'x'\n").unwrap();
        let mut configs = crate::walk::ConfigSource::discover(Vec::new(), Vec::new());
        let found = crate::walk::discover(&[root.to_path_buf()], &mut configs).unwrap();
        let (path, settings) = found.files.iter().find(|(p, _)| p == &post).unwrap();
        let d = crate::lint::Linter::new(settings, now())
            .lint_path(path)
            .report
            .diagnostics;
        assert!(!d.iter().any(|d| d.rule.code == RULE.code), "{d:?}");
    }
}
