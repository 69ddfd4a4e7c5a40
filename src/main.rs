//! The `postlint` binary: parse arguments, run, map the outcome to an exit code.

#![forbid(unsafe_code)]

use std::process::ExitCode;

fn main() -> ExitCode {
    match postlint::cli::run() {
        Ok(status) => status.into(),
        Err(report) => {
            eprintln!("{report:?}");
            postlint::cli::ExitStatus::Error.into()
        }
    }
}
