//! Snapshot tests: the human and JSON output for every fixture, with the
//! settings the CLI would discover for it, at a fixed clock.

mod common;
use common::now;

use std::path::PathBuf;

use postlint::lint::{FileReport, Linter};
use postlint::output::{self, Summary, human::HumanOptions};
use postlint::walk::{self, ConfigSource};

fn reports() -> Vec<FileReport> {
    let mut configs = ConfigSource::discover(Vec::new(), Vec::new());
    let found = walk::discover(&[PathBuf::from("fixtures")], &mut configs).unwrap();
    assert!(found.errors.is_empty() && found.missing.is_empty());
    found
        .files
        .iter()
        .map(|(p, s)| Linter::new(s, now()).lint_path(p).report)
        .collect()
}

fn human(reports: &[FileReport]) -> String {
    let mut out = Vec::new();
    let options = HumanOptions {
        color: false,
        width: 100,
    };
    output::human::write(&mut out, reports, &Summary::of(reports), options, true).unwrap();
    String::from_utf8(out).unwrap()
}

fn json(reports: &[FileReport]) -> String {
    let mut out = Vec::new();
    output::json::write(&mut out, reports, &Summary::of(reports)).unwrap();
    String::from_utf8(out).unwrap()
}

fn snapshot_name(r: &FileReport) -> String {
    r.path
        .strip_prefix("fixtures")
        .unwrap()
        .to_string_lossy()
        .replace(['/', '.'], "_")
}

#[test]
fn every_fixture_human_and_json() {
    let reports = reports();
    assert!(reports.len() >= 25, "{} fixtures", reports.len());
    for r in reports {
        let name = snapshot_name(&r);
        let one = std::slice::from_ref(&r);
        insta::assert_snapshot!(format!("{name}__human"), human(one));
        insta::assert_snapshot!(format!("{name}__json"), json(one));
    }
}

/// A fixture named after a rule code shows that rule, and the real-shaped
/// posts show no finding of the rules in this crate.
#[test]
fn fixtures_show_their_rule() {
    for r in reports() {
        let name = r.path.file_name().unwrap().to_string_lossy().into_owned();
        let codes: Vec<&str> = r.diagnostics.iter().map(|d| d.code()).collect();
        if r.path.starts_with("fixtures/real") {
            assert!(codes.is_empty(), "{name}: {codes:?}");
            continue;
        }
        let expected = name
            .find("PL")
            .and_then(|i| name.get(i..i + 5))
            .unwrap_or_else(|| panic!("fixture {name} is not named after a rule"));
        assert!(
            codes.contains(&expected),
            "{name}: expected {expected}, got {codes:?}"
        );
    }
}

/// The fixtures' findings agree with each rule's declared `fix`: a rule
/// that never fixes shows no fix, one that always fixes shows one every time.
#[test]
fn findings_agree_with_the_declared_fix() {
    use postlint::rules::FixAvailability;
    let mut checked = 0;
    for r in reports() {
        for d in &r.diagnostics {
            let agrees = match d.rule.fix {
                FixAvailability::None => d.fix.is_none(),
                FixAvailability::Sometimes => true,
                FixAvailability::Always => d.fix.is_some(),
            };
            assert!(
                agrees,
                "{}: {} declares fix {:?}, but a finding has fix {:?}",
                r.path.display(),
                d.rule.code,
                d.rule.fix,
                d.fix
            );
            checked += 1;
        }
    }
    assert!(checked > 50, "only {checked} findings");
}

/// Every rule that a post can trigger has a fixture named after its code.
#[test]
fn every_rule_has_a_fixture() {
    let names: Vec<String> = reports()
        .iter()
        .map(|r| r.path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for rule in postlint::rules::ALL {
        if rule.code == "PL902" {
            continue; // an unreadable file cannot be committed; tests/bad_input.rs makes one
        }
        if rule.code == "PL904" {
            continue; // a link to nothing is not a file the walk reads; tests/bad_input.rs makes one
        }
        if rule.code == "PL258" {
            continue; // a count over a whole site (`check`'s pre-pass): tests/dates_auto.rs shows it on a site of 12 posts
        }
        if matches!(rule.run, postlint::rules::Run::Links) {
            continue; // HTTP findings: fixtures stay offline; tests/links.rs shows them against a loopback server
        }
        if matches!(rule.run, postlint::rules::Run::Site) {
            continue; // two files at once, after the run: tests/cross_posts.rs shows them
        }
        assert!(
            names.iter().any(|n| n.contains(rule.code)),
            "no fixture for {} {}",
            rule.code,
            rule.name
        );
    }
}
