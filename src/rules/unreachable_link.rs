//! PL405 unreachable-link: a remote link that does not answer or answers with
//! an error, when links are checked (`--links`). Made by the link phase.

use super::unreachable_image::Unreachable;
use crate::diagnostic::Diagnostic;
use crate::links::outcome::{Outcome, OutcomeClass};
use crate::links::phase::RemoteUse;

declare_rule! {
    /// ## What it does
    /// With `--links` (or `links.check-links = true`), fetches every remote
    /// link of every post (`<a href>`, Markdown links and autolinks, the
    /// front matter keys of `resources.link-keys`), each unique URL once,
    /// and reports one that fails: a 4xx or 5xx after the retries, a host
    /// that does not exist, a refused connection, a timeout, a redirect
    /// loop. Redirects, temporary or permanent, are fine for links.
    ///
    /// ## Why is this bad?
    /// Readers follow the link and land nowhere. Link rot is slower than
    /// image rot but certain; sites that block robots answer 403 or 429,
    /// which is why this is a warning by default.
    ///
    /// ## Example
    /// ```yaml
    /// externe_link: "https://nos.nl/artikel/2284567"
    /// ```
    /// when the article is gone (`410 Gone`).
    ///
    /// ## Fix safety
    /// No fix: an archived copy or a new address needs a person.
    ///
    /// ## Options
    /// `links.check-links`, and the other `[links]` options of PL401.
    pub static RULE {
        code: "PL405",
        name: "unreachable-link",
        summary: "remote link does not answer",
        severity: Warning,
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
    UNREACHABLE_LINK.diagnostic(u, outcome, attempts, class)
}

static UNREACHABLE_LINK: Unreachable = Unreachable {
    rule: &RULE,
    what: "link",
    label: "link does not answer",
    help: "point to the page's new address or an archived copy, or remove the link",
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::links::outcome::FailureKind;
    use crate::links::phase::UrlSyntax;
    use crate::resources::ResourceKind;

    #[test]
    fn names_the_failure() {
        let u = crate::testing::remote_use(
            "https://nos.nl/l",
            0..16,
            ResourceKind::Link,
            UrlSyntax::Markdown,
        );
        let o = Outcome::failure(
            FailureKind::HostNotFound,
            "no address for nos.nl: name or service not known",
        );
        let d = diagnostic(&u, &o, 1, OutcomeClass::Dead);
        assert_eq!(
            d.message,
            "link unreachable: no address for nos.nl: name or service not known"
        );
    }
}
