//! Finding the front matter block: an opening `---` (YAML) or `+++` (TOML)
//! line at the very start (after an optional BOM) and the matching closing line.

use crate::span::Span;

/// The syntax of a front matter block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrontMatterKind {
    Yaml,
    Toml,
    /// Pelican's `Key: value` metadata lines (or reST fields), read on
    /// Pelican sites only.
    Pelican,
}

impl FrontMatterKind {
    pub fn name(self) -> &'static str {
        match self {
            FrontMatterKind::Yaml => "YAML",
            FrontMatterKind::Toml => "TOML",
            FrontMatterKind::Pelican => "Pelican metadata",
        }
    }
}

/// Where the front matter and the body are, as byte ranges of the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    pub kind: FrontMatterKind,
    /// The opening delimiter line, without its line break.
    pub open: Span,
    /// The text between the delimiter lines, line breaks included.
    pub content: Span,
    /// The closing delimiter line without its line break; `None` when never closed.
    pub close: Option<Span>,
    /// Everything after the closing line (empty when unterminated).
    pub body: Span,
}

/// Lines with their byte range (without the line break) and the offset of the next line.
pub(crate) fn lines_from(source: &str, start: usize) -> impl Iterator<Item = (Span, usize)> + '_ {
    let mut pos = start;
    std::iter::from_fn(move || {
        if pos >= source.len() {
            return None;
        }
        let rest = &source[pos..];
        let (line_len, next) = match rest.find('\n') {
            Some(i) => (i, pos + i + 1),
            None => (rest.len(), source.len()),
        };
        let mut end = pos + line_len;
        if source[pos..end].ends_with('\r') {
            end -= 1;
        }
        let item = (Span::new(pos, end), next);
        pos = next;
        Some(item)
    })
}

fn is_delimiter(line: &str, delim: &str) -> bool {
    line.trim_end_matches([' ', '\t']) == delim
}

/// Splits `source`; `None` when it does not open with a front matter delimiter.
pub fn split(source: &str) -> Option<Split> {
    let start = if source.starts_with('\u{feff}') { 3 } else { 0 };
    let mut lines = lines_from(source, start);
    let (open, content_start) = lines.next()?;
    let kind = if is_delimiter(&source[open], "---") {
        FrontMatterKind::Yaml
    } else if is_delimiter(&source[open], "+++") {
        FrontMatterKind::Toml
    } else {
        return None;
    };
    for (line, next) in lines {
        let text = &source[line];
        let closes = match kind {
            // Pelican headers are found by `post::pelican`, not here.
            FrontMatterKind::Yaml | FrontMatterKind::Pelican => {
                is_delimiter(text, "---") || is_delimiter(text, "...")
            }
            FrontMatterKind::Toml => is_delimiter(text, "+++"),
        };
        if closes {
            return Some(Split {
                kind,
                open,
                content: Span::new(content_start, line.start),
                close: Some(line),
                body: Span::new(next, source.len()),
            });
        }
    }
    Some(Split {
        kind,
        open,
        content: Span::new(content_start, source.len()),
        close: None,
        body: Span::new(source.len(), source.len()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_block() {
        let s = "---\ntitle: x\n---\n<p>hi</p>\n";
        let sp = split(s).unwrap();
        assert_eq!(sp.kind, FrontMatterKind::Yaml);
        assert_eq!(&s[sp.content], "title: x\n");
        assert_eq!(&s[sp.body], "<p>hi</p>\n");
        assert_eq!(&s[sp.close.unwrap()], "---");
    }

    #[test]
    fn crlf_bom_and_trailing_spaces() {
        let s = "\u{feff}--- \r\ntitle: x\r\n---\r\nbody";
        let sp = split(s).unwrap();
        assert_eq!(sp.open, 3..7);
        assert_eq!(&s[sp.content], "title: x\r\n");
        assert_eq!(&s[sp.body], "body");
    }

    #[test]
    fn toml_block_and_dots_close() {
        let s = "+++\ntitle = \"x\"\n+++\n";
        assert_eq!(split(s).unwrap().kind, FrontMatterKind::Toml);
        let s = "---\na: 1\n...\nbody";
        assert_eq!(&s[split(s).unwrap().body], "body");
    }

    #[test]
    fn unterminated_and_missing() {
        let s = "---\ntitle: x\n";
        let sp = split(s).unwrap();
        assert!(sp.close.is_none());
        assert_eq!(&s[sp.content], "title: x\n");
        assert!(split("").is_none());
        assert!(split("<p>---</p>").is_none());
        assert!(split("----\n").is_none());
        let only = split("---").unwrap();
        assert!(only.close.is_none());
        assert_eq!(only.content, 3..3);
    }

    #[test]
    fn empty_front_matter() {
        let s = "---\n---\n";
        let sp = split(s).unwrap();
        assert_eq!(sp.content, 4..4);
        assert_eq!(sp.body, 8..8);
    }
}
