//! Windows-1252 as browsers decode it (WHATWG): the byte each character came
//! from, so text decoded with the wrong charset can be turned back into bytes.

/// The characters Windows-1252 puts at 0x80..=0x9F. WHATWG maps the five
/// undefined bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) to the C1 control of the
/// same value, so every byte decodes and the decoding is reversible.
const HIGH: [char; 32] = [
    '\u{20AC}', '\u{81}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{8D}', '\u{017D}', '\u{8F}',
    '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{9D}', '\u{017E}', '\u{0178}',
];

/// The byte ≥ 0x80 that `c` comes from when bytes are read as Windows-1252,
/// or as Latin-1 (whose 0x80..=0x9F are the C1 controls themselves).
pub fn byte_of(c: char) -> Option<u8> {
    let u = c as u32;
    if (0x80..=0xFF).contains(&u) {
        // Latin-1 and the C1 controls map to themselves.
        return Some(u as u8);
    }
    HIGH.iter().position(|&h| h == c).map(|i| 0x80 + i as u8)
}

/// Whether `c` can only come from Latin-1 decoding, not from Windows-1252.
pub fn is_latin1_only(c: char) -> bool {
    matches!(c as u32, 0x80..=0x9F) && !matches!(c as u32, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D)
}

/// How a UTF-8 sequence of `len` bytes starting with `lead` may continue.
pub fn utf8_len(lead: u8) -> Option<usize> {
    match lead {
        0xC2..=0xDF => Some(2),
        0xE0..=0xEF => Some(3),
        0xF0..=0xF4 => Some(4),
        _ => None,
    }
}

pub fn is_continuation(b: u8) -> bool {
    (0x80..=0xBF).contains(&b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_byte_like_encoding_rs() {
        for b in 0x80u8..=0xFF {
            let bytes = [b];
            let (text, _, errors) = encoding_rs::WINDOWS_1252.decode(&bytes);
            assert!(!errors);
            let c = text.chars().next().unwrap();
            assert_eq!(byte_of(c), Some(b), "{c:?}");
        }
    }

    #[test]
    fn latin1_controls() {
        assert_eq!(byte_of('\u{80}'), Some(0x80));
        assert!(is_latin1_only('\u{80}'));
        assert!(!is_latin1_only('\u{81}'));
        assert!(!is_latin1_only('€'));
        assert_eq!(byte_of('a'), None);
        assert_eq!(byte_of('ł'), None);
    }
}
