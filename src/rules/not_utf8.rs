//! PL102 not-utf8: the file's bytes are not UTF-8.

use crate::diagnostic::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Reports a file that is not valid UTF-8, at the first byte that is not,
    /// and a binary file (one with NUL bytes) as such.
    ///
    /// ## Why is this bad?
    /// Static site generators read posts as UTF-8. A post saved in a legacy
    /// encoding such as Windows-1252 shows broken characters on the site, or
    /// stops the build.
    ///
    /// ## Example
    /// A post saved by an old editor as Windows-1252, where `é` is the single
    /// byte `0xE9`:
    /// ```text
    /// title: Caf\xE9
    /// ```
    ///
    /// ## Fix safety
    /// No fix yet: the other rules do not run on such a file until it is saved
    /// as UTF-8.
    pub static RULE {
        code: "PL102",
        name: "not-utf8",
        summary: "file is not valid UTF-8",
        severity: Error,
        check: None,
    }
}

/// The finding for a file whose first invalid byte is at `offset`.
pub fn diagnostic(offset: usize, bad_bytes: &[u8], binary: bool) -> Diagnostic {
    let shown: Vec<String> = bad_bytes
        .iter()
        .take(4)
        .map(|b| format!("0x{b:02X}"))
        .collect();
    let shown = shown.join(" ");
    if binary {
        Diagnostic::new(
            &RULE,
            offset..offset + bad_bytes.len(),
            "file looks binary, not a text post",
        )
        .with_label(format!("first byte that is not UTF-8: {shown}"))
        .with_help("remove the file from the checked paths or exclude it in `postlint.toml`")
    } else {
        Diagnostic::new(
            &RULE,
            offset..offset + bad_bytes.len(),
            format!("file is not valid UTF-8: byte {shown} at offset {offset}"),
        )
        .with_label("first invalid byte")
        .with_help("save the file as UTF-8; the other rules did not run on it")
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;

    #[test]
    fn message_names_byte_and_offset() {
        let d = super::diagnostic(14, &[0xE9], false);
        assert_eq!(d.message, "file is not valid UTF-8: byte 0xE9 at offset 14");
        assert_eq!(d.range, 14..15);
        let d = super::diagnostic(0, &[0x89], true);
        assert!(d.message.contains("binary"));
        assert!(std::ptr::eq(d.rule, &RULE));
    }
}
