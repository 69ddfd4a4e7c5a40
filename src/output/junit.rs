//! `--format junit`: JUnit XML for CI services that show test reports: one
//! testsuite per checked file, one failing testcase per finding.

use std::io::{self, Write};

use crate::diagnostic::Diagnostic;
use crate::lint::FileReport;
use crate::location::LineIndex;

use super::Summary;
use super::escape::escape as visible;

/// Escapes text for an XML attribute or element, dropping the characters XML
/// 1.0 cannot hold at all (C0 controls but tab and line breaks, U+FFFE, U+FFFF).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Kept as references so attribute values keep their line breaks.
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if is_xml_char(c) => out.push(c),
            _ => {}
        }
    }
    out
}

fn is_xml_char(c: char) -> bool {
    matches!(c, '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

fn testcase(w: &mut dyn Write, file: &str, index: &LineIndex, d: &Diagnostic) -> io::Result<()> {
    let at = index.line_col(d.range.start);
    // CI services show these texts: control and bidi characters made visible.
    let message = visible(&d.message);
    let mut body = format!(
        "{file}:{}:{}: {} {}",
        at.line, at.column, d.rule.code, message
    );
    if let Some(help) = &d.help {
        body.push_str(&format!("\nhelp: {}", visible(help)));
    }
    writeln!(
        w,
        "    <testcase name=\"{} {} at {}:{}\" classname=\"{}\" file=\"{}\" line=\"{}\">",
        d.rule.code,
        d.rule.name,
        at.line,
        at.column,
        escape(file),
        escape(file),
        at.line
    )?;
    writeln!(
        w,
        "      <failure message=\"{}\" type=\"{}\">{}</failure>",
        escape(&message),
        d.severity.as_str(),
        escape(&body)
    )?;
    writeln!(w, "    </testcase>")
}

/// Writes the XML document. Files without findings get one passing testcase,
/// so the report counts every checked file.
pub fn write(w: &mut dyn Write, reports: &[FileReport], summary: &Summary) -> io::Result<()> {
    let failures = summary.errors + summary.warnings;
    let checked = || reports.iter().filter(|r| !r.skipped);
    let tests: usize = checked().map(|r| r.diagnostics.len().max(1)).sum();
    writeln!(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
    writeln!(
        w,
        "<testsuites name=\"postlint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">"
    )?;
    for r in checked() {
        let path = visible(&r.path.display().to_string()).into_owned();
        let file = escape(&path);
        let n = r.diagnostics.len();
        writeln!(
            w,
            "  <testsuite name=\"{file}\" tests=\"{}\" failures=\"{n}\" errors=\"0\">",
            n.max(1)
        )?;
        if n == 0 {
            writeln!(
                w,
                "    <testcase name=\"postlint\" classname=\"{file}\" file=\"{file}\"/>"
            )?;
        }
        let index = r.line_index();
        for d in &r.diagnostics {
            testcase(w, &path, &index, d)?;
        }
        writeln!(w, "  </testsuite>")?;
    }
    writeln!(w, "</testsuites>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_what_xml_cannot_hold() {
        assert_eq!(
            escape("<a href=\"x\">&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;"
        );
        assert_eq!(escape("a\u{0}b\u{1b}c\u{fffe}d\u{ffff}"), "abcd");
        assert_eq!(escape("x\ny\tz"), "x&#10;y&#9;z");
        assert_eq!(escape("é😀\u{85}"), "é😀\u{85}");
    }

    #[test]
    fn every_character_comes_out_valid() {
        let all: String = (0..=0x10FFFFu32).filter_map(char::from_u32).collect();
        let escaped = escape(&all);
        assert!(
            escaped
                .chars()
                .all(|c| is_xml_char(c) && !matches!(c, '<' | '>' | '"' | '\''))
        );
    }
}
