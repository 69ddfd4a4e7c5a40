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

    /// Whether `c` stands for a UTF-8 lead byte (0xC2..=0xF4) here.
    pub fn is_lead(self, c: char) -> bool {
        self.byte_of(c).is_some_and(|b| (0xC2..=0xF4).contains(&b))
    }
}

/// Per character: bit `k` set when it is a lead byte in code page `k` of
/// `OTHERS`, bit `8 + k` when it is a continuation byte (0x80..=0xBF).
struct Masks {
    /// U+0080..=U+07FF (two-byte UTF-8).
    two: Vec<u16>,
    /// U+2000..=U+25FF (punctuation, math, box drawing).
    three: Vec<u16>,
    /// Characters outside both ranges (`ﬁ`, `ﬂ`, the Apple logo).
    rest: Vec<(char, u16)>,
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
                let bits = if (0xC2..=0xF4).contains(&b) {
                    u16::from(cp.bit())
                } else if b <= 0xBF {
                    u16::from(cp.bit()) << 8
                } else {
                    0
                };
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
pub fn mask_of(c: char) -> u16 {
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
    /// followed by a continuation character, with the bits of the code pages
    /// where that holds.
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
    let m = masks();
    let bytes = text.as_bytes();
    let mut out = Suspects::default();
    let mut prev_lead = 0u8;
    let mut prev_at = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            prev_lead = 0;
            i += 1;
            while let Some(chunk) = bytes.get(i..i + 8) {
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
                out.c1 |= b == 0xC2 && b1 <= 0x9F;
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
        let found = prev_lead & (mask >> 8) as u8;
        if found != 0 {
            out.pairs.push((prev_at, found));
        }
        prev_lead = mask as u8;
        prev_at = i;
        i += len;
    }
    out
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
