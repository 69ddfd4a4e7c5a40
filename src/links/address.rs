//! Which IP addresses the checker refuses to fetch: loopback, private,
//! link-local, unspecified and other non-public ranges, IPv4 inside IPv6 too.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Why an address is not public, as a noun phrase for messages; `None` for
/// a public address.
pub fn non_public(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => non_public_v4(v4),
        IpAddr::V6(v6) => non_public_v6(v6),
    }
}

fn non_public_v4(ip: Ipv4Addr) -> Option<&'static str> {
    let [a, b, c, _] = ip.octets();
    Some(match (a, b) {
        (0, _) => "an unspecified address",
        (127, _) => "a loopback address",
        (10, _) | (192, 168) => "a private address",
        (172, 16..=31) => "a private address",
        // Cloud metadata services live here (169.254.169.254).
        (169, 254) => "a link-local address",
        // Carrier-grade NAT; some clouds put metadata services here too.
        (100, 64..=127) => "a shared (carrier-grade NAT) address",
        (192, 0) if c == 0 => "a reserved address",
        (198, 18..=19) => "a benchmarking address",
        (224..=239, _) => "a multicast address",
        (240..=255, _) => "a reserved address",
        _ => return None,
    })
}

fn non_public_v6(ip: Ipv6Addr) -> Option<&'static str> {
    if ip.is_unspecified() {
        return Some("an unspecified address");
    }
    if ip.is_loopback() {
        return Some("a loopback address");
    }
    // IPv4 carried in IPv6 reaches the IPv4 address: judge that one.
    if let Some(v4) = embedded_v4(ip) {
        return non_public_v4(v4);
    }
    let s = ip.segments();
    Some(match s[0] {
        0xfc00..=0xfdff => "a private (unique local) address",
        0xfe80..=0xfebf => "a link-local address",
        0xfec0..=0xfeff => "a site-local address",
        0xff00..=0xffff => "a multicast address",
        _ => return None,
    })
}

/// The IPv4 address inside an IPv4-mapped (`::ffff:a.b.c.d`), IPv4-compatible
/// (`::a.b.c.d`), NAT64 (`64:ff9b::/96`) or 6to4 (`2002::/16`) address.
fn embedded_v4(ip: Ipv6Addr) -> Option<Ipv4Addr> {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return Some(v4);
    }
    let s = ip.segments();
    let o = ip.octets();
    if s[..6] == [0; 6] {
        return Some(Ipv4Addr::new(o[12], o[13], o[14], o[15]));
    }
    if s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        return Some(Ipv4Addr::new(o[12], o[13], o[14], o[15]));
    }
    if s[0] == 0x2002 {
        return Some(Ipv4Addr::new(o[2], o[3], o[4], o[5]));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn np(s: &str) -> Option<&'static str> {
        non_public(s.parse().unwrap())
    }

    #[test]
    fn refuses_the_non_public_ranges() {
        assert_eq!(np("127.0.0.1"), Some("a loopback address"));
        assert_eq!(np("127.0.0.11"), Some("a loopback address"));
        assert_eq!(np("169.254.169.254"), Some("a link-local address"));
        assert_eq!(np("10.1.2.3"), Some("a private address"));
        assert_eq!(np("172.31.0.1"), Some("a private address"));
        assert_eq!(np("192.168.1.1"), Some("a private address"));
        assert_eq!(np("0.0.0.0"), Some("an unspecified address"));
        assert_eq!(
            np("100.100.100.200"),
            Some("a shared (carrier-grade NAT) address")
        );
        assert_eq!(np("255.255.255.255"), Some("a reserved address"));
        assert_eq!(np("::1"), Some("a loopback address"));
        assert_eq!(np("::"), Some("an unspecified address"));
        assert_eq!(np("fe80::1"), Some("a link-local address"));
        assert_eq!(np("fd00::1"), Some("a private (unique local) address"));
        assert_eq!(np("::ffff:169.254.169.254"), Some("a link-local address"));
        assert_eq!(np("::ffff:127.0.0.1"), Some("a loopback address"));
        assert_eq!(np("64:ff9b::a9fe:a9fe"), Some("a link-local address"));
        assert_eq!(np("2002:a00:1::"), Some("a private address"));
    }

    #[test]
    fn lets_public_addresses_through() {
        for ip in [
            "93.184.215.14",
            "172.32.0.1",
            "100.128.0.1",
            "8.8.8.8",
            "2606:4700::6810:84e5",
            "::ffff:8.8.8.8",
            "2002:808:808::",
        ] {
            assert_eq!(np(ip), None, "{ip}");
        }
    }
}
