//! Writing a fixed file so that nothing is ever lost: a temp file in the same
//! folder, flushed to disk, given the original's permissions, renamed over it.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Why a file was not written. The file is unchanged in every case.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("the file is read-only")]
    ReadOnly,
    #[error("the file changed on disk since it was read")]
    ChangedOnDisk,
    #[error("cannot write the file: {0}")]
    Io(#[from] std::io::Error),
}

/// Replaces `path`, whose content was `original` when read, with `content`.
pub fn write_atomic(path: &Path, original: &[u8], content: &[u8]) -> Result<(), WriteError> {
    let meta = std::fs::metadata(path)?;
    if meta.permissions().readonly() {
        return Err(WriteError::ReadOnly);
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    // Hidden and named apart, so a run killed mid-write leaves nothing postlint would check.
    let mut tmp = tempfile::Builder::new()
        .prefix(".postlint-")
        .suffix(".tmp")
        .tempfile_in(&dir)?;
    tmp.write_all(content)?;
    tmp.as_file().sync_all()?;
    // tempfile creates files with mode 0600: give the new file the old one's mode.
    std::fs::set_permissions(tmp.path(), meta.permissions())?;
    // Last check before the rename: an editor may have saved the file meanwhile.
    if std::fs::read(path)? != original {
        return Err(WriteError::ChangedOnDisk);
    }
    tmp.persist(path).map_err(|e| WriteError::Io(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_and_keeps_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        std::fs::write(&p, "old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
        }
        write_atomic(&p, b"old", b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
                0o640
            );
        }
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1);
    }

    #[test]
    fn refuses_read_only_and_changed_files() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        std::fs::write(&p, "old").unwrap();
        assert!(matches!(
            write_atomic(&p, b"older", b"new"),
            Err(WriteError::ChangedOnDisk)
        ));
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "old");
        let mut perms = std::fs::metadata(&p).unwrap().permissions();
        perms.set_readonly(true);
        std::fs::set_permissions(&p, perms).unwrap();
        assert!(matches!(
            write_atomic(&p, b"old", b"new"),
            Err(WriteError::ReadOnly)
        ));
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
