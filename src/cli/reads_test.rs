//! How often `postlint check` opens each post, counted by the test hook in
//! [`crate::safe_fs::opened`]: the page index reads each page (for PL407)
//! and the lint pass reads each file once; the date majority (PL258) is
//! counted from the lint pass's reads, and only a file whose date form
//! disagrees with it is linted again; the convention gate counts PL302's
//! images from the reports.

use clap::Parser;

use super::args::{Cli, Command};

#[test]
fn a_check_opens_each_post_once_per_pass_and_never_after_linting() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("_config.yml"), "title: x\n").unwrap();
    std::fs::create_dir_all(root.join("_posts")).unwrap();
    let mut posts = Vec::new();
    for i in 0..12 {
        // A third of the images have no alt: the gate counts every image.
        let alt = if i % 3 == 0 { "" } else { " alt=\"Kaart\"" };
        // One date of twelve is RFC 2822: PL258's minority.
        let date = if i == 0 {
            "Wed, 01 May 2019 10:00:00 +0200".to_string()
        } else {
            format!("2019-05-{:02} 10:00:00 +0200", i + 1)
        };
        let text = format!(
            "---\ntitle: P{i}\ndate: {date}\n---\n\n<img src=\"https://example.org/{i}.png\"{alt}>\n\n[vorige](/2019/05/01/p0/)\n"
        );
        let path = root.join(format!("_posts/2019-05-{:02}-p{i}.md", i + 1));
        std::fs::write(&path, text).unwrap();
        posts.push(path);
    }
    let args = [
        "postlint",
        "check",
        "--offline",
        "--no-cache",
        "--format",
        "json",
        root.to_str().unwrap(),
    ];
    let Command::Check(check) = Cli::parse_from(args).command else {
        panic!("not a check");
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    super::check::run(&check, &mut out, &mut err).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let gated: Vec<&str> = json["summary"]["conventions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["code"].as_str())
        .collect();
    assert_eq!(gated, ["PL302"], "{json}");
    let minority: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "PL258")
        .filter_map(|d| d["file"].as_str())
        .collect();
    assert_eq!(minority.len(), 1, "{json}");
    assert!(minority[0].ends_with("2019-05-01-p0.md"), "{json}");
    for (i, post) in posts.iter().enumerate() {
        // Page index, lint; the minority's file linted again.
        let want = if i == 0 { 3 } else { 2 };
        assert_eq!(
            crate::safe_fs::opened::count(post),
            want,
            "{}",
            post.display()
        );
    }
}
