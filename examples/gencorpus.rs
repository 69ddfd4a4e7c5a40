//! Writes a corpus of posts shaped like the seed post, with a known fraction
//! of injected faults and a labels file, so speed and accuracy are measured
//! on the same data.
//!
//! `cargo run --release --example gencorpus -- OUT N [--seed S] [--faults F]`
//! writes OUT/_posts/*.html and OUT/labels.tsv (file, fault, expected code);
//! F is the fraction of posts with one injected fault (default 0.1).

use std::fmt::Write as _;
use std::path::PathBuf;

/// A small deterministic generator (SplitMix64): the corpus depends on the seed only.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const WORDS: &[&str] = &[
    "het",
    "de",
    "een",
    "van",
    "en",
    "in",
    "is",
    "dat",
    "op",
    "te",
    "zijn",
    "met",
    "voor",
    "niet",
    "bedrijf",
    "overheid",
    "financiële",
    "coördinatie",
    "ministerie",
    "één",
    "ideeën",
    "café",
    "naïef",
    "reünie",
    "België",
    "Zürich",
    "zeeën",
    "geëvalueerd",
    "netwerk",
    "aanleg",
    "telecombedrijf",
    "spionage",
    "conferentie",
    "bondgenoten",
    "technologie",
    "dataverkeer",
    "regering",
    "Peking",
    "Londen",
    "contracten",
    "verzoek",
    "uitlevering",
    "sancties",
    "economische",
    "factoren",
    "miljarden",
    "internetveiligheid",
    "beschuldiging",
];
const CATEGORIES: &[&str] = &["nieuws", "achtergrond", "opinie"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// The faults, each with the rule code that must find it.
const FAULTS: &[(&str, &str)] = &[
    ("mojibake", "PL101"),
    ("wrong-weekday", "PL251"),
    ("impossible-day", "PL252"),
    ("bad-zone", "PL253"),
    ("missing-key", "PL202"),
    ("unclosed-tag", "PL301"),
];

fn sentence(rng: &mut Rng) -> String {
    let n = 8 + rng.below(14);
    let mut s = String::new();
    for i in 0..n {
        let w = rng.pick(WORDS);
        if i == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                s.extend(f.to_uppercase());
                s.push_str(c.as_str());
            }
        } else {
            s.push(' ');
            s.push_str(w);
        }
    }
    s.push('.');
    s
}

fn paragraph(rng: &mut Rng) -> String {
    let n = 3 + rng.below(4);
    (0..n).map(|_| sentence(rng)).collect::<Vec<_>>().join(" ")
}

/// UTF-8 read as Windows-1252.
fn damage(s: &str) -> String {
    encoding_rs::WINDOWS_1252
        .decode_without_bom_handling(s.as_bytes())
        .0
        .into_owned()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: gencorpus OUT N [--seed S] [--faults F]";
    let (Some(out), Some(n)) = (
        args.first(),
        args.get(1).and_then(|n| n.parse::<usize>().ok()),
    ) else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
    };
    let seed: u64 = flag("--seed").and_then(|s| s.parse().ok()).unwrap_or(1);
    let fault_rate: f64 = flag("--faults").and_then(|s| s.parse().ok()).unwrap_or(0.1);
    let posts = PathBuf::from(out).join("_posts");
    if let Err(e) = std::fs::create_dir_all(&posts) {
        eprintln!("cannot create {}: {e}", posts.display());
        std::process::exit(2);
    }
    let mut rng = Rng(seed);
    let mut labels = String::from("file\tfault\tcode\n");
    let mut bytes = 0usize;
    for i in 0..n {
        // Dates from 2010 to 2025, at any time, with the zone the date had.
        let date = jiff::civil::date(2010, 1, 1)
            .checked_add(jiff::Span::new().days(rng.below(16 * 365) as i64))
            .unwrap_or(jiff::civil::date(2019, 5, 14));
        let (h, m, s) = (rng.below(24), rng.below(60), rng.below(60));
        let zone = if rng.chance(0.5) { "+0200" } else { "+0100" };
        let weekday = WEEKDAYS[date.weekday().to_monday_zero_offset() as usize];
        let slug = format!("{}-{}-{i}", rng.pick(WORDS), rng.pick(WORDS)).to_lowercase();
        let name = format!("{date}-{slug}.html");
        let fault = rng
            .chance(fault_rate)
            .then(|| FAULTS[rng.below(FAULTS.len())]);
        let mut date_text = format!(
            "{weekday}, {:02} {} {} {h:02}:{m:02}:{s:02} {zone}",
            date.day(),
            MONTHS[date.month() as usize - 1],
            date.year()
        );
        let mut title = sentence(&mut rng);
        title.pop();
        let mut body = String::new();
        let paragraphs = 5 + rng.below(6);
        for p in 0..paragraphs {
            if p == paragraphs / 2 {
                let _ = writeln!(body, "<h2>{}</h2>", rng.pick(WORDS));
            }
            let _ = writeln!(body, "<p>{}</p>", paragraph(&mut rng));
        }
        let mut has_title = true;
        match fault.map(|f| f.0) {
            Some("mojibake") => {
                body = body
                    .replacen("financiële", &damage("financiële"), 1)
                    .replacen("café", &damage("café"), 1)
            }
            Some("wrong-weekday") => {
                let wrong = WEEKDAYS[(date.weekday().to_monday_zero_offset() as usize + 1) % 7];
                date_text = date_text.replacen(weekday, wrong, 1);
            }
            Some("impossible-day") => {
                date_text = format!(
                    "{weekday}, 31 Jun {} {h:02}:{m:02}:{s:02} {zone}",
                    date.year()
                )
            }
            Some("bad-zone") => date_text = date_text.replace(zone, "CEST"),
            Some("missing-key") => has_title = false,
            Some(_) => body.push_str("<p>Een alinea met een <b>open tag.</p>\n"),
            None => {}
        }
        // Make sure a mojibake fault really is in the text.
        let fault = match fault {
            Some(("mojibake", _)) if !body.contains('Ã') => {
                body.push_str(&format!("<p>De {} topvrouw.</p>\n", damage("financiële")));
                fault
            }
            other => other,
        };
        let mut text = String::from("---\nlayout: post\n");
        if has_title {
            let _ = writeln!(text, "title: \"{title}\"");
        }
        let _ = writeln!(text, "date: {date_text}");
        let _ = writeln!(text, "category: {}", rng.pick(CATEGORIES));
        let _ = writeln!(
            text,
            "externe_link: \"https://example.nl/l/{}\"",
            2_000_000 + i
        );
        let _ = writeln!(
            text,
            "feature_image: \"https://example.nl/data/image/{}/{:02}/{:02}/{}/1008x567.jpg\"",
            date.year(),
            date.month(),
            date.day(),
            500_000 + i
        );
        text.push_str("---\n\n");
        text.push_str(&body);
        bytes += text.len();
        if let Err(e) = std::fs::write(posts.join(&name), text) {
            eprintln!("cannot write {name}: {e}");
            std::process::exit(2);
        }
        if let Some((kind, code)) = fault {
            let _ = writeln!(labels, "_posts/{name}\t{kind}\t{code}");
        }
    }
    if let Err(e) = std::fs::write(PathBuf::from(out).join("labels.tsv"), labels) {
        eprintln!("cannot write labels: {e}");
        std::process::exit(2);
    }
    println!(
        "wrote {n} posts, {:.1} MB, to {}",
        bytes as f64 / 1e6,
        posts.display()
    );
}
