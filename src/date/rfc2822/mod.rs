//! RFC 2822 dates (section 3.3, obsolete forms of section 4.3), read token by
//! token so each finding names the exact token, with recovery so one mistake
//! does not hide the next.

mod zone;

use crate::span::Span;

use jiff::civil::{Date, Time};
use jiff::tz::Offset;

use super::calendar;
use super::cfws;
use super::names::{self, Spelling, WeekdayName};
use super::tokens::{self, Kind, Token};
use super::{DateFormat, Finding, FindingKind, ParsedDate, ZoneKind};

pub(super) struct Outcome {
    pub parsed: Option<ParsedDate>,
    /// The value reads as an RFC 2822 date (a weekday or month name was
    /// understood), so a site expecting ISO 8601 should hear "wrong format"
    /// rather than only "garbage".
    pub recognised: bool,
}

/// Parses `input` (whose trimmed value is `input[whole]`) and appends findings.
pub(super) fn parse(
    input: &str,
    whole: Span,
    expected: DateFormat,
    findings: &mut Vec<Finding>,
) -> Outcome {
    let blanked = cfws::blank_comments(input);
    if let Some(range) = blanked.unclosed {
        let range = Span::new(range.start, whole.end.max(range.start));
        findings.push(
            Finding::new(FindingKind::Invalid, range, "the comment is not closed")
                .help("add `)` at the end of the comment"),
        );
    }
    let mut toks = Vec::new();
    for t in tokens::tokenize(&blanked.text) {
        if t.kind == Kind::OddSpace {
            let code = t.text.chars().next().map_or(0, u32::from);
            findings.push(
                Finding::new(
                    FindingKind::Invalid,
                    t.range,
                    format!("found an unusual space character (U+{code:04X})"),
                )
                .replace(" "),
            );
        } else {
            toks.push(t);
        }
    }
    let failed = Outcome {
        parsed: None,
        recognised: false,
    };
    if toks.is_empty() {
        findings.push(
            Finding::new(FindingKind::Invalid, whole, "the date holds only a comment")
                .help(super::example_help(expected)),
        );
        return failed;
    }
    if !toks.iter().any(|t| t.kind == Kind::Number) {
        let text = whole.get(input).unwrap_or_default();
        findings.push(
            Finding::new(
                FindingKind::Invalid,
                whole,
                format!("`{text}` is not a date"),
            )
            .help(super::example_help(expected)),
        );
        return failed;
    }
    let mut parser = Parser {
        source: &blanked.text,
        toks,
        pos: 0,
        findings,
        whole,
        expected,
        state: State::default(),
    };
    parser.run();
    parser.finish()
}

#[derive(Default)]
struct State {
    weekday: Option<(Span, String, Option<WeekdayName>)>,
    day: Option<(i8, Span)>,
    month: Option<i8>,
    year: Option<i16>,
    date: Option<Date>,
    hour: Option<i8>,
    minute: Option<i8>,
    second: Option<(i8, Span)>,
    offset: Option<Offset>,
    zone: Option<ZoneKind>,
    recognised: bool,
}

struct Parser<'t, 'f> {
    source: &'t str,
    toks: Vec<Token<'t>>,
    pos: usize,
    findings: &'f mut Vec<Finding>,
    whole: Span,
    expected: DateFormat,
    state: State,
}

/// `None` from a step means "cannot go on reading": the later slots are skipped.
type Step = Option<()>;

impl<'t> Parser<'t, '_> {
    fn peek(&self) -> Option<&Token<'t>> {
        self.toks.get(self.pos)
    }

    fn peek_at(&self, ahead: usize) -> Option<&Token<'t>> {
        self.toks.get(self.pos + ahead)
    }

    fn next(&mut self) -> Option<Token<'t>> {
        let t = self.toks.get(self.pos).cloned();
        if t.is_some() {
            self.pos += 1;
        }
        t
    }

    /// Takes the next token if it has the kind and follows `prev` directly.
    fn next_adjacent(&mut self, kind: Kind, prev: &Token<'_>) -> Option<Token<'t>> {
        match self.peek() {
            Some(t) if t.kind == kind && !t.spaced && t.range.start == prev.range.end => {
                self.next()
            }
            _ => None,
        }
    }

    fn push(&mut self, finding: Finding) {
        self.findings.push(finding);
    }

    fn run(&mut self) {
        // Tokens left after an early stop were already reported as unexpected.
        if self.read().is_some() {
            self.trailing();
        }
        self.check_leap_second();
        self.check_weekday();
    }

    /// Each slot needs the ones before it; `None` ends the reading.
    fn read(&mut self) -> Step {
        self.weekday()?;
        self.day_and_month()?;
        self.year()?;
        self.check_date();
        self.time()?;
        self.zone()
    }

    fn weekday(&mut self) -> Step {
        let Some(first) = self.peek().cloned() else {
            return Some(());
        };
        if first.kind != Kind::Word {
            return Some(());
        }
        let comma = self.peek_at(1).is_some_and(|t| t.kind == Kind::Comma);
        let name = names::weekday(first.text);
        if comma {
            self.pos += 2;
        } else if name.is_some() && names::month(first.text).is_none() {
            self.pos += 1;
            // An empty range at the gap: the edit cannot overlap one that
            // fixes the weekday name itself.
            let gap = Span::empty(first.range.end);
            let mut finding = Finding::new(
                FindingKind::Invalid,
                gap,
                format!("missing the comma after the weekday `{}`", first.text),
            )
            .help(format!("add `,` after `{}`", first.text));
            finding.replacement = Some(",".to_string());
            self.push(finding);
        } else {
            return Some(());
        }
        self.state.recognised |= name.is_some();
        self.state.weekday = Some((first.range, first.text.to_string(), name));
        Some(())
    }

    fn day_and_month(&mut self) -> Step {
        let Some(first) = self.peek().cloned() else {
            return self.missing("the day, month, year, time and zone");
        };
        match first.kind {
            Kind::Number => {
                self.pos += 1;
                self.day(&first);
                self.month()
            }
            Kind::Word
                if names::month(first.text).is_some()
                    && self.peek_at(1).is_some_and(|t| t.kind == Kind::Number) =>
            {
                self.month_before_day(first)
            }
            _ => self.unexpected("the day of the month", &first),
        }
    }

    /// `May 14, 2019`: the American order, certain to mean 14 May.
    fn month_before_day(&mut self, month: Token<'t>) -> Step {
        self.pos += 1;
        let day = self.next()?;
        self.day(&day);
        let mut end = self.toks.get(self.pos.wrapping_sub(1))?.range.end;
        if let Some(comma) = self.peek().filter(|t| t.kind == Kind::Comma) {
            end = comma.range.end;
            self.pos += 1;
        }
        self.push(
            Finding::new(
                FindingKind::Invalid,
                Span::new(month.range.start, end),
                "the day must come before the month",
            )
            .replace(format!("{} {}", day.text, month.text)),
        );
        self.month_name(&month);
        Some(())
    }

    fn day(&mut self, tok: &Token<'t>) {
        if tok.text.len() > 2 {
            self.push(Finding::new(
                FindingKind::Invalid,
                tok.range,
                format!("the day `{}` has more than two digits", tok.text),
            ));
        } else if let Ok(day) = tok.text.parse::<i8>() {
            self.state.day = Some((day, tok.range));
        }
        self.ordinal_suffix(tok);
    }

    /// `14th`: English ordinals are not part of any date syntax.
    fn ordinal_suffix(&mut self, number: &Token<'t>) {
        let is_suffix = |t: &Token<'_>| {
            ["st", "nd", "rd", "th"]
                .iter()
                .any(|s| s.eq_ignore_ascii_case(t.text))
        };
        if let Some(suffix) = self.peek().filter(|t| is_suffix(t)).cloned()
            && self.next_adjacent(Kind::Word, number).is_some()
        {
            self.push(
                Finding::new(
                    FindingKind::Invalid,
                    suffix.range,
                    format!("found the ordinal suffix `{}` after the day", suffix.text),
                )
                .replace(""),
            );
        }
    }

    fn month(&mut self) -> Step {
        let Some(tok) = self.peek().cloned() else {
            return self.missing("the month, year, time and zone");
        };
        match tok.kind {
            Kind::Word => {
                self.pos += 1;
                self.spacing(&tok);
                self.month_name(&tok);
                Some(())
            }
            Kind::Number if tok.spaced => {
                self.pos += 1;
                let value = tok.text.parse::<i8>().ok().filter(|m| (1..=12).contains(m));
                let finding = Finding::new(
                    FindingKind::Invalid,
                    tok.range,
                    format!("the month `{}` must be written as a name", tok.text),
                );
                match value.and_then(names::month_abbr) {
                    Some(abbr) => {
                        self.state.month = value;
                        self.push(finding.replace(abbr));
                    }
                    None => self.push(finding.help("write the month as `Jan`, `Feb`, … `Dec`")),
                }
                Some(())
            }
            Kind::Minus | Kind::Dot | Kind::Other if matches!(tok.text, "-" | "/" | ".") => {
                // `14-05-2019`, `14/05/2019`, `14.05.2019`: which number is
                // the month is a guess, so no replacement.
                self.push(
                    Finding::new(
                        FindingKind::Invalid,
                        self.whole,
                        format!(
                            "found a numeric date where an {} date was expected",
                            self.expected.name()
                        ),
                    )
                    .help(super::example_help(self.expected)),
                );
                self.pos = self.toks.len();
                None
            }
            _ => self.unexpected("the month name", &tok),
        }
    }

    fn month_name(&mut self, tok: &Token<'t>) {
        let Some(name) = names::month(tok.text) else {
            self.push(
                Finding::new(
                    FindingKind::Invalid,
                    tok.range,
                    format!("`{}` is not a month name", tok.text),
                )
                .help("write the month as `Jan`, `Feb`, … `Dec`"),
            );
            return;
        };
        self.state.recognised = true;
        self.state.month = Some(name.month);
        let Some(abbr) = names::month_abbr(name.month) else {
            return;
        };
        let message = match name.spelling {
            Spelling::Canonical => return,
            Spelling::FullEnglish => format!("found the full month name `{}`", tok.text),
            Spelling::EnglishVariant => format!("`{}` is not an RFC 2822 month name", tok.text),
            Spelling::Foreign(lang) => format!("found the {lang} month name `{}`", tok.text),
        };
        self.push(Finding::new(FindingKind::Invalid, tok.range, message).replace(abbr));
    }

    fn year(&mut self) -> Step {
        if self.state.day.is_none() && self.state.month.is_none() {
            return None;
        }
        let Some(tok) = self.peek().cloned() else {
            return self.missing("the year, time and zone");
        };
        if tok.kind != Kind::Number {
            return self.unexpected("the year", &tok);
        }
        if self
            .peek_at(1)
            .is_some_and(|t| t.kind == Kind::Colon && t.range.start == tok.range.end)
        {
            // `14 May 17:01:53`: read as a year, `17` would hide the real problem.
            self.push(
                Finding::new(
                    FindingKind::Invalid,
                    Span::new(tok.range.start, tok.range.start),
                    "missing the year before the time",
                )
                .help("add the four-digit year before the time"),
            );
            return None;
        }
        self.pos += 1;
        self.spacing(&tok);
        let value = tok.text.parse::<i16>().ok();
        match (tok.text.len(), value) {
            (4, Some(year)) => {
                if year < 1900 {
                    self.push(Finding::new(
                        FindingKind::Invalid,
                        tok.range,
                        format!("year {year} is before 1900, the earliest year RFC 2822 allows"),
                    ));
                }
                self.state.year = Some(year);
            }
            (digits @ (2 | 3), Some(short)) => {
                // RFC 2822 section 4.3: 00-49 are 2000-2049; 50-99 and any
                // three-digit year count from 1900.
                let year = if digits == 2 && short < 50 {
                    2000 + short
                } else {
                    1900 + short
                };
                let words = if digits == 2 { "two" } else { "three" };
                self.push(
                    Finding::new(
                        FindingKind::Obsolete,
                        tok.range,
                        format!(
                            "the {words}-digit year `{}` is obsolete: it means {year}",
                            tok.text
                        ),
                    )
                    .replace(year.to_string()),
                );
                self.state.year = Some(year);
            }
            _ => self.push(Finding::new(
                FindingKind::Invalid,
                tok.range,
                format!("the year `{}` must have four digits", tok.text),
            )),
        }
        if let Some(comma) = self.peek().filter(|t| t.kind == Kind::Comma).cloned() {
            self.pos += 1;
            self.push(
                Finding::new(
                    FindingKind::Invalid,
                    comma.range,
                    "found a comma after the year",
                )
                .replace(""),
            );
        }
        Some(())
    }

    fn check_date(&mut self) {
        let (Some((day, day_range)), Some(month), Some(year)) =
            (self.state.day, self.state.month, self.state.year)
        else {
            return;
        };
        match calendar::date(year, month, day) {
            Ok(date) => self.state.date = Some(date),
            Err(e) => self.push(
                Finding::new(FindingKind::Impossible, day_range, e.message).maybe_help(e.help),
            ),
        }
    }

    fn time(&mut self) -> Step {
        let Some(hour) = self.peek().cloned() else {
            if self.expected == DateFormat::Rfc2822 {
                self.push(
                    Finding::new(
                        FindingKind::Invalid,
                        self.whole,
                        "missing the time and zone",
                    )
                    .help(
                        "add the time and the numeric zone, as in `Tue, 14 May 2019 17:01:53 +0200`",
                    ),
                );
            }
            return None;
        };
        if hour.kind != Kind::Number {
            let zone_like = matches!(hour.kind, Kind::Plus | Kind::Minus)
                || (hour.kind == Kind::Word && names::zone(hour.text).is_some());
            if !zone_like {
                return self.unexpected("the time", &hour);
            }
            // Counts as read: the rest is the zone, not garbage.
            self.pos = self.toks.len();
            if self.expected == DateFormat::Rfc2822 {
                let end = self.toks.last().map_or(hour.range.end, |t| t.range.end);
                self.push(
                    Finding::new(
                        FindingKind::Invalid,
                        Span::new(hour.range.start, end),
                        "missing the time before the zone",
                    )
                    .help("add the time before the zone, as in `17:01:53 +0200`"),
                );
            }
            return None;
        }
        self.pos += 1;
        self.spacing(&hour);
        if self.next_if(Kind::Colon).is_none() {
            return match self.peek().cloned() {
                Some(t) => self.unexpected("`:` after the hour", &t),
                None => self.missing("the minutes and zone"),
            };
        }
        let Some(minute) = self.next_if(Kind::Number) else {
            return match self.peek().cloned() {
                Some(t) => self.unexpected("the minutes", &t),
                None => self.missing("the minutes and zone"),
            };
        };
        let mut last = minute.clone();
        let mut second = None;
        if self.peek().is_some_and(|t| t.kind == Kind::Colon)
            && self.peek_at(1).is_some_and(|t| t.kind == Kind::Number)
        {
            self.pos += 1;
            second = self.next();
            last = second.clone()?;
        }
        if let Some(dot) = self.next_adjacent(Kind::Dot, &last) {
            let end = match self.next_adjacent(Kind::Number, &dot) {
                Some(digits) => digits.range.end,
                None => dot.range.end,
            };
            self.push(
                Finding::new(
                    FindingKind::Invalid,
                    Span::new(dot.range.start, end),
                    "RFC 2822 has no fractions of a second",
                )
                .help("remove the fraction"),
            );
        }
        let mut hour_value = self.clock_field(&hour, "hour", 23);
        if let Some(meridiem) = self
            .peek()
            .filter(|t| ["am", "pm"].iter().any(|m| m.eq_ignore_ascii_case(t.text)))
            .cloned()
        {
            self.pos += 1;
            let pm = meridiem.text.eq_ignore_ascii_case("pm");
            let converted = hour_value
                .filter(|h| (1..=12).contains(h))
                .map(|h| h % 12 + if pm { 12 } else { 0 });
            let help = match converted {
                Some(h) => format!("write the hour as `{h:02}` and remove `{}`", meridiem.text),
                None => format!("remove `{}`", meridiem.text),
            };
            self.push(
                Finding::new(
                    FindingKind::Invalid,
                    meridiem.range,
                    format!("RFC 2822 uses a 24-hour clock, not `{}`", meridiem.text),
                )
                .help(help),
            );
            hour_value = converted;
        }
        self.state.hour = hour_value;
        self.state.minute = self.clock_field(&minute, "minute", 59);
        if let Some(second) = second {
            let value = self.clock_field(&second, "second", 60);
            self.state.second = value.map(|s| (s, second.range));
            if value.is_none() {
                // The time is not understood if its second is not.
                self.state.hour = None;
            }
        }
        Some(())
    }

    fn next_if(&mut self, kind: Kind) -> Option<Token<'t>> {
        if self.peek().is_some_and(|t| t.kind == kind) {
            self.next()
        } else {
            None
        }
    }

    /// Checks one of hour, minute, second: two digits, at most `max`.
    fn clock_field(&mut self, tok: &Token<'t>, what: &str, max: i8) -> Option<i8> {
        let value = tok.text.parse::<i8>().ok().filter(|_| tok.text.len() <= 2);
        match value {
            None => {
                self.push(Finding::new(
                    FindingKind::Invalid,
                    tok.range,
                    format!("the {what} `{}` must have two digits", tok.text),
                ));
                None
            }
            Some(v) if v > max => {
                let limit = if what == "second" { 59 } else { max };
                self.push(
                    Finding::new(
                        FindingKind::Impossible,
                        tok.range,
                        format!("{what} {v} does not exist"),
                    )
                    .help(format!("{what}s run from 00 to {limit:02}")),
                );
                None
            }
            Some(v) => {
                if tok.text.len() == 1 {
                    self.push(
                        Finding::new(
                            FindingKind::Invalid,
                            tok.range,
                            format!("the {what} `{}` must have two digits", tok.text),
                        )
                        .replace(format!("{v:02}")),
                    );
                }
                Some(v)
            }
        }
    }

    fn trailing(&mut self) {
        let (Some(first), Some(last)) = (self.toks.get(self.pos), self.toks.last()) else {
            return;
        };
        let range = Span::new(first.range.start, last.range.end);
        let text = self.text(&range);
        let after = if self.state.zone.is_some() {
            "the zone"
        } else {
            "the date"
        };
        self.push(
            Finding::new(
                FindingKind::Invalid,
                range,
                format!("unexpected `{text}` after {after}"),
            )
            .help("remove it, or put it in parentheses as a comment"),
        );
        self.pos = self.toks.len();
    }

    fn check_leap_second(&mut self) {
        let (Some(date), Some(hour), Some(minute), Some((60, range))) = (
            self.state.date,
            self.state.hour,
            self.state.minute,
            self.state.second,
        ) else {
            return;
        };
        let offset = match self.state.zone {
            Some(ZoneKind::Known) => self.state.offset,
            _ => None,
        };
        if !calendar::leap_second_possible(date, hour, minute, offset) {
            self.state.hour = None;
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

    fn check_weekday(&mut self) {
        let Some((range, text, name)) = self.state.weekday.clone() else {
            return;
        };
        let actual = self.state.date.map(Date::weekday);
        let Some(name) = name else {
            let finding = Finding::new(
                FindingKind::Invalid,
                range,
                format!("`{text}` is not a weekday name"),
            );
            self.push(match actual {
                Some(w) => finding.replace(names::weekday_abbr(w)),
                None => finding.help("write the weekday as `Mon`, `Tue`, … `Sun`"),
            });
            return;
        };
        let abbr = names::weekday_abbr(name.weekday);
        let message = match name.spelling {
            Spelling::Canonical => None,
            Spelling::FullEnglish => Some(format!("found the full weekday name `{text}`")),
            Spelling::EnglishVariant => Some(format!("`{text}` is not an RFC 2822 weekday name")),
            Spelling::Foreign(lang) => Some(format!("found the {lang} weekday name `{text}`")),
        };
        if let Some(message) = message {
            self.push(Finding::new(FindingKind::Invalid, range, message).replace(abbr));
        }
        if let (Some(date), Some(actual)) = (self.state.date, actual)
            && actual != name.weekday
        {
            self.push(
                Finding::new(
                    FindingKind::WrongWeekday,
                    range,
                    format!(
                        "{} {} {} is a {}, not a {}",
                        date.day(),
                        names::month_abbr(date.month()).unwrap_or_default(),
                        date.year(),
                        names::weekday_full(actual),
                        names::weekday_full(name.weekday),
                    ),
                )
                .replace(names::weekday_abbr(actual)),
            );
        }
    }

    /// Tokens must be separated by white space (or a comment) where RFC 2822
    /// puts FWS: before month, year, time and zone.
    fn spacing(&mut self, tok: &Token<'t>) {
        if tok.spaced || self.pos <= 1 {
            return;
        }
        let Some(prev) = self.toks.get(self.pos.wrapping_sub(2)) else {
            return;
        };
        // An empty range at the gap, so the edit never overlaps one to the
        // token itself (`17:01:53+02:00` needs both).
        let gap = Span::new(prev.range.end, tok.range.start);
        if gap.is_empty() {
            let mut finding = Finding::new(
                FindingKind::Invalid,
                gap,
                format!("missing a space before `{}`", tok.text),
            )
            .help(format!("add a space before `{}`", tok.text));
            finding.replacement = Some(" ".to_string());
            self.push(finding);
        }
    }

    fn missing(&mut self, what: &str) -> Step {
        self.push(
            Finding::new(FindingKind::Invalid, self.whole, format!("missing {what}"))
                .help(super::example_help(self.expected)),
        );
        None
    }

    fn unexpected(&mut self, what: &str, tok: &Token<'t>) -> Step {
        self.push(Finding::new(
            FindingKind::Invalid,
            tok.range,
            format!("expected {what}, found `{}`", tok.text),
        ));
        None
    }

    /// The input text in `range` (never inside a comment, so the blanked
    /// source is the same there).
    fn text(&self, range: &Span) -> &'t str {
        range.get(self.source).unwrap_or_default()
    }

    fn finish(self) -> Outcome {
        let state = self.state;
        let time = match (state.hour, state.minute) {
            (Some(h), Some(m)) => {
                let s = state.second.as_ref().map_or(0, |(s, _)| *s);
                Time::new(h, m, s.min(59), 0).ok()
            }
            _ => None,
        };
        let leap_second = time.is_some() && state.second.as_ref().is_some_and(|(s, _)| *s == 60);
        let zone = state.zone.unwrap_or(ZoneKind::Missing);
        let parsed = state.date.map(|date| ParsedDate {
            form: DateFormat::Rfc2822,
            date,
            time,
            offset: if zone == ZoneKind::Known {
                state.offset
            } else {
                None
            },
            zone,
            weekday_written: state.weekday.is_some(),
            leap_second,
        });
        Outcome {
            recognised: state.recognised || parsed.is_some(),
            parsed,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::date::{DateFormat, Finding, FindingKind, ZoneKind, analyse};

    fn findings(input: &str) -> Vec<Finding> {
        analyse(input, DateFormat::Rfc2822).findings
    }

    /// Exactly one finding; returns it with the text it points at.
    fn one(input: &str) -> (Finding, &str) {
        crate::date::testing::one(input, DateFormat::Rfc2822)
    }

    fn clean(input: &str) -> crate::date::ParsedDate {
        crate::date::testing::clean(input, DateFormat::Rfc2822)
    }

    #[test]
    fn appendix_example_basic() {
        let p = clean("Fri, 21 Nov 1997 09:55:06 -0600");
        assert_eq!(p.date, jiff::civil::date(1997, 11, 21));
        assert_eq!(p.time, Some(jiff::civil::time(9, 55, 6, 0)));
        assert_eq!(p.offset.map(|o| o.seconds()), Some(-6 * 3600));
        assert!(p.weekday_written);
        assert_eq!(p.form, DateFormat::Rfc2822);
    }

    #[test]
    fn appendix_example_single_digit_day() {
        let p = clean("Tue, 1 Jul 2003 10:52:37 +0200");
        assert_eq!(p.date, jiff::civil::date(2003, 7, 1));
        assert_eq!(
            p.to_rfc2822().as_deref(),
            Some("Tue, 01 Jul 2003 10:52:37 +0200")
        );
    }

    #[test]
    fn appendix_example_no_seconds_and_comment() {
        let p = clean("Thu, 13 Feb 1969 23:32 -0330 (Newfoundland Time)");
        assert_eq!(p.time, Some(jiff::civil::time(23, 32, 0, 0)));
        assert_eq!(p.offset.map(|o| o.seconds()), Some(-(3 * 3600 + 1800)));
    }

    #[test]
    fn appendix_example_folded() {
        let input = "Thu,\n      13\n        Feb\n          1969\n      23:32\n               -0330 (Newfoundland Time)";
        let p = clean(input);
        assert_eq!(p.date, jiff::civil::date(1969, 2, 13));
        let crlf = input.replace('\n', "\r\n");
        clean(&crlf);
    }

    #[test]
    fn appendix_example_obsolete() {
        let input = "21 Nov 97 09:55:06 GMT";
        let a = analyse(input, DateFormat::Rfc2822);
        assert_eq!(a.findings.len(), 2, "{:#?}", a.findings);
        let year = &a.findings[0];
        assert_eq!(year.kind, FindingKind::Obsolete);
        assert_eq!(&input[year.range], "97");
        assert_eq!(year.replacement.as_deref(), Some("1997"));
        assert_eq!(
            year.message,
            "the two-digit year `97` is obsolete: it means 1997"
        );
        let zone = &a.findings[1];
        assert_eq!(zone.kind, FindingKind::Obsolete);
        assert_eq!(&input[zone.range], "GMT");
        assert_eq!(zone.replacement.as_deref(), Some("+0000"));
        let p = a.parsed.unwrap();
        assert_eq!(p.date, jiff::civil::date(1997, 11, 21));
        assert_eq!(p.offset, Some(jiff::tz::Offset::UTC));
        assert!(!p.weekday_written);
    }

    #[test]
    fn appendix_example_obsolete_white_space() {
        // RFC 2822 appendix A.6.3: white space around `:` and `,`, comments.
        let input = "Thu\n      ,\n      13\n        Feb\n          1969\n      23 : 32 : 00\n               -0330 (Newfoundland Time)";
        let p = clean(input);
        assert_eq!(p.time, Some(jiff::civil::time(23, 32, 0, 0)));
    }

    #[test]
    fn comments_anywhere_keep_ranges_exact() {
        let input = "(posted) Mon, (the day) 14 May 2019 17:01:53 +0200 (CEST)";
        let (f, text) = one(input);
        assert_eq!(f.kind, FindingKind::WrongWeekday);
        assert_eq!(text, "Mon");
    }

    #[test]
    fn nested_comment_with_escape() {
        clean("Tue, 14 May 2019 17:01:53 +0200 (a (nested \\) comment) here)");
    }

    #[test]
    fn unclosed_comment() {
        let input = "Tue, 14 May 2019 17:01:53 +0200 (oops \n";
        let a = analyse(input, DateFormat::Rfc2822);
        assert_eq!(a.findings.len(), 1);
        assert_eq!(&input[a.findings[0].range], "(oops");
        assert!(a.parsed.is_some());
    }

    #[test]
    fn case_insensitive_names() {
        clean("tue, 14 MAY 2019 17:01:53 +0200");
    }

    #[test]
    fn leading_and_trailing_white_space() {
        clean("  Tue, 14 May 2019 17:01:53 +0200\n");
    }

    #[test]
    fn weekday_is_optional() {
        let p = clean("14 May 2019 17:01:53 +0200");
        assert!(!p.weekday_written);
    }

    #[test]
    fn wrong_weekday() {
        let input = "Mon, 14 May 2019 17:01:53 +0200";
        let (f, text) = one(input);
        assert_eq!(f.kind, FindingKind::WrongWeekday);
        assert_eq!(text, "Mon");
        assert_eq!(f.message, "14 May 2019 is a Tuesday, not a Monday");
        assert_eq!(f.help.as_deref(), Some("write `Tue`"));
        assert_eq!(f.replacement.as_deref(), Some("Tue"));
        let a = analyse(input, DateFormat::Rfc2822);
        assert_eq!(a.parsed.unwrap().date, jiff::civil::date(2019, 5, 14));
    }

    #[test]
    fn unknown_weekday() {
        let input = "Foo, 14 May 2019 17:01:53 +0200";
        let (f, text) = one(input);
        assert_eq!(f.kind, FindingKind::Invalid);
        assert_eq!(text, "Foo");
        assert_eq!(f.replacement.as_deref(), Some("Tue"));
    }

    #[test]
    fn full_weekday_name() {
        let input = "Tuesday, 14 May 2019 17:01:53 +0200";
        let (f, text) = one(input);
        assert_eq!(f.kind, FindingKind::Invalid);
        assert_eq!(text, "Tuesday");
        assert_eq!(f.message, "found the full weekday name `Tuesday`");
        assert_eq!(f.replacement.as_deref(), Some("Tue"));
    }

    #[test]
    fn full_weekday_name_and_wrong() {
        let input = "Monday, 14 May 2019 17:01:53 +0200";
        let all = findings(input);
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].replacement.as_deref(), Some("Mon"));
        assert_eq!(all[1].kind, FindingKind::WrongWeekday);
        assert_eq!(all[1].replacement.as_deref(), Some("Tue"));
        assert!(all.iter().all(|f| &input[f.range] == "Monday"));
    }

    #[test]
    fn english_weekday_variant() {
        let input = "Tues, 14 May 2019 17:01:53 +0200";
        let (f, text) = one(input);
        assert_eq!(text, "Tues");
        assert_eq!(f.message, "`Tues` is not an RFC 2822 weekday name");
        assert_eq!(f.replacement.as_deref(), Some("Tue"));
    }

    #[test]
    fn dutch_weekday() {
        let input = "di, 14 mei 2019 17:01:53 +0200";
        let all = findings(input);
        assert_eq!(all.len(), 2, "{all:#?}");
        assert_eq!(&input[all[0].range], "di");
        assert_eq!(all[0].kind, FindingKind::Invalid);
        assert_eq!(
            all[0].message,
            "found the Dutch or German weekday name `di`"
        );
        assert_eq!(all[0].replacement.as_deref(), Some("Tue"));
        assert_eq!(&input[all[1].range], "mei");
        assert_eq!(all[1].message, "found the Dutch month name `mei`");
        assert_eq!(all[1].help.as_deref(), Some("write `May`"));
        assert_eq!(all[1].replacement.as_deref(), Some("May"));
    }

    #[test]
    fn full_dutch_weekday_and_month() {
        let input = "dinsdag 14 mei 2019 17:01:53 +0200";
        let all = findings(input);
        // Missing comma, Dutch weekday, Dutch month.
        assert_eq!(all.len(), 3, "{all:#?}");
        // Sorted by start, the name (wider) before the gap after it.
        assert_eq!(&input[all[0].range], "dinsdag");
        assert_eq!(all[0].replacement.as_deref(), Some("Tue"));
        assert_eq!(
            all[1].message,
            "missing the comma after the weekday `dinsdag`"
        );
        assert_eq!(all[1].range, 7..7);
        assert_eq!(all[1].replacement.as_deref(), Some(","));
        assert_eq!(&input[all[2].range], "mei");
    }

    #[test]
    fn every_dutch_month_is_recognised() {
        let months = [
            ("januari", "Jan"),
            ("februari", "Feb"),
            ("maart", "Mar"),
            ("mrt", "Mar"),
            ("mei", "May"),
            ("juni", "Jun"),
            ("juli", "Jul"),
            ("augustus", "Aug"),
            ("oktober", "Oct"),
            ("okt", "Oct"),
        ];
        for (dutch, english) in months {
            let input = format!("10 {dutch} 2019 12:00:00 +0200");
            let (f, text) = one(&input);
            assert_eq!(text, dutch);
            assert_eq!(f.kind, FindingKind::Invalid);
            assert_eq!(f.replacement.as_deref(), Some(english), "{dutch}");
        }
    }

    #[test]
    fn german_and_french_months() {
        for (name, english) in [
            ("März", "Mar"),
            ("Dezember", "Dec"),
            ("août", "Aug"),
            ("févr.", "Feb"),
        ] {
            let input = format!("10 {name} 2019 12:00:00 +0200");
            let (f, text) = one(&input);
            assert_eq!(text, name);
            assert_eq!(f.replacement.as_deref(), Some(english));
        }
    }

    #[test]
    fn full_month_name() {
        let input = "Thu, 28 March 2024 10:00:00 +0100";
        let (f, text) = one(input);
        assert_eq!(f.kind, FindingKind::Invalid);
        assert_eq!(text, "March");
        assert_eq!(f.message, "found the full month name `March`");
        assert_eq!(f.help.as_deref(), Some("write `Mar`"));
        assert_eq!(f.replacement.as_deref(), Some("Mar"));
        let input = "Tue, 10 september 2019 10:00:00 +0200";
        let (f, text) = one(input);
        assert_eq!(text, "september");
        assert_eq!(f.replacement.as_deref(), Some("Sep"));
    }

    #[test]
    fn sept() {
        for month in ["Sept", "Sept."] {
            let input = format!("Tue, 10 {month} 2019 10:00:00 +0200");
            let (f, text) = one(&input);
            assert_eq!(text, month);
            assert_eq!(
                f.message,
                format!("`{month}` is not an RFC 2822 month name")
            );
            assert_eq!(f.replacement.as_deref(), Some("Sep"));
        }
    }

    #[test]
    fn unknown_month() {
        let input = "Tue, 14 Foo 2019 17:01:53 +0200";
        let (f, text) = one(input);
        assert_eq!(text, "Foo");
        assert_eq!(f.message, "`Foo` is not a month name");
        assert!(analyse(input, DateFormat::Rfc2822).parsed.is_none());
    }

    #[test]
    fn numeric_month() {
        let input = "14 05 2019 17:01:53 +0200";
        let (f, text) = one(input);
        assert_eq!(text, "05");
        assert_eq!(f.replacement.as_deref(), Some("May"));
    }

    #[test]
    fn month_before_day() {
        let input = "Tue, May 14, 2019 17:01:53 +0200";
        let (f, text) = one(input);
        assert_eq!(text, "May 14,");
        assert_eq!(f.message, "the day must come before the month");
        assert_eq!(f.replacement.as_deref(), Some("14 May"));
        let p = analyse(input, DateFormat::Rfc2822).parsed.unwrap();
        assert_eq!(p.date, jiff::civil::date(2019, 5, 14));
    }

    #[test]
    fn ordinal_suffix() {
        let input = "Tue, 14th May 2019 17:01:53 +0200";
        let (f, text) = one(input);
        assert_eq!(text, "th");
        assert_eq!(f.replacement.as_deref(), Some(""));
    }

    #[test]
    fn impossible_day() {
        let input = "Fri, 32 May 2019 17:01:53 +0200";
        let (f, text) = one(input);
        assert_eq!(f.kind, FindingKind::Impossible);
        assert_eq!(text, "32");
        assert_eq!(f.message, "day 32 does not exist in May");
        assert!(analyse(input, DateFormat::Rfc2822).parsed.is_none());
    }

    #[test]
    fn day_zero() {
        let (f, text) = one("00 May 2019 17:01:53 +0200");
        assert_eq!(f.kind, FindingKind::Impossible);
        assert_eq!(text, "00");
    }

    #[test]
    fn day_with_three_digits() {
        let (f, text) = one("014 May 2019 17:01:53 +0200");
        assert_eq!(f.kind, FindingKind::Invalid);
        assert_eq!(text, "014");
    }

    #[test]
    fn leap_day() {
        clean("Sat, 29 Feb 2020 12:00:00 +0100");
        let input = "Fri, 29 Feb 2019 12:00:00 +0100";
        let (f, text) = one(input);
        assert_eq!(f.kind, FindingKind::Impossible);
        assert_eq!(text, "29");
        assert_eq!(f.message, "2019 is not a leap year: February has 28 days");
    }

    #[test]
    fn thirty_first_of_june() {
        let (f, text) = one("Mon, 31 Jun 2019 12:00:00 +0200");
        assert_eq!(f.kind, FindingKind::Impossible);
        assert_eq!(text, "31");
        assert_eq!(f.message, "day 31 does not exist in June");
        assert_eq!(f.help.as_deref(), Some("June has 30 days"));
    }

    #[test]
    fn impossible_hour_minute_second() {
        for (input, bad, message) in [
            (
                "Tue, 14 May 2019 24:00:00 +0200",
                "24",
                "hour 24 does not exist",
            ),
            (
                "Tue, 14 May 2019 25:01:53 +0200",
                "25",
                "hour 25 does not exist",
            ),
            (
                "Tue, 14 May 2019 17:60:53 +0200",
                "60",
                "minute 60 does not exist",
            ),
            (
                "Tue, 14 May 2019 17:01:61 +0200",
                "61",
                "second 61 does not exist",
            ),
        ] {
            let a = analyse(input, DateFormat::Rfc2822);
            assert_eq!(a.findings.len(), 1, "{input}: {:#?}", a.findings);
            let f = &a.findings[0];
            assert_eq!(f.kind, FindingKind::Impossible);
            assert_eq!(&input[f.range], bad);
            assert_eq!(f.message, message);
            // The date is still understood; the time is not.
            let p = a.parsed.unwrap();
            assert_eq!(p.time, None);
            assert_eq!(p.date, jiff::civil::date(2019, 5, 14));
        }
    }

    #[test]
    fn leap_second_where_one_can_be() {
        let p = clean("Thu, 31 Dec 1998 23:59:60 -0000");
        assert!(p.leap_second);
        assert_eq!(p.zone, ZoneKind::Unknown);
        assert_eq!(p.offset, None);
        assert_eq!(
            p.to_rfc2822().as_deref(),
            Some("Thu, 31 Dec 1998 23:59:60 -0000")
        );
        let p = clean("Thu, 31 Dec 1998 23:59:60 +0000");
        assert!(p.leap_second);
        clean("Tue, 30 Jun 2015 23:59:60 +0000");
        // 1 January 00:59:60 +0100 is 31 December 23:59:60 UTC.
        clean("Fri, 01 Jan 1999 00:59:60 +0100");
    }

    #[test]
    fn leap_second_where_none_can_be() {
        let input = "Tue, 14 May 2019 17:01:60 +0200";
        let (f, text) = one(input);
        assert_eq!(f.kind, FindingKind::Impossible);
        assert_eq!(text, "60");
        // 23:59:60 at +0100 is 22:59:60 UTC: not a leap second.
        let (f, _) = one("Thu, 31 Dec 1998 23:59:60 +0100");
        assert_eq!(f.kind, FindingKind::Impossible);
    }

    #[test]
    fn two_and_three_digit_years() {
        for (year, full) in [
            ("97", 1997),
            ("19", 2019),
            ("49", 2049),
            ("50", 1950),
            ("00", 2000),
            ("119", 2019),
            ("097", 1997),
        ] {
            let input = format!("14 May {year} 17:01:53 +0200");
            let (f, text) = one(&input);
            assert_eq!(f.kind, FindingKind::Obsolete);
            assert_eq!(text, year);
            assert_eq!(f.replacement, Some(full.to_string()));
            let p = analyse(&input, DateFormat::Rfc2822).parsed.unwrap();
            assert_eq!(i32::from(p.date.year()), full);
        }
        let (f, text) = one("14 May 19 17:01:53 +0200");
        assert_eq!(text, "19");
        assert_eq!(
            f.message,
            "the two-digit year `19` is obsolete: it means 2019"
        );
        let (f, _) = one("14 May 119 17:01:53 +0200");
        assert_eq!(
            f.message,
            "the three-digit year `119` is obsolete: it means 2019"
        );
    }

    #[test]
    fn bad_years() {
        let (f, text) = one("14 May 20190 17:01:53 +0200");
        assert_eq!(f.kind, FindingKind::Invalid);
        assert_eq!(text, "20190");
        let (f, text) = one("14 May 9 17:01:53 +0200");
        assert_eq!(text, "9");
        assert_eq!(f.kind, FindingKind::Invalid);
        let (f, text) = one("14 May 1850 17:01:53 +0200");
        assert_eq!(text, "1850");
        assert_eq!(f.kind, FindingKind::Invalid);
    }

    #[test]
    fn missing_year() {
        let input = "Tue, 14 May 17:01:53 +0200";
        let (f, _) = one(input);
        assert_eq!(f.message, "missing the year before the time");
        assert_eq!(f.range, 12..12);
        assert!(analyse(input, DateFormat::Rfc2822).parsed.is_none());
    }

    #[test]
    fn missing_time_and_zone() {
        let input = "Tue, 14 May 2019";
        let a = analyse(input, DateFormat::Rfc2822);
        assert_eq!(a.findings.len(), 1);
        let f = &a.findings[0];
        assert_eq!(f.kind, FindingKind::Invalid);
        assert_eq!(f.message, "missing the time and zone");
        assert_eq!(f.range, 0..input.len());
        let p = a.parsed.unwrap();
        assert_eq!(p.date, jiff::civil::date(2019, 5, 14));
        assert_eq!(p.time, None);
        assert_eq!(p.zone, ZoneKind::Missing);
    }

    #[test]
    fn missing_comma_after_weekday() {
        let input = "Tue 14 May 2019 17:01:53 +0200";
        let (f, text) = one(input);
        assert_eq!(f.kind, FindingKind::Invalid);
        assert_eq!(f.range, 3..3);
        assert_eq!(text, "");
        assert_eq!(f.message, "missing the comma after the weekday `Tue`");
        assert_eq!(f.replacement.as_deref(), Some(","));
    }

    #[test]
    fn one_digit_hour() {
        let input = "Tue, 14 May 2019 7:01:53 +0200";
        let (f, text) = one(input);
        assert_eq!(text, "7");
        assert_eq!(f.replacement.as_deref(), Some("07"));
    }

    #[test]
    fn fraction_of_a_second() {
        let input = "Tue, 14 May 2019 17:01:53.250 +0200";
        let (f, text) = one(input);
        assert_eq!(text, ".250");
        assert_eq!(f.kind, FindingKind::Invalid);
    }

    #[test]
    fn twelve_hour_clock() {
        let input = "Tue, 14 May 2019 05:01:53 PM +0200";
        let (f, text) = one(input);
        assert_eq!(text, "PM");
        assert_eq!(
            f.help.as_deref(),
            Some("write the hour as `17` and remove `PM`")
        );
        let p = analyse(input, DateFormat::Rfc2822).parsed.unwrap();
        assert_eq!(p.time, Some(jiff::civil::time(17, 1, 53, 0)));
    }

    #[test]
    fn trailing_garbage() {
        let input = "Tue, 14 May 2019 17:01:53 +0200 extra stuff";
        let (f, text) = one(input);
        assert_eq!(text, "extra stuff");
        assert_eq!(f.kind, FindingKind::Invalid);
    }

    #[test]
    fn non_breaking_space() {
        let input = "Tue, 14\u{a0}May 2019 17:01:53 +0200";
        let (f, text) = one(input);
        assert_eq!(text, "\u{a0}");
        assert_eq!(f.replacement.as_deref(), Some(" "));
    }

    #[test]
    fn garbage() {
        for input in ["hello", "yesterday", "?!", "Tue,", "May"] {
            let a = analyse(input, DateFormat::Rfc2822);
            assert_eq!(a.findings.len(), 1, "{input}");
            assert_eq!(a.findings[0].kind, FindingKind::Invalid);
            assert!(a.parsed.is_none());
        }
        for input in ["14/05/2019 17:01 +0200", "14-05-2019", "14.05.2019"] {
            let (f, text) = one(input);
            assert_eq!(text, input);
            assert_eq!(
                f.message,
                "found a numeric date where an RFC 2822 date was expected"
            );
        }
        let (f, text) = one("14 May 2019 17:01 +0200 ?");
        assert_eq!(text, "?");
        assert_eq!(f.message, "unexpected `?` after the zone");
        let (f, text) = one("14 May / 17:01 +0200");
        assert_eq!(text, "/");
        assert_eq!(f.message, "expected the year, found `/`");
        let (f, _) = one("(just a comment)");
        assert_eq!(f.message, "the date holds only a comment");
    }

    #[test]
    fn truncated_dates_do_not_panic() {
        let full = "Tue, 14 May 2019 17:01:53 +0200 (c)";
        for end in 0..=full.len() {
            let prefix = &full[..end];
            let a = analyse(prefix, DateFormat::Rfc2822);
            for f in &a.findings {
                assert!(f.range.get(prefix).is_some(), "{prefix:?}: {f:?}");
            }
        }
    }
}
