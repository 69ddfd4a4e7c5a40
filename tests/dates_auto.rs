//! `dates.format = "auto"` end to end (issue 14): a well-kept Jekyll site's
//! own dates are clean with no config, `fix` changes no date form and no key
//! order there, a pinned format's fix keeps each date's YAML type, and the
//! minority warning comes from the site-wide count, with or without the
//! cache.

mod common;
use common::{file_codes, now};

use std::path::{Path, PathBuf};

use postlint::config::{Settings, parse_config};
use postlint::fix::{FixOptions, fix_bytes};
use postlint::yaml11;

fn settings(toml: &str) -> Settings {
    let cfg = parse_config(toml, Path::new("postlint.toml")).unwrap();
    Settings::resolve(cfg, None, PathBuf::from("/")).unwrap()
}

/// The kind of each top-level value as Jekyll's Psych reads it, in the
/// order written.
fn kinds(text: &str) -> Vec<(String, &'static str)> {
    let fm = text
        .strip_prefix("---\n")
        .and_then(|t| t.split("\n---\n").next())
        .unwrap();
    let keys: Vec<&str> = fm
        .lines()
        .filter(|l| !l.starts_with([' ', '#', '-']) && l.contains(':'))
        .map(|l| l.split(':').next().unwrap())
        .collect();
    let value = yaml11::load(fm).unwrap();
    keys.into_iter()
        .map(|k| {
            let kind = match value.get(k) {
                Some(yaml11::Value::Time(..)) => "time",
                Some(yaml11::Value::Date(_)) => "date",
                Some(yaml11::Value::Str(_)) => "string",
                Some(yaml11::Value::Seq(_)) => "list",
                Some(_) => "other",
                None => "missing",
            };
            (k.to_string(), kind)
        })
        .collect()
}

fn fix(text: &str, config: &str) -> Option<String> {
    fix_bytes(
        Path::new("_posts/2024-03-21-a.md"),
        text.as_bytes().to_vec(),
        &settings(config),
        now(),
        FixOptions::default(),
    )
    .fixed
}

/// Shaped on ruby-lang's news posts: its own key order and Jekyll
/// timestamps with one-digit hours.
const RUBY_LANG: &str = "---\nlayout: news_post\ntitle: \"Ruby 3.3.1 Released\"\nauthor: \"naruse\"\ntranslator:\ndate: 2024-04-23 10:00:00 +0000\nlang: en\n---\n\nRuby 3.3.1 has been released.\n";

#[test]
fn no_config_fix_changes_no_date_and_no_order() {
    for date in [
        "2024-04-23 10:00:00 +0000",
        "2024-03-21 4:00:00 +0000",
        "2013-05-06 02:12:52 +0200",
        "2024-03-21",
        "'2020-04-03T20:26:28.000Z'",
    ] {
        let text = RUBY_LANG.replace("2024-04-23 10:00:00 +0000", date);
        assert_eq!(fix(&text, ""), None, "{date}");
        // Reordered the nodejs.org way: `date` first.
        let first = format!("---\ndate: {date}\nlayout: news_post\ntitle: \"x\"\n---\n\nBody.\n");
        assert_eq!(fix(&first, ""), None, "{date}");
    }
}

/// A pinned format rewrites dates, but never an unquoted timestamp into a
/// string: every value keeps the kind Psych gives it, and a second run
/// changes nothing.
#[test]
fn pinned_fix_keeps_each_value_kind_and_is_idempotent() {
    for config in [
        "[dates]\nformat = \"rfc2822\"\n",
        "[dates]\nformat = \"iso8601\"\n",
    ] {
        for date in [
            "2024-03-21 4:00:00 +0000",
            "2013-05-06 02:12:52 +0200",
            "\"2013-05-06 02:12:52 +0200\"",
            "\"Tue, 14 May 2019 17:01 +0200\"",
            "2024-03-21",
        ] {
            let text = RUBY_LANG.replace("2024-04-23 10:00:00 +0000", date);
            let fixed = fix(&text, config).unwrap_or_else(|| text.clone());
            assert_eq!(kinds(&text), kinds(&fixed), "{config} {date}\n{fixed}");
            assert_eq!(fix(&fixed, config), None, "{config} {date}");
        }
    }
    // The quoted short date is rewritten into the pinned form.
    let text = RUBY_LANG.replace(
        "2024-04-23 10:00:00 +0000",
        "\"Tue, 14 May 2019 17:01 +0200\"",
    );
    let fixed = fix(&text, "[dates]\nformat = \"iso8601\"\n").unwrap();
    assert!(
        fixed.contains("date: \"2019-05-14T17:01:00+02:00\""),
        "{fixed}"
    );
}

/// The seed's site states its order: then PL207 moves keys as before.
#[test]
fn a_stated_order_is_applied() {
    let config = "[front-matter]\norder = [\"layout\", \"title\", \"date\"]\n";
    let text = "---\ntitle: x\nlayout: post\ndate: 2024-03-21\n---\n\nBody.\n";
    let fixed = fix(text, config).unwrap();
    assert!(
        fixed.starts_with("---\nlayout: post\ntitle: x\n"),
        "{fixed}"
    );
}

fn site(dir: &Path, dates: &[&str]) {
    std::fs::write(dir.join("_config.yml"), "title: t\n").unwrap();
    // The file names' dates are not what this test is about (PL256).
    std::fs::write(
        dir.join("postlint.toml"),
        "[dates]\nfilename-date = false\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.join("_posts")).unwrap();
    for (i, date) in dates.iter().enumerate() {
        let text = format!("---\nlayout: post\ntitle: t{i}\ndate: {date}\n---\n\nBody.\n");
        std::fs::write(dir.join(format!("_posts/2019-05-{:02}-p.md", i + 1)), text).unwrap();
    }
}

fn codes(dir: &Path) -> Vec<(String, String)> {
    file_codes(dir, &["--no-cache", "--offline"])
}

/// Eleven Jekyll timestamps and one RFC 2822 date: one PL258, on that
/// post; and the cache neither hides it nor keeps it once the site agrees.
#[test]
fn minority_warning_from_the_site_count_and_through_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let mut dates = vec!["2019-05-14 5:01:53 +0200"; 11];
    dates.insert(3, "Tue, 14 May 2019 17:01:53 +0200");
    site(dir.path(), &dates);
    let expected = vec![("_posts/2019-05-04-p.md".to_string(), "PL258".to_string())];
    let found: Vec<_> = codes(dir.path())
        .into_iter()
        .filter(|(_, c)| c.starts_with("PL25"))
        .collect();
    assert_eq!(found, expected);
    // Through the cache, twice: the warning stays.
    let cache_home = tempfile::tempdir().unwrap();
    let run = |dir: &Path| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_postlint"))
            .args(["check", "--offline", "--format", "json", "."])
            .current_dir(dir)
            .env("XDG_CACHE_HOME", cache_home.path())
            .output()
            .unwrap();
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_string())
            .filter(|c| c.starts_with("PL25"))
            .collect::<Vec<_>>()
    };
    assert_eq!(run(dir.path()), ["PL258"]);
    assert_eq!(run(dir.path()), ["PL258"]);
    // Three more RFC 2822 dates: no clear majority, and no stale warning
    // from the cache on the unchanged file.
    for i in 0..3 {
        let text = format!(
            "---\nlayout: post\ntitle: r{i}\ndate: Tue, 14 May 2019 17:01:53 +0200\n---\n\nBody.\n"
        );
        std::fs::write(dir.path().join(format!("_posts/2019-06-{i:02}-r.md")), text).unwrap();
    }
    assert_eq!(run(dir.path()), Vec::<String>::new());
}

/// `jekyll new` (4.3) writes this post: clean with no config.
#[test]
fn jekyll_new_post_is_clean() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("_config.yml"),
        "title: Your awesome title\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join("_posts")).unwrap();
    std::fs::write(
        dir.path().join("_posts/2026-12-01-welcome-to-jekyll.markdown"),
        "---\nlayout: post\ntitle:  \"Welcome to Jekyll!\"\ndate:   2026-12-01 13:18:23 +0000\ncategories: jekyll update\n---\nYou’ll find this post in your `_posts` directory.\n",
    )
    .unwrap();
    let found = codes(dir.path());
    // PL255 (future date) depends on the clock, not on the form.
    assert!(
        !found
            .iter()
            .any(|(_, c)| (c.starts_with("PL25") && c != "PL255") || c == "PL207"),
        "{found:?}"
    );
}
