//! Writing a fixed file so that nothing is ever lost: a temp file in the same
//! folder as the real file (a link stays a link), given the original's
//! owner, group, permissions and extended attributes, flushed to disk,
//! renamed over it once the original is seen unchanged.

use std::fs::{File, Metadata};
use std::io::Write;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Why a file was not written. The file is unchanged in every case.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("the file is read-only")]
    ReadOnly,
    #[error("the file changed on disk since it was read")]
    ChangedOnDisk,
    #[error(
        "the file changed while it was being replaced; the other change was kept and \
         this fix not applied (run `postlint fix` again)"
    )]
    ChangedDuringWrite,
    #[error(
        "the file has {links} hard links; replacing it would split them, so it is left \
         as it is (fix it by hand, or make the other names symbolic links)"
    )]
    HardLinked { links: u64 },
    #[error(
        "the file belongs to user {uid} and group {gid}, which the new file could not be \
         given ({source}); left as it is (run `postlint fix` as its owner)"
    )]
    Owner {
        uid: u32,
        gid: u32,
        source: std::io::Error,
    },
    #[error(
        "its extended attribute `{name}` could not be copied to the new file ({source}); \
         left as it is"
    )]
    Attribute {
        name: String,
        source: std::io::Error,
    },
    #[error("{0}")]
    NotRegular(std::io::Error),
    #[error("cannot write the file: {0}")]
    Io(#[from] std::io::Error),
}

impl WriteError {
    /// The reason in a few plain words, for a summary over many files
    /// (`no space left on device`).
    pub fn short_reason(&self) -> String {
        match self {
            WriteError::Io(e) => plain_io(e),
            other => other.to_string(),
        }
    }
}

/// An I/O error's words without `(os error 28)` or tempfile's `at path …`.
fn plain_io(e: &std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::StorageFull {
        return "no space left on device".to_string();
    }
    let text = e.to_string();
    let text = text.split(" (os error").next().unwrap_or(&text);
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// What identifies one version of a file cheaply: if any of these moved
/// since the file was read, someone else wrote it.
fn same_version(a: &Metadata, b: &Metadata) -> bool {
    (
        a.dev(),
        a.ino(),
        a.len(),
        a.mtime(),
        a.mtime_nsec(),
        a.ctime(),
        a.ctime_nsec(),
    ) == (
        b.dev(),
        b.ino(),
        b.len(),
        b.mtime(),
        b.mtime_nsec(),
        b.ctime(),
        b.ctime_nsec(),
    )
}

/// Replaces `path`, whose content was `original` and whose metadata was
/// `seen` when read, with `content`. A symlink is resolved and its target
/// written, so the link stays a link (the caller has checked that the
/// target is inside the site).
pub fn write_atomic(
    path: &Path,
    original: &[u8],
    seen: &Metadata,
    content: &[u8],
) -> Result<(), WriteError> {
    write_atomic_with(path, original, seen, content, || {}, || {})
}

/// [`write_atomic`] with a hook run just before the last checks, for tests
/// to play another process writing at the worst moment.
fn write_atomic_with(
    path: &Path,
    original: &[u8],
    seen: &Metadata,
    content: &[u8],
    before_last_check: impl FnOnce(),
    after_rename: impl FnOnce(),
) -> Result<(), WriteError> {
    let real = std::fs::canonicalize(path)?;
    let meta = std::fs::symlink_metadata(&real)?;
    if !meta.is_file() {
        return Err(WriteError::NotRegular(crate::safe_fs::not_regular(
            meta.file_type(),
        )));
    }
    if !same_version(&meta, seen) {
        return Err(WriteError::ChangedOnDisk);
    }
    if meta.nlink() > 1 {
        return Err(WriteError::HardLinked {
            links: meta.nlink(),
        });
    }
    // Mode bits, and what the system says (another user's file in a folder we may write).
    if meta.permissions().readonly()
        || rustix::fs::access(&real, rustix::fs::Access::WRITE_OK).is_err()
    {
        return Err(WriteError::ReadOnly);
    }
    let dir = match real.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    // Hidden and named apart, so a run killed mid-write leaves nothing postlint
    // would check, and the next `fix` can remove it (see `remove_leftovers`).
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(&dir)?;
    tmp.write_all(content)?;
    // tempfile creates files owned by us with mode 0600: give the new file the
    // old one's owner and group first (chown clears set-id bits), then its mode.
    if (meta.uid(), meta.gid())
        != (
            tmp.as_file().metadata()?.uid(),
            tmp.as_file().metadata()?.gid(),
        )
    {
        std::os::unix::fs::fchown(tmp.as_file(), Some(meta.uid()), Some(meta.gid())).map_err(
            |source| WriteError::Owner {
                uid: meta.uid(),
                gid: meta.gid(),
                source,
            },
        )?;
    }
    tmp.as_file().set_permissions(meta.permissions())?;
    let source = File::open(&real)?;
    crate::file_attrs::copy(&source, tmp.as_file())
        .map_err(|(name, source)| WriteError::Attribute { name, source })?;
    tmp.as_file().sync_all()?;
    before_last_check();
    // An editor may have saved the file meanwhile: compare the bytes, then,
    // immediately before the rename, the cheap identity (size, times,
    // inode). What is left is the time between that stat and the rename.
    if std::fs::read(&real)? != original {
        return Err(WriteError::ChangedOnDisk);
    }
    if !std::fs::symlink_metadata(&real).is_ok_and(|now| same_version(&now, seen)) {
        return Err(WriteError::ChangedOnDisk);
    }
    tmp.persist(&real).map_err(|e| WriteError::Io(e.error))?;
    after_rename();
    // A writer that opened the file just before the rename can still write
    // into the old copy after the last check (open, append, close). `source`
    // holds that copy: if it grew or was written, put its text back.
    let late = source.metadata()?;
    if (late.len(), late.mtime(), late.mtime_nsec())
        != (seen.len(), seen.mtime(), seen.mtime_nsec())
    {
        restore(&real, &source, content, &meta)?;
        return Err(WriteError::ChangedDuringWrite);
    }
    Ok(())
}

/// Puts the old copy's current text back at `real`, plus anything already
/// appended to the new file, so that the other writer's change survives and
/// only the fix is undone (the next `fix` does it again).
fn restore(real: &Path, old: &File, fixed: &[u8], meta: &Metadata) -> Result<(), WriteError> {
    use std::io::{Read, Seek};
    let mut text = Vec::new();
    let mut old = old;
    old.seek(std::io::SeekFrom::Start(0))?;
    old.read_to_end(&mut text)?;
    let now = std::fs::read(real)?;
    if let Some(extra) = now.strip_prefix(fixed) {
        text.extend_from_slice(extra);
    }
    let dir = real.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)?;
    tmp.write_all(&text)?;
    // Best effort: the file was ours to replace a moment ago, with these.
    let _ = std::os::unix::fs::fchown(tmp.as_file(), Some(meta.uid()), Some(meta.gid()));
    tmp.as_file().set_permissions(meta.permissions())?;
    let _ = crate::file_attrs::copy(old, tmp.as_file());
    tmp.as_file().sync_all()?;
    tmp.persist(real).map_err(|e| WriteError::Io(e.error))?;
    Ok(())
}

/// How postlint's temp files are named: `.postlint-XXXXXX.tmp`.
const TEMP_PREFIX: &str = ".postlint-";
const TEMP_SUFFIX: &str = ".tmp";

/// Whether `name` is one of postlint's temp files (six random letters or digits).
fn is_temp_name(name: &str) -> bool {
    name.strip_prefix(TEMP_PREFIX)
        .and_then(|rest| rest.strip_suffix(TEMP_SUFFIX))
        .is_some_and(|r| r.len() == 6 && r.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Leftovers younger than this are left alone: they may belong to a `fix`
/// running at the same time, which renames them in milliseconds.
const LEFTOVER_MIN_AGE: std::time::Duration = std::time::Duration::from_secs(2);

/// Removes temp files a killed `fix` left in `dirs`: only names postlint
/// makes, only regular files (never through a link), only those last
/// written before `started` (minus a margin for a concurrent run). Returns
/// how many were removed.
pub fn remove_leftovers<'a>(
    dirs: impl IntoIterator<Item = &'a Path>,
    started: SystemTime,
) -> usize {
    let Some(cutoff) = started.checked_sub(LEFTOVER_MIN_AGE) else {
        return 0;
    };
    let mut removed = 0;
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        for entry in entries.flatten() {
            if !entry.file_name().to_str().is_some_and(is_temp_name) {
                continue;
            }
            // `DirEntry::metadata` does not follow links.
            let Ok(meta) = entry.metadata() else { continue };
            let old = meta.modified().is_ok_and(|m| m < cutoff);
            if meta.file_type().is_file() && old && std::fs::remove_file(entry.path()).is_ok() {
                removed += 1;
            }
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(p: &Path) -> Metadata {
        std::fs::metadata(p).unwrap()
    }

    #[test]
    fn an_append_at_the_last_moment_is_not_lost() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        std::fs::write(&p, "old").unwrap();
        let seen = meta(&p);
        let append = || {
            let mut f = std::fs::OpenOptions::new().append(true).open(&p).unwrap();
            f.write_all(b" and more").unwrap();
        };
        let r = write_atomic_with(&p, b"old", &seen, b"new", append, || {});
        assert!(matches!(r, Err(WriteError::ChangedOnDisk)), "{r:?}");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "old and more");
        // Changed between the read and the write: refused before any temp file.
        let r = write_atomic(&p, b"old and more", &seen, b"new");
        assert!(matches!(r, Err(WriteError::ChangedOnDisk)), "{r:?}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_write_into_the_old_copy_after_the_rename_is_put_back() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        std::fs::write(&p, "old").unwrap();
        let seen = meta(&p);
        // Another process opened the file before the rename and writes after it.
        let writer = std::cell::OnceCell::new();
        let open = || {
            let f = std::fs::OpenOptions::new().append(true).open(&p).unwrap();
            let _ = writer.set(f);
        };
        let write = || writer.get().unwrap().write_all(b" and more").unwrap();
        let r = write_atomic_with(&p, b"old", &seen, b"new", open, write);
        assert!(matches!(r, Err(WriteError::ChangedDuringWrite)), "{r:?}");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "old and more");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_link_stays_a_link_and_hard_links_stay_whole() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.md");
        let link = dir.path().join("link.md");
        std::fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink("real.md", &link).unwrap();
        write_atomic(&link, b"old", &meta(&link), b"new").unwrap();
        assert!(link.is_symlink());
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
        let other = dir.path().join("other.md");
        std::fs::hard_link(&real, &other).unwrap();
        let r = write_atomic(&real, b"new", &meta(&real), b"newer");
        assert!(
            matches!(r, Err(WriteError::HardLinked { links: 2 })),
            "{r:?}"
        );
        assert_eq!(std::fs::read_to_string(&other).unwrap(), "new");
    }

    #[test]
    fn only_old_regular_temp_files_are_leftovers() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let old = SystemTime::now() - std::time::Duration::from_secs(60);
        for name in [
            ".postlint-abc123.tmp",
            ".postlint-new000.tmp",
            ".postlint-ab.tmp",
            "x.tmp",
        ] {
            std::fs::write(d.join(name), "x").unwrap();
        }
        let f = std::fs::File::options()
            .write(true)
            .open(d.join(".postlint-abc123.tmp"))
            .unwrap();
        f.set_modified(old).unwrap();
        std::fs::write(d.join("victim"), "keep").unwrap();
        std::os::unix::fs::symlink(d.join("victim"), d.join(".postlint-link00.tmp")).unwrap();
        assert_eq!(remove_leftovers([d], SystemTime::now()), 1);
        assert!(!d.join(".postlint-abc123.tmp").exists());
        assert!(d.join(".postlint-new000.tmp").exists(), "too young");
        assert!(d.join(".postlint-ab.tmp").exists() && d.join("x.tmp").exists());
        assert!(d.join(".postlint-link00.tmp").is_symlink());
        assert_eq!(std::fs::read_to_string(d.join("victim")).unwrap(), "keep");
    }

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
        write_atomic(&p, b"old", &meta(&p), b"new").unwrap();
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
            write_atomic(&p, b"older", &meta(&p), b"new"),
            Err(WriteError::ChangedOnDisk)
        ));
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "old");
        let mut perms = std::fs::metadata(&p).unwrap().permissions();
        perms.set_readonly(true);
        std::fs::set_permissions(&p, perms).unwrap();
        assert!(matches!(
            write_atomic(&p, b"old", &meta(&p), b"new"),
            Err(WriteError::ReadOnly)
        ));
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
