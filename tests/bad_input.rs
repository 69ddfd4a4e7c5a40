//! Bad input never panics: each case gets a clear finding naming the file, and
//! the run goes on with the other files.

mod common;

use std::path::Path;

use common::*;

/// A site with one good post beside the bad thing, so we can see the run went on.
fn site_with(name: &str, bytes: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let posts = dir.path().join("_posts");
    std::fs::create_dir_all(&posts).unwrap();
    std::fs::write(
        posts.join("2019-05-14-good.html"),
        post("title: x\ndate: Mon, 14 May 2019 17:01:53 +0200\n"),
    )
    .unwrap();
    std::fs::write(posts.join(name), bytes).unwrap();
    dir
}

/// Runs `check --format json` and returns (exit code, diagnostics of `name`, all codes).
fn run(dir: &Path, extra: &[&str], name: &str) -> (i32, Vec<serde_json::Value>) {
    let mut args = vec!["check", "--format", "json"];
    args.extend_from_slice(extra);
    let o = postlint(dir, &args);
    assert_no_panic(&o);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", stdout(&o), stderr(&o)));
    let diags = v["diagnostics"].as_array().unwrap().clone();
    // The good post's wrong weekday is always reported: the run went on.
    assert!(
        diags
            .iter()
            .any(|d| d["file"].as_str().unwrap().ends_with("good.html") && d["code"] == "PL251"),
        "the run did not go on: {v}"
    );
    let mine = diags
        .into_iter()
        .filter(|d| d["file"].as_str().unwrap().ends_with(name))
        .collect();
    (o.status.code().unwrap(), mine)
}

fn codes(diags: &[serde_json::Value]) -> Vec<String> {
    diags
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn empty_file() {
    let d = site_with("empty.html", b"");
    let (code, diags) = run(d.path(), &[], "empty.html");
    assert_eq!(code, 1);
    assert_eq!(codes(&diags), ["PL200"]);
}

#[test]
fn binary_file() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
    let d = site_with("image.html", png);
    let (_, diags) = run(d.path(), &[], "image.html");
    assert_eq!(codes(&diags), ["PL102"]);
    assert!(diags[0]["message"].as_str().unwrap().contains("binary"));
}

#[test]
fn invalid_utf8_in_front_matter_and_body() {
    let d = site_with("fm.html", b"---\ntitle: caf\xe9\ndate: x\n---\n<p>ok</p>\n");
    let (_, diags) = run(d.path(), &[], "fm.html");
    assert_eq!(codes(&diags), ["PL102"]);
    assert_eq!(diags[0]["byte_range"][0], 14);
    assert_eq!(diags[0]["start"]["line"], 2);
    assert_eq!(diags[0]["start"]["column"], 11);

    let d = site_with(
        "body.html",
        b"---\ntitle: x\ndate: Tue, 14 May 2019 17:01:53 +0200\n---\n<p>na\xefef</p>\n",
    );
    let (_, diags) = run(d.path(), &[], "body.html");
    assert_eq!(codes(&diags), ["PL102"]);
    assert_eq!(diags[0]["start"]["line"], 5);
}

#[test]
fn only_dashes_and_unterminated() {
    let d = site_with("dashes.html", b"---");
    let (_, diags) = run(d.path(), &[], "dashes.html");
    assert_eq!(codes(&diags), ["PL200", "PL108"]);
    assert!(
        diags[0]["message"]
            .as_str()
            .unwrap()
            .contains("never closed")
    );

    let d = site_with("open.html", b"---\ntitle: x\n<p>body</p>\n");
    let (_, diags) = run(d.path(), &[], "open.html");
    assert_eq!(codes(&diags), ["PL200"]);
}

#[test]
fn yaml_alias_bomb() {
    let mut text = String::from(
        "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for w in names.windows(2) {
        let (prev, name) = (w[0], w[1]);
        let refs = vec![format!("*{prev}"); 9].join(",");
        text.push_str(&format!("{name}: &{name} [{refs}]\n"));
    }
    text.push_str("---\n");
    let d = site_with("bomb.html", text.as_bytes());
    let (_, diags) = run(d.path(), &[], "bomb.html");
    assert_eq!(codes(&diags), ["PL201"]);
    assert!(
        diags[0]["message"].as_str().unwrap().contains("alias"),
        "{:?}",
        diags[0]
    );
}

#[test]
fn deeply_nested_flow() {
    let text = format!("---\ntitle: {}\n---\n", "[".repeat(200_000));
    let d = site_with("nested.html", text.as_bytes());
    // Over the default 64 KiB front matter limit.
    let (_, diags) = run(d.path(), &[], "nested.html");
    assert_eq!(codes(&diags), ["PL208"]);
    // With the limit raised, the depth pre-scan refuses it without parsing.
    std::fs::write(
        d.path().join("postlint.toml"),
        "[files]\nmax-front-matter-size = 1000000\n",
    )
    .unwrap();
    let (_, diags) = run(d.path(), &[], "nested.html");
    assert_eq!(codes(&diags), ["PL201"]);
    assert!(
        diags[0]["message"]
            .as_str()
            .unwrap()
            .contains("more than 64 deep")
    );
}

#[test]
fn ten_megabyte_front_matter() {
    let text = format!(
        "---\ntitle: x\ndescription: \"{}\"\n---\n",
        "a".repeat(10_000_000)
    );
    let d = site_with("huge.html", text.as_bytes());
    let (_, diags) = run(d.path(), &[], "huge.html");
    assert_eq!(codes(&diags), ["PL208"]);
}

#[test]
fn file_over_the_size_cap() {
    let d = site_with("big.html", &vec![b'a'; 11 * 1024 * 1024]);
    let (_, diags) = run(d.path(), &[], "big.html");
    assert_eq!(codes(&diags), ["PL903"]);
}

#[cfg(unix)]
#[test]
fn unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let d = site_with("secret.html", post(GOOD).as_bytes());
    let p = d.path().join("_posts/secret.html");
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
    // Root reads anything; then make a file it may not read: a link to
    // /proc/self/mem, outside the site (so refused before any read).
    let root = std::fs::read(&p).is_ok();
    if root {
        std::fs::remove_file(&p).unwrap();
        std::os::unix::fs::symlink("/proc/self/mem", &p).unwrap();
    }
    let (code, diags) = run(d.path(), &[], "secret.html");
    assert_eq!(code, 1);
    assert_eq!(codes(&diags), ["PL902"]);
    let message = diags[0]["message"].as_str().unwrap();
    let expected = if root {
        "outside the site root"
    } else {
        "cannot read"
    };
    assert!(message.contains(expected), "{message}");
}

#[cfg(unix)]
#[test]
fn symlink_loops() {
    let d = site_with("x.html", post(GOOD).as_bytes());
    std::os::unix::fs::symlink("..", d.path().join("_posts/up")).unwrap();
    std::os::unix::fs::symlink("self.html", d.path().join("_posts/self.html")).unwrap();
    let o = postlint(d.path(), &["check", "--format", "json", "."]);
    assert_no_panic(&o);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let diags = v["diagnostics"].as_array().unwrap();
    let loops: Vec<_> = diags.iter().filter(|d| d["code"] == "PL902").collect();
    assert!(
        loops
            .iter()
            .any(|d| d["message"].as_str().unwrap().contains("loop")),
        "{v}"
    );
    assert!(
        loops
            .iter()
            .any(|d| d["file"].as_str().unwrap().contains("self.html")),
        "{v}"
    );
}

/// A submodule that CI did not check out leaves links to nothing: a
/// warning each (the run passes), and `files.exclude` silences them.
#[cfg(unix)]
#[test]
fn dangling_links_are_warnings_and_exclude_stops_them() {
    let d = tempfile::tempdir().unwrap();
    let posts = d.path().join("_posts");
    std::fs::create_dir_all(&posts).unwrap();
    std::fs::write(
        posts.join("2019-05-14-good.html"),
        post("title: x\ndate: Tue, 14 May 2019 17:01:53 +0200\n"),
    )
    .unwrap();
    let examples = d.path().join("examples/theme");
    std::fs::create_dir_all(&examples).unwrap();
    std::os::unix::fs::symlink("../../vendor/theme/content", examples.join("content")).unwrap();
    // Right below the excluded folder: the walker stats it before any filter.
    std::os::unix::fs::symlink("../vendor/post.md", d.path().join("examples/post.md")).unwrap();
    // Not a post's name: no business of ours.
    std::os::unix::fs::symlink("../../vendor/logo.png", examples.join("logo.png")).unwrap();
    let check = |dir: &Path| {
        let o = postlint(dir, &["check", "--format", "json", "--offline", "."]);
        assert_no_panic(&o);
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let diags = v["diagnostics"].as_array().unwrap().clone();
        (o.status.code().unwrap(), diags)
    };
    let (code, diags) = check(d.path());
    let found: Vec<_> = diags
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap(),
                d["severity"].as_str().unwrap(),
                d["file"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("PL904", "warning", "examples/post.md"),
            ("PL904", "warning", "examples/theme/content")
        ],
        "{diags:?}"
    );
    assert!(
        diags[0]["message"]
            .as_str()
            .unwrap()
            .contains("`../vendor/post.md`")
    );
    assert_eq!(code, 0);
    std::fs::write(
        d.path().join("postlint.toml"),
        "[files]\nexclude = [\"examples/**\"]\n",
    )
    .unwrap();
    let (code, diags) = check(d.path());
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(code, 0);
}

#[test]
fn nul_bytes_and_not_a_mapping() {
    let d = site_with(
        "nul.html",
        b"---\ntitle: a\0b\ndate: Tue, 14 May 2019 17:01:53 +0200\n---\n\0\0\n",
    );
    let (_, _diags) = run(d.path(), &[], "nul.html");
    let d = site_with("list.html", b"---\n- a\n- b\n---\n");
    let (_, diags) = run(d.path(), &[], "list.html");
    assert_eq!(codes(&diags), ["PL203"]);
    let d = site_with("scalar.html", b"---\njust words\n---\n");
    let (_, diags) = run(d.path(), &[], "scalar.html");
    assert_eq!(codes(&diags), ["PL203"]);
}

#[test]
fn odd_keys() {
    let d = site_with(
        "keys.html",
        "---\ntitle: x\ndate: Tue, 14 May 2019 17:01:53 +0200\n1: number key\n\"sleutel\\tmet tab\": ja\ncafé: ☕\n? complex\n: value\n---\n".as_bytes(),
    );
    let (_, diags) = run(d.path(), &[], "keys.html");
    assert!(codes(&diags).is_empty(), "{diags:?}");
}

#[test]
fn fifty_megabyte_single_line_body() {
    let mut text = post(GOOD).into_bytes();
    text.extend(std::iter::repeat_n(b'a', 50 * 1024 * 1024));
    text.extend(b"\xc3\x83\xc2\xab\n");
    let d = site_with("line.html", &text);
    // Over the default size cap: reported, not read.
    let (_, diags) = run(d.path(), &[], "line.html");
    assert_eq!(codes(&diags), ["PL903"]);
    // With the cap raised, read and checked in bounded time.
    std::fs::write(
        d.path().join("postlint.toml"),
        "[files]\nmax-file-size = 100000000\n",
    )
    .unwrap();
    let o = postlint_within(d.path(), &["check", "--format", "json"], 120);
    assert_no_panic(&o);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let mine: Vec<_> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"].as_str().unwrap().ends_with("line.html"))
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(mine, ["PL101"], "{v}");
}

#[test]
fn twenty_thousand_files() {
    let d = tempfile::tempdir().unwrap();
    for i in 0..20_000 {
        let sub = d.path().join(format!("_posts/{:03}", i / 100));
        if i % 100 == 0 {
            std::fs::create_dir_all(&sub).unwrap();
        }
        std::fs::write(sub.join(format!("{i}.html")), post(GOOD)).unwrap();
    }
    let o = postlint_within(d.path(), &["check"], 300);
    assert_no_panic(&o);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o).trim(), "No problems found in 20000 files");
}

#[test]
fn file_deleted_after_the_walk() {
    use postlint::walk::{self, ConfigSource};
    let d = site_with("gone.html", post(GOOD).as_bytes());
    let mut configs = ConfigSource::discover(Vec::new(), Vec::new());
    let found = walk::discover(&[d.path().to_path_buf()], &mut configs).unwrap();
    std::fs::remove_file(d.path().join("_posts/gone.html")).unwrap();
    let now = jiff::Timestamp::now();
    let gone = found
        .files
        .iter()
        .find(|(p, _)| p.ends_with("gone.html"))
        .unwrap();
    let report = postlint::lint::Linter::new(&gone.1, now)
        .lint_path(&gone.0)
        .report;
    assert_eq!(report.diagnostics[0].code(), "PL902");
    assert!(report.diagnostics[0].message.contains("cannot read file"));
}

#[test]
fn file_truncated_after_the_walk() {
    use postlint::walk::{self, ConfigSource};
    let d = site_with("short.html", post(GOOD).as_bytes());
    let mut configs = ConfigSource::discover(Vec::new(), Vec::new());
    let found = walk::discover(&[d.path().to_path_buf()], &mut configs).unwrap();
    // Cut in the middle of the front matter and of a UTF-8 character.
    std::fs::write(d.path().join("_posts/short.html"), b"---\ntitle: caf\xc3").unwrap();
    let short = found
        .files
        .iter()
        .find(|(p, _)| p.ends_with("short.html"))
        .unwrap();
    let report = postlint::lint::Linter::new(&short.1, jiff::Timestamp::now())
        .lint_path(&short.0)
        .report;
    assert_eq!(report.diagnostics[0].code(), "PL102");
}

const FM: &str = "---\ntitle: x\ndate: Tue, 14 May 2019 17:01:53 +0200\n---\n";

/// Bad HTML gets PL301 findings with positions in the file, never a panic,
/// and the span of every finding lies inside the file.
#[test]
fn bad_html_bodies() {
    let deep = format!("{FM}{}", "<div>".repeat(10_000));
    let cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "unclosed.html",
            format!("{FM}<div><section><table><tr><td><ul><li><b><i><a href=x><svg><g>")
                .into_bytes(),
        ),
        ("deep.html", deep.into_bytes()),
        (
            "cut.html",
            format!("{FM}<p>Tekst</p>\n<img src=").into_bytes(),
        ),
        ("cutq.html", format!("{FM}<img src=\"a.jpg").into_bytes()),
        (
            "nul.html",
            format!("{FM}<p\0>\0<img src=\"\0\" alt=\0>&#0;</p>").into_bytes(),
        ),
        (
            "odd.html",
            format!("{FM}</><!--<![CDATA[<?x?><!DOCTYPE><//>&#xFFFFFFFF;<a\u{e9}=1 =x>")
                .into_bytes(),
        ),
        (
            "odd.md",
            format!("{FM}![](<)\n[a]: <\n<div\n\n![x]( \n\n<img src=\"\u{e9}").into_bytes(),
        ),
    ];
    for (name, bytes) in cases {
        let d = site_with(name, &bytes);
        let (_, diags) = run(d.path(), &[], name);
        for diag in &diags {
            let r = diag["byte_range"].as_array().unwrap();
            let (a, b) = (r[0].as_u64().unwrap(), r[1].as_u64().unwrap());
            assert!(a <= b && b as usize <= bytes.len(), "{name}: {diag}");
        }
        if name != "odd.md" {
            assert!(
                codes(&diags).contains(&"PL301".to_string()),
                "{name}: {diags:?}"
            );
        }
    }
}

#[test]
fn deep_unclosed_divs_are_quick() {
    let body = format!("{FM}{}", "<div>".repeat(10_000));
    let d = site_with("deep.html", body.as_bytes());
    let start = std::time::Instant::now();
    let (_, diags) = run(d.path(), &[], "deep.html");
    let pl301 = codes(&diags).iter().filter(|c| *c == "PL301").count();
    assert_eq!(pl301, 51, "capped at 50 and a note");
    assert!(start.elapsed().as_secs() < 10, "{:?}", start.elapsed());
}

#[test]
fn hundred_thousand_nested_divs() {
    let body = format!(
        "{FM}{}{}",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    let d = site_with("deep100k.html", body.as_bytes());
    let o = postlint_within(d.path(), &["check", "--format", "json", "--no-cache"], 120);
    assert_no_panic(&o);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    // Balanced, so nothing to report about the nesting itself; the point is
    // that 100,000 levels neither overflow the stack nor take long.
    assert!(
        v["summary"]["files"].as_u64() == Some(2),
        "{}",
        v["summary"]
    );
}

/// fuzz/regressions/charref-name-before-multibyte: an `&` and a letter right
/// before a multi-byte character used to panic the character-reference
/// decoder (found by fuzzing the fixer).
#[test]
fn fuzz_regressions_do_not_panic() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        let d = site_with("crash.html", &bytes);
        let o = postlint(d.path(), &["check", "--no-cache", "--offline"]);
        assert_no_panic(&o);
        let o = postlint(d.path(), &["fix", "--unsafe-fixes", "--diff"]);
        assert_no_panic(&o);
    }
    let text = format!("{FM}<p>G&M\u{ff}\u{ff}T</p>\n");
    let d = site_with("amp.html", text.as_bytes());
    assert_no_panic(&postlint(d.path(), &["check", "--no-cache", "--offline"]));
}
