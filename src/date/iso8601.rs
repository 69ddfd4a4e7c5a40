//! ISO 8601 dates as front matter writes them: `2019-05-14`,
//! `2019-05-14T17:01:53+02:00`, and Jekyll's `2019-05-14 17:01:53 +0200`.

use std::sync::LazyLock;

use jiff::civil::{Date, Time};
use jiff::tz::Offset;
use regex::{Captures, Regex};

use crate::span::Span;

use super::calendar;
use super::names::{self, ZoneName};
use super::{DateFormat, Finding, FindingKind, ParsedDate, ZoneKind};

// Digit runs are taken whole so a wrong count can be pointed at, not just missed.
static DATE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^([0-9]{4})-([0-9]+)(?:-([0-9]+))?").ok());
static TIME: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"^(?:[Tt]|[ \t]+)([0-9]+):([0-9]+)(?::([0-9]+)(?:[.,]([0-9]+))?)?").ok()
});
static ZONE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^[ \t]*([+-])([0-9]+)(?::([0-9]+))?|^[ \t]*(\p{L}+)").ok());

/// An ISO 8601 date starts with a four-digit year and a hyphen; an RFC 2822
/// date never does.
pub(super) fn looks_like(trimmed: &str) -> bool {
    match trimmed.as_bytes() {
        [y1, y2, y3, y4, b'-', ..] => [y1, y2, y3, y4].iter().all(|b| b.is_ascii_digit()),
        _ => false,
    }
}

/// Parses `input[whole]` and appends findings.
pub(super) fn parse(input: &str, whole: Span, findings: &mut Vec<Finding>) -> Option<ParsedDate> {
    parse_with(input, whole, findings, &[])
}

/// [`parse`], where the fields named in `short` (`"month"`, `"day"`,
/// `"hour"`) may have one digit: the generator reads them so
/// (`2013-11-22 5:00:00 +0000` is a YAML 1.1 timestamp to Jekyll).
pub(super) fn parse_with(
    input: &str,
    whole: Span,
    findings: &mut Vec<Finding>,
    short: &'static [&'static str],
) -> Option<ParsedDate> {
    let mut parser = Parser {
        input,
        pos: whole.start,
        whole,
        findings,
        short,
    };
    parser.run()
}

struct Parser<'a, 'f> {
    input: &'a str,
    /// Byte offset of the next unread character.
    pos: usize,
    whole: Span,
    findings: &'f mut Vec<Finding>,
    /// Fields the site's generator reads with one digit.
    short: &'static [&'static str],
}

impl<'a> Parser<'a, '_> {
    fn rest(&self) -> &'a str {
        self.input.get(self.pos..self.whole.end).unwrap_or_default()
    }

    /// The byte range in the input of capture group `i`.
    fn group(&self, caps: &Captures<'_>, i: usize) -> Option<(Span, String)> {
        caps.get(i).map(|m| {
            (
                Span::new(m.start(), m.end()).shift(self.pos),
                m.as_str().to_string(),
            )
        })
    }

    fn push(&mut self, finding: Finding) {
        self.findings.push(finding);
    }

    fn run(&mut self) -> Option<ParsedDate> {
        let date = self.date();
        let (time, leap) = self.time();
        let (offset, zone) = match time {
            Timed::Absent => (None, ZoneKind::Missing),
            Timed::Present(_) | Timed::NotUnderstood => self.zone(),
        };
        self.trailing();
        let mut time = match time {
            Timed::Present(t) => Some(t),
            _ => None,
        };
        let mut leap_second = false;
        if let (Some(date), Some(t), Some(range)) = (date, time, leap) {
            let known = if zone == ZoneKind::Known {
                offset
            } else {
                None
            };
            if calendar::leap_second_possible(date, t.hour(), t.minute(), known) {
                leap_second = true;
            } else {
                time = None;
                self.push(
                    Finding::new(
                        FindingKind::Impossible,
                        range,
                        "second 60 is a leap second, which only exists as 23:59:60 UTC on 30 June or 31 December",
                    )
                    .help("seconds run from 00 to 59"),
                );
            }
        }
        Some(ParsedDate {
            form: DateFormat::Iso8601,
            date: date?,
            time,
            offset: if zone == ZoneKind::Known {
                offset
            } else {
                None
            },
            zone,
            weekday_written: false,
            leap_second,
        })
    }

    fn date(&mut self) -> Option<Date> {
        let caps = DATE.as_ref()?.captures(self.rest())?;
        let year = self.group(&caps, 1);
        let month = self.group(&caps, 2);
        let day = self.group(&caps, 3);
        let end = caps.get(0).map_or(0, |m| m.end());
        let whole_date = Span::new(self.pos, self.pos + end);
        self.pos += end;
        let Some((day_range, day_text)) = day else {
            self.push(Finding::new(
                FindingKind::Invalid,
                whole_date,
                "the date has no day",
            ));
            return None;
        };
        let year = year.and_then(|(_, text)| text.parse::<i16>().ok())?;
        let month = month.and_then(|(range, text)| {
            let value = self.two_digits(range, &text, "month")?;
            if (1..=12).contains(&value) {
                Some(value)
            } else {
                self.push(
                    Finding::new(
                        FindingKind::Impossible,
                        range,
                        format!("month {value} does not exist"),
                    )
                    .help("months run from 01 to 12"),
                );
                None
            }
        });
        let day = self.two_digits(day_range, &day_text, "day")?;
        match calendar::date(year, month?, day) {
            Ok(date) => Some(date),
            Err(e) => {
                self.push(
                    Finding::new(FindingKind::Impossible, day_range, e.message).maybe_help(e.help),
                );
                None
            }
        }
    }

    /// Reads a field that ISO writes with two digits; one digit is read but
    /// reported (with the padded replacement), more are not read.
    fn two_digits(&mut self, range: Span, text: &str, what: &str) -> Option<i8> {
        let message = format!("the {what} `{text}` must have two digits");
        if text.len() > 2 {
            self.push(Finding::new(FindingKind::Invalid, range, message));
            return None;
        }
        let value = text.parse::<i8>().ok()?;
        if text.len() == 1 && !self.short.contains(&what) {
            self.push(
                Finding::new(FindingKind::Invalid, range, message).replace(format!("{value:02}")),
            );
        }
        Some(value)
    }

    /// Returns the time and, when the second is 60, its range for the leap
    /// second check (which needs the zone).
    fn time(&mut self) -> (Timed, Option<Span>) {
        let Some(caps) = TIME.as_ref().and_then(|re| re.captures(self.rest())) else {
            return (Timed::Absent, None);
        };
        let hour = self.group(&caps, 1);
        let minute = self.group(&caps, 2);
        let second = self.group(&caps, 3);
        let fraction = caps.get(4).map(|m| m.as_str().to_string());
        self.pos += caps.get(0).map_or(0, |m| m.end());
        let mut field = |part: Option<(Span, String)>, what: &str, max: i8| {
            let (range, text) = part?;
            let value = self.two_digits(range, &text, what)?;
            if value > max {
                let limit = if what == "second" { 59 } else { max };
                self.push(
                    Finding::new(
                        FindingKind::Impossible,
                        range,
                        format!("{what} {value} does not exist"),
                    )
                    .help(format!("{what}s run from 00 to {limit:02}")),
                );
                return None;
            }
            Some((value, range))
        };
        let hour = field(hour, "hour", 23);
        let minute = field(minute, "minute", 59);
        let second = match second {
            Some(s) => field(Some(s), "second", 60).map(Some),
            None => Some(None),
        };
        let (Some((h, _)), Some((m, _)), Some(second)) = (hour, minute, second) else {
            return (Timed::NotUnderstood, None);
        };
        let nanos = fraction.map_or(0, |digits| {
            // Digits past nanoseconds are dropped: jiff stores no finer time.
            let nine = format!("{:0<9}", digits.get(..9).unwrap_or(&digits));
            nine.parse::<i32>().unwrap_or(0)
        });
        let (s, leap) = match second {
            Some((60, range)) => (59, Some(range)),
            Some((s, _)) => (s, None),
            None => (0, None),
        };
        match Time::new(h, m, s, nanos) {
            Ok(t) => (Timed::Present(t), leap),
            Err(_) => (Timed::NotUnderstood, None),
        }
    }

    fn zone(&mut self) -> (Option<Offset>, ZoneKind) {
        let Some(caps) = ZONE.as_ref().and_then(|re| re.captures(self.rest())) else {
            return (None, ZoneKind::Missing);
        };
        let start = self.pos + caps.get(1).or_else(|| caps.get(4)).map_or(0, |m| m.start());
        let end = self.pos + caps.get(0).map_or(0, |m| m.end());
        let range = Span::new(start, end);
        let written = self
            .input
            .get(range.range())
            .unwrap_or_default()
            .to_string();
        self.pos = end;
        if let Some(name) = caps.get(4).map(|m| m.as_str()) {
            return self.named_zone(range, name);
        }
        let negative = caps.get(1).is_some_and(|m| m.as_str() == "-");
        let hh = caps.get(2).map_or("", |m| m.as_str());
        let mm = caps.get(3).map(|m| m.as_str());
        let sign = if negative { '-' } else { '+' };
        let (hh, mm) = match (hh.len(), mm) {
            (2, Some(mm)) if mm.len() == 2 => (hh, mm),
            (4, None) => (
                hh.get(..2).unwrap_or_default(),
                hh.get(2..).unwrap_or_default(),
            ),
            (2, None) => (hh, "00"),
            (1, _) => {
                let mm = mm.filter(|m| m.len() == 2).unwrap_or("00");
                let canonical = format!("{sign}0{hh}:{mm}");
                self.push(
                    Finding::new(
                        FindingKind::InvalidZone,
                        range,
                        format!("the offset `{written}` must have two-digit hours"),
                    )
                    .replace(canonical),
                );
                return match offset_of(negative, hh, mm) {
                    Ok(Some(offset)) => (Some(offset), ZoneKind::Known),
                    _ => (None, ZoneKind::Invalid),
                };
            }
            _ => {
                self.push(
                    Finding::new(
                        FindingKind::InvalidZone,
                        range,
                        format!("`{written}` is not an ISO 8601 offset"),
                    )
                    .help("write the offset as `+hh:mm`, such as `+02:00`"),
                );
                return (None, ZoneKind::Invalid);
            }
        };
        match offset_of(negative, hh, mm) {
            Ok(Some(offset)) => (Some(offset), ZoneKind::Known),
            // RFC 3339: -00:00 says the offset is unknown.
            Ok(None) => (None, ZoneKind::Unknown),
            Err(reason) => {
                self.push(Finding::new(
                    FindingKind::InvalidZone,
                    range,
                    format!("`{written}` is not a valid offset: {reason}"),
                ));
                (None, ZoneKind::Invalid)
            }
        }
    }

    fn named_zone(&mut self, range: Span, name: &str) -> (Option<Offset>, ZoneKind) {
        if name.eq_ignore_ascii_case("z") {
            return (Some(Offset::UTC), ZoneKind::Known);
        }
        let finding = Finding::new(
            FindingKind::InvalidZone,
            range,
            format!("`{name}` is not an ISO 8601 offset"),
        );
        let certain = match names::zone(name) {
            Some(ZoneName::Obsolete { minutes }) => calendar::offset_from_minutes(minutes),
            Some(ZoneName::Foreign { .. })
                if ["utc", "uct"].iter().any(|n| n.eq_ignore_ascii_case(name)) =>
            {
                Some(Offset::UTC)
            }
            Some(ZoneName::Foreign {
                offset: Some(o), ..
            }) => {
                let iso = format!("{}:{}", o.get(..3).unwrap_or(o), o.get(3..).unwrap_or(""));
                let upper = name.to_ascii_uppercase();
                self.push(finding.help(format!("write the numeric offset: {upper} is `{iso}`")));
                return (None, ZoneKind::Invalid);
            }
            Some(ZoneName::Foreign {
                offset: None,
                note: Some(note),
            }) => {
                self.push(finding.help(format!("write the numeric offset: {note}")));
                return (None, ZoneKind::Invalid);
            }
            _ => None,
        };
        match certain {
            Some(offset) => {
                self.push(finding.replace(calendar::iso8601_offset(offset)));
                (Some(offset), ZoneKind::Known)
            }
            None => {
                self.push(finding.help("write the offset as `+hh:mm`, such as `+02:00`"));
                (None, ZoneKind::Invalid)
            }
        }
    }

    fn trailing(&mut self) {
        let rest = self.rest();
        let trimmed = rest.trim_start();
        if trimmed.is_empty() {
            return;
        }
        let start = self.pos + (rest.len() - trimmed.len());
        let range = Span::new(start, self.whole.end);
        self.push(
            Finding::new(
                FindingKind::Invalid,
                range,
                format!("unexpected `{trimmed}` in an ISO 8601 date"),
            )
            .help("remove it"),
        );
        self.pos = self.whole.end;
    }
}

enum Timed {
    Absent,
    Present(Time),
    /// Written, but a field does not exist (hour 25).
    NotUnderstood,
}

/// `Ok(None)` is `-00:00`, the unknown offset.
fn offset_of(negative: bool, hh: &str, mm: &str) -> Result<Option<Offset>, String> {
    let (Ok(hours), Ok(minutes)) = (hh.parse::<u32>(), mm.parse::<u32>()) else {
        return Err("it is not a number".to_string());
    };
    if negative && hours == 0 && minutes == 0 {
        return Ok(None);
    }
    calendar::offset(negative, hours, minutes).map(Some)
}

#[cfg(test)]
mod tests {
    use super::looks_like;
    use crate::date::{DateFormat, Finding, FindingKind, ParsedDate, ZoneKind, analyse};
    use jiff::civil::{date, time};

    fn iso(input: &str) -> (Option<ParsedDate>, Vec<Finding>) {
        let a = analyse(input, DateFormat::Iso8601);
        (a.parsed, a.findings)
    }

    fn clean(input: &str) -> ParsedDate {
        crate::date::testing::clean(input, DateFormat::Iso8601)
    }

    fn one(input: &str) -> (Finding, &str) {
        crate::date::testing::one(input, DateFormat::Iso8601)
    }

    #[test]
    fn detection() {
        assert!(looks_like("2019-05-14"));
        assert!(looks_like("2019-"));
        assert!(!looks_like("2019"));
        assert!(!looks_like("14 May 2019"));
        assert!(!looks_like("Tue, 14 May 2019"));
        assert!(!looks_like("é019-05-14"));
    }

    #[test]
    fn date_only() {
        let p = clean("2019-05-14");
        assert_eq!(p.date, date(2019, 5, 14));
        assert_eq!(p.time, None);
        assert_eq!(p.zone, ZoneKind::Missing);
        assert_eq!(p.form, DateFormat::Iso8601);
        assert_eq!(p.to_iso8601().as_deref(), Some("2019-05-14"));
        assert_eq!(p.to_rfc2822(), None);
        assert_eq!(p.timestamp(), None);
    }

    #[test]
    fn rfc3339() {
        let p = clean("2019-05-14T17:01:53+02:00");
        assert_eq!(p.time, Some(time(17, 1, 53, 0)));
        assert_eq!(p.offset.map(|o| o.seconds()), Some(7200));
        assert_eq!(p.to_iso8601().as_deref(), Some("2019-05-14T17:01:53+02:00"));
        let p = clean("2019-05-14t17:01:53z");
        assert_eq!(p.offset, Some(jiff::tz::Offset::UTC));
        let p = clean("2019-05-14T17:01:53Z");
        assert_eq!(p.to_iso8601().as_deref(), Some("2019-05-14T17:01:53Z"));
    }

    #[test]
    fn jekyll_style() {
        let p = clean("2019-05-14 17:01:53 +0200");
        assert_eq!(p.time, Some(time(17, 1, 53, 0)));
        assert_eq!(p.offset.map(|o| o.seconds()), Some(7200));
        assert_eq!(p.to_iso8601().as_deref(), Some("2019-05-14T17:01:53+02:00"));
        clean("2019-05-14 17:01 -05:00");
        clean("2019-05-14 17:01:53");
    }

    #[test]
    fn local_time_and_short_offset() {
        let p = clean("2019-05-14T17:01:53");
        assert_eq!(p.zone, ZoneKind::Missing);
        assert_eq!(p.to_iso8601().as_deref(), Some("2019-05-14T17:01:53"));
        let p = clean("2019-05-14T17:01+02");
        assert_eq!(p.offset.map(|o| o.seconds()), Some(7200));
        assert_eq!(p.time, Some(time(17, 1, 0, 0)));
    }

    #[test]
    fn fractions() {
        let p = clean("2019-05-14T17:01:53.25+02:00");
        assert_eq!(p.time, Some(time(17, 1, 53, 250_000_000)));
        assert_eq!(
            p.to_iso8601().as_deref(),
            Some("2019-05-14T17:01:53.25+02:00")
        );
        let p = clean("2019-05-14T17:01:53,1234567891234Z");
        assert_eq!(p.time, Some(time(17, 1, 53, 123_456_789)));
    }

    #[test]
    fn unknown_offset() {
        let p = clean("2019-05-14T17:01:53-00:00");
        assert_eq!(p.zone, ZoneKind::Unknown);
        assert_eq!(p.offset, None);
        assert_eq!(p.to_iso8601().as_deref(), Some("2019-05-14T17:01:53-00:00"));
        assert_eq!(
            p.to_rfc2822().as_deref(),
            Some("Tue, 14 May 2019 17:01:53 -0000")
        );
    }

    #[test]
    fn month_thirteen() {
        let input = "2019-13-14T17:01:53+02:00";
        let (f, text) = one(input);
        assert_eq!(f.kind, FindingKind::Impossible);
        assert_eq!(text, "13");
        assert_eq!(f.message, "month 13 does not exist");
        assert!(iso(input).0.is_none());
        let (f, text) = one("2019-00-14");
        assert_eq!(f.kind, FindingKind::Impossible);
        assert_eq!(text, "00");
    }

    #[test]
    fn impossible_days() {
        let (f, text) = one("2019-05-32");
        assert_eq!(f.kind, FindingKind::Impossible);
        assert_eq!(text, "32");
        assert_eq!(f.message, "day 32 does not exist in May");
        let (f, text) = one("2019-02-29T12:00:00Z");
        assert_eq!(text, "29");
        assert_eq!(f.message, "2019 is not a leap year: February has 28 days");
        clean("2020-02-29T12:00:00Z");
        let (f, text) = one("2019-06-31");
        assert_eq!(text, "31");
        assert_eq!(f.kind, FindingKind::Impossible);
    }

    #[test]
    fn impossible_times() {
        for (input, bad, message) in [
            ("2019-05-14T25:01:53+02:00", "25", "hour 25 does not exist"),
            ("2019-05-14T24:00:00+02:00", "24", "hour 24 does not exist"),
            (
                "2019-05-14T17:60:53+02:00",
                "60",
                "minute 60 does not exist",
            ),
            (
                "2019-05-14T17:01:61+02:00",
                "61",
                "second 61 does not exist",
            ),
        ] {
            let (parsed, findings) = iso(input);
            assert_eq!(findings.len(), 1, "{input}: {findings:#?}");
            assert_eq!(findings[0].kind, FindingKind::Impossible);
            assert_eq!(&input[findings[0].range], bad);
            assert_eq!(findings[0].message, message);
            let p = parsed.unwrap();
            assert_eq!(p.date, date(2019, 5, 14));
            assert_eq!(p.time, None);
        }
    }

    #[test]
    fn leap_seconds() {
        let p = clean("1998-12-31T23:59:60Z");
        assert!(p.leap_second);
        assert_eq!(p.to_iso8601().as_deref(), Some("1998-12-31T23:59:60Z"));
        clean("2015-06-30T23:59:60-00:00");
        clean("2016-12-31T23:59:60+00:00");
        clean("2017-01-01T00:59:60+01:00");
        let input = "2019-05-14T17:01:60+02:00";
        let (f, text) = one(input);
        assert_eq!(f.kind, FindingKind::Impossible);
        assert_eq!(text, "60");
    }

    #[test]
    fn bad_offsets() {
        for (input, bad) in [
            ("2019-05-14T17:01:53+25:00", "+25:00"),
            ("2019-05-14T17:01:53+02:60", "+02:60"),
            ("2019-05-14 17:01:53 +2400", "+2400"),
        ] {
            let (parsed, findings) = iso(input);
            assert_eq!(findings.len(), 1, "{input}: {findings:#?}");
            assert_eq!(findings[0].kind, FindingKind::InvalidZone);
            assert_eq!(&input[findings[0].range], bad);
            assert_eq!(parsed.unwrap().zone, ZoneKind::Invalid);
        }
        let (f, text) = one("2019-05-14T17:01:53+2:00");
        assert_eq!(text, "+2:00");
        assert_eq!(f.replacement.as_deref(), Some("+02:00"));
        let (f, text) = one("2019-05-14T17:01:53+020");
        assert_eq!(text, "+020");
        assert_eq!(f.kind, FindingKind::InvalidZone);
    }

    #[test]
    fn named_zones() {
        let (f, text) = one("2019-05-14 17:01:53 CEST");
        assert_eq!(f.kind, FindingKind::InvalidZone);
        assert_eq!(text, "CEST");
        assert_eq!(f.replacement, None);
        assert!(f.help.unwrap().contains("+02:00"));
        let (f, text) = one("2019-05-14 17:01:53 UTC");
        assert_eq!(text, "UTC");
        assert_eq!(f.replacement.as_deref(), Some("Z"));
        let (f, _) = one("2019-05-14 17:01:53 EST");
        assert_eq!(f.replacement.as_deref(), Some("-05:00"));
        let (f, _) = one("2019-05-14 17:01:53 IST");
        assert_eq!(f.replacement, None);
        let (f, _) = one("2019-05-14 17:01:53 XYZ");
        assert_eq!(f.kind, FindingKind::InvalidZone);
    }

    #[test]
    fn one_digit_fields() {
        let input = "2019-5-4 9:05";
        let (_, findings) = iso(input);
        let texts: Vec<_> = findings
            .iter()
            .map(|f| (&input[f.range], f.replacement.as_deref()))
            .collect();
        assert_eq!(
            texts,
            vec![("5", Some("05")), ("4", Some("04")), ("9", Some("09"))]
        );
    }

    #[test]
    fn malformed() {
        let (f, text) = one("2019-05");
        assert_eq!(f.kind, FindingKind::Invalid);
        assert_eq!(text, "2019-05");
        let (f, text) = one("2019-05-14 yesterday");
        assert_eq!(f.kind, FindingKind::Invalid);
        assert_eq!(text, "yesterday");
        let (f, text) = one("2019-05-14T");
        assert_eq!(f.kind, FindingKind::Invalid);
        assert_eq!(text, "T");
        let (f, text) = one("2019-05-14T17:01:53+02:00 (CEST)");
        assert_eq!(text, "(CEST)");
        assert_eq!(f.kind, FindingKind::Invalid);
        let (f, text) = one("2019-0514");
        assert_eq!(text, "2019-0514");
        assert_eq!(f.kind, FindingKind::Invalid);
    }

    #[test]
    fn rfc_date_where_iso_expected() {
        let input = "Tue, 14 May 2019 17:01:53 +0200";
        let (f, text) = one(input);
        assert_eq!(f.kind, FindingKind::Invalid);
        assert_eq!(text, input);
        assert_eq!(
            f.message,
            "found an RFC 2822 date where an ISO 8601 date was expected"
        );
        assert_eq!(f.replacement.as_deref(), Some("2019-05-14T17:01:53+02:00"));
        // RFC-only complaints (no time) are not made for an ISO site.
        let (f, _) = one("Tue, 14 May 2019");
        assert_eq!(f.replacement.as_deref(), Some("2019-05-14"));
    }

    #[test]
    fn rfc_date_with_wrong_weekday_where_iso_expected() {
        let (_, findings) = iso("Mon, 14 May 2019 17:01:53 +0200");
        assert_eq!(findings.len(), 2);
        assert_eq!(findings[0].kind, FindingKind::Invalid);
        // Converting would silently pick the day over the weekday.
        assert_eq!(findings[0].replacement, None);
        assert_eq!(findings[1].kind, FindingKind::WrongWeekday);
    }
}
