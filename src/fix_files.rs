//! The fix-and-write driver: fixes many files in parallel and, when asked,
//! writes each one atomically. It returns what happened to each file and
//! prints nothing; the command line decides what to say.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Settings;
use crate::fix::{self, FixOptions, FixResult};
use crate::post::read;
use crate::write::{self, WriteError};

/// What happened to one file.
#[derive(Debug)]
pub struct FileOutcome {
    pub result: FixResult,
    /// The bytes as read (empty when the file could not be read), for a diff.
    pub original: Vec<u8>,
    /// Why the fixed text was not written, when writing was asked for.
    pub write_error: Option<WriteError>,
}

/// Fixes `files` in parallel, in their order. With `write`, each changed
/// file is written atomically (and each real file is fixed once, under one
/// of its names); without, nothing on disk changes.
pub fn fix_files(
    files: &[(PathBuf, Arc<Settings>)],
    now: jiff::Timestamp,
    opts: FixOptions,
    write: bool,
) -> Vec<FileOutcome> {
    let deduped;
    let files = if write {
        deduped = one_name_per_file(files);
        // A killed run's temp files sit next to the files it was fixing.
        let dirs: std::collections::BTreeSet<&Path> = deduped
            .iter()
            .filter_map(|(p, _)| p.parent())
            .map(|d| {
                if d.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    d
                }
            })
            .collect();
        write::remove_leftovers(dirs, std::time::SystemTime::now());
        &deduped[..]
    } else {
        files
    };
    files
        .par_iter()
        .map(|(path, settings)| fix_one(path, settings, now, opts, write))
        .collect()
}

fn fix_one(
    path: &Path,
    settings: &Settings,
    now: jiff::Timestamp,
    opts: FixOptions,
    write: bool,
) -> FileOutcome {
    let (original, seen) =
        match read::read_capped_with_meta(path, settings.config.files.max_file_size) {
            Ok((bytes, meta)) => (bytes, Some(meta)),
            Err(_) => (Vec::new(), None),
        };
    let result = if original.is_empty() {
        fix::fix_file(path, settings, now, opts)
    } else {
        fix::fix_bytes(path, original.clone(), settings, now, opts)
    };
    let write_error = match (&result.fixed, write, &seen) {
        (Some(text), true, Some(seen)) => {
            write::write_atomic(path, &original, seen, text.as_bytes()).err()
        }
        (Some(_), true, None) => Some(WriteError::ChangedOnDisk),
        _ => None,
    };
    FileOutcome {
        result,
        original,
        write_error,
    }
}

/// `files` with each real file once: two names of one file (a link and its
/// target, a linked folder) fixed at once would race, and one would fail.
fn one_name_per_file(files: &[(PathBuf, Arc<Settings>)]) -> Vec<(PathBuf, Arc<Settings>)> {
    use std::os::unix::fs::MetadataExt;
    let mut seen = std::collections::HashSet::new();
    files
        .iter()
        .filter(|(path, _)| match std::fs::metadata(path) {
            Ok(m) => seen.insert((m.dev(), m.ino())),
            Err(_) => true,
        })
        .cloned()
        .collect()
}
