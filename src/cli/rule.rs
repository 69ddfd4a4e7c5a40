//! `postlint rule`: print a rule's documentation, or every rule's.

use std::io::Write;

use super::exit::ExitStatus;
use miette::IntoDiagnostic;

use super::args::RuleArgs;
use crate::rules::{self, docs};

pub fn run(args: &RuleArgs, out: &mut dyn Write) -> miette::Result<ExitStatus> {
    if args.all {
        write!(out, "{}", docs::render_all()).into_diagnostic()?;
        return Ok(ExitStatus::Success);
    }
    let wanted = args.rule.as_deref().unwrap_or_default();
    match rules::lookup(wanted) {
        Some(rule) => {
            write!(out, "{}", docs::render(rule)).into_diagnostic()?;
            Ok(ExitStatus::Success)
        }
        None => Err(miette::miette!(
            help = "`postlint rule --all` lists every rule",
            "no rule has the code or name `{wanted}`"
        )),
    }
}
