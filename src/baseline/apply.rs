//! The baselines of a run applied: findings recorded dropped from the
//! reports (after the cache and every pass), stale entries counted, and the
//! recorded rules switched off for `fix`.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{Baseline, config_dir, key_of, of_settings};
use crate::config::{ConfigError, Settings};
use crate::lint::FileReport;

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
}
