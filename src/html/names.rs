//! The element categories of the HTML standard's tree construction that the
//! checker needs: void, raw text, special, scope boundaries, implied ends.

/// Elements that never have content or an end tag.
pub fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "basefont"
            | "bgsound"
            | "br"
            | "col"
            | "embed"
            | "frame"
            | "hr"
            | "image"
            | "img"
            | "input"
            | "keygen"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

/// Elements whose content is text up to their end tag (RAWTEXT and RCDATA).
pub fn is_raw_text(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "xmp" | "iframe" | "noembed" | "noframes" | "textarea" | "title"
    )
}

/// Elements whose end tag the parser may imply ("generate implied end tags").
pub fn has_implied_end(name: &str) -> bool {
    matches!(
        name,
        "dd" | "dt" | "li" | "optgroup" | "option" | "p" | "rb" | "rp" | "rt" | "rtc"
    )
}

/// Parts of a table whose end tags a later row, cell or `</table>` implies.
pub fn is_table_part(name: &str) -> bool {
    matches!(
        name,
        "caption" | "colgroup" | "tbody" | "thead" | "tfoot" | "tr" | "td" | "th"
    )
}

/// Elements that may still be open when the body ends without a parse error.
pub fn may_stay_open(name: &str) -> bool {
    has_implied_end(name)
        || matches!(
            name,
            "tbody" | "td" | "tfoot" | "th" | "thead" | "tr" | "body" | "html"
        )
}

/// Where the text of a table goes directly, so other content is misplaced.
pub fn is_table_context(name: &str) -> bool {
    matches!(name, "table" | "tbody" | "thead" | "tfoot" | "tr")
}

/// Formatting elements: closing them out of order is repaired by the parser
/// (the adoption agency), which still counts it as an error.
pub fn is_formatting(name: &str) -> bool {
    matches!(
        name,
        "a" | "b"
            | "big"
            | "code"
            | "em"
            | "font"
            | "i"
            | "nobr"
            | "s"
            | "small"
            | "strike"
            | "strong"
            | "tt"
            | "u"
    )
}

/// A start tag of one of these closes an open `<p>`.
pub fn closes_p(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "center"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "header"
            | "hgroup"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "search"
            | "section"
            | "summary"
            | "ul"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "pre"
            | "listing"
            | "form"
            | "plaintext"
            | "table"
            | "hr"
            | "xmp"
    )
}

/// End tags of these close back to their element, with an error if anything
/// but an implied-end element is still open inside.
pub fn is_block_end(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "button"
            | "center"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "header"
            | "hgroup"
            | "listing"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "pre"
            | "search"
            | "section"
            | "summary"
            | "ul"
            | "form"
            | "applet"
            | "marquee"
            | "object"
    )
}

pub fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// The standard's "special" category: an unknown end tag stops at these.
pub fn is_special(name: &str) -> bool {
    is_void(name)
        || is_heading(name)
        || is_block_end(name)
        || matches!(
            name,
            "body"
                | "caption"
                | "colgroup"
                | "dd"
                | "dt"
                | "frameset"
                | "head"
                | "html"
                | "iframe"
                | "li"
                | "noembed"
                | "noframes"
                | "noscript"
                | "p"
                | "plaintext"
                | "script"
                | "select"
                | "style"
                | "table"
                | "tbody"
                | "td"
                | "template"
                | "textarea"
                | "tfoot"
                | "th"
                | "thead"
                | "title"
                | "tr"
                | "xmp"
        )
}

/// Which elements bound a scope search, besides the foreign integration points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Default,
    ListItem,
    Button,
    Table,
}

pub fn bounds_scope(name: &str, scope: Scope) -> bool {
    let default = matches!(
        name,
        "applet" | "caption" | "html" | "table" | "td" | "th" | "marquee" | "object" | "template"
    );
    match scope {
        Scope::Default => default,
        Scope::ListItem => default || matches!(name, "ol" | "ul"),
        Scope::Button => default || name == "button",
        Scope::Table => matches!(name, "html" | "table" | "template"),
    }
}

/// HTML start tags that end SVG or MathML content (with a parse error).
pub fn breaks_out_of_foreign(name: &str) -> bool {
    matches!(
        name,
        "b" | "big"
            | "blockquote"
            | "body"
            | "br"
            | "center"
            | "code"
            | "dd"
            | "div"
            | "dl"
            | "dt"
            | "em"
            | "embed"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "head"
            | "hr"
            | "i"
            | "img"
            | "li"
            | "listing"
            | "menu"
            | "meta"
            | "nobr"
            | "ol"
            | "p"
            | "pre"
            | "ruby"
            | "s"
            | "small"
            | "span"
            | "strong"
            | "strike"
            | "sub"
            | "sup"
            | "table"
            | "tt"
            | "u"
            | "ul"
            | "var"
    )
}

/// Foreign elements whose content is parsed as HTML again.
pub fn is_integration_point(name: &str) -> bool {
    matches!(
        name,
        "foreignobject" | "desc" | "title" | "mi" | "mo" | "mn" | "ms" | "mtext"
    )
}
