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
    /// Show the sites below a path: generator, root, folders, counts of files
    Site(SiteArgs),
    /// Write a postlint.toml recording the site's own conventions
    Init(InitArgs),
    /// Record today's findings in the baseline file, so `check` reports only new ones
    Baseline(BaselineArgs),
    /// Print a shell completion script: `postlint completions bash`
    Completions(CompletionsArgs),
    /// Print the man page (roff): `postlint man > postlint.1`
    Man,
}

/// What `check` and `fix` share: which files, under which config, with
/// which rules, which fixes, how much to say. Each command words the help of
/// these for itself (`mut_arg` on its struct).
#[derive(Debug, Args)]
pub struct CommonArgs {
    /// Files and folders; folders are walked honouring .gitignore
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Use this config file instead of discovering postlint.toml upward
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Only these rules (codes, prefixes, names, or ALL)
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Vec<String>,
    /// Not these rules
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,
    /// Also apply fixes that may change what a post says
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print less: no summary line
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
#[command(
    mut_arg("paths", |a| a.help("Files and folders to fix; folders are walked honouring .gitignore")),
    mut_arg("select", |a| a.help("Apply only the fixes of these rules (codes, prefixes, names, or ALL)")),
    mut_arg("ignore", |a| a.help("Do not apply the fixes of these rules")),
    // Listed last, where it stood before the arguments were shared.
    mut_arg("quiet", |a| a.help("Print only errors, no summary line").display_order(8)),
)]
pub struct FixArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Print a unified diff of the changes and write nothing
    #[arg(long, conflicts_with = "check")]
    pub diff: bool,
    /// Write nothing; exit 1 if any file would change
    #[arg(long)]
    pub check: bool,
    /// Also fix the findings the baseline (`[rules] baseline`) records
    #[arg(long)]
    pub no_baseline: bool,
}

#[derive(Debug, Args)]
#[command(
    mut_arg("paths", |a| a.help("Files and folders to check; folders are walked honouring .gitignore")),
    // The display orders keep `--help` as it was before the arguments were
    // shared: output first, then rules, then fixing.
    mut_arg("quiet", |a| a.help("Print findings only, no summary line").display_order(3)),
    mut_arg("select", |a| a.help("Run only these rules (codes, prefixes such as PL2, names, or ALL); replaces the config's select").display_order(4)),
    mut_arg("ignore", |a| a.help("Do not run these rules; added to the config's ignore").display_order(5)),
    mut_arg("unsafe_fixes", |a| a.help("With --fix, also apply unsafe fixes").requires("fix").display_order(7)),
)]
pub struct CheckArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Output format [default: human, or github when GITHUB_ACTIONS=true]
    #[arg(long, value_enum, display_order = 2)]
    pub format: Option<Format>,
    /// When to use colour (auto: on a terminal, unless NO_COLOR is set)
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Apply safe fixes first, then report what is left
    #[arg(long)]
    pub fix: bool,
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
    /// Also report the findings the baseline (`[rules] baseline`) records
    #[arg(long)]
    pub no_baseline: bool,
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
pub struct SiteArgs {
    /// The folder (or file) whose sites to show
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// Use this config file instead of discovering postlint.toml upward
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = SiteFormat::Human)]
    pub format: SiteFormat,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The site (or a folder in it) whose posts to read
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// Print the file instead of writing it
    #[arg(long)]
    pub dry_run: bool,
    /// Replace an existing postlint.toml (and postlint-baseline.toml)
    #[arg(long)]
    pub force: bool,
    /// Do not record the findings already there in postlint-baseline.toml
    #[arg(long)]
    pub no_baseline: bool,
}

#[derive(Debug, Args)]
pub struct BaselineArgs {
    /// Files and folders to check; folders are walked honouring .gitignore
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Use this config file instead of discovering postlint.toml upward
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SiteFormat {
    /// Lines of `label  value`, one block per site
    Human,
    /// One JSON document: `{"version": 1, "sites": [...]}`
    Json,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in
    pub shell: clap_complete::Shell,
}
