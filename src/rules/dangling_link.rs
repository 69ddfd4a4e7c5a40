//! PL904 dangling-link: a symbolic link whose target does not exist.

use crate::diagnostic::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Reports a symbolic link met while walking (or named on the command
    /// line) whose target does not exist, so whatever it stands for is not
    /// checked. Links whose name is not a post's (`logo.png`) are left
    /// alone, and `files.exclude` globs stop the walk before it: to silence a
    /// submodule that is not checked out, exclude its folder
    /// (`exclude = ["examples/**"]`).
    ///
    /// ## Why is this bad?
    /// Usually it is not: a submodule that CI does not clone, or a build
    /// step's output, leaves such links behind on purpose, so this is a
    /// warning. It says which posts or folders were not checked, in case the
    /// link was meant to work.
    ///
    /// ## Example
    /// `_posts/shared -> ../vendor/posts` with `vendor/` an empty submodule.
    ///
    /// ## Fix safety
    /// No fix.
    pub static RULE {
        code: "PL904",
        name: "dangling-link",
        summary: "symbolic link to nothing",
        severity: Warning,
        run: Reader,
        fix: None,
    }
}

pub fn diagnostic(message: impl Into<String>) -> Diagnostic {
    Diagnostic::new(&RULE, 0..0, message)
        .with_help("restore the link's target (`git submodule update --init`?), or exclude the path in `files.exclude`")
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::diagnostic::Severity;

    #[test]
    fn a_warning_with_the_message() {
        let d = super::diagnostic("cannot follow link: No such file or directory");
        assert_eq!(d.rule.code, RULE.code);
        assert_eq!(d.severity, Severity::Warning);
    }
}
