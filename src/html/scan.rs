//! A tag scanner after the HTML standard's tokenizer that keeps what a DOM
//! throws away: the byte range of every tag, attribute name and value as written.

use crate::span::Span;

use super::charref;
use super::names;
use super::{Attr, AttrValue, EndTag, HtmlError, StartTag, Token};

/// Scans `text` into tokens and the tokenizer's parse errors. Never fails:
/// whatever is not markup is text.
pub fn scan(text: &str) -> (Vec<Token>, Vec<HtmlError>, Option<Span>) {
    let mut s = Scanner {
        text,
        bytes: text.as_bytes(),
        tokens: Vec::new(),
        errors: Vec::new(),
        foreign_depth: 0,
        stopped: None,
    };
    s.run();
    (s.tokens, s.errors, s.stopped)
}

/// Tokens kept per body: about 20 MB of tokens and elements. Real posts have
/// a few thousand; ten megabytes of `<b>` would have three million (and took
/// 1.8 GB). Scanning stops at the tag past the limit.
pub const MAX_TOKENS: usize = 100_000;

struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    tokens: Vec<Token>,
    errors: Vec<HtmlError>,
    /// Open `<svg>`/`<math>` elements: inside them `<style>` is not raw text
    /// and `<![CDATA[` is CDATA.
    foreign_depth: usize,
    /// The `<` where scanning stopped at [`MAX_TOKENS`].
    stopped: Option<Span>,
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0C)
}

/// Text that shows nothing: white space, including no-break spaces.
pub fn is_blank(text: &str) -> bool {
    text.chars()
        .all(|c| matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0C' | '\u{A0}'))
}

impl Scanner<'_> {
    fn error(&mut self, span: Span, message: String, help: Option<&str>) {
        self.errors.push(HtmlError {
            span,
            message,
            help: help.map(str::to_string),
            labels: Vec::new(),
            ignored: false,
        });
    }

    fn run(&mut self) {
        let mut pos = 0;
        let mut text_start = 0;
        while let Some(rel) = self.text[pos..].find('<') {
            let lt = pos + rel;
            if self.tokens.len() >= MAX_TOKENS {
                self.stopped = Some(Span::new(lt, lt + 1));
                return;
            }
            let next = self.bytes.get(lt + 1).copied();
            let after = match next {
                Some(b) if b.is_ascii_alphabetic() => {
                    self.flush_text(Span::new(text_start, lt), true);
                    match self.tag(lt, false) {
                        Some(end) => self.after_start_tag(end),
                        None => return,
                    }
                }
                Some(b'/') => match self.bytes.get(lt + 2).copied() {
                    Some(b) if b.is_ascii_alphabetic() => {
                        self.flush_text(Span::new(text_start, lt), true);
                        match self.tag(lt, true) {
                            Some(end) => end,
                            None => return,
                        }
                    }
                    Some(b'>') => {
                        self.flush_text(Span::new(text_start, lt), true);
                        self.error(
                            Span::new(lt, lt + 3),
                            "empty end tag `</>`".into(),
                            Some("remove it"),
                        );
                        lt + 3
                    }
                    Some(_) => {
                        self.flush_text(Span::new(text_start, lt), true);
                        let end = self.bogus_comment(lt);
                        self.error(
                            Span::new(lt, end),
                            "`</` is not followed by a tag name".into(),
                            Some("write `&lt;/` for a literal `</`"),
                        );
                        end
                    }
                    None => {
                        pos = lt + 1;
                        continue;
                    }
                },
                Some(b'!') => {
                    self.flush_text(Span::new(text_start, lt), true);
                    self.markup_declaration(lt)
                }
                Some(b'?') => {
                    self.flush_text(Span::new(text_start, lt), true);
                    let end = self.bogus_comment(lt);
                    self.error(
                        Span::new(lt, end),
                        "`<?…>` processing instructions are not HTML".into(),
                        Some("remove it"),
                    );
                    end
                }
                // A `<` before a space or digit is shown as written by every
                // browser; reporting it would flood prose such as `a < b`.
                _ => {
                    pos = lt + 1;
                    continue;
                }
            };
            pos = after;
            text_start = after;
        }
        self.flush_text(Span::new(text_start, self.text.len()), true);
    }

    fn flush_text(&mut self, span: Span, references: bool) {
        if span.is_empty() {
            return;
        }
        let raw = &self.text[span];
        let blank = if references {
            let (decoded, problems) = charref::decode(raw, false);
            for p in problems {
                self.error(
                    Span::new(span.start + p.range.start, span.start + p.range.end),
                    p.message,
                    Some(&p.help),
                );
            }
            is_blank(&decoded)
        } else {
            is_blank(raw)
        };
        self.tokens.push(Token::Text { span, blank });
    }

    /// After a start tag: raw text elements take everything up to their end tag.
    fn after_start_tag(&mut self, end: usize) -> usize {
        let Some(Token::Start(tag)) = self.tokens.last() else {
            return end;
        };
        let name = tag.name.clone();
        if matches!(name.as_str(), "svg" | "math") && !tag.self_closing {
            self.foreign_depth += 1;
        }
        if self.foreign_depth > 0 {
            return end;
        }
        if name == "plaintext" {
            self.flush_text(Span::new(end, self.text.len()), false);
            return self.text.len();
        }
        if !names::is_raw_text(&name) {
            return end;
        }
        let close = self.find_end_tag(end, &name).unwrap_or(self.text.len());
        // Only textarea and title decode references in their text.
        let references = matches!(name.as_str(), "textarea" | "title");
        self.flush_text(Span::new(end, close), references);
        close
    }

    /// The next `</name` (any case) followed by white space, `/` or `>`.
    fn find_end_tag(&self, from: usize, name: &str) -> Option<usize> {
        let mut pos = from;
        while let Some(rel) = self.text[pos..].find("</") {
            let at = pos + rel;
            let name_end = at + 2 + name.len();
            if self
                .bytes
                .get(at + 2..name_end)
                .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
                && self
                    .bytes
                    .get(name_end)
                    .is_none_or(|b| is_space(*b) || matches!(b, b'/' | b'>'))
            {
                return Some(at);
            }
            pos = at + 2;
        }
        None
    }

    /// `<!--…-->`, `<!DOCTYPE …>`, `<![CDATA[…]]>`, or a bogus comment.
    fn markup_declaration(&mut self, lt: usize) -> usize {
        let rest = &self.bytes[lt..];
        if rest.starts_with(b"<!--") {
            let body = lt + 4;
            for abrupt in ["<!-->", "<!--->"] {
                if self.text[lt..].starts_with(abrupt) {
                    let end = lt + abrupt.len();
                    self.error(
                        Span::new(lt, end),
                        format!("comment `{abrupt}` closes itself"),
                        Some("write `<!-- -->`"),
                    );
                    self.tokens.push(Token::Comment {
                        span: Span::new(lt, end),
                    });
                    return end;
                }
            }
            return match self.text[body..].find("-->") {
                Some(i) => {
                    let end = body + i + 3;
                    self.tokens.push(Token::Comment {
                        span: Span::new(lt, end),
                    });
                    end
                }
                None => {
                    self.error(
                        Span::new(lt, body),
                        "comment is not closed by `-->`".into(),
                        Some("close it with `-->`; everything after it is hidden now"),
                    );
                    self.tokens.push(Token::Comment {
                        span: Span::new(lt, self.text.len()),
                    });
                    self.text.len()
                }
            };
        }
        if rest.len() >= 9 && rest[2..9].eq_ignore_ascii_case(b"doctype") {
            let end = self.bogus_comment(lt);
            self.tokens.push(Token::Doctype {
                span: Span::new(lt, end),
            });
            return end;
        }
        if rest.starts_with(b"<![CDATA[") && self.foreign_depth > 0 {
            let body = lt + 9;
            let end = self.text[body..]
                .find("]]>")
                .map_or(self.text.len(), |i| body + i + 3);
            self.tokens.push(Token::Text {
                span: Span::new(lt, end),
                blank: false,
            });
            return end;
        }
        let end = self.bogus_comment(lt);
        self.error(
            Span::new(lt, end),
            "`<!` starts neither a comment nor a doctype".into(),
            Some("write `<!-- … -->` for a comment"),
        );
        self.tokens.push(Token::Comment {
            span: Span::new(lt, end),
        });
        end
    }

    /// Up to and including the next `>` (or the end of the text).
    fn bogus_comment(&self, lt: usize) -> usize {
        self.text[lt..]
            .find('>')
            .map_or(self.text.len(), |i| lt + i + 1)
    }

    /// A start or end tag at `lt`; pushes it and returns the offset after `>`,
    /// or reports it and returns `None` when the text ends inside the tag.
    fn tag(&mut self, lt: usize, end_tag: bool) -> Option<usize> {
        let name_start = lt + if end_tag { 2 } else { 1 };
        let mut i = name_start;
        while i < self.bytes.len()
            && !is_space(self.bytes[i])
            && !matches!(self.bytes[i], b'/' | b'>')
        {
            i += 1;
        }
        let name_span = Span::new(name_start, i);
        let name = self.text[name_span].to_ascii_lowercase();
        let mut attrs: Vec<Attr> = Vec::new();
        let mut self_closing = false;
        // Where the last quoted value ended: an attribute right after it lacks a space.
        let mut after_quote: Option<usize> = None;
        loop {
            let ws_start = i;
            while i < self.bytes.len() && is_space(self.bytes[i]) {
                i += 1;
            }
            let Some(&b) = self.bytes.get(i) else {
                return self.unclosed_tag(lt, &name_span, end_tag);
            };
            match b {
                b'>' => {
                    i += 1;
                    break;
                }
                b'/' => {
                    if self.bytes.get(i + 1) == Some(&b'>') {
                        self_closing = true;
                        i += 2;
                        break;
                    }
                    i += 1;
                    after_quote = None;
                    continue;
                }
                _ => {}
            }
            let missing_space = after_quote == Some(ws_start) && ws_start == i;
            after_quote = None;
            let Some((attr, next)) = self.attribute(i) else {
                return self.unclosed_tag(lt, &name_span, end_tag);
            };
            if missing_space {
                self.error(
                    attr.name_span,
                    "no space between attributes".into(),
                    Some("add a space before the attribute"),
                );
            }
            if attr
                .value
                .as_ref()
                .is_some_and(|_| matches!(self.bytes.get(next.wrapping_sub(1)), Some(b'"' | b'\'')))
            {
                after_quote = Some(next);
            }
            i = next;
            if let Some(first) = attrs.iter().find(|a| a.name == attr.name) {
                let first = first.span;
                self.errors.push(HtmlError {
                    span: attr.span,
                    message: format!("duplicate attribute `{}`", attr.name),
                    help: Some("remove one of the two: browsers keep the first".into()),
                    labels: vec![(first, "first given here".into())],
                    ignored: false,
                });
            } else {
                attrs.push(attr);
            }
        }
        let span = Span::new(lt, i);
        if end_tag {
            if !attrs.is_empty() || self_closing {
                self.error(
                    span,
                    format!("end tag `</{name}>` has attributes or a `/`"),
                    Some("remove them: end tags take none"),
                );
            }
            if matches!(name.as_str(), "svg" | "math") {
                self.foreign_depth = self.foreign_depth.saturating_sub(1);
            }
            self.tokens.push(Token::End(EndTag {
                name,
                span,
                name_span,
            }));
        } else {
            self.tokens.push(Token::Start(StartTag {
                name,
                span,
                name_span,
                attrs,
                self_closing,
            }));
        }
        Some(i)
    }

    fn unclosed_tag(&mut self, lt: usize, name_span: &Span, end_tag: bool) -> Option<usize> {
        let slash = if end_tag { "/" } else { "" };
        let name = &self.text[*name_span];
        self.error(
            Span::new(lt, name_span.end),
            format!("tag `<{slash}{name}` is not closed by `>` before the end of the body"),
            Some("close the tag with `>`: browsers drop an unclosed tag"),
        );
        self.tokens.push(Token::Text {
            span: Span::new(lt, self.text.len()),
            blank: false,
        });
        None
    }

    /// One attribute starting at `start`; `None` when the text ends inside a quoted value.
    fn attribute(&mut self, start: usize) -> Option<(Attr, usize)> {
        let mut i = start + 1; // the first character, even `=`, belongs to the name
        while i < self.bytes.len()
            && !is_space(self.bytes[i])
            && !matches!(self.bytes[i], b'/' | b'>' | b'=')
        {
            i += 1;
        }
        // Stay on a character boundary: names may hold any character.
        while !self.text.is_char_boundary(i) {
            i += 1;
        }
        let name_span = Span::new(start, i);
        let name = self.text[name_span].to_ascii_lowercase();
        let mut j = i;
        while j < self.bytes.len() && is_space(self.bytes[j]) {
            j += 1;
        }
        if self.bytes.get(j) != Some(&b'=') {
            return Some((
                Attr {
                    name,
                    span: name_span,
                    name_span,
                    value: None,
                },
                i,
            ));
        }
        j += 1;
        while j < self.bytes.len() && is_space(self.bytes[j]) {
            j += 1;
        }
        let (value_span, end) = match self.bytes.get(j).copied() {
            Some(q @ (b'"' | b'\'')) => {
                let close = self.text[j + 1..].find(q as char)?;
                (Span::new(j + 1, j + 1 + close), j + 2 + close)
            }
            None => return None,
            Some(b'>') => {
                self.error(
                    Span::new(start, j),
                    format!("attribute `{name}=` has no value"),
                    Some("give it a value in quotes, or remove the `=`"),
                );
                (Span::empty(j), j)
            }
            Some(_) => {
                let mut k = j;
                while k < self.bytes.len() && !is_space(self.bytes[k]) && self.bytes[k] != b'>' {
                    k += 1;
                }
                if let Some(bad) = self.text[j..k].find(['"', '\'', '<', '=', '`']) {
                    self.error(
                        Span::new(j + bad, j + bad + 1),
                        format!(
                            "unquoted value of `{name}` contains `{}`",
                            &self.text[j + bad..j + bad + 1]
                        ),
                        Some("put the value in double quotes"),
                    );
                }
                (Span::new(j, k), k)
            }
        };
        let (decoded, problems) = charref::decode(&self.text[value_span], true);
        for p in problems {
            self.error(
                Span::new(
                    value_span.start + p.range.start,
                    value_span.start + p.range.end,
                ),
                p.message,
                Some(&p.help),
            );
        }
        Some((
            Attr {
                name,
                span: Span::new(start, end),
                name_span,
                value: Some(AttrValue {
                    span: value_span,
                    text: decoded.into_owned(),
                }),
            },
            end,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Scanning stops at the token limit, at the `<` past it.
    #[test]
    fn token_limit_stops_the_scanner() {
        let src = "<i>".repeat(MAX_TOKENS + 2);
        let (tokens, _, stopped) = scan(&src);
        assert_eq!(tokens.len(), MAX_TOKENS);
        assert_eq!(stopped, Some(Span::new(MAX_TOKENS * 3, MAX_TOKENS * 3 + 1)));
        assert_eq!(scan("<i>x</i>").2, None);
    }

    fn start_tags(text: &str) -> Vec<StartTag> {
        scan(text)
            .0
            .into_iter()
            .filter_map(|t| match t {
                Token::Start(s) => Some(s),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn attribute_spans_as_written() {
        let src = "<p>x</p>\r\n<IMG\r\n  SRC=\"a&amp;b.png\" alt='it''s' data-x=plain checked>";
        let tags = start_tags(src);
        let img = &tags[1];
        assert_eq!(img.name, "img");
        let v = |n: &str| img.attrs.iter().find(|a| a.name == n).unwrap();
        let src_v = v("src").value.as_ref().unwrap();
        assert_eq!(&src[src_v.span], "a&amp;b.png");
        assert_eq!(src_v.text, "a&b.png");
        assert_eq!(&src[v("alt").value.as_ref().unwrap().span], "it");
        assert_eq!(&src[v("data-x").value.as_ref().unwrap().span], "plain");
        assert!(v("checked").value.is_none());
    }

    #[test]
    fn raw_text_hides_tags() {
        let src = "<script>if (a<b) { x = '<img src=x>'; }</script><style>p>a{}</style><img src=y>";
        let tags = start_tags(src);
        let names: Vec<_> = tags.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["script", "style", "img"]);
        let svg = start_tags("<svg><style>a{}</style><![CDATA[<img>]]></svg><img>");
        let names: Vec<_> = svg.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["svg", "style", "img"]);
    }

    #[test]
    fn comments_and_cdata_outside_svg() {
        let (tokens, errors, _) = scan("<!-- <img src=x> --><![CDATA[x]]><img src=y>");
        assert_eq!(
            tokens
                .iter()
                .filter(|t| matches!(t, Token::Start(_)))
                .count(),
            1
        );
        assert_eq!(errors.len(), 1, "{errors:?}");
    }

    #[test]
    fn errors_of_the_tokenizer() {
        let msgs = |s: &str| scan(s).1.into_iter().map(|e| e.message).collect::<Vec<_>>();
        assert_eq!(msgs("<a href=x href=y>"), ["duplicate attribute `href`"]);
        assert_eq!(
            msgs("<a class=\"x\"id=\"y\">"),
            ["no space between attributes"]
        );
        assert_eq!(
            msgs("<p>&foo; AT&T</p>"),
            ["unknown character reference `&foo;`"]
        );
        assert_eq!(
            msgs("<img src="),
            ["tag `<img` is not closed by `>` before the end of the body"]
        );
        assert_eq!(msgs("<!-- open"), ["comment is not closed by `-->`"]);
        assert!(msgs("a < b, <br/> en 3<4").is_empty());
    }

    #[test]
    fn no_panic_on_odd_input() {
        for s in [
            "<",
            "</",
            "<!",
            "<!-",
            "<!--",
            "<a",
            "<a b",
            "<a b=",
            "<a b='",
            "<a b=\"x",
            "</a",
            "<a é=1>",
            "<a\0b>",
            "<a =x>",
            "<script>",
            "<svg><![CDATA[",
            "<a/",
            "<!DOCTYPE",
            "<?",
            "&#",
            "<é>",
            "<a b=é>",
            "<textarea>&amp",
        ] {
            let _ = scan(s);
        }
    }
}
