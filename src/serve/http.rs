//! HTTP: pages from memory, the reload event stream, and the error page.
//! Paths are looked up in the in-memory output only, so no request can
//! reach a file outside the site (`..` and its encodings simply do not
//! match, and get 404).
//!
//! Hostile or broken clients get a 4xx or a closed connection and cannot
//! hold the server: a request head must arrive within [`HEAD_TIMEOUT`] (else
//! the connection is closed) and fit in [`MAX_HEAD`] bytes (else 431), a
//! path longer than [`MAX_URI`] gets 414, and a request with a body
//! gets 413 (the preview only serves `GET` and `HEAD`; other methods get 405).
//! Requests for another host get 421 and reload streams beyond a cap 503
//! (`guard.rs`); idle keep-alive connections are closed after
//! [`HEAD_TIMEOUT`] too, as hyper times out every wait for a request head.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::middleware::{Next, from_fn, from_fn_with_state};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

use super::guard::{self, Hosts, Streams};
use super::state::{ServeState, Served};
use crate::urlpath::percent_decode;

/// The path of the reload event stream.
pub(crate) const RELOAD_PATH: &str = "/__konzept/reload";

/// The path of the reload script.
const RELOAD_JS_PATH: &str = "/__konzept/reload.js";

/// Injected before `</body>` of served pages only, never into `build` output.
/// An external script, not an inline one: pages declare a
/// Content-Security-Policy without `'unsafe-inline'`.
const RELOAD_SCRIPT: &str = "<script src=\"/__konzept/reload.js\"></script>";

/// Reloads the page when the server says the site was rebuilt: every page,
/// or, if the message names pages after the generation, only those.
const RELOAD_JS: &str = r#"new EventSource("/__konzept/reload").onmessage = function (e) {
  var only = e.data.split(" ").slice(1);
  var here = location.pathname.replace(/index\.html$/, "");
  if (only.length === 0 || only.indexOf(here) !== -1) location.reload();
};
"#;

/// How long a client may take to send a request head. Browsers on the same
/// machine need milliseconds; a slowloris client is cut off after this.
pub(crate) const HEAD_TIMEOUT: Duration = Duration::from_secs(5);
/// The largest request head (request line and headers) accepted; 431
/// beyond it. Browsers send a few kilobytes.
pub(crate) const MAX_HEAD: usize = 64 * 1024;
/// The longest request target served; longer ones get 414.
pub(crate) const MAX_URI: usize = 8 * 1024;

/// Accepts connections on `listener` and serves each on its own task,
/// with the limits above, until the future is dropped.
pub(super) async fn serve(listener: TcpListener, state: Arc<ServeState>, hosts: Hosts) {
    let app = router(state, hosts);
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(HEAD_TIMEOUT)
        .max_header_size(MAX_HEAD);
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(e) => {
                // Out of file descriptors, or a connection reset before it
                // was accepted: keep serving the others.
                log::debug!("accepting a connection failed: {e}");
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            }
        };
        let connection =
            http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(app.clone()));
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                log::debug!("connection ended: {e}");
            }
        });
    }
}

pub(super) fn router(state: Arc<ServeState>, hosts: Hosts) -> Router {
    Router::new()
        .route(RELOAD_PATH, get(reload))
        .route(RELOAD_JS_PATH, get(reload_js))
        .fallback(get(page))
        .layer(Extension(Streams::new()))
        // The host is checked inside the size limits: an oversized request
        // is refused before anything in it is looked at.
        .layer(from_fn_with_state(hosts, guard::check_host))
        .layer(from_fn(limits))
        .with_state(state)
}

/// Refuses what a static preview never needs: very long targets and bodies.
async fn limits(request: Request, next: Next) -> Response {
    let target = request
        .uri()
        .path_and_query()
        .map_or(0, |p| p.as_str().len());
    if target > MAX_URI {
        return plain(StatusCode::URI_TOO_LONG, "414 URI Too Long");
    }
    let headers = request.headers();
    // hyper stops reading a head past MAX_HEAD, but one that arrived whole
    // in a single read is parsed anyway; its size is checked here.
    let head: usize = headers
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len() + 4)
        .sum::<usize>()
        + target;
    if head > MAX_HEAD {
        return plain(
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            "431 Request Header Fields Too Large",
        );
    }
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .is_some_and(|v| v.as_bytes() != b"0")
        || headers.contains_key(header::TRANSFER_ENCODING);
    if declared {
        let mut r = plain(
            StatusCode::PAYLOAD_TOO_LARGE,
            "413 the preview takes no request bodies",
        );
        // The unread body must not be taken for the next request.
        r.headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
        return r;
    }
    next.run(request).await
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    let mut r = Response::new(Body::from(text));
    *r.status_mut() = status;
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    r
}

/// The reload stream, while fewer than [`guard::MAX_STREAMS`] are open.
async fn reload(
    State(state): State<Arc<ServeState>>,
    Extension(streams): Extension<Streams>,
) -> Response {
    let Some(permit) = streams.admit() else {
        return guard::too_many_streams();
    };
    let stream = BroadcastStream::new(state.subscribe())
        .filter_map(|reload| reload.ok())
        .map(move |reload| {
            // The place is held for as long as the stream is open.
            let _held = &permit;
            Ok::<_, Infallible>(Event::default().event("message").data(reload.data()))
        });
    Sse::new(stream)
        .keep_alive(KeepAlive::default())
        .into_response()
}

async fn reload_js() -> Response {
    let mut r = Response::new(Body::from(RELOAD_JS));
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/javascript; charset=utf-8"),
    );
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

async fn page(State(state): State<Arc<ServeState>>, uri: Uri) -> Response {
    let Some(path) = site_path(uri.path()) else {
        return not_found(&state);
    };
    match &*state.current() {
        Served::Error(text) => error_page(text),
        Served::Site { files, copies } => {
            if let Some(bytes) = files.get(&path) {
                return respond(&path, bytes);
            }
            if let Some(source) = copies.get(&path) {
                // Read at request time through the site boundary: a link
                // swapped in after the build must not serve a file outside.
                let source = source.clone();
                return match tokio::task::spawn_blocking(move || source.read()).await {
                    Ok(Ok(bytes)) => respond(&path, &bytes),
                    _ => not_found(&state),
                };
            }
            if !path.is_empty()
                && !path.ends_with(".html")
                && files.contains_key(&format!("{path}/index.html"))
            {
                let mut r = StatusCode::MOVED_PERMANENTLY.into_response();
                r.headers_mut().insert(
                    header::LOCATION,
                    HeaderValue::from_str(&format!("/{path}/"))
                        .unwrap_or(HeaderValue::from_static("/")),
                );
                return r;
            }
            not_found(&state)
        }
    }
}

/// The output path for a request path: percent-decoded, `index.html` for
/// directories; `None` for anything with `..`, `.` or empty inner segments.
fn site_path(request: &str) -> Option<String> {
    let decoded = percent_decode(request)?;
    let trimmed = decoded.trim_start_matches('/');
    let mut segments = Vec::new();
    for seg in trimmed.split('/') {
        match seg {
            "" => {}
            "." | ".." => return None,
            s if s.contains('\\') || s.contains('\0') => return None,
            s => segments.push(s),
        }
    }
    let mut path = segments.join("/");
    if decoded.ends_with('/') || path.is_empty() {
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str("index.html");
    }
    Some(path)
}

fn respond(path: &str, bytes: &[u8]) -> Response {
    let mime = mime_type(path);
    let body = if mime.starts_with("text/html") {
        inject(bytes)
    } else {
        bytes.to_vec()
    };
    let mut r = Response::new(Body::from(body));
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

fn inject(html: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(i) => format!("{}{RELOAD_SCRIPT}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{RELOAD_SCRIPT}").into_bytes(),
    }
}

fn not_found(state: &ServeState) -> Response {
    let body = match &*state.current() {
        Served::Site { files, .. } => files.get("404.html").map(|b| inject(b)),
        Served::Error(_) => None,
    };
    let mut r = Response::new(Body::from(
        body.unwrap_or_else(|| b"404 Not Found".to_vec()),
    ));
    *r.status_mut() = StatusCode::NOT_FOUND;
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    r
}

fn error_page(diagnostics: &str) -> Response {
    let escaped = diagnostics
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build failed · konzept</title>\
         <style>body{{font:16px/1.5 system-ui,sans-serif;margin:2rem;color:#1a1a1a}}pre{{background:#fff4f4;border-left:4px solid #b00020;padding:1rem;overflow:auto;font:14px/1.4 monospace}}</style>\
         </head><body><h1>The build failed</h1><p>Fix the files below and save: this page reloads by itself.</p><pre>{escaped}</pre></body></html>"
    );
    let mut r = Response::new(Body::from(inject(html.as_bytes())));
    *r.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    r
}

fn mime_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "pdf" => "application/pdf",
        "txt" => "text/plain; charset=utf-8",
        "vcf" => "text/vcard",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_map_to_output_files() {
        assert_eq!(site_path("/").as_deref(), Some("index.html"));
        assert_eq!(
            site_path("/de/projekte/").as_deref(),
            Some("de/projekte/index.html")
        );
        assert_eq!(
            site_path("/static/style.css").as_deref(),
            Some("static/style.css")
        );
        assert_eq!(
            site_path("/de/%C3%BCber/").as_deref(),
            Some("de/über/index.html")
        );
    }

    #[test]
    fn traversal_is_refused() {
        for bad in [
            "/../site.yaml",
            "/de/../../x",
            "/%2e%2e/site.yaml",
            "/%2E%2E%2Fsite.yaml",
            "/a%5c..%5cb",
            "/%zz",
        ] {
            assert_eq!(site_path(bad), None, "{bad}");
        }
    }
}
