//! Astro, Next.js, Docusaurus and Pelican sites (issue 13), with no config:
//! found from their own config, their posts held to what the generator
//! requires, on small sites shaped like the real ones (benbalter.com,
//! nodejs.org, react-native-website, getpelican's blog).

mod common;

use std::path::Path;

use common::{assert_no_panic, postlint, stderr, stdout};

fn write(root: &Path, files: &[(&str, &str)]) {
    for (name, text) in files {
        let path = root.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

/// `check` over the whole folder: exit code and standard output.
fn check(root: &Path) -> (Option<i32>, String) {
    let o = postlint(root, &["check", "--no-cache", "--offline", "."]);
    assert_no_panic(&o);
    (o.status.code(), stdout(&o) + &stderr(&o))
}

/// The codes of the findings in `out`, in order.
fn codes(out: &str) -> Vec<&str> {
    out.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| {
            w.len() == 5 && w.starts_with("PL") && w[2..].bytes().all(|b| b.is_ascii_digit())
        })
        .collect()
}

/// The Astro collections of a blog moved from Jekyll: posts keep their
/// `2015-02-06-` names, and the schema has no `date`.
const ASTRO_SCHEMA: &str = "import { defineCollection } from 'astro:content';
const postsCollection = defineCollection({
  loader: glob({ pattern: '**/[^_]*.{md,mdx}', base: './src/content/posts' }),
  schema: z.object({
    // Required fields (consistent with Jekyll)
    title: z.string(),
    description: z.string().max(300), // Ideal: <= 160 chars
    published: z.boolean().default(true),
  }),
});
export const collections = { posts: postsCollection };
";

fn astro(root: &Path, schema: &str) {
    write(
        root,
        &[
            (".git/HEAD", ""),
            (
                "astro.config.mjs",
                "export default defineConfig({ outDir: './dist-astro' });\n",
            ),
            ("src/content.config.ts", schema),
            (
                "src/content/posts/2015-02-06-a.md",
                "---\ntitle: A\ndescription: About a.\n---\n\nText.\n",
            ),
            (
                "src/content/posts/2016-01-01-b.md",
                "---\ndescription: About b.\n---\n\nText.\n",
            ),
            ("src/content/CLAUDE.md", "# How the content is laid out\n"),
            (
                "src/pages/about.md",
                "---\nlayout: ../layouts/Page.astro\n---\n\nAbout.\n",
            ),
        ],
    );
}

#[test]
fn astro_posts_are_held_to_their_collection_schema() {
    let dir = tempfile::tempdir().unwrap();
    astro(dir.path(), ASTRO_SCHEMA);
    let (code, out) = check(dir.path());
    // Only the post without the `title` its schema requires; no `date`
    // (the schema has none), nothing on the notes beside the collections.
    assert_eq!(codes(&out), ["PL202"], "{out}");
    assert!(out.contains("missing required key `title`"), "{out}");
    assert!(
        out.contains("2016-01-01-b.md") && !out.contains("CLAUDE"),
        "{out}"
    );
    assert!(out.contains("of an Astro site"), "{out}");
    assert_eq!(code, Some(1), "{out}");
}

#[test]
fn astro_schema_that_cannot_be_read_requires_nothing() {
    let dir = tempfile::tempdir().unwrap();
    // The schema is code postlint does not run: no key is required.
    astro(
        dir.path(),
        "import { postSchema } from './schemas';\nexport const collections = { posts: defineCollection({ schema: postSchema }) };\n",
    );
    let (code, out) = check(dir.path());
    assert!(codes(&out).is_empty(), "{out}");
    assert_eq!(code, Some(0), "{out}");
    // An empty file (the panel's placeholder) reads no collection either.
    let dir = tempfile::tempdir().unwrap();
    astro(dir.path(), "");
    let (code, out) = check(dir.path());
    assert!(codes(&out).is_empty(), "{out}");
    assert_eq!(code, Some(0), "{out}");
}

/// withastro/docs is 2,569 `.mdx` pages: a run that reads none of them
/// says so, and with `*.mdx` included their fenced code is not HTML.
#[test]
fn mdx_content_left_out_is_counted_and_read_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let page = "---\ntitle: Layouts\n---\n\nGoes in the default <slot />.\n\n```astro\n<html>\n  <head></head>\n</html>\n```\n";
    write(
        root,
        &[
            (".git/HEAD", ""),
            ("astro.config.ts", ""),
            ("src/content/docs/en/layouts.mdx", page),
            ("src/content/docs/de/layouts.mdx", page),
            ("src/components/Card.mdx", "<div>\n"),
        ],
    );
    let (code, out) = check(root);
    assert_eq!(code, Some(0), "{out}");
    assert!(
        out.contains("No problems found in 0 files of an Astro site (2 .mdx files skipped); MDX is read only when `files.include` lists `*.mdx`"),
        "{out}"
    );
    write(
        root,
        &[(
            "postlint.toml",
            "[files]\ninclude = [\"*.md\", \"*.mdx\"]\n",
        )],
    );
    let (code, out) = check(root);
    assert_eq!(code, Some(0), "{out}");
    assert!(
        out.contains("No problems found in 2 files of an Astro site"),
        "{out}"
    );
}

#[test]
fn astro_schema_with_a_required_date() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        &[
            (".git/HEAD", ""),
            ("astro.config.ts", ""),
            (
                "src/content/config.ts",
                "const blog = defineCollection({ schema: z.object({ title: z.string(), date: z.coerce.date() }) });\nconst notes = defineCollection({ schema: z.object({ title: z.string(), date: z.date().optional() }) });\nexport const collections = { blog, notes };\n",
            ),
            ("src/content/blog/a.md", "---\ntitle: A\n---\n\nText.\n"),
            ("src/content/notes/b.md", "---\ntitle: B\n---\n\nText.\n"),
        ],
    );
    let (_, out) = check(root);
    assert_eq!(codes(&out), ["PL202"], "{out}");
    assert!(
        out.contains("blog/a.md") && out.contains("missing required key `date`"),
        "{out}"
    );
}

#[test]
fn next_site_in_a_monorepo_folder_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        &[
            (".git/HEAD", ""),
            (
                "apps/site/next.config.mjs",
                "export default { pageExtensions: ['md', 'mdx', 'tsx'] };\n",
            ),
            (
                "apps/site/pages/en/blog/release/v1.md",
                "---\ntitle: Node v1\ndate: Mon, 01 Jan 2024 00:00:00 +0000\n---\n\nReleased.\n",
            ),
            // Components' notes are not pages of the site.
            ("apps/site/components/posts/README.md", "# Components\n"),
        ],
    );
    let (code, out) = check(root);
    assert!(codes(&out).is_empty(), "{out}");
    assert!(out.contains("Next.js site"), "{out}");
    assert_eq!(code, Some(0), "{out}");
}

#[test]
fn docusaurus_blog_posts_take_their_date_from_their_path() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        &[
            (".git/HEAD", ""),
            (
                "website/postlint.toml",
                "[files]\nposts-folders = [\"blog\"]\n",
            ),
            (
                "website/docusaurus.config.ts",
                "export default { presets: [['classic', { blog: { path: 'blog' } }]] };\n",
            ),
            (
                "website/blog/2015-03-26-modern-web.md",
                "---\ntitle: Modern web\n---\n\nText.\n",
            ),
            (
                "website/blog/2021-08-26-hermes/index.md",
                "---\ntitle: Hermes\n---\n\nText.\n",
            ),
            (
                "website/blog/2019/07/03/version-60.md",
                "---\ntitle: '0.60'\n---\n\nText.\n",
            ),
            (
                "website/blog/undated.md",
                "---\ntitle: Undated\n---\n\nText.\n",
            ),
            ("website/blog/_partial.md", "No front matter: a partial.\n"),
        ],
    );
    let (_, out) = check(root);
    assert_eq!(codes(&out), ["PL202"], "{out}");
    assert!(
        out.contains("undated.md") && out.contains("missing required key `date`"),
        "{out}"
    );
}

/// A Pelican blog: Markdown metadata lines, with and without `---`.
fn pelican(root: &Path) {
    write(
        root,
        &[
            (".git/HEAD", ""),
            (
                "pelicanconf.py",
                "PATH = \"content\"\nTHEME = \"themes/notmyidea\"\n",
            ),
            (
                "content/news/release.md",
                "Title: Pelican 4.7 released\nDate: 2021-10-01 10:20\nTags: release,\n    news\nSlug: pelican-4.7\n\nPelican 4.7 is out.\n",
            ),
            (
                "content/news/migrate.md",
                "---\nTitle: Migrating: plugins\nDate: 2021-02-15\nModified: 2022-06-22\n---\n\nSo you want to help?\n",
            ),
            (
                "content/news/undated.md",
                "Title: Undated\nAuthor: Justin\n\nText.\n",
            ),
            ("content/news/bare.md", "Just text, no metadata.\n"),
            // An HTML post's metadata is its head.
            (
                "content/news/html-post.html",
                "<html>\n<head>\n<title>My super title</title>\n<meta name=\"date\" content=\"Mon, 09 Jul 2012 22:28:00 +0200\" />\n</head>\n<body>\n<p>This is the content.</p>\n</body>\n</html>\n",
            ),
            // Pelican's pages have no date; a dated name gives one.
            ("content/pages/about.md", "Title: About\n\nWho we are.\n"),
            (
                "content/news/2019-05-14-sprint.md",
                "Title: Sprint\n\nText.\n",
            ),
        ],
    );
}

#[test]
fn pelican_metadata_is_the_front_matter() {
    let dir = tempfile::tempdir().unwrap();
    pelican(dir.path());
    let (code, out) = check(dir.path());
    // Of the front matter rules, PL202 on the post without a date, PL200 on
    // the one without metadata, and nothing else: no PL207 (the header is
    // not YAML), no PL201. (PL250 finds ISO dates where the default
    // `dates.format` wants RFC 2822, as on any site.)
    let mut found: Vec<&str> = codes(&out)
        .into_iter()
        .filter(|c| c.starts_with("PL20"))
        .collect();
    found.sort_unstable();
    assert_eq!(found, ["PL200", "PL202"], "{out}");
    assert!(
        out.contains("undated.md") && out.contains("missing required key `date`"),
        "{out}"
    );
    assert!(
        out.contains("bare.md") && out.contains("`Title: …` and `Date: …` lines"),
        "{out}"
    );
    // Nothing on the HTML post: its head is the metadata, its body the post.
    assert!(!out.contains("html-post.html"), "{out}");
    assert_eq!(code, Some(1), "{out}");
}

#[test]
fn fix_leaves_pelican_metadata_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    pelican(root);
    let header = "Title: Release\nDate: Tue, 14 May 2019 17:01:53 +0200\n\nText.  \n";
    write(root, &[("content/news/rfc.md", header)]);
    let before: Vec<String> = ["release.md", "migrate.md"]
        .iter()
        .map(|n| std::fs::read_to_string(root.join("content/news").join(n)).unwrap())
        .collect();
    let o = postlint(root, &["fix", "--unsafe-fixes", "."]);
    assert_no_panic(&o);
    let after: Vec<String> = ["release.md", "migrate.md"]
        .iter()
        .map(|n| std::fs::read_to_string(root.join("content/news").join(n)).unwrap())
        .collect();
    assert_eq!(before, after, "{}{}", stdout(&o), stderr(&o));
    let rfc = std::fs::read_to_string(root.join("content/news/rfc.md")).unwrap();
    assert!(
        rfc.starts_with("Title: Release\nDate: Tue, 14 May 2019 17:01:53 +0200\n\n"),
        "{rfc}"
    );
    assert!(!rfc.contains("---"), "{rfc}");
}

#[test]
fn a_title_line_in_a_jekyll_post_is_body_text() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        &[
            (".git/HEAD", ""),
            ("_config.yml", "title: Blog\n"),
            (
                "_posts/2019-05-14-a.md",
                "Title: Not metadata\nDate: 2019-05-14\n\nText.\n",
            ),
        ],
    );
    let (_, out) = check(root);
    assert_eq!(codes(&out), ["PL200"], "{out}");
    assert!(out.contains("expected `---` on the first line"), "{out}");
}

#[test]
fn the_new_generators_can_be_named_in_the_config() {
    for (name, shown) in [
        ("astro", "of an Astro site"),
        ("nextjs", "of a Next.js site"),
        ("next", "of a Next.js site"),
        ("docusaurus", "of a Docusaurus site"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            &[
                (".git/HEAD", ""),
                (
                    "postlint.toml",
                    &format!("[site]\ngenerator = \"{name}\"\n"),
                ),
                ("src/pages/about.md", "---\ntitle: About\n---\n\nText.\n"),
                ("pages/about.md", "---\ntitle: About\n---\n\nText.\n"),
                ("docs/intro.md", "---\ntitle: Intro\n---\n\nText.\n"),
            ],
        );
        let (code, out) = check(dir.path());
        assert_eq!(code, Some(0), "{name}: {out}");
        assert!(out.contains(shown), "{name}: {out}");
    }
}
