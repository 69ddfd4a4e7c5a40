//! What the site's generator reads as a date, for `dates.format = "auto"`:
//! each date is checked in the form it is written in, and then against the
//! forms its generator parses. Only a date the generator cannot read (or an
//! impossible one) is a finding; the form itself is the site's choice.

use std::sync::LazyLock;

use regex::Regex;

use crate::site::Generator;
use crate::span::Span;

use super::{DateFormat, Finding, FindingKind};

/// Who reads the dates of a site, as far as the accepted forms differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reader {
    /// Jekyll: YAML 1.1 timestamps through Psych (`2013-11-22 5:00:00
    /// +0000`, `2019-5-4 1:02:03`), other strings through Ruby's `Time.parse`.
    Jekyll,
    /// Hugo: Go's YAML timestamps and the layouts of `time.AsTime`
    /// (gohugo.io/functions/time/astime: `2023-10-15T13:18:50-07:00`,
    /// `…-0700`, `…Z`, `2023-10-15T13:18:50`, `2023-10-15`, `15 Oct 2023`;
    /// and Go's RFC 1123 `Mon, 02 Jan 2006 15:04:05 -0700`). Go's `15`
    /// reads a one-digit hour; `01` and `02` want two digits.
    Hugo,
    /// Zola (TOML front matter): TOML datetimes and RFC 3339 strings, with
    /// a colon in the offset (toml.io/en/v1.0.0#offset-date-time).
    Toml,
    /// Eleventy: YAML timestamps (js-yaml) and strings through Luxon's
    /// `DateTime.fromISO` (11ty.dev/docs/dates/): ISO 8601 only.
    Eleventy,
    /// Pelican (`dateutil`), Hexo (moment) and sites without a generator:
    /// both forms, the generator's parser being lenient.
    Lenient,
}

impl Reader {
    /// The reader of a site built by `generator` (`None`: not known).
    pub fn of(generator: Option<Generator>) -> Reader {
        match generator {
            Some(Generator::Jekyll) => Reader::Jekyll,
            Some(Generator::Hugo) => Reader::Hugo,
            Some(Generator::Zola) => Reader::Toml,
            Some(Generator::Eleventy) => Reader::Eleventy,
            _ => Reader::Lenient,
        }
    }

    /// The ISO fields this reader takes with one digit.
    pub(super) fn short_fields(self) -> &'static [&'static str] {
        match self {
            // Psych's timestamp: `[0-9][0-9]?` for month, day and hour.
            Reader::Jekyll | Reader::Lenient => &["month", "day", "hour"],
            Reader::Hugo => &["hour"],
            Reader::Toml | Reader::Eleventy => &[],
        }
    }

    /// Whether the reader documents `trimmed` as a date of its own, which
    /// the strict RFC 2822 checks would call incomplete: Hugo's `15 Oct
    /// 2023` (Go's `02 Jan 2006`, listed by `time.AsTime`).
    pub(super) fn documents(self, trimmed: &str) -> bool {
        self == Reader::Hugo && matches(&DAY_MONTH_YEAR, trimmed)
    }

    /// The calendar date Jekyll reads from a numeric `D-M-YYYY` (Ruby's
    /// `Time.parse` takes it day first: `11-9-2017` is 11 September). Other
    /// readers do not read it, and slashes stay a guess (`9/11/2017` is
    /// month first to a US author, day first to Ruby).
    pub(super) fn reads_day_first(self, trimmed: &str) -> Option<jiff::civil::Date> {
        if self != Reader::Jekyll {
            return None;
        }
        let caps = DAY_FIRST_DASHES.as_ref()?.captures(trimmed)?;
        let number = |i: usize| caps.get(i)?.as_str().parse::<i16>().ok();
        jiff::civil::Date::new(
            number(3)?,
            i8::try_from(number(2)?).ok()?,
            i8::try_from(number(1)?).ok()?,
        )
        .ok()
    }

    /// Why the reader rejects `trimmed` (at `whole` in the input), a value
    /// the form's own parser accepted: at most one finding.
    pub(super) fn rejects(self, form: DateFormat, trimmed: &str, whole: Span) -> Option<Finding> {
        let finding = |message: String, help: &str| {
            Finding::new(FindingKind::Invalid, whole, message).help(help)
        };
        match (self, form) {
            (Reader::Toml, DateFormat::Rfc2822) => Some(finding(
                "Zola reads only RFC 3339 dates".to_string(),
                "write the date as `2019-05-14T17:01:53+02:00`",
            )),
            // Eleventy's `fromISOtoDateUTC` throws "Data cascade value for
            // `date` (…) is invalid" and the build stops.
            (Reader::Eleventy, DateFormat::Rfc2822) => Some(finding(
                "Eleventy reads a date string as ISO 8601 only, and stops the build on this one"
                    .to_string(),
                "write the date as `2019-05-14T17:01:53+02:00`",
            )),
            (Reader::Toml, DateFormat::Iso8601) if matches(&OFFSET_WITHOUT_COLON, trimmed) => {
                Some(finding(
                    "Zola reads RFC 3339 dates, whose offset has a colon".to_string(),
                    "write the offset as `+hh:mm`, such as `+02:00`",
                ))
            }
            (Reader::Hugo, DateFormat::Rfc2822)
                if HUGO_RFC.as_ref().is_some_and(|re| !re.is_match(trimmed)) =>
            {
                Some(finding(
                    "Hugo cannot read this form of an RFC 2822 date".to_string(),
                    "write `Tue, 14 May 2019 17:01:53 +0200` (Go's RFC 1123 layout) or `2019-05-14T17:01:53+02:00`",
                ))
            }
            _ => None,
        }
    }
}

/// `2019-05-14T17:01:53+0200`: an offset RFC 3339 does not allow.
static OFFSET_WITHOUT_COLON: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"[0-9][ \t]*[+-][0-9]{4}$").ok());

/// `11-9-2017`.
static DAY_FIRST_DASHES: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^([0-9]{1,2})-([0-9]{1,2})-([0-9]{4})$").ok());

/// `15 Oct 2023`.
static DAY_MONTH_YEAR: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^[0-9]{2} [A-Z][a-z]{2} [0-9]{4}$").ok());

/// Go's RFC 1123 layouts (`Mon, 02 Jan 2006 15:04:05 -0700` and with a
/// zone name), RFC 822 (`02 Jan 06 15:04 -0700`) and `02 Jan 2006`, which
/// Hugo's `time.AsTime` tries.
static HUGO_RFC: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[A-Z][a-z]{2}, [0-9]{2} [A-Z][a-z]{2} [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} (?:[+-][0-9]{4}|[A-Z]{3,4})|[0-9]{2} [A-Z][a-z]{2} [0-9]{2} [0-9]{2}:[0-9]{2} (?:[+-][0-9]{4}|[A-Z]{3,4})|[0-9]{2} [A-Z][a-z]{2} [0-9]{4})$",
    )
    .ok()
});

fn matches(re: &LazyLock<Option<Regex>>, text: &str) -> bool {
    re.as_ref().is_some_and(|re| re.is_match(text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::analyse_auto;

    fn kinds(input: &str, reader: Reader) -> Vec<FindingKind> {
        analyse_auto(input, reader)
            .findings
            .iter()
            .map(|f| f.kind)
            .collect()
    }

    fn accepts(reader: Reader, inputs: &[&str]) {
        for input in inputs {
            let a = analyse_auto(input, reader);
            assert_eq!(a.findings, vec![], "{reader:?} {input}");
            assert!(a.parsed.is_some(), "{reader:?} {input}");
        }
    }

    /// Psych's YAML 1.1 timestamps (one-digit month, day and hour) and
    /// Ruby's `Time.parse` (checked with Ruby 3.1: `Time.parse("2024-03-21
    /// 4:00:00 +0000")` is 04:00 UTC); `jekyll new` writes the last one.
    #[test]
    fn jekyll_reads_yaml_timestamps_and_rfc_2822() {
        accepts(
            Reader::Jekyll,
            &[
                "2013-11-22 5:00:00 +0000",
                "2013-05-06 02:12:52 +0200",
                "2024-03-21",
                "2019-5-4 1:02:03",
                "2019-05-14T17:01:53Z",
                "2020-04-03T20:26:28.000Z",
                "2019-05-14 17:01:53 +02:00",
                "Tue, 14 May 2019 17:01:53 +0200",
                "2026-12-01 13:18:23 +0000",
            ],
        );
    }

    /// An ISO date still gets the calendar checks, an RFC 2822 date every
    /// strict check, whatever the generator.
    #[test]
    fn impossible_dates_and_strict_rfc_2822_checks_stay() {
        for reader in [Reader::Jekyll, Reader::Hugo, Reader::Toml, Reader::Lenient] {
            assert_eq!(kinds("2019-02-30", reader), [FindingKind::Impossible]);
            assert_eq!(
                kinds("2019-05-14 24:00:00 +0000", reader),
                [FindingKind::Impossible]
            );
            assert_eq!(
                kinds("2019-05-14T12:00:00+15:00", reader),
                [FindingKind::InvalidZone]
            );
        }
        for reader in [Reader::Jekyll, Reader::Lenient] {
            assert_eq!(
                kinds("Mon, 14 May 2019 17:01:53 +0200", reader),
                [FindingKind::WrongWeekday]
            );
            assert_eq!(
                kinds("Tue, 14 May 2019 17:01:53 CEST", reader),
                [FindingKind::InvalidZone]
            );
            assert_eq!(
                kinds("Tue, 14 May 2019 17:01:53 GMT", reader),
                [FindingKind::Obsolete]
            );
            assert_eq!(
                kinds("di, 14 mei 2019 17:01:53 +0200", reader),
                [FindingKind::Invalid, FindingKind::Invalid]
            );
        }
    }

    /// gohugo.io/functions/time/astime lists `2023-10-15T13:18:50-07:00`,
    /// `…-0700`, `…Z`, `2023-10-15T13:18:50` and `2023-10-15`; Go's RFC 1123
    /// layout is among Hugo's; Go's `15` takes a one-digit hour, `01` not a
    /// one-digit month.
    #[test]
    fn hugo_reads_its_layouts() {
        accepts(
            Reader::Hugo,
            &[
                "2023-10-15T13:18:50-07:00",
                "2023-10-15T13:18:50-0700",
                "2023-10-15T13:18:50Z",
                "2023-10-15T13:18:50",
                "2023-10-15",
                "2023-10-15 3:18:50 -07:00",
                "Sun, 15 Oct 2023 13:18:50 -0700",
                // Go's `02 Jan 2006`.
                "15 Oct 2023",
            ],
        );
        assert_eq!(
            kinds("30 Feb 2023", Reader::Hugo),
            [FindingKind::Impossible]
        );
        assert_eq!(
            kinds("15 Oct 2023", Reader::Jekyll),
            [FindingKind::Invalid],
            "strict RFC 2822 elsewhere"
        );
        assert_eq!(
            kinds("1 Jul 2003 10:52 +0200", Reader::Hugo),
            [FindingKind::Invalid]
        );
        assert!(
            analyse_auto("1 Jul 2003 10:52 +0200", Reader::Hugo).findings[0]
                .message
                .contains("Hugo")
        );
        assert_eq!(kinds("2019-5-14", Reader::Hugo), [FindingKind::Invalid]);
    }

    /// toml.io/en/v1.0.0: offset date-times (`T` or a space), local
    /// date-times and local dates; the offset is `Z` or `+hh:mm`.
    #[test]
    fn zola_reads_rfc_3339_and_toml_dates() {
        accepts(
            Reader::Toml,
            &[
                "2019-05-14T17:01:53+02:00",
                "2019-05-14 17:01:53Z",
                "2019-05-14T17:01:53",
                "2019-05-14",
            ],
        );
        for input in [
            "2019-05-14T17:01:53+0200",
            "Tue, 14 May 2019 17:01:53 +0200",
            "2019-05-14T5:01:53Z",
        ] {
            assert_eq!(
                kinds(input, Reader::Toml),
                [FindingKind::Invalid],
                "{input}"
            );
        }
    }

    /// 11ty.dev/docs/dates: a date string is read by Luxon's `fromISO`.
    #[test]
    fn eleventy_reads_iso_only() {
        accepts(
            Reader::Eleventy,
            &["2019-05-14", "2019-05-14T17:01:53+02:00"],
        );
        let a = analyse_auto("Tue, 14 May 2019 17:01:53 +0200", Reader::Eleventy);
        assert_eq!(a.findings.len(), 1);
        assert!(
            a.findings[0].message.contains("Eleventy"),
            "{:?}",
            a.findings
        );
    }

    /// docs.getpelican.com/en/latest/content.html writes `Date: 2010-12-03
    /// 10:20` and `2012-10-21`; Pelican reads them with `dateutil`, as lenient
    /// as Hexo's moment.
    #[test]
    fn pelican_and_hexo_read_both_forms() {
        let reader = Reader::of(Some(Generator::Pelican));
        assert_eq!(reader, Reader::of(Some(Generator::Hexo)));
        accepts(
            reader,
            &[
                "2010-12-03 10:20",
                "2012-10-21",
                "2019-05-14T17:01:53+02:00",
                "Tue, 14 May 2019 17:01:53 +0200",
            ],
        );
    }

    /// scala-lang writes `date: 11-9-2017`: no form is expected in `auto`,
    /// so where the generator does not read it the finding is about the
    /// guess, not about RFC 2822.
    #[test]
    fn a_numeric_date_is_a_guess_where_the_generator_does_not_read_it() {
        for reader in [Reader::Hugo, Reader::Lenient] {
            let a = analyse_auto("11-9-2017", reader);
            assert_eq!(a.findings.len(), 1, "{reader:?}");
            assert!(a.findings[0].message.contains("guess"), "{:?}", a.findings);
            assert!(!a.findings[0].message.contains("RFC 2822"));
        }
        // Slashes are read day first too, but US authors write month first.
        assert_eq!(analyse_auto("9/11/2017", Reader::Jekyll).findings.len(), 1);
    }

    /// Ruby's `Time.parse("11-9-2017")` (Ruby 3.1) is 11 September 2017:
    /// Jekyll reads `D-M-YYYY` day first, so the date is what Jekyll says,
    /// and PL256 compares it with the file name.
    #[test]
    fn jekyll_reads_day_month_year_with_dashes_day_first() {
        let a = analyse_auto("11-9-2017", Reader::Jekyll);
        assert!(a.findings.is_empty(), "{:?}", a.findings);
        let parsed = a.parsed.expect("read");
        assert_eq!(parsed.date, jiff::civil::date(2017, 9, 11));
        assert_eq!(parsed.time, None);
        // An impossible day is still one.
        assert!(
            !analyse_auto("31-2-2017", Reader::Jekyll)
                .findings
                .is_empty()
        );
    }

    #[test]
    fn generators_map_to_readers() {
        assert_eq!(Reader::of(Some(Generator::Jekyll)), Reader::Jekyll);
        assert_eq!(Reader::of(Some(Generator::Zola)), Reader::Toml);
        assert_eq!(Reader::of(Some(Generator::Pelican)), Reader::Lenient);
        assert_eq!(Reader::of(None), Reader::Lenient);
    }
}
