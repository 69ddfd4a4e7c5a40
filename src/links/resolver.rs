//! A ureq name resolver that drops non-public addresses after the lookup, so
//! the address that is checked is the address that is connected to (a name
//! that resolves to 169.254.169.254 is refused, and so is every redirect hop).

use std::collections::HashMap;
use std::fmt;
use std::io;
use std::net::{IpAddr, SocketAddr, ToSocketAddrs};
use std::sync::{Arc, Mutex, PoisonError};

use ureq::http::Uri;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::NextTimeout;

use super::address::non_public;

/// The error a refused lookup carries inside `ureq::Error::Io`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{host} resolves to {address}, {why}")]
pub struct BlockedAddress {
    pub host: String,
    pub address: String,
    pub why: &'static str,
}

/// The error a failed name lookup carries inside `ureq::Error::Io`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no address for {host}: {detail}")]
pub struct LookupFailed {
    pub host: String,
    pub detail: String,
}

/// A replacement for the system's name lookup (tests map names to addresses).
pub type Lookup = Arc<dyn Fn(&str, u16) -> io::Result<Vec<SocketAddr>> + Send + Sync>;

/// Keeps only public addresses of `addrs`; refuses `host` when none is left.
pub fn keep_public(host: &str, addrs: Vec<SocketAddr>) -> Result<Vec<SocketAddr>, BlockedAddress> {
    let first = addrs.first().copied();
    let kept: Vec<SocketAddr> = addrs
        .into_iter()
        .filter(|a| non_public(a.ip()).is_none())
        .collect();
    match first {
        Some(a) if kept.is_empty() => Err(BlockedAddress {
            host: host.to_string(),
            address: a.ip().to_string(),
            why: non_public(a.ip()).unwrap_or("not a public address"),
        }),
        _ => Ok(kept),
    }
}

/// Resolves through the system (or `lookup`), then drops non-public addresses
/// unless `allow_private`. The proxy's own address is never filtered.
pub struct GuardedResolver {
    pub allow_private: bool,
    pub lookup: Option<Lookup>,
    inner: DefaultResolver,
    /// Answers of this run by `host:port`: one lookup per host, not per
    /// request (ureq resolves before every request, pooled or not), and the
    /// same answer for every request, so a name cannot change its address
    /// between requests. A name that does not resolve is remembered too.
    seen: Mutex<HashMap<String, Answer>>,
}

/// A remembered lookup: the addresses, or why there were none.
#[derive(Clone)]
enum Answer {
    Found(Vec<SocketAddr>),
    Failed(io::ErrorKind, String),
}

impl GuardedResolver {
    pub fn new(allow_private: bool, lookup: Option<Lookup>) -> Self {
        GuardedResolver {
            allow_private,
            lookup,
            inner: DefaultResolver::default(),
            seen: Mutex::new(HashMap::new()),
        }
    }

    fn system_lookup(
        &self,
        uri: &Uri,
        config: &ureq::config::Config,
        timeout: NextTimeout,
        key: &str,
    ) -> Result<Vec<SocketAddr>, ureq::Error> {
        let remembered = self
            .seen
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(key)
            .cloned();
        let answer = match remembered {
            Some(a) => a,
            None => {
                let answer = match self.inner.resolve(uri, config, timeout) {
                    Ok(a) => Answer::Found(a.to_vec()),
                    Err(ureq::Error::Io(e)) => Answer::Failed(e.kind(), e.to_string()),
                    // A timeout may pass on a later try: not remembered.
                    Err(e) => return Err(e),
                };
                self.seen
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .insert(key.to_string(), answer.clone());
                answer
            }
        };
        match answer {
            Answer::Found(a) => Ok(a),
            Answer::Failed(kind, message) => Err(ureq::Error::Io(io::Error::new(kind, message))),
        }
    }
}

impl fmt::Debug for GuardedResolver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GuardedResolver")
            .field("allow_private", &self.allow_private)
            .finish()
    }
}

fn is_proxy(uri: &Uri, config: &ureq::config::Config) -> bool {
    let Some(proxy) = config.proxy() else {
        return false;
    };
    let host = uri.host().unwrap_or_default();
    let port = uri.port_u16().or_else(|| match uri.scheme_str() {
        Some("https") => Some(443),
        Some("http") => Some(80),
        _ => None,
    });
    host.eq_ignore_ascii_case(proxy.host()) && port == Some(proxy.port())
}

impl Resolver for GuardedResolver {
    fn resolve(
        &self,
        uri: &Uri,
        config: &ureq::config::Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let host = uri.host().unwrap_or_default();
        let lookup_failed = |e: io::Error| {
            let detail = e.to_string();
            // "failed to lookup address information: Name or service not known"
            let detail = detail.rsplit(": ").next().unwrap_or(&detail).to_lowercase();
            let failed = LookupFailed {
                host: host.to_string(),
                detail,
            };
            ureq::Error::Io(io::Error::new(e.kind(), failed))
        };
        let bare = host.trim_start_matches('[').trim_end_matches(']');
        let port = uri
            .port_u16()
            .unwrap_or(if uri.scheme_str() == Some("https") {
                443
            } else {
                80
            });
        let found: Vec<SocketAddr> = if let Ok(ip) = bare.parse::<IpAddr>() {
            vec![SocketAddr::new(ip, port)]
        } else if let Some(lookup) = &self.lookup {
            lookup(bare, port).map_err(lookup_failed)?
        } else {
            let key = format!("{host}:{port}");
            match self.system_lookup(uri, config, timeout, &key) {
                Ok(a) => a,
                Err(ureq::Error::Io(e)) => return Err(lookup_failed(e)),
                Err(e) => return Err(e),
            }
        };
        let addrs = if self.allow_private || is_proxy(uri, config) {
            found
        } else {
            keep_public(host, found)
                .map_err(|b| ureq::Error::Io(io::Error::new(io::ErrorKind::PermissionDenied, b)))?
        };
        let mut out = self.empty();
        for a in addrs.into_iter().take(16) {
            out.push(a);
        }
        if out.is_empty() {
            return Err(ureq::Error::HostNotFound);
        }
        Ok(out)
    }
}

/// The check for a request that goes through a proxy, which resolves the
/// target itself: resolve here too and refuse a non-public answer. (The
/// proxy may get another answer; with a proxy the guard is best effort.)
pub fn precheck(host: &str, port: u16, lookup: Option<&Lookup>) -> Result<(), BlockedAddress> {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    let addrs = match lookup {
        Some(l) => l(bare, port).unwrap_or_default(),
        None => (bare, port)
            .to_socket_addrs()
            .map(Iterator::collect)
            .unwrap_or_default(),
    };
    keep_public(host, addrs).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addrs(list: &[&str]) -> Vec<SocketAddr> {
        list.iter().map(|a| a.parse().unwrap()).collect()
    }

    #[test]
    fn refuses_when_only_private_addresses_remain() {
        let err = keep_public("metadata.internal", addrs(&["169.254.169.254:80"])).unwrap_err();
        assert_eq!(
            err.to_string(),
            "metadata.internal resolves to 169.254.169.254, a link-local address"
        );
        let kept = keep_public("mixed", addrs(&["127.0.0.1:80", "93.184.215.14:80"])).unwrap();
        assert_eq!(kept, addrs(&["93.184.215.14:80"]));
        assert!(keep_public("none", Vec::new()).unwrap().is_empty());
    }

    #[test]
    fn precheck_uses_the_lookup() {
        let lookup: Lookup =
            Arc::new(|_, port| Ok(vec![SocketAddr::from(([169, 254, 169, 254], port))]));
        assert!(precheck("metadata.internal", 80, Some(&lookup)).is_err());
        let public: Lookup =
            Arc::new(|_, port| Ok(vec![SocketAddr::from(([93, 184, 215, 14], port))]));
        assert!(precheck("example.com", 80, Some(&public)).is_ok());
    }
}
