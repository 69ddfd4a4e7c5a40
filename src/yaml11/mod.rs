//! YAML front matter as Jekyll reads it: Ruby's Psych, a YAML 1.1 reader.
//! serde_yaml reads YAML 1.2 and applies no `<<` merges, so a fix checked
//! only with it can turn `published: no` into a string or let a merged
//! value win over an explicit one. [`load`] builds the value Psych would
//! build, from the events of an event-level parser that keeps each
//! scalar's style (plain or quoted) and tag.

mod scalar;

use std::collections::{BTreeMap, HashMap};

use saphyr_parser::{Event, Parser, ScalarStyle, Tag};

pub use scalar::resolve_plain;

/// A value as Psych builds it. Maps compare like Ruby hashes: by content,
/// not by key order.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i128),
    /// The bits of an `f64`, every NaN the same.
    Float(u64),
    Str(String),
    Symbol(String),
    /// A `Date`: days since 1970-01-01.
    Date(i64),
    /// A `Time`: seconds since the epoch in UTC, and the decimal fraction's
    /// digits without trailing zeros. Ruby compares times by instant.
    Time(i64, String),
    Seq(Vec<Value>),
    Map(BTreeMap<Value, Value>),
    /// A value with an explicit tag other than `!!str` (kept as its text).
    Tagged(String, Box<Value>),
}

impl Value {
    pub fn float(f: f64) -> Value {
        Value::Float(if f.is_nan() {
            f64::NAN.to_bits()
        } else {
            f.to_bits()
        })
    }

    /// The value of `key` in a map whose keys are strings.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Map(m) => m.get(&Value::Str(key.to_string())),
            _ => None,
        }
    }
}

/// Why a front matter could not be read as Psych reads it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    #[error("YAML syntax: {0}")]
    Syntax(String),
    #[error("the YAML nests deeper than {MAX_DEPTH} levels")]
    TooDeep,
    #[error("the YAML expands to more than {MAX_NODES} values")]
    TooLarge,
    #[error("the YAML has no document")]
    Empty,
}

/// Nesting deeper than this is refused (serde_yaml stops at 128).
pub const MAX_DEPTH: usize = 128;
/// Values built, aliases counted at their full size: bounds alias bombs.
pub const MAX_NODES: usize = 200_000;

/// What kind of node produced a value: Psych's merge depends on it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Scalar,
    Alias,
    Sequence,
    Mapping,
}

struct Node {
    value: Value,
    kind: Kind,
    /// Tagged `!!str`: a `!!str <<` key is a plain key, not a merge.
    str_tag: bool,
    size: usize,
}

struct Builder<'a> {
    parser: Parser<'a, saphyr_parser::StrInput<'a>>,
    anchors: HashMap<usize, (Value, usize)>,
    built: usize,
}

fn tag_name(tag: &Tag) -> String {
    format!("{}{}", tag.handle, tag.suffix)
}

fn is_str_tag(name: &str) -> bool {
    name == "tag:yaml.org,2002:str" || name.starts_with("!str") || name.starts_with("!ruby/string")
}

impl<'a> Builder<'a> {
    fn next(&mut self) -> Result<Event<'a>, Error> {
        match self.parser.next_event() {
            Some(Ok((ev, _))) => Ok(ev),
            Some(Err(e)) => Err(Error::Syntax(e.to_string())),
            None => Err(Error::Syntax("unexpected end".into())),
        }
    }

    fn count(&mut self, n: usize) -> Result<(), Error> {
        self.built = self.built.saturating_add(n);
        if self.built > MAX_NODES {
            return Err(Error::TooLarge);
        }
        Ok(())
    }

    fn remember(&mut self, anchor: usize, node: &Node) {
        if anchor > 0 {
            self.anchors.insert(anchor, (node.value.clone(), node.size));
        }
    }

    /// The node that starts with `ev`; `None` at the end of a collection.
    fn node(&mut self, ev: Event<'a>, depth: usize) -> Result<Option<Node>, Error> {
        if depth > MAX_DEPTH {
            return Err(Error::TooDeep);
        }
        let node = match ev {
            Event::SequenceEnd | Event::MappingEnd => return Ok(None),
            Event::Alias(id) => {
                let (value, size) = self
                    .anchors
                    .get(&id)
                    .cloned()
                    .ok_or_else(|| Error::Syntax("unknown alias".into()))?;
                self.count(size)?;
                return Ok(Some(Node {
                    value,
                    kind: Kind::Alias,
                    str_tag: false,
                    size,
                }));
            }
            Event::Scalar(text, style, anchor, tag) => {
                self.count(1)?;
                let tag = tag.as_deref().map(tag_name);
                let value = match (&tag, style) {
                    (Some(t), _) if is_str_tag(t) => Value::Str(text.to_string()),
                    (Some(t), _) => {
                        Value::Tagged(t.clone(), Box::new(Value::Str(text.to_string())))
                    }
                    (None, ScalarStyle::Plain) => resolve_plain(&text),
                    // Quoted and block scalars are strings.
                    (None, _) => Value::Str(text.to_string()),
                };
                let node = Node {
                    value,
                    kind: Kind::Scalar,
                    str_tag: tag.as_deref().is_some_and(is_str_tag),
                    size: 1,
                };
                self.remember(anchor, &node);
                node
            }
            Event::SequenceStart(anchor, tag) => {
                self.count(1)?;
                let mut items = Vec::new();
                let mut size = 1;
                loop {
                    let ev = self.next()?;
                    let Some(item) = self.node(ev, depth + 1)? else {
                        break;
                    };
                    size += item.size;
                    items.push(item.value);
                }
                let value = wrap(tag.as_deref(), Value::Seq(items), "tag:yaml.org,2002:seq");
                let node = Node {
                    value,
                    kind: Kind::Sequence,
                    str_tag: false,
                    size,
                };
                self.remember(anchor, &node);
                node
            }
            Event::MappingStart(anchor, tag) => {
                self.count(1)?;
                let (map, size) = self.mapping(depth)?;
                let value = wrap(tag.as_deref(), Value::Map(map), "tag:yaml.org,2002:map");
                let node = Node {
                    value,
                    kind: Kind::Mapping,
                    str_tag: false,
                    size,
                };
                self.remember(anchor, &node);
                node
            }
            _ => return Err(Error::Syntax("unexpected event".into())),
        };
        Ok(Some(node))
    }

    /// A mapping's entries, merged as Psych's `revive_hash` merges: a `<<`
    /// key (plain or quoted, not `!!str`) whose value is a mapping or an
    /// alias to one is `merge!`d in where it stands, so keys written before
    /// it are overwritten and keys after it win; a sequence of mappings is
    /// merged with the earlier ones winning.
    fn mapping(&mut self, depth: usize) -> Result<(BTreeMap<Value, Value>, usize), Error> {
        let mut map = BTreeMap::new();
        let mut size = 1;
        loop {
            let ev = self.next()?;
            let Some(key) = self.node(ev, depth + 1)? else {
                break;
            };
            let ev = self.next()?;
            let value = self
                .node(ev, depth + 1)?
                .ok_or_else(|| Error::Syntax("mapping key without a value".into()))?;
            size += key.size + value.size;
            let merge = key.value == Value::Str("<<".into()) && !key.str_tag;
            if merge {
                match (&value.kind, &value.value) {
                    (Kind::Alias | Kind::Mapping, Value::Map(other)) => {
                        map.extend(other.clone());
                        continue;
                    }
                    (Kind::Sequence, Value::Seq(items))
                        if items.iter().all(|v| matches!(v, Value::Map(_))) =>
                    {
                        let mut merged = BTreeMap::new();
                        for item in items.iter().rev() {
                            if let Value::Map(m) = item {
                                merged.extend(m.clone());
                            }
                        }
                        map.extend(merged);
                        continue;
                    }
                    _ => {}
                }
            }
            map.insert(key.value, value.value);
        }
        Ok((map, size))
    }
}

/// A collection with an explicit tag other than its default one.
fn wrap(tag: Option<&Tag>, value: Value, default: &str) -> Value {
    match tag.map(tag_name) {
        Some(t) if t != default => Value::Tagged(t, Box::new(value)),
        _ => value,
    }
}

/// The value Psych builds from the first document of `text`.
pub fn load(text: &str) -> Result<Value, Error> {
    let mut b = Builder {
        parser: Parser::new_from_str(text),
        anchors: HashMap::new(),
        built: 0,
    };
    loop {
        match b.next() {
            Ok(Event::StreamStart | Event::DocumentStart(_)) => continue,
            Ok(Event::StreamEnd) => return Ok(Value::Null),
            Ok(ev) => {
                return b.node(ev, 0)?.map(|n| n.value).ok_or(Error::Empty);
            }
            Err(e) => return Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(t: &str) -> Value {
        Value::Str(t.into())
    }

    /// Checked with Ruby 3.1.2 / Psych 4.0.3: a merge overwrites the keys
    /// written before it, and the keys after it win.
    #[test]
    fn merge_keys_as_psych_applies_them() {
        let base = "base: &b {layout: page, title: From base}\n";
        let before = load(&format!("{base}<<: *b\nlayout: post\ntitle: Real title\n")).unwrap();
        assert_eq!(before.get("layout"), Some(&s("post")));
        assert_eq!(before.get("title"), Some(&s("Real title")));
        let after = load(&format!("{base}layout: post\ntitle: Real title\n<<: *b\n")).unwrap();
        assert_eq!(after.get("layout"), Some(&s("page")));
        assert_ne!(before, after);
        let list = load("a: &a {x: 1, y: 1}\nb: &b {x: 2, z: 2}\nc:\n  <<: [*a, *b]\n").unwrap();
        let c = list.get("c").unwrap();
        assert_eq!(c.get("x"), Some(&Value::Int(1)));
        assert_eq!(c.get("z"), Some(&Value::Int(2)));
        let quoted = load("base: &b {layout: page}\n\"<<\": *b\n").unwrap();
        assert_eq!(quoted.get("layout"), Some(&s("page")));
        let tagged = load("base: &b {layout: page}\n!!str <<: *b\n").unwrap();
        assert!(tagged.get("<<").is_some());
        assert_eq!(load("<<: 1\n").unwrap().get("<<"), Some(&Value::Int(1)));
    }

    #[test]
    fn styles_keys_and_order() {
        let v = load("k: \"yes\"\nm: |\n  yes\np: no\nyes: 1\n").unwrap();
        assert_eq!(v.get("k"), Some(&s("yes")));
        assert_eq!(v.get("m"), Some(&s("yes\n")));
        assert_eq!(v.get("p"), Some(&Value::Bool(false)));
        let Value::Map(m) = &v else { panic!() };
        assert_eq!(m.get(&Value::Bool(true)), Some(&Value::Int(1)));
        // Key order does not matter, as for a Ruby hash.
        assert_eq!(load("a: 1\nb: 2\n").unwrap(), load("b: 2\na: 1\n").unwrap());
        assert_eq!(load("k: \"a\\\n  b\"\n").unwrap().get("k"), Some(&s("ab")));
        assert_eq!(load("d: !!str 12\n").unwrap().get("d"), Some(&s("12")));
    }

    #[test]
    fn alias_bombs_and_depth_are_bounded() {
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        let mut prev = 'a';
        for c in 'b'..='k' {
            bomb.push_str(&format!("{c}: &{c} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
            prev = c;
        }
        assert_eq!(load(&bomb), Err(Error::TooLarge));
        let deep = format!("k: {}{}\n", "[".repeat(1000), "]".repeat(1000));
        assert!(load(&deep).is_err());
    }

    /// Every front matter of the fuzz corpora loads or fails with an error,
    /// in bounded time, as serde_yaml does: never a panic.
    #[test]
    fn fuzz_corpora_never_panic() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/corpus");
        let mut loaded = 0;
        for target in ["fix", "pipeline"] {
            let Ok(dir) = std::fs::read_dir(format!("{root}/{target}")) else {
                continue;
            };
            for entry in dir.flatten() {
                let bytes = std::fs::read(entry.path()).unwrap();
                let text = String::from_utf8_lossy(&bytes);
                let _ = load(&text);
                if let Some(rest) = text.strip_prefix("---\n")
                    && let Some(end) = rest.find("\n---")
                {
                    let _ = load(&rest[..end]);
                }
                loaded += 1;
            }
        }
        assert!(loaded > 100, "the fuzz corpora were not found: {loaded}");
    }
}
