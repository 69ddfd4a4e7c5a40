//! The default format: rustc-style reports through miette, grouped by file,
//! then the summary line.

use std::io::{self, Write};

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceSpan};

use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::lint::FileReport;
use crate::span::Span;

use super::Summary;
use super::escape::escape;
use super::snippet::Snippet;

/// How to draw the reports.
#[derive(Debug, Clone, Copy)]
pub struct HumanOptions {
    pub color: bool,
    /// Column to wrap text at.
    pub width: usize,
}

/// One finding in the shape miette renders. The path and every text are
/// escaped (see `escape`); spans are offsets in the excerpt.
struct View<'a> {
    d: &'a Diagnostic,
    path: &'a str,
    excerpt: Option<(Snippet<'a>, Vec<Span>)>,
}

impl std::fmt::Debug for View<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&escape(&self.d.message))
    }
}

impl std::fmt::Display for View<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let message = escape(&self.d.message);
        match self.excerpt {
            Some(_) => f.write_str(&message),
            // Without a snippet the path would not show: say it here.
            None => write!(f, "{}: {message}", self.path),
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
        let help = self.d.help.as_deref().map(escape);
        let title = self.d.fix.as_ref().map(|f| escape(&f.title));
        match (help, &self.d.fix, title) {
            (Some(h), Some(f), Some(t)) => Some(Box::new(format!("{h}\n{}: {t}", kind(f)))),
            (Some(h), _, _) => Some(Box::new(h.into_owned())),
            (None, Some(f), Some(t)) => Some(Box::new(format!("{t} ({} available)", kind(f)))),
            _ => None,
        }
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.excerpt
            .as_ref()
            .map(|(s, _)| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let (_, spans) = self.excerpt.as_ref()?;
        let span = |r: &Span| SourceSpan::new(r.start.into(), r.end - r.start);
        let label = |s: &str| escape(s).into_owned();
        let primary = LabeledSpan::new_primary_with_span(
            self.d.label.as_deref().map(label),
            span(spans.first()?),
        );
        let secondary = self
            .d
            .labels
            .iter()
            .zip(spans.iter().skip(1))
            .map(move |(l, r)| LabeledSpan::new_with_span(Some(label(&l.message)), span(r)));
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
        let path = escape(&report.path.display().to_string()).into_owned();
        // One index per file: each finding's excerpt costs its own size.
        let index = report.line_index();
        for d in &report.diagnostics {
            // A zero-length source cannot show a snippet (I/O errors, binary files).
            let excerpt = (!report.source.is_empty()).then(|| {
                let ranges: Vec<Span> = std::iter::once(d.range)
                    .chain(d.labels.iter().map(|l| l.range))
                    .collect();
                Snippet::new(path.clone(), &index, &ranges)
            });
            let view = View {
                d,
                path: &path,
                excerpt,
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
