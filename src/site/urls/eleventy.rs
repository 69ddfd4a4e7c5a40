//! Eleventy's URLs (its permalink docs): a template at its path below the
//! input folder as a folder (`blog/a.md` → `/blog/a/`, `blog/index.md` →
//! `/blog/`), or its literal `permalink`. A permalink with template code, or
//! `false`, is not known here. Passthrough copies are read from the
//! config's literal `addPassthroughCopy(…)` calls.

use std::path::Path;

use super::{OutputUrl, Page, templated};
use crate::site::Site;

/// One passthrough copy: files below `from` (relative to the site root)
/// are published below the URL `to`; a glob `from` keeps each file's path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passthrough {
    pub from: String,
    pub to: String,
}

/// The literal `addPassthroughCopy("img")` and
/// `addPassthroughCopy({ "src/img": "img" })` calls of the config.
pub fn passthrough(site: &Site) -> Vec<Passthrough> {
    let Some(text) = site.raw.as_str() else {
        return Vec::new();
    };
    let input = site
        .content
        .first()
        .map(|f| f.path.to_string_lossy().into_owned())
        .unwrap_or_default();
    let single = regex::Regex::new(r#"addPassthroughCopy\(\s*["'`]([^"'`\n]+)["'`]"#);
    let mapped = regex::Regex::new(
        r#"addPassthroughCopy\(\s*\{\s*["'`]?([^"'`\n:]+)["'`]?\s*:\s*["'`]([^"'`\n]+)["'`]"#,
    );
    let mut out = Vec::new();
    if let Ok(re) = single {
        for c in re.captures_iter(text) {
            let from = c[1].trim_start_matches("./").trim_matches('/').to_string();
            // Output paths are relative to the input folder.
            let to = Path::new(&from)
                .strip_prefix(&input)
                .map(|p| p.to_string_lossy().into_owned())
                .unwrap_or_else(|_| from.clone());
            out.push(Passthrough { from, to });
        }
    }
    if let Ok(re) = mapped {
        for c in re.captures_iter(text) {
            out.push(Passthrough {
                from: c[1]
                    .trim()
                    .trim_start_matches("./")
                    .trim_matches('/')
                    .to_string(),
                to: c[2].trim_start_matches("./").trim_matches('/').to_string(),
            });
        }
    }
    out
}

/// Whether a template or directory data file (`blog/blog.json`,
/// `blog/blog.11tydata.js`, `post.11tydata.json`) may set the page's
/// `permalink`: then its URL is not known without running Eleventy.
fn data_file_permalink(page: &Page<'_>) -> bool {
    let root = page.site.root.join(&page.folder.path);
    let mut names: Vec<(std::path::PathBuf, String)> = Vec::new();
    let mut dir = root.clone();
    let dirs = page.dirs();
    for part in &dirs {
        dir.push(part);
        names.push((dir.clone(), part.clone()));
    }
    names.push((dir.clone(), page.stem()));
    names.into_iter().any(|(dir, name)| {
        [
            "json",
            "11tydata.json",
            "11tydata.js",
            "11tydata.cjs",
            "11tydata.mjs",
        ]
        .iter()
        .any(|ext| {
            let file = dir.join(format!("{name}.{ext}"));
            crate::safe_fs::open_regular(&file, false)
                .ok()
                .and_then(|(f, _)| {
                    let mut text = String::new();
                    std::io::Read::read_to_string(&mut std::io::Read::take(f, 1 << 16), &mut text)
                        .ok()?;
                    Some(text.contains("permalink"))
                })
                .unwrap_or(false)
        })
    })
}

pub fn url(page: &Page<'_>) -> Option<OutputUrl> {
    match page.value("permalink") {
        Some(serde_yaml::Value::String(p)) => {
            if templated(p) {
                return None;
            }
            let why = format!("permalink `{p}` in its front matter");
            return Some(OutputUrl::new(p.clone(), why));
        }
        Some(_) => return None,
        None => {}
    }
    if data_file_permalink(page) {
        return None;
    }
    let stem = page.stem();
    let mut parts = page.dirs();
    if stem != "index" {
        parts.push(stem);
    }
    let path = if parts.is_empty() {
        "/".to_string()
    } else {
        format!("/{}/", parts.join("/"))
    };
    Some(OutputUrl::new(path, "its path below the input folder"))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{path_of, site};
    use super::*;

    #[test]
    fn paths_permalinks_and_passthrough() {
        let (_d, s) = site(&[(
            "eleventy.config.js",
            "export default function (c) {\n  c.addPassthroughCopy(\"src/img\");\n  c.addPassthroughCopy({ \"assets/fonts\": \"fonts\" });\n  return { dir: { input: \"src\" } };\n}\n",
        )]);
        let fm = "---\ntitle: x\n---\n";
        // Eleventy's permalink docs: `subdir/template.md` → `/subdir/template/`.
        assert_eq!(
            path_of(&s, "src/subdir/template.md", fm).as_deref(),
            Some("/subdir/template/")
        );
        assert_eq!(
            path_of(&s, "src/subdir/index.md", fm).as_deref(),
            Some("/subdir/")
        );
        assert_eq!(path_of(&s, "src/index.md", fm).as_deref(), Some("/"));
        assert_eq!(
            path_of(&s, "src/a.md", "---\npermalink: /b/c.html\n---\n").as_deref(),
            Some("/b/c.html")
        );
        assert_eq!(
            path_of(
                &s,
                "src/a.md",
                "---\npermalink: \"/{{ page.fileSlug }}/\"\n---\n"
            ),
            None
        );
        assert_eq!(
            path_of(&s, "src/a.md", "---\npermalink: false\n---\n"),
            None
        );
        assert_eq!(
            passthrough(&s),
            [
                Passthrough {
                    from: "src/img".into(),
                    to: "img".into()
                },
                Passthrough {
                    from: "assets/fonts".into(),
                    to: "fonts".into()
                },
            ]
        );
    }

    #[test]
    fn a_permalink_from_a_data_file_is_not_guessed() {
        let (_d, s) = site(&[
            (
                "eleventy.config.js",
                "export default function (c) { return { dir: { input: \"src\" } }; }\n",
            ),
            (
                "src/blog/blog.json",
                "{ \"permalink\": \"/blog/{{ page.fileSlug }}/\" }\n",
            ),
            ("src/notes/notes.json", "{ \"layout\": \"note.njk\" }\n"),
        ]);
        let fm = "---\ntitle: x\n---\n";
        assert_eq!(path_of(&s, "src/blog/2024-01-02-a.md", fm), None);
        assert_eq!(
            path_of(&s, "src/notes/b.md", fm).as_deref(),
            Some("/notes/b/")
        );
    }
}
