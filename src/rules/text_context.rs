//! The text analyses shared by the PL1xx rules, made once per post: damaged
//! runs and the verbatim (code) regions of the body.

use crate::span::Span;

use crate::post::Post;
use crate::text::{mojibake, regions};

#[derive(Debug, Default)]
pub struct TextInfo {
    /// Damaged runs in the front matter and the body (in code only with the
    /// same damage outside it); sorted.
    pub runs: Vec<mojibake::Run>,
    /// `<pre>`, `<code>`, Markdown code: sorted, not overlapping.
    pub verbatim: Vec<Span>,
}

impl TextInfo {
    /// `template`: the body's template code, which is code too.
    pub fn analyse(post: &Post, template: &[Span]) -> TextInfo {
        let verbatim = regions::verbatim_with(&post.source, post.body, post.format, template);
        let mut runs = Vec::new();
        if let Some(split) = &post.split {
            mojibake::scan(&post.source, split.content, false, &mut runs);
        }
        for part in regions::subtract(post.body, &verbatim) {
            mojibake::scan(&post.source, part, true, &mut runs);
        }
        // Code is skipped (it may quote mojibake on purpose) unless the prose
        // shows the same damage: then it is the same accident (issue 16).
        if !runs.is_empty() {
            let mut accidents = Vec::new();
            for r in &runs {
                if !accidents.contains(&r.damage.accident()) {
                    accidents.push(r.damage.accident());
                }
            }
            for code in &verbatim {
                let mut found = Vec::new();
                mojibake::scan(&post.source, *code, false, &mut found);
                runs.extend(
                    found
                        .into_iter()
                        .filter(|r| r.exact && accidents.contains(&r.damage.accident())),
                );
            }
            runs.sort_by_key(|r| r.range.start);
        }
        TextInfo { runs, verbatim }
    }

    /// Whether byte `at` is inside a damaged run.
    pub fn in_run(&self, at: usize) -> bool {
        let i = self.runs.partition_point(|r| r.range.end <= at);
        self.runs.get(i).is_some_and(|r| r.range.start <= at)
    }

    /// Whether byte `at` is inside code or preformatted text.
    pub fn in_verbatim(&self, at: usize) -> bool {
        regions::contains(&self.verbatim, at)
    }
}
