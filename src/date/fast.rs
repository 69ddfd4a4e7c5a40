//! A fast path for the canonical RFC 2822 form, which nearly every real date
//! is written in: checked byte by byte, it skips the general tokenizer.

use jiff::civil::{Date, Time};
use jiff::tz::Offset;

use super::names::{month_abbr, weekday_abbr};
use super::{DateFormat, ParsedDate, ZoneKind};

fn two(b: &[u8]) -> Option<i8> {
    match b {
        [a @ b'0'..=b'9', c @ b'0'..=b'9'] => Some(((a - b'0') * 10 + (c - b'0')) as i8),
        _ => None,
    }
}

/// `Tue, 14 May 2019 17:01:53 +0200` exactly (any surrounding white space
/// trimmed), with a true weekday, a real day and time, and an offset within
/// ±14:00; anything else (`-0000`, second 60, other spellings) is left to the
/// full analysis, which gives the same answer for these inputs.
pub(super) fn canonical_rfc2822(input: &str) -> Option<ParsedDate> {
    let b = input.trim().as_bytes();
    if b.len() != 31 || &b[3..5] != b", " || b[7] != b' ' || b[11] != b' ' || b[16] != b' ' {
        return None;
    }
    if b[19] != b':' || b[22] != b':' || b[25] != b' ' || !matches!(b[26], b'+' | b'-') {
        return None;
    }
    let day = two(&b[5..7])?;
    let month = (1..=12).find(|m| month_abbr(*m).is_some_and(|n| n.as_bytes() == &b[8..11]))?;
    let year = i16::from(two(&b[12..14])?) * 100 + i16::from(two(&b[14..16])?);
    if year < 1900 {
        return None;
    }
    let date = Date::new(year, month, day).ok()?;
    if weekday_abbr(date.weekday()).as_bytes() != &b[0..3] {
        return None;
    }
    let (h, m, s) = (two(&b[17..19])?, two(&b[20..22])?, two(&b[23..25])?);
    if h > 23 || m > 59 || s > 59 {
        return None;
    }
    let time = Time::new(h, m, s, 0).ok()?;
    let (zh, zm) = (two(&b[27..29])?, two(&b[29..31])?);
    let negative = b[26] == b'-';
    if zh > 14 || zm > 59 || (negative && zh == 0 && zm == 0) {
        return None;
    }
    let seconds = (i32::from(zh) * 3600 + i32::from(zm) * 60) * if negative { -1 } else { 1 };
    Some(ParsedDate {
        form: DateFormat::Rfc2822,
        date,
        time: Some(time),
        offset: Some(Offset::from_seconds(seconds).ok()?),
        zone: ZoneKind::Known,
        weekday_written: true,
        leap_second: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast path agrees with the full analysis wherever it answers.
    #[test]
    fn agrees_with_the_full_analysis() {
        let mut day = jiff::civil::date(1999, 12, 25);
        let zones = [
            "+0000", "+0200", "-0330", "+1400", "-1200", "-0000", "+1500",
        ];
        for n in 0..2000 {
            for zone in zones {
                let text = format!(
                    "{}, {:02} {} {} {:02}:{:02}:{:02} {zone}",
                    weekday_abbr(day.weekday()),
                    day.day(),
                    month_abbr(day.month()).unwrap(),
                    day.year(),
                    n % 24,
                    (n * 7) % 60,
                    (n * 13) % 61
                );
                let full = super::super::analyse_fully(&text, DateFormat::Rfc2822);
                if let Some(fast) = canonical_rfc2822(&text) {
                    assert!(full.findings.is_empty(), "{text}: {:?}", full.findings);
                    assert_eq!(full.parsed.as_ref(), Some(&fast), "{text}");
                }
            }
            day = day.tomorrow().unwrap();
        }
        assert!(canonical_rfc2822("Mon, 14 May 2019 17:01:53 +0200").is_none());
        assert!(canonical_rfc2822("Tue, 14 May 2019 17:01:53 +0200").is_some());
        assert!(canonical_rfc2822("Tue, 14 may 2019 17:01:53 +0200").is_none());
        assert!(canonical_rfc2822("Tue, 31 Jun 2019 17:01:53 +0200").is_none());
    }
}
