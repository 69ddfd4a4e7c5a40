//! The date analyser: any string, both formats; ranges stay inside the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use postlint::date::{DateFormat, analyse};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for format in [DateFormat::Rfc2822, DateFormat::Iso8601] {
        let a = analyse(text, format);
        for f in &a.findings {
            assert!(f.range.start <= f.range.end && f.range.end <= text.len());
            assert!(text.is_char_boundary(f.range.start) && text.is_char_boundary(f.range.end));
        }
        // A canonical rendering analyses clean and round-trips.
        if let Some(canonical) = a.parsed.as_ref().and_then(|p| p.to_format(format)) {
            let again = analyse(&canonical, format);
            assert!(again.findings.is_empty(), "{canonical:?}: {:?}", again.findings);
            assert_eq!(again.parsed.and_then(|p| p.to_format(format)).as_deref(), Some(canonical.as_str()));
        }
    }
});
