//! Reading a file's bytes with a size cap, and turning them into text without
//! ever losing the byte positions of the original.

use std::io::Read;
use std::path::Path;

/// Why a file's bytes could not be had.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("file is {size} bytes, over the limit of {limit} bytes")]
    TooLarge { size: u64, limit: u64 },
}

/// Reads at most `limit` bytes; a larger file is an error without reading it all.
/// Only a regular file is read: a FIFO or a device is an error, never a wait.
pub fn read_capped(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    read_capped_with_meta(path, limit).map(|(bytes, _)| bytes)
}

/// [`read_capped`], plus the file's metadata as it was when opened (before
/// reading), so a writer can tell later whether the file changed since.
pub fn read_capped_with_meta(
    path: &Path,
    limit: u64,
) -> Result<(Vec<u8>, std::fs::Metadata), ReadError> {
    let (file, meta) = crate::safe_fs::open_regular(path, true)?;
    if meta.len() > limit {
        return Err(ReadError::TooLarge {
            size: meta.len(),
            limit,
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // Read one byte past the limit so a file that grew since stat is still caught.
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok((bytes, meta))
}

/// What decoding found. The text keeps every byte of the original at its offset.
#[derive(Debug)]
pub enum Decoded {
    /// Valid UTF-8 (a BOM, if any, is kept at offset 0 as U+FEFF).
    Text(String),
    /// Not UTF-8. `valid_up_to` is the byte offset of the first bad sequence;
    /// `lossy` is for showing the file, exact only before that offset.
    NotUtf8 {
        valid_up_to: usize,
        bad_bytes: Vec<u8>,
        binary: bool,
        lossy: String,
        bytes: Vec<u8>,
    },
}

/// How many leading bytes are searched for NUL to call a file binary (as git does).
const BINARY_SNIFF_LEN: usize = 8000;

pub fn decode(bytes: Vec<u8>) -> Decoded {
    match String::from_utf8(bytes) {
        Ok(text) => Decoded::Text(text),
        Err(err) => {
            let utf8 = err.utf8_error();
            let valid_up_to = utf8.valid_up_to();
            let bytes = err.into_bytes();
            let bad_len = utf8.error_len().unwrap_or(bytes.len() - valid_up_to);
            let bad_bytes = bytes[valid_up_to..valid_up_to + bad_len].to_vec();
            let binary = bytes[..bytes.len().min(BINARY_SNIFF_LEN)].contains(&0);
            Decoded::NotUtf8 {
                valid_up_to,
                bad_bytes,
                binary,
                lossy: String::from_utf8_lossy(&bytes).into_owned(),
                bytes,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_utf8_with_bom_is_kept_whole() {
        match decode(b"\xEF\xBB\xBF---\n".to_vec()) {
            Decoded::Text(t) => assert!(t.starts_with('\u{feff}')),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn first_bad_byte_offset() {
        match decode(b"---\ntitle: caf\xE9\n".to_vec()) {
            Decoded::NotUtf8 {
                valid_up_to,
                bad_bytes,
                binary,
                ..
            } => {
                assert_eq!(valid_up_to, 14);
                assert_eq!(bad_bytes, vec![0xE9]);
                assert!(!binary);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn truncated_sequence_at_end() {
        match decode(b"abc\xE2\x80".to_vec()) {
            Decoded::NotUtf8 {
                valid_up_to,
                bad_bytes,
                ..
            } => {
                assert_eq!(valid_up_to, 3);
                assert_eq!(bad_bytes, vec![0xE2, 0x80]);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn png_is_binary() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        match decode(png) {
            Decoded::NotUtf8 {
                valid_up_to,
                binary,
                ..
            } => {
                assert_eq!(valid_up_to, 0);
                assert!(binary);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn too_large_is_refused_without_reading() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big.md");
        std::fs::write(&p, vec![b'a'; 100]).unwrap();
        assert!(matches!(
            read_capped(&p, 10),
            Err(ReadError::TooLarge {
                size: 100,
                limit: 10
            })
        ));
        assert_eq!(read_capped(&p, 100).unwrap().len(), 100);
    }

    #[test]
    fn devices_are_refused_not_read() {
        let e = read_capped(Path::new("/dev/zero"), 10).unwrap_err();
        assert!(e.to_string().contains("character device"), "{e}");
    }
}
