//! The command line, declared with clap's derive API.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "postlint",
    version,
    about = "Lint and normalize the posts of static sites",
    long_about = "Lint and normalize the posts of static sites: front matter, dates, encoding, HTML and images.\n\nExit codes: 0 no errors (warnings allowed), 1 errors found, 2 postlint could not do its job (bad arguments, bad config, a path that does not exist)."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check posts and report problems
    Check(CheckArgs),
    /// Apply fixes and write posts in canonical form
    Fix(FixArgs),
    /// Explain a rule: `postlint rule PL251` or `postlint rule wrong-weekday`
    Rule(RuleArgs),
    /// Remove the cache (.postlint-cache/ in the current folder)
    Clean,
    /// Show the settings that apply to a path and the file they come from
    ShowSettings(ShowSettingsArgs),
    /// Print a shell completion script: `postlint completions bash`
    Completions(CompletionsArgs),
    /// Print the man page (roff): `postlint man > postlint.1`
    Man,
}

#[derive(Debug, Args)]
pub struct FixArgs {
    /// Files and folders to fix; folders are walked honouring .gitignore
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Use this config file instead of discovering postlint.toml upward
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Apply only the fixes of these rules (codes, prefixes, names, or ALL)
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Vec<String>,
    /// Do not apply the fixes of these rules
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,
    /// Also apply fixes that may change what a post says
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print a unified diff of the changes and write nothing
    #[arg(long, conflicts_with = "check")]
    pub diff: bool,
    /// Write nothing; exit 1 if any file would change
    #[arg(long)]
    pub check: bool,
    /// Print only errors, no summary line
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files and folders to check; folders are walked honouring .gitignore
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Use this config file instead of discovering postlint.toml upward
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Output format [default: human, or github when GITHUB_ACTIONS=true]
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Print findings only, no summary line
    #[arg(short, long)]
    pub quiet: bool,
    /// Run only these rules (codes, prefixes such as PL2, names, or ALL); replaces the config's select
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Vec<String>,
    /// Do not run these rules; added to the config's ignore
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,
    /// When to use colour (auto: on a terminal, unless NO_COLOR is set)
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Apply safe fixes first, then report what is left
    #[arg(long)]
    pub fix: bool,
    /// With --fix, also apply unsafe fixes
    #[arg(long, requires = "fix")]
    pub unsafe_fixes: bool,
    /// Print how many findings each rule made instead of the findings
    #[arg(long)]
    pub statistics: bool,
    /// Exit 0 even when errors are found (2 is still returned when postlint cannot do its job)
    #[arg(long)]
    pub exit_zero: bool,
    /// Exit 1 when there are more than N warnings
    #[arg(long, value_name = "N")]
    pub max_warnings: Option<usize>,
    /// Make no HTTP requests: skip the checks of remote images and links
    #[arg(long)]
    pub offline: bool,
    /// Also check links (PL405), not only images
    #[arg(long, conflicts_with = "offline")]
    pub links: bool,
    /// Neither read nor write the caches in .postlint-cache/ (results and links)
    #[arg(long)]
    pub no_cache: bool,
    /// Also fetch loopback, private and link-local addresses (a local test server)
    #[arg(long)]
    pub allow_private: bool,
    /// Never fetch URLs matching this regular expression (repeatable; added to links.exclude)
    #[arg(long, value_name = "REGEX")]
    pub exclude: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// rustc-style reports with source snippets
    Human,
    /// One JSON document (stable schema, version 1, in the README)
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers
    Sarif,
    /// GitHub Actions workflow commands (annotations)
    Github,
    /// JUnit XML: one testsuite per file, one failing testcase per finding
    Junit,
    /// One line per finding: path:line:col: CODE message
    Concise,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct RuleArgs {
    /// A rule code (PL251) or name (wrong-weekday)
    #[arg(required_unless_present = "all")]
    pub rule: Option<String>,
    /// Print every rule's documentation as one Markdown document
    #[arg(long, conflicts_with = "rule")]
    pub all: bool,
}

#[derive(Debug, Args)]
pub struct ShowSettingsArgs {
    /// The file or folder whose settings to show
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// Use this config file instead of discovering postlint.toml upward
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// As for `check`: run only these rules; replaces the config's select
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Vec<String>,
    /// As for `check`: do not run these rules; added to the config's ignore
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in
    pub shell: clap_complete::Shell,
}
