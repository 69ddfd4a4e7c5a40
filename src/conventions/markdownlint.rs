//! The site's own markdownlint-cli2 config (`.markdownlint-cli2.yaml` at the
//! site's root): the Markdown files it leaves out (`ignores`, such as pages
//! a tool generates) and the rules it turns on or off, for the convention
//! gate's five rules.

use std::path::Path;

use globset::{Glob, GlobSet, GlobSetBuilder};

/// Bigger than any real config; a larger file is not read.
const MAX_BYTES: u64 = 64 * 1024;
/// More globs than any real config lists.
const MAX_GLOBS: usize = 500;

/// What a site's markdownlint-cli2 config says; empty when it has none.
#[derive(Debug, Default)]
pub struct Markdownlint {
    /// `ignores`, matched on paths relative to the site's root.
    ignores: Option<GlobSet>,
    /// `config`: markdownlint rule names and aliases set to `true`/`false`
    /// (an object of options counts as on).
    rules: Vec<(String, bool)>,
}

impl Markdownlint {
    /// Reads `root/.markdownlint-cli2.yaml`: a regular file only (a symlink
    /// could point out of the site), capped; what is missing, unreadable or
    /// not understood says nothing.
    pub fn for_site(root: &Path) -> Markdownlint {
        match super::read_site_file(&root.join(".markdownlint-cli2.yaml"), MAX_BYTES) {
            Some(text) => Markdownlint::parse(&text),
            None => Markdownlint::default(),
        }
    }

    pub fn parse(text: &str) -> Markdownlint {
        let Ok(serde_yaml::Value::Mapping(top)) = serde_yaml::from_str(text) else {
            return Markdownlint::default();
        };
        let mut out = Markdownlint::default();
        if let Some(serde_yaml::Value::Sequence(globs)) = top.get("ignores") {
            let mut set = GlobSetBuilder::new();
            let mut any = false;
            for glob in globs.iter().take(MAX_GLOBS).filter_map(|g| g.as_str()) {
                // markdownlint-cli2 reads `ignores` as globby patterns from
                // the config's folder; a leading `./` means the same.
                if let Ok(g) = Glob::new(glob.trim_start_matches("./")) {
                    set.add(g);
                    any = true;
                }
            }
            out.ignores = set.build().ok().filter(|_| any);
        }
        if let Some(serde_yaml::Value::Mapping(config)) = top.get("config") {
            for (name, value) in config {
                let (Some(name), Some(on)) = (name.as_str(), switch(value)) else {
                    continue;
                };
                out.rules.push((name.to_ascii_lowercase(), on));
            }
        }
        out
    }

    /// Whether markdownlint leaves the Markdown file `rel` (relative to the
    /// site's root) out.
    pub fn ignores(&self, rel: &Path) -> bool {
        let markdown = crate::post::BodyFormat::from_path(rel) == crate::post::BodyFormat::Markdown;
        markdown && self.ignores.as_ref().is_some_and(|set| set.is_match(rel))
    }

    /// Whether the config leaves any file out.
    pub fn ignores_any(&self) -> bool {
        self.ignores.is_some()
    }

    /// Whether the config turns on (`Some(true)`) or off the markdownlint
    /// rule that checks what the postlint rule `code` checks.
    pub fn rule(&self, code: &str) -> Option<bool> {
        let names = equivalent(code)?;
        // The last mention wins, as in a YAML mapping read in order.
        self.rules
            .iter()
            .rev()
            .find(|(name, _)| names.contains(&name.as_str()))
            .map(|&(_, on)| on)
    }
}

/// `true`, `false`, or an object of options (on).
fn switch(value: &serde_yaml::Value) -> Option<bool> {
    match value {
        serde_yaml::Value::Bool(b) => Some(*b),
        serde_yaml::Value::Mapping(_) => Some(true),
        _ => None,
    }
}

/// markdownlint's name and alias for the check a gated rule makes.
fn equivalent(code: &str) -> Option<[&'static str; 2]> {
    Some(match code {
        "PL107" => ["md009", "no-trailing-spaces"],
        "PL108" => ["md047", "single-trailing-newline"],
        "PL110" => ["md012", "no-multiple-blanks"],
        "PL302" => ["md045", "no-alt-text"],
        "PL308" => ["md001", "heading-increment"],
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// gohugoio/hugoDocs: the `hugo gen doc` pages are left out, and the
    /// rules it checks are switched on by number.
    #[test]
    fn ignores_and_rule_switches() {
        let m = Markdownlint::parse(
            "globs:\n  - \"content/**/*.md\"\nignores:\n  - \"content/**/commands/**\"\n  - \"./content/LICENSE.md\"\nconfig:\n  MD009: true\n  MD012: false\n  no-alt-text: false\n  MD001:\n    level: 2\n",
        );
        assert!(m.ignores(Path::new("content/en/commands/hugo_mod_init.md")));
        assert!(m.ignores(Path::new("content/LICENSE.md")));
        assert!(!m.ignores(Path::new("content/en/about/index.md")));
        // markdownlint reads Markdown only.
        assert!(!m.ignores(Path::new("content/en/commands/x.html")));
        assert!(m.ignores_any());
        assert_eq!(m.rule("PL107"), Some(true));
        assert_eq!(m.rule("PL110"), Some(false));
        assert_eq!(m.rule("PL302"), Some(false));
        assert_eq!(m.rule("PL308"), Some(true));
        assert_eq!(m.rule("PL108"), None);
        assert_eq!(m.rule("PL301"), None);
    }

    #[test]
    fn anything_else_says_nothing() {
        for text in [
            "",
            "- a\n- b\n",
            "ignores: content\n",
            "config: 3\n",
            ": : :\n",
        ] {
            let m = Markdownlint::parse(text);
            assert!(!m.ignores(Path::new("content/a.md")), "{text}");
            assert_eq!(m.rule("PL107"), None, "{text}");
        }
    }

    #[test]
    fn missing_file_and_symlinked_file_say_nothing() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!Markdownlint::for_site(dir.path()).ignores(Path::new("a.md")));
        let outside = tempfile::tempdir().unwrap();
        let target = outside.path().join("cfg.yaml");
        std::fs::write(&target, "ignores:\n  - \"**\"\n").unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&target, dir.path().join(".markdownlint-cli2.yaml"))
                .unwrap();
            assert!(!Markdownlint::for_site(dir.path()).ignores(Path::new("a.md")));
        }
        // The same text in a regular file is read.
        std::fs::copy(&target, outside.path().join(".markdownlint-cli2.yaml")).unwrap();
        assert!(Markdownlint::for_site(outside.path()).ignores(Path::new("a.md")));
    }
}
