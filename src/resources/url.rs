//! URL checks browsers and feed readers disagree on (white space, missing
//! slashes, bad hosts and ports, stray `%`), and resolution against the site
//! (RFC 3986 section 5), without a URL crate.

use std::ops::Range;

/// Where a URL points, by its shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlForm {
    /// `https://…`, `mailto:…`: has a scheme.
    Absolute,
    /// `//cdn.example.com/a.jpg`.
    ProtocolRelative,
    /// `/images/a.jpg`.
    SiteRelative,
    /// `a.jpg`, `../a.jpg`, `?page=2`.
    Relative,
    /// `#section`.
    Fragment,
    Empty,
    /// Holds Liquid or Go template code (`{{ site.url }}`): known only after the build.
    Templated,
}

fn is_url_space(c: char) -> bool {
    c.is_ascii_whitespace() || c == '\u{A0}' || c.is_ascii_control()
}

/// The scheme of `url` (without `:`), when it has a valid one.
pub fn scheme(url: &str) -> Option<&str> {
    let colon = url.find(':')?;
    let s = &url[..colon];
    let mut chars = s.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(s)
}

/// Schemes whose URLs have a host and where `\` counts as `/`.
pub fn is_special(scheme: &str) -> bool {
    ["http", "https", "ftp", "ws", "wss"]
        .iter()
        .any(|s| scheme.eq_ignore_ascii_case(s))
}

pub fn form(url: &str) -> UrlForm {
    let u = url.trim_matches(is_url_space);
    if u.contains("{{") || u.contains("{%") {
        UrlForm::Templated
    } else if u.is_empty() {
        UrlForm::Empty
    } else if scheme(u).is_some() {
        UrlForm::Absolute
    } else if u.starts_with("//") {
        UrlForm::ProtocolRelative
    } else if u.starts_with('/') {
        UrlForm::SiteRelative
    } else if u.starts_with('#') {
        UrlForm::Fragment
    } else {
        UrlForm::Relative
    }
}

/// One problem in a URL, with the range (in the URL as read) to underline and
/// the whole corrected URL when the correction is what browsers do anyway.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlProblem {
    pub range: Range<usize>,
    pub message: String,
    pub help: String,
    pub fixed: Option<String>,
    /// What the fix does, in the imperative.
    pub fix_title: &'static str,
}

/// The first problem of `url`, if any (one at a time keeps the output short).
pub fn problem(url: &str) -> Option<UrlProblem> {
    let trimmed = url.trim_matches(is_url_space);
    if trimmed.len() != url.len() {
        let start = url.len() - url.trim_start_matches(is_url_space).len();
        let where_ = match (
            start > 0,
            url.trim_end_matches(is_url_space).len() < url.len(),
        ) {
            (true, true) => "starts and ends",
            (true, false) => "starts",
            _ => "ends",
        };
        return Some(UrlProblem {
            range: 0..url.len(),
            message: format!("URL {where_} with white space"),
            help: "remove the white space: not every reader trims it as browsers do".into(),
            fixed: (!trimmed.is_empty()).then(|| trimmed.to_string()),
            fix_title: "remove the white space around the URL",
        });
    }
    match form(url) {
        UrlForm::Templated | UrlForm::Empty => return None,
        UrlForm::Absolute => {
            let s = scheme(url).unwrap_or_default();
            if !is_special(s) {
                return None;
            }
            if let Some(p) = authority_problem(url, s.len() + 1) {
                return Some(p);
            }
        }
        UrlForm::Relative => {
            for typo in ["http//", "https//", "http:/", "https:/"] {
                // `get`: byte `typo.len()` may fall inside a character (`beeld-één.jpg`).
                if url.len() > typo.len()
                    && url
                        .get(..typo.len())
                        .is_some_and(|p| p.eq_ignore_ascii_case(typo))
                {
                    return Some(UrlProblem {
                        range: 0..typo.len(),
                        message: format!("`{typo}` is a broken scheme: this is a relative path"),
                        help: "write `https://`".into(),
                        fixed: None,
                        fix_title: "",
                    });
                }
            }
        }
        _ => {}
    }
    if let Some(i) = url.find(is_url_space) {
        let c = url[i..].chars().next().unwrap_or(' ');
        let fixed: String = url
            .chars()
            .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
            .map(|c| {
                if c == ' ' {
                    "%20".to_string()
                } else {
                    c.to_string()
                }
            })
            .collect();
        let safe = url
            .chars()
            .all(|c| !is_url_space(c) || matches!(c, ' ' | '\t' | '\n' | '\r'));
        return Some(UrlProblem {
            range: i..i + c.len_utf8(),
            message: "URL contains white space".into(),
            help: "write a space as `%20`".into(),
            fixed: safe.then_some(fixed),
            fix_title: "write spaces as `%20`",
        });
    }
    if let Some(i) = url.find('\\') {
        return Some(UrlProblem {
            range: i..i + 1,
            message: "URL contains a backslash".into(),
            help: "write `/`: only browsers read `\\` as `/`".into(),
            fixed: Some(url.replace('\\', "/")),
            fix_title: "replace `\\` with `/`",
        });
    }
    let bytes = url.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'%'
            && !(bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
        {
            return Some(UrlProblem {
                range: i..i + 1,
                message: "`%` is not followed by two hex digits".into(),
                help: "write `%25` for a literal `%`".into(),
                fixed: None,
                fix_title: "",
            });
        }
    }
    None
}

/// Checks the `//host:port` after `scheme:` (which starts at `after`).
fn authority_problem(url: &str, after: usize) -> Option<UrlProblem> {
    let rest = &url[after..];
    let slashes = rest.len() - rest.trim_start_matches(['/', '\\']).len();
    if slashes != 2 {
        let range = after..after + slashes;
        let s = &url[..after - 1];
        let host_rest = &rest[slashes..];
        return Some(UrlProblem {
            range: if range.is_empty() {
                after - 1..after
            } else {
                range
            },
            message: format!("`{}` needs exactly two slashes", &url[..after + slashes]),
            help: format!("write `{s}://`"),
            fixed: (!host_rest.is_empty()).then(|| format!("{s}://{host_rest}")),
            fix_title: "write two slashes after the scheme",
        });
    }
    let start = after + 2;
    let end = url[start..]
        .find(['/', '?', '#', '\\'])
        .map_or(url.len(), |i| start + i);
    let authority = &url[start..end];
    let host_start = authority.rfind('@').map_or(start, |i| start + i + 1);
    let host_port = &url[host_start..end];
    let (host, port) = if host_port.starts_with('[') {
        match host_port.find(']') {
            Some(i) => (&host_port[..=i], host_port[i + 1..].strip_prefix(':')),
            None => (host_port, None),
        }
    } else {
        match host_port.rfind(':') {
            Some(i) => (&host_port[..i], Some(&host_port[i + 1..])),
            None => (host_port, None),
        }
    };
    if host.is_empty() {
        return Some(UrlProblem {
            range: 0..url.len(),
            message: "URL has no host".into(),
            help: "write the host name after `//`".into(),
            fixed: None,
            fix_title: "",
        });
    }
    if let Some(i) = host.find(|c: char| {
        matches!(
            c,
            '<' | '>' | '^' | '|' | '%' | '"' | '{' | '}' | '`' | '[' | ']'
        ) && !host.starts_with('[')
    }) {
        let at = host_start + i;
        return Some(UrlProblem {
            range: host_start..host_start + host.len(),
            message: format!(
                "host `{host}` contains `{}`",
                &url[at..at + url[at..].chars().next().map_or(1, char::len_utf8)]
            ),
            help: "check the host name".into(),
            fixed: None,
            fix_title: "",
        });
    }
    if let Some(port) = port
        && !port.is_empty()
        && !(port.bytes().all(|b| b.is_ascii_digit())
            && port.parse::<u32>().is_ok_and(|p| p <= 65535))
    {
        let at = end - port.len();
        return Some(UrlProblem {
            range: at..end,
            message: format!("port `{port}` is not a number from 0 to 65535"),
            help: "check the part after the host's `:`".into(),
            fixed: None,
            fix_title: "",
        });
    }
    None
}

/// The absolute form of `url` against `base` (an absolute URL ending in `/`
/// for a folder). `None` for URLs known only after the build, fragments,
/// and relative URLs without a base.
pub fn resolve(url: &str, base: Option<&str>) -> Option<String> {
    let u = url.trim_matches(is_url_space);
    match form(u) {
        UrlForm::Absolute => Some(u.to_string()),
        UrlForm::Templated | UrlForm::Empty | UrlForm::Fragment => None,
        UrlForm::ProtocolRelative => {
            let s = base.and_then(scheme).unwrap_or("https");
            Some(format!("{s}:{u}"))
        }
        UrlForm::SiteRelative => {
            let (origin, _) = split_origin(base?)?;
            let (path, tail) = split_tail(u);
            Some(format!("{origin}{}{tail}", remove_dots(path)))
        }
        UrlForm::Relative => {
            let (origin, base_path) = split_origin(base?)?;
            let base_path = split_tail(base_path).0;
            if u.starts_with('?') {
                return Some(format!("{origin}{base_path}{u}"));
            }
            let dir = &base_path[..base_path.rfind('/').map_or(0, |i| i + 1)];
            let (path, tail) = split_tail(u);
            let merged = if dir.is_empty() {
                format!("/{path}")
            } else {
                format!("{dir}{path}")
            };
            Some(format!("{origin}{}{tail}", remove_dots(&merged)))
        }
    }
}

/// `https://example.nl/a/b` → (`https://example.nl`, `/a/b`).
fn split_origin(base: &str) -> Option<(&str, &str)> {
    let s = scheme(base)?;
    let after = s.len() + 1;
    let rest = base.get(after..)?;
    if !rest.starts_with("//") {
        return None;
    }
    let path_start = rest[2..]
        .find(['/', '?', '#'])
        .map_or(base.len(), |i| after + 2 + i);
    Some((&base[..path_start], &base[path_start..]))
}

/// The path and the `?query#fragment` after it.
fn split_tail(url: &str) -> (&str, &str) {
    let i = url.find(['?', '#']).unwrap_or(url.len());
    (&url[..i], &url[i..])
}

/// RFC 3986 section 5.2.4 on an absolute path.
fn remove_dots(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    let last = segments.len().saturating_sub(1);
    let mut trailing_slash = false;
    for (i, seg) in segments.iter().enumerate() {
        match *seg {
            "." => trailing_slash = i == last,
            ".." => {
                out.pop();
                trailing_slash = i == last;
            }
            s => {
                out.push(s);
                trailing_slash = false;
            }
        }
    }
    let mut result = format!("/{}", out.join("/"));
    if trailing_slash && !result.ends_with('/') {
        result.push('/');
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every prefix of non-ASCII URLs, in every form: no slice may split a
    /// character (`beeld-één.jpg` once panicked in the `http//` check).
    #[test]
    fn non_ascii_urls_never_split_a_character() {
        let urls = [
            "beeld-één.jpg",
            "http//é.nl",
            "https:/日本",
            "https://ex😀ample.nl:8😀/a",
            "https://[é]/",
            "//cdn.é.nl/a b.jpg",
            "صورة.jpg#قسم",
            "\u{202e}gpj.exe",
            "%é%😀",
            "mailto:é@é",
        ];
        for url in urls {
            for (end, _) in url.char_indices().chain([(url.len(), ' ')]) {
                let u = &url[..end];
                if let Some(p) = problem(u) {
                    assert!(u.get(p.range.clone()).is_some(), "{u:?}: {p:?}");
                }
                form(u);
                scheme(u);
            }
        }
        assert_eq!(problem("beeld-één.jpg"), None);
        assert_eq!(problem("http//é.nl").map(|p| p.range), Some(0..6));
    }

    #[test]
    fn forms() {
        assert_eq!(form("https://a.nl"), UrlForm::Absolute);
        assert_eq!(form("mailto:a@b"), UrlForm::Absolute);
        assert_eq!(form("//cdn.nl/a.jpg"), UrlForm::ProtocolRelative);
        assert_eq!(form("/img/a.jpg"), UrlForm::SiteRelative);
        assert_eq!(form("a.jpg"), UrlForm::Relative);
        assert_eq!(form("a:b/c"), UrlForm::Absolute);
        assert_eq!(form("#x"), UrlForm::Fragment);
        assert_eq!(form("{{ site.url }}/a.jpg"), UrlForm::Templated);
        assert_eq!(form(" "), UrlForm::Empty);
    }

    #[test]
    fn problems() {
        let p = problem(" http://nos.nl/a.jpg").unwrap();
        assert_eq!(p.message, "URL starts with white space");
        assert_eq!(p.fixed.as_deref(), Some("http://nos.nl/a.jpg"));
        let msg = |u: &str| problem(u).map(|p| p.message);
        assert_eq!(
            msg("https:/nos.nl/a"),
            Some("`https:/` needs exactly two slashes".into())
        );
        assert_eq!(
            problem("https:/nos.nl/a").unwrap().fixed.as_deref(),
            Some("https://nos.nl/a")
        );
        assert_eq!(msg("http://"), Some("URL has no host".into()));
        assert_eq!(
            msg("http://nos.nl:80a/"),
            Some("port `80a` is not a number from 0 to 65535".into())
        );
        assert_eq!(
            msg("http://no<s.nl/"),
            Some("host `no<s.nl` contains `<`".into())
        );
        assert_eq!(
            msg("/img/my photo.jpg"),
            Some("URL contains white space".into())
        );
        assert_eq!(
            problem("/img/my photo.jpg").unwrap().fixed.as_deref(),
            Some("/img/my%20photo.jpg")
        );
        assert_eq!(msg("img\\a.jpg"), Some("URL contains a backslash".into()));
        assert_eq!(
            msg("/a%zz.jpg"),
            Some("`%` is not followed by two hex digits".into())
        );
        assert_eq!(
            msg("https//nos.nl"),
            Some("`https//` is a broken scheme: this is a relative path".into())
        );
        for ok in [
            "https://nos.nl/l/2284599",
            "https://user:pw@[::1]:8080/a?b=c%20d#e",
            "mailto:a b@c",
            "/a/b.jpg?x=1|2",
            "#top",
            "",
            "{{ a }} b",
            "https://fonts.googleapis.com/css?family=Roboto|Open+Sans",
        ] {
            assert_eq!(problem(ok), None, "{ok}");
        }
    }

    #[test]
    fn resolution() {
        let base = Some("https://example.nl/real/");
        assert_eq!(
            resolve("/img/a.jpg", base).as_deref(),
            Some("https://example.nl/img/a.jpg")
        );
        assert_eq!(
            resolve("a.jpg", base).as_deref(),
            Some("https://example.nl/real/a.jpg")
        );
        assert_eq!(
            resolve("../a.jpg?x#y", base).as_deref(),
            Some("https://example.nl/a.jpg?x#y")
        );
        assert_eq!(
            resolve("../../../a.jpg", base).as_deref(),
            Some("https://example.nl/a.jpg")
        );
        assert_eq!(
            resolve("//cdn.nl/a.jpg", base).as_deref(),
            Some("https://cdn.nl/a.jpg")
        );
        assert_eq!(
            resolve(" https://nos.nl/x ", None).as_deref(),
            Some("https://nos.nl/x")
        );
        assert_eq!(resolve("a.jpg", None), None);
        assert_eq!(resolve("#x", base), None);
        assert_eq!(
            resolve("./", base).as_deref(),
            Some("https://example.nl/real/")
        );
        assert_eq!(
            resolve("?p=2", base).as_deref(),
            Some("https://example.nl/real/?p=2")
        );
    }
}
