//! The form a date is written in, counted over a site, for the warning on a
//! date written unlike the site's clear majority (PL258). A date-only value
//! agrees with either ISO form: it is the same convention, less precise.

/// Sites with fewer dates have no convention to speak of.
pub const MIN_DATES: usize = 10;

/// A form is the site's convention when at least this share of its dates
/// (in per cent) agree with it.
pub const MAJORITY_PERCENT: usize = 90;

/// How a date is written, as far as a reader of the site sees a convention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Shape {
    /// `Tue, 14 May 2019 17:01:53 +0200`, or any date with a month name.
    Rfc2822,
    /// `2019-05-14`.
    IsoDate,
    /// `2019-05-14 17:01:53 +0200`, as Jekyll writes it.
    IsoSpace,
    /// `2019-05-14T17:01:53+02:00` (RFC 3339).
    IsoT,
}

impl Shape {
    const ALL: [Shape; 4] = [Shape::Rfc2822, Shape::IsoDate, Shape::IsoSpace, Shape::IsoT];

    /// The shape of a date value (quotes already removed); `None` for what
    /// is no date of either form (`15-6-2016`, `soon`).
    pub fn of(value: &str) -> Option<Shape> {
        let v = value.trim().as_bytes();
        let digits = |r: &[u8]| !r.is_empty() && r.iter().all(u8::is_ascii_digit);
        if v.len() >= 8 && digits(&v[..4]) && v[4] == b'-' {
            // Year, then month and day of one or two digits.
            let rest = &v[5..];
            let month = rest.iter().take_while(|b| b.is_ascii_digit()).count();
            let after_month = rest.get(month..).unwrap_or_default();
            let (Some(b'-'), 1..=2) = (after_month.first(), month) else {
                return None;
            };
            let day_part = &after_month[1..];
            let day = day_part.iter().take_while(|b| b.is_ascii_digit()).count();
            if !(1..=2).contains(&day) {
                return None;
            }
            return match day_part.get(day) {
                None => Some(Shape::IsoDate),
                Some(b'T' | b't') => Some(Shape::IsoT),
                Some(b' ' | b'\t') => Some(Shape::IsoSpace),
                Some(_) => None,
            };
        }
        let letters = v.iter().any(u8::is_ascii_alphabetic);
        let numbers = v.iter().any(u8::is_ascii_digit);
        (letters && numbers).then_some(Shape::Rfc2822)
    }

    /// The shape named in a message, with an example.
    pub fn describe(self) -> &'static str {
        match self {
            Shape::Rfc2822 => "RFC 2822 dates (`Tue, 14 May 2019 17:01:53 +0200`)",
            Shape::IsoDate => "dates without a time (`2019-05-14`)",
            Shape::IsoSpace => "ISO 8601 dates with a space (`2019-05-14 17:01:53 +0200`)",
            Shape::IsoT => "RFC 3339 dates (`2019-05-14T17:01:53+02:00`)",
        }
    }

    /// One date of this shape, named in a message.
    pub fn one(self) -> &'static str {
        match self {
            Shape::Rfc2822 => "an RFC 2822 date",
            Shape::IsoDate => "a date without a time",
            Shape::IsoSpace => "an ISO 8601 date with a space",
            Shape::IsoT => "an RFC 3339 date",
        }
    }

    /// Whether a date of this shape follows a site whose majority is `majority`.
    pub fn agrees_with(self, majority: Shape) -> bool {
        match (self, majority) {
            (a, b) if a == b => true,
            (Shape::Rfc2822, _) | (_, Shape::Rfc2822) => false,
            // Date only next to either ISO form, or either ISO form on a
            // site of dates without a time: more or less precision, one form.
            (Shape::IsoDate, _) | (_, Shape::IsoDate) => true,
            _ => false,
        }
    }

    fn index(self) -> usize {
        match self {
            Shape::Rfc2822 => 0,
            Shape::IsoDate => 1,
            Shape::IsoSpace => 2,
            Shape::IsoT => 3,
        }
    }
}

/// How many dates of a site have each shape.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    counts: [usize; 4],
}

/// The site's clear majority form, and how clear.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Majority {
    pub shape: Shape,
    /// Dates that agree with it.
    pub agreeing: usize,
    /// Dates of any shape.
    pub total: usize,
}

impl Tally {
    pub fn add(&mut self, shape: Shape) {
        self.counts[shape.index()] += 1;
    }

    /// The form most dates are written in, when it is a clear majority:
    /// at least [`MIN_DATES`] dates, of which [`MAJORITY_PERCENT`] agree
    /// with it, and no other form as common.
    pub fn majority(&self) -> Option<Majority> {
        let total: usize = self.counts.iter().sum();
        if total < MIN_DATES {
            return None;
        }
        let top = Shape::ALL
            .into_iter()
            .max_by_key(|s| self.counts[s.index()])?;
        let top_count = self.counts[top.index()];
        if Shape::ALL
            .iter()
            .any(|s| *s != top && self.counts[s.index()] == top_count)
        {
            return None;
        }
        let agreeing: usize = Shape::ALL
            .iter()
            .filter(|s| s.agrees_with(top))
            .map(|s| self.counts[s.index()])
            .sum();
        (agreeing * 100 >= total * MAJORITY_PERCENT).then_some(Majority {
            shape: top,
            agreeing,
            total,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_of_real_dates() {
        for (value, shape) in [
            ("Tue, 14 May 2019 17:01:53 +0200", Some(Shape::Rfc2822)),
            ("14 May 2019", Some(Shape::Rfc2822)),
            ("2024-03-21", Some(Shape::IsoDate)),
            ("2024-03-21 4:00:00 +0000", Some(Shape::IsoSpace)),
            ("2019-5-4 1:02:03", Some(Shape::IsoSpace)),
            ("2020-04-03T20:26:28.000Z", Some(Shape::IsoT)),
            ("15-6-2016", None),
            ("soon", None),
            ("2019-05-14x", None),
            ("", None),
        ] {
            assert_eq!(Shape::of(value), shape, "{value}");
        }
    }

    fn tally(counts: &[(Shape, usize)]) -> Tally {
        let mut t = Tally::default();
        for &(s, n) in counts {
            for _ in 0..n {
                t.add(s);
            }
        }
        t
    }

    #[test]
    fn a_clear_majority_needs_ninety_per_cent_of_ten_dates() {
        let m = tally(&[(Shape::IsoSpace, 9), (Shape::Rfc2822, 1)]).majority();
        assert_eq!(
            m,
            Some(Majority {
                shape: Shape::IsoSpace,
                agreeing: 9,
                total: 10
            })
        );
        assert_eq!(
            tally(&[(Shape::IsoSpace, 8), (Shape::Rfc2822, 1)]).majority(),
            None
        );
        assert_eq!(
            tally(&[(Shape::IsoSpace, 17), (Shape::IsoT, 3)]).majority(),
            None
        );
        assert_eq!(
            tally(&[(Shape::IsoT, 5), (Shape::IsoSpace, 5)]).majority(),
            None
        );
    }

    #[test]
    fn date_only_agrees_with_either_iso_form() {
        // ruby-lang-like: Jekyll timestamps and a few dates without a time.
        let m = tally(&[(Shape::IsoSpace, 10), (Shape::IsoDate, 5)]).majority();
        assert_eq!(m.map(|m| m.agreeing), Some(15));
        assert!(Shape::IsoDate.agrees_with(Shape::IsoT));
        assert!(Shape::IsoT.agrees_with(Shape::IsoDate));
        assert!(!Shape::IsoT.agrees_with(Shape::IsoSpace));
        assert!(!Shape::IsoDate.agrees_with(Shape::Rfc2822));
        assert!(!Shape::Rfc2822.agrees_with(Shape::IsoDate));
    }
}
