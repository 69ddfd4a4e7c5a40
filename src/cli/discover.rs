//! The files `check` and `fix` work on, with their settings: the walk, and
//! what it could not find said on stderr.

use std::io::Write;
use std::sync::Arc;

use miette::IntoDiagnostic;

use super::args::CommonArgs;
use crate::config;
use crate::walk::{self, ConfigSource};

/// Finds the files to check with their settings; reports missing paths to `err`.
pub fn discover(args: &CommonArgs, err: &mut dyn Write) -> miette::Result<walk::Discovery> {
    let mut configs = match &args.config {
        Some(file) => {
            let settings = config::load(file)?.with_overrides(&args.select, &args.ignore)?;
            ConfigSource::Fixed(Arc::new(settings))
        }
        None => ConfigSource::discover(args.select.clone(), args.ignore.clone()),
    };
    let found = walk::discover(&args.paths, &mut configs)?;
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
