//! Which writing system a character belongs to, and whether it is a character
//! that real text uses: the yardstick for "the repair is more plausible".

/// Coarse writing systems; symbols and punctuation have none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    Latin,
    Greek,
    Cyrillic,
    Hebrew,
    Arabic,
    Indic,
    Thai,
    Georgian,
    /// Han, kana, Hangul and their punctuation.
    Cjk,
    /// Punctuation, symbols, emoji, spaces: fits any script.
    Common,
}

/// The script of `c`, or `None` for characters real text does not use
/// (controls, private use, unassigned, IPA, rare blocks), which a repair must
/// not produce.
pub fn classify(c: char) -> Option<Script> {
    use Script::*;
    let u = c as u32;
    Some(match u {
        0x20..=0x7E => {
            if c.is_ascii_alphabetic() {
                Latin
            } else {
                Common
            }
        }
        0xA0..=0xBF | 0xD7 | 0xF7 => Common,
        0xC0..=0xFF => Latin,
        0x100..=0x17F => Latin,
        // The parts of Latin Extended-B that living languages use: ƒ,
        // Vietnamese ơ ư, pinyin ǎ ǐ ǒ ǔ ǖ ǘ ǚ ǜ, Romanian ș ț.
        0x192 | 0x1A0 | 0x1A1 | 0x1AF | 0x1B0 | 0x1CD..=0x1DC | 0x218..=0x21B => Latin,
        0x2C6 | 0x2C7 | 0x2D8..=0x2DD => Common,
        0x386 | 0x388..=0x38A | 0x38C | 0x38E..=0x3A1 | 0x3A3..=0x3CE => Greek,
        0x400..=0x45F | 0x490..=0x4FF => Cyrillic,
        0x5D0..=0x5EA | 0x5B0..=0x5C7 | 0x5F0..=0x5F4 => Hebrew,
        0x60C | 0x61B | 0x61F | 0x621..=0x64A | 0x64B..=0x652 | 0x660..=0x669 | 0x66A..=0x6D3 => {
            Arabic
        }
        0x900..=0xDFF => Indic,
        0xE00..=0xE7F => Thai,
        0x10A0..=0x10FF => Georgian,
        0x1E00..=0x1EFF => Latin,
        0x1F00..=0x1FFF => Greek,
        // General punctuation without the invisible and bidi controls.
        0x2010..=0x2027 | 0x202F..=0x205E => Common,
        0x2070..=0x209F | 0x20A0..=0x20CF | 0x2100..=0x23FF | 0x2460..=0x27BF | 0x2900..=0x2BFF => {
            Common
        }
        // CJK and full-width punctuation go with any script.
        0x3000..=0x303F | 0xFF01..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65 => Common,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF => Cjk,
        0xFF21..=0xFF3A | 0xFF41..=0xFF5A | 0xFF66..=0xFFEF => Cjk,
        0x1F000..=0x1FAFF => Common,
        0x20000..=0x2FFFF => Cjk,
        _ => return None,
    })
}

/// Whether `c` is a letter of a script (not punctuation or a symbol).
pub fn is_letter_script(s: Script) -> bool {
    s != Script::Common
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_repairs_are_plausible() {
        for c in [
            'ë', 'é', 'ł', 'ż', 'ș', '’', '“', '—', '…', '→', '✅', '♥', '°', '·', '€', '™', 'α',
            'ж', 'א', 'ب', '中', 'こ', '한', '😀', '\u{a0}',
        ] {
            assert!(classify(c).is_some(), "{c:?}");
        }
    }

    #[test]
    fn rare_and_invisible_are_not() {
        for c in [
            '\u{26E}', '\u{252}', '\u{7D3}', '\u{713}', '\u{80}', '\u{200B}', '\u{202E}',
            '\u{E000}', '\u{FEFF}', '\u{FFFD}', '\u{34A}',
        ] {
            assert_eq!(classify(c), None, "{c:?}");
        }
    }
}
