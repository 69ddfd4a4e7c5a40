//! Each generator's slugify, as its source does it, for the URL parts made
//! from titles and file names. A name a generator would transliterate
//! (Zola's and Pelican's `é` → `e`) gives `None`: postlint does not guess.

/// Jekyll's `Utils.slugify`: `default` replaces runs of anything but
/// letters, marks and digits with `-`; `pretty` also keeps `._~!$&'()+,;=@`.
/// One leading and one trailing `-` go; lower case unless `cased`.
pub fn jekyll(text: &str, pretty: bool, cased: bool) -> String {
    let keep = |c: char| c.is_alphanumeric() || (pretty && "._~!$&'()+,;=@".contains(c));
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        if keep(c) {
            out.push(c);
            dash = false;
        } else if !dash {
            out.push('-');
            dash = true;
        }
    }
    let out = out.strip_prefix('-').unwrap_or(&out);
    let out = out.strip_suffix('-').unwrap_or(out);
    if cased {
        out.to_string()
    } else {
        out.to_lowercase()
    }
}

/// Hugo's `urlize` (`PathSpec.MakePath`, then lower case).
pub fn hugo(text: &str) -> String {
    hugo_path(text).to_lowercase()
}

/// Hugo's `PathSpec.MakePath`: white space becomes `-`, letters, digits,
/// marks and `._-/#+~` stay, the rest goes.
pub fn hugo_path(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_whitespace() {
            out.push('-');
        } else if c.is_alphanumeric() || "._-/#+~".contains(c) {
            out.push(c);
        }
    }
    out
}

/// The `slug` crate as Zola's `slugify.paths = "on"` uses it: ASCII letters
/// and digits lower-cased, every other run one `-`, none at the ends.
/// `None` for text with non-ASCII letters (the crate transliterates them).
pub fn zola_on(text: &str) -> Option<String> {
    if text.chars().any(|c| !c.is_ascii() && c.is_alphanumeric()) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
            dash = false;
        } else if !dash && !out.is_empty() {
            out.push('-');
            dash = true;
        }
    }
    if out.ends_with('-') {
        out.pop();
    }
    Some(out)
}

/// Zola's `slugify.paths = "safe"`: only the characters no file system
/// takes go; case and the rest stay.
pub fn zola_safe(text: &str) -> String {
    text.trim()
        .chars()
        .filter(|c| !"<>:/|?*#\\()[]\t\r\n".contains(*c))
        .collect()
}

/// Pelican's `slugify` with its default substitutions: lower case, drop
/// what is not a word character, blank or `-`, then runs of blanks and `-`
/// become one `-`. `None` for non-ASCII letters (Pelican transliterates).
pub fn pelican(text: &str) -> Option<String> {
    if text.chars().any(|c| !c.is_ascii() && c.is_alphanumeric()) {
        return None;
    }
    let kept: String = text
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-' || c.is_whitespace())
        .collect();
    let mut out = String::with_capacity(kept.len());
    let mut dash = false;
    for c in kept.trim().chars() {
        if c == '-' || c.is_whitespace() {
            if !dash {
                out.push('-');
                dash = true;
            }
        } else {
            out.push(c.to_ascii_lowercase());
            dash = false;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jekyll_modes_as_its_docs_show() {
        // The examples of `Utils.slugify`'s doc comment.
        assert_eq!(
            jekyll("The _config.yml file", false, false),
            "the-config-yml-file"
        );
        assert_eq!(
            jekyll("The _config.yml file", true, false),
            "the-_config.yml-file"
        );
        assert_eq!(
            jekyll("The _config.yml file", true, true),
            "The-_config.yml-file"
        );
        assert_eq!(jekyll("  Hello, World!  ", false, false), "hello-world");
    }

    #[test]
    fn hugo_zola_and_pelican() {
        assert_eq!(hugo("My First Post!"), "my-first-post");
        assert_eq!(
            zola_on("2024 Hello, World!").as_deref(),
            Some("2024-hello-world")
        );
        assert_eq!(zola_on("Ça va"), None);
        assert_eq!(zola_safe("a:b/c Title"), "abc Title");
        assert_eq!(
            pelican("My super title!").as_deref(),
            Some("my-super-title")
        );
        assert_eq!(pelican("a -- b").as_deref(), Some("a-b"));
    }
}
