//! Mojibake detection and repair: runs are inside the text, repairs never
//! grow, and a repair is what the damaged bytes decode to.
#![no_main]

use libfuzzer_sys::fuzz_target;
use postlint::text::mojibake::{self, Damage};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for entities in [false, true] {
        let mut runs = Vec::new();
        mojibake::scan(text, (0..text.len()).into(), entities, &mut runs);
        let mut last_end = 0;
        for r in &runs {
            assert!(r.range.start >= last_end && r.range.end <= text.len(), "{r:?}");
            assert!(text.is_char_boundary(r.range.start) && text.is_char_boundary(r.range.end));
            // Only a C1 control (2 bytes) grows, into its punctuation (3).
            let bound = if r.damage == Damage::C1 { 3 } else { r.range.len() };
            assert!(r.repaired.len() <= bound, "repair grew: {r:?}");
            last_end = r.range.end;
            // Without entities or lost bytes, re-encoding the repair as
            // Windows-1252 mojibake gives back the damaged text (round trip).
            if !entities && r.exact && matches!(r.damage, Damage::Windows1252) {
                let damaged = &text[r.range.clone()];
                let (again, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(r.repaired.as_bytes());
                let gaps_ascii = damaged.chars().filter(|c| c.is_ascii()).count() == r.repaired.chars().filter(|c| c.is_ascii()).count();
                if gaps_ascii {
                    assert_eq!(again, damaged, "{r:?}");
                }
            }
        }
    }
});
