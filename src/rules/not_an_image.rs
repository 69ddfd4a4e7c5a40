//! PL402 not-an-image: a remote image URL that answers 2xx with something
//! that is not an image, usually an HTML page (a soft 404). Made by the link phase.

use crate::diagnostic::Diagnostic;
use crate::links::outcome::Response;
use crate::links::phase::RemoteUse;

declare_rule! {
    /// ## What it does
    /// Reports a remote image whose server answers `200 OK` (after any
    /// redirects) with a `Content-Type` that is not `image/*`. When the
    /// server sends `application/octet-stream` or no type, the first bytes
    /// (at most 1 KiB) decide: PNG, JPEG, GIF, WebP, AVIF, SVG and the other
    /// image formats browsers show are images.
    ///
    /// ## Why is this bad?
    /// This is the classic soft 404: the image is gone and the server sends
    /// its home page, or a "not found" page, with status 200. The post shows
    /// a broken image although every status looks fine.
    ///
    /// ## Example
    /// ```html
    /// <img src="https://nos.nl/data/image/2019/05/14/549891/1008x567.jpg" alt="">
    /// ```
    /// redirected to `https://nos.nl/`, which answers `200` with `text/html`.
    ///
    /// ## Fix safety
    /// No fix: the image has to be found again.
    ///
    /// ## Options
    /// The `[links]` options of PL401.
    pub static RULE {
        code: "PL402",
        name: "not-an-image",
        summary: "remote image URL answers with something that is not an image",
        severity: Error,
        run: Links,
        fix: None,
    }
}

pub fn diagnostic(u: &RemoteUse, r: &Response) -> Diagnostic {
    let what = match &r.content_type {
        Some(t) => format!("the server sends `{t}`"),
        None => "the server sends no type and the bytes are no image".to_string(),
    };
    let mut message = format!("not an image: {what}");
    if let Some(to) = r.final_url() {
        message.push_str(&format!(" (redirected to `{to}`)"));
    }
    Diagnostic::new(&RULE, u.span, message)
        .with_label("not an image")
        .with_help("point to the image itself; a page here is often a \"not found\" page sent with status 200")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::links::phase::UrlSyntax;
    use crate::resources::ResourceKind;

    #[test]
    fn names_the_type() {
        let u = crate::testing::remote_use(
            "https://nos.nl/a.jpg",
            0..5,
            ResourceKind::Image,
            UrlSyntax::Html,
        );
        let r = Response {
            status: 200,
            content_type: None,
            sniffed: None,
            redirects: Vec::new(),
            retry_after: None,
        };
        assert_eq!(
            diagnostic(&u, &r).message,
            "not an image: the server sends no type and the bytes are no image"
        );
    }
}
