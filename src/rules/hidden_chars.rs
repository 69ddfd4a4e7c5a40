//! The one scan for hidden characters, shared by PL105 (control characters)
//! and PL109 (invisible characters) and made once per post: both look for a
//! few rare lead bytes over the whole file, so one pass finds both.

use crate::rules::Context;
use crate::text::script::{Script, classify};

/// At most this many findings per rule and file; a binary-like file would
/// flood the output.
pub const LIMIT: usize = 100;

/// A character one of the two rules reports, at byte `at` of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hidden {
    pub at: usize,
    pub c: char,
}

/// What the two rules report, in file order, at most [`LIMIT`] of each.
#[derive(Debug, Default)]
pub struct HiddenChars {
    /// C0 controls other than tab, line feed and carriage return, DEL, and
    /// C1 controls outside damaged runs (PL101 explains those).
    pub controls: Vec<Hidden>,
    /// The characters [`describe`] names, except a byte order mark at the
    /// start, bidi controls in posts with Hebrew or Arabic text, and
    /// characters inside damaged runs.
    pub invisibles: Vec<Hidden>,
}

/// The name of an invisible character PL109 reports, and whether it is a
/// bidirectional control.
pub fn describe(c: char) -> Option<(&'static str, bool)> {
    Some(match c as u32 {
        0xAD => ("SOFT HYPHEN", false),
        0x180E => ("MONGOLIAN VOWEL SEPARATOR", false),
        0x200B => ("ZERO WIDTH SPACE", false),
        0x200E => ("LEFT-TO-RIGHT MARK", true),
        0x200F => ("RIGHT-TO-LEFT MARK", true),
        0x202A..=0x202E => ("BIDIRECTIONAL EMBEDDING OR OVERRIDE", true),
        0x2060 => ("WORD JOINER", false),
        0x2061..=0x2064 => ("INVISIBLE OPERATOR", false),
        0x2066..=0x2069 => ("BIDIRECTIONAL ISOLATE", true),
        0xFEFF => ("ZERO WIDTH NO-BREAK SPACE (BOM)", false),
        _ => return None,
    })
}

/// Whether byte `b` may start a character of either kind: a C0 control
/// (not tab, LF, CR), DEL, or the lead byte of a C1 control or of an
/// invisible character (C2 for U+0080..U+00BF, E1 for U+180E, E2 for
/// U+2xxx, EF for U+FEFF).
fn candidate(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
        || b == 0x7F
        || matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xEF)
}

impl HiddenChars {
    pub fn scan(ctx: &Context<'_>) -> HiddenChars {
        let src = &ctx.post.source;
        let bytes = src.as_bytes();
        let mut out = HiddenChars::default();
        // Decided about Hebrew and Arabic text only when a bidi control turns up.
        let mut rtl: Option<bool> = None;
        for (block, chunk) in bytes.chunks(64).enumerate() {
            // A branch-free test per 64-byte block, which the compiler
            // vectorizes; most blocks of most posts stop here.
            if !chunk.iter().fold(false, |any, &b| any | candidate(b)) {
                continue;
            }
            for (j, &b) in chunk.iter().enumerate() {
                if !candidate(b) {
                    continue;
                }
                let at = block * 64 + j;
                match b {
                    0x00..=0x1F | 0x7F => {
                        if out.controls.len() < LIMIT {
                            out.controls.push(Hidden {
                                at,
                                c: char::from(b),
                            });
                        }
                    }
                    // C1 controls are C2 80..=C2 9F.
                    0xC2 if bytes.get(at + 1).is_some_and(|n| (0x80..=0x9F).contains(n)) => {
                        if out.controls.len() < LIMIT && !ctx.text().in_run(at) {
                            let c = char::from_u32(0x80 + u32::from(bytes[at + 1] - 0x80))
                                .unwrap_or('\u{80}');
                            out.controls.push(Hidden { at, c });
                        }
                    }
                    _ => {
                        if out.invisibles.len() >= LIMIT {
                            continue;
                        }
                        let Some(c) = src.get(at..).and_then(|rest| rest.chars().next()) else {
                            continue;
                        };
                        let Some((_, bidi)) = describe(c) else {
                            continue;
                        };
                        let in_rtl_text = bidi
                            && *rtl.get_or_insert_with(|| {
                                src.chars().any(|c| {
                                    matches!(classify(c), Some(Script::Hebrew | Script::Arabic))
                                })
                            });
                        if (at == 0 && c == '\u{FEFF}') || in_rtl_text || ctx.text().in_run(at) {
                            continue;
                        }
                        out.invisibles.push(Hidden { at, c });
                    }
                }
                if out.controls.len() >= LIMIT && out.invisibles.len() >= LIMIT {
                    return out;
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;
    use crate::rules::{control_character, invisible_character};

    /// Typographic punctuation starts with E2 like the invisible characters
    /// do. PL109 once looked for the next E1 byte from every candidate to
    /// the end of the file: 4 MB of `’` took 23 s in a release build.
    #[test]
    fn many_candidates_take_linear_time() {
        let src = format!("---\ntitle: x\n---\n<p>{}</p>\n", "’ ".repeat(1_000_000));
        let start = std::time::Instant::now();
        assert!(check(&invisible_character::RULE, &src).is_empty());
        assert!(check(&control_character::RULE, &src).is_empty());
        assert!(start.elapsed().as_secs() < 10, "{:?}", start.elapsed());
    }

    /// One kind at its limit does not end the scan for the other.
    #[test]
    fn each_kind_has_its_own_limit() {
        let count = |rule, src: &str| check(rule, src).len();
        let controls = format!(
            "---\ntitle: a\n---\n<p>{}</p>\n<p>a\u{200B}b\u{81}c\u{2060}</p>\n",
            "\u{0B}".repeat(150)
        );
        assert_eq!(count(&control_character::RULE, &controls), 100);
        assert_eq!(count(&invisible_character::RULE, &controls), 2);
        let invisibles = format!(
            "---\ntitle: a\n---\n<p>{}</p>\n<p>a\u{0}b</p>\n",
            "\u{AD}".repeat(150)
        );
        assert_eq!(count(&invisible_character::RULE, &invisibles), 100);
        assert_eq!(count(&control_character::RULE, &invisibles), 1);
    }
}
