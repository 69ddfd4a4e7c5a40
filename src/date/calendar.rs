//! Calendar and clock facts shared by both syntaxes: which days, times and
//! offsets exist, where a leap second can be, and how offsets are written.

use jiff::civil::{Date, Time};
use jiff::tz::Offset;

use super::names;

/// Why a day, month and year do not name a date: message and help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct NoSuchDay {
    pub message: String,
    pub help: Option<String>,
}

/// Builds the date, or says precisely why that day does not exist. The month
/// must already be 1..=12.
pub(super) fn date(year: i16, month: i8, day: i8) -> Result<Date, NoSuchDay> {
    let first = Date::new(year, month, 1).map_err(|_| NoSuchDay {
        message: format!("year {year} is out of range"),
        help: None,
    })?;
    if let Ok(date) = Date::new(year, month, day) {
        return Ok(date);
    }
    let month_name = names::month_full(month).unwrap_or("this month");
    let days = first.days_in_month();
    if day == 29 && month == 2 {
        return Err(NoSuchDay {
            message: format!("{year} is not a leap year: February has 28 days"),
            help: None,
        });
    }
    let help = if month == 2 {
        format!("February {year} has {days} days")
    } else {
        format!("{month_name} has {days} days")
    };
    Err(NoSuchDay {
        message: if day == 0 {
            "day 0 does not exist".to_string()
        } else {
            format!("day {day} does not exist in {month_name}")
        },
        help: Some(help),
    })
}

/// A leap second (second 60) can only be the last second of 30 June or
/// 31 December in UTC. With no known offset the local time is judged as if
/// it were UTC. This is a structural check, not a table of announced leap
/// seconds, so it never goes stale.
pub(super) fn leap_second_possible(
    date: Date,
    hour: i8,
    minute: i8,
    offset: Option<Offset>,
) -> bool {
    let (date, hour, minute) = match offset {
        None => (date, hour, minute),
        Some(offset) => {
            let Ok(local) = Time::new(hour, minute, 59, 0).map(|t| date.to_datetime(t)) else {
                return false;
            };
            let Ok(instant) = offset.to_timestamp(local) else {
                return false;
            };
            let utc = Offset::UTC.to_datetime(instant);
            (utc.date(), utc.hour(), utc.minute())
        }
    };
    hour == 23 && minute == 59 && matches!((date.month(), date.day()), (6, 30) | (12, 31))
}

/// Real offsets run from -12:00 to +14:00; RFC 2822 allows any four digits,
/// but anything past 14 hours or 59 minutes is a typo. The error is the reason.
pub(super) fn offset(negative: bool, hours: u32, minutes: u32) -> Result<Offset, String> {
    if hours > 14 {
        return Err("offsets go up to 14 hours".to_string());
    }
    if minutes > 59 {
        return Err("minutes go up to 59".to_string());
    }
    let seconds = i32::try_from(hours * 3600 + minutes * 60).map_err(|e| e.to_string())?;
    let seconds = if negative { -seconds } else { seconds };
    Offset::from_seconds(seconds).map_err(|e| e.to_string())
}

/// `+0200`, as RFC 2822 writes it.
pub(super) fn rfc2822_offset(offset: Offset) -> String {
    let (sign, hours, minutes) = split(offset);
    format!("{sign}{hours:02}{minutes:02}")
}

/// `+02:00`, or `Z` for UTC, as RFC 3339 writes it.
pub(super) fn iso8601_offset(offset: Offset) -> String {
    if offset.seconds() == 0 {
        return "Z".to_string();
    }
    let (sign, hours, minutes) = split(offset);
    format!("{sign}{hours:02}:{minutes:02}")
}

fn split(offset: Offset) -> (char, i32, i32) {
    let seconds = offset.seconds();
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.unsigned_abs() / 60;
    let minutes = i32::try_from(minutes).unwrap_or(0);
    (sign, minutes / 60, minutes % 60)
}

/// An offset given in minutes east of UTC (obsolete zone names).
pub(super) fn offset_from_minutes(minutes: i16) -> Option<Offset> {
    Offset::from_seconds(i32::from(minutes) * 60).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_dates() {
        assert!(date(2020, 2, 29).is_ok());
        assert!(date(2019, 12, 31).is_ok());
        assert!(date(2000, 2, 29).is_ok());
    }

    #[test]
    fn february_29_in_common_year() {
        let e = date(2019, 2, 29).unwrap_err();
        assert_eq!(e.message, "2019 is not a leap year: February has 28 days");
        let e = date(1900, 2, 29).unwrap_err();
        assert_eq!(e.message, "1900 is not a leap year: February has 28 days");
    }

    #[test]
    fn day_past_month_end() {
        let e = date(2019, 6, 31).unwrap_err();
        assert_eq!(e.message, "day 31 does not exist in June");
        assert_eq!(e.help.as_deref(), Some("June has 30 days"));
        let e = date(2019, 5, 32).unwrap_err();
        assert_eq!(e.message, "day 32 does not exist in May");
        let e = date(2020, 2, 30).unwrap_err();
        assert_eq!(e.help.as_deref(), Some("February 2020 has 29 days"));
        let e = date(2019, 5, 0).unwrap_err();
        assert_eq!(e.message, "day 0 does not exist");
    }

    #[test]
    fn leap_seconds() {
        let dec31 = date(1998, 12, 31).unwrap();
        let jun30 = date(2015, 6, 30).unwrap();
        let may14 = date(2019, 5, 14).unwrap();
        assert!(leap_second_possible(dec31, 23, 59, None));
        assert!(leap_second_possible(dec31, 23, 59, Some(Offset::UTC)));
        assert!(leap_second_possible(jun30, 23, 59, None));
        assert!(!leap_second_possible(may14, 23, 59, None));
        assert!(!leap_second_possible(dec31, 22, 59, None));
        // 1 January 00:59:60 at +0100 is 31 December 23:59:60 UTC.
        let jan1 = date(1999, 1, 1).unwrap();
        let plus1 = offset(false, 1, 0).unwrap();
        assert!(leap_second_possible(jan1, 0, 59, Some(plus1)));
        assert!(!leap_second_possible(dec31, 23, 59, Some(plus1)));
        // Out-of-range hour never panics.
        assert!(!leap_second_possible(dec31, 25, 59, Some(plus1)));
    }

    #[test]
    fn offsets() {
        assert_eq!(offset(false, 2, 0).unwrap().seconds(), 7200);
        assert_eq!(offset(true, 3, 30).unwrap().seconds(), -12600);
        assert_eq!(offset(false, 14, 0).unwrap().seconds(), 14 * 3600);
        assert!(offset(false, 24, 0).is_err());
        assert!(offset(false, 15, 0).is_err());
        assert!(offset(false, 2, 60).is_err());
        assert!(offset(false, u32::MAX, 0).is_err());
    }

    #[test]
    fn offset_text() {
        let o = offset(true, 3, 30).unwrap();
        assert_eq!(rfc2822_offset(o), "-0330");
        assert_eq!(iso8601_offset(o), "-03:30");
        assert_eq!(rfc2822_offset(Offset::UTC), "+0000");
        assert_eq!(iso8601_offset(Offset::UTC), "Z");
        assert_eq!(
            offset_from_minutes(-300).map(rfc2822_offset).unwrap(),
            "-0500"
        );
    }
}
