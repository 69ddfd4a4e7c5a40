//! PL256 filename-date-mismatch: the date disagrees with a `YYYY-MM-DD-` file name.

use crate::diagnostic::Diagnostic;
use crate::post::Post;
use crate::rules::Context;

declare_rule! {
    /// ## What it does
    /// For files named the Jekyll way (`2019-05-14-huawei.html`), reports a
    /// front matter date whose calendar day, in its own zone, is another day.
    ///
    /// ## Why is this bad?
    /// Jekyll builds the URL from the file name but shows and sorts by the
    /// front matter date, so the post's address and its date disagree.
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

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    if !ctx.settings.config.dates.filename_date {
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
}
