//! Untrusted posts cannot crash postlint, make it run for ages or use
//! unbounded memory, or inject text into the output (issue 11).

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::*;

const FM: &str = "---\ntitle: x\ndate: Tue, 14 May 2019 17:01:53 +0200\n---\n";

/// A site holding one post `name` with `text`.
fn site(name: &str, text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), text).unwrap();
    dir
}

/// Runs `check --offline` with `args` (within a generous bound) and checks it
/// ended with a documented exit code.
fn check(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["check", "--offline", "--no-cache"];
    all.extend_from_slice(args);
    let o = within(dir, &all, 120);
    assert_no_panic(&o);
    o
}

/// Runs postlint in `dir`, failing after `secs` seconds. Output goes through
/// files, not pipes: a large report would fill a pipe nobody reads yet.
fn within(dir: &Path, args: &[&str], secs: u64) -> std::process::Output {
    let out = tempfile::tempfile().unwrap();
    let err = tempfile::tempfile().unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_postlint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .env_remove("GITHUB_ACTIONS")
        .stdout(out.try_clone().unwrap())
        .stderr(err.try_clone().unwrap())
        .spawn()
        .expect("run postlint");
    let deadline = Instant::now() + Duration::from_secs(secs);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("postlint {args:?} did not finish within {secs} s");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let read = |mut f: std::fs::File| {
        use std::io::{Read, Seek};
        let mut v = Vec::new();
        f.seek(std::io::SeekFrom::Start(0)).unwrap();
        f.read_to_end(&mut v).unwrap();
        v
    };
    std::process::Output {
        status,
        stdout: read(out),
        stderr: read(err),
    }
}

fn json(o: &std::process::Output) -> Vec<serde_json::Value> {
    let v: serde_json::Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", stdout(o), stderr(o)));
    v["diagnostics"].as_array().unwrap().clone()
}

/// The fastest of three runs, to keep a busy machine's noise out.
fn fastest(dir: &Path, args: &[&str]) -> Duration {
    (0..3)
        .map(|_| {
            let t = Instant::now();
            check(dir, args);
            t.elapsed()
        })
        .min()
        .unwrap()
}

/// Asserts that 4× the input takes well under 16× the time (quadratic).
fn assert_linear(make: impl Fn(usize) -> String, n: usize, args: &[&str]) {
    let small = site("a.html", &make(n));
    let large = site("a.html", &make(4 * n));
    let t1 = fastest(small.path(), args);
    let t4 = fastest(large.path(), args);
    assert!(
        t4 < t1 * 9 + Duration::from_millis(300),
        "{n} took {t1:?}, {} took {t4:?}: not linear",
        4 * n
    );
}

fn images_on_one_line(n: usize) -> String {
    format!("{FM}<p>{}</p>\n", "<img src=a.jpg>".repeat(n))
}

#[test]
fn non_ascii_relative_urls_do_not_panic() {
    for (name, body) in [
        ("a.html", "<img src=\"beeld-één.jpg\" alt=\"x\">"),
        ("b.md", "![foto](beeld-één.jpg)"),
        ("c.html", "<a href=\"ht€€\">x</a> <a href=\"https/é\">x</a>"),
        (
            "d.html",
            "<img src=\"日本語の画像.png\" alt=\"x\"><a href=\"😀😀😀😀\">x</a>",
        ),
        (
            "e.html",
            "<a href=\"صورة.jpg\">x</a><a href=\"http:é\">x</a>",
        ),
    ] {
        let dir = site(name, &format!("{FM}{body}\n"));
        let o = check(dir.path(), &["--format", "json"]);
        json(&o);
    }
}

#[test]
fn missing_alt_on_one_long_line_is_linear_in_json() {
    assert_linear(images_on_one_line, 5_000, &["--format", "json"]);
}

#[test]
fn missing_alt_on_one_long_line_is_linear_in_human_output() {
    assert_linear(images_on_one_line, 2_000, &[]);
}

/// `a"b` is a plain scalar: its quote must not hide the nesting after it
/// from the pre-scan (serde_yaml is quadratic in flow nesting).
#[test]
fn quote_in_plain_scalar_does_not_hide_flow_nesting() {
    let make = |n: usize| {
        format!(
            "---\ntitle: x\ntags: [a\"b, {}\n---\n<p>x</p>\n",
            "[".repeat(n)
        )
    };
    let dir = site("a.html", &make(60_000));
    let diags = json(&check(dir.path(), &["--format", "json"]));
    // The pre-scan's finding, not serde_yaml's after seconds of parsing.
    assert!(
        diags.iter().any(|d| d["code"] == "PL201"
            && d["message"].as_str().unwrap().contains("more than 64 deep")),
        "{diags:?}"
    );
}

/// Stderr on one line, without miette's wrapping and gutter.
fn flat(o: &std::process::Output) -> String {
    stderr(o)
        .replace('│', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Thousands of `exclude` patterns, or one huge one, fail at once with
/// exit 2 and an error naming the option, instead of compiling for ages.
#[test]
fn exclude_patterns_are_bounded() {
    let patterns: Vec<String> = (0..3000)
        .map(|i| format!(r"https?://(www\.)?site{i}\.example\.(com|org)/[a-z0-9_-]+/\w+\.jpg"))
        .collect();
    let dir = site("a.html", &format!("{FM}<p>x</p>\n"));
    let quoted: Vec<String> = patterns.iter().map(|p| format!("'{p}'")).collect();
    let config = format!("[links]\nexclude = [{}]\n", quoted.join(", "));
    std::fs::write(dir.path().join("postlint.toml"), config).unwrap();
    let o = check(dir.path(), &[]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        flat(&o).contains("`links.exclude` has 3000 patterns"),
        "{}",
        stderr(&o)
    );

    let dir = site("a.html", &format!("{FM}<p>x</p>\n"));
    let mut args = Vec::new();
    for p in &patterns {
        args.extend(["--exclude", p.as_str()]);
    }
    let o = check(dir.path(), &args);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        flat(&o).contains("`--exclude` has 3000 patterns"),
        "{}",
        stderr(&o)
    );

    let o = check(dir.path(), &["--exclude", r"(\w{100}){100}"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        flat(&o).contains("`--exclude` are too large"),
        "{}",
        stderr(&o)
    );

    let o = check(dir.path(), &["--exclude", "ok", "--exclude", "(bad"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(flat(&o).contains("`(bad` in `--exclude`"), "{}", stderr(&o));
}

/// A minified post: one line of 70,000 characters, then an image. The human
/// output shows a window of the line, with the true line and column.
#[test]
fn very_long_line_shows_a_window_in_human_output() {
    let dir = site(
        "a.html",
        &format!("{FM}<p>{}<img src=a.jpg></p>\n", "é".repeat(70_000)),
    );
    let o = check(dir.path(), &[]);
    let out = stdout(&o);
    assert!(out.contains("[a.html:5:70004]"), "{out}");
    assert!(out.contains("…ééé"), "{out}");
    assert!(out.contains("<img src=a.jpg></p>"), "{out}");
    assert!(out.lines().all(|l| l.chars().count() < 400), "{out}");
}

/// A file name holding a line break and a workflow command, an escape
/// sequence and a bidi override: no format prints them as they are.
#[test]
fn control_characters_in_file_names_are_escaped_in_every_format() {
    let name = "a\n::error file=x,line=1::pwned\u{1b}[2J\u{202e}lmth.html";
    let dir = site(name, &format!("{FM}<img src=\"b.jpg\">\n"));
    for format in ["human", "concise", "github", "junit", "json", "sarif"] {
        let o = check(dir.path(), &["--format", format]);
        let out = stdout(&o);
        assert!(
            out.contains("pwned"),
            "{format}: the file was not reported\n{out}"
        );
        assert!(
            !out.lines()
                .any(|l| l.trim_start().starts_with("::error file=x")),
            "{format}: injected a workflow command\n{out}"
        );
        if matches!(format, "json" | "sarif") {
            // Structured: stays valid (JSON escapes, SARIF URIs percent-encode),
            // and the bidi override is a `\u202e` escape, not the character.
            let value = serde_json::from_str::<serde_json::Value>(&out).unwrap();
            assert!(
                !out.contains(['\u{1b}', '\u{202e}']),
                "{format}: printed a control character\n{out}"
            );
            if format == "json" {
                assert_eq!(value["diagnostics"][0]["file"].as_str(), Some(name));
            }
        } else {
            assert!(
                !out.contains(['\u{1b}', '\u{202e}']),
                "{format}: printed a control character\n{out}"
            );
            assert!(
                out.contains("pwned\\u{1b}[2J\\u{202e}lmth"),
                "{format}\n{out}"
            );
        }
    }
}

/// `fix`, `fix --check`, `fix --diff` and `check --fix` print file names and
/// reasons too: a crafted name, a hard-linked file (left alone, with its
/// name) and a dangling link must not forge a line either.
#[test]
fn control_characters_in_file_names_are_escaped_by_fix() {
    let name = "a\n::error::pwned\u{1b}[2J\u{202e}.html";
    let dir = site(name, &format!("{FM}<p>trailing</p>   \n"));
    let posts = dir.path();
    std::fs::hard_link(posts.join(name), posts.join("second-name.html")).unwrap();
    std::os::unix::fs::symlink("/tmp/x\n::error::target", posts.join("l\n::error::l.html"))
        .unwrap();
    for args in [
        &["fix", "--check"][..],
        &["fix", "--diff"],
        &["fix"],
        &[
            "check",
            "--fix",
            "--format",
            "github",
            "--offline",
            "--no-cache",
        ],
    ] {
        let o = within(dir.path(), args, 120);
        assert_no_panic(&o);
        let all = format!("{}{}", stdout(&o), String::from_utf8_lossy(&o.stderr));
        assert!(
            all.contains("pwned"),
            "{args:?}: the file was not named\n{all}"
        );
        assert!(
            !all.lines().any(|l| l.starts_with("::error::")),
            "{args:?}: injected a workflow command\n{all}"
        );
        assert!(
            !all.contains(['\u{1b}', '\u{202e}']),
            "{args:?}: printed a control character\n{all}"
        );
    }
}

/// Ten megabytes of `<b>`: the checker stops at its limits with one finding
/// that says so (it took 1.8 GB and minutes).
#[test]
fn ten_megabytes_of_b_stop_the_checker_with_a_finding() {
    let dir = site("a.html", &format!("{FM}{}\n", "<b>".repeat(3_300_000)));
    let diags = json(&check(dir.path(), &["--format", "json"]));
    let stopped: Vec<_> = diags
        .iter()
        .filter(|d| {
            d["message"]
                .as_str()
                .unwrap()
                .contains("the checker stopped here")
        })
        .collect();
    assert_eq!(stopped.len(), 1, "{:?}", &diags[..3.min(diags.len())]);
    assert_eq!(stopped[0]["code"], "PL301");
}

mod non_ascii {
    //! Property test: posts with non-ASCII URLs, paths, ids and keys
    //! (accents, CJK, emoji, RTL, bidi controls) in every place the URL
    //! checks, the extraction and the rules read them never panic, keep every
    //! span on character boundaries, and render in every format.

    use std::path::{Path, PathBuf};

    use postlint::config::{Config, Settings};
    use postlint::lint::{FileReport, Linter};
    use postlint::output::{self, Summary, human::HumanOptions, paths::RepoPaths};
    use proptest::prelude::*;

    const PREFIXES: &[&str] = &[
        "", "http//", "https:/", "http:", "https://", "//", "/", "#", "../", "?", "mailto:",
    ];
    const PIECES: &[&str] = &[
        "beeld-één",
        "日本語",
        "😀",
        "صورة",
        "\u{202e}gpj",
        "é%",
        " ",
        "ß",
        "a",
        ".",
        "/",
        ":",
        "[é]",
        "%C3%A9",
        "\\",
        "\u{a0}",
        "é:8😀",
        "{{ é }}",
    ];
    const SUFFIXES: &[&str] = &["", ".jpg", "?q=ü", "#ß", "/", " 2x"];

    fn url() -> impl Strategy<Value = String> {
        (
            prop::sample::select(PREFIXES),
            prop::collection::vec(prop::sample::select(PIECES), 0..4),
            prop::sample::select(SUFFIXES),
        )
            .prop_map(|(p, pieces, s)| format!("{p}{}{s}", pieces.concat()))
    }

    fn word() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(PIECES), 1..3).prop_map(|p| p.concat())
    }

    fn post() -> impl Strategy<Value = String> {
        (url(), url(), url(), word(), word(), word()).prop_map(|(a, b, c, id, key, text)| {
            let key: String = key.chars().filter(|c| !"[]{}:#\\ ".contains(*c)).collect();
            let key = if key.is_empty() {
                "é".to_string()
            } else {
                key
            };
            format!(
                "---\ntitle: \"{text}\"\ndate: Tue, 14 May 2019 17:01:53 +0200\n\
                     {key}: {text}\nimage: {a}\n---\n\
                     <h2 id=\"{id}\">{text}</h2><h2 id=\"{id}\">x</h2>\n\
                     <img src=\"{a}\"><img src={b} srcset=\"{a} 1x, {c} 2x\" alt=\"{text}\">\n\
                     <a href=\"{c}\">{text}</a> <a href=\"#{id}\">x</a>\n\n\
                     ![{text}]({b}) [x]({c}) ![]({a} \"{text}\")\n\n[r]: {c}\n"
            )
        })
    }

    fn render(reports: &[FileReport]) {
        let summary = Summary::of(reports);
        let paths = RepoPaths::at("/");
        let mut out = Vec::new();
        let human = HumanOptions {
            color: false,
            width: 80,
        };
        output::human::write(&mut out, reports, &summary, human, false).unwrap();
        output::concise::write(&mut out, reports, &summary, false).unwrap();
        output::github::write(&mut out, reports, &summary, &paths, false).unwrap();
        output::junit::write(&mut out, reports, &summary).unwrap();
        let mut json = Vec::new();
        output::json::write(&mut json, reports, &summary).unwrap();
        serde_json::from_slice::<serde_json::Value>(&json).unwrap();
        let mut sarif = Vec::new();
        output::sarif::write(&mut sarif, reports, &paths).unwrap();
        serde_json::from_slice::<serde_json::Value>(&sarif).unwrap();
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn non_ascii_posts_never_panic(post in post(), name in word()) {
            let settings =
                Settings::resolve(Config::default(), None, PathBuf::from("/")).unwrap();
            let now = jiff::Timestamp::UNIX_EPOCH;
            let name: String = name.chars().filter(|c| *c != '/').collect();
            let mut reports = Vec::new();
            for ext in ["html", "md"] {
                let path = format!("_posts/2019-05-14-{name}.{ext}");
                let report = Linter::new(&settings, now)
                    .lint(Path::new(&path), post.clone().into_bytes())
                    .report;
                for d in &report.diagnostics {
                    for r in std::iter::once(&d.range).chain(d.labels.iter().map(|l| &l.range)) {
                        prop_assert!(report.source.get(r.range()).is_some(), "{d:?}");
                    }
                }
                reports.push(report);
            }
            render(&reports);
        }
    }
}

/// The fuzz dictionaries are in libFuzzer's format (`name="bytes"`, with
/// `\\`, `\"` and `\xNN` escapes) and hold non-ASCII URLs, paths, ids and keys.
#[test]
fn fuzz_dictionaries_parse_and_hold_non_ascii_entries() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/dicts");
    for name in ["pipeline.dict", "fix.dict", "mojibake.dict"] {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        let mut entries = Vec::new();
        for line in text
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            let quoted = line.split_once('=').map_or(line, |(_, q)| q);
            let inner = quoted
                .strip_prefix('"')
                .and_then(|q| q.strip_suffix('"'))
                .unwrap_or_else(|| panic!("{name}: not quoted: {line}"));
            let mut bytes = Vec::new();
            let mut it = inner.bytes();
            while let Some(b) = it.next() {
                match b {
                    b'\\' => match it.next() {
                        Some(b'\\') => bytes.push(b'\\'),
                        Some(b'"') => bytes.push(b'"'),
                        Some(b'x') => {
                            let hex: Vec<u8> = it.by_ref().take(2).collect();
                            let hex = std::str::from_utf8(&hex).unwrap();
                            bytes.push(u8::from_str_radix(hex, 16).unwrap());
                        }
                        other => panic!("{name}: bad escape {other:?} in {line}"),
                    },
                    b'"' => panic!("{name}: unescaped quote in {line}"),
                    b => {
                        assert!(b.is_ascii() && !b.is_ascii_control(), "{name}: {line}");
                        bytes.push(b);
                    }
                }
            }
            entries.push(String::from_utf8(bytes).unwrap());
        }
        for wanted in ["één", "日本語", "😀", "صورة", "\u{202e}"] {
            assert!(
                entries.iter().any(|e| e.contains(wanted)),
                "{name}: no {wanted}"
            );
        }
    }
}
