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
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
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
    /// The generator of the site checked (`Jekyll`), when one was found and
    /// all files belong to sites of that generator.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub generator: Option<&'static str>,
    /// How many sites the files belong to, when more than one.
    #[serde(skip_serializing_if = "is_zero")]
    pub sites: usize,
    /// Files not checked because their site does not render them as posts.
    #[serde(skip_serializing_if = "is_zero")]
    pub skipped_templates: usize,
    #[serde(skip_serializing_if = "is_zero")]
    pub skipped_ignored: usize,
    #[serde(skip_serializing_if = "is_zero")]
    pub skipped_fixtures: usize,
    /// `.mdx` content files that `files.include` leaves out.
    #[serde(skip_serializing_if = "is_zero")]
    pub skipped_mdx: usize,
    /// Rules not reported because the site does not keep their convention.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conventions: Vec<crate::conventions::gate::Note>,
    /// Findings not shown because the baseline records them (when one applies).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baselined: Option<usize>,
    /// Baseline entries that count more findings than were found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline_stale: Option<usize>,
    /// The baseline files that applied, as shown to the user.
    #[serde(skip)]
    pub baseline_files: Vec<String>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
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

    /// Adds what the walk learnt about the sites: their generator and the
    /// files it left out.
    pub fn with_sites(mut self, found: &crate::walk::Discovery) -> Summary {
        use crate::site::Generator;
        use crate::walk::Skip;
        let generators: Vec<Generator> = found.sites.iter().map(|s| s.generator).collect();
        if generators.len() > 1 {
            self.sites = generators.len();
        } else if let Some(&g) = generators.first()
            && g != Generator::Plain
        {
            self.generator = Some(g.name());
        }
        for (_, why) in &found.skipped {
            match why {
                Skip::Template => self.skipped_templates += 1,
                Skip::Ignored => self.skipped_ignored += 1,
                Skip::Fixture => self.skipped_fixtures += 1,
                Skip::Mdx => self.skipped_mdx += 1,
            }
        }
        self
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
        if let Some(generator) = self.generator {
            let article = if generator.starts_with(['A', 'E', 'I', 'O', 'U']) {
                "an"
            } else {
                "a"
            };
            line.push_str(&format!(" of {article} {generator} site"));
        } else if self.sites > 1 {
            line.push_str(&format!(" of {} sites", self.sites));
        }
        let mut skipped = Vec::new();
        if self.skipped_templates > 0 {
            skipped.push(plural(self.skipped_templates, "template"));
        }
        if self.skipped_ignored > 0 {
            let what = if self.skipped_ignored == 1 {
                "file the generator does not render"
            } else {
                "files the generator does not render"
            };
            skipped.push(format!("{} {what}", self.skipped_ignored));
        }
        if self.skipped_fixtures > 0 {
            skipped.push(format!(
                "{} of the repository's tests",
                plural(self.skipped_fixtures, "file")
            ));
        }
        if self.skipped_mdx > 0 {
            skipped.push(plural(self.skipped_mdx, ".mdx file"));
        }
        if self.skipped > 0 {
            skipped.push(format!(
                "{} without front matter",
                plural(self.skipped, "file")
            ));
        }
        if let Some((last, rest)) = skipped.split_last() {
            let list = if rest.is_empty() {
                last.clone()
            } else {
                format!("{} and {last}", rest.join(", "))
            };
            line.push_str(&format!(" ({list} skipped)"));
        }
        if self.skipped_mdx > 0 {
            line.push_str("; MDX is read only when `files.include` lists `*.mdx`");
        }
        if let Some(links) = &self.links {
            line.push_str("; ");
            line.push_str(&links.describe());
        }
        line.push_str(&self.baseline_line());
        line
    }

    /// `; 12 findings recorded in postlint-baseline.toml not shown`, and the
    /// stale entries, when a baseline applied.
    fn baseline_line(&self) -> String {
        let mut line = String::new();
        let file = match self.baseline_files.as_slice() {
            [one] => escape::escape(one).into_owned(),
            _ => "the baselines".to_string(),
        };
        if let Some(n) = self.baselined.filter(|&n| n > 0) {
            let what = if n == 1 { "finding" } else { "findings" };
            line.push_str(&format!("; {n} {what} recorded in {file} not shown"));
        }
        if let Some(n) = self.baseline_stale.filter(|&n| n > 0) {
            let what = if n == 1 {
                "baseline entry counts"
            } else {
                "baseline entries count"
            };
            line.push_str(&format!(
                "; {n} {what} more than they find: `postlint baseline` refreshes them"
            ));
        }
        line
    }
}
