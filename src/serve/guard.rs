//! Who may talk to the preview, and how many may listen for reloads.
//!
//! DNS rebinding: a web page on `evil.example` can re-point its own name to
//! 127.0.0.1 and then read the preview with the reader's browser, as if it
//! were its own site. The browser still sends `Host: evil.example`, so the
//! preview answers only requests whose `Host` names its own address: an IP
//! literal (a rebinding needs a domain name), `localhost` and its
//! subdomains (which resolve to loopback by RFC 6761), or a name the editor
//! allowed with `--allow-host`. Anything else gets 421 and a hint. A request
//! without `Host` (HTTP/1.0) is answered: browsers always send one.
//!
//! Reload streams (server-sent events) stay open as long as a page is, so
//! their number is capped at [`MAX_STREAMS`]: beyond it a stream gets 503
//! with `Retry-After` (the browser's `EventSource` tries again by itself)
//! and its connection is closed, and pages and assets are always answered.

use std::net::{IpAddr, Ipv6Addr};
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// The most reload streams open at once: one per open preview tab, so far
/// beyond what an editor has open, and far below the file descriptors a
/// process gets (1,024 at the least).
pub(crate) const MAX_STREAMS: usize = 64;

/// Seconds a refused reload stream is told to wait.
const RETRY_AFTER: &str = "5";

/// The host names the preview answers to besides IP literals and
/// `localhost` (from `--allow-host`, lower case, without a trailing dot).
#[derive(Debug, Clone, Default)]
pub(crate) struct Hosts {
    allowed: Arc<[String]>,
}

impl Hosts {
    /// Allows `names` besides the server's own addresses.
    pub(crate) fn new(names: &[String]) -> Hosts {
        Hosts {
            allowed: names.iter().map(|n| normalize(n)).collect(),
        }
    }

    /// Whether a `Host` header value (`name`, `name:port`, `1.2.3.4:80`,
    /// `[::1]:80`) names this server.
    pub(crate) fn allows(&self, value: &str) -> bool {
        let Some(name) = host_of(value) else {
            return false;
        };
        if name.starts_with('[') {
            // Checked as an IPv6 literal by `host_of`.
            return true;
        }
        let name = normalize(name);
        name.parse::<IpAddr>().is_ok()
            || name == "localhost"
            || name.ends_with(".localhost")
            || self.allowed.contains(&name)
    }
}

/// Lower case, one trailing dot removed (`localhost.` is `localhost`).
fn normalize(name: &str) -> String {
    let name = name.strip_suffix('.').unwrap_or(name);
    name.to_ascii_lowercase()
}

/// The host part of a `Host` value with an optional numeric port; `None`
/// for anything malformed (an empty name, a bad port, an unbracketed or
/// invalid IPv6 address).
fn host_of(value: &str) -> Option<&str> {
    if let Some(rest) = value.strip_prefix('[') {
        let (inside, after) = rest.split_once(']')?;
        inside.parse::<Ipv6Addr>().ok()?;
        let port = match after {
            "" => None,
            after => Some(after.strip_prefix(':')?),
        };
        return is_port(port).then_some(&value[..inside.len() + 2]);
    }
    let (name, port) = match value.split_once(':') {
        Some((name, port)) => (name, Some(port)),
        None => (value, None),
    };
    let valid = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'));
    (valid && is_port(port)).then_some(name)
}

/// Whether an optional port is 1 to 5 digits.
fn is_port(port: Option<&str>) -> bool {
    port.is_none_or(|p| (1..=5).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
}

/// Refuses requests whose `Host` (or absolute target) names another host.
pub(super) async fn check_host(
    State(hosts): State<Hosts>,
    request: Request,
    next: Next,
) -> Response {
    let from_target = request.uri().authority().map(|a| a.as_str().to_owned());
    let headers = request.headers().get_all(header::HOST);
    let named_ok = headers
        .iter()
        .all(|v| v.to_str().is_ok_and(|v| hosts.allows(v)))
        && from_target.is_none_or(|a| hosts.allows(&a));
    if named_ok {
        return next.run(request).await;
    }
    refuse(
        StatusCode::MISDIRECTED_REQUEST,
        "421 Misdirected Request: this preview answers only to its own address \
         (http://127.0.0.1:PORT/ or http://localhost:PORT/). To open it under \
         another name, start it with `konzept serve --allow-host NAME`.\n",
    )
}

/// The limit of open reload streams.
#[derive(Debug, Clone)]
pub(crate) struct Streams {
    open: Arc<Semaphore>,
}

impl Streams {
    /// Room for [`MAX_STREAMS`] streams.
    pub(crate) fn new() -> Streams {
        Streams {
            open: Arc::new(Semaphore::new(MAX_STREAMS)),
        }
    }

    /// A place for one more stream, held until the stream ends; `None` when
    /// all are taken.
    pub(crate) fn admit(&self) -> Option<OwnedSemaphorePermit> {
        self.open.clone().try_acquire_owned().ok()
    }
}

/// The answer to a reload stream beyond [`MAX_STREAMS`].
pub(super) fn too_many_streams() -> Response {
    let mut r = refuse(
        StatusCode::SERVICE_UNAVAILABLE,
        "503 too many open reload streams; close some preview tabs\n",
    );
    r.headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static(RETRY_AFTER));
    r
}

/// A short plain-text refusal that closes the connection.
fn refuse(status: StatusCode, text: &'static str) -> Response {
    let mut r = Response::new(axum::body::Body::from(text));
    *r.status_mut() = status;
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    r.headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    r
}

/// Raises the soft limit of open files to the hard one (at most 65,536),
/// as Go's runtime does for every server: each connection takes a file
/// descriptor, and at the common soft limit of 1,024 a burst of idle
/// connections would hold up page requests until they time out.
pub(super) fn raise_file_limit() {
    #[cfg(unix)]
    {
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: getrlimit and setrlimit only read and write the struct
        // passed to them.
        unsafe {
            if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) != 0 {
                return;
            }
            let wanted = limit.rlim_max.min(65_536);
            if limit.rlim_cur < wanted {
                limit.rlim_cur = wanted;
                if libc::setrlimit(libc::RLIMIT_NOFILE, &limit) != 0 {
                    log::debug!("could not raise the limit of open files");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_addresses_are_allowed() {
        let hosts = Hosts::new(&["Vorschau.Intern.".to_owned()]);
        for ok in [
            "127.0.0.1",
            "127.0.0.1:1111",
            "[::1]",
            "[::1]:1111",
            "10.0.0.5:80",
            "localhost",
            "LOCALHOST:1111",
            "localhost.",
            "localhost.:1111",
            "tab.localhost:1111",
            "vorschau.intern",
            "VORSCHAU.INTERN.:8080",
        ] {
            assert!(hosts.allows(ok), "{ok}");
        }
    }

    #[test]
    fn other_names_are_refused() {
        let hosts = Hosts::new(&["vorschau.intern".to_owned()]);
        for bad in [
            "evil.example",
            "evil.example:1111",
            "evil.example.",
            "localhost.evil.example",
            "127.0.0.1.nip.io",
            "vorschau.intern.evil.example",
            "",
            ":1111",
            "localhost:",
            "localhost:abc",
            "localhost:1111:1",
            "::1",
            "[::1",
            "[evil.example]",
            "[::1]x",
            "local host",
            "0x7f.1",
        ] {
            assert!(!hosts.allows(bad), "{bad:?}");
        }
    }
}
