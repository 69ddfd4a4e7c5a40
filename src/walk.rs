//! From the paths a user gives to the sorted list of files to check, each with
//! the settings that apply to it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::{self, ConfigError, Settings};

/// What to check, and what went wrong on the way.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Files to check, sorted by path, without repeats.
    pub files: Vec<(PathBuf, Arc<Settings>)>,
    /// Entries that could not be walked (permissions, symlink loops), with a message.
    pub errors: Vec<(PathBuf, String, Arc<Settings>)>,
    /// Arguments that do not exist.
    pub missing: Vec<PathBuf>,
}

/// Where settings come from: one file for everything (`--config`), or the
/// nearest `postlint.toml` above each file's folder.
pub enum ConfigSource {
    Fixed(Arc<Settings>),
    Discover {
        select: Vec<String>,
        ignore: Vec<String>,
        /// Settings per folder asked about, so each folder is searched once.
        by_dir: HashMap<PathBuf, Arc<Settings>>,
        /// Settings per config file, so each file is read once.
        by_file: HashMap<PathBuf, Arc<Settings>>,
    },
}

impl ConfigSource {
    pub fn discover(select: Vec<String>, ignore: Vec<String>) -> ConfigSource {
        ConfigSource::Discover {
            select,
            ignore,
            by_dir: HashMap::new(),
            by_file: HashMap::new(),
        }
    }

    /// The settings for `path`: the nearest `postlint.toml` in its folder (or
    /// itself, for a folder) or above, else the defaults.
    pub fn settings_for(&mut self, path: &Path) -> Result<Arc<Settings>, ConfigError> {
        let dir = if path.is_dir() {
            path.to_path_buf()
        } else {
            path.parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
        };
        self.settings_for_dir(&dir)
    }

    /// The settings for files in folder `dir`.
    pub fn settings_for_dir(&mut self, dir: &Path) -> Result<Arc<Settings>, ConfigError> {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        match self {
            ConfigSource::Fixed(s) => Ok(s.clone()),
            ConfigSource::Discover {
                select,
                ignore,
                by_dir,
                by_file,
            } => {
                if let Some(s) = by_dir.get(dir) {
                    return Ok(s.clone());
                }
                let found = config::discover(dir);
                let key = found.clone().unwrap_or_default();
                let settings = match by_file.get(&key) {
                    Some(s) => s.clone(),
                    None => {
                        let settings = match &found {
                            Some(file) => config::load(file)?,
                            None => {
                                Settings::defaults(std::path::absolute(".").unwrap_or_default())
                            }
                        };
                        let settings = Arc::new(settings.with_overrides(select, ignore)?);
                        by_file.insert(key, settings.clone());
                        settings
                    }
                };
                by_dir.insert(dir.to_path_buf(), settings.clone());
                Ok(settings)
            }
        }
    }
}

/// Walks `paths`. Files named explicitly are always checked; folders are walked
/// honouring ignore files and the include/exclude globs.
pub fn discover(paths: &[PathBuf], configs: &mut ConfigSource) -> Result<Discovery, ConfigError> {
    let mut out = Discovery::default();
    for path in paths {
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                // A dangling symlink exists but cannot be followed.
                if std::fs::symlink_metadata(path).is_ok() {
                    let settings = configs.settings_for(path)?;
                    out.errors
                        .push((path.clone(), format!("cannot follow link: {e}"), settings));
                } else {
                    out.missing.push(path.clone());
                }
                continue;
            }
            Err(e) => {
                let settings = configs.settings_for(path)?;
                out.errors
                    .push((path.clone(), format!("cannot read: {e}"), settings));
                continue;
            }
        };
        let settings = configs.settings_for(path)?;
        if !meta.is_dir() {
            out.files.push((path.clone(), settings));
            continue;
        }
        walk_dir(path, settings, configs, &mut out)?;
    }
    out.files.sort_by(|a, b| a.0.cmp(&b.0));
    out.files.dedup_by(|a, b| a.0 == b.0);
    Ok(out)
}

/// Walks one folder. Ignore files and excluded folders follow the settings
/// found for `dir`; each file then gets the settings of its own folder.
fn walk_dir(
    dir: &Path,
    settings: Arc<Settings>,
    configs: &mut ConfigSource,
    out: &mut Discovery,
) -> Result<(), ConfigError> {
    let respect = settings.config.files.respect_gitignore;
    let filter_settings = settings.clone();
    // Globs with `/` match paths relative to the config's folder, so match on absolute paths.
    let base = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    let filter_base = base.clone();
    let filter_dir = dir.to_path_buf();
    let walker = ignore::WalkBuilder::new(dir)
        .require_git(false)
        .git_ignore(respect)
        .git_global(respect)
        .git_exclude(respect)
        .ignore(respect)
        .parents(respect)
        .hidden(true)
        .follow_links(true)
        .filter_entry(move |e| {
            e.depth() == 0
                || !filter_settings.is_excluded(&rebase(&filter_base, &filter_dir, e.path()))
        })
        .build();
    for entry in walker {
        match entry {
            Ok(e) => {
                if !e.file_type().is_some_and(|t| t.is_file()) {
                    continue;
                }
                // The walker knows this is a file: look up its folder without a stat.
                let folder = e.path().parent().unwrap_or(dir);
                let own = configs.settings_for_dir(folder)?;
                if own.is_included(&rebase(&base, dir, e.path())) {
                    // `check .` shows `_posts/a.md`, not `./_posts/a.md`.
                    let path = match e.path().strip_prefix(".") {
                        Ok(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                        _ => e.into_path(),
                    };
                    out.files.push((path, own));
                }
            }
            Err(err) => {
                let path = error_path(&err).unwrap_or_else(|| dir.to_path_buf());
                out.errors
                    .push((path, plain_walk_error(&err), settings.clone()));
            }
        }
    }
    Ok(())
}

/// `path` (below `dir`) as a path below `base`, the absolute form of `dir`.
fn rebase(base: &Path, dir: &Path, path: &Path) -> PathBuf {
    base.join(path.strip_prefix(dir).unwrap_or(path))
}

/// The path an `ignore` error is about, where it says.
fn error_path(err: &ignore::Error) -> Option<PathBuf> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Partial(errs) => errs.iter().find_map(error_path),
        _ => None,
    }
}

/// The error's words without the path, which the report already shows.
fn plain_walk_error(err: &ignore::Error) -> String {
    match err {
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => plain_walk_error(err),
        ignore::Error::Loop { ancestor, .. } => {
            format!("symbolic link loop: points back to {}", ancestor.display())
        }
        other => format!("cannot read: {other}"),
    }
}
