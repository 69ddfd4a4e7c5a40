//! Property tests of the fixer on generated posts: random key orders,
//! comments, quoting styles, dates in many forms, mojibake, CRLF, BOM and
//! stray white space. Fixing is idempotent, leaves no safe fix behind, keeps
//! every value it did not mean to change, and produces exactly the expected
//! canonical text.

mod common;
use common::now;

use std::path::{Path, PathBuf};

use postlint::config::{Config, Settings};
use postlint::diagnostic::Applicability;
use postlint::fix::{FixOptions, fix_bytes};
use postlint::{markdown, yaml11};
use proptest::prelude::*;

const CASES: u32 = 512;

/// The seed site's stated preferences: RFC 2822 dates, `layout, title,
/// date` first. Without them `fix` changes no date form and no key order.
fn settings() -> Settings {
    let mut config = Config::default();
    config.dates.format = postlint::config::DateFormatName::Rfc2822;
    config.front_matter.order = ["layout", "title", "date"].map(String::from).to_vec();
    Settings::resolve(config, None, PathBuf::from("/")).unwrap()
}

fn no_config() -> Settings {
    Settings::resolve(Config::default(), None, PathBuf::from("/")).unwrap()
}

/// UTF-8 read as Windows-1252, the way browsers and editors damage text.
fn damage(s: &str) -> String {
    encoding_rs::WINDOWS_1252
        .decode_without_bom_handling(s.as_bytes())
        .0
        .into_owned()
}

const WORDS: &[&str] = &[
    "financiële",
    "café",
    "naïef",
    "Zürich",
    "São Paulo",
    "één",
    "coördinatie",
    "crème brûlée",
];

/// The same instant, written in the forms real front matter has.
const DATES: &[&str] = &[
    "Tue, 14 May 2019 17:01:53 +0200",
    "14 May 2019 17:01:53 +0200",
    "Tue,  14 May 2019  17:01:53 +0200",
    "tue, 14 may 2019 17:01:53 +0200",
    "Tue, 14 May 2019 15:01:53 GMT",
    "2019-05-14T17:01:53+02:00",
    "2019-05-14 17:01:53 +0200",
    "Tue, 14 May 2019 17:01:53 +0200 (CEST)",
];

#[derive(Debug, Clone)]
struct Spec {
    order: Vec<usize>,
    quotes: Vec<u8>,
    comments: Vec<bool>,
    date: usize,
    title_word: usize,
    damaged_title: bool,
    body_words: Vec<(usize, bool)>,
    crlf: bool,
    bom: bool,
    trailing_spaces: bool,
    blank_lines_at_end: usize,
    published: usize,
}

/// `published` as written: each a boolean to Jekyll (Psych, YAML 1.1).
const PUBLISHED: &[&str] = &["true", "yes", "Off", "no", "ON"];

fn spec() -> impl Strategy<Value = Spec> {
    (
        Just((0..6).collect::<Vec<usize>>()).prop_shuffle(),
        prop::collection::vec(0u8..3, 6),
        prop::collection::vec(any::<bool>(), 6),
        0..DATES.len(),
        0..WORDS.len(),
        any::<bool>(),
        prop::collection::vec((0..WORDS.len(), any::<bool>()), 1..5),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        (0usize..3, 0..PUBLISHED.len()),
    )
        .prop_map(
            |(
                order,
                quotes,
                comments,
                date,
                title_word,
                damaged_title,
                body_words,
                crlf,
                bom,
                trailing_spaces,
                (blank_lines_at_end, published),
            )| Spec {
                order,
                quotes,
                comments,
                date,
                title_word,
                damaged_title,
                body_words,
                crlf,
                bom,
                trailing_spaces,
                blank_lines_at_end,
                published,
            },
        )
}

fn quote(value: &str, style: u8) -> String {
    match style {
        0 => value.to_string(),
        1 => format!("\"{value}\""),
        _ => format!("'{value}'"),
    }
}

/// (the post as written, the expected canonical text)
fn build(s: &Spec) -> (String, String) {
    let title_clean = format!("Nieuws over {}", WORDS[s.title_word]);
    let title_written = if s.damaged_title {
        damage(&title_clean)
    } else {
        title_clean.clone()
    };
    let canonical_date = "Tue, 14 May 2019 17:01:53 +0200";
    // GMT is the same instant at +0000.
    let expected_date = if DATES[s.date].contains("GMT") {
        "Tue, 14 May 2019 15:01:53 +0000"
    } else {
        canonical_date
    };
    let keys = ["layout", "title", "date", "category", "tags", "published"];
    let written_value = |k: usize| -> String {
        match k {
            0 => quote("post", s.quotes[0]),
            1 => quote(&title_written, s.quotes[1]),
            2 => quote(DATES[s.date], s.quotes[2].min(1)),
            3 => quote("nieuws", s.quotes[3]),
            4 => "\n  - huawei\n  - 5g".to_string(),
            _ => PUBLISHED[s.published].to_string(),
        }
    };
    let expected_value = |k: usize| -> String {
        match k {
            1 => quote(&title_clean, s.quotes[1]),
            // An unquoted ISO date is a timestamp to Jekyll's YAML reader;
            // its RFC 2822 form would be a string, so it is left as it is.
            2 if s.quotes[2].min(1) == 0 && DATES[s.date].starts_with("2019-") => written_value(k),
            2 => quote(expected_date, s.quotes[2].min(1)),
            _ => written_value(k),
        }
    };
    let entry = |k: usize, value: String, trailing: &str| -> String {
        let comment = if s.comments[k] {
            format!("# about {}\n", keys[k])
        } else {
            String::new()
        };
        let sep = if value.starts_with('\n') { ":" } else { ": " };
        format!("{comment}{}{sep}{value}{trailing}\n", keys[k])
    };
    let trailing = if s.trailing_spaces { "  " } else { "" };
    let mut written = String::from("---\n");
    for &k in &s.order {
        written.push_str(&entry(k, written_value(k), trailing));
    }
    written.push_str("---\n\n");
    // Canonical order: layout, title, date, then the others as written.
    let mut expected = String::from("---\n");
    let mut order: Vec<usize> = s.order.clone();
    order.sort_by_key(|k| if *k < 3 { *k } else { 3 });
    for k in order {
        expected.push_str(&entry(k, expected_value(k), ""));
    }
    expected.push_str("---\n\n");
    for (w, damaged) in &s.body_words {
        let word = WORDS[*w];
        let shown = if *damaged {
            damage(word)
        } else {
            word.to_string()
        };
        written.push_str(&format!("<p>Over {shown} gesproken.</p>{trailing}\n"));
        expected.push_str(&format!("<p>Over {word} gesproken.</p>\n"));
    }
    written.push_str(&"\n".repeat(s.blank_lines_at_end));
    if s.crlf {
        written = written.replace('\n', "\r\n");
    }
    if s.bom {
        written.insert(0, '\u{feff}');
    }
    (written, expected)
}

fn fix(text: &str) -> postlint::fix::FixResult {
    fix_bytes(
        Path::new("_posts/2019-05-14-a.html"),
        text.as_bytes().to_vec(),
        &settings(),
        now(),
        FixOptions::default(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, ..ProptestConfig::default() })]

    #[test]
    fn fixing_gives_the_canonical_text_once_and_for_all(s in spec()) {
        let (written, expected) = build(&s);
        let first = fix(&written);
        let fixed = first.fixed.clone().unwrap_or_else(|| written.clone());
        // Exactly the canonical text: values it did not mean to change are kept
        // byte for byte (quoting, comments, lists), nothing else moved.
        prop_assert_eq!(&fixed, &expected, "written:\n{}", written);
        prop_assert!(first.dropped.is_empty(), "{:?}", first.dropped);
        prop_assert!(first.unconverged.is_empty());
        // No safe fix is left behind.
        let safe_left: Vec<_> = first.report.diagnostics.iter()
            .filter(|d| d.fix.as_ref().is_some_and(|f| f.applicability == Applicability::Safe))
            .map(|d| d.rule.code)
            .collect();
        prop_assert!(safe_left.is_empty(), "{:?}", safe_left);
        // Idempotent.
        let second = fix(&fixed);
        prop_assert!(second.fixed.is_none(), "second run changed:\n{:?}", second.fixed);
        // The parsed values that were not meant to change are equal.
        let before = postlint::post::Post::parse("a".into(), written.clone(), 65536);
        let after = postlint::post::Post::parse("a".into(), fixed.clone(), 65536);
        for key in ["layout", "category", "tags", "published"] {
            prop_assert_eq!(before.mapping().unwrap().get(key), after.mapping().unwrap().get(key));
        }
        // And as Jekyll reads them (YAML 1.1: `yes` and `Off` are booleans).
        let jekyll = |p: &postlint::post::Post| {
            let fm = p.front_matter.as_ref().unwrap();
            yaml11::load(&p.source[fm.span]).unwrap()
        };
        let (old, new) = (jekyll(&before), jekyll(&after));
        for key in ["layout", "category", "tags", "published"] {
            prop_assert_eq!(old.get(key), new.get(key));
        }
        prop_assert!(matches!(new.get("published"), Some(yaml11::Value::Bool(_))));
    }

    /// With no config, the same posts keep their key order and each date
    /// its kind to Jekyll (a timestamp stays a timestamp, a string a string)
    /// and its instant; fixing again changes nothing.
    #[test]
    fn fixing_without_config_keeps_order_and_date_kind(s in spec()) {
        let (written, _) = build(&s);
        let path = Path::new("_posts/2019-05-14-a.html");
        let opts = FixOptions::default();
        let first = fix_bytes(path, written.as_bytes().to_vec(), &no_config(), now(), opts);
        let fixed = first.fixed.clone().unwrap_or_else(|| written.clone());
        let parse = |t: &str| postlint::post::Post::parse("a".into(), t.to_string(), 65536);
        let (before, after) = (parse(&written), parse(&fixed));
        let keys = |p: &postlint::post::Post| -> Vec<String> {
            p.front_matter.as_ref().unwrap().entries.iter().map(|e| e.key.clone()).collect()
        };
        prop_assert_eq!(keys(&before), keys(&after));
        let jekyll = |p: &postlint::post::Post| {
            let fm = p.front_matter.as_ref().unwrap();
            yaml11::load(&p.source[fm.span]).unwrap()
        };
        let kind = |v: Option<&yaml11::Value>| match v {
            Some(yaml11::Value::Time(..)) => "time",
            Some(yaml11::Value::Str(_)) => "string",
            _ => "other",
        };
        let (old, new) = (jekyll(&before), jekyll(&after));
        prop_assert_eq!(kind(old.get("date")), kind(new.get("date")));
        if kind(old.get("date")) == "time" {
            prop_assert_eq!(old.get("date"), new.get("date"));
        }
        let second = fix_bytes(path, fixed.as_bytes().to_vec(), &no_config(), now(), opts);
        prop_assert!(second.fixed.is_none(), "second run changed:\n{:?}", second.fixed);
    }

    /// Markdown bodies with suppression comments, code blocks, backslashes
    /// and trailing spaces: the fixed body renders exactly as the written
    /// one (pulldown-cmark), and fixing again changes nothing.
    #[test]
    fn fixing_markdown_keeps_the_page(blocks in prop::collection::vec(0usize..MD_BLOCKS.len(), 1..12)) {
        let mut written = String::from("---\nlayout: post\ntitle: x\ndate: Tue, 14 May 2019 17:01:53 +0200\n---\n");
        for b in &blocks {
            written.push_str(MD_BLOCKS[*b]);
        }
        let first = fix_bytes(
            Path::new("_posts/2019-05-14-a.md"),
            written.as_bytes().to_vec(),
            &settings(),
            now(),
            FixOptions::default(),
        );
        let fixed = first.fixed.clone().unwrap_or_else(|| written.clone());
        let body = |t: &str| {
            let p = postlint::post::Post::parse("a.md".into(), t.to_string(), 65536);
            markdown::shape(p.body_text())
        };
        prop_assert_eq!(body(&written), body(&fixed), "written:\n{}\nfixed:\n{}", written, fixed);
        let second = fix_bytes(
            Path::new("_posts/2019-05-14-a.md"),
            fixed.as_bytes().to_vec(),
            &settings(),
            now(),
            FixOptions::default(),
        );
        prop_assert!(second.fixed.is_none(), "second run changed:\n{:?}", second.fixed);
    }
}

/// Pieces of Markdown bodies that fixes have changed the rendering of.
const MD_BLOCKS: &[&str] = &[
    "Een regel \n",
    "Open C:\\ \n",
    "<!-- postlint-disable PL105 -->\n",
    "<!-- postlint-disable-next-line PL302 -->\n",
    "    code \n",
    "\n",
    "- item\n",
    "      code in a list \n",
    "> ```\n> quoted code \n> ```\n",
    "<xmp>\nraw \n</xmp>\n",
    "Tekst.\t\n",
];
