//! U+FFFD itself damaged: a decoder had already replaced a bad byte with
//! the replacement character, whose UTF-8 bytes (EF BF BD) were then read as
//! Windows-1252 (`ï¿½`), or twice (`Ã¯Â¿Â½`). Its repair is U+FFFD: the
//! character that was meant was lost before the damage, so no fix is exact.

use super::{Damage, Run};
use crate::span::Span;

/// The damaged forms, longest first.
const FORMS: [(&str, u8); 2] = [("Ã¯Â¿Â½", 2), ("ï¿½", 1)];

/// Adds a run for every damaged U+FFFD in `source[range]` outside `runs`,
/// keeping `runs` sorted.
pub fn scan(source: &str, range: Span, runs: &mut Vec<Run>) {
    let Some(text) = range.get(source) else {
        return;
    };
    let mut found: Vec<Run> = Vec::new();
    let finder = memchr::memmem::Finder::new("ï¿½");
    for at in finder.find_iter(text.as_bytes()) {
        // The twice-damaged form holds `Â` between, so it never contains
        // this one: each form is found on its own.
        let start = range.start + at;
        let end = start + FORMS[1].0.len();
        if !super::c1::inside(runs, start) {
            found.push(lost(start, end, 1));
        }
    }
    let twice = memchr::memmem::Finder::new(FORMS[0].0);
    for at in twice.find_iter(text.as_bytes()) {
        let start = range.start + at;
        if !super::c1::inside(runs, start) {
            found.push(lost(start, start + FORMS[0].0.len(), FORMS[0].1));
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
        scan(text, Span::new(0, text.len()), &mut runs);
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
