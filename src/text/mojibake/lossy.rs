//! Windows-1252 damage that then lost bytes: a later step could not store
//! the characters outside Latin-1 and wrote `?` (`kulkÄ?` for `kulkę`,
//! `Å?Ã­jna` for `října`). The run is reported with U+FFFD where a byte was
//! lost; there is no exact repair.

use super::{Damage, Run};
use crate::span::Span;
use crate::text::cp1252::{byte_of, is_continuation, utf8_len};

/// Adds a run for every lossy sequence in `source[range]` outside `runs`,
/// keeping `runs` sorted. `questions`: the offsets in the range of the `?`
/// with a C3 byte in the six bytes before (`codepage::suspects`), where the
/// lead, a Windows-1252 character U+00C2..=U+00F4, would be; most `?` of
/// text are let go there.
pub fn scan(source: &str, range: Span, questions: &[usize], runs: &mut Vec<Run>) {
    let Some(text) = range.get(source) else {
        return;
    };
    let mut found: Vec<Run> = Vec::new();
    // Only around those `?`, from the up to three characters before each.
    for &q in questions {
        let mut from = q.saturating_sub(6);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let window_start = q.saturating_sub(12);
        let mut ctx_start = window_start;
        while !text.is_char_boundary(ctx_start) {
            ctx_start += 1;
        }
        let end = (q + 12).min(text.len());
        let mut ctx_end = end;
        while !text.is_char_boundary(ctx_end) {
            ctx_end -= 1;
        }
        let chars: Vec<(usize, char)> = text
            .get(ctx_start..ctx_end)
            .unwrap_or_default()
            .char_indices()
            .map(|(i, c)| (ctx_start + i, c))
            .collect();
        for i in 0..chars.len() {
            let at = chars[i].0;
            // Leads before the `?`, not at the start of the window (whose
            // character before is unknown there).
            if at < from || at > q || (i == 0 && ctx_start > 0) {
                continue;
            }
            let Some(n) = sequence(&chars, i) else {
                continue;
            };
            let start = range.start + at;
            let stop = range.start + chars.get(i + n).map_or(ctx_end, |c| c.0);
            let overlaps = found.last().is_some_and(|r| r.range.end > start);
            // Not over any run found before (a C1 control after the `?` is
            // one already: `â?\u{92}`).
            if !overlaps
                && stop > range.start + q
                && !super::c1::overlaps(runs, Span::new(start, stop))
            {
                found.push(Run {
                    range: Span::new(start, stop),
                    repaired: '\u{FFFD}'.to_string(),
                    damage: Damage::Lossy,
                    exact: false,
                });
            }
            break;
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
        let questions = crate::text::codepage::suspects(text).questions;
        scan(text, Span::new(0, text.len()), &questions, &mut runs);
        runs.iter().map(|r| &text[r.range]).collect()
    }

    #[test]
    fn lost_bytes_inside_words() {
        assert_eq!(found("dał on nam bobu, gdy kulkÄ? ugryznął"), ["Ä?"]);
        assert_eq!(found("przyszÅ?a"), ["Å?"]);
        assert_eq!(found("Ã?ekya"), ["Ã?"]);
        assert_eq!(found("a â?? b"), ["â??"]);
    }

    /// Found by a noise test: a lossy run must not cover a C1 run found
    /// before (`â?\u{92}`, whose `\u{92}` is `’` read as Latin-1).
    #[test]
    fn never_over_a_run_found_before() {
        let text = "x â?\u{92} y";
        let mut runs = Vec::new();
        super::super::scan(text, Span::new(0, text.len()), false, &mut runs);
        assert!(!runs.is_empty());
        for w in runs.windows(2) {
            assert!(w[0].range.end <= w[1].range.start, "{runs:?}");
        }
    }

    #[test]
    fn questions_are_not_damage() {
        assert!(found("NÃO? Qué? Voilà? É? Ä?").is_empty());
        assert!(found("what? who? Pâ??? NÃO?").is_empty());
    }
}
