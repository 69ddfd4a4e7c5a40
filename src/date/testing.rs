//! Helpers shared by the date module's tests.

use super::{DateFormat, Finding, ParsedDate, analyse};

/// Exactly one finding; returns it with the text it points at.
pub fn one(input: &str, format: DateFormat) -> (Finding, &str) {
    let all = analyse(input, format).findings;
    assert_eq!(all.len(), 1, "{input:?}: {all:#?}");
    let f = all.into_iter().next().expect("one finding");
    let text = &input[f.range];
    (f, text)
}

/// No finding; returns the parsed date.
pub fn clean(input: &str, format: DateFormat) -> ParsedDate {
    let a = analyse(input, format);
    assert_eq!(a.findings, vec![], "{input:?}");
    a.parsed.expect("a parsed date")
}
