//! HTML with exact source positions: a tag scanner after the HTML standard's
//! tokenizer, and a checker after its tree construction, both over file spans.

mod charref;
pub mod names;
mod pieces;
mod scan;
mod tree;

use crate::span::Span;

pub use charref::decode as decode_references;
pub use pieces::{OPAQUE, Pieces};
pub use scan::is_blank;

/// An attribute value as written (`span`, inside any quotes) and as read
/// (`text`, character references decoded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttrValue {
    pub span: Span,
    pub text: String,
}

/// One attribute of a start tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attr {
    /// Lower-cased.
    pub name: String,
    /// The whole attribute, `name="value"`.
    pub span: Span,
    pub name_span: Span,
    /// `None` for a bare attribute such as `checked`.
    pub value: Option<AttrValue>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartTag {
    /// Lower-cased.
    pub name: String,
    /// From `<` to `>`.
    pub span: Span,
    pub name_span: Span,
    /// In source order; a repeated attribute is left out (browsers keep the first).
    pub attrs: Vec<Attr>,
    pub self_closing: bool,
}

impl StartTag {
    pub fn attr(&self, name: &str) -> Option<&Attr> {
        self.attrs.iter().find(|a| a.name == name)
    }

    /// The decoded value of `name`, when present with a value.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.attr(name)?.value.as_ref().map(|v| v.text.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndTag {
    pub name: String,
    pub span: Span,
    pub name_span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    Start(StartTag),
    End(EndTag),
    /// `blank` when it shows nothing (white space, no-break spaces).
    Text {
        span: Span,
        blank: bool,
    },
    Comment {
        span: Span,
    },
    Doctype {
        span: Span,
    },
}

/// An element as the parser builds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    /// Lower-cased.
    pub name: String,
    /// Index of its start tag in [`HtmlDoc::tokens`].
    pub token: usize,
    pub start_span: Span,
    /// The end tag that closed it, when one did.
    pub end_span: Option<Span>,
    /// The tag that ended it implicitly (a `<div>` ends an open `<p>`).
    pub closed_by: Option<Span>,
    pub parent: Option<usize>,
    /// Holds an element or text that shows something.
    pub has_content: bool,
    /// Inside `<svg>` or `<math>`.
    pub foreign: bool,
    /// Closed out of order and reopened by the parser.
    pub reopened: bool,
}

/// A parse error in plain words, with file spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlError {
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
    pub labels: Vec<(Span, String)>,
    /// An end tag with nothing to close that the parser drops (a stray
    /// `</p>` becomes an empty paragraph) and that cannot close an element of
    /// the layout around the post: the page shows the same (PL310, not PL301).
    pub ignored: bool,
}

/// The HTML of one body: tokens, elements and parse errors.
#[derive(Debug, Clone, Default)]
pub struct HtmlDoc {
    pub tokens: Vec<Token>,
    pub elements: Vec<Element>,
    pub errors: Vec<HtmlError>,
    /// Errors found past the checker's limit, counted but not kept.
    pub errors_dropped: usize,
    /// Where the checker stopped at its limits (tokens, nesting), if it did:
    /// the rest of the body is not checked. Always reported.
    pub stopped: Option<HtmlError>,
}

/// How the body's HTML reaches the browser.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ParseOptions {
    /// The Markdown engine rewrites `<a />` on a non-void element into
    /// `<a></a>` (kramdown does; CommonMark and goldmark pass it through, and
    /// a browser then leaves the element open).
    pub self_closing_closes: bool,
    /// The body is a whole document that no layout wraps (a page that starts
    /// with `<!DOCTYPE html>` and has no `layout`): its doctype, `<html>`,
    /// `<head>` and `<body>` tags are its own, not misplaced.
    pub document: bool,
}

impl HtmlDoc {
    /// Scans and checks `pieces`; every span in the result points into the file.
    pub fn parse(pieces: &Pieces) -> HtmlDoc {
        HtmlDoc::parse_with(pieces, ParseOptions::default())
    }

    /// [`HtmlDoc::parse`] for HTML that a Markdown engine rewrites as `options` say.
    pub fn parse_with(pieces: &Pieces, options: ParseOptions) -> HtmlDoc {
        let (mut tokens, mut errors, scan_stopped) = scan::scan(&pieces.text);
        // Texts that are only template output (and white space): content,
        // but not text in the table sense.
        let opaque: Vec<bool> = tokens
            .iter()
            .map(|t| match t {
                Token::Text { span, .. } => {
                    pieces.text.get(span.start..span.end).is_some_and(|s| {
                        s.contains(OPAQUE)
                            && s.chars()
                                .all(|c| matches!(c, OPAQUE | ' ' | '\t' | '\n' | '\r' | '\x0C'))
                    })
                }
                _ => false,
            })
            .collect();
        for t in &mut tokens {
            map_token(t, pieces);
        }
        for e in &mut errors {
            e.span = pieces.map(e.span);
            for (r, _) in &mut e.labels {
                *r = pieces.map(*r);
            }
        }
        let built = tree::build(&tokens, &opaque, options);
        errors.extend(built.errors);
        errors.sort_by_key(|e| e.span.start);
        let stopped = match (scan_stopped, built.stopped) {
            (_, Some(span)) => Some(HtmlError {
                span,
                message: format!(
                    "HTML nested more than {} elements deep: the checker stopped here",
                    tree::MAX_DEPTH
                ),
                help: Some("close the elements; the rest of the body is not checked".into()),
                labels: Vec::new(),
                ignored: false,
            }),
            (Some(span), None) => Some(HtmlError {
                span: pieces.map(span),
                message: format!(
                    "more than {} HTML tags and texts: the checker stopped here",
                    scan::MAX_TOKENS
                ),
                help: Some("split the post; the rest of the body is not checked".into()),
                labels: Vec::new(),
                ignored: false,
            }),
            (None, None) => None,
        };
        HtmlDoc {
            tokens,
            elements: built.elements,
            errors,
            errors_dropped: built.errors_dropped,
            stopped,
        }
    }

    /// The start tag of `element`.
    pub fn start_tag(&self, element: &Element) -> Option<&StartTag> {
        match self.tokens.get(element.token) {
            Some(Token::Start(tag)) => Some(tag),
            _ => None,
        }
    }

    /// Elements with their start tags, in source order.
    pub fn tags(&self) -> impl Iterator<Item = (&Element, &StartTag)> {
        self.elements
            .iter()
            .filter_map(|e| self.start_tag(e).map(|t| (e, t)))
    }
}

fn map_token(t: &mut Token, pieces: &Pieces) {
    match t {
        Token::Start(tag) => {
            tag.span = pieces.map(tag.span);
            tag.name_span = pieces.map(tag.name_span);
            for a in &mut tag.attrs {
                a.span = pieces.map(a.span);
                a.name_span = pieces.map(a.name_span);
                if let Some(v) = &mut a.value {
                    v.span = pieces.map(v.span);
                }
            }
        }
        Token::End(tag) => {
            tag.span = pieces.map(tag.span);
            tag.name_span = pieces.map(tag.name_span);
        }
        Token::Text { span, .. } | Token::Comment { span } | Token::Doctype { span } => {
            *span = pieces.map(*span);
        }
    }
}
