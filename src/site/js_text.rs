//! Reading JavaScript and TypeScript configs (Astro, Next.js, Docusaurus)
//! as text, never running them: comments blanked, string literals found by
//! key, and the balanced argument of a call. Anything written otherwise
//! than as a literal is not understood, and the callers then assume the
//! least (no required key, the generator's default folders).

/// `text` with `//` and `/* */` comments replaced by spaces, string
/// literals kept, so a comment's commas, colons and brackets do not count.
/// Offsets stay those of `text`.
pub fn without_comments(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = bytes.to_vec();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            q @ (b'"' | b'\'' | b'`') => i = string_end(bytes, i, q),
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    out[i] = b' ';
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let end = text[i + 2..]
                    .find("*/")
                    .map_or(bytes.len(), |e| i + 2 + e + 2);
                for b in &mut out[i..end] {
                    // Line breaks stay, so line-based readers keep their lines.
                    if *b != b'\n' {
                        *b = b' ';
                    }
                }
                i = end;
            }
            _ => i += 1,
        }
    }
    // Only ASCII bytes were replaced by ASCII spaces, and a multi-byte
    // character is never split: a comment is blanked whole.
    String::from_utf8(out).unwrap_or_default()
}

/// The offset just after the string literal opening with quote `q` at `i`.
fn string_end(bytes: &[u8], i: usize, q: u8) -> usize {
    let mut j = i + 1;
    while j < bytes.len() {
        match bytes[j] {
            b'\\' => j += 2,
            c if c == q => return j + 1,
            b'\n' if q != b'`' => return j + 1,
            _ => j += 1,
        }
    }
    bytes.len()
}

/// The longest bracketed text [`balanced`] reads: a config's object is a
/// few KiB, and a bound keeps many unclosed calls from costing the square
/// of the file's size.
pub const MAX_BALANCED: usize = 64 * 1024;

/// The text inside the brackets opening at `open` (`(`, `{` or `[`), up to
/// the matching close; strings are skipped. `None` when never closed within
/// [`MAX_BALANCED`] bytes.
pub fn balanced(text: &str, open: usize) -> Option<&str> {
    let bytes = text.as_bytes();
    let bytes = &bytes[..bytes.len().min(open.saturating_add(MAX_BALANCED))];
    let mut depth = 0usize;
    let mut i = open;
    while i < bytes.len() {
        match bytes[i] {
            q @ (b'"' | b'\'' | b'`') => {
                i = string_end(bytes, i, q);
                continue;
            }
            b'(' | b'{' | b'[' => depth += 1,
            b')' | b'}' | b']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return text.get(open + 1..i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The parts of `list` (the inside of an object or array literal) split at
/// its top-level commas, trimmed, empty ones left out.
pub fn top_level_items(list: &str) -> Vec<&str> {
    let bytes = list.as_bytes();
    let mut items = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            q @ (b'"' | b'\'' | b'`') => {
                i = string_end(bytes, i, q);
                continue;
            }
            b'(' | b'{' | b'[' => depth += 1,
            b')' | b'}' | b']' => depth = depth.saturating_sub(1),
            b',' if depth == 0 => {
                items.push(list[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    items.push(list[start.min(list.len())..].trim());
    items.retain(|i| !i.is_empty());
    items
}

/// An object literal's `key: value` item split in two, the key without its
/// quotes; a shorthand `key` is its own value.
pub fn key_value(item: &str) -> Option<(&str, &str)> {
    let item = item.trim();
    let (key, value) = match item.find(':') {
        Some(at) => (item[..at].trim(), item[at + 1..].trim()),
        None => (item, item),
    };
    let key = key.trim_matches(|c| c == '"' || c == '\'');
    let is_name = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '$' || c == '-');
    is_name.then_some((key, value))
}

/// Every string literal written as the value of `key` (`key: 'x'`,
/// `"key": "x"`), in order.
pub fn literals(text: &str, key: &str) -> Vec<String> {
    let pattern = format!(
        r#"["']?\b{}["']?\s*:\s*["'`]([^"'`\n]*)["'`]"#,
        regex::escape(key)
    );
    let Ok(re) = regex::Regex::new(&pattern) else {
        return Vec::new();
    };
    re.captures_iter(text)
        .filter_map(|c| c.get(1))
        .map(|m| m.as_str().to_string())
        .collect()
}

/// The first string literal written as the value of `key`.
pub fn literal(text: &str, key: &str) -> Option<String> {
    literals(text, key).into_iter().next()
}
