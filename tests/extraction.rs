//! Resource extraction over every fixture: each URL's byte span, sliced from
//! the file, is the value as written, and reads as the URL a parser sees.

use std::collections::BTreeMap;
use std::path::PathBuf;

use postlint::post::{BodyFormat, Post};
use postlint::resources::{self, Resource, ResourceKind, WrittenIn};
use postlint::walk::{self, ConfigSource};

/// What a Markdown renderer reads for a destination as written.
fn markdown_unescape(written: &str) -> String {
    let mut out = String::new();
    let mut chars = written.chars().peekable();
    while let Some(c) = chars.next() {
        match chars.peek() {
            Some(&n) if c == '\\' && n.is_ascii_punctuation() => {
                out.push(n);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    postlint::html::decode_references(&out, false)
        .0
        .into_owned()
}

struct Fixture {
    path: PathBuf,
    post: Post,
    resources: Vec<Resource>,
}

fn fixtures() -> Vec<Fixture> {
    let mut configs = ConfigSource::discover(Vec::new(), Vec::new());
    let found = walk::discover(&[PathBuf::from("fixtures")], &mut configs).unwrap();
    let mut out = Vec::new();
    for (path, settings) in &found.files {
        let Ok(source) = String::from_utf8(std::fs::read(path).unwrap()) else {
            continue; // the not-UTF-8 fixture
        };
        let post = Post::parse(path.clone(), source, usize::MAX);
        let resources = resources::extract(&post, settings);
        out.push(Fixture {
            path: path.clone(),
            post,
            resources,
        });
    }
    out
}

#[test]
fn every_span_is_the_value_as_written() {
    let mut verified = 0;
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    let all = fixtures();
    for f in &all {
        let src = &f.post.source;
        let crlf = src.contains("\r\n");
        for r in &f.resources {
            let name = f.path.display();
            assert!(r.exact, "{name}: inexact span for {r:?}");
            let slice = &src[r.span];
            assert_eq!(slice, r.written, "{name}: {r:?}");
            let read = match &r.written_in {
                WrittenIn::Html { .. } => postlint::html::decode_references(slice, true)
                    .0
                    .into_owned(),
                WrittenIn::Markdown => markdown_unescape(slice),
                // A template argument is taken as written (escapes make it inexact).
                WrittenIn::FrontMatter { .. } | WrittenIn::Template { .. } => slice.to_string(),
            };
            let url = r
                .url
                .strip_prefix("mailto:")
                .filter(|_| !slice.starts_with("mailto:"));
            assert_eq!(read, url.unwrap_or(&r.url), "{name}: {r:?}");
            verified += 1;
            let context = &src[r.context];
            let mut note = |k| *seen.entry(k).or_default() += 1;
            if slice.contains("&amp;") {
                note("entity");
            }
            if crlf {
                note("crlf");
            }
            if context.contains('\n') && matches!(r.written_in, WrittenIn::Html { .. }) {
                note("multi-line tag");
            }
            if matches!(&r.written_in, WrittenIn::Html { attribute, .. } if attribute.contains("srcset"))
            {
                note("srcset");
            }
            if r.written_in == WrittenIn::Markdown && r.kind == ResourceKind::Image {
                note("markdown image");
            }
            if r.written_in == WrittenIn::Markdown
                && !(r.context.start..r.context.end).contains(&r.span.start)
            {
                note("reference definition");
            }
            if matches!(r.written_in, WrittenIn::FrontMatter { .. }) {
                note("front matter");
            }
        }
    }
    for kind in [
        "entity",
        "crlf",
        "multi-line tag",
        "srcset",
        "markdown image",
        "reference definition",
        "front matter",
    ] {
        assert!(
            seen.get(kind).copied().unwrap_or(0) > 0,
            "no fixture covers {kind}: {seen:?}"
        );
    }
    assert!(verified >= 35, "only {verified} spans");
    println!(
        "extraction: {verified} spans verified over {} fixtures ({seen:?})",
        all.len()
    );
}

/// The seed post's `feature_image`, exactly.
#[test]
fn seed_feature_image() {
    let all = fixtures();
    let seed = all
        .iter()
        .find(|f| {
            f.path
                .ends_with("2019-05-14-huawei-wil-niet-spioneren.html")
        })
        .unwrap();
    let url = "https://nos.nl/data/image/2019/05/14/549891/1008x567.jpg";
    let image = seed
        .resources
        .iter()
        .find(|r| {
            r.written_in
                == WrittenIn::FrontMatter {
                    key: "feature_image".into(),
                }
        })
        .unwrap();
    let start = seed.post.source.find(url).unwrap();
    assert_eq!(image.span, start..start + url.len());
    assert_eq!(image.kind, ResourceKind::Image);
    assert_eq!(image.resolved.as_deref(), Some(url));
    let link = seed
        .resources
        .iter()
        .find(|r| r.kind == ResourceKind::Link)
        .unwrap();
    assert_eq!(link.written, "https://nos.nl/l/2284599");
}

/// An independent parser (html5ever, through scraper) finds the same URL
/// attribute values in every HTML fixture.
#[test]
fn html_values_agree_with_html5ever() {
    let selector = scraper::Selector::parse("img[src], a[href], video[poster]").unwrap();
    for f in fixtures() {
        if f.post.format != BodyFormat::Html {
            continue;
        }
        let dom = scraper::Html::parse_fragment(f.post.body_text());
        let mut theirs: Vec<String> = dom
            .select(&selector)
            .filter_map(|e| {
                let v = e.value();
                v.attr("src")
                    .or(v.attr("href"))
                    .or(v.attr("poster"))
                    .map(str::to_string)
            })
            .collect();
        let mut ours: Vec<String> = f
            .resources
            .iter()
            .filter(|r| {
                matches!(&r.written_in, WrittenIn::Html { attribute, element }
                    if ["src", "href", "poster"].contains(&attribute.as_str()) && element != "link")
            })
            .map(|r| r.url.clone())
            .collect();
        theirs.sort();
        ours.sort();
        assert_eq!(ours, theirs, "{}", f.path.display());
    }
}
