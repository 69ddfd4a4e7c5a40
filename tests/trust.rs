//! Safe to run on an untrusted pull request: what postlint does with FIFOs,
//! symlinks, other users' files, hard links, planted caches, config files
//! it should not trust, and a full disk.

mod common;

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::*;

const BAD: &str = "---\ndate: 14 May 2019 15:01:53 GMT\ntitle: \"financiÃ«le\"   \nlayout: post\n---\n<p>cafÃ©</p>\n\n";
/// BAD fixed with no config: the damage repaired and the obsolete `GMT`
/// written as `+0000`; the site's key order and date form are its own.
const GOOD: &str = "---\ndate: 14 May 2019 15:01:53 +0000\ntitle: \"financiële\"\nlayout: post\n---\n<p>café</p>\n";

/// A scratch folder holding a site (`site/`, a git repository) and the
/// places around it that a hostile site points at.
struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    fn new(files: &[(&str, &str)]) -> Scratch {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("site/.git")).unwrap();
        std::fs::create_dir_all(dir.path().join("home")).unwrap();
        let s = Scratch { dir };
        for (name, text) in files {
            s.write(name, text);
        }
        s
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn site(&self) -> PathBuf {
        self.path("site")
    }

    fn write(&self, name: &str, text: &str) {
        let p = self.path(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path(name)).unwrap()
    }

    fn link(&self, target: &Path, name: &str) {
        let p = self.path(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(target, p).unwrap();
    }

    /// Runs postlint in `site/` with its own cache home (for the cache key).
    fn run(&self, args: &[&str]) -> Output {
        self.run_in(&self.site(), args)
    }

    fn run_in(&self, dir: &Path, args: &[&str]) -> Output {
        let o = Command::new(env!("CARGO_BIN_EXE_postlint"))
            .args(args)
            .current_dir(dir)
            .env("NO_COLOR", "1")
            .env("HOME", self.path("home"))
            .env("XDG_CACHE_HOME", self.path("home/.cache"))
            .env_remove("COLUMNS")
            .env_remove("GITHUB_ACTIONS")
            .output()
            .unwrap();
        assert_no_panic(&o);
        o
    }
}

fn all(o: &Output) -> String {
    format!("{}{}", stdout(o), stderr(o))
}

fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(ok.success());
}

// Item 1: FIFOs and devices.

#[test]
fn a_fifo_named_or_walked_is_a_finding_not_a_hang() {
    let s = Scratch::new(&[("site/_posts/a.html", GOOD)]);
    mkfifo(&s.path("site/_posts/pipe.md"));
    for args in [
        &["check", "_posts/pipe.md"][..],
        &["check", "."],
        &["fix", "_posts/pipe.md"],
        &["fix", "."],
    ] {
        let mut full = vec!["--offline"];
        if args[0] == "fix" {
            full.clear();
        }
        let mut argv = vec![args[0]];
        argv.extend(full);
        argv.extend(&args[1..]);
        let o = postlint_within(&s.site(), &argv, 10);
        assert_eq!(o.status.code(), Some(1), "{argv:?}: {}", all(&o));
        let text = all(&o);
        assert!(
            text.contains("_posts/pipe.md") && text.contains("FIFO"),
            "{argv:?}: {text}"
        );
        if args[0] == "check" {
            assert!(text.contains("PL902"), "{text}");
        }
    }
    let o = postlint_within(&s.site(), &["check", "/dev/null"], 10);
    assert_eq!(o.status.code(), Some(1), "{}", all(&o));
    assert!(all(&o).contains("device"), "{}", all(&o));
}

// Item 2: symlinks.

#[test]
fn check_never_reads_through_a_link_out_of_the_site() {
    let s = Scratch::new(&[
        ("site/_posts/a.html", GOOD),
        ("secret/env.md", "SECRET_TOKEN=hunter2\n"),
        ("secret/notes.md", BAD),
    ]);
    s.link(&s.path("secret/env.md"), "site/_posts/env.md");
    s.link(Path::new("../../secret"), "site/_posts/ext");
    for args in [
        &["check", "--offline", "."][..],
        &["check", "--offline", "_posts/env.md"],
    ] {
        let o = s.run(args);
        let text = all(&o);
        assert_eq!(o.status.code(), Some(1), "{text}");
        assert!(!text.contains("SECRET_TOKEN"), "{text}");
        assert!(text.contains("outside"), "{text}");
    }
    // Named through a linked folder, as a hand-typed path could be.
    let o = s.run(&["check", "--offline", "_posts/ext/env.md"]);
    assert_eq!(o.status.code(), Some(1), "{}", all(&o));
    assert!(
        !all(&o).contains("SECRET_TOKEN") && all(&o).contains("outside"),
        "{}",
        all(&o)
    );
    let o = s.run(&["check", "--offline", "."]);
    let text = stdout(&o);
    // Each link is reported once, never the files behind it.
    assert_eq!(text.matches("_posts/ext").count(), 1, "{text}");
    assert!(!text.contains("notes.md"), "{text}");
}

#[test]
fn fix_never_writes_through_a_link_out_of_the_site() {
    let s = Scratch::new(&[("site/_posts/a.html", GOOD), ("secret/notes.md", BAD)]);
    s.link(Path::new("../../secret"), "site/_posts/ext");
    s.link(&s.path("secret/notes.md"), "site/_posts/n.md");
    let o = s.run(&["fix", "."]);
    assert_eq!(o.status.code(), Some(1), "{}", all(&o));
    assert!(all(&o).contains("outside"), "{}", all(&o));
    assert_eq!(s.read("secret/notes.md"), BAD);
    assert!(s.path("site/_posts/n.md").is_symlink());
}

#[test]
fn fix_writes_a_links_target_inside_the_site_and_keeps_the_link() {
    let s = Scratch::new(&[("site/drafts/a.html", BAD)]);
    s.link(Path::new("../drafts/a.html"), "site/_posts/a.html");
    let o = s.run(&["fix", "_posts/a.html"]);
    assert_eq!(o.status.code(), Some(0), "{}", all(&o));
    assert!(s.path("site/_posts/a.html").is_symlink());
    assert_eq!(s.read("site/drafts/a.html"), GOOD);
}

// Item 3: owner, group, extended attributes, hard links.

#[test]
fn fix_keeps_owner_group_and_extended_attributes() {
    if !rustix::process::geteuid().is_root() {
        // Changing a file's owner needs root; the check below needs it too.
        eprintln!("not root: ownership is kept by fchown only as root");
        return;
    }
    let s = Scratch::new(&[("site/_posts/a.html", BAD)]);
    let p = s.path("site/_posts/a.html");
    std::os::unix::fs::chown(&p, Some(1234), Some(5678)).unwrap();
    std::fs::set_permissions(&p, std::os::unix::fs::PermissionsExt::from_mode(0o640)).unwrap();
    rustix::fs::setxattr(&p, "user.origin", b"cms", rustix::fs::XattrFlags::empty()).unwrap();
    let o = s.run(&["fix", "."]);
    assert_eq!(o.status.code(), Some(0), "{}", all(&o));
    assert_eq!(s.read("site/_posts/a.html"), GOOD);
    let m = std::fs::metadata(&p).unwrap();
    assert_eq!((m.uid(), m.gid(), m.mode() & 0o7777), (1234, 5678, 0o640));
    let mut buf = [0u8; 16];
    let n = rustix::fs::getxattr(&p, "user.origin", &mut buf[..]).unwrap();
    assert_eq!(&buf[..n], b"cms");
}

#[test]
fn fix_never_splits_hard_links() {
    let s = Scratch::new(&[("site/_posts/a.html", BAD)]);
    std::fs::hard_link(s.path("site/_posts/a.html"), s.path("site/b.html")).unwrap();
    let o = s.run(&["fix", "_posts/a.html"]);
    let text = all(&o);
    assert_eq!(o.status.code(), Some(1), "{text}");
    assert!(text.contains("hard link"), "{text}");
    let a = std::fs::metadata(s.path("site/_posts/a.html")).unwrap();
    let b = std::fs::metadata(s.path("site/b.html")).unwrap();
    assert_eq!((a.ino(), a.nlink()), (b.ino(), 2));
    assert_eq!(s.read("site/_posts/a.html"), BAD);
}

// Item 4: caches.

fn cache_entries(site: &Path) -> Vec<PathBuf> {
    match std::fs::read_dir(site.join(".postlint-cache/files")) {
        Ok(rd) => rd.map(|e| e.unwrap().path()).collect(),
        Err(_) => Vec::new(),
    }
}

#[test]
fn a_doctored_or_foreign_findings_cache_is_not_trusted() {
    let s = Scratch::new(&[("site/_posts/a.html", BAD)]);
    let o = s.run(&["check", "--offline", "."]);
    assert_eq!(o.status.code(), Some(1));
    let entries = cache_entries(&s.site());
    assert_eq!(entries.len(), 1);
    // Drop the findings from the entry, as a pull request could.
    let text = std::fs::read_to_string(&entries[0]).unwrap();
    let start = text.find("\"diagnostics\":[").unwrap();
    let doctored = format!("{}\"diagnostics\":[]}}", &text[..start]);
    std::fs::write(&entries[0], doctored).unwrap();
    let o = s.run(&["check", "--offline", "."]);
    assert_eq!(o.status.code(), Some(1), "{}", all(&o));
    assert!(stdout(&o).contains("PL101"), "{}", stdout(&o));

    // An entry written on another machine (another key) is not used either.
    let other = Scratch::new(&[("site/_posts/a.html", BAD)]);
    other.run(&["check", "--offline", "."]);
    let planted = cache_entries(&other.site());
    let mine = cache_entries(&s.site());
    let text = std::fs::read_to_string(&planted[0]).unwrap();
    let start = text.find("\"diagnostics\":[").unwrap();
    std::fs::write(&mine[0], format!("{}\"diagnostics\":[]}}", &text[..start])).unwrap();
    let o = s.run(&["check", "--offline", "."]);
    assert_eq!(o.status.code(), Some(1), "{}", all(&o));
}

#[test]
fn a_planted_link_cache_success_does_not_hide_a_blocked_address() {
    let s = Scratch::new(&[(
        "site/_posts/a.html",
        "---\nlayout: post\ntitle: \"x\"\ndate: Tue, 14 May 2019 15:01:53 +0000\n---\n<p><img src=\"https://169.254.169.254/latest.png\" alt=\"x\"></p>\n",
    )]);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let ok = "{\"response\":{\"status\":200,\"content_type\":\"image/png\",\"sniffed\":null,\"redirects\":[]}}";
    s.write(
        "site/.postlint-cache/links-v1.json",
        &format!(
            "{{\"version\":1,\"entries\":{{\"https://169.254.169.254/latest.png\":{{\"checked\":{now},\"outcome\":{ok}}}}}}}"
        ),
    );
    let o = s.run(&["check", "."]);
    assert_eq!(o.status.code(), Some(1), "{}", all(&o));
    assert!(stdout(&o).contains("PL406"), "{}", all(&o));
}

// Item 5: where caches are written.

#[test]
fn cache_file_outside_the_cache_folder_is_a_config_error() {
    let s = Scratch::new(&[
        ("site/_posts/a.html", GOOD),
        ("victim/important.conf", "keep\n"),
    ]);
    s.write(
        "site/postlint.toml",
        "[links]\ncache-file = \"../victim/important.conf\"\n",
    );
    let o = s.run(&["check", "."]);
    assert_eq!(o.status.code(), Some(2), "{}", all(&o));
    assert!(stderr(&o).contains("cache-file"), "{}", stderr(&o));
    assert_eq!(s.read("victim/important.conf"), "keep\n");
    s.write(
        "site/postlint.toml",
        "[links]\ncache-file = \"/tmp/x.json\"\n",
    );
    let o = s.run(&["check", "."]);
    assert_eq!(o.status.code(), Some(2), "{}", all(&o));
    // Below the config's folder is not enough: a corrupt cache is replaced,
    // so `.git/HEAD` or a post named as the cache would be overwritten.
    s.write("site/.git/HEAD", "ref: refs/heads/main\n");
    for inside in [".git/HEAD", "_posts/a.html"] {
        s.write(
            "site/postlint.toml",
            &format!("[links]\ncache-file = \"{inside}\"\n"),
        );
        let o = s.run(&["check", "."]);
        assert_eq!(o.status.code(), Some(2), "{inside}: {}", all(&o));
        assert!(stderr(&o).contains(".postlint-cache/"), "{}", stderr(&o));
    }
    assert_eq!(s.read("site/.git/HEAD"), "ref: refs/heads/main\n");
    assert_eq!(s.read("site/_posts/a.html"), GOOD);
}

#[test]
fn a_cache_folder_that_is_a_link_is_not_written_to() {
    let s = Scratch::new(&[("site/_posts/a.html", BAD)]);
    std::fs::create_dir_all(s.path("elsewhere")).unwrap();
    s.link(&s.path("elsewhere"), "site/.postlint-cache");
    let o = s.run(&["check", "--offline", "."]);
    assert_eq!(o.status.code(), Some(1), "{}", all(&o));
    assert_eq!(std::fs::read_dir(s.path("elsewhere")).unwrap().count(), 0);
    assert_eq!(stderr(&o).matches("link").count(), 1, "{}", stderr(&o));
}

// Item 6: config discovery.

#[test]
fn config_discovery_stops_at_the_repository_root() {
    let s = Scratch::new(&[("site/_posts/a.html", BAD)]);
    s.write("postlint.toml", "[rules]\nignore = [\"ALL\"]\n");
    let o = s.run(&["check", "--offline", "."]);
    assert_eq!(o.status.code(), Some(1), "{}", all(&o));
}

#[test]
fn a_config_owned_by_another_user_is_ignored() {
    if !rustix::process::geteuid().is_root() {
        eprintln!("not root: cannot give a file to another user");
        return;
    }
    let s = Scratch::new(&[("site/_posts/a.html", BAD)]);
    s.write("site/postlint.toml", "[rules]\nignore = [\"ALL\"]\n");
    std::os::unix::fs::chown(s.path("site/postlint.toml"), Some(4321), Some(4321)).unwrap();
    let o = s.run(&["check", "--offline", "."]);
    assert_eq!(o.status.code(), Some(1), "{}", all(&o));
    assert_eq!(stderr(&o).matches("owned by").count(), 1, "{}", stderr(&o));
    // The owner of the checked tree (the posts' folder) may configure it, also for root.
    for dir in ["site", "site/_posts"] {
        std::os::unix::fs::chown(s.path(dir), Some(4321), Some(4321)).unwrap();
    }
    let o = s.run(&["check", "--offline", "."]);
    assert_eq!(o.status.code(), Some(0), "{}", all(&o));
}

// Item 7: a full disk, and leftovers of a killed run.

#[test]
fn a_full_disk_is_reported_not_nothing_to_fix() {
    if !rustix::process::geteuid().is_root() {
        eprintln!("not root: cannot mount a small tmpfs");
        return;
    }
    let s = Scratch::new(&[]);
    let mnt = s.path("site/mnt");
    std::fs::create_dir_all(&mnt).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
        .arg(&mnt)
        .status()
        .is_ok_and(|st| st.success());
    if !mounted {
        eprintln!("mount failed: cannot test a full disk here");
        return;
    }
    let big = BAD.repeat(2000);
    for name in ["a", "b"] {
        std::fs::write(mnt.join(format!("{name}.html")), &big[..20_000]).unwrap();
    }
    // Fill what is left.
    let _ = std::fs::write(mnt.join("filler"), vec![b'x'; 64 * 1024]);
    let o = s.run(&["fix", "mnt/a.html", "mnt/b.html"]);
    let a = std::fs::read(mnt.join("a.html")).unwrap();
    Command::new("umount").arg(&mnt).status().unwrap();
    let text = all(&o);
    assert_eq!(o.status.code(), Some(1), "{text}");
    assert!(!text.contains("Nothing to fix"), "{text}");
    assert!(
        text.contains("could not write 2 files: no space left on device"),
        "{text}"
    );
    assert_eq!(a, &big.as_bytes()[..20_000]);
}

#[test]
fn leftover_temp_files_of_a_killed_run_are_removed() {
    let s = Scratch::new(&[("site/_posts/a.html", BAD), ("victim.tmp", "keep\n")]);
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    let leftover = s.path("site/_posts/.postlint-Ab12Cd.tmp");
    std::fs::write(&leftover, "half").unwrap();
    std::fs::File::options()
        .write(true)
        .open(&leftover)
        .unwrap()
        .set_modified(old)
        .unwrap();
    // Not ours: other names, a link, a folder.
    s.write("site/_posts/.postlint-notes.txt", "keep\n");
    s.link(&s.path("victim.tmp"), "site/_posts/.postlint-Zz99Yy.tmp");
    std::fs::create_dir_all(s.path("site/_posts/.postlint-Dir000.tmp")).unwrap();
    let o = s.run(&["fix", "."]);
    assert_eq!(o.status.code(), Some(0), "{}", all(&o));
    assert!(!leftover.exists());
    assert!(s.path("site/_posts/.postlint-notes.txt").exists());
    assert!(s.path("site/_posts/.postlint-Zz99Yy.tmp").is_symlink());
    assert!(s.path("site/_posts/.postlint-Dir000.tmp").is_dir());
    assert_eq!(s.read("victim.tmp"), "keep\n");
}
