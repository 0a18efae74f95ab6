//! Which `Host` a request to the dev server may name.
//!
//! Any web page the editor opens can point a name of its own at 127.0.0.1
//! (DNS rebinding) and then read the preview server as if it were its own
//! site. The browser still sends that name in `Host`, so answering only the
//! server's own names (and those the editor allows) keeps such pages out.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use crate::i18n::Msg;
use crate::msg;

/// An accepted host: a name in canonical form (see [`split`]) and the port
/// it must come with, or `None` for any port.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    name: String,
    port: Option<u16>,
}

#[derive(Debug, Clone)]
pub(crate) struct AllowedHosts {
    entries: Vec<Entry>,
    refusal: Msg,
}

impl AllowedHosts {
    /// The names of the address the server listens on (the loopback names
    /// too when that is a loopback or the unspecified address), with its
    /// port, plus the `--allow-host` names (checked by [`parse_allow_host`]).
    pub(crate) fn new(listen: SocketAddr, allowed: &[String]) -> AllowedHosts {
        let port = Some(listen.port());
        let mut entries = Vec::new();
        let ip = listen.ip();
        if ip.is_loopback() || ip.is_unspecified() {
            for name in ["127.0.0.1", "localhost", "[::1]"] {
                entries.push(Entry {
                    name: name.into(),
                    port,
                });
            }
        }
        entries.push(Entry {
            name: ip_name(ip),
            port,
        });
        for a in allowed {
            if let Some((name, port)) = split(a) {
                entries.push(Entry { name, port });
            }
        }
        // Put into words when a request is refused, in the language of
        // the site as it is then.
        let refusal = if ip.is_loopback() || ip.is_unspecified() {
            msg!(
                "serve-host-refused-loopback",
                port = listen.port().to_string()
            )
        } else {
            msg!(
                "serve-host-refused",
                host = format!("{}:{}", ip_name(ip), listen.port())
            )
        };
        AllowedHosts { entries, refusal }
    }

    /// Whether `host` (a `Host` header or a request's authority) names this
    /// server. Without a port it means port 80, as a browser sends it.
    pub(crate) fn allows(&self, host: &str) -> bool {
        let Some((name, port)) = split(host) else {
            return false;
        };
        let port = port.unwrap_or(80);
        self.entries
            .iter()
            .any(|e| e.name == name && e.port.is_none_or(|p| p == port))
    }

    /// The one-line answer to a request for another host.
    pub(crate) fn refusal(&self) -> &Msg {
        &self.refusal
    }
}

/// Checks an `--allow-host` value: a host name or an IP address (IPv6 in
/// brackets), optionally with `:PORT`.
pub fn parse_allow_host(s: &str) -> Result<String, String> {
    match split(s) {
        Some(_) => Ok(s.to_string()),
        None => Err(msg!("serve-allow-host-invalid", value = format!("{s:?}")).to_string()),
    }
}

/// Checks `--base-url`: an `http://` or `https://` URL of a plain host
/// and no path (the preview serves the site at its root), or a host name
/// or address alone, without a port (the server's port is added).
pub fn parse_base_url(s: &str) -> Result<String, String> {
    let lower = s.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        let auth = authority(s);
        let after = &s[s.find(auth).unwrap_or(0) + auth.len()..];
        if split(auth).is_some() && !auth.contains('@') && (after.is_empty() || after == "/") {
            return Ok(format!("{}/", s.trim_end_matches('/')));
        }
    } else if let Some((_, None)) = split(s) {
        return Ok(s.to_string());
    }
    Err(msg!("serve-base-url-invalid", value = format!("{s:?}")).to_string())
}

/// The `host[:port]` of an `http(s)://` URL.
pub(crate) fn authority(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())]
}

fn ip_name(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => format!("[{v6}]"),
    }
}

/// Splits `name[:port]` into its name in canonical form (lower case, without
/// the one trailing dot a fully qualified name may carry, an IPv6 address in
/// brackets as Rust prints it) and its port. `None` for anything that is not
/// a plain host: empty, a bare IPv6 address, user info, paths, odd bytes.
fn split(s: &str) -> Option<(String, Option<u16>)> {
    let s = s.to_ascii_lowercase();
    let (name, port) = if let Some(rest) = s.strip_prefix('[') {
        let (inner, after) = rest.split_once(']')?;
        let v6: Ipv6Addr = inner.parse().ok()?;
        let port = match after {
            "" => None,
            p => Some(port(p.strip_prefix(':')?)?),
        };
        (format!("[{v6}]"), port)
    } else {
        let (name, port) = match s.split_once(':') {
            Some((n, p)) => (n, Some(port(p)?)),
            None => (s.as_str(), None),
        };
        let name = name.strip_suffix('.').unwrap_or(name);
        let ok = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_');
        if name.is_empty() || !name.chars().all(ok) || name.starts_with('.') {
            return None;
        }
        let name = match name.parse::<Ipv4Addr>() {
            Ok(v4) => v4.to_string(),
            Err(_) => name.to_string(),
        };
        (name, port)
    };
    Some((name, port))
}

/// A port: 1 to 5 digits and nothing else (no sign, no spaces).
fn port(p: &str) -> Option<u16> {
    if p.is_empty() || p.len() > 5 || !p.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    p.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hosts(listen: &str, allowed: &[&str]) -> AllowedHosts {
        let allowed: Vec<String> = allowed.iter().map(|s| s.to_string()).collect();
        AllowedHosts::new(listen.parse().unwrap(), &allowed)
    }

    #[test]
    fn loopback_names_with_the_port() {
        let h = hosts("127.0.0.1:1111", &[]);
        for ok in [
            "127.0.0.1:1111",
            "localhost:1111",
            "LocalHost:1111",
            "localhost.:1111",
            "[::1]:1111",
            "[0:0:0:0:0:0:0:1]:1111",
        ] {
            assert!(h.allows(ok), "{ok}");
        }
        for bad in [
            "",
            "evil.example",
            "evil.example:1111",
            "127.0.0.1.evil.example:1111",
            "localhost.evil.example:1111",
            "127.0.0.1:1112",
            "127.0.0.1",
            "localhost",
            "localhost:",
            "localhost:+1111",
            "localhost:01111x",
            "localhost..:1111",
            "user@localhost:1111",
            "localhost:1111/x",
            "::1:1111",
            "[::1]",
            "[::1]x:1111",
            "127.0.0.2:1111",
            "0.0.0.0:1111",
            " localhost:1111",
            "localhost:1111 ",
        ] {
            assert!(!h.allows(bad), "{bad:?} allowed");
        }
    }

    #[test]
    fn port_80_may_be_left_out() {
        let h = hosts("127.0.0.1:80", &[]);
        assert!(h.allows("localhost") && h.allows("localhost:80"));
    }

    #[test]
    fn bind_address_and_allowed_names() {
        let h = hosts(
            "0.0.0.0:1111",
            &["Dev.Example", "192.168.1.5:1111", "[FD00::5]"],
        );
        assert!(h.allows("localhost:1111") && h.allows("0.0.0.0:1111"));
        assert!(
            h.allows("dev.example:1111")
                && h.allows("dev.example.")
                && h.allows("DEV.example:8443")
        );
        assert!(h.allows("192.168.1.5:1111") && !h.allows("192.168.1.5:2222"));
        assert!(h.allows("[fd00::5]:1111") && h.allows("[fd00:0::5]:1"));
        assert!(!h.allows("dev.example.evil:1111") && !h.allows("192.168.1.6:1111"));
        // A specific address does not bring the loopback names.
        let h = hosts("192.168.1.5:1111", &[]);
        assert!(h.allows("192.168.1.5:1111") && !h.allows("localhost:1111"));
        let h = hosts("[::1]:1111", &[]);
        assert!(h.allows("[::1]:1111") && h.allows("localhost:1111"));
    }

    #[test]
    fn allow_host_values() {
        for ok in [
            "dev.example",
            "dev.example:1111",
            "192.168.1.5",
            "[fd00::5]:80",
            "pc-12",
        ] {
            assert!(parse_allow_host(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "http://dev.example",
            "dev.example/",
            "fd00::5",
            "a b",
            "x:99999",
            ":80",
        ] {
            assert!(parse_allow_host(bad).is_err(), "{bad}");
        }
        let refusal = hosts("127.0.0.1:1", &[]).refusal().clone();
        assert_eq!(refusal.key(), "serve-host-refused-loopback");
        let en = refusal.render(crate::i18n::Language::En);
        assert!(en.contains("--allow-host") && en.contains("localhost:1 or 127.0.0.1:1"));
        assert_eq!(en.lines().count(), 1);
        let zh = refusal.render(crate::i18n::Language::ZhCn);
        assert!(zh.contains("--allow-host") && zh.contains("只回应"), "{zh}");
        assert_eq!(zh.lines().count(), 1);
        let other = hosts("192.168.1.5:1111", &[]).refusal().clone();
        assert!(
            other
                .render(crate::i18n::Language::En)
                .contains("for 192.168.1.5:1111 and")
        );
    }
}
