//! Extended attributes (ACLs, SELinux labels, `user.*` notes) copied from a
//! file to its replacement, so `fix` does not silently drop them.

use std::fs::File;
use std::io;

use rustix::fs::XattrFlags;

/// The names of `file`'s extended attributes; none where the file system
/// has no such thing.
fn names(file: &File) -> io::Result<Vec<Vec<u8>>> {
    let size = match rustix::fs::flistxattr_query(file) {
        Ok(n) => n,
        Err(rustix::io::Errno::NOTSUP) => return Ok(Vec::new()),
        Err(e) => return Err(e.into()),
    };
    if size == 0 {
        return Ok(Vec::new());
    }
    let mut buf = vec![0u8; size];
    let n = rustix::fs::flistxattr(file, &mut buf[..])?;
    buf.truncate(n);
    Ok(buf
        .split(|&b| b == 0)
        .filter(|n| !n.is_empty())
        .map(<[u8]>::to_vec)
        .collect())
}

fn value(file: &File, name: &[u8]) -> io::Result<Vec<u8>> {
    let size = rustix::fs::fgetxattr_query(file, name)?;
    let mut buf = vec![0u8; size];
    if size > 0 {
        let n = rustix::fs::fgetxattr(file, name, &mut buf[..])?;
        buf.truncate(n);
    }
    Ok(buf)
}

/// Gives `to` exactly the extended attributes of `from`. On failure, the
/// attribute's name and the error: the caller then leaves the file alone.
/// Attributes `to` got by itself (a folder's default ACL) and `from` lacks
/// are removed where the system allows.
pub fn copy(from: &File, to: &File) -> Result<(), (String, io::Error)> {
    let shown = |n: &[u8]| String::from_utf8_lossy(n).into_owned();
    let wanted = names(from).map_err(|e| ("(list)".to_string(), e))?;
    for name in &wanted {
        let v = value(from, name).map_err(|e| (shown(name), e))?;
        rustix::fs::fsetxattr(to, name.as_slice(), &v, XattrFlags::empty())
            .map_err(|e| (shown(name), e.into()))?;
    }
    if let Ok(own) = names(to) {
        for name in own.iter().filter(|n| !wanted.contains(n)) {
            // Best effort: a label the system insists on stays.
            let _ = rustix::fs::fremovexattr(to, name.as_slice());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_attributes_are_copied() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a");
        let b = dir.path().join("b");
        std::fs::write(&a, "a").unwrap();
        std::fs::write(&b, "b").unwrap();
        rustix::fs::setxattr(&a, "user.origin", b"cms", XattrFlags::empty()).unwrap();
        rustix::fs::setxattr(&b, "user.stale", b"x", XattrFlags::empty()).unwrap();
        copy(&File::open(&a).unwrap(), &File::open(&b).unwrap()).unwrap();
        let b_file = File::open(&b).unwrap();
        assert_eq!(names(&b_file).unwrap(), vec![b"user.origin".to_vec()]);
        assert_eq!(value(&b_file, b"user.origin").unwrap(), b"cms");
    }
}
