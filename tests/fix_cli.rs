//! `postlint fix`: writes, checks, diffs, keeps permissions, refuses what it
//! must not touch, and never leaves a file half-written.

mod common;

use std::path::Path;

use common::*;

const BAD: &str = "---\ndate: 14 May 2019 15:01:53 GMT\ntitle: \"financiÃ«le\"   \nlayout: post\n---\n<p>cafÃ©</p>\n\n";
const GOOD: &str = "---\nlayout: post\ntitle: \"financiële\"\ndate: Tue, 14 May 2019 15:01:53 +0000\n---\n<p>café</p>\n";

/// The seed site's stated preferences (without them `fix` changes no date
/// form and no key order).
const SEED: &str =
    "[dates]\nformat = \"rfc2822\"\n[front-matter]\norder = [\"layout\", \"title\", \"date\"]\n";

fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("postlint.toml"), SEED).unwrap();
    for (name, text) in files {
        let p = dir.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

#[test]
fn fix_writes_the_canonical_form_and_is_idempotent() {
    let d = site(&[("_posts/2019-05-14-a.html", BAD)]);
    let o = postlint(d.path(), &["fix"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert_eq!(read(d.path(), "_posts/2019-05-14-a.html"), GOOD);
    assert_eq!(stdout(&o).trim(), "Fixed 7 problems in 1 file");
    let o = postlint(d.path(), &["fix"]);
    assert_eq!(stdout(&o).trim(), "Nothing to fix");
    let o = postlint(d.path(), &["check"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn check_and_diff_write_nothing() {
    let d = site(&[("_posts/a.html", BAD), ("_posts/b.html", GOOD)]);
    let o = postlint(d.path(), &["fix", "--check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("would fix: _posts/a.html"),
        "{}",
        stdout(&o)
    );
    assert!(!stdout(&o).contains("b.html"));
    let o = postlint(d.path(), &["fix", "--diff"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("--- _posts/a.html\n+++ _posts/a.html\n"),
        "{out}"
    );
    assert!(
        out.contains("-<p>cafÃ©</p>\n") && out.contains("+<p>café</p>\n"),
        "{out}"
    );
    assert_eq!(read(d.path(), "_posts/a.html"), BAD);
    let clean = site(&[("_posts/b.html", GOOD)]);
    assert_eq!(
        postlint(clean.path(), &["fix", "--check"]).status.code(),
        Some(0)
    );
}

#[test]
fn unsafe_fixes_only_when_asked() {
    let text = "---\ntitle: x\ndate: Mon, 14 May 2019 17:01:53 +0200\n---\n";
    let d = site(&[("_posts/a.html", text)]);
    let o = postlint(d.path(), &["fix"]);
    assert_eq!(o.status.code(), Some(1), "an error remains");
    assert_eq!(read(d.path(), "_posts/a.html"), text);
    postlint(d.path(), &["fix", "--unsafe-fixes"]);
    assert_eq!(read(d.path(), "_posts/a.html"), text.replace("Mon", "Tue"));
}

#[test]
fn check_with_fix_reports_what_is_left() {
    let text = "---\ntitle: \"cafÃ©\"\ndate: Mon, 14 May 2019 17:01:53 +0200\n---\n";
    let d = site(&[("_posts/a.html", text)]);
    let o = postlint(d.path(), &["check", "--fix", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let codes: Vec<_> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["PL251"]);
    assert!(read(d.path(), "_posts/a.html").contains("café"));
}

#[cfg(unix)]
#[test]
fn permissions_are_kept_and_read_only_files_left_alone() {
    use std::os::unix::fs::PermissionsExt;
    let d = site(&[("_posts/a.html", BAD), ("_posts/b.html", BAD)]);
    let a = d.path().join("_posts/a.html");
    let b = d.path().join("_posts/b.html");
    std::fs::set_permissions(&a, std::fs::Permissions::from_mode(0o640)).unwrap();
    std::fs::set_permissions(&b, std::fs::Permissions::from_mode(0o444)).unwrap();
    let o = postlint(d.path(), &["fix"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("_posts/b.html: not written: the file is read-only"),
        "{}",
        stderr(&o)
    );
    assert_eq!(read(d.path(), "_posts/a.html"), GOOD);
    assert_eq!(read(d.path(), "_posts/b.html"), BAD);
    assert_eq!(
        std::fs::metadata(&a).unwrap().permissions().mode() & 0o777,
        0o640
    );
    let names: Vec<_> = std::fs::read_dir(d.path().join("_posts"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "no temp file left: {names:?}");
}

#[test]
fn unparseable_front_matter_is_reported_and_left_alone() {
    let broken = "---\ntitle: [x\n---\n<p>cafÃ©</p>\n";
    let d = site(&[("_posts/a.html", broken), ("_posts/b.html", BAD)]);
    let o = postlint(d.path(), &["fix"]);
    assert!(
        stderr(&o).contains("_posts/a.html: left as it is: its front matter does not parse"),
        "{}",
        stderr(&o)
    );
    assert_eq!(read(d.path(), "_posts/a.html"), broken);
    assert_eq!(read(d.path(), "_posts/b.html"), GOOD);
}

/// Killing a fix of many files leaves each file either as it was or fixed.
#[test]
fn killed_mid_run_every_file_is_old_or_new() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("postlint.toml"), SEED).unwrap();
    let posts = d.path().join("_posts");
    std::fs::create_dir_all(&posts).unwrap();
    let n = 3000;
    let padding =
        "<p>Het Chinese telecombedrijf Huawei is bereid om zwart op wit vast te leggen.</p>\n"
            .repeat(40);
    let old = format!("{BAD}{padding}");
    for i in 0..n {
        std::fs::write(posts.join(format!("{i:05}.html")), &old).unwrap();
    }
    let config = postlint::config::parse_config(SEED, Path::new("postlint.toml")).unwrap();
    let settings =
        postlint::config::Settings::resolve(config, None, d.path().to_path_buf()).unwrap();
    let now = jiff::Timestamp::now();
    let opts = postlint::fix::FixOptions::default();
    let new = postlint::fix::fix_bytes(
        &posts.join("x.html"),
        old.clone().into_bytes(),
        &settings,
        now,
        opts,
    )
    .fixed
    .unwrap();
    assert!(new.starts_with(GOOD.trim_end()));
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_postlint"))
        .args(["fix", "_posts"])
        .current_dir(d.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(150));
    child.kill().unwrap();
    child.wait().unwrap();
    let (mut olds, mut news) = (0, 0);
    for i in 0..n {
        let text = std::fs::read_to_string(posts.join(format!("{i:05}.html"))).unwrap();
        if text == old {
            olds += 1;
        } else if text == new {
            news += 1;
        } else {
            panic!("file {i} is neither old nor new:\n{text}");
        }
    }
    println!("killed run: {olds} files old, {news} files new");
    assert_eq!(olds + news, n);
}
