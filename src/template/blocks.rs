//! Block tags paired with their end tags (`{% highlight %}…{% endhighlight %}`,
//! `{{< tab >}}…{{< /tab >}}`, `<Tabs>…</Tabs>`), what each block holds
//! (code, a comment, branches), and the regions the other layers need: the
//! code to leave alone and the later branches of conditionals.

use std::collections::HashMap;
use std::path::Path;

use super::{Construct, Kind, Languages, scan};
use crate::site::Generator;
use crate::span::Span;

/// What a paired block holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// Code shown as it is: `{% highlight %}`, `{% codeblock %}`, `{% raw %}`,
    /// `{{< highlight >}}`, a shortcode given `lang=`.
    Code,
    /// `{% comment %}`: nothing is output.
    Comment,
    /// `{% if %}`, `{% unless %}`, `{% case %}`: one branch is output.
    Conditional,
    /// `{% for %}`, `{% tablerow %}`: the body is output once per item.
    Loop,
    /// Any other paired tag, shortcode or component.
    Other,
}

/// A block tag and its end tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// As written in the opening construct (`highlight`, `Tabs`).
    pub name: String,
    /// Indexes of the opening and closing constructs in [`Layer::constructs`].
    pub open: usize,
    pub close: usize,
    /// From the start of the opening construct to the end of the closing one.
    pub span: Span,
    /// Between the two.
    pub inner: Span,
    /// From the first `{% else %}`/`{% elsif %}` (the second `{% when %}`) to
    /// the end tag: the branches after the first, when there are some.
    pub later_branches: Option<Span>,
    /// The language of a code block (`ruby` in `{% highlight ruby %}`), if given.
    pub language: Option<String>,
}

/// The template layer of one body: its constructs and blocks.
#[derive(Debug, Clone, Default)]
pub struct Layer {
    pub constructs: Vec<Construct>,
    pub blocks: Vec<Block>,
}

/// How the HTML checker is to see a piece of template code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mask {
    /// Outputs nothing the checker can know: left out (control tags,
    /// comments, imports, the later branches of a conditional).
    Drop,
    /// Outputs something unknown (an include, an output, a shortcode, a code
    /// block): content, but neither text nor markup.
    Opaque,
}

impl Layer {
    /// Scans `source[range]` in `langs` and pairs its blocks.
    pub fn new(source: &str, range: Span, langs: Languages) -> Layer {
        let constructs = scan(source, range, langs);
        let blocks = blocks(&constructs);
        Layer { constructs, blocks }
    }

    /// The layer of a post's body, in the languages of its site and extension.
    pub fn of_body(source: &str, body: Span, generator: Option<Generator>, path: &Path) -> Layer {
        Layer::new(source, body, Languages::for_file(generator, path))
    }

    /// Code blocks and comment blocks whole (delimiters included), sorted and
    /// merged: no rule reads them as text or markup, no fix edits them.
    pub fn code_regions(&self) -> Vec<Span> {
        merge(
            self.blocks
                .iter()
                .filter(|b| matches!(b.kind, BlockKind::Code | BlockKind::Comment))
                .map(|b| b.span)
                .chain(
                    self.constructs
                        .iter()
                        .filter(|c| matches!(c.kind, Kind::Verbatim | Kind::ShortcodeEscape))
                        .map(|c| c.span),
                )
                .collect(),
        )
    }

    /// Every construct and code region, sorted and merged: what is not
    /// prose to the text rules.
    pub fn opaque_regions(&self) -> Vec<Span> {
        let mut all = self.code_regions();
        all.extend(self.constructs.iter().map(|c| c.span));
        merge(all)
    }

    /// What the HTML checker leaves out or sees as opaque content, sorted
    /// and not overlapping (an inner region is absorbed by its outer one).
    pub fn html_masks(&self) -> Vec<(Span, Mask)> {
        self.masks(&[])
    }

    /// [`Layer::html_masks`] for the HTML of `source[body]`, leaving the
    /// constructs written inside a start tag as they are (`<img
    /// src="{{ site.url }}/a.png">`): the attribute keeps its text for the
    /// resource checks, and the tag its shape.
    pub fn html_masks_in(&self, source: &str, body: Span) -> Vec<(Span, Mask)> {
        self.masks(&self.inside_tags(source, body))
    }

    /// For each construct, whether it is written inside an HTML start or end
    /// tag. One pass over the body; a blank line ends a runaway tag.
    fn inside_tags(&self, source: &str, body: Span) -> Vec<bool> {
        let b = source.as_bytes();
        let end = body.end.min(b.len());
        let mut flags = vec![false; self.constructs.len()];
        let mut k = 0;
        let mut i = body.start;
        let mut in_tag = false;
        let mut quote: Option<u8> = None;
        while i < end {
            while self.constructs.get(k).is_some_and(|c| c.span.start < i) {
                k += 1;
            }
            if let Some(c) = self.constructs.get(k)
                && c.span.start == i
            {
                if let Some(f) = flags.get_mut(k) {
                    *f = in_tag;
                }
                i = c.span.end.max(i + 1);
                k += 1;
                continue;
            }
            let c = b[i];
            if in_tag {
                match quote {
                    Some(q) if c == q => quote = None,
                    Some(_) => {}
                    None if c == b'"' || c == b'\'' => quote = Some(c),
                    None if c == b'>' => in_tag = false,
                    None => {}
                }
                if c == b'\n' && b.get(i + 1) == Some(&b'\n') {
                    in_tag = false;
                    quote = None;
                }
            } else if c == b'<' {
                let n = if b.get(i + 1) == Some(&b'/') {
                    i + 2
                } else {
                    i + 1
                };
                in_tag = b.get(n).is_some_and(u8::is_ascii_alphabetic);
            }
            i += 1;
        }
        flags
    }

    fn masks(&self, inside_tags: &[bool]) -> Vec<(Span, Mask)> {
        let mut all: Vec<(Span, Mask)> = Vec::new();
        for b in &self.blocks {
            match b.kind {
                BlockKind::Code => all.push((b.span, Mask::Opaque)),
                BlockKind::Comment => all.push((b.span, Mask::Drop)),
                _ => {}
            }
            if let Some(later) = b.later_branches {
                all.push((later, Mask::Drop));
            }
        }
        for (i, c) in self.constructs.iter().enumerate() {
            // Inside a tag, dropping a control tag keeps the tag's shape;
            // an output stays as written.
            let mask = mask_of(c);
            if mask == Mask::Drop || !inside_tags.get(i).copied().unwrap_or(false) {
                all.push((c.span, mask));
            }
        }
        // Outer regions first at one start, so they absorb what they hold.
        all.sort_by(|a, b| a.0.start.cmp(&b.0.start).then(b.0.end.cmp(&a.0.end)));
        let mut out: Vec<(Span, Mask)> = Vec::with_capacity(all.len());
        for (span, mask) in all {
            match out.last_mut() {
                Some(last) if span.start < last.0.end => last.0.end = last.0.end.max(span.end),
                _ => out.push((span, mask)),
            }
        }
        out
    }
}

/// Liquid and Nunjucks tags that output nothing themselves.
const SILENT_TAGS: &[&str] = &[
    "if", "elsif", "elif", "else", "unless", "case", "when", "for", "break", "continue", "assign",
    "capture", "comment", "raw", "set", "macro", "block", "extends", "import", "from", "liquid",
    "#", "layout", "endif", "endfor",
];

fn mask_of(c: &Construct) -> Mask {
    match c.kind {
        Kind::Tag => {
            let name = c.name.to_ascii_lowercase();
            if c.closing || SILENT_TAGS.contains(&name.as_str()) {
                Mask::Drop
            } else {
                Mask::Opaque
            }
        }
        Kind::Shortcode | Kind::MarkdownShortcode if c.closing => Mask::Drop,
        Kind::Comment | Kind::EsmBlock | Kind::ProcessingInstruction => Mask::Drop,
        Kind::Output
        | Kind::Verbatim
        | Kind::Shortcode
        | Kind::MarkdownShortcode
        | Kind::ShortcodeEscape
        | Kind::Jsx
        | Kind::Expression => Mask::Opaque,
    }
}

/// Sorts and merges overlapping or touching spans.
fn merge(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort_by_key(|s| s.start);
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        match out.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    out
}

/// Liquid tags whose content is code.
const CODE_TAGS: &[&str] = &["highlight", "codeblock", "code", "raw", "include_code"];
/// Hugo shortcodes whose content is code or a diagram's source.
const CODE_SHORTCODES: &[&str] = &[
    "highlight",
    "code",
    "codeblock",
    "code-block",
    "mermaid",
    "math",
    "katex",
];

/// The family a construct pairs within, so a Liquid `{% endtab %}` never
/// closes a Hugo `{{< tab >}}`.
fn family(kind: Kind) -> Option<u8> {
    match kind {
        Kind::Tag => Some(0),
        Kind::Shortcode | Kind::MarkdownShortcode => Some(1),
        Kind::Jsx => Some(2),
        _ => None,
    }
}

/// One opened, not yet closed construct.
struct Open {
    index: usize,
    key: (u8, String),
    /// Branch tags seen directly inside it.
    branches: usize,
    later: Option<usize>,
}

/// Pairs the block constructs of `constructs` (in source order). Linear: the
/// open constructs sit on a stack, indexed by name to find an end tag's
/// opener without walking the stack; unclosed ones are dropped when an outer
/// block closes.
pub fn blocks(constructs: &[Construct]) -> Vec<Block> {
    let mut stack: Vec<Open> = Vec::new();
    let mut by_name: HashMap<(u8, String), Vec<usize>> = HashMap::new();
    let mut out = Vec::new();
    for (index, c) in constructs.iter().enumerate() {
        let Some(fam) = family(c.kind) else { continue };
        let lower = c.name.to_ascii_lowercase();
        if fam == 0 && matches!(lower.as_str(), "else" | "elsif" | "elif" | "when") {
            if let Some(top) = stack.last_mut() {
                top.branches += 1;
                let first_counts = top.key.1 != "case";
                if top.later.is_none() && (first_counts || top.branches > 1) {
                    top.later = Some(c.span.start);
                }
            }
            continue;
        }
        let key_name = if fam == 0 {
            match lower.strip_prefix("end") {
                Some(rest) if c.closing => rest.to_string(),
                _ => lower.clone(),
            }
        } else {
            // JSX names are case-sensitive; shortcodes are matched as written.
            c.name.clone()
        };
        let key = (fam, key_name);
        if c.closing {
            let Some(&at) = by_name.get(&key).and_then(|v| v.last()) else {
                continue;
            };
            while stack.len() > at {
                let Some(open) = stack.pop() else { break };
                if let Some(v) = by_name.get_mut(&open.key) {
                    v.pop();
                }
                if stack.len() == at {
                    out.push(block(constructs, open, index));
                }
            }
        } else if !c.self_closing && !matches!(c.kind, Kind::Jsx) || jsx_opens(c) {
            by_name.entry(key.clone()).or_default().push(stack.len());
            stack.push(Open {
                index,
                key,
                branches: 0,
                later: None,
            });
        }
    }
    out.sort_by_key(|b| b.span.start);
    out
}

/// A JSX tag that opens an element (not `<X />`, not a closing tag).
fn jsx_opens(c: &Construct) -> bool {
    c.kind == Kind::Jsx && !c.self_closing && !c.closing
}

fn block(constructs: &[Construct], open: Open, close: usize) -> Block {
    let (o, c) = (&constructs[open.index], &constructs[close]);
    let name = o.name.to_ascii_lowercase();
    let lang_arg = o
        .arg("lang")
        .or_else(|| o.arg("language"))
        .map(|a| a.value.clone());
    let kind = match o.kind {
        Kind::Tag if name == "comment" => BlockKind::Comment,
        Kind::Tag if CODE_TAGS.contains(&name.as_str()) => BlockKind::Code,
        Kind::Tag if matches!(name.as_str(), "if" | "unless" | "case") => BlockKind::Conditional,
        Kind::Tag if matches!(name.as_str(), "for" | "tablerow") => BlockKind::Loop,
        Kind::Shortcode | Kind::MarkdownShortcode
            if CODE_SHORTCODES.contains(&name.as_str()) || lang_arg.is_some() =>
        {
            BlockKind::Code
        }
        _ => BlockKind::Other,
    };
    let language = if kind == BlockKind::Code {
        lang_arg.or_else(|| {
            o.args
                .first()
                .filter(|a| a.name.is_none())
                .map(|a| a.value.clone())
        })
    } else {
        None
    };
    Block {
        kind,
        name: o.name.clone(),
        open: open.index,
        close,
        span: Span::new(o.span.start, c.span.end),
        inner: Span::new(o.span.end, c.span.start.max(o.span.end)),
        later_branches: open
            .later
            .filter(|_| matches!(kind, BlockKind::Conditional | BlockKind::Loop))
            .map(|at| Span::new(at, c.span.start.max(at))),
        language,
    }
}
