//! The binary's contracts: exit codes, formats, config errors, colour, rule docs.

mod common;

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

#[test]
fn clean_site_exits_0_with_summary() {
    let d = site(&[("_posts/2019-05-14-a.html", &post(GOOD))]);
    let o = postlint(d.path(), &["check"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_eq!(stdout(&o).trim(), "No problems found in 1 file");
}

#[test]
fn errors_exit_1_and_summary_counts() {
    let bad = post("title: x\ndate: Mon, 14 May 2019 17:01:53 +0200\n");
    let warn = post("title: y\ndate: Tue, 14 May 2019 15:01:53 GMT\n");
    let d = site(&[
        ("_posts/a.html", &bad),
        ("_posts/b.html", &warn),
        ("_posts/c.html", &post(GOOD)),
    ]);
    let o = postlint(d.path(), &["check", "_posts"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("PL251 wrong-weekday"), "{out}");
    assert!(
        out.contains("14 May 2019 is a Tuesday, not a Monday"),
        "{out}"
    );
    assert!(
        out.ends_with("Found 1 error and 1 warning in 2 of 3 files\n"),
        "{out}"
    );
}

#[test]
fn warnings_only_exit_0() {
    let d = site(&[(
        "_posts/a.html",
        &post("title: y\ndate: Tue, 14 May 2019 15:01:53 GMT\n"),
    )]);
    let o = postlint(d.path(), &["check"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("Found 1 warning in 1 of 1 file"));
}

#[test]
fn missing_path_exits_2_but_checks_the_rest() {
    let d = site(&[(
        "_posts/a.html",
        &post("title: x\ndate: Mon, 14 May 2019 17:01:53 +0200\n"),
    )]);
    let o = postlint(d.path(), &["check", "nope", "_posts"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("path `nope` does not exist"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).contains("PL251"), "{}", stdout(&o));
}

#[test]
fn bad_config_exits_2_naming_key_and_file() {
    let d = site(&[
        ("postlint.toml", "[front-matter]\nrequird = [\"title\"]\n"),
        ("_posts/a.html", &post(GOOD)),
    ]);
    let o = postlint(d.path(), &["check"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("requird") && err.contains("postlint.toml"),
        "{err}"
    );
}

#[test]
fn explicit_config_and_unknown_rule_selector() {
    let d = site(&[
        ("other.toml", "[rules]\nignore = [\"PL2\"]\n"),
        ("_posts/a.html", "no front matter\n"),
    ]);
    let o = postlint(d.path(), &["check", "--config", "other.toml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = postlint(d.path(), &["check", "--select", "PL7"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("PL7"));
    let o = postlint(d.path(), &["check", "--config", "missing.toml"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn nearest_config_applies_per_folder() {
    let d = site(&[
        ("postlint.toml", ""),
        ("strict/postlint.toml", "[front-matter]\nstrict = true\n"),
        ("strict/_posts/a.html", &post(&format!("{GOOD}extra: 1\n"))),
        ("loose/_posts/a.html", &post(&format!("{GOOD}extra: 1\n"))),
    ]);
    let o = postlint(d.path(), &["check", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let diags = v["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1, "{v}");
    assert_eq!(diags[0]["code"], "PL204");
    assert!(diags[0]["file"].as_str().unwrap().contains("strict"));
}

#[test]
fn select_ignore_and_severity_from_config() {
    let text = post("title: x\ndate: Mon, 14 May 2019 17:01:53 GMT\n");
    let d = site(&[
        (
            "postlint.toml",
            "[rules]\nignore = [\"obsolete-date-form\"]\n[rules.severity]\nPL251 = \"warning\"\n",
        ),
        ("_posts/a.html", &text),
    ]);
    let o = postlint(d.path(), &["check", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let diags = v["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1, "{v}");
    assert_eq!(diags[0]["severity"], "warning");
    // `--select` replaces the config's select; the config's ignore still applies.
    let o = postlint(d.path(), &["check", "--select", "PL25", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["diagnostics"].as_array().unwrap().len(), 1, "{v}");
    assert_eq!(v["diagnostics"][0]["code"], "PL251");
}

#[test]
fn json_schema_fields() {
    let d = site(&[(
        "_posts/a.html",
        &post("title: x\ndate: Mon, 14 May 2019 17:01:53 +0200\n"),
    )]);
    let o = postlint(d.path(), &["check", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["summary"]["errors"], 1);
    assert_eq!(v["summary"]["files"], 1);
    let d0 = &v["diagnostics"][0];
    assert_eq!(d0["file"], "_posts/a.html");
    assert_eq!(d0["code"], "PL251");
    assert_eq!(d0["name"], "wrong-weekday");
    assert_eq!(d0["start"]["line"], 3);
    assert_eq!(d0["start"]["column"], 7);
    assert_eq!(d0["end"]["column"], 10);
    let [s, e] = [
        d0["byte_range"][0].as_u64().unwrap(),
        d0["byte_range"][1].as_u64().unwrap(),
    ];
    let text = std::fs::read_to_string(d.path().join("_posts/a.html")).unwrap();
    assert_eq!(&text[s as usize..e as usize], "Mon");
    assert_eq!(d0["fix"]["applicability"], "unsafe");
    assert_eq!(d0["fix"]["edits"][0]["content"], "Tue");
}

#[test]
fn quiet_drops_the_summary() {
    let d = site(&[("_posts/a.html", &post(GOOD))]);
    let o = postlint(d.path(), &["check", "-q"]);
    assert_eq!(stdout(&o), "");
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let d = site(&[(
        "_posts/a.html",
        &post("title: x\ndate: Mon, 14 May 2019 17:01:53 +0200\n"),
    )]);
    let o = postlint(d.path(), &["check"]);
    assert!(!stdout(&o).contains('\x1b'), "piped output has no colour");
    let o = postlint(d.path(), &["check", "--color", "always"]);
    assert!(stdout(&o).contains('\x1b'));
}

#[test]
fn files_without_front_matter_outside_posts_folders_are_skipped() {
    let d = site(&[
        ("README.md", "# Site\n"),
        ("_posts/a.md", "# no front matter\n"),
    ]);
    let o = postlint(d.path(), &["check"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("_posts/a.md") && !out.contains("README.md"),
        "{out}"
    );
    assert!(
        out.contains("(1 file without front matter skipped)"),
        "{out}"
    );
}

#[test]
fn gitignore_is_honoured_outside_git_and_explicit_files_are_always_read() {
    let bad = post("title: x\ndate: Mon, 14 May 2019 17:01:53 +0200\n");
    let d = site(&[
        (".gitignore", "_site/\n"),
        ("_site/a.html", &bad),
        ("_posts/b.txt", &bad),
    ]);
    let o = postlint(d.path(), &["check"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = postlint(d.path(), &["check", "_posts/b.txt", "_site/a.html"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("in 2 of 2 files"), "{}", stdout(&o));
}

#[test]
fn include_and_exclude_globs() {
    let bad = post("title: x\ndate: Mon, 14 May 2019 17:01:53 +0200\n");
    let d = site(&[
        (
            "postlint.toml",
            "[files]\ninclude = [\"*.html\", \"*.txt\"]\nexclude = [\"drafts/**\"]\n",
        ),
        ("_posts/a.txt", &bad),
        ("drafts/b.html", &bad),
    ]);
    let o = postlint(d.path(), &["check", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["summary"]["files"], 1, "{v}");
    assert_eq!(v["diagnostics"][0]["file"], "_posts/a.txt");
}

#[test]
fn rule_docs() {
    let d = tempfile::tempdir().unwrap();
    let o = postlint(d.path(), &["rule", "PL251"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.starts_with("# PL251 wrong-weekday"), "{out}");
    assert!(out.contains("## Fix safety"));
    let by_name = postlint(d.path(), &["rule", "wrong-weekday"]);
    assert_eq!(stdout(&by_name), out);
    let all = postlint(d.path(), &["rule", "--all"]);
    assert_eq!(
        stdout(&all).matches("## What it does").count(),
        postlint::rules::ALL.len()
    );
    let o = postlint(d.path(), &["rule", "PL999"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn bad_arguments_exit_2() {
    let d = tempfile::tempdir().unwrap();
    let o = postlint(d.path(), &["check", "--format", "xml"]);
    assert_eq!(o.status.code(), Some(2));
    let o = postlint(d.path(), &["frobnicate"]);
    assert_eq!(o.status.code(), Some(2));
}

/// The pages of a stock `jekyll new` site are not posts.
#[test]
fn pages_need_no_post_keys() {
    let d = site(&[
        (
            "404.html",
            "---\nlayout: default\npermalink: /404.html\n---\n\n<style type=\"text/css\">.c { margin: 10px auto; }</style>\n<h1>404</h1>\n",
        ),
        (
            "about.markdown",
            "---\nlayout: page\ntitle: About\npermalink: /about/\n---\n\nThis is the base Jekyll theme.\n",
        ),
        ("_posts/2019-05-14-a.html", &post(GOOD)),
    ]);
    let o = postlint(d.path(), &["check"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_eq!(stdout(&o).trim(), "No problems found in 3 files");
}

/// `check` and `fix` share their arguments in one struct; each still words
/// and orders its help as it did before they were shared (the texts in
/// tests/data/help/ are the help of the commit before).
#[test]
fn check_and_fix_help_is_unchanged() {
    let d = tempfile::tempdir().unwrap();
    for (command, expected) in [
        ("check", include_str!("data/help/check.txt")),
        ("fix", include_str!("data/help/fix.txt")),
    ] {
        let o = postlint(d.path(), &[command, "--help"]);
        assert_eq!(o.status.code(), Some(0));
        assert_eq!(stdout(&o), expected, "postlint {command} --help");
    }
}
