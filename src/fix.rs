//! The fixer: applies fixes in passes until nothing changes, and keeps a fix
//! only if the post still means what it meant apart from what the fix intended.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::config::Settings;
use crate::diagnostic::{Applicability, Changes, Diagnostic, Edit};
use crate::lint::{Checked, FileReport, Input, Linter};
use crate::markdown::{self, Shape};
use crate::post::read::{self, Decoded};
use crate::post::split::FrontMatterKind;
use crate::post::{BodyFormat, Metadata, Post};
use crate::rules::Rule;
use crate::span::Span;
use crate::yaml11;

pub use crate::fix_files::{FileOutcome, fix_files};

/// Passes before the fixer gives up on a file whose fixes keep changing it.
pub const MAX_PASSES: usize = 10;

/// Which fixes to apply.
#[derive(Debug, Clone, Copy, Default)]
pub struct FixOptions {
    /// Also apply fixes marked `Unsafe`.
    pub unsafe_fixes: bool,
}

impl FixOptions {
    fn allows(&self, a: Applicability) -> bool {
        a == Applicability::Safe || self.unsafe_fixes
    }
}

/// A fix that was not applied, and why.
#[derive(Debug, Clone)]
pub struct Dropped {
    pub rule: &'static Rule,
    pub title: String,
    pub reason: String,
    /// How many fixes were refused with this title and reason (each pass
    /// retries them, and a file can hold thousands of the same finding).
    pub count: usize,
}

/// One entry per rule, title and reason, in the order first seen.
fn merge_dropped(dropped: Vec<Dropped>) -> Vec<Dropped> {
    let mut merged: Vec<Dropped> = Vec::new();
    let mut index: std::collections::HashMap<(&'static str, String, String), usize> =
        std::collections::HashMap::new();
    for d in dropped {
        let key = (d.rule.code, d.title.clone(), d.reason.clone());
        match index.get(&key) {
            Some(&i) => merged[i].count += d.count,
            None => {
                index.insert(key, merged.len());
                merged.push(d);
            }
        }
    }
    merged
}

/// What fixing one file did.
#[derive(Debug)]
pub struct FixResult {
    pub path: PathBuf,
    /// The new text, when it differs from the file.
    pub fixed: Option<String>,
    /// Fixes applied, per rule code.
    pub applied: BTreeMap<&'static str, usize>,
    pub dropped: Vec<Dropped>,
    /// Rules whose fixes still changed the file after `MAX_PASSES` passes.
    pub unconverged: Vec<&'static Rule>,
    /// Why the file was left untouched, if it was.
    pub untouched: Option<String>,
    /// The findings that remain in the (fixed) text.
    pub report: FileReport,
}

impl FixResult {
    pub fn fix_count(&self) -> usize {
        self.applied.values().sum()
    }
}

/// Applies `edits` (non-overlapping, any order) to `source`.
pub fn apply_edits(source: &str, edits: &[Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(source.len());
    let mut pos = 0;
    for e in sorted {
        if e.range.start < pos || e.range.end > source.len() {
            continue;
        }
        out.push_str(&source[pos..e.range.start]);
        out.push_str(&e.content);
        pos = e.range.end;
    }
    out.push_str(&source[pos..]);
    out
}

fn overlaps(a: &Span, b: &Span) -> bool {
    // Two insertions at one point, or an insertion inside a replacement, conflict too.
    a.start < b.end && b.start < a.end || a.start == b.start
}

/// The fixes to apply in one pass: allowed, valid, and not overlapping.
fn choose(diags: &[Diagnostic], opts: FixOptions, len: usize) -> Vec<&Diagnostic> {
    let mut chosen: Vec<&Diagnostic> = Vec::new();
    let mut taken: Vec<Span> = Vec::new();
    let mut fixable: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| {
            d.fix
                .as_ref()
                .is_some_and(|f| opts.allows(f.applicability) && !f.edits.is_empty())
        })
        .collect();
    fixable.sort_by_key(|d| {
        d.fix.as_ref().map_or(0, |f| {
            f.edits.iter().map(|e| e.range.start).min().unwrap_or(0)
        })
    });
    for d in fixable {
        let Some(fix) = &d.fix else { continue };
        let valid = fix
            .edits
            .iter()
            .all(|e| e.range.start <= e.range.end && e.range.end <= len);
        let free = fix
            .edits
            .iter()
            .all(|e| taken.iter().all(|t| !overlaps(t, &e.range)));
        let self_disjoint = fix.edits.iter().enumerate().all(|(i, a)| {
            fix.edits
                .iter()
                .skip(i + 1)
                .all(|b| !(a.range.start < b.range.end && b.range.start < a.range.end))
        });
        if valid && free && self_disjoint {
            taken.extend(fix.edits.iter().map(|e| e.range));
            chosen.push(d);
        }
    }
    chosen
}

/// The top-level keys whose values `fixes` declare they change: for
/// [`Changes::EditedValues`], the keys whose value spans hold an edit.
fn declared_keys(before: &Post, fixes: &[&Diagnostic]) -> BTreeSet<String> {
    let Some(fm) = &before.front_matter else {
        return BTreeSet::new();
    };
    let mut keys = BTreeSet::new();
    for fix in fixes.iter().filter_map(|d| d.fix.as_ref()) {
        if fix.changes != Changes::EditedValues {
            continue;
        }
        for e in &fix.edits {
            for entry in &fm.entries {
                let v = &entry.value_span;
                if v.start <= e.range.start && e.range.end <= v.end {
                    keys.insert(entry.key.clone());
                }
            }
        }
    }
    keys
}

/// The front matter text of a YAML front matter.
fn yaml_text(post: &Post) -> Option<&str> {
    let fm = post.front_matter.as_ref()?;
    (fm.kind == FrontMatterKind::Yaml).then(|| &post.source[fm.span])
}

/// The kind of a value as the generator sees it; a declared change may
/// change the value, not its kind (a number must not become a string, an
/// unquoted timestamp must not become a string: a site's own checks read
/// `date` as a time). Only a date may become a time or the reverse.
fn kind_of(key: &str, date_key: &str, v: &yaml11::Value) -> u8 {
    use yaml11::Value::*;
    match v {
        Date(_) | Time(..) if key == date_key => 0,
        Null => 1,
        Bool(_) => 2,
        Int(_) => 3,
        Float(_) => 4,
        Str(_) => 5,
        Symbol(_) => 6,
        Date(_) => 7,
        Time(..) => 8,
        Seq(_) => 9,
        Map(_) => 10,
        Tagged(..) => 11,
    }
}

/// Compares the YAML front matter as Psych (Jekyll's YAML 1.1 reader)
/// reads it: merges applied, `yes`/`no` booleans, timestamps, octal and
/// sexagesimal numbers. Only the `declared` keys may change, and only in
/// value, not in kind.
fn same_for_jekyll(
    before: &str,
    after: &str,
    declared: &BTreeSet<String>,
    date_key: &str,
) -> Result<(), String> {
    // A front matter Psych cannot read is outside what this check can
    // vouch for; serde_yaml's comparison still applies to it.
    let Ok(old) = yaml11::load(before) else {
        return Ok(());
    };
    let new = yaml11::load(after)
        .map_err(|e| format!("the front matter would no longer read the same in Jekyll ({e})"))?;
    let (yaml11::Value::Map(old), yaml11::Value::Map(new)) = (&old, &new) else {
        return if old == new {
            Ok(())
        } else {
            Err("the front matter would read differently in Jekyll".into())
        };
    };
    let name = |k: &yaml11::Value| match k {
        yaml11::Value::Str(s) => s.clone(),
        other => format!("{other:?}"),
    };
    let is_declared = |k: &yaml11::Value| {
        declared
            .iter()
            .any(|d| *k == yaml11::Value::Str(d.clone()) || *k == yaml11::resolve_plain(d))
    };
    for (k, v) in old {
        match new.get(k) {
            None => {
                return Err(format!(
                    "the key `{}` would go in Jekyll's reading",
                    name(k)
                ));
            }
            Some(w) if w == v => {}
            Some(w) if is_declared(k) => {
                if kind_of(&name(k), date_key, v) != kind_of(&name(k), date_key, w) {
                    return Err(format!(
                        "the value of `{}` would change type in Jekyll's reading",
                        name(k)
                    ));
                }
            }
            Some(_) => {
                return Err(format!(
                    "the value of `{}` would change in Jekyll's reading",
                    name(k)
                ));
            }
        }
    }
    if let Some(k) = new.keys().find(|k| !old.contains_key(*k)) {
        return Err(format!(
            "the key `{}` would appear in Jekyll's reading",
            name(k)
        ));
    }
    Ok(())
}

/// Checks that `after` means what `before` meant, apart from what `fixes`
/// declare they change: the front matter still parses, with the same keys,
/// and every value a fix does not declare reads the same, nested values
/// included, both as serde_yaml (YAML 1.2, TOML) and as Psych (Jekyll)
/// read it; and the body keeps its elements and its text.
fn validate(
    before: &Post,
    after: &Post,
    fixes: &[&Diagnostic],
    date_key: &str,
) -> Result<(), String> {
    let edits: Vec<(&'static Rule, &Span)> = fixes
        .iter()
        .flat_map(|d| {
            d.fix
                .iter()
                .flat_map(move |f| f.edits.iter().map(move |e| (d.rule, &e.range)))
        })
        .collect();
    let touches = |span: &Span| {
        edits
            .iter()
            .any(|(_, r)| r.start <= span.end && span.start <= r.end)
    };
    let declared = declared_keys(before, fixes);
    let pelican = before
        .front_matter
        .as_ref()
        .is_some_and(|fm| fm.kind == FrontMatterKind::Pelican);
    let pelican_dates = [date_key, "date", "modified"];
    if pelican && declared.iter().any(|k| pelican_dates.contains(&k.as_str())) {
        // Pelican parses its dates itself (a date without a zone is in its
        // `TIMEZONE`): a form that means the same in Jekyll's YAML may not
        // mean the same there. A repaired word in a title is the same text.
        return Err("postlint does not rewrite Pelican's metadata dates".into());
    }
    if let (Some(_), Some(old)) = (&before.front_matter, before.mapping()) {
        let Some(new) = after.mapping() else {
            return Err("the front matter would no longer parse".into());
        };
        if old.len() != new.len() || old.keys().any(|k| !new.contains_key(k)) {
            return Err("the front matter keys would change".into());
        }
        for (key, value) in old {
            if key.as_str().is_some_and(|name| declared.contains(name)) {
                continue;
            }
            if new.get(key) != Some(value) {
                let name = key
                    .as_str()
                    .map_or_else(|| format!("{key:?}"), str::to_string);
                return Err(format!("the value of `{name}` would change"));
            }
        }
        if let (Some(old), Some(new)) = (yaml_text(before), yaml_text(after)) {
            same_for_jekyll(old, new, &declared, date_key)?;
        }
    }
    if touches(&before.body) {
        let (old_view, new_view) = (body_view(before.body_text()), body_view(after.body_text()));
        if old_view.structure != new_view.structure {
            return Err("the HTML elements of the body would change".into());
        }
        let in_body = |r: &Span| r.start >= before.body.start;
        // Only a fix that declares a change of the text it edits (a
        // repaired word, a rewritten URL) may change the rendered body.
        let text_may_change = fixes.iter().filter_map(|d| d.fix.as_ref()).any(|f| {
            f.changes == Changes::EditedValues && f.edits.iter().any(|e| in_body(&e.range))
        });
        if before.format == BodyFormat::Markdown {
            same_markdown(before.body_text(), after.body_text(), text_may_change)?;
        }
        if !text_may_change {
            if (&old_view.elements, &old_view.shown) != (&new_view.elements, &new_view.shown) {
                return Err("the body would render differently".into());
            }
            return Ok(());
        }
        // The text may change only as much as the edits do: an edit that
        // completes an entity or a tag elsewhere changes more than itself.
        let removable: usize = edits
            .iter()
            .filter(|(_, r)| in_body(r))
            .map(|(_, r)| r.len())
            .sum();
        let insertable: usize = fixes
            .iter()
            .flat_map(|d| d.fix.iter().flat_map(|f| f.edits.iter()))
            .filter(|e| in_body(&e.range))
            .map(|e| e.content.len())
            .sum();
        let (deleted, inserted) = changed_bytes(&old_view.text, &new_view.text);
        if deleted > removable || inserted > insertable {
            return Err("the text of the body would change beyond the fix".into());
        }
    }
    Ok(())
}

/// At most this many validations per pass to find the fixes that fail
/// (each parses the whole post); the fixes not reached are reported as not
/// applied, and `check` still shows them.
const MAX_CULPRIT_CHECKS: usize = 256;

/// The search for the fixes of one pass that fail validation.
struct Culprits<'a> {
    post: &'a Post,
    source: &'a str,
    path: &'a Path,
    max_fm: usize,
    metadata: Metadata,
    date_key: &'a str,
    budget: usize,
    dropped: &'a mut Vec<Dropped>,
}

impl<'d> Culprits<'_> {
    /// The fixes of `group` that are fine: the whole group when it is fine
    /// together, else what each half keeps.
    fn keep_valid(&mut self, group: &[&'d Diagnostic]) -> Vec<&'d Diagnostic> {
        if group.is_empty() {
            return Vec::new();
        }
        if self.budget == 0 {
            for d in group {
                self.drop(d, "not checked: too many fixes in this file failed".into());
            }
            return Vec::new();
        }
        self.budget -= 1;
        let edits: Vec<Edit> = group
            .iter()
            .flat_map(|d| d.fix.iter().flat_map(|f| f.edits.clone()))
            .collect();
        let after = Post::parse_with(
            self.path.to_path_buf(),
            apply_edits(self.source, &edits),
            self.max_fm,
            self.metadata,
        );
        match validate(self.post, &after, group, self.date_key) {
            Ok(()) => group.to_vec(),
            Err(reason) if group.len() == 1 => {
                self.drop(group[0], reason);
                Vec::new()
            }
            Err(_) => {
                let half = group.len() / 2;
                let mut kept = self.keep_valid(&group[..half]);
                kept.extend(self.keep_valid(&group[half..]));
                kept
            }
        }
    }

    fn drop(&mut self, d: &Diagnostic, reason: String) {
        self.dropped.push(Dropped {
            rule: d.rule,
            title: d.fix.as_ref().map(|f| f.title.clone()).unwrap_or_default(),
            reason,
            count: 1,
        });
    }
}

/// How many bytes of `old` a diff deletes and of `new` it inserts. One
/// character diff of a whole body is quadratic in the number of edits
/// (12,000 repaired runs took 10.6 s), so past the common prefix and suffix
/// a large middle is split: lines paired one to one when their number did
/// not change, and words inside a changed line likewise. Any pairing is an
/// alignment, so it counts at least the minimum; so does a diff cut short
/// by its time limit. An overcount refuses a fix, never passes one.
fn changed_bytes(old: &str, new: &str) -> (usize, usize) {
    let (old, new) = trim_common(old, new);
    if old.len().max(new.len()) <= SMALL_DIFF {
        return char_diff(old, new);
    }
    let total = |pairs: Vec<(&str, &str)>, f: &dyn Fn(&str, &str) -> (usize, usize)| {
        pairs
            .into_iter()
            .filter(|(a, b)| a != b)
            .map(|(a, b)| f(a, b))
            .fold((0, 0), |(d, i), (x, y)| (d + x, i + y))
    };
    let words = |a: &str, b: &str| -> (usize, usize) {
        match paired(a, b, |t| t.split_inclusive(char::is_whitespace).collect()) {
            Some(pairs) => total(pairs, &char_diff),
            None => char_diff(a, b),
        }
    };
    match paired(old, new, |t| t.split_inclusive('\n').collect()) {
        Some(pairs) => total(pairs, &words),
        None => words(old, new),
    }
}

/// Past this many bytes in the middle, a diff is split before it is made.
const SMALL_DIFF: usize = 16 * 1024;

/// `old` and `new` without the text they start and end with in common.
fn trim_common<'a, 'b>(old: &'a str, new: &'b str) -> (&'a str, &'b str) {
    let prefix = old
        .char_indices()
        .zip(new.chars())
        .find(|((_, a), b)| a != b)
        .map_or(old.len().min(new.len()), |((i, _), _)| i);
    let (old, new) = (&old[prefix..], &new[prefix..]);
    let suffix = old
        .chars()
        .rev()
        .zip(new.chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum::<usize>();
    (&old[..old.len() - suffix], &new[..new.len() - suffix])
}

/// The pieces of `old` and `new` side by side, when both have as many.
fn paired<'a, 'b>(
    old: &'a str,
    new: &'b str,
    split: impl Fn(&str) -> Vec<&str>,
) -> Option<Vec<(&'a str, &'b str)>> {
    let (a, b) = (split(old), split(new));
    (a.len() == b.len()).then(|| a.into_iter().zip(b).collect())
}

/// Bytes deleted and inserted by a character diff, within a time limit.
fn char_diff(old: &str, new: &str) -> (usize, usize) {
    let diff = similar::TextDiff::configure()
        .timeout(std::time::Duration::from_secs(2))
        .diff_chars(old, new);
    let (mut deleted, mut inserted) = (0usize, 0usize);
    for change in diff.iter_all_changes() {
        match change.tag() {
            similar::ChangeTag::Delete => deleted += change.value().len(),
            similar::ChangeTag::Insert => inserted += change.value().len(),
            similar::ChangeTag::Equal => {}
        }
    }
    (deleted, inserted)
}

/// A Markdown body renders the same: the same blocks and inlines (a
/// removed comment must not join two paragraphs or two code blocks), and,
/// unless the fix declares a text change, the same text (white space in a
/// code block, or a backslash that would become a hard break).
fn same_markdown(before: &str, after: &str, text_may_change: bool) -> Result<(), String> {
    let (old, new) = (markdown::shape(before), markdown::shape(after));
    let agree = if text_may_change {
        old.len() == new.len()
            && old
                .iter()
                .zip(&new)
                .all(|(a, b)| matches!((a, b), (Shape::Text(_), Shape::Text(_))) || a == b)
    } else {
        old == new
    };
    if agree {
        Ok(())
    } else {
        Err("the Markdown body would render differently".into())
    }
}

/// An element's name and its attributes, sorted.
type RenderedElement = (String, Vec<(String, String)>);

/// What the fixer compares of a body's HTML, from one parse: the element
/// tree's shape, what a browser shows (elements with attributes, text with
/// white space collapsed outside `<pre>` and the like), and the raw text.
struct BodyView {
    /// Each element's depth and name, in document order.
    structure: Vec<(usize, String)>,
    elements: Vec<RenderedElement>,
    shown: String,
    text: String,
}

fn body_view(body: &str) -> BodyView {
    let html = scraper::Html::parse_fragment(body);
    let mut view = BodyView {
        structure: Vec::new(),
        elements: Vec::new(),
        shown: String::new(),
        text: String::new(),
    };
    let mut space = false;
    for node in html.root_element().descendants() {
        if let Some(el) = node.value().as_element() {
            view.structure
                .push((node.ancestors().count(), el.name().to_string()));
            let mut attrs: Vec<(String, String)> = el
                .attrs()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            attrs.sort();
            view.elements.push((el.name().to_string(), attrs));
        } else if let Some(t) = node.value().as_text() {
            view.text.push_str(t);
            let pre = node.ancestors().any(|a| {
                a.value()
                    .as_element()
                    .is_some_and(|e| crate::markdown::PREFORMATTED.contains(&e.name()))
            });
            for c in t.chars() {
                if c.is_whitespace() && !pre {
                    space = true;
                    continue;
                }
                if space && !view.shown.is_empty() {
                    view.shown.push(' ');
                }
                space = false;
                view.shown.push(c);
            }
        }
    }
    view
}

/// Fixes the file at `path`, writing nothing.
pub fn fix_file(
    path: &Path,
    settings: &Settings,
    now: jiff::Timestamp,
    opts: FixOptions,
) -> FixResult {
    let linter = Linter::new(settings, now);
    match linter.read(path) {
        Input::Bytes(bytes) => fix_bytes(path, bytes, settings, now, opts),
        unread => untouched(
            path,
            linter.lint(path, unread).report,
            "it could not be read",
        ),
    }
}

fn untouched(path: &Path, report: FileReport, why: &str) -> FixResult {
    FixResult {
        path: path.to_path_buf(),
        fixed: None,
        applied: BTreeMap::new(),
        dropped: Vec::new(),
        unconverged: Vec::new(),
        untouched: Some(why.to_string()),
        report,
    }
}

/// Fixes `bytes` as if read from `path`.
pub fn fix_bytes(
    path: &Path,
    bytes: Vec<u8>,
    settings: &Settings,
    now: jiff::Timestamp,
    opts: FixOptions,
) -> FixResult {
    let linter = Linter::new(settings, now);
    let mut applied: BTreeMap<&'static str, usize> = BTreeMap::new();
    let original = bytes.clone();
    let mut source = match read::decode(bytes) {
        Decoded::Text(text) => text,
        Decoded::NotUtf8 { .. } => {
            let report = linter.lint(path, original.clone()).report;
            let convert = report
                .diagnostics
                .iter()
                .find_map(|d| {
                    d.fix
                        .as_ref()
                        .filter(|f| opts.allows(f.applicability))
                        .map(|f| (d.rule, f))
                })
                .and_then(|(rule, f)| f.edits.first().map(|e| (rule, e.content.clone())));
            // The conversion is a whole-file edit: it must keep the front
            // matter a front matter, as every other fix must.
            let max_fm = settings.config.files.max_front_matter_size;
            let metadata = Metadata::of(settings);
            let lossy = Post::parse_with(
                path.to_path_buf(),
                String::from_utf8_lossy(&original).into_owned(),
                max_fm,
                metadata,
            );
            let keeps_front_matter = |text: &str| {
                lossy.mapping().is_none()
                    || Post::parse_with(path.to_path_buf(), text.to_string(), max_fm, metadata)
                        .mapping()
                        .is_some()
            };
            match convert {
                Some((rule, text)) if keeps_front_matter(&text) => {
                    applied.insert(rule.code, 1);
                    text
                }
                Some(_) => {
                    return untouched(
                        path,
                        report,
                        "converting it from its likely encoding would break its front matter",
                    );
                }
                None => {
                    return untouched(
                        path,
                        report,
                        "it is not UTF-8 and its encoding is a guess (use --unsafe-fixes)",
                    );
                }
            }
        }
    };
    let max_fm = settings.config.files.max_front_matter_size;
    let metadata = Metadata::of(settings);
    let first = Post::parse_with(path.to_path_buf(), source.clone(), max_fm, metadata);
    if first.split.is_none() && !settings.requires_front_matter(path) {
        return untouched(
            path,
            linter.lint(path, original).report,
            "it has no front matter",
        );
    }
    if first
        .front_matter
        .as_ref()
        .is_some_and(|fm| fm.error.is_some())
    {
        return untouched(
            path,
            linter.lint(path, original).report,
            "its front matter does not parse",
        );
    }
    let date_key = settings.config.dates.key.as_str();
    let mut dropped = Vec::new();
    let mut unconverged = Vec::new();
    let mut post = first;
    // The findings of the last pass, when they describe the final text: the
    // report is then made from them instead of linting once more.
    let mut settled: Option<Checked> = None;
    for pass in 0..MAX_PASSES {
        let checked = linter.check(&post);
        let chosen = choose(&checked.diagnostics, opts, source.len());
        if chosen.is_empty() {
            settled = Some(checked);
            break;
        }
        if pass == MAX_PASSES - 1 {
            unconverged = chosen.iter().map(|d| d.rule).collect();
            unconverged.dedup_by(|a, b| a.code == b.code);
            break;
        }
        let all_edits: Vec<Edit> = chosen
            .iter()
            .flat_map(|d| d.fix.iter().flat_map(|f| f.edits.clone()))
            .collect();
        let candidate = apply_edits(&source, &all_edits);
        let after = Post::parse_with(path.to_path_buf(), candidate.clone(), max_fm, metadata);
        let kept: Vec<&Diagnostic> = if validate(&post, &after, &chosen, date_key).is_ok() {
            chosen
        } else {
            // Find the culprits by halves: a group that is fine together is
            // kept whole, so a few bad fixes among thousands cost a few
            // dozen checks, and a budget bounds the worst case (each check
            // parses the whole post).
            let mut search = Culprits {
                post: &post,
                source: &source,
                path,
                max_fm,
                metadata,
                date_key,
                budget: MAX_CULPRIT_CHECKS,
                dropped: &mut dropped,
            };
            let half = chosen.len() / 2;
            let mut kept = search.keep_valid(&chosen[..half]);
            kept.extend(search.keep_valid(&chosen[half..]));
            kept
        };
        if kept.is_empty() {
            break;
        }
        let edits: Vec<Edit> = kept
            .iter()
            .flat_map(|d| d.fix.iter().flat_map(|f| f.edits.clone()))
            .collect();
        let next = apply_edits(&source, &edits);
        let next_post = Post::parse_with(path.to_path_buf(), next.clone(), max_fm, metadata);
        if validate(&post, &next_post, &kept, date_key).is_err() {
            // The survivors are fine one by one but not together: stop here.
            break;
        }
        for d in &kept {
            *applied.entry(d.rule.code).or_default() += 1;
        }
        if next == source {
            break;
        }
        source = next;
        post = next_post;
    }
    let changed = source.as_bytes() != original.as_slice();
    let report = match settled {
        Some(c) => FileReport::of(post, c.diagnostics, c.reads_other_files),
        None => linter.lint(path, source.clone().into_bytes()).report,
    };
    FixResult {
        path: path.to_path_buf(),
        fixed: changed.then_some(source),
        applied,
        dropped: merge_dropped(dropped),
        unconverged,
        untouched: None,
        report,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn changed_bytes_counts_only_what_changed_line_by_line() {
        assert_eq!(super::changed_bytes("abc\ndef\n", "abc\ndef\n"), (0, 0));
        assert_eq!(super::changed_bytes("café\nok\n", "cafÃ©\nok\n"), (2, 4));
        // Many edits on many lines: each line's change is counted once.
        // A repaired word next to a removed blank line: the minimum, not a
        // line-level guess that deletes and inserts whole lines.
        assert_eq!(
            super::changed_bytes(
                "\nOver financiÃ«le x.\nOver financiële x.\n\n",
                "\nOver financiële x.\nOver financiële x.\n"
            ),
            (5, 2)
        );
        // 12,000 repairs on one line (a minified post) and on 12,000 lines.
        let old = "cafÃ© ".repeat(12_000);
        let new = "café ".repeat(12_000);
        assert_eq!(super::changed_bytes(&old, &new), (12_000 * 4, 12_000 * 2));
        let old: String = (0..12_000).map(|i| format!("line {i} Ã«\n")).collect();
        let new: String = (0..12_000).map(|i| format!("line {i} ë\n")).collect();
        assert_eq!(super::changed_bytes(&old, &new), (12_000 * 4, 12_000 * 2));
    }

    use super::*;
    use crate::rules;
    use crate::testing::{now, post, post_at, settings};

    fn fix(src: &str, unsafe_fixes: bool) -> FixResult {
        fix_bytes(
            Path::new("_posts/2019-05-14-a.html"),
            src.as_bytes().to_vec(),
            &settings(""),
            now(),
            FixOptions { unsafe_fixes },
        )
    }

    #[test]
    fn canonical_form_in_one_go() {
        let src = "\u{feff}---\r\ndate: 14 May 2019 15:01:53 GMT\r\ntitle: \"financiÃ«le\"   \r\nlayout: post\r\n---\r\n<p>cafÃ©</p>\r\n\r\n\r\n";
        // The seed site's stated preferences: a date form and a key order.
        let seed = "[dates]\nformat = \"rfc2822\"\n[front-matter]\norder = [\"layout\", \"title\", \"date\"]\n";
        let r = fix_bytes(
            Path::new("_posts/2019-05-14-a.html"),
            src.as_bytes().to_vec(),
            &settings(seed),
            now(),
            FixOptions::default(),
        );
        assert_eq!(
            r.fixed.as_deref(),
            Some(
                "---\nlayout: post\ntitle: \"financiële\"\ndate: Tue, 14 May 2019 15:01:53 +0000\n---\n<p>café</p>\n"
            )
        );
        assert!(
            r.report.diagnostics.iter().all(|d| d
                .fix
                .as_ref()
                .is_none_or(|f| f.applicability == Applicability::Unsafe)),
            "{:?}",
            r.report.diagnostics
        );
        assert!(r.dropped.is_empty() && r.unconverged.is_empty());
        // Idempotent.
        let again = fix(r.fixed.as_deref().unwrap(), false);
        assert!(again.fixed.is_none());
        assert_eq!(again.fix_count(), 0);
    }

    #[test]
    fn unsafe_only_when_asked() {
        let src = "---\ntitle: x\ndate: Mon, 14 May 2019 17:01:53 +0200\n---\n";
        assert!(fix(src, false).fixed.is_none());
        assert_eq!(
            fix(src, true).fixed.as_deref(),
            Some("---\ntitle: x\ndate: Tue, 14 May 2019 17:01:53 +0200\n---\n")
        );
    }

    #[test]
    fn unparseable_front_matter_is_left_alone() {
        let r = fix("---\ntitle: [x\n---\n<p>cafÃ©</p>  \n", false);
        assert!(r.fixed.is_none());
        assert_eq!(
            r.untouched.as_deref(),
            Some("its front matter does not parse")
        );
    }

    #[test]
    fn a_fix_that_changes_another_value_is_dropped() {
        // A crafted diagnostic whose edit breaks the YAML must not be applied.
        let original = post("---\ntitle: x\ndate: y\n---\n");
        let bad = post("---\ntitle: [x\ndate: y\n---\n");
        let with_fix = |r: Span| {
            Diagnostic::new(&rules::mojibake::RULE, r, "m").with_fix(
                crate::diagnostic::Fix::replace("t", Applicability::Safe, r, ""),
            )
        };
        let d = with_fix(Span::new(11, 12));
        assert!(validate(&original, &bad, &[&d], "date").is_err());
        let changed = post("---\ntitle: x\ndate: z\n---\n");
        let err = validate(&original, &changed, &[&d], "date").unwrap_err();
        assert_eq!(err, "the value of `date` would change");
        let body = post("---\ntitle: x\ndate: y\n---\n<p>a</p>");
        let body2 = post("---\ntitle: x\ndate: y\n---\n<p>a<b>b</p>");
        let d = with_fix(Span::new(28, 29));
        assert_eq!(
            validate(&body, &body2, &[&d], "date").unwrap_err(),
            "the HTML elements of the body would change"
        );
    }

    /// A fix may change the values it declares, in value but not in kind,
    /// and nothing else, as serde_yaml and as Psych read them.
    #[test]
    fn refused_fixes_are_reported_once_with_a_count() {
        let d = |title: &str, reason: &str| Dropped {
            rule: &rules::control_character::RULE,
            title: title.into(),
            reason: reason.into(),
            count: 1,
        };
        let merged = merge_dropped(vec![
            d("remove U+0000", "a"),
            d("remove U+0010", "a"),
            d("remove U+0000", "a"),
            d("remove U+0000", "b"),
            d("remove U+0000", "a"),
        ]);
        let seen: Vec<(&str, &str, usize)> = merged
            .iter()
            .map(|m| (m.title.as_str(), m.reason.as_str(), m.count))
            .collect();
        assert_eq!(
            seen,
            [
                ("remove U+0000", "a", 3),
                ("remove U+0010", "a", 1),
                ("remove U+0000", "b", 1)
            ]
        );
    }

    fn culprits<'a>(post: &'a Post, src: &'a str, dropped: &'a mut Vec<Dropped>) -> Culprits<'a> {
        Culprits {
            post,
            source: src,
            path: Path::new("a.html"),
            max_fm: 65536,
            metadata: Metadata::Delimited,
            date_key: "date",
            budget: MAX_CULPRIT_CHECKS,
            dropped,
        }
    }

    #[test]
    fn culprits_are_found_by_halves_within_a_budget() {
        let parse = post;
        // 300 keys, each with a fix that changes its value without saying
        // so (refused), and one good fix to a body word among them.
        let mut src = String::from("---\n");
        for i in 0..300 {
            src.push_str(&format!("k{i:03}: x\n"));
        }
        src.push_str("---\n<p>cafÃ©</p>\n");
        let post = parse(&src);
        let bad: Vec<Diagnostic> = (0..300)
            .map(|i| {
                let at = 4 + i * 8 + 6;
                Diagnostic::new(&rules::mojibake::RULE, at..at + 1, "m").with_fix(
                    crate::diagnostic::Fix::replace("t", Applicability::Safe, at..at + 1, "y"),
                )
            })
            .collect();
        let word = src.find("cafÃ©").unwrap() + 3;
        let good = Diagnostic::new(&rules::mojibake::RULE, word..word + 4, "m").with_fix(
            crate::diagnostic::Fix::replace("t", Applicability::Safe, word..word + 4, "é")
                .changing_edited_values(),
        );
        let mut all: Vec<&Diagnostic> = bad.iter().collect();
        all.insert(150, &good);
        let mut dropped = Vec::new();
        let mut search = culprits(&post, &src, &mut dropped);
        let kept = search.keep_valid(&all);
        assert_eq!(
            search.budget, 0,
            "every fix fails: the budget bounds the search"
        );
        assert!(
            kept.is_empty()
                || (kept.len() == 1 && kept[0].range == good.range && kept[0].fix == good.fix)
        );
        assert_eq!(dropped.len() + kept.len(), 301);
        assert!(dropped.iter().any(|d| d.reason.starts_with("not checked")));
        assert!(
            dropped
                .iter()
                .any(|d| d.reason == "the value of `k000` would change")
        );

        // A few bad fixes among many good ones cost a few checks each.
        let mut dropped = Vec::new();
        let mut search = culprits(&post, &src, &mut dropped);
        let few = [bad[7].clone(), good.clone(), bad[200].clone()];
        let refs: Vec<&Diagnostic> = few.iter().collect();
        let kept = search.keep_valid(&refs);
        assert_eq!(kept.len(), 1);
        assert!(MAX_CULPRIT_CHECKS - search.budget <= 5);
        assert_eq!(dropped.len(), 2);
    }

    #[test]
    fn only_declared_values_change() {
        let parse = post;
        let before = parse("---\ntitle: x\nn: 12\npublished: no\n---\n");
        let title = 11..12;
        let declared = Diagnostic::new(&rules::mojibake::RULE, title.clone(), "m").with_fix(
            crate::diagnostic::Fix::replace("t", Applicability::Safe, title.clone(), "y")
                .changing_edited_values(),
        );
        let undeclared = Diagnostic::new(&rules::mojibake::RULE, title.clone(), "m").with_fix(
            crate::diagnostic::Fix::replace("t", Applicability::Safe, title, "y"),
        );
        let after = parse("---\ntitle: y\nn: 12\npublished: no\n---\n");
        assert!(validate(&before, &after, &[&declared], "date").is_ok());
        assert_eq!(
            validate(&before, &after, &[&undeclared], "date").unwrap_err(),
            "the value of `title` would change"
        );
        // `no` to `"no"` is the same string to serde_yaml, not to Jekyll.
        let quoted = parse("---\ntitle: y\nn: 12\npublished: \"no\"\n---\n");
        assert_eq!(
            validate(&before, &quoted, &[&declared], "date").unwrap_err(),
            "the value of `published` would change in Jekyll's reading"
        );
        let n = 16..18;
        let number = Diagnostic::new(&rules::mojibake::RULE, n.clone(), "m").with_fix(
            crate::diagnostic::Fix::replace("t", Applicability::Safe, n, "1x")
                .changing_edited_values(),
        );
        let text = parse("---\ntitle: x\nn: 1x\npublished: no\n---\n");
        assert_eq!(
            validate(&before, &text, &[&number], "date").unwrap_err(),
            "the value of `n` would change type in Jekyll's reading"
        );
    }

    #[test]
    fn not_utf8_is_converted_only_when_allowed() {
        let bytes = b"---\ntitle: caf\xe9\ndate: Tue, 14 May 2019 17:01:53 +0200\n---\n".to_vec();
        let s = settings("");
        let r = fix_bytes(
            Path::new("_posts/a.html"),
            bytes.clone(),
            &s,
            now(),
            FixOptions {
                unsafe_fixes: false,
            },
        );
        assert!(r.fixed.is_none());
        let r = fix_bytes(
            Path::new("_posts/a.html"),
            bytes,
            &s,
            now(),
            FixOptions { unsafe_fixes: true },
        );
        assert_eq!(
            r.fixed.as_deref(),
            Some("---\ntitle: café\ndate: Tue, 14 May 2019 17:01:53 +0200\n---\n")
        );
        assert_eq!(r.applied.get("PL102"), Some(&1));
    }

    /// fuzz/regressions/fix-bom-then-legacy: converting a non-UTF-8 file must
    /// not break a front matter that parsed.
    #[test]
    fn fuzz_conversion_keeps_the_front_matter() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fuzz/regressions/fix-bom-then-legacy"
        );
        let bytes = std::fs::read(path).unwrap();
        let s = settings("");
        let r = fix_bytes(
            Path::new("_posts/2019-05-14-a.html"),
            bytes.clone(),
            &s,
            now(),
            FixOptions { unsafe_fixes: true },
        );
        let before = post_at("a", &String::from_utf8_lossy(&bytes));
        if let (Some(fixed), Some(_)) = (&r.fixed, before.mapping()) {
            assert!(post_at("a", fixed).mapping().is_some(), "{fixed}");
        }
    }

    #[test]
    fn pelican_dates_are_never_rewritten() {
        let parse = |src: &str| {
            Post::parse_with("content/a.md".into(), src.into(), 65536, Metadata::Pelican)
        };
        let before = parse("Title: Cafe\nDate: 2021-10-01 10:20\n\nText.\n");
        let declared = |range: std::ops::Range<usize>, to: &str| {
            Diagnostic::new(&rules::mojibake::RULE, range.clone(), "m").with_fix(
                crate::diagnostic::Fix::replace("t", Applicability::Safe, range, to)
                    .changing_edited_values(),
            )
        };
        let date = declared(18..34, "Fri, 01 Oct 2021 10:20:00 +0000");
        let after = parse("Title: Cafe\nDate: Fri, 01 Oct 2021 10:20:00 +0000\n\nText.\n");
        assert_eq!(
            validate(&before, &after, &[&date], "date").unwrap_err(),
            "postlint does not rewrite Pelican's metadata dates"
        );
        // A repaired title is the same text to Pelican as to Jekyll.
        let title = declared(7..11, "Café");
        let after = parse("Title: Café\nDate: 2021-10-01 10:20\n\nText.\n");
        assert!(validate(&before, &after, &[&title], "date").is_ok());
    }

    #[test]
    fn apply_edits_in_any_order() {
        let e = |a, b, c: &str| Edit {
            range: Span::new(a, b),
            content: c.into(),
        };
        assert_eq!(
            apply_edits("abcdef", &[e(4, 5, "E"), e(0, 1, "A"), e(6, 6, "!")]),
            "AbcdEf!"
        );
    }
}
