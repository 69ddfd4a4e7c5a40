//! The site model on small sites shaped like the real ones.

use std::path::Path;

use super::*;

fn write(root: &Path, files: &[(&str, &str)]) {
    for (name, text) in files {
        let path = root.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

fn site_of(root: &Path, sub: &str) -> Arc<Site> {
    std::fs::create_dir_all(root.join(".git")).unwrap();
    Sites::default().for_dir(&root.join(sub), None, root)
}

#[test]
fn jekyll_posts_collections_and_templates() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        &[
            (
                "_config.yml",
                "collections:\n  events:\n    output: true\nexclude: [README.md, drafts-old/]\ninclude: [_redirects]\n",
            ),
            ("_posts/2024-01-01-a.md", ""),
        ],
    );
    let site = site_of(root, "_posts");
    assert_eq!(site.generator, Generator::Jekyll);
    assert_eq!(
        site.config_file.as_deref(),
        Some(root.join("_config.yml").as_path())
    );
    let role = |p: &str| site.role(&root.join(p));
    assert_eq!(role("_posts/2024-01-01-a.md"), Role::Content);
    assert_eq!(role("blog/_posts/2024-01-01-a.md"), Role::Content);
    assert_eq!(role("_events/meetup.md"), Role::Content);
    assert_eq!(role("about.md"), Role::Content);
    assert_eq!(role("_layouts/post.html"), Role::Template);
    assert_eq!(role("_includes/nav.html"), Role::Template);
    assert_eq!(role("_drafts/x.md"), Role::Content);
    assert_eq!(role("_notes/x.md"), Role::Ignored);
    assert_eq!(role(".github/ISSUE.md"), Role::Ignored);
    assert_eq!(role("_partial.md"), Role::Ignored);
    assert_eq!(role("README.md"), Role::Ignored);
    assert_eq!(role("drafts-old/x.md"), Role::Ignored);
    assert_eq!(role("_redirects"), Role::Content);
    assert_eq!(role("_site/index.html"), Role::Ignored);
    assert_eq!(role("node_modules/x/README.md"), Role::Ignored);
}

#[test]
fn jekyll_site_in_a_subfolder_is_found_from_below() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        &[
            ("docs/_config.yml", "source: .\ncollections_dir: coll\n"),
            ("docs/coll/_posts/2024-01-01-a.md", ""),
        ],
    );
    let site = site_of(root, "docs/coll/_posts");
    assert_eq!(site.root, root.join("docs"));
    assert_eq!(
        site.role(&root.join("docs/coll/_posts/2024-01-01-a.md")),
        Role::Content
    );
    // The repository around the site is a plain folder.
    let repo = site_of(root, "lib");
    assert_eq!(repo.generator, Generator::Plain);
    assert_eq!(repo.root, root);
}

#[test]
fn hugo_content_only_and_config_default_folder() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        &[(
            "config/_default/hugo.yaml",
            "contentDir: content/en\nlanguages:\n  fr:\n    contentDir: content/fr\n",
        )],
    );
    let site = site_of(root, "content/en/blog");
    assert_eq!(site.generator, Generator::Hugo);
    let role = |p: &str| site.role(&root.join(p));
    assert_eq!(role("content/en/blog/x/index.md"), Role::Content);
    assert_eq!(role("content/fr/_index.md"), Role::Content);
    assert_eq!(role("archetypes/default.md"), Role::Template);
    assert_eq!(role("layouts/_default/single.html"), Role::Template);
    assert_eq!(role("themes/docsy/layouts/x.html"), Role::Template);
    assert_eq!(role("static/verify.html"), Role::Ignored);
    assert_eq!(role("README.md"), Role::Ignored);
}

#[test]
fn zola_is_told_from_hugo_by_base_url() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        &[(
            "config.toml",
            "base_url = \"https://blog.example\"\n[markdown]\n",
        )],
    );
    let site = site_of(root, "content");
    assert_eq!(site.generator, Generator::Zola);
    assert_eq!(
        site.role(&root.join("content/2024-01-01-a.md")),
        Role::Content
    );
    assert_eq!(site.role(&root.join("templates/page.html")), Role::Template);
    let other = tempfile::tempdir().unwrap();
    write(
        other.path(),
        &[("config.toml", "baseURL = \"https://example.org/\"\n")],
    );
    assert_eq!(site_of(other.path(), ".").generator, Generator::Hugo);
}

#[test]
fn hexo_scaffolds_and_underscore_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        &[(
            "_config.yml",
            "source_dir: source\nnew_post_name: :year-:month-:day-:title.md\n",
        )],
    );
    let site = site_of(root, "source/_posts");
    assert_eq!(site.generator, Generator::Hexo);
    let role = |p: &str| site.role(&root.join(p));
    assert_eq!(role("source/_posts/2024-01-01-a.md"), Role::Content);
    assert_eq!(role("source/about/index.md"), Role::Content);
    assert_eq!(role("scaffolds/post.md"), Role::Template);
    assert_eq!(role("themes/landscape/layout/post.ejs"), Role::Template);
    assert_eq!(role("source/_data/menu.yml"), Role::Template);
    assert_eq!(role("README.md"), Role::Ignored);
}

#[test]
fn eleventy_folders_are_read_without_running_javascript() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        &[(
            "eleventy.config.js",
            "export default function (c) { return { dir: { input: \"src\", includes: \"_partials\", output: 'dist' } }; }\n",
        )],
    );
    let site = site_of(root, "src");
    assert_eq!(site.generator, Generator::Eleventy);
    let role = |p: &str| site.role(&root.join(p));
    assert_eq!(role("src/blog/a.md"), Role::Content);
    assert_eq!(role("src/_partials/nav.njk"), Role::Template);
    assert_eq!(role("src/_data/site.json"), Role::Template);
    assert_eq!(role("dist/blog/a/index.html"), Role::Ignored);
    assert_eq!(role("README.md"), Role::Ignored);
}

#[test]
fn pelican_path_and_static_paths() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        &[(
            "pelicanconf.py",
            "AUTHOR = 'x'\nPATH = \"content\"\nSTATIC_PATHS = ['images', 'extra']\n",
        )],
    );
    let site = site_of(root, "content");
    assert_eq!(site.generator, Generator::Pelican);
    let role = |p: &str| site.role(&root.join(p));
    assert_eq!(role("content/a-post.md"), Role::Content);
    assert_eq!(role("content/extra/google.html"), Role::Ignored);
    assert_eq!(role("README.md"), Role::Ignored);
}

#[test]
fn plain_folder_checks_everything() {
    let dir = tempfile::tempdir().unwrap();
    let site = site_of(dir.path(), ".");
    assert_eq!(site.generator, Generator::Plain);
    assert_eq!(
        site.role(&dir.path().join("_layouts/a.html")),
        Role::Content
    );
}

#[test]
fn broken_config_is_a_plain_site_said_once() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        &[
            ("_config.yml", "title: [unclosed\n"),
            ("_layouts/a.html", ""),
        ],
    );
    std::fs::create_dir_all(root.join(".git")).unwrap();
    let mut sites = Sites::default();
    let site = sites.for_dir(root, None, root);
    sites.for_dir(&root.join("_layouts"), None, root);
    assert_eq!(site.generator, Generator::Plain);
    assert_eq!(sites.problems.len(), 1, "{:?}", sites.problems);
    assert!(
        sites.problems[0].contains("_config.yml"),
        "{}",
        sites.problems[0]
    );
    assert_eq!(site.role(&root.join("_layouts/a.html")), Role::Content);
}

#[test]
fn config_through_a_link_or_too_deep_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("secret"), "token: hunter2\n").unwrap();
    std::os::unix::fs::symlink(root.join("secret"), root.join("_config.yml")).unwrap();
    std::fs::create_dir_all(root.join(".git")).unwrap();
    let mut sites = Sites::default();
    sites.for_dir(root, None, root);
    assert_eq!(sites.problems.len(), 1);
    assert!(!sites.problems[0].contains("hunter2"));
    assert!(
        sites.problems[0].contains("symbolic link"),
        "{}",
        sites.problems[0]
    );
    let deep = tempfile::tempdir().unwrap();
    std::fs::write(
        deep.path().join("_config.yml"),
        format!("a: {}", "[".repeat(200_000)),
    )
    .unwrap();
    std::fs::create_dir_all(deep.path().join(".git")).unwrap();
    let started = std::time::Instant::now();
    let mut sites = Sites::default();
    sites.for_dir(deep.path(), None, deep.path());
    assert!(started.elapsed().as_secs() < 5);
    assert!(sites.problems[0].contains("deep"), "{}", sites.problems[0]);
}

#[test]
fn a_named_generator_overrides_detection() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, &[("_config.yml", "title: x\n")]);
    std::fs::create_dir_all(root.join(".git")).unwrap();
    let mut sites = Sites::default();
    let plain = sites.for_dir(root, Some(Generator::Plain), root);
    assert_eq!(plain.generator, Generator::Plain);
    let hugo = sites.for_dir(root, Some(Generator::Hugo), root);
    assert_eq!(hugo.generator, Generator::Hugo);
    assert_eq!(hugo.config_file, None);
    assert_eq!(sites.for_dir(root, None, root).generator, Generator::Jekyll);
}

#[test]
fn the_walk_gives_each_file_the_settings_of_its_site() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join(".git")).unwrap();
    write(
        root,
        &[
            ("blog/_config.yml", "permalink: pretty\n"),
            ("blog/_posts/2024-01-01-a.md", "---\ntitle: a\n---\n"),
            ("notes/b.md", "---\ntitle: b\n---\n"),
        ],
    );
    let mut configs = crate::walk::ConfigSource::discover(Vec::new(), Vec::new());
    let found = crate::walk::discover(&[root.to_path_buf()], &mut configs).unwrap();
    let site_of = |name: &str| {
        let (_, settings) = found.files.iter().find(|(p, _)| p.ends_with(name)).unwrap();
        settings.site.clone().unwrap()
    };
    let jekyll = site_of("2024-01-01-a.md");
    assert_eq!(jekyll.generator, Generator::Jekyll);
    assert_eq!(jekyll.raw["permalink"], "pretty");
    assert_eq!(site_of("b.md").generator, Generator::Plain);
}

#[test]
fn astro_collections_pages_public_and_schema() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        &[
            (
                "astro.config.mjs",
                "export default defineConfig({\n  outDir: './dist-astro', // not dist\n  site: 'https://example.org',\n});\n",
            ),
            (
                "src/content.config.ts",
                concat!(
                    "import { defineCollection } from 'astro:content';\n",
                    "const seo = z.object({ type: z.string() }).optional();\n",
                    "const slug = z.string();\n",
                    "/** Posts: dated by their file name (2015-02-06-x.md). */\n",
                    "const posts = defineCollection({\n",
                    "  loader: glob({ pattern: '**/[^_]*.{md,mdx}', base: './src/content/posts' }),\n",
                    "  schema: z.object({\n",
                    "    // Required, as in Jekyll: title, description (max: 300)\n",
                    "    title: z.string(),\n",
                    "    description: z.string().max(300),\n",
                    "    date: z.coerce.date().optional(),\n",
                    "    published: z.boolean().default(true),\n",
                    "    seo: seo,\n",
                    "    slug: slug,\n",
                    "    author: authorSchema,\n",
                    "    degrees: z.array(z.object({ school: z.string() })).optional(),\n",
                    "  }),\n",
                    "});\n",
                    "const notes = defineCollection({ type: 'content', schema: z.object({ date: z.date(), tags: z.array(z.string()) }) });\n",
                    "const talks = defineCollection({ schema: talkSchema });\n",
                    "export const collections = { posts, 'field-notes': notes, talks };\n",
                ),
            ),
            ("src/content/posts/2015-02-06-a.md", ""),
            ("src/content/field-notes/a.md", ""),
            ("src/content/talks/a.md", ""),
            ("src/content/CLAUDE.md", ""),
            ("src/pages/about.md", ""),
            ("src/pages/_draft.md", ""),
            ("src/layouts/Post.astro", ""),
            ("public/img/a.png", ""),
            ("README.md", ""),
        ],
    );
    let site = site_of(root, "src/content/posts");
    assert_eq!(site.generator, Generator::Astro);
    assert_eq!(site.root, root);
    let role = |p: &str| site.role(&root.join(p));
    assert_eq!(role("src/content/posts/2015-02-06-a.md"), Role::Content);
    assert_eq!(role("src/content/field-notes/a.md"), Role::Content);
    assert_eq!(role("src/pages/about.md"), Role::Content);
    // Not in a collection; an `_` page is not routed; not content at all.
    assert_eq!(role("src/content/CLAUDE.md"), Role::Ignored);
    assert_eq!(role("src/pages/_draft.md"), Role::Ignored);
    assert_eq!(role("README.md"), Role::Ignored);
    assert_eq!(role("src/layouts/Post.astro"), Role::Template);
    assert_eq!(role("public/img/a.png"), Role::Ignored);
    assert_eq!(role("dist-astro/index.html"), Role::Ignored);
    assert_eq!(site.statics, [Folder::new("public", Some("/"))]);
    let required = |p: &str| site.schema_required(&root.join(p)).map(<[String]>::to_vec);
    assert_eq!(
        required("src/content/posts/2015-02-06-a.md"),
        Some(vec![
            "title".to_string(),
            "description".to_string(),
            "slug".to_string()
        ])
    );
    assert_eq!(
        required("src/content/field-notes/a.md"),
        Some(vec!["date".to_string(), "tags".to_string()])
    );
    // A schema built elsewhere, and a page outside the collections.
    assert_eq!(required("src/content/talks/a.md"), None);
    assert_eq!(required("src/pages/about.md"), None);
}

#[test]
fn astro_schema_that_is_not_a_literal_requires_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        &[
            ("astro.config.ts", ""),
            (
                "src/content/config.ts",
                "const blog = defineCollection({ schema: z.object({ ...base, title: z.string() }) });\nexport const collections = { blog };\n",
            ),
            ("src/content/blog/a.md", ""),
        ],
    );
    let site = site_of(root, "src/content/blog");
    assert_eq!(site.generator, Generator::Astro);
    assert_eq!(
        site.role(&root.join("src/content/blog/a.md")),
        Role::Content
    );
    assert_eq!(
        site.schema_required(&root.join("src/content/blog/a.md")),
        None
    );
}

#[test]
fn next_site_in_a_monorepo_folder() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        &[
            (
                "apps/site/next.config.mjs",
                "const nextConfig = { pageExtensions: ['md', 'mdx', 'tsx'] };\n// './commented-out'\nconst posts = path.join(process.cwd(), './content/posts');\nexport default nextConfig;\n",
            ),
            ("apps/site/pages/en/blog/release/v1.md", ""),
            ("apps/site/content/posts/a.mdx", ""),
            ("apps/site/public/static/images/logo.png", ""),
            ("apps/site/components/Nav.md", ""),
            ("apps/site/README.md", ""),
            ("apps/site/commented-out/x.md", ""),
            ("docs/guide.md", ""),
        ],
    );
    let site = site_of(root, "apps/site/pages/en/blog/release");
    assert_eq!(site.generator, Generator::Next);
    assert_eq!(site.root, root.join("apps/site"));
    let role = |p: &str| site.role(&root.join("apps/site").join(p));
    assert_eq!(role("pages/en/blog/release/v1.md"), Role::Content);
    assert_eq!(role("content/posts/a.mdx"), Role::Content);
    assert_eq!(role("public/static/images/logo.png"), Role::Ignored);
    assert_eq!(role("components/Nav.md"), Role::Ignored);
    assert_eq!(role("README.md"), Role::Ignored);
    assert_eq!(role("commented-out/x.md"), Role::Ignored);
    assert_eq!(site.statics, [Folder::new("public", Some("/"))]);
    // The repository's own docs are not the Next.js site's.
    assert_eq!(site_of(root, "docs").generator, Generator::Plain);
}

#[test]
fn docusaurus_docs_blog_plugin_paths_and_static_folders() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        &[
            (
                "website/docusaurus.config.ts",
                concat!(
                    "const config = {\n",
                    "  staticDirectories: ['static', 'assets'],\n",
                    "  presets: [['classic', { docs: { path: '../docs' }, blog: { path: 'blog' } }]],\n",
                    "  plugins: [['content-docs', { id: 'community', path: 'community' }]],\n",
                    "};\n",
                ),
            ),
            ("website/blog/2021-08-26-welcome.md", ""),
            ("website/community/support.md", ""),
            ("website/docs/_partial.mdx", ""),
            ("website/src/pages/index.md", ""),
            ("website/src/theme/Footer.md", ""),
            ("website/static/img/a.png", ""),
            ("website/README.md", ""),
        ],
    );
    let site = site_of(root, "website/blog");
    assert_eq!(site.generator, Generator::Docusaurus);
    assert_eq!(site.root, root.join("website"));
    let role = |p: &str| site.role(&root.join("website").join(p));
    assert_eq!(role("blog/2021-08-26-welcome.md"), Role::Content);
    assert_eq!(role("community/support.md"), Role::Content);
    assert_eq!(role("src/pages/index.md"), Role::Content);
    assert_eq!(role("docs/_partial.mdx"), Role::Ignored);
    assert_eq!(role("src/theme/Footer.md"), Role::Template);
    assert_eq!(role("static/img/a.png"), Role::Ignored);
    assert_eq!(role("README.md"), Role::Ignored);
    assert_eq!(
        site.statics,
        [
            Folder::new("static", Some("/")),
            Folder::new("assets", Some("/"))
        ]
    );
}

#[test]
fn astro_content_config_of_unclosed_calls_is_read_in_bounded_time() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    // 1 MiB of calls that never close: each used to be scanned to the end
    // of the file (minutes); now each scan and their number are capped.
    let call = "const a = defineCollection({ schema: z.object({ title: z.string(), ";
    let schema = call.repeat(super::MAX_CONFIG_SIZE as usize / call.len());
    write(
        root,
        &[
            ("astro.config.mjs", ""),
            ("src/content.config.ts", &schema),
            ("src/content/a/x.md", ""),
        ],
    );
    let started = std::time::Instant::now();
    let site = site_of(root, "src/content/a");
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    assert_eq!(site.generator, Generator::Astro);
    assert_eq!(site.schema_required(&root.join("src/content/a/x.md")), None);
}

#[cfg(unix)]
#[test]
fn astro_collections_are_not_listed_through_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(outside.path().join("secret-folder")).unwrap();
    let root = dir.path();
    write(root, &[("astro.config.mjs", ""), ("src/pages/a.md", "")]);
    std::os::unix::fs::symlink(outside.path(), root.join("src/content")).unwrap();
    let site = site_of(root, "src/pages");
    assert_eq!(site.generator, Generator::Astro);
    assert!(
        !site
            .content
            .iter()
            .any(|c| c.path.ends_with("secret-folder")),
        "{:?}",
        site.content
    );
}

#[test]
fn hugo_split_config_files_are_merged_under_their_keys() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        &[
            (
                "config/_default/hugo.yaml",
                "baseURL: https://example.org\ndefaultContentLanguage: en\n",
            ),
            (
                "config/_default/module.yaml",
                "mounts:\n  - source: content/en\n    target: content\n    sites: {matrix: {languages: [en]}}\n  - source: content/fr\n    target: content\n    lang: fr\n  - source: shared/docs\n    target: content/docs\n  - source: site-static\n    target: static\n",
            ),
            (
                "config/_default/languages.toml",
                "[en]\nweight = 1\n[fr]\nweight = 2\n",
            ),
            ("config/_default/params.toml", "description = \"x\"\n"),
            (
                "config/_default/menus.fr.toml",
                "[[main]]\nname = \"Docs\"\n",
            ),
            ("config/production/params.toml", "description = \"prod\"\n"),
        ],
    );
    let site = site_of(root, "content/en");
    assert_eq!(site.generator, Generator::Hugo);
    assert_eq!(site.raw["baseURL"], "https://example.org");
    assert_eq!(site.raw["params"]["description"], "prod");
    assert_eq!(site.raw["languages"]["fr"]["weight"], 2);
    assert_eq!(
        site.raw["languages"]["fr"]["menus"]["main"][0]["name"],
        "Docs"
    );
    let urls: Vec<(String, Option<String>)> = site
        .content
        .iter()
        .map(|f| (f.path.to_string_lossy().into_owned(), f.url.clone()))
        .collect();
    assert_eq!(
        urls,
        [
            ("content/en".to_string(), Some("/".to_string())),
            ("content/fr".to_string(), Some("/fr/".to_string())),
            ("shared/docs".to_string(), Some("/docs/".to_string())),
        ]
    );
    let role = |p: &str| site.role(&root.join(p));
    assert_eq!(role("content/fr/a.md"), Role::Content);
    assert_eq!(role("shared/docs/intro.md"), Role::Content);
    // A content mount replaces the default `content` folder.
    assert_eq!(role("content/LICENSE.md"), Role::Ignored);
    assert_eq!(role("site-static/google.html"), Role::Ignored);
    // Only a config folder, without a main file, is a Hugo site too.
    let only = tempfile::tempdir().unwrap();
    write(
        only.path(),
        &[("config/_default/params.yaml", "description: x\n")],
    );
    assert_eq!(site_of(only.path(), "content").generator, Generator::Hugo);
}

#[test]
fn hugo_language_content_dirs_take_the_language_prefix_except_the_default() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        &[(
            "hugo.toml",
            "defaultContentLanguage = \"nl\"\n[languages.nl]\ncontentDir = \"content/nl\"\n[languages.en]\ncontentDir = \"content/en\"\n",
        )],
    );
    let site = site_of(root, ".");
    let url_of = |p: &str| {
        site.content
            .iter()
            .find(|f| f.path == Path::new(p))
            .and_then(|f| f.url.clone())
    };
    assert_eq!(url_of("content/nl").as_deref(), Some("/"));
    assert_eq!(url_of("content/en").as_deref(), Some("/en/"));
}

#[test]
fn hugo_pages_never_rendered_are_templates() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        &[
            (
                "hugo.yaml",
                "cascade:\n  - build: { list: never, publishResources: false, render: never }\n    target: { path: '{,/**}/_includes{,/**}' }\n  - params: { x: 1 }\n    target: { path: '/blog/**' }\n",
            ),
            ("content/_includes/note.md", "Just text.\n"),
            ("content/docs/lang/_includes/intro.md", "---\n---\nText.\n"),
            ("content/docs/lang/page.md", "---\ntitle: P\n---\n"),
            (
                "content/_common/_index.md",
                "---\ncascade:\n  build:\n    list: never\n    render: never\n---\n",
            ),
            ("content/_common/functions/go.md", "---\n---\nSnippet.\n"),
            (
                "content/glossary/_index.md",
                "---\ntitle: Glossary\nbuild:\n  render: always\ncascade:\n  build:\n    render: never\n    list: local\n---\n",
            ),
            ("content/glossary/term.md", "---\ntitle: term\n---\n"),
            (
                "content/hidden/index.md",
                "---\ntitle: H\nheadless: true\n---\n",
            ),
            (
                "content/old.md",
                "+++\ntitle = \"Old\"\n[build]\nrender = \"never\"\n+++\n",
            ),
            ("content/blog/post.md", "---\ntitle: B\n---\n"),
        ],
    );
    let site = site_of(root, "content");
    let role = |p: &str| site.role(&root.join(p));
    assert_eq!(role("content/_includes/note.md"), Role::Template);
    assert_eq!(role("content/docs/lang/_includes/intro.md"), Role::Template);
    assert_eq!(role("content/docs/lang/page.md"), Role::Content);
    assert_eq!(role("content/_common/functions/go.md"), Role::Template);
    // The list page whose cascade stops rendering is a headless bundle.
    assert_eq!(role("content/_common/_index.md"), Role::Template);
    // Its own `build.render` wins over the cascade it gives its pages.
    assert_eq!(role("content/glossary/_index.md"), Role::Content);
    assert_eq!(role("content/glossary/term.md"), Role::Template);
    assert_eq!(role("content/hidden/index.md"), Role::Template);
    assert_eq!(role("content/old.md"), Role::Template);
    assert_eq!(role("content/blog/post.md"), Role::Content);
}

#[test]
fn zola_renders_only_markdown_below_content() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        &[("config.toml", "base_url = \"https://blog.example\"\n")],
    );
    let site = site_of(root, "content");
    let role = |p: &str| site.role(&root.join(p));
    assert_eq!(role("content/Rust-1.60.0/index.md"), Role::Content);
    assert_eq!(
        role("content/Rust-1.60.0/2022-04-07-timing.html"),
        Role::Ignored
    );
}

#[test]
fn jekyll_defaults_supply_keys_by_scope_path_and_type() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        &[(
            "_config.yml",
            "collections:\n  talks: {output: true}\ndefaults:\n  - scope: {path: '', type: posts}\n    values: {layout: post}\n  - scope: {path: 'docs'}\n    values: {title: Docs}\n  - scope: {path: '_talks/20*', type: talks}\n    values: {date: 2020-01-01}\n  - scope: {type: page}\n    values: {author: me}\n",
        )],
    );
    let site = site_of(root, ".");
    let supplies = |p: &str, key: &str| site.default_supplies(&root.join(p), key);
    assert!(supplies("_posts/2020-01-01-a.md", "layout"));
    assert!(supplies("blog/_posts/2020-01-01-a.md", "layout"));
    assert!(supplies("_drafts/a.md", "layout"));
    assert!(!supplies("about.md", "layout"));
    assert!(supplies("docs/intro.md", "title"));
    assert!(
        supplies("docs-old/intro.md", "title"),
        "a prefix, as Jekyll 4"
    );
    assert!(!supplies("about.md", "title"));
    assert!(supplies("_talks/2019-x.md", "date"));
    assert!(supplies("_talks/2019/x.md", "date"));
    assert!(!supplies("_talks/x.md", "date"));
    assert!(!supplies("_posts/2019-01-01-x.md", "date"));
    assert!(supplies("about.md", "author"), "the old singular type");
    assert!(!supplies("_posts/2020-01-01-a.md", "author"));
}

#[test]
fn hexo_reads_a_date_from_the_name_only_when_new_post_name_has_one() {
    let dated = tempfile::tempdir().unwrap();
    write(
        dated.path(),
        &[(
            "_config.yml",
            "source_dir: source\nnew_post_name: :year-:month-:day-:title.md\n",
        )],
    );
    let site = site_of(dated.path(), "source/_posts");
    let date_in = |site: &Site, p: &str| Site::hexo_date_in_name(Some(site), Path::new(p));
    assert!(date_in(&site, "source/_posts/2019-05-14-hallo.md"));
    assert!(!date_in(&site, "source/_posts/hallo.md"));
    assert!(!date_in(&site, "source/_posts/2019/2019-05-14-hallo.md"));
    assert!(!date_in(&site, "source/about/2019-05-14-hallo.md"));
    let plain = tempfile::tempdir().unwrap();
    write(plain.path(), &[("_config.yml", "source_dir: source\n")]);
    let site = site_of(plain.path(), "source/_posts");
    assert_eq!(site.generator, Generator::Hexo);
    assert!(!date_in(&site, "source/_posts/2019-05-14-hallo.md"));
    assert!(!Site::hexo_date_in_name(
        None,
        Path::new("source/_posts/2019-05-14-hallo.md")
    ));
    let folders = tempfile::tempdir().unwrap();
    write(
        folders.path(),
        &[(
            "_config.yml",
            "new_post_name: :year/:i_month/:i_day/:title.md\n",
        )],
    );
    let site = site_of(folders.path(), "source/_posts");
    assert!(date_in(&site, "source/_posts/2019/5/4/hallo.md"));
    assert!(!date_in(&site, "source/_posts/2019-05-04-hallo.md"));
}
