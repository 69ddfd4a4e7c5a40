//! Helpers shared by the integration tests: run the binary, make temp sites.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// Runs the built `postlint` binary in `dir` with colour off.
pub fn postlint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_postlint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        // Inside GitHub Actions the default format would change.
        .env_remove("GITHUB_ACTIONS")
        .output()
        .expect("run postlint")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Asserts the run ended by itself with a documented exit code, not a panic.
pub fn assert_no_panic(o: &Output) {
    let err = stderr(o);
    assert!(!err.contains("panicked"), "postlint panicked:\n{err}");
    assert!(
        matches!(o.status.code(), Some(0..=2)),
        "exit {:?}\n{err}",
        o.status
    );
}

/// A valid post body with the given front matter lines.
pub fn post(front_matter: &str) -> String {
    format!("---\n{front_matter}---\n\n<p>Tekst.</p>\n")
}

pub const GOOD: &str = "layout: post\ntitle: \"Goed\"\ndate: Tue, 14 May 2019 17:01:53 +0200\n";
