//! PL401 unreachable-image: a remote image that does not load (404, 410,
//! 5xx after retries, no such host, refused, timeout). Made by the link phase.

use crate::diagnostic::Diagnostic;
use crate::links::outcome::{Class, Outcome};
use crate::links::phase::{Use, failure_text};

declare_rule! {
    /// ## What it does
    /// Fetches every remote image of every post (`<img src>`, `srcset`,
    /// `poster`, Markdown images, the front matter keys of
    /// `resources.image-keys`), each unique URL once, after the other
    /// rules, and reports one that does not load: `404 Not Found`, `410
    /// Gone`, a 5xx after the retries, a host that does not exist, a refused
    /// connection, a timeout, a redirect loop. The message says which.
    ///
    /// Transient failures (a timeout, a broken connection, or 429, 502, 503,
    /// 504 after the retries) are reported at most as loud as
    /// `links.transient-severity` (a warning by default): they may work on
    /// the next run. `--offline` skips the check.
    ///
    /// ## Why is this bad?
    /// Readers see a broken image. Images on other sites disappear without
    /// notice: a newspaper reorganises its archive, a CDN expires.
    ///
    /// ## Example
    /// ```yaml
    /// feature_image: "https://nos.nl/data/image/2019/05/14/549891/1008x567.jpg"
    /// ```
    /// when the server answers `404 Not Found`.
    ///
    /// ## Fix safety
    /// No fix: only a person can find the image again, or a replacement.
    ///
    /// ## Options
    /// `[links]`: `offline`, `exclude`, `transient-severity`, timeouts,
    /// retries, concurrency, the cache (see the README).
    pub static RULE {
        code: "PL401",
        name: "unreachable-image",
        summary: "remote image does not load",
        severity: Error,
        run: Links,
        fix: None,
    }
}

pub fn diagnostic(u: &Use, outcome: &Outcome, attempts: u32, class: Class) -> Diagnostic {
    let d = Diagnostic::new(
        &RULE,
        u.span.clone(),
        format!("image unreachable: {}", failure_text(outcome, attempts)),
    );
    if class == Class::Transient {
        d.with_label("transient failure")
            .with_help("this may work on a later run; check the image in a browser")
    } else {
        d.with_label("image does not load")
            .with_help("point to a copy of the image that exists, or remove it")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::links::Kind;
    use crate::links::outcome::FailureKind;
    use crate::links::phase::Place;

    #[test]
    fn says_what_failed_and_whether_it_may_pass() {
        let u = Use {
            url: "https://nos.nl/a.jpg".into(),
            fragment: None,
            span: 3..23,
            kind: Kind::Image,
            place: Place::Html,
            exact: true,
        };
        let t = Outcome::failure(FailureKind::Timeout, "no answer within 15 s");
        let d = diagnostic(&u, &t, 3, Class::Transient);
        assert_eq!(
            d.message,
            "image unreachable: no answer within 15 s after 3 attempts"
        );
        assert_eq!(d.label.as_deref(), Some("transient failure"));
        assert_eq!(d.range, 3..23);
    }
}
