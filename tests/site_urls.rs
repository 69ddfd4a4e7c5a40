//! Images found the way the built site serves them (issue 13): PL404 on
//! small sites shaped like the panel's, one per kind of place (permalink-
//! relative, bundle, static with a prefix, site-absolute under `baseurl`,
//! passthrough copy, a mount whose source is not checked in), and the
//! output URLs `postlint site` shows.

mod common;

use std::path::Path;

use common::{assert_no_panic, json_diagnostics, postlint, stdout};

fn write(root: &Path, files: &[(&str, &str)]) {
    for (name, text) in files {
        let path = root.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

/// The PL404 messages of a run over `root`, sorted.
fn missing(root: &Path) -> Vec<String> {
    let diags = json_diagnostics(root, &["--no-cache", "--offline", "--select", "PL404"]);
    let mut out: Vec<String> = diags
        .iter()
        .filter(|d| d["code"] == "PL404")
        .map(|d| {
            format!(
                "{}: {}",
                d["file"].as_str().unwrap(),
                d["message"].as_str().unwrap()
            )
        })
        .collect();
    out.sort();
    out
}

fn post(body: &str) -> String {
    format!("---\ntitle: A post\ncategory: blog\n---\n{body}\n")
}

#[test]
fn relative_images_start_at_the_jekyll_permalink() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            (".git/HEAD", ""),
            ("_config.yml", "permalink: /:categories/:title/\n"),
            (
                "_posts/2024-01-02-a-post.md",
                &post("<img src=\"./here.png\" alt=\"a\"> <img src=\"./gone.png\" alt=\"b\">"),
            ),
            ("blog/a-post/here.png", ""),
        ],
    );
    assert_eq!(
        missing(dir.path()),
        ["_posts/2024-01-02-a-post.md: no file serves image URL `/blog/a-post/gone.png`"]
    );
    // The human output says which page URL and why.
    let o = postlint(
        dir.path(),
        &["check", "--no-cache", "--offline", "--select", "PL404", "."],
    );
    let out = stdout(&o);
    assert!(
        out.contains("/blog/a-post/") && out.contains("/:categories/:title/"),
        "{out}"
    );
    assert!(out.contains("blog/a-post/gone.png"), "{out}");
}

#[test]
fn site_absolute_images_start_below_baseurl() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            (".git/HEAD", ""),
            ("_config.yml", "baseurl: /docs\n"),
            (
                "_posts/2024-01-02-a.md",
                &post(
                    "<img src=\"/docs/img/ok.png\" alt=\"a\"> <img src=\"/docs/img/gone.png\" alt=\"b\">",
                ),
            ),
            ("img/ok.png", ""),
        ],
    );
    assert_eq!(
        missing(dir.path()),
        ["_posts/2024-01-02-a.md: no file serves image URL `/docs/img/gone.png`"]
    );
}

#[test]
fn hugo_bundles_translations_statics_and_missing_mounts() {
    let dir = tempfile::tempdir().unwrap();
    let page = |body: &str| format!("---\ntitle: A\n---\n{body}\n");
    write(
        dir.path(),
        &[
            (".git/HEAD", ""),
            (
                "hugo.yaml",
                "defaultContentLanguage: en\nlanguages:\n  en: {}\n  ja: {}\nmodule:\n  mounts:\n    - {source: content/en, target: content, lang: en}\n    - {source: content/ja, target: content, lang: ja}\n    - {source: static, target: static}\n    - {source: pictures, target: static/images}\n    - {source: tmp/spec/img, target: static/img}\n    - {source: tmp/spec/docs, target: content/docs/spec}\n",
            ),
            (
                "content/en/blog/a/index.md",
                &page(
                    "![x](x.png) ![n](nope.png) ![l](../../images/logo.svg) ![s](/images/gone.svg) ![m](/img/from-a-submodule.png)",
                ),
            ),
            ("content/en/blog/a/x.png", ""),
            // The Japanese bundle shares the English bundle's image.
            (
                "content/ja/blog/a/index.md",
                &page("![x](x.png) ![n](nope-ja.png)"),
            ),
            ("pictures/logo.svg", ""),
            (
                "content/en/docs/spec-page.md",
                &page("![d](../spec/img.png)"),
            ),
            // A branch bundle publishes its nested folders; translations share them.
            ("content/en/docs/_index.md", &page("")),
            ("content/en/docs/img/d.svg", ""),
            (
                "content/ja/docs/a.md",
                &page("![d](../img/d.svg) ![n](../img/none.svg)"),
            ),
        ],
    );
    assert_eq!(
        missing(dir.path()),
        [
            "content/en/blog/a/index.md: no file serves image URL `/blog/a/nope.png`",
            "content/en/blog/a/index.md: no file serves image URL `/images/gone.svg`",
            "content/ja/blog/a/index.md: no file serves image URL `/ja/blog/a/nope-ja.png`",
            "content/ja/docs/a.md: no file serves image URL `/ja/docs/img/none.svg`",
        ]
    );
}

#[test]
fn eleventy_passthrough_and_zola_paths() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            (".git/HEAD", ""),
            (
                "eleventy.config.js",
                "module.exports = function (c) {\n  c.addPassthroughCopy({ \"assets/img\": \"img\" });\n  return { dir: { input: \"src\" } };\n};\n",
            ),
            (
                "src/blog/a.md",
                &post("![o](/img/ok.png) ![g](../../img/gone.png)"),
            ),
            ("assets/img/ok.png", ""),
        ],
    );
    assert_eq!(
        missing(dir.path()),
        ["src/blog/a.md: no file serves image URL `/img/gone.png`"]
    );

    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            (".git/HEAD", ""),
            ("config.toml", "base_url = \"https://blog.example.org\"\n"),
            (
                "content/inside/a.md",
                "+++\ntitle = \"A\"\npath = \"inside/2024/05/07/a\"\n+++\n![o](../../../../2024/05/07/b/out.svg) ![g](../../../../2024/05/07/b/gone.svg)\n",
            ),
            (
                "content/b/index.md",
                "+++\ntitle = \"B\"\npath = \"inside/2024/05/07/b\"\n+++\n",
            ),
            ("content/b/out.svg", ""),
        ],
    );
    assert_eq!(
        missing(dir.path()),
        ["content/inside/a.md: no file serves image URL `/inside/2024/05/07/b/gone.svg`"]
    );
}

#[test]
fn site_command_shows_output_urls() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            (".git/HEAD", ""),
            ("_config.yml", "permalink: pretty\n"),
            ("_posts/2024-01-02-a.md", "---\ntitle: A\n---\nx\n"),
            (
                "_posts/2024-01-03-b.md",
                "---\ntitle: B\npermalink: \"{{ x }}\"\n---\nx\n",
            ),
            ("about.md", "---\ntitle: About\n---\nx\n"),
        ],
    );
    let o = postlint(dir.path(), &["site", "--format", "json", "."]);
    assert_no_panic(&o);
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        doc["sites"][0]["outputs"],
        serde_json::json!([
            {"source": "_posts/2024-01-02-a.md", "url": "/2024/01/02/a/"},
            {"source": "_posts/2024-01-03-b.md", "url": null},
            {"source": "about.md", "url": "/about/"},
        ])
    );
    let o = postlint(dir.path(), &["site", "."]);
    let out = stdout(&o);
    assert!(
        out.contains("permalinks   _posts/2024-01-02-a.md -> /2024/01/02/a/"),
        "{out}"
    );
    assert!(out.contains("about.md -> /about/"), "{out}");
    assert!(
        out.contains("1 of 3 files have a URL postlint cannot work out"),
        "{out}"
    );
}
