//! Astro: `astro.config.{mjs,js,ts,cjs,mts}`. Content is in the
//! collections below `src/content/` (or a loader's `base`) and in the
//! Markdown pages of `src/pages/`; `public/` is served at `/`;
//! `src/layouts/` and `src/components/` are templates. Names starting with
//! `_` are left out, as Astro's routing and glob loaders leave them out.
//!
//! The keys a collection requires come from its schema in
//! `src/content.config.ts` (or the older `src/content/config.ts`), read as
//! text and never run: `date: z.date()` is required, `date:
//! z.date().optional()` or `.default(…)` is not. A schema written any other
//! way than a literal `z.object({…})` requires nothing, so postlint never
//! asks for a key Astro would not.

use std::path::{Path, PathBuf};

use super::js_text::{self, balanced, key_value, top_level_items, without_comments};
use super::{Folder, Generator, Site, SiteError};

const NAMES: [&str; 5] = [
    "astro.config.mjs",
    "astro.config.js",
    "astro.config.ts",
    "astro.config.cjs",
    "astro.config.mts",
];

/// Where Astro looks for the collections, relative to its `src` folder.
const SCHEMA_FILES: [&str; 8] = [
    "content.config.ts",
    "content.config.mts",
    "content.config.js",
    "content.config.mjs",
    "content/config.ts",
    "content/config.mts",
    "content/config.js",
    "content/config.mjs",
];

/// The most collections read from a content config; real ones have a few.
const MAX_COLLECTIONS: usize = 200;

/// The most content folders a site's `src/content/` adds (one per
/// collection); a folder of thousands of subfolders is not a site's.
const MAX_COLLECTION_FOLDERS: usize = 1000;

/// A folder of content whose front matter a schema checks.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Schema {
    /// Relative to the site root.
    pub folder: PathBuf,
    /// The keys the schema requires; `None` when it could not be read, so
    /// nothing is required.
    pub required: Option<Vec<String>>,
}

pub fn config_in(dir: &Path) -> Option<PathBuf> {
    NAMES.iter().map(|n| dir.join(n)).find(|p| p.is_file())
}

pub fn read(root: &Path, config_path: Option<&Path>) -> Result<Site, SiteError> {
    let text = match config_path {
        Some(path) => super::config_file::read_text("Astro", path)?,
        None => String::new(),
    };
    let code = without_comments(&text);
    let mut site = Site::empty(Generator::Astro, root, config_path);
    site.raw = serde_json::Value::String(text);
    let folder = |key: &str, default: &str| {
        super::clean(Path::new(
            &js_text::literal(&code, key).unwrap_or_else(|| default.to_string()),
        ))
    };
    let src = folder("srcDir", "src");
    site.content.push(Folder::new(src.join("pages"), Some("/")));
    site.statics
        .push(Folder::new(folder("publicDir", "public"), Some("/")));
    for templates in ["layouts", "components"] {
        site.templates.push(src.join(templates));
    }
    site.ignored.push(folder("outDir", "dist"));
    site.ignored.push(PathBuf::from("node_modules"));
    site.ignored.push(PathBuf::from(".astro"));
    site.underscore_keep = Some(Vec::new());
    // Each folder of `src/content/` is a collection (Astro's older layout,
    // and the usual `base` of a glob loader); files directly in it are not.
    let content_dir = src.join("content");
    // Not through a link: a pull request's `src/content -> /` must not
    // list folders outside the site.
    let real_dir = std::fs::symlink_metadata(root.join(&content_dir)).is_ok_and(|m| m.is_dir());
    let entries = real_dir
        .then(|| std::fs::read_dir(root.join(&content_dir)).ok())
        .flatten();
    if let Some(entries) = entries {
        let folders = entries
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .take(MAX_COLLECTION_FOLDERS);
        for entry in folders {
            site.content
                .push(Folder::new(content_dir.join(entry.file_name()), None));
        }
    }
    let schema_file = SCHEMA_FILES
        .iter()
        .map(|name| root.join(&src).join(name))
        .find(|p| p.is_file());
    let schema_text = schema_file
        .and_then(|p| super::config_file::read_text("Astro", &p).ok())
        .unwrap_or_default();
    let schemas = collections(&without_comments(&schema_text), &content_dir);
    for schema in &schemas {
        if !site.content.iter().any(|c| c.path == schema.folder) {
            site.content.push(Folder::new(&schema.folder, None));
        }
    }
    site.schemas = schemas;
    Ok(site)
}

impl Site {
    /// The keys the schema of `path`'s collection requires: `None` when
    /// `path` is in no collection postlint could read, and then nothing is
    /// required.
    pub fn schema_required(&self, path: &Path) -> Option<&[String]> {
        let absolute = super::lexical(path);
        let rel = absolute.strip_prefix(&self.root).ok()?;
        self.schemas
            .iter()
            .filter(|s| rel.starts_with(&s.folder))
            .max_by_key(|s| s.folder.components().count())?
            .required
            .as_deref()
    }
}

/// The collections a content config defines, with the folder each reads
/// and the keys its schema requires. `code` has its comments blanked.
fn collections(code: &str, content_dir: &Path) -> Vec<Schema> {
    // The names under which the collections are exported:
    // `collections = { blog: posts, docs }` maps variable to collection.
    let exported: Vec<(String, String)> = code
        .match_indices("collections")
        .take(MAX_COLLECTIONS)
        .find_map(|(at, _)| {
            // The object opens right after `collections =`.
            let near = code.get(at..(at + 64).min(code.len())).unwrap_or("");
            let open = at + near.find('{')?;
            // Only where the object follows `collections =` directly.
            let between = code[at + "collections".len()..open].trim();
            (between == "=" || between == ":").then(|| balanced(code, open))?
        })
        .map(|object| {
            top_level_items(object)
                .into_iter()
                .filter_map(key_value)
                .map(|(k, v)| (v.to_string(), k.to_string()))
                .collect()
        })
        .unwrap_or_default();
    let mut out = Vec::new();
    for (at, _) in code
        .match_indices("defineCollection(")
        .take(MAX_COLLECTIONS)
    {
        let open = at + "defineCollection".len();
        let Some(argument) = balanced(code, open) else {
            continue;
        };
        let name = assigned_name(&code[..at]);
        let collection = name
            .as_ref()
            .map(|n| {
                exported
                    .iter()
                    .find(|(var, _)| var == n)
                    .map_or(n.clone(), |(_, key)| key.clone())
            })
            .unwrap_or_default();
        let folder = match js_text::literal(argument, "base") {
            Some(base) => super::clean(Path::new(&base)),
            None if !collection.is_empty() => content_dir.join(&collection),
            None => continue,
        };
        out.push(Schema {
            folder,
            required: required_keys(argument, code),
        });
    }
    out
}

/// Whether a field's schema makes it optional.
fn is_optional(schema: &str) -> bool {
    [".optional(", ".default(", ".nullish(", ".catch("]
        .iter()
        .any(|m| schema.contains(m))
}

/// The expression `const name = …;` gives `name` in `code`.
fn defined<'a>(code: &'a str, name: &str) -> Option<&'a str> {
    let pattern = format!(r"\b(?:const|let|var)\s+{}\s*=", regex::escape(name));
    let re = regex::Regex::new(&pattern).ok()?;
    let start = re.find(code)?.end();
    let rest = &code[start..];
    let end = rest
        .find(';')
        .unwrap_or(rest.len())
        .min(js_text::MAX_BALANCED);
    rest.get(..end)
}

/// The name a value is given just before `before`'s end: `const posts =`
/// or `posts:` (an object key).
fn assigned_name(before: &str) -> Option<String> {
    let trimmed = before.trim_end();
    let trimmed = trimmed
        .strip_suffix('=')
        .or_else(|| trimmed.strip_suffix(':'))?
        .trim_end();
    let trimmed = trimmed.trim_end_matches(['"', '\'']);
    let start = trimmed
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '_' || c == '$' || c == '-'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let name = &trimmed[start..];
    (!name.is_empty()).then(|| name.to_string())
}

/// The top-level keys of the literal `z.object({…})` after `schema` that are
/// neither optional nor defaulted. `None` when the schema is not written
/// that way. A field whose schema is a name (`seo: seoSchema`) is looked up
/// in `code`, and is required only when defined there as required.
fn required_keys(argument: &str, code: &str) -> Option<Vec<String>> {
    let at = argument.find("schema")?;
    let object_at = at + argument[at..].find("z.object(")?;
    let brace = object_at + argument[object_at..].find('{')?;
    // `z.object(` must open with the object literal itself.
    if !argument[object_at + "z.object(".len()..brace]
        .trim()
        .is_empty()
    {
        return None;
    }
    let fields = balanced(argument, brace)?;
    let mut required = Vec::new();
    for item in top_level_items(fields) {
        let (key, value) = key_value(item)?;
        if !item.contains(':') {
            // A shorthand `{ title }` names a schema built elsewhere.
            return None;
        }
        let is_name = value
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '$');
        let definition = if is_name {
            // Unknown where it is built: not required.
            let Some(definition) = defined(code, value) else {
                continue;
            };
            definition
        } else {
            value
        };
        if !is_optional(definition) {
            required.push(key.to_string());
        }
    }
    Some(required)
}
