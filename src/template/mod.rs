//! The template layer of a post body: the Liquid, Nunjucks, Hugo shortcode,
//! MDX and processing-instruction constructs a generator evaluates before
//! (or instead of) the Markdown and HTML, each with its exact file span.
//!
//! [`scan`] lists the constructs in source order; [`blocks`] pairs the block
//! tags (`{% highlight %}…{% endhighlight %}`, `{{< x >}}…{{< /x >}}`) and
//! finds the template code regions and the later branches of conditionals.
//! Which languages apply is chosen by [`Languages::for_file`] from the site's
//! generator and the file's extension. Everything is linear in the body's
//! length; nesting is tracked with an explicit stack, never by recursion.

mod args;
mod blocks;
mod lexer;
mod mdx;

use std::path::Path;

use crate::site::Generator;
use crate::span::Span;

pub use args::{Arg, parse_args};
pub use blocks::{Block, BlockKind, Layer, Mask, blocks};

/// The template languages read in one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Languages {
    /// Liquid (Jekyll, Eleventy, Hexo's Nunjucks-like tags): `{% … %}`,
    /// `{{ … }}`, `{% raw %}`, `{% comment %}`.
    pub liquid: bool,
    /// Nunjucks comments `{# … #}` (Eleventy's `.njk`, Hexo).
    pub nunjucks: bool,
    /// Hugo shortcodes: `{{< … >}}`, `{{% … %}}`.
    pub hugo: bool,
    /// MDX: `import`/`export` blocks, JSX elements, `{expressions}`.
    pub mdx: bool,
    /// Processing instructions used as tool markers (`<?code-excerpt …?>`).
    pub markers: bool,
}

impl Languages {
    /// No template language: the body is plain HTML or Markdown.
    pub const NONE: Languages = Languages {
        liquid: false,
        nunjucks: false,
        hugo: false,
        mdx: false,
        markers: false,
    };

    /// The languages a file of `generator`'s site at `path` is written in.
    /// With no known generator, Liquid and Hugo shortcodes are both read:
    /// their delimiters do not collide, and a plain site has neither.
    pub fn for_file(generator: Option<Generator>, path: &Path) -> Languages {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        let mdx = ext == "mdx";
        let njk = ext == "njk";
        let mut l = Languages {
            markers: true,
            mdx,
            ..Languages::NONE
        };
        match generator {
            Some(Generator::Jekyll) => l.liquid = true,
            Some(Generator::Eleventy | Generator::Hexo) => {
                l.liquid = true;
                l.nunjucks = true;
            }
            Some(Generator::Hugo) => l.hugo = true,
            Some(Generator::Zola) => {
                // Zola's shortcodes are `{{ name(…) }}` and `{% name() %}`:
                // the same delimiters as Liquid.
                l.liquid = true;
                l.nunjucks = true;
            }
            Some(
                Generator::Astro | Generator::Next | Generator::Docusaurus | Generator::Pelican,
            ) => {}
            Some(Generator::Plain) | None => {
                l.liquid = !mdx;
                l.hugo = !mdx;
            }
        }
        if njk || ext == "liquid" {
            l.liquid = true;
            l.nunjucks |= njk;
        }
        l
    }

    /// Whether any language is on.
    pub fn any(self) -> bool {
        self.liquid || self.nunjucks || self.hugo || self.mdx || self.markers
    }
}

/// What a construct is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `{% name args %}` (Liquid, Nunjucks).
    Tag,
    /// `{{ expression }}`.
    Output,
    /// `{# … #}`.
    Comment,
    /// The literal text between `{% raw %}` and `{% endraw %}` (or between
    /// `{% comment %}` and `{% endcomment %}`): never read as template code.
    Verbatim,
    /// `{{< name args >}}`: the shortcode's output is HTML.
    Shortcode,
    /// `{{% name args %}}`: the shortcode's output is Markdown.
    MarkdownShortcode,
    /// `{{</* … */>}}` or `{{%/* … */%}}`: shows the shortcode as written.
    ShortcodeEscape,
    /// An MDX `import` or `export` block.
    EsmBlock,
    /// A JSX element tag, `<Name …>`, `</Name>`, `<>` or `</>`.
    Jsx,
    /// An MDX `{expression}`.
    Expression,
    /// `<?target …?>`, a tool's marker.
    ProcessingInstruction,
}

/// One template construct of a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Construct {
    pub kind: Kind,
    /// From the opening to the closing delimiter, both included.
    pub span: Span,
    /// The tag, shortcode, component or instruction name (`highlight`,
    /// `figure`, `Image`, `code-excerpt`); empty for outputs and expressions.
    pub name: String,
    /// Where `name` is written (empty at the start of the arguments when unnamed).
    pub name_span: Span,
    /// The text after the name up to the closing delimiter, white-space
    /// control (`-`) and a self-closing `/` left out.
    pub args_span: Span,
    /// `args_span` read as `name=value` and positional arguments.
    pub args: Vec<Arg>,
    /// A closing tag: `{{< /name >}}`, `</Name>`, `{% endname %}`.
    pub closing: bool,
    /// `{{< name />}}` or `<Name />`.
    pub self_closing: bool,
}

impl Construct {
    /// The value of the argument called `name`, if given.
    pub fn arg(&self, name: &str) -> Option<&Arg> {
        self.args.iter().find(|a| {
            a.name
                .as_deref()
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
        })
    }
}

/// At most this many constructs are read from one body; the rest of the
/// body is then plain text to the template layer.
pub const MAX_CONSTRUCTS: usize = 200_000;

/// The template constructs of `source[range]` in `langs`, in source order,
/// not overlapping. Never fails: an unclosed delimiter is text.
pub fn scan(source: &str, range: Span, langs: Languages) -> Vec<Construct> {
    let Some(text) = range.get(source) else {
        return Vec::new();
    };
    if !langs.any() {
        return Vec::new();
    }
    let mut out = lexer::scan(text, range.start, langs);
    if langs.mdx {
        out = mdx::merge(text, range.start, out);
    }
    out
}

#[cfg(test)]
mod tests;
