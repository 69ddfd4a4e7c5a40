//! The part of a site's `.editorconfig` that states a white-space
//! convention: `trim_trailing_whitespace` and `insert_final_newline` in
//! sections that plainly name the posts' files (`[*]`, `[*.md]`,
//! `[*.{md,html}]`, `[**.md]`, `[**/*.md]`). Sections with folders or other
//! glob forms are passed over: a convention postlint is not sure of is no
//! convention, and the site's files then decide (see `gate`).

use std::path::Path;

/// A `.editorconfig` is a few hundred bytes; anything past this is not read.
const MAX_BYTES: u64 = 64 * 1024;
/// Sections considered, so a crafted file cannot make matching slow.
const MAX_SECTIONS: usize = 256;
/// Folders looked at above a site's root.
const MAX_DEPTH: usize = 32;

/// A white-space property of `.editorconfig`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Property {
    TrimTrailingWhitespace,
    InsertFinalNewline,
}

impl Property {
    pub fn key(self) -> &'static str {
        match self {
            Property::TrimTrailingWhitespace => "trim_trailing_whitespace",
            Property::InsertFinalNewline => "insert_final_newline",
        }
    }
}

/// The simple sections of one `.editorconfig`, in file order.
#[derive(Debug, Default, Clone)]
pub struct EditorConfig {
    sections: Vec<Section>,
    /// `root = true` before the first section: no file above counts.
    root: bool,
}

#[derive(Debug, Clone)]
struct Section {
    /// `None` matches every file (`*`, `**`); else the extensions it names.
    extensions: Option<Vec<String>>,
    /// Outer `Some`: the section sets it; inner `None`: to `unset`.
    trim_trailing_whitespace: Option<Option<bool>>,
    insert_final_newline: Option<Option<bool>>,
}

impl EditorConfig {
    /// The `.editorconfig` files that apply to a site at `root`, as
    /// EditorConfig finds them: in `root` and the folders above it, nearer
    /// ones winning, up to one that says `root = true`. Never above the
    /// repository (the nearest folder holding `.git`), and only `root`
    /// itself outside a repository: nothing outside the checkout is read.
    pub fn for_site(root: &Path) -> EditorConfig {
        let top = root
            .ancestors()
            .take(MAX_DEPTH)
            .find(|dir| dir.join(".git").exists())
            .unwrap_or(root);
        let mut files = Vec::new();
        for dir in root.ancestors().take(MAX_DEPTH) {
            let file = EditorConfig::read(dir);
            let stop = file.root;
            files.push(file);
            if stop || dir == top {
                break;
            }
        }
        // Farther files first: a later section wins.
        let mut all = EditorConfig::default();
        for file in files.into_iter().rev() {
            all.sections.extend(file.sections);
        }
        all
    }

    /// Reads `dir/.editorconfig`: a regular file only (a symlink could point
    /// out of the site), capped. Missing or unreadable: no convention.
    pub fn read(dir: &Path) -> EditorConfig {
        match super::read_site_file(&dir.join(".editorconfig"), MAX_BYTES) {
            Some(text) => EditorConfig::parse(&text),
            None => EditorConfig::default(),
        }
    }

    /// Parses the text of a `.editorconfig`; what it does not understand is skipped.
    pub fn parse(text: &str) -> EditorConfig {
        let mut sections: Vec<Section> = Vec::new();
        let mut root = false;
        let mut preamble = true;
        // Properties before the first section (`root = true`) belong to none.
        let mut current: Option<Section> = None;
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
                continue;
            }
            if let Some(glob) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                preamble = false;
                if let Some(done) = current.take() {
                    sections.push(done);
                }
                if sections.len() >= MAX_SECTIONS {
                    break;
                }
                current = simple_glob(glob).map(|extensions| Section {
                    extensions,
                    trim_trailing_whitespace: None,
                    insert_final_newline: None,
                });
                continue;
            }
            if preamble {
                if let Some((key, value)) = line.split_once('=') {
                    root |= key.trim().eq_ignore_ascii_case("root")
                        && value.trim().eq_ignore_ascii_case("true");
                }
                continue;
            }
            let (Some(section), Some((key, value))) = (current.as_mut(), line.split_once('='))
            else {
                continue;
            };
            let value = match value.trim().to_ascii_lowercase().as_str() {
                "true" => Some(true),
                "false" => Some(false),
                // `unset` and anything else: back to no convention.
                _ => None,
            };
            match key.trim().to_ascii_lowercase().as_str() {
                "trim_trailing_whitespace" => section.trim_trailing_whitespace = Some(value),
                "insert_final_newline" => section.insert_final_newline = Some(value),
                _ => {}
            }
        }
        if let Some(done) = current {
            sections.push(done);
        }
        EditorConfig { sections, root }
    }

    /// What the file says of `property` for files named `*.extension`: the
    /// last matching section that sets it wins, as in EditorConfig.
    pub fn get(&self, property: Property, extension: &str) -> Option<bool> {
        let mut found = None;
        for s in &self.sections {
            let matches = s
                .extensions
                .as_ref()
                .is_none_or(|exts| exts.iter().any(|e| e.eq_ignore_ascii_case(extension)));
            if !matches {
                continue;
            }
            let value = match property {
                Property::TrimTrailingWhitespace => s.trim_trailing_whitespace,
                Property::InsertFinalNewline => s.insert_final_newline,
            };
            if let Some(value) = value {
                found = value;
            }
        }
        found
    }
}

/// The extensions a section glob names: `Some(None)` for every file,
/// `Some(Some(exts))` for `*.md`, `*.{md,html}`, `**.md` or `**/*.md`, and
/// `None` for any other form (folders, character classes, ranges).
fn simple_glob(glob: &str) -> Option<Option<Vec<String>>> {
    let glob = glob.trim();
    if glob == "*" || glob == "**" {
        return Some(None);
    }
    let rest = glob
        .strip_prefix("**/*.")
        .or_else(|| glob.strip_prefix("**."))
        .or_else(|| glob.strip_prefix("*."))?;
    let names: Vec<&str> = match rest.strip_prefix('{').and_then(|r| r.strip_suffix('}')) {
        Some(list) => list.split(',').map(str::trim).collect(),
        None => vec![rest],
    };
    let plain = |n: &&str| {
        !n.is_empty()
            && n.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    };
    if !names.iter().all(plain) {
        return None;
    }
    Some(Some(names.into_iter().map(String::from).collect()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_sections_and_the_last_one_wins() {
        let ec = EditorConfig::parse(
            "root = true\n\n[*]\ntrim_trailing_whitespace = true\ninsert_final_newline = true\n\n[*.{md,markdown}]\ntrim_trailing_whitespace = false\n",
        );
        let trim = Property::TrimTrailingWhitespace;
        assert_eq!(ec.get(trim, "md"), Some(false));
        assert_eq!(ec.get(trim, "html"), Some(true));
        assert_eq!(ec.get(Property::InsertFinalNewline, "md"), Some(true));
    }

    #[test]
    fn folder_sections_and_odd_globs_are_passed_over() {
        let ec = EditorConfig::parse(
            "[_posts/*.md]\ntrim_trailing_whitespace = true\n[*.[mh]d]\ninsert_final_newline = true\n[**.md]\ninsert_final_newline = false\n",
        );
        assert_eq!(ec.get(Property::TrimTrailingWhitespace, "md"), None);
        assert_eq!(ec.get(Property::InsertFinalNewline, "md"), Some(false));
        assert_eq!(ec.get(Property::InsertFinalNewline, "html"), None);
    }

    #[test]
    fn unset_and_nonsense_values_are_no_convention() {
        let ec = EditorConfig::parse(
            "[*]\ntrim_trailing_whitespace = true\n[*.md]\ntrim_trailing_whitespace = unset\n",
        );
        assert_eq!(ec.get(Property::TrimTrailingWhitespace, "md"), None);
        assert_eq!(ec.get(Property::TrimTrailingWhitespace, "html"), Some(true));
        assert!(EditorConfig::parse("[\n=\n[*]\n= true\n").sections.len() == 1);
    }

    #[test]
    fn files_above_the_site_count_up_to_the_repository() {
        let repo = tempfile::tempdir().unwrap();
        let docs = repo.path().join("docs");
        std::fs::create_dir_all(repo.path().join(".git")).unwrap();
        std::fs::create_dir_all(&docs).unwrap();
        std::fs::write(
            repo.path().join(".editorconfig"),
            "root = true\n[*]\ntrim_trailing_whitespace = true\ninsert_final_newline = true\n",
        )
        .unwrap();
        std::fs::write(
            docs.join(".editorconfig"),
            "[*.md]\ninsert_final_newline = false\n",
        )
        .unwrap();
        let ec = EditorConfig::for_site(&docs);
        assert_eq!(ec.get(Property::TrimTrailingWhitespace, "md"), Some(true));
        assert_eq!(ec.get(Property::InsertFinalNewline, "md"), Some(false));
        // `root = true` in the site's own file: nothing above counts.
        std::fs::write(
            docs.join(".editorconfig"),
            "root=true\n[*.md]\ninsert_final_newline = false\n",
        )
        .unwrap();
        let ec = EditorConfig::for_site(&docs);
        assert_eq!(ec.get(Property::TrimTrailingWhitespace, "md"), None);
        // Outside a repository only the site's own folder is read.
        let plain = tempfile::tempdir().unwrap();
        let site = plain.path().join("site");
        std::fs::create_dir_all(&site).unwrap();
        std::fs::write(
            plain.path().join(".editorconfig"),
            "[*]\ntrim_trailing_whitespace = true\n",
        )
        .unwrap();
        assert_eq!(
            EditorConfig::for_site(&site).get(Property::TrimTrailingWhitespace, "md"),
            None
        );
    }

    #[test]
    fn a_linked_editorconfig_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let target = outside.path().join("ec");
        std::fs::write(&target, "[*]\ntrim_trailing_whitespace = true\n").unwrap();
        std::os::unix::fs::symlink(&target, dir.path().join(".editorconfig")).unwrap();
        let ec = EditorConfig::read(dir.path());
        assert_eq!(ec.get(Property::TrimTrailingWhitespace, "md"), None);
        std::fs::write(
            outside.path().join(".editorconfig"),
            "[*.md]\ninsert_final_newline = true\n",
        )
        .unwrap();
        let ec = EditorConfig::read(outside.path());
        assert_eq!(ec.get(Property::InsertFinalNewline, "md"), Some(true));
    }
}
