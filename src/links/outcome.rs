//! What checking one URL found, as facts (status, type, redirects, failure),
//! independent of whether the URL was used as an image or a link; the link
//! phase turns them into findings, and the cache stores the successful ones.

use std::time::Duration;

use serde::{Deserialize, Serialize};

/// One redirect followed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Redirect {
    pub status: u16,
    /// The absolute URL it pointed to.
    pub to: String,
}

impl Redirect {
    /// 301 and 308 say "use the new URL from now on"; 302, 303, 307 do not.
    pub fn is_permanent(&self) -> bool {
        matches!(self.status, 301 | 308)
    }
}

/// The last response of a check, after the redirects.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Response {
    pub status: u16,
    /// The media type of `Content-Type`, lower case, without parameters.
    pub content_type: Option<String>,
    /// The image type found in the first bytes of the body, when the server
    /// did not say (`application/octet-stream` or no `Content-Type`).
    pub sniffed: Option<String>,
    pub redirects: Vec<Redirect>,
    /// `Retry-After` of a 429 or 5xx, in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<f64>,
}

impl Response {
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// Whether the body is an image: by `Content-Type`, else by its first bytes.
    pub fn is_image(&self) -> bool {
        self.content_type
            .as_deref()
            .is_some_and(|t| t.starts_with("image/"))
            || self.sniffed.is_some()
    }

    /// The URL the leading permanent redirects lead to: what the post should
    /// say instead. `None` when the first redirect is temporary.
    pub fn moved_to(&self) -> Option<&str> {
        self.redirects
            .iter()
            .take_while(|r| r.is_permanent())
            .last()
            .map(|r| r.to.as_str())
    }

    /// The URL of the last response.
    pub fn final_url(&self) -> Option<&str> {
        self.redirects.last().map(|r| r.to.as_str())
    }
}

/// Why a URL could not be fetched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FailureKind {
    /// The name lookup found no address.
    HostNotFound,
    ConnectionRefused,
    /// No connection within the connect timeout.
    ConnectTimeout,
    /// The name lookup gave no answer within the connect timeout (a DNS
    /// server out of reach: no network, often).
    LookupTimeout,
    /// No complete answer within the timeout.
    Timeout,
    /// The connection broke (reset, closed early, unreadable answer).
    Connection,
    Tls,
    RedirectLoop,
    TooManyRedirects,
    /// A redirect without a usable `Location`, or to a scheme other than http(s).
    BadRedirect,
    /// The URL cannot be requested (ureq rejects it).
    InvalidUrl,
    /// Not tried: its host timed out several times in a row this run.
    HostStopped,
    /// Not tried, or not retried: the link phase's time budget ran out.
    OutOfTime,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Failure {
    pub kind: FailureKind,
    /// What went wrong, as a lower-case fragment for the message.
    pub detail: String,
    pub redirects: Vec<Redirect>,
}

/// A URL not fetched because its host resolves to a non-public address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Blocked {
    pub host: String,
    pub address: String,
    /// "a link-local address".
    pub why: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    Response(Response),
    Failed(Failure),
    Blocked(Blocked),
}

/// How the outcome of a URL counts, before knowing whether the URL is an
/// image: reached, may pass on a later run, gone, or not fetched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutcomeClass {
    Reached,
    /// May work on a later run: a timeout, a 429, a 502, 503 or 504, a broken connection.
    Transient,
    /// Gone or wrong: 404, 410, other 4xx and 5xx, no such host, refused, TLS, loops.
    Dead,
    Blocked,
}

impl Outcome {
    pub fn class(&self) -> OutcomeClass {
        match self {
            Outcome::Response(r) if r.is_success() => OutcomeClass::Reached,
            Outcome::Response(r) if matches!(r.status, 429 | 502 | 503 | 504) => {
                OutcomeClass::Transient
            }
            Outcome::Response(_) => OutcomeClass::Dead,
            Outcome::Failed(f) => match f.kind {
                FailureKind::ConnectTimeout
                | FailureKind::LookupTimeout
                | FailureKind::Timeout
                | FailureKind::Connection
                | FailureKind::HostStopped
                | FailureKind::OutOfTime => OutcomeClass::Transient,
                _ => OutcomeClass::Dead,
            },
            Outcome::Blocked(_) => OutcomeClass::Blocked,
        }
    }

    /// Whether another attempt may succeed: timeouts, connection errors, 5xx, 429.
    pub fn is_retriable(&self) -> bool {
        match self {
            Outcome::Response(r) => r.status == 429 || (500..600).contains(&r.status),
            Outcome::Failed(f) => matches!(
                f.kind,
                FailureKind::ConnectTimeout
                    | FailureKind::LookupTimeout
                    | FailureKind::Timeout
                    | FailureKind::Connection
                    | FailureKind::ConnectionRefused
            ),
            Outcome::Blocked(_) => false,
        }
    }

    /// Whether the server (or the name lookup) did not answer in time: what
    /// stops a host after a few in a row.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Outcome::Failed(f) if matches!(f.kind, FailureKind::ConnectTimeout | FailureKind::LookupTimeout | FailureKind::Timeout))
    }

    /// The server's `Retry-After`, if it sent one.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Outcome::Response(r) => r
                .retry_after
                .filter(|s| s.is_finite() && *s >= 0.0)
                .map(|s| Duration::from_secs_f64(s.min(1e9))),
            _ => None,
        }
    }

    /// Whether the result may be kept for later runs: only a final 2xx,
    /// never a failure (which may be fixed, or transient).
    pub fn is_cacheable(&self) -> bool {
        matches!(self, Outcome::Response(r) if r.is_success())
    }

    pub fn failure(kind: FailureKind, detail: impl Into<String>) -> Outcome {
        Outcome::Failed(Failure {
            kind,
            detail: detail.into(),
            redirects: Vec::new(),
        })
    }
}

/// The reason phrase of common status codes, for messages: `404 Not Found`.
pub fn status_text(status: u16) -> String {
    let reason = match status {
        300 => "Multiple Choices",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        415 => "Unsupported Media Type",
        418 => "I'm a teapot",
        429 => "Too Many Requests",
        451 => "Unavailable For Legal Reasons",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    };
    if reason.is_empty() {
        format!("status {status}")
    } else {
        format!("{status} {reason}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(status: u16, redirects: &[(u16, &str)]) -> Response {
        Response {
            status,
            content_type: Some("image/png".into()),
            sniffed: None,
            redirects: redirects
                .iter()
                .map(|(s, to)| Redirect {
                    status: *s,
                    to: to.to_string(),
                })
                .collect(),
            retry_after: None,
        }
    }

    #[test]
    fn moved_to_follows_only_leading_permanent_redirects() {
        let r = response(
            200,
            &[
                (301, "https://a/1"),
                (308, "https://a/2"),
                (302, "https://a/3"),
            ],
        );
        assert_eq!(r.moved_to(), Some("https://a/2"));
        assert_eq!(r.final_url(), Some("https://a/3"));
        let r = response(200, &[(302, "https://a/1"), (301, "https://a/2")]);
        assert_eq!(r.moved_to(), None);
    }

    #[test]
    fn classes() {
        let class = |s| Outcome::Response(response(s, &[])).class();
        assert_eq!(class(200), OutcomeClass::Reached);
        assert_eq!(class(404), OutcomeClass::Dead);
        assert_eq!(class(500), OutcomeClass::Dead);
        assert_eq!(class(503), OutcomeClass::Transient);
        assert_eq!(class(429), OutcomeClass::Transient);
        let timeout = Outcome::failure(FailureKind::Timeout, "x");
        assert_eq!(timeout.class(), OutcomeClass::Transient);
        assert!(timeout.is_retriable());
        let dns = Outcome::failure(FailureKind::HostNotFound, "x");
        assert_eq!(dns.class(), OutcomeClass::Dead);
        assert!(!dns.is_retriable());
        assert!(!timeout.is_cacheable());
        assert!(Outcome::Response(response(200, &[])).is_cacheable());
        assert!(!Outcome::Response(response(404, &[])).is_cacheable());
        assert_eq!(status_text(404), "404 Not Found");
        assert_eq!(status_text(599), "status 599");
    }
}
