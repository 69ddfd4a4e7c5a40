//! `postlint site [PATH]`: the sites below a path as postlint sees them:
//! generator, root, config file, folders with their URL prefixes, and how
//! many files are posts, pages, templates and files left out.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use miette::IntoDiagnostic;
use serde::Serialize;

use super::args::{SiteArgs, SiteFormat};
use super::exit::ExitStatus;
use crate::config;
use crate::output::escape::escape;
use crate::site::{Site, Sites};
use crate::walk::{self, ConfigSource, Skip};

/// What the walk found in one site.
#[derive(Debug, Default, Clone, Copy, Serialize)]
struct Counts {
    posts: usize,
    pages: usize,
    templates: usize,
    /// Files the generator does not render (excluded, `_`-named, static,
    /// outside the content folders).
    not_rendered: usize,
    /// The repository's test fixtures around a site in a subfolder.
    tests: usize,
}

#[derive(Serialize)]
struct Entry<'a> {
    #[serde(flatten)]
    site: &'a Site,
    files: Counts,
}

pub fn run(
    args: &SiteArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> miette::Result<ExitStatus> {
    if std::fs::symlink_metadata(&args.path).is_err() {
        return Err(miette::miette!(
            "path `{}` does not exist",
            args.path.display()
        ));
    }
    let mut configs = match &args.config {
        Some(file) => ConfigSource::Fixed(Arc::new(config::load(file)?)),
        None => ConfigSource::discover(Vec::new(), Vec::new()),
    };
    let found = walk::discover(std::slice::from_ref(&args.path), &mut configs)?;
    for warning in &found.warnings {
        writeln!(err, "warning: {}", escape(warning)).into_diagnostic()?;
    }
    // Each file's site again, from the walk's cache of sites, to count per site.
    let mut sites = Sites::default();
    let fallback = walk::site_root(&args.path);
    let mut entries: Vec<(Arc<Site>, Counts)> = found
        .sites
        .iter()
        .map(|s| (s.clone(), Counts::default()))
        .collect();
    let mut count = |path: &Path, generator, what: &dyn Fn(&mut Counts)| {
        let folder = path.parent().unwrap_or(Path::new("."));
        let site = sites.for_dir(folder, generator, &fallback);
        let at = match entries
            .iter()
            .position(|(s, _)| s.root == site.root && s.generator == site.generator)
        {
            Some(at) => at,
            None => {
                entries.push((site, Counts::default()));
                entries.len() - 1
            }
        };
        if let Some((_, counts)) = entries.get_mut(at) {
            what(counts);
        }
    };
    for (path, settings) in &found.files {
        let generator = settings.config.site.generator;
        if settings.is_post(path) {
            count(path, generator, &|c| c.posts += 1);
        } else {
            count(path, generator, &|c| c.pages += 1);
        }
    }
    let generator = configs.settings_for(&args.path)?.config.site.generator;
    for (path, why) in &found.skipped {
        match why {
            Skip::Template => count(path, generator, &|c| c.templates += 1),
            Skip::Ignored => count(path, generator, &|c| c.not_rendered += 1),
            Skip::Fixture => count(path, generator, &|c| c.tests += 1),
        }
    }
    if entries.is_empty() {
        let site = sites.for_dir(&folder_of(&args.path), generator, &fallback);
        entries.push((site, Counts::default()));
    }
    match args.format {
        SiteFormat::Json => {
            let list: Vec<Entry> = entries
                .iter()
                .map(|(site, files)| Entry {
                    site,
                    files: *files,
                })
                .collect();
            let doc = serde_json::json!({ "version": 1, "sites": list });
            serde_json::to_writer_pretty(&mut *out, &doc).into_diagnostic()?;
            writeln!(out).into_diagnostic()?;
        }
        SiteFormat::Human => {
            for (i, (site, counts)) in entries.iter().enumerate() {
                if i > 0 {
                    writeln!(out).into_diagnostic()?;
                }
                write!(out, "{}", render(site, counts)).into_diagnostic()?;
            }
        }
    }
    Ok(ExitStatus::Success)
}

/// The folder a path argument stands for: itself, or a file's parent.
fn folder_of(path: &Path) -> PathBuf {
    if path.is_dir() {
        return path.to_path_buf();
    }
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// `path` below the working folder as `docs/_config.yml`, else absolute.
fn shown(path: &Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    let rel = path.strip_prefix(&cwd).unwrap_or(path);
    let text = if rel.as_os_str().is_empty() {
        ".".to_string()
    } else {
        rel.display().to_string()
    };
    escape(&text).into_owned()
}

fn folders(list: &[crate::site::Folder], root: &Path) -> String {
    if list.is_empty() {
        return "(none)".to_string();
    }
    list.iter()
        .map(|f| {
            let path = shown(&root.join(&f.path));
            match &f.url {
                Some(url) => format!("{path} -> {}", escape(url)),
                None => path,
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn paths(list: &[PathBuf], root: &Path) -> String {
    if list.is_empty() {
        return "(none)".to_string();
    }
    list.iter()
        .map(|p| shown(&root.join(p)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One site as lines of `label  value`.
fn render(site: &Site, c: &Counts) -> String {
    let mut out = format!("{} site at {}\n", site.generator.name(), shown(&site.root));
    let config = match &site.config_file {
        Some(file) => shown(file),
        None => "(none)".to_string(),
    };
    let rows = [
        ("config file", config),
        ("content", folders(&site.content, &site.root)),
        ("static", folders(&site.statics, &site.root)),
        ("templates", paths(&site.templates, &site.root)),
        ("left out", paths(&site.ignored, &site.root)),
        (
            "files",
            format!(
                "{} posts, {} pages checked; skipped: {} templates, {} not rendered, {} tests",
                c.posts, c.pages, c.templates, c.not_rendered, c.tests
            ),
        ),
    ];
    for (label, value) in rows {
        out.push_str(&format!("  {label:<12} {value}\n"));
    }
    if let Some(problem) = &site.problem {
        out.push_str(&format!("  {:<12} {}\n", "problem", escape(problem)));
    }
    out
}
