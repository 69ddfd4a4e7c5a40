//! `--format github`: GitHub Actions workflow commands, which the runner turns
//! into annotations on the pull request's lines.

use std::io::{self, Write};

use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::FileReport;
use crate::location::LineIndex;

use super::Summary;
use super::escape::escape;
use super::paths::RepoPaths;

/// Escapes a command's message (everything after `::`).
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value, where `:` and `,` are separators too.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(file: &str, index: &LineIndex, d: &Diagnostic) -> String {
    let kind = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let start = index.line_col(d.range.start);
    let end = index.line_col(d.range.end.max(d.range.start));
    let title = format!("{} {}", d.rule.code, d.rule.name);
    // Control characters are made visible first; the one line break kept is
    // ours, and the runner reads it back from `%0A`.
    let message = match &d.help {
        Some(help) => format!("{}\nhelp: {}", escape(&d.message), escape(help)),
        None => escape(&d.message).into_owned(),
    };
    format!(
        "::{kind} file={},line={},col={},endLine={},endColumn={},title={}::{}",
        escape_property(&escape(file)),
        start.line,
        start.column,
        end.line,
        end.column,
        escape_property(&title),
        escape_data(&message)
    )
}

/// Writes one command per finding, then the summary line unless `quiet`.
pub fn write(
    w: &mut dyn Write,
    reports: &[FileReport],
    summary: &Summary,
    paths: &RepoPaths,
    quiet: bool,
) -> io::Result<()> {
    for r in reports {
        // Annotations are placed by the path relative to the checked-out repository.
        let file = paths.relative(&r.path);
        let index = r.line_index();
        for d in &r.diagnostics {
            writeln!(w, "{}", command(&file, &index, d))?;
        }
    }
    if !quiet {
        writeln!(w, "{}", summary.line())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{lookup, testing};

    #[test]
    fn escaping() {
        assert_eq!(escape_data("50% a\r\nb: c, d"), "50%25 a%0D%0Ab: c, d");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }

    #[test]
    fn one_command_per_finding() {
        let src = "---\ntitle: x\ndate: Mon, 14 May 2019 17:01:53 +0200\n---\n";
        let d = testing::check(lookup("PL251").unwrap(), src);
        let line = command("_posts/a,b.html", &LineIndex::new(src), &d[0]);
        assert_eq!(
            line,
            "::error file=_posts/a%2Cb.html,line=3,col=7,endLine=3,endColumn=10,\
             title=PL251 wrong-weekday::14 May 2019 is a Tuesday, not a Monday%0Ahelp: write `Tue`"
        );
    }
}
