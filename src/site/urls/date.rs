//! The calendar parts of a post's date that permalinks use, read from the
//! date as written (`2024-01-02`, `2024-01-02 10:00:00 +0100`): the day as
//! written is the day the generator formats, since it keeps the offset given.

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ymd {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

const SHORT_DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

impl Ymd {
    /// The `YYYY-MM-DD` that starts `text` (one-digit month and day too).
    pub fn parse(text: &str) -> Option<Ymd> {
        let text = text.trim();
        let mut parts = text.splitn(3, '-');
        let year = parts.next()?;
        let month = parts.next()?;
        let rest = parts.next()?;
        let day_len = rest.bytes().take_while(u8::is_ascii_digit).count();
        let day = rest.get(..day_len)?;
        fn digits(s: &str, min: usize, max: usize) -> Option<&str> {
            (s.len() >= min && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit())).then_some(s)
        }
        let ymd = Ymd {
            year: digits(year, 4, 4)?.parse().ok()?,
            month: digits(month, 1, 2)?.parse().ok()?,
            day: digits(day, 1, 2)?.parse().ok()?,
        };
        let valid = (1..=12).contains(&ymd.month) && ymd.day >= 1 && ymd.day <= ymd.month_length();
        valid.then_some(ymd)
    }

    fn leap(self) -> bool {
        (self.year % 4 == 0 && self.year % 100 != 0) || self.year % 400 == 0
    }

    fn month_length(self) -> u32 {
        match self.month {
            2 if self.leap() => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        }
    }

    /// Day of the year, 1 for 1 January.
    pub fn ordinal(self) -> u32 {
        let before: u32 = (1..self.month)
            .map(|m| {
                Ymd {
                    month: m,
                    day: 1,
                    ..self
                }
                .month_length()
            })
            .sum();
        before + self.day
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    fn days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// 1 for Monday to 7 for Sunday (`%u`).
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday.
        (self.days() + 3).rem_euclid(7) as u32 + 1
    }

    /// `%a`: `Mon` … `Sun`.
    pub fn short_day(self) -> &'static str {
        SHORT_DAYS
            .get(self.weekday() as usize - 1)
            .copied()
            .unwrap_or("Mon")
    }

    /// The ISO 8601 week number (`%V`).
    pub fn iso_week(self) -> u32 {
        let wd = i64::from(self.weekday());
        let week = (i64::from(self.ordinal()) - wd + 10) / 7;
        if week < 1 {
            let last = Ymd {
                year: self.year - 1,
                month: 12,
                day: 28,
            };
            return last.iso_week();
        }
        let dec28 = Ymd {
            month: 12,
            day: 28,
            ..self
        };
        let weeks_in_year = (i64::from(dec28.ordinal()) - i64::from(dec28.weekday()) + 10) / 7;
        if week > weeks_in_year { 1 } else { week as u32 }
    }
}

#[cfg(test)]
mod tests {
    use super::Ymd;

    #[test]
    fn parts_of_a_day() {
        let d = Ymd::parse("2024-01-02 10:00:00 +0100").unwrap();
        assert_eq!((d.year, d.month, d.day), (2024, 1, 2));
        assert_eq!(d.ordinal(), 2);
        assert_eq!(d.short_day(), "Tue");
        assert_eq!(Ymd::parse("2021-01-03").unwrap().iso_week(), 53);
        assert_eq!(Ymd::parse("2024-12-30").unwrap().iso_week(), 1);
        assert_eq!(Ymd::parse("2024-03-01").unwrap().ordinal(), 61);
        assert_eq!(Ymd::parse("2023-02-29"), None);
        assert_eq!(Ymd::parse("Tue, 14 May 2019"), None);
    }
}
