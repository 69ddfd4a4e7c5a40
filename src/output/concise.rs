//! `--format concise`: one line per finding, `path:line:col: CODE message`,
//! for grep, editors' quickfix lists and quick reading.

use std::io::{self, Write};

use crate::lint::FileReport;

use super::Summary;
use super::escape::escape;

/// Writes one line per finding, then the summary line unless `quiet`.
pub fn write(
    w: &mut dyn Write,
    reports: &[FileReport],
    summary: &Summary,
    quiet: bool,
) -> io::Result<()> {
    for r in reports {
        // One finding must stay one line, whatever the path or message holds.
        let path = escape(&r.path.display().to_string()).into_owned();
        let index = r.line_index();
        for d in &r.diagnostics {
            let at = index.line_col(d.range.start);
            let message = escape(&d.message);
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
