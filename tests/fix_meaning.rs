//! `postlint fix` changes only what a fix means to change (issue 11): each
//! test runs the CLI on a temporary copy of a post and checks the file is
//! unchanged, or changed exactly as intended.

mod common;

use std::path::Path;

use common::*;

const NAME: &str = "_posts/2019-05-14-a.md";
const DATE: &str = "date: Tue, 14 May 2019 17:01:53 +0200\n";

/// Writes `text` as a post in a fresh site, runs `postlint fix` (plus
/// `extra` arguments) there and returns the file's text afterwards.
fn fix_as(name: &str, text: &[u8], extra: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    let mut args = vec!["fix"];
    args.extend(extra);
    let o = postlint(dir.path(), &args);
    assert_no_panic(&o);
    read(dir.path(), name)
}

fn read(dir: &Path, name: &str) -> String {
    String::from_utf8_lossy(&std::fs::read(dir.join(name)).unwrap()).into_owned()
}

fn fix(text: &str) -> String {
    fix_as(NAME, text.as_bytes(), &[])
}

/// The front matter `fm` (canonical key order, so nothing else moves) and
/// a one-line body.
fn post_with(fm: &str) -> String {
    format!("---\nlayout: post\ntitle: x\n{DATE}{fm}---\nTekst.\n")
}

// Item 2: a fix may change only the values it declares.

#[test]
fn trailing_space_after_an_escape_in_a_quoted_title_stays() {
    // `\ ` escapes the space: removing it would make the line break an
    // escaped one and the title `Helloworld`.
    let text = format!("---\nlayout: post\ntitle: \"Hello\\   \n  world\"\n{DATE}---\nTekst.\n");
    assert_eq!(fix(&text), text);
}

#[test]
fn trailing_spaces_in_nested_block_scalars_stay() {
    let text = post_with("image:\n  caption: |\n    line one   \n    line two\n");
    assert_eq!(fix(&text), text);
    let text = post_with("notes:\n  - |\n    first   \n    second\n");
    assert_eq!(fix(&text), text);
}

#[test]
fn trailing_spaces_in_toml_multi_line_strings_stay() {
    let text = "+++\ntitle = \"x\"\ndate = \"Tue, 14 May 2019 17:01:53 +0200\"\nsummary = \"\"\"\nline one   \nline two\n\"\"\"\n[params]\nnote = '''\nkeep   \n'''\n+++\nTekst.\n";
    assert_eq!(fix(text), text);
}

#[test]
fn unsafe_fixes_may_remove_spaces_that_are_content() {
    let text = post_with("image:\n  caption: |\n    line one   \n    line two\n");
    assert_eq!(
        fix_as(NAME, text.as_bytes(), &["--unsafe-fixes"]),
        post_with("image:\n  caption: |\n    line one\n    line two\n")
    );
    // Code is shown as written: PL107 does not report it, so even unsafe
    // fixes leave its spaces.
    let text = md("Tekst.\n\n    code \n");
    assert_eq!(fix_as(NAME, text.as_bytes(), &["--unsafe-fixes"]), text);
}

#[test]
fn trailing_spaces_after_plain_values_still_go() {
    let text = post_with("image:\n  caption: plain   \n");
    assert_eq!(
        fix(&text),
        post_with("image:\n  caption: plain\n"),
        "a space with no meaning is still removed"
    );
}

// Item 3: Jekyll's reading (Psych, YAML 1.1), merge keys included.

#[test]
fn reordering_around_a_merge_key_is_refused() {
    let text = "---\nbase: &b {layout: page, title: From base}\n<<: *b\nlayout: post\ntitle: Real title\ndate: Tue, 14 May 2019 17:01:53 +0200\n---\nTekst.\n";
    assert_eq!(fix(text), text);
}

#[test]
fn a_fix_may_not_turn_a_boolean_or_a_timestamp_into_a_string() {
    // An invisible character between `n` and `o` makes `no` a string;
    // removing it makes a boolean of it: the unsafe fix is dropped.
    let text = post_with("published: n\u{200b}o\nupdated: 2019-05-14 17:01:53 +0200\n");
    assert_eq!(fix_as(NAME, text.as_bytes(), &["--unsafe-fixes"]), text);
}

// Item 5: `published: no` is a boolean to Jekyll.

#[test]
fn published_no_is_a_boolean() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("_posts")).unwrap();
    for (name, value) in [("a", "no"), ("b", "Off"), ("c", "YES")] {
        std::fs::write(
            dir.path().join(format!("_posts/2019-05-14-{name}.md")),
            post_with(&format!("published: {value}\n")),
        )
        .unwrap();
    }
    std::fs::write(
        dir.path().join("_posts/2019-05-14-d.md"),
        post_with("published: \"no\"\n"),
    )
    .unwrap();
    let o = postlint(dir.path(), &["check", "--format", "concise"]);
    let out = stdout(&o);
    let pl203: Vec<&str> = out.lines().filter(|l| l.contains("PL203")).collect();
    assert_eq!(pl203.len(), 1, "{out}");
    assert!(pl203[0].contains("2019-05-14-d.md"), "{out}");
}

// Item 1: only a real declaration makes a conversion safe.

#[test]
fn a_charset_mentioned_in_the_text_is_not_a_declaration() {
    let (latin, _, _) = encoding_rs::WINDOWS_1252.encode("Café, naïef en financiële topvrouw.");
    for mention in [
        "Zet charset=windows-1251 in de config.",
        "<code>&lt;meta charset=\"utf-16\"&gt;</code>",
        "<!-- <meta charset=\"windows-1251\"> -->",
    ] {
        let mut bytes =
            format!("---\nlayout: post\ntitle: x\n{DATE}---\n<p>{mention}</p>\n<p>").into_bytes();
        bytes.extend_from_slice(&latin);
        bytes.extend_from_slice(b"</p>\n");
        let name = "_posts/2019-05-14-a.html";
        assert_eq!(
            fix_as(name, &bytes, &[]).into_bytes(),
            String::from_utf8_lossy(&bytes).into_owned().into_bytes(),
            "a guess is not applied without --unsafe-fixes: {mention}"
        );
    }
}

#[test]
fn a_declared_encoding_is_converted() {
    let (cyrillic, _, _) = encoding_rs::WINDOWS_1251.encode("Привет, как дела?");
    let mut bytes =
        format!("---\nlayout: post\ntitle: x\n{DATE}encoding: windows-1251\n---\n<p>").into_bytes();
    bytes.extend_from_slice(&cyrillic);
    bytes.extend_from_slice(b"</p>\n");
    let fixed = fix_as("_posts/2019-05-14-a.html", &bytes, &[]);
    assert!(fixed.contains("<p>Привет, как дела?</p>"), "{fixed}");
}

// Item 4: a fix must not change how the body renders.

/// A Markdown post with `body`.
fn md(body: &str) -> String {
    format!("---\nlayout: post\ntitle: x\n{DATE}---\n{body}")
}

/// CommonMark makes two paragraphs of these lines and one without the
/// comment; Jekyll's kramdown makes one paragraph of them and two with an
/// empty line in the comment's place (Jekyll 4.3.1): no safe edit.
#[test]
fn removing_a_suppression_does_not_join_or_split_paragraphs() {
    let text = md("A line\n<!-- postlint-disable PL105 -->\nsecond part\n");
    assert_eq!(fix(&text), text);
    // Where the blocks are apart already, the comment's line goes.
    let text = md("A line\n\n<!-- postlint-disable PL105 -->\nsecond part\n");
    assert_eq!(fix(&text), md("A line\n\nsecond part\n"));
}

#[test]
fn removing_a_suppression_does_not_merge_code_blocks() {
    let text = md("Tekst.\n\n    code one\n<!-- postlint-disable PL105 -->\n    code two\n");
    assert_eq!(fix(&text), text);
}

#[test]
fn a_space_after_a_backslash_is_not_removed() {
    // Without the space, `\` before the line end is a hard break and the
    // backslash disappears from the page.
    let text = md("Open C:\\ \nen daarna verder.\n");
    assert_eq!(fix(&text), text);
}

#[test]
fn trailing_spaces_in_markdown_code_stay() {
    for body in [
        "Tekst.\n\n    code \n",
        "- item\n\n      code \n",
        "> ```\n> code \n> ```\n",
        "<xmp>\ncode \n</xmp>\n",
    ] {
        let text = md(body);
        assert_eq!(fix(&text), text, "{body:?}");
    }
}

#[test]
fn trailing_spaces_in_html_xmp_listing_plaintext_and_attributes_stay() {
    for body in [
        "<xmp>\ncode \n</xmp>\n",
        "<listing>\ncode \n</listing>\n",
        "<p>x</p>\n<plaintext>\ncode \n",
        "<p title=\"one \ntwo\">x</p>\n",
    ] {
        let text = format!("---\nlayout: post\ntitle: x\n{DATE}---\n{body}");
        assert_eq!(
            fix_as("_posts/2019-05-14-a.html", text.as_bytes(), &[]),
            text,
            "{body:?}"
        );
    }
}

#[test]
fn meaningless_trailing_spaces_in_a_body_still_go() {
    assert_eq!(fix(&md("Tekst. \nmeer\n")), md("Tekst.\nmeer\n"));
    let html = format!("---\nlayout: post\ntitle: x\n{DATE}---\n<p>Tekst.</p>\t\n");
    assert_eq!(
        fix_as("_posts/2019-05-14-a.html", html.as_bytes(), &[]),
        format!("---\nlayout: post\ntitle: x\n{DATE}---\n<p>Tekst.</p>\n")
    );
}

// Item 3: a value's type as Jekyll reads it must not change.

#[test]
fn an_unquoted_timestamp_does_not_become_a_string() {
    // Psych reads these as times; their RFC 2822 form would be a string,
    // which a site's own checks reject (ruby-lang: "invalid date variable").
    // (A fix may still write the same time more tidily: `4:00` as `04:00`.)
    for date in ["2024-03-21 4:00:00 +0000", "2019-05-14T17:01:53+02:00"] {
        let text = format!("---\nlayout: post\ntitle: x\ndate: {date}\n---\nTekst.\n");
        let fixed = fix(&text);
        let line = fixed.lines().find(|l| l.starts_with("date:")).unwrap();
        let value = line["date:".len()..].trim();
        assert!(
            value.starts_with(&date[..10]) && !value.starts_with(['"', '\'']),
            "{date} became {line}"
        );
    }
    // Quoted, it is a string either way, and with a pinned format the
    // canonical form is written; with none, the form is the site's.
    let text = "---\nlayout: post\ntitle: x\ndate: \"2019-05-14T17:01:53+02:00\"\n---\nTekst.\n";
    assert_eq!(fix(text), text);
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("_posts")).unwrap();
    std::fs::write(dir.path().join(NAME), text).unwrap();
    std::fs::write(
        dir.path().join("postlint.toml"),
        "[dates]\nformat = \"rfc2822\"\n",
    )
    .unwrap();
    assert_no_panic(&postlint(dir.path(), &["fix"]));
    assert_eq!(
        read(dir.path(), NAME),
        "---\nlayout: post\ntitle: x\ndate: \"Tue, 14 May 2019 17:01:53 +0200\"\n---\nTekst.\n"
    );
}
