//! From the paths a user gives to the sorted list of files to check, each with
//! the settings that apply to it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::{self, ConfigError, Settings};
use crate::site::{Role, Site, Sites};

/// What to check, and what went wrong on the way.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Files to check, sorted by path, without repeats.
    pub files: Vec<(PathBuf, Arc<Settings>)>,
    /// Entries that could not be walked (permissions, symlink loops), with a message.
    pub errors: Vec<(PathBuf, String, Arc<Settings>)>,
    /// Symbolic links to nothing (PL904, a warning: a submodule not checked
    /// out), with a message; excluded paths and links not named like a post
    /// or a folder are left out.
    pub dangling: Vec<(PathBuf, String, Arc<Settings>)>,
    /// Arguments that do not exist.
    pub missing: Vec<PathBuf>,
    /// Things the user should know that are not findings (a config file passed over).
    pub warnings: Vec<String>,
    /// Files left out because their site does not render them as pages.
    pub skipped: Vec<(PathBuf, Skip)>,
    /// The sites the checked and skipped files belong to, each once, in the
    /// order first met.
    pub sites: Vec<Arc<Site>>,
    /// Settings with the file's site (and its detected generator) filled
    /// in, per settings and site, so each is made once.
    with_site: HashMap<(usize, usize), Arc<Settings>>,
}

/// Why a file met while walking is not checked as a post.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skip {
    /// A layout, include, archetype, scaffold or data file.
    Template,
    /// A file the generator leaves out (excluded, `_`-named, static, outside
    /// the content folders).
    Ignored,
    /// A repository's test fixtures beside a site in a subfolder
    /// (jekyll/jekyll's `test/` next to its `docs/` site).
    Fixture,
    /// An `.mdx` page of the site's content that `files.include` leaves out
    /// (the default does: MDX is read only on request), counted so that a
    /// run over an MDX site does not say "no problems in 0 files" and stop.
    Mdx,
}

/// Folder names that hold a repository's test fixtures.
const FIXTURE_FOLDERS: [&str; 5] = ["test", "tests", "spec", "fixtures", "features"];

impl Discovery {
    /// Records the site of a file, once per site.
    fn saw(&mut self, site: &Arc<Site>) {
        if !self.sites.iter().any(|s| Arc::ptr_eq(s, site)) {
            self.sites.push(site.clone());
        }
    }

    /// Takes `path` as a post, or records why not; `explicit` files are
    /// classified alike (pre-commit passes layouts too).
    fn take(&mut self, path: PathBuf, settings: Arc<Settings>, site: &Arc<Site>) {
        self.saw(site);
        match site.role(&path) {
            Role::Content => {
                let settings = self.settings_with_site(settings, site);
                self.files.push((path, settings));
            }
            Role::Template => self.skipped.push((path, Skip::Template)),
            Role::Ignored => self.skipped.push((path, Skip::Ignored)),
        }
    }
}

impl Discovery {
    /// `settings` holding the file's site and saying which generator
    /// builds it, so the rules follow it (PL202 reads a Jekyll post's date
    /// from its name). The settings' own `[site] generator`, when set,
    /// already decided the generator.
    fn settings_with_site(&mut self, settings: Arc<Settings>, site: &Arc<Site>) -> Arc<Settings> {
        let key = (Arc::as_ptr(&settings) as usize, Arc::as_ptr(site) as usize);
        self.with_site
            .entry(key)
            .or_insert_with(|| {
                let mut own = (*settings).clone();
                if own.config.site.generator.is_none()
                    && site.generator != crate::site::Generator::Plain
                {
                    own.config.site.generator = Some(site.generator);
                }
                own.site = Some(site.clone());
                Arc::new(own)
            })
            .clone()
    }
}

/// Whether `path` lies in a test-fixture folder above its own site's root
/// (or anywhere, in a plain site), below `walked`.
fn in_fixture_folder(path: &Path, site: &Site, walked: &Path) -> bool {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let Ok(rel) = absolute.strip_prefix(walked) else {
        return false;
    };
    let plain = site.generator == crate::site::Generator::Plain;
    let mut here = walked.to_path_buf();
    for part in rel.components() {
        here.push(part);
        if !plain && !site.root.starts_with(&here) {
            break;
        }
        if FIXTURE_FOLDERS.iter().any(|f| part.as_os_str() == *f) {
            return true;
        }
    }
    false
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
        /// Config files passed over, each said once.
        ignored: Vec<(PathBuf, String)>,
    },
}

impl ConfigSource {
    pub fn discover(select: Vec<String>, ignore: Vec<String>) -> ConfigSource {
        ConfigSource::Discover {
            select,
            ignore,
            by_dir: HashMap::new(),
            by_file: HashMap::new(),
            ignored: Vec::new(),
        }
    }

    /// One warning per config file that discovery passed over.
    pub fn warnings(&self) -> Vec<String> {
        match self {
            ConfigSource::Fixed(_) => Vec::new(),
            ConfigSource::Discover { ignored, .. } => ignored
                .iter()
                .map(|(file, why)| {
                    format!(
                        "ignoring {}: {why}; pass it with --config if you trust it",
                        file.display()
                    )
                })
                .collect(),
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
                ignored,
            } => {
                if let Some(s) = by_dir.get(dir) {
                    return Ok(s.clone());
                }
                let discovered = config::discover(dir);
                for passed in discovered.ignored {
                    if !ignored.contains(&passed) {
                        ignored.push(passed);
                    }
                }
                let found = discovered.file;
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

/// The folder whose files a path argument may reach: the repository root
/// (the nearest folder holding `.git`) above the argument, else the
/// argument's own folder (itself for a folder, its parent for a file or a
/// link). Found on the path as written (`..` taken lexically), so a link
/// cannot move it; then resolved to a real path. A file whose real path is
/// outside is never read or written: `_posts/env.md -> /proc/self/environ`
/// must not end up in a CI log.
pub fn site_root(arg: &Path) -> PathBuf {
    let absolute = std::path::absolute(arg).unwrap_or_else(|_| arg.to_path_buf());
    let mut lexical = PathBuf::new();
    for part in absolute.components() {
        match part {
            std::path::Component::ParentDir => {
                lexical.pop();
            }
            std::path::Component::CurDir => {}
            other => lexical.push(other),
        }
    }
    let own_folder = std::fs::symlink_metadata(arg).is_ok_and(|m| m.is_dir());
    let folder = if own_folder {
        lexical.as_path()
    } else {
        lexical.parent().unwrap_or(Path::new("/"))
    };
    let root = folder
        .ancestors()
        .find(|dir| dir.join(".git").exists())
        .unwrap_or(folder);
    std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf())
}

/// Why `path` may not be read: its real path is outside `root` (or cannot
/// be had). `None` when it is inside.
fn outside_root(path: &Path, root: &Path) -> Option<String> {
    match std::fs::canonicalize(path) {
        Ok(real) if real.starts_with(root) => None,
        Ok(_) => {
            let how = match std::fs::read_link(path) {
                Ok(target) => format!("links to `{}`", target.display()),
                Err(_) => "is reached through a symbolic link".to_string(),
            };
            Some(format!(
                "{how}, outside the site root {}: not followed \
                 (postlint reads and writes only files inside the checked tree)",
                root.display()
            ))
        }
        Err(e) => Some(format!("cannot follow link: {e}")),
    }
}

/// Walks `paths`. Files named explicitly are always checked; folders are walked
/// honouring ignore files and the include/exclude globs. Only regular files
/// whose real path is inside their argument's [`site_root`] are listed; a
/// FIFO, a device or a link out of the site is an error entry instead.
pub fn discover(paths: &[PathBuf], configs: &mut ConfigSource) -> Result<Discovery, ConfigError> {
    let mut out = Discovery::default();
    let mut sites = Sites::default();
    for path in paths {
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                // A dangling symlink exists but cannot be followed.
                if std::fs::symlink_metadata(path).is_ok() {
                    let settings = configs.settings_for(path)?;
                    out.dangling
                        .push((path.clone(), dangling_message(path), settings));
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
        let root = site_root(path);
        if let Some(why) = outside_root(path, &root) {
            out.errors.push((path.clone(), why, settings));
            continue;
        }
        if meta.is_dir() {
            let first = out.files.len();
            walk_dir(path, &root, settings, configs, &mut sites, &mut out)?;
            skip_fixtures(path, first, &mut sites, &mut out);
        } else if meta.is_file() {
            let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
            let site = sites.for_config(
                folder.unwrap_or(Path::new(".")),
                &settings.config.site,
                &root,
            );
            out.take(path.clone(), settings, &site);
        } else {
            let why = crate::safe_fs::not_regular(meta.file_type()).to_string();
            out.errors.push((path.clone(), why, settings));
        }
    }
    out.files.sort_by(|a, b| a.0.cmp(&b.0));
    out.files.dedup_by(|a, b| a.0 == b.0);
    out.skipped.sort_by(|a, b| a.0.cmp(&b.0));
    out.skipped.dedup_by(|a, b| a.0 == b.0);
    out.warnings = configs.warnings();
    out.warnings.append(&mut sites.problems);
    Ok(out)
}

/// When the folder walked from `dir` holds a generator's site, the
/// repository's test fixtures around it are not posts (jekyll/jekyll's
/// `test/` beside its `docs/` site, or a site of its own below `test/`).
/// Looks at the files taken since `first`.
fn skip_fixtures(dir: &Path, first: usize, sites: &mut Sites, out: &mut Discovery) {
    let walked = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    let fixture_free = |root: &Path| {
        root.strip_prefix(&walked).is_ok_and(|rel| {
            !rel.components()
                .any(|c| FIXTURE_FOLDERS.iter().any(|f| c.as_os_str() == *f))
        })
    };
    let holds_a_site = out
        .sites
        .iter()
        .any(|s| s.generator != crate::site::Generator::Plain && fixture_free(&s.root));
    if !holds_a_site {
        return;
    }
    let files = out.files.split_off(first.min(out.files.len()));
    for (path, settings) in files {
        let folder = path.parent().unwrap_or(Path::new("."));
        let site = sites.for_config(folder, &settings.config.site, &walked);
        if in_fixture_folder(&path, &site, &walked) {
            out.skipped.push((path, Skip::Fixture));
        } else {
            out.files.push((path, settings));
        }
    }
}

/// Walks one folder. Ignore files and excluded folders follow the settings
/// found for `dir`; each file then gets the settings of its own folder.
/// Links are followed only to places inside `root`; each link out is
/// reported once and not entered.
fn walk_dir(
    dir: &Path,
    root: &Path,
    settings: Arc<Settings>,
    configs: &mut ConfigSource,
    sites: &mut Sites,
    out: &mut Discovery,
) -> Result<(), ConfigError> {
    let respect = settings.config.files.respect_gitignore;
    let filter_settings = settings.clone();
    // Globs with `/` match paths relative to the config's folder, so match on absolute paths.
    let base = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    let filter_base = base.clone();
    let filter_dir = dir.to_path_buf();
    let filter_root = root.to_path_buf();
    // The filter runs inside the walker: links out are collected here.
    let links_out: Arc<std::sync::Mutex<Vec<(PathBuf, String)>>> = Arc::default();
    let filter_links_out = links_out.clone();
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
            if e.depth() == 0 {
                return true;
            }
            if filter_settings.is_excluded(&rebase(&filter_base, &filter_dir, e.path())) {
                return false;
            }
            if e.path_is_symlink()
                && let Some(why) = outside_root(e.path(), &filter_root)
            {
                // A link out to a file that is not a post (`logo.png -> /etc/x`) is no business of ours.
                let folder_link = std::fs::metadata(e.path()).is_ok_and(|m| m.is_dir());
                let post =
                    filter_settings.is_included(&rebase(&filter_base, &filter_dir, e.path()));
                if !folder_link && !post {
                    return false;
                }
                if let Ok(mut list) = filter_links_out.lock() {
                    list.push((e.path().to_path_buf(), why));
                }
                return false;
            }
            true
        })
        .build();
    for entry in walker {
        match entry {
            Ok(e) => {
                let Some(file_type) = e.file_type() else {
                    continue;
                };
                if file_type.is_dir() {
                    continue;
                }
                // The walker knows what this is: look up its folder without a stat.
                let folder = e.path().parent().unwrap_or(dir);
                let own = configs.settings_for_dir(folder)?;
                let rel = rebase(&base, dir, e.path());
                if !own.is_included(&rel) {
                    if file_type.is_file() && is_mdx(e.path()) && !own.is_excluded(&rel) {
                        let site = sites.for_config(folder, &own.config.site, root);
                        let path = e.path().strip_prefix(".").unwrap_or(e.path());
                        if site.role(path) == Role::Content {
                            out.saw(&site);
                            out.skipped.push((path.to_path_buf(), Skip::Mdx));
                        }
                    }
                    continue;
                }
                {
                    let site = sites.for_config(folder, &own.config.site, root);
                    // `check .` shows `_posts/a.md`, not `./_posts/a.md`.
                    let path = match e.path().strip_prefix(".") {
                        Ok(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                        _ => e.into_path(),
                    };
                    if file_type.is_file() {
                        out.take(path, own, &site);
                    } else {
                        // A FIFO or device named like a post: opening it could block.
                        let why = crate::safe_fs::not_regular(file_type).to_string();
                        out.errors.push((path, why, own));
                    }
                }
            }
            Err(err) => {
                let path = error_path(&err).unwrap_or_else(|| dir.to_path_buf());
                // The walker stats a link before `filter_entry` sees it, so
                // a link to nothing arrives here even below an excluded folder.
                if is_dangling(&err, &path) {
                    let folder = path.parent().unwrap_or(dir);
                    let own = configs.settings_for_dir(folder)?;
                    let rel = rebase(&base, dir, &path);
                    let post_or_folder = own.is_included(&rel) || path.extension().is_none();
                    if !own.is_excluded(&rel) && !settings.is_excluded(&rel) && post_or_folder {
                        let path = match path.strip_prefix(".") {
                            Ok(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                            _ => path,
                        };
                        let why = dangling_message(&path);
                        out.dangling.push((path, why, own));
                    }
                    continue;
                }
                out.errors
                    .push((path, plain_walk_error(&err), settings.clone()));
            }
        }
    }
    let links_out = match Arc::try_unwrap(links_out) {
        Ok(m) => m.into_inner().unwrap_or_default(),
        Err(shared) => shared.lock().map(|l| l.clone()).unwrap_or_default(),
    };
    for (path, why) in links_out {
        let path = match path.strip_prefix(".") {
            Ok(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => path,
        };
        let own = configs.settings_for(&path)?;
        out.errors.push((path, why, own));
    }
    Ok(())
}

/// `path` (below `dir`) as a path below `base`, the absolute form of `dir`.
fn is_mdx(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("mdx"))
}

fn rebase(base: &Path, dir: &Path, path: &Path) -> PathBuf {
    base.join(path.strip_prefix(dir).unwrap_or(path))
}

/// Whether the walk error is about `path` being a symbolic link whose
/// target does not exist.
fn is_dangling(err: &ignore::Error, path: &Path) -> bool {
    err.io_error()
        .is_some_and(|e| e.kind() == std::io::ErrorKind::NotFound)
        && std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// What a link to nothing is, for PL904.
fn dangling_message(path: &Path) -> String {
    match std::fs::read_link(path) {
        Ok(target) => format!(
            "symbolic link to `{}`, which does not exist: not checked",
            target.display()
        ),
        Err(_) => "symbolic link to nothing: not checked".to_string(),
    }
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
