//! PL310 ignored-end-tag: an end tag with nothing to close, which browsers drop.

use crate::diagnostic::Diagnostic;
use crate::rules::Context;
use crate::rules::html_parse_error::{Capped, report};

declare_rule! {
    /// ## What it does
    /// Reports end tags that close nothing and that the HTML standard tells
    /// browsers to drop: `</img>` and the other void elements, `</li>` after
    /// the item was closed, `</span>` or `</em>` with none open, a second
    /// `</h2>`, and a `</p>` after its paragraph was ended by a block
    /// (`<p><figure>…</figure></p>`), which becomes an empty paragraph.
    ///
    /// A stray end tag that can close an element of the layout around the
    /// post (`</div>`, `</section>`, `</table>`) is not this rule: inside the
    /// page it ends the layout's own element, so PL301 reports it as an
    /// error. `</br>` is PL301 too: browsers read it as `<br>`.
    ///
    /// ## Why is this bad?
    /// The page shows the same, so this is a warning, not an error; but the
    /// markup says something it does not do, usually left over from an edit
    /// or an export, and other HTML tools (feed readers, e-mail clients,
    /// validators) complain about it.
    ///
    /// ## Example
    /// ```html
    /// <p>Foto: <img src="kaart.png" alt="Kaart"></img></p>
    /// ```
    ///
    /// ## Fix safety
    /// No fix yet: removing the tag is safe, but the finding sits in raw HTML
    /// that may be template output; the author removes it.
    pub static RULE {
        code: "PL310",
        name: "ignored-end-tag",
        summary: "end tag with nothing to close, which browsers drop",
        severity: Warning,
        run: Post(check),
        fix: None,
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let ignored: Vec<_> = ctx
        .body()
        .html
        .errors
        .iter()
        .filter(|e| e.ignored)
        .collect();
    // Capped as PL301 is: the first ones explain the rest.
    report(
        &RULE,
        &ignored,
        0,
        Capped {
            label: "closes nothing",
            more: "more ignored end tags from here on are not shown",
            help: None,
        },
        out,
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    const FM: &str = "---\ntitle: x\n---\n";

    /// Shapes from the panel: rust-blog's `<img …></img>`, tonsky's
    /// `<p><figure>…</figure></p>` and doubled `</li></li>`.
    #[test]
    fn dropped_end_tags_are_reported() {
        let src = format!(
            "{FM}<p>a <img src=\"a.png\" alt=\"a\"></img></p>\n<p><figure><img src=\"b.png\" alt=\"b\"></figure></p>\n<ul><li>x</li></li></ul>\n<p>c</span> d</em></p>\n<h2>t</h2></h2>\n"
        );
        let d = check(&RULE, &src);
        assert_eq!(
            spans(&src, &d),
            ["</img>", "</p>", "</li>", "</span>", "</em>", "</h2>"]
        );
        assert_eq!(
            d[0].message,
            "end tag `</img>` for an element that has none"
        );
        assert_eq!(d[1].labels.len(), 2, "the <p> and the block that ended it");
    }

    /// These change the page, so they stay PL301 errors.
    #[test]
    fn end_tags_that_change_the_page_are_not_this_rule() {
        let src = format!(
            "{FM}<p>a</p>\n</div>\n<p>b</br></p>\n</section>\n<table><tr><td>1</td></tr></table></td>\n"
        );
        assert!(check(&RULE, &src).is_empty());
        let pl301 = check(&super::super::html_parse_error::RULE, &src);
        assert_eq!(
            spans(&src, &pl301),
            ["</div>", "</br>", "</section>", "</td>"]
        );
    }

    #[test]
    fn valid_html_passes() {
        let src = format!("{FM}<p>a<p>b\n<ul><li>x<li>y</ul>\n<p><img src=a.png alt=\"\"></p>\n");
        assert!(check(&RULE, &src).is_empty());
    }
}
