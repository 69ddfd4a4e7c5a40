//! The single-byte code pages UTF-8 gets misread as, the byte each of their
//! characters stands for, and a fast pre-filter that says which of them may
//! have left damage in a text at all.

use std::sync::OnceLock;

use super::codepages::{CP437, ISO_8859_2, MAC_ROMAN, WINDOWS_1250, WINDOWS_1251};
use super::cp1252;

/// A code page that UTF-8 bytes were decoded with by mistake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Codepage {
    /// Windows-1252 as browsers decode it (Latin-1 C1 controls included).
    Windows1252,
    MacRoman,
    Cp437,
    Windows1250,
    Iso8859_2,
    Windows1251,
}

impl Codepage {
    /// The code pages besides Windows-1252, in the order they are tried.
    pub const OTHERS: [Codepage; 5] = [
        Codepage::Windows1251,
        Codepage::MacRoman,
        Codepage::Windows1250,
        Codepage::Iso8859_2,
        Codepage::Cp437,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Codepage::Windows1252 => "Windows-1252",
            Codepage::MacRoman => "Mac OS Roman",
            Codepage::Cp437 => "DOS code page 437",
            Codepage::Windows1250 => "Windows-1250",
            Codepage::Iso8859_2 => "ISO-8859-2",
            Codepage::Windows1251 => "Windows-1251",
        }
    }

    fn table(self) -> Option<&'static [char; 128]> {
        match self {
            Codepage::Windows1252 => None,
            Codepage::MacRoman => Some(&MAC_ROMAN),
            Codepage::Cp437 => Some(&CP437),
            Codepage::Windows1250 => Some(&WINDOWS_1250),
            Codepage::Iso8859_2 => Some(&ISO_8859_2),
            Codepage::Windows1251 => Some(&WINDOWS_1251),
        }
    }

    /// The bit of this code page in `mask_of` and `suspects`.
    fn bit(self) -> u8 {
        match self {
            Codepage::Windows1252 => 0,
            Codepage::MacRoman => 1,
            Codepage::Cp437 => 1 << 1,
            Codepage::Windows1250 => 1 << 2,
            Codepage::Iso8859_2 => 1 << 3,
            Codepage::Windows1251 => 1 << 4,
        }
    }

    /// The byte ≥ 0x80 that `c` stands for in this code page.
    pub fn byte_of(self, c: char) -> Option<u8> {
        match self.table() {
            None => cp1252::byte_of(c),
            Some(table) => {
                if c.is_ascii() {
                    return None;
                }
                table.iter().position(|&t| t == c).map(|i| 0x80 + i as u8)
            }
        }
    }
}

/// Per character, for each code page `k` of `OTHERS` (bit `k` of a byte):
/// byte 0 of the mask says it is a lead byte of a two-byte sequence
/// (0xC2..=0xDF) there, byte 1 of a three-byte one (0xE0..=0xEF), byte 2 of
/// a four-byte one (0xF0..=0xF4), byte 3 a continuation byte (0x80..=0xBF).
struct Masks {
    /// U+0080..=U+07FF (two-byte UTF-8).
    two: Vec<u32>,
    /// U+2000..=U+25FF (punctuation, math, box drawing).
    three: Vec<u32>,
    /// Characters outside both ranges (`ﬁ`, `ﬂ`, the Apple logo).
    rest: Vec<(char, u32)>,
}

const LEAD2: u32 = 0;
const LEAD3: u32 = 8;
const LEAD4: u32 = 16;
const CONT: u32 = 24;

/// The code page bits of one part of a mask.
fn part(mask: u32, shift: u32) -> u8 {
    (mask >> shift) as u8
}

fn masks() -> &'static Masks {
    static MASKS: OnceLock<Masks> = OnceLock::new();
    MASKS.get_or_init(|| {
        let mut m = Masks {
            two: vec![0; 0x780],
            three: vec![0; 0x600],
            rest: Vec::new(),
        };
        for cp in Codepage::OTHERS {
            let Some(table) = cp.table() else { continue };
            for (i, &c) in table.iter().enumerate() {
                let b = 0x80 + i;
                let shift = match b {
                    0x80..=0xBF => CONT,
                    0xC2..=0xDF => LEAD2,
                    0xE0..=0xEF => LEAD3,
                    0xF0..=0xF4 => LEAD4,
                    _ => continue,
                };
                let bits = u32::from(cp.bit()) << shift;
                let u = c as usize;
                match u {
                    0x80..=0x7FF => m.two[u - 0x80] |= bits,
                    0x2000..=0x25FF => m.three[u - 0x2000] |= bits,
                    _ => match m.rest.iter_mut().find(|(r, _)| *r == c) {
                        Some((_, v)) => *v |= bits,
                        None => m.rest.push((c, bits)),
                    },
                }
            }
        }
        m
    })
}

/// The lead and continuation bits of `c` (see `Masks`).
fn mask_of(c: char) -> u32 {
    let m = masks();
    let u = c as usize;
    match u {
        0x80..=0x7FF => m.two[u - 0x80],
        0x2000..=0x25FF => m.three[u - 0x2000],
        0xF000..=0xFFFF => m.rest.iter().find(|(r, _)| *r == c).map_or(0, |r| r.1),
        _ => 0,
    }
}

/// Where damage of the code pages of `OTHERS` can be, found in one pass.
#[derive(Debug, Default)]
pub struct Suspects {
    /// Byte offsets (in the text given) of a lead character directly
    /// followed by the continuation characters it needs, with the bits of
    /// the code pages where that holds; sorted.
    pub pairs: Vec<(usize, u8)>,
    /// Whether the text has a C1 control character (U+0080..=U+009F).
    pub c1: bool,
}

impl Suspects {
    /// Whether code page `cp` has a pair anywhere.
    pub fn any(&self, cp: Codepage) -> bool {
        self.pairs.iter().any(|(_, bits)| bits & cp.bit() != 0)
    }

    /// The first pair of `cp` at or after `from`.
    pub fn next(&self, cp: Codepage, from: usize) -> Option<usize> {
        let i = self.pairs.partition_point(|(at, _)| *at < from);
        self.pairs
            .get(i..)?
            .iter()
            .find(|(_, bits)| bits & cp.bit() != 0)
            .map(|(at, _)| *at)
    }
}

/// The places in `text` where a lead character of a code page of `OTHERS`
/// is directly followed by a continuation character of the same one: the
/// only places its damage can be. One pass over the bytes, eight at a time
/// through ASCII, with no decoding of characters that cannot match (CJK,
/// most scripts), so text without damage costs little.
pub fn suspects(text: &str) -> Suspects {
    let bytes = text.as_bytes();
    let mut out = Suspects::default();
    // 64-byte blocks where no byte that can start a lead character is
    // followed, one character on, by bytes that can start a continuation
    // character are skipped by a branch-free test the compiler vectorizes;
    // the others are walked character by character, from a little before
    // the block to a little after it.
    const BLOCK: usize = 64;
    let mut start = 0;
    while start < bytes.len() {
        let end = (start + BLOCK).min(bytes.len());
        let hit = match bytes
            .get(start..start + BLOCK + 4)
            .and_then(|w| <&[u8; BLOCK + 4]>::try_from(w).ok())
        {
            Some(w) => {
                // Fixed bounds, so the loops vectorize. First the cheap
                // test: a byte that can start a lead character at all
                // (none in ASCII, CJK, Arabic, ...).
                let mut any_lead = 0u8;
                for &x in &w[..BLOCK] {
                    any_lead |= u8::from(may_lead(x));
                }
                if any_lead == 0 {
                    start = end;
                    continue;
                }
                let mut hit = 0u8;
                for k in 0..BLOCK {
                    // A two-byte lead has its continuation at +2, a three-byte one at +3.
                    hit |= u8::from(may_lead(w[k]))
                        & (u8::from(may_continue(w[k + 2], w[k + 3]))
                            | u8::from(may_continue(w[k + 3], w[k + 4])));
                }
                hit != 0
            }
            // The last few bytes of the text.
            None => true,
        };
        if hit {
            let mut from = start.saturating_sub(12);
            while !text.is_char_boundary(from) {
                from += 1;
            }
            walk(text, from, (end + 12).min(bytes.len()), &mut out);
        }
        start = end;
    }
    // C1 controls are C2 80..=C2 9F.
    out.c1 = memchr::memchr_iter(0xC2, bytes).any(|i| {
        bytes
            .get(i + 1)
            .is_some_and(|&b| (0x80..=0x9F).contains(&b))
    });
    // Three-byte finds come after the two-byte find of a later lead, and
    // blocks overlap.
    out.pairs.sort_unstable();
    out.pairs.dedup_by(|b, a| {
        let same = a.0 == b.0;
        if same {
            a.1 |= b.1;
        }
        same
    });
    out
}

/// Whether the UTF-8 bytes `x`, `y` may start a character that is a
/// continuation byte in one of `OTHERS` (checked against the tables in the
/// tests): Latin-1 and Latin Extended-A, spacing modifiers, `π` `Ω`,
/// Cyrillic Ѐ..Џ, ѐ..џ, Ґ ґ, and the punctuation, math and box drawing of
/// U+2000..U+25FF. Cyrillic а..я and most Greek are not.
#[inline(always)]
fn may_continue(x: u8, y: u8) -> bool {
    // Comparisons only, no branches: this runs on every byte.
    (x.wrapping_sub(0xC2) < 5)
        | (x == 0xCB)
        | (x == 0xD2)
        | (x == 0xE2)
        | ((x == 0xCE) & (y == 0xA9))
        | ((x == 0xCF) & (y == 0x80))
        | ((x == 0xD0) & (y < 0x90))
        | ((x == 0xD1) & (y.wrapping_sub(0x90) < 0x10))
}

/// Whether byte `x` may start a character that is a lead byte (0xC2..=0xF4)
/// in one of `OTHERS` (checked against the tables in the tests).
#[inline(always)]
fn may_lead(x: u8) -> bool {
    (x.wrapping_sub(0xC2) < 5) | (x.wrapping_sub(0xCE) < 4) | (x == 0xE2) | (x == 0xEF)
}

/// The pairs of `text[from..to]` (whole characters; the last may end past `to`).
fn walk(text: &str, from: usize, to: usize, out: &mut Suspects) {
    let m = masks();
    let bytes = text.as_bytes();
    // The masks and offsets of the last three characters (ASCII resets them).
    let (mut p1, mut p2, mut p3) = (0u32, 0u32, 0u32);
    let (mut at1, mut at2, mut at3) = (0usize, 0usize, 0usize);
    let mut i = from;
    while i < to {
        let b = bytes[i];
        if b < 0x80 {
            (p1, p2, p3) = (0, 0, 0);
            i += 1;
            while let Some(chunk) = bytes.get(i..i + 8).filter(|_| i + 8 <= to) {
                let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0x80; 8]));
                if word & 0x8080_8080_8080_8080 != 0 {
                    break;
                }
                i += 8;
            }
            continue;
        }
        let (mask, len) = match b {
            0xC2..=0xDF => {
                let Some(&b1) = bytes.get(i + 1) else { break };
                let u = (usize::from(b & 0x1F) << 6) | usize::from(b1 & 0x3F);
                (m.two.get(u.wrapping_sub(0x80)).copied().unwrap_or(0), 2)
            }
            0xE2 => {
                let (Some(&b1), Some(&b2)) = (bytes.get(i + 1), bytes.get(i + 2)) else {
                    break;
                };
                let u = (usize::from(b1 & 0x3F) << 6) | usize::from(b2 & 0x3F);
                (m.three.get(u).copied().unwrap_or(0), 3)
            }
            0xEF => {
                let c = text.get(i..).and_then(|s| s.chars().next());
                (c.map_or(0, mask_of), 3)
            }
            0xE0..=0xEF => (0, 3),
            _ => (0, 4),
        };
        let cont = part(mask, CONT);
        if cont != 0 {
            // A lead followed by as many continuations as it needs.
            let two = part(p1, LEAD2) & cont;
            let three = part(p2, LEAD3) & part(p1, CONT) & cont;
            let four = part(p3, LEAD4) & part(p2, CONT) & part(p1, CONT) & cont;
            for (found, at) in [(two, at1), (three, at2), (four, at3)] {
                if found != 0 {
                    out.pairs.push((at, found));
                }
            }
        }
        (p3, p2, p1) = (p2, p1, mask);
        (at3, at2, at1) = (at2, at1, i);
        i += len;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_match_what_each_reading_gives() {
        // `é` (C3 A9) as each code page shows it.
        for (cp, shown) in [
            (Codepage::MacRoman, "√©"),
            (Codepage::Cp437, "├⌐"),
            (Codepage::Windows1250, "Ă©"),
            (Codepage::Windows1251, "Г©"),
        ] {
            let bytes: Vec<u8> = shown.chars().filter_map(|c| cp.byte_of(c)).collect();
            assert_eq!(bytes, [0xC3, 0xA9], "{cp:?}");
            assert!(suspects(shown).any(cp), "{cp:?}");
        }
    }

    #[test]
    fn the_block_test_lets_every_continuation_character_through() {
        for cp in Codepage::OTHERS {
            let table = cp.table().unwrap();
            for (i, &c) in table.iter().enumerate() {
                let mut buf = [0; 4];
                let b = c.encode_utf8(&mut buf).as_bytes();
                if i < 0x40 {
                    assert!(may_continue(b[0], b[1]), "{cp:?} {c:?}");
                } else if (0x42..=0x74).contains(&i) {
                    assert!(may_lead(b[0]), "{cp:?} {c:?}");
                    assert!(b.len() <= 3, "{cp:?} {c:?}");
                }
            }
        }
    }

    #[test]
    fn suspects_only_where_a_lead_meets_a_continuation() {
        assert!(suspects("plain ASCII text, 中文文本").pairs.is_empty());
        assert!(suspects("Русский текст").pairs.is_empty());
        let s = suspects("РґРѕСЂРѕРіРµ");
        assert!(s.any(Codepage::Windows1251));
        assert_eq!(s.next(Codepage::Windows1251, 1), Some(4));
        let s = suspects("a long ASCII prefix, then g√¢teaux");
        assert_eq!(s.next(Codepage::MacRoman, 0), Some(27));
        assert!(!s.c1 && suspects("x\u{92}").c1);
    }
}
