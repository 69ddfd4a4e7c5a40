//! The default format: rustc-style reports through miette, grouped by file,
//! then the summary line.

use std::io::{self, Write};
use std::sync::Arc;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};

use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::lint::FileReport;

use super::Summary;

/// How to draw the reports.
#[derive(Debug, Clone, Copy)]
pub struct HumanOptions {
    pub color: bool,
    /// Column to wrap text at.
    pub width: usize,
}

/// One finding in the shape miette renders.
struct View<'a> {
    d: &'a Diagnostic,
    path: String,
    source: Option<&'a NamedSource<Arc<str>>>,
}

impl std::fmt::Debug for View<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.d.message)
    }
}

impl std::fmt::Display for View<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.source {
            Some(_) => f.write_str(&self.d.message),
            // Without a snippet the path would not show: say it here.
            None => write!(f, "{}: {}", self.path, self.d.message),
        }
    }
}

impl std::error::Error for View<'_> {}

impl miette::Diagnostic for View<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        Some(Box::new(format!(
            "{} {}",
            self.d.rule.code, self.d.rule.name
        )))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        let kind = |f: &crate::diagnostic::Fix| match f.applicability {
            Applicability::Safe => "fix",
            Applicability::Unsafe => "unsafe fix",
        };
        match (&self.d.help, &self.d.fix) {
            (Some(h), Some(f)) => Some(Box::new(format!("{h}\n{}: {}", kind(f), f.title))),
            (Some(h), None) => Some(Box::new(h.clone())),
            (None, Some(f)) => Some(Box::new(format!("{} ({} available)", f.title, kind(f)))),
            (None, None) => None,
        }
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let text: &str = self.source?.inner();
        // Snap to character boundaries inside the text, so a span can never
        // split a character or point past the end.
        let snap = |mut i: usize, up: bool| {
            i = i.min(text.len());
            while !text.is_char_boundary(i) {
                if up { i += 1 } else { i -= 1 }
            }
            i
        };
        let span = move |r: &std::ops::Range<usize>| {
            let start = snap(r.start, false);
            let end = snap(r.end.max(r.start), true);
            SourceSpan::new(start.into(), end - start)
        };
        let primary = LabeledSpan::new_primary_with_span(self.d.label.clone(), span(&self.d.range));
        let secondary = self
            .d
            .labels
            .iter()
            .map(move |l| LabeledSpan::new_with_span(Some(l.message.clone()), span(&l.range)));
        Some(Box::new(std::iter::once(primary).chain(secondary)))
    }
}

/// Writes every report, then the summary unless `quiet`.
pub fn write(
    w: &mut dyn Write,
    reports: &[FileReport],
    summary: &Summary,
    options: HumanOptions,
    quiet: bool,
) -> io::Result<()> {
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_links(false)
        .with_width(options.width);
    for report in reports.iter().filter(|r| !r.diagnostics.is_empty()) {
        let path = report.path.display().to_string();
        let named = (!report.source.is_empty())
            .then(|| NamedSource::new(&path, Arc::<str>::from(report.source.as_str())));
        for d in &report.diagnostics {
            // A zero-length source cannot show a snippet (I/O errors, binary files).
            let view = View {
                d,
                path: path.clone(),
                source: named.as_ref(),
            };
            let mut text = String::new();
            handler
                .render_report(&mut text, &view)
                .map_err(|_| io::Error::other("formatting failed"))?;
            w.write_all(text.as_bytes())?;
        }
    }
    if !quiet {
        writeln!(w, "{}", summary.line())?;
    }
    Ok(())
}
