//! How a command ends, and the one place that turns it into an exit code
//! (the README's "Exit codes").

/// The outcome of a command, as the shell sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// 0: no errors (warnings allowed); for `fix --check`/`--diff`, no file would change.
    Success,
    /// 1: errors found, too many warnings, a file not written, or (with
    /// `fix --check`/`--diff`) a file would change.
    Failure,
    /// 2: postlint could not do its job (bad arguments, bad config, a path
    /// argument that does not exist). The other paths are still reported.
    Error,
}

impl ExitStatus {
    /// `check`: a missing path argument wins, then `--exit-zero`, then the findings.
    pub fn of_check(missing_paths: bool, exit_zero: bool, failed: bool) -> ExitStatus {
        if missing_paths {
            ExitStatus::Error
        } else if exit_zero || !failed {
            ExitStatus::Success
        } else {
            ExitStatus::Failure
        }
    }

    /// `fix`: a missing path argument wins, then whether the run failed
    /// (with `--check`/`--diff`: whether a file would change).
    pub fn of_fix(missing_paths: bool, failed: bool) -> ExitStatus {
        ExitStatus::of_check(missing_paths, false, failed)
    }

    /// The process's exit code.
    pub fn code(self) -> u8 {
        match self {
            ExitStatus::Success => 0,
            ExitStatus::Failure => 1,
            ExitStatus::Error => 2,
        }
    }
}

impl From<ExitStatus> for std::process::ExitCode {
    fn from(status: ExitStatus) -> std::process::ExitCode {
        std::process::ExitCode::from(status.code())
    }
}

#[cfg(test)]
mod tests {
    use super::ExitStatus;

    #[test]
    fn a_missing_path_wins_and_exit_zero_hides_only_findings() {
        assert_eq!(ExitStatus::of_check(true, true, true).code(), 2);
        assert_eq!(ExitStatus::of_check(false, true, true).code(), 0);
        assert_eq!(ExitStatus::of_check(false, false, true).code(), 1);
        assert_eq!(ExitStatus::of_check(false, false, false).code(), 0);
        assert_eq!(ExitStatus::of_fix(true, false).code(), 2);
        assert_eq!(ExitStatus::of_fix(false, true).code(), 1);
    }
}
