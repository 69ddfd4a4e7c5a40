//! Sites, not files (issue 13): templates and files the generator ignores
//! are not checked as posts, on small sites shaped like the panel's.

mod common;

use std::path::Path;

use common::{GOOD, assert_no_panic, file_codes, post, postlint, stderr, stdout};

fn write(root: &Path, files: &[(&str, &str)]) {
    for (name, text) in files {
        let path = root.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

/// A layout whose `{% %}` tags leave its HTML unbalanced, as real ones do.
const LAYOUT: &str =
    "<html><body>{% if page.x %}<div class=\"x\">{% endif %}{{ content }}</div></body></html>\n";

/// A Jekyll site: a post, a layout, an include, an `_`-named folder, an
/// excluded folder.
fn jekyll(root: &Path) {
    write(
        root,
        &[
            (".git/HEAD", ""),
            ("_config.yml", "title: Blog\nexclude:\n  - old/\n"),
            ("_posts/2019-05-14-goed.html", &post(GOOD)),
            ("_layouts/post.html", LAYOUT),
            (
                "_includes/nav.html",
                "<nav><ul>{% for p in site.pages %}<li>{{ p.title }}{% endfor %}</nav>\n",
            ),
            ("_notes/draft.md", "no front matter, no title\n"),
            ("old/2010-01-01-x.md", "---\ntitle: [broken\n---\n"),
        ],
    );
}

#[test]
fn jekyll_templates_and_ignored_files_are_skipped_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    jekyll(dir.path());
    let o = postlint(dir.path(), &["check", "--no-cache", "--offline", "."]);
    assert_no_panic(&o);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{}", stderr(&o));
    assert!(!out.contains("_layouts") && !out.contains("old/"), "{out}");
    assert!(
        out.contains(
            "No problems found in 1 file of a Jekyll site (2 templates and 2 files the generator does not render skipped)"
        ),
        "{out}"
    );
}

#[test]
fn a_layout_passed_by_pre_commit_does_not_fail_the_hook() {
    let dir = tempfile::tempdir().unwrap();
    jekyll(dir.path());
    let o = postlint(
        dir.path(),
        &[
            "check",
            "--no-cache",
            "--offline",
            "_layouts/post.html",
            "_posts/2019-05-14-goed.html",
        ],
    );
    assert_no_panic(&o);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("1 template skipped"), "{}", stdout(&o));
    // `fix` leaves the layout alone too.
    let o = postlint(dir.path(), &["fix", "_layouts/post.html"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let layout = std::fs::read_to_string(dir.path().join("_layouts/post.html")).unwrap();
    assert_eq!(layout, LAYOUT);
}

#[test]
fn hugo_archetypes_and_layouts_are_not_posts() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            (".git/HEAD", ""),
            ("hugo.toml", "baseURL = \"https://example.org/\"\n"),
            ("content/posts/goed.md", &post(GOOD)),
            (
                "archetypes/default.md",
                "---\ntitle: \"{{ replace .File.ContentBaseName \"-\" \" \" | title }}\"\ndate: {{ .Date }}\ndraft: true\n---\n",
            ),
            ("layouts/_default/single.html", LAYOUT),
            (
                "static/google123.html",
                "google-site-verification: google123.html\n",
            ),
        ],
    );
    let o = postlint(dir.path(), &["check", "--no-cache", "--offline", "."]);
    assert_no_panic(&o);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{}", stderr(&o));
    assert!(out.contains("in 1 file of a Hugo site (2 templates and 1 file the generator does not render skipped)"), "{out}");
}

#[test]
fn a_site_in_a_subfolder_leaves_the_repository_tests_out() {
    // jekyll/jekyll: the site is `docs/`, the repository's `test/` holds
    // broken posts on purpose.
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            (".git/HEAD", ""),
            ("docs/_config.yml", "title: Docs\n"),
            ("docs/_posts/2019-05-14-goed.html", &post(GOOD)),
            ("docs/_layouts/page.html", LAYOUT),
            (
                "test/source/_posts/2009-01-27-broken.md",
                "---\ntitle: [\n---\n",
            ),
            ("test/fixtures/theme/_config.yml", "title: t\n"),
            (
                "test/fixtures/theme/_posts/2019-01-01-x.md",
                "---\ntitle: [\n---\n",
            ),
        ],
    );
    let o = postlint(dir.path(), &["check", "--no-cache", "--offline", "."]);
    assert_no_panic(&o);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{}", stderr(&o));
    assert!(out.contains("2 files of the repository's tests"), "{out}");
    // Asked for by name, a fixture is checked: the user means it.
    let o = postlint(
        dir.path(),
        &["check", "--no-cache", "--offline", "test/source/_posts"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
}

#[test]
fn an_unreadable_generator_config_is_said_once_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            (".git/HEAD", ""),
            ("_config.yml", "title: [unclosed\n"),
            ("_posts/2019-05-14-goed.html", &post(GOOD)),
            ("_posts/2019-05-14-ook.html", &post(GOOD)),
        ],
    );
    let o = postlint(dir.path(), &["check", "--no-cache", "--offline", "."]);
    assert_no_panic(&o);
    let err = stderr(&o);
    assert_eq!(err.matches("_config.yml").count(), 1, "{err}");
    assert!(err.contains("plain site"), "{err}");
    assert!(
        stdout(&o).contains("No problems found in 2 files"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn site_generator_in_config_overrides_detection() {
    let dir = tempfile::tempdir().unwrap();
    jekyll(dir.path());
    std::fs::write(
        dir.path().join("postlint.toml"),
        "[site]\ngenerator = \"plain\"\n",
    )
    .unwrap();
    let o = postlint(dir.path(), &["check", "--no-cache", "--offline", "."]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stdout(&o).contains("old/2010-01-01-x.md"), "{}", stdout(&o));
    std::fs::write(
        dir.path().join("postlint.toml"),
        "[site]\ngenerator = \"jekyl\"\n",
    )
    .unwrap();
    let o = postlint(dir.path(), &["check", "--no-cache", "--offline", "."]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("jekyl"), "{}", stderr(&o));
}

#[test]
fn site_command_shows_the_model_and_counts() {
    let dir = tempfile::tempdir().unwrap();
    jekyll(dir.path());
    std::fs::write(
        dir.path().join("_config.yml"),
        "title: Blog\nbaseurl: /blog\nexclude:\n  - old/\ncollections:\n  events: {output: true}\n",
    )
    .unwrap();
    write(dir.path(), &[("about.md", &post("title: Over\n"))]);
    let o = postlint(dir.path(), &["site"]);
    assert_no_panic(&o);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("Jekyll site at .\n"), "{out}");
    assert!(out.contains("  config file  _config.yml\n"), "{out}");
    assert!(out.contains("  content      . -> /blog/\n"), "{out}");
    assert!(out.contains("_layouts, _includes"), "{out}");
    assert!(
        out.contains("1 post, 1 page checked; skipped: 2 templates, 2 not rendered, 0 tests"),
        "{out}"
    );
    let o = postlint(dir.path(), &["site", "--format", "json", "_posts"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let site = &doc["sites"][0];
    assert_eq!(site["generator"], "jekyll");
    assert_eq!(site["content"][0]["url"], "/blog/");
    assert_eq!(site["files"]["posts"], 1);
    assert_eq!(site["files"]["pages"], 0);
    let o = postlint(dir.path(), &["site", "does-not-exist"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn required_keys_follow_the_detected_generator() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            (".git/HEAD", ""),
            ("blog/_config.yml", "title: Blog\n"),
            (
                "blog/_posts/2019-05-14-goed.md",
                "---\nlayout: post\ntitle: Goed\n---\n\nTekst.\n",
            ),
            ("docs/hugo.toml", "baseURL = \"https://example.org/\"\n"),
            ("docs/content/posts/_index.md", "---\nTitle: Posts\n---\n"),
            (
                "docs/content/posts/goed.md",
                "---\nTitle: Goed\nDate: 2019-05-14\n---\n\nTekst.\n",
            ),
        ],
    );
    let o = postlint(
        dir.path(),
        &["check", "--no-cache", "--offline", "--select", "PL202", "."],
    );
    assert_no_panic(&o);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{}", stderr(&o));
    assert!(
        out.contains("No problems found in 3 files of 2 sites"),
        "{out}"
    );
}

#[test]
fn eleventy_site_is_named_with_its_article() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            (".git/HEAD", ""),
            (
                "eleventy.config.js",
                "export default function () { return { dir: { input: \"src\" } }; }\n",
            ),
            // Eleventy reads a date string with Luxon's `fromISO` only
            // ("Data cascade value for `date` (…) is invalid").
            (
                "src/posts/goed.md",
                &post(GOOD).replace(
                    "Tue, 14 May 2019 17:01:53 +0200",
                    "2019-05-14T17:01:53+02:00",
                ),
            ),
            ("src/_includes/base.html", LAYOUT),
        ],
    );
    let o = postlint(dir.path(), &["check", "--no-cache", "--offline", "."]);
    let out = stdout(&o);
    assert!(
        out.contains("in 1 file of an Eleventy site (1 template skipped)"),
        "{out}"
    );
}

/// A Hugo docs site shaped like gohugo.io and opentelemetry.io: split
/// config files with the content mounted from `content/en`, docs pages
/// without a date, snippets that are never rendered (cascaded from the
/// config and from an `_index.md`), content without front matter, a blog.
fn hugo_docs(root: &Path) {
    write(
        root,
        &[
            (".git/HEAD", ""),
            (
                "config/_default/hugo.yaml",
                "baseURL: https://docs.example\ncascade:\n  - build: { list: never, publishResources: false, render: never }\n    target: { path: '{,/**}/_includes{,/**}' }\n",
            ),
            (
                "config/_default/module.yaml",
                "mounts:\n  - source: content/en\n    target: content\n",
            ),
            ("content/LICENSE.md", "Not a page: outside the mounts.\n"),
            ("content/en/_index.md", "---\ntitle: Docs\n---\n"),
            (
                "content/en/functions/trim.md",
                "---\ntitle: trim\ndescription: Trims.\n---\n\nTrims a string.\n",
            ),
            (
                "content/en/_common/_index.md",
                "---\ncascade:\n  build:\n    list: never\n    publishResources: false\n    render: never\n---\n",
            ),
            ("content/en/_common/glob.md", "---\n---\n\nA snippet.\n"),
            ("content/en/docs/_includes/intro.md", "A snippet.\n"),
            ("content/en/docs/no-front-matter.md", "Hugo renders this.\n"),
            (
                "content/en/blog/2024/hallo.md",
                "---\ntitle: Hallo\ndate: 2024-05-14\n---\n\nTekst.\n",
            ),
            (
                "content/en/blog/2024/undated.md",
                "---\ntitle: Undated\n---\n\nTekst.\n",
            ),
        ],
    );
}

#[test]
fn hugo_docs_pages_snippets_and_content_without_front_matter_are_no_findings() {
    let dir = tempfile::tempdir().unwrap();
    hugo_docs(dir.path());
    let o = postlint(
        dir.path(),
        &[
            "check",
            "--no-cache",
            "--offline",
            "--select",
            "PL200,PL202",
            ".",
        ],
    );
    assert_no_panic(&o);
    let out = stdout(&o);
    // The one true finding: a blog post without a date.
    assert_eq!(o.status.code(), Some(1), "{out}{}", stderr(&o));
    assert_eq!(out.matches("PL20").count(), 1, "{out}");
    assert!(out.contains("undated.md"), "{out}");
    assert!(out.contains("missing required key `date`"), "{out}");
    assert!(
        out.contains("in 1 of 5 files of a Hugo site (3 templates and 1 file the generator does not render skipped)"),
        "{out}"
    );
}

#[test]
fn jekyll_defaults_and_hexo_post_names_decide_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            (".git/HEAD", ""),
            (
                "blog/_config.yml",
                "defaults:\n  - scope: {path: '', type: posts}\n    values: {title: Blog post}\n",
            ),
            (
                "blog/_posts/2019-05-14-a.md",
                "---\nlayout: post\n---\n\nTekst.\n",
            ),
            (
                "hexo/_config.yml",
                "source_dir: source\nnew_post_name: :year-:month-:day-:title.md\n",
            ),
            (
                "hexo/source/_posts/2019-05-14-a.md",
                "---\ntitle: A\n---\n\nTekst.\n",
            ),
            ("notes/_config.yml", "source_dir: source\n"),
            (
                "notes/source/_posts/2019-05-14-b.md",
                "---\ntitle: B\n---\n\nTekst.\n",
            ),
        ],
    );
    let o = postlint(
        dir.path(),
        &["check", "--no-cache", "--offline", "--select", "PL202", "."],
    );
    assert_no_panic(&o);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}{}", stderr(&o));
    // Hexo's default `:title.md` gives no date: the post's date is missing.
    assert_eq!(out.matches("PL202").count(), 1, "{out}");
    assert!(out.contains("notes/source/_posts/2019-05-14-b.md"), "{out}");
}

#[test]
fn site_folders_set_in_the_config_replace_the_detected_ones() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        &[
            (".git/HEAD", ""),
            ("hugo.toml", "title = 'x'\n"),
            (
                "postlint.toml",
                "[site]\ncontent = [\"docs\"]\nstatic = [{ path = \"files\", url = \"/f/\" }]\ntemplates = [\"docs/snippets\"]\n",
            ),
            ("files/ok.png", "x"),
            (
                "docs/guide.md",
                "---\ntitle: Guide\n---\n![ok](/f/ok.png) ![gone](/f/gone.png)\n",
            ),
            ("docs/snippets/part.md", "{{< broken\n"),
            ("content/old.md", "---\ntitle: [broken\n---\n"),
        ],
    );
    let o = postlint(root, &["site", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let site = &doc["sites"][0];
    assert_eq!(site["generator"], "hugo");
    assert_eq!(
        site["content"],
        serde_json::json!([{"path": "docs", "url": "/"}])
    );
    assert_eq!(
        site["static"],
        serde_json::json!([{"path": "files", "url": "/f/"}])
    );
    assert_eq!(site["templates"], serde_json::json!(["docs/snippets"]));
    assert_eq!(site["files"]["templates"], 1);
    let found = file_codes(root, &["--no-cache", "--offline"]);
    // `content/` is no content folder now, the snippet a template; only the
    // missing image of `docs/guide.md` is a finding.
    assert_eq!(found, [("docs/guide.md".to_string(), "PL404".to_string())]);
}
