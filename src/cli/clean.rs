//! `postlint clean`: remove the cache folder of the current folder.

use std::io::Write;

use super::exit::ExitStatus;
use miette::{IntoDiagnostic, WrapErr};

use crate::cache::{self, CACHE_DIR};

pub fn run(out: &mut dyn Write) -> miette::Result<ExitStatus> {
    let cwd = std::env::current_dir().into_diagnostic()?;
    let removed = cache::clean(&cwd)
        .into_diagnostic()
        .wrap_err_with(|| format!("cannot remove {CACHE_DIR}"))?;
    if removed {
        writeln!(out, "Removed {CACHE_DIR}").into_diagnostic()?;
    } else {
        writeln!(out, "No {CACHE_DIR} to remove").into_diagnostic()?;
    }
    Ok(ExitStatus::Success)
}
