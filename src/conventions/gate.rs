//! Site-convention gating: the rules that state a preference a site either
//! keeps or does not (trailing white space PL107, the final line break
//! PL108, trailing blank lines PL110, alt text PL302, skipped heading levels
//! PL308) report only on a site
//! that keeps the convention. With no explicit setting for such a rule, it
//! stays on when the site's `.editorconfig` asks for the convention, or when
//! the site's own files overwhelmingly keep it; otherwise its findings are
//! dropped and the run says so once per rule and site ([`Note`]).
//!
//! The gate is a pass over the whole run's reports, never a per-file
//! decision: a file's findings depend on its site's other files, so it runs
//! after the cache (which stores each file's findings alone) and again
//! before `fix` decides what to rewrite.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use super::editorconfig::{EditorConfig, Property};
use super::markdownlint::Markdownlint;
use crate::config::{Settings, SeverityName};
use crate::lint::{FileReport, Linter};
use crate::rules::{
    self, Rule, heading_order, image_missing_alt, missing_final_newline, trailing_blank_lines,
    trailing_whitespace,
};

/// The rules the gate applies to.
pub static GATED: [&Rule; 5] = [
    &trailing_whitespace::RULE,
    &missing_final_newline::RULE,
    &trailing_blank_lines::RULE,
    &image_missing_alt::RULE,
    // A weekly newsletter whose template goes from `#` to `###` skips a
    // level in every issue: a habit, not a finding in each post.
    &heading_order::RULE,
];

/// Below this many checked files (or images, for PL302) a site shows no
/// convention: the rules report as usual. A pre-commit run over a few
/// changed files is not a sample of the site.
pub const MIN_SAMPLE: usize = 10;
/// The share of files (in percent) that must be free of a white-space
/// finding for the site to keep the convention.
pub const FILE_SHARE: usize = 95;
/// The share of images (in percent) that must have alt text.
pub const IMAGE_SHARE: usize = 80;

/// What a gate counted in: files, or images (PL302).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    Files,
    Images,
}

/// One rule whose findings a site's convention silenced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    pub code: &'static str,
    pub name: &'static str,
    /// The site's root.
    pub site: PathBuf,
    /// Files (or images) that do not keep the convention.
    pub failing: usize,
    /// Files (or images) counted.
    pub total: usize,
    pub unit: Unit,
    /// The `.editorconfig` property set to false that decided it, if one did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub editorconfig: Option<&'static str>,
    /// What in the site's markdownlint config decided it, if that did: its
    /// `ignores` (the files it leaves out), or the rule it turns off.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub markdownlint: Option<&'static str>,
    /// Findings not reported.
    pub dropped: usize,
}

impl Note {
    /// The note as said on stderr; `site` names the site when a run covers several.
    pub fn message(&self, site: bool) -> String {
        let what = what(self.code);
        let unit = match self.unit {
            Unit::Files => "files",
            Unit::Images => "images",
        };
        let counted = format!("{} of {} {unit} {what}", self.failing, self.total);
        let why = match (self.editorconfig, self.markdownlint) {
            (Some(key), _) => {
                format!("the site's .editorconfig sets `{key} = false` and {counted}")
            }
            (None, Some("ignores")) => {
                let unit = if self.total == 1 { "file" } else { unit };
                format!(
                    "the site's markdownlint config leaves {} {unit} out (`ignores`) and {} of them {what}",
                    self.total, self.failing
                )
            }
            (None, Some(name)) => {
                format!("the site's markdownlint config turns `{name}` off and {counted}")
            }
            (None, None) => format!("{counted}; treated as the site's convention"),
        };
        let place = if site {
            format!(" in {}", self.site.display())
        } else {
            String::new()
        };
        format!(
            "{} {}{place}: {why} and not reported (set `[rules.severity] {} = \"warning\"` to check it)",
            self.code, self.name, self.name
        )
    }
}

/// What the files (or images) that break a gated rule's convention do.
pub fn what(code: &str) -> &'static str {
    match code {
        "PL107" => "have trailing white space",
        "PL108" => "do not end with a line break",
        "PL110" => "end with blank lines",
        "PL308" => "skip a heading level",
        _ => "have no alt text",
    }
}

/// The outcome of the gate over one run.
#[derive(Debug, Default)]
pub struct Gate {
    pub notes: Vec<Note>,
    /// Per file (by its index in the run), the rules gated off.
    pub off: Vec<Vec<&'static Rule>>,
}

/// Whether the settings name `rule` themselves: a `select` or a severity
/// by its code, a prefix of it or its name (not `ALL`). Such a rule is
/// never gated: the user said what they want.
pub fn explicit(settings: &Settings, rule: &Rule) -> bool {
    // A stated top heading level is a stated heading policy.
    if rule.code == heading_order::RULE.code && settings.config.html.top_heading_level.is_some() {
        return true;
    }
    let r = &settings.config.rules;
    r.select
        .iter()
        .chain(r.severity.keys())
        .any(|s| s.len() > 2 && !s.eq_ignore_ascii_case("ALL") && rules::selector_matches(s, rule))
}

/// Whether the gate could take anything from these files: some file runs a
/// gated rule that its settings do not name.
pub fn applies(files: &[(PathBuf, Arc<Settings>)]) -> bool {
    let unnamed = files.iter().any(|(_, s)| {
        GATED
            .iter()
            .any(|r| s.rules.is_enabled(r) && !explicit(s, r))
    });
    // A site's markdownlint `ignores` applies even where a config names the
    // rules (as `postlint init`'s does).
    unnamed || {
        let mut roots: Vec<&Path> = files
            .iter()
            .filter(|(_, s)| GATED.iter().any(|r| s.rules.is_enabled(r)))
            .filter_map(|(_, s)| s.site.as_ref().map(|site| site.root.as_path()))
            .collect();
        roots.sort();
        roots.dedup();
        roots
            .into_iter()
            .any(|root| Markdownlint::for_site(root).ignores_any())
    }
}

/// Decides the gate for a run: `reports[i]` is the report of `files[i]`.
pub fn decide(files: &[(PathBuf, Arc<Settings>)], reports: &[FileReport]) -> Gate {
    let mut gate = Gate {
        notes: Vec::new(),
        off: vec![Vec::new(); files.len()],
    };
    // Files by site, in the order first met.
    let mut sites: Vec<(PathBuf, Vec<usize>)> = Vec::new();
    let mut by_key: HashMap<usize, usize> = HashMap::new();
    for (i, (_, settings)) in files.iter().enumerate().take(reports.len()) {
        let key = settings
            .site
            .as_ref()
            .map_or(0, |s| Arc::as_ptr(s) as usize);
        let slot = *by_key.entry(key).or_insert_with(|| {
            let root = settings
                .site
                .as_ref()
                .map_or_else(|| settings.root.clone(), |s| s.root.clone());
            sites.push((root, Vec::new()));
            sites.len() - 1
        });
        sites[slot].1.push(i);
    }
    for (root, members) in &sites {
        let markdownlint = Markdownlint::for_site(root);
        // Which files markdownlint leaves out is the same for every rule:
        // matched once per file, and only when the config leaves any out.
        let left_out = if markdownlint.ignores_any() {
            let site_root = crate::site::lexical(root);
            members
                .iter()
                .filter(|&&i| {
                    let absolute = crate::site::lexical(&files[i].0);
                    let rel = absolute.strip_prefix(&site_root).unwrap_or(&absolute);
                    markdownlint.ignores(rel)
                })
                .copied()
                .collect()
        } else {
            Vec::new()
        };
        let stated = Stated {
            editorconfig: EditorConfig::for_site(root),
            markdownlint,
            left_out,
        };
        for rule in GATED {
            decide_rule(files, reports, root, members, &stated, rule, &mut gate);
        }
    }
    gate
}

impl Gate {
    /// Drops the findings of the gated rules from `reports`.
    pub fn apply(&self, reports: &mut [FileReport]) {
        for (report, off) in reports.iter_mut().zip(&self.off) {
            if !off.is_empty() {
                report
                    .diagnostics
                    .retain(|d| !off.iter().any(|r| r.code == d.rule.code));
            }
        }
    }
}

fn property(rule: &Rule) -> Option<Property> {
    match rule.code {
        "PL107" => Some(Property::TrimTrailingWhitespace),
        "PL108" => Some(Property::InsertFinalNewline),
        _ => None,
    }
}

/// markdownlint's number for the check `code` makes, as a note names it.
fn lint_name(code: &str) -> &'static str {
    match code {
        "PL107" => "MD009",
        "PL108" => "MD047",
        "PL110" => "MD012",
        "PL302" => "MD045",
        _ => "MD001",
    }
}

fn findings(report: &FileReport, rule: &Rule) -> usize {
    report
        .diagnostics
        .iter()
        .filter(|d| d.rule.code == rule.code)
        .count()
}

/// What a site's own config files say about the gated rules.
struct Stated {
    editorconfig: EditorConfig,
    markdownlint: Markdownlint,
    /// The site's files (indices into the run's) that markdownlint's
    /// `ignores` leave out, in order.
    left_out: Vec<usize>,
}

fn decide_rule(
    files: &[(PathBuf, Arc<Settings>)],
    reports: &[FileReport],
    root: &Path,
    members: &[usize],
    stated: &Stated,
    rule: &'static Rule,
    gate: &mut Gate,
) {
    let mut said_no = Vec::new();
    let mut lint_left_out = Vec::new();
    let mut lint_said_no = Vec::new();
    let mut undecided = Vec::new();
    for &i in members {
        let (path, settings) = &files[i];
        if reports[i].skipped || !settings.rules.is_enabled(rule) {
            continue;
        }
        // The site's own Markdown linter leaves these out (pages a tool
        // generates): they are not held to its conventions either, even
        // where a config names the rule (as `postlint init`'s does).
        if stated.left_out.binary_search(&i).is_ok() {
            lint_left_out.push(i);
            continue;
        }
        if explicit(settings, rule) {
            continue;
        }
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default();
        let markdown =
            crate::post::BodyFormat::from_path(path) == crate::post::BodyFormat::Markdown;
        let editorconfig = property(rule).and_then(|p| stated.editorconfig.get(p, extension));
        let lint = markdown
            .then(|| stated.markdownlint.rule(rule.code))
            .flatten();
        match (editorconfig, lint) {
            (Some(true), _) | (None, Some(true)) => {}
            (Some(false), _) => said_no.push(i),
            (None, Some(false)) => lint_said_no.push(i),
            (None, None) => undecided.push(i),
        }
    }
    let note = |failing, total, unit, editorconfig, dropped| Note {
        code: rule.code,
        name: rule.name,
        site: root.to_path_buf(),
        failing,
        total,
        unit,
        editorconfig,
        markdownlint: None,
        dropped,
    };
    let turn_off = |gate: &mut Gate, which: &[usize]| {
        for &i in which {
            gate.off[i].push(rule);
        }
    };
    let failing_files = |which: &[usize]| {
        which
            .iter()
            .filter(|&&i| findings(&reports[i], rule) > 0)
            .count()
    };
    let dropped = |which: &[usize]| which.iter().map(|&i| findings(&reports[i], rule)).sum();
    if let Some(p) = property(rule) {
        let failing = failing_files(&said_no);
        if failing > 0 {
            turn_off(gate, &said_no);
            let n = note(
                failing,
                said_no.len(),
                Unit::Files,
                Some(p.key()),
                dropped(&said_no),
            );
            gate.notes.push(n);
        }
    }
    for (which, why) in [
        (&lint_left_out, "ignores"),
        (&lint_said_no, lint_name(rule.code)),
    ] {
        let failing = failing_files(which);
        if failing > 0 {
            turn_off(gate, which);
            let mut n = note(failing, which.len(), Unit::Files, None, dropped(which));
            n.markdownlint = Some(why);
            gate.notes.push(n);
        }
    }
    let failing = failing_files(&undecided);
    if failing == 0 {
        return;
    }
    let (failing, total, unit) = if rule.code == image_missing_alt::RULE.code {
        let without: usize = dropped(&undecided);
        // Counted by the lint pass (or kept by the cache) with the report.
        let images: usize = undecided.iter().map(|&i| reports[i].images).sum();
        (without, images.max(without), Unit::Images)
    } else {
        (failing, undecided.len(), Unit::Files)
    };
    let share = match unit {
        Unit::Files => FILE_SHARE,
        Unit::Images => IMAGE_SHARE,
    };
    let kept = (total - failing) * 100 >= share * total;
    if total < MIN_SAMPLE || kept {
        return;
    }
    turn_off(gate, &undecided);
    gate.notes
        .push(note(failing, total, unit, None, dropped(&undecided)));
}

/// Whether the gate may count the images of a file under `settings`: PL302
/// runs there and no setting names it. The lint pass counts them then, so
/// the gate never reads a file again.
pub fn counts_images(settings: &Settings) -> bool {
    settings.rules.is_enabled(&image_missing_alt::RULE)
        && !explicit(settings, &image_missing_alt::RULE)
}

/// The images PL302 looks at in a parsed body: `<img>` elements and
/// Markdown images.
pub fn count_images(body: &crate::body::Body) -> usize {
    let html = body
        .html
        .tags()
        .filter(|(e, t)| !e.foreign && t.name == "img")
        .count();
    let markdown = body.markdown.as_ref().map_or(0, |md| {
        md.links
            .iter()
            .filter(|l| l.kind == crate::markdown::MdLinkKind::Image)
            .count()
    });
    html + markdown
}

/// The files of a `fix` run with the settings the gate leaves them: the
/// files are checked first, and a gated rule is switched off in the
/// settings of its site's files, so `fix` does not rewrite a site against
/// its own convention. Also returns the gate's notes.
pub fn for_fix(
    files: &[(PathBuf, Arc<Settings>)],
    now: jiff::Timestamp,
) -> (Vec<(PathBuf, Arc<Settings>)>, Vec<Note>) {
    if !applies(files) {
        return (files.to_vec(), Vec::new());
    }
    let reports: Vec<FileReport> = files
        .par_iter()
        .map(|(path, settings)| Linter::new(settings, now).lint_path(path).report)
        .collect();
    let gate = decide(files, &reports);
    drop(reports);
    let mut made: HashMap<(usize, Vec<&'static str>), Arc<Settings>> = HashMap::new();
    let gated = files
        .iter()
        .zip(&gate.off)
        .map(|((path, settings), off)| {
            if off.is_empty() {
                return (path.clone(), settings.clone());
            }
            let key = (
                Arc::as_ptr(settings) as usize,
                off.iter().map(|r| r.code).collect::<Vec<_>>(),
            );
            let quiet = made
                .entry(key)
                .or_insert_with(|| without(settings, off))
                .clone();
            (path.clone(), quiet)
        })
        .collect();
    (gated, gate.notes)
}

/// `settings` with `off` switched off by name (the most specific selector).
pub fn without(settings: &Arc<Settings>, off: &[&'static Rule]) -> Arc<Settings> {
    let mut config = settings.config.clone();
    for rule in off {
        config
            .rules
            .severity
            .insert(rule.name.to_string(), SeverityName::Off);
    }
    match Settings::resolve(config, settings.source.clone(), settings.root.clone()) {
        Ok(mut s) => {
            s.site = settings.site.clone();
            Arc::new(s)
        }
        // The same config resolved before; keep the settings as they were.
        Err(_) => settings.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A site of 12 Markdown posts with two images each, the first `bare` of
    /// which have no alt text.
    fn site(bare: usize) -> (tempfile::TempDir, Vec<(PathBuf, Arc<Settings>)>) {
        let dir = tempfile::tempdir().unwrap();
        let settings = Arc::new(crate::testing::settings(""));
        let files = (0..12)
            .map(|i| {
                let path = dir.path().join(format!("p{i:02}.md"));
                let (alt, attr) = if i < bare {
                    ("", "")
                } else {
                    ("Kaart", " alt=\"Kaart\"")
                };
                let text = format!(
                    "---\ntitle: x\n---\n\n![{alt}](/a.png)\n\n<img src=\"/b.png\"{attr}>\n"
                );
                std::fs::write(&path, text).unwrap();
                (path, settings.clone())
            })
            .collect();
        (dir, files)
    }

    #[test]
    fn the_gate_counts_images_from_the_reports_without_reading_files_again() {
        let (dir, files) = site(4);
        let now = crate::testing::now();
        let reports: Vec<FileReport> = files
            .iter()
            .map(|(path, settings)| Linter::new(settings, now).lint_path(path).report)
            .collect();
        assert_eq!(reports[0].images, 2);
        // Gone from disk after linting: the gate must decide from the
        // reports alone (the lint pass read each file once).
        drop(dir);
        let gate = decide(&files, &reports);
        let note = gate
            .notes
            .iter()
            .find(|n| n.code == image_missing_alt::RULE.code)
            .expect("8 of 24 images without alt is below 80%");
        assert_eq!((note.failing, note.total, note.unit), (8, 24, Unit::Images));
        let off: Vec<&str> = gate.off[0].iter().map(|r| r.code).collect();
        assert_eq!(off, [image_missing_alt::RULE.code]);
    }
}
