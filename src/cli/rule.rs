//! `postlint rule`: print a rule's documentation.

use std::io::Write;

use miette::IntoDiagnostic;

use super::args::RuleArgs;
use crate::rules::{self, Rule};

fn render(rule: &Rule) -> String {
    format!(
        "# {} {}\n\n{}.\nDefault severity: {}.\n\n{}",
        rule.code,
        rule.name,
        capitalize(rule.summary),
        rule.default_severity.as_str(),
        rule.doc_markdown()
    )
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

pub fn run(args: &RuleArgs, out: &mut dyn Write) -> miette::Result<u8> {
    if args.all {
        let docs: Vec<String> = rules::ALL.iter().map(|r| render(r)).collect();
        write!(out, "{}", docs.join("\n")).into_diagnostic()?;
        return Ok(0);
    }
    let wanted = args.rule.as_deref().unwrap_or_default();
    match rules::lookup(wanted) {
        Some(rule) => {
            write!(out, "{}", render(rule)).into_diagnostic()?;
            Ok(0)
        }
        None => Err(miette::miette!(
            help = "`postlint rule --all` lists every rule",
            "no rule has the code or name `{wanted}`"
        )),
    }
}
