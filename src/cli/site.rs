//! `postlint site [PATH]`: the sites below a path as postlint sees them:
//! generator, root, config file, folders with their URL prefixes, and how
//! many files are posts, pages, templates and files left out.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use miette::IntoDiagnostic;
use serde::Serialize;

use super::args::{SiteArgs, SiteFormat};
use super::exit::ExitStatus;
use crate::config;
use crate::output::escape::escape;
use crate::post::Post;
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
    /// `.mdx` content that `files.include` leaves out.
    mdx: usize,
}

/// One content file and the URL it is published at (`None`: not known).
#[derive(Debug, Clone, Serialize)]
struct Output {
    /// Relative to the site root, with `/`.
    source: String,
    url: Option<String>,
    #[serde(skip)]
    is_post: bool,
}

#[derive(Serialize)]
struct Entry<'a> {
    #[serde(flatten)]
    site: &'a Site,
    files: Counts,
    outputs: &'a [Output],
}

/// The most of a file read to work out its URL (its front matter is at the top).
const MAX_READ: u64 = 1 << 20;

/// The output URL of `path` on `site`, reading the file (never through a link).
fn output_of(site: &Site, path: &Path, is_post: bool) -> Output {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let source = absolute
        .strip_prefix(&site.root)
        .unwrap_or(&absolute)
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/");
    let read = || -> Option<Post> {
        let (file, _) = crate::safe_fs::open_regular(path, false).ok()?;
        let mut bytes = Vec::new();
        file.take(MAX_READ).read_to_end(&mut bytes).ok()?;
        let text = String::from_utf8(bytes).ok()?;
        Some(Post::parse_with(
            path.to_path_buf(),
            text,
            1 << 16,
            crate::post::Metadata::of_generator(site.generator),
        ))
    };
    let url = read()
        .and_then(|post| site.output_url(path, &post))
        .map(|u| u.path);
    Output {
        source,
        url,
        is_post,
    }
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
    let mut count = |path: &Path, generator, what: &dyn Fn(&mut Counts)| -> usize {
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
        at
    };
    let mut files: Vec<(usize, &Path, bool)> = Vec::new();
    for (path, settings) in &found.files {
        let generator = settings.config.site.generator;
        let is_post = settings.is_post(path);
        let at = if is_post {
            count(path, generator, &|c| c.posts += 1)
        } else {
            count(path, generator, &|c| c.pages += 1)
        };
        files.push((at, path.as_path(), is_post));
    }
    let generator = configs.settings_for(&args.path)?.config.site.generator;
    for (path, why) in &found.skipped {
        match why {
            Skip::Template => count(path, generator, &|c| c.templates += 1),
            Skip::Ignored => count(path, generator, &|c| c.not_rendered += 1),
            Skip::Fixture => count(path, generator, &|c| c.tests += 1),
            Skip::Mdx => count(path, generator, &|c| c.mdx += 1),
        };
    }
    if entries.is_empty() {
        let site = sites.for_dir(&folder_of(&args.path), generator, &fallback);
        entries.push((site, Counts::default()));
    }
    let mut outputs: Vec<Vec<Output>> = vec![Vec::new(); entries.len()];
    for (at, path, is_post) in files {
        if let (Some((site, _)), Some(list)) = (entries.get(at), outputs.get_mut(at)) {
            list.push(output_of(site, path, is_post));
        }
    }
    for list in &mut outputs {
        list.sort_by(|a, b| a.source.cmp(&b.source));
    }
    match args.format {
        SiteFormat::Json => {
            let list: Vec<Entry> = entries
                .iter()
                .zip(&outputs)
                .map(|((site, files), outputs)| Entry {
                    site,
                    files: *files,
                    outputs,
                })
                .collect();
            let doc = serde_json::json!({ "version": 1, "sites": list });
            serde_json::to_writer_pretty(&mut *out, &doc).into_diagnostic()?;
            writeln!(out).into_diagnostic()?;
        }
        SiteFormat::Human => {
            for (i, ((site, counts), outputs)) in entries.iter().zip(&outputs).enumerate() {
                if i > 0 {
                    writeln!(out).into_diagnostic()?;
                }
                write!(out, "{}", render(site, counts, outputs)).into_diagnostic()?;
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

/// Three content files and their URLs, posts first, for the human output.
fn samples(outputs: &[Output]) -> Vec<String> {
    let known = |post: bool| {
        outputs
            .iter()
            .filter(move |o| o.is_post == post)
            .filter_map(|o| o.url.as_ref().map(|u| (o, u)))
    };
    known(true)
        .chain(known(false))
        .take(3)
        .map(|(o, u)| format!("{} -> {}", escape(&o.source), escape(u)))
        .collect()
}

/// One site as lines of `label  value`.
fn render(site: &Site, c: &Counts, outputs: &[Output]) -> String {
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
                "{} checked; skipped: {}, {} not rendered, {} {}{}",
                [
                    plural(c.posts, "post", "posts"),
                    plural(c.pages, "page", "pages")
                ]
                .join(", "),
                plural(c.templates, "template", "templates"),
                c.not_rendered,
                c.tests,
                if c.tests == 1 { "test" } else { "tests" },
                if c.mdx > 0 {
                    format!(", {} not read", plural(c.mdx, ".mdx file", ".mdx files"))
                } else {
                    String::new()
                }
            ),
        ),
    ];
    for (label, value) in rows {
        out.push_str(&format!("  {label:<12} {value}\n"));
    }
    let unknown = outputs.iter().filter(|o| o.url.is_none()).count();
    for (i, sample) in samples(outputs).iter().enumerate() {
        let label = if i == 0 { "permalinks" } else { "" };
        out.push_str(&format!("  {label:<12} {sample}\n"));
    }
    if unknown > 0 {
        out.push_str(&format!(
            "  {:<12} {unknown} of {} files have a URL postlint cannot work out\n",
            "",
            outputs.len()
        ));
    }
    if let Some(problem) = &site.problem {
        out.push_str(&format!("  {:<12} {}\n", "problem", escape(problem)));
    }
    out
}

/// `1 post`, `2 posts`.
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
