//! PL101 against the committed corpus (tests/data/mojibake, sources in
//! SOURCES.md): no false alarm on correct text in 24 languages and the known
//! traps; at least 99% of damaged texts found and repaired exactly; and the
//! kinds of damage beyond Windows-1252, per kind.

use postlint::text::mojibake::{self, Run};

fn rows(name: &str) -> Vec<Vec<String>> {
    let path = format!("{}/tests/data/mojibake/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    // Split on \n only: damaged fields hold U+0085, which is no line break here.
    text.split('\n')
        .filter(|l| !l.is_empty())
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

fn scan(text: &str) -> Vec<Run> {
    let mut out = Vec::new();
    mojibake::scan(text, (0..text.len()).into(), true, &mut out);
    out
}

fn apply(text: &str, runs: &[Run]) -> String {
    let mut out = String::new();
    let mut pos = 0;
    for r in runs {
        out.push_str(&text[pos..r.range.start]);
        out.push_str(&r.repaired);
        pos = r.range.end;
    }
    out.push_str(&text[pos..]);
    out
}

#[test]
fn no_false_alarm_on_correct_text_and_traps() {
    let mut checked = 0;
    let mut alarms = Vec::new();
    for file in ["correct.tsv", "traps.tsv"] {
        for row in rows(file) {
            let text = &row[2];
            checked += 1;
            let runs = scan(text);
            if !runs.is_empty() {
                alarms.push(format!("{} {}: {text} -> {:?}", row[0], row[1], runs));
            }
        }
    }
    assert!(checked >= 1300, "{checked}");
    assert!(
        alarms.is_empty(),
        "{} false alarms of {checked}:\n{}",
        alarms.len(),
        alarms.join("\n")
    );
}

#[test]
fn gbk_read_as_latin1_gets_no_utf8_repair() {
    let rows = rows("gbk_as_latin1.tsv");
    let changed: Vec<_> = rows
        .iter()
        .filter(|r| !scan(&r[1]).is_empty())
        .map(|r| r[1].clone())
        .collect();
    assert!(rows.len() >= 30);
    assert!(changed.is_empty(), "{changed:?}");
}

#[test]
fn damaged_text_is_found_and_repaired_exactly() {
    let mut total = 0;
    let mut found = 0;
    let mut exact = 0;
    let mut misses = Vec::new();
    for row in rows("damaged.tsv") {
        let (kind, damaged, original) = (&row[1], &row[2], &row[3]);
        total += 1;
        let runs = scan(damaged);
        if !runs.is_empty() {
            found += 1;
        }
        if apply(damaged, &runs) == *original {
            exact += 1;
        } else if misses.len() < 40 {
            misses.push(format!(
                "{} {kind}: {damaged} -> {}",
                row[0],
                apply(damaged, &runs)
            ));
        }
    }
    for row in rows("wild.tsv") {
        total += 1;
        let runs = scan(&row[0]);
        if !runs.is_empty() {
            found += 1;
        }
        if apply(&row[0], &runs) == row[1] {
            exact += 1;
        } else if misses.len() < 40 {
            misses.push(format!("wild: {} -> {}", row[0], apply(&row[0], &runs)));
        }
    }
    let recall = found as f64 / total as f64;
    let exact_rate = exact as f64 / total as f64;
    println!(
        "damaged: {total} texts, found {found} ({:.2}%), repaired exactly {exact} ({:.2}%)",
        recall * 100.0,
        exact_rate * 100.0
    );
    assert!(
        recall >= 0.99 && exact_rate >= 0.99,
        "recall {recall:.4}, exact {exact_rate:.4}; misses:\n{}",
        misses.join("\n")
    );
}

#[test]
fn lossy_and_quoted_cases_are_reported_not_fixed() {
    // A byte was lost: the run is reported, but with no exact repair.
    for row in rows("wild_lossy.tsv") {
        let runs = scan(&row[0]);
        assert!(
            runs.iter()
                .all(|r| r.exact || r.damage == mojibake::Damage::LostByte),
            "{row:?}"
        );
    }
    // Posts quoting mojibake on purpose are the documented limit: count only.
    let quoted = rows("quoted.tsv");
    let flagged = quoted
        .iter()
        .filter(|r| !scan(r.last().unwrap()).is_empty())
        .count();
    println!("quoted mojibake: {flagged} of {} flagged", quoted.len());
}

#[test]
#[ignore = "debugging aid: cargo test --test mojibake_corpus debug -- --ignored --nocapture"]
fn debug() {
    let text = std::env::var("MOJI").unwrap_or_default();
    for r in scan(&text) {
        println!(
            "{:?} {:?} -> {:?} {:?}",
            r.range, &text[r.range], r.repaired, r.damage
        );
    }
    println!("{}", apply(&text, &scan(&text)));
}

/// Issue 16: the languages whose letters look like mojibake lead bytes
/// (Finnish, Swedish, Vietnamese, Hungarian, Romanian, Turkish, Czech,
/// Polish, upper case too) and symbols: no false alarm.
#[test]
fn no_false_alarm_on_trap_languages() {
    let rows = rows("correct_more.tsv");
    let alarms: Vec<String> = rows
        .iter()
        .filter_map(|row| {
            let runs = scan(&row[2]);
            (!runs.is_empty()).then(|| format!("{} {}: {} -> {:?}", row[0], row[1], row[2], runs))
        })
        .collect();
    assert!(rows.len() >= 200, "{}", rows.len());
    assert!(
        alarms.is_empty(),
        "{} false alarms of {}:\n{}",
        alarms.len(),
        rows.len(),
        alarms.join("\n")
    );
}

/// The kinds of damage postlint repairs beyond UTF-8 read as Windows-1252,
/// each with the recall and exact-repair rates it must keep (issue 16 asks
/// 97% and 95%, and at least ftfy's recall: 100% for `c1`). `lossy` has no
/// exact repair by nature (bytes became `?`), only a report. Every kind:
/// no safe fix writes a character the original text does not have.
///
/// The last three kinds are damage on top of the rest of the text's damage:
/// found means a run brings their character back (a combining mark, a Greek
/// letter, U+FFFD), and `replacement` and `replacement_twice` have no exact
/// repair by nature (the character was lost before the damage).
const KINDS: [(&str, f64, f64); 14] = [
    ("macroman", 0.97, 0.95),
    ("cp437", 0.97, 0.95),
    ("cp1250", 0.97, 0.95),
    ("iso8859_2", 0.97, 0.95),
    ("cp1251", 0.97, 0.95),
    ("cp1252_cp1251", 0.97, 0.95),
    ("cesu8", 0.97, 0.95),
    ("c1", 1.0, 0.95),
    ("nbsp", 0.97, 0.95),
    ("lossy", 0.97, 0.0),
    ("combining", 0.97, 0.95),
    ("greek_in_word", 0.97, 0.95),
    ("replacement", 0.97, 0.0),
    ("replacement_twice", 0.97, 0.0),
];

/// The character a run of `kind` must bring back to count as found, for the
/// kinds added on top of other damage.
fn marker(kind: &str) -> Option<fn(char) -> bool> {
    match kind {
        "combining" => Some(|c| ('\u{300}'..='\u{36F}').contains(&c)),
        "greek_in_word" => Some(|c| ('\u{391}'..='\u{3C9}').contains(&c)),
        "replacement" | "replacement_twice" => Some(|c| c == '\u{FFFD}'),
        _ => None,
    }
}

#[test]
fn damage_beyond_windows_1252_by_kind() {
    let rows = rows("kinds.tsv");
    let mut table = Vec::new();
    let mut failed = Vec::new();
    let mut kinds: Vec<&str> = rows.iter().map(|r| r[1].as_str()).collect();
    kinds.dedup();
    for kind in kinds {
        let mine: Vec<_> = rows.iter().filter(|r| r[1] == kind).collect();
        let (mut found, mut exact, mut partly, mut misses) = (0, 0, 0, Vec::new());
        for row in &mine {
            let runs = scan(&row[2]);
            found += usize::from(match marker(kind) {
                Some(m) => runs.iter().any(|r| r.repaired.chars().any(m)),
                None => !runs.is_empty(),
            });
            let fixed = apply(
                &row[2],
                &runs.iter().filter(|r| r.exact).cloned().collect::<Vec<_>>(),
            );
            // A safe fix never writes a character that is neither in the
            // original nor in the damaged text (a wrong repair).
            let invented: String = fixed
                .chars()
                .filter(|c| !row[3].contains(*c) && !row[2].contains(*c))
                .collect();
            if !invented.is_empty() {
                failed.push(format!(
                    "{kind}: wrong safe fix {invented:?}: {} -> {fixed}",
                    row[2]
                ));
            }
            if fixed == row[3] {
                exact += 1;
            } else if misses.len() < 20 {
                misses.push(format!("    {}: {} -> {fixed} ({runs:?})", row[0], row[2]));
            }
            // Safe fixes that leave the row partly damaged (the rest is
            // reported without a fix, or missed): shown, not failed on.
            if runs.iter().any(|r| r.exact) && fixed != row[3] {
                partly += 1;
            }
        }
        let n = mine.len() as f64;
        let (recall, exact_rate) = (found as f64 / n, exact as f64 / n);
        table.push(format!(
            "{kind:>14}: {:>3} rows, found {:5.1}%, exact {:5.1}%, partly repaired {partly}",
            mine.len(),
            recall * 100.0,
            exact_rate * 100.0
        ));
        if let Some((_, want_recall, want_exact)) = KINDS.iter().find(|k| k.0 == kind)
            && (recall < *want_recall || exact_rate < *want_exact)
        {
            failed.push(format!(
                "{kind}: recall {recall:.3}, exact {exact_rate:.3}\n{}",
                misses.join("\n")
            ));
        }
    }
    println!("{}", table.join("\n"));
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// Issue 16 (speed): on correct text, the code-page pre-filter decodes only
/// the few places where a lead character meets a continuation character
/// (0.2% of the multilingual set's bytes), not whole blocks around them (24%
/// before, which made it half of the scan's time).
#[test]
fn the_code_page_prefilter_decodes_little_of_correct_text() {
    let text: String = rows("correct.tsv")
        .iter()
        .map(|r| format!("{}\n", r[2]))
        .collect();
    let s = postlint::text::codepage::suspects(&text);
    assert!(!s.pairs.is_empty());
    assert!(
        s.examined * 100 < text.len(),
        "{} of {} bytes decoded",
        s.examined,
        text.len()
    );
}

/// Issue 16: U+FFFD damaged twice (`Ã¯Â¿Â½`) is reported as lost, never
/// repaired halfway to `ï¿½`, and the rest of the text's damage is repaired
/// in the same pass: with the U+FFFD run applied too, every row reads as
/// its original.
#[test]
fn replacement_damaged_twice_is_reported_not_half_repaired() {
    let rows: Vec<_> = rows("kinds.tsv")
        .into_iter()
        .filter(|r| r[1] == "replacement_twice")
        .collect();
    assert!(rows.len() >= 100, "{}", rows.len());
    let mut wrong = Vec::new();
    for row in &rows {
        let runs = scan(&row[2]);
        let safe: Vec<Run> = runs.iter().filter(|r| r.exact).cloned().collect();
        let fixed = apply(&row[2], &safe);
        if fixed.contains("ï¿½") || apply(&row[2], &runs) != row[3] {
            wrong.push(format!("{} -> {fixed}", row[2]));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
