//! What `postlint init` reads off a site's posts: one [`Sample`] per file
//! (keys in written order, string values, the date's form, the first
//! heading, the embeds), then one inference per setting, each with the
//! number of files that deviate from it. Pure: the samples are made by the
//! caller, so every inference is tested on plain data.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::config::DateFormatName;

/// At most this many keys are recorded in `known` (a site with more keys
/// than this is not kept to a schema anyway).
pub const MAX_KNOWN: usize = 500;
/// At most this many keys in `front-matter.order`.
pub const MAX_ORDER: usize = 12;
/// The candidates tried for the key order: the most frequent keys.
const ORDER_CANDIDATES: usize = 64;
/// `allowed` lists: a key needs this many files, at most this many values.
pub const ALLOWED_MIN_FILES: usize = 20;
pub const ALLOWED_MAX_VALUES: usize = 12;
/// And at most this many such keys, values at most this long.
const ALLOWED_MAX_KEYS: usize = 32;
const ALLOWED_MAX_LEN: usize = 100;
/// A key is required when at least this share (percent) of posts has it.
pub const REQUIRED_SHARE: usize = 95;
/// A date form is pinned when at least this share (percent) of dates has it.
pub const DATE_SHARE: usize = 90;

/// The form a date is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DateForm {
    /// `Tue, 14 May 2019 17:01:53 +0200`, with or without the weekday.
    Rfc2822,
    /// `2019-05-14T17:01:53+02:00`, the form `iso8601` writes.
    Iso8601,
    /// An ISO-like date another way (`2019-05-14 17:01:53 +0200`, a bare
    /// day): what the generator reads, not one `dates.format` pins.
    OtherIso,
    Other,
}

impl DateForm {
    /// The form of a date as written (quotes already taken off).
    pub fn of(text: &str) -> DateForm {
        let t = text.trim();
        let b = t.as_bytes();
        let digits = |r: std::ops::Range<usize>| {
            b.get(r.clone())
                .is_some_and(|s| s.len() == r.len() && s.iter().all(u8::is_ascii_digit))
        };
        if digits(0..4)
            && b.get(4) == Some(&b'-')
            && digits(5..7)
            && b.get(7) == Some(&b'-')
            && digits(8..10)
        {
            // Full date-time with `T`, seconds and a numeric offset or `Z`.
            // Exactly what `iso8601` writes: seconds, no fraction, `Z` or `±HH:MM`.
            let zone = &b[b.len().min(19)..];
            let strict = b.get(10) == Some(&b'T')
                && digits(11..13)
                && b.get(13) == Some(&b':')
                && digits(14..16)
                && b.get(16) == Some(&b':')
                && digits(17..19)
                && (zone == b"Z"
                    || (zone.len() == 6
                        && matches!(zone[0], b'+' | b'-')
                        && zone[3] == b':'
                        && zone[1..3].iter().chain(&zone[4..]).all(u8::is_ascii_digit)));
            return if strict {
                DateForm::Iso8601
            } else {
                DateForm::OtherIso
            };
        }
        // `[Day, ]DD Mon YYYY ...`
        let rest = match t.split_once(", ") {
            Some((day, rest)) if day.len() == 3 && day.bytes().all(|c| c.is_ascii_alphabetic()) => {
                rest
            }
            _ => t,
        };
        let mut words = rest.split_whitespace();
        let day = words
            .next()
            .is_some_and(|d| (1..=2).contains(&d.len()) && d.bytes().all(|c| c.is_ascii_digit()));
        let month = words
            .next()
            .is_some_and(|m| m.len() == 3 && m.bytes().all(|c| c.is_ascii_alphabetic()));
        let year = words
            .next()
            .is_some_and(|y| y.len() == 4 && y.bytes().all(|c| c.is_ascii_digit()));
        if day && month && year {
            DateForm::Rfc2822
        } else {
            DateForm::Other
        }
    }
}

/// What `init` needs of one file with front matter.
#[derive(Debug, Clone, Default)]
pub struct Sample {
    /// Top-level keys in written order.
    pub keys: Vec<String>,
    /// PL207 looks at this file: YAML front matter that parsed, every key once.
    pub ordered: bool,
    /// The file is a post (required keys, headings and embeds count posts).
    pub post: bool,
    /// The string values per key (a string, or the strings of a list).
    pub strings: Vec<(String, Vec<String>)>,
    pub date: Option<DateForm>,
    /// The body rules of posts (PL306, PL308) look at this file.
    pub body_post: bool,
    /// The level of the body's first heading.
    pub first_heading: Option<u8>,
    /// The highest level (smallest number) of the body's headings.
    pub top_used: Option<u8>,
    /// The elements of the default `html.disallowed-elements` the body uses.
    pub embeds: BTreeSet<String>,
}

/// The key order, and the most common way posts break it: the key
/// written first, the key that should come before it, and how many posts.
pub type KeyOrder = (Choice<Vec<String>>, Option<(String, String, usize)>);
/// The pinned date form (if any), and the dates per form.
pub type DateForms = (Choice<Option<DateFormatName>>, Vec<(DateForm, usize)>);
/// The disallowed elements kept, and the posts using each default one.
pub type Embeds = (Choice<Vec<String>>, Vec<(String, usize)>);

/// A choice and the files it was made over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice<T> {
    pub value: T,
    /// Files the choice was made over.
    pub of: usize,
    /// Files that do not follow it.
    pub deviating: usize,
}

/// `dates.format`: pinned when one form is a clear majority, else `None`
/// (the generator's reading, `auto`). Also the count per form.
pub fn date_format(
    samples: &[Sample],
) -> (Choice<Option<DateFormatName>>, BTreeMap<DateForm, usize>) {
    let mut counts: BTreeMap<DateForm, usize> = BTreeMap::new();
    for form in samples.iter().filter_map(|s| s.date) {
        *counts.entry(form).or_default() += 1;
    }
    let of: usize = counts.values().sum();
    let pinned = [
        (DateForm::Rfc2822, DateFormatName::Rfc2822),
        (DateForm::Iso8601, DateFormatName::Iso8601),
    ]
    .into_iter()
    .find(|(form, _)| of > 0 && counts.get(form).copied().unwrap_or(0) * 100 >= DATE_SHARE * of);
    let choice = match pinned {
        Some((form, name)) => Choice {
            value: Some(name),
            of,
            deviating: of - counts.get(&form).copied().unwrap_or(0),
        },
        None => Choice {
            value: None,
            of,
            deviating: 0,
        },
    };
    (choice, counts)
}

/// Whether the keys follow `order` as PL207 reads it: the keys of `order`
/// first, in that order, then the rest.
pub fn follows(keys: &[String], order: &[String]) -> bool {
    first_break(keys, order).is_none()
}

/// The first pair of keys out of `order`: (the key written first, the key that should come before it).
fn first_break<'a>(keys: &'a [String], order: &[String]) -> Option<(&'a str, &'a str)> {
    let rank = |k: &str| order.iter().position(|o| o == k).unwrap_or(order.len());
    keys.windows(2)
        .find(|w| rank(&w[0]) > rank(&w[1]))
        .map(|w| (w[0].as_str(), w[1].as_str()))
}

/// The key order: the longest prefix order (greedy, up to [`MAX_ORDER`]
/// keys) that every post follows. Also the most common way posts break it
/// (none, as made here; kept for a caller's own order).
pub fn key_order(samples: &[Sample]) -> KeyOrder {
    let considered: Vec<&Sample> = samples
        .iter()
        .filter(|s| s.ordered && s.keys.len() >= 2)
        .collect();
    let of = considered.len();
    let mut frequency: HashMap<&str, usize> = HashMap::new();
    for s in &considered {
        for k in &s.keys {
            *frequency.entry(k.as_str()).or_default() += 1;
        }
    }
    let mut candidates: Vec<(&str, usize)> = frequency.into_iter().collect();
    // A key in fewer than one post in ten places nothing reliably: an
    // order built of such keys (Eleventy's page-specific titles) is no
    // convention, only a description of a few files.
    candidates.retain(|&(_, freq)| freq * 10 >= of);
    candidates.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    candidates.truncate(ORDER_CANDIDATES);
    // The keys most posts have: once they all have their place, the order
    // is done (a rare key enters only to keep a common one in place, as
    // ruby-lang's `translator` between `author` and `date`).
    let common: Vec<&str> = candidates
        .iter()
        .filter(|&&(_, freq)| freq * 2 >= of)
        .map(|&(k, _)| k)
        .collect();
    // Every post PL207 looks at must follow the order: `init` then `fix`
    // must move no key (ruby-lang keeps `layout, title, author` in all of
    // its 5,276 posts; its 27 posts with `tags` before `date` stop the
    // order there rather than be reordered).
    let slack = 0;
    let deviating = |order: &[String]| {
        considered
            .iter()
            .filter(|s| !follows(&s.keys, order))
            .count()
    };
    let mut order: Vec<String> = Vec::new();
    while order.len() < MAX_ORDER && !common.iter().all(|k| order.iter().any(|o| o == k)) {
        let mut best: Option<(usize, usize, &str)> = None;
        for &(key, freq) in &candidates {
            if order.iter().any(|o| o == key) {
                continue;
            }
            let mut trial = order.clone();
            trial.push(key.to_string());
            let d = deviating(&trial);
            // Fewer deviations first, then the more common key.
            if best.is_none_or(|(bd, bf, _)| {
                (d, std::cmp::Reverse(freq)) < (bd, std::cmp::Reverse(bf))
            }) {
                best = Some((d, freq, key));
            }
        }
        match best {
            Some((d, _, key)) if d <= slack => order.push(key.to_string()),
            _ => break,
        }
    }
    // A rare key at the end places no common key: dropping it from the
    // order never adds a deviation (it joins the keys that follow).
    while order.last().is_some_and(|k| !common.contains(&k.as_str())) {
        order.pop();
    }
    let current = if order.is_empty() {
        0
    } else {
        deviating(&order)
    };
    let mut breaks: HashMap<(&str, &str), usize> = HashMap::new();
    for s in &considered {
        if let Some(pair) = first_break(&s.keys, &order) {
            *breaks.entry(pair).or_default() += 1;
        }
    }
    let common = breaks
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|((a, b), n)| (a.to_string(), b.to_string(), n));
    (
        Choice {
            value: order,
            of,
            deviating: current,
        },
        common,
    )
}

/// Keys present in at least [`REQUIRED_SHARE`]% of the posts, most common
/// first, each with the number of posts without it.
pub fn required(samples: &[Sample]) -> (Vec<(String, usize)>, usize) {
    let posts: Vec<&Sample> = samples.iter().filter(|s| s.post).collect();
    let of = posts.len();
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for s in &posts {
        let unique: BTreeSet<&str> = s.keys.iter().map(String::as_str).collect();
        for k in unique {
            *count.entry(k).or_default() += 1;
        }
    }
    let mut keys: Vec<(String, usize)> = count
        .into_iter()
        .filter(|&(_, n)| of > 0 && n * 100 >= REQUIRED_SHARE * of)
        .map(|(k, n)| (k.to_string(), of - n))
        .collect();
    keys.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    keys.truncate(MAX_ORDER * 2);
    (keys, of)
}

/// Keys with a few distinct string values over many files (layouts,
/// categories): the values seen, sorted, and the files holding the key.
pub fn allowed(samples: &[Sample], date_key: &str) -> Vec<(String, Vec<String>, usize)> {
    let mut values: BTreeMap<&str, (BTreeSet<&str>, usize, bool)> = BTreeMap::new();
    for s in samples {
        for (key, strings) in &s.strings {
            let entry = values.entry(key.as_str()).or_default();
            entry.1 += 1;
            for v in strings {
                if v.len() > ALLOWED_MAX_LEN || v.chars().any(char::is_control) {
                    entry.2 = true;
                }
                if entry.0.len() <= ALLOWED_MAX_VALUES {
                    entry.0.insert(v.as_str());
                }
            }
        }
    }
    values
        .into_iter()
        .filter(|(key, (set, files, odd))| {
            *key != date_key
                && !odd
                && *files >= ALLOWED_MIN_FILES
                && !set.is_empty()
                && set.len() <= ALLOWED_MAX_VALUES
                // A value per file or so is no category.
                && set.len() * 2 <= *files
        })
        .take(ALLOWED_MAX_KEYS)
        .map(|(key, (set, files, _))| {
            (
                key.to_string(),
                set.into_iter().map(String::from).collect(),
                files,
            )
        })
        .collect()
}

/// Every key seen, most common first, at most [`MAX_KNOWN`].
pub fn known(samples: &[Sample]) -> Vec<String> {
    let mut count: HashMap<&str, usize> = HashMap::new();
    for s in samples {
        for k in &s.keys {
            *count.entry(k.as_str()).or_default() += 1;
        }
    }
    let mut keys: Vec<(&str, usize)> = count.into_iter().collect();
    keys.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    keys.into_iter()
        .take(MAX_KNOWN)
        .map(|(k, _)| k.to_string())
        .collect()
}

/// The level most posts' first heading has, and the posts that start
/// elsewhere or use a higher level. [`TopHeading::pinned`] says whether
/// it is a convention worth recording.
pub fn top_heading(samples: &[Sample]) -> Option<TopHeading> {
    let headed: Vec<&Sample> = samples
        .iter()
        .filter(|s| s.body_post && s.first_heading.is_some())
        .collect();
    let mut count: BTreeMap<u8, usize> = BTreeMap::new();
    for level in headed.iter().filter_map(|s| s.first_heading) {
        *count.entry(level).or_default() += 1;
    }
    // Ties go to the higher level (the smaller number): it reports less.
    let (&level, _) = count
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))?;
    let deviating = headed
        .iter()
        .filter(|s| s.first_heading != Some(level) || s.top_used.is_some_and(|t| t < level))
        .count();
    Some(TopHeading {
        choice: Choice {
            value: level,
            of: headed.len(),
            deviating,
        },
        first_levels: count.into_iter().collect(),
    })
}

/// The first heading levels of a site's posts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopHeading {
    pub choice: Choice<u8>,
    /// Posts per first level.
    pub first_levels: Vec<(u8, usize)>,
}

impl TopHeading {
    /// Recorded only when at least [`TOP_HEADING_SHARE`]% of the posts
    /// follow it: a site whose posts start at h1 and h2 alike has no top
    /// level, and pinning one would report half of its posts.
    pub fn pinned(&self) -> bool {
        let c = &self.choice;
        c.of.saturating_sub(c.deviating) * 100 >= TOP_HEADING_SHARE * c.of
    }
}

/// See [`TopHeading::pinned`].
pub const TOP_HEADING_SHARE: usize = 95;

/// The default disallowed elements minus those at least two posts use
/// (one post may be a slip; two are a habit), with the posts using each.
pub fn embeds(
    samples: &[Sample],
    defaults: &[String],
) -> (Choice<Vec<String>>, Vec<(String, usize)>) {
    let posts: Vec<&Sample> = samples.iter().filter(|s| s.body_post).collect();
    let used: Vec<(String, usize)> = defaults
        .iter()
        .map(|e| {
            (
                e.clone(),
                posts.iter().filter(|s| s.embeds.contains(e)).count(),
            )
        })
        .filter(|(_, n)| *n > 0)
        .collect();
    let allowed: BTreeSet<&str> = used
        .iter()
        .filter(|(_, n)| *n >= 2)
        .map(|(e, _)| e.as_str())
        .collect();
    let kept: Vec<String> = defaults
        .iter()
        .filter(|e| !allowed.contains(e.as_str()))
        .cloned()
        .collect();
    let deviating = posts
        .iter()
        .filter(|s| s.embeds.iter().any(|e| kept.contains(e)))
        .count();
    (
        Choice {
            value: kept,
            of: posts.len(),
            deviating,
        },
        used,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keyed(keys: &[&str]) -> Sample {
        Sample {
            keys: keys.iter().map(|k| k.to_string()).collect(),
            ordered: true,
            post: true,
            ..Sample::default()
        }
    }

    #[test]
    fn date_forms() {
        assert_eq!(
            DateForm::of("Tue, 14 May 2019 17:01:53 +0200"),
            DateForm::Rfc2822
        );
        assert_eq!(DateForm::of("1 Jul 2003 10:52 +0200"), DateForm::Rfc2822);
        assert_eq!(DateForm::of("2019-05-14T17:01:53+02:00"), DateForm::Iso8601);
        assert_eq!(DateForm::of("2019-05-14T17:01:53Z"), DateForm::Iso8601);
        assert_eq!(
            DateForm::of("2013-05-06 02:12:52 +0200"),
            DateForm::OtherIso
        );
        assert_eq!(DateForm::of("2013-05-06"), DateForm::OtherIso);
        // A fraction is not the canonical form (nodejs.org writes `.000Z`).
        assert_eq!(DateForm::of("2020-04-03T20:26:28.000Z"), DateForm::OtherIso);
        assert_eq!(DateForm::of("2020-04-03T20:26:28+0200"), DateForm::OtherIso);
        assert_eq!(DateForm::of("gisteren"), DateForm::Other);
        assert_eq!(DateForm::of("٢٠١٩-05-14"), DateForm::Other);
    }

    #[test]
    fn a_clear_majority_pins_the_date_format() {
        let dated = |d: &str| Sample {
            date: Some(DateForm::of(d)),
            ..Sample::default()
        };
        let mut s: Vec<Sample> = (0..19)
            .map(|_| dated("Tue, 14 May 2019 17:01:53 +0200"))
            .collect();
        s.push(dated("2019-05-14"));
        let (choice, _) = date_format(&s);
        assert_eq!(
            choice,
            Choice {
                value: Some(DateFormatName::Rfc2822),
                of: 20,
                deviating: 1
            }
        );
        // Jekyll's own form is not what `iso8601` writes: left to `auto`.
        let s: Vec<Sample> = (0..20)
            .map(|_| dated("2013-05-06 02:12:52 +0200"))
            .collect();
        assert_eq!(date_format(&s).0.value, None);
        let mut s: Vec<Sample> = (0..6).map(|_| dated("2019-05-14T17:01:53Z")).collect();
        s.extend((0..4).map(|_| dated("Tue, 14 May 2019 17:01:53 +0200")));
        assert_eq!(date_format(&s).0.value, None);
    }

    #[test]
    fn the_order_most_posts_follow() {
        let mut s: Vec<Sample> = (0..200)
            .map(|_| keyed(&["author", "translator", "date", "tags"]))
            .collect();
        s.extend((0..100).map(|_| keyed(&["author", "date", "tags"])));
        let (choice, common) = key_order(&s);
        assert_eq!(choice.value, ["author", "translator", "date", "tags"]);
        assert_eq!((choice.of, choice.deviating), (300, 0));
        assert_eq!(common, None);
        // One post out of line stops the order where it breaks: `fix`
        // after `init` moves no key.
        s.push(keyed(&["author", "date", "translator"]));
        let (choice, _) = key_order(&s);
        assert_eq!(choice.value, ["author"]);
        assert_eq!(choice.deviating, 0);
        for sample in &s {
            assert!(follows(&sample.keys, &choice.value));
        }
        // A rare key never ends the order.
        let mut s: Vec<Sample> = (0..30).map(|_| keyed(&["layout", "title"])).collect();
        s.push(keyed(&["layout", "title", "draft"]));
        assert_eq!(key_order(&s).0.value, ["layout", "title"]);
        // Keys of a few posts each are no order.
        let s: Vec<Sample> = (0..99)
            .map(|i| keyed(&[&format!("title{}", i % 11), "eleventyNavigation"]))
            .collect();
        assert!(key_order(&s).0.value.is_empty());
        // No order at all: nothing is recorded.
        let s: Vec<Sample> = (0..50)
            .map(|i| {
                if i % 2 == 0 {
                    keyed(&["a", "b"])
                } else {
                    keyed(&["b", "a"])
                }
            })
            .collect();
        assert!(key_order(&s).0.value.is_empty());
    }

    #[test]
    fn keys_in_nearly_every_post_are_required() {
        let mut s: Vec<Sample> = (0..97).map(|_| keyed(&["title", "date", "tags"])).collect();
        s.extend((0..3).map(|_| keyed(&["title", "tags"])));
        s.extend((0..10).map(|_| Sample {
            post: false,
            ..keyed(&["title"])
        }));
        let (keys, of) = required(&s);
        assert_eq!(of, 100);
        assert_eq!(
            keys,
            [
                ("tags".to_string(), 0),
                ("title".to_string(), 0),
                ("date".to_string(), 3)
            ]
        );
    }

    #[test]
    fn a_few_values_over_many_files_are_allowed() {
        let with = |layout: &str, tags: &[&str], n: usize| Sample {
            strings: vec![
                ("layout".into(), vec![layout.into()]),
                ("tags".into(), tags.iter().map(|t| t.to_string()).collect()),
                ("title".into(), vec![format!("Post {n}")]),
            ],
            ..Sample::default()
        };
        let mut s: Vec<Sample> = (0..30)
            .map(|i| with(["post", "news"][i % 2], &["ruby"], i))
            .collect();
        s.extend((0..30).map(|i| with("post", &[&format!("t{i}")], 30 + i)));
        let got = allowed(&s, "date");
        assert_eq!(
            got,
            [(
                "layout".to_string(),
                vec!["news".to_string(), "post".to_string()],
                60
            )]
        );
        // Too few files: nothing.
        assert!(allowed(&s[..10], "date").is_empty());
    }

    #[test]
    fn first_headings_and_embeds() {
        let headed = |first, top| Sample {
            body_post: true,
            first_heading: Some(first),
            top_used: Some(top),
            ..Sample::default()
        };
        let mut s: Vec<Sample> = (0..19).map(|_| headed(2, 2)).collect();
        s.push(headed(1, 1));
        let top = top_heading(&s).unwrap();
        assert_eq!(
            top.choice,
            Choice {
                value: 2,
                of: 20,
                deviating: 1
            }
        );
        assert!(top.pinned());
        // A post that starts right but uses an h1 later deviates too.
        s.push(headed(2, 1));
        assert_eq!(top_heading(&s).unwrap().choice.deviating, 2);
        assert!(!top_heading(&s).unwrap().pinned());
        // Half at h1, half at h2 (tonsky): no top level.
        let s: Vec<Sample> = (0..40).map(|i| headed(1 + i % 2, 1)).collect();
        let top = top_heading(&s).unwrap();
        assert_eq!(top.first_levels, [(1, 20), (2, 20)]);
        assert!(!top.pinned());
        let embed = |e: &[&str]| Sample {
            body_post: true,
            embeds: e.iter().map(|x| x.to_string()).collect(),
            ..Sample::default()
        };
        let s = vec![embed(&["iframe"]), embed(&["iframe", "script"]), embed(&[])];
        let defaults: Vec<String> = ["script", "iframe", "style"].map(String::from).to_vec();
        let (choice, used) = embeds(&s, &defaults);
        assert_eq!(choice.value, ["script", "style"]);
        assert_eq!(choice.deviating, 1);
        assert_eq!(used, [("script".to_string(), 1), ("iframe".to_string(), 2)]);
    }

    #[test]
    fn known_keys_are_capped() {
        let keys: Vec<String> = (0..MAX_KNOWN + 50).map(|i| format!("k{i}")).collect();
        let s = Sample {
            keys,
            ..Sample::default()
        };
        assert_eq!(known(&[s]).len(), MAX_KNOWN);
    }
}
