//! docs/rules.md is generated from the rules' doc comments; this fails when it
//! is stale. The other conventions (unique codes and names, every heading, one
//! file per rule, a fixture per rule) are checked in src/rules/mod.rs and
//! tests/fixtures.rs.

use std::path::Path;

#[test]
fn docs_rules_md_is_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    let fresh = postlint::rules::docs::render_all();
    assert!(
        committed == fresh,
        "docs/rules.md is stale: regenerate it with `cargo run -- rule --all > docs/rules.md`"
    );
}

#[test]
fn docs_list_every_rule() {
    let text = postlint::rules::docs::render_all();
    for rule in postlint::rules::ALL {
        assert!(
            text.contains(&format!("\n## {} {}\n", rule.code, rule.name)),
            "{}",
            rule.code
        );
    }
}
