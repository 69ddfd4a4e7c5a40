//! Output formats. Each writes to any `io::Write`; the library never prints.

pub mod concise;
pub mod escape;
pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod paths;
pub mod sarif;
pub mod snippet;
pub mod statistics;

use crate::diagnostic::Severity;
use crate::lint::FileReport;

/// Counts for the summary line and the exit code.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    /// Files checked as posts.
    pub files: usize,
    /// Files without front matter that were not required to have it.
    pub skipped: usize,
    pub files_with_findings: usize,
    pub errors: usize,
    pub warnings: usize,
    /// The link phase, when it had something to say (checked or skipped URLs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub links: Option<crate::links::phase::LinkSummary>,
}

impl Summary {
    pub fn of(reports: &[FileReport]) -> Summary {
        let mut s = Summary::default();
        for r in reports {
            if r.skipped {
                s.skipped += 1;
                continue;
            }
            s.files += 1;
            if !r.diagnostics.is_empty() {
                s.files_with_findings += 1;
            }
            for d in &r.diagnostics {
                match d.severity {
                    Severity::Error => s.errors += 1,
                    Severity::Warning => s.warnings += 1,
                }
            }
        }
        s
    }

    /// `Found 3 errors and 1 warning in 2 of 117 files`, or `No problems found in 117 files`.
    pub fn line(&self) -> String {
        let plural = |n: usize, word: &str| {
            if n == 1 {
                format!("{n} {word}")
            } else {
                format!("{n} {word}s")
            }
        };
        let mut line = if self.errors + self.warnings == 0 {
            format!("No problems found in {}", plural(self.files, "file"))
        } else {
            let counts = match (self.errors, self.warnings) {
                (e, 0) => plural(e, "error"),
                (0, w) => plural(w, "warning"),
                (e, w) => format!("{} and {}", plural(e, "error"), plural(w, "warning")),
            };
            format!(
                "Found {counts} in {} of {}",
                self.files_with_findings,
                plural(self.files, "file")
            )
        };
        if self.skipped > 0 {
            line.push_str(&format!(
                " ({} without front matter skipped)",
                plural(self.skipped, "file")
            ));
        }
        if let Some(links) = &self.links {
            line.push_str("; ");
            line.push_str(&links.describe());
        }
        line
    }
}
