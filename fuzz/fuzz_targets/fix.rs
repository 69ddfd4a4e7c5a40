//! The fixer: its output re-parses, keeps front matter that parsed parseable,
//! and is idempotent.
#![no_main]

use std::path::{Path, PathBuf};

use libfuzzer_sys::fuzz_target;
use postlint::config::{Config, Settings};
use postlint::fix::{FixOptions, fix_bytes};

fuzz_target!(|data: &[u8]| {
    let settings = Settings::resolve(Config::default(), None, PathBuf::from("/")).expect("defaults");
    let now = jiff::Timestamp::UNIX_EPOCH;
    let path = Path::new("_posts/2019-05-14-a.html");
    for unsafe_fixes in [false, true] {
        let opts = FixOptions { unsafe_fixes };
        let first = fix_bytes(path, data.to_vec(), &settings, now, opts);
        let Some(fixed) = first.fixed else { continue };
        let before = postlint::post::Post::parse(path.into(), String::from_utf8_lossy(data).into_owned(), 65536);
        let after = postlint::post::Post::parse(path.into(), fixed.clone(), 65536);
        if before.mapping().is_some() {
            assert!(after.mapping().is_some(), "front matter broke:\n{fixed}");
        }
        if first.unconverged.is_empty() {
            let second = fix_bytes(path, fixed.clone().into_bytes(), &settings, now, opts);
            assert!(second.fixed.is_none(), "not idempotent:\n{fixed:?}\n{:?}", second.fixed);
        }
    }
});
