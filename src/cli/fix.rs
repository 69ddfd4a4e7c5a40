//! `postlint fix`: apply fixes to every file in parallel, write atomically,
//! or show a diff, or only say whether anything would change.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use miette::IntoDiagnostic;

use super::args::FixArgs;
use super::exit::ExitStatus;
use crate::config::Settings;
use crate::fix::{self, FixOptions};
use crate::output::escape::escape;

/// What to do with fixed text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Write,
    Diff,
    Check,
}

/// Fixes `files`, reporting per-file problems to `err` and diffs to `out`.
/// Returns the totals of the run.
pub fn fix_all(
    files: &[(PathBuf, Arc<Settings>)],
    now: jiff::Timestamp,
    opts: FixOptions,
    mode: Mode,
    baselines: &crate::baseline::Baselines,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> miette::Result<Totals> {
    // A rule the site does not keep the convention of rewrites nothing.
    let (files, notes) = crate::conventions::gate::for_fix(files, now);
    // Nor does one whose findings in a file the baseline records.
    let files = crate::baseline::for_fix(&files, baselines, now);
    let outcomes = fix::fix_files(&files, now, opts, mode == Mode::Write);
    let mut totals = Totals {
        notes,
        ..Totals::default()
    };
    for o in &outcomes {
        let r = &o.result;
        // File names and messages come from the checked tree: escaped, so a
        // crafted name cannot forge a line (`::error` on GitHub Actions).
        let shown = escape(&r.path.display().to_string()).into_owned();
        for d in &r.dropped {
            let times = if d.count > 1 {
                format!(" ({} times)", d.count)
            } else {
                String::new()
            };
            writeln!(
                err,
                "{shown}: not applied{times}: {} {} ({}): {}",
                d.rule.code,
                d.rule.name,
                escape(&d.title),
                escape(&d.reason)
            )
            .into_diagnostic()?;
        }
        for rule in &r.unconverged {
            writeln!(
                err,
                "{shown}: the fixes of {} {} did not settle after {} passes",
                rule.code,
                rule.name,
                fix::MAX_PASSES
            )
            .into_diagnostic()?;
        }
        if let Some(why) = &r.untouched
            && r.report.diagnostics.iter().any(|d| d.fix.is_some())
        {
            writeln!(err, "{shown}: left as it is: {}", escape(why)).into_diagnostic()?;
        }
        if let Some(e) = &o.write_error {
            writeln!(err, "{shown}: not written: {}", escape(&e.to_string())).into_diagnostic()?;
            totals.failed += 1;
            let reason = e.short_reason();
            totals.failure = match totals.failure.take() {
                None => Some(reason),
                Some(same) if same == reason => Some(same),
                Some(_) => Some("see the messages above".to_string()),
            };
        }
        for d in &r.report.diagnostics {
            match d.severity {
                crate::diagnostic::Severity::Error => totals.errors += 1,
                crate::diagnostic::Severity::Warning => totals.warnings += 1,
            }
        }
        let Some(fixed) = &r.fixed else { continue };
        if o.write_error.is_none() {
            totals.files += 1;
            totals.fixes += r.fix_count();
        }
        match mode {
            Mode::Diff => {
                let before = String::from_utf8_lossy(&o.original);
                let diff = similar::TextDiff::from_lines(before.as_ref(), fixed.as_str());
                let name = shown.clone();
                write!(
                    out,
                    "{}",
                    diff.unified_diff().context_radius(2).header(&name, &name)
                )
                .into_diagnostic()?;
            }
            Mode::Check => writeln!(out, "would fix: {shown}").into_diagnostic()?,
            Mode::Write => {}
        }
    }
    Ok(totals)
}

/// Counts over a whole run.
#[derive(Debug, Default, Clone)]
pub struct Totals {
    pub files: usize,
    pub fixes: usize,
    pub failed: usize,
    /// Why files were not written, when they all failed alike.
    pub failure: Option<String>,
    pub errors: usize,
    pub warnings: usize,
    /// Rules left alone because the site does not keep their convention.
    pub notes: Vec<crate::conventions::gate::Note>,
}

/// The last line of `fix`: what was fixed, what is left, what could not be written.
fn summary_line(t: &Totals, mode: Mode) -> String {
    let verb = if mode == Mode::Write {
        "Fixed"
    } else {
        "Would fix"
    };
    let mut line = if t.fixes == 0 && t.failed > 0 {
        // Not "Nothing to fix": there was, and it is not done.
        "Not fixed".to_string()
    } else if t.fixes == 0 {
        "Nothing to fix".to_string()
    } else {
        format!(
            "{verb} {} in {}",
            plural(t.fixes, "problem"),
            plural(t.files, "file")
        )
    };
    let left = t.errors + t.warnings;
    if left > 0 && mode == Mode::Write {
        line.push_str(&format!(
            "; {} left ({}, {}): run `postlint check` to see them",
            plural(left, "problem"),
            plural(t.errors, "error"),
            plural(t.warnings, "warning")
        ));
    }
    if t.failed > 0 {
        line.push_str(&format!(
            "; could not write {}: {}",
            plural(t.failed, "file"),
            t.failure.as_deref().unwrap_or("see the messages above")
        ));
    }
    line
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

pub fn run(args: &FixArgs, out: &mut dyn Write, err: &mut dyn Write) -> miette::Result<ExitStatus> {
    let found = super::discover::discover(&args.common, err)?;
    for (path, message, _) in &found.errors {
        writeln!(
            err,
            "{}: {}",
            escape(&path.display().to_string()),
            escape(message)
        )
        .into_diagnostic()?;
    }
    // A link to nothing (a submodule not checked out) holds nothing to fix.
    for (path, message, _) in &found.dangling {
        writeln!(
            err,
            "warning: {}: {}",
            escape(&path.display().to_string()),
            escape(message)
        )
        .into_diagnostic()?;
    }
    let mode = if args.diff {
        Mode::Diff
    } else if args.check {
        Mode::Check
    } else {
        Mode::Write
    };
    let opts = FixOptions {
        unsafe_fixes: args.common.unsafe_fixes,
    };
    let baselines = super::check::baselines_of(&found, args.no_baseline)?;
    let now = jiff::Timestamp::now();
    let t = fix_all(&found.files, now, opts, mode, &baselines, out, err)?;
    for note in &t.notes {
        let line = escape(&note.message(found.sites.len() > 1)).into_owned();
        writeln!(err, "note: {line}").into_diagnostic()?;
    }
    if !args.common.quiet {
        writeln!(out, "{}", summary_line(&t, mode)).into_diagnostic()?;
    }
    let failed = if mode == Mode::Write {
        t.failed > 0 || t.errors > 0 || !found.errors.is_empty()
    } else {
        t.files > 0
    };
    Ok(ExitStatus::of_fix(!found.missing.is_empty(), failed))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::WriteError;

    #[test]
    fn a_full_disk_is_not_nothing_to_fix() {
        let full = WriteError::Io(std::io::Error::from(std::io::ErrorKind::StorageFull));
        let t = Totals {
            failed: 3,
            failure: Some(full.short_reason()),
            ..Totals::default()
        };
        assert_eq!(
            summary_line(&t, Mode::Write),
            "Not fixed; could not write 3 files: no space left on device"
        );
        let t = Totals {
            fixes: 2,
            files: 1,
            ..t
        };
        assert_eq!(
            summary_line(&t, Mode::Write),
            "Fixed 2 problems in 1 file; could not write 3 files: no space left on device"
        );
    }
}
