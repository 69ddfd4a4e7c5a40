//! Windows-1252 text read as Latin-1: the bytes 0x80..=0x9F, where
//! Windows-1252 keeps its punctuation (`’ “ ” … – — €`), became C1 control
//! characters (`\u{92}` for `’`). No correct text has C1 controls, so each
//! one outside UTF-8 damage is this mix-up when its Windows-1252 character
//! fits where it stands.

use super::{Damage, Run};
use crate::span::Span;
use crate::text::cp1252::is_latin1_only;

/// Adds a run for every C1 control in `source[range]` outside `runs` whose
/// Windows-1252 character is punctuation or a symbol, keeping `runs` sorted.
pub fn scan(source: &str, range: Span, runs: &mut Vec<Run>) {
    let Some(text) = range.get(source) else {
        return;
    };
    let bytes = text.as_bytes();
    // C1 controls are C2 80..=C2 9F in UTF-8; nearly every text has none.
    if !bytes
        .windows(2)
        .any(|w| w[0] == 0xC2 && (0x80..=0x9F).contains(&w[1]))
    {
        return;
    }
    let mut found = Vec::new();
    let mut prev: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let at = range.start + i;
        if is_latin1_only(c)
            && !inside(runs, at)
            && let Some(meant) = meant(c)
            && fits(prev, meant, next)
        {
            found.push(Run {
                range: Span::new(at, at + c.len_utf8()),
                repaired: meant.to_string(),
                damage: Damage::C1,
                exact: true,
            });
        }
        prev = Some(c);
    }
    if !found.is_empty() {
        runs.extend(found);
        runs.sort_by_key(|r| r.range.start);
    }
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
        // Mac OS Roman `á` read as Latin-1, and GBK-like noise.
        assert_eq!(repaired("M\u{87}laga"), "M\u{87}laga");
        assert_eq!(repaired("\u{81}\u{92}¸"), "\u{81}\u{92}¸");
    }
}
