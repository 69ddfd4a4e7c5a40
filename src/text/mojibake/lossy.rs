//! Windows-1252 damage that then lost bytes: a later step could not store
//! the characters outside Latin-1 and wrote `?` (`kulkÄ?` for `kulkę`,
//! `Å?Ã­jna` for `října`). The run is reported with U+FFFD where a byte was
//! lost; there is no exact repair.

use std::ops::Range;

use super::{Damage, Run};
use crate::text::cp1252::{byte_of, is_continuation, utf8_len};

/// Adds a run for every lossy sequence in `source[range]` outside `runs`,
/// keeping `runs` sorted.
pub fn scan(source: &str, range: Range<usize>, runs: &mut Vec<Run>) {
    let Some(text) = source.get(range.clone()) else {
        return;
    };
    if !text.contains('?') {
        return;
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match sequence(&chars, i) {
            Some(n) => {
                let start = range.start + chars[i].0;
                let end = range.start + chars.get(i + n).map_or(text.len(), |c| c.0);
                if !super::c1::inside(runs, start) {
                    found.push(Run {
                        range: start..end,
                        repaired: '\u{FFFD}'.to_string(),
                        damage: Damage::Lossy,
                        exact: false,
                    });
                }
                i += n;
            }
            None => i += 1,
        }
    }
    if !found.is_empty() {
        runs.extend(found);
        runs.sort_by_key(|r| r.range.start);
    }
}

/// The length in characters of a lossy UTF-8 sequence at `i`: a
/// Windows-1252 lead character, then the continuation characters it needs,
/// at least one of them a `?`. The lead is an upper-case letter inside a
/// word (`kulkÄ?`, `Ã?ekya`: `NÃO?` and `É?` are correct), or `â`, the lead
/// of punctuation (`â??` for `—`), with two characters after it.
fn sequence(chars: &[(usize, char)], i: usize) -> Option<usize> {
    let (_, lead) = *chars.get(i)?;
    let n = utf8_len(byte_of(lead)?)?;
    let prev = i.checked_sub(1).and_then(|p| chars.get(p)).map(|c| c.1);
    let next = chars.get(i + n).map(|c| c.1);
    let in_word = prev.is_some_and(char::is_lowercase) || next.is_some_and(char::is_lowercase);
    if !((lead.is_uppercase() && in_word) || (lead == 'â' && n == 3)) {
        return None;
    }
    let mut lost = false;
    for k in 1..n {
        let (_, c) = *chars.get(i + k)?;
        if c == '?' {
            lost = true;
        } else if !byte_of(c).is_some_and(is_continuation) {
            return None;
        }
    }
    // `â???`: more question marks than the sequence holds is emphasis.
    (lost && next != Some('?')).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        let mut runs = Vec::new();
        scan(text, 0..text.len(), &mut runs);
        runs.iter().map(|r| &text[r.range.clone()]).collect()
    }

    #[test]
    fn lost_bytes_inside_words() {
        assert_eq!(found("dał on nam bobu, gdy kulkÄ? ugryznął"), ["Ä?"]);
        assert_eq!(found("przyszÅ?a"), ["Å?"]);
        assert_eq!(found("Ã?ekya"), ["Ã?"]);
        assert_eq!(found("a â?? b"), ["â??"]);
    }

    #[test]
    fn questions_are_not_damage() {
        assert!(found("NÃO? Qué? Voilà? É? Ä?").is_empty());
        assert!(found("what? who? Pâ??? NÃO?").is_empty());
    }
}
