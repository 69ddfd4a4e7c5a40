//! `postlint.toml`: the file format (serde, kebab-case, unknown keys rejected),
//! its discovery upward from a path, and the resolved [`Settings`] rules read.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::{Deserialize, Serialize};

use crate::date::DateFormat;
use crate::diagnostic::Severity;
use crate::rules::{self, Rule};

/// The file name looked for in each folder from a checked path upward.
pub const CONFIG_FILE_NAME: &str = "postlint.toml";

/// Why a configuration could not be used. Every variant names the file.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum ConfigError {
    #[error("cannot read config file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("invalid config file {path}: {message}")]
    #[diagnostic(help("see postlint.example.toml for every option with its default"))]
    Parse { path: PathBuf, message: String },
    #[error("invalid config file {path}: {message}")]
    Invalid { path: PathBuf, message: String },
}

/// The file as written. Every field has a default, so an empty file is valid.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    pub files: FilesConfig,
    pub front_matter: FrontMatterConfig,
    pub dates: DatesConfig,
    pub site: SiteConfig,
    pub html: HtmlConfig,
    pub resources: ResourcesConfig,
    pub rules: RulesConfig,
    pub links: LinksConfig,
}

/// Which files are posts, and the size limits that keep a run bounded.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct FilesConfig {
    /// Globs of files to check when walking folders. A glob without `/`
    /// matches the file name; one with `/` matches the path relative to the
    /// folder holding this config file.
    pub include: Vec<String>,
    /// Globs of files and folders to leave out when walking folders.
    pub exclude: Vec<String>,
    /// Folder names whose files must have front matter.
    pub posts_folders: Vec<String>,
    /// Where a file without front matter is a finding (PL200).
    pub require_front_matter: RequireFrontMatter,
    /// Honour `.gitignore`, `.ignore` and git's exclude files, also outside a git repository.
    pub respect_gitignore: bool,
    /// Files larger than this many bytes are reported (PL903) and not read.
    pub max_file_size: u64,
    /// Front matter larger than this many bytes is reported (PL208) and not parsed.
    pub max_front_matter_size: usize,
}

impl Default for FilesConfig {
    fn default() -> Self {
        FilesConfig {
            include: ["*.md", "*.markdown", "*.html", "*.htm"]
                .map(String::from)
                .to_vec(),
            exclude: Vec::new(),
            posts_folders: ["_posts", "_drafts", "posts", "content"]
                .map(String::from)
                .to_vec(),
            require_front_matter: RequireFrontMatter::PostsFolders,
            respect_gitignore: true,
            max_file_size: 10 * 1024 * 1024,
            max_front_matter_size: 64 * 1024,
        }
    }
}

/// Where a file without front matter is reported rather than skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RequireFrontMatter {
    /// In files below one of `posts-folders`; elsewhere such files are not posts and are skipped.
    PostsFolders,
    /// In every checked file.
    Always,
    /// Nowhere: files without front matter are always skipped.
    Never,
}

/// The schema of the front matter.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct FrontMatterConfig {
    /// Keys every post must have (PL202).
    pub required: Vec<String>,
    /// Keys every page (a file with front matter outside the posts folders) must have.
    pub page_required: Vec<String>,
    /// Report keys that are neither in `keys` nor in `known` (PL204).
    pub strict: bool,
    /// Further keys allowed in strict mode, without a type.
    pub known: Vec<String>,
    /// Keys that come first, in this order; the others follow in their own
    /// order (PL207). Empty (the default): the site states no order, and
    /// PL207 is silent.
    pub order: Vec<String>,
    /// Per-key type and allowed values; merged over the built-in defaults.
    pub keys: BTreeMap<String, KeySchema>,
}

impl Default for FrontMatterConfig {
    fn default() -> Self {
        FrontMatterConfig {
            required: vec!["title".into(), "date".into()],
            page_required: Vec::new(),
            strict: false,
            known: Vec::new(),
            // A key order is a site's own convention: none is imposed (issue 14).
            order: Vec::new(),
            keys: BTreeMap::new(),
        }
    }
}

/// What one front matter key may hold.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct KeySchema {
    /// One type or a list of types (`"string"`, `["string", "list"]`).
    #[serde(rename = "type")]
    pub types: Option<OneOrMany<ValueType>>,
    /// The values a string (or each string of a list) may take (PL206).
    pub allowed: Option<Vec<String>>,
    /// Whether an empty value (`key:`, `""`, `[]`) is reported (PL203). Defaults to true when a type is given.
    pub allow_empty: Option<bool>,
}

/// A single value or a list of them, as a user would write either.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum OneOrMany<T> {
    One(T),
    Many(Vec<T>),
}

impl<T> OneOrMany<T> {
    pub fn as_slice(&self) -> &[T] {
        match self {
            OneOrMany::One(t) => std::slice::from_ref(t),
            OneOrMany::Many(v) => v,
        }
    }
}

/// The YAML (or TOML) types the schema distinguishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ValueType {
    String,
    Integer,
    Number,
    Boolean,
    List,
    Map,
}

impl ValueType {
    pub fn as_str(self) -> &'static str {
        match self {
            ValueType::String => "string",
            ValueType::Integer => "integer",
            ValueType::Number => "number",
            ValueType::Boolean => "boolean",
            ValueType::List => "list",
            ValueType::Map => "map",
        }
    }
}

/// Which key holds the date, and how it must be written.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct DatesConfig {
    pub key: String,
    /// `auto` (each date checked in the form it is written in, against what
    /// the site's generator reads), or a pinned `rfc2822` (`Tue, 14 May 2019
    /// 17:01:53 +0200`) or `iso8601`.
    pub format: DateFormatName,
    /// A date this many hours ahead of the clock is not yet "in the future" (PL255).
    pub future_slack_hours: u32,
    /// Compare with a `YYYY-MM-DD-` prefix of the file name (PL256).
    pub filename_date: bool,
}

impl Default for DatesConfig {
    fn default() -> Self {
        DatesConfig {
            key: "date".into(),
            format: DateFormatName::Auto,
            future_slack_hours: 0,
            filename_date: true,
        }
    }
}

/// The config spelling of [`DateFormat`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DateFormatName {
    /// Not pinned: each date in the form it is written in (issue 14).
    Auto,
    Rfc2822,
    Iso8601,
}

/// Where the site lives, to resolve relative URLs and find local images.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct SiteConfig {
    /// The site's address (`https://example.nl`); relative URLs resolve
    /// against it, and an `https` site makes `http://` images mixed content (PL305).
    pub url: Option<String>,
    /// The folder that `/images/a.jpg` is under (PL404), relative to the folder
    /// holding this config file.
    pub root: PathBuf,
    /// The generator that builds the site (`jekyll`, `hugo`, `zola`, `hexo`,
    /// `eleventy`, `pelican`, or `plain` to check every file); unset: found
    /// from the nearest generator config at or above each file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub generator: Option<crate::site::Generator>,
    /// The folders of posts and pages, relative to the site's root (the
    /// generator's config folder); replace the detected ones when set.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub content: Vec<PathBuf>,
    /// The folders copied as they are, each a path (served at `/`) or
    /// `{ path = "assets", url = "/files/" }`; replace the detected ones.
    #[serde(rename = "static", skip_serializing_if = "Vec::is_empty")]
    pub statics: Vec<StaticFolder>,
    /// The folders of templates, never checked as posts; replace the
    /// detected ones when set.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub templates: Vec<PathBuf>,
}

/// One `[site] static` folder: a path served at `/`, or a path and the URL
/// its files are served under.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum StaticFolder {
    Path(PathBuf),
    Served {
        path: PathBuf,
        #[serde(default = "root_url")]
        url: String,
    },
}

fn root_url() -> String {
    "/".to_string()
}

impl StaticFolder {
    /// The folder and the URL prefix it is served under.
    pub fn parts(&self) -> (&Path, &str) {
        match self {
            StaticFolder::Path(p) => (p, "/"),
            StaticFolder::Served { path, url } => (path, url),
        }
    }
}

impl SiteConfig {
    /// Whether the config sets any of the site's folders itself.
    pub fn sets_folders(&self) -> bool {
        !(self.content.is_empty() && self.statics.is_empty() && self.templates.is_empty())
    }
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            url: None,
            root: PathBuf::from("."),
            generator: None,
            content: Vec::new(),
            statics: Vec::new(),
            templates: Vec::new(),
        }
    }
}

/// Options of the HTML body rules. Both are unset by default: an embed
/// policy and a layout's title level are the site's choices, so the checks
/// that need them run only when a config states them.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct HtmlConfig {
    /// Elements a post may not contain (PL306), lower case. Setting it turns
    /// PL306 on; unset, PL306 runs only when `rules.select` or
    /// `rules.severity` names it, with [`STRICT_DISALLOWED_ELEMENTS`].
    pub disallowed_elements: Option<Vec<String>>,
    /// The level of a post's first heading (PL308): 2 when the layout writes
    /// the title as the page's `<h1>`. Unset, PL308 reports skipped levels
    /// only.
    pub top_heading_level: Option<u8>,
}

/// The embed policy of a site that allows no scripts, frames, plug-ins or
/// inline styles in posts: PL306's list when the rule is selected by name
/// without a list of its own.
pub const STRICT_DISALLOWED_ELEMENTS: [&str; 5] = ["script", "iframe", "object", "embed", "style"];

/// Front matter keys that hold URLs: their values are resources like the
/// images and links of the body.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct ResourcesConfig {
    pub image_keys: Vec<String>,
    pub link_keys: Vec<String>,
}

impl Default for ResourcesConfig {
    fn default() -> Self {
        ResourcesConfig {
            image_keys: vec!["feature_image".into(), "image".into()],
            link_keys: vec!["externe_link".into()],
        }
    }
}

/// The HTTP checks of images and links (PL401-PL406): what is checked, and
/// how politely. Read from the file that applies to each post for what to
/// check; the network options come from the run's config (see the README).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct LinksConfig {
    /// Make no HTTP requests (the same as `--offline`).
    pub offline: bool,
    /// Also check links, not only images (PL405; the same as `--links`).
    pub check_links: bool,
    /// Regular expressions of URLs never to fetch.
    pub exclude: Vec<String>,
    /// The severity of a transient failure (a timeout, a 429 or a 502, 503,
    /// 504 after the retries): at most this loud.
    pub transient_severity: SeverityName,
    /// Fetch loopback, private, link-local and unspecified addresses too.
    pub allow_private: bool,
    /// Requests in flight at once, over all hosts.
    pub max_concurrency: usize,
    /// Requests in flight at once to one host.
    pub host_concurrency: usize,
    /// Seconds to wait for a connection (and a name lookup).
    pub connect_timeout_secs: f64,
    /// Seconds one check of one URL may take, redirects included.
    pub timeout_secs: f64,
    /// Seconds one URL may take over all its attempts and the waits
    /// between them: no retry starts after it, an attempt is cut short.
    pub url_deadline_secs: f64,
    /// Timeouts in a row after which a host gets no more requests this run
    /// (its other URLs are reported as not tried); 0 never stops a host.
    pub host_timeouts: u32,
    /// Seconds the whole link phase may take; then nothing new is fetched
    /// and the URLs left are reported as not tried. 0: no budget.
    pub budget_secs: f64,
    /// Further attempts after a timeout, a connection error, a 5xx or a 429.
    pub retries: u32,
    /// Seconds before the first retry; doubled for each further one.
    pub retry_backoff_secs: f64,
    /// The longest `Retry-After` postlint waits for; a server asking for
    /// longer is reported as a transient failure.
    pub max_retry_after_secs: f64,
    /// Redirects followed before giving up.
    pub max_redirects: u32,
    /// The `User-Agent` header; unset: `postlint/VERSION (link checker)`.
    pub user_agent: Option<String>,
    /// A proxy URL (`http://proxy:3128`), or `"env"` to read `HTTPS_PROXY`,
    /// `HTTP_PROXY`, `ALL_PROXY` and `NO_PROXY`. Unset: no proxy, whatever
    /// the environment says.
    pub proxy: Option<String>,
    /// Keep results between runs in `cache-file`.
    pub cache: bool,
    /// The cache file, relative to the folder holding this config file.
    pub cache_file: PathBuf,
    /// Hours a cached result is trusted.
    pub cache_max_age_hours: u32,
}

impl Default for LinksConfig {
    fn default() -> Self {
        LinksConfig {
            offline: false,
            check_links: false,
            exclude: Vec::new(),
            transient_severity: SeverityName::Warning,
            allow_private: false,
            max_concurrency: 64,
            host_concurrency: 4,
            connect_timeout_secs: 5.0,
            timeout_secs: 15.0,
            url_deadline_secs: 30.0,
            host_timeouts: 3,
            budget_secs: 300.0,
            retries: 2,
            retry_backoff_secs: 0.5,
            max_retry_after_secs: 10.0,
            max_redirects: 10,
            user_agent: None,
            proxy: None,
            cache: true,
            cache_file: PathBuf::from(".postlint-cache/links-v1.json"),
            cache_max_age_hours: 24,
        }
    }
}

/// Which rules run, and how loud they are.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct RulesConfig {
    /// Rules to run, by code, code prefix (`PL2`), name, or `ALL`.
    pub select: Vec<String>,
    /// Rules not to run, by code, prefix or name; wins over `select`.
    pub ignore: Vec<String>,
    /// Severity per code, prefix or name: `error`, `warning` or `off`.
    pub severity: BTreeMap<String, SeverityName>,
    /// The findings baseline (`postlint-baseline.toml`), relative to this
    /// file's folder: findings it records are not reported again.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<String>,
}

impl Default for RulesConfig {
    fn default() -> Self {
        RulesConfig {
            select: vec!["ALL".into()],
            ignore: Vec::new(),
            severity: BTreeMap::new(),
            baseline: None,
        }
    }
}

/// A severity as written in config.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SeverityName {
    Error,
    Warning,
    Off,
}

/// The configuration resolved for use: globs compiled, schema merged over the
/// defaults, rule selection settled.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The file it came from; `None` for the built-in defaults.
    pub source: Option<PathBuf>,
    /// The folder relative globs are matched against.
    pub root: PathBuf,
    pub config: Config,
    pub include: GlobSet,
    pub exclude: GlobSet,
    /// Patterns with `/`, matched on paths relative to `root`.
    include_paths: GlobSet,
    exclude_paths: GlobSet,
    pub keys: BTreeMap<String, KeySchema>,
    /// The pinned date form; `None` for `auto`.
    pub date_format: Option<DateFormat>,
    /// The form most of the site's dates are written in, when clear; set
    /// by `check`'s count over the site before linting (PL258).
    pub date_majority: Option<crate::date::Majority>,
    pub rules: RuleSelection,
    /// `links.exclude`, compiled.
    pub link_exclude: regex::RegexSet,
    /// The site the file belongs to, as its generator's config describes
    /// it; set by the walk, `None` for settings not tied to one file's site.
    pub site: Option<std::sync::Arc<crate::site::Site>>,
}

/// The outcome of `select`, `ignore` and `severity` for every rule.
#[derive(Debug, Clone)]
pub struct RuleSelection {
    /// Indexed like [`rules::ALL`]; `None` is off.
    severities: Vec<Option<Severity>>,
}

impl RuleSelection {
    fn resolve(cfg: &RulesConfig) -> RuleSelection {
        let severities = rules::ALL
            .iter()
            .map(|rule| {
                let selected = cfg.select.iter().any(|s| rules::selector_matches(s, rule));
                let ignored = cfg.ignore.iter().any(|s| rules::selector_matches(s, rule));
                if !selected || ignored {
                    return None;
                }
                // The most specific selector wins: a code over a prefix over ALL.
                let mut best: Option<(usize, SeverityName)> = None;
                for (sel, sev) in &cfg.severity {
                    if rules::selector_matches(sel, rule) {
                        let specificity = if sel == rule.name { 10 } else { sel.len() };
                        if best.is_none_or(|(s, _)| specificity >= s) {
                            best = Some((specificity, *sev));
                        }
                    }
                }
                match best {
                    Some((_, SeverityName::Off)) => None,
                    Some((_, SeverityName::Error)) => Some(Severity::Error),
                    Some((_, SeverityName::Warning)) => Some(Severity::Warning),
                    None => Some(rule.default_severity),
                }
            })
            .collect();
        RuleSelection { severities }
    }

    /// The rule's place in the registry, which is sorted by code.
    fn index(rule: &Rule) -> Option<usize> {
        rules::ALL.binary_search_by(|r| r.code.cmp(rule.code)).ok()
    }

    /// The severity a rule's findings get, or `None` when the rule is off.
    pub fn severity(&self, rule: &Rule) -> Option<Severity> {
        Self::index(rule).and_then(|i| self.severities.get(i).copied().flatten())
    }

    pub fn is_enabled(&self, rule: &Rule) -> bool {
        self.severity(rule).is_some()
    }
}

/// The schema applied when the config says nothing about a key.
fn default_keys() -> BTreeMap<String, KeySchema> {
    let string = |allow_empty| KeySchema {
        types: Some(OneOrMany::One(ValueType::String)),
        allowed: None,
        allow_empty: Some(allow_empty),
    };
    let string_or_list = KeySchema {
        types: Some(OneOrMany::Many(vec![ValueType::String, ValueType::List])),
        allowed: None,
        allow_empty: Some(true),
    };
    let boolean = KeySchema {
        types: Some(OneOrMany::One(ValueType::Boolean)),
        allowed: None,
        allow_empty: Some(false),
    };
    BTreeMap::from([
        ("title".into(), string(false)),
        ("date".into(), string(false)),
        ("layout".into(), string(false)),
        ("tags".into(), string_or_list.clone()),
        ("categories".into(), string_or_list),
        ("published".into(), boolean.clone()),
        ("draft".into(), boolean),
    ])
}

fn compile_globs(
    patterns: &[String],
    source: &Path,
    with_slash: bool,
) -> Result<GlobSet, ConfigError> {
    let mut builder = GlobSetBuilder::new();
    for p in patterns.iter().filter(|p| p.contains('/') == with_slash) {
        let glob = Glob::new(p.trim_start_matches("./")).map_err(|e| ConfigError::Invalid {
            path: source.to_path_buf(),
            message: format!("bad glob `{p}`: {e}"),
        })?;
        builder.add(glob);
    }
    builder.build().map_err(|e| ConfigError::Invalid {
        path: source.to_path_buf(),
        message: e.to_string(),
    })
}

impl Settings {
    /// Resolves `config`, found in `source` (or built in), with globs relative to `root`.
    pub fn resolve(
        config: Config,
        source: Option<PathBuf>,
        root: PathBuf,
    ) -> Result<Settings, ConfigError> {
        let shown = source
            .clone()
            .unwrap_or_else(|| PathBuf::from("<defaults>"));
        for sel in config
            .rules
            .select
            .iter()
            .chain(&config.rules.ignore)
            .chain(config.rules.severity.keys())
        {
            if !rules::selector_is_known(sel) {
                return Err(ConfigError::Invalid {
                    path: shown,
                    message: format!(
                        "`{sel}` names no rule (use a code such as `PL251`, a prefix such as `PL2`, a name such as `wrong-weekday`, or `ALL`)"
                    ),
                });
            }
        }
        check_site_and_html(&config, &shown)?;
        let link_exclude = check_links_config(&config.links, &shown)?;
        let mut keys = default_keys();
        for (k, v) in &config.front_matter.keys {
            keys.insert(k.clone(), v.clone());
        }
        let date_format = match config.dates.format {
            DateFormatName::Auto => None,
            DateFormatName::Rfc2822 => Some(DateFormat::Rfc2822),
            DateFormatName::Iso8601 => Some(DateFormat::Iso8601),
        };
        Ok(Settings {
            include: compile_globs(&config.files.include, &shown, false)?,
            include_paths: compile_globs(&config.files.include, &shown, true)?,
            exclude: compile_globs(&config.files.exclude, &shown, false)?,
            exclude_paths: compile_globs(&config.files.exclude, &shown, true)?,
            rules: RuleSelection::resolve(&config.rules),
            keys,
            date_format,
            date_majority: None,
            link_exclude,
            source,
            root,
            config,
            site: None,
        })
    }

    /// The built-in defaults, rooted at `root`.
    pub fn defaults(root: PathBuf) -> Settings {
        // The defaults have no rule selectors or globs that could fail.
        match Settings::resolve(Config::default(), None, root.clone()) {
            Ok(s) => s,
            Err(_) => unreachable_defaults(root),
        }
    }

    /// Applies command-line `--select` (replaces) and `--ignore` (adds).
    pub fn with_overrides(
        mut self,
        select: &[String],
        ignore: &[String],
    ) -> Result<Settings, ConfigError> {
        if !select.is_empty() {
            self.config.rules.select = select.to_vec();
        }
        self.config.rules.ignore.extend(ignore.iter().cloned());
        Settings::resolve(self.config, self.source, self.root)
    }

    /// Whether `rules.select` or `rules.severity` names `rule` by its code or
    /// name (not by a prefix or `ALL`) and leaves it on: a rule that is off
    /// by default until a site states a policy runs when asked for by name.
    pub fn names_rule(&self, rule: &Rule) -> bool {
        let named = |s: &String| s.eq_ignore_ascii_case(rule.code) || s == rule.name;
        let severity_on = self
            .config
            .rules
            .severity
            .iter()
            .any(|(s, v)| named(s) && *v != SeverityName::Off);
        (self.config.rules.select.iter().any(named) || severity_on) && self.rules.is_enabled(rule)
    }

    /// Whether a file met while walking folders is a post to check.
    pub fn is_included(&self, path: &Path) -> bool {
        let name_matches = |set: &GlobSet| path.file_name().is_some_and(|n| set.is_match(n));
        let rel = path.strip_prefix(&self.root).unwrap_or(path);
        (name_matches(&self.include) || self.include_paths.is_match(rel)) && !self.is_excluded(path)
    }

    /// Whether a file or folder met while walking is excluded.
    pub fn is_excluded(&self, path: &Path) -> bool {
        let rel = path.strip_prefix(&self.root).unwrap_or(path);
        path.file_name().is_some_and(|n| self.exclude.is_match(n))
            || self.exclude_paths.is_match(rel)
    }

    /// Whether a file without front matter is a finding rather than skipped.
    pub fn requires_front_matter(&self, path: &Path) -> bool {
        match self.config.files.require_front_matter {
            RequireFrontMatter::Always => true,
            RequireFrontMatter::Never => false,
            RequireFrontMatter::PostsFolders => self.in_posts_folder(path),
        }
    }

    /// Whether `path` is a post: below a posts folder, or any file when
    /// `require-front-matter = "always"`. Other files with front matter are
    /// pages (`about.md`, `404.html`): they need only `page-required` keys and
    /// skip the rules about post bodies.
    pub fn is_post(&self, path: &Path) -> bool {
        self.config.files.require_front_matter == RequireFrontMatter::Always
            || self.in_posts_folder(path)
    }

    fn in_posts_folder(&self, path: &Path) -> bool {
        path.parent().is_some_and(|dir| {
            dir.components().any(|c| {
                self.config
                    .files
                    .posts_folders
                    .iter()
                    .any(|p| c.as_os_str() == p.as_str())
            })
        })
    }
}

/// Values serde accepts but postlint cannot use.
fn check_site_and_html(config: &Config, shown: &Path) -> Result<(), ConfigError> {
    let invalid = |message: String| ConfigError::Invalid {
        path: shown.to_path_buf(),
        message,
    };
    if let Some(url) = &config.site.url {
        let lower = url.to_ascii_lowercase();
        let host = lower
            .strip_prefix("https://")
            .or_else(|| lower.strip_prefix("http://"));
        if host.is_none_or(|h| h.is_empty() || h.starts_with('/')) {
            return Err(invalid(format!(
                "`site.url` must be an http:// or https:// address with a host, not `{url}`"
            )));
        }
    }
    if let Some(level) = config.html.top_heading_level
        && !(1..=6).contains(&level)
    {
        return Err(invalid(format!(
            "`html.top-heading-level` must be 1 to 6, not {level}"
        )));
    }
    Ok(())
}

/// The `[links]` values serde accepts but postlint cannot use; returns the
/// compiled `exclude` patterns.
fn check_links_config(links: &LinksConfig, shown: &Path) -> Result<regex::RegexSet, ConfigError> {
    let invalid = |message: String| ConfigError::Invalid {
        path: shown.to_path_buf(),
        message,
    };
    for (name, value) in [
        ("connect-timeout-secs", links.connect_timeout_secs),
        ("timeout-secs", links.timeout_secs),
        ("url-deadline-secs", links.url_deadline_secs),
    ] {
        if !(value > 0.0 && value <= 3600.0) {
            return Err(invalid(format!(
                "`links.{name}` must be more than 0 and at most 3600, not {value}"
            )));
        }
    }
    for (name, value) in [
        ("retry-backoff-secs", links.retry_backoff_secs),
        ("max-retry-after-secs", links.max_retry_after_secs),
    ] {
        if !(0.0..=3600.0).contains(&value) {
            return Err(invalid(format!(
                "`links.{name}` must be 0 to 3600, not {value}"
            )));
        }
    }
    for (name, value) in [
        ("max-concurrency", links.max_concurrency),
        ("host-concurrency", links.host_concurrency),
    ] {
        if !(1..=1024).contains(&value) {
            return Err(invalid(format!(
                "`links.{name}` must be 1 to 1024, not {value}"
            )));
        }
    }
    if !(0.0..=86400.0).contains(&links.budget_secs) {
        return Err(invalid(format!(
            "`links.budget-secs` must be 0 (no budget) to 86400, not {}",
            links.budget_secs
        )));
    }
    if links.retries > 10 {
        return Err(invalid(format!(
            "`links.retries` must be at most 10, not {}",
            links.retries
        )));
    }
    // The cache is written, and a corrupt one replaced: it must stay inside
    // the cache folder, whatever a pull request puts in `postlint.toml`
    // (below the config's folder alone, it could name `.git/HEAD` or a post).
    let cache_file = &links.cache_file;
    let parts: Vec<Component> = cache_file
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect();
    let inside_cache = parts.len() >= 2
        && parts[0] == Component::Normal(std::ffi::OsStr::new(crate::cache::CACHE_DIR))
        && parts.iter().all(|c| matches!(c, Component::Normal(_)));
    if !inside_cache {
        return Err(invalid(format!(
            "`links.cache-file` must be a file inside `{dir}/` next to this config \
             file (like `{dir}/links-v1.json`), without `..`, not `{}`",
            cache_file.display(),
            dir = crate::cache::CACHE_DIR,
        )));
    }
    exclude_set(&links.exclude, "links.exclude").map_err(invalid)
}

/// At most this many `exclude` patterns (config and `--exclude` each): a
/// few host patterns are the use; thousands are an attack on the run time.
pub const MAX_EXCLUDE_PATTERNS: usize = 256;

/// The compiled size of all `exclude` patterns together, and of the lazy
/// DFA's cache, in bytes: compiling stops there instead of running on.
const EXCLUDE_SIZE_LIMIT: usize = 4 << 20;
const EXCLUDE_DFA_SIZE_LIMIT: usize = 4 << 20;

/// Compiles `exclude` patterns within a count and a size limit; the error
/// names `option` (`links.exclude`, `--exclude`) and the bad pattern.
pub fn exclude_set(patterns: &[String], option: &str) -> Result<regex::RegexSet, String> {
    if patterns.len() > MAX_EXCLUDE_PATTERNS {
        return Err(format!(
            "`{option}` has {} patterns; at most {MAX_EXCLUDE_PATTERNS} are allowed: \
             join them into fewer patterns",
            patterns.len()
        ));
    }
    let set = regex::RegexSetBuilder::new(patterns)
        .size_limit(EXCLUDE_SIZE_LIMIT)
        .dfa_size_limit(EXCLUDE_DFA_SIZE_LIMIT)
        .build();
    match set {
        Ok(set) => Ok(set),
        Err(regex::Error::CompiledTooBig(limit)) => Err(format!(
            "the patterns of `{option}` are too large together (over {limit} bytes \
             compiled): use fewer or simpler patterns"
        )),
        Err(e) => {
            // Name the pattern. A size limit of 0 makes each valid pattern
            // fail as soon as it would compile, so the search stays cheap.
            let pattern = patterns
                .iter()
                .find(|p| {
                    matches!(
                        regex::RegexBuilder::new(p).size_limit(0).build(),
                        Err(regex::Error::Syntax(_))
                    )
                })
                .map_or(String::new(), |p| format!(" `{p}`"));
            Err(format!(
                "bad regular expression{pattern} in `{option}`: {e}"
            ))
        }
    }
}

impl Settings {
    /// The site root folder (`site.root` below the config's folder).
    pub fn site_root(&self) -> PathBuf {
        let root = self.root.join(&self.config.site.root);
        std::path::absolute(&root).unwrap_or(root)
    }

    /// `site.url` without a trailing `/`.
    pub fn site_url(&self) -> Option<&str> {
        self.config
            .site
            .url
            .as_deref()
            .map(|u| u.trim_end_matches('/'))
    }
}

/// Kept out of line so `defaults` stays panic-free even if the defaults ever broke.
fn unreachable_defaults(root: PathBuf) -> Settings {
    Settings {
        source: None,
        root,
        config: Config::default(),
        include: GlobSet::empty(),
        exclude: GlobSet::empty(),
        include_paths: GlobSet::empty(),
        exclude_paths: GlobSet::empty(),
        keys: default_keys(),
        date_format: None,
        date_majority: None,
        rules: RuleSelection::resolve(&RulesConfig::default()),
        link_exclude: regex::RegexSet::empty(),
        site: None,
    }
}

/// Parses config text; `path` is only used in messages.
pub fn parse_config(text: &str, path: &Path) -> Result<Config, ConfigError> {
    toml::from_str(text).map_err(|e| {
        let message = match e.span() {
            Some(span) => {
                let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
                format!("line {line}: {}", e.message())
            }
            None => e.message().to_string(),
        };
        ConfigError::Parse {
            path: path.to_path_buf(),
            message,
        }
    })
}

/// Reads and resolves one config file.
pub fn load(path: &Path) -> Result<Settings, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let config = parse_config(&text, path)?;
    let root = path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    check_cache_links(&config.links.cache_file, &root, path)?;
    Settings::resolve(config, Some(path.to_path_buf()), root)
}

/// A cache written through a symlink could land anywhere (a committed
/// `.postlint-cache -> ~` would tag the home folder): every part of the
/// cache file's path below the config's folder must be a real folder or file.
fn check_cache_links(cache_file: &Path, root: &Path, shown: &Path) -> Result<(), ConfigError> {
    let mut prefix = root.to_path_buf();
    for part in cache_file.components() {
        prefix.push(part);
        if crate::safe_fs::is_symlink(&prefix) {
            return Err(ConfigError::Invalid {
                path: shown.to_path_buf(),
                message: format!(
                    "`links.cache-file` goes through `{}`, a symbolic link; \
                     postlint writes its cache only to real folders and files: \
                     remove the link or choose another `cache-file`",
                    prefix.strip_prefix(root).unwrap_or(&prefix).display()
                ),
            });
        }
    }
    Ok(())
}

/// What config discovery found: the file to use, and the files it passed
/// over because they are not the user's (for a warning).
#[derive(Debug, Default, Clone)]
pub struct Discovered {
    pub file: Option<PathBuf>,
    pub ignored: Vec<(PathBuf, String)>,
}

/// The nearest `postlint.toml` in `start` or a folder above it that the
/// user may trust. The search stops at the repository root (the folder
/// holding `.git`) or the home folder, whichever comes first, so a config
/// in a shared parent folder (`/tmp`, `/home`) is never applied. A file
/// owned by another user is passed over, as git passes over a repository
/// owned by someone else: it could switch rules off or move the cache.
/// Root may use files owned by root or by the owner of `start` (checking
/// someone's tree as root applies that person's config, not a stranger's).
pub fn discover(start: &Path) -> Discovered {
    let mut out = Discovered::default();
    let Ok(absolute) = std::path::absolute(start) else {
        return out;
    };
    let home = std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from);
    let me = rustix::process::geteuid().as_raw();
    let tree_owner = std::fs::metadata(&absolute).map(|m| std::os::unix::fs::MetadataExt::uid(&m));
    for dir in absolute.ancestors() {
        let candidate = dir.join(CONFIG_FILE_NAME);
        if let Ok(meta) = std::fs::metadata(&candidate)
            && meta.is_file()
        {
            let owner = std::os::unix::fs::MetadataExt::uid(&meta);
            let trusted = owner == me
                || (me == 0 && (owner == 0 || tree_owner.as_ref().is_ok_and(|&t| t == owner)));
            if trusted {
                out.file = Some(candidate);
                return out;
            }
            out.ignored.push((
                candidate,
                format!("it is owned by user {owner}, not by you (user {me})"),
            ));
        }
        if dir.join(".git").exists() || home.as_deref() == Some(dir) {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(text: &str) -> Result<Settings, ConfigError> {
        let p = Path::new("postlint.toml");
        Settings::resolve(
            parse_config(text, p)?,
            Some(p.into()),
            PathBuf::from("/site"),
        )
    }

    #[test]
    fn cache_file_must_stay_below_the_config() {
        for bad in [
            "../victim/important.conf",
            "/tmp/x.json",
            "a/../../b",
            "",
            ".git/HEAD",
            "_posts/b.md",
            "./cache/links.json",
            ".postlint-cache",
            ".postlint-cache/../x",
        ] {
            let e = settings(&format!("[links]\ncache-file = \"{bad}\"\n")).unwrap_err();
            assert!(e.to_string().contains("`links.cache-file`"), "{bad}: {e}");
        }
        assert!(settings("[links]\ncache-file = \"./.postlint-cache/other.json\"\n").is_ok());
        let dir = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink("/tmp", dir.path().join(".postlint-cache")).unwrap();
        let file = dir.path().join(CONFIG_FILE_NAME);
        std::fs::write(&file, "").unwrap();
        let e = load(&file).unwrap_err();
        assert!(e.to_string().contains("symbolic link"), "{e}");
    }

    #[test]
    fn discovery_stops_at_the_repository_root() {
        let dir = tempfile::tempdir().unwrap();
        let repo = dir.path().join("repo");
        std::fs::create_dir_all(repo.join(".git")).unwrap();
        std::fs::create_dir_all(repo.join("_posts")).unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE_NAME), "").unwrap();
        assert_eq!(discover(&repo.join("_posts")).file, None);
        std::fs::write(repo.join(CONFIG_FILE_NAME), "").unwrap();
        assert_eq!(
            discover(&repo.join("_posts")).file,
            Some(std::path::absolute(repo.join(CONFIG_FILE_NAME)).unwrap())
        );
    }

    #[test]
    fn empty_config_is_the_defaults() {
        let s = settings("").unwrap();
        assert_eq!(s.config.front_matter.required, ["title", "date"]);
        assert!(s.is_included(Path::new("/site/_posts/a.md")));
        assert!(s.is_included(Path::new("/site/x/b.html")));
        assert!(!s.is_included(Path::new("/site/_posts/a.txt")));
    }

    #[test]
    fn unknown_key_names_the_key_and_file() {
        let err = settings("[files]\nincludes = []\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("includes"), "{err}");
        assert!(err.contains("postlint.toml"), "{err}");
        assert!(err.contains("line 2"), "{err}");
    }

    #[test]
    fn unknown_rule_selector_is_an_error() {
        let err = settings("[rules]\nignore = [\"PL999\"]\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("PL999"), "{err}");
    }

    #[test]
    fn severity_most_specific_wins() {
        let s = settings(
            "[rules.severity]\nPL2 = \"warning\"\nPL251 = \"off\"\nfuture-date = \"error\"\n",
        )
        .unwrap();
        let r = |c| rules::lookup(c).unwrap();
        assert_eq!(s.rules.severity(r("PL202")), Some(Severity::Warning));
        assert_eq!(s.rules.severity(r("PL251")), None);
        assert_eq!(s.rules.severity(r("PL255")), Some(Severity::Error));
        assert_eq!(s.rules.severity(r("PL102")), Some(Severity::Error));
    }

    #[test]
    fn select_and_ignore() {
        let s = settings("[rules]\nselect = [\"PL25\"]\nignore = [\"PL255\"]\n").unwrap();
        let r = |c| rules::lookup(c).unwrap();
        assert!(s.rules.is_enabled(r("PL251")));
        assert!(!s.rules.is_enabled(r("PL255")));
        assert!(!s.rules.is_enabled(r("PL202")));
    }

    #[test]
    fn globs_by_name_and_by_path() {
        let s =
            settings("[files]\ninclude = [\"*.md\"]\nexclude = [\"drafts/**\", \"*.tmp.md\"]\n")
                .unwrap();
        assert!(s.is_included(Path::new("/site/posts/a.md")));
        assert!(!s.is_included(Path::new("/site/drafts/a.md")));
        assert!(!s.is_included(Path::new("/site/posts/a.tmp.md")));
        assert!(!s.is_included(Path::new("/site/posts/a.html")));
    }

    #[test]
    fn schema_merges_over_defaults() {
        let s =
            settings("[front-matter.keys.category]\ntype = \"string\"\nallowed = [\"nieuws\"]\n")
                .unwrap();
        assert!(s.keys.contains_key("title"));
        assert_eq!(
            s.keys["category"].allowed.as_deref(),
            Some(&["nieuws".to_string()][..])
        );
    }

    #[test]
    fn site_and_html_options_are_checked() {
        let s = settings("[site]\nurl = \"https://example.nl/\"\nroot = \"public\"\n").unwrap();
        assert_eq!(s.site_url(), Some("https://example.nl"));
        assert!(s.site_root().ends_with("public"));
        let err = settings("[site]\nurl = \"example.nl\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("site.url"), "{err}");
        let err = settings("[html]\ntop-heading-level = 7\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("top-heading-level"), "{err}");
        let s = settings("").unwrap();
        assert_eq!(s.config.resources.image_keys, ["feature_image", "image"]);
    }

    #[test]
    fn site_generator_is_one_of_the_known() {
        let s = settings("[site]\ngenerator = \"hugo\"\n").unwrap();
        assert_eq!(s.config.site.generator, Some(crate::site::Generator::Hugo));
        assert_eq!(settings("").unwrap().config.site.generator, None);
        let err = settings("[site]\ngenerator = \"gatsby\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("gatsby") && err.contains("jekyll"), "{err}");
    }

    #[test]
    fn pages_are_not_posts() {
        let s = settings("").unwrap();
        assert!(s.is_post(Path::new("/site/_posts/a.md")));
        assert!(!s.is_post(Path::new("/site/about.md")));
        let s = settings("[files]\nrequire-front-matter = \"always\"\n").unwrap();
        assert!(s.is_post(Path::new("/site/about.md")));
    }

    #[test]
    fn posts_folders_decide_front_matter_requirement() {
        let s = settings("").unwrap();
        assert!(s.requires_front_matter(Path::new("/site/_posts/a.md")));
        assert!(!s.requires_front_matter(Path::new("/site/README.md")));
        let s = settings("[files]\nrequire-front-matter = \"always\"\n").unwrap();
        assert!(s.requires_front_matter(Path::new("/site/README.md")));
    }
}

#[cfg(test)]
mod example_tests {
    use super::*;

    /// The documented example must parse and say exactly what the defaults say.
    #[test]
    fn example_file_is_the_defaults() {
        let text = include_str!("../postlint.example.toml");
        let parsed = parse_config(text, Path::new("postlint.example.toml")).unwrap();
        let defaults = Config::default();
        assert_eq!(
            toml::to_string(&parsed).unwrap(),
            toml::to_string(&defaults).unwrap()
        );
    }
}
