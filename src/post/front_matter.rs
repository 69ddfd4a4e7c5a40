//! Parsing the front matter once: the semantic value (serde_yaml `Mapping`,
//! which keeps key order and rejects duplicates) plus the spans of every key.

use serde_yaml::{Mapping, Value};

use crate::span::Span;

use super::keys::{self, Entry};
use super::split::{FrontMatterKind, Split};

/// Flow collections nested deeper than this are refused before serde_yaml
/// sees them: its parse time grows with the square of the nesting.
pub const MAX_FLOW_DEPTH: usize = 64;

/// Why the front matter has no usable value. Offsets are into the original file.
#[derive(Debug, Clone, PartialEq)]
pub enum FrontMatterError {
    TooLarge {
        size: usize,
        limit: usize,
    },
    TooDeep {
        depth: usize,
        at: usize,
    },
    Syntax {
        message: String,
        at: usize,
        /// What the parser was inside, and where that started (`flow sequence`, offset).
        context: Option<(String, usize)>,
    },
    DuplicateKey {
        key: String,
        at: usize,
    },
    NotAMapping {
        found: &'static str,
    },
}

/// The parsed front matter of one post.
#[derive(Debug, Clone)]
pub struct FrontMatter {
    pub kind: FrontMatterKind,
    /// The text between the delimiter lines.
    pub span: Span,
    /// Top-level keys in source order, duplicates included.
    pub entries: Vec<Entry>,
    /// The value, when it parsed and is a mapping (TOML is converted to the same shape).
    pub mapping: Option<Mapping>,
    pub error: Option<FrontMatterError>,
}

impl FrontMatter {
    pub fn parse(source: &str, split: &Split, max_size: usize) -> FrontMatter {
        let span = split.content;
        let text = &source[span];
        let entries = keys::scan(source, span, split.kind);
        let mut fm = FrontMatter {
            kind: split.kind,
            span,
            entries,
            mapping: None,
            error: None,
        };
        if text.len() > max_size {
            fm.error = Some(FrontMatterError::TooLarge {
                size: text.len(),
                limit: max_size,
            });
            return fm;
        }
        if split.kind == FrontMatterKind::Pelican {
            // Never YAML: Pelican reads its header as text.
            return super::pelican::front_matter(source, split);
        }
        let parsed = match split.kind {
            FrontMatterKind::Yaml => parse_yaml(text, span.start),
            FrontMatterKind::Toml => parse_toml(text, span.start),
            FrontMatterKind::Pelican => Ok(Mapping::new()),
        };
        match parsed {
            Ok(mapping) => fm.mapping = Some(mapping),
            Err(e) => fm.error = Some(e),
        }
        fm
    }

    /// The first entry for `key`.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.key == key)
    }

    /// The parsed value of `key`.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.mapping.as_ref()?.get(key)
    }

    /// The span to underline for `key`: its key as written, or the whole front
    /// matter when the scanner could not place it (flow-style front matter).
    pub fn key_span(&self, key: &str) -> Span {
        self.entry(key)
            .map(|e| e.key_span)
            .unwrap_or_else(|| self.span)
    }

    /// The span to underline for the value of `key` (the key when the value is empty).
    pub fn value_span(&self, key: &str) -> Span {
        match self.entry(key) {
            Some(e) if !e.value_span.is_empty() => e.value_span,
            Some(e) => e.key_span,
            None => self.span,
        }
    }
}

/// The deepest flow nesting (`[`/`{`) outside quoted scalars, block scalars
/// and comments, and where it first passes the limit. Cheap and linear. It
/// must never think it is inside a quoted scalar where YAML is not (that
/// would hide nesting from it), so a quote starts a quoted scalar only where
/// a scalar starts: at the start of a line or after `[`, `{`, `,`, or `:`,
/// `-`, `?` and a blank. Elsewhere (`a"b`, `it's`) it is part of a plain
/// scalar. Where it is unsure, it counts brackets rather than skipping them.
pub(crate) fn flow_depth_exceeded(text: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let blank = |b: u8| matches!(b, b' ' | b'\t' | b'\r' | b'\n');
    let mut depth = 0usize;
    // Whether the next non-blank byte starts a scalar.
    let mut scalar_start = true;
    let mut i = 0;
    let mut line_indent = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'\n' => {
                line_indent = bytes[i + 1..].iter().take_while(|&&c| c == b' ').count();
                // In block context every line starts a key or an entry.
                scalar_start |= depth == 0;
            }
            b' ' | b'\t' | b'\r' => {}
            b'#' if i == 0 || blank(bytes[i - 1]) => {
                i = next_line(bytes, i);
                continue;
            }
            b'"' | b'\'' if scalar_start => {
                i = quoted_end(bytes, i);
                scalar_start = false;
                continue;
            }
            b'|' | b'>' if scalar_start && depth == 0 => {
                // A block scalar: its lines are those indented deeper than
                // the line that introduced it (blank lines included).
                i = next_line(bytes, i);
                while i < bytes.len() {
                    let line = &bytes[i + 1..];
                    let indent = line.iter().take_while(|&&c| c == b' ').count();
                    let rest = &line[indent..];
                    let empty = rest.first().is_none_or(|&c| c == b'\n' || c == b'\r');
                    if indent <= line_indent && !empty {
                        break;
                    }
                    i = next_line(bytes, i + 1);
                }
                continue;
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    return Some((depth, i));
                }
                scalar_start = true;
            }
            b']' | b'}' => {
                depth = depth.saturating_sub(1);
                scalar_start = false;
            }
            b',' => scalar_start = true,
            b':' | b'-' | b'?' => {
                scalar_start = bytes.get(i + 1).is_none_or(|&c| blank(c));
            }
            _ => scalar_start = false,
        }
        i += 1;
    }
    None
}

/// The offset of the `\n` ending the line that holds byte `i` (or the end).
fn next_line(bytes: &[u8], i: usize) -> usize {
    bytes[i..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |p| i + p)
}

/// The offset just after the quoted scalar opening at `i`: `\` escapes the
/// next byte in `"…"`, and `''` is a quote in `'…'`.
fn quoted_end(bytes: &[u8], i: usize) -> usize {
    let q = bytes[i];
    let mut j = i + 1;
    while j < bytes.len() {
        match bytes[j] {
            b'\\' if q == b'"' => j += 2,
            b'\'' if q == b'\'' && bytes.get(j + 1) == Some(&b'\'') => j += 2,
            c if c == q => return j + 1,
            _ => j += 1,
        }
    }
    bytes.len()
}

fn parse_yaml(text: &str, offset: usize) -> Result<Mapping, FrontMatterError> {
    if let Some((depth, at)) = flow_depth_exceeded(text) {
        return Err(FrontMatterError::TooDeep {
            depth,
            at: offset + at,
        });
    }
    match serde_yaml::from_str::<Value>(text) {
        Ok(Value::Mapping(m)) => Ok(m),
        // An empty front matter (only blank lines or comments) is an empty mapping.
        Ok(Value::Null) => Ok(Mapping::new()),
        Ok(other) => Err(FrontMatterError::NotAMapping {
            found: value_kind(&other),
        }),
        Err(e) => Err(yaml_error(&e, text, offset)),
    }
}

/// Turns a serde_yaml error into one that points into the original file and
/// reads as plain words (its own text names lines of the excerpt).
fn yaml_error(e: &serde_yaml::Error, text: &str, offset: usize) -> FrontMatterError {
    let raw = e.to_string();
    // Some errors carry no location but say `at position N` (in the excerpt).
    let position = raw.split_once(" at position ").and_then(|(_, n)| {
        n.split(|c: char| !c.is_ascii_digit())
            .next()?
            .parse::<usize>()
            .ok()
    });
    // That position counts characters, not bytes.
    let position = position.and_then(|p| text.char_indices().nth(p).map(|(i, _)| i));
    let index = position.or(e.location().map(|l| l.index())).unwrap_or(0);
    let mut at = offset + index.min(text.len());
    while !text.is_char_boundary(at - offset) {
        at -= 1;
    }
    // Nested mappings prefix the path: `image: duplicate entry with key "src"`.
    if let Some(i) = raw.find("duplicate entry with key ") {
        let rest = &raw[i + "duplicate entry with key ".len()..];
        let path = raw[..i].trim_end_matches([':', ' ']);
        let key = rest
            .split(" at line ")
            .next()
            .unwrap_or(rest)
            .trim_matches('"');
        let key = if path.is_empty() {
            key.to_string()
        } else {
            format!("{path}.{key}")
        };
        return FrontMatterError::DuplicateKey { key, at };
    }
    let message = strip_locations(&raw);
    let message = if message.contains("repetition limit exceeded") {
        "aliases expand to too many values (an alias bomb?)".to_string()
    } else if message.contains("recursion limit exceeded") {
        "values nested too deeply".to_string()
    } else {
        message
    };
    FrontMatterError::Syntax {
        context: parse_context(&raw, text, offset),
        message,
        at,
    }
}

/// serde_yaml's `while parsing a flow sequence at line 4 column 9`, as a name
/// and an offset in the file (its line and column count in the excerpt).
fn parse_context(raw: &str, text: &str, offset: usize) -> Option<(String, usize)> {
    let start = ["while parsing ", "while scanning "]
        .iter()
        .find_map(|p| raw.find(p).map(|i| i + p.len()))?;
    let rest = &raw[start..];
    let (what, loc) = rest.split_once(" at line ")?;
    let (line, column) = loc.split_once(" column ")?;
    let line: usize = line.trim().parse().ok()?;
    let column: usize = column
        .trim_end_matches(|c: char| !c.is_ascii_digit())
        .parse()
        .ok()?;
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.checked_sub(1)?)
        .map(str::len)
        .sum();
    let line_text = text.get(line_start..)?;
    let in_line: usize = line_text
        .chars()
        .take(column.saturating_sub(1))
        .take_while(|c| *c != '\n')
        .map(char::len_utf8)
        .sum();
    let what = what.trim_start_matches("a ").trim_start_matches("an ");
    Some((what.to_string(), offset + line_start + in_line))
}

/// Removes serde_yaml's ` at line N column M` fragments, which count from the
/// start of the front matter rather than of the file.
fn strip_locations(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let message = match message.split_once(" at position ") {
        Some((head, tail)) => {
            let tail = tail.trim_start_matches(|c: char| c.is_ascii_digit());
            return strip_locations(&format!("{head}{tail}"));
        }
        None => message,
    };
    let mut rest = message;
    while let Some(i) = rest.find(" at line ") {
        out.push_str(&rest[..i]);
        let after = &rest[i + " at line ".len()..];
        let digits = |s: &str| s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let n = digits(after);
        let after_line = &after[n..];
        rest = match after_line.strip_prefix(" column ") {
            Some(col) => &col[digits(col)..],
            None => after_line,
        };
    }
    out.push_str(rest);
    out
}

fn value_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
    }
}

fn parse_toml(text: &str, offset: usize) -> Result<Mapping, FrontMatterError> {
    match toml::from_str::<toml::Table>(text) {
        Ok(table) => Ok(toml_table(table)),
        Err(e) => {
            let at = offset + e.span().map_or(0, |s| s.start.min(text.len()));
            let message = e.message().trim().to_string();
            if message.contains("duplicate key") {
                let key = message.split('`').nth(1).unwrap_or_default().to_string();
                return Err(FrontMatterError::DuplicateKey { key, at });
            }
            Err(FrontMatterError::Syntax {
                message,
                at,
                context: None,
            })
        }
    }
}

fn toml_table(table: toml::Table) -> Mapping {
    table
        .into_iter()
        .map(|(k, v)| (Value::String(k), toml_value(v)))
        .collect()
}

/// TOML values in YAML's shape, so one schema serves both; dates become strings.
fn toml_value(v: toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::Number(i.into()),
        toml::Value::Float(f) => Value::Number(f.into()),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Sequence(a.into_iter().map(toml_value).collect()),
        toml::Value::Table(t) => Value::Mapping(toml_table(t)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::post::split::split;

    fn fm(src: &str) -> FrontMatter {
        FrontMatter::parse(src, &split(src).unwrap(), 64 * 1024)
    }

    #[test]
    fn mapping_keeps_order() {
        let f = fm("---\nb: 1\na: 2\n---\n");
        let keys: Vec<_> = f
            .mapping
            .unwrap()
            .keys()
            .map(|k| k.as_str().unwrap().to_string())
            .collect();
        assert_eq!(keys, ["b", "a"]);
    }

    #[test]
    fn syntax_error_points_into_the_file() {
        let src = "---\ntitle: x\ndate: [unclosed\n---\n";
        let f = fm(src);
        match f.error.unwrap() {
            FrontMatterError::Syntax {
                message,
                at,
                context,
            } => {
                assert!(!message.contains("line"), "{message}");
                let (what, start) = context.unwrap();
                assert_eq!(what, "flow sequence");
                assert_eq!(&src[start..start + 1], "[");
                assert!(at >= 4 && at <= src.len(), "{at}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn syntax_error_offset_is_in_bytes() {
        let src = "---\ntitle: é é é\nbad: : :\n  - x\n---\n";
        let f = fm(src);
        if let Some(FrontMatterError::Syntax { at, .. }) = f.error {
            assert!(src.is_char_boundary(at));
            assert!(at >= src.find("bad").unwrap(), "{at}");
        } else {
            panic!("{:?}", f.error);
        }
    }

    #[test]
    fn duplicate_key_is_named() {
        let src = "---\ntitle: a\ntitle: b\n---\n";
        match fm(src).error.unwrap() {
            FrontMatterError::DuplicateKey { key, .. } => assert_eq!(key, "title"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn alias_bomb_stops() {
        let mut src = String::from(
            "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        for (name, prev) in [
            ("b", "a"),
            ("c", "b"),
            ("d", "c"),
            ("e", "d"),
            ("f", "e"),
            ("g", "f"),
            ("h", "g"),
            ("i", "h"),
        ] {
            src.push_str(&format!("{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
        }
        src.push_str("---\n");
        match fm(&src).error.unwrap() {
            FrontMatterError::Syntax { message, .. } => {
                assert!(message.contains("alias"), "{message}")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn deep_nesting_is_refused_before_parsing() {
        let src = format!("---\na: {}\n---\n", "[".repeat(200_000));
        let f = FrontMatter::parse(&src, &split(&src).unwrap(), usize::MAX);
        assert!(matches!(
            f.error,
            Some(FrontMatterError::TooDeep { depth: 65, .. })
        ));
    }

    /// A quote inside a plain scalar (`a"b`) or a block scalar starts no
    /// quoted scalar, so it cannot hide the nesting after it; escapes inside
    /// quoted scalars are followed.
    #[test]
    fn quotes_that_start_no_scalar_hide_no_nesting() {
        let deep = "[".repeat(100);
        for fm in [
            format!("tags: [a\"b, {deep}"),
            format!("tags: [a'b, {deep}"),
            format!("title: it's\ntags: {deep}"),
            format!("title: \"[\"\ntags: {deep}"),
            format!("title: \"a\\\\\"\ntags: {deep}"),
            format!("title: 'it''s ['\ntags: {deep}"),
            format!("body: |\n  \"\ntags: {deep}"),
            format!("- >\n  'x\n- {deep}"),
        ] {
            assert!(matches!(flow_depth_exceeded(&fm), Some((65, _))), "{fm:?}");
        }
        for fm in [
            format!("title: \"{deep}\""),
            format!("title: '{deep}'"),
            format!("tags: [\"{deep}\", 'b{deep}']"),
            format!("a: {{\"k\": \"{deep}\"}}"),
            format!("# {deep}\ntitle: x # {deep}"),
            format!("body: |\n  {deep}\n  more\n\ntitle: x"),
            "title: a\"b\ntags: [x, y]".to_string(),
        ] {
            assert_eq!(flow_depth_exceeded(&fm), None, "{fm:?}");
        }
    }

    #[test]
    fn too_large_is_not_parsed() {
        let src = format!("---\na: \"{}\"\n---\n", "x".repeat(100));
        let f = FrontMatter::parse(&src, &split(&src).unwrap(), 50);
        assert!(matches!(f.error, Some(FrontMatterError::TooLarge { .. })));
    }

    #[test]
    fn not_a_mapping() {
        assert_eq!(
            fm("---\n- a\n- b\n---\n").error,
            Some(FrontMatterError::NotAMapping { found: "a list" })
        );
        assert_eq!(
            fm("---\njust words\n---\n").error,
            Some(FrontMatterError::NotAMapping { found: "a string" })
        );
        assert!(
            fm("---\n# only a comment\n---\n")
                .mapping
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn yes_no_stay_strings_or_bools_as_yaml_says() {
        let f = fm("---\ndate: 2019-05-14\n---\n");
        assert_eq!(f.get("date").unwrap().as_str(), Some("2019-05-14"));
    }

    #[test]
    fn toml_front_matter() {
        let src = "+++\ntitle = \"x\"\ndate = 2019-05-14T17:01:53+02:00\n+++\n";
        let f = fm(src);
        assert_eq!(f.get("title").unwrap().as_str(), Some("x"));
        assert_eq!(
            f.get("date").unwrap().as_str(),
            Some("2019-05-14T17:01:53+02:00")
        );
        let bad = fm("+++\ntitle = \n+++\n");
        assert!(matches!(bad.error, Some(FrontMatterError::Syntax { .. })));
        let dup = fm("+++\ntitle = \"a\"\ntitle = \"b\"\n+++\n");
        assert!(
            matches!(dup.error, Some(FrontMatterError::DuplicateKey { .. })),
            "{:?}",
            dup.error
        );
    }

    #[test]
    fn strip_locations_works() {
        assert_eq!(
            strip_locations(
                "did not find expected key at line 3 column 1, while parsing a block mapping at line 1 column 1"
            ),
            "did not find expected key, while parsing a block mapping"
        );
    }
}
