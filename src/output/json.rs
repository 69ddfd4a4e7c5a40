//! `--format json`: one JSON document, schema version 1 (documented in the README).

use std::io::{self, Write};

use serde::Serialize;

use crate::diagnostic::{Applicability, Diagnostic};
use crate::lint::FileReport;
use crate::location::{LineCol, LineIndex};
use crate::span::Span;

use super::Summary;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    summary: &'a Summary,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    file: String,
    code: &'static str,
    name: &'static str,
    severity: &'static str,
    message: &'a str,
    start: LineCol,
    end: LineCol,
    /// Serialized as `[start, end]`.
    byte_range: Span,
    labels: Vec<JsonLabel<'a>>,
    help: Option<&'a str>,
    fix: Option<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    message: &'a str,
    start: LineCol,
    end: LineCol,
    byte_range: Span,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    title: &'a str,
    applicability: Applicability,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    byte_range: Span,
    start: LineCol,
    end: LineCol,
    content: &'a str,
}

fn convert<'a>(report: &'a FileReport, index: &LineIndex, d: &'a Diagnostic) -> JsonDiagnostic<'a> {
    JsonDiagnostic {
        file: report.path.display().to_string(),
        code: d.rule.code,
        name: d.rule.name,
        severity: d.severity.as_str(),
        message: &d.message,
        start: index.line_col(d.range.start),
        end: index.line_col(d.range.end),
        byte_range: d.range,
        labels: d
            .labels
            .iter()
            .map(|l| JsonLabel {
                message: &l.message,
                start: index.line_col(l.range.start),
                end: index.line_col(l.range.end),
                byte_range: l.range,
            })
            .collect(),
        help: d.help.as_deref(),
        fix: d.fix.as_ref().map(|f| JsonFix {
            title: &f.title,
            applicability: f.applicability,
            edits: f
                .edits
                .iter()
                .map(|e| JsonEdit {
                    byte_range: e.range,
                    start: index.line_col(e.range.start),
                    end: index.line_col(e.range.end),
                    content: &e.content,
                })
                .collect(),
        }),
    }
}

pub fn write(w: &mut dyn Write, reports: &[FileReport], summary: &Summary) -> io::Result<()> {
    let doc = Document {
        version: 1,
        summary,
        diagnostics: reports
            .iter()
            .flat_map(|r| {
                // One index per file: positions cost a lookup, not a scan.
                let index = r.line_index();
                r.diagnostics
                    .iter()
                    .map(move |d| convert(r, &index, d))
                    .collect::<Vec<_>>()
            })
            .collect(),
    };
    let text = serde_json::to_string_pretty(&doc)?;
    writeln!(w, "{}", super::escape::json_text(&text))
}
