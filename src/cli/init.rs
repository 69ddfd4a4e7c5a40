//! `postlint init [PATH]`: reads a site's posts and writes a commented
//! `postlint.toml` at the site's root recording its own conventions, so that
//! `check` then reports only what deviates from them.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use miette::IntoDiagnostic;
use rayon::prelude::*;

use super::args::InitArgs;
use super::exit::ExitStatus;
use crate::config::Settings;
use crate::conventions::config_text::Inferred;
use crate::conventions::{gate, infer, sample};
use crate::lint::{FileReport, Linter};
use crate::output::escape::escape;

pub fn run(
    args: &InitArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> miette::Result<ExitStatus> {
    let mut configs = crate::walk::ConfigSource::discover(Vec::new(), Vec::new());
    let found = crate::walk::discover(std::slice::from_ref(&args.path), &mut configs)?;
    for warning in &found.warnings {
        writeln!(err, "warning: {}", escape(warning)).into_diagnostic()?;
    }
    if !found.missing.is_empty() {
        writeln!(
            err,
            "error: path `{}` does not exist",
            escape(&args.path.display().to_string())
        )
        .into_diagnostic()?;
        return Ok(ExitStatus::Error);
    }
    // The files of each site, in the order the sites were met.
    let mut sites: Vec<Vec<(PathBuf, Arc<Settings>)>> = Vec::new();
    let mut slot: HashMap<usize, usize> = HashMap::new();
    for (path, settings) in &found.files {
        let key = settings
            .site
            .as_ref()
            .map_or(0, |s| Arc::as_ptr(s) as usize);
        let i = *slot.entry(key).or_insert_with(|| {
            sites.push(Vec::new());
            sites.len() - 1
        });
        sites[i].push((path.clone(), settings.clone()));
    }
    if sites.is_empty() {
        writeln!(
            err,
            "error: no posts found below `{}`: nothing to learn a convention from",
            escape(&args.path.display().to_string())
        )
        .into_diagnostic()?;
        return Ok(ExitStatus::Error);
    }
    let now = jiff::Timestamp::now();
    let mut status = ExitStatus::Success;
    let mut learnt = 0;
    for files in &sites {
        let Some((_, settings)) = files.first() else {
            continue;
        };
        let root = settings
            .site
            .as_ref()
            .map_or_else(|| settings.root.clone(), |s| s.root.clone());
        let target = root.join(crate::config::CONFIG_FILE_NAME);
        let shown = escape(&target.display().to_string()).into_owned();
        let exists = std::fs::symlink_metadata(&target).is_ok();
        if exists && !args.force && !args.dry_run {
            writeln!(err, "error: `{shown}` exists; pass --force to replace it")
                .into_diagnostic()?;
            status = ExitStatus::Error;
            continue;
        }
        let inferred = infer_site(files, now);
        if inferred.files == 0 {
            // Nothing to learn from: a config would only guess.
            let root = escape(&root.display().to_string()).into_owned();
            writeln!(
                err,
                "note: `{root}`: no file has front matter; no postlint.toml written"
            )
            .into_diagnostic()?;
            continue;
        }
        learnt += 1;
        let mut inferred = inferred;
        // The findings already there, under the config just inferred.
        let recorded = if args.no_baseline {
            None
        } else {
            let text = inferred.to_toml();
            record_site(files, &found, &root, &target, &text, now, err)?
                .filter(|b| !b.files.is_empty())
        };
        let baseline_target = root.join(crate::baseline::FILE_NAME);
        let baseline_shown = escape(&baseline_target.display().to_string()).into_owned();
        if let Some(recorded) = &recorded {
            inferred.baseline = Some((crate::baseline::FILE_NAME.to_string(), recorded.describe()));
            if std::fs::symlink_metadata(&baseline_target).is_ok() && !args.force && !args.dry_run {
                writeln!(
                    err,
                    "error: `{baseline_shown}` exists; pass --force to replace it (or --no-baseline to write none)"
                )
                .into_diagnostic()?;
                status = ExitStatus::Error;
                continue;
            }
        }
        let text = inferred.to_toml();
        if args.dry_run {
            write!(out, "{text}").into_diagnostic()?;
            if let Some(recorded) = &recorded {
                writeln!(
                    err,
                    "note: `{baseline_shown}` would record {}; `postlint check --no-baseline` shows them",
                    escape(&recorded.describe())
                )
                .into_diagnostic()?;
            }
            continue;
        }
        writeln!(out, "{shown}:").into_diagnostic()?;
        for line in inferred.summary() {
            writeln!(out, "  {}", escape(&line)).into_diagnostic()?;
        }
        if let Some(recorded) = &recorded {
            writeln!(
                out,
                "  baseline: {} already there, recorded in {}: `postlint check` reports only new ones, `postlint check --no-baseline` shows them",
                escape(&recorded.describe()),
                crate::baseline::FILE_NAME
            )
            .into_diagnostic()?;
            // Written first: a config naming a missing baseline would not load.
            match crate::baseline::write_file(&baseline_target, &recorded.to_toml(now)) {
                Ok(()) => writeln!(out, "Wrote {baseline_shown}").into_diagnostic()?,
                Err(e) => {
                    writeln!(
                        err,
                        "error: cannot write `{baseline_shown}`: {}",
                        escape(&e.to_string())
                    )
                    .into_diagnostic()?;
                    status = ExitStatus::Error;
                    continue;
                }
            }
        }
        // Never written through a symlink: the site's checkout is not trusted.
        match crate::safe_fs::write_no_follow(&target, text.as_bytes()) {
            Ok(()) => writeln!(out, "Wrote {shown}").into_diagnostic()?,
            Err(e) => {
                writeln!(
                    err,
                    "error: cannot write `{shown}`: {}",
                    escape(&e.to_string())
                )
                .into_diagnostic()?;
                status = ExitStatus::Error;
            }
        }
    }
    if learnt == 0 && status == ExitStatus::Success {
        writeln!(
            err,
            "error: no file below `{}` has front matter: nothing to learn a convention from",
            escape(&args.path.display().to_string())
        )
        .into_diagnostic()?;
        status = ExitStatus::Error;
    }
    Ok(status)
}

/// What `check` would report on one site's `files` under the config
/// `text` (to be written at `target`, in the site's `root`), counted per
/// file and rule: the check runs in memory, offline, without the cache,
/// before anything is written, on the files and unreachable entries of
/// this site only (a site nested inside has its own config). `None` when
/// the text does not load (it always should).
fn record_site(
    files: &[(PathBuf, Arc<Settings>)],
    found: &crate::walk::Discovery,
    root: &std::path::Path,
    target: &std::path::Path,
    text: &str,
    now: jiff::Timestamp,
    err: &mut dyn Write,
) -> miette::Result<Option<crate::baseline::Baseline>> {
    let Ok(config) = crate::config::parse_config(text, target) else {
        return Ok(None);
    };
    let Ok(mut resolved) =
        Settings::resolve(config, Some(target.to_path_buf()), root.to_path_buf())
    else {
        return Ok(None);
    };
    let site = files.first().and_then(|(_, s)| s.site.clone());
    let same_site = |s: &Settings| match (&s.site, &site) {
        (Some(a), Some(b)) => Arc::ptr_eq(a, b),
        (None, None) => true,
        _ => false,
    };
    // As the walk would give them (`Discovery::settings_with_site`): the
    // site, and the generator it detected (PL202 reads a Jekyll post's
    // date from its name).
    if let Some(site) = &site
        && resolved.config.site.generator.is_none()
        && site.generator != crate::site::Generator::Plain
    {
        resolved.config.site.generator = Some(site.generator);
    }
    resolved.site = site.clone();
    let settings = Arc::new(resolved);
    let mut run = crate::walk::Discovery::default();
    run.files = files
        .iter()
        .map(|(p, _)| (p.clone(), settings.clone()))
        .collect();
    for (path, message, _) in found.errors.iter().filter(|(_, _, s)| same_site(s)) {
        run.errors
            .push((path.clone(), message.clone(), settings.clone()));
    }
    for (path, message, _) in found.dangling.iter().filter(|(_, _, s)| same_site(s)) {
        run.dangling
            .push((path.clone(), message.clone(), settings.clone()));
    }
    let args = super::baseline::recording_args(vec![root.to_path_buf()], None, true);
    let none = crate::baseline::Baselines::default();
    let findings = super::check::findings(&args, &mut run, now, &none, err)?;
    Ok(Some(crate::baseline::Baseline::record(
        &findings.reports,
        root,
    )))
}

/// Everything `init` records for the files of one site.
pub fn infer_site(files: &[(PathBuf, Arc<Settings>)], now: jiff::Timestamp) -> Inferred {
    let samples: Vec<infer::Sample> = files
        .par_iter()
        .filter_map(|(path, settings)| sample::of_file(path, settings, now))
        .collect();
    let reports: Vec<FileReport> = files
        .par_iter()
        .map(|(path, settings)| Linter::new(settings, now).lint_path(path).report)
        .collect();
    let Some((_, settings)) = files.first() else {
        return Inferred::default();
    };
    // The embed policy starts from the site's own list, else the strict one
    // (PL306 is off until a list is set: writing one records the policy).
    let defaults: Vec<String> = settings
        .config
        .html
        .disallowed_elements
        .clone()
        .unwrap_or_else(|| {
            crate::config::STRICT_DISALLOWED_ELEMENTS
                .map(String::from)
                .to_vec()
        });
    let defaults = &defaults;
    let date_key = settings.config.dates.key.clone();
    let (dates, forms) = infer::date_format(&samples);
    let gate = gate::decide(files, &reports);
    let conventions = gate::GATED
        .iter()
        .filter(|rule| settings.rules.is_enabled(rule))
        .map(|&rule| {
            // Files the site's markdownlint leaves out say nothing of its
            // convention (the gate keeps leaving them out after `init`).
            let note = gate
                .notes
                .iter()
                .find(|n| n.code == rule.code && n.markdownlint != Some("ignores"))
                .cloned();
            let verdict = match note {
                Some(note) => Err(note),
                None => {
                    let checked = reports
                        .iter()
                        .zip(&gate.off)
                        .filter(|(r, off)| !r.skipped && !off.iter().any(|o| o.code == rule.code))
                        .map(|(r, _)| r);
                    let failing = if rule.code == "PL302" {
                        checked
                            .flat_map(|r| &r.diagnostics)
                            .filter(|d| d.rule.code == rule.code)
                            .count()
                    } else {
                        checked
                            .filter(|r| r.diagnostics.iter().any(|d| d.rule.code == rule.code))
                            .count()
                    };
                    Ok((failing, reports.iter().filter(|r| !r.skipped).count()))
                }
            };
            (rule, verdict)
        })
        .collect();
    Inferred {
        generator: settings
            .site
            .as_ref()
            .filter(|s| s.generator != crate::site::Generator::Plain)
            .map(|s| s.generator.name()),
        files: samples.len(),
        dates: (dates.of > 0).then(|| (dates, forms.into_iter().collect())),
        order: Some(infer::key_order(&samples)),
        required: infer::required(&samples),
        allowed: infer::allowed(&samples, &date_key),
        known: infer::known(&samples),
        top_heading: infer::top_heading(&samples),
        embeds: (!defaults.is_empty()).then(|| infer::embeds(&samples, defaults)),
        conventions,
        date_key,
        baseline: None,
    }
}
