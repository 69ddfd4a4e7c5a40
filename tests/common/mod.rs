//! Helpers shared by the integration tests: run the binary, make temp sites.
#![allow(dead_code)]

pub mod generators;

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

/// The diagnostics of `postlint check --format json ARGS .` run in `dir`,
/// after checking that it did not panic and wrote JSON.
pub fn json_diagnostics(dir: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    all.push(".");
    let o = postlint(dir, &all);
    assert_no_panic(&o);
    diagnostics_of(&o)
}

/// The diagnostics of a run's JSON output.
pub fn diagnostics_of(o: &Output) -> Vec<serde_json::Value> {
    let v: serde_json::Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}{}", stdout(o), stderr(o)));
    v["diagnostics"].as_array().cloned().unwrap_or_default()
}

/// (file, code) of each finding of `postlint check --format json ARGS .` in `dir`.
pub fn file_codes(dir: &Path, args: &[&str]) -> Vec<(String, String)> {
    json_diagnostics(dir, args)
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap_or_default().to_string(),
                d["code"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// The rule codes of a run's JSON output, in output order.
pub fn codes_of(o: &Output) -> Vec<String> {
    diagnostics_of(o)
        .iter()
        .map(|d| d["code"].as_str().unwrap_or_default().to_string())
        .collect()
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

/// Runs `postlint` like [`postlint`], but kills it after `secs` seconds and
/// fails: "no hang" is part of the contract for bad input.
pub fn postlint_within(dir: &Path, args: &[&str], secs: u64) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_postlint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run postlint");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    loop {
        if child.try_wait().expect("wait").is_some() {
            return child.wait_with_output().expect("output");
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("postlint {args:?} did not finish within {secs} s");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// 2026-01-01T00:00:00Z: the fixed clock of the tests that call the library,
/// so "in the future" findings do not drift.
pub fn now() -> jiff::Timestamp {
    jiff::Timestamp::from_second(1_767_225_600).unwrap()
}
