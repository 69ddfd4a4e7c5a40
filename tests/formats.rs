//! The CI formats (SARIF validated against the official schema, JUnit parsed as
//! XML, GitHub workflow commands, concise lines), statistics, and the exit
//! code options.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let p = dir.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

const BAD: &str = "title: x\ndate: Mon, 14 May 2019 17:01:53 +0200\n";
const WARN: &str = "title: y\ndate: Tue, 14 May 2019 15:01:53 GMT\n";

/// The Python that validates output: `POSTLINT_PYTHON`, else the virtual
/// environment `.ci/run` creates, else `python3`.
fn python() -> PathBuf {
    if let Some(p) = std::env::var_os("POSTLINT_PYTHON") {
        return p.into();
    }
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/ci-venv/bin/python");
    if venv.exists() {
        venv
    } else {
        "python3".into()
    }
}

/// Runs tests/support/validate.py. Without Python or its module the check is
/// skipped with a note, except in CI (`CI=true`), where that is a failure.
fn validate(args: &[&Path]) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/validate.py");
    let out = Command::new(python()).arg(&script).args(args).output();
    let in_ci = std::env::var("CI").is_ok_and(|v| v == "true");
    let missing = |why: String| {
        assert!(
            !in_ci,
            "cannot validate in CI: {why}; .ci/run installs jsonschema into target/ci-venv"
        );
        eprintln!("skipping validation: {why} (run .ci/run, or set POSTLINT_PYTHON)");
    };
    match out {
        Err(e) => missing(format!("cannot run {}: {e}", python().display())),
        Ok(o) if o.status.code() == Some(3) => missing(stderr(&o).trim().to_string()),
        Ok(o) => {
            assert!(
                o.status.success(),
                "validation failed:\n{}{}",
                stdout(&o),
                stderr(&o)
            );
            eprintln!("{}", stdout(&o).trim());
        }
    }
}

/// Every fixture (fixes, labels, every rule's finding), a clean run, and
/// awkward paths and messages: all valid SARIF 2.1.0.
#[test]
fn sarif_is_valid_against_the_official_schema() {
    let schema =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif/sarif-2.1.0-rtm.5.json");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let o = postlint(
        root,
        &["check", "fixtures", "--format", "sarif", "--no-cache"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert!(results.len() > 30, "{} results", results.len());
    assert!(results.iter().any(|r| r.get("fixes").is_some()));
    assert!(results.iter().any(|r| r.get("relatedLocations").is_some()));
    let rules = v["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), postlint::rules::ALL.len());
    // Inside this repository, URIs are relative to its root.
    let uri = results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        .as_str()
        .unwrap();
    assert!(uri.starts_with("fixtures/"), "{uri}");

    let d = site(&[
        (
            "_posts/mijn post é#1.html",
            &post(
                "title: \"<b>&amp;\"\ndate: Mon, 14 May 2019 17:01:53 +0200\n\"a<&>\\u0001\": 1\n",
            ),
        ),
        ("postlint.toml", "[front-matter]\nstrict = true\n"),
    ]);
    let awkward = postlint(d.path(), &["check", "--format", "sarif"]);
    let clean = postlint(
        d.path(),
        &["check", "--format", "sarif", "--select", "PL109"],
    );
    let dir = tempfile::tempdir().unwrap();
    for (name, o) in [("fixtures", &o), ("awkward", &awkward), ("clean", &clean)] {
        let file = dir.path().join(format!("{name}.sarif"));
        std::fs::write(&file, &o.stdout).unwrap();
        validate(&[Path::new("sarif"), &schema, &file]);
    }
}

#[test]
fn junit_is_well_formed_for_any_message() {
    let d = site(&[
        (
            "_posts/a&b.html",
            &post("title: x\ndate: Mon, 14 May 2019 17:01:53 +0200\n\"<k>&\\u0001\\uFFFE\": 1\n"),
        ),
        ("_posts/clean.html", &post(GOOD)),
        ("postlint.toml", "[front-matter]\nstrict = true\n"),
    ]);
    let o = postlint(d.path(), &["check", "--format", "junit"]);
    assert_eq!(o.status.code(), Some(1));
    let xml = stdout(&o);
    assert!(
        xml.contains("<testsuite name=\"_posts/a&amp;b.html\" tests=\"2\" failures=\"2\""),
        "{xml}"
    );
    assert!(
        xml.contains("<testcase name=\"postlint\" classname=\"_posts/clean.html\""),
        "{xml}"
    );
    assert!(xml.contains("&lt;k&gt;&amp;"), "{xml}");
    let file = d.path().join("out.xml");
    std::fs::write(&file, &o.stdout).unwrap();
    validate(&[Path::new("xml"), &file]);
}

#[test]
fn github_commands_and_auto_selection() {
    let d = site(&[
        ("_posts/a.html", &post(BAD)),
        ("_posts/b.html", &post(WARN)),
    ]);
    let o = postlint(d.path(), &["check", "--format", "github"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("::error file=_posts/a.html,line=3,col=7,endLine=3,endColumn=10,title=PL251 wrong-weekday::14 May 2019 is a Tuesday, not a Monday%0Ahelp: write `Tue`\n"),
        "{out}"
    );
    assert!(
        out.contains("::warning file=_posts/b.html,line=3,"),
        "{out}"
    );
    // Without --format, GITHUB_ACTIONS=true selects it.
    let auto = Command::new(env!("CARGO_BIN_EXE_postlint"))
        .args(["check"])
        .current_dir(d.path())
        .env("GITHUB_ACTIONS", "true")
        .output()
        .unwrap();
    assert_eq!(stdout(&auto), out);
    let explicit = Command::new(env!("CARGO_BIN_EXE_postlint"))
        .args(["check", "--format", "concise"])
        .current_dir(d.path())
        .env("GITHUB_ACTIONS", "true")
        .output()
        .unwrap();
    assert!(stdout(&explicit).starts_with("_posts/a.html:3:7: PL251 "));
}

#[test]
fn concise_is_one_line_per_finding() {
    let d = site(&[
        ("_posts/a.html", &post(BAD)),
        ("_posts/b.html", &post(WARN)),
    ]);
    let o = postlint(d.path(), &["check", "--format", "concise"]);
    assert_eq!(
        stdout(&o),
        "_posts/a.html:3:7: PL251 14 May 2019 is a Tuesday, not a Monday\n\
         _posts/b.html:3:33: PL254 the zone name `GMT` is obsolete\n\
         Found 1 error and 1 warning in 2 of 2 files\n"
    );
    let q = postlint(d.path(), &["check", "--format", "concise", "-q"]);
    assert_eq!(stdout(&q).lines().count(), 2);
}

#[test]
fn statistics_table_and_json() {
    let d = site(&[
        ("_posts/a.html", &post(BAD)),
        ("_posts/b.html", &post(WARN)),
        ("_posts/c.html", &post(WARN)),
    ]);
    let o = postlint(d.path(), &["check", "--statistics"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stdout(&o),
        "count  code   name                fixable\n    \
             2  PL254  obsolete-date-form  2\n    \
             1  PL251  wrong-weekday       0\n\
         Found 1 error and 2 warnings in 3 of 3 files\n"
    );
    let o = postlint(d.path(), &["check", "--statistics", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["code"], "PL254");
    assert_eq!(v[0]["count"], 2);
}

#[test]
fn exit_zero_and_max_warnings() {
    let d = site(&[
        ("_posts/a.html", &post(BAD)),
        ("_posts/b.html", &post(WARN)),
    ]);
    let code = |args: &[&str]| postlint(d.path(), args).status.code();
    assert_eq!(code(&["check"]), Some(1));
    assert_eq!(code(&["check", "--exit-zero"]), Some(0));
    assert_eq!(code(&["check", "--exit-zero", "missing"]), Some(2));
    assert_eq!(code(&["check", "_posts/b.html"]), Some(0));
    assert_eq!(
        code(&["check", "_posts/b.html", "--max-warnings", "1"]),
        Some(0)
    );
    assert_eq!(
        code(&["check", "_posts/b.html", "--max-warnings", "0"]),
        Some(1)
    );
    assert_eq!(code(&["check", "--max-warnings", "x"]), Some(2));
}
