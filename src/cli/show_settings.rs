//! `postlint show-settings PATH`: the settings that apply to a path, where
//! they come from, and what they make of every rule.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use super::exit::ExitStatus;
use miette::IntoDiagnostic;

use super::args::ShowSettingsArgs;
use crate::config::{self, Config, Settings};
use crate::rules;
use crate::walk::ConfigSource;

pub fn run(args: &ShowSettingsArgs, out: &mut dyn Write) -> miette::Result<ExitStatus> {
    if std::fs::metadata(&args.path).is_err() {
        return Err(miette::miette!(
            "path `{}` does not exist",
            args.path.display()
        ));
    }
    let settings: Arc<Settings> = match &args.config {
        Some(file) => Arc::new(config::load(file)?.with_overrides(&args.select, &args.ignore)?),
        None => ConfigSource::discover(args.select.clone(), args.ignore.clone())
            .settings_for(&args.path)?,
    };
    write!(out, "{}", render(&args.path, &settings)).into_diagnostic()?;
    Ok(ExitStatus::Success)
}

/// The settings as a TOML document that could serve as `postlint.toml`: the
/// config with every default filled in and the key schema merged, then each
/// rule's resolved severity as comments.
fn render(path: &Path, settings: &Settings) -> String {
    let mut out = format!("# Settings for {}\n", path.display());
    match &settings.source {
        Some(file) => out.push_str(&format!("# From {}\n", file.display())),
        None => {
            out.push_str("# From the built-in defaults (no postlint.toml found here or above)\n")
        }
    }
    out.push_str(&format!(
        "# Paths in globs are relative to {}\n\n",
        settings.root.display()
    ));
    let mut resolved: Config = settings.config.clone();
    resolved.front_matter.keys = settings.keys.clone();
    // A proxy URL may carry a password: show-settings output goes to CI logs.
    if let Some(proxy) = &mut resolved.links.proxy {
        *proxy = crate::links::redact::redact(proxy).into_owned();
    }
    match toml::to_string(&resolved) {
        Ok(text) => out.push_str(&text),
        Err(e) => out.push_str(&format!("# cannot show the config as TOML: {e}\n")),
    }
    out.push_str("\n# Resolved rules (select, ignore and severity applied):\n");
    for rule in rules::ALL {
        let severity = settings.rules.severity(rule).map_or("off", |s| s.as_str());
        out.push_str(&format!("#   {} {:<24} {severity}\n", rule.code, rule.name));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_proxy_password_is_not_shown() {
        let mut settings = Settings::defaults(std::path::PathBuf::from("."));
        settings.config.links.proxy = Some("http://ci:hunter2@proxy.example:3128".into());
        let text = render(Path::new("post.md"), &settings);
        assert!(!text.contains("hunter2"), "{text}");
        assert!(text.contains("http://ci:***@proxy.example:3128"), "{text}");
    }
}
