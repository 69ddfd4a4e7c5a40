//! Paths as CI services want them: relative to the repository root with `/`
//! separators, and as URI references for SARIF.

use std::path::{Component, Path, PathBuf};

/// Turns the paths reports carry (as walked, often relative to the working
/// folder) into paths relative to the repository root.
#[derive(Debug, Clone)]
pub struct RepoPaths {
    /// The working folder relative paths start from; absolute.
    pub cwd: PathBuf,
    /// The repository root; absolute. Paths outside it stay absolute.
    pub root: PathBuf,
}

impl RepoPaths {
    /// Paths relative to `dir` both ways; for tests and for runs outside a repository.
    pub fn at(dir: impl Into<PathBuf>) -> RepoPaths {
        let dir = dir.into();
        RepoPaths {
            cwd: dir.clone(),
            root: dir,
        }
    }

    /// The nearest folder at or above `cwd` holding `.git` (a folder, or a
    /// file in a worktree), else `cwd` itself.
    pub fn discover(cwd: PathBuf) -> RepoPaths {
        let root = cwd
            .ancestors()
            .find(|dir| dir.join(".git").exists())
            .map_or_else(|| cwd.clone(), Path::to_path_buf);
        RepoPaths { cwd, root }
    }

    /// `path` relative to the root with `/` separators, or absolute (also with
    /// `/`) when it lies outside the root.
    pub fn relative(&self, path: &Path) -> String {
        let absolute = normalize(&self.cwd.join(path));
        match absolute.strip_prefix(&self.root) {
            Ok(rel) => slashes(rel),
            Err(_) => slashes(&absolute),
        }
    }

    /// `path` as a URI reference: relative to the root when inside it
    /// (`(uri, true)`), else an absolute `file://` URI (`(uri, false)`).
    pub fn uri(&self, path: &Path) -> (String, bool) {
        let absolute = normalize(&self.cwd.join(path));
        match absolute.strip_prefix(&self.root) {
            Ok(rel) => (percent_encode(&slashes(rel)), true),
            Err(_) => (file_uri(&absolute), false),
        }
    }

    /// The root as a `file://` URI ending in `/`, for SARIF's `originalUriBaseIds`.
    pub fn root_uri(&self) -> String {
        let mut uri = file_uri(&self.root);
        if !uri.ends_with('/') {
            uri.push('/');
        }
        uri
    }
}

/// Removes `.` and folds `..` without touching the file system (symbolic
/// links are not resolved: the user's spelling of the path is kept).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push(c);
                }
            }
            other => out.push(other),
        }
    }
    out
}

fn slashes(path: &Path) -> String {
    let parts: Vec<String> = path
        .components()
        .filter_map(|c| match c {
            Component::RootDir => Some(String::new()),
            Component::Prefix(p) => Some(p.as_os_str().to_string_lossy().into_owned()),
            Component::CurDir => None,
            other => Some(other.as_os_str().to_string_lossy().into_owned()),
        })
        .collect();
    if parts == [""] {
        return "/".into();
    }
    parts.join("/")
}

fn file_uri(absolute: &Path) -> String {
    let path = slashes(absolute);
    if path.starts_with('/') {
        format!("file://{}", percent_encode(&path))
    } else {
        // A Windows path (`C:/x`) needs the third slash.
        format!("file:///{}", percent_encode(&path))
    }
}

/// Escapes every byte a URI path may not hold as is (RFC 3986: unreserved
/// characters, sub-delimiters other than those with meaning here, `/`, `:`, `@`).
fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'-' | b'.'
                    | b'_'
                    | b'~'
                    | b'/'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
                    | b'@'
                    | b':'
            );
        if keep {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_to_the_repository_root() {
        let p = RepoPaths {
            cwd: "/repo/site".into(),
            root: "/repo".into(),
        };
        assert_eq!(p.relative(Path::new("_posts/a.html")), "site/_posts/a.html");
        assert_eq!(p.relative(Path::new("./_posts/../b.md")), "site/b.md");
        assert_eq!(p.relative(Path::new("/elsewhere/c.md")), "/elsewhere/c.md");
        assert_eq!(p.relative(Path::new("/repo/d.md")), "d.md");
    }

    #[test]
    fn uris_are_escaped() {
        let p = RepoPaths::at("/repo");
        assert_eq!(
            p.uri(Path::new("_posts/mijn post#1 é.html")),
            ("_posts/mijn%20post%231%20%C3%A9.html".to_string(), true)
        );
        assert_eq!(
            p.uri(Path::new("/tmp/a b.md")),
            ("file:///tmp/a%20b.md".to_string(), false)
        );
        assert_eq!(p.root_uri(), "file:///repo/");
        assert_eq!(RepoPaths::at("/").root_uri(), "file:///");
    }
}
