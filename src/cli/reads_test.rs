//! How often `postlint check` opens each post, counted by the test hook in
//! [`crate::safe_fs::opened`]: the date-majority pre-pass reads the head of
//! each file, the page index reads each page (for PL407), the lint pass
//! reads each file once, and no pass after the lint pass reads a post again
//! (the convention gate counts PL302's images from the reports).

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
        let text = format!(
            "---\ntitle: P{i}\ndate: 2019-05-{:02} 10:00:00 +0200\n---\n\n<img src=\"https://example.org/{i}.png\"{alt}>\n\n[vorige](/2019/05/01/p0/)\n",
            i + 1
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
    for post in &posts {
        // Date majority, page index, lint.
        assert_eq!(crate::safe_fs::opened::count(post), 3, "{}", post.display());
    }
}
