//! The link cache: successful results kept between runs in one JSON file
//! (`.postlint-cache/links-v1.json` by default) with an expiry. A corrupt file
//! is discarded with a warning; writes go to a temp file renamed over it.
//! Each entry carries a MAC with this machine's key ([`crate::cache_key`]):
//! a success planted in a pull request is ignored. A cache in a folder that
//! is a symlink is neither read nor written.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::LinkError;
use super::outcome::Outcome;
use crate::cache_key::{self, MachineKey};

/// Bumped when the format changes; a file of another version is ignored.
/// Entries without a MAC (version 1's) fail their check and are ignored.
const VERSION: u32 = 1;

/// A cache file larger than this is read only this far (and then is corrupt).
const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    /// Unix seconds.
    checked: i64,
    /// Made by a run that allowed private addresses: not trusted by one that does not.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    private_allowed: bool,
    outcome: Outcome,
    /// MAC over the URL and the fields above ([`entry_mac`]).
    #[serde(default)]
    mac: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct CacheFile {
    version: u32,
    entries: BTreeMap<String, Entry>,
}

/// Results of earlier runs, plus this run's to be saved.
#[derive(Debug)]
pub struct Cache {
    path: PathBuf,
    max_age_secs: i64,
    allow_private: bool,
    entries: HashMap<String, Entry>,
    added: HashMap<String, Entry>,
    /// `None`: the cache is off (no key, or a linked folder); nothing is saved.
    key: Option<MachineKey>,
}

/// The MAC of one entry, binding it to its URL.
fn entry_mac(key: &MachineKey, url: &str, e: &Entry) -> String {
    let outcome = serde_json::to_vec(&e.outcome).unwrap_or_default();
    key.mac_hex(&[
        url.as_bytes(),
        &e.checked.to_le_bytes(),
        &[u8::from(e.private_allowed)],
        &outcome,
    ])
}

/// Why the cache at `path` must not be touched: its folder is a symlink.
fn linked_folder(path: &Path) -> Option<String> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty())?;
    crate::safe_fs::is_symlink(dir).then(|| {
        format!(
            "its folder {} is a symbolic link: the cache is not used",
            dir.display()
        )
    })
}

/// Whether `url` names, as an IP literal, an address the run may not fetch:
/// PL406 is decided by the checker, and no cache entry may answer first.
fn blocked_literal(url: &str, allow_private: bool) -> bool {
    if allow_private {
        return false;
    }
    let ip = match url::Url::parse(url)
        .ok()
        .and_then(|u| u.host().map(|h| h.to_owned()))
    {
        Some(url::Host::Ipv4(ip)) => std::net::IpAddr::V4(ip),
        Some(url::Host::Ipv6(ip)) => std::net::IpAddr::V6(ip),
        _ => return false,
    };
    super::address::non_public(ip).is_some()
}

impl Cache {
    /// Reads `path`. A missing file is an empty cache; an unreadable or
    /// corrupt one is too, and the second value says why (for a warning).
    pub fn load(path: &Path, max_age_secs: i64, allow_private: bool) -> (Cache, Option<String>) {
        let key = cache_key::machine_key().map_err(|e| e.to_string());
        Cache::load_with_key(path, max_age_secs, allow_private, key)
    }

    /// [`Cache::load`] with a given key (tests), or why there is none.
    pub fn load_with_key(
        path: &Path,
        max_age_secs: i64,
        allow_private: bool,
        key: Result<MachineKey, String>,
    ) -> (Cache, Option<String>) {
        let (key, off) = match (linked_folder(path), key) {
            (Some(why), _) | (None, Err(why)) => (None, Some(why)),
            (None, Ok(k)) => (Some(k), None),
        };
        let (mut entries, mut warning) = match (&key, read(path)) {
            (None, _) => (BTreeMap::new(), off),
            (Some(_), Ok(e)) => (e, None),
            (Some(_), Err(why)) => (BTreeMap::new(), why),
        };
        if let Some(k) = &key {
            let before = entries.len();
            entries.retain(|url, e| e.mac == entry_mac(k, url, e));
            let foreign = before - entries.len();
            if foreign > 0 {
                warning = Some(format!(
                    "{foreign} of its entries fail their integrity check (not written by \
                     postlint on this machine) and were ignored"
                ));
            }
        }
        let cache = Cache {
            path: path.to_path_buf(),
            max_age_secs,
            allow_private,
            entries: entries.into_iter().collect(),
            added: HashMap::new(),
            key,
        };
        (cache, warning)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn fresh(&self, e: &Entry, now: i64) -> bool {
        e.checked <= now
            && now - e.checked < self.max_age_secs
            && (self.allow_private || !e.private_allowed)
    }

    /// The remembered outcome of `url`, if still fresh.
    pub fn get(&self, url: &str, now: i64) -> Option<&Outcome> {
        if blocked_literal(url, self.allow_private) {
            return None;
        }
        self.entries
            .get(url)
            .filter(|e| self.fresh(e, now))
            .map(|e| &e.outcome)
    }

    /// Remembers `outcome` if it may be kept: never a failure.
    pub fn put(&mut self, url: &str, outcome: &Outcome, now: i64) {
        let Some(key) = &self.key else { return };
        if !outcome.is_cacheable() {
            return;
        }
        let mut entry = Entry {
            checked: now,
            private_allowed: self.allow_private,
            outcome: outcome.clone(),
            mac: String::new(),
        };
        entry.mac = entry_mac(key, url, &entry);
        self.added.insert(url.to_string(), entry);
    }

    /// Writes the cache: what is on disk now (another run may have saved
    /// since), plus this run's results, minus the expired; through a temp file
    /// renamed over the old one, so a reader never sees half a file.
    pub fn save(&self, now: i64) -> Result<(), LinkError> {
        if self.added.is_empty() {
            return Ok(());
        }
        let io = |e: std::io::Error| LinkError::Cache {
            path: self.path.clone(),
            message: e.to_string(),
        };
        let Some(key) = &self.key else {
            return Ok(());
        };
        if let Some(why) = linked_folder(&self.path) {
            return Err(LinkError::Cache {
                path: self.path.clone(),
                message: why,
            });
        }
        let mut entries = read(&self.path).unwrap_or_default();
        // Another run's entries are kept only if this machine wrote them.
        entries.retain(|url, e| e.mac == entry_mac(key, url, e));
        for (url, e) in &self.added {
            entries.insert(url.clone(), e.clone());
        }
        entries.retain(|_, e| e.checked <= now && now - e.checked < self.max_age_secs);
        let dir = match self.path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        if !dir.exists() {
            std::fs::create_dir_all(&dir).map_err(io)?;
            // Results of one machine's runs do not belong in the repository.
            if dir.file_name().is_some_and(|n| n == ".postlint-cache") {
                let _ = crate::safe_fs::write_no_follow(&dir.join(".gitignore"), b"*\n");
            }
        }
        let file = CacheFile {
            version: VERSION,
            entries,
        };
        let json = serde_json::to_vec(&file).map_err(|e| io(std::io::Error::other(e)))?;
        let mut tmp = tempfile::Builder::new()
            .prefix(".links-")
            .suffix(".tmp")
            .tempfile_in(&dir)
            .map_err(io)?;
        // No fsync: a cache lost in a crash is only a slower next run, and a
        // damaged one is discarded with a warning.
        tmp.write_all(&json).map_err(io)?;
        tmp.persist(&self.path).map_err(|e| io(e.error))?;
        Ok(())
    }
}

/// The entries of the file at `path`; `Err(None)` when there is no file,
/// `Err(Some(why))` when it cannot be used.
fn read(path: &Path) -> Result<BTreeMap<String, Entry>, Option<String>> {
    // Not through a link, not a FIFO: the file may be a pull request's.
    let opened = crate::safe_fs::open_regular(path, false);
    let bytes = match opened.and_then(|(f, _)| {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::Read::take(f, MAX_FILE_BYTES), &mut bytes)
            .map(|_| bytes)
    }) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(None),
        Err(e) => return Err(Some(format!("cannot read it: {e}"))),
    };
    #[derive(Deserialize)]
    struct Version {
        version: u32,
    }
    match serde_json::from_slice::<Version>(&bytes) {
        Ok(v) if v.version != VERSION => {
            return Err(Some(format!("it has format version {}", v.version)));
        }
        Ok(_) => {}
        Err(e) => return Err(Some(format!("it is corrupt ({e})"))),
    }
    serde_json::from_slice::<CacheFile>(&bytes)
        .map(|f| f.entries)
        .map_err(|e| Some(format!("it is corrupt ({e})")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::links::outcome::{FailureKind, Response};

    fn load(path: &Path, max_age: i64, allow_private: bool) -> (Cache, Option<String>) {
        Cache::load_with_key(
            path,
            max_age,
            allow_private,
            Ok(MachineKey::from_bytes([3; 16])),
        )
    }

    #[test]
    fn planted_entries_and_blocked_literals_never_answer() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("links.json");
        let (mut c, _) = load(&path, 86_400, false);
        c.put("https://a/ok.png", &ok(), 1_000);
        // Even an entry this machine wrote cannot answer for a blocked address.
        c.put("https://169.254.169.254/x.png", &ok(), 1_000);
        c.put("https://[::1]/x.png", &ok(), 1_000);
        c.save(1_000).unwrap();
        let (c, _) = load(&path, 86_400, false);
        assert!(c.get("https://a/ok.png", 1_001).is_some());
        assert!(c.get("https://169.254.169.254/x.png", 1_001).is_none());
        assert!(c.get("https://[::1]/x.png", 1_001).is_none());
        // Planted: a copy of a good entry under another URL, and one without a MAC.
        let text = std::fs::read_to_string(&path).unwrap();
        let planted = text
            .replace("https://a/ok.png", "https://b/ok.png")
            .replace(",\"mac\":\"", ",\"nomac\":\"");
        std::fs::write(&path, planted).unwrap();
        let (c, warning) = load(&path, 86_400, false);
        assert!(c.get("https://b/ok.png", 1_001).is_none());
        assert!(warning.unwrap().contains("integrity"));
        // Another machine's key: nothing trusted.
        let (mut c, _) = load(&path, 86_400, false);
        c.put("https://a/ok.png", &ok(), 1_000);
        c.save(1_000).unwrap();
        let other = Cache::load_with_key(&path, 86_400, false, Ok(MachineKey::from_bytes([4; 16])));
        assert!(other.0.get("https://a/ok.png", 1_001).is_none());
    }

    #[test]
    fn a_linked_cache_folder_is_not_used() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("home");
        std::fs::create_dir_all(&target).unwrap();
        std::os::unix::fs::symlink(&target, dir.path().join(".postlint-cache")).unwrap();
        let path = dir.path().join(".postlint-cache/links-v1.json");
        let (mut c, warning) = load(&path, 86_400, false);
        assert!(warning.unwrap().contains("symbolic link"));
        c.put("https://a/ok.png", &ok(), 1_000);
        c.save(1_000).unwrap();
        assert_eq!(std::fs::read_dir(&target).unwrap().count(), 0);
    }

    fn ok() -> Outcome {
        Outcome::Response(Response {
            status: 200,
            content_type: Some("image/png".into()),
            sniffed: None,
            redirects: Vec::new(),
            retry_after: None,
        })
    }

    #[test]
    fn keeps_successes_until_they_expire() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".postlint-cache/links-v1.json");
        let (mut c, warning) = load(&path, 86_400, false);
        assert_eq!(warning, None);
        c.put("https://a/ok.png", &ok(), 1_000);
        c.put(
            "https://a/dead.png",
            &Outcome::failure(FailureKind::Timeout, "x"),
            1_000,
        );
        c.save(1_000).unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join(".postlint-cache/.gitignore")).unwrap(),
            "*\n"
        );
        let (c, warning) = load(&path, 86_400, false);
        assert_eq!(warning, None);
        assert_eq!(c.get("https://a/ok.png", 2_000), Some(&ok()));
        assert_eq!(
            c.get("https://a/dead.png", 2_000),
            None,
            "failures are not cached"
        );
        assert_eq!(c.get("https://a/ok.png", 1_000 + 86_400), None, "expired");
    }

    #[test]
    fn private_results_need_allow_private() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("links.json");
        let (mut c, _) = load(&path, 86_400, true);
        c.put("http://127.0.0.2/a.png", &ok(), 1_000);
        c.save(1_000).unwrap();
        assert!(
            load(&path, 86_400, true)
                .0
                .get("http://127.0.0.2/a.png", 1_001)
                .is_some()
        );
        assert!(
            load(&path, 86_400, false)
                .0
                .get("http://127.0.0.2/a.png", 1_001)
                .is_none()
        );
    }

    #[test]
    fn a_corrupt_or_truncated_file_is_discarded_with_a_reason() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("links.json");
        let (mut c, _) = load(&path, 86_400, false);
        c.put("https://a/ok.png", &ok(), 1_000);
        c.save(1_000).unwrap();
        let full = std::fs::read(&path).unwrap();
        std::fs::write(&path, &full[..full.len() / 2]).unwrap();
        let (c, warning) = load(&path, 86_400, false);
        assert!(warning.unwrap().starts_with("it is corrupt"), "truncated");
        assert_eq!(c.get("https://a/ok.png", 1_001), None);
        std::fs::write(
            &path,
            b"{\"version\":1,\"entries\":{\"u\":{\"checked\":\"x\"}}}",
        )
        .unwrap();
        let (_, warning) = load(&path, 86_400, false);
        assert!(warning.unwrap().starts_with("it is corrupt"));
        std::fs::write(&path, b"{\"version\":7,\"entries\":{}}").unwrap();
        assert_eq!(
            load(&path, 86_400, false).1.as_deref(),
            Some("it has format version 7")
        );
        // Saving over a corrupt file replaces it.
        let (mut c, _) = load(&path, 86_400, false);
        c.put("https://a/ok.png", &ok(), 1_000);
        c.save(1_000).unwrap();
        assert_eq!(load(&path, 86_400, false).1, None);
    }
}
