//! `postlint check`: walk, lint every file in parallel, report in path order.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use miette::{IntoDiagnostic, WrapErr};
use rayon::prelude::*;

use super::args::{CheckArgs, ColorChoice, Format};
use crate::cache::Cache;
use crate::config;
use crate::lint::{self, FileReport};
use crate::output::{self, Summary, human::HumanOptions, paths::RepoPaths};
use crate::walk::{self, ConfigSource};

/// Finds the files to check with their settings; reports missing paths to `err`.
pub fn discover(
    paths: &[PathBuf],
    config_file: Option<&Path>,
    select: &[String],
    ignore: &[String],
    err: &mut dyn Write,
) -> miette::Result<walk::Discovery> {
    let mut configs = match config_file {
        Some(file) => {
            let settings = config::load(file)?.with_overrides(select, ignore)?;
            ConfigSource::Fixed(Arc::new(settings))
        }
        None => ConfigSource::discover(select.to_vec(), ignore.to_vec()),
    };
    let found = walk::discover(paths, &mut configs)?;
    for warning in &found.warnings {
        writeln!(err, "warning: {}", crate::output::escape::escape(warning)).into_diagnostic()?;
    }
    for missing in &found.missing {
        writeln!(
            err,
            "error: path `{}` does not exist",
            crate::output::escape::escape(&missing.display().to_string())
        )
        .into_diagnostic()?;
    }
    Ok(found)
}

/// Runs the check and returns the exit code.
pub fn run(args: &CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> miette::Result<u8> {
    let found = discover(
        &args.paths,
        args.config.as_deref(),
        &args.select,
        &args.ignore,
        err,
    )?;
    let now = jiff::Timestamp::now();
    if args.fix {
        // `check --fix` is `fix`, then a check of what is left.
        let opts = crate::fix::FixOptions {
            unsafe_fixes: args.unsafe_fixes,
        };
        let mode = super::fix::Mode::Write;
        super::fix::fix_all(&found.files, now, opts, mode, &mut std::io::sink(), err)?;
    }
    let request = super::links::request(args)?;
    let cache = (!args.no_cache).then(|| Cache::new(&std::env::current_dir().unwrap_or_default()));
    let (mut reports, links): (Vec<FileReport>, Vec<_>) = found
        .files
        .par_iter()
        .map(|(path, settings)| match &cache {
            Some(cache) => cache.lint_file_with_links(path, settings, now, &request),
            None => lint::lint_file_with_links(path, settings, now, &request),
        })
        .unzip();
    for warning in cache.iter().flat_map(Cache::warnings) {
        writeln!(err, "warning: {}", crate::output::escape::escape(&warning)).into_diagnostic()?;
    }
    let link_summary = super::links::run(args, &found.files, &mut reports, &links, err)?;
    drop(links);
    reports.extend(
        found
            .errors
            .into_iter()
            .map(|(path, message, settings)| FileReport::io_error(path, message, &settings)),
    );
    reports.sort_by(|a, b| a.path.cmp(&b.path));

    let mut summary = Summary::of(&reports);
    summary.links = link_summary;
    let format = args.format.unwrap_or_else(default_format);
    match write_report(args, format, out, &reports, &summary) {
        Ok(()) => {}
        // `postlint check | head` closes the pipe early: stop quietly.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => return Err(e).into_diagnostic().wrap_err("cannot write the report"),
    }
    Ok(if !found.missing.is_empty() {
        2
    } else if args.exit_zero {
        0
    } else if summary.errors > 0 || args.max_warnings.is_some_and(|max| summary.warnings > max) {
        1
    } else {
        0
    })
}

/// Human output, or workflow commands when running in GitHub Actions.
fn default_format() -> Format {
    if std::env::var_os("GITHUB_ACTIONS").is_some_and(|v| v == "true") {
        Format::Github
    } else {
        Format::Human
    }
}

fn write_report(
    args: &CheckArgs,
    format: Format,
    out: &mut dyn Write,
    reports: &[FileReport],
    summary: &Summary,
) -> std::io::Result<()> {
    let repo_paths = || {
        let cwd = std::env::current_dir().unwrap_or_default();
        RepoPaths::discover(cwd)
    };
    if args.statistics {
        let counts = output::statistics::counts(reports);
        return match format {
            Format::Json => output::statistics::write_json(out, &counts),
            _ => output::statistics::write_text(out, &counts, summary, args.quiet),
        };
    }
    match format {
        Format::Human => {
            let color = match args.color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => {
                    std::io::stdout().is_terminal()
                        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                }
            };
            let width = std::env::var("COLUMNS")
                .ok()
                .and_then(|c| c.parse().ok())
                .unwrap_or(100);
            output::human::write(
                out,
                reports,
                summary,
                HumanOptions { color, width },
                args.quiet,
            )
        }
        Format::Json => output::json::write(out, reports, summary),
        Format::Sarif => output::sarif::write(out, reports, &repo_paths()),
        Format::Github => output::github::write(out, reports, summary, &repo_paths(), args.quiet),
        Format::Junit => output::junit::write(out, reports, summary),
        Format::Concise => output::concise::write(out, reports, summary, args.quiet),
    }
}
