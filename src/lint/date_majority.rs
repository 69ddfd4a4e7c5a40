//! The site-wide count behind PL258: before linting, read the date line of
//! each file's front matter (a cheap line scan of its first bytes, no YAML
//! parse), count the forms per site, and give every file of a site whose
//! count has a clear majority settings that carry it. The majority is part
//! of the cache key ([`crate::cache`]), so a cached report is reused only
//! under the same majority and can neither hide nor invent the warning.

use std::collections::HashMap;
use std::io::Read;
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Settings;
use crate::date::{Shape, Tally};

/// Front matter is capped at 64 KiB by default; the date is near its top.
const SCAN_LIMIT: u64 = 64 * 1024;

/// Sets [`Settings::date_majority`] on the settings of every file whose site
/// (the settings' site, or the settings alone without one) has a clear
/// majority form, sharing one new `Arc` per original settings; each file's
/// date line read here.
pub fn annotate(files: &mut [(PathBuf, Arc<Settings>)]) {
    let shapes: Vec<Option<Shape>> = files
        .par_iter()
        .map(|(path, settings)| shape_of_file(path, settings))
        .collect();
    annotate_with(files, &shapes);
}

/// [`annotate`] with each file's date line form already known
/// (`shapes[i]` of `files[i]`): `check` has the lint pass hand them over
/// ([`crate::lint::Linted::date_line`]) rather than read every file twice.
pub fn annotate_with(files: &mut [(PathBuf, Arc<Settings>)], shapes: &[Option<Shape>]) {
    let mut tallies: HashMap<usize, Tally> = HashMap::new();
    for ((_, settings), shape) in files.iter().zip(shapes) {
        if let Some(shape) = shape {
            tallies.entry(group(settings)).or_default().add(*shape);
        }
    }
    let mut renewed: HashMap<usize, Arc<Settings>> = HashMap::new();
    for (_, settings) in files.iter_mut() {
        let Some(majority) = tallies.get(&group(settings)).and_then(Tally::majority) else {
            continue;
        };
        let own = Arc::as_ptr(settings) as usize;
        let new = renewed.entry(own).or_insert_with(|| {
            let mut s = (**settings).clone();
            s.date_majority = Some(majority);
            Arc::new(s)
        });
        *settings = new.clone();
    }
}

/// The form of the date line of a file's first bytes, as counted for the
/// majority; `None` when the settings pin a form (nothing is counted).
pub fn shape_of_bytes(bytes: &[u8], settings: &Settings) -> Option<Shape> {
    if settings.date_format.is_some() {
        return None;
    }
    let head = bytes.get(..SCAN_LIMIT as usize).unwrap_or(bytes);
    let text = String::from_utf8_lossy(head);
    date_value(&text, &settings.config.dates.key).and_then(Shape::of)
}

/// [`shape_of_bytes`] of the file at `path`, reading only its first bytes.
pub fn shape_of_file(path: &std::path::Path, settings: &Settings) -> Option<Shape> {
    if settings.date_format.is_some() {
        return None;
    }
    scan(path, &settings.config.dates.key)
}

/// The files counted together: those of one site (by its `Arc`), else
/// those sharing settings.
fn group(settings: &Arc<Settings>) -> usize {
    match &settings.site {
        Some(site) => Arc::as_ptr(site) as usize,
        None => Arc::as_ptr(settings) as usize,
    }
}

/// The shape of the file's front matter date, if it has one.
fn scan(path: &std::path::Path, key: &str) -> Option<Shape> {
    let (file, _) = crate::safe_fs::open_regular(path, true).ok()?;
    let mut head = Vec::new();
    file.take(SCAN_LIMIT).read_to_end(&mut head).ok()?;
    let text = String::from_utf8_lossy(&head);
    date_value(&text, key).and_then(Shape::of)
}

/// The date value of YAML (`---`) or TOML (`+++`) front matter, from a
/// top-level `key:` / `key =` line, unquoted; `None` for anything else.
pub fn date_value<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines();
    let fence = lines.next()?.trim_end();
    let separator = match fence {
        "---" => ':',
        "+++" => '=',
        _ => return None,
    };
    for line in lines {
        let trimmed = line.trim_end();
        if trimmed == fence || (separator == ':' && trimmed == "...") {
            return None;
        }
        let Some(rest) = line.strip_prefix(key) else {
            continue;
        };
        let Some(value) = rest.trim_start().strip_prefix(separator) else {
            continue;
        };
        let value = value.trim();
        // A YAML comment after a plain value.
        let value = match value.find(" #") {
            Some(i) if !value.starts_with(['"', '\'']) => value[..i].trim_end(),
            _ => value,
        };
        for quote in ['"', '\''] {
            if let Some(inner) = value
                .strip_prefix(quote)
                .and_then(|v| v.strip_suffix(quote))
            {
                return Some(inner);
            }
        }
        return Some(value);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_lines_of_yaml_and_toml() {
        let yaml = "---\ntitle: x\ndate: 2024-03-21 4:00:00 +0000 # local\n---\n";
        assert_eq!(date_value(yaml, "date"), Some("2024-03-21 4:00:00 +0000"));
        let quoted = "---\ndate: '2020-04-03T20:26:28.000Z'\n---\n";
        assert_eq!(date_value(quoted, "date"), Some("2020-04-03T20:26:28.000Z"));
        let toml = "+++\ntitle = \"x\"\ndate = 2019-05-14T17:01:53+02:00\n+++\n";
        assert_eq!(date_value(toml, "date"), Some("2019-05-14T17:01:53+02:00"));
        // Not top level, another key, past the front matter, no front matter.
        assert_eq!(
            date_value("---\na:\n  date: 2019-05-14\n---\n", "date"),
            None
        );
        assert_eq!(date_value("---\ndated: 2019-05-14\n---\n", "date"), None);
        assert_eq!(
            date_value("---\ntitle: x\n---\ndate: 2019-05-14\n", "date"),
            None
        );
        assert_eq!(date_value("date: 2019-05-14\n", "date"), None);
    }

    #[test]
    fn a_site_of_timestamps_marks_its_one_rfc_date() {
        let dir = tempfile::tempdir().unwrap();
        let mut files = Vec::new();
        let settings = Arc::new(crate::testing::settings(""));
        for i in 0..12 {
            let path = dir.path().join(format!("{i}.md"));
            let date = if i == 0 {
                "Tue, 14 May 2019 17:01:53 +0200".to_string()
            } else {
                format!("2019-05-{:02} 5:01:53 +0200", i + 1)
            };
            std::fs::write(&path, format!("---\ntitle: x\ndate: {date}\n---\n")).unwrap();
            files.push((path, settings.clone()));
        }
        annotate(&mut files);
        let m = files[0].1.date_majority.unwrap();
        assert_eq!((m.shape, m.agreeing, m.total), (Shape::IsoSpace, 11, 12));
        assert!(files.iter().all(|(_, s)| Arc::ptr_eq(s, &files[0].1)));
        // Pinned: no count at all.
        let pinned = Arc::new(crate::testing::settings("[dates]\nformat = \"iso8601\"\n"));
        let mut files: Vec<_> = files
            .into_iter()
            .map(|(p, _)| (p, pinned.clone()))
            .collect();
        annotate(&mut files);
        assert!(files[0].1.date_majority.is_none());
    }
}
