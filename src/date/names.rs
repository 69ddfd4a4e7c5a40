//! Month, weekday and zone names: the RFC 2822 spellings, plus the full English,
//! Dutch, German and French spellings that real front matter contains instead.

use jiff::civil::Weekday;

/// RFC 2822 month names, January first.
pub(super) const MONTH_ABBR: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

pub(super) const MONTH_FULL: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// How a recognised name was spelled, which decides the finding (if any).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Spelling {
    /// The RFC 2822 abbreviation, in any case.
    Canonical,
    /// The full English name (`March`, `Tuesday`).
    FullEnglish,
    /// A non-RFC English abbreviation, or a canonical one with a period (`Sept`, `Tues`, `May.`).
    EnglishVariant,
    /// A foreign name; the text names the language(s), e.g. "Dutch or German".
    Foreign(&'static str),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct MonthName {
    /// 1 for January.
    pub month: i8,
    pub spelling: Spelling,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct WeekdayName {
    pub weekday: Weekday,
    pub spelling: Spelling,
}

// Foreign tables: (lower-case name, 1-based index, language label). A name
// listed under several languages with the same meaning gets a joined label.
const FOREIGN_MONTHS: &[(&str, i8, &str)] = &[
    // Dutch (april, september, november, december are English too and match there first).
    ("januari", 1, "Dutch"),
    ("februari", 2, "Dutch"),
    ("maart", 3, "Dutch"),
    ("mrt", 3, "Dutch"),
    ("mei", 5, "Dutch"),
    ("augustus", 8, "Dutch"),
    ("juni", 6, "Dutch or German"),
    ("juli", 7, "Dutch or German"),
    ("oktober", 10, "Dutch or German"),
    ("okt", 10, "Dutch or German"),
    // German.
    ("januar", 1, "German"),
    ("jänner", 1, "German"),
    ("februar", 2, "German"),
    ("märz", 3, "German"),
    ("maerz", 3, "German"),
    ("mär", 3, "German"),
    ("mrz", 3, "German"),
    ("mai", 5, "German or French"),
    ("dezember", 12, "German"),
    ("dez", 12, "German"),
    // French.
    ("janvier", 1, "French"),
    ("janv", 1, "French"),
    ("février", 2, "French"),
    ("fevrier", 2, "French"),
    ("févr", 2, "French"),
    ("fevr", 2, "French"),
    ("mars", 3, "French"),
    ("avril", 4, "French"),
    ("avr", 4, "French"),
    ("juin", 6, "French"),
    ("juillet", 7, "French"),
    ("juil", 7, "French"),
    ("août", 8, "French"),
    ("aout", 8, "French"),
    ("septembre", 9, "French"),
    ("octobre", 10, "French"),
    ("novembre", 11, "French"),
    ("décembre", 12, "French"),
    ("decembre", 12, "French"),
    ("déc", 12, "French"),
];

const ENGLISH_MONTH_VARIANTS: &[(&str, i8)] = &[("sept", 9)];

const WEEKDAY_ABBR: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const WEEKDAY_FULL: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// (lower-case name, Monday-one index).
const ENGLISH_WEEKDAY_VARIANTS: &[(&str, i8)] =
    &[("tues", 2), ("weds", 3), ("thur", 4), ("thurs", 4)];

const FOREIGN_WEEKDAYS: &[(&str, i8, &str)] = &[
    // Dutch.
    ("maandag", 1, "Dutch"),
    ("dinsdag", 2, "Dutch"),
    ("woensdag", 3, "Dutch"),
    ("donderdag", 4, "Dutch"),
    ("vrijdag", 5, "Dutch"),
    ("zaterdag", 6, "Dutch"),
    ("zondag", 7, "Dutch"),
    ("ma", 1, "Dutch"),
    ("di", 2, "Dutch or German"),
    ("wo", 3, "Dutch"),
    ("do", 4, "Dutch or German"),
    ("vr", 5, "Dutch"),
    ("za", 6, "Dutch"),
    ("zo", 7, "Dutch"),
    // German.
    ("montag", 1, "German"),
    ("dienstag", 2, "German"),
    ("mittwoch", 3, "German"),
    ("donnerstag", 4, "German"),
    ("freitag", 5, "German"),
    ("samstag", 6, "German"),
    ("sonnabend", 6, "German"),
    ("sonntag", 7, "German"),
    ("mo", 1, "German"),
    ("mi", 3, "German"),
    ("fr", 5, "German"),
    ("sa", 6, "German"),
    ("so", 7, "German"),
    // French.
    ("lundi", 1, "French"),
    ("mardi", 2, "French"),
    ("mercredi", 3, "French"),
    ("jeudi", 4, "French"),
    ("vendredi", 5, "French"),
    ("samedi", 6, "French"),
    ("dimanche", 7, "French"),
    ("lun", 1, "French"),
    ("mar", 2, "French"),
    ("mer", 3, "French"),
    ("jeu", 4, "French"),
    ("ven", 5, "French"),
    ("sam", 6, "French"),
    ("dim", 7, "French"),
];

/// Splits a trailing period off a word: `Sept.` is looked up as `sept`, but
/// can never be canonical.
fn normalise(word: &str) -> (String, bool) {
    match word.strip_suffix('.') {
        Some(stem) => (stem.to_lowercase(), true),
        None => (word.to_lowercase(), false),
    }
}

/// Looks up a month name in any supported spelling (case-insensitive).
pub(super) fn month(word: &str) -> Option<MonthName> {
    let (lower, dotted) = normalise(word);
    let found = lookup_english(&lower, &MONTH_ABBR, &MONTH_FULL, ENGLISH_MONTH_VARIANTS)
        .or_else(|| lookup_foreign(&lower, FOREIGN_MONTHS));
    found.map(|(month, spelling)| MonthName {
        month,
        spelling: undot(spelling, dotted),
    })
}

/// Looks up a weekday name in any supported spelling (case-insensitive).
pub(super) fn weekday(word: &str) -> Option<WeekdayName> {
    let (lower, dotted) = normalise(word);
    let found = lookup_english(
        &lower,
        &WEEKDAY_ABBR,
        &WEEKDAY_FULL,
        ENGLISH_WEEKDAY_VARIANTS,
    )
    .or_else(|| lookup_foreign(&lower, FOREIGN_WEEKDAYS))?;
    let weekday = Weekday::from_monday_one_offset(found.0).ok()?;
    Some(WeekdayName {
        weekday,
        spelling: undot(found.1, dotted),
    })
}

fn undot(spelling: Spelling, dotted: bool) -> Spelling {
    if dotted && spelling == Spelling::Canonical {
        Spelling::EnglishVariant
    } else {
        spelling
    }
}

fn lookup_english(
    lower: &str,
    abbr: &[&str],
    full: &[&str],
    variants: &[(&str, i8)],
) -> Option<(i8, Spelling)> {
    let index_of = |names: &[&str]| {
        names
            .iter()
            .position(|name| name.eq_ignore_ascii_case(lower))
            .and_then(|i| i8::try_from(i + 1).ok())
    };
    if let Some(i) = index_of(abbr) {
        return Some((i, Spelling::Canonical));
    }
    if let Some(i) = index_of(full) {
        return Some((i, Spelling::FullEnglish));
    }
    variants
        .iter()
        .find(|(name, _)| *name == lower)
        .map(|&(_, i)| (i, Spelling::EnglishVariant))
}

fn lookup_foreign(lower: &str, table: &[(&str, i8, &'static str)]) -> Option<(i8, Spelling)> {
    table
        .iter()
        .find(|(name, _, _)| *name == lower)
        .map(|&(_, i, lang)| (i, Spelling::Foreign(lang)))
}

/// The RFC 2822 abbreviation of a month (1-based); `None` outside 1..=12.
pub(super) fn month_abbr(month: i8) -> Option<&'static str> {
    let index = usize::try_from(month).ok()?.checked_sub(1)?;
    MONTH_ABBR.get(index).copied()
}

pub(super) fn month_full(month: i8) -> Option<&'static str> {
    let index = usize::try_from(month).ok()?.checked_sub(1)?;
    MONTH_FULL.get(index).copied()
}

pub(super) fn weekday_abbr(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Monday => "Mon",
        Weekday::Tuesday => "Tue",
        Weekday::Wednesday => "Wed",
        Weekday::Thursday => "Thu",
        Weekday::Friday => "Fri",
        Weekday::Saturday => "Sat",
        Weekday::Sunday => "Sun",
    }
}

pub(super) fn weekday_full(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Monday => "Monday",
        Weekday::Tuesday => "Tuesday",
        Weekday::Wednesday => "Wednesday",
        Weekday::Thursday => "Thursday",
        Weekday::Friday => "Friday",
        Weekday::Saturday => "Saturday",
        Weekday::Sunday => "Sunday",
    }
}

/// What a zone written as a name means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ZoneName {
    /// `UT`, `GMT` and the North American names of RFC 2822 section 4.3:
    /// obsolete, but their offset (in minutes) is defined.
    Obsolete { minutes: i16 },
    /// One-letter military zones: RFC 2822 says their meaning is unknown.
    Military,
    /// A name RFC 2822 does not define. `offset` is the numeric form to
    /// suggest when the name has one usual meaning; `note` explains otherwise.
    Foreign {
        offset: Option<&'static str>,
        note: Option<&'static str>,
    },
}

const OBSOLETE_ZONES: &[(&str, i16)] = &[
    ("ut", 0),
    ("gmt", 0),
    ("est", -5 * 60),
    ("edt", -4 * 60),
    ("cst", -6 * 60),
    ("cdt", -5 * 60),
    ("mst", -7 * 60),
    ("mdt", -6 * 60),
    ("pst", -8 * 60),
    ("pdt", -7 * 60),
];

/// Zone names seen in the wild that RFC 2822 does not define. Ambiguous ones
/// carry a note instead of a single offset, so the help never guesses.
const FOREIGN_ZONES: &[(&str, Option<&str>, Option<&str>)] = &[
    ("utc", Some("+0000"), None),
    ("uct", Some("+0000"), None),
    ("cet", Some("+0100"), None),
    ("cest", Some("+0200"), None),
    ("met", Some("+0100"), None),
    ("mest", Some("+0200"), None),
    ("mez", Some("+0100"), None),
    ("mesz", Some("+0200"), None),
    ("wet", Some("+0000"), None),
    ("west", Some("+0100"), None),
    ("eet", Some("+0200"), None),
    ("eest", Some("+0300"), None),
    ("msk", Some("+0300"), None),
    (
        "bst",
        None,
        Some("BST is `+0100` as British Summer Time but `+0600` in Bangladesh"),
    ),
    (
        "ist",
        None,
        Some("IST is `+0530` in India, `+0100` in Ireland and `+0200` in Israel"),
    ),
    (
        "ast",
        None,
        Some("AST is `-0400` as Atlantic Standard Time but `+0300` as Arabia Standard Time"),
    ),
    ("adt", Some("-0300"), None),
    ("nst", Some("-0330"), None),
    ("ndt", Some("-0230"), None),
    ("akst", Some("-0900"), None),
    ("akdt", Some("-0800"), None),
    ("hst", Some("-1000"), None),
    ("jst", Some("+0900"), None),
    ("kst", Some("+0900"), None),
    ("hkt", Some("+0800"), None),
    ("sgt", Some("+0800"), None),
    ("pkt", Some("+0500"), None),
    ("wib", Some("+0700"), None),
    ("awst", Some("+0800"), None),
    ("acst", Some("+0930"), None),
    ("acdt", Some("+1030"), None),
    ("aest", Some("+1000"), None),
    ("aedt", Some("+1100"), None),
    ("nzst", Some("+1200"), None),
    ("nzdt", Some("+1300"), None),
    ("sast", Some("+0200"), None),
    ("cat", Some("+0200"), None),
    ("eat", Some("+0300"), None),
    ("wat", Some("+0100"), None),
    ("brt", Some("-0300"), None),
    ("art", Some("-0300"), None),
    (
        "et",
        None,
        Some("ET is `-0500` in winter and `-0400` in summer"),
    ),
    (
        "ct",
        None,
        Some("CT is `-0600` in winter and `-0500` in summer"),
    ),
    (
        "mt",
        None,
        Some("MT is `-0700` in winter and `-0600` in summer"),
    ),
    (
        "pt",
        None,
        Some("PT is `-0800` in winter and `-0700` in summer"),
    ),
];

/// Looks up a zone name (case-insensitive). `None` means the name is unknown.
pub(super) fn zone(word: &str) -> Option<ZoneName> {
    let lower = word.to_ascii_lowercase();
    if let Some(&(_, minutes)) = OBSOLETE_ZONES.iter().find(|(name, _)| *name == lower) {
        return Some(ZoneName::Obsolete { minutes });
    }
    // Military zones are the letters A to Z without J.
    let mut chars = lower.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && c.is_ascii_lowercase()
        && c != 'j'
    {
        return Some(ZoneName::Military);
    }
    FOREIGN_ZONES
        .iter()
        .find(|(name, _, _)| *name == lower)
        .map(|&(_, offset, note)| ZoneName::Foreign { offset, note })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_months_in_any_case() {
        for (i, name) in MONTH_ABBR.iter().enumerate() {
            let found = month(&name.to_uppercase()).unwrap();
            assert_eq!(usize::try_from(found.month).unwrap(), i + 1);
            assert_eq!(found.spelling, Spelling::Canonical);
        }
    }

    #[test]
    fn full_english_months() {
        let found = month("March").unwrap();
        assert_eq!((found.month, found.spelling), (3, Spelling::FullEnglish));
        let found = month("september").unwrap();
        assert_eq!((found.month, found.spelling), (9, Spelling::FullEnglish));
        // `May` is both: the abbreviation wins.
        assert_eq!(month("May").unwrap().spelling, Spelling::Canonical);
    }

    #[test]
    fn english_month_variants() {
        assert_eq!(month("Sept").unwrap().spelling, Spelling::EnglishVariant);
        assert_eq!(month("Sept.").unwrap().month, 9);
        assert_eq!(month("May.").unwrap().spelling, Spelling::EnglishVariant);
    }

    #[test]
    fn dutch_months() {
        let dutch = [
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ];
        for (i, name) in dutch.iter().enumerate() {
            assert_eq!(
                usize::try_from(month(name).unwrap().month).unwrap(),
                i + 1,
                "{name}"
            );
        }
        let abbr = [
            "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
        ];
        for (i, name) in abbr.iter().enumerate() {
            assert_eq!(
                usize::try_from(month(name).unwrap().month).unwrap(),
                i + 1,
                "{name}"
            );
        }
        assert_eq!(month("mei").unwrap().spelling, Spelling::Foreign("Dutch"));
        assert_eq!(
            month("Juni").unwrap().spelling,
            Spelling::Foreign("Dutch or German")
        );
    }

    #[test]
    fn german_and_french_months() {
        assert_eq!(month("März").unwrap().month, 3);
        assert_eq!(month("MÄRZ").unwrap().month, 3);
        assert_eq!(month("Dezember").unwrap().month, 12);
        assert_eq!(month("août").unwrap().month, 8);
        assert_eq!(month("févr.").unwrap().month, 2);
        assert_eq!(month("Décembre").unwrap().month, 12);
        assert_eq!(
            month("mai").unwrap().spelling,
            Spelling::Foreign("German or French")
        );
    }

    #[test]
    fn unknown_names() {
        assert_eq!(month("Foo"), None);
        assert_eq!(month(""), None);
        assert_eq!(month("."), None);
        assert_eq!(weekday("Foo"), None);
    }

    #[test]
    fn weekdays() {
        assert_eq!(
            weekday("tue").unwrap(),
            WeekdayName {
                weekday: Weekday::Tuesday,
                spelling: Spelling::Canonical
            }
        );
        assert_eq!(weekday("Tuesday").unwrap().spelling, Spelling::FullEnglish);
        assert_eq!(weekday("Thurs").unwrap().weekday, Weekday::Thursday);
        assert_eq!(weekday("Thurs").unwrap().spelling, Spelling::EnglishVariant);
        let dutch = ["ma", "di", "wo", "do", "vr", "za", "zo"];
        let full = [
            "maandag",
            "dinsdag",
            "woensdag",
            "donderdag",
            "vrijdag",
            "zaterdag",
            "zondag",
        ];
        for (i, (a, f)) in dutch.iter().zip(full).enumerate() {
            let expected = Weekday::from_monday_zero_offset(i8::try_from(i).unwrap()).unwrap();
            assert_eq!(weekday(a).unwrap().weekday, expected, "{a}");
            assert_eq!(weekday(f).unwrap().weekday, expected, "{f}");
        }
        assert_eq!(
            weekday("di").unwrap().spelling,
            Spelling::Foreign("Dutch or German")
        );
        assert_eq!(weekday("mardi").unwrap().weekday, Weekday::Tuesday);
        assert_eq!(weekday("Dienstag").unwrap().weekday, Weekday::Tuesday);
    }

    #[test]
    fn zones() {
        assert_eq!(zone("GMT"), Some(ZoneName::Obsolete { minutes: 0 }));
        assert_eq!(zone("ut"), Some(ZoneName::Obsolete { minutes: 0 }));
        assert_eq!(zone("PDT"), Some(ZoneName::Obsolete { minutes: -420 }));
        assert_eq!(zone("Z"), Some(ZoneName::Military));
        assert_eq!(zone("a"), Some(ZoneName::Military));
        assert_eq!(zone("J"), None);
        assert_eq!(
            zone("CEST"),
            Some(ZoneName::Foreign {
                offset: Some("+0200"),
                note: None
            })
        );
        assert!(matches!(
            zone("IST"),
            Some(ZoneName::Foreign {
                offset: None,
                note: Some(_)
            })
        ));
        assert_eq!(zone("XYZ"), None);
        assert_eq!(zone("é"), None);
    }

    #[test]
    fn names_for_values() {
        assert_eq!(month_abbr(1), Some("Jan"));
        assert_eq!(month_abbr(12), Some("Dec"));
        assert_eq!(month_abbr(0), None);
        assert_eq!(month_abbr(13), None);
        assert_eq!(month_abbr(-1), None);
        assert_eq!(month_full(6), Some("June"));
        assert_eq!(weekday_abbr(Weekday::Sunday), "Sun");
        assert_eq!(weekday_full(Weekday::Sunday), "Sunday");
    }
}
