//! Date analysis for front-matter `date:` values: reads RFC 2822 and ISO 8601
//! dates with its own tokenizer, so every finding points at the exact wrong
//! part of the value, and uses jiff only for calendar facts.

mod calendar;
mod cfws;
mod fast;
mod iso8601;
mod names;
mod reader;
mod rfc2822;
mod shape;
#[cfg(test)]
mod testing;
mod tokens;

use crate::span::Span;

pub use reader::Reader;
pub use shape::{Majority, Shape, Tally};

use jiff::Timestamp;
use jiff::civil::{Date, Time};
use jiff::tz::Offset;

/// Longer values are not dates; refusing them early keeps the regex work bounded.
pub const MAX_INPUT_LEN: usize = 1_000;

/// Which format the site treats as canonical.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum DateFormat {
    /// `Tue, 14 May 2019 17:01:53 +0200`
    #[default]
    Rfc2822,
    /// `2019-05-14T17:01:53+02:00`
    Iso8601,
}

impl DateFormat {
    /// The name used in messages.
    pub fn name(self) -> &'static str {
        match self {
            DateFormat::Rfc2822 => "RFC 2822",
            DateFormat::Iso8601 => "ISO 8601",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FindingKind {
    /// PL250: not a date of the expected format at all.
    Invalid,
    /// PL251: the weekday does not match the date.
    WrongWeekday,
    /// PL252: a day, hour, minute or second that does not exist.
    Impossible,
    /// PL253: a zone that is not an RFC 2822 zone, or an offset that does not exist.
    InvalidZone,
    /// PL254: valid, but obsolete per RFC 2822 section 4.3.
    Obsolete,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub kind: FindingKind,
    /// Byte range in the input string of exactly the wrong part; the whole
    /// trimmed value only when nothing narrower fits.
    pub range: Span,
    /// Lower-case sentence fragment, no final period.
    pub message: String,
    /// Imperative, e.g. "write `Tue`".
    pub help: Option<String>,
    /// Text to put in `range`. Certain except for [`FindingKind::WrongWeekday`],
    /// where the day may be the wrong part instead of the weekday.
    pub replacement: Option<String>,
}

impl Finding {
    fn new(kind: FindingKind, range: Span, message: impl Into<String>) -> Finding {
        Finding {
            kind,
            range,
            message: message.into(),
            help: None,
            replacement: None,
        }
    }

    fn help(mut self, help: impl Into<String>) -> Finding {
        self.help = Some(help.into());
        self
    }

    fn maybe_help(mut self, help: Option<String>) -> Finding {
        self.help = help;
        self
    }

    /// Sets the replacement and, as the help, "write `replacement`".
    fn replace(mut self, replacement: impl Into<String>) -> Finding {
        let replacement = replacement.into();
        self.help = Some(if replacement.is_empty() {
            "remove it".to_string()
        } else {
            format!("write `{replacement}`")
        });
        self.replacement = Some(replacement);
        self
    }
}

/// What the zone of a date said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ZoneKind {
    /// A known offset (numeric, `Z`, or an obsolete name such as `GMT`).
    Known,
    /// Written, and means "offset unknown": `-0000`, `-00:00`, or an RFC 2822
    /// military letter.
    Unknown,
    /// Not written (an ISO date without time or offset; a broken RFC 2822 date).
    Missing,
    /// Written, but not understood (`CEST`, `+2400`).
    Invalid,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedDate {
    /// Which syntax the value was written in.
    pub form: DateFormat,
    pub date: Date,
    /// `None` when not written or not understood (hour 25). A leap second is
    /// stored as second 59 with [`ParsedDate::leap_second`] set, because jiff
    /// has no second 60.
    pub time: Option<Time>,
    /// `None` for `-0000`, unknown names, military letters, or no zone; see [`ParsedDate::zone`].
    pub offset: Option<Offset>,
    pub zone: ZoneKind,
    pub weekday_written: bool,
    /// The value said second 60 at a point where a leap second can be.
    pub leap_second: bool,
}

impl ParsedDate {
    /// The instant, when the offset is known. A missing time counts as
    /// 00:00:00; a leap second counts as second 59.
    pub fn timestamp(&self) -> Option<Timestamp> {
        let offset = self.offset?;
        let time = self.time.unwrap_or(Time::midnight());
        offset.to_timestamp(self.date.to_datetime(time)).ok()
    }

    /// The canonical RFC 2822 form, `Tue, 14 May 2019 17:01:53 +0200`: weekday,
    /// two-digit day, seconds always, numeric zone (`-0000` when the value
    /// said the offset is unknown). Fractions of a second are dropped. `None`
    /// when the time is missing, the zone is missing or not understood, or the
    /// year is one RFC 2822 cannot write (before 1900: found by fuzzing, an
    /// ISO date of year 1009 got an RFC 2822 "repair" that was itself invalid).
    pub fn to_rfc2822(&self) -> Option<String> {
        if !(1900..=9999).contains(&self.date.year()) {
            return None;
        }
        let time = self.time?;
        let zone = match self.zone {
            ZoneKind::Known => calendar::rfc2822_offset(self.offset?),
            ZoneKind::Unknown => "-0000".to_string(),
            ZoneKind::Missing | ZoneKind::Invalid => return None,
        };
        Some(format!(
            "{}, {:02} {} {:04} {:02}:{:02}:{:02} {zone}",
            names::weekday_abbr(self.date.weekday()),
            self.date.day(),
            names::month_abbr(self.date.month())?,
            self.date.year(),
            time.hour(),
            time.minute(),
            self.second(time),
        ))
    }

    /// The canonical ISO 8601 (RFC 3339) form, `2019-05-14T17:01:53+02:00`;
    /// `Z` for UTC, `-00:00` for an unknown offset, fractions of a second only
    /// when non-zero. A date without time gives `2019-05-14`, a time without
    /// zone gives a local time `2019-05-14T17:01:53`. `None` when the zone
    /// was written but not understood.
    pub fn to_iso8601(&self) -> Option<String> {
        let date = format!(
            "{:04}-{:02}-{:02}",
            self.date.year(),
            self.date.month(),
            self.date.day()
        );
        let zone = match self.zone {
            ZoneKind::Known => calendar::iso8601_offset(self.offset?),
            ZoneKind::Unknown => "-00:00".to_string(),
            ZoneKind::Missing => String::new(),
            ZoneKind::Invalid => return None,
        };
        let Some(time) = self.time else {
            return Some(date);
        };
        let nanos = time.subsec_nanosecond();
        let fraction = if nanos == 0 {
            String::new()
        } else {
            format!(".{nanos:09}").trim_end_matches('0').to_string()
        };
        Some(format!(
            "{date}T{:02}:{:02}:{:02}{fraction}{zone}",
            time.hour(),
            time.minute(),
            self.second(time),
        ))
    }

    /// The canonical text in the given format.
    pub fn to_format(&self, format: DateFormat) -> Option<String> {
        match format {
            DateFormat::Rfc2822 => self.to_rfc2822(),
            DateFormat::Iso8601 => self.to_iso8601(),
        }
    }

    fn second(&self, time: Time) -> i8 {
        if self.leap_second { 60 } else { time.second() }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DateAnalysis {
    /// Some whenever the calendar date could be understood, even with findings.
    pub parsed: Option<ParsedDate>,
    /// Ordered by position.
    pub findings: Vec<Finding>,
}

/// Analyse one front-matter date value (the string as YAML parsed it;
/// leading and trailing white space allowed).
pub fn analyse(input: &str, expected: DateFormat) -> DateAnalysis {
    if expected == DateFormat::Rfc2822
        && input.len() <= MAX_INPUT_LEN
        && let Some(parsed) = fast::canonical_rfc2822(input)
    {
        return DateAnalysis {
            parsed: Some(parsed),
            findings: Vec::new(),
        };
    }
    analyse_fully(input, expected)
}

/// Analyse one date for `dates.format = "auto"`: in the form it is written
/// in (an RFC 2822 date keeps every strict check, an ISO date gets the
/// calendar checks), then against what `reader` parses. The form itself is
/// never a finding.
pub fn analyse_auto(input: &str, reader: Reader) -> DateAnalysis {
    let whole = match guard(input, DateFormat::Iso8601) {
        Ok(whole) => whole,
        Err(rejected) => return rejected,
    };
    let trimmed = whole.get(input).unwrap_or_default();
    let mut findings = Vec::new();
    let (form, parsed) = if iso8601::looks_like(trimmed) {
        let short = reader.short_fields();
        let parsed = iso8601::parse_with(input, whole, &mut findings, short);
        (DateFormat::Iso8601, parsed)
    } else if let Some(date) = reader.reads_day_first(trimmed) {
        // What the generator reads is the date; whether it is the day the
        // author meant is PL256's comparison with the file name.
        let parsed = ParsedDate {
            form: DateFormat::Iso8601,
            date,
            time: None,
            offset: None,
            zone: ZoneKind::Missing,
            weekday_written: false,
            leap_second: false,
        };
        return DateAnalysis {
            parsed: Some(parsed),
            findings: Vec::new(),
        };
    } else if let Some(parsed) = fast::canonical_rfc2822(input) {
        (DateFormat::Rfc2822, Some(parsed))
    } else {
        let outcome = rfc2822::parse(input, whole, DateFormat::Rfc2822, &mut findings);
        // A form the generator documents is not incomplete to it; any other
        // finding (an impossible day, a wrong month name) still stands.
        if reader.documents(trimmed) {
            findings.retain(|f| !f.message.starts_with("missing the time"));
        }
        // No form is expected in `auto`: say what is wrong with the date itself.
        for f in &mut findings {
            if f.message.starts_with("found a numeric date where") {
                f.message = "found a numeric date, whose order of day and month is a guess".into();
                f.help = Some(example_help(DateFormat::Iso8601));
            }
        }
        (DateFormat::Rfc2822, outcome.parsed)
    };
    // A date its own form rejects already has its findings; one more about
    // the generator would say the same twice.
    if findings.is_empty()
        && let Some(finding) = reader.rejects(form, trimmed, whole)
    {
        findings.push(finding);
    }
    findings.sort_by_key(|f| (f.range.start, std::cmp::Reverse(f.range.end)));
    DateAnalysis { parsed, findings }
}

/// Whether `reader` rejects a date written as `value` for its form alone
/// (an RFC 2822 date on Zola, `+0200` on Zola, a Hugo-unreadable RFC 2822
/// spelling): a fix must not write such a value.
pub fn reader_rejects(reader: Reader, value: &str) -> bool {
    let trimmed = value.trim();
    let form = if iso8601::looks_like(trimmed) {
        DateFormat::Iso8601
    } else {
        DateFormat::Rfc2822
    };
    let whole = Span::new(0, trimmed.len());
    reader.rejects(form, trimmed, whole).is_some()
}

/// The trimmed value's span, or the analysis of a value too long or empty
/// to be a date.
fn guard(input: &str, expected: DateFormat) -> Result<Span, DateAnalysis> {
    let start = input.len() - input.trim_start().len();
    let end = input.trim_end().len().max(start);
    let whole = Span::new(start, end);
    if input.len() > MAX_INPUT_LEN {
        return Err(rejected(Finding::new(
            FindingKind::Invalid,
            whole,
            format!("the date is {} bytes long, which is no date", input.len()),
        )));
    }
    if whole.is_empty() {
        return Err(rejected(
            Finding::new(
                FindingKind::Invalid,
                Span::new(0, input.len()),
                "the date is empty",
            )
            .help(example_help(expected)),
        ));
    }
    Ok(whole)
}

/// The general analysis, without the fast path for canonical dates.
fn analyse_fully(input: &str, expected: DateFormat) -> DateAnalysis {
    let whole = match guard(input, expected) {
        Ok(whole) => whole,
        Err(rejected) => return rejected,
    };
    let mut findings = Vec::new();
    let trimmed = whole.get(input).unwrap_or_default();
    let parsed = if iso8601::looks_like(trimmed) {
        let parsed = iso8601::parse(input, whole, &mut findings);
        if expected == DateFormat::Rfc2822 {
            findings.push(form_mismatch(
                DateFormat::Iso8601,
                expected,
                whole,
                parsed.as_ref(),
                &findings,
            ));
        }
        parsed
    } else {
        let outcome = rfc2822::parse(input, whole, expected, &mut findings);
        if expected == DateFormat::Iso8601 && outcome.recognised {
            findings.push(form_mismatch(
                DateFormat::Rfc2822,
                expected,
                whole,
                outcome.parsed.as_ref(),
                &findings,
            ));
        }
        outcome.parsed
    };
    // Stable: ties keep the order the parser found them in, wider ranges first.
    findings.sort_by_key(|f| (f.range.start, std::cmp::Reverse(f.range.end)));
    DateAnalysis { parsed, findings }
}

fn rejected(finding: Finding) -> DateAnalysis {
    DateAnalysis {
        parsed: None,
        findings: vec![finding],
    }
}

fn example_help(expected: DateFormat) -> String {
    match expected {
        DateFormat::Rfc2822 => "write an RFC 2822 date such as `Tue, 14 May 2019 17:01:53 +0200`",
        DateFormat::Iso8601 => "write an ISO 8601 date such as `2019-05-14T17:01:53+02:00`",
    }
    .to_string()
}

/// The value is a date, but in the other syntax. The conversion is offered
/// only when it is exact: nothing guessed (a wrong weekday would be silently
/// resolved in favour of the day), nothing unread, nothing lost (fractions
/// of a second).
fn form_mismatch(
    found: DateFormat,
    expected: DateFormat,
    whole: Span,
    parsed: Option<&ParsedDate>,
    findings: &[Finding],
) -> Finding {
    let finding = Finding::new(
        FindingKind::Invalid,
        whole,
        format!(
            "found an {} date where an {} date was expected",
            found.name(),
            expected.name()
        ),
    );
    // A finding without a certain replacement means some part was not
    // understood, so the converted text might not say what was meant.
    let guessed = findings
        .iter()
        .any(|f| f.replacement.is_none() || f.kind == FindingKind::WrongWeekday);
    let lossy = parsed
        .and_then(|p| p.time)
        .is_some_and(|t| t.subsec_nanosecond() != 0 && expected == DateFormat::Rfc2822);
    match parsed.and_then(|p| p.to_format(expected)) {
        Some(text) if !guessed && !lossy => finding.replace(text),
        _ => finding.help(example_help(expected)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::ToSpan;
    use jiff::civil::{date, time};

    fn rfc(input: &str) -> DateAnalysis {
        analyse(input, DateFormat::Rfc2822)
    }

    /// Which rule reports each kind is `rules::date_context::rule_of`.
    #[test]
    fn default_format() {
        assert_eq!(DateFormat::default(), DateFormat::Rfc2822);
    }

    #[test]
    fn empty_input() {
        for input in ["", "   ", "\n\t"] {
            let a = rfc(input);
            assert_eq!(a.parsed, None);
            assert_eq!(a.findings.len(), 1);
            assert_eq!(a.findings[0].kind, FindingKind::Invalid);
            assert_eq!(a.findings[0].message, "the date is empty");
            assert_eq!(a.findings[0].range, 0..input.len());
        }
    }

    #[test]
    fn huge_input() {
        let input = format!("Tue, 14 May 2019 17:01:53 +0200{}", " (x)".repeat(300));
        let a = rfc(&input);
        assert_eq!(a.parsed, None);
        assert_eq!(a.findings.len(), 1);
        assert_eq!(a.findings[0].kind, FindingKind::Invalid);
        assert_eq!(a.findings[0].range, 0..input.len());
        // At the limit the value is still read.
        let padded = format!("{:<1000}", "Tue, 14 May 2019 17:01:53 +0200");
        assert_eq!(padded.len(), MAX_INPUT_LEN);
        assert_eq!(rfc(&padded).findings, vec![]);
        assert_eq!(rfc(&format!("{padded} ")).findings.len(), 1);
    }

    #[test]
    fn iso_date_where_rfc_expected() {
        for input in ["2019-05-14 17:01:53 +0200", "2019-05-14T17:01:53+02:00"] {
            let a = rfc(input);
            assert_eq!(a.findings.len(), 1, "{input}");
            let f = &a.findings[0];
            assert_eq!(f.kind, FindingKind::Invalid);
            assert_eq!(f.range, 0..input.len());
            assert_eq!(
                f.message,
                "found an ISO 8601 date where an RFC 2822 date was expected"
            );
            assert_eq!(
                f.replacement.as_deref(),
                Some("Tue, 14 May 2019 17:01:53 +0200")
            );
            let p = a.parsed.unwrap();
            assert_eq!(p.form, DateFormat::Iso8601);
            assert_eq!(p.date, date(2019, 5, 14));
        }
    }

    #[test]
    fn iso_date_only_where_rfc_expected() {
        let a = rfc(" 2019-05-14 ");
        assert_eq!(a.findings.len(), 1);
        let f = &a.findings[0];
        assert_eq!(f.range, 1..11);
        assert_eq!(f.replacement, None);
        assert!(f.help.as_deref().unwrap().contains("RFC 2822"));
        assert_eq!(a.parsed.unwrap().date, date(2019, 5, 14));
    }

    #[test]
    fn iso_with_fraction_where_rfc_expected_is_not_converted() {
        let a = rfc("2019-05-14T17:01:53.5+02:00");
        assert_eq!(a.findings.len(), 1);
        assert_eq!(a.findings[0].replacement, None);
    }

    #[test]
    fn impossible_iso_date_where_rfc_expected() {
        let a = rfc("2019-02-29");
        assert_eq!(a.parsed, None);
        let kinds: Vec<_> = a.findings.iter().map(|f| f.kind).collect();
        assert_eq!(kinds, vec![FindingKind::Invalid, FindingKind::Impossible]);
        assert_eq!(a.findings[0].replacement, None);
    }

    #[test]
    fn garbage_with_iso_expected() {
        let a = analyse("soon", DateFormat::Iso8601);
        assert_eq!(a.findings.len(), 1);
        assert!(a.findings[0].help.as_deref().unwrap().contains("ISO 8601"));
    }

    #[test]
    fn canonical_round_trip() {
        for input in [
            "Tue, 14 May 2019 17:01:53 +0200",
            "Fri, 21 Nov 1997 09:55:06 -0600",
            "Thu, 13 Feb 1969 23:32:00 -0330",
            "Thu, 31 Dec 1998 23:59:60 -0000",
            "Sat, 01 Jan 2000 00:00:00 +0000",
            "Sun, 31 Dec 2023 23:59:59 +1400",
            "Mon, 01 Jan 2024 00:00:00 -1200",
        ] {
            let a = rfc(input);
            assert_eq!(a.findings, vec![], "{input}");
            let p = a.parsed.unwrap();
            assert_eq!(p.to_rfc2822().as_deref(), Some(input));
            // Through ISO and back.
            let iso = p.to_iso8601().unwrap();
            let back = analyse(&iso, DateFormat::Iso8601);
            assert_eq!(back.findings, vec![], "{iso}");
            assert_eq!(back.parsed.unwrap().to_rfc2822().as_deref(), Some(input));
        }
    }

    #[test]
    fn canonical_forms_of_variants() {
        let p = rfc("tue,  1 may 2019 07:01 +0200 (CEST)").parsed.unwrap();
        assert_eq!(
            p.to_rfc2822().as_deref(),
            Some("Wed, 01 May 2019 07:01:00 +0200")
        );
        assert_eq!(p.to_iso8601().as_deref(), Some("2019-05-01T07:01:00+02:00"));
        assert_eq!(
            p.to_format(DateFormat::Iso8601),
            Some("2019-05-01T07:01:00+02:00".to_string())
        );
    }

    #[test]
    fn timestamps() {
        let p = rfc("Tue, 14 May 2019 17:01:53 +0200").parsed.unwrap();
        let expected: Timestamp = "2019-05-14T15:01:53Z".parse().unwrap();
        assert_eq!(p.timestamp(), Some(expected));
        let p = rfc("Thu, 31 Dec 1998 23:59:60 +0000").parsed.unwrap();
        let expected: Timestamp = "1998-12-31T23:59:59Z".parse().unwrap();
        assert_eq!(p.timestamp(), Some(expected));
        let p = rfc("Tue, 14 May 2019 17:01:53 -0000").parsed.unwrap();
        assert_eq!(p.timestamp(), None);
        let p = rfc("Tue, 14 May 2019 17:01:53 CEST").parsed.unwrap();
        assert_eq!(p.timestamp(), None);
        let p = rfc("Tue, 14 May 2019 17:01:53 GMT").parsed.unwrap();
        let expected: Timestamp = "2019-05-14T17:01:53Z".parse().unwrap();
        assert_eq!(p.timestamp(), Some(expected));
    }

    #[test]
    fn every_day_of_2019_and_2020_is_clean() {
        let offsets = [
            (0, "+0000"),
            (2 * 3600, "+0200"),
            (-(3 * 3600 + 1800), "-0330"),
            (14 * 3600, "+1400"),
        ];
        let mut day = date(2019, 1, 1);
        let mut n = 0usize;
        while day.year() <= 2020 {
            let (seconds, zone) = offsets[n % offsets.len()];
            let t = time(
                i8::try_from(n % 24).unwrap(),
                i8::try_from(n % 60).unwrap(),
                i8::try_from((n * 7) % 60).unwrap(),
                0,
            );
            let offset = Offset::from_seconds(seconds).unwrap();
            let text = format!(
                "{}, {:02} {} {} {:02}:{:02}:{:02} {zone}",
                names::weekday_abbr(day.weekday()),
                day.day(),
                names::month_abbr(day.month()).unwrap(),
                day.year(),
                t.hour(),
                t.minute(),
                t.second(),
            );
            let a = rfc(&text);
            assert_eq!(a.findings, vec![], "{text}");
            let p = a.parsed.unwrap();
            assert_eq!(p.date, day);
            assert_eq!(p.date.weekday(), day.weekday());
            assert_eq!(p.time, Some(t));
            assert_eq!(p.offset, Some(offset));
            assert!(p.weekday_written);
            assert_eq!(p.to_rfc2822().as_deref(), Some(text.as_str()));
            let iso = p.to_iso8601().unwrap();
            let b = analyse(&iso, DateFormat::Iso8601);
            assert_eq!(b.findings, vec![], "{iso}");
            assert_eq!(b.parsed.as_ref().unwrap().timestamp(), p.timestamp());

            // The day before's weekday is always wrong, and said so.
            let wrong = names::weekday_abbr(day.weekday().previous());
            let shifted = text.replacen(names::weekday_abbr(day.weekday()), wrong, 1);
            let a = rfc(&shifted);
            assert_eq!(a.findings.len(), 1, "{shifted}");
            assert_eq!(a.findings[0].kind, FindingKind::WrongWeekday);
            assert_eq!(&shifted[a.findings[0].range], wrong);

            day = day.checked_add(1.day()).unwrap();
            n += 1;
        }
        assert_eq!(n, 365 + 366);
    }

    #[test]
    fn day_past_month_end_for_every_month() {
        for year in [2019i16, 2020] {
            for month in 1..=12i8 {
                let last = date(year, month, 1).days_in_month();
                let input = format!(
                    "{} {} {year} 12:00:00 +0000",
                    last + 1,
                    names::month_abbr(month).unwrap()
                );
                let a = rfc(&input);
                assert_eq!(a.findings.len(), 1, "{input}");
                assert_eq!(a.findings[0].kind, FindingKind::Impossible);
                assert_eq!(&input[a.findings[0].range], (last + 1).to_string());
                assert!(a.parsed.is_none());
            }
        }
    }

    #[test]
    fn findings_are_sorted_and_ranges_valid() {
        let input = "  Monday 14 mei 19 25:61:61 CEST trailing ";
        let a = rfc(input);
        assert!(a.findings.len() >= 5, "{:#?}", a.findings);
        let starts: Vec<_> = a.findings.iter().map(|f| f.range.start).collect();
        let mut sorted = starts.clone();
        sorted.sort();
        assert_eq!(starts, sorted);
        for f in &a.findings {
            assert!(f.range.get(input).is_some());
            assert!(!f.message.ends_with('.'));
            assert!(
                f.message.chars().next().is_some_and(|c| !c.is_uppercase()),
                "{}",
                f.message
            );
        }
    }

    /// A small deterministic fuzzer: splices date fragments and awkward
    /// characters; nothing may panic and every range must slice the input.
    #[test]
    fn never_panics_on_noise() {
        let pieces = [
            "Tue",
            ",",
            " ",
            "14",
            "May",
            "2019",
            "17",
            ":",
            "01",
            "53",
            "+",
            "-",
            "0200",
            "02:00",
            "(",
            ")",
            "\\",
            "GMT",
            "Z",
            "T",
            "2019-05-14",
            ".",
            "60",
            "é",
            "\u{a0}",
            "\n",
            "\t",
            "mei",
            "Tuesday",
            "9999",
            "00",
            "99999999999999999999",
            "🙂",
            "PM",
            "th",
            "Sept.",
            "März",
            "/",
            "\u{0}",
            "-0000",
            "24",
            "UTC",
            "+2",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = usize::try_from(seed % 12).unwrap();
            let mut s = String::new();
            let mut x = seed;
            for _ in 0..len {
                x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                s.push_str(pieces[usize::try_from(x >> 33).unwrap() % pieces.len()]);
            }
            let readers = [
                Reader::Jekyll,
                Reader::Hugo,
                Reader::Toml,
                Reader::Eleventy,
                Reader::Lenient,
            ];
            let pinned = [DateFormat::Rfc2822, DateFormat::Iso8601].map(|f| analyse(&s, f));
            for a in pinned.iter().chain(&readers.map(|r| analyse_auto(&s, r))) {
                for f in &a.findings {
                    assert!(f.range.get(&s).is_some(), "{s:?}: {f:?}");
                }
                if let Some(p) = &a.parsed {
                    let _ = (p.to_rfc2822(), p.to_iso8601(), p.timestamp());
                }
            }
            let _ = Shape::of(&s);
        }
    }
}

#[cfg(test)]
mod fuzz_regressions {
    use super::*;

    /// fuzz/artifacts/date/crash-2347…: the canonical form must analyse clean.
    #[test]
    fn years_rfc2822_cannot_write_get_no_rfc2822_form() {
        for input in [
            "1009-05-14T17:05:00-14:00",
            "Sun, 14 May 1009 17:05:00 -1400",
        ] {
            let a = analyse(input, DateFormat::Rfc2822);
            let canonical = a.parsed.as_ref().and_then(|p| p.to_rfc2822());
            assert_eq!(canonical, None, "{input}");
            // No replacement offered may itself be an invalid RFC 2822 date.
            for r in a.findings.iter().filter_map(|f| f.replacement.as_deref()) {
                assert!(!r.contains("1009"), "{r}");
            }
        }
        let crash = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fuzz/regressions/date-year-1009"
        ))
        .unwrap();
        let text = String::from_utf8_lossy(&crash);
        for format in [DateFormat::Rfc2822, DateFormat::Iso8601] {
            if let Some(c) = analyse(&text, format)
                .parsed
                .and_then(|p| p.to_format(format))
            {
                assert!(analyse(&c, format).findings.is_empty(), "{c}");
            }
        }
    }
}
