//! Opening files that an untrusted checkout may have booby-trapped: a FIFO
//! or device where a post should be (opening it would block or read
//! forever), a symlink where a cache file should be.

use std::fs::{File, FileType, Metadata, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::Path;

use rustix::fs::OFlags;

/// What a file system entry is, as a noun phrase for messages.
pub fn kind(t: FileType) -> &'static str {
    if t.is_file() {
        "a regular file"
    } else if t.is_dir() {
        "a folder"
    } else if t.is_symlink() {
        "a symbolic link"
    } else if t.is_fifo() {
        "a FIFO (named pipe)"
    } else if t.is_char_device() {
        "a character device"
    } else if t.is_block_device() {
        "a block device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    }
}

/// The error for an entry that is not a regular file.
pub fn not_regular(t: FileType) -> io::Error {
    io::Error::other(format!(
        "it is {}, not a regular file: postlint reads only regular files",
        kind(t)
    ))
}

/// Opens `path` for reading only if it is a regular file. `O_NONBLOCK` makes
/// opening a FIFO return at once instead of waiting for a writer; with
/// `follow_links` false, a symlink in the last component is refused.
pub fn open_regular(path: &Path, follow_links: bool) -> io::Result<(File, Metadata)> {
    #[cfg(test)]
    opened::note(path);
    let mut flags = OFlags::NONBLOCK;
    if !follow_links {
        flags |= OFlags::NOFOLLOW;
    }
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(flags.bits() as i32)
        .open(path)
        .map_err(|e| {
            // ELOOP from O_NOFOLLOW: say what it means.
            if !follow_links && std::fs::symlink_metadata(path).is_ok_and(|m| m.is_symlink()) {
                io::Error::other("it is a symbolic link, which is not followed here")
            } else {
                e
            }
        })?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(not_regular(meta.file_type()));
    }
    Ok((file, meta))
}

/// A count of the opens of each file, for the tests that pin how often a
/// run reads a post (tests run in parallel, each in its own folder, so the
/// count is by absolute path).
#[cfg(test)]
pub mod opened {
    use std::collections::HashMap;
    use std::path::{Path, PathBuf};
    use std::sync::Mutex;

    static OPENED: Mutex<Option<HashMap<PathBuf, usize>>> = Mutex::new(None);

    pub(super) fn note(path: &Path) {
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        if let Ok(mut map) = OPENED.lock() {
            *map.get_or_insert_with(HashMap::new)
                .entry(path)
                .or_default() += 1;
        }
    }

    /// How many times `path` was opened so far.
    pub fn count(path: &Path) -> usize {
        let path = std::path::absolute(path).unwrap();
        OPENED
            .lock()
            .unwrap()
            .as_ref()
            .and_then(|m| m.get(&path).copied())
            .unwrap_or(0)
    }
}

/// Creates `path` with `bytes`, or replaces a regular file there; a symlink
/// there is refused rather than written through.
pub fn write_no_follow(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o644)
        .custom_flags((OFlags::NOFOLLOW | OFlags::NONBLOCK).bits() as i32)
        .open(path)?;
    if !file.metadata()?.is_file() {
        return Err(io::Error::other(format!(
            "{} is not a regular file",
            path.display()
        )));
    }
    file.write_all(bytes)
}

/// Whether `path` itself (not what it points to) is a symlink.
pub fn is_symlink(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fifos_and_links_are_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("p");
        rustix::fs::mknodat(
            rustix::fs::CWD,
            &fifo,
            rustix::fs::FileType::Fifo,
            rustix::fs::Mode::from_raw_mode(0o644),
            0,
        )
        .unwrap();
        let e = open_regular(&fifo, true).unwrap_err();
        assert!(e.to_string().contains("FIFO"), "{e}");
        let real = dir.path().join("a");
        std::fs::write(&real, "a").unwrap();
        let link = dir.path().join("l");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        assert!(open_regular(&link, true).is_ok());
        let e = open_regular(&link, false).unwrap_err();
        assert!(e.to_string().contains("symbolic link"), "{e}");
        assert!(write_no_follow(&link, b"x").is_err());
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "a");
        write_no_follow(&dir.path().join("new"), b"x").unwrap();
        assert!(is_symlink(&link) && !is_symlink(&real));
    }
}
