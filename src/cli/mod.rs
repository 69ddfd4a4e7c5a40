//! The command-line front end: argument parsing and the subcommands. Only
//! this layer writes to the terminal.

pub mod args;
pub mod baseline;
pub mod check;
pub mod clean;
pub mod completions;
pub mod discover;
pub mod exit;
pub mod fix;
pub mod init;
pub mod links;
#[cfg(test)]
mod reads_test;
pub mod rule;
pub mod show_settings;
pub mod site;

use std::io::{self, Write};

use clap::Parser;

pub use args::Cli;
pub use exit::ExitStatus;

/// Parses `std::env::args` and runs the command; returns how it ended.
pub fn run() -> miette::Result<ExitStatus> {
    let cli = Cli::parse();
    let stdout = io::stdout();
    let mut out = QuietPipe::new(io::BufWriter::new(stdout.lock()));
    let mut err = io::stderr();
    let code = match &cli.command {
        args::Command::Check(a) => check::run(a, &mut out, &mut err)?,
        args::Command::Fix(a) => fix::run(a, &mut out, &mut err)?,
        args::Command::Rule(a) => rule::run(a, &mut out)?,
        args::Command::Clean => clean::run(&mut out)?,
        args::Command::ShowSettings(a) => show_settings::run(a, &mut out)?,
        args::Command::Site(a) => site::run(a, &mut out, &mut err)?,
        args::Command::Init(a) => init::run(a, &mut out, &mut err)?,
        args::Command::Baseline(a) => baseline::run(a, &mut out, &mut err)?,
        args::Command::Completions(a) => completions::completions(a, &mut out)?,
        args::Command::Man => completions::man(&mut out)?,
    };
    match out.flush() {
        Err(e) => Err(miette::miette!("cannot write output: {e}")),
        Ok(()) => Ok(code),
    }
}

/// Stdout that goes quiet once the reader has gone (`postlint check | head`):
/// further output is dropped instead of failing every command with an error.
pub struct QuietPipe<W> {
    inner: W,
    closed: bool,
}

impl<W: Write> QuietPipe<W> {
    pub fn new(inner: W) -> Self {
        QuietPipe {
            inner,
            closed: false,
        }
    }

    fn quiet<T>(&mut self, result: io::Result<T>, done: T) -> io::Result<T> {
        match result {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(done)
            }
            other => other,
        }
    }
}

impl<W: Write> Write for QuietPipe<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        let result = self.inner.write(buf);
        self.quiet(result, buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let result = self.inner.flush();
        self.quiet(result, ())
    }
}
