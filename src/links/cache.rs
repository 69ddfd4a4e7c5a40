//! The link cache: successful results kept between runs in one JSON file
//! (`.postlint-cache/links-v1.json` by default) with an expiry. A corrupt file
//! is discarded with a warning; writes go to a temp file renamed over it.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::LinkError;
use super::outcome::Outcome;

/// Bumped when the format changes; a file of another version is ignored.
const VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    /// Unix seconds.
    checked: i64,
    /// Made by a run that allowed private addresses: not trusted by one that does not.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    private_allowed: bool,
    outcome: Outcome,
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
}

impl Cache {
    /// Reads `path`. A missing file is an empty cache; an unreadable or
    /// corrupt one is too, and the second value says why (for a warning).
    pub fn load(path: &Path, max_age_secs: i64, allow_private: bool) -> (Cache, Option<String>) {
        let (entries, warning) = match read(path) {
            Ok(e) => (e, None),
            Err(why) => (BTreeMap::new(), why),
        };
        let cache = Cache {
            path: path.to_path_buf(),
            max_age_secs,
            allow_private,
            entries: entries.into_iter().collect(),
            added: HashMap::new(),
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
        self.entries
            .get(url)
            .filter(|e| self.fresh(e, now))
            .map(|e| &e.outcome)
    }

    /// Remembers `outcome` if it may be kept: never a failure.
    pub fn put(&mut self, url: &str, outcome: &Outcome, now: i64) {
        if !outcome.is_cacheable() {
            return;
        }
        self.added.insert(
            url.to_string(),
            Entry {
                checked: now,
                private_allowed: self.allow_private,
                outcome: outcome.clone(),
            },
        );
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
        let mut entries = read(&self.path).unwrap_or_default();
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
                let _ = std::fs::write(dir.join(".gitignore"), "*\n");
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
    let bytes = match std::fs::read(path) {
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
        let (mut c, warning) = Cache::load(&path, 86_400, false);
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
        let (c, warning) = Cache::load(&path, 86_400, false);
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
        let (mut c, _) = Cache::load(&path, 86_400, true);
        c.put("http://127.0.0.2/a.png", &ok(), 1_000);
        c.save(1_000).unwrap();
        assert!(
            Cache::load(&path, 86_400, true)
                .0
                .get("http://127.0.0.2/a.png", 1_001)
                .is_some()
        );
        assert!(
            Cache::load(&path, 86_400, false)
                .0
                .get("http://127.0.0.2/a.png", 1_001)
                .is_none()
        );
    }

    #[test]
    fn a_corrupt_or_truncated_file_is_discarded_with_a_reason() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("links.json");
        let (mut c, _) = Cache::load(&path, 86_400, false);
        c.put("https://a/ok.png", &ok(), 1_000);
        c.save(1_000).unwrap();
        let full = std::fs::read(&path).unwrap();
        std::fs::write(&path, &full[..full.len() / 2]).unwrap();
        let (c, warning) = Cache::load(&path, 86_400, false);
        assert!(warning.unwrap().starts_with("it is corrupt"), "truncated");
        assert_eq!(c.get("https://a/ok.png", 1_001), None);
        std::fs::write(
            &path,
            b"{\"version\":1,\"entries\":{\"u\":{\"checked\":\"x\"}}}",
        )
        .unwrap();
        let (_, warning) = Cache::load(&path, 86_400, false);
        assert!(warning.unwrap().starts_with("it is corrupt"));
        std::fs::write(&path, b"{\"version\":7,\"entries\":{}}").unwrap();
        assert_eq!(
            Cache::load(&path, 86_400, false).1.as_deref(),
            Some("it has format version 7")
        );
        // Saving over a corrupt file replaces it.
        let (mut c, _) = Cache::load(&path, 86_400, false);
        c.put("https://a/ok.png", &ok(), 1_000);
        c.save(1_000).unwrap();
        assert_eq!(Cache::load(&path, 86_400, false).1, None);
    }
}
