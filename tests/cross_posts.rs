//! The site-wide checks through the binary: two posts published at the same
//! URL (PL408), URLs that differ only in case (PL409), and the same title on
//! two posts of one day (PL410). Each finding names the other file; the
//! checks see every file of the run, the cached ones too, and never compare
//! files of two different sites.

mod common;

use common::*;

fn write(root: &std::path::Path, path: &str, text: &str) {
    let full = root.join(path);
    std::fs::create_dir_all(full.parent().unwrap()).unwrap();
    std::fs::write(full, text).unwrap();
}

/// A Jekyll site (permalink `/:title/`) with one of each problem.
fn jekyll_site(root: &std::path::Path) {
    write(root, "_config.yml", "permalink: /:title/\n");
    write(
        root,
        "_posts/2019-05-14-zendmast.md",
        "---\ntitle: Zendmast\n---\nTekst.\n",
    );
    // Same URL through its own permalink.
    write(
        root,
        "_posts/2019-06-01-andere.md",
        "---\ntitle: Andere\npermalink: /zendmast/\n---\nTekst.\n",
    );
    // Same URL but for case.
    write(
        root,
        "_posts/2019-07-01-Kabel.md",
        "---\ntitle: Kabel\n---\nTekst.\n",
    );
    write(
        root,
        "_posts/2019-07-02-kabel.md",
        "---\ntitle: Kabel klein\n---\nTekst.\n",
    );
    // Same title, same day (another slug).
    write(
        root,
        "_posts/2019-08-01-storm.md",
        "---\ntitle: \"Storm op zee\"\n---\nTekst.\n",
    );
    write(
        root,
        "_posts/2019-08-01-storm-2.md",
        "---\ntitle: Storm op zee\n---\nTekst.\n",
    );
    // Same title, another day: fine.
    write(
        root,
        "_posts/2019-08-02-storm-3.md",
        "---\ntitle: Storm op zee\n---\nTekst.\n",
    );
}

fn findings(root: &std::path::Path, args: &[&str]) -> Vec<(String, String, String)> {
    let mut all = vec!["--select", "PL408,PL409,PL410"];
    all.extend_from_slice(args);
    let mut out: Vec<_> = json_diagnostics(root, &all)
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["file"]
                    .as_str()
                    .unwrap()
                    .trim_start_matches("./")
                    .to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn same_url_case_only_and_same_title_are_found_in_both_files() {
    let d = tempfile::tempdir().unwrap();
    jekyll_site(d.path());
    let got = findings(d.path(), &["--no-cache"]);
    let codes: Vec<_> = got
        .iter()
        .map(|(c, f, _)| (c.as_str(), f.as_str()))
        .collect();
    assert_eq!(
        codes,
        [
            ("PL408", "_posts/2019-05-14-zendmast.md"),
            ("PL408", "_posts/2019-06-01-andere.md"),
            ("PL409", "_posts/2019-07-01-Kabel.md"),
            ("PL409", "_posts/2019-07-02-kabel.md"),
            ("PL410", "_posts/2019-08-01-storm-2.md"),
            ("PL410", "_posts/2019-08-01-storm.md"),
        ],
        "{got:#?}"
    );
    // Each names the other place and the URL.
    assert!(got[0].2.contains("`/zendmast/`"), "{}", got[0].2);
    assert!(
        got[0].2.contains("_posts/2019-06-01-andere.md"),
        "{}",
        got[0].2
    );
    assert!(
        got[1].2.contains("_posts/2019-05-14-zendmast.md"),
        "{}",
        got[1].2
    );
    assert!(got[2].2.contains("`/kabel/`"), "{}", got[2].2);
    assert!(got[4].2.contains("Storm op zee"), "{}", got[4].2);
    assert!(got[4].2.contains("2019-08-01"), "{}", got[4].2);
}

#[test]
fn cached_files_take_part_and_findings_are_not_cached() {
    let d = tempfile::tempdir().unwrap();
    jekyll_site(d.path());
    let cold = findings(d.path(), &[]);
    assert_eq!(cold.len(), 6);
    // Every file is a cache hit now: the site pass still sees them all.
    let warm = findings(d.path(), &[]);
    assert_eq!(cold, warm);
    // One file changes its URL away: the pair is gone warm too, though the
    // other file's report comes from the cache.
    write(
        d.path(),
        "_posts/2019-06-01-andere.md",
        "---\ntitle: Andere\n---\nTekst.\n",
    );
    let after = findings(d.path(), &[]);
    assert!(after.iter().all(|(c, _, _)| c != "PL408"), "{after:#?}");
    assert_eq!(after.len(), 4);
}

#[test]
fn two_sites_are_never_compared() {
    let d = tempfile::tempdir().unwrap();
    for site in ["een", "twee"] {
        let root = d.path().join(site);
        write(&root, "_config.yml", "permalink: /:title/\n");
        write(&root, ".git/HEAD", "");
        write(
            &root,
            "_posts/2019-05-14-zendmast.md",
            "---\ntitle: Zendmast\n---\nTekst.\n",
        );
    }
    assert_eq!(findings(d.path(), &["--no-cache"]), []);
}

#[test]
fn suppressed_and_drafts_are_left_out() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "_config.yml", "permalink: /:title/\n");
    write(
        d.path(),
        "_posts/2019-05-14-zendmast.md",
        "---\ntitle: Zendmast\n---\nTekst.\n",
    );
    // Not published: it overwrites nothing.
    write(
        d.path(),
        "_posts/2019-06-01-andere.md",
        "---\ntitle: Andere\npermalink: /zendmast/\npublished: false\n---\nTekst.\n",
    );
    write(
        d.path(),
        "_posts/2019-06-02-derde.md",
        "---\ntitle: Derde\npermalink: /zendmast/\npostlint-ignore: [PL408]\n---\nTekst.\n",
    );
    let got = findings(d.path(), &["--no-cache"]);
    let files: Vec<_> = got.iter().map(|(_, f, _)| f.as_str()).collect();
    assert_eq!(files, ["_posts/2019-05-14-zendmast.md"], "{got:#?}");
}

#[test]
fn posts_of_two_sections_may_share_a_title() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "_config.yml", "permalink: /:categories/:title/\n");
    // An announcement and the blog post it points to (shaped on a Docsy site).
    write(
        d.path(),
        "news/_posts/2026-02-02-kubecon.md",
        "---\ntitle: KubeCon Europe 2026\n---\nTekst.\n",
    );
    write(
        d.path(),
        "events/_posts/2026-02-02-kubecon-eu.md",
        "---\ntitle: KubeCon Europe 2026\n---\nTekst.\n",
    );
    // Translations share the title and the day too.
    write(
        d.path(),
        "en/news/_posts/2026-02-03-release.md",
        "---\ntitle: Release\n---\nTekst.\n",
    );
    write(
        d.path(),
        "ja/news/_posts/2026-02-03-release.md",
        "---\ntitle: Release\n---\nTekst.\n",
    );
    assert_eq!(findings(d.path(), &["--no-cache"]), []);
}
