//! PL902 io-error: a file or folder could not be read.

use crate::diagnostic::Diagnostic;

declare_rule! {
    /// ## What it does
    /// Reports a file or folder that could not be read: permissions, a file
    /// deleted during the run, a symbolic link loop, a link out of the site.
    /// A link to nothing (a submodule not checked out) is PL904, a warning.
    ///
    /// ## Why is this bad?
    /// A post that cannot be read is not checked; the run goes on with the
    /// other files and says which one was missed.
    ///
    /// ## Example
    /// `chmod 000 _posts/2019-05-14-huawei.html`
    ///
    /// ## Fix safety
    /// No fix.
    pub static RULE {
        code: "PL902",
        name: "io-error",
        summary: "file or folder could not be read",
        severity: Error,
        run: Reader,
        fix: None,
    }
}

pub fn diagnostic(message: impl Into<String>) -> Diagnostic {
    Diagnostic::new(&RULE, 0..0, message)
        .with_help("check that the file exists and is readable, or exclude it")
}

#[cfg(test)]
mod tests {
    use super::RULE;

    #[test]
    fn keeps_the_message() {
        let d = super::diagnostic("cannot read file: permission denied");
        assert_eq!(d.message, "cannot read file: permission denied");
        assert_eq!(d.rule.code, RULE.code);
    }
}
