//! A folder without a generator config: every file is content, served from
//! the folder itself.

use std::path::Path;

use super::{Folder, Generator, Site};

pub fn site(root: &Path) -> Site {
    let mut site = Site::empty(Generator::Plain, root, None);
    site.content.push(Folder::new(".", Some("/")));
    site.content_only = false;
    site
}
