//! The link phase from the command line: the run's network options, the
//! HTTP checker, a progress bar on a terminal, warnings, and the findings
//! merged into each file's report; then credentials in URLs are hidden in
//! every report, whatever rule found them.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use miette::IntoDiagnostic;

use super::args::CheckArgs;
use crate::config::{self, Settings};
use crate::links::fetch::{FetchOptions, HttpChecker, ProxySetting, default_user_agent};
use crate::links::phase::{self, CacheOptions, FileLinks, LinkSummary, Progress, RunOptions};
use crate::links::pool::Limits;
use crate::links::redact;
use crate::lint::FileReport;
use crate::walk::ConfigSource;

/// `--offline`, `--links` and `--exclude`, for every file.
pub fn request(args: &CheckArgs) -> miette::Result<phase::Request> {
    let exclude =
        config::exclude_set(&args.exclude, "--exclude").map_err(|e| miette::miette!(e))?;
    Ok(phase::Request {
        offline: args.offline,
        links: args.links,
        exclude,
    })
}

/// The settings the network options come from: `--config`, else the
/// config that applies to the first path argument.
fn run_settings(args: &CheckArgs) -> miette::Result<Arc<Settings>> {
    if let Some(file) = &args.common.config {
        return Ok(Arc::new(config::load(file)?));
    }
    let first = args
        .common
        .paths
        .first()
        .cloned()
        .unwrap_or_else(|| PathBuf::from("."));
    Ok(ConfigSource::discover(Vec::new(), Vec::new()).settings_for(&first)?)
}

fn secs(s: f64) -> Duration {
    Duration::try_from_secs_f64(s).unwrap_or(Duration::from_secs(1))
}

/// Checks the remote URLs of every file and adds the findings to the
/// reports (indexed like `files`). Returns what the summary says about it.
pub fn run(
    args: &CheckArgs,
    files: &[(PathBuf, Arc<Settings>)],
    reports: &mut [FileReport],
    links: &[FileLinks],
    err: &mut dyn Write,
) -> miette::Result<Option<LinkSummary>> {
    let summary = check(args, files, reports, links, err);
    // Last, so that the link findings are covered and nothing before needs
    // the secrets: reports are only shown from here on.
    hide_credentials(reports);
    summary
}

/// Credentials written in URLs are not shown: masked in the text a report
/// quotes (byte for byte, so spans stay right), redacted in every finding.
fn hide_credentials(reports: &mut [FileReport]) {
    for report in reports {
        if let std::borrow::Cow::Owned(masked) = redact::mask(&report.source) {
            report.source = masked;
        }
        for d in &mut report.diagnostics {
            redact::diagnostic(d);
        }
    }
}

fn check(
    args: &CheckArgs,
    files: &[(PathBuf, Arc<Settings>)],
    reports: &mut [FileReport],
    links: &[FileLinks],
    err: &mut dyn Write,
) -> miette::Result<Option<LinkSummary>> {
    if links.iter().all(|l| l.uses.is_empty()) {
        let summary = LinkSummary {
            offline_files: links.iter().filter(|l| l.offline).count(),
            ..LinkSummary::default()
        };
        return Ok(summary.worth_saying().then_some(summary));
    }
    let run = run_settings(args)?;
    let cfg = &run.config.links;
    let allow_private = args.allow_private || cfg.allow_private;
    let proxy = match cfg.proxy.as_deref() {
        None => ProxySetting::None,
        Some("env") => ProxySetting::Env,
        Some(url) => ProxySetting::Url(url.to_string()),
    };
    let checker = HttpChecker::new(FetchOptions {
        connect_timeout: secs(cfg.connect_timeout_secs),
        timeout: secs(cfg.timeout_secs),
        max_redirects: cfg.max_redirects,
        user_agent: cfg.user_agent.clone().unwrap_or_else(default_user_agent),
        proxy,
        allow_private,
        max_idle: cfg.max_concurrency,
        max_idle_per_host: cfg.host_concurrency,
    })
    .map_err(|e| miette::miette!("{e}"))?;
    let cache = (cfg.cache && !args.no_cache).then(|| CacheOptions {
        path: run.root.join(&cfg.cache_file),
        max_age_secs: i64::from(cfg.cache_max_age_hours) * 3600,
    });
    let opts = RunOptions {
        limits: Limits {
            max_concurrency: cfg.max_concurrency,
            host_concurrency: cfg.host_concurrency,
            retries: cfg.retries,
            backoff: secs(cfg.retry_backoff_secs),
            max_retry_after: secs(cfg.max_retry_after_secs),
            url_deadline: secs(cfg.url_deadline_secs),
            host_timeouts: cfg.host_timeouts,
            budget: (cfg.budget_secs > 0.0).then(|| secs(cfg.budget_secs)),
        },
        cache,
        allow_private,
    };
    let bar = Bar {
        shown: std::io::stderr().is_terminal() && !args.common.quiet,
        bar: OnceLock::new(),
    };
    let results = phase::check(links, &checker, &opts, &bar);
    for w in &results.warnings {
        writeln!(err, "warning: {}", crate::output::escape::escape(w)).into_diagnostic()?;
    }
    for ((report, file), (_, settings)) in reports.iter_mut().zip(links).zip(files) {
        let found = crate::lint::links::diagnostics(file, &results, settings);
        crate::lint::links::merge(report, found, file, settings);
    }
    Ok(Some(results.summary))
}

/// A progress bar on standard error, only on a terminal: CI logs get only
/// the summary.
struct Bar {
    shown: bool,
    bar: OnceLock<ProgressBar>,
}

impl Progress for Bar {
    fn start(&self, total: usize) {
        if !self.shown || total == 0 {
            return;
        }
        let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template(
            "{spinner} checking remote URLs {pos}/{len} {wide_bar} {elapsed}",
        ) {
            bar.set_style(style);
        }
        bar.enable_steady_tick(Duration::from_millis(120));
        let _ = self.bar.set(bar);
    }

    fn advance(&self) {
        if let Some(b) = self.bar.get() {
            b.inc(1);
        }
    }

    fn finish(&self) {
        if let Some(b) = self.bar.get() {
            b.finish_and_clear();
        }
    }
}
