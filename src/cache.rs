//! The incremental cache: each file's findings in `.postlint-cache/`, keyed by
//! the file's bytes, its path, the settings that apply and postlint's version,
//! so that an unchanged file is read and hashed but not parsed again. Each
//! entry carries a MAC with this machine's key ([`crate::cache_key`]): an
//! entry a pull request committed or doctored is ignored and recomputed.

use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};
use siphasher::sip128::{Hasher128, SipHasher13};

use crate::cache_key::{self, MachineKey};
use crate::config::Settings;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Label, Severity};
use crate::links::phase::{self, FileLinks};
use crate::lint::{self, FileReport};
use crate::post::read;
use crate::rules;

/// The cache folder's name, in the working folder.
pub const CACHE_DIR: &str = ".postlint-cache";

/// Bumped when the entry format changes, so old entries simply miss.
/// 2: a MAC line before the JSON.
const FORMAT: u32 = 2;

/// An entry larger than this is not read (a planted one could be huge).
const MAX_ENTRY_BYTES: u64 = 64 * 1024 * 1024;

/// The cache for one run. Reading and writing go wrong only quietly: the
/// file is linted afresh and `warnings` says what happened.
pub struct Cache {
    files: PathBuf,
    root: PathBuf,
    /// `None`: the cache is off for this run (no key, or a linked folder);
    /// `off_because` says why.
    key: Option<MachineKey>,
    off_because: Option<String>,
    /// Fingerprints of the settings met so far; holding the `Arc` keeps
    /// pointer identity meaningful for as long as the cache lives.
    fingerprints: Mutex<Vec<(Arc<Settings>, [u8; 16])>>,
    corrupt: AtomicUsize,
    first_corrupt: Mutex<Option<String>>,
    write_failed: AtomicBool,
    write_error: Mutex<Option<String>>,
    hits: AtomicUsize,
}

/// One cached report, as stored.
#[derive(Serialize, Deserialize)]
struct Entry {
    key: String,
    path: String,
    skipped: bool,
    diagnostics: Vec<StoredDiagnostic>,
}

#[derive(Serialize, Deserialize)]
struct StoredDiagnostic {
    code: String,
    severity: String,
    message: String,
    range: [usize; 2],
    label: Option<String>,
    labels: Vec<StoredLabel>,
    help: Option<String>,
    fix: Option<StoredFix>,
}

#[derive(Serialize, Deserialize)]
struct StoredLabel {
    range: [usize; 2],
    message: String,
}

#[derive(Serialize, Deserialize)]
struct StoredFix {
    title: String,
    safe: bool,
    edits: Vec<StoredEdit>,
    /// The fix changes the values or text it edits (`Changes::EditedValues`).
    #[serde(default)]
    changes_edited: bool,
}

#[derive(Serialize, Deserialize)]
struct StoredEdit {
    range: [usize; 2],
    content: String,
}

impl StoredDiagnostic {
    fn from(d: &Diagnostic) -> StoredDiagnostic {
        StoredDiagnostic {
            code: d.rule.code.to_string(),
            severity: d.severity.as_str().to_string(),
            message: d.message.clone(),
            range: [d.range.start, d.range.end],
            label: d.label.clone(),
            labels: d
                .labels
                .iter()
                .map(|l| StoredLabel {
                    range: [l.range.start, l.range.end],
                    message: l.message.clone(),
                })
                .collect(),
            help: d.help.clone(),
            fix: d.fix.as_ref().map(|f| StoredFix {
                title: f.title.clone(),
                safe: f.applicability == Applicability::Safe,
                changes_edited: f.changes == crate::diagnostic::Changes::EditedValues,
                edits: f
                    .edits
                    .iter()
                    .map(|e| StoredEdit {
                        range: [e.range.start, e.range.end],
                        content: e.content.clone(),
                    })
                    .collect(),
            }),
        }
    }

    /// The diagnostic, or why the stored one cannot be right for `source`.
    fn into_diagnostic(self, source: &str) -> Result<Diagnostic, String> {
        let rule =
            rules::lookup(&self.code).ok_or_else(|| format!("unknown rule {}", self.code))?;
        let severity = match self.severity.as_str() {
            "error" => Severity::Error,
            "warning" => Severity::Warning,
            other => return Err(format!("unknown severity {other}")),
        };
        let range = |r: [usize; 2]| {
            let ok = r[0] <= r[1]
                && r[1] <= source.len()
                && source.is_char_boundary(r[0])
                && source.is_char_boundary(r[1]);
            if ok {
                Ok(r[0]..r[1])
            } else {
                Err(format!("range {r:?} outside the file"))
            }
        };
        let labels = self
            .labels
            .into_iter()
            .map(|l| {
                Ok(Label {
                    range: range(l.range)?,
                    message: l.message,
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        let fix = match self.fix {
            None => None,
            Some(f) => Some(Fix {
                changes: if f.changes_edited {
                    crate::diagnostic::Changes::EditedValues
                } else {
                    crate::diagnostic::Changes::Nothing
                },
                title: f.title,
                applicability: if f.safe {
                    Applicability::Safe
                } else {
                    Applicability::Unsafe
                },
                edits: f
                    .edits
                    .into_iter()
                    .map(|e| {
                        Ok(Edit {
                            range: range(e.range)?,
                            content: e.content,
                        })
                    })
                    .collect::<Result<Vec<_>, String>>()?,
            }),
        };
        let mut d = Diagnostic::new(rule, range(self.range)?, self.message);
        d.severity = severity;
        d.label = self.label;
        d.labels = labels;
        d.help = self.help;
        d.fix = fix;
        Ok(d)
    }
}

fn hex(bytes: [u8; 16]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Feeds `bytes` with its length, so that adjacent fields cannot run together.
fn feed(h: &mut SipHasher13, bytes: &[u8]) {
    h.write_u64(bytes.len() as u64);
    h.write(bytes);
}

impl Cache {
    /// The cache in `root/.postlint-cache`; nothing is created until a write.
    /// Off (with a warning) when there is no key, or when the folder or its
    /// `files` folder is a symlink: a committed `.postlint-cache -> ~` must
    /// not get files written into its target.
    pub fn new(root: &Path) -> Cache {
        Cache::with_key(root, cache_key::machine_key().map_err(|e| e.to_string()))
    }

    /// [`Cache::new`] with a given key (tests), or why there is none.
    pub fn with_key(root: &Path, key: Result<MachineKey, String>) -> Cache {
        let root = root.join(CACHE_DIR);
        let files = root.join("files");
        let (key, off_because) = match key {
            _ if crate::safe_fs::is_symlink(&root) || crate::safe_fs::is_symlink(&files) => (
                None,
                Some(format!(
                    "{} is a symbolic link: not used; running without the cache",
                    root.display()
                )),
            ),
            Ok(k) => (Some(k), None),
            Err(why) => (None, Some(format!("{why}; running without the cache"))),
        };
        Cache {
            files,
            root,
            key,
            off_because,
            fingerprints: Mutex::new(Vec::new()),
            corrupt: AtomicUsize::new(0),
            first_corrupt: Mutex::new(None),
            write_failed: AtomicBool::new(false),
            write_error: Mutex::new(None),
            hits: AtomicUsize::new(0),
        }
    }

    /// What the settings contribute to a key: everything `Settings` is resolved from.
    fn fingerprint(&self, settings: &Arc<Settings>) -> [u8; 16] {
        if let Ok(known) = self.fingerprints.lock()
            && let Some((_, f)) = known.iter().find(|(s, _)| Arc::ptr_eq(s, settings))
        {
            return *f;
        }
        let mut h = SipHasher13::new();
        feed(
            &mut h,
            serde_json::to_string(&settings.config)
                .unwrap_or_default()
                .as_bytes(),
        );
        feed(&mut h, settings.root.as_os_str().as_encoded_bytes());
        let source = settings.source.as_deref().unwrap_or(Path::new(""));
        feed(&mut h, source.as_os_str().as_encoded_bytes());
        let f = h.finish128().as_bytes();
        if let Ok(mut known) = self.fingerprints.lock() {
            known.push((settings.clone(), f));
        }
        f
    }

    /// Lints `path` unless the cache holds its report for these bytes and settings.
    pub fn lint_file(
        &self,
        path: &Path,
        settings: &Arc<Settings>,
        now: jiff::Timestamp,
    ) -> FileReport {
        self.lint_file_inner(path, settings, now, None).0
    }

    /// [`Cache::lint_file`], plus the URLs the link phase must check. The
    /// cache holds findings, not URLs: on a hit they are extracted again,
    /// which parses the post but runs no rule.
    pub fn lint_file_with_links(
        &self,
        path: &Path,
        settings: &Arc<Settings>,
        now: jiff::Timestamp,
        request: &phase::Request,
    ) -> (FileReport, FileLinks) {
        self.lint_file_inner(path, settings, now, Some(request))
    }

    fn lint_file_inner(
        &self,
        path: &Path,
        settings: &Arc<Settings>,
        now: jiff::Timestamp,
        request: Option<&phase::Request>,
    ) -> (FileReport, FileLinks) {
        // Off, unreadable or too large: nothing worth caching.
        let readable = self
            .key
            .is_some()
            .then(|| read::read_capped(path, settings.config.files.max_file_size).ok());
        let Some(Some(bytes)) = readable else {
            return match request {
                Some(r) => lint::lint_file_with_links(path, settings, now, r),
                None => (lint::lint_file(path, settings, now), FileLinks::default()),
            };
        };
        let for_links = request.map(|r| (r, bytes.clone()));
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let shown_path = absolute.to_string_lossy().into_owned();
        let mut h = SipHasher13::new();
        h.write_u32(FORMAT);
        feed(&mut h, env!("CARGO_PKG_VERSION").as_bytes());
        h.write(&self.fingerprint(settings));
        feed(&mut h, absolute.as_os_str().as_encoded_bytes());
        feed(&mut h, path.as_os_str().as_encoded_bytes());
        feed(&mut h, &bytes);
        let key = hex(h.finish128().as_bytes());
        let entry_file = self.files.join(format!(
            "{}.json",
            hex(SipHasher13::new()
                .hash(absolute.as_os_str().as_encoded_bytes())
                .as_bytes())
        ));

        match self.load(&entry_file, &key, &shown_path, path, bytes) {
            Ok(report) => {
                self.hits.fetch_add(1, Ordering::Relaxed);
                let links = for_links
                    .map(|(r, bytes)| lint::links_of(path, bytes, settings, r))
                    .unwrap_or_default();
                (report, links)
            }
            Err(bytes) => {
                let (report, links) = match request {
                    Some(r) => lint::lint_bytes_with_links(path, bytes, settings, now, r),
                    None => (
                        lint::lint_bytes(path, bytes, settings, now),
                        FileLinks::default(),
                    ),
                };
                // A file that is not UTF-8 is shown from a lossy copy: not stored.
                let cacheable = !report.reads_other_files
                    && !report.diagnostics.iter().any(|d| {
                        // A volatile rule's finding depends on the clock (PL255);
                        // its absence cannot go stale: time only moves on.
                        d.rule.volatile || d.rule.code == rules::not_utf8::RULE.code
                    });
                if cacheable {
                    self.store(&entry_file, key, shown_path, &report);
                }
                (report, links)
            }
        }
    }

    /// The stored report, or the bytes back when there is none for this key.
    fn load(
        &self,
        entry_file: &Path,
        key: &str,
        shown_path: &str,
        path: &Path,
        bytes: Vec<u8>,
    ) -> Result<FileReport, Vec<u8>> {
        let Some(mac_key) = &self.key else {
            return Err(bytes);
        };
        // Not through a link, not a FIFO, not huge: the folder may be a pull request's.
        let Ok((file, _)) = crate::safe_fs::open_regular(entry_file, false) else {
            return Err(bytes);
        };
        let mut text = Vec::new();
        if std::io::Read::read_to_end(&mut std::io::Read::take(file, MAX_ENTRY_BYTES), &mut text)
            .is_err()
        {
            return Err(bytes);
        }
        let json = match verified(mac_key, entry_file, &text) {
            Some(json) => json,
            None => {
                self.discard(
                    entry_file,
                    "it fails its integrity check (not written by postlint on this machine)".into(),
                );
                return Err(bytes);
            }
        };
        let entry: Entry = match serde_json::from_slice(json) {
            Ok(e) => e,
            Err(e) => {
                self.discard(entry_file, e.to_string());
                return Err(bytes);
            }
        };
        if entry.key != key || entry.path != shown_path {
            return Err(bytes);
        }
        // Only UTF-8 files are stored (a not-UTF-8 finding has no check function).
        let source = match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => {
                self.discard(entry_file, "entry for a file that is not UTF-8".into());
                return Err(e.into_bytes());
            }
        };
        let mut diagnostics = Vec::with_capacity(entry.diagnostics.len());
        for d in entry.diagnostics {
            match d.into_diagnostic(&source) {
                Ok(d) => diagnostics.push(d),
                Err(why) => {
                    self.discard(entry_file, why);
                    return Err(source.into_bytes());
                }
            }
        }
        Ok(FileReport {
            path: path.to_path_buf(),
            source: if diagnostics.is_empty() {
                String::new()
            } else {
                source
            },
            diagnostics,
            skipped: entry.skipped,
            reads_other_files: false,
        })
    }

    fn discard(&self, entry_file: &Path, why: String) {
        self.corrupt.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut first) = self.first_corrupt.lock()
            && first.is_none()
        {
            *first = Some(format!("{}: {why}", entry_file.display()));
        }
        let _ = std::fs::remove_file(entry_file);
    }

    fn store(&self, entry_file: &Path, key: String, shown_path: String, report: &FileReport) {
        if self.write_failed.load(Ordering::Relaxed) {
            return;
        }
        let Some(mac_key) = &self.key else {
            return;
        };
        let entry = Entry {
            key,
            path: shown_path,
            skipped: report.skipped,
            diagnostics: report
                .diagnostics
                .iter()
                .map(StoredDiagnostic::from)
                .collect(),
        };
        if let Err(e) = self.write_entry(entry_file, &entry, mac_key) {
            self.write_failed.store(true, Ordering::Relaxed);
            if let Ok(mut slot) = self.write_error.lock() {
                slot.get_or_insert(format!(
                    "cannot write the cache in {}: {e}; continuing without it",
                    self.root.display()
                ));
            }
        }
    }

    /// Writes a temporary file and renames it, so that a reader never sees half an entry.
    fn write_entry(
        &self,
        entry_file: &Path,
        entry: &Entry,
        key: &MachineKey,
    ) -> std::io::Result<()> {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        if !self.files.is_dir() {
            std::fs::create_dir_all(&self.files)?;
            // Keep the cache out of git, and out of backups that honour the tag.
            // Never through a link planted where these files go.
            crate::safe_fs::write_no_follow(
                &self.root.join(".gitignore"),
                b"# Created by postlint.\n*\n",
            )?;
            crate::safe_fs::write_no_follow(
                &self.root.join("CACHEDIR.TAG"),
                b"Signature: 8a477f597d28d172789f06886806bc55\n\
                 # This file is a cache directory tag created by postlint.\n",
            )?;
        }
        let tmp = entry_file.with_extension(format!(
            "tmp.{}.{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let json = serde_json::to_vec(entry)?;
        let mut text = mac_of(key, entry_file, &json).into_bytes();
        text.push(b'\n');
        text.extend_from_slice(&json);
        // `create_new`: a link planted at the temp name is not written through.
        let written = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
            .and_then(|mut f| std::io::Write::write_all(&mut f, &text));
        written
            .and_then(|()| std::fs::rename(&tmp, entry_file))
            .inspect_err(|_| {
                let _ = std::fs::remove_file(&tmp);
            })
    }

    /// How many files were answered from the cache.
    pub fn hits(&self) -> usize {
        self.hits.load(Ordering::Relaxed)
    }

    /// What went wrong with the cache, for the command line to show.
    pub fn warnings(&self) -> Vec<String> {
        let mut out: Vec<String> = self.off_because.iter().cloned().collect();
        let corrupt = self.corrupt.load(Ordering::Relaxed);
        if corrupt > 0 {
            let first = self
                .first_corrupt
                .lock()
                .ok()
                .and_then(|f| f.clone())
                .unwrap_or_default();
            out.push(format!(
                "discarded {corrupt} corrupt cache {} (first: {first})",
                if corrupt == 1 { "entry" } else { "entries" }
            ));
        }
        if let Some(e) = self.write_error.lock().ok().and_then(|e| e.clone()) {
            out.push(e);
        }
        out
    }
}

/// The MAC of one entry: its format, its file name (so entries cannot be
/// swapped) and its JSON, under this machine's key.
fn mac_of(key: &MachineKey, entry_file: &Path, json: &[u8]) -> String {
    let name = entry_file.file_name().unwrap_or_default();
    key.mac_hex(&[&FORMAT.to_le_bytes(), name.as_encoded_bytes(), json])
}

/// The JSON of a stored entry if its MAC line is right, else `None`.
fn verified<'a>(key: &MachineKey, entry_file: &Path, text: &'a [u8]) -> Option<&'a [u8]> {
    let newline = text.iter().position(|&b| b == b'\n')?;
    let (mac, json) = (&text[..newline], &text[newline + 1..]);
    // Not constant-time: the attacker of a cache cannot time this comparison
    // over many tries, they commit one file and CI runs once.
    (mac == mac_of(key, entry_file, json).as_bytes()).then_some(json)
}

/// Removes the cache folder in `root`; whether there was one.
pub fn clean(root: &Path) -> std::io::Result<bool> {
    let dir = root.join(CACHE_DIR);
    match std::fs::remove_dir_all(&dir) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;
    use crate::testing::now;

    fn keyed(root: &Path) -> Cache {
        Cache::with_key(root, Ok(MachineKey::from_bytes([7; 16])))
    }

    fn settings(text: &str) -> Arc<Settings> {
        Arc::new(crate::testing::settings(text))
    }

    #[test]
    fn second_run_is_a_hit_with_the_same_report() {
        let dir = tempfile::tempdir().unwrap();
        let post = dir.path().join("_posts/a.html");
        std::fs::create_dir_all(post.parent().unwrap()).unwrap();
        std::fs::write(
            &post,
            "---\ntitle: x\ndate: Mon, 14 May 2019 17:01:53 GMT  \n---\n",
        )
        .unwrap();
        let s = settings("");
        let first = keyed(dir.path()).lint_file(&post, &s, now());
        let cache = keyed(dir.path());
        let second = cache.lint_file(&post, &s, now());
        assert_eq!(cache.hits(), 1);
        assert!(cache.warnings().is_empty());
        let show = |r: &FileReport| format!("{:?}", r.diagnostics);
        assert_eq!(show(&first), show(&second));
        assert_eq!(first.source, second.source);
        assert!(dir.path().join(".postlint-cache/.gitignore").is_file());

        // Other settings: a miss.
        let other = settings("[rules]\nignore = [\"PL107\"]\n");
        let c = keyed(dir.path());
        let third = c.lint_file(&post, &other, now());
        assert_eq!(c.hits(), 0);
        assert!(third.diagnostics.iter().all(|d| d.code() != "PL107"));
    }

    #[test]
    fn corrupt_and_doctored_entries_are_discarded() {
        let dir = tempfile::tempdir().unwrap();
        let post = dir.path().join("a.html");
        std::fs::write(
            &post,
            "---\ntitle: x\ndate: Mon, 14 May 2019 17:01:53 +0200\n---\n",
        )
        .unwrap();
        let s = settings("[files]\nrequire-front-matter = \"always\"\n");
        keyed(dir.path()).lint_file(&post, &s, now());
        let files = dir.path().join(".postlint-cache/files");
        let entry = std::fs::read_dir(&files)
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        let text = std::fs::read_to_string(&entry).unwrap();
        for bad in [
            "{not json".to_string(),
            text.replace("\"PL251\"", "\"PL999\""),
            text.replace("\"range\":[", "\"range\":[9999,"),
        ] {
            std::fs::write(&entry, bad).unwrap();
            let cache = keyed(dir.path());
            let r = cache.lint_file(&post, &s, now());
            assert_eq!(r.diagnostics[0].code(), "PL251");
            assert_eq!(cache.hits(), 0);
            assert!(
                cache.warnings()[0].starts_with("discarded 1 corrupt cache entry"),
                "{:?}",
                cache.warnings()
            );
        }
        // Rewritten: the next run hits.
        let cache = keyed(dir.path());
        cache.lint_file(&post, &s, now());
        assert_eq!(cache.hits(), 1);
        assert!(clean(dir.path()).unwrap());
        assert!(!clean(dir.path()).unwrap());
    }

    #[test]
    fn future_dates_are_not_stored() {
        let dir = tempfile::tempdir().unwrap();
        let post = dir.path().join("_posts/a.html");
        std::fs::create_dir_all(post.parent().unwrap()).unwrap();
        std::fs::write(
            &post,
            "---\ntitle: x\ndate: Tue, 14 May 2030 17:01:53 +0200\n---\n",
        )
        .unwrap();
        let cache = keyed(dir.path());
        let r = cache.lint_file(&post, &settings(""), now());
        assert_eq!(r.diagnostics[0].code(), "PL255");
        assert!(!dir.path().join(".postlint-cache").exists());
    }
}
