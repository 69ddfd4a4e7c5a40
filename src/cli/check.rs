//! `postlint check`: walk, lint every file in parallel, report in path order.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use miette::{IntoDiagnostic, WrapErr};
use rayon::prelude::*;

use super::args::{CheckArgs, ColorChoice, Format};
use super::exit::ExitStatus;
use crate::baseline::Baselines;
use crate::cache::Cache;
use crate::config::Settings;
use crate::lint::{FileReport, Input, Linted, Linter};
use crate::output::{self, Summary, human::HumanOptions, paths::RepoPaths};
use crate::walk::Discovery;

/// One file through the cache: its stored report when the cache holds one
/// for these bytes and settings, else the linter's, stored for next time.
/// Either way the linter gathers the URLs the link phase must check.
pub fn lint_file(
    linter: &Linter,
    cache: Option<&Cache>,
    path: &Path,
    settings: &Arc<Settings>,
) -> Linted {
    let input = linter.read(path);
    let Some(cache) = cache else {
        return linter.lint(path, input);
    };
    // Unreadable or too large: nothing worth caching.
    let Input::Bytes(bytes) = input else {
        return linter.lint(path, input);
    };
    let Some(key) = cache.key(path, settings, &bytes) else {
        return linter.lint(path, bytes);
    };
    if let Some((report, page)) = cache.get(&key, &bytes) {
        return linter.lint(path, Input::Cached(bytes, report, page.map(Box::new)));
    }
    let linted = linter.lint(path, bytes);
    cache.put(&key, &linted.report, linted.page.as_ref());
    linted
}

/// What a check found, before it is printed: the reports in path order and
/// their summary (the conventions the gate noted included).
#[derive(Debug, Default)]
pub struct Findings {
    pub reports: Vec<FileReport>,
    pub summary: Summary,
}

/// Runs the check and says how it ended.
pub fn run(
    args: &CheckArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> miette::Result<ExitStatus> {
    let mut found = super::discover::discover(&args.common, err)?;
    let baselines = baselines_of(&found, args.no_baseline)?;
    let now = jiff::Timestamp::now();
    if args.fix {
        // `check --fix` is `fix`, then a check of what is left.
        let opts = crate::fix::FixOptions {
            unsafe_fixes: args.common.unsafe_fixes,
        };
        let mode = super::fix::Mode::Write;
        super::fix::fix_all(
            &found.files,
            now,
            opts,
            mode,
            &baselines,
            &mut std::io::sink(),
            err,
        )?;
    }
    let Findings { reports, summary } = findings(args, &mut found, now, &baselines, err)?;
    let format = args.format.unwrap_or_else(default_format);
    if format != Format::Json {
        let several = found.sites.len() > 1;
        for note in &summary.conventions {
            let line = crate::output::escape::escape(&note.message(several)).into_owned();
            writeln!(err, "note: {line}").into_diagnostic()?;
        }
    }
    match write_report(args, format, out, &reports, &summary) {
        Ok(()) => {}
        // `postlint check | head` closes the pipe early: stop quietly.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => return Err(e).into_diagnostic().wrap_err("cannot write the report"),
    }
    let failed = summary.errors > 0 || args.max_warnings.is_some_and(|max| summary.warnings > max);
    Ok(ExitStatus::of_check(
        !found.missing.is_empty(),
        args.exit_zero,
        failed,
    ))
}

/// The baselines the configs of `found` name (none with `--no-baseline`);
/// a bad one is a config error.
pub fn baselines_of(found: &Discovery, ignore: bool) -> miette::Result<Baselines> {
    if ignore {
        return Ok(Baselines::default());
    }
    let settings = found
        .files
        .iter()
        .map(|(_, s)| &**s)
        .chain(found.errors.iter().map(|(_, _, s)| &**s))
        .chain(found.dangling.iter().map(|(_, _, s)| &**s));
    Ok(Baselines::load(settings)?)
}

/// Lints every file of `found` (through the cache), runs the site-wide
/// pass, the conventions gate and the link phase, then drops what
/// `baselines` record: everything `check` reports, nothing printed but the
/// cache's and link phase's warnings.
pub fn findings(
    args: &CheckArgs,
    found: &mut Discovery,
    now: jiff::Timestamp,
    baselines: &Baselines,
    err: &mut dyn Write,
) -> miette::Result<Findings> {
    let request = super::links::request(args)?;
    let cache = (!args.no_cache).then(|| Cache::new(&std::env::current_dir().unwrap_or_default()));
    let (mut reports, (mut links, (mut pages, date_lines))): (
        Vec<FileReport>,
        (Vec<_>, (Vec<_>, Vec<_>)),
    ) = found
        .files
        .par_iter()
        .map(|(path, settings)| {
            let linter = Linter::new(settings, now).with_links(&request);
            let linted = lint_file(&linter, cache.as_ref(), path, settings);
            (
                linted.report,
                (linted.links, (linted.page, linted.date_line)),
            )
        })
        .unzip();
    // PL258 needs each site's date forms, counted from the lint pass's
    // reads; only the few files whose date disagrees are linted again.
    crate::lint::date_majority::annotate_with(&mut found.files, &date_lines);
    let again: Vec<usize> = (0..reports.len())
        .filter(|&i| {
            let majority = found.files[i].1.date_majority;
            let shape = reports[i].date_shape;
            matches!((shape, majority), (Some(s), Some(m)) if !s.agrees_with(m.shape))
        })
        .collect();
    let redone: Vec<(usize, Linted)> = again
        .par_iter()
        .map(|&i| {
            let (path, settings) = &found.files[i];
            let linter = Linter::new(settings, now).with_links(&request);
            (i, lint_file(&linter, cache.as_ref(), path, settings))
        })
        .collect();
    for (i, linted) in redone {
        reports[i] = linted.report;
        links[i] = linted.links;
        pages[i] = linted.page;
    }
    // Findings that need every file of the run (same URL, same title), made
    // after the cache stored each file's own report.
    let settings: Vec<&crate::config::Settings> = found.files.iter().map(|(_, s)| &**s).collect();
    crate::lint::site_pass::check(&mut reports, &pages, &settings);
    drop(pages);
    // The site's conventions decide over the whole run, after the cache.
    let gate = crate::conventions::gate::decide(&found.files, &reports);
    gate.apply(&mut reports);
    for warning in cache.iter().flat_map(Cache::warnings) {
        writeln!(err, "warning: {}", crate::output::escape::escape(&warning)).into_diagnostic()?;
    }
    let link_summary = super::links::run(args, &found.files, &mut reports, &links, err)?;
    drop(links);
    // Each file's settings, to find the baseline that applies to it.
    let settings_of: std::collections::HashMap<PathBuf, Arc<crate::config::Settings>> =
        if baselines.is_empty() {
            Default::default()
        } else {
            found
                .files
                .iter()
                .map(|(p, s)| (p.clone(), s.clone()))
                .chain(found.errors.iter().map(|(p, _, s)| (p.clone(), s.clone())))
                .chain(
                    found
                        .dangling
                        .iter()
                        .map(|(p, _, s)| (p.clone(), s.clone())),
                )
                .collect()
        };
    reports.extend(std::mem::take(&mut found.errors).into_iter().map(
        |(path, message, settings)| {
            Linter::new(&settings, now)
                .lint(&path, Input::Unreached(message))
                .report
        },
    ));
    reports.extend(std::mem::take(&mut found.dangling).into_iter().map(
        |(path, message, settings)| {
            Linter::new(&settings, now)
                .lint(&path, Input::Dangling(message))
                .report
        },
    ));
    // After the cache and every pass, so no stored or shared result is
    // ever filtered by a baseline (an edited baseline applies at once).
    let applied = baselines.apply(&mut reports, |p| settings_of.get(p).map(|s| &**s));
    reports.sort_by(|a, b| a.path.cmp(&b.path));

    let mut summary = Summary::of(&reports).with_sites(found);
    summary.links = link_summary;
    summary.conventions = gate.notes;
    if !baselines.is_empty() {
        summary.baselined = Some(applied.hidden);
        summary.baseline_stale = Some(applied.stale);
        summary.baseline_files = applied
            .files
            .iter()
            .map(|p| crate::baseline::shown(p))
            .collect();
    }
    Ok(Findings { reports, summary })
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
            _ => output::statistics::write_text(out, &counts, summary, args.common.quiet),
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
                args.common.quiet,
            )
        }
        Format::Json => output::json::write(out, reports, summary),
        Format::Sarif => output::sarif::write(out, reports, &repo_paths()),
        Format::Github => {
            output::github::write(out, reports, summary, &repo_paths(), args.common.quiet)
        }
        Format::Junit => output::junit::write(out, reports, summary),
        Format::Concise => output::concise::write(out, reports, summary, args.common.quiet),
    }
}
