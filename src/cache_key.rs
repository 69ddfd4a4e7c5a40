//! The secret that makes a cache entry something only this machine could
//! have written: a random key in the user's own cache folder
//! (`$XDG_CACHE_HOME/postlint/key`, else `~/.cache/postlint/key`, mode
//! 0600), and a MAC (keyed SipHash-2-4, 128 bits) over each entry. A
//! `.postlint-cache/` committed in a pull request cannot carry a valid MAC,
//! so its entries are ignored and recomputed.

use std::io::{Read, Write};
use std::os::unix::fs::{DirBuilderExt, MetadataExt};
use std::path::PathBuf;
use std::sync::OnceLock;

use siphasher::sip128::{Hasher128, SipHasher24};

/// Bytes of key: SipHash takes 128 bits.
const KEY_LEN: usize = 16;

/// The key of this user on this machine.
#[derive(Clone)]
pub struct MachineKey([u8; KEY_LEN]);

impl std::fmt::Debug for MachineKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print the secret.
        f.write_str("MachineKey(..)")
    }
}

impl MachineKey {
    /// A key from raw bytes, for tests.
    pub fn from_bytes(bytes: [u8; KEY_LEN]) -> MachineKey {
        MachineKey(bytes)
    }

    /// The MAC of `parts`, each fed with its length so they cannot run together.
    pub fn mac(&self, parts: &[&[u8]]) -> [u8; 16] {
        let (k0, k1) = self.0.split_at(8);
        let word = |b: &[u8]| {
            let mut w = [0u8; 8];
            w.copy_from_slice(b);
            u64::from_le_bytes(w)
        };
        let mut h = SipHasher24::new_with_keys(word(k0), word(k1));
        for part in parts {
            std::hash::Hasher::write_u64(&mut h, part.len() as u64);
            std::hash::Hasher::write(&mut h, part);
        }
        h.finish128().as_bytes()
    }

    /// [`MachineKey::mac`] in hex, as stored.
    pub fn mac_hex(&self, parts: &[&[u8]]) -> String {
        self.mac(parts).iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// Why there is no key: the caches then stay off for the run.
#[derive(Debug, Clone, thiserror::Error)]
pub enum KeyError {
    #[error("no cache folder for the key: neither XDG_CACHE_HOME nor HOME is set")]
    NoHome,
    #[error("cannot use the cache key {path}: {message}")]
    Unusable { path: PathBuf, message: String },
}

/// Where the key lives.
fn key_path() -> Result<PathBuf, KeyError> {
    let from_env = |name: &str| {
        std::env::var_os(name)
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    if let Some(xdg) = from_env("XDG_CACHE_HOME") {
        return Ok(xdg.join("postlint").join("key"));
    }
    from_env("HOME")
        .map(|h| h.join(".cache").join("postlint").join("key"))
        .ok_or(KeyError::NoHome)
}

/// This machine's key, made on first use; the same for the whole run.
pub fn machine_key() -> Result<MachineKey, KeyError> {
    static KEY: OnceLock<Result<MachineKey, KeyError>> = OnceLock::new();
    KEY.get_or_init(|| key_path().and_then(|p| load_or_create(&p)))
        .clone()
}

/// Reads the key at `path`, or creates it. The file must be a regular file
/// of ours that nobody else can read: a key others know is no key.
pub fn load_or_create(path: &std::path::Path) -> Result<MachineKey, KeyError> {
    let unusable = |message: String| KeyError::Unusable {
        path: path.to_path_buf(),
        message,
    };
    match read_key(path) {
        Ok(key) => return Ok(key),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(unusable(e.to_string())),
    }
    let dir = path.parent().unwrap_or(std::path::Path::new("."));
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(|e| unusable(e.to_string()))?;
    let mut bytes = [0u8; KEY_LEN];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .map_err(|e| unusable(format!("no random bytes: {e}")))?;
    // Written whole under a temp name, then linked in without replacing:
    // two runs starting together agree on one key.
    let mut tmp = tempfile::Builder::new()
        .prefix(".key-")
        .permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600))
        .tempfile_in(dir)
        .map_err(|e| unusable(e.to_string()))?;
    tmp.write_all(&bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| unusable(e.to_string()))?;
    match tmp.persist_noclobber(path) {
        Ok(_) => Ok(MachineKey(bytes)),
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => {
            read_key(path).map_err(|e| unusable(e.to_string()))
        }
        Err(e) => Err(unusable(e.error.to_string())),
    }
}

fn read_key(path: &std::path::Path) -> std::io::Result<MachineKey> {
    let (mut file, meta) = crate::safe_fs::open_regular(path, false)?;
    let me = rustix::process::geteuid().as_raw();
    if meta.uid() != me || meta.mode() & 0o077 != 0 {
        return Err(std::io::Error::other(format!(
            "it must belong to you (user {me}) with mode 0600, not user {} mode {:o}",
            meta.uid(),
            meta.mode() & 0o7777
        )));
    }
    let mut bytes = [0u8; KEY_LEN];
    file.read_exact(&mut bytes)?;
    Ok(MachineKey(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn created_private_then_reused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("postlint/key");
        let a = load_or_create(&path).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let b = load_or_create(&path).unwrap();
        assert_eq!(a.mac(&[b"x"]), b.mac(&[b"x"]));
        assert_ne!(a.mac(&[b"x"]), a.mac(&[b"y"]));
        assert_ne!(a.mac(&[b"ab", b"c"]), a.mac(&[b"a", b"bc"]));
        // Readable by others: refused.
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert!(load_or_create(&path).is_err());
    }
}
