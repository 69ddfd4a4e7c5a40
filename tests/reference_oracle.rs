//! The real generators decide whether a page reference resolves: for each
//! `{% post_url %}` and `{% link %}` (Jekyll) and `ref`/`relref` (Hugo) in
//! a small fixture site, PL411 reports an error exactly when the generator's
//! build fails. Skipped (with a note) when the generator does not run here;
//! in CI, where .ci/run installs them, that fails instead.
#![cfg(unix)]

mod common;

use std::path::Path;
use std::process::Command;

use common::{assert_no_panic, postlint, stderr, stdout};

fn runs(cmd: &str, version: &str) -> bool {
    let ok = Command::new(cmd)
        .arg(version)
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        let in_ci = std::env::var("CI").is_ok_and(|v| v == "true");
        assert!(!in_ci, "{cmd} does not run; .ci/run installs it");
        eprintln!("skipping the {cmd} reference oracle: {cmd} does not run");
    }
    ok
}

fn write(root: &Path, path: &str, text: &str) {
    let full = root.join(path);
    std::fs::create_dir_all(full.parent().unwrap()).unwrap();
    std::fs::write(full, text).unwrap();
}

/// Whether PL411 reports an error in `file` of the site at `root`.
fn postlint_fails(root: &Path, file: &str) -> (bool, String) {
    let o = postlint(
        root,
        &[
            "check",
            "--no-cache",
            "--offline",
            "--select",
            "PL411",
            "--format",
            "concise",
            file,
        ],
    );
    assert_no_panic(&o);
    (o.status.code() == Some(1), stdout(&o))
}

/// Whether the generator's build in `root` fails.
fn build_fails(root: &Path, mut cmd: Command) -> (bool, String) {
    let o = cmd.current_dir(root).output().expect("run the generator");
    (!o.status.success(), format!("{}{}", stdout(&o), stderr(&o)))
}

/// (reference as written in a post body, whether the build should fail).
const JEKYLL_CASES: [(&str, bool); 9] = [
    ("{% post_url 2019-05-14-zendmast %}", false),
    ("{% post_url nieuws/2019-05-15-kabel %}", false),
    // Jekyll's deprecated match: the same slug and day, folder left out.
    ("{% post_url 2019-05-15-kabel %}", false),
    ("{% post_url 2019-05-13-zendmast %}", true),
    ("{% post_url zendmast %}", true),
    ("{% post_url 2019-05-14-zendmastt %}", true),
    ("{% link about.md %}", false),
    ("{% link abuot.md %}", true),
    ("{% raw %}{% post_url 2000-01-01-nope %}{% endraw %}", false),
];

#[test]
fn jekyll_post_url_and_link_agree_with_the_build() {
    if !runs("jekyll", "--version") {
        return;
    }
    for (reference, fails) in JEKYLL_CASES {
        let d = tempfile::tempdir().unwrap();
        let root = d.path();
        write(root, "_config.yml", "title: Oracle\nmarkdown: kramdown\n");
        write(
            root,
            "_layouts/default.html",
            "<main>{{ content }}</main>\n",
        );
        let page = "---\nlayout: default\ntitle: T\n---\nTekst.\n";
        write(root, "_posts/2019-05-14-zendmast.md", page);
        write(root, "nieuws/_posts/2019-05-15-kabel.md", page);
        write(root, "about.md", page);
        let file = "_posts/2019-06-01-a.md";
        write(
            root,
            file,
            &format!("---\nlayout: default\ntitle: A\n---\nZie [dit]({reference}).\n"),
        );
        let mut cmd = Command::new("jekyll");
        cmd.args(["build", "--quiet", "--safe"]);
        let (built_fails, build_log) = build_fails(root, cmd);
        assert_eq!(built_fails, fails, "jekyll on {reference}: {build_log}");
        let (pl_fails, pl_out) = postlint_fails(root, file);
        assert_eq!(pl_fails, fails, "postlint on {reference}: {pl_out}");
    }
}

const HUGO_CASES: [(&str, bool); 7] = [
    ("{{< ref \"b\" >}}", false),
    ("{{< ref \"/blog/b.md\" >}}", false),
    ("{{< ref \"../b\" >}}", false),
    ("{{< relref \"/c\" >}}", false),
    ("{{< ref \"/blog/nope\" >}}", true),
    ("{{< relref \"bb.md\" >}}", true),
    ("{{</* ref \"nope\" */>}}", false),
];

#[test]
fn hugo_ref_and_relref_agree_with_the_build() {
    if !runs("hugo", "version") {
        return;
    }
    for (reference, fails) in HUGO_CASES {
        let d = tempfile::tempdir().unwrap();
        let root = d.path();
        write(
            root,
            "hugo.toml",
            "baseURL = \"https://example.org/\"\ntitle = \"Oracle\"\ndisableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\", \"robotsTXT\"]\n",
        );
        write(
            root,
            "layouts/_default/single.html",
            "<main>{{ .Content }}</main>\n",
        );
        write(
            root,
            "layouts/_default/list.html",
            "<main>{{ .Content }}</main>\n",
        );
        write(root, "content/blog/b.md", "---\ntitle: B\n---\nTekst.\n");
        write(root, "content/c/_index.md", "---\ntitle: C\n---\nTekst.\n");
        let file = "content/blog/a/index.md";
        write(
            root,
            file,
            &format!("---\ntitle: A\n---\nZie [dit]({reference}).\n"),
        );
        let mut cmd = Command::new("hugo");
        cmd.arg("--quiet");
        let (built_fails, build_log) = build_fails(root, cmd);
        assert_eq!(built_fails, fails, "hugo on {reference}: {build_log}");
        let (pl_fails, pl_out) = postlint_fails(root, file);
        assert_eq!(pl_fails, fails, "postlint on {reference}: {pl_out}");
    }
}
