//! `postlint init` (issue 14): it writes a commented postlint.toml that the
//! config loader reads, records the site's own conventions so that `check`
//! then reports only what deviates, refuses to overwrite without `--force`,
//! and `init` then `fix` changes nothing on a well-kept site.

mod common;

use std::path::Path;

use common::*;

/// A well-kept Jekyll blog of 25 posts in its own conventions (shaped on the
/// panel's ruby-lang and tonsky): `author` first, a first heading at level 3,
/// YouTube iframes, no alt text, a few categories. `deviant` posts put
/// `date` before `title`.
fn blog(deviant: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("_config.yml"), "title: Blog\n").unwrap();
    std::fs::create_dir_all(root.join("_posts")).unwrap();
    let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    for i in 0..25 {
        let day = i + 1;
        // 2019-07-01 is a Monday.
        let date = format!("{}, {day:02} Jul 2019 10:00:00 +0200", days[i % 7]);
        let category = ["news", "security", "release"][i % 3];
        let (first, second) = if i < deviant {
            (format!("date: {date}"), format!("title: \"Post {i}\""))
        } else {
            (format!("title: \"Post {i}\""), format!("date: {date}"))
        };
        let extra = if i % 5 == 0 {
            "translator: \"Ann\"\n"
        } else {
            ""
        };
        let text = format!(
            "---\nauthor: \"Bob\"\n{extra}{first}\n{second}\ncategories: {category}\n---\n\n### Intro\n\nText about Ruby.\n\n<img src=\"/images/p{i}.png\">\n\n<iframe src=\"https://www.youtube.com/embed/x{i}\"></iframe>\n"
        );
        std::fs::write(
            root.join(format!("_posts/2019-07-{day:02}-post-{i}.md")),
            text,
        )
        .unwrap();
        std::fs::create_dir_all(root.join("images")).unwrap();
        std::fs::write(root.join(format!("images/p{i}.png")), "").unwrap();
    }
    dir
}

fn json_codes(dir: &Path) -> Vec<String> {
    json_diagnostics(dir, &["--no-cache", "--offline"])
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn init_records_the_conventions_and_check_reports_only_deviations() {
    let d = blog(0);
    // With no config the well-kept site is already quiet (dates are read as
    // Jekyll reads them; embeds, key order and the top heading level are
    // preferences); the config init writes makes those preferences checks.
    let before = json_codes(d.path());
    assert!(before.is_empty(), "{before:?}");
    let o = postlint(d.path(), &["init"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("front-matter.order = [author, translator, title, date, categories] (0 of 25 posts deviate)"),
        "{out}"
    );
    assert!(
        out.contains("html.top-heading-level = 3 (0 of 25 posts deviate)"),
        "{out}"
    );
    assert!(out.contains("Wrote "), "{out}");
    let text = std::fs::read_to_string(d.path().join("postlint.toml")).unwrap();
    assert!(
        text.contains("# The key order 25 of 25 posts follow.\n"),
        "{text}"
    );
    assert!(
        text.contains("order = [\"author\", \"translator\", \"title\", \"date\", \"categories\"]"),
        "{text}"
    );
    assert!(
        text.contains("allowed = [\"news\", \"release\", \"security\"]"),
        "{text}"
    );
    assert!(
        text.contains("disallowed-elements = [\"script\", \"object\", \"embed\", \"style\"]"),
        "{text}"
    );
    assert!(text.contains("image-missing-alt = \"off\""), "{text}");
    assert!(
        text.contains("required = [\"author\", \"categories\", \"date\", \"title\"]"),
        "{text}"
    );
    // After init the site is clean; what breaks its conventions is reported.
    assert!(json_codes(d.path()).is_empty());
    let p = d.path().join("_posts/2019-07-02-post-1.md");
    let post = std::fs::read_to_string(&p).unwrap();
    let deviant = post
        .replace("author:", "autor:")
        .replace("categories: security", "categories: misc");
    std::fs::write(&p, deviant).unwrap();
    let mut codes = json_codes(d.path());
    codes.sort();
    // A misspelt key (strict knows every key the site uses), so a missing
    // required key and a key out of the order, and a category the site
    // never uses.
    assert_eq!(codes, ["PL202", "PL204", "PL206", "PL207"]);
}

#[test]
fn a_post_out_of_line_stops_the_key_order() {
    // One post puts `date` before `title`: the order stops before them,
    // so `fix` after `init` moves no key.
    let d = blog(1);
    let o = postlint(d.path(), &["init"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("front-matter.order = [author] (0 of 25 posts deviate)"),
        "{}",
        stdout(&o)
    );
    assert!(json_codes(d.path()).is_empty());
    let o = postlint(d.path(), &["fix", "--check", "."]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn dry_run_prints_the_file_and_writes_nothing() {
    let d = blog(0);
    let o = postlint(d.path(), &["init", "--dry-run"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("# postlint.toml, written by `postlint init` from the front matter of 25 files of this Jekyll site."), "{out}");
    assert!(!d.path().join("postlint.toml").exists());
    // What it prints is a config the loader reads.
    std::fs::write(d.path().join("printed.toml"), &out).unwrap();
    let o = postlint(
        d.path(),
        &[
            "check",
            "--no-cache",
            "--offline",
            "--config",
            "printed.toml",
            ".",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stdout(&o).starts_with("No problems found in 25 files"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn an_existing_config_is_kept_unless_forced() {
    let d = blog(0);
    std::fs::write(d.path().join("postlint.toml"), "# mine\n").unwrap();
    let o = postlint(d.path(), &["init"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("postlint.toml` exists; pass --force to replace it"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read_to_string(d.path().join("postlint.toml")).unwrap(),
        "# mine\n"
    );
    let o = postlint(d.path(), &["init", "--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        std::fs::read_to_string(d.path().join("postlint.toml"))
            .unwrap()
            .contains("strict = true")
    );
}

#[test]
fn a_linked_config_is_not_written_through() {
    let d = blog(0);
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("victim");
    std::fs::write(&target, "keep").unwrap();
    std::os::unix::fs::symlink(&target, d.path().join("postlint.toml")).unwrap();
    let o = postlint(d.path(), &["init", "--force"]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep");
}

#[test]
fn init_then_fix_changes_nothing() {
    let d = blog(0);
    let o = postlint(d.path(), &["init"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = postlint(d.path(), &["fix", "--check", "."]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("Nothing to fix"), "{}", stdout(&o));
}

#[test]
fn no_posts_is_an_error() {
    let d = tempfile::tempdir().unwrap();
    let o = postlint(d.path(), &["init"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no posts found"), "{}", stderr(&o));
}

#[test]
fn a_site_without_front_matter_gets_no_config() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("_config.yml"), "title: x\n").unwrap();
    std::fs::write(d.path().join("index.html"), "<p>Hallo</p>\n").unwrap();
    std::fs::write(d.path().join("about.md"), "# About\n").unwrap();
    let o = postlint(d.path(), &["init"]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(!d.path().join("postlint.toml").exists());
}
