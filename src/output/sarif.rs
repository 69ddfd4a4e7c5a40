//! `--format sarif`: SARIF 2.1.0 as GitHub code scanning reads it, with every
//! rule in the tool's driver and fixes as artifact changes.

use std::io::{self, Write};

use serde_json::{Value, json};

use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::lint::FileReport;
use crate::location::LineIndex;
use crate::rules::{self, docs};

use super::paths::RepoPaths;

/// The schema the output declares (and is validated against in the tests).
pub const SCHEMA_URI: &str = "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json";

/// The base id relative artifact URIs are resolved against.
const SRCROOT: &str = "%SRCROOT%";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn rule_descriptor(rule: &rules::Rule) -> Value {
    let doc = docs::render(rule);
    json!({
        "id": rule.code,
        "name": rule.name,
        "shortDescription": { "text": rule.summary },
        "fullDescription": { "text": docs::what_it_does(rule) },
        "help": { "text": doc, "markdown": doc },
        "defaultConfiguration": { "level": level(rule.default_severity) },
        "properties": { "tags": [rule.code, rule.name] }
    })
}

/// A text region in 1-based lines and columns (counted in Unicode code
/// points, as the run's `columnKind` says), end exclusive.
fn region(index: &LineIndex, range: &crate::span::Span) -> Value {
    let start = index.line_col(range.start);
    let end = index.line_col(range.end.max(range.start));
    json!({
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line,
        "endColumn": end.column,
    })
}

fn artifact(paths: &RepoPaths, report: &FileReport) -> Value {
    match paths.uri(&report.path) {
        (uri, true) => json!({ "uri": uri, "uriBaseId": SRCROOT }),
        (uri, false) => json!({ "uri": uri }),
    }
}

fn result(paths: &RepoPaths, report: &FileReport, src: &LineIndex, d: &Diagnostic) -> Value {
    let location = json!({
        "physicalLocation": {
            "artifactLocation": artifact(paths, report),
            "region": region(src, &d.range),
        }
    });
    let mut result = json!({
        "ruleId": d.rule.code,
        "ruleIndex": rules::ALL.iter().position(|r| r.code == d.rule.code),
        "level": level(d.severity),
        "message": { "text": message(d) },
        "locations": [location],
    });
    if !d.labels.is_empty() {
        result["relatedLocations"] = d
            .labels
            .iter()
            .enumerate()
            .map(|(i, l)| {
                json!({
                    "id": i,
                    "physicalLocation": {
                        "artifactLocation": artifact(paths, report),
                        "region": region(src, &l.range),
                    },
                    "message": { "text": l.message },
                })
            })
            .collect();
    }
    if let Some(fix) = &d.fix {
        let replacements: Vec<Value> = fix
            .edits
            .iter()
            .map(|e| {
                let mut deleted = region(src, &e.range);
                deleted["byteOffset"] = json!(e.range.start);
                deleted["byteLength"] = json!(e.range.end.saturating_sub(e.range.start));
                json!({ "deletedRegion": deleted, "insertedContent": { "text": e.content } })
            })
            .collect();
        result["fixes"] = json!([{
            "description": { "text": fix.title },
            "artifactChanges": [{
                "artifactLocation": artifact(paths, report),
                "replacements": replacements,
            }],
            "properties": { "applicability": match fix.applicability {
                Applicability::Safe => "safe",
                Applicability::Unsafe => "unsafe",
            } },
        }]);
    }
    result
}

/// The message with the help on a second line: code scanning shows only the message.
fn message(d: &Diagnostic) -> String {
    match &d.help {
        Some(help) => format!("{}\nhelp: {help}", d.message),
        None => d.message.clone(),
    }
}

/// Writes one SARIF log with one run.
pub fn write(w: &mut dyn Write, reports: &[FileReport], paths: &RepoPaths) -> io::Result<()> {
    let results: Vec<Value> = reports
        .iter()
        .flat_map(|r| {
            // One index per file: positions cost a lookup, not a scan.
            let index = r.line_index();
            r.diagnostics
                .iter()
                .map(|d| result(paths, r, &index, d))
                .collect::<Vec<_>>()
        })
        .collect();
    let log = json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "postlint",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules::ALL.iter().map(|r| rule_descriptor(r)).collect::<Vec<_>>(),
            } },
            "originalUriBaseIds": { SRCROOT: { "uri": paths.root_uri() } },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let text = serde_json::to_string_pretty(&log)?;
    writeln!(w, "{}", super::escape::json_text(&text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing;

    fn report(path: &str, source: &str) -> FileReport {
        let diagnostics = testing::check(rules::lookup("PL251").unwrap(), source);
        FileReport {
            path: path.into(),
            source: source.into(),
            diagnostics,
            ..FileReport::default()
        }
    }

    #[test]
    fn results_point_into_the_repository() {
        let src = "---\ntitle: x\ndate: Mon, 14 May 2019 17:01:53 +0200\n---\n";
        let paths = RepoPaths {
            cwd: "/repo/site".into(),
            root: "/repo".into(),
        };
        let mut out = Vec::new();
        write(&mut out, &[report("_posts/a b.html", src)], &paths).unwrap();
        let v: Value = serde_json::from_slice(&out).unwrap();
        let run = &v["runs"][0];
        assert_eq!(
            run["originalUriBaseIds"]["%SRCROOT%"]["uri"],
            "file:///repo/"
        );
        let res = &run["results"][0];
        assert_eq!(res["ruleId"], "PL251");
        assert_eq!(
            run["tool"]["driver"]["rules"][res["ruleIndex"].as_u64().unwrap() as usize]["id"],
            "PL251"
        );
        let loc = &res["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], "site/_posts/a%20b.html");
        assert_eq!(loc["region"]["startLine"], 3);
        assert_eq!(loc["region"]["startColumn"], 7);
        assert_eq!(loc["region"]["endColumn"], 10);
        let rep = &res["fixes"][0]["artifactChanges"][0]["replacements"][0];
        assert_eq!(rep["insertedContent"]["text"], "Tue");
        assert_eq!(rep["deletedRegion"]["byteLength"], 3);
    }
}
