//! `postlint baseline [PATH]`: checks with the baseline ignored and writes
//! what it found to the baseline file of each config, so later checks
//! report only new findings. Remote URLs are not fetched: what the network
//! says today is not recorded.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use miette::IntoDiagnostic;

use super::args::{BaselineArgs, CheckArgs, ColorChoice, CommonArgs};
use super::check::Findings;
use super::exit::ExitStatus;
use crate::baseline::{self, Baseline, Baselines};
use crate::config::Settings;
use crate::lint::FileReport;
use crate::output::escape::escape;

/// The arguments of the check a baseline records: offline, no baseline,
/// nothing printed, `no_cache` as asked.
pub fn recording_args(paths: Vec<PathBuf>, config: Option<PathBuf>, no_cache: bool) -> CheckArgs {
    CheckArgs {
        common: CommonArgs {
            paths,
            config,
            select: Vec::new(),
            ignore: Vec::new(),
            unsafe_fixes: false,
            quiet: true,
        },
        format: None,
        color: ColorChoice::Never,
        fix: false,
        statistics: false,
        exit_zero: false,
        max_warnings: None,
        offline: true,
        links: false,
        no_cache,
        allow_private: false,
        exclude: Vec::new(),
        no_baseline: true,
    }
}

pub fn run(
    args: &BaselineArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> miette::Result<ExitStatus> {
    let check = recording_args(args.paths.clone(), args.config.clone(), false);
    let mut found = super::discover::discover(&check.common, err)?;
    if !found.missing.is_empty() {
        return Ok(ExitStatus::Error);
    }
    // Each file's config, before the check takes the unreachable entries.
    let mut configs: BTreeMap<Option<PathBuf>, Arc<Settings>> = BTreeMap::new();
    let mut config_of: std::collections::HashMap<PathBuf, Option<PathBuf>> = Default::default();
    let entries = found
        .files
        .iter()
        .map(|(p, s)| (p, s))
        .chain(found.errors.iter().map(|(p, _, s)| (p, s)))
        .chain(found.dangling.iter().map(|(p, _, s)| (p, s)));
    for (path, settings) in entries {
        configs
            .entry(settings.source.clone())
            .or_insert_with(|| settings.clone());
        config_of.insert(path.clone(), settings.source.clone());
    }
    let now = jiff::Timestamp::now();
    let Findings { reports, .. } =
        super::check::findings(&check, &mut found, now, &Baselines::default(), err)?;
    let mut status = ExitStatus::Success;
    for (source, settings) in &configs {
        let mine: Vec<&FileReport> = reports
            .iter()
            .filter(|r| config_of.get(&r.path).is_some_and(|s| s == source))
            .collect();
        if !write_one(source.as_deref(), settings, &mine, now, out, err)? {
            status = ExitStatus::Error;
        }
    }
    Ok(status)
}

/// Writes the baseline of one config (`None`: the built-in defaults);
/// false when it could not be written.
fn write_one(
    source: Option<&Path>,
    settings: &Settings,
    reports: &[&FileReport],
    now: jiff::Timestamp,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> miette::Result<bool> {
    let dir = match source {
        Some(file) => baseline::config_dir(file),
        None => settings
            .site
            .as_ref()
            .map_or_else(|| settings.root.clone(), |s| s.root.clone()),
    };
    let config_file = source.map_or_else(
        || dir.join(crate::config::CONFIG_FILE_NAME),
        Path::to_path_buf,
    );
    let written = settings.config.rules.baseline.as_deref();
    let target = baseline::resolve_path(&config_file, written.unwrap_or(baseline::FILE_NAME))?;
    let shown = escape(&baseline::shown(&target)).into_owned();
    let recorded = Baseline::record(reports.iter().copied(), &dir);
    if written.is_none() && recorded.files.is_empty() {
        writeln!(
            out,
            "No findings below `{}`: no baseline needed",
            escape(&dir.display().to_string())
        )
        .into_diagnostic()?;
        return Ok(true);
    }
    // An unchanged record is not rewritten: only its date would change.
    if written.is_some() && baseline::read(&target).is_ok_and(|old| old == recorded) {
        writeln!(out, "{shown} is up to date: {}", describe(&recorded)).into_diagnostic()?;
        return Ok(true);
    }
    if let Err(e) = baseline::write_file(&target, &recorded.to_toml(now)) {
        writeln!(
            err,
            "error: cannot write `{shown}`: {}",
            escape(&e.to_string())
        )
        .into_diagnostic()?;
        return Ok(false);
    }
    writeln!(out, "Wrote {shown}: {}", describe(&recorded)).into_diagnostic()?;
    if written.is_none() {
        let config = escape(&baseline::shown(&config_file)).into_owned();
        let how = if source.is_some() {
            format!("add this line to the `[rules]` table of `{config}`")
        } else {
            format!("create `{config}` (or run `postlint init`) with these lines")
        };
        writeln!(
            out,
            "It applies once the config names it: {how}:\n\n[rules]\nbaseline = {:?}",
            baseline::FILE_NAME
        )
        .into_diagnostic()?;
    }
    Ok(true)
}

fn describe(b: &Baseline) -> String {
    if b.files.is_empty() {
        "no findings recorded".to_string()
    } else {
        format!("{} recorded", b.describe())
    }
}
