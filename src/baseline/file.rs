//! The baseline file on disk: where `[rules] baseline` points (inside the
//! config's folder, through no link), reading it bounded, writing it
//! atomically.

use std::io::Read as _;
use std::path::{Component, Path, PathBuf};

use super::{Baseline, MAX_SIZE, config_dir};
use crate::config::{ConfigError, Settings};

/// Where `written` (the `baseline` key of `config_file`) points, refused
/// unless it is a relative path below the config's folder that goes
/// through no symbolic link: a checkout must not make postlint read or
/// write outside the site.
pub fn resolve_path(config_file: &Path, written: &str) -> Result<PathBuf, ConfigError> {
    let invalid = |why: String| ConfigError::Invalid {
        path: config_file.to_path_buf(),
        message: format!("`rules.baseline = {written:?}` {why}"),
    };
    let rel = Path::new(written);
    if written.is_empty() || rel.is_absolute() {
        return Err(invalid(
            "must be a path relative to the config's folder, such as \"postlint-baseline.toml\""
                .into(),
        ));
    }
    if rel
        .components()
        .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return Err(invalid(
            "leaves the config's folder (`..`): the baseline must be inside the site".into(),
        ));
    }
    let dir = config_dir(config_file);
    let mut at = dir.clone();
    for part in rel.components() {
        at.push(part);
        if crate::safe_fs::is_symlink(&at) {
            return Err(invalid(format!(
                "goes through `{}`, a symbolic link: postlint reads and writes its baseline only in real folders and files",
                at.strip_prefix(&dir).unwrap_or(&at).display()
            )));
        }
    }
    Ok(at)
}

/// Reads and parses the baseline at `path` (from [`resolve_path`]): a
/// regular file of at most [`MAX_SIZE`] bytes, never through a link.
pub fn read(path: &Path) -> Result<Baseline, ConfigError> {
    let read_error = |source: std::io::Error| ConfigError::Read {
        path: path.to_path_buf(),
        source,
    };
    let (file, meta) = crate::safe_fs::open_regular(path, false).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            read_error(std::io::Error::new(
                e.kind(),
                "no such file: `postlint baseline` writes it",
            ))
        } else {
            read_error(e)
        }
    })?;
    if meta.len() > MAX_SIZE {
        return Err(ConfigError::Invalid {
            path: path.to_path_buf(),
            message: format!(
                "the baseline is {} bytes, more than the {MAX_SIZE} postlint reads",
                meta.len()
            ),
        });
    }
    let mut text = String::new();
    file.take(MAX_SIZE + 1)
        .read_to_string(&mut text)
        .map_err(read_error)?;
    Baseline::parse(&text, path)
}

/// The baseline named in `settings`' config, with its path: `None` when the
/// config names none.
pub fn of_settings(settings: &Settings) -> Result<Option<(PathBuf, Baseline)>, ConfigError> {
    let (Some(source), Some(written)) = (&settings.source, &settings.config.rules.baseline) else {
        return Ok(None);
    };
    let path = resolve_path(source, written)?;
    let baseline = read(&path)?;
    Ok(Some((path, baseline)))
}

/// Writes `text` to `path` (from [`resolve_path`]): atomically over the
/// file there (src/write.rs), else as a new file; never through a link.
pub fn write_file(path: &Path, text: &str) -> Result<(), crate::write::WriteError> {
    use crate::write::WriteError;
    if crate::safe_fs::is_symlink(path) {
        return Err(WriteError::NotRegular(std::io::Error::other(
            "it is a symbolic link, which postlint does not write through",
        )));
    }
    match crate::post::read::read_capped_with_meta(path, MAX_SIZE) {
        Ok((original, seen)) => crate::write::write_atomic(path, &original, &seen, text.as_bytes()),
        Err(crate::post::read::ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
            crate::safe_fs::write_no_follow(path, text.as_bytes()).map_err(WriteError::Io)
        }
        Err(crate::post::read::ReadError::Io(e)) => Err(WriteError::Io(e)),
        Err(e) => Err(WriteError::Io(std::io::Error::other(e.to_string()))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_config_folder() {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("postlint.toml");
        assert_eq!(
            resolve_path(&config, "postlint-baseline.toml").unwrap(),
            dir.path().join("postlint-baseline.toml")
        );
        for bad in ["../x.toml", "/etc/passwd", "a/../../x.toml", ""] {
            let e = resolve_path(&config, bad).unwrap_err().to_string();
            assert!(
                e.contains("postlint.toml") && e.contains("rules.baseline"),
                "{bad}: {e}"
            );
        }
        let outside = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("out")).unwrap();
        let e = resolve_path(&config, "out/b.toml").unwrap_err().to_string();
        assert!(e.contains("symbolic link"), "{e}");
        std::os::unix::fs::symlink("/etc/passwd", dir.path().join("b.toml")).unwrap();
        assert!(resolve_path(&config, "b.toml").is_err());
    }

    #[test]
    fn large_and_missing_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.toml");
        std::fs::write(&big, vec![b'#'; MAX_SIZE as usize + 1]).unwrap();
        let e = read(&big).unwrap_err().to_string();
        assert!(e.contains("big.toml") && e.contains("more than"), "{e}");
        let e = read(&dir.path().join("none.toml")).unwrap_err().to_string();
        assert!(
            e.contains("none.toml") && e.contains("postlint baseline"),
            "{e}"
        );
    }
}
