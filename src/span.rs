//! A byte span into a file's source text: `Copy`, so passing and storing one
//! costs nothing (a `Range<usize>` is not `Copy` because it is an iterator),
//! with slicing that never panics.
//!
//! Offsets are `usize`: a post is capped far below 4 GiB (PL903), but `u32`
//! would make every conversion from `str` offsets a checked cast for a saving
//! nobody measured.

use std::fmt;
use std::ops::{Bound, Index, Range, RangeBounds};

use serde::de::{self, Deserializer};
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};

/// Bytes `start..end` of a source text (`start <= end` unless built from a
/// reversed range; accessors treat a reversed span as empty).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// The empty span at `offset`.
    pub const fn empty(offset: usize) -> Span {
        Span {
            start: offset,
            end: offset,
        }
    }

    /// The span as a `Range`, for APIs that take one.
    pub const fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// Bytes covered (0 for a reversed span).
    pub const fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub const fn is_empty(self) -> bool {
        self.end <= self.start
    }

    /// Whether byte `offset` is inside (`start <= offset < end`).
    pub const fn contains(self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }

    /// The span moved `by` bytes to the right, e.g. from a value's own text
    /// to the file it sits in.
    pub const fn shift(self, by: usize) -> Span {
        Span {
            start: self.start + by,
            end: self.end + by,
        }
    }

    /// The text under the span, or `None` when it is reversed, past the end
    /// or not on character boundaries (like `str::get`).
    pub fn get(self, text: &str) -> Option<&str> {
        text.get(self.range())
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Span {
        Span {
            start: r.start,
            end: r.end,
        }
    }
}

impl From<&Range<usize>> for Span {
    fn from(r: &Range<usize>) -> Span {
        Span {
            start: r.start,
            end: r.end,
        }
    }
}

impl From<Span> for Range<usize> {
    fn from(s: Span) -> Range<usize> {
        s.range()
    }
}

/// So that a span compares with the range it stands for (`d.range == 3..5`).
impl PartialEq<Range<usize>> for Span {
    fn eq(&self, r: &Range<usize>) -> bool {
        self.start == r.start && self.end == r.end
    }
}

impl PartialEq<Span> for Range<usize> {
    fn eq(&self, s: &Span) -> bool {
        self.start == s.start && self.end == s.end
    }
}

/// For `String::replace_range`, `Vec::drain` and the like.
impl RangeBounds<usize> for Span {
    fn start_bound(&self) -> Bound<&usize> {
        Bound::Included(&self.start)
    }

    fn end_bound(&self) -> Bound<&usize> {
        Bound::Excluded(&self.end)
    }
}

/// `&text[span]`, like `&text[range]`: panics where `&text[range]` would, so
/// use it only on spans made from this text; [`Span::get`] never panics.
impl Index<Span> for str {
    type Output = str;

    fn index(&self, span: Span) -> &str {
        &self[span.range()]
    }
}

impl Index<Span> for String {
    type Output = str;

    fn index(&self, span: Span) -> &str {
        &self.as_str()[span.range()]
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// Written as `[start, end]`: the shape of `byte_range` in the JSON output
/// and of `range` in the cache's entries, so neither format changes.
impl Serialize for Span {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        [self.start, self.end].serialize(s)
    }
}

/// Read from `[start, end]`; a reversed pair is an error (a doctored cache
/// entry must not turn into a span that slices backwards).
impl<'de> Deserialize<'de> for Span {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Span, D::Error> {
        let [start, end] = <[usize; 2]>::deserialize(d)?;
        if start > end {
            return Err(de::Error::custom(format!(
                "span {start}..{end} ends before it starts"
            )));
        }
        Ok(Span { start, end })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_to_and_from_ranges() {
        let s = Span::from(2..5);
        assert_eq!(s, Span::new(2, 5));
        assert_eq!(s.range(), 2..5);
        let r: Range<usize> = s.into();
        assert_eq!(r, 2..5);
        assert_eq!(s.len(), 3);
        assert!(!s.is_empty());
        assert!(Span::empty(4).is_empty());
        assert!(s.contains(2) && s.contains(4) && !s.contains(5) && !s.contains(1));
        assert_eq!(s.shift(10), Span::new(12, 15));
        assert_eq!(s.to_string(), "2..5");
        assert_eq!(s, 2..5);
        assert_eq!(2..5, s);
        assert_ne!(s, 2..6);
    }

    #[test]
    fn slices_like_a_range_and_safely() {
        let text = "caf\u{e9} au lait";
        assert_eq!(&text[Span::new(0, 5)], "caf\u{e9}");
        assert_eq!(&text.to_string()[Span::new(6, 8)], "au");
        assert_eq!(Span::new(0, 5).get(text), Some("caf\u{e9}"));
        // Inside `é`, past the end, reversed: no text, no panic.
        assert_eq!(Span::new(0, 4).get(text), None);
        assert_eq!(Span::new(3, 99).get(text), None);
        assert_eq!(Span::new(5, 2).get(text), None);
        assert_eq!(Span::new(5, 2).len(), 0);
        assert!(Span::new(5, 2).is_empty());
    }

    /// The wire shape is `[start, end]`, as the JSON output's `byte_range`
    /// and the cache's `range` were before spans had a type.
    #[test]
    fn serializes_as_a_pair() {
        let json = serde_json::to_string(&Span::new(3, 7)).unwrap();
        assert_eq!(json, "[3,7]");
        let back: Span = serde_json::from_str("[3,7]").unwrap();
        assert_eq!(back, Span::new(3, 7));
        assert!(serde_json::from_str::<Span>("[7,3]").is_err());
        assert!(serde_json::from_str::<Span>("{\"start\":3,\"end\":7}").is_err());
    }
}
