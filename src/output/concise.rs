//! `--format concise`: one line per finding, `path:line:col: CODE message`,
//! for grep, editors' quickfix lists and quick reading.

use std::io::{self, Write};

use crate::lint::FileReport;
use crate::location::LineIndex;

use super::Summary;

/// Writes one line per finding, then the summary line unless `quiet`.
pub fn write(
    w: &mut dyn Write,
    reports: &[FileReport],
    summary: &Summary,
    quiet: bool,
) -> io::Result<()> {
    for r in reports {
        let path = r.path.display();
        let index = LineIndex::new(&r.source);
        for d in &r.diagnostics {
            let at = index.line_col(d.range.start);
            // One finding must stay one line, whatever the message holds.
            let message = d.message.replace(['\n', '\r'], " ");
            writeln!(
                w,
                "{path}:{}:{}: {} {message}",
                at.line, at.column, d.rule.code
            )?;
        }
    }
    if !quiet {
        writeln!(w, "{}", summary.line())?;
    }
    Ok(())
}
