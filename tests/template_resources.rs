//! Images passed to template calls are resources: PL404 checks them the
//! way the call reads them, and the finding names the call.
#![cfg(unix)]

mod common;

use std::path::Path;

use common::json_diagnostics;

fn write(root: &Path, path: &str, text: &str) {
    let full = root.join(path);
    std::fs::create_dir_all(full.parent().unwrap()).unwrap();
    std::fs::write(full, text).unwrap();
}

/// (file, what the finding underlines, its message) of each PL404 finding.
fn missing(root: &Path) -> Vec<(String, String, String)> {
    let diags = json_diagnostics(root, &["--no-cache", "--offline", "--select", "PL404"]);
    let mut out: Vec<_> = diags
        .iter()
        .map(|d| {
            let file = d["file"]
                .as_str()
                .unwrap()
                .trim_start_matches("./")
                .to_string();
            let text = std::fs::read_to_string(root.join(&file)).unwrap();
            let r = &d["byte_range"];
            let (a, b) = (
                r[0].as_u64().unwrap() as usize,
                r[1].as_u64().unwrap() as usize,
            );
            (
                file,
                text[a..b].to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn hugo_figure_and_custom_shortcodes() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    write(root, "hugo.toml", "title = 'x'\n");
    write(root, "static/img/ok.png", "");
    // hugoDocs' `img` shortcode reads Hugo's assets folder.
    write(root, "assets/images/zion.jpg", "");
    write(root, "content/blog/a/photo.jpg", "");
    write(
        root,
        "content/blog/a/index.md",
        "---\ntitle: A\n---\n{{< figure src=\"/img/ok.png\" >}}\n{{< figure src=\"/img/nope.png\" alt=\"x\" >}}\n{{< figure src=\"photo.jpg\" >}}\n{{< img src=\"images/zion.jpg\" >}}\n{{< img src=\"images/gone.jpg\" >}}\n{{</* figure src=\"/img/escaped.png\" */>}}\n",
    );
    let got = missing(root);
    let shown: Vec<_> = got.iter().map(|(_, t, _)| t.as_str()).collect();
    assert_eq!(shown, ["/img/nope.png", "images/gone.jpg"], "{got:#?}");
    assert!(got[0].2.ends_with("passed to `figure`"), "{}", got[0].2);
}

#[test]
fn jekyll_includes_and_hexo_asset_tags() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    write(root, "_config.yml", "title: x\n");
    write(root, "assets/ok.png", "");
    write(
        root,
        "_posts/2019-05-14-a.md",
        "---\ntitle: A\n---\n{% include figure.html image_path=\"/assets/nope.png\" %}\n{% include figure.html image_path=\"assets/ok.png\" %}\n{% include figure.html image_path=page.teaser %}\n{% highlight liquid %}{% include figure.html image_path=\"/assets/code.png\" %}{% endhighlight %}\n",
    );
    let got = missing(root);
    let shown: Vec<_> = got.iter().map(|(_, t, _)| t.as_str()).collect();
    assert_eq!(shown, ["/assets/nope.png"], "{got:#?}");
    assert!(got[0].2.contains("include figure.html"), "{}", got[0].2);

    let h = tempfile::tempdir().unwrap();
    let root = h.path();
    write(
        root,
        "_config.yml",
        "title: x\npermalink: :year/:month/:day/:title/\npost_asset_folder: true\n",
    );
    write(
        root,
        "package.json",
        "{\"dependencies\": {\"hexo\": \"^7.0.0\"}}\n",
    );
    write(root, "source/_posts/hallo/zendmast.jpg", "");
    write(
        root,
        "source/_posts/hallo.md",
        "---\ntitle: Hallo\ndate: 2019-05-14 10:00:00\n---\n{% asset_img zendmast.jpg Een zendmast %}\n{% asset_img kabel.jpg %}\n",
    );
    let got = missing(root);
    let shown: Vec<_> = got.iter().map(|(_, t, _)| t.as_str()).collect();
    assert_eq!(shown, ["kabel.jpg"], "{got:#?}");
    assert!(got[0].2.contains("`asset_img`"), "{}", got[0].2);
}
