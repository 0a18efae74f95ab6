//! `casebook serve`: build, serve on localhost, watch, and reload the
//! browser on every save. Errors show as an overlay in every open page and
//! in the terminal; the last good site stays browsable.

mod builder;
mod host;
pub(crate) mod http;

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use tokio::sync::{broadcast, watch};

use crate::commands::Ui;
use crate::diag::Diagnostic;
use crate::{Error, msg};
pub use builder::{Builder, Change, classify};
pub use host::{parse_allow_host, parse_base_url};
use http::{Message, Shared};

/// The port `serve` starts from when none is given: 1111. Tests set
/// another with the environment variable `CASEBOOK_DEFAULT_PORT` (not an
/// option for editors: `--port` is theirs).
pub fn default_port() -> u16 {
    std::env::var("CASEBOOK_DEFAULT_PORT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1111)
}

#[derive(Debug, Clone)]
pub struct ServeArgs {
    pub port: u16,
    /// The port was asked for (`--port`): it must be free, no other is
    /// taken in its place.
    pub port_given: bool,
    pub bind: IpAddr,
    pub drafts: bool,
    pub open: bool,
    /// Further `Host` names to answer (`--allow-host`), checked by
    /// [`parse_allow_host`].
    pub allow_hosts: Vec<String>,
    /// `--base-url`, checked by [`parse_base_url`]: a URL, or a host name
    /// to which the port is added.
    pub base_url: Option<String>,
}

/// How long a client may take to send a request head; an idle keep-alive
/// connection is closed after as long. Tests shorten it with the
/// environment variable `CASEBOOK_HEADER_TIMEOUT_MS` (not an option for
/// editors: nothing in normal use needs another value).
fn header_timeout() -> Duration {
    std::env::var("CASEBOOK_HEADER_TIMEOUT_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .filter(|&ms| ms > 0)
        .map_or(Duration::from_secs(10), Duration::from_millis)
}

/// Folders and files whose changes trigger a rebuild.
const WATCHED: &[&str] = &["content", "static", "templates", "themes", "i18n"];

/// Binds `port`, or the next free one (up to 20 further) unless the port
/// was asked for; port 0 lets the system choose.
async fn bind(ip: IpAddr, port: u16, given: bool) -> Result<tokio::net::TcpListener, Error> {
    if given && port != 0 {
        return tokio::net::TcpListener::bind(SocketAddr::new(ip, port))
            .await
            .map_err(|e| {
                Error::Usage(msg!(
                    "serve-cannot-listen-port",
                    port = port.to_string(),
                    cause = crate::io_cause(&e)
                ))
            });
    }
    let tries = if port == 0 { 1 } else { 21 };
    let mut last = None;
    for k in 0..tries {
        let Some(p) = port.checked_add(k) else { break };
        match tokio::net::TcpListener::bind(SocketAddr::new(ip, p)).await {
            Ok(l) => return Ok(l),
            Err(e) => last = Some(e),
        }
    }
    Err(Error::Usage(msg!(
        "serve-cannot-listen-any",
        address = format!("{ip}:{port}"),
        cause = last.map_or_else(String::new, |e| crate::io_cause(&e).to_string())
    )))
}

pub fn serve(root: &Path, args: &ServeArgs, ui: &Ui) -> Result<(), Error> {
    // Reading the configuration sets the site's language (see
    // `i18n::set_site`), so what is said before the first build (a busy
    // port, the listening address) is said in it too. Its mistakes are
    // reported by the build.
    let _ = crate::config::Config::load(root, &mut Vec::new());
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::Usage(msg!("serve-cannot-start", cause = crate::io_cause(&e))))?;
    rt.block_on(run(root, args, ui))
}

async fn run(root: &Path, args: &ServeArgs, ui: &Ui) -> Result<(), Error> {
    let listener = bind(args.bind, args.port, args.port_given).await?;
    let addr = listener
        .local_addr()
        .map_err(|e| Error::Usage(msg!("serve-cannot-start", cause = crate::io_cause(&e))))?;
    if args.port != 0 && addr.port() != args.port {
        ui.info(msg!(
            "serve-port-busy-using",
            port = args.port.to_string(),
            used = addr.port().to_string()
        ));
    }
    let host = if addr.ip().is_unspecified() {
        "127.0.0.1".to_string()
    } else {
        addr.ip().to_string()
    };
    let host = if host.contains(':') {
        format!("[{host}]")
    } else {
        host
    };
    let mut allow_hosts = args.allow_hosts.clone();
    let base_url = match &args.base_url {
        Some(url) if url.contains("://") => {
            allow_hosts.push(host::authority(url).to_string());
            url.clone()
        }
        Some(name) => {
            allow_hosts.push(format!("{name}:{}", addr.port()));
            format!("http://{name}:{}/", addr.port())
        }
        None => format!("http://{host}:{}/", addr.port()),
    };
    let local = format!("http://{host}:{}/", addr.port());

    if addr.ip().is_unspecified() && allow_hosts.is_empty() {
        ui.info(msg!("serve-listening-everywhere"));
    }

    let out = out_dir(addr.port())?;
    let (tx, _) = broadcast::channel(64);
    let (stop_tx, stop_rx) = watch::channel(false);
    let shared = Arc::new(Shared {
        out: out.clone(),
        hosts: host::AllowedHosts::new(addr, &allow_hosts),
        errors: std::sync::RwLock::new(Vec::new()),
        version: std::sync::atomic::AtomicU64::new(0),
        tx,
        shutdown: stop_rx,
    });

    let stop = stop_signal();
    let mut builder = Builder::new(root, &out, args.drafts, &base_url);
    let first = tokio::task::block_in_place(|| {
        builder.rebuild(
            Change {
                full: true,
                ..Change::default()
            },
            None,
        )
    });
    publish(&shared, ui, root, first, false);
    if base_url == local {
        println!("{}", msg!("serve-serving", root = root, url = &base_url));
    } else {
        println!(
            "{}",
            msg!(
                "serve-serving-behind",
                root = root,
                url = &base_url,
                local = &local
            )
        );
    }
    use std::io::Write as _;
    let _ = std::io::stdout().flush();
    if args.open {
        open_browser(&base_url);
    }

    let watcher = start_watcher(root, builder, shared.clone(), *ui)?;
    let app = http::router(shared.clone());
    let stop = async move {
        stop.await;
        // Ends the event streams, which would otherwise stay open.
        let _ = stop_tx.send(true);
    };
    http::serve_connections(listener, app, stop, header_timeout()).await;
    drop(watcher);
    let _ = std::fs::remove_dir_all(&out);
    ui.info(msg!("serve-stopped"));
    Ok(())
}

/// Makes the server's private output folder, `casebook-serve-<pid>-<port>`
/// in the temporary folder, and removes those of servers that are gone.
fn out_dir(port: u16) -> Result<PathBuf, Error> {
    let tmp = std::env::temp_dir();
    let out = tmp.join(format!("casebook-serve-{}-{port}", std::process::id()));
    // Only an earlier process with our pid can have left this one.
    let _ = std::fs::remove_dir_all(&out);
    let fail = |e: std::io::Error| {
        Error::Usage(msg!(
            "serve-cannot-create-folder",
            path = &out,
            cause = crate::io_cause(&e)
        ))
    };
    std::fs::create_dir_all(&tmp).map_err(fail)?;
    // Created afresh (not reused if it exists), and private: in a shared
    // temporary folder nobody else may plant or change what is served.
    let mut dir = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut dir, 0o700);
    dir.create(&out).map_err(fail)?;
    sweep_stale(&tmp, &out);
    Ok(out)
}

/// The pid in a folder name `casebook-serve-<pid>-<port>`.
fn serve_dir_pid(name: &str) -> Option<u32> {
    let (pid, port) = name.strip_prefix("casebook-serve-")?.split_once('-')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(pid) || !digits(port) {
        return None;
    }
    port.parse::<u16>().ok()?;
    pid.parse().ok()
}

/// Removes the output folders of servers killed before they could (their
/// process is gone), and only those: a folder of a running server, another
/// user's, or a link is left alone. Only where `/proc` tells which
/// processes run (Linux); elsewhere nothing is removed.
#[cfg(target_os = "linux")]
fn sweep_stale(tmp: &Path, ours: &Path) {
    use std::os::unix::fs::MetadataExt as _;
    if !Path::new("/proc/self").exists() {
        return;
    }
    let (Ok(me), Ok(entries)) = (std::fs::symlink_metadata(ours), std::fs::read_dir(tmp)) else {
        return;
    };
    for e in entries.flatten() {
        let Some(pid) = e.file_name().to_str().and_then(serve_dir_pid) else {
            continue;
        };
        let path = e.path();
        if path == ours || Path::new(&format!("/proc/{pid}")).exists() {
            continue;
        }
        if let Ok(m) = std::fs::symlink_metadata(&path)
            && m.is_dir()
            && m.uid() == me.uid()
        {
            let _ = std::fs::remove_dir_all(&path);
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn sweep_stale(_: &Path, _: &Path) {}

/// Ctrl-C, or a polite termination request from the system. The handlers
/// are installed when this is called (before the server announces itself),
/// so an early Ctrl-C still shuts down cleanly.
fn stop_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let int = signal(SignalKind::interrupt());
        let term = signal(SignalKind::terminate());
        async move {
            match (int, term) {
                (Ok(mut int), Ok(mut term)) => {
                    tokio::select! {
                        _ = int.recv() => {}
                        _ = term.recv() => {}
                    }
                }
                _ => {
                    let _ = tokio::signal::ctrl_c().await;
                }
            }
        }
    }
    #[cfg(not(unix))]
    {
        async {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}

/// Records a build's result and tells the pages.
fn publish(
    shared: &Shared,
    ui: &Ui,
    root: &Path,
    result: Result<builder::Built, Error>,
    css_only: bool,
) {
    match result {
        Ok(b) => {
            ui.report(root, &b.warnings);
            let had_errors = shared.errors.read().map(|e| !e.is_empty()).unwrap_or(false);
            if let Ok(mut e) = shared.errors.write() {
                e.clear();
            }
            let v = shared.version.fetch_add(1, Ordering::SeqCst) + 1;
            ui.detail(crate::msg!(
                "serve-rebuilt-in",
                millis = u64::try_from(b.millis).unwrap_or(u64::MAX),
                pages = b.pages,
                files = b.files
            ));
            if had_errors {
                // The editor saw the errors in the terminal too: say they
                // are gone, not only in the browser.
                ui.info(crate::msg!("serve-fixed-builds-again", pages = b.pages));
                let _ = shared.tx.send(Message::Errors(Vec::new()));
            }
            let _ = shared.tx.send(if css_only && !had_errors {
                Message::Css(v)
            } else {
                Message::Reload(v)
            });
        }
        Err(e) => {
            let list: Vec<Diagnostic> = match &e {
                Error::Content(d) => d.items().to_vec(),
                other => vec![Diagnostic::error(
                    crate::config::CONFIG_FILE,
                    crate::diag::Pos::START,
                    other.message(),
                )],
            };
            ui.report_error(root, &e);
            if let Ok(mut w) = shared.errors.write() {
                *w = list.clone();
            }
            let _ = shared.tx.send(Message::Errors(list));
        }
    }
}

type Watcher = notify_debouncer_full::Debouncer<
    notify::RecommendedWatcher,
    notify_debouncer_full::RecommendedCache,
>;

/// Watches the sources that exist among [`WATCHED`] (recursively).
fn watch_sources(root: &Path, w: &mut Watcher, watched: &mut Vec<PathBuf>) {
    for name in WATCHED {
        let p = root.join(name);
        if p.is_dir()
            && !watched.contains(&p)
            && w.watch(&p, notify::RecursiveMode::Recursive).is_ok()
        {
            watched.push(p);
        }
    }
}

/// Watches the site's sources and rebuilds on changes, in its own thread.
/// The returned watcher stops when dropped.
fn start_watcher(
    root: &Path,
    mut builder: Builder,
    shared: Arc<Shared>,
    ui: Ui,
) -> Result<Arc<std::sync::Mutex<Watcher>>, Error> {
    let (ev_tx, ev_rx) = std::sync::mpsc::channel::<notify_debouncer_full::DebounceEventResult>();
    // A short debounce folds an editor's write-rename-delete dance into one change.
    let mut w = notify_debouncer_full::new_debouncer(
        Duration::from_millis(25),
        Some(Duration::from_millis(10)),
        ev_tx,
    )
    .map_err(|e| Error::Usage(msg!("serve-cannot-watch-files", cause = e.to_string())))?;
    // The root itself, for casebook.toml and source folders created later.
    w.watch(root, notify::RecursiveMode::NonRecursive)
        .map_err(|e| {
            Error::Usage(msg!(
                "serve-cannot-watch",
                path = root,
                cause = e.to_string()
            ))
        })?;
    let mut watched = Vec::new();
    watch_sources(root, &mut w, &mut watched);
    let w = Arc::new(std::sync::Mutex::new(w));
    let handle = Arc::downgrade(&w);
    let root = root.to_path_buf();
    std::thread::spawn(move || {
        while let Ok(first) = ev_rx.recv() {
            // Take every batch already waiting: one rebuild for all of them.
            let mut paths: Vec<PathBuf> = Vec::new();
            let mut batch = vec![first];
            while let Ok(more) = ev_rx.try_recv() {
                batch.push(more);
            }
            for events in batch.into_iter().flatten() {
                for e in events {
                    // Reading files (our own builds do) is not a change.
                    if matches!(e.event.kind, notify::EventKind::Access(_)) {
                        continue;
                    }
                    paths.extend(e.event.paths.iter().cloned());
                }
            }
            let change = classify(&root, &paths);
            if change == Change::default() {
                continue;
            }
            if let Some(w) = handle.upgrade()
                && let Ok(mut w) = w.lock()
            {
                watch_sources(&root, &mut w, &mut watched);
            }
            if !change.full {
                builder.changed_paths(paths.clone());
            }
            // A Markdown file saved in place: reload as soon as the pages
            // are written, and make the search index and other data after.
            let early = change.content
                && !change.full
                && !change.structure
                && !change.static_files
                && !change.css_only;
            let tell = |b: builder::Built| publish(&shared, &ui, &root, Ok(b), false);
            let mut result = builder.rebuild(
                change,
                early.then_some(&tell as &(dyn Fn(builder::Built) + Sync)),
            );
            let deferred = result
                .as_mut()
                .map(|b| std::mem::take(&mut b.deferred))
                .unwrap_or_default();
            if !result.as_ref().is_ok_and(|b| b.published) {
                publish(&shared, &ui, &root, result, change.css_only);
            }
            let mut rest = builder::Built {
                warnings: Default::default(),
                pages: 0,
                files: 0,
                millis: 0,
                deferred,
                published: false,
            };
            rest.write_deferred(builder.out_dir());
        }
    });
    Ok(w)
}

fn open_browser(url: &str) {
    let cmd: (&str, Vec<&str>) = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", "", url])
    } else {
        ("xdg-open", vec![url])
    };
    let _ = std::process::Command::new(cmd.0)
        .args(cmd.1)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
}

#[cfg(test)]
mod tests {
    use super::serve_dir_pid;

    #[test]
    fn serve_folder_names() {
        assert_eq!(serve_dir_pid("casebook-serve-123-1111"), Some(123));
        for other in [
            "casebook-serve-123",
            "casebook-serve--1111",
            "casebook-serve-+1-1111",
            "casebook-serve-1-99999",
            "casebook-serve-1-2-3",
            "xcasebook-serve-1-2",
            ".public.casebook-tmp-12",
        ] {
            assert_eq!(serve_dir_pid(other), None, "{other}");
        }
    }
}
