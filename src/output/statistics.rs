//! `--statistics`: how many findings each rule made, most frequent first.

use std::io::{self, Write};

use serde::Serialize;

use crate::diagnostic::Applicability;
use crate::lint::FileReport;

use super::Summary;

/// The findings of one rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleCount {
    pub code: &'static str,
    pub name: &'static str,
    pub count: usize,
    /// How many of them have a safe fix.
    pub fixable: usize,
}

/// Counts per rule, sorted by count (descending), then code.
pub fn counts(reports: &[FileReport]) -> Vec<RuleCount> {
    let mut out: Vec<RuleCount> = Vec::new();
    for d in reports.iter().flat_map(|r| &r.diagnostics) {
        let i = match out.iter().position(|c| c.code == d.rule.code) {
            Some(i) => i,
            None => {
                out.push(RuleCount {
                    code: d.rule.code,
                    name: d.rule.name,
                    count: 0,
                    fixable: 0,
                });
                out.len() - 1
            }
        };
        out[i].count += 1;
        if d.fix
            .as_ref()
            .is_some_and(|f| f.applicability == Applicability::Safe)
        {
            out[i].fixable += 1;
        }
    }
    out.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(b.code)));
    out
}

/// The table, then the summary line unless `quiet`.
pub fn write_text(
    w: &mut dyn Write,
    counts: &[RuleCount],
    summary: &Summary,
    quiet: bool,
) -> io::Result<()> {
    let width = counts
        .iter()
        .map(|c| c.count.to_string().len())
        .max()
        .unwrap_or(1)
        .max("count".len());
    let name_width = counts.iter().map(|c| c.name.len()).max().unwrap_or(4);
    if !counts.is_empty() {
        writeln!(
            w,
            "{:>width$}  code   {:name_width$}  fixable",
            "count", "name"
        )?;
    }
    for c in counts {
        writeln!(
            w,
            "{:>width$}  {}  {:name_width$}  {}",
            c.count, c.code, c.name, c.fixable
        )?;
    }
    if !quiet {
        writeln!(w, "{}", summary.line())?;
    }
    Ok(())
}

/// The counts as a JSON array of `{code, name, count, fixable}`.
pub fn write_json(w: &mut dyn Write, counts: &[RuleCount]) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, counts)?;
    writeln!(w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{lookup, testing};

    #[test]
    fn sorted_by_count_then_code() {
        let src = "---\ntitle: x\ndate: Mon, 14 May 2019 17:01:53 GMT  \n---\n";
        let mut diagnostics = testing::check(lookup("PL251").unwrap(), src);
        diagnostics.extend(testing::check(lookup("PL254").unwrap(), src));
        diagnostics.extend(testing::check(lookup("PL107").unwrap(), src));
        diagnostics.extend(testing::check(lookup("PL107").unwrap(), src));
        let report = FileReport {
            path: "a.html".into(),
            source: src.into(),
            diagnostics,
            ..FileReport::default()
        };
        let c = counts(&[report]);
        let codes: Vec<_> = c.iter().map(|c| (c.code, c.count)).collect();
        assert_eq!(codes, [("PL107", 2), ("PL251", 1), ("PL254", 1)]);
        assert_eq!(c[0].fixable, 2);
        let mut out = Vec::new();
        write_text(&mut out, &c, &Summary::default(), true).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "count  code   name                 fixable\n    \
                 2  PL107  trailing-whitespace  2\n    \
                 1  PL251  wrong-weekday        0\n    \
                 1  PL254  obsolete-date-form   1\n"
        );
    }
}
