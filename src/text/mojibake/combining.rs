//! Combining marks left by damage: a mark's UTF-8 bytes (CC 80..=CD AF)
//! read as Windows-1252 give `Ì` or `Í` and one more character right after
//! the letter it sits on: a word struck through with U+0336 (`$Ì¶6Ì¶3Ì¶` for
//! `$̶6̶3̶`), or text in NFD from macOS (`cafeÌ\u{81}` for `café`). The main
//! scan leaves these alone, as a lone mark is not text of any script.

use super::{Damage, Run};
use crate::span::Span;
use crate::text::cp1252::{byte_of, is_latin1_only};

/// One damaged mark: `Ì¶` at `start..end`, after `base`.
struct Mark {
    start: usize,
    end: usize,
    base: char,
    mark: char,
    /// The second character is a C1 control (`\u{81}` of U+0301).
    c1: bool,
    latin1: bool,
    /// Right after a damaged run: damage on damage, whatever the base.
    after_run: bool,
}

/// Adds a run for every word of damaged combining marks in
/// `source[range]` outside `runs`, keeping `runs` sorted. `leads`: the
/// offsets in `source[range]` of the C3 8C and C3 8D (`Ì`, `Í`) there, in
/// order (found with the other lead bytes in one pass).
pub fn scan(source: &str, range: Span, leads: &[usize], runs: &mut Vec<Run>) {
    let Some(text) = range.get(source) else {
        return;
    };
    let mut marks: Vec<Mark> = Vec::new();
    for &i in leads {
        let Some(lead_byte) = text.get(i..).and_then(|t| match t.chars().next() {
            Some('Ì') => Some(0xCC),
            Some('Í') => Some(0xCD),
            _ => None,
        }) else {
            continue;
        };
        let j = i + 'Ì'.len_utf8();
        let base = text.get(..i).and_then(|t| t.chars().next_back());
        let second = text.get(j..).and_then(|t| t.chars().next());
        let (Some(base), Some(second)) = (base, second) else {
            continue;
        };
        let Some(b) = byte_of(second).filter(|b| (0x80..=0xBF).contains(b)) else {
            continue;
        };
        let Some(mark) = std::str::from_utf8(&[lead_byte, b])
            .ok()
            .and_then(|s| s.chars().next())
            .filter(|m| ('\u{300}'..='\u{36F}').contains(m))
        else {
            continue;
        };
        let at = range.start + i;
        // Marks sit on ASCII letters, digits and signs (NFD bases are ASCII
        // letters): text in a multi-byte encoding read as Latin-1, such as
        // GBK (`ÓÌÎªÀë`), puts `Ì` after Latin-1 letters.
        let after_mark = marks.last().is_some_and(|m| m.end == at);
        // Or on a letter that was damaged too (`Ã©Ì¶`: a struck-through `é`).
        let after_run = {
            let k = runs.partition_point(|r| r.range.end < at);
            runs.get(k).is_some_and(|r| r.range.end == at)
        };
        let end = range.start + j + second.len_utf8();
        // Not over a run found before (the second character may be a C1
        // control already read as Windows-1252 punctuation: `Í\u{92}`).
        if base.is_whitespace()
            || !(base.is_ascii() || after_mark || after_run)
            || super::c1::overlaps(runs, Span::new(at, end))
        {
            continue;
        }
        marks.push(Mark {
            start: at,
            end,
            base,
            mark,
            c1: matches!(second as u32, 0x80..=0x9F),
            latin1: is_latin1_only(second),
            after_run,
        });
    }
    let mut found: Vec<Run> = Vec::new();
    let mut k = 0;
    while k < marks.len() {
        // A chain: marks one base character apart (a struck-through word).
        let mut last = k;
        while let (Some(a), Some(b)) = (marks.get(last), marks.get(last + 1))
            && source
                .get(a.end..b.start)
                .is_some_and(|gap| gap.chars().count() == 1)
            // whose base is not part of a run found before (`\u{92}`, a C1
            // control read as `’`, under `Ì\u{92}`).
            && !super::c1::overlaps(runs, Span::new(a.end, b.start))
        {
            last += 1;
        }
        let chain = &marks[k..=last];
        // Where damage sits: a mark on a small letter (NFD `eÌ\u{81}`), a
        // C1 control (no correct text has one), or two marks in a row.
        // `AÍ”` (an upper-case word, then a quote) is Portuguese, alone.
        let damaged = chain.len() >= 2
            || chain.iter().any(|m| {
                m.base.is_lowercase()
                    || m.c1
                    || m.after_run
                    || (m.base.is_uppercase() && nfd_accent(m.mark))
                    || (!m.base.is_alphabetic() && marks.len() >= 2)
            });
        if damaged && let (Some(first), Some(end)) = (chain.first(), chain.last().map(|m| m.end)) {
            let mut repaired = String::new();
            let mut pos = first.start;
            for m in chain {
                repaired.push_str(source.get(pos..m.start).unwrap_or_default());
                repaired.push(m.mark);
                pos = m.end;
            }
            found.push(Run {
                range: Span::new(first.start, end),
                repaired,
                damage: if chain.iter().any(|m| m.latin1) {
                    Damage::Latin1
                } else {
                    Damage::Windows1252
                },
                exact: true,
            });
        }
        k = last + 1;
    }
    if !found.is_empty() {
        runs.extend(found);
        runs.sort_by_key(|r| r.range.start);
    }
}

/// The accents NFD text is made of (grave, acute, circumflex, tilde,
/// diaeresis, ring, caron, dot below, cedilla, ogonek), whose second
/// character is no punctuation that follows an upper-case word (`COSÌ…` is
/// Italian; U+0306 would be `Ì†`).
fn nfd_accent(mark: char) -> bool {
    matches!(
        mark as u32,
        0x300..=0x303 | 0x308 | 0x30A | 0x30C | 0x323 | 0x327 | 0x328
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repaired(text: &str) -> String {
        let mut runs = Vec::new();
        let leads: Vec<usize> = text.match_indices(['Ì', 'Í']).map(|(i, _)| i).collect();
        scan(text, Span::new(0, text.len()), &leads, &mut runs);
        let mut out = text.to_string();
        for r in runs.iter().rev() {
            out.replace_range(r.range, &r.repaired);
        }
        out
    }

    #[test]
    fn struck_through_and_nfd() {
        assert_eq!(
            repaired("was $Ì¶6Ì¶3Ì¶ now $49"),
            "was $\u{336}6\u{336}3\u{336} now $49"
        );
        assert_eq!(repaired("JÌ¶eÌ¶ jedním"), "J\u{336}e\u{336} jedním");
        assert_eq!(
            repaired("cafeÌ\u{81} and EspanÌƒa"),
            "cafe\u{301} and Espan\u{303}a"
        );
        assert_eq!(repaired("AÌˆgypten"), "A\u{308}gypten");
    }

    #[test]
    fn correct_text_is_left_alone() {
        for ok in [
            "AÍ” disse ele",
            "SAÍ– ENTREI",
            "PAÍS",
            "Ì¶ alone",
            "Í\u{AD}ndice",
            "COSÌ… E COSÌ†",
        ] {
            assert_eq!(repaired(ok), ok);
        }
    }
}
