//! The layers stay apart (issue 12): `src/resources/` is pure extraction (no
//! I/O, nothing from the network side), and `src/links/` turns URLs into
//! outcomes without knowing the rules, the pipeline or suppressions. Checked
//! on the source text, since the compiler would accept either direction.

use std::fs;
use std::path::{Path, PathBuf};

/// Every `.rs` file below `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The crate modules a file names: `crate::x` paths, and the names inside
/// `crate::{x, y::z}` groups. White space is dropped first so that a path
/// split over lines still counts.
fn crate_modules(source: &str) -> Vec<String> {
    let text: String = source.chars().filter(|c| !c.is_whitespace()).collect();
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut out = Vec::new();
    for (i, _) in text.match_indices("crate::") {
        let rest = &text[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0usize;
            let mut start = 0;
            for (j, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        out.push(ident(&group[start..j]));
                        break;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        out.push(ident(&group[start..j]));
                        start = j + 1;
                    }
                    _ => {}
                }
            }
        } else {
            out.push(ident(rest));
        }
    }
    out.retain(|m| !m.is_empty());
    out
}

/// Each file below `src/<dir>` that uses one of the crate `modules` or
/// contains one of the `words` (such as `std::fs`), with what it names.
fn offenders(dir: &str, modules: &[&str], words: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(dir);
    let mut out = Vec::new();
    for path in rust_files(&root) {
        let source = fs::read_to_string(&path).unwrap();
        let shown = path.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap();
        for m in crate_modules(&source) {
            if modules.contains(&m.as_str()) {
                out.push(format!("{}: crate::{m}", shown.display()));
            }
        }
        for w in words {
            if source.contains(w) {
                out.push(format!("{}: {w}", shown.display()));
            }
        }
    }
    out
}

#[test]
fn module_names_are_read_from_paths_and_groups() {
    assert_eq!(
        crate_modules(
            "use crate::rules::{self, x};\nuse crate::{\n  lint::FileReport,\n  post::{Post, read},\n};\nlet a = crate ::\n suppression::apply;"
        ),
        ["rules", "lint", "post", "suppression"]
    );
}

#[test]
fn the_link_phase_knows_no_rules() {
    let found = offenders("links", &["rules", "lint", "suppression", "cli"], &[]);
    assert!(
        found.is_empty(),
        "src/links/ must not use the rules, the pipeline or suppressions \
         (turn outcomes into findings in src/rules/ or src/lint/links.rs):\n{}",
        found.join("\n")
    );
}

#[test]
fn resources_are_pure() {
    let found = offenders(
        "resources",
        &["links", "safe_fs", "cli", "cache", "write"],
        &["std::fs", "std::net", "File::", "read_capped"],
    );
    assert!(
        found.is_empty(),
        "src/resources/ must do no I/O and use nothing from src/links/:\n{}",
        found.join("\n")
    );
}
