//! The helper commands: show-settings, completions, man, clean's neighbours,
//! and quiet exits when the reader of stdout goes away.

mod common;

use std::process::{Command, Stdio};

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
fn show_settings_names_the_file_and_resolves_everything() {
    let d = site(&[
        (
            "postlint.toml",
            "[rules]\nignore = [\"PL255\"]\n[front-matter.keys.category]\nallowed = [\"nieuws\"]\n",
        ),
        ("sub/postlint.toml", "[front-matter]\nstrict = true\n"),
        ("_posts/a.html", &post(GOOD)),
        ("sub/_posts/b.html", &post(GOOD)),
    ]);
    let o = postlint(d.path(), &["show-settings", "_posts/a.html"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let root = std::path::absolute(d.path()).unwrap();
    assert!(out.starts_with("# Settings for _posts/a.html\n"), "{out}");
    assert!(
        out.contains(&format!(
            "# From {}\n",
            root.join("postlint.toml").display()
        )),
        "{out}"
    );
    assert!(
        out.contains("[front-matter.keys.category]\nallowed = [\"nieuws\"]"),
        "{out}"
    );
    // The built-in schema is merged in, and every option has its value.
    assert!(out.contains("[front-matter.keys.title]"), "{out}");
    assert!(out.contains("max-file-size = 10485760"), "{out}");
    assert!(
        out.contains("#   PL255 future-date              off\n"),
        "{out}"
    );
    // The printed settings are a valid config.
    let body: String = out
        .lines()
        .filter(|l| !l.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n");
    postlint::config::parse_config(&body, std::path::Path::new("shown.toml")).unwrap();

    let o = postlint(
        d.path(),
        &["show-settings", "sub/_posts/b.html", "--ignore", "PL1"],
    );
    let out = stdout(&o);
    assert!(
        out.contains(&format!(
            "# From {}\n",
            root.join("sub/postlint.toml").display()
        )),
        "{out}"
    );
    assert!(out.contains("strict = true"), "{out}");
    assert!(
        out.contains("#   PL101 mojibake                 off\n"),
        "{out}"
    );

    let e = tempfile::tempdir().unwrap();
    let o = postlint(e.path(), &["show-settings"]);
    assert!(
        stdout(&o).contains("# From the built-in defaults"),
        "{}",
        stdout(&o)
    );
    let o = postlint(e.path(), &["show-settings", "missing.html"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn completions_and_man_page() {
    let d = tempfile::tempdir().unwrap();
    for (shell, marker) in [
        ("bash", "_postlint()"),
        ("zsh", "#compdef postlint"),
        ("fish", "complete -c postlint"),
    ] {
        let o = postlint(d.path(), &["completions", shell]);
        assert_eq!(o.status.code(), Some(0));
        let out = stdout(&o);
        assert!(out.contains(marker), "{shell}: {out}");
        assert!(out.contains("max-warnings"), "{shell}");
    }
    let o = postlint(d.path(), &["man"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains(".TH postlint 1"), "{out}");
    assert!(out.contains("show\\-settings"), "{out}");
    assert_eq!(
        postlint(d.path(), &["completions", "tcsh"]).status.code(),
        Some(2)
    );
}

/// `postlint check | head` and the like: the reader goes away, postlint stops
/// without an error message or a panic.
#[test]
fn broken_pipe_exits_quietly() {
    let bad = post("title: x\ndate: Mon, 14 May 2019 17:01:53 +0200\n");
    let files: Vec<(String, String)> = (0..200)
        .map(|i| (format!("_posts/{i:03}.html"), bad.clone()))
        .collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let d = site(&refs);
    for args in [
        &["check", "--no-cache"][..],
        &["check", "--format", "json", "--no-cache"],
        &["rule", "--all"],
        &["man"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_postlint"))
            .args(args)
            .current_dir(d.path())
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Close the reading end before postlint writes anything.
        drop(child.stdout.take());
        let o = child.wait_with_output().unwrap();
        assert_eq!(stderr(&o), "", "{args:?}");
        assert!(
            matches!(o.status.code(), Some(0 | 1)),
            "{args:?}: {:?}",
            o.status
        );
    }
}
