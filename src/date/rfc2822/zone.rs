//! The zone of an RFC 2822 date: `+hhmm`, `-0000` (unknown), the obsolete
//! names, and the ISO offsets, short offsets and zone names written instead.

use jiff::tz::Offset;

use super::{Parser, Step};
use crate::date::calendar;
use crate::date::names::{self, ZoneName};
use crate::date::tokens::{Kind, Token};
use crate::date::{DateFormat, Finding, FindingKind, ZoneKind};
use crate::span::Span;

const ZONE_HELP: &str = "write the numeric offset, such as `+0200`";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// `+hhmm`
    Rfc,
    /// `+hh:mm`
    Iso,
    /// `+h`, `+hh`
    Short,
}

/// A numeric zone as read.
enum Numeric {
    /// `offset` is `None` for `-0000`; `canonical` is the `+hhmm` form.
    Read {
        offset: Option<Offset>,
        form: Form,
        canonical: String,
    },
    /// Well-formed digits for an offset that cannot exist; the reason.
    BadValue(String),
    /// Digits that are no offset in any format.
    BadForm,
    NoDigits,
}

/// Reads hours and minutes (`-00`,`00` is the unknown offset) or says why no
/// offset has them.
fn classify(negative: bool, hh: &str, mm: &str) -> Result<Option<Offset>, String> {
    let (Ok(hours), Ok(minutes)) = (hh.parse::<u32>(), mm.parse::<u32>()) else {
        return Err("it is not a number".to_string());
    };
    if negative && hours == 0 && minutes == 0 {
        return Ok(None);
    }
    calendar::offset(negative, hours, minutes).map(Some)
}

impl<'t> Parser<'t, '_> {
    pub(super) fn zone(&mut self) -> Step {
        let Some(tok) = self.peek().cloned() else {
            if self.expected == DateFormat::Rfc2822 {
                let start = self.whole.start;
                let end = self.toks.last().map_or(self.whole.end, |t| t.range.end);
                let finding = Finding::new(
                    FindingKind::Invalid,
                    Span::new(start, end),
                    "missing the zone",
                );
                self.push(finding.help("add the numeric zone after the time, such as `+0200`"));
            }
            self.state.zone = Some(ZoneKind::Missing);
            return None;
        };
        self.pos += 1;
        self.spacing(&tok);
        self.state.zone = Some(ZoneKind::Invalid);
        match tok.kind {
            Kind::Plus | Kind::Minus => {
                let (end, numeric) = self.read_numeric(&tok);
                self.numeric_zone(Span::new(tok.range.start, end), numeric);
            }
            Kind::Number if tok.text.len() == 4 => {
                let (hh, mm) = (tok.text.get(0..2), tok.text.get(2..4));
                match classify(false, hh.unwrap_or_default(), mm.unwrap_or_default()) {
                    Ok(offset) => {
                        self.zone_value(offset);
                        self.push(
                            Finding::new(
                                FindingKind::InvalidZone,
                                tok.range,
                                format!("the zone `{}` has no sign", tok.text),
                            )
                            .replace(format!("+{}", tok.text)),
                        );
                    }
                    Err(_) => self.push(
                        Finding::new(
                            FindingKind::InvalidZone,
                            tok.range,
                            format!("`{}` is not an RFC 2822 zone", tok.text),
                        )
                        .help(ZONE_HELP),
                    ),
                }
            }
            Kind::Word => self.named_zone(&tok),
            _ => return self.unexpected("the zone", &tok),
        }
        Some(())
    }

    /// Records an offset; `None` means the zone says "unknown offset".
    fn zone_value(&mut self, offset: Option<Offset>) {
        self.state.offset = offset;
        self.state.zone = Some(if offset.is_some() {
            ZoneKind::Known
        } else {
            ZoneKind::Unknown
        });
    }

    /// Reads the digits after a zone's sign: `hhmm`, or (not RFC 2822, but
    /// certain in meaning) `hh:mm`, `h` and `hh`. Returns where the zone ends.
    fn read_numeric(&mut self, sign: &Token<'t>) -> (usize, Numeric) {
        let negative = sign.kind == Kind::Minus;
        let Some(digits) = self.next_adjacent(Kind::Number, sign) else {
            return (sign.range.end, Numeric::NoDigits);
        };
        let glued = |a: &Token<'_>, b: &Token<'_>| !b.spaced && a.range.end == b.range.start;
        let mut minutes = None;
        if let (Some(colon), Some(mm)) = (self.peek(), self.peek_at(1))
            && colon.kind == Kind::Colon
            && mm.kind == Kind::Number
            && glued(&digits, colon)
            && glued(colon, mm)
        {
            minutes = Some(mm.clone());
            self.pos += 2;
        }
        let end = minutes.as_ref().map_or(digits.range.end, |m| m.range.end);
        let (hh, mm, form) = match (digits.text.len(), &minutes) {
            (4, None) => (
                digits.text.get(0..2).unwrap_or_default(),
                digits.text.get(2..4).unwrap_or_default(),
                Form::Rfc,
            ),
            (2, Some(mm)) if mm.text.len() == 2 => (digits.text, mm.text, Form::Iso),
            (1 | 2, None) => (digits.text, "00", Form::Short),
            _ => return (end, Numeric::BadForm),
        };
        let numeric = match classify(negative, hh, mm) {
            Err(reason) => Numeric::BadValue(reason),
            Ok(offset) => {
                let sign = if negative { '-' } else { '+' };
                Numeric::Read {
                    offset,
                    form,
                    canonical: format!("{sign}{hh:0>2}{mm}"),
                }
            }
        };
        (end, numeric)
    }

    fn numeric_zone(&mut self, range: Span, numeric: Numeric) {
        let written = self.text(&range).to_string();
        let finding = |message: String| Finding::new(FindingKind::InvalidZone, range, message);
        match numeric {
            Numeric::Read {
                offset,
                form: Form::Rfc,
                ..
            } => self.zone_value(offset),
            Numeric::Read {
                offset,
                form,
                canonical,
            } => {
                self.zone_value(offset);
                let message = if form == Form::Iso {
                    format!("`{written}` is an ISO 8601 offset, not an RFC 2822 zone")
                } else {
                    format!("the zone `{written}` must have four digits")
                };
                let mut f = finding(message).help(format!("write the zone as `{canonical}`"));
                f.replacement = Some(canonical);
                self.push(f);
            }
            Numeric::BadValue(reason) => {
                self.push(finding(format!(
                    "`{written}` is not a valid offset: {reason}"
                )));
            }
            Numeric::BadForm => {
                self.push(
                    finding(format!("the zone `{written}` must have four digits")).help(ZONE_HELP),
                );
            }
            Numeric::NoDigits => {
                self.push(finding(format!("the zone `{written}` has no digits")).help(ZONE_HELP));
            }
        }
    }

    fn named_zone(&mut self, tok: &Token<'t>) {
        // `GMT+2`, `UTC+02:00`: a name glued to an offset.
        let glued = self
            .peek()
            .is_some_and(|t| matches!(t.kind, Kind::Plus | Kind::Minus) && !t.spaced)
            && ["gmt", "utc", "ut"]
                .iter()
                .any(|n| n.eq_ignore_ascii_case(tok.text));
        if glued && let Some(sign) = self.next() {
            let (end, numeric) = self.read_numeric(&sign);
            let range = Span::new(tok.range.start, end);
            let written = self.text(&range).to_string();
            let finding = Finding::new(
                FindingKind::InvalidZone,
                range,
                format!("`{written}` is not an RFC 2822 zone"),
            );
            match numeric {
                Numeric::Read {
                    offset, canonical, ..
                } => {
                    self.zone_value(offset);
                    self.push(finding.replace(canonical));
                }
                Numeric::BadValue(reason) => self.push(Finding::new(
                    FindingKind::InvalidZone,
                    range,
                    format!("`{written}` is not a valid offset: {reason}"),
                )),
                Numeric::BadForm | Numeric::NoDigits => self.push(finding.help(ZONE_HELP)),
            }
            return;
        }
        let not_rfc = format!("`{}` is not an RFC 2822 zone", tok.text);
        let finding = |kind, message: String| Finding::new(kind, tok.range, message);
        match names::zone(tok.text) {
            Some(ZoneName::Obsolete { minutes }) => {
                let Some(offset) = calendar::offset_from_minutes(minutes) else {
                    return;
                };
                self.zone_value(Some(offset));
                self.push(
                    finding(
                        FindingKind::Obsolete,
                        format!("the zone name `{}` is obsolete", tok.text),
                    )
                    .replace(calendar::rfc2822_offset(offset)),
                );
            }
            Some(ZoneName::Military) => {
                self.zone_value(None);
                let help = if tok.text.eq_ignore_ascii_case("z") {
                    "write the numeric offset, such as `+0000` if `Z` means UTC"
                } else {
                    ZONE_HELP
                };
                self.push(
                    finding(
                        FindingKind::Obsolete,
                        format!(
                            "the military zone `{}` is obsolete and means an unknown offset",
                            tok.text
                        ),
                    )
                    .help(help),
                );
            }
            // UTC is not an RFC 2822 zone, but its meaning is certain.
            Some(ZoneName::Foreign { .. })
                if ["utc", "uct"]
                    .iter()
                    .any(|n| n.eq_ignore_ascii_case(tok.text)) =>
            {
                self.zone_value(Some(Offset::UTC));
                self.push(finding(FindingKind::InvalidZone, not_rfc).replace("+0000"));
            }
            Some(ZoneName::Foreign { offset, note }) => {
                let name = tok.text.to_ascii_uppercase();
                let help = match (offset, note) {
                    (Some(o), _) => format!("write the numeric offset: {name} is `{o}`"),
                    (None, Some(note)) => format!("write the numeric offset: {note}"),
                    (None, None) => ZONE_HELP.to_string(),
                };
                self.push(finding(FindingKind::InvalidZone, not_rfc).help(help));
            }
            None => self.push(finding(FindingKind::InvalidZone, not_rfc).help(ZONE_HELP)),
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
    fn iso_offset_in_rfc_date() {
        let input = "Tue, 14 May 2019 17:01:53 +02:00";
        let (f, text) = one(input);
        assert_eq!(f.kind, FindingKind::InvalidZone);
        assert_eq!(text, "+02:00");
        assert_eq!(
            f.message,
            "`+02:00` is an ISO 8601 offset, not an RFC 2822 zone"
        );
        assert_eq!(f.help.as_deref(), Some("write the zone as `+0200`"));
        assert_eq!(f.replacement.as_deref(), Some("+0200"));
        let p = analyse(input, DateFormat::Rfc2822).parsed.unwrap();
        assert_eq!(p.offset.map(|o| o.seconds()), Some(7200));
    }

    #[test]
    fn offset_out_of_range() {
        for (input, bad) in [
            ("Tue, 14 May 2019 17:01:53 +2400", "+2400"),
            ("Tue, 14 May 2019 17:01:53 +0260", "+0260"),
            ("Tue, 14 May 2019 17:01:53 -1500", "-1500"),
            ("Tue, 14 May 2019 17:01:53 +25:00", "+25:00"),
        ] {
            let a = analyse(input, DateFormat::Rfc2822);
            assert_eq!(a.findings.len(), 1, "{input}: {:#?}", a.findings);
            let f = &a.findings[0];
            assert_eq!(f.kind, FindingKind::InvalidZone, "{input}");
            assert_eq!(&input[f.range], bad, "{input}");
            assert_eq!(f.replacement, None);
            let p = a.parsed.unwrap();
            assert_eq!(p.offset, None);
            assert_eq!(p.zone, ZoneKind::Invalid);
        }
        let (f, _) = one("Tue, 14 May 2019 17:01:53 +2400");
        assert_eq!(
            f.message,
            "`+2400` is not a valid offset: offsets go up to 14 hours"
        );
        let (f, _) = one("Tue, 14 May 2019 17:01:53 +0260");
        assert_eq!(
            f.message,
            "`+0260` is not a valid offset: minutes go up to 59"
        );
    }

    #[test]
    fn short_and_long_offsets() {
        let (f, text) = one("Tue, 14 May 2019 17:01:53 +2");
        assert_eq!(text, "+2");
        assert_eq!(f.replacement.as_deref(), Some("+0200"));
        let (f, text) = one("Tue, 14 May 2019 17:01:53 -05");
        assert_eq!(text, "-05");
        assert_eq!(f.replacement.as_deref(), Some("-0500"));
        let (f, text) = one("Tue, 14 May 2019 17:01:53 +200");
        assert_eq!(text, "+200");
        assert_eq!(f.replacement, None);
        let (f, text) = one("Tue, 14 May 2019 17:01:53 +02000");
        assert_eq!(text, "+02000");
        assert_eq!(f.kind, FindingKind::InvalidZone);
        let (f, text) = one("Tue, 14 May 2019 17:01:53 +");
        assert_eq!(text, "+");
        assert_eq!(f.kind, FindingKind::InvalidZone);
        let (f, text) = one("Tue, 14 May 2019 17:01:53 0200");
        assert_eq!(text, "0200");
        assert_eq!(f.replacement.as_deref(), Some("+0200"));
    }

    #[test]
    fn non_rfc_zone_names() {
        for (zone, offset) in [
            ("CEST", Some("+0200")),
            ("CET", Some("+0100")),
            ("BST", None),
            ("IST", None),
        ] {
            let input = format!("Tue, 14 May 2019 17:01:53 {zone}");
            let (f, text) = one(&input);
            assert_eq!(f.kind, FindingKind::InvalidZone);
            assert_eq!(text, zone);
            assert_eq!(f.message, format!("`{zone}` is not an RFC 2822 zone"));
            assert_eq!(f.replacement, None, "{zone}");
            let help = f.help.unwrap();
            if let Some(offset) = offset {
                assert!(help.contains(offset), "{help}");
            } else {
                assert!(help.contains("+0100"), "{help}");
            }
            let p = analyse(&input, DateFormat::Rfc2822).parsed.unwrap();
            assert_eq!(p.offset, None);
            assert_eq!(p.zone, ZoneKind::Invalid);
            assert_eq!(p.to_rfc2822(), None);
        }
    }

    #[test]
    fn unknown_zone_name() {
        let (f, text) = one("Tue, 14 May 2019 17:01:53 XYZ");
        assert_eq!(f.kind, FindingKind::InvalidZone);
        assert_eq!(text, "XYZ");
    }

    #[test]
    fn utc_is_not_rfc_but_certain() {
        let input = "Tue, 14 May 2019 17:01:53 UTC";
        let (f, text) = one(input);
        assert_eq!(f.kind, FindingKind::InvalidZone);
        assert_eq!(text, "UTC");
        assert_eq!(f.replacement.as_deref(), Some("+0000"));
        let p = analyse(input, DateFormat::Rfc2822).parsed.unwrap();
        assert_eq!(p.offset, Some(jiff::tz::Offset::UTC));
    }

    #[test]
    fn name_glued_to_offset() {
        let (f, text) = one("Tue, 14 May 2019 17:01:53 GMT+2");
        assert_eq!(text, "GMT+2");
        assert_eq!(f.kind, FindingKind::InvalidZone);
        assert_eq!(f.replacement.as_deref(), Some("+0200"));
        let (f, text) = one("Tue, 14 May 2019 17:01:53 UTC+02:00");
        assert_eq!(text, "UTC+02:00");
        assert_eq!(f.replacement.as_deref(), Some("+0200"));
        let (f, text) = one("Tue, 14 May 2019 17:01:53 GMT+25");
        assert_eq!(text, "GMT+25");
        assert_eq!(f.replacement, None);
    }

    #[test]
    fn every_obsolete_zone() {
        for (zone, offset) in [
            ("UT", "+0000"),
            ("GMT", "+0000"),
            ("EST", "-0500"),
            ("EDT", "-0400"),
            ("CST", "-0600"),
            ("CDT", "-0500"),
            ("MST", "-0700"),
            ("MDT", "-0600"),
            ("PST", "-0800"),
            ("PDT", "-0700"),
        ] {
            let input = format!("Tue, 14 May 2019 17:01:53 {zone}");
            let (f, text) = one(&input);
            assert_eq!(f.kind, FindingKind::Obsolete, "{zone}");
            assert_eq!(text, zone);
            assert_eq!(f.replacement.as_deref(), Some(offset), "{zone}");
            let p = analyse(&input, DateFormat::Rfc2822).parsed.unwrap();
            assert_eq!(p.zone, ZoneKind::Known);
            assert_eq!(
                p.to_rfc2822(),
                Some(format!("Tue, 14 May 2019 17:01:53 {offset}"))
            );
        }
    }

    #[test]
    fn every_military_zone() {
        for letter in ('A'..='Z').filter(|&c| c != 'J') {
            for zone in [letter.to_string(), letter.to_ascii_lowercase().to_string()] {
                let input = format!("Tue, 14 May 2019 17:01:53 {zone}");
                let (f, text) = one(&input);
                assert_eq!(f.kind, FindingKind::Obsolete, "{zone}");
                assert_eq!(text, zone);
                assert_eq!(f.replacement, None);
                let p = analyse(&input, DateFormat::Rfc2822).parsed.unwrap();
                assert_eq!(p.offset, None);
                assert_eq!(p.zone, ZoneKind::Unknown);
            }
        }
        let (f, _) = one("Tue, 14 May 2019 17:01:53 J");
        assert_eq!(f.kind, FindingKind::InvalidZone);
    }

    #[test]
    fn unknown_offset_is_valid() {
        let p = clean("Tue, 14 May 2019 17:01:53 -0000");
        assert_eq!(p.offset, None);
        assert_eq!(p.zone, ZoneKind::Unknown);
        assert_eq!(p.timestamp(), None);
        let p = clean("Tue, 14 May 2019 17:01:53 +0000");
        assert_eq!(p.offset, Some(jiff::tz::Offset::UTC));
    }

    #[test]
    fn missing_zone() {
        let input = " Tue, 14 May 2019 17:01:53 ";
        let (f, text) = one(input);
        assert_eq!(f.kind, FindingKind::Invalid);
        assert_eq!(f.message, "missing the zone");
        assert_eq!(text, "Tue, 14 May 2019 17:01:53");
        let p = analyse(input, DateFormat::Rfc2822).parsed.unwrap();
        assert_eq!(p.time, Some(jiff::civil::time(17, 1, 53, 0)));
        assert_eq!(p.zone, ZoneKind::Missing);
    }

    #[test]
    fn missing_space_before_zone() {
        let input = "Tue, 14 May 2019 17:01:53+0200";
        let (f, _) = one(input);
        assert_eq!(f.range, 25..25);
        assert_eq!(f.kind, FindingKind::Invalid);
        assert_eq!(f.message, "missing a space before `+`");
        assert_eq!(f.replacement.as_deref(), Some(" "));
        // Both edits apply together: they do not overlap.
        let input = "Tue, 14 May 2019 17:01:53+02:00";
        let all = findings(input);
        assert_eq!(all.len(), 2);
        assert_eq!(&input[all[0].range], "+02:00");
        assert_eq!(all[0].replacement.as_deref(), Some("+0200"));
        assert_eq!(all[1].range, 25..25);
    }
}
