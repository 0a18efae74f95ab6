//! HTTP for the dev server: the built site (and nothing else), a live
//! reload script, and a server-sent event stream that tells pages to reload,
//! swap stylesheets, or show the current errors.

use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::stream::{self, Stream, StreamExt};
use tokio::sync::{broadcast, watch};

use crate::diag::Diagnostic;
use crate::i18n::{self, Language};
use crate::msg;

pub(crate) const EVENTS_PATH: &str = "/__casebook/events";
pub(crate) const SCRIPT_PATH: &str = "/__casebook/livereload.js";

/// What a page is told over the event stream.
#[derive(Debug, Clone)]
pub(crate) enum Message {
    Reload(u64),
    Css(u64),
    Errors(Vec<Diagnostic>),
}

pub(crate) struct Shared {
    pub out: PathBuf,
    /// The `Host` names requests may carry; others are refused.
    pub hosts: super::host::AllowedHosts,
    /// Errors of the latest build; shown on every page while they stand.
    pub errors: RwLock<Vec<Diagnostic>>,
    /// Number of the latest good build.
    pub version: std::sync::atomic::AtomicU64,
    pub tx: broadcast::Sender<Message>,
    pub shutdown: watch::Receiver<bool>,
}

pub(crate) fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(EVENTS_PATH, get(events))
        .route(SCRIPT_PATH, get(script))
        .fallback(get(file))
        // Added last, so it wraps every route and the fallback: no answer
        // (page, file, event stream, script) goes to a foreign host.
        .layer(axum::middleware::from_fn_with_state(
            shared.clone(),
            check_host,
        ))
        .with_state(shared)
}

/// Refuses requests whose `Host` (and authority, for a request naming a
/// full URL) is not one of the server's own names: see [`super::host`].
async fn check_host(
    State(s): State<Arc<Shared>>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let mut hosts = req.headers().get_all(header::HOST).iter();
    let host_ok = match (hosts.next(), hosts.next()) {
        (Some(h), None) => h.to_str().is_ok_and(|h| s.hosts.allows(h)),
        _ => false,
    };
    let authority_ok = req
        .uri()
        .authority()
        .is_none_or(|a| s.hosts.allows(a.as_str()));
    if host_ok && authority_ok {
        return next.run(req).await;
    }
    (
        StatusCode::MISDIRECTED_REQUEST,
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        format!("{}\n", s.hosts.refusal()),
    )
        .into_response()
}

/// The overlay's words for `errors`, in `lang`: its heading, each
/// diagnostic's line and help line, and the closing line.
struct OverlayText {
    title: String,
    /// For each diagnostic: "error: message" and "help: hint".
    items: Vec<(String, Option<String>)>,
    footer: String,
}

impl OverlayText {
    fn new(errors: &[Diagnostic], lang: Language) -> OverlayText {
        let n = errors.iter().filter(|d| d.is_error()).count();
        let items = errors
            .iter()
            .map(|d| {
                let severity = if d.is_error() {
                    msg!("serve-overlay-error")
                } else {
                    msg!("serve-overlay-warning")
                };
                let line = msg!(
                    "serve-overlay-line",
                    severity = severity.render(lang),
                    message = d.message.render(lang)
                );
                let help = d
                    .hint
                    .as_ref()
                    .map(|h| msg!("serve-overlay-help", hint = h.render(lang)).render(lang));
                (line.render(lang), help)
            })
            .collect();
        OverlayText {
            title: msg!("serve-overlay-title", errors = n).render(lang),
            items,
            footer: msg!("serve-overlay-footer").render(lang),
        }
    }
}

/// The data of an `errors` event: the diagnostics, and the overlay's words
/// in `lang` (the script shows them as they are).
fn errors_json(errors: &[Diagnostic], lang: Language) -> String {
    let text = OverlayText::new(errors, lang);
    let list: Vec<serde_json::Value> = errors
        .iter()
        .zip(&text.items)
        .map(|(d, (line, help))| {
            serde_json::json!({
                "severity": if d.is_error() { "error" } else { "warning" },
                "location": d.location(),
                "message": d.message.render(lang),
                "hint": d.hint.as_ref().map(|h| h.render(lang)),
                "line": line,
                "help": help,
            })
        })
        .collect();
    let data = serde_json::json!({
        "lang": lang.code(),
        "title": text.title,
        "footer": text.footer,
        "errors": list,
    });
    serde_json::to_string(&data).unwrap_or_else(|_| "{}".into())
}

fn to_event(m: &Message) -> Event {
    match m {
        Message::Reload(v) => Event::default().event("reload").data(v.to_string()),
        Message::Css(v) => Event::default().event("css").data(v.to_string()),
        Message::Errors(e) if e.is_empty() => Event::default().event("ok").data("[]"),
        Message::Errors(e) => Event::default()
            .event("errors")
            .data(errors_json(e, i18n::current())),
    }
}

async fn events(
    State(s): State<Arc<Shared>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let rx = s.tx.subscribe();
    let version = s.version.load(std::sync::atomic::Ordering::SeqCst);
    let errors = s.errors.read().map(|e| e.clone()).unwrap_or_default();
    // First the state as it is now: a page that reconnects after missing a
    // build notices the new version and reloads.
    let hello = vec![
        Ok(Event::default().event("hello").data(version.to_string())),
        Ok(to_event(&Message::Errors(errors))),
    ];
    let shutdown = s.shutdown.clone();
    let live = stream::unfold((rx, shutdown), |(mut rx, mut shutdown)| async move {
        loop {
            tokio::select! {
                m = rx.recv() => match m {
                    Ok(m) => return Some((Ok(to_event(&m)), (rx, shutdown))),
                    Err(broadcast::error::RecvError::Lagged(_)) => continue,
                    Err(broadcast::error::RecvError::Closed) => return None,
                },
                _ = shutdown.changed() => return None,
            }
        }
    });
    Sse::new(stream::iter(hello).chain(live)).keep_alive(KeepAlive::default())
}

async fn script() -> Response {
    static JS: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        JS.get_or_init(livereload_js).clone(),
    )
        .into_response()
}

/// Maps a request path to a file of the built site, refusing anything that
/// could leave it: `..` (also percent-encoded), backslashes, NUL.
pub(crate) fn resolve(out: &Path, uri_path: &str) -> Result<PathBuf, StatusCode> {
    let decoded = percent_decode(uri_path).ok_or(StatusCode::BAD_REQUEST)?;
    let mut p = out.to_path_buf();
    for seg in decoded.split('/') {
        match seg {
            "" | "." => continue,
            ".." => return Err(StatusCode::FORBIDDEN),
            s if s.contains(['\\', '\0']) || s.contains(':') => return Err(StatusCode::FORBIDDEN),
            s => p.push(s),
        }
    }
    Ok(p)
}

/// Decodes a request path once. `None` (400) for a malformed escape (a `%`
/// not followed by two hex digits, which the crate would pass through as
/// it is) and for a result that is not UTF-8. `%2F` becomes `/`, so
/// [`resolve`] sees `..%2F` as the segment `..` it refuses.
fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let well_formed = b.iter().enumerate().all(|(i, &c)| {
        c != b'%'
            || b.get(i + 1..i + 3)
                .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
    });
    if !well_formed {
        return None;
    }
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .ok()
        .map(std::borrow::Cow::into_owned)
}

fn content_type(p: &Path) -> &'static str {
    match p
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
        .as_str()
    {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "zip" => "application/zip",
        "mp4" => "video/mp4",
        _ => "application/octet-stream",
    }
}

async fn file(State(s): State<Arc<Shared>>, req: axum::extract::Request) -> Response {
    let uri = req.uri().clone();
    let path = match resolve(&s.out, uri.path()) {
        Ok(p) => p,
        Err(code) => return (code, i18n::t("serve-http-forbidden")).into_response(),
    };
    // Everything but pages (stylesheets, scripts, images, video) is served
    // by tower-http: content types, ranges and conditional requests. Pages
    // are read here, to carry the reload script and the error overlay.
    let is_page = path.is_dir() || path.extension().is_some_and(|e| e == "html" || e == "htm");
    if !is_page && path.is_file() {
        use tower::ServiceExt as _;
        let service =
            tower_http::services::ServeDir::new(&s.out).append_index_html_on_directories(false);
        return match service.oneshot(req).await {
            Ok(mut r) => {
                r.headers_mut()
                    .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
                r.map(Body::new)
            }
            Err(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                i18n::t("serve-http-cannot-read"),
            )
                .into_response(),
        };
    }
    if path.is_dir() {
        if !uri.path().ends_with('/') {
            let loc = folder_location(uri.path(), uri.query());
            return (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, loc)]).into_response();
        }
        return respond(&s, &path.join("index.html"), StatusCode::OK);
    }
    respond(&s, &path, StatusCode::OK)
}

/// Where a folder's URL without its trailing slash is sent: the same path
/// with the slash, always beginning with exactly one `/`. `//cases/` would be
/// the host `cases` to a browser (an open redirect); `resolve` has refused
/// backslashes already, which some browsers read as slashes.
fn folder_location(path: &str, query: Option<&str>) -> String {
    let mut loc = format!("/{}/", path.trim_start_matches('/'));
    if let Some(q) = query {
        loc.push('?');
        loc.push_str(q);
    }
    loc
}

fn respond(s: &Shared, path: &Path, status: StatusCode) -> Response {
    match std::fs::read(path) {
        Ok(bytes) => {
            let ct = content_type(path);
            let body = if ct.starts_with("text/html") {
                inject(s, bytes)
            } else {
                bytes
            };
            let mut r = Response::new(Body::from(body));
            *r.status_mut() = status;
            r.headers_mut()
                .insert(header::CONTENT_TYPE, HeaderValue::from_static(ct));
            r.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            r
        }
        Err(_) if status == StatusCode::OK => {
            let nf = s.out.join("404.html");
            if nf.is_file() {
                respond(s, &nf, StatusCode::NOT_FOUND)
            } else {
                let page = format!(
                    "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>404</title></head><body><h1>404</h1><p>{}</p></body></html>",
                    i18n::current().code(),
                    crate::text::escape_html(&i18n::t("serve-http-not-found"))
                );
                let mut r = Response::new(Body::from(inject(s, page.into_bytes())));
                *r.status_mut() = StatusCode::NOT_FOUND;
                r.headers_mut().insert(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/html; charset=utf-8"),
                );
                r
            }
        }
        Err(_) => (status, i18n::t("serve-http-not-found")).into_response(),
    }
}

/// Adds the live reload script, and the error overlay while errors stand.
fn inject(s: &Shared, html: Vec<u8>) -> Vec<u8> {
    let errors = s.errors.read().map(|e| e.clone()).unwrap_or_default();
    let mut extra = String::new();
    if errors.iter().any(Diagnostic::is_error) {
        extra.push_str(&overlay_html(&errors, i18n::current()));
    }
    extra.push_str(&format!("<script src=\"{SCRIPT_PATH}\"></script>"));
    let text = String::from_utf8_lossy(&html);
    let at = text.rfind("</body>").unwrap_or(text.len());
    let mut out = String::with_capacity(text.len() + extra.len());
    out.push_str(&text[..at]);
    out.push_str(&extra);
    out.push_str(&text[at..]);
    out.into_bytes()
}

/// The overlay as HTML in `lang` (the site's), every text escaped (the
/// script renders the same markup from the event stream's JSON).
pub(crate) fn overlay_html(errors: &[Diagnostic], lang: Language) -> String {
    use crate::text::escape_html as e;
    let text = OverlayText::new(errors, lang);
    let mut s = format!(
        "<div id=\"casebook-error-overlay\" lang=\"{}\" role=\"alertdialog\" aria-modal=\"true\" aria-labelledby=\"casebook-error-title\" style=\"{OVERLAY_STYLE}\"><div style=\"{PANEL_STYLE}\"><h2 id=\"casebook-error-title\" style=\"margin:0 0 .8em;font-size:1.2em;color:#b3261e\">{}</h2><ol style=\"margin:0;padding-left:1.4em\">",
        lang.code(),
        e(&text.title)
    );
    for (d, (line, help)) in errors.iter().zip(&text.items) {
        s.push_str(&format!(
            "<li style=\"margin:.6em 0\"><code style=\"font-weight:bold\">{}</code> {}",
            e(&d.location()),
            e(line)
        ));
        if let Some(h) = help {
            s.push_str(&format!("<br><span style=\"color:#444\">{}</span>", e(h)));
        }
        s.push_str("</li>");
    }
    s.push_str(&format!(
        "</ol><p style=\"margin:1em 0 0;color:#555\">{}</p></div></div>",
        e(&text.footer)
    ));
    s
}

const OVERLAY_STYLE: &str = "position:fixed;inset:0;z-index:2147483647;background:rgba(20,20,20,.55);overflow:auto;padding:4vh 4vw;font:15px/1.6 system-ui,sans-serif";
const PANEL_STYLE: &str = "background:#fff;color:#1a1a1a;max-width:60em;margin:0 auto;padding:1.2em 1.5em;border-top:4px solid #b3261e;border-radius:4px;box-shadow:0 4px 24px rgba(0,0,0,.3);white-space:pre-wrap;word-break:break-word";

pub(crate) const LIVERELOAD_JS: &str = r#"(function () {
  "use strict";
  var ID = "casebook-error-overlay";
  var seen = null;
  function removeOverlay() {
    var o = document.getElementById(ID);
    if (o) o.parentNode.removeChild(o);
  }
  function el(tag, style, text) {
    var e = document.createElement(tag);
    if (style) e.setAttribute("style", style);
    if (text != null) e.textContent = text;
    return e;
  }
  // The words come from the server, in the site's language.
  function showOverlay(data) {
    removeOverlay();
    var errors = data.errors || [];
    var n = errors.filter(function (d) { return d.severity === "error"; }).length;
    if (!n) return;
    var o = el("div", "OVERLAY");
    o.id = ID;
    if (data.lang) o.setAttribute("lang", data.lang);
    o.setAttribute("role", "alertdialog");
    o.setAttribute("aria-modal", "true");
    o.setAttribute("aria-labelledby", ID + "-title");
    var p = el("div", "PANEL");
    var h = el("h2", "margin:0 0 .8em;font-size:1.2em;color:#b3261e", data.title);
    h.id = ID + "-title";
    p.appendChild(h);
    var ol = el("ol", "margin:0;padding-left:1.4em");
    errors.forEach(function (d) {
      var li = el("li", "margin:.6em 0");
      li.appendChild(el("code", "font-weight:bold", d.location));
      li.appendChild(document.createTextNode(" " + d.line));
      if (d.help) {
        li.appendChild(document.createElement("br"));
        li.appendChild(el("span", "color:#444", d.help));
      }
      ol.appendChild(li);
    });
    p.appendChild(ol);
    p.appendChild(el("p", "margin:1em 0 0;color:#555", data.footer));
    o.appendChild(p);
    document.body.appendChild(o);
  }
  function swapCss() {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    Array.prototype.forEach.call(links, function (l) {
      var u = new URL(l.href, location.href);
      u.searchParams.set("casebook", String(Date.now()));
      l.href = u.toString();
    });
  }
  var es = new EventSource("EVENTS");
  es.addEventListener("hello", function (e) {
    if (seen !== null && seen !== e.data) location.reload();
    seen = e.data;
  });
  es.addEventListener("reload", function (e) { seen = e.data; location.reload(); });
  es.addEventListener("css", function (e) { seen = e.data; swapCss(); });
  es.addEventListener("errors", function (e) { showOverlay(JSON.parse(e.data)); });
  es.addEventListener("ok", function () { removeOverlay(); });
})();
"#;

/// The script with its constants filled in.
pub(crate) fn livereload_js() -> String {
    LIVERELOAD_JS
        .replace("OVERLAY", OVERLAY_STYLE)
        .replace("PANEL", PANEL_STYLE)
        .replace("EVENTS", EVENTS_PATH)
}

/// How long open connections may take to finish once the server stops.
const DRAIN: std::time::Duration = std::time::Duration::from_secs(5);

/// Serves `app` on `listener` until `stop` completes, then gives open
/// connections [`DRAIN`] to finish.
///
/// `axum::serve` cannot time out the reading of a request head, so each
/// connection is served with hyper directly: a client that sends its head
/// slowly, or nothing at all (slowloris, an idle keep-alive connection), is
/// dropped after `head_timeout`. A response (the event stream) is not timed.
pub(crate) async fn serve_connections(
    listener: tokio::net::TcpListener,
    app: Router,
    stop: impl std::future::Future<Output = ()>,
    head_timeout: std::time::Duration,
) {
    let (closing_tx, closing_rx) = watch::channel(false);
    let mut conns = tokio::task::JoinSet::new();
    tokio::pin!(stop);
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    conns.spawn(connection(stream, app.clone(), closing_rx.clone(), head_timeout));
                }
                Err(e) => accept_failed(e).await,
            },
            // Reap finished connections as they go.
            Some(_) = conns.join_next(), if !conns.is_empty() => {}
            () = &mut stop => break,
        }
    }
    drop(listener);
    let _ = closing_tx.send(true);
    let _ = tokio::time::timeout(DRAIN, async { while conns.join_next().await.is_some() {} }).await;
    // Dropping the set aborts whatever is still open.
}

async fn connection(
    stream: tokio::net::TcpStream,
    app: Router,
    mut closing: watch::Receiver<bool>,
    head_timeout: std::time::Duration,
) {
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(hyper_util::rt::TokioTimer::new())
        .header_read_timeout(head_timeout);
    let conn = http.serve_connection(
        hyper_util::rt::TokioIo::new(stream),
        hyper_util::service::TowerToHyperService::new(app),
    );
    tokio::pin!(conn);
    tokio::select! {
        _ = conn.as_mut() => return,
        _ = closing.wait_for(|c| *c) => {}
    }
    // Finish the response under way, then close.
    conn.as_mut().graceful_shutdown();
    let _ = conn.await;
}

/// A failed accept: the client gave up (go on), or the process is out of
/// file descriptors or the like (wait a little rather than spin).
async fn accept_failed(e: std::io::Error) {
    use std::io::ErrorKind::{ConnectionAborted, ConnectionRefused, ConnectionReset};
    if !matches!(
        e.kind(),
        ConnectionAborted | ConnectionRefused | ConnectionReset
    ) {
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::{folder_location, resolve};
    use axum::http::StatusCode;
    use std::path::Path;

    #[test]
    fn resolve_decodes_once_into_the_site() {
        let out = Path::new("site");
        let ok = |uri: &str| resolve(out, uri).unwrap();
        assert_eq!(ok("/cases/a%20b.html"), out.join("cases").join("a b.html"));
        assert_eq!(ok("/%E6%A1%88%E4%BE%8B/"), out.join("案例"));
        assert_eq!(ok("/案例/index.html"), out.join("案例").join("index.html"));
        assert_eq!(ok("/a/./b//c"), out.join("a").join("b").join("c"));
        // `%25` is a `%`, not the start of a second escape.
        assert_eq!(ok("/%2541"), out.join("%41"));
        assert_eq!(ok("/%252e%252e/x"), out.join("%2e%2e").join("x"));
    }

    #[test]
    fn resolve_refuses_what_could_leave_the_site() {
        for uri in [
            "/../x",
            "/a/../../x",
            "/%2e%2e/x",
            "/%2E%2E/x",
            "/.%2e/x",
            "/a%2F..%2F..%2Fx",
            "/a%2f%2e%2e%2fx",
            "/a%5C..%5Cx",
            "/a\\b",
            "/a%00.html",
            "/c:/x",
            "/c%3A/x",
        ] {
            assert_eq!(
                resolve(Path::new("site"), uri),
                Err(StatusCode::FORBIDDEN),
                "{uri}"
            );
        }
    }

    #[test]
    fn resolve_rejects_malformed_escapes() {
        for uri in [
            "/%", "/a%", "/a%2", "/%zz", "/%g0", "/%+1", "/%-1", "/% 1", "/%%41", "/%ff", "/%C3",
            "/%C3%28", "/%E6%A1",
        ] {
            assert_eq!(
                resolve(Path::new("site"), uri),
                Err(StatusCode::BAD_REQUEST),
                "{uri}"
            );
        }
    }

    #[test]
    fn overlay_speaks_the_language_asked() {
        use crate::diag::{Diagnostic, Pos};
        use crate::i18n::Language;
        let errors = vec![
            Diagnostic::error(
                "content/a.md",
                Pos::START,
                crate::msg!("serve-theme-not-loaded"),
            )
            .with_hint(crate::msg!("serve-http-not-found")),
            Diagnostic::warning("content/b.md", Pos::START, crate::msg!("serve-stopped")),
        ];
        let en = super::overlay_html(&errors, Language::En);
        assert!(en.contains("lang=\"en\""), "{en}");
        assert!(en.contains("casebook: 1 error, the page shows the last good build"));
        assert!(en.contains("error: theme not loaded") && en.contains("help: not found"));
        assert!(en.contains("warning: stopped") && en.contains("reloads by itself"));
        let zh = super::overlay_html(&errors, Language::ZhCn);
        assert!(
            zh.contains("lang=\"zh-CN\"") && zh.contains("有 1 个错误"),
            "{zh}"
        );
        assert!(zh.contains("错误：主题没有载入") && zh.contains("提示：找不到该页面"));
        let json: serde_json::Value =
            serde_json::from_str(&super::errors_json(&errors, Language::ZhCn)).unwrap();
        assert_eq!(json["lang"], "zh-CN");
        assert_eq!(json["errors"][1]["line"], "警告：已停止");
        assert_eq!(json["errors"][0]["severity"], "error");
    }

    #[test]
    fn folder_redirects_stay_on_this_site() {
        assert_eq!(folder_location("/cases", None), "/cases/");
        assert_eq!(folder_location("//cases", None), "/cases/");
        assert_eq!(
            folder_location("///evil.example/x", Some("a=1")),
            "/evil.example/x/?a=1"
        );
        assert_eq!(folder_location("/a//b", None), "/a//b/");
    }
}
