//! Single-byte text read as Latin-1: the bytes 0x80..=0x9F became C1
//! control characters. Mostly Windows-1252, which keeps its punctuation
//! there (`\u{92}` for `’`) and a few letters (`\u{9A}` for `š`); sometimes
//! Mac OS Roman, which keeps its small accented letters there (`\u{87}` for
//! `á`). No correct text has C1 controls, so each one outside UTF-8 damage is
//! one of these mix-ups; which one, the rest of the text says.

use super::{Damage, Run};
use crate::span::Span;
use crate::text::codepages::MAC_ROMAN;

/// Adds a run for every C1 control in `source[range]` outside `runs` whose
/// Windows-1252 character is punctuation or a symbol, or that is a letter
/// inside a word, keeping `runs` sorted.
pub fn scan(source: &str, range: Span, runs: &mut Vec<Run>) {
    let Some(text) = range.get(source) else {
        return;
    };
    let bytes = text.as_bytes();
    // C1 controls are C2 80..=C2 9F in UTF-8; nearly every text has none.
    let controls: Vec<usize> = memchr::memchr_iter(0xC2, bytes)
        .filter(|&i| bytes.get(i + 1).is_some_and(|b| (0x80..=0x9F).contains(b)))
        .filter(|&i| !inside(runs, range.start + i))
        // After `Ì` or `Í`, a C1 control is the second byte of a combining
        // mark (`eÌ\u{81}` is NFD `é`): left to that scan.
        .filter(|&i| {
            !text
                .get(..i)
                .and_then(|t| t.chars().next_back())
                .is_some_and(|c| matches!(c, 'Ì' | 'Í'))
        })
        .collect();
    if controls.is_empty() {
        return;
    }
    // Each control is judged on the characters around it (outside runs),
    // never on a copy of the whole text: time and memory stay linear.
    let around = |i: usize| {
        let mut from = i.saturating_sub(WINDOW);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let mut to = (i + WINDOW).min(text.len());
        while !text.is_char_boundary(to) {
            to -= 1;
        }
        let chars: Vec<(usize, char)> = text
            .get(from..to)
            .unwrap_or_default()
            .char_indices()
            .map(|(j, c)| (from + j, c))
            .filter(|&(j, _)| !inside(runs, range.start + j))
            .collect();
        let k = chars.partition_point(|&(j, _)| j < i);
        (chars, k)
    };
    let reading = Reading::of(text, range.start, runs, &controls, &around);
    let mut found = Vec::new();
    for &i in &controls {
        let (chars, k) = around(i);
        let Some(&(_, c)) = chars.get(k) else {
            continue;
        };
        let prev = k.checked_sub(1).and_then(|p| chars.get(p)).map(|p| p.1);
        let next = chars.get(k + 1).map(|n| n.1);
        let at = range.start + i;
        let span = Span::new(at, at + c.len_utf8());
        let run = |repaired: char, damage, exact| Run {
            range: span,
            repaired: repaired.to_string(),
            damage,
            exact,
        };
        let letter = in_word(&chars, k);
        match reading {
            Reading::MacRoman => {
                if let Some(m) = mac_roman(c)
                    && letter
                {
                    found.push(run(m, Damage::C1MacRoman, true));
                }
            }
            _ => {
                if let Some(meant) = meant(c)
                    && fits(prev, meant, next)
                {
                    found.push(run(meant, Damage::C1, true));
                } else if letter && let Some(l) = cp1252_letter(c) {
                    // `vietnam\u{9A}tina`: Windows-1252 `š`, unless nothing
                    // in the text says Windows-1252 (Mac OS Roman `ö`).
                    found.push(run(l, Damage::C1, reading == Reading::Windows1252));
                } else if letter
                    && mac_fits(c, prev)
                    && let Some(m) = mac_roman(c)
                {
                    // A letter of no Windows-1252 reading (`‡` inside a
                    // word), in text that is not all Mac OS Roman damage.
                    found.push(run(m, Damage::C1MacRoman, false));
                }
            }
        }
    }
    if !found.is_empty() {
        runs.extend(found);
        runs.sort_by_key(|r| r.range.start);
    }
}

/// Bytes of context on each side of a C1 control (words are shorter).
const WINDOW: usize = 96;

fn is_c1(c: char) -> bool {
    matches!(c as u32, 0x80..=0x9F)
}

/// Which code page the C1 controls of a text come from, by what the text
/// holds besides them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    /// Windows-1252 punctuation where punctuation stands (`\u{97}` between
    /// spaces), or small Latin-1 letters (Mac OS Roman has its letters in
    /// 0x80..=0x9F, its bytes 0xE0..=0xFF are symbols and capitals).
    Windows1252,
    /// Only C1 controls inside words that Windows-1252 cannot explain there
    /// (`M\u{87}laga`: `‡` is no letter), and no other Latin-1 character,
    /// so every non-ASCII character of the text is one the fix repairs.
    MacRoman,
    /// Neither, or both: punctuation is repaired as Windows-1252, letters
    /// are reported without a fix.
    Unknown,
}

impl Reading {
    fn of(
        text: &str,
        base: usize,
        runs: &[Run],
        controls: &[usize],
        around: &dyn Fn(usize) -> (Vec<(usize, char)>, usize),
    ) -> Reading {
        let (mut cp1252, mut mac, mut other_latin1) = (false, false, false);
        // Latin-1 characters outside runs: C2 A0..=C3 BF.
        let bytes = text.as_bytes();
        for i in memchr::memchr2_iter(0xC2, 0xC3, bytes) {
            let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
                continue;
            };
            if !matches!(c as u32, 0xA0..=0xFF) || inside(runs, base + i) {
                continue;
            }
            other_latin1 = true;
            if c as u32 >= 0xDF && c != '÷' {
                cp1252 = true;
                break;
            }
        }
        for &i in controls {
            let (chars, k) = around(i);
            let Some(&(_, c)) = chars.get(k) else {
                continue;
            };
            let prev = k.checked_sub(1).and_then(|p| chars.get(p)).map(|p| p.1);
            let next = chars.get(k + 1).map(|n| n.1);
            let letter = |c: Option<char>| c.is_some_and(char::is_alphabetic);
            let space = |c: Option<char>| c.is_none_or(char::is_whitespace);
            match meant(c) {
                // Punctuation standing alone or at a word's edge.
                Some(m) if !(letter(prev) && letter(next)) && m != '‚' => {
                    if space(prev) || space(next) {
                        cp1252 = true;
                    }
                }
                // Between letters: an apostrophe, a dash or a letter of
                // Windows-1252 fits there; anything else is a letter of
                // another code page.
                Some('’' | '–' | '—') => {}
                // A Windows-1252 capital after small letters ends no word
                // (`caf\u{8E}` is Mac OS Roman `café`, not `cafŽ`).
                _ if cp1252_letter(c).is_some_and(char::is_uppercase)
                    && prev.is_some_and(char::is_lowercase)
                    && !next.is_some_and(char::is_lowercase) =>
                {
                    mac |= in_word(&chars, k);
                }
                _ if cp1252_letter(c).is_some() => {}
                _ => mac |= in_word(&chars, k) && mac_fits(c, prev),
            }
        }
        match (cp1252, mac) {
            (true, false) => Reading::Windows1252,
            (false, true) if !other_latin1 => Reading::MacRoman,
            _ => Reading::Unknown,
        }
    }
}

/// Whether the C1 control at `chars[k]` is part of a word of Latin letters:
/// an ASCII letter next to it, and more ASCII letters than anything else in
/// the word (text in a multi-byte encoding read as Latin-1, such as GBK, has
/// words of Latin-1 letters, symbols and C1 controls).
fn in_word(chars: &[(usize, char)], k: usize) -> bool {
    let part = |c: char| c.is_alphabetic() || is_c1(c);
    let prev = k.checked_sub(1).and_then(|p| chars.get(p)).map(|p| p.1);
    let next = chars.get(k + 1).map(|n| n.1);
    let ascii = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic());
    if !(ascii(prev) || ascii(next)) {
        return false;
    }
    let start = chars[..k]
        .iter()
        .rposition(|&(_, c)| !part(c))
        .map_or(0, |p| p + 1);
    let end = chars[k..]
        .iter()
        .position(|&(_, c)| !part(c))
        .map_or(chars.len(), |p| k + p);
    let word = chars.get(start..end).unwrap_or_default();
    let ascii_letters = word.iter().filter(|(_, c)| c.is_ascii_alphabetic()).count();
    ascii_letters * 2 > word.len()
}

/// Whether the Mac OS Roman letter of `c` fits after `prev`: its capitals
/// (0x80..=0x86, `Å` for `\u{81}`) never follow a small letter.
fn mac_fits(c: char, prev: Option<char>) -> bool {
    mac_roman(c).is_some_and(|m| !(m.is_uppercase() && prev.is_some_and(char::is_lowercase)))
}

/// The Mac OS Roman letter of a C1 control (all of 0x80..=0x9F are letters).
fn mac_roman(c: char) -> Option<char> {
    let i = (c as usize).checked_sub(0x80)?;
    MAC_ROMAN.get(i).copied().filter(|_| is_c1(c))
}

/// The Windows-1252 letter of a C1 control that languages write inside
/// words (`š`, `ž`, `œ`; not `ƒ` or the modifier letters).
fn cp1252_letter(c: char) -> Option<char> {
    Some(match c as u32 {
        0x8A => 'Š',
        0x8C => 'Œ',
        0x8E => 'Ž',
        0x9A => 'š',
        0x9C => 'œ',
        0x9E => 'ž',
        0x9F => 'Ÿ',
        _ => return None,
    })
}

/// Whether `span` shares a byte with one of the sorted `runs`.
pub(super) fn overlaps(runs: &[Run], span: Span) -> bool {
    let i = runs.partition_point(|r| r.range.end <= span.start);
    runs.get(i).is_some_and(|r| r.range.start < span.end)
}

/// Whether byte `at` is inside one of the sorted `runs`.
pub(super) fn inside(runs: &[Run], at: usize) -> bool {
    let i = runs.partition_point(|r| r.range.end <= at);
    runs.get(i).is_some_and(|r| r.range.start <= at)
}

/// The Windows-1252 character of a C1 control, when it is punctuation or a
/// symbol; its letters (`Š`, `œ`) are left alone, as they also read as the
/// letters of other code pages (Mac OS Roman's `á` is 0x87).
fn meant(c: char) -> Option<char> {
    let meant = match c as u32 {
        0x80 => '€',
        0x82 => '‚',
        0x84 => '„',
        0x85 => '…',
        0x86 => '†',
        0x87 => '‡',
        0x89 => '‰',
        0x8B => '‹',
        0x91 => '‘',
        0x92 => '’',
        0x93 => '“',
        0x94 => '”',
        0x95 => '•',
        0x96 => '–',
        0x97 => '—',
        0x99 => '™',
        0x9B => '›',
        _ => return None,
    };
    Some(meant)
}

/// Whether `meant` fits between `prev` and `next`: neither side is another
/// C1 control or a Latin-1 symbol (text in a multi-byte encoding read as
/// Latin-1, such as GBK, is full of those), and the punctuation stands where
/// punctuation does (`‡` between two letters is Mac OS Roman's `á`).
fn fits(prev: Option<char>, meant: char, next: Option<char>) -> bool {
    let noise = |c: Option<char>| {
        c.is_some_and(|c| {
            matches!(c as u32, 0x80..=0x9F)
                || (matches!(c as u32, 0xA1..=0xBF) && c != '«' && c != '»')
        })
    };
    if noise(prev) || noise(next) {
        return false;
    }
    let letter = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    match meant {
        // An apostrophe sits inside words (`don’t`); dashes and quotes may too.
        '’' | '–' | '—' | '“' | '”' | '‘' | '„' | '…' | '™' | '€' => true,
        // `‡`, `†`, `‰`, `•`, `‹`, `›`, `‚` between two letters are letters
        // of another code page.
        _ => !(letter(prev) && letter(next)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repaired(text: &str) -> String {
        let mut runs = Vec::new();
        scan(text, Span::new(0, text.len()), &mut runs);
        let mut out = text.to_string();
        for r in runs.iter().rev() {
            out.replace_range(r.range, &r.repaired);
        }
        out
    }

    #[test]
    fn punctuation_comes_back() {
        assert_eq!(
            repaired("\u{84}Handwerk\u{93} und \u{85} Zeit"),
            "„Handwerk“ und … Zeit"
        );
        assert_eq!(repaired("don\u{92}t \u{96} 5 \u{80}"), "don’t – 5 €");
    }

    #[test]
    fn other_damage_is_left_alone() {
        // GBK-like noise.
        assert_eq!(repaired("\u{81}\u{92}¸"), "\u{81}\u{92}¸");
        assert_eq!(repaired("Ë\u{9A}Ê\u{8A}ô"), "Ë\u{9A}Ê\u{8A}ô");
    }

    fn runs_of(text: &str) -> Vec<(String, Damage, bool)> {
        let mut runs = Vec::new();
        scan(text, Span::new(0, text.len()), &mut runs);
        runs.into_iter()
            .map(|r| (r.repaired, r.damage, r.exact))
            .collect()
    }

    /// Issue 16: Windows-1252 letters in 0x80..=0x9F (`š`), exact when the
    /// text says Windows-1252 (its punctuation, Latin-1 small letters).
    #[test]
    fn windows_1252_letters_inside_words() {
        assert_eq!(
            repaired("Vietnam \u{97} vietnam\u{9A}tina"),
            "Vietnam — vietnamština"
        );
        assert_eq!(repaired("Dánsko, dán\u{9A}tina"), "Dánsko, dánština");
        // Nothing says which code page: reported, no fix (Mac OS Roman `ö`).
        assert_eq!(
            runs_of("romania, t\u{9A}ekki"),
            [("š".to_string(), Damage::C1, false)]
        );
    }

    /// Issue 16: Mac OS Roman read as Latin-1 (`\u{87}` for `á`).
    #[test]
    fn mac_roman_read_as_latin1() {
        assert_eq!(repaired("M\u{87}laga y C\u{87}diz"), "Málaga y Cádiz");
        assert_eq!(repaired("Beyonc\u{8E}'s caf\u{8E}"), "Beyoncé's café");
        assert_eq!(
            runs_of("M\u{87}laga"),
            [("á".to_string(), Damage::C1MacRoman, true)]
        );
        // Another Latin-1 character (Mac OS Roman `–` is 0xD0, `Ð`): the
        // C1 letters are reported, not fixed, as the text is not all repaired.
        let partly = runs_of("M\u{87}laga Ð Sevilla");
        assert_eq!(partly, [("á".to_string(), Damage::C1MacRoman, false)]);
    }
}
