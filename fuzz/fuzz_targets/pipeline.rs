//! The whole post pipeline: any bytes, as an HTML and as a Markdown post,
//! then the human output (excerpts, windows of long lines, escaping).
//! Run with `-dict=dicts/pipeline.dict` (non-ASCII URLs, paths, ids, keys).
#![no_main]

use std::path::{Path, PathBuf};

use libfuzzer_sys::fuzz_target;
use postlint::config::{Config, Settings};

fuzz_target!(|data: &[u8]| {
    let settings = Settings::resolve(Config::default(), None, PathBuf::from("/")).expect("defaults");
    let now = jiff::Timestamp::UNIX_EPOCH;
    for name in ["_posts/2019-05-14-a.html", "_posts/2019-05-14-a.md"] {
        let report = postlint::lint::Linter::new(&settings, now).lint(Path::new(name), data.to_vec()).report;
        for d in &report.diagnostics {
            // Every span is inside the text shown with it, on character boundaries.
            if !report.source.is_empty() {
                assert!(d.range.start <= d.range.end);
                if d.rule.code != "PL102" {
                    assert!(d.range.end <= report.source.len(), "{d:?}");
                    assert!(report.source.is_char_boundary(d.range.start) && report.source.is_char_boundary(d.range.end));
                }
            }
        }
        let reports = [report];
        let summary = postlint::output::Summary::of(&reports);
        let options = postlint::output::human::HumanOptions { color: false, width: 80 };
        let mut out = Vec::new();
        postlint::output::human::write(&mut out, &reports, &summary, options, false).expect("human output");
        let text = String::from_utf8(out).expect("UTF-8 output");
        // Escaped: no control character but the line breaks reaches a terminal.
        assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text:?}");
    }
});
