//! A post parsed once: the source text, where its front matter and body are,
//! the front matter's value and key spans. The body's HTML is parsed once
//! per check by `crate::body`.

pub mod front_matter;
pub mod keys;
mod pelican;
mod pelican_html;
pub mod read;
pub mod split;

use std::cell::OnceCell;
use std::path::{Path, PathBuf};

use crate::location::{LineIndex, LineTable};
use crate::span::Span;

pub use front_matter::{FrontMatter, FrontMatterError};
pub use split::{FrontMatterKind, Split};

/// The markup of the body, from the file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyFormat {
    Html,
    Markdown,
}

impl BodyFormat {
    pub fn from_path(path: &Path) -> BodyFormat {
        match path.extension().and_then(|e| e.to_str()) {
            Some(ext)
                if ["md", "markdown", "mdown", "mkd", "mkdn", "mdx"]
                    .iter()
                    .any(|m| ext.eq_ignore_ascii_case(m)) =>
            {
                BodyFormat::Markdown
            }
            _ => BodyFormat::Html,
        }
    }
}

/// How a site writes front matter: `---`/`+++` blocks everywhere but on
/// Pelican sites, whose posts open with metadata lines. Chosen by the site's
/// generator, never guessed from the file: a `Title:` line in a Jekyll post
/// is body text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Metadata {
    #[default]
    Delimited,
    Pelican,
}

impl Metadata {
    /// The front matter syntax of the files `settings` apply to.
    pub fn of(settings: &crate::config::Settings) -> Metadata {
        settings
            .config
            .site
            .generator
            .map_or(Metadata::Delimited, Metadata::of_generator)
    }

    /// The front matter syntax of `generator`'s content files.
    pub fn of_generator(generator: crate::site::Generator) -> Metadata {
        match generator {
            crate::site::Generator::Pelican => Metadata::Pelican,
            _ => Metadata::Delimited,
        }
    }
}

/// One post. Every span points into `source`, the file's text byte for byte.
#[derive(Debug)]
pub struct Post {
    pub path: PathBuf,
    pub source: String,
    pub format: BodyFormat,
    /// The front matter block's position; `None` when the file has none.
    pub split: Option<Split>,
    pub front_matter: Option<FrontMatter>,
    /// The body: after the front matter, or the whole file (after a BOM) without one.
    pub body: Span,
    /// Line starts, built when a stage first needs a line or a column.
    lines: OnceCell<LineTable>,
}

impl Post {
    /// Parses `source`; never fails: problems are recorded for the rules to report.
    pub fn parse(path: PathBuf, source: String, max_front_matter_size: usize) -> Post {
        Post::parse_with(path, source, max_front_matter_size, Metadata::Delimited)
    }

    /// A file's bytes as the post `settings` read: `None` when they are not
    /// text (a pass over a whole run skips such files; the linter reports them).
    pub fn of_bytes(
        path: &Path,
        bytes: Vec<u8>,
        settings: &crate::config::Settings,
    ) -> Option<Post> {
        let read::Decoded::Text(source) = read::decode(bytes) else {
            return None;
        };
        Some(Post::parse_with(
            path.to_path_buf(),
            source,
            settings.config.files.max_front_matter_size,
            Metadata::of(settings),
        ))
    }

    /// Parses `source` whose front matter is written as `metadata` says.
    pub fn parse_with(
        path: PathBuf,
        source: String,
        max_front_matter_size: usize,
        metadata: Metadata,
    ) -> Post {
        let split = match metadata {
            Metadata::Delimited => split::split(&source),
            Metadata::Pelican => pelican::split(&source, &path),
        };
        // An unclosed block runs to the end of the file: parsing the body as
        // front matter would only add noise to the one real finding (PL200).
        let front_matter = split
            .as_ref()
            .filter(|s| s.close.is_some())
            .map(|s| FrontMatter::parse(&source, s, max_front_matter_size));
        let body = match &split {
            Some(s) => s.body,
            None => Span::new(
                usize::from(source.starts_with('\u{feff}')) * 3,
                source.len(),
            ),
        };
        Post {
            format: BodyFormat::from_path(&path),
            path,
            source,
            split,
            front_matter,
            body,
            lines: OnceCell::new(),
        }
    }

    pub fn has_bom(&self) -> bool {
        self.source.starts_with('\u{feff}')
    }

    pub fn body_text(&self) -> &str {
        &self.source[self.body]
    }

    /// Lines and columns of `source`; the table is built once per post.
    pub fn line_index(&self) -> LineIndex<'_> {
        let table = self.lines.get_or_init(|| LineTable::new(&self.source));
        LineIndex::with_table(&self.source, table)
    }

    /// The line table, when a stage built one, for the report to reuse.
    pub fn take_line_table(&mut self) -> Option<LineTable> {
        self.lines.take()
    }

    /// The front matter's mapping, when it parsed.
    pub fn mapping(&self) -> Option<&serde_yaml::Mapping> {
        self.front_matter.as_ref()?.mapping.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{post, post_at};

    #[test]
    fn seed_shaped_post() {
        let src = "---\nlayout: post\ntitle: \"Huawei\"\ndate: Tue, 14 May 2019 17:01:53 +0200\n---\n\n<p>Het <b>Chinese</b> bedrijf</p>\n";
        let post = post(src);
        let fm = post.front_matter.as_ref().unwrap();
        assert_eq!(fm.entries.len(), 3);
        assert_eq!(
            &src[fm.value_span("date")],
            "Tue, 14 May 2019 17:01:53 +0200"
        );
        assert_eq!(post.body_text(), "\n<p>Het <b>Chinese</b> bedrijf</p>\n");
        let body = crate::body::Body::parse(&post);
        assert_eq!(
            body.html.elements.iter().filter(|e| e.name == "b").count(),
            1
        );
        assert_eq!(post.format, BodyFormat::Html);
    }

    #[test]
    fn no_front_matter() {
        let post = post_at("README.md", "\u{feff}# Hi\n");
        assert!(post.split.is_none());
        assert_eq!(post.body, 3..post.source.len());
        assert!(post.has_bom());
        assert_eq!(post.format, BodyFormat::Markdown);
    }

    #[test]
    fn mdx_and_mkdn_are_markdown() {
        for name in ["a.mdx", "a.MDX", "a.mkdn", "a.markdown"] {
            assert_eq!(BodyFormat::from_path(Path::new(name)), BodyFormat::Markdown);
        }
        assert_eq!(BodyFormat::from_path(Path::new("a.htm")), BodyFormat::Html);
    }
}
