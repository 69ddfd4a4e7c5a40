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
use crate::diagnostic::Diagnostic;
use crate::lint::FileReport;
use crate::lint::site_pass::PageFacts;
use crate::span::Span;

/// The cache folder's name, in the working folder.
pub const CACHE_DIR: &str = ".postlint-cache";

/// Bumped when the entry format changes, so old entries simply miss.
/// 2: a MAC line before the JSON. 3: diagnostics as `Diagnostic` serializes.
/// 4: the images the convention gate counts, the date form PL258 compares,
/// the page's facts for the site pass.
const FORMAT: u32 = 4;

/// What the MAC line covers besides the name and the JSON. Unchanged since
/// format 2: an entry of an older format still verifies, and then misses on
/// its key instead of being reported as corrupt.
const MAC_FORMAT: u32 = 2;

/// An entry larger than this is not read (a planted one could be huge).
const MAX_ENTRY_BYTES: u64 = 64 * 1024 * 1024;

/// Whether `report` may be stored: it depends on nothing but the file's
/// bytes, path and settings, and shows the file's own text. A volatile
/// rule's finding depends on the clock (PL255); its absence cannot go
/// stale: time only moves on.
pub fn cacheable(report: &FileReport) -> bool {
    !report.reads_other_files
        && !report.lossy_source
        && !report.diagnostics.iter().any(|d| d.rule.volatile)
}

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

/// Where one file's report is stored and what it must match.
#[derive(Debug, Clone)]
pub struct Key {
    path: PathBuf,
    entry_file: PathBuf,
    /// The hash of the format, version, settings, path and bytes.
    key: String,
    shown_path: String,
}

/// One cached report, as stored.
#[derive(Deserialize)]
struct Entry {
    key: String,
    path: String,
    skipped: bool,
    diagnostics: Vec<Diagnostic>,
    images: usize,
    date_shape: Option<crate::date::Shape>,
    page: Option<StoredPage>,
}

/// A page's [`PageFacts`] as stored, so that a hit hands the site pass
/// what a fresh run would without parsing the file again.
#[derive(Serialize, Deserialize)]
struct StoredPage {
    site: PathBuf,
    scope: String,
    url: Option<(String, String)>,
    url_span: [usize; 2],
    title: Option<(String, [usize; 2])>,
    day: Option<String>,
    lang: String,
    section: String,
    len: usize,
}

impl From<&PageFacts> for StoredPage {
    fn from(p: &PageFacts) -> StoredPage {
        let span = |s: Span| [s.start, s.end];
        StoredPage {
            site: p.site.clone(),
            scope: p.scope.clone(),
            url: p.url.clone(),
            url_span: span(p.url_span),
            title: p.title.as_ref().map(|(t, s)| (t.clone(), span(*s))),
            day: p.day.clone(),
            lang: p.lang.clone(),
            section: p.section.clone(),
            len: p.len,
        }
    }
}

impl StoredPage {
    /// The facts, when their spans fit the file's `len` bytes.
    fn facts(self, len: usize) -> Option<PageFacts> {
        let span =
            |[start, end]: [usize; 2]| (start <= end && end <= len).then(|| Span::new(start, end));
        let title = match self.title {
            Some((t, s)) => Some((t, span(s)?)),
            None => None,
        };
        Some(PageFacts {
            site: self.site,
            scope: self.scope,
            url: self.url,
            url_span: span(self.url_span)?,
            title,
            day: self.day,
            lang: self.lang,
            section: self.section,
            len: self.len,
        })
    }
}

/// An [`Entry`] as written, borrowing the report.
#[derive(Serialize)]
struct EntryRef<'a> {
    key: &'a str,
    path: &'a str,
    skipped: bool,
    diagnostics: &'a [Diagnostic],
    images: usize,
    date_shape: Option<crate::date::Shape>,
    page: Option<StoredPage>,
}

/// The part of an entry that says whom it is for, readable in any format.
#[derive(Deserialize)]
struct Head {
    key: String,
}

/// Why a stored diagnostic cannot be right for `source`, if it cannot.
fn misfit(d: &Diagnostic, source: &str) -> Option<String> {
    let fits = |r: &Span| {
        r.start <= r.end
            && r.end <= source.len()
            && source.is_char_boundary(r.start)
            && source.is_char_boundary(r.end)
    };
    let ranges = std::iter::once(&d.range)
        .chain(d.labels.iter().map(|l| &l.range))
        .chain(d.fix.iter().flat_map(|f| f.edits.iter().map(|e| &e.range)));
    for r in ranges {
        if !fits(r) {
            return Some(format!("range {:?} outside the file", [r.start, r.end]));
        }
    }
    None
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
        // The generator's config decides what a post needs (dates from
        // file names, front matter defaults) and where its images are.
        if let Some(site) = &settings.site {
            feed(
                &mut h,
                serde_json::to_string(&**site)
                    .unwrap_or_default()
                    .as_bytes(),
            );
            feed(
                &mut h,
                serde_json::to_string(&site.raw)
                    .unwrap_or_default()
                    .as_bytes(),
            );
        }
        // The site's date majority decides PL258: a new majority is a new key.
        feed(
            &mut h,
            serde_json::to_string(&settings.date_majority)
                .unwrap_or_default()
                .as_bytes(),
        );
        let f = h.finish128().as_bytes();
        if let Ok(mut known) = self.fingerprints.lock() {
            known.push((settings.clone(), f));
        }
        f
    }

    /// The key of the report of `path` with these bytes under these
    /// settings; `None` when the cache is off.
    pub fn key(&self, path: &Path, settings: &Arc<Settings>, bytes: &[u8]) -> Option<Key> {
        self.key.as_ref()?;
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let shown_path = absolute.to_string_lossy().into_owned();
        let mut h = SipHasher13::new();
        h.write_u32(FORMAT);
        feed(&mut h, env!("CARGO_PKG_VERSION").as_bytes());
        h.write(&self.fingerprint(settings));
        feed(&mut h, absolute.as_os_str().as_encoded_bytes());
        feed(&mut h, path.as_os_str().as_encoded_bytes());
        feed(&mut h, bytes);
        let key = hex(h.finish128().as_bytes());
        let entry_file = self.files.join(format!(
            "{}.json",
            hex(SipHasher13::new()
                .hash(absolute.as_os_str().as_encoded_bytes())
                .as_bytes())
        ));
        Some(Key {
            path: path.to_path_buf(),
            entry_file,
            key,
            shown_path,
        })
    }

    /// The stored report for `key`, whose file has `bytes`, and the page's
    /// facts for the site pass; `None` on a miss.
    pub fn get(&self, key: &Key, bytes: &[u8]) -> Option<(FileReport, Option<PageFacts>)> {
        let report = self.load(key, bytes)?;
        self.hits.fetch_add(1, Ordering::Relaxed);
        Some(report)
    }

    /// Stores `report` and the page's facts under `key`, unless the report
    /// is not [`cacheable`].
    pub fn put(&self, key: &Key, report: &FileReport, page: Option<&PageFacts>) {
        if cacheable(report) {
            self.store(key, report, page);
        }
    }

    fn load(&self, key: &Key, bytes: &[u8]) -> Option<(FileReport, Option<PageFacts>)> {
        let mac_key = self.key.as_ref()?;
        let entry_file = &key.entry_file;
        // Not through a link, not a FIFO, not huge: the folder may be a pull request's.
        let (file, _) = crate::safe_fs::open_regular(entry_file, false).ok()?;
        let mut text = Vec::new();
        std::io::Read::read_to_end(&mut std::io::Read::take(file, MAX_ENTRY_BYTES), &mut text)
            .ok()?;
        let Some(json) = verified(mac_key, entry_file, &text) else {
            self.discard(
                entry_file,
                "it fails its integrity check (not written by postlint on this machine)".into(),
            );
            return None;
        };
        let entry: Entry = match serde_json::from_slice(json) {
            Ok(e) => e,
            // Written here for other bytes, or in an older format (a rule
            // code it names may be gone): a miss, not damage.
            Err(_) if serde_json::from_slice::<Head>(json).is_ok_and(|h| h.key != key.key) => {
                return None;
            }
            Err(e) => {
                self.discard(entry_file, e.to_string());
                return None;
            }
        };
        if entry.key != key.key || entry.path != key.shown_path {
            return None;
        }
        // Only UTF-8 files are stored (a lossy copy is never cacheable).
        let Ok(source) = std::str::from_utf8(bytes) else {
            self.discard(entry_file, "entry for a file that is not UTF-8".into());
            return None;
        };
        if let Some(why) = entry.diagnostics.iter().find_map(|d| misfit(d, source)) {
            self.discard(entry_file, why);
            return None;
        }
        let page = match entry.page.map(|p| p.facts(source.len())) {
            Some(None) => {
                self.discard(entry_file, "page facts outside the file".into());
                return None;
            }
            Some(Some(p)) => Some(p),
            None => None,
        };
        let report = FileReport {
            path: key.path.clone(),
            source: if entry.diagnostics.is_empty() {
                String::new()
            } else {
                source.to_string()
            },
            diagnostics: entry.diagnostics,
            skipped: entry.skipped,
            images: entry.images,
            date_shape: entry.date_shape,
            ..FileReport::default()
        };
        Some((report, page))
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

    fn store(&self, key: &Key, report: &FileReport, page: Option<&PageFacts>) {
        if self.write_failed.load(Ordering::Relaxed) {
            return;
        }
        let Some(mac_key) = &self.key else {
            return;
        };
        let entry = EntryRef {
            key: &key.key,
            path: &key.shown_path,
            skipped: report.skipped,
            diagnostics: &report.diagnostics,
            images: report.images,
            date_shape: report.date_shape,
            page: page.map(StoredPage::from),
        };
        if let Err(e) = self.write_entry(&key.entry_file, &entry, mac_key) {
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
        entry: &EntryRef,
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
    key.mac_hex(&[&MAC_FORMAT.to_le_bytes(), name.as_encoded_bytes(), json])
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

    /// The one entry file a test's single post left in the cache.
    fn only_entry(root: &Path) -> std::path::PathBuf {
        let files = root.join(".postlint-cache/files");
        std::fs::read_dir(files)
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path()
    }

    fn settings(text: &str) -> Arc<Settings> {
        Arc::new(crate::testing::settings(text))
    }

    /// One file as `check` lints it with the cache.
    fn through(cache: &Cache, path: &Path, settings: &Arc<Settings>) -> FileReport {
        let linter = crate::lint::Linter::new(settings, now());
        crate::cli::check::lint_file(&linter, Some(cache), path, settings).report
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
        let first = through(&keyed(dir.path()), &post, &s);
        let cache = keyed(dir.path());
        let second = through(&cache, &post, &s);
        assert_eq!(cache.hits(), 1);
        assert!(cache.warnings().is_empty());
        let show = |r: &FileReport| format!("{:?}", r.diagnostics);
        assert_eq!(show(&first), show(&second));
        assert_eq!(first.source, second.source);
        assert!(dir.path().join(".postlint-cache/.gitignore").is_file());

        // Other settings: a miss.
        let other = settings("[rules]\nignore = [\"PL107\"]\n");
        let c = keyed(dir.path());
        let third = through(&c, &post, &other);
        assert_eq!(c.hits(), 0);
        assert!(third.diagnostics.iter().all(|d| d.code() != "PL107"));
    }

    #[test]
    fn a_hit_keeps_the_image_count_the_gate_needs() {
        let dir = tempfile::tempdir().unwrap();
        let post = dir.path().join("a.md");
        std::fs::write(
            &post,
            "---\ntitle: x\n---\n\n![](https://example.org/a.png) <img src=\"https://example.org/b.png\">\n",
        )
        .unwrap();
        let s = settings("");
        let first = through(&keyed(dir.path()), &post, &s);
        let cache = keyed(dir.path());
        let second = through(&cache, &post, &s);
        assert_eq!(cache.hits(), 1);
        assert_eq!((first.images, second.images), (2, 2));
    }

    #[test]
    fn a_hit_hands_the_site_pass_the_page_facts_without_parsing() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("_config.yml"), "title: x\n").unwrap();
        let post = dir.path().join("_posts/2019-05-14-zendmast.md");
        std::fs::create_dir_all(post.parent().unwrap()).unwrap();
        std::fs::write(&post, "---\ntitle: \"De  zendmast\"\n---\n\nTekst.\n").unwrap();
        let mut s = crate::testing::settings("[rules]\nselect = [\"PL408\", \"PL410\"]\n");
        s.site = Some(crate::site::Sites::default().for_dir(dir.path(), None, dir.path()));
        let s = Arc::new(s);
        let linted = |cache: &Cache| {
            let linter = crate::lint::Linter::new(&s, now());
            crate::cli::check::lint_file(&linter, Some(cache), &post, &s)
        };
        let first = linted(&keyed(dir.path())).page.expect("a page of the site");
        assert_eq!(
            first.title.as_ref().map(|t| t.0.as_str()),
            Some("De zendmast")
        );
        let cache = keyed(dir.path());
        let stored = cache
            .key(&post, &s, &std::fs::read(&post).unwrap())
            .unwrap();
        let (_, page) = cache.get(&stored, &std::fs::read(&post).unwrap()).unwrap();
        assert_eq!(page.as_ref(), Some(&first), "kept by the entry");
        let second = linted(&cache).page;
        assert_eq!(cache.hits(), 2);
        assert_eq!(second, Some(first));
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
        through(&keyed(dir.path()), &post, &s);
        let entry = only_entry(dir.path());
        let text = std::fs::read_to_string(&entry).unwrap();
        for bad in [
            "{not json".to_string(),
            text.replace("\"PL251\"", "\"PL999\""),
            text.replace("\"range\":[", "\"range\":[9999,"),
        ] {
            std::fs::write(&entry, bad).unwrap();
            let cache = keyed(dir.path());
            let r = through(&cache, &post, &s);
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
        through(&cache, &post, &s);
        assert_eq!(cache.hits(), 1);
        assert!(clean(dir.path()).unwrap());
        assert!(!clean(dir.path()).unwrap());
    }

    /// An entry this machine wrote in the format before (a fix's `safe`
    /// flag, no `applicability`) verifies but no longer parses: a quiet
    /// miss, then replaced, not a "corrupt entry" warning after an upgrade.
    #[test]
    fn an_entry_of_the_older_format_is_a_quiet_miss() {
        let dir = tempfile::tempdir().unwrap();
        let post = dir.path().join("_posts/a.html");
        std::fs::create_dir_all(post.parent().unwrap()).unwrap();
        std::fs::write(
            &post,
            "---\ntitle: x\ndate: Mon, 14 May 2019 17:01:53 GMT\n---\n",
        )
        .unwrap();
        let s = settings("");
        through(&keyed(dir.path()), &post, &s);
        let entry = only_entry(dir.path());
        let old = format!(
            r#"{{"key":"0123","path":{:?},"skipped":false,"diagnostics":[{{"code":"PL251","severity":"error","message":"m","range":[0,1],"label":null,"labels":[],"help":null,"fix":{{"title":"t","safe":true,"edits":[],"changes_edited":false}}}}]}}"#,
            std::path::absolute(&post).unwrap().display().to_string()
        );
        // Signed as format 2 signed it.
        let name = entry.file_name().unwrap().as_encoded_bytes();
        let mac =
            MachineKey::from_bytes([7; 16]).mac_hex(&[&2u32.to_le_bytes(), name, old.as_bytes()]);
        std::fs::write(&entry, format!("{mac}\n{old}")).unwrap();
        let cache = keyed(dir.path());
        let r = through(&cache, &post, &s);
        assert_eq!(r.diagnostics[0].code(), "PL251");
        assert_eq!(cache.hits(), 0);
        assert!(cache.warnings().is_empty(), "{:?}", cache.warnings());
        // Replaced: the next run hits.
        let cache = keyed(dir.path());
        through(&cache, &post, &s);
        assert_eq!(cache.hits(), 1);
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
        let r = through(&cache, &post, &settings(""));
        assert_eq!(r.diagnostics[0].code(), "PL255");
        assert!(!dir.path().join(".postlint-cache").exists());
    }
}
