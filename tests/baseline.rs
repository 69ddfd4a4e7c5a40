//! The findings baseline (issue 14): `init` records the findings already
//! there in postlint-baseline.toml, `check` then reports only new ones and
//! `fix` rewrites nothing it records; more findings of a rule in a file than
//! recorded show them all; `--no-baseline` shows everything; stale entries
//! are summarised; `postlint baseline` refreshes; a baseline outside the
//! site or malformed is a config error.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;

/// A small Jekyll blog of 30 well-kept posts; `_posts/2019-07-03-broken.md`
/// has a stray `</div>`, a trailing space and no final newline (shaped on
/// what the panel's sites have after `init`).
fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("_config.yml"), "title: Blog\n").unwrap();
    std::fs::create_dir_all(root.join("_posts")).unwrap();
    for i in 0..30 {
        let day = i + 1;
        std::fs::write(
            root.join(format!("_posts/2019-08-{day:02}-post-{i}.md")),
            format!(
                "---\nlayout: post\ntitle: \"Post {i}\"\ndate: 2019-08-{day:02} 10:00:00 +0200\n---\n\nText {i} about Ruby.\n\n<div class=\"note\">A note.</div>\n"
            ),
        )
        .unwrap();
    }
    // Jekyll reads this one's date from its name: not a missing key.
    std::fs::write(
        root.join("_posts/2019-09-01-no-date.md"),
        "---\nlayout: post\ntitle: \"No date\"\n---\n\nText about Ruby.\n\n<div class=\"note\">A note.</div>\n",
    )
    .unwrap();
    std::fs::write(root.join(BROKEN), BROKEN_TEXT).unwrap();
    dir
}

const BROKEN: &str = "_posts/2019-07-03-broken.md";
const BROKEN_TEXT: &str = "---\nlayout: post\ntitle: \"Broken\"\ndate: 2019-07-03 10:00:00 +0200\n---\n\nText about Ruby. \n\n<p>One.</p></div>\n\nLast line";

/// Every file below `root` with its bytes.
fn tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let name = path.strip_prefix(root).unwrap().display().to_string();
                out.insert(name, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

fn check_json(dir: &Path, extra: &[&str]) -> (std::process::Output, serde_json::Value) {
    let mut args = vec!["check", "--format", "json", "--offline", "--no-cache"];
    args.extend_from_slice(extra);
    args.push(".");
    let o = postlint(dir, &args);
    assert_no_panic(&o);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}{}", stdout(&o), stderr(&o)));
    (o, v)
}

fn codes_in(v: &serde_json::Value, file: &str) -> Vec<String> {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"].as_str().unwrap().ends_with(file))
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

fn init(dir: &Path) -> std::process::Output {
    let o = postlint(dir, &["init", "."]);
    assert_no_panic(&o);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    o
}

#[test]
fn init_records_what_is_there_and_check_reports_nothing() {
    let d = site();
    let (_, before) = check_json(d.path(), &[]);
    let found = codes_in(&before, BROKEN);
    assert!(found.len() >= 3, "the fixture's problems: {before}");
    let o = init(d.path());
    let said = stdout(&o);
    assert!(
        said.contains("recorded in postlint-baseline.toml")
            && said.contains("postlint check --no-baseline"),
        "{said}"
    );
    let config = std::fs::read_to_string(d.path().join("postlint.toml")).unwrap();
    assert!(
        config.contains("\n[rules]\n") && config.contains("baseline = \"postlint-baseline.toml\""),
        "{config}"
    );
    let baseline = std::fs::read_to_string(d.path().join("postlint-baseline.toml")).unwrap();
    assert!(
        baseline.starts_with("# Findings that were already there")
            && baseline.contains(&format!("[files.\"{BROKEN}\"]")),
        "{baseline}"
    );
    // The check init ran in memory is the check that runs after: under
    // the site's generator (no PL202 for the post dated by its name).
    assert!(!baseline.contains("PL202"), "{baseline}");
    let (o, after) = check_json(d.path(), &[]);
    assert_eq!(o.status.code(), Some(0), "{after}");
    assert_eq!(after["diagnostics"].as_array().unwrap().len(), 0, "{after}");
    assert_eq!(after["summary"]["baselined"], found.len(), "{after}");
    assert_eq!(after["summary"]["baseline_stale"], 0, "{after}");
    // The human summary says what it hid.
    let o = postlint(d.path(), &["check", "--offline", "--no-cache", "."]);
    assert!(
        stdout(&o).contains(&format!(
            "{} findings recorded in postlint-baseline.toml not shown",
            found.len()
        )),
        "{}",
        stdout(&o)
    );
    // A run of one rule judges no other rule's entries stale.
    let (_, one) = check_json(d.path(), &["--select", "PL301"]);
    assert_eq!(one["summary"]["baseline_stale"], 0, "{one}");
    assert_eq!(one["summary"]["baselined"], 1, "{one}");
    // --no-baseline shows them all again.
    let (o, all) = check_json(d.path(), &["--no-baseline"]);
    assert_eq!(codes_in(&all, BROKEN), found, "{all}");
    assert_eq!(all["summary"].get("baselined"), None, "{all}");
    assert_ne!(o.status.code(), Some(2));
}

#[test]
fn init_then_fix_changes_no_byte() {
    let d = site();
    init(d.path());
    let before = tree(d.path());
    let o = postlint(d.path(), &["fix", "."]);
    assert_no_panic(&o);
    assert_eq!(tree(d.path()), before, "{}{}", stdout(&o), stderr(&o));
    let o = postlint(d.path(), &["fix", "--check", "."]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    // Without the baseline, fix does rewrite the broken post.
    let o = postlint(d.path(), &["fix", "--no-baseline", "."]);
    assert_no_panic(&o);
    assert_ne!(
        std::fs::read(d.path().join(BROKEN)).unwrap(),
        BROKEN_TEXT.as_bytes(),
        "{}{}",
        stdout(&o),
        stderr(&o)
    );
}

#[test]
fn one_more_finding_of_a_rule_shows_them_all_and_new_files_show() {
    let d = site();
    let (_, before) = check_json(d.path(), &[]);
    let found = codes_in(&before, BROKEN);
    init(d.path());
    // One more stray `</div>` in the same file: that rule's findings there
    // all show, the others stay hidden.
    let text = BROKEN_TEXT.replace(
        "<p>One.</p></div>",
        "<p>One.</p></div>\n\n<p>Two.</p></div>",
    );
    std::fs::write(d.path().join(BROKEN), text).unwrap();
    let (_, v) = check_json(d.path(), &["--no-baseline"]);
    let now = codes_in(&v, BROKEN);
    let grown: Vec<&String> = now
        .iter()
        .filter(|c| now.iter().filter(|x| x == c).count() > found.iter().filter(|x| x == c).count())
        .collect();
    assert!(!grown.is_empty(), "the second `</div>` is a finding: {v}");
    let code = grown[0].clone();
    let (o, v) = check_json(d.path(), &[]);
    let shown = codes_in(&v, BROKEN);
    let want = now.iter().filter(|c| **c == code).count();
    assert_eq!(
        shown.iter().filter(|c| **c == code).count(),
        want,
        "all {want} findings of {code} show: {v}"
    );
    assert!(shown.iter().all(|c| *c == code), "only {code} shows: {v}");
    assert_eq!(o.status.code(), Some(1), "a stray end tag is an error: {v}");
    // A new file with a problem shows.
    std::fs::write(
        d.path().join("_posts/2019-07-20-new.md"),
        "---\nlayout: post\ntitle: \"New\"\ndate: 2019-07-20 10:00:00 +0200\n---\n\n<p>New.</p></div>\n",
    )
    .unwrap();
    let (_, v) = check_json(d.path(), &[]);
    assert!(
        codes_in(&v, "2019-07-20-new.md").contains(&code),
        "the new file's finding shows: {v}"
    );
}

#[test]
fn stale_entries_are_summarised_and_baseline_refreshes_them() {
    let d = site();
    init(d.path());
    // The problems fixed by hand: the baseline now counts too many.
    std::fs::write(
        d.path().join(BROKEN),
        "---\nlayout: post\ntitle: \"Broken\"\ndate: 2019-07-03 10:00:00 +0200\n---\n\nText about Ruby.\n\n<div class=\"note\">A note.</div>\n",
    )
    .unwrap();
    let (o, v) = check_json(d.path(), &[]);
    assert_eq!(o.status.code(), Some(0), "{v}");
    let stale = v["summary"]["baseline_stale"].as_u64().unwrap();
    assert!(stale >= 2, "{v}");
    let o = postlint(d.path(), &["check", "--offline", "--no-cache", "."]);
    assert!(
        stdout(&o).contains(&format!(
            "{stale} baseline entries count more than they find: `postlint baseline` refreshes them"
        )),
        "{}",
        stdout(&o)
    );
    let o = postlint(d.path(), &["baseline", "."]);
    assert_no_panic(&o);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stdout(&o).contains("Wrote postlint-baseline.toml"),
        "{}",
        stdout(&o)
    );
    let text = std::fs::read_to_string(d.path().join("postlint-baseline.toml")).unwrap();
    assert!(!text.contains(BROKEN), "{text}");
    let (_, v) = check_json(d.path(), &[]);
    assert_eq!(v["summary"]["baseline_stale"], 0, "{v}");
    // Run again with nothing new: left as it is.
    let o = postlint(d.path(), &["baseline", "."]);
    assert!(stdout(&o).contains("is up to date"), "{}", stdout(&o));
}

#[test]
fn baseline_without_the_key_writes_the_file_and_says_the_line_to_add() {
    let d = site();
    std::fs::write(
        d.path().join("postlint.toml"),
        "[rules]\nignore = [\"PL2\"]\n",
    )
    .unwrap();
    let o = postlint(d.path(), &["baseline", "."]);
    assert_no_panic(&o);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let said = stdout(&o);
    assert!(
        said.contains("[rules]\nbaseline = \"postlint-baseline.toml\""),
        "{said}"
    );
    let text = std::fs::read_to_string(d.path().join("postlint-baseline.toml")).unwrap();
    assert!(text.contains(BROKEN), "{text}");
    // Not applied until the config names it.
    let (_, v) = check_json(d.path(), &[]);
    assert!(!codes_in(&v, BROKEN).is_empty(), "{v}");
    std::fs::write(
        d.path().join("postlint.toml"),
        "[rules]\nignore = [\"PL2\"]\nbaseline = \"postlint-baseline.toml\"\n",
    )
    .unwrap();
    let (_, v) = check_json(d.path(), &[]);
    assert!(codes_in(&v, BROKEN).is_empty(), "{v}");
}

#[test]
fn baselines_outside_the_site_or_malformed_are_config_errors() {
    let d = site();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("x.toml"), "").unwrap();
    std::os::unix::fs::symlink(outside.path(), d.path().join("out")).unwrap();
    let abs = format!("{}/x.toml", outside.path().display());
    for (written, says) in [
        ("../x.toml", "leaves the config's folder"),
        (abs.as_str(), "must be a path relative"),
        ("out/x.toml", "symbolic link"),
    ] {
        std::fs::write(
            d.path().join("postlint.toml"),
            format!("[rules]\nbaseline = {written:?}\n"),
        )
        .unwrap();
        for cmd in ["check", "fix", "baseline"] {
            let o = postlint(d.path(), &[cmd, "."]);
            assert_no_panic(&o);
            let err = stderr(&o);
            assert_eq!(o.status.code(), Some(2), "{cmd} {written}: {err}");
            assert!(
                err.contains("postlint.toml") && err.contains(says),
                "{cmd} {written}: {err}"
            );
        }
    }
    assert_eq!(std::fs::read(outside.path().join("x.toml")).unwrap(), b"");
    // Nor does init write through a link where the baseline goes.
    std::fs::remove_file(d.path().join("postlint.toml")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("x.toml"),
        d.path().join("postlint-baseline.toml"),
    )
    .unwrap();
    let o = postlint(d.path(), &["init", "--force", "."]);
    assert_no_panic(&o);
    assert_ne!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stderr(&o).contains("symbolic link"), "{}", stderr(&o));
    assert_eq!(std::fs::read(outside.path().join("x.toml")).unwrap(), b"");
    assert!(!d.path().join("postlint.toml").exists());
    std::fs::remove_file(d.path().join("postlint-baseline.toml")).unwrap();
    std::fs::write(
        d.path().join("postlint.toml"),
        "[rules]\nbaseline = \"postlint-baseline.toml\"\n",
    )
    .unwrap();
    for (text, says) in [
        ("[files.\"a.md\"]\nPL301 = \"two\"\n", "line 2"),
        (
            "[files.\"a.md\"]\nPL301 = 1\nPL999 = 1\n",
            "`PL999` is not a rule",
        ),
        ("files = 3\n", "line 1"),
    ] {
        std::fs::write(d.path().join("postlint-baseline.toml"), text).unwrap();
        let o = postlint(d.path(), &["check", "."]);
        assert_no_panic(&o);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{text}: {err}");
        assert!(
            err.contains("postlint-baseline.toml") && err.contains(says),
            "{text}: {err}"
        );
    }
    std::fs::remove_file(d.path().join("postlint-baseline.toml")).unwrap();
    let o = postlint(d.path(), &["check", "."]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("postlint baseline"), "{}", stderr(&o));
}

#[test]
fn init_dry_run_writes_nothing_and_no_baseline_writes_none() {
    let d = site();
    let before = tree(d.path());
    let o = postlint(d.path(), &["init", "--dry-run", "."]);
    assert_no_panic(&o);
    assert_eq!(tree(d.path()), before);
    assert!(
        stdout(&o).contains("baseline = \"postlint-baseline.toml\""),
        "{}",
        stdout(&o)
    );
    assert!(stderr(&o).contains("would record"), "{}", stderr(&o));
    let o = postlint(d.path(), &["init", "--no-baseline", "."]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(!d.path().join("postlint-baseline.toml").exists());
    let config = std::fs::read_to_string(d.path().join("postlint.toml")).unwrap();
    assert!(!config.contains("baseline ="), "{config}");
    // A baseline already there is not replaced without --force.
    std::fs::remove_file(d.path().join("postlint.toml")).unwrap();
    std::fs::write(d.path().join("postlint-baseline.toml"), "# mine\n").unwrap();
    let o = postlint(d.path(), &["init", "."]);
    assert_eq!(o.status.code(), Some(2), "{}{}", stdout(&o), stderr(&o));
    assert!(stderr(&o).contains("pass --force"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(d.path().join("postlint-baseline.toml")).unwrap(),
        "# mine\n"
    );
    assert!(!d.path().join("postlint.toml").exists());
    let o = postlint(d.path(), &["init", "--force", "."]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(
        std::fs::read_to_string(d.path().join("postlint-baseline.toml"))
            .unwrap()
            .starts_with("# Findings")
    );
}

#[test]
fn the_cache_never_serves_findings_filtered_by_an_older_baseline() {
    let d = site();
    init(d.path());
    let run = |extra: &[&str]| {
        let mut args = vec!["check", "--format", "json", "--offline"];
        args.extend_from_slice(extra);
        args.push(".");
        let o = postlint(d.path(), &args);
        assert_no_panic(&o);
        codes_of(&o)
    };
    // Warm the cache with the baseline in force.
    assert_eq!(run(&[]), Vec::<String>::new());
    assert!(d.path().join(".postlint-cache").is_dir());
    let all = run(&["--no-baseline"]);
    assert!(all.len() >= 3, "{all:?}");
    // The baseline emptied: the warm run shows every finding again.
    std::fs::write(d.path().join("postlint-baseline.toml"), "").unwrap();
    assert_eq!(run(&[]), all);
}

#[test]
fn init_records_each_site_under_its_own_config() {
    // A plain page at the top, a Jekyll site in docs/ (the panel's jekyll
    // repository): the top config's baseline must not count docs/ posts
    // under the top config's rules.
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    std::fs::create_dir_all(root.join("docs/_posts")).unwrap();
    std::fs::write(root.join("index.md"), "---\ntitle: Home\n---\n\nHi.\n").unwrap();
    std::fs::write(root.join("docs/_config.yml"), "title: Docs\n").unwrap();
    for i in 1..=20 {
        std::fs::write(
            root.join(format!("docs/_posts/2019-08-{i:02}-p.md")),
            format!("---\nlayout: post\ntitle: \"P{i}\"\n---\n\nText.\n"),
        )
        .unwrap();
    }
    std::fs::write(
        root.join("docs/_posts/2019-07-01-b.md"),
        "---\nlayout: post\ntitle: \"B\"\n---\n\n<p>x</p></div>\n",
    )
    .unwrap();
    init(root);
    assert!(!root.join("postlint-baseline.toml").exists());
    let text = std::fs::read_to_string(root.join("docs/postlint-baseline.toml")).unwrap();
    assert!(
        text.contains("[files.\"_posts/2019-07-01-b.md\"]\nPL301 = 1\n"),
        "{text}"
    );
    assert_eq!(text.matches("[files.").count(), 1, "{text}");
    let (o, v) = check_json(root, &[]);
    assert_eq!(o.status.code(), Some(0), "{v}");
    assert_eq!(v["diagnostics"].as_array().unwrap().len(), 0, "{v}");
    assert_eq!(v["summary"]["baseline_stale"], 0, "{v}");
}
