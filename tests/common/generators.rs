//! Finding the real generators (Jekyll, Hugo, Eleventy, …) the tests build
//! sites with: skipped where absent, a failure in CI, where .ci/run installs
//! them.

use std::path::PathBuf;
use std::process::Command;

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// The generator's command: `$var` when set, else the first of `paths`
/// (relative to the crate) that exists, else `name` on PATH. `None`, after
/// saying why, when it does not run (`version` is how to ask it its
/// version); in CI that fails the test instead.
pub fn tool(name: &str, var: &str, paths: &[&str], version: &str) -> Option<PathBuf> {
    let found = std::env::var_os(var)
        .map(PathBuf::from)
        .or_else(|| {
            paths
                .iter()
                .map(|p| manifest().join(p))
                .find(|p| p.is_file())
        })
        .unwrap_or_else(|| PathBuf::from(name));
    let runs = Command::new(&found)
        .arg(version)
        .output()
        .is_ok_and(|o| o.status.success());
    if runs {
        return Some(found);
    }
    assert!(
        !in_ci(),
        "{name} does not run ({}); .ci/run installs it",
        found.display()
    );
    eprintln!(
        "skipping the {name} check: {} does not run (run .ci/run, or set {var})",
        found.display()
    );
    None
}
