//! The findings baseline (`postlint-baseline.toml`): per file and rule, how
//! many findings were already there when it was written. `check` drops a
//! file's findings of a rule while they number no more than recorded and
//! shows them all once they number more (which one is new cannot be told),
//! as ESLint's suppressions file does; `fix` leaves recorded findings alone.
//! The file is named by `[rules] baseline` in `postlint.toml`, relative to
//! the config's folder, and is untrusted input like the config: its path
//! stays inside that folder and its size is bounded.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io::Read as _;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use crate::config::{ConfigError, Settings};
use crate::lint::FileReport;

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

/// Where `written` (the `baseline` key of `config_file`) points, refused
/// unless it is a relative path below the config's folder that goes
/// through no symbolic link: a checkout must not make postlint read or
/// write outside the site.
pub fn resolve_path(config_file: &Path, written: &str) -> Result<PathBuf, ConfigError> {
    let invalid = |why: String| ConfigError::Invalid {
        path: config_file.to_path_buf(),
        message: format!("`rules.baseline = {written:?}` {why}"),
    };
    let rel = Path::new(written);
    if written.is_empty() || rel.is_absolute() {
        return Err(invalid(
            "must be a path relative to the config's folder, such as \"postlint-baseline.toml\""
                .into(),
        ));
    }
    if rel
        .components()
        .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return Err(invalid(
            "leaves the config's folder (`..`): the baseline must be inside the site".into(),
        ));
    }
    let dir = config_dir(config_file);
    let mut at = dir.clone();
    for part in rel.components() {
        at.push(part);
        if crate::safe_fs::is_symlink(&at) {
            return Err(invalid(format!(
                "goes through `{}`, a symbolic link: postlint reads and writes its baseline only in real folders and files",
                at.strip_prefix(&dir).unwrap_or(&at).display()
            )));
        }
    }
    Ok(at)
}

/// Reads and parses the baseline at `path` (from [`resolve_path`]): a
/// regular file of at most [`MAX_SIZE`] bytes, never through a link.
pub fn read(path: &Path) -> Result<Baseline, ConfigError> {
    let read_error = |source: std::io::Error| ConfigError::Read {
        path: path.to_path_buf(),
        source,
    };
    let (file, meta) = crate::safe_fs::open_regular(path, false).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            read_error(std::io::Error::new(
                e.kind(),
                "no such file: `postlint baseline` writes it",
            ))
        } else {
            read_error(e)
        }
    })?;
    if meta.len() > MAX_SIZE {
        return Err(ConfigError::Invalid {
            path: path.to_path_buf(),
            message: format!(
                "the baseline is {} bytes, more than the {MAX_SIZE} postlint reads",
                meta.len()
            ),
        });
    }
    let mut text = String::new();
    file.take(MAX_SIZE + 1)
        .read_to_string(&mut text)
        .map_err(read_error)?;
    Baseline::parse(&text, path)
}

/// The baseline named in `settings`' config, with its path: `None` when the
/// config names none.
pub fn of_settings(settings: &Settings) -> Result<Option<(PathBuf, Baseline)>, ConfigError> {
    let (Some(source), Some(written)) = (&settings.source, &settings.config.rules.baseline) else {
        return Ok(None);
    };
    let path = resolve_path(source, written)?;
    let baseline = read(&path)?;
    Ok(Some((path, baseline)))
}

/// The baselines of a run, one per config file that names one.
#[derive(Debug, Default)]
pub struct Baselines {
    /// Per config file: its folder, the baseline's path and content.
    by_config: HashMap<PathBuf, Arc<Loaded>>,
}

#[derive(Debug)]
pub struct Loaded {
    pub dir: PathBuf,
    pub path: PathBuf,
    pub baseline: Baseline,
}

/// What applying the baselines did, for the summary.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Applied {
    /// Findings not shown because a baseline records them.
    pub hidden: usize,
    /// Entries (file and code) that count more findings than the run found,
    /// among the files checked or of files that no longer exist.
    pub stale: usize,
    /// The baselines' paths, each once.
    pub files: Vec<PathBuf>,
}

impl Baselines {
    /// Loads the baseline of each distinct config among `settings`.
    pub fn load<'a>(
        settings: impl IntoIterator<Item = &'a Settings>,
    ) -> Result<Baselines, ConfigError> {
        let mut out = Baselines::default();
        for s in settings {
            let Some(source) = &s.source else { continue };
            if out.by_config.contains_key(source) {
                continue;
            }
            if let Some((path, baseline)) = of_settings(s)? {
                let dir = config_dir(source);
                out.by_config.insert(
                    source.clone(),
                    Arc::new(Loaded {
                        dir,
                        path,
                        baseline,
                    }),
                );
            }
        }
        Ok(out)
    }

    pub fn is_empty(&self) -> bool {
        self.by_config.is_empty()
    }

    /// The baseline that applies to files under `settings`, if any.
    pub fn for_settings(&self, settings: &Settings) -> Option<&Arc<Loaded>> {
        self.by_config.get(settings.source.as_ref()?)
    }

    /// Drops from `reports` the findings the baselines record (`settings_of`
    /// gives each report's settings), and counts what was dropped and
    /// which entries are stale.
    pub fn apply<'s>(
        &self,
        reports: &mut [FileReport],
        settings_of: impl Fn(&Path) -> Option<&'s Settings>,
    ) -> Applied {
        let mut applied = Applied::default();
        if self.is_empty() {
            return applied;
        }
        let mut seen: HashMap<&Path, Vec<String>> = HashMap::new();
        for report in reports.iter_mut() {
            let Some(settings) = settings_of(&report.path) else {
                continue;
            };
            let Some(loaded) = self.for_settings(settings) else {
                continue;
            };
            let Some(key) = key_of(&report.path, &loaded.dir) else {
                continue;
            };
            let Some(recorded) = loaded.baseline.files.get(&key) else {
                continue;
            };
            let mut found: BTreeMap<&str, usize> = BTreeMap::new();
            for d in &report.diagnostics {
                *found.entry(d.rule.code).or_default() += 1;
            }
            // A rule this run does not check (`--select`, `--ignore`) finds
            // nothing, which says nothing about its entry.
            let checked = |code: &str| {
                crate::rules::ALL
                    .iter()
                    .find(|r| r.code == code)
                    .is_some_and(|r| settings.rules.is_enabled(r))
            };
            applied.stale += recorded
                .iter()
                .filter(|(code, n)| {
                    checked(code) && found.get(code.as_str()).copied().unwrap_or(0) < **n
                })
                .count();
            let hidden: Vec<&str> = found
                .iter()
                .filter(|(code, n)| recorded.get(**code).is_some_and(|r| **n <= *r))
                .map(|(code, _)| *code)
                .collect();
            let before = report.diagnostics.len();
            report
                .diagnostics
                .retain(|d| !hidden.contains(&d.rule.code));
            applied.hidden += before - report.diagnostics.len();
            seen.entry(&loaded.path).or_default().push(key);
        }
        // Entries of files that are gone count as stale too; files merely
        // not checked in this run are not judged.
        for loaded in self.by_config.values() {
            let checked = seen.get(loaded.path.as_path());
            for (file, counts) in &loaded.baseline.files {
                if checked.is_some_and(|c| c.contains(file)) {
                    continue;
                }
                let gone = std::fs::symlink_metadata(loaded.dir.join(file)).is_err();
                if gone {
                    applied.stale += counts.values().filter(|&&n| n > 0).count();
                }
            }
        }
        let mut files: Vec<PathBuf> = self.by_config.values().map(|l| l.path.clone()).collect();
        files.sort();
        files.dedup();
        applied.files = files;
        applied
    }

    /// The rules whose findings in the file at `path` (found: the codes of
    /// its findings) the baseline records, so `fix` must leave them be.
    pub fn recorded_codes(
        &self,
        settings: &Settings,
        path: &Path,
        found: &[&'static str],
    ) -> Vec<&'static str> {
        let Some(loaded) = self.for_settings(settings) else {
            return Vec::new();
        };
        let Some(recorded) = key_of(path, &loaded.dir).and_then(|k| loaded.baseline.files.get(&k))
        else {
            return Vec::new();
        };
        let mut codes: Vec<&'static str> = found.to_vec();
        codes.sort_unstable();
        codes.dedup();
        codes
            .into_iter()
            .filter(|code| {
                let n = found.iter().filter(|c| *c == code).count();
                recorded.get(*code).is_some_and(|r| n <= *r)
            })
            .collect()
    }
}

/// Writes `text` to `path` (from [`resolve_path`]): atomically over the
/// file there (src/write.rs), else as a new file; never through a link.
pub fn write_file(path: &Path, text: &str) -> Result<(), crate::write::WriteError> {
    use crate::write::WriteError;
    if crate::safe_fs::is_symlink(path) {
        return Err(WriteError::NotRegular(std::io::Error::other(
            "it is a symbolic link, which postlint does not write through",
        )));
    }
    match crate::post::read::read_capped_with_meta(path, MAX_SIZE) {
        Ok((original, seen)) => crate::write::write_atomic(path, &original, &seen, text.as_bytes()),
        Err(crate::post::read::ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
            crate::safe_fs::write_no_follow(path, text.as_bytes()).map_err(WriteError::Io)
        }
        Err(crate::post::read::ReadError::Io(e)) => Err(WriteError::Io(e)),
        Err(e) => Err(WriteError::Io(std::io::Error::other(e.to_string()))),
    }
}

/// `files` with, per file, the rules whose findings the baseline records
/// switched off, so `fix` rewrites nothing a baseline keeps: a file that
/// has more findings of a rule than recorded reports them all, and has
/// them all fixed. Only files the baselines name are linted here.
pub fn for_fix(
    files: &[(PathBuf, Arc<Settings>)],
    baselines: &Baselines,
    now: jiff::Timestamp,
) -> Vec<(PathBuf, Arc<Settings>)> {
    use rayon::prelude::*;
    if baselines.is_empty() {
        return files.to_vec();
    }
    files
        .par_iter()
        .map(|(path, settings)| {
            let named = baselines.for_settings(settings).is_some_and(|l| {
                key_of(path, &l.dir).is_some_and(|k| l.baseline.files.contains_key(&k))
            });
            if !named {
                return (path.clone(), settings.clone());
            }
            let report = crate::lint::Linter::new(settings, now)
                .lint_path(path)
                .report;
            let codes: Vec<&'static str> = report.diagnostics.iter().map(|d| d.rule.code).collect();
            let off: Vec<&'static crate::rules::Rule> = baselines
                .recorded_codes(settings, path, &codes)
                .into_iter()
                .filter_map(|code| crate::rules::ALL.iter().copied().find(|r| r.code == code))
                .collect();
            if off.is_empty() {
                (path.clone(), settings.clone())
            } else {
                (
                    path.clone(),
                    crate::conventions::gate::without(settings, &off),
                )
            }
        })
        .collect()
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
    fn paths_stay_inside_the_config_folder() {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("postlint.toml");
        assert_eq!(
            resolve_path(&config, "postlint-baseline.toml").unwrap(),
            dir.path().join("postlint-baseline.toml")
        );
        for bad in ["../x.toml", "/etc/passwd", "a/../../x.toml", ""] {
            let e = resolve_path(&config, bad).unwrap_err().to_string();
            assert!(
                e.contains("postlint.toml") && e.contains("rules.baseline"),
                "{bad}: {e}"
            );
        }
        let outside = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("out")).unwrap();
        let e = resolve_path(&config, "out/b.toml").unwrap_err().to_string();
        assert!(e.contains("symbolic link"), "{e}");
        std::os::unix::fs::symlink("/etc/passwd", dir.path().join("b.toml")).unwrap();
        assert!(resolve_path(&config, "b.toml").is_err());
    }

    #[test]
    fn large_and_missing_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.toml");
        std::fs::write(&big, vec![b'#'; MAX_SIZE as usize + 1]).unwrap();
        let e = read(&big).unwrap_err().to_string();
        assert!(e.contains("big.toml") && e.contains("more than"), "{e}");
        let e = read(&dir.path().join("none.toml")).unwrap_err().to_string();
        assert!(
            e.contains("none.toml") && e.contains("postlint baseline"),
            "{e}"
        );
    }

    /// Settings read from `dir/postlint.toml` naming `dir/b.toml`, which
    /// holds `baseline`.
    fn with_baseline(dir: &Path, baseline: &str, extra: &str) -> Settings {
        std::fs::write(dir.join("b.toml"), baseline).unwrap();
        let toml = format!("[rules]\nbaseline = \"b.toml\"\n{extra}");
        let config = crate::config::parse_config(&toml, Path::new("postlint.toml")).unwrap();
        Settings::resolve(config, Some(dir.join("postlint.toml")), dir.to_path_buf()).unwrap()
    }

    fn report(path: PathBuf, codes: &[&str]) -> FileReport {
        let diagnostics = codes
            .iter()
            .enumerate()
            .map(|(i, code)| {
                let rule = crate::rules::lookup(code).unwrap();
                crate::diagnostic::Diagnostic::new(rule, i..i + 1, "x")
            })
            .collect();
        FileReport {
            path,
            source: "0123456789".into(),
            diagnostics,
            ..FileReport::default()
        }
    }

    fn codes(r: &FileReport) -> Vec<&'static str> {
        r.diagnostics.iter().map(|d| d.rule.code).collect()
    }

    #[test]
    fn up_to_the_count_is_hidden_and_more_shows_all() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("a.md"), "").unwrap();
        std::fs::write(d.join("b.md"), "").unwrap();
        let s = with_baseline(
            d,
            "[files.\"a.md\"]\nPL301 = 2\nPL107 = 1\n[files.\"b.md\"]\nPL301 = 1\n[files.\"gone.md\"]\nPL108 = 1\n",
            "",
        );
        let baselines = Baselines::load([&s]).unwrap();
        let mut reports = vec![
            // Fewer PL301 than counted (stale), PL107 as counted: all hidden.
            report(d.join("a.md"), &["PL301", "PL107"]),
            // One PL301 more than counted: both show.
            report(d.join("b.md"), &["PL301", "PL301"]),
            // Not in the baseline: shows.
            report(d.join("c.md"), &["PL301"]),
        ];
        let applied = baselines.apply(&mut reports, |_| Some(&s));
        assert_eq!(codes(&reports[0]), Vec::<&str>::new());
        assert_eq!(codes(&reports[1]), ["PL301", "PL301"]);
        assert_eq!(codes(&reports[2]), ["PL301"]);
        assert_eq!(applied.hidden, 2);
        // a.md's PL301 counts 2 and finds 1; gone.md no longer exists.
        assert_eq!(applied.stale, 2);
        assert_eq!(applied.files, [d.join("b.toml")]);
        // A rule the run does not check finds nothing: not stale.
        let only = with_baseline(d, "[files.\"a.md\"]\nPL301 = 2\n", "ignore = [\"PL301\"]\n");
        let baselines = Baselines::load([&only]).unwrap();
        let mut reports = vec![report(d.join("a.md"), &[])];
        assert_eq!(baselines.apply(&mut reports, |_| Some(&only)).stale, 0);
        // fix leaves alone what check hides, and only that.
        let s = with_baseline(d, "[files.\"a.md\"]\nPL301 = 1\nPL107 = 1\n", "");
        let baselines = Baselines::load([&s]).unwrap();
        assert_eq!(
            baselines.recorded_codes(&s, &d.join("a.md"), &["PL301", "PL301", "PL107"]),
            ["PL107"]
        );
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
