//! U+FFFD itself damaged: a decoder had already replaced a bad byte with
//! the replacement character, whose UTF-8 bytes (EF BF BD) were then read as
//! Windows-1252 (`ï¿½`), or twice (`Ã¯Â¿Â½`). Its repair is U+FFFD: the
//! character that was meant was lost before the damage, so no fix is exact.

use super::{Damage, Run};
use crate::span::Span;

/// U+FFFD read as Windows-1252 twice. One round back gives `ï¿½`, which
/// reads as text, so the main scan leaves this form to this one.
pub(super) const TWICE: &str = "Ã¯Â¿Â½";

/// The damaged forms, longest first.
pub(super) const FORMS: [(&str, u8); 2] = [(TWICE, 2), ("ï¿½", 1)];

/// Adds a run for every damaged U+FFFD in `source[range]` outside `runs`,
/// keeping `runs` sorted. `leads`: the offsets in `source[range]` of the
/// C3 AF and C3 83 (`ï`, `Ã`) there, in order (found with the other lead
/// bytes in one pass).
pub fn scan(source: &str, range: Span, leads: &[usize], runs: &mut Vec<Run>) {
    let Some(text) = range.get(source) else {
        return;
    };
    let mut found: Vec<Run> = Vec::new();
    for &i in leads {
        let rest = text.get(i..).unwrap_or_default();
        let Some((form, rounds)) = FORMS.iter().find(|(f, _)| rest.starts_with(f)) else {
            continue;
        };
        let start = range.start + i;
        let span = Span::new(start, start + form.len());
        if !super::c1::overlaps(runs, span) && !super::c1::overlaps(&found, span) {
            found.push(lost(start, span.end, *rounds));
        }
    }
    if !found.is_empty() {
        runs.extend(found);
        runs.sort_by_key(|r| r.range.start);
    }
}

fn lost(start: usize, end: usize, rounds: u8) -> Run {
    Run {
        range: Span::new(start, end),
        repaired: '\u{FFFD}'.to_string(),
        damage: Damage::LostCharacter(rounds),
        exact: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(&str, Damage)> {
        let mut runs = Vec::new();
        let leads: Vec<usize> = text.match_indices(['ï', 'Ã']).map(|(i, _)| i).collect();
        scan(text, Span::new(0, text.len()), &leads, &mut runs);
        runs.iter().map(|r| (&text[r.range], r.damage)).collect()
    }

    #[test]
    fn damaged_replacement_characters() {
        assert_eq!(
            found("Urlaubsziel fï¿½r Pedanten"),
            [("ï¿½", Damage::LostCharacter(1))]
        );
        assert_eq!(found("fÃ¯Â¿Â½r"), [("Ã¯Â¿Â½", Damage::LostCharacter(2))]);
        assert!(found("ï¿ ½ and ï½ and naïve").is_empty());
    }
}
