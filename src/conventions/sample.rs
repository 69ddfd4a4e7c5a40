//! One file read for `postlint init`: the [`Sample`] of its front matter
//! and body, parsed the way `check` parses it.

use std::path::Path;

use serde_yaml::Value;

use super::infer::{DateForm, Sample};
use crate::config::Settings;
use crate::post::{FrontMatterKind, Post};
use crate::rules::Context;

/// The sample of the file at `path`, or `None` when it has no front matter
/// that parsed (nothing to learn a convention from).
pub fn of_file(path: &Path, settings: &Settings, now: jiff::Timestamp) -> Option<Sample> {
    let bytes = crate::post::read::read_capped(path, settings.config.files.max_file_size).ok()?;
    let post = Post::of_bytes(path, bytes, settings)?;
    of_post(&post, settings, now)
}

/// The sample of a parsed post.
pub fn of_post(post: &Post, settings: &Settings, now: jiff::Timestamp) -> Option<Sample> {
    let fm = post.front_matter.as_ref()?;
    let mapping = fm.mapping.as_ref()?;
    let mut keys: Vec<String> = fm.entries.iter().map(|e| e.key.clone()).collect();
    if keys.len() != mapping.len() {
        keys = mapping
            .keys()
            .filter_map(|k| k.as_str().map(String::from))
            .collect();
    }
    let strings = mapping
        .iter()
        .filter_map(|(k, v)| {
            let k = k.as_str()?;
            let values = match v {
                Value::String(s) => vec![s.clone()],
                Value::Sequence(items) => items
                    .iter()
                    .filter_map(|i| i.as_str().map(String::from))
                    .collect(),
                _ => return None,
            };
            Some((k.to_string(), values))
        })
        .collect();
    let date_key = settings.config.dates.key.as_str();
    let date = mapping
        .get(date_key)
        .filter(|v| !matches!(v, Value::Null | Value::Sequence(_) | Value::Mapping(_)))
        .and_then(|_| fm.entries.iter().find(|e| e.key == date_key))
        .and_then(|e| e.value_span.get(&post.source))
        .map(|text| DateForm::of(text.trim().trim_matches(['"', '\''])));
    let ctx = Context::new(post, settings, now);
    let post_kind = crate::rules::missing_required_key::is_post(&ctx);
    let body_post = settings.is_post(&post.path);
    let (first_heading, top_used, embeds) = if body_post {
        let body = ctx.body();
        let headings = body.headings();
        let first = headings.first().map(|h| h.level);
        let top = headings.iter().map(|h| h.level).min();
        // The site's own list, else the strict one PL306 uses when named.
        let known: Vec<&str> = match settings.config.html.disallowed_elements.as_deref() {
            Some(list) => list.iter().map(String::as_str).collect(),
            None => crate::config::STRICT_DISALLOWED_ELEMENTS.to_vec(),
        };
        let embeds = body
            .html
            .tags()
            .filter_map(|(_, t)| {
                known
                    .iter()
                    .find(|d| d.eq_ignore_ascii_case(&t.name))
                    .map(|d| d.to_string())
            })
            .collect();
        (first, top, embeds)
    } else {
        (None, None, Default::default())
    };
    Some(Sample {
        ordered: fm.kind == FrontMatterKind::Yaml && fm.entries.len() == mapping.len(),
        keys,
        post: post_kind,
        strings,
        date,
        body_post,
        first_heading,
        top_used,
        embeds,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_post_as_init_sees_it() {
        let settings = crate::testing::settings("");
        let post = crate::testing::post_at(
            "_posts/2019-05-14-a.md",
            "---\nlayout: post\ntitle: \"Huis\"\ndate: '2019-05-14 17:01:53 +0200'\ntags: [a, b, 3]\n---\n\n## Kop\n\n<iframe src=\"https://x\"></iframe>\n",
        );
        let s = of_post(&post, &settings, crate::testing::now()).unwrap();
        assert_eq!(s.keys, ["layout", "title", "date", "tags"]);
        assert!(s.ordered && s.post && s.body_post);
        assert_eq!(s.date, Some(DateForm::OtherIso));
        assert_eq!((s.first_heading, s.top_used), (Some(2), Some(2)));
        assert_eq!(s.embeds.iter().collect::<Vec<_>>(), ["iframe"]);
        assert!(
            s.strings
                .contains(&("tags".to_string(), vec!["a".to_string(), "b".to_string()]))
        );
        let none = crate::testing::post_at("a.md", "no front matter\n");
        assert!(of_post(&none, &settings, crate::testing::now()).is_none());
    }
}
