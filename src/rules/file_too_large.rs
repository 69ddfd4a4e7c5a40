//! PL903 file-too-large: a file over the size limit is not read.

use crate::diagnostic::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Reports a file larger than `files.max-file-size` bytes (10 MiB by
    /// default) and leaves it unread.
    ///
    /// ## Why is this bad?
    /// Posts are a few kilobytes. A file this large is an export, a log or a
    /// data dump that does not belong among the posts, and reading it would
    /// slow every run.
    ///
    /// ## Example
    /// A 50 MB `archive.html` in `_posts/`.
    ///
    /// ## Fix safety
    /// No fix.
    ///
    /// ## Options
    /// `files.max-file-size`.
    pub static RULE {
        code: "PL903",
        name: "file-too-large",
        summary: "file is over the size limit",
        severity: Error,
        run: Reader,
        fix: None,
    }
}

pub fn diagnostic(size: u64, limit: u64) -> Diagnostic {
    Diagnostic::new(
        &RULE,
        0..0,
        format!("file is {size} bytes, over the limit of {limit} bytes"),
    )
    .with_help("exclude the file, or raise `files.max-file-size` in `postlint.toml`")
}

#[cfg(test)]
mod tests {
    use super::RULE;

    #[test]
    fn names_size_and_limit() {
        let d = super::diagnostic(20, 10);
        assert_eq!(d.message, "file is 20 bytes, over the limit of 10 bytes");
        assert_eq!(d.rule.code, RULE.code);
    }
}
