//! Who is on the other end: the client's IP address, for sign-in throttling.
//!
//! Without `TRUSTED_PROXY_HEADER` it is the address of the TCP connection (the server is served
//! with `into_make_service_with_connect_info`). Behind a reverse proxy every connection comes
//! from the proxy, so the proxy must pass the client's address in a header, and only the header
//! named by `TRUSTED_PROXY_HEADER` is read: any other header is set by the client and could
//! name any address. Of that header, the *last* address is taken (`X-Forwarded-For: spoofed,
//! real` — a proxy appends the address it saw).

use super::AppState;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::HeaderMap;
use axum::http::request::Parts;
use std::convert::Infallible;
use std::net::{IpAddr, Ipv6Addr, SocketAddr};

/// The client's address as counted by the throttle: an IPv4 address, or the /64 network of an
/// IPv6 address (one subscriber usually holds a whole /64, so single addresses would let one
/// client use 2^64 buckets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientAddr(pub String);

impl ClientAddr {
    /// The bucket key of an address.
    pub fn of(ip: IpAddr) -> ClientAddr {
        let ip = match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(ip),
            v4 => v4,
        };
        ClientAddr(match ip {
            IpAddr::V4(v4) => v4.to_string(),
            IpAddr::V6(v6) => {
                let s = v6.segments();
                let net = Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0);
                format!("{net}/64")
            }
        })
    }

    /// The address from the trusted header (when configured and usable), else the peer's.
    pub fn from_parts(headers: &HeaderMap, peer: Option<IpAddr>, trusted: Option<&str>) -> Self {
        let forwarded = trusted.and_then(|name| {
            let last = headers.get_all(name).iter().next_back()?.to_str().ok()?;
            parse_addr(last.rsplit(',').next()?.trim())
        });
        if trusted.is_some() && forwarded.is_none() {
            tracing::warn!(
                "the trusted proxy header is missing or unreadable; using the peer address"
            );
        }
        ClientAddr::of(
            forwarded
                .or(peer)
                .unwrap_or(IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED)),
        )
    }

    /// The bucket key.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An address as proxies write it: `1.2.3.4`, `1.2.3.4:5678`, `2001:db8::1`, `[2001:db8::1]:443`.
fn parse_addr(s: &str) -> Option<IpAddr> {
    s.parse::<IpAddr>()
        .ok()
        .or_else(|| s.parse::<SocketAddr>().ok().map(|a| a.ip()))
}

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Infallible> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip());
        let trusted = state
            .config
            .trusted_proxy_header
            .as_ref()
            .map(|h| h.as_str());
        Ok(ClientAddr::from_parts(&parts.headers, peer, trusted))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn without_a_trusted_header_the_peer_address_counts_and_forwarded_headers_are_ignored() {
        let h = headers(&[("x-forwarded-for", "9.9.9.9")]);
        let peer = Some("10.0.0.7".parse().unwrap());
        assert_eq!(ClientAddr::from_parts(&h, peer, None).as_str(), "10.0.0.7");
    }

    #[test]
    fn behind_a_proxy_the_last_address_of_the_trusted_header_counts() {
        let h = headers(&[("x-forwarded-for", "6.6.6.6, 203.0.113.9")]);
        let peer = Some("10.0.0.1".parse().unwrap());
        assert_eq!(
            ClientAddr::from_parts(&h, peer, Some("x-forwarded-for")).as_str(),
            "203.0.113.9"
        );
        let h = headers(&[("x-real-ip", "[2001:db8:1:2:3:4:5:6]:443")]);
        assert_eq!(
            ClientAddr::from_parts(&h, peer, Some("x-real-ip")).as_str(),
            "2001:db8:1:2::/64"
        );
        // A missing or garbled header falls back to the connection.
        let h = headers(&[("x-real-ip", "not an address")]);
        assert_eq!(
            ClientAddr::from_parts(&h, peer, Some("x-real-ip")).as_str(),
            "10.0.0.1"
        );
    }

    #[test]
    fn an_ipv4_mapped_ipv6_address_counts_as_the_ipv4_address() {
        assert_eq!(
            ClientAddr::of("::ffff:192.0.2.1".parse().unwrap()).as_str(),
            "192.0.2.1"
        );
    }
}
