//! The HTTP checker: one attempt at one URL with ureq. HEAD first, GET when
//! HEAD is refused or the type is unclear (reading at most a few bytes),
//! redirects followed by hand to see each hop, loops and limits.

use std::collections::HashSet;
use std::io::Read;
use std::time::{Duration, Instant};

use url::Url;

use super::LinkError;
use super::outcome::{Blocked, Failure, FailureKind, Outcome, Redirect, Response};
use super::pool::Checker;
use super::resolver::{BlockedAddress, GuardedResolver, Lookup, LookupFailed, precheck};
use super::sniff::{SNIFF_BYTES, image_type};

/// Which proxy requests go through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProxySetting {
    /// None, whatever the environment says.
    None,
    /// `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY`, `NO_PROXY`.
    Env,
    Url(String),
}

/// How one attempt is made.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    pub connect_timeout: Duration,
    /// For one attempt at one URL, redirects included.
    pub timeout: Duration,
    pub max_redirects: u32,
    pub user_agent: String,
    pub proxy: ProxySetting,
    pub allow_private: bool,
    /// Idle connections kept, in all and per host.
    pub max_idle: usize,
    pub max_idle_per_host: usize,
}

/// The `User-Agent` postlint sends unless configured otherwise.
pub fn default_user_agent() -> String {
    format!("postlint/{} (link checker)", env!("CARGO_PKG_VERSION"))
}

/// Checks URLs over HTTP and HTTPS with one shared connection pool.
pub struct HttpChecker {
    agent: ureq::Agent,
    opts: FetchOptions,
    lookup: Option<Lookup>,
    proxied: bool,
}

/// The part of a response the checker looks at.
struct Head {
    status: u16,
    content_type: Option<String>,
    location: Option<String>,
    retry_after: Option<f64>,
    sniffed: Option<String>,
}

impl HttpChecker {
    pub fn new(opts: FetchOptions) -> Result<HttpChecker, LinkError> {
        HttpChecker::with_lookup(opts, None)
    }

    /// Like [`HttpChecker::new`], with names resolved by `lookup` instead of
    /// the system (for tests of names that resolve to private addresses).
    pub fn with_lookup(
        opts: FetchOptions,
        lookup: Option<Lookup>,
    ) -> Result<HttpChecker, LinkError> {
        let proxy = match &opts.proxy {
            ProxySetting::None => None,
            ProxySetting::Env => ureq::Proxy::try_from_env(),
            ProxySetting::Url(u) => Some(ureq::Proxy::new(u).map_err(|e| {
                // A proxy URL may carry its password: never in a message.
                LinkError::Proxy(
                    super::redact::redact(u).into_owned(),
                    super::redact::redact(&e.to_string()).into_owned(),
                )
            })?),
        };
        let proxied = proxy.is_some();
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .proxy(proxy)
            .user_agent(opts.user_agent.as_str())
            .timeout_resolve(Some(opts.connect_timeout))
            .timeout_connect(Some(opts.connect_timeout))
            .max_idle_connections(opts.max_idle.max(1))
            .max_idle_connections_per_host(opts.max_idle_per_host.max(1))
            .build();
        let resolver = GuardedResolver::new(opts.allow_private, lookup.clone());
        let agent = ureq::Agent::with_parts(
            config,
            ureq::unversioned::transport::DefaultConnector::new(),
            resolver,
        );
        Ok(HttpChecker {
            agent,
            opts,
            lookup,
            proxied,
        })
    }

    fn send(&self, url: &Url, get: bool, deadline: Instant) -> Result<Head, ureq::Error> {
        let remaining = deadline.saturating_duration_since(Instant::now());
        if remaining.is_zero() {
            return Err(ureq::Error::Timeout(ureq::Timeout::Global));
        }
        let builder = if get {
            self.agent.get(url.as_str())
        } else {
            self.agent.head(url.as_str())
        };
        let mut resp = builder
            .config()
            .timeout_global(Some(remaining))
            .build()
            .call()?;
        let header = |name: &str| {
            resp.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let status = resp.status().as_u16();
        let content_type = header("content-type").and_then(|t| media_type(&t));
        let location = header("location");
        let retry_after = header("retry-after").and_then(|v| parse_retry_after(&v));
        let mut sniffed = None;
        if get && (200..300).contains(&status) && is_unclear(content_type.as_deref()) {
            // Only the first bytes: a 50 MB image is never downloaded.
            let mut head = Vec::with_capacity(SNIFF_BYTES);
            let reader = resp.body_mut().as_reader();
            let _ = reader.take(SNIFF_BYTES as u64).read_to_end(&mut head);
            sniffed = image_type(&head).map(str::to_string);
        }
        Ok(Head {
            status,
            content_type,
            location,
            retry_after,
            sniffed,
        })
    }

    /// The outcome of a failed request; `within` is how long the attempt had.
    fn failure(&self, err: &ureq::Error, within: Duration) -> Outcome {
        let secs = |d: Duration| format_secs(d.as_secs_f64());
        let (kind, detail) = match err {
            ureq::Error::Io(e) => {
                if let Some(b) = e.get_ref().and_then(|i| i.downcast_ref::<BlockedAddress>()) {
                    return blocked(b);
                }
                if let Some(l) = e.get_ref().and_then(|i| i.downcast_ref::<LookupFailed>()) {
                    (FailureKind::HostNotFound, l.to_string())
                } else if e.kind() == std::io::ErrorKind::ConnectionRefused {
                    (
                        FailureKind::ConnectionRefused,
                        "connection refused".to_string(),
                    )
                } else if e.kind() == std::io::ErrorKind::TimedOut {
                    (
                        FailureKind::Timeout,
                        format!("no answer within {}", secs(within)),
                    )
                } else {
                    (FailureKind::Connection, format!("connection failed: {e}"))
                }
            }
            ureq::Error::HostNotFound => (FailureKind::HostNotFound, "host not found".to_string()),
            ureq::Error::Timeout(t) => match t {
                ureq::Timeout::Resolve => (
                    FailureKind::LookupTimeout,
                    format!(
                        "no answer from the name lookup within {}",
                        secs(self.opts.connect_timeout)
                    ),
                ),
                ureq::Timeout::Connect => (
                    FailureKind::ConnectTimeout,
                    format!("no connection within {}", secs(self.opts.connect_timeout)),
                ),
                _ => (
                    FailureKind::Timeout,
                    format!("no answer within {}", secs(within)),
                ),
            },
            ureq::Error::Tls(_)
            | ureq::Error::Pem(_)
            | ureq::Error::Rustls(_)
            | ureq::Error::TlsRequired => (FailureKind::Tls, format!("TLS failed: {err}")),
            ureq::Error::BadUri(_) | ureq::Error::Http(_) => (
                FailureKind::InvalidUrl,
                format!("not a URL HTTP can request: {err}"),
            ),
            other => (
                FailureKind::Connection,
                format!("connection failed: {other}"),
            ),
        };
        Outcome::failure(kind, detail)
    }
}

fn blocked(b: &BlockedAddress) -> Outcome {
    Outcome::Blocked(Blocked {
        host: b.host.clone(),
        address: b.address.clone(),
        why: b.why.to_string(),
    })
}

/// A HEAD that a GET may succeed where it failed: the server dropped or
/// garbled the answer (some servers mishandle HEAD).
fn is_head_failure(err: &ureq::Error) -> bool {
    match err {
        ureq::Error::Protocol(_) | ureq::Error::ConnectionFailed => true,
        ureq::Error::Io(e) => matches!(
            e.kind(),
            std::io::ErrorKind::ConnectionReset
                | std::io::ErrorKind::ConnectionAborted
                | std::io::ErrorKind::UnexpectedEof
                | std::io::ErrorKind::BrokenPipe
        ),
        _ => false,
    }
}

/// `Content-Type` values that do not say what the body is.
fn is_unclear(content_type: Option<&str>) -> bool {
    matches!(
        content_type,
        None | Some("application/octet-stream" | "binary/octet-stream" | "application/binary")
    )
}

/// `text/html; charset=utf-8` → `text/html`.
fn media_type(value: &str) -> Option<String> {
    let t = value.split(';').next().unwrap_or_default().trim();
    (!t.is_empty()).then(|| t.to_ascii_lowercase())
}

/// `Retry-After`: seconds, or an HTTP date.
pub fn parse_retry_after(value: &str) -> Option<f64> {
    let v = value.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(secs as f64);
    }
    let when = jiff::fmt::rfc2822::DateTimeParser::new()
        .parse_timestamp(v)
        .ok()?;
    let secs = when.duration_since(jiff::Timestamp::now()).as_secs_f64();
    Some(secs.max(0.0))
}

/// `5 s`, `0.3 s`.
pub fn format_secs(secs: f64) -> String {
    if secs.fract() == 0.0 {
        format!("{secs:.0} s")
    } else {
        format!("{} s", (secs * 1000.0).round() / 1000.0)
    }
}

fn without_fragment(url: &Url) -> String {
    let mut u = url.clone();
    u.set_fragment(None);
    u.into()
}

fn with_redirects(mut outcome: Outcome, redirects: Vec<Redirect>) -> Outcome {
    if let Outcome::Failed(f) = &mut outcome {
        f.redirects = redirects;
    }
    outcome
}

/// A name that always resolves where there is a network: reserved for
/// documentation by RFC 2606 and served by IANA.
const PROBE_NAME: &str = "example.com";

impl Checker for HttpChecker {
    fn check(&self, url: &Url) -> Outcome {
        self.check_until(url, Instant::now() + self.opts.timeout)
    }

    /// Looks up [`PROBE_NAME`] (no request is sent), within the connect
    /// timeout. Through a proxy, which resolves names itself: `None`.
    fn names_resolve(&self) -> Option<bool> {
        if self.proxied {
            return None;
        }
        if let Some(lookup) = &self.lookup {
            return Some(lookup(PROBE_NAME, 443).is_ok_and(|a| !a.is_empty()));
        }
        let (tx, rx) = std::sync::mpsc::channel();
        // The system's lookup cannot be cut short: a thread that outlives
        // the timeout ends with the system's own timeout.
        std::thread::spawn(move || {
            use std::net::ToSocketAddrs;
            let found = (PROBE_NAME, 443)
                .to_socket_addrs()
                .is_ok_and(|mut a| a.next().is_some());
            let _ = tx.send(found);
        });
        Some(rx.recv_timeout(self.opts.connect_timeout).unwrap_or(false))
    }

    /// One attempt, over by `deadline` or after the timeout, whichever
    /// comes first.
    fn check_until(&self, url: &Url, deadline: Instant) -> Outcome {
        let start = Instant::now();
        let deadline = deadline.min(start + self.opts.timeout);
        // What the message says the attempt had: `no answer within 0.45 s`.
        let within = deadline
            .saturating_duration_since(start)
            .max(Duration::from_millis(1));
        let mut current = url.clone();
        let mut redirects: Vec<Redirect> = Vec::new();
        let mut seen: HashSet<String> = HashSet::from([without_fragment(&current)]);
        let mut get = false;
        loop {
            if self.proxied && !self.opts.allow_private {
                let host = current.host_str().unwrap_or_default();
                let port = current.port_or_known_default().unwrap_or(80);
                if let Err(b) = precheck(host, port, self.lookup.as_ref()) {
                    return blocked(&b);
                }
            }
            let head = match self.send(&current, get, deadline) {
                Ok(h) => h,
                Err(e) if !get && is_head_failure(&e) => {
                    get = true;
                    continue;
                }
                Err(e) => return with_redirects(self.failure(&e, within), redirects),
            };
            if !get && matches!(head.status, 403 | 405 | 501) {
                get = true;
                continue;
            }
            if (300..400).contains(&head.status) && head.status != 304 {
                let fail = |kind, detail: String, redirects| {
                    Outcome::Failed(Failure {
                        kind,
                        detail,
                        redirects,
                    })
                };
                let Some(location) = head.location else {
                    let detail = format!("{} without a `Location`", head.status);
                    return fail(FailureKind::BadRedirect, detail, redirects);
                };
                let next = match current.join(&location) {
                    Ok(n) if matches!(n.scheme(), "http" | "https") => n,
                    Ok(n) => {
                        let detail = format!("redirect to a `{}:` URL", n.scheme());
                        return fail(FailureKind::BadRedirect, detail, redirects);
                    }
                    Err(_) => {
                        let detail = format!("redirect to a bad URL `{location}`");
                        return fail(FailureKind::BadRedirect, detail, redirects);
                    }
                };
                redirects.push(Redirect {
                    status: head.status,
                    to: next.to_string(),
                });
                if !seen.insert(without_fragment(&next)) {
                    let detail = format!("redirect loop back to `{next}`");
                    return fail(FailureKind::RedirectLoop, detail, redirects);
                }
                if redirects.len() > self.opts.max_redirects as usize {
                    let detail = format!("more than {} redirects", self.opts.max_redirects);
                    return fail(FailureKind::TooManyRedirects, detail, redirects);
                }
                current = next;
                continue;
            }
            if !get && (200..300).contains(&head.status) && is_unclear(head.content_type.as_deref())
            {
                // The server does not say what it is: look at the first bytes.
                get = true;
                continue;
            }
            return Outcome::Response(Response {
                status: head.status,
                content_type: head.content_type,
                sniffed: head.sniffed,
                redirects,
                retry_after: head.retry_after,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_read_leniently() {
        assert_eq!(
            media_type("Text/HTML; charset=utf-8").as_deref(),
            Some("text/html")
        );
        assert_eq!(media_type(" ; x"), None);
        assert_eq!(parse_retry_after(" 1 "), Some(1.0));
        assert_eq!(
            parse_retry_after("Thu, 01 Jan 1970 00:00:01 GMT"),
            Some(0.0)
        );
        assert_eq!(parse_retry_after("soon"), None);
        assert_eq!(format_secs(5.0), "5 s");
        assert_eq!(format_secs(0.25), "0.25 s");
        assert!(is_unclear(None) && !is_unclear(Some("image/png")));
    }

    #[test]
    fn a_lookup_that_hangs_is_told_from_a_connection_that_hangs() {
        let checker = HttpChecker::new(FetchOptions {
            connect_timeout: Duration::from_secs(5),
            timeout: Duration::from_secs(15),
            max_redirects: 1,
            user_agent: default_user_agent(),
            proxy: ProxySetting::None,
            allow_private: false,
            max_idle: 1,
            max_idle_per_host: 1,
        })
        .unwrap();
        let within = Duration::from_secs(15);
        let resolve = checker.failure(&ureq::Error::Timeout(ureq::Timeout::Resolve), within);
        assert_eq!(
            resolve,
            Outcome::failure(
                FailureKind::LookupTimeout,
                "no answer from the name lookup within 5 s"
            )
        );
        let connect = checker.failure(&ureq::Error::Timeout(ureq::Timeout::Connect), within);
        assert!(matches!(connect, Outcome::Failed(f) if f.kind == FailureKind::ConnectTimeout));
    }

    #[test]
    fn a_bad_proxy_is_named_without_its_password() {
        let opts = FetchOptions {
            connect_timeout: Duration::from_secs(1),
            timeout: Duration::from_secs(1),
            max_redirects: 1,
            user_agent: default_user_agent(),
            proxy: ProxySetting::Url("ftp://user:hunter2@proxy:99999".into()),
            allow_private: false,
            max_idle: 1,
            max_idle_per_host: 1,
        };
        let Err(e) = HttpChecker::new(opts) else {
            panic!("an ftp proxy on port 99999 was accepted");
        };
        let text = e.to_string();
        assert!(
            text.starts_with("invalid proxy `ftp://user:***@proxy:99999`"),
            "{text}"
        );
        assert!(!text.contains("hunter2"), "{text}");
    }
}
