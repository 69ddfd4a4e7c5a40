//! What a generator writes for a new site is a well-kept site: `jekyll new`
//! and `hugo new site` with one `hugo new` post must be clean with no
//! config, `fix` must leave them as they are, and they must still build
//! (issue 14). The generators are the real ones (.ci/run installs them).
#![cfg(unix)]

mod common;

use std::path::Path;
use std::process::Command;

use common::generators::tool;
use common::{assert_no_panic, postlint, stderr, stdout};

fn run(cmd: &mut Command) {
    let out = cmd.output().expect("run the generator");
    assert!(
        out.status.success(),
        "{cmd:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Every file under `dir` with its bytes, to compare before and after `fix`.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let rel = path.strip_prefix(root).unwrap().display().to_string();
            if rel.starts_with(".postlint-cache") || rel.starts_with("_site") || rel == "public" {
                continue;
            }
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                out.push((rel, std::fs::read(&path).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// `check` finds nothing and `fix` changes nothing in `site`.
fn assert_clean(site: &Path) {
    let out = postlint(site, &["check", "--offline", "--format", "json", "."]);
    assert_no_panic(&out);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let diags = json["diagnostics"].as_array().unwrap();
    assert!(
        diags.is_empty(),
        "a new site is not clean:\n{}",
        serde_json::to_string_pretty(diags).unwrap()
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let before = snapshot(site);
    let out = postlint(site, &["fix", "."]);
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let after = snapshot(site);
    let changed: Vec<&String> = before
        .iter()
        .zip(&after)
        .filter(|(b, a)| b != a)
        .map(|(b, _)| &b.0)
        .collect();
    assert!(
        before.len() == after.len() && changed.is_empty(),
        "fix changed a new site: {changed:?}"
    );
}

#[test]
fn a_new_jekyll_site_is_clean_with_no_config() {
    let Some(jekyll) = tool("jekyll", "POSTLINT_JEKYLL", &[], "--version") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("blog");
    // --skip-bundle: no network; the theme (minima) comes with the Debian package.
    run(Command::new(&jekyll)
        .args(["new", "--skip-bundle"])
        .arg(&site));
    assert!(site.join("_posts").read_dir().unwrap().count() == 1);
    assert_clean(&site);
    run(Command::new(&jekyll)
        .args(["build", "--quiet"])
        .current_dir(&site));
}

#[test]
fn a_new_hugo_site_with_one_post_is_clean_with_no_config() {
    let Some(hugo) = tool("hugo", "POSTLINT_HUGO", &[], "version") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("blog");
    run(Command::new(&hugo).args(["new", "site"]).arg(&site));
    // `hugo new content …` in newer Hugo; `hugo new …` works in both.
    run(Command::new(&hugo)
        .args(["new", "posts/first-post.md"])
        .current_dir(&site));
    assert!(site.join("content/posts/first-post.md").is_file());
    assert_clean(&site);
    // Drafts included, so the post is really rendered.
    run(Command::new(&hugo)
        .args(["--buildDrafts", "--quiet"])
        .current_dir(&site));
}
