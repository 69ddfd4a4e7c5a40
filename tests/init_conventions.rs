//! Site-convention gating (issue 14): with no explicit setting, the
//! white-space rules and PL302 report only on a site that keeps their
//! convention, `fix` follows the same gate, and an explicit setting or an
//! `.editorconfig` turns the gate off.

mod common;

use common::*;

const FM: &str = "layout: post\ntitle: \"Goed\"\ndate: Tue, 14 May 2019 17:01:53 +0200\n";

/// A site of `n` Markdown posts, the first `dirty` of which end a line with a space.
fn site(n: usize, dirty: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("_posts")).unwrap();
    for i in 0..n {
        let line = if i < dirty { "Tekst. \n" } else { "Tekst.\n" };
        let text = format!("---\n{FM}---\n\n{line}\nMeer.\n");
        std::fs::write(dir.path().join(format!("_posts/p{i:02}.md")), text).unwrap();
    }
    dir
}

fn codes(o: &std::process::Output) -> Vec<String> {
    codes_of(o)
}

#[test]
fn a_site_that_does_not_trim_is_not_reported_and_says_so_once() {
    let d = site(12, 3);
    let o = postlint(d.path(), &["check", "--no-cache", "."]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(!out.contains("PL107"), "{out}");
    let err = stderr(&o);
    let note = "note: PL107 trailing-whitespace: 3 of 12 files have trailing white space; treated as the site's convention and not reported (set `[rules.severity] trailing-whitespace = \"warning\"` to check it)";
    assert_eq!(err.matches("note:").count(), 1, "{err}");
    assert!(err.contains(note), "{err}");
    // JSON: the note is a summary field, not a line on stderr.
    let o = postlint(d.path(), &["check", "--no-cache", "--format", "json", "."]);
    assert!(codes(&o).is_empty());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let c = &v["summary"]["conventions"][0];
    assert_eq!(c["code"], "PL107");
    assert_eq!(c["failing"], 3);
    assert_eq!(c["total"], 12);
    assert_eq!(c["unit"], "files");
    assert_eq!(c["dropped"], 3);
    assert!(!stderr(&o).contains("note:"));
}

#[test]
fn a_site_that_trims_keeps_the_rule() {
    // 1 of 20 files: 95% are clean, the site keeps the convention.
    let d = site(20, 1);
    let o = postlint(d.path(), &["check", "--no-cache", "--format", "json", "."]);
    assert_eq!(codes(&o), ["PL107"]);
    assert!(!stderr(&o).contains("note:"));
    // A few files (a pre-commit run) are no sample of a convention.
    let d = site(3, 2);
    let o = postlint(d.path(), &["check", "--no-cache", "--format", "json", "."]);
    assert_eq!(codes(&o), ["PL107", "PL107"]);
}

#[test]
fn an_explicit_setting_turns_the_gate_off() {
    let d = site(12, 3);
    std::fs::write(
        d.path().join("postlint.toml"),
        "[rules.severity]\ntrailing-whitespace = \"warning\"\n",
    )
    .unwrap();
    let o = postlint(d.path(), &["check", "--no-cache", "--format", "json", "."]);
    assert_eq!(codes(&o), ["PL107", "PL107", "PL107"]);
    std::fs::remove_file(d.path().join("postlint.toml")).unwrap();
    let o = postlint(
        d.path(),
        &[
            "check",
            "--no-cache",
            "--format",
            "json",
            "--select",
            "PL1",
            ".",
        ],
    );
    assert_eq!(codes(&o), ["PL107", "PL107", "PL107"]);
}

#[test]
fn the_editorconfig_states_the_convention() {
    let d = site(12, 3);
    std::fs::write(
        d.path().join(".editorconfig"),
        "root = true\n[*]\ntrim_trailing_whitespace = true\n",
    )
    .unwrap();
    let o = postlint(d.path(), &["check", "--no-cache", "--format", "json", "."]);
    assert_eq!(codes(&o), ["PL107", "PL107", "PL107"]);
    // Markdown files are kept as they are: one dirty file of 20 is dropped too.
    let d = site(20, 1);
    std::fs::write(
        d.path().join(".editorconfig"),
        "[*]\ntrim_trailing_whitespace = true\n[*.md]\ntrim_trailing_whitespace = false\n",
    )
    .unwrap();
    let o = postlint(d.path(), &["check", "--no-cache", "."]);
    assert!(!stdout(&o).contains("PL107"), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("the site's .editorconfig sets `trim_trailing_whitespace = false` and 1 of 20 files have trailing white space"),
        "{}",
        stderr(&o)
    );
}

/// gohugoio/hugoDocs lints its Markdown with markdownlint-cli2 and leaves
/// the pages `hugo gen doc` writes out (`ignores`); its `config` switches
/// rules on and off by number or name. postlint follows both.
#[test]
fn the_sites_markdownlint_config_states_the_convention() {
    // 3 dirty of 12 is not the site's convention, but MD009 says it is.
    let d = site(12, 3);
    let config = d.path().join(".markdownlint-cli2.yaml");
    std::fs::write(&config, "config:\n  MD009: true\n").unwrap();
    let o = postlint(d.path(), &["check", "--no-cache", "--format", "json", "."]);
    assert_eq!(codes(&o), ["PL107", "PL107", "PL107"]);
    // 1 dirty of 20 is the convention, but the dirty file is one the
    // site's linter leaves out.
    let d = site(20, 1);
    let config = d.path().join(".markdownlint-cli2.yaml");
    std::fs::write(&config, "ignores:\n  - \"_posts/p00.md\"\n").unwrap();
    let o = postlint(d.path(), &["check", "--no-cache", "."]);
    assert!(!stdout(&o).contains("PL107"), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("PL107 trailing-whitespace: the site's markdownlint config leaves 1 file out (`ignores`) and 1 of them have trailing white space"),
        "{}",
        stderr(&o)
    );
    // `init` keeps the site's convention (the left-out file says nothing
    // of it), and neither `check` nor `fix` touches the left-out file.
    let o = postlint(d.path(), &["init", "--no-baseline", "."]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let written = std::fs::read_to_string(d.path().join("postlint.toml")).unwrap();
    assert!(
        written.contains("trailing-whitespace = \"warning\""),
        "{written}"
    );
    let o = postlint(d.path(), &["check", "--no-cache", "."]);
    assert!(!stdout(&o).contains("PL107"), "{}", stdout(&o));
    let before = std::fs::read(d.path().join("_posts/p00.md")).unwrap();
    let o = postlint(d.path(), &["fix", "."]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_eq!(
        std::fs::read(d.path().join("_posts/p00.md")).unwrap(),
        before
    );
    // Turned off by its name.
    std::fs::write(&config, "config:\n  no-trailing-spaces: false\n").unwrap();
    let d2 = site(20, 1);
    std::fs::copy(&config, d2.path().join(".markdownlint-cli2.yaml")).unwrap();
    let o = postlint(d2.path(), &["check", "--no-cache", "."]);
    assert!(!stdout(&o).contains("PL107"), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("the site's markdownlint config turns `MD009` off"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_site_that_never_writes_alt_is_not_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("_posts")).unwrap();
    // The images exist: only their alt text is in question.
    let names = ["a", "b", "c", "x"].map(String::from);
    for name in names.into_iter().chain((0..12).map(|i| format!("f{i}"))) {
        std::fs::write(dir.path().join(format!("{name}.png")), "").unwrap();
    }
    for i in 0..6 {
        let body = "<p><img src=\"/a.png\"> <img src=\"/b.png\" alt=\"b\"></p>\n\n![](/c.png)\n";
        std::fs::write(
            dir.path().join(format!("_posts/p{i}.md")),
            format!("---\n{FM}---\n\n{body}"),
        )
        .unwrap();
    }
    let o = postlint(dir.path(), &["check", "--no-cache", "."]);
    assert!(!stdout(&o).contains("PL302"), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("PL302 image-missing-alt: 12 of 18 images have no alt text"),
        "{}",
        stderr(&o)
    );
    // One image without alt among many that have it is reported.
    let alts: String = (0..12)
        .map(|i| format!("![foto {i}](/f{i}.png)\n"))
        .collect();
    std::fs::write(
        dir.path().join("_posts/p0.md"),
        format!("---\n{FM}---\n\n{alts}![](/x.png)\n"),
    )
    .unwrap();
    for i in 1..6 {
        std::fs::remove_file(dir.path().join(format!("_posts/p{i}.md"))).unwrap();
    }
    let o = postlint(
        dir.path(),
        &["check", "--no-cache", "--format", "json", "."],
    );
    assert_eq!(codes(&o), ["PL302"]);
}

#[test]
fn fix_follows_the_gate() {
    let d = site(12, 3);
    let before = std::fs::read(d.path().join("_posts/p00.md")).unwrap();
    let o = postlint(d.path(), &["fix", "."]);
    assert_no_panic(&o);
    assert_eq!(
        std::fs::read(d.path().join("_posts/p00.md")).unwrap(),
        before
    );
    assert!(stdout(&o).contains("Nothing to fix"), "{}", stdout(&o));
    assert_eq!(
        stderr(&o).matches("note: PL107").count(),
        1,
        "{}",
        stderr(&o)
    );
    // Where the site keeps the convention, fix still trims.
    let d = site(20, 1);
    let o = postlint(d.path(), &["fix", "."]);
    assert_no_panic(&o);
    let after = std::fs::read_to_string(d.path().join("_posts/p00.md")).unwrap();
    assert!(after.contains("Tekst.\n"), "{after}");
}

#[test]
fn the_gate_holds_with_a_warm_cache() {
    let d = site(12, 3);
    for _ in 0..2 {
        let o = postlint(d.path(), &["check", "--format", "json", "."]);
        assert!(codes(&o).is_empty(), "{}", stdout(&o));
    }
    // The cache keeps each file's own findings: an explicit setting sees them.
    let o = postlint(
        d.path(),
        &[
            "check",
            "--format",
            "json",
            "--select",
            "trailing-whitespace",
            ".",
        ],
    );
    assert_eq!(codes(&o).len(), 3);
}

#[test]
fn each_site_of_a_run_keeps_its_own_convention() {
    // Together 4 of 32 files are dirty (87% clean); per site, one site
    // does not trim (3 of 12) and the other does (1 of 20).
    let d = tempfile::tempdir().unwrap();
    for (name, n, dirty) in [("loose", 12, 3), ("tidy", 20, 1)] {
        let s = site(n, dirty);
        let to = d.path().join(name);
        std::fs::create_dir_all(to.join("_posts")).unwrap();
        std::fs::write(to.join("_config.yml"), "title: x\n").unwrap();
        for e in std::fs::read_dir(s.path().join("_posts")).unwrap() {
            let e = e.unwrap();
            std::fs::copy(e.path(), to.join("_posts").join(e.file_name())).unwrap();
        }
    }
    let o = postlint(d.path(), &["check", "--no-cache", "."]);
    let out = stdout(&o);
    assert_eq!(out.matches("PL107 trailing-whitespace").count(), 1, "{out}");
    assert!(out.contains("tidy/_posts/p00.md"), "{out}");
    let err = stderr(&o);
    assert_eq!(err.matches("note:").count(), 1, "{err}");
    assert!(err.contains("note: PL107 trailing-whitespace in "), "{err}");
    assert!(
        err.contains("loose: 3 of 12 files have trailing white space"),
        "{err}"
    );
}

/// A newsletter whose template goes from `#` sections to `###` transcripts
/// in 6 of 12 issues (shaped on a weekly Pelican site): the skipped level is
/// the site's convention, not a finding in each issue. `html.top-heading-level`
/// or a severity for the rule states the preference and brings it back.
#[test]
fn a_site_that_skips_heading_levels_by_habit_is_not_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("_posts")).unwrap();
    for i in 0..12 {
        let sub = if i < 6 { "###" } else { "##" };
        let text = format!("---\n{FM}---\n\n# Updates\n\nTekst.\n\n{sub} Transcript\n\nMeer.\n");
        std::fs::write(dir.path().join(format!("_posts/p{i:02}.md")), text).unwrap();
    }
    let o = postlint(
        dir.path(),
        &["check", "--no-cache", "--format", "json", "."],
    );
    assert!(codes(&o).is_empty(), "{}", stdout(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let c = &v["summary"]["conventions"][0];
    assert_eq!(c["code"], "PL308");
    assert_eq!(c["failing"], 6);
    let o = postlint(dir.path(), &["check", "--no-cache", "."]);
    assert!(
        stderr(&o).contains("note: PL308 heading-order: 6 of 12 files skip a heading level;"),
        "{}",
        stderr(&o)
    );
    for config in [
        "[rules.severity]\nheading-order = \"warning\"\n",
        "[html]\ntop-heading-level = 1\n",
    ] {
        std::fs::write(dir.path().join("postlint.toml"), config).unwrap();
        let o = postlint(
            dir.path(),
            &["check", "--no-cache", "--format", "json", "."],
        );
        assert_eq!(codes(&o), ["PL308"; 6], "{config}");
    }
}
