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

/// A charset named in the first 4 KiB: `<meta charset="…">`,
/// `content="text/html; charset=…"`, or a front matter `encoding:` key.
fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    for key in ["charset=", "encoding:"] {
        let mut rest = head.as_str();
        while let Some(i) = rest.find(key) {
            rest = &rest[i + key.len()..];
            let label: String = rest
                .trim_start_matches([' ', '"', '\''])
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
                .collect();
            if let Some(enc) = Encoding::for_label(label.as_bytes())
                && enc != encoding_rs::UTF_8
            {
                return Some(enc);
            }
        }
    }
    None
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
