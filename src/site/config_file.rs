//! Reading a generator's config file: capped, never through a symbolic
//! link or a FIFO, parsed as data (YAML, TOML or JSON), never executed.

use std::io::Read;
use std::path::Path;

use serde_json::Value;

use super::{MAX_CONFIG_SIZE, SiteError};

/// The text of `path`, at most [`MAX_CONFIG_SIZE`] bytes. A link is not
/// followed: a pull request's `_config.yml -> /etc/passwd` must not end up
/// in an error message.
pub fn read_text(generator: &'static str, path: &Path) -> Result<String, SiteError> {
    let error = |message: String| SiteError::Read {
        generator,
        path: path.to_path_buf(),
        message,
    };
    let (file, meta) =
        crate::safe_fs::open_regular(path, false).map_err(|e| error(e.to_string()))?;
    if meta.len() > MAX_CONFIG_SIZE {
        return Err(error(format!(
            "it is {} bytes; postlint reads configs of at most {MAX_CONFIG_SIZE} bytes",
            meta.len()
        )));
    }
    let mut bytes = Vec::new();
    file.take(MAX_CONFIG_SIZE)
        .read_to_end(&mut bytes)
        .map_err(|e| error(e.to_string()))?;
    String::from_utf8(bytes).map_err(|_| error("it is not UTF-8".to_string()))
}

/// `path` parsed by its extension (`.toml`, `.json`, else YAML) as a JSON
/// value, so every generator reads its keys one way. An empty file is an
/// empty map.
pub fn read(generator: &'static str, path: &Path) -> Result<Value, SiteError> {
    let text = read_text(generator, path)?;
    let error = |message: String| SiteError::Read {
        generator,
        path: path.to_path_buf(),
        message,
    };
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let value = match extension {
        "toml" => toml::from_str::<toml::Value>(&text)
            .map_err(|e| error(e.message().to_string()))
            .and_then(|v| serde_json::to_value(v).map_err(|e| error(e.to_string())))?,
        "json" => serde_json::from_str(&text).map_err(|e| error(e.to_string()))?,
        _ => {
            if text.trim().is_empty() {
                return Ok(Value::Object(serde_json::Map::new()));
            }
            // serde_yaml stops alias bombs, but its time grows with the
            // square of flow nesting: refuse deep nesting before parsing.
            if let Some((depth, _)) = crate::post::front_matter::flow_depth_exceeded(&text) {
                return Err(error(format!("it nests lists or maps {depth} deep")));
            }
            let yaml: serde_yaml::Value =
                serde_yaml::from_str(&text).map_err(|e| error(e.to_string()))?;
            serde_json::to_value(yaml).map_err(|e| error(e.to_string()))?
        }
    };
    match value {
        Value::Object(_) => Ok(value),
        Value::Null => Ok(Value::Object(serde_json::Map::new())),
        _ => Err(error("it is not a map of settings".to_string())),
    }
}

/// The string at `key`, if it is one.
pub fn string<'a>(config: &'a Value, key: &str) -> Option<&'a str> {
    config.get(key).and_then(Value::as_str)
}

/// The strings at `key`: one string or a list of them.
pub fn strings(config: &Value, key: &str) -> Vec<String> {
    string_list(config.get(key)).unwrap_or_default()
}

/// `value` as a list of strings when it is one string or a list (its
/// non-string items left out); `None` when it is absent or anything else.
pub fn string_list(value: Option<&Value>) -> Option<Vec<String>> {
    match value? {
        Value::String(s) => Some(vec![s.clone()]),
        Value::Array(items) => Some(
            items
                .iter()
                .filter_map(|i| i.as_str().map(String::from))
                .collect(),
        ),
        _ => None,
    }
}
