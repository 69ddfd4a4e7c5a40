//! The one value every stage produces and every output format serializes: a
//! finding with a rule, a severity, a byte span into the original file, and an
//! optional fix.

use serde::{Deserialize, Serialize};

use crate::rules::Rule;
use crate::span::Span;

/// How serious a finding is. `Error` makes `postlint check` exit 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Whether `postlint fix` may apply a fix without being asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Keeps the meaning of the post; applied by `postlint fix`.
    Safe,
    /// May change what the post says; applied only with `--unsafe-fixes`.
    Unsafe,
}

/// Replace the bytes `range` of the original source with `content`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edit {
    pub range: Span,
    pub content: String,
}

/// Which front matter values a fix means to change. The fixer checks that
/// every other value (nested ones included) reads the same afterwards, as
/// the site generator reads it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Changes {
    /// No value: the fix changes only spacing, order or comments.
    #[default]
    Nothing,
    /// The values of the top-level keys its edits fall in (a repaired
    /// title, a rewritten date), and no other.
    EditedValues,
}

/// A set of non-overlapping edits that together resolve one finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    /// An imperative, e.g. "replace `GMT` with `+0000`".
    pub title: String,
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
    /// What the fix means to change; nothing unless declared.
    #[serde(default)]
    pub changes: Changes,
}

impl Fix {
    /// Declares that the fix changes the values its edits fall in.
    pub fn changing_edited_values(mut self) -> Fix {
        self.changes = Changes::EditedValues;
        self
    }

    /// Removes the character `c` at byte `at`; titled with its code point.
    pub fn remove_char(at: usize, c: char, applicability: Applicability) -> Fix {
        Fix::replace(
            format!("remove U+{:04X}", c as u32),
            applicability,
            Span::new(at, at + c.len_utf8()),
            "",
        )
    }

    pub fn replace(
        title: impl Into<String>,
        applicability: Applicability,
        range: impl Into<Span>,
        content: impl Into<String>,
    ) -> Fix {
        Fix {
            title: title.into(),
            applicability,
            edits: vec![Edit {
                range: range.into(),
                content: content.into(),
            }],
            changes: Changes::Nothing,
        }
    }
}

/// A secondary span with a short note, e.g. "first defined here".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    pub range: Span,
    pub message: String,
}

/// One finding in one file. Serialized (for the cache) with the rule as its
/// code and spans as `[start, end]`; an unknown code does not deserialize.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Diagnostic {
    #[serde(rename = "code", with = "rule_code")]
    pub rule: &'static Rule,
    pub severity: Severity,
    /// What is wrong: a lower-case sentence fragment without a final period.
    pub message: String,
    /// Byte range in the original file (not in a decoded or excerpted copy).
    pub range: Span,
    /// The note under the primary span; defaults to the rule's name.
    pub label: Option<String>,
    pub labels: Vec<Label>,
    /// How to fix it, in the imperative.
    pub help: Option<String>,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    pub fn new(rule: &'static Rule, range: impl Into<Span>, message: impl Into<String>) -> Self {
        Diagnostic {
            rule,
            severity: rule.default_severity,
            message: message.into(),
            range: range.into(),
            label: None,
            labels: Vec::new(),
            help: None,
            fix: None,
        }
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn with_secondary(mut self, range: impl Into<Span>, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            range: range.into(),
            message: message.into(),
        });
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_optional_help(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    pub fn code(&self) -> &'static str {
        self.rule.code
    }
}

/// A rule as its code, looked up again when read.
mod rule_code {
    use serde::de::Error;
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::rules::{self, Rule};

    pub fn serialize<S: Serializer>(rule: &&'static Rule, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(rule.code)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<&'static Rule, D::Error> {
        let code = std::borrow::Cow::<str>::deserialize(d)?;
        rules::lookup(&code)
            .filter(|rule| rule.code == code)
            .ok_or_else(|| D::Error::custom(format!("unknown rule {code}")))
    }
}
