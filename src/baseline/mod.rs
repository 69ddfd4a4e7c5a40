//! The findings baseline (`postlint-baseline.toml`): per file and rule, how
//! many findings were already there when it was written. `check` drops a
//! file's findings of a rule while they number no more than recorded and
//! shows them all once they number more (which one is new cannot be told),
//! as ESLint's suppressions file does; `fix` leaves recorded findings alone.
//! The file is named by `[rules] baseline` in `postlint.toml`, relative to
//! the config's folder, and is untrusted input like the config: its path
//! stays inside that folder and its size is bounded.
//!
//! `file.rs` finds, reads and writes the file; `apply.rs` applies the
//! baselines of a run to its reports and to `fix`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};

use crate::config::ConfigError;
use crate::lint::FileReport;

mod apply;
mod file;

pub use apply::{Applied, Baselines, Loaded, for_fix};
pub use file::{of_settings, read, resolve_path, write_file};

/// The name `init` and `postlint baseline` write, next to `postlint.toml`.
pub const FILE_NAME: &str = "postlint-baseline.toml";

/// A larger baseline is refused: a real site's is a few hundred kilobytes.
pub const MAX_SIZE: u64 = 8 * 1024 * 1024;

/// Counts of findings per file (relative to the config's folder,
/// `/`-separated) and rule code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Baseline {
    pub files: BTreeMap<String, BTreeMap<String, usize>>,
}

/// The file as written: only `[files."path"]` tables of `CODE = count`.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Written {
    #[serde(default)]
    files: BTreeMap<String, BTreeMap<String, u32>>,
}

impl Baseline {
    /// The findings of `reports` counted per file and code; the paths are
    /// made relative to `dir` (files outside it are left out).
    pub fn record<'a>(reports: impl IntoIterator<Item = &'a FileReport>, dir: &Path) -> Baseline {
        let mut files: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
        for report in reports.into_iter().filter(|r| !r.diagnostics.is_empty()) {
            let Some(key) = key_of(&report.path, dir) else {
                continue;
            };
            let counts = files.entry(key).or_default();
            for d in &report.diagnostics {
                *counts.entry(d.rule.code.to_string()).or_default() += 1;
            }
        }
        Baseline { files }
    }

    /// How many findings are recorded.
    pub fn findings(&self) -> usize {
        self.files.values().flat_map(|c| c.values()).sum()
    }

    /// Recorded findings per rule code, sorted by code.
    pub fn per_code(&self) -> BTreeMap<&str, usize> {
        let mut out: BTreeMap<&str, usize> = BTreeMap::new();
        for counts in self.files.values() {
            for (code, n) in counts {
                *out.entry(code.as_str()).or_default() += n;
            }
        }
        out
    }

    /// `12 findings in 5 files (PL301 ×8, PL305 ×4)`.
    pub fn describe(&self) -> String {
        let codes: Vec<String> = self
            .per_code()
            .iter()
            .map(|(code, n)| format!("{code} ×{n}"))
            .collect();
        format!(
            "{} in {} ({})",
            plural(self.findings(), "finding"),
            plural(self.files.len(), "file"),
            codes.join(", ")
        )
    }

    /// The file's text: a header saying what it is and how to refresh it
    /// (dated `today`), then one table per file, paths and codes sorted.
    pub fn to_toml(&self, today: jiff::Timestamp) -> String {
        let mut t = format!(
            "# Findings that were already there when this file was written (postlint {}, {}).\n\
             # `postlint check` does not report them again. A file that gets more findings of a rule\n\
             # than counted here reports them all. `postlint baseline` rewrites this file;\n\
             # `postlint check --no-baseline` shows everything.\n",
            env!("CARGO_PKG_VERSION"),
            today.strftime("%Y-%m-%d")
        );
        for (file, counts) in &self.files {
            let _ = writeln!(
                t,
                "\n[files.{}]",
                crate::conventions::config_text::quote(file)
            );
            for (code, n) in counts {
                let _ = writeln!(t, "{} = {n}", crate::conventions::config_text::key(code));
            }
        }
        t
    }

    /// Parses a baseline's text; `path` names the file in errors, which
    /// give the line of what is wrong.
    pub fn parse(text: &str, path: &Path) -> Result<Baseline, ConfigError> {
        let written: Written = toml::from_str(text).map_err(|e| {
            let message = match e.span() {
                Some(span) => format!(
                    "line {}: {}",
                    line_of(text, span.start),
                    e.message().trim_end()
                ),
                None => e.message().trim_end().to_string(),
            };
            ConfigError::Parse {
                path: path.to_path_buf(),
                message: format!("{message} (a baseline holds only `[files.\"path\"]` tables of `CODE = count`; `postlint baseline` rewrites it)"),
            }
        })?;
        let mut files = BTreeMap::new();
        for (file, counts) in written.files {
            let mut own = BTreeMap::new();
            for (code, n) in counts {
                let Some(rule) = crate::rules::ALL
                    .iter()
                    .find(|r| r.code.eq_ignore_ascii_case(&code))
                else {
                    let at = text
                        .lines()
                        .position(|l| {
                            let l = l.trim_start().trim_start_matches(['"', '\'']);
                            l.strip_prefix(code.as_str()).is_some_and(|rest| {
                                rest.trim_start_matches(['"', '\''])
                                    .trim_start()
                                    .starts_with('=')
                            })
                        })
                        .map_or(String::new(), |i| format!("line {}: ", i + 1));
                    return Err(ConfigError::Invalid {
                        path: path.to_path_buf(),
                        message: format!(
                            "{at}`{code}` is not a rule code (codes look like `PL301`; `postlint rule --all` lists them)"
                        ),
                    });
                };
                *own.entry(rule.code.to_string()).or_default() += n as usize;
            }
            files.insert(file, own);
        }
        Ok(Baseline { files })
    }
}

/// The line (from 1) holding byte `at` of `text`.
fn line_of(text: &str, at: usize) -> usize {
    text.as_bytes()
        .get(..at.min(text.len()))
        .map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count())
        + 1
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// `path` relative to `dir`, `/`-separated; `None` when it is not below it.
pub fn key_of(path: &Path, dir: &Path) -> Option<String> {
    let lexical = |p: &Path| -> Option<PathBuf> {
        let abs = std::path::absolute(p).ok()?;
        Some(
            abs.components()
                .filter(|c| *c != Component::CurDir)
                .collect(),
        )
    };
    let relative = |p: &Path, d: &Path| -> Option<String> {
        let rest = p.strip_prefix(d).ok()?;
        let parts: Vec<String> = rest
            .components()
            .map(|c| match c {
                Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect::<Option<_>>()?;
        (!parts.is_empty()).then(|| parts.join("/"))
    };
    if let (Some(p), Some(d)) = (lexical(path), lexical(dir))
        && let Some(key) = relative(&p, &d)
    {
        return Some(key);
    }
    // A `..` or a linked folder on the way: compare the real paths.
    let p = std::fs::canonicalize(path).ok()?;
    let d = std::fs::canonicalize(dir).ok()?;
    relative(&p, &d)
}

/// `path` as the user should read it: relative to the current folder when
/// below it (a discovered config's path is absolute).
pub fn shown(path: &Path) -> String {
    let cwd = std::env::current_dir().ok();
    let rel = cwd
        .as_deref()
        .and_then(|c| path.strip_prefix(c).ok())
        .or_else(|| path.strip_prefix(".").ok())
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(path);
    rel.display().to_string()
}

/// The folder of a config file (its paths are relative to it).
pub fn config_dir(config_file: &Path) -> PathBuf {
    match config_file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_round_trips_sorted_with_a_header() {
        let mut b = Baseline::default();
        b.files.insert(
            "_posts/b \"q\".md".into(),
            BTreeMap::from([("PL305".into(), 1), ("PL301".into(), 2)]),
        );
        b.files
            .insert("_posts/a.md".into(), BTreeMap::from([("PL104".into(), 1)]));
        let now: jiff::Timestamp = "2026-12-02T03:00:00Z".parse().unwrap();
        let text = b.to_toml(now);
        assert!(
            text.starts_with("# Findings that were already there"),
            "{text}"
        );
        assert!(text.contains("2026-12-02"), "{text}");
        let a = text.find("[files.\"_posts/a.md\"]").unwrap();
        let q = text.find("[files.\"_posts/b \\\"q\\\".md\"]").unwrap();
        assert!(a < q, "{text}");
        assert!(text.find("PL301 = 2").unwrap() < text.find("PL305 = 1").unwrap());
        assert_eq!(Baseline::parse(&text, Path::new("b.toml")).unwrap(), b);
        assert_eq!(b.findings(), 4);
        assert_eq!(
            b.describe(),
            "4 findings in 2 files (PL104 ×1, PL301 ×2, PL305 ×1)"
        );
    }

    #[test]
    fn bad_text_is_a_config_error_with_its_line() {
        let p = Path::new("site/postlint-baseline.toml");
        let e = Baseline::parse("[files.\"a.md\"]\nPL301 = \"two\"\n", p).unwrap_err();
        let m = e.to_string();
        assert!(
            m.contains("site/postlint-baseline.toml") && m.contains("line 2"),
            "{m}"
        );
        let e = Baseline::parse("[files.\"a.md\"]\nPL301 = 1\nPL999 = 1\n", p).unwrap_err();
        let m = e.to_string();
        assert!(
            m.contains("line 3") && m.contains("`PL999` is not a rule code"),
            "{m}"
        );
        let e = Baseline::parse("[other]\nx = 1\n", p).unwrap_err();
        assert!(e.to_string().contains("line 1"), "{e}");
        let e = Baseline::parse("[files.\"a.md\"]\nPL301 = -1\n", p).unwrap_err();
        assert!(e.to_string().contains("line 2"), "{e}");
    }

    #[test]
    fn keys_are_relative_and_slash_separated() {
        assert_eq!(
            key_of(Path::new("./site/_posts/a.md"), Path::new("site")),
            Some("_posts/a.md".into())
        );
        assert_eq!(key_of(Path::new("other/a.md"), Path::new("site")), None);
    }
}
