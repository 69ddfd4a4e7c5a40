//! Control characters made visible in file names and messages, for every
//! text output format: a crafted file name or post must not be able to start
//! a new line (and with it a GitHub workflow command such as `::error`), move
//! the terminal's cursor, or reorder the text around it.

use std::borrow::Cow;

/// Whether `c` must not reach a terminal or a log line as it is: C0 controls
/// (line breaks and tab included), DEL, C1 controls, the line and paragraph
/// separators, and the bidirectional embeddings, overrides and isolates.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// `s` with each unsafe character written as a Rust-style escape (`\n`,
/// `\r`, `\t`, `\u{1b}`, `\u{202e}`); other text, backslashes included, is
/// kept as it is. Borrows when there is nothing to escape.
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        push_escaped(&mut out, c);
    }
    Cow::Owned(out)
}

/// JSON text with every unsafe character that serde_json leaves raw (the
/// line separators and bidirectional controls; it already escapes C0) as a
/// `\uXXXX` escape: the same data once decoded, but a JSON report shown in a
/// log cannot reorder the text around it. Outside strings JSON holds none.
pub fn json_text(json: &str) -> Cow<'_, str> {
    if !json.chars().any(is_unsafe) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if is_unsafe(c) && !matches!(c, '\n' | '\t' | '\r') {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Pushes `c`, escaped if it is unsafe.
pub fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if is_unsafe(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
        c => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn json_text_escapes_what_serde_json_leaves_raw() {
        let json = serde_json::to_string_pretty(&serde_json::json!({
            "file": "d\u{202e}x\u{2066}.md",
            "message": "a\u{85}b\u{1b}c",
        }))
        .unwrap();
        let text = super::json_text(&json);
        assert!(
            !text.contains(['\u{202e}', '\u{2066}', '\u{85}', '\u{1b}']),
            "{text}"
        );
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["file"], "d\u{202e}x\u{2066}.md");
        assert_eq!(back["message"], "a\u{85}b\u{1b}c");
    }

    use super::*;

    #[test]
    fn escapes_controls_and_bidi_only() {
        assert_eq!(escape("a.html"), "a.html");
        assert!(matches!(escape("é 😀 \\ x"), Cow::Borrowed(_)));
        assert_eq!(
            escape("a\n::error::x\r\t\u{1b}[2J\u{7f}\u{85}\u{9b}"),
            "a\\n::error::x\\r\\t\\u{1b}[2J\\u{7f}\\u{85}\\u{9b}"
        );
        assert_eq!(
            escape("\u{202a}\u{202e}gpj.exe\u{2066}\u{2069}\u{2028}"),
            "\\u{202a}\\u{202e}gpj.exe\\u{2066}\\u{2069}\\u{2028}"
        );
        // What is left is one line without control or bidi characters.
        let all: String = (0..0x3000u32).filter_map(char::from_u32).collect();
        assert!(!escape(&all).chars().any(is_unsafe));
    }
}
