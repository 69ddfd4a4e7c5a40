//! PL401 unreachable-image: a remote image that does not load (404, 410,
//! 5xx after retries, no such host, refused, timeout). Made by the link phase.

use crate::diagnostic::Diagnostic;
use crate::links::outcome::{FailureKind, Outcome, OutcomeClass};
use crate::links::phase::RemoteUse;
use crate::rules::Rule;

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

pub fn diagnostic(
    u: &RemoteUse,
    outcome: &Outcome,
    attempts: u32,
    class: OutcomeClass,
) -> Diagnostic {
    UNREACHABLE_IMAGE.diagnostic(u, outcome, attempts, class)
}

static UNREACHABLE_IMAGE: Unreachable = Unreachable {
    rule: &RULE,
    what: "image",
    label: "image does not load",
    help: "point to a copy of the image that exists, or remove it",
};

/// The words of PL401 or PL405, whose findings differ only in these: one
/// constructor makes both.
pub struct Unreachable {
    pub rule: &'static Rule,
    /// `image` or `link`.
    pub what: &'static str,
    /// The label and help of a failure that will not pass on a later run.
    pub label: &'static str,
    pub help: &'static str,
}

impl Unreachable {
    /// The finding for `u`, whose URL failed with `outcome` after `attempts`.
    pub fn diagnostic(
        &self,
        u: &RemoteUse,
        outcome: &Outcome,
        attempts: u32,
        class: OutcomeClass,
    ) -> Diagnostic {
        let what = self.what;
        let d = Diagnostic::new(
            self.rule,
            u.span,
            format!("{what} unreachable: {}", failure_text(outcome, attempts)),
        );
        if class == OutcomeClass::Transient {
            d.with_label("transient failure").with_help(format!(
                "this may work on a later run; check the {what} in a browser"
            ))
        } else {
            d.with_label(self.label).with_help(self.help)
        }
    }
}

/// What went wrong, for the messages of PL401 and PL405: `404 Not Found`,
/// `no answer within 15 s after 3 attempts`, with the redirect that led there.
pub fn failure_text(outcome: &Outcome, attempts: u32) -> String {
    let (mut text, redirects) = match outcome {
        Outcome::Response(r) => {
            let mut t = crate::links::outcome::status_text(r.status);
            if let Some(secs) = r.retry_after.filter(|_| r.status == 429 || r.status == 503)
                && attempts <= 1
            {
                t.push_str(&format!(
                    "; the server asks to wait {}",
                    crate::links::fetch::format_secs(secs.round())
                ));
            }
            (t, &r.redirects)
        }
        Outcome::Failed(f) => (f.detail.clone(), &f.redirects),
        Outcome::Blocked(b) => (format!("{} resolves to {}", b.host, b.address), &Vec::new()),
    };
    if attempts > 1 {
        text.push_str(&format!(" after {attempts} attempts"));
    }
    if let Some(last) = redirects.last()
        && !matches!(outcome, Outcome::Failed(f) if f.kind == FailureKind::RedirectLoop)
    {
        text.push_str(&format!(" (redirected to `{}`)", last.to));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::links::phase::UrlSyntax;
    use crate::resources::ResourceKind;

    #[test]
    fn says_what_failed_and_whether_it_may_pass() {
        let u = crate::testing::remote_use(
            "https://nos.nl/a.jpg",
            3..23,
            ResourceKind::Image,
            UrlSyntax::Html,
        );
        let t = Outcome::failure(FailureKind::Timeout, "no answer within 15 s");
        let d = diagnostic(&u, &t, 3, OutcomeClass::Transient);
        assert_eq!(
            d.message,
            "image unreachable: no answer within 15 s after 3 attempts"
        );
        assert_eq!(d.label.as_deref(), Some("transient failure"));
        assert_eq!(d.range, 3..23);
    }
}
