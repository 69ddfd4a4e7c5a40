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
    /// Byte offsets of every `&` and of the C3 characters (`Ã`..`ÿ`) whose
    /// next character can continue Windows-1252 damage (see `starts_1252`):
    /// where the Windows-1252 scan (and, with entities, a reference) can
    /// start; sorted.
    pub cp1252: Vec<usize>,
    /// Byte offsets of the `?` with a C3 byte in the six bytes before: the
    /// only `?` that can end lossy damage; sorted.
    pub questions: Vec<usize>,
    /// How many bytes the exact test decoded character by character: the
    /// pre-filter's cost beyond its one vectorized pass.
    pub examined: usize,
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
/// only places its damage can be. One vectorizable pass over the bytes
/// marks the lead bytes that may start such a pair; only those are decoded,
/// so text without damage costs little in any script.
pub fn suspects(text: &str) -> Suspects {
    let bytes = text.as_bytes();
    let m = masks();
    let mut out = Suspects::default();
    // Each 64-byte block (and the 4 bytes after it, for the characters that
    // follow its last leads) goes through fixed-size loops the compiler
    // vectorizes, without branches. A block with no byte that can start a
    // lead character (ASCII, CJK, Arabic, ...) is skipped at once.
    const BLOCK: usize = 64;
    let mut start = 0;
    while let Some(w) = bytes
        .get(start..start + BLOCK + 4)
        .and_then(|w| <&[u8; BLOCK + 4]>::try_from(w).ok())
    {
        // Bit 0: a two-byte lead, bit 1: a three-byte one; kept for the
        // pairs below rather than tested twice.
        let mut lead = [0u8; BLOCK];
        let mut any_lead = 0u8;
        let mut any_ascii = 0u8;
        for (l, &x) in lead.iter_mut().zip(&w[..BLOCK]) {
            *l = u8::from(may_lead2(x)) | (u8::from(may_lead3(x)) << 1);
            any_lead |= *l;
            any_ascii |= u8::from(x == b'&') | u8::from(x == b'?');
        }
        if any_lead != 0 {
            // Whether a continuation character may start at `j + 2`: one
            // test per byte, shared by the two-byte leads (whose next
            // character starts two bytes on) and the three-byte ones (three).
            let mut cont = [0u8; BLOCK + 1];
            for (j, c) in cont.iter_mut().enumerate() {
                *c = u8::from(may_continue(w[j + 2], w[j + 3]));
            }
            // Bit 0: a pair may start here. Bit 1: a candidate of the
            // Windows-1252 or lossy scan that bit 0 does not already cover
            // (a C3 byte followed by a continuation character is a pair
            // candidate too), found in the same pass: a `memchr` per C3
            // byte and one over the text for `?` cost about a fifth of the
            // scan of multilingual text.
            let mut hits = [0u8; BLOCK];
            let mut c1 = 0u8;
            for (k, h) in hits.iter_mut().enumerate() {
                let (x, y, z) = (w[k], w[k + 1], w[k + 2]);
                let other = (x == b'&')
                    | (x == b'?')
                    | ((x == 0xC3) & ((z == b'&') | (((y & 0xFE) == 0x82) & (z == b' '))));
                *h = (lead[k] & cont[k]) | ((lead[k] >> 1) & cont[k + 1]) | (u8::from(other) << 1);
                // C1 controls are C2 80..=C2 9F.
                c1 |= u8::from(x == 0xC2) & u8::from(y < 0xA0);
            }
            out.c1 |= c1 != 0;
            let mut any = 0u8;
            for &h in &hits {
                any |= h;
            }
            if any == 0 {
                start += BLOCK;
                continue;
            }
            // Eight marks at a time: a lead byte is always where a
            // character starts, so each mark is decoded as it stands.
            for (i, chunk) in hits.chunks_exact(8).enumerate() {
                let mut word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
                while word != 0 {
                    let bit = word.trailing_zeros();
                    let at = start + i * 8 + bit as usize / 8;
                    if bit % 8 == 0 {
                        out.examined += 1;
                        pair_at(text, at, m, &mut out);
                    }
                    candidate_at(bytes, at, &mut out);
                    // The whole byte: each place once.
                    word &= !(0xFF << (bit - bit % 8));
                }
            }
        } else if any_ascii != 0 {
            for (k, &x) in w[..BLOCK].iter().enumerate() {
                if x == b'&' || x == b'?' {
                    candidate_at(bytes, start + k, &mut out);
                }
            }
        }
        start += BLOCK;
    }
    // The last bytes: every lead byte, one by one.
    for at in start..bytes.len() {
        let (x, y) = (bytes[at], bytes.get(at + 1).copied().unwrap_or(0));
        out.c1 |= x == 0xC2 && y < 0xA0;
        candidate_at(bytes, at, &mut out);
        if x >= 0xC2 {
            out.examined += 1;
            pair_at(text, at, m, &mut out);
        }
    }
    out
}

/// Whether a C3 character (U+00C0..=U+00FF) followed by the bytes `y`, `z`
/// can start Windows-1252 damage: the next character can be a Windows-1252
/// continuation (C2 xx: Latin-1 and C1; C5, C6, CB: `Š`, `ƒ`, `ˆ`; E2:
/// punctuation, `€`, `™`) or an entity, or, after `Â` or `Ã`, the space of
/// a lost no-break space. Most `é` of correct text (`café `) fail here.
#[inline(always)]
fn starts_1252(y: u8, z: u8) -> bool {
    (z == 0xC2)
        | (z == 0xC5)
        | (z == 0xC6)
        | (z == 0xCB)
        | (z == 0xE2)
        | (z == b'&')
        | (((y == 0x82) | (y == 0x83)) & (z == b' '))
}

/// Records byte `at` if the Windows-1252 or the lossy scan must look there:
/// every `&`, a C3 byte that passes `starts_1252`, and a `?` with a C3 byte
/// in the six bytes before, where the lead of lossy damage would be.
fn candidate_at(bytes: &[u8], at: usize, out: &mut Suspects) {
    let starts = || matches!(bytes.get(at + 1..at + 3), Some(&[y, z]) if starts_1252(y, z));
    let c3_before = || {
        bytes
            .get(at.saturating_sub(6)..at)
            .is_some_and(|b| b.contains(&0xC3))
    };
    match bytes.get(at) {
        Some(b'&') => out.cp1252.push(at),
        Some(0xC3) if starts() => out.cp1252.push(at),
        Some(b'?') if c3_before() => out.questions.push(at),
        _ => {}
    }
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

/// Whether byte `x` may start a two-byte character that is a lead byte
/// (0xC2..=0xF4) in one of `OTHERS` (checked against the tables in the tests).
#[inline(always)]
fn may_lead2(x: u8) -> bool {
    (x.wrapping_sub(0xC2) < 5) | (x.wrapping_sub(0xCE) < 4)
}

/// The same for three-byte characters (`√`, `─`, `ﬁ`).
#[inline(always)]
fn may_lead3(x: u8) -> bool {
    (x == 0xE2) | (x == 0xEF)
}

/// The mask (see `Masks`) and length of the character at byte `i` of
/// `text`, without decoding characters no code page of `OTHERS` has.
fn mask_at(text: &str, i: usize, m: &Masks) -> (u32, usize) {
    let bytes = text.as_bytes();
    let Some(&b) = bytes.get(i) else {
        return (0, 1);
    };
    let at = |k: usize| bytes.get(i + k).map_or(0, |b| usize::from(b & 0x3F));
    match b {
        0xC2..=0xDF => {
            let u = (usize::from(b & 0x1F) << 6) | at(1);
            (m.two.get(u.wrapping_sub(0x80)).copied().unwrap_or(0), 2)
        }
        0xE2 => (m.three.get((at(1) << 6) | at(2)).copied().unwrap_or(0), 3),
        0xEF => {
            let c = text.get(i..).and_then(|s| s.chars().next());
            (c.map_or(0, mask_of), 3)
        }
        0xE0..=0xEF => (0, 3),
        0xF0..=0xFF => (0, 4),
        _ => (0, 1),
    }
}

/// Records the pair whose lead character starts at byte `at`, if there is
/// one: the lead followed by as many continuation characters as it needs.
fn pair_at(text: &str, at: usize, m: &Masks, out: &mut Suspects) {
    let (lead, len) = mask_at(text, at, m);
    let (two, three, four) = (part(lead, LEAD2), part(lead, LEAD3), part(lead, LEAD4));
    if two | three | four == 0 {
        return;
    }
    let (c1, len1) = mask_at(text, at + len, m);
    let c1 = part(c1, CONT);
    let mut bits = two & c1;
    if (three | four) & c1 != 0 {
        let (c2, len2) = mask_at(text, at + len + len1, m);
        let c2 = part(c2, CONT);
        bits |= three & c1 & c2;
        if four & c1 & c2 != 0 {
            let (c3, _) = mask_at(text, at + len + len1 + len2, m);
            bits |= four & c1 & c2 & part(c3, CONT);
        }
    }
    if bits != 0 {
        out.pairs.push((at, bits));
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
                    match b.len() {
                        2 => assert!(may_lead2(b[0]), "{cp:?} {c:?}"),
                        3 => assert!(may_lead3(b[0]), "{cp:?} {c:?}"),
                        _ => panic!("{cp:?} {c:?}"),
                    }
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

    /// The pairs and the C1 flag read character by character over the
    /// whole text, with nothing skipped: what `suspects` must find.
    /// The pairs, the C1 flag, the Windows-1252 candidates, the lossy `?`.
    type Found = (Vec<(usize, u8)>, bool, Vec<usize>, Vec<usize>);

    fn reference(text: &str) -> Found {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut pairs = Vec::new();
        for (i, &(at, c)) in chars.iter().enumerate() {
            let lead = mask_of(c);
            let cont = |k: usize| chars.get(i + k).map_or(0, |&(_, d)| part(mask_of(d), CONT));
            let bits = (part(lead, LEAD2) & cont(1))
                | (part(lead, LEAD3) & cont(1) & cont(2))
                | (part(lead, LEAD4) & cont(1) & cont(2) & cont(3));
            if bits != 0 {
                pairs.push((at, bits));
            }
        }
        let c1 = text.chars().any(|c| ('\u{80}'..='\u{9F}').contains(&c));
        // The Windows-1252 candidates and the lossy `?`, as the scans
        // found them with `memchr` before they moved here.
        let bytes = text.as_bytes();
        let mut cp1252 = Vec::new();
        let mut questions = Vec::new();
        for (at, &b) in bytes.iter().enumerate() {
            let next = bytes.get(at + 1..at + 3);
            let starts = match next {
                Some([_, 0xC2 | 0xC5 | 0xC6 | 0xCB | 0xE2 | b'&']) => true,
                Some([second, b' ']) => matches!(second, 0x82 | 0x83),
                _ => false,
            };
            if b == b'&' || (b == 0xC3 && starts) {
                cp1252.push(at);
            }
            if b == b'?' && bytes[at.saturating_sub(6)..at].contains(&0xC3) {
                questions.push(at);
            }
        }
        (pairs, c1, cp1252, questions)
    }

    fn check(text: &str) {
        let s = suspects(text);
        assert_eq!(
            (s.pairs, s.c1, s.cp1252, s.questions),
            reference(text),
            "{text:?}"
        );
    }

    /// Every pair of the corpus, damaged and correct, wherever it falls
    /// against the 64-byte blocks (shifted by up to 70 bytes), and pairs of
    /// every code page in noise.
    #[test]
    fn suspects_finds_what_a_full_reading_finds() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/mojibake/");
        let mut corpus = String::new();
        for file in ["kinds.tsv", "correct.tsv", "damaged.tsv"] {
            let text = std::fs::read_to_string(format!("{dir}{file}")).unwrap();
            // Ten thousand characters of each, so the test stays quick.
            corpus.extend(text.chars().take(10_000));
        }
        for shift in [0, 1, 2, 3, 5, 31, 60, 61, 62, 63, 64, 65, 66, 67, 70] {
            check(&format!("{}{corpus}", "x".repeat(shift)));
        }
        let mut alphabet: Vec<char> = "aé €’\u{85}\u{92}ĂРрё√─Ω中ﬁ&?ÂÃ\u{A0}".chars().collect();
        for cp in Codepage::OTHERS {
            alphabet.extend(cp.table().unwrap().iter().step_by(7));
        }
        let mut seed = 7u64;
        for _ in 0..3000 {
            let mut s = String::new();
            for _ in 0..(seed % 200) {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                s.push(alphabet[(seed >> 33) as usize % alphabet.len()]);
            }
            check(&s);
        }
    }
}
