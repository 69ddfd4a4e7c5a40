//! Guessing the legacy encoding of a file that is not UTF-8: a charset it
//! declares, a UTF-16 byte order mark, or the candidate whose decoding reads
//! most like real text.

use encoding_rs::Encoding;

use super::script::{Script, classify};

/// The most likely encoding of some bytes, and the text they then say.
#[derive(Debug)]
pub struct Guess {
    pub encoding: &'static Encoding,
    pub text: String,
    /// Declared by the file (`<meta charset>`) or marked by a UTF-16 BOM.
    pub certain: bool,
}

/// Tried in this order; earlier ones win ties (Western European posts first).
const CANDIDATES: [&Encoding; 10] = [
    encoding_rs::WINDOWS_1252,
    encoding_rs::WINDOWS_1250,
    encoding_rs::WINDOWS_1251,
    encoding_rs::WINDOWS_1253,
    encoding_rs::WINDOWS_1254,
    encoding_rs::SHIFT_JIS,
    encoding_rs::EUC_JP,
    encoding_rs::GBK,
    encoding_rs::BIG5,
    encoding_rs::EUC_KR,
];

fn decode(encoding: &'static Encoding, bytes: &[u8]) -> Option<String> {
    encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|t| t.into_owned())
}

/// How far into the file a declaration is looked for.
const DECLARATION_WINDOW: usize = 4096;

/// The encoding a label names, if a declaration may name it. A declared
/// UTF-8 or UTF-16 is not believed for bytes that are not UTF-8 and have no
/// UTF-16 byte order mark (browsers read a `<meta charset=utf-16>` as
/// UTF-8 too), nor are the `replacement` and `x-user-defined` encodings.
fn declarable(label: &str) -> Option<&'static Encoding> {
    let label = label.trim_matches(|c: char| c.is_ascii_whitespace() || c == '"' || c == '\'');
    let enc = Encoding::for_label(label.as_bytes())?;
    let refused = [
        encoding_rs::UTF_8,
        encoding_rs::UTF_16LE,
        encoding_rs::UTF_16BE,
        encoding_rs::REPLACEMENT,
        encoding_rs::X_USER_DEFINED,
    ];
    (!refused.contains(&enc)).then_some(enc)
}

/// The encoding a file declares: an `encoding:` or `charset:` key at the
/// top level of its front matter, or a `<meta charset>` (or `http-equiv`
/// `Content-Type`) tag in the head of an HTML document. Words in the text,
/// a code sample or a comment that only mention a charset declare nothing:
/// believing them turned whole posts into garbage.
fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    // An ASCII view with one character per byte, so offsets stay put.
    let text: String = bytes[..bytes.len().min(DECLARATION_WINDOW)]
        .iter()
        .map(|&b| if b.is_ascii() { b as char } else { '?' })
        .collect();
    let (key, body) = front_matter(&text);
    key.or_else(|| head_meta(&text[body..]))
}

/// A declaration among the top-level front matter keys, and where the body
/// starts (0 when there is no front matter).
fn front_matter(text: &str) -> (Option<&'static Encoding>, usize) {
    let (close, sep) = if text.starts_with("---") {
        ("---", ':')
    } else if text.starts_with("+++") {
        ("+++", '=')
    } else {
        return (None, 0);
    };
    let mut lines = text.split_inclusive('\n');
    let mut pos = lines.next().map_or(0, str::len);
    let mut found = None;
    for line in lines {
        pos += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim_end() == close {
            return (found, pos);
        }
        // Top level: at column 0, and the TOML top level ends at a table.
        if close == "+++" && content.starts_with('[') {
            break;
        }
        let Some((key, value)) = content.split_once(sep) else {
            continue;
        };
        if found.is_none() && matches!(key.trim_end(), "encoding" | "charset") {
            let value = value.split(" #").next().unwrap_or(value);
            found = declarable(value);
        }
    }
    // Unterminated (or past the window): only a key seen is believed.
    (found, text.len())
}

/// A `<meta>` charset at the start of an HTML document, before anything
/// that ends its head: only the doctype, comments, white space and the
/// tags that belong in a head (`html`, `head`, `meta`, `link`, `base`,
/// `title`, `style`, `script`) may come before it.
fn head_meta(text: &str) -> Option<&'static Encoding> {
    let lower = text.to_ascii_lowercase();
    let mut rest = lower.as_str();
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace());
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = &after[after.find("-->")? + 3..];
            continue;
        }
        if rest.starts_with("<!") {
            rest = &rest[rest.find('>')? + 1..];
            continue;
        }
        let after = rest.strip_prefix('<')?;
        let name_len = after
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(after.len());
        let name = &after[..name_len];
        let (attrs, tail) = attributes(&after[name_len..])?;
        rest = tail;
        match name {
            "meta" => {
                if let Some(enc) = meta_charset(&attrs) {
                    return Some(enc);
                }
            }
            "html" | "head" | "link" | "base" => {}
            "title" | "style" | "script" => {
                let end = format!("</{name}");
                rest = &rest[rest.find(&end)?..];
                rest = &rest[rest.find('>')? + 1..];
            }
            _ => return None,
        }
    }
}

/// The attributes of a tag whose name was just read, and the text after
/// its `>`; `None` when the tag does not end.
fn attributes(mut s: &str) -> Option<(Vec<(&str, &str)>, &str)> {
    let mut attrs = Vec::new();
    loop {
        s = s.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        if let Some(tail) = s.strip_prefix('>') {
            return Some((attrs, tail));
        }
        if s.is_empty() {
            return None;
        }
        let name_len = s
            .find(|c: char| c.is_ascii_whitespace() || matches!(c, '=' | '>' | '/'))
            .unwrap_or(s.len())
            .max(1);
        let name = &s[..name_len];
        s = s[name_len..].trim_start_matches(|c: char| c.is_ascii_whitespace());
        let Some(after_eq) = s.strip_prefix('=') else {
            attrs.push((name, ""));
            continue;
        };
        s = after_eq.trim_start_matches(|c: char| c.is_ascii_whitespace());
        let value;
        if let Some(q) = s.chars().next().filter(|c| matches!(c, '"' | '\'')) {
            let inner = &s[1..];
            let end = inner.find(q)?;
            value = &inner[..end];
            s = &inner[end + 1..];
        } else {
            let end = s
                .find(|c: char| c.is_ascii_whitespace() || c == '>')
                .unwrap_or(s.len());
            value = &s[..end];
            s = &s[end..];
        }
        attrs.push((name, value));
    }
}

/// The encoding a `<meta>` tag's attributes declare, as the HTML standard's
/// prescan reads them: `charset`, or `http-equiv="content-type"` with a
/// `content` naming a `charset=`.
fn meta_charset(attrs: &[(&str, &str)]) -> Option<&'static Encoding> {
    let get = |n: &str| attrs.iter().find(|(k, _)| *k == n).map(|(_, v)| *v);
    if let Some(label) = get("charset") {
        return declarable(label);
    }
    if get("http-equiv")?.trim() != "content-type" {
        return None;
    }
    let content = get("content")?;
    let label = &content[content.find("charset=")? + "charset=".len()..];
    let end = label.find(';').unwrap_or(label.len());
    declarable(&label[..end])
}

/// How much `text` reads like real text: letters score, symbols and
/// controls cost, and a letter of another script glued to Latin letters
/// (`cafй`) costs most.
fn score(text: &str) -> i64 {
    let mut score = 0i64;
    let mut prev: Option<char> = None;
    for c in text.chars() {
        if !c.is_ascii() {
            score += match classify(c) {
                None => -10,
                Some(Script::Common) => -1,
                Some(s) => {
                    let glued = prev.is_some_and(|p| p.is_ascii_alphabetic());
                    // Kana only come out of a Japanese decoding.
                    let kana = u32::from(c) >= 0x3040 && u32::from(c) <= 0x30FF;
                    if glued && s != Script::Latin {
                        -3
                    } else if kana {
                        3
                    } else {
                        2
                    }
                }
            };
        }
        prev = Some(c);
    }
    // Latin-script words are mostly ASCII letters with a few accents; a word
    // made only of accented letters (`Êáëçìİñá`) is another script misread.
    for word in text.split(|c: char| !c.is_alphabetic()) {
        let accented = word
            .chars()
            .filter(|c| !c.is_ascii() && classify(*c) == Some(Script::Latin))
            .count();
        if accented >= 3 && word.is_char_boundary(0) && !word.chars().any(|c| c.is_ascii()) {
            score -= 4 * accented as i64;
        }
    }
    score
}

/// The most likely encoding of `bytes`, which are not valid UTF-8. A UTF-8
/// byte order mark says nothing about the rest (the file is not UTF-8): it
/// is dropped, never read as `ï»¿` or `п»ї` (found by fuzzing the fixer).
pub fn guess(bytes: &[u8]) -> Option<Guess> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some((encoding, _)) = Encoding::for_bom(bytes)
        && encoding != encoding_rs::UTF_8
    {
        let (text, _, errors) = encoding.decode(bytes);
        return (!errors).then(|| Guess {
            encoding,
            text: text.into_owned(),
            certain: true,
        });
    }
    if let Some(encoding) = declared(bytes)
        && let Some(text) = decode(encoding, bytes)
    {
        return Some(Guess {
            encoding,
            text,
            certain: true,
        });
    }
    CANDIDATES
        .iter()
        .filter_map(|&e| decode(e, bytes).map(|t| (score(&t), e, t)))
        .enumerate()
        // Highest score; on a tie, the earlier candidate.
        .max_by_key(|(i, (s, _, _))| (*s, std::cmp::Reverse(*i)))
        .map(|(_, (_, encoding, text))| Guess {
            encoding,
            text,
            certain: false,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc(text: &str, e: &'static Encoding) -> Vec<u8> {
        let (b, _, unmappable) = e.encode(text);
        assert!(!unmappable);
        b.into_owned()
    }

    #[test]
    /// Greek in windows-1253 also reads as Cyrillic in windows-1251: without
    /// a language model the two cannot be told apart, so that guess is left
    /// to the user (the fix is unsafe).
    fn western_central_cyrillic_japanese() {
        for (text, e) in [
            (
                "Café, naïef en financiële topvrouw",
                encoding_rs::WINDOWS_1252,
            ),
            (
                "Zażółć gęślą jaźń, powiedział Łukasz",
                encoding_rs::WINDOWS_1250,
            ),
            ("Привет, как дела? Всё хорошо", encoding_rs::WINDOWS_1251),
            ("日本語のテキストです。こんにちは", encoding_rs::SHIFT_JIS),
        ] {
            let g = guess(&enc(text, e)).unwrap();
            assert_eq!(g.encoding, e, "{text}");
            assert_eq!(g.text, text);
            assert!(!g.certain);
        }
    }

    #[test]
    fn a_utf8_bom_is_dropped_not_decoded() {
        let mut b = b"\xEF\xBB\xBF---\ntitle: ".to_vec();
        b.extend(enc("Привет, как дела", encoding_rs::WINDOWS_1251));
        let g = guess(&b).unwrap();
        assert!(g.text.starts_with("---\ntitle: Привет"), "{}", g.text);
    }

    /// Words that mention a charset declare nothing: the Windows-1252 post
    /// is not read as Cyrillic or as UTF-16 because its text says so.
    #[test]
    fn mentions_are_not_declarations() {
        let text = "Café, naïef en financiële topvrouw";
        for prefix in [
            "---\ntitle: x\n---\n<p>Set charset=windows-1251 in the config.</p>\n<p>",
            "---\ntitle: x\ndescription: \"encoding: koi8-r\"\n---\n<p>",
            "---\ntitle: x\n---\n<p>Use <code>&lt;meta charset=\"utf-16\"&gt;</code>.</p>\n<p>",
            "---\ntitle: x\n---\n<!-- <meta charset=\"windows-1251\"> -->\n<p>",
            "---\ntitle: x\n---\n<p>a</p>\n<meta charset=\"windows-1251\">\n<p>",
            "---\ntitle: x\n---\n`<meta charset=\"windows-1251\">`\n\n",
            "---\ntitle: x\nimage:\n  encoding: windows-1251\n---\n<p>",
            // Bytes without a UTF-16 byte order mark are not UTF-16.
            "---\ntitle: x\nencoding: utf-16\n---\n<p>",
            "<meta charset=\"utf-16\"><p>",
        ] {
            let mut b = prefix.as_bytes().to_vec();
            b.extend(enc(text, encoding_rs::WINDOWS_1252));
            let g = guess(&b).unwrap();
            assert!(!g.certain, "{prefix}");
            assert_eq!(g.encoding, encoding_rs::WINDOWS_1252, "{prefix}");
        }
    }

    #[test]
    fn real_declarations_are_certain() {
        let text = "Привет, как дела? Всё хорошо";
        for prefix in [
            "---\ntitle: x\nencoding: windows-1251\n---\n<p>",
            "---\ntitle: x\ncharset: \"cp1251\" # old editor\n---\n<p>",
            "+++\ntitle = \"x\"\nencoding = \"windows-1251\"\n+++\n<p>",
            "---\ntitle: x\n---\n<!DOCTYPE html>\n<html><head><!-- c --><title>t</title>\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">\n</head><body><p>",
            "<meta charset=windows-1251><p>",
        ] {
            let mut b = prefix.as_bytes().to_vec();
            b.extend(enc(text, encoding_rs::WINDOWS_1251));
            let g = guess(&b).unwrap();
            assert!(g.certain, "{prefix}");
            assert_eq!(g.encoding, encoding_rs::WINDOWS_1251, "{prefix}");
        }
    }

    #[test]
    fn declared_charset_and_utf16_are_certain() {
        let mut b = b"<meta charset=\"iso-8859-2\"><p>".to_vec();
        b.extend(enc("Łódź", encoding_rs::ISO_8859_2));
        let g = guess(&b).unwrap();
        assert!(g.certain);
        assert!(g.text.ends_with("Łódź"));
        let mut u16 = vec![0xFF, 0xFE];
        for unit in "---\ntitle: é\n".encode_utf16() {
            u16.extend(unit.to_le_bytes());
        }
        let g = guess(&u16).unwrap();
        assert_eq!(g.encoding, encoding_rs::UTF_16LE);
        assert!(g.certain);
    }
}
