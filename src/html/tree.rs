//! The HTML standard's tree construction, cut down to what a checker needs:
//! the stack of open elements with optional end tags, scopes and tables, so
//! that valid fragments pass and misnested, stray and unclosed tags are found.

use std::collections::HashMap;

use crate::span::Span;

use super::names::{self, Scope};
use super::{Element, HtmlError, ParseOptions, StartTag, Token};

/// Open elements deeper than this stop the checker (browsers flatten the
/// tree past 512; real posts stay under 50): a deep stack makes every close
/// walk it, and each open element holds memory.
pub const MAX_DEPTH: usize = 10_000;

/// Errors kept per body; the rest are only counted (a few are shown anyway).
pub const MAX_ERRORS: usize = 10_000;

/// What the checker built, and where it stopped if it did.
pub struct Built {
    pub elements: Vec<Element>,
    pub errors: Vec<HtmlError>,
    /// Errors found past [`MAX_ERRORS`], counted but not kept.
    pub errors_dropped: usize,
    /// The tag past [`MAX_DEPTH`] where checking stopped.
    pub stopped: Option<Span>,
}

/// Builds the element list of `tokens` (file spans) and the errors on the
/// way. `opaque[i]` tells that text token `i` is template output only.
pub fn build(tokens: &[Token], opaque: &[bool], options: ParseOptions) -> Built {
    let mut b = Builder {
        elements: Vec::new(),
        stack: Vec::new(),
        errors: Vec::new(),
        open: HashMap::new(),
        errors_dropped: 0,
        options,
        implied_tbody: Vec::new(),
    };
    let mut stopped = None;
    for (i, token) in tokens.iter().enumerate() {
        if let Token::Start(tag) = token
            && b.stack.len() >= MAX_DEPTH
        {
            stopped = Some(tag.span);
            break;
        }
        match token {
            Token::Start(tag) => b.start(i, tag),
            Token::End(tag) => b.end(&tag.name, &tag.span),
            Token::Text { .. } if opaque.get(i).copied().unwrap_or(false) => b.opaque(),
            Token::Text { blank, span } => b.text(*blank, span),
            Token::Doctype { .. } if b.options.document => {}
            Token::Doctype { span } => b.error(
                *span,
                "`<!DOCTYPE>` inside the body".into(),
                "remove it: the layout writes the document's doctype",
            ),
            Token::Comment { .. } => {}
        }
    }
    b.finish();
    Built {
        elements: b.elements,
        errors: b.errors,
        errors_dropped: b.errors_dropped,
        stopped,
    }
}

struct Builder {
    elements: Vec<Element>,
    /// Indexes into `elements`, outermost first.
    stack: Vec<usize>,
    errors: Vec<HtmlError>,
    /// How many HTML elements of each name are on the stack: most scope
    /// searches end here without walking a deep stack.
    open: HashMap<String, usize>,
    errors_dropped: usize,
    options: ParseOptions,
    /// Tables (element ids) whose rows the parser put in a `<tbody>` it
    /// made itself, as the standard does for a `<tr>` directly in `<table>`:
    /// a `</tbody>` then closes that one.
    implied_tbody: Vec<usize>,
}

fn tag_label(name: &str) -> String {
    format!("`<{name}>` opened here")
}

impl Builder {
    /// Keeps `e` while fewer than [`MAX_ERRORS`] are kept; counts it after.
    fn record(&mut self, e: HtmlError) {
        if self.errors.len() < MAX_ERRORS {
            self.errors.push(e);
        } else {
            self.errors_dropped += 1;
        }
    }

    fn error(&mut self, span: Span, message: String, help: &str) {
        self.record(HtmlError {
            span,
            message,
            help: Some(help.to_string()),
            labels: Vec::new(),
            ignored: false,
        });
    }

    fn el(&self, pos: usize) -> Option<&Element> {
        self.stack.get(pos).and_then(|&i| self.elements.get(i))
    }

    fn current(&self) -> Option<&Element> {
        self.stack.last().and_then(|&i| self.elements.get(i))
    }

    fn current_is(&self, f: impl Fn(&str) -> bool) -> bool {
        self.current().is_some_and(|e| !e.foreign && f(&e.name))
    }

    fn in_foreign(&self) -> bool {
        self.current()
            .is_some_and(|e| e.foreign && !names::is_integration_point(&e.name))
    }

    fn count(&self, name: &str) -> usize {
        self.open.get(name).copied().unwrap_or(0)
    }

    fn new_element(&mut self, token: usize, tag: &StartTag, name: &str, foreign: bool) -> usize {
        let parent = self.stack.last().copied();
        if let Some(p) = parent.and_then(|p| self.elements.get_mut(p)) {
            p.has_content = true;
        }
        self.elements.push(Element {
            name: name.to_string(),
            token,
            start_span: tag.span,
            end_span: None,
            closed_by: None,
            parent,
            has_content: false,
            foreign,
            reopened: false,
        });
        self.elements.len() - 1
    }

    fn push(&mut self, id: usize) {
        if let Some(e) = self.elements.get(id) {
            if !e.foreign {
                *self.open.entry(e.name.clone()).or_default() += 1;
            }
            self.stack.push(id);
        }
    }

    fn pop(&mut self, closer: &Span) -> Option<usize> {
        let id = self.stack.pop()?;
        if let Some(e) = self.elements.get_mut(id) {
            if !e.foreign
                && let Some(n) = self.open.get_mut(&e.name)
            {
                *n = n.saturating_sub(1);
            }
            if e.end_span.is_none() && e.closed_by.is_none() {
                e.closed_by = Some(*closer);
            }
        }
        Some(id)
    }

    /// The stack position of the innermost HTML `name` within `scope`.
    fn in_scope(&self, name: &str, scope: Scope) -> Option<usize> {
        if self.count(name) == 0 {
            return None;
        }
        for pos in (0..self.stack.len()).rev() {
            let e = self.el(pos)?;
            if e.foreign {
                if scope != Scope::Table && names::is_integration_point(&e.name) {
                    return None;
                }
                continue;
            }
            if e.name == name {
                return Some(pos);
            }
            if names::bounds_scope(&e.name, scope) {
                return None;
            }
        }
        None
    }

    /// Pops elements whose end tag is optional ("generate implied end tags").
    fn implied_ends(&mut self, except: &str, closer: &Span) {
        while self.current_is(|n| names::has_implied_end(n) && n != except) {
            self.pop(closer);
        }
    }

    fn close_p(&mut self, by: &str, closer: &Span) {
        if let Some(pos) = self.in_scope("p", Scope::Button) {
            self.implied_ends("p", closer);
            self.close_to(pos, "p", by, closer, None);
        }
    }

    /// Pops down to and including stack position `pos`, reporting elements
    /// still open above it; formatting elements among them are reopened, as
    /// the parser does.
    fn close_to(
        &mut self,
        pos: usize,
        name: &str,
        by: &str,
        closer: &Span,
        end_tag: Option<&Span>,
    ) {
        self.report_open_above(pos, name, by, closer, names::has_implied_end);
        let mut reopen = Vec::new();
        while self.stack.len() > pos + 1 {
            if let Some(id) = self.pop(closer)
                && self
                    .elements
                    .get(id)
                    .is_some_and(|e| !e.foreign && names::is_formatting(&e.name))
            {
                reopen.push(id);
            }
        }
        if let Some(id) = self.pop(closer)
            && let (Some(e), Some(span)) = (self.elements.get_mut(id), end_tag)
        {
            e.end_span = Some(*span);
            e.closed_by = None;
        }
        for id in reopen.into_iter().rev() {
            if let Some(e) = self.elements.get_mut(id) {
                e.reopened = true;
            }
            self.push(id);
        }
    }

    /// An error when an element that needs its end tag is open above `pos`.
    fn report_open_above(
        &mut self,
        pos: usize,
        name: &str,
        by: &str,
        closer: &Span,
        may_close: impl Fn(&str) -> bool,
    ) {
        let open = (pos + 1..self.stack.len()).rev().find_map(|p| {
            let e = self.el(p)?;
            let fine = (!e.foreign && may_close(&e.name)) || e.reopened;
            (!fine).then(|| (e.name.clone(), e.start_span))
        });
        let Some((inner, inner_span)) = open else {
            return;
        };
        let outer_span = self.el(pos).map(|e| e.start_span);
        let mut labels = vec![(inner_span, format!("`<{inner}>` opened here, not closed"))];
        if let Some(s) = outer_span {
            labels.push((s, tag_label(name)));
        }
        self.record(HtmlError {
            span: *closer,
            message: if by.starts_with("</") {
                format!("`{by}` closes `<{name}>` while `<{inner}>` is still open")
            } else {
                format!("`{by}` ends the open `<{name}>` while `<{inner}>` is still open")
            },
            help: Some(format!("close `<{inner}>` first")),
            labels,
            ignored: false,
        });
    }

    fn stray(&mut self, name: &str, span: &Span) {
        let message = format!("end tag `</{name}>` has no open `<{name}>`");
        // The parser drops it (a `</p>` becomes an empty paragraph). Inside
        // the layout it could close the layout's own element only if that is
        // a block or table element the post sits in: a `</div>` can, a
        // `</span>` or `</li>` stops at the layout's `<div>` and is dropped.
        let ignored = matches!(name, "p" | "li" | "dd" | "dt")
            || names::is_heading(name)
            || !names::is_special(name);
        if name == "p"
            && let Some(p) = self
                .elements
                .iter()
                .rev()
                .find(|e| e.name == "p" && e.end_span.is_none() && !e.foreign)
            && let Some(by) = p.closed_by
        {
            let labels = vec![
                (p.start_span, "`<p>` opened here".to_string()),
                (
                    by,
                    "and closed here: a paragraph cannot hold this".to_string(),
                ),
            ];
            self.record(HtmlError {
                span: *span,
                message,
                help: Some("end the paragraph before the block, or use a `<div>`".into()),
                labels,
                ignored,
            });
            return;
        }
        let help = if self.count(name) > 0 {
            format!("the open `<{name}>` lies outside the table cell or button this tag is in")
        } else {
            "remove it, or add the start tag it belongs to".into()
        };
        self.record(HtmlError {
            span: *span,
            message,
            help: Some(help),
            labels: Vec::new(),
            ignored,
        });
    }

    fn start(&mut self, token: usize, tag: &StartTag) {
        let name = tag.name.as_str();
        let span = &tag.span;
        if self.in_foreign() {
            if names::breaks_out_of_foreign(name) {
                let parent = self.current().map(|e| e.name.clone()).unwrap_or_default();
                self.error(
                    *span,
                    format!("`<{name}>` cannot appear inside `<{parent}>`"),
                    "close the SVG or MathML element first",
                );
                while self.in_foreign() {
                    self.pop(span);
                }
            } else {
                let id = self.new_element(token, tag, name, true);
                if !tag.self_closing {
                    self.push(id);
                }
                return;
            }
        }
        match name {
            "svg" | "math" => {
                let id = self.new_element(token, tag, name, true);
                if !tag.self_closing {
                    self.push(id);
                }
                return;
            }
            "html" | "body" | "head" if self.options.document => return,
            "html" | "body" | "head" | "frameset" => {
                self.error(
                    *span,
                    format!("`<{name}>` inside the body"),
                    "remove it: the layout writes the document around the post",
                );
                return;
            }
            _ => {}
        }
        if names::is_table_part(name) {
            self.table_part_start(token, tag);
            return;
        }
        if self.current_is(names::is_table_context)
            && !matches!(name, "script" | "style" | "template" | "input" | "form")
        {
            let table = self.current().map(|e| e.name.clone()).unwrap_or_default();
            self.error(
                *span,
                format!("`<{name}>` directly inside `<{table}>`"),
                "put it inside a `<td>`: browsers move it out of the table",
            );
        }
        if names::closes_p(name) {
            self.close_p(&format!("<{name}>"), span);
        }
        match name {
            h if names::is_heading(h) && self.current_is(names::is_heading) => {
                let outer = self.current().map(|e| e.name.clone()).unwrap_or_default();
                self.error(
                    *span,
                    format!("heading `<{name}>` inside `<{outer}>`"),
                    &format!("close `<{outer}>` first: headings cannot nest"),
                );
                self.pop(span);
            }
            "li" => self.close_list_item(&["li"], name, span),
            "dd" | "dt" => self.close_list_item(&["dd", "dt"], name, span),
            "option" | "optgroup" if self.current_is(|n| n == "option") => {
                self.pop(span);
            }
            "rb" | "rp" | "rt" | "rtc"
                if self.current_is(|n| matches!(n, "rb" | "rp" | "rt" | "rtc")) =>
            {
                self.pop(span);
            }
            "button" | "nobr" => {
                if let Some(pos) = self.in_scope(name, Scope::Default) {
                    self.error(
                        *span,
                        format!("`<{name}>` inside another `<{name}>`"),
                        &format!("close the first `<{name}>` before opening another"),
                    );
                    self.implied_ends("", span);
                    self.close_to(pos, name, &format!("<{name}>"), span, None);
                }
            }
            "a" => {
                if let Some(pos) = (0..self.stack.len())
                    .rev()
                    .find(|&p| self.el(p).is_some_and(|e| !e.foreign && e.name == "a"))
                {
                    let outer = self.el(pos).map(|e| e.start_span);
                    self.record(HtmlError {
                        span: *span,
                        message: "link `<a>` inside another link".into(),
                        help: Some("close the first `<a>` before opening another".into()),
                        labels: outer
                            .map(|s| vec![(s, "this link is still open".into())])
                            .unwrap_or_default(),
                        ignored: false,
                    });
                    if let Some(id) = self.stack.get(pos).copied() {
                        self.stack.remove(pos);
                        if let Some(n) = self.open.get_mut("a") {
                            *n = n.saturating_sub(1);
                        }
                        if let Some(e) = self.elements.get_mut(id) {
                            e.closed_by = Some(*span);
                        }
                    }
                }
            }
            "form" if self.count("form") > 0 => {
                self.error(
                    *span,
                    "`<form>` inside another `<form>`".into(),
                    "close the first form: browsers ignore this one",
                );
                return;
            }
            "image" => self.error(
                tag.name_span,
                "`<image>` is not an HTML element".into(),
                "write `<img>`",
            ),
            _ => {}
        }
        let name = if name == "image" { "img" } else { name };
        let id = self.new_element(token, tag, name, false);
        if names::is_void(name) {
            return;
        }
        if tag.self_closing && self.options.self_closing_closes {
            // The Markdown engine writes the end tag itself.
            return;
        }
        if tag.self_closing {
            self.error(
                *span,
                format!(
                    "`<{name}/>` does not close the `<{name}>`: only void elements close themselves"
                ),
                &format!("write `<{name}></{name}>`"),
            );
        }
        self.push(id);
    }

    /// `<li>` closes an open `<li>`; `<dd>`/`<dt>` close an open `<dd>` or `<dt>`.
    fn close_list_item(&mut self, names_closed: &[&str], by: &str, span: &Span) {
        for pos in (0..self.stack.len()).rev() {
            let Some(e) = self.el(pos) else { return };
            if e.foreign {
                return;
            }
            if names_closed.contains(&e.name.as_str()) {
                let name = e.name.clone();
                self.implied_ends(&name, span);
                self.close_to(pos, &name, &format!("<{by}>"), span, None);
                return;
            }
            if names::is_special(&e.name) && !matches!(e.name.as_str(), "address" | "div" | "p") {
                return;
            }
        }
    }

    /// Rows, cells and row groups: they close the ones before them.
    fn table_part_start(&mut self, token: usize, tag: &StartTag) {
        let name = tag.name.as_str();
        let span = &tag.span;
        let Some(table) = self.in_scope("table", Scope::Table) else {
            self.error(
                *span,
                format!("`<{name}>` outside a table"),
                "put it inside a `<table>`: browsers drop the tag",
            );
            return;
        };
        // What may stay between the table and the new part.
        let keep: &[&str] = match name {
            "td" | "th" => &["tr", "tbody", "thead", "tfoot"],
            "tr" => &["tbody", "thead", "tfoot"],
            _ => &[],
        };
        let mut bad: Option<(String, Span)> = None;
        while self.stack.len() > table + 1 {
            let Some(e) = self.current() else { break };
            if keep.contains(&e.name.as_str()) && !e.foreign {
                break;
            }
            let fine =
                !e.foreign && (names::has_implied_end(&e.name) || names::is_table_part(&e.name));
            if !fine && !e.reopened && bad.is_none() {
                bad = Some((e.name.clone(), e.start_span));
            }
            self.pop(span);
        }
        if matches!(name, "tr" | "td" | "th")
            && self.stack.len() == table + 1
            && let Some(&id) = self.stack.get(table)
            && !self.implied_tbody.contains(&id)
        {
            self.implied_tbody.push(id);
        }
        if let Some((inner, inner_span)) = bad {
            self.record(HtmlError {
                span: *span,
                message: format!("`<{name}>` starts while `<{inner}>` is still open"),
                help: Some(format!("close `<{inner}>` first")),
                labels: vec![(inner_span, format!("`<{inner}>` opened here, not closed"))],
                ignored: false,
            });
        }
        let id = self.new_element(token, tag, name, false);
        if name != "col" {
            self.push(id);
        }
    }

    /// `</tbody>` with no `<tbody>` open: it closes the one the parser made
    /// for rows written directly in the table; anything else is stray.
    fn implied_tbody_end(&mut self, name: &str, span: &Span) {
        let table = self.in_scope("table", Scope::Table);
        let implied = table
            .and_then(|pos| self.stack.get(pos))
            .is_some_and(|id| self.implied_tbody.contains(id));
        match table {
            Some(pos) if name == "tbody" && implied => {
                self.report_open_above(pos, name, &format!("</{name}>"), span, |n| {
                    names::has_implied_end(n) || names::is_table_part(n)
                });
                while self.stack.len() > pos + 1 {
                    self.pop(span);
                }
                // That `<tbody>` is closed; the next row makes a new one.
                let id = self.stack.get(pos).copied();
                self.implied_tbody.retain(|t| Some(*t) != id);
            }
            _ => self.stray(name, span),
        }
    }

    fn end(&mut self, name: &str, span: &Span) {
        if self.current().is_some_and(|e| e.foreign) {
            for pos in (0..self.stack.len()).rev() {
                let Some(e) = self.el(pos) else { break };
                if !e.foreign {
                    break;
                }
                if e.name.eq_ignore_ascii_case(name) {
                    if pos + 1 != self.stack.len() {
                        let inner = self.current().map(|e| e.name.clone()).unwrap_or_default();
                        self.error(
                            *span,
                            format!(
                                "`</{name}>` closes `<{name}>` while `<{inner}>` is still open"
                            ),
                            &format!("close `<{inner}>` first"),
                        );
                    }
                    while self.stack.len() > pos + 1 {
                        self.pop(span);
                    }
                    if let Some(id) = self.pop(span)
                        && let Some(e) = self.elements.get_mut(id)
                    {
                        e.end_span = Some(*span);
                        e.closed_by = None;
                    }
                    return;
                }
            }
        }
        match name {
            "br" => {
                self.error(*span, "`</br>` is not an end tag".into(), "write `<br>`");
            }
            v if names::is_void(v) => {
                // Dropped by the parser; only `</br>` (above) makes an element.
                self.record(HtmlError {
                    span: *span,
                    message: format!("end tag `</{name}>` for an element that has none"),
                    help: Some(format!("remove it: `<{name}>` takes no end tag")),
                    labels: Vec::new(),
                    ignored: true,
                });
            }
            "p" => match self.in_scope("p", Scope::Button) {
                Some(pos) => {
                    self.implied_ends("p", span);
                    self.close_to(pos, "p", "</p>", span, Some(span));
                }
                None => self.stray("p", span),
            },
            "li" | "dd" | "dt" => {
                let scope = if name == "li" {
                    Scope::ListItem
                } else {
                    Scope::Default
                };
                match self.in_scope(name, scope) {
                    Some(pos) => {
                        self.implied_ends(name, span);
                        self.close_to(pos, name, &format!("</{name}>"), span, Some(span));
                    }
                    None => self.stray(name, span),
                }
            }
            h if names::is_heading(h) => self.heading_end(name, span),
            f if names::is_formatting(f) => self.formatting_end(name, span),
            t if names::is_table_part(t) || t == "table" => match self.in_scope(name, Scope::Table)
            {
                Some(pos) => {
                    self.report_open_above(pos, name, &format!("</{name}>"), span, |n| {
                        names::has_implied_end(n) || names::is_table_part(n)
                    });
                    while self.stack.len() > pos + 1 {
                        self.pop(span);
                    }
                    if let Some(id) = self.pop(span)
                        && let Some(e) = self.elements.get_mut(id)
                    {
                        e.end_span = Some(*span);
                        e.closed_by = None;
                    }
                }
                None => self.implied_tbody_end(name, span),
            },
            "body" | "html" | "head" if self.options.document => {}
            "body" | "html" => self.error(
                *span,
                format!("`</{name}>` inside the body"),
                "remove it: the layout writes the document around the post",
            ),
            b if names::is_block_end(b) => match self.in_scope(name, Scope::Default) {
                Some(pos) => {
                    self.implied_ends("", span);
                    self.close_to(pos, name, &format!("</{name}>"), span, Some(span));
                }
                None => self.stray(name, span),
            },
            _ => self.other_end(name, span),
        }
    }

    fn heading_end(&mut self, name: &str, span: &Span) {
        let pos = ["h1", "h2", "h3", "h4", "h5", "h6"]
            .iter()
            .filter_map(|h| self.in_scope(h, Scope::Default))
            .max();
        let Some(pos) = pos else {
            self.stray(name, span);
            return;
        };
        self.implied_ends("", span);
        let open = self.el(pos).map(|e| e.name.clone()).unwrap_or_default();
        if open != name && self.stack.len() == pos + 1 {
            let start = self.el(pos).map(|e| e.start_span);
            self.record(HtmlError {
                span: *span,
                message: format!("`</{name}>` closes `<{open}>`"),
                help: Some(format!("write `</{open}>`, or make both the same level")),
                labels: start
                    .map(|s| vec![(s, tag_label(&open))])
                    .unwrap_or_default(),
                ignored: false,
            });
        }
        self.close_to(pos, &open, &format!("</{name}>"), span, Some(span));
    }

    /// `</b>` and friends: out of order it is an error, and the parser closes
    /// only that element (the adoption agency keeps the rest open).
    fn formatting_end(&mut self, name: &str, span: &Span) {
        let Some(pos) = (0..self.stack.len())
            .rev()
            .find(|&p| self.el(p).is_some_and(|e| !e.foreign && e.name == name))
        else {
            self.stray(name, span);
            return;
        };
        if self.in_scope(name, Scope::Default) != Some(pos) {
            self.stray(name, span);
            return;
        }
        let by = format!("</{name}>");
        if pos + 1 == self.stack.len() {
            self.close_to(pos, name, &by, span, Some(span));
            return;
        }
        self.report_open_above(pos, name, &by, span, |_| false);
        let Some(id) = self.stack.get(pos).copied() else {
            return;
        };
        self.stack.remove(pos);
        if let Some(n) = self.open.get_mut(name) {
            *n = n.saturating_sub(1);
        }
        if let Some(e) = self.elements.get_mut(id) {
            e.end_span = Some(*span);
        }
    }

    /// Any other end tag: it closes the innermost element of its name unless a
    /// "special" element (a `<div>`, a cell) lies between.
    fn other_end(&mut self, name: &str, span: &Span) {
        for pos in (0..self.stack.len()).rev() {
            let Some(e) = self.el(pos) else { break };
            if !e.foreign && e.name == name {
                self.implied_ends(name, span);
                self.close_to(pos, name, &format!("</{name}>"), span, Some(span));
                return;
            }
            if !e.foreign && names::is_special(&e.name) {
                break;
            }
        }
        self.stray(name, span);
    }

    /// Template output: the open element has content, whatever the context
    /// (an `{% include row.html %}` inside `<tbody>` writes rows).
    fn opaque(&mut self) {
        if let Some(&id) = self.stack.last()
            && let Some(e) = self.elements.get_mut(id)
        {
            e.has_content = true;
        }
    }

    fn text(&mut self, blank: bool, span: &Span) {
        if blank {
            return;
        }
        if self.current_is(names::is_table_context) {
            let table = self.current().map(|e| e.name.clone()).unwrap_or_default();
            self.error(
                *span,
                format!("text directly inside `<{table}>`"),
                "put it inside a `<td>`: browsers move it out of the table",
            );
        }
        if let Some(&id) = self.stack.last()
            && let Some(e) = self.elements.get_mut(id)
        {
            e.has_content = true;
        }
    }

    fn finish(&mut self) {
        let unclosed: Vec<(String, Span)> = self
            .stack
            .iter()
            .filter_map(|&id| self.elements.get(id))
            .filter(|e| !e.reopened && (e.foreign || !names::may_stay_open(&e.name)))
            .map(|e| (e.name.clone(), e.start_span))
            .collect();
        for (name, span) in unclosed {
            self.error(
                span,
                format!("`<{name}>` is not closed"),
                &format!("close it with `</{name}>`"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{MAX_DEPTH, MAX_ERRORS};
    use crate::html::{HtmlDoc, Pieces};
    use crate::span::Span;

    fn errors(src: &str) -> Vec<String> {
        HtmlDoc::parse(&Pieces::whole(src, Span::new(0, src.len())))
            .errors
            .into_iter()
            .map(|e| e.message)
            .collect()
    }

    #[test]
    fn valid_fragments_pass() {
        for ok in [
            "<p>een<p>twee\n<ul><li>a<li>b</ul>",
            "<p>tekst<div>blok</div>",
            "<dl><dt>a<dd>b<dt>c</dl>",
            "<table><tr><td>a<td>b<tr><td>c</table>",
            "<table><thead><tr><th>a</thead><tbody><tr><td>b</tbody></table>",
            "<p><b>vet <i>schuin</i></b> <br/> <img src=x alt=y></p>",
            "<svg viewBox=\"0 0 1 1\"><path d=\"M0\"/><circle r=\"1\"/></svg>",
            "<select><option>a<option>b</select>",
            "<figure><img src=a alt=b><figcaption>c</figcaption></figure>",
            "<ruby>漢<rp>(<rt>kan<rp>)</ruby>",
            "<div><p>a</div>",
            "<ul><li><p>a</ul>",
            "<table><tr><td><p>a</td></tr></table>",
            "<h2>a</h2><h3>b</h3>",
            "<a name=x></a><a href=\"#x\">x</a>",
            "<textarea><p></textarea><title><b></title>",
        ] {
            assert_eq!(errors(ok), Vec::<String>::new(), "{ok}");
        }
    }

    #[test]
    fn broken_fragments_fail_in_plain_words() {
        assert_eq!(
            errors("<div><p>x</div></div>"),
            ["end tag `</div>` has no open `<div>`"]
        );
        assert_eq!(
            errors("<div><span>x</div>"),
            ["`</div>` closes `<div>` while `<span>` is still open"]
        );
        assert_eq!(
            errors("<section><div>x"),
            ["`<section>` is not closed", "`<div>` is not closed"]
        );
        assert_eq!(
            errors("<p>x<div>y</div></p>"),
            ["end tag `</p>` has no open `<p>`"]
        );
        assert_eq!(
            errors("<b><i>x</b></i>"),
            ["`</b>` closes `<b>` while `<i>` is still open"]
        );
        assert_eq!(errors("<h2>x</h3>"), ["`</h3>` closes `<h2>`"]);
        assert_eq!(
            errors("<img src=x></img>"),
            ["end tag `</img>` for an element that has none"]
        );
        assert_eq!(
            errors("<div/>x"),
            [
                "`<div/>` does not close the `<div>`: only void elements close themselves",
                "`<div>` is not closed"
            ]
        );
        assert_eq!(
            errors("<td>x</td>"),
            [
                "`<td>` outside a table",
                "end tag `</td>` has no open `<td>`"
            ]
        );
        assert_eq!(
            errors("<table>tekst<tr><td>a</table>"),
            ["text directly inside `<table>`"]
        );
        assert_eq!(
            errors("<a href=a>x<a href=b>y</a>"),
            ["link `<a>` inside another link"]
        );
        assert_eq!(
            errors("<table><tr><td><div>a</table>"),
            ["`</table>` closes `<table>` while `<div>` is still open"]
        );
    }

    #[test]
    fn p_closed_by_a_block_is_explained() {
        let src = "<p>x<div>y</div></p>";
        let doc = HtmlDoc::parse(&Pieces::whole(src, Span::new(0, src.len())));
        let e = &doc.errors[0];
        assert_eq!(&src[e.span], "</p>");
        assert_eq!(&src[e.labels[0].0], "<p>");
        assert_eq!(&src[e.labels[1].0], "<div>");
    }

    /// Past the depth limit the checker stops and says where; past the error
    /// limit errors are only counted.
    #[test]
    fn limits_stop_the_checker_and_say_so() {
        let src = "<b>".repeat(MAX_DEPTH + 5);
        let doc = HtmlDoc::parse(&Pieces::whole(&src, Span::new(0, src.len())));
        let stopped = doc.stopped.expect("stopped");
        assert_eq!(stopped.span, MAX_DEPTH * 3..MAX_DEPTH * 3 + 3);
        assert!(stopped.message.contains("the checker stopped here"));
        assert_eq!(doc.elements.len(), MAX_DEPTH);
        assert_eq!(doc.errors.len() + doc.errors_dropped, MAX_DEPTH);

        let src = "</x>".repeat(MAX_ERRORS + 7);
        let doc = HtmlDoc::parse(&Pieces::whole(&src, Span::new(0, src.len())));
        assert_eq!(doc.errors.len(), MAX_ERRORS);
        assert_eq!(doc.errors_dropped, 7);
        assert!(doc.stopped.is_none());
    }

    #[test]
    fn deep_nesting_is_linear_enough() {
        let src = format!("{}x{}", "<div>".repeat(10_000), "</div>".repeat(10_000));
        assert!(errors(&src).is_empty());
        let unclosed = "<div>".repeat(10_000);
        assert_eq!(errors(&unclosed).len(), 10_000);
    }
}

/// The checker and html5ever (through scraper) agree on which fragments the
/// HTML standard calls broken.
#[cfg(test)]
mod agrees_with_html5ever {
    use crate::html::{HtmlDoc, ParseOptions, Pieces};
    use crate::span::Span;

    fn ours(src: &str) -> bool {
        HtmlDoc::parse(&Pieces::whole(src, Span::new(0, src.len())))
            .errors
            .is_empty()
    }

    fn theirs(src: &str) -> bool {
        scraper::Html::parse_fragment(src).errors.is_empty()
    }

    #[test]
    fn on_valid_and_broken_fragments() {
        for src in [
            "<p>een<p>twee\n<ul><li>a<li>b</ul>",
            "<p>tekst<div>blok</div>",
            "<dl><dt>a<dd>b<dt>c</dl>",
            "<table><tr><td>a<td>b<tr><td>c</table>",
            "<table><thead><tr><th>a</thead><tbody><tr><td>b</tbody></table>",
            "<p><b>vet <i>schuin</i></b> <br/> <img src=x alt=y></p>",
            "<svg viewBox=\"0 0 1 1\"><path d=\"M0\"/></svg>",
            "<figure><img src=a alt=b><figcaption>c</figcaption></figure>",
            "<div><p>a</div>",
            "<ul><li><p>a</ul>",
            "<h2>a</h2><h3>b</h3>",
            "AT&T &amp; R&D",
            "<div><p>x</div></div>",
            "<div><span>x</div>",
            "<section><div>x",
            "<p>x<div>y</div></p>",
            "<b><i>x</b></i>",
            "<h2>x</h3>",
            "<img src=x></img>",
            "<div/>x",
            "<td>x</td>",
            "<table>tekst<tr><td>a</table>",
            "<a href=a>x<a href=b>y</a>",
            "<table><tr><td><div>a</table>",
            "<p>&foo;</p>",
            "<p>&copy 2019</p>",
            "<a href=x href=y>z</a>",
            "<a class=\"x\"id=\"y\">z</a>",
            "<!-- open",
            "<p>x</p></span>",
            "<h2><h3>x</h3></h2>",
        ] {
            assert_eq!(ours(src), theirs(src), "{src}");
        }
    }

    /// Tables as WordPress, kramdown and hand-written posts write them:
    /// white space between rows, omitted `<tbody>` start tags and omitted
    /// `</td>`/`</tr>` are valid; text and stray parts are not.
    #[test]
    fn on_tables() {
        for src in [
            "<table>\n<tr>\n<td>a</td>\n</tr>\n</table>",
            "<table>\n  <tr>\n    <td>a\n    <td>b\n  <tr>\n    <td>c\n</table>",
            "<table>\n<tbody>\n<tr>\n<td>a</td>\n\n<td>b</td>\n</tr>\n</tbody>\n</table>",
            "<table><tr><td>a</td></tr></tbody></table>",
            "<table>\n<tr><th>a<th>b</tr>\n<tr><td>1<td>2</tr>\n</tbody>\n</table>",
            "<table><thead><tr><th>a</th></tr></thead><tr><td>b</td></tr></tbody></table>",
            "<table><caption>x</caption><colgroup><col><col></colgroup><tr><td>a</table>",
            "<table><tbody><tr><td>a</td></tr></tbody><tbody><tr><td>b</table>",
            "<table><tr><td><table><tr><td>x</table></td></tr></table>",
            "<table><tr><td>a</td></tr></thead></table>",
            "<table>\n<tr>tekst<td>a</td></tr>\n</table>",
            "<table><tr><td>a</td></tr></tbody></tbody></table>",
            "<table><tbody></tbody></tbody></table>",
            "<table><tr><td><div>a</tbody></table>",
        ] {
            assert_eq!(ours(src), theirs(src), "{src}");
        }
    }

    /// A page that is a whole document, as html5ever parses a document.
    #[test]
    fn on_whole_documents() {
        let document = ParseOptions {
            self_closing_closes: false,
            document: true,
        };
        for src in [
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n<title>x</title>\n<style>td { width: 1em; }</style>\n</head>\n<body>\n<h1>x</h1>\n<table><tr><td>a</td></tr></table>\n</body>\n</html>\n",
            "<!DOCTYPE html>\n<html>\n<head><title>x</title></head>\n<body>\n<p>a</span></p>\n</body>\n</html>\n",
        ] {
            let ours = HtmlDoc::parse_with(&Pieces::whole(src, Span::new(0, src.len())), document)
                .errors
                .is_empty();
            assert_eq!(
                ours,
                scraper::Html::parse_document(src).errors.is_empty(),
                "{src}"
            );
        }
    }

    /// kramdown writes `<a name="x" />` as `<a name="x"></a>`: with the
    /// option on, the checker agrees with html5ever on kramdown's output.
    #[test]
    fn on_what_kramdown_writes() {
        let kramdown = ParseOptions {
            self_closing_closes: true,
            document: false,
        };
        for (src, written) in [
            ("<a name=\"x\" /><p>a</p>", "<a name=\"x\"></a><p>a</p>"),
            (
                "<div class=\"clear\"/>\n<p>a</p>",
                "<div class=\"clear\"></div>\n<p>a</p>",
            ),
            ("<br/><img src=a alt=b />", "<br/><img src=a alt=b />"),
            ("<span/></p>", "<span></span></p>"),
        ] {
            let rewritten =
                HtmlDoc::parse_with(&Pieces::whole(src, Span::new(0, src.len())), kramdown)
                    .errors
                    .is_empty();
            assert_eq!(rewritten, theirs(written), "{src}");
            // Without the rewrite a browser leaves the element open.
            assert_eq!(ours(src), theirs(src), "{src}");
        }
    }
}
