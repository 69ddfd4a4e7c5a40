//! `postlint completions SHELL` and `postlint man`: generated from the clap
//! definition, so they never drift from the real options.

use std::io::Write;

use super::exit::ExitStatus;
use clap::CommandFactory;
use miette::IntoDiagnostic;

use super::args::{Cli, CompletionsArgs};

pub fn completions(args: &CompletionsArgs, out: &mut dyn Write) -> miette::Result<ExitStatus> {
    let mut cmd = Cli::command();
    clap_complete::generate(args.shell, &mut cmd, "postlint", out);
    Ok(ExitStatus::Success)
}

pub fn man(out: &mut dyn Write) -> miette::Result<ExitStatus> {
    clap_mangen::Man::new(Cli::command())
        .render(out)
        .into_diagnostic()?;
    Ok(ExitStatus::Success)
}
