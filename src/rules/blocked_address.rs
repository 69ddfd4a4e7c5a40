//! PL406 blocked-address: a remote URL whose host resolves to a loopback,
//! private, link-local or unspecified address; not fetched. Made by the link phase.

use crate::diagnostic::Diagnostic;
use crate::links::outcome::Blocked;
use crate::links::phase::RemoteUse;

declare_rule! {
    /// ## What it does
    /// Reports a remote image (or link, with `--links`) that postlint
    /// refused to fetch because its host resolves to an address that is not
    /// public: loopback (`127.0.0.1`, `::1`), private (`10/8`, `172.16/12`,
    /// `192.168/16`, `fc00::/7`), link-local (`169.254/16`, where cloud
    /// metadata services answer, `fe80::/10`), unspecified, shared, multicast
    /// or reserved. The address is checked after the name lookup, for every
    /// redirect too, and the connection goes only to the checked address:
    /// a public-looking name that resolves to `169.254.169.254` is refused.
    ///
    /// ## Why is this bad?
    /// CI runs postlint on untrusted pull requests. A post with
    /// `<img src="http://169.254.169.254/latest/meta-data/">` would otherwise
    /// make the CI machine request its own cloud credentials, and a post
    /// could probe the private network. On the published site such an image
    /// cannot load for readers anyway.
    ///
    /// ## Example
    /// ```html
    /// <img src="http://localhost:4000/images/a.jpg" alt="">
    /// ```
    ///
    /// ## Fix safety
    /// No fix.
    ///
    /// ## Options
    /// `--allow-private` or `links.allow-private = true` fetches these
    /// addresses too (for a local test server). A pull request can change
    /// `postlint.toml`: CI that checks untrusted changes should pass
    /// `--config` with a trusted file.
    pub static RULE {
        code: "PL406",
        name: "blocked-address",
        summary: "remote URL resolves to a private address; not fetched",
        severity: Error,
        run: Links,
        fix: None,
    }
}

pub fn diagnostic(u: &RemoteUse, b: &Blocked) -> Diagnostic {
    Diagnostic::new(
        &RULE,
        u.span,
        format!(
            "not fetched: {} resolves to {}, {}",
            b.host, b.address, b.why
        ),
    )
    .with_label("not a public address")
    .with_help("point to a public address; to check a local server, pass --allow-private")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::links::phase::UrlSyntax;
    use crate::resources::ResourceKind;

    #[test]
    fn names_host_and_address() {
        let u = crate::testing::remote_use(
            "http://localhost/a.jpg",
            0..22,
            ResourceKind::Image,
            UrlSyntax::Html,
        );
        let b = Blocked {
            host: "localhost".into(),
            address: "127.0.0.1".into(),
            why: "a loopback address".into(),
        };
        assert_eq!(
            diagnostic(&u, &b).message,
            "not fetched: localhost resolves to 127.0.0.1, a loopback address"
        );
    }
}
