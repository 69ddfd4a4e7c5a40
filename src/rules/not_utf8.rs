//! PL102 not-utf8: the file's bytes are not UTF-8.

use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::text::legacy;

declare_rule! {
    /// ## What it does
    /// Reports a file that is not valid UTF-8, at the first byte that is not,
    /// and names the legacy encoding it most likely is: the one it declares
    /// (a top-level `encoding:` or `charset:` front matter key, a
    /// `<meta charset>` tag in the head of an HTML document, a UTF-16 byte
    /// order mark; a charset merely mentioned in the text or in a code
    /// sample declares nothing), or the one among
    /// Windows-1252, -1250, -1251, -1253, -1254, Shift_JIS, EUC-JP, GBK,
    /// Big5 and EUC-KR whose reading is most like real text. A binary file
    /// (one with NUL bytes) is reported as such.
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
    /// The fix rewrites the file as UTF-8 from the named encoding. Safe when
    /// the file declares its encoding; unsafe when it is a guess (Greek
    /// Windows-1253 also reads as Cyrillic Windows-1251, for one). No fix
    /// for a binary file, or one that reads as none of these encodings. The
    /// other rules do not run on the file until it is UTF-8.
    pub static RULE {
        code: "PL102",
        name: "not-utf8",
        summary: "file is not valid UTF-8",
        severity: Error,
        run: Reader,
        fix: Sometimes,
    }
}

/// The finding for a file whose first invalid byte is at `offset`, with a
/// fix that rewrites the whole file as UTF-8 from its most likely encoding.
pub fn diagnostic(bytes: &[u8], offset: usize, bad_bytes: &[u8], binary: bool) -> Diagnostic {
    let shown: Vec<String> = bad_bytes
        .iter()
        .take(4)
        .map(|b| format!("0x{b:02X}"))
        .collect();
    let shown = shown.join(" ");
    let range = offset..offset + bad_bytes.len();
    if binary {
        return Diagnostic::new(&RULE, range, "file looks binary, not a text post")
            .with_label(format!("first byte that is not UTF-8: {shown}"))
            .with_help("remove the file from the checked paths or exclude it in `postlint.toml`");
    }
    let Some(guess) = legacy::guess(bytes) else {
        return Diagnostic::new(
            &RULE,
            range,
            format!("file is not valid UTF-8: byte {shown} at offset {offset}"),
        )
        .with_label("first invalid byte")
        .with_help("save the file as UTF-8; the other rules did not run on it");
    };
    let name = guess.encoding.name();
    // What the first bad byte says in the guessed encoding, for the label.
    let (as_text, _) = guess.encoding.decode_without_bom_handling(bad_bytes);
    let applicability = if guess.certain {
        Applicability::Safe
    } else {
        Applicability::Unsafe
    };
    let how = if guess.certain {
        "declares"
    } else {
        "reads as"
    };
    Diagnostic::new(
        &RULE,
        range,
        format!("file is not valid UTF-8 (byte {shown} at offset {offset}); it {how} {name}"),
    )
    .with_label(format!("`{}` in {name}", as_text.trim()))
    .with_help(format!(
        "convert the file from {name} to UTF-8; the other rules did not run on it"
    ))
    .with_fix(Fix::replace(
        format!("convert the file from {name} to UTF-8"),
        applicability,
        0..bytes.len(),
        guess.text,
    ))
}

#[cfg(test)]
mod tests {
    use super::RULE;

    #[test]
    fn message_names_byte_offset_and_encoding() {
        let bytes = b"---\ntitle: caf\xE9\n---\n";
        let d = super::diagnostic(bytes, 14, &[0xE9], false);
        assert_eq!(
            d.message,
            "file is not valid UTF-8 (byte 0xE9 at offset 14); it reads as windows-1252"
        );
        assert_eq!(d.label.as_deref(), Some("`é` in windows-1252"));
        assert_eq!(d.range, 14..15);
        let fix = d.fix.unwrap();
        assert_eq!(fix.edits[0].content, "---\ntitle: café\n---\n");
        assert_eq!(fix.edits[0].range, 0..bytes.len());
        assert_eq!(fix.applicability, crate::diagnostic::Applicability::Unsafe);
        let d = super::diagnostic(b"\x89PNG", 0, &[0x89], true);
        assert!(d.message.contains("binary"));
        assert_eq!(d.rule.code, RULE.code);
    }
}
