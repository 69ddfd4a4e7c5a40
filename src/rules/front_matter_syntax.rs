//! PL201 front-matter-syntax: the front matter is not valid YAML (or TOML).

use crate::diagnostic::Diagnostic;
use crate::post::FrontMatterError;
use crate::rules::Context;

declare_rule! {
    /// ## What it does
    /// Reports front matter that does not parse, at the line and column in the
    /// file where the parser stopped. Also reports flow collections (`[`, `{`)
    /// nested more than 64 deep, which are refused before parsing because the
    /// YAML parser's time grows with the square of the depth.
    ///
    /// ## Why is this bad?
    /// A generator that cannot parse the front matter fails the build or
    /// publishes the post without its title, date and layout.
    ///
    /// ## Example
    /// ```text
    /// ---
    /// title: "Huawei wil contractueel vastleggen
    /// date: Tue, 14 May 2019 17:01:53 +0200
    /// ---
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the intended structure cannot be known.
    pub static RULE {
        code: "PL201",
        name: "front-matter-syntax",
        summary: "front matter is not valid YAML or TOML",
        severity: Error,
        run: Post(check),
        fix: None,
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    let Some(fm) = &post.front_matter else { return };
    let point = |at: usize| {
        let end = post
            .source
            .get(at..)
            .and_then(|s| s.chars().next())
            .map_or(at, |c| at + c.len_utf8());
        at..end
    };
    match &fm.error {
        Some(FrontMatterError::Syntax {
            message,
            at,
            context,
        }) => {
            let mut d = Diagnostic::new(
                &RULE,
                point(*at),
                format!("invalid {} front matter: {message}", fm.kind.name()),
            )
            .with_label("the parser stopped here")
            .with_help("correct the syntax; quote values that contain `: `, `#` or start with `[`, `{`, `&`, `*`");
            if let Some((what, start)) = context
                && *start != *at
            {
                d = d.with_secondary(point(*start), format!("the {what} started here"));
            }
            out.push(d);
        }
        Some(FrontMatterError::TooDeep { depth, at }) => out.push(
            Diagnostic::new(
                &RULE,
                point(*at),
                format!(
                    "front matter nests flow collections more than {} deep",
                    depth - 1
                ),
            )
            .with_label("too deep from here")
            .with_help("flatten the value; front matter this deep is refused unparsed"),
        ),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn points_at_the_file_position_with_context() {
        let src = "---\ntitle: x\nlayout: [post\n---\n<p>x</p>\n";
        let d = check(&RULE, src);
        assert_eq!(d.len(), 1);
        assert!(
            d[0].message.starts_with("invalid YAML front matter"),
            "{}",
            d[0].message
        );
        assert_eq!(d[0].range.start, src.find("---\n<p>").unwrap());
        assert_eq!(&src[d[0].labels[0].range], "[");
    }

    #[test]
    fn toml_errors_and_depth() {
        let d = check(&RULE, "+++\ntitle = \n+++\n");
        assert!(
            d[0].message.starts_with("invalid TOML front matter"),
            "{}",
            d[0].message
        );
        let deep = format!("---\na: {}\n---\n", "{".repeat(100));
        let d = check(&RULE, &deep);
        assert!(
            d[0].message.contains("more than 64 deep"),
            "{}",
            d[0].message
        );
    }
}
