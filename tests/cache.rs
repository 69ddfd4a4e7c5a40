//! The incremental cache through the binary: same output warm and cold,
//! really used, bypassed, corrupt entries discarded with a warning, cleaned.

mod common;

use common::*;

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("_posts")).unwrap();
    std::fs::write(
        dir.path().join("_posts/a.html"),
        post("title: x\ndate: Tue, 14 May 2019 17:01:53 GMT\n"),
    )
    .unwrap();
    std::fs::write(dir.path().join("_posts/b.html"), post(GOOD)).unwrap();
    dir
}

fn entries(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    match std::fs::read_dir(dir.join(".postlint-cache/files")) {
        Ok(rd) => rd.map(|e| e.unwrap().path()).collect(),
        Err(_) => Vec::new(),
    }
}

#[test]
fn warm_output_equals_cold_and_comes_from_the_cache() {
    let d = site();
    let cold = postlint(d.path(), &["check"]);
    let cold_json = postlint(d.path(), &["check", "--format", "json", "--no-cache"]);
    assert_eq!(entries(d.path()).len(), 2);
    let warm = postlint(d.path(), &["check"]);
    let warm_json = postlint(d.path(), &["check", "--format", "json"]);
    assert_eq!(stdout(&cold), stdout(&warm));
    assert_eq!(stdout(&cold_json), stdout(&warm_json));
    assert_eq!(cold.status.code(), warm.status.code());
    assert_eq!(stderr(&warm), "");

    // A hit rewrites nothing: the entries keep their inodes.
    use std::os::unix::fs::MetadataExt;
    let inodes = |d: &std::path::Path| {
        let mut v: Vec<u64> = entries(d)
            .iter()
            .map(|e| std::fs::metadata(e).unwrap().ino())
            .collect();
        v.sort();
        v
    };
    let before = inodes(d.path());
    postlint(d.path(), &["check"]);
    assert_eq!(inodes(d.path()), before);
    // A doctored entry fails its MAC: discarded, linted again, rewritten.
    for e in entries(d.path()) {
        let text = std::fs::read_to_string(&e).unwrap();
        std::fs::write(&e, text.replace("is obsolete", "came from the cache")).unwrap();
    }
    let o = postlint(d.path(), &["check"]);
    assert!(
        !stdout(&o).contains("came from the cache"),
        "{}",
        stdout(&o)
    );
    assert!(stderr(&o).contains("integrity check"), "{}", stderr(&o));
    assert_eq!(stdout(&o), stdout(&cold));
    // Invalidated by an edit.
    let before = inodes(d.path());
    let p = d.path().join("_posts/a.html");
    let text = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, text.replace("GMT", "+0000")).unwrap();
    postlint(d.path(), &["check"]);
    assert_ne!(inodes(d.path()), before);
}

#[test]
fn config_changes_invalidate() {
    let d = site();
    postlint(d.path(), &["check"]);
    std::fs::write(
        d.path().join("postlint.toml"),
        "[rules]\nignore = [\"PL254\"]\n",
    )
    .unwrap();
    let o = postlint(d.path(), &["check"]);
    assert_eq!(stdout(&o), "No problems found in 2 files\n");
    let o = postlint(
        d.path(),
        &["check", "--select", "PL25", "--config", "/dev/null"],
    );
    assert!(stdout(&o).contains("PL254"), "{}", stdout(&o));
}

#[test]
fn no_cache_writes_nothing_and_clean_removes_it() {
    let d = site();
    postlint(d.path(), &["check", "--no-cache"]);
    assert!(!d.path().join(".postlint-cache").exists());
    postlint(d.path(), &["check"]);
    assert!(d.path().join(".postlint-cache/CACHEDIR.TAG").is_file());
    assert_eq!(
        std::fs::read_to_string(d.path().join(".postlint-cache/.gitignore")).unwrap(),
        "# Created by postlint.\n*\n"
    );
    let o = postlint(d.path(), &["clean"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "Removed .postlint-cache\n");
    assert!(!d.path().join(".postlint-cache").exists());
    let o = postlint(d.path(), &["clean"]);
    assert_eq!(stdout(&o), "No .postlint-cache to remove\n");
}

#[test]
fn corrupt_cache_is_discarded_with_a_warning() {
    let d = site();
    let cold = postlint(d.path(), &["check"]);
    for e in entries(d.path()) {
        std::fs::write(&e, b"\x00garbage").unwrap();
    }
    let o = postlint(d.path(), &["check"]);
    assert_eq!(stdout(&o), stdout(&cold));
    assert_eq!(o.status.code(), cold.status.code());
    let err = stderr(&o);
    assert!(
        err.starts_with("warning: discarded 2 corrupt cache entries"),
        "{err}"
    );
    // The entries were rewritten.
    let o = postlint(d.path(), &["check"]);
    assert_eq!(stderr(&o), "");
}

/// Pre-commit passes only the changed files: checking one must not walk the
/// site. A symbolic link loop beside the file would be reported if it did.
#[cfg(unix)]
#[test]
fn checking_one_file_does_not_walk_the_site() {
    let d = site();
    std::fs::create_dir_all(d.path().join("_posts/loop")).unwrap();
    std::os::unix::fs::symlink("..", d.path().join("_posts/loop/back")).unwrap();
    let o = postlint(d.path(), &["check", "--format", "json"]);
    assert!(stdout(&o).contains("PL902"), "{}", stdout(&o));
    let o = postlint(d.path(), &["check", "--format", "json", "_posts/b.html"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["summary"]["files"], 1, "{v}");
    assert_eq!(v["diagnostics"].as_array().unwrap().len(), 0, "{v}");
}

/// A file that is not UTF-8 is shown from a lossy copy, so its report is
/// never stored, even when its PL102 finding is switched off (stored, it
/// came back as a corrupt entry on every run).
#[test]
fn a_file_that_is_not_utf8_is_not_stored_even_without_its_finding() {
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(d.path().join("_posts")).unwrap();
    std::fs::write(
        d.path().join("_posts/a.html"),
        b"---\ntitle: caf\xe9\ndate: Tue, 14 May 2019 17:01:53 +0200\n---\n<p>x</p>\n",
    )
    .unwrap();
    std::fs::write(
        d.path().join("postlint.toml"),
        "[rules]\nignore = [\"PL102\"]\n",
    )
    .unwrap();
    let cold = postlint(d.path(), &["check"]);
    assert_eq!(entries(d.path()).len(), 0);
    let warm = postlint(d.path(), &["check"]);
    assert_eq!(stderr(&warm), "");
    assert_eq!(stdout(&warm), stdout(&cold));
    assert_eq!(warm.status.code(), Some(0));
}
