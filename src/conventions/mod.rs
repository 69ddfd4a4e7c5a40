//! A site's own conventions: what its files show it keeps (white space,
//! alt text, key order, date form), used to gate the rules that state a
//! preference ([`gate`]) and written down by `postlint init` ([`infer`]).

pub mod config_text;
pub mod editorconfig;
pub mod gate;
pub mod infer;
pub mod markdownlint;
pub mod sample;

/// The text of a site's own config file at `path`: a regular file only (a
/// symlink could point out of the site), at most `max` bytes read. Missing
/// or unreadable: `None`, and the file says nothing.
fn read_site_file(path: &std::path::Path, max: u64) -> Option<String> {
    use std::io::Read;
    let (file, _) = crate::safe_fs::open_regular(path, false).ok()?;
    let mut bytes = Vec::new();
    file.take(max).read_to_end(&mut bytes).ok()?;
    Some(String::from_utf8_lossy(&bytes).into_owned())
}
