//! The command-line front end: argument parsing and the subcommands. Only
//! this layer writes to the terminal.

pub mod args;
pub mod check;
pub mod fix;
pub mod links;
pub mod rule;

use std::io::Write;

use clap::Parser;

pub use args::Cli;

/// Parses `std::env::args` and runs the command; returns the exit code.
pub fn run() -> miette::Result<u8> {
    let cli = Cli::parse();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut err = std::io::stderr();
    let code = match &cli.command {
        args::Command::Check(a) => check::run(a, &mut out, &mut err)?,
        args::Command::Fix(a) => fix::run(a, &mut out, &mut err)?,
        args::Command::Rule(a) => rule::run(a, &mut out)?,
    };
    match out.flush() {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(miette::miette!("cannot write output: {e}"))
        }
        _ => Ok(code),
    }
}
