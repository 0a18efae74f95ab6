//! casebook: a static site generator for typical reform case compilations
//! (改革典型案例汇编).
//!
//! The pipeline, one module per stage (docs/architecture.md draws it):
//! [`load`] (walk, split front matter, parse) → [`validate`] (typed
//! documents, every error at once) → [`model`] (links, taxonomies,
//! compilations, figures; [`urls`], the URL map) → [`markdown`] (bodies
//! resolved once for every output format) and `present` (what readers see
//! of the model, labels resolved once) → the outputs, each a
//! [`output::Renderer`]: [`html`] (the website: pages, print views, feeds,
//! data files, search), [`ledger`] (CSV), `pdf` (typeset compilations), the offline bundle
//! ([`output::bundle`]) → [`commands`], which drive them for the command
//! line, and [`serve`], the dev server; `main.rs` only parses arguments.
//! Below them all sit small foundations ([`diag`], [`confine`], [`text`],
//! [`slug`], [`profile`]).
//!
//! Modules read downwards only and never in a circle;
//! `scripts/check-layers.py` holds the layers and CI runs it.

pub mod cli;
pub mod commands;
pub mod config;
pub(crate) mod confine;
pub mod diag;
pub mod doc;
mod docx;
pub mod html;
pub mod i18n;
mod images;
mod import;
pub(crate) mod ledger;
pub mod load;
pub mod markdown;
pub mod model;
pub(crate) mod output;
#[cfg(feature = "pdf")]
pub(crate) mod pdf;
pub(crate) mod present;
pub(crate) mod profile;
pub mod serve;

pub(crate) mod slug;
pub mod text;
pub mod urls;
pub mod validate;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use xxhash_rust::xxh3::xxh3_64;

use diag::{Diagnostic, Diagnostics};

/// Why a command failed, and so its exit status.
#[derive(Debug)]
pub enum Error {
    /// Mistakes in content or configuration (exit 1), all of them.
    Content(Diagnostics),
    /// Bad arguments or an unusable environment (exit 2).
    Usage(i18n::Msg),
    /// A file or folder a command needed could not be read, written or
    /// made (exit 2): what it was doing (a catalogue key such as
    /// `io-cannot-write`), where, and why.
    Io {
        doing: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
}

impl Error {
    /// The one way diagnostics become an error: all of them, sorted.
    pub fn content(diags: impl IntoIterator<Item = Diagnostic>) -> Error {
        Error::Content(Diagnostics::sorted(diags))
    }

    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Content(_) => 1,
            Error::Usage(_) | Error::Io { .. } => 2,
        }
    }

    /// For `map_err`: `std::fs::write(&p, b).map_err(Error::io("io-cannot-write", &p))`;
    /// `doing` is the catalogue key of what was being done.
    pub fn io(
        doing: &'static str,
        path: impl Into<PathBuf>,
    ) -> impl FnOnce(std::io::Error) -> Error {
        let path = path.into();
        move |source| Error::Io {
            doing,
            path,
            source,
        }
    }

    /// The error as one message. Content errors are many and are shown by
    /// [`diag::Reporter`], so only their count is given here.
    pub fn message(&self) -> i18n::Msg {
        match self {
            Error::Content(d) => diag_summary(d.error_count(), d.warning_count()),
            Error::Usage(m) => m.clone(),
            Error::Io {
                doing,
                path,
                source,
            } => msg!(
                "io-error",
                doing = i18n::Msg::new(doing),
                path = path,
                cause = io_cause(source)
            ),
        }
    }
}

/// The closing count line of a report, as a message.
fn diag_summary(errors: usize, warnings: usize) -> i18n::Msg {
    match (errors, warnings) {
        (0, w) => msg!("summary-warnings", warnings = w),
        (e, 0) => msg!("summary-errors", errors = e),
        (e, w) => msg!("summary-errors-warnings", errors = e, warnings = w),
    }
}

/// Why a file could not be read or written, in the person's words (by its
/// kind: "找不到该文件或文件夹", not "No such file or directory (os error
/// 2)"); the system's own text when the kind is not one we name.
pub fn io_cause(e: &std::io::Error) -> i18n::Msg {
    use std::io::ErrorKind as K;
    let key = match e.kind() {
        K::NotFound => "io-not-found",
        K::PermissionDenied => "io-permission-denied",
        K::AlreadyExists => "io-already-exists",
        K::InvalidData => "io-invalid-data",
        K::StorageFull | K::QuotaExceeded => "io-storage-full",
        K::ReadOnlyFilesystem => "io-read-only",
        K::IsADirectory => "io-is-a-folder",
        K::NotADirectory => "io-not-a-folder",
        K::DirectoryNotEmpty => "io-folder-not-empty",
        K::FileTooLarge => "io-file-too-large",
        K::InvalidFilename => "io-invalid-filename",
        K::ResourceBusy | K::ExecutableFileBusy => "io-busy",
        K::TimedOut => "io-timed-out",
        K::UnexpectedEof => "io-unexpected-eof",
        K::OutOfMemory => "io-out-of-memory",
        K::Unsupported => "io-unsupported",
        _ => return msg!("io-other", text = e.to_string()),
    };
    i18n::Msg::new(key)
}

impl std::fmt::Display for Error {
    /// One line, in the current language (see [`Error::message`]).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.message())
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Usage(io_cause(&e))
    }
}

/// The site root: `--root` if given (must hold casebook.toml), else the
/// nearest folder upwards from the working directory that does.
pub fn resolve_root(explicit: Option<&Path>) -> Result<PathBuf, Error> {
    match explicit {
        Some(r) => {
            let canon = std::fs::canonicalize(r).map_err(|e| {
                Error::Usage(msg!("err-root-unusable", path = r, cause = io_cause(&e)))
            })?;
            if canon.join(config::CONFIG_FILE).is_file() {
                Ok(canon)
            } else {
                Err(Error::Usage(msg!(
                    "err-root-not-a-site",
                    path = r,
                    file = config::CONFIG_FILE
                )))
            }
        }
        None => {
            let cwd = std::env::current_dir()
                .map_err(|e| Error::Usage(msg!("err-no-working-folder", cause = io_cause(&e))))?;
            config::find_root(&cwd)
                .ok_or_else(|| Error::Usage(msg!("err-no-site-here", file = config::CONFIG_FILE)))
        }
    }
}

/// Load, validate and model a site. On content errors, every diagnostic
/// (warnings too) is returned; on success, the warnings.
pub fn load_site(root: &Path, drafts: bool) -> Result<(model::Site, Diagnostics), Error> {
    load_site_with(root, drafts, None)
}

/// What the dev server keeps between loads: each document's validated form,
/// keyed by its file's size and modification time, so a save re-reads one
/// file, not the whole site.
#[derive(Default)]
pub struct LoadCache {
    config: u64,
    docs: rustc_hash::FxHashMap<u64, CachedDoc>,
    model: model::BuildCache,
    /// The documents found by the last walk, with its diagnostics.
    found: Option<(std::sync::Arc<Vec<load::Found>>, Vec<Diagnostic>)>,
    /// Files the watcher saw change since the last load.
    changed: Option<Vec<PathBuf>>,
}

impl LoadCache {
    /// Tells the next load which files changed (absolute paths).
    pub fn changed(&mut self, paths: Vec<PathBuf>) {
        self.changed = Some(paths);
    }
}

/// A document as last loaded: (stamp, validated form, diagnostics).
type CachedDoc = (u64, Option<validate::Typed>, Vec<Diagnostic>);

/// Identity of a document file as found: its place, folder and assets,
/// size, modification time and inode. Zero when it cannot be read.
fn stamp(f: &load::Found) -> u64 {
    let Ok(m) = std::fs::metadata(&f.abs) else {
        return 0;
    };
    let mut b: Vec<u8> = Vec::with_capacity(256);
    b.extend_from_slice(f.abs.as_os_str().as_encoded_bytes());
    b.push(f.section as u8);
    b.extend_from_slice(f.stem.as_bytes());
    for a in &f.assets {
        b.push(0);
        b.extend_from_slice(a.as_bytes());
    }
    b.extend_from_slice(&m.len().to_le_bytes());
    let mtime = m
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    b.extend_from_slice(&mtime.to_le_bytes());
    #[cfg(unix)]
    b.extend_from_slice(&std::os::unix::fs::MetadataExt::ino(&m).to_le_bytes());
    xxh3_64(&b).max(1)
}

/// [`load_site`], reusing what `cache` holds for unchanged files.
pub fn load_site_with(
    root: &Path,
    drafts: bool,
    mut cache: Option<&mut LoadCache>,
) -> Result<(model::Site, Diagnostics), Error> {
    let mut diags: Vec<Diagnostic> = Vec::new();
    // A broken casebook.toml is reported, and content is still checked
    // against the default settings, so one run shows every mistake.
    let cfg = match config::Config::load(root, &mut diags) {
        Some(c) => c,
        None => config::Config::fallback(),
    };
    if cfg.theme != "default" && !root.join("themes").join(&cfg.theme).is_dir() {
        diags.push(
            Diagnostic::error(
                config::CONFIG_FILE,
                diag::Pos::START,
                msg!("err-theme-not-found", theme = &cfg.theme),
            )
            .with_hint(msg!("err-theme-not-found-hint")),
        );
    }
    // Validation depends on the settings (vocabularies): a new
    // casebook.toml invalidates every cached document.
    let cfg_key = xxh3_64(&std::fs::read(root.join(config::CONFIG_FILE)).unwrap_or_default());
    if let Some(c) = cache.as_deref_mut()
        && c.config != cfg_key
    {
        c.docs.clear();
        c.config = cfg_key;
    }
    let clock = profile::Clock::new("  load ", "");
    let (found, reuse) = find_documents(root, cache.as_deref_mut(), &mut diags);
    clock.mark("walk");
    let read = read_documents(
        root,
        &cfg,
        &found,
        reuse.as_ref(),
        cache.as_deref_mut(),
        &mut diags,
    );
    clock.mark("documents");
    if profile::enabled() {
        eprintln!("profile:   load cache hits {}", read.cache_hits);
    }
    let docs = validate::assemble(root, read.typed, &mut diags);
    clock.mark("assemble");
    if diags.iter().any(Diagnostic::is_error) {
        return Err(with_link_errors(root, cfg, docs, &read.invalid, diags));
    }
    let site = model::build(
        root.to_path_buf(),
        cfg,
        docs,
        drafts,
        &mut diags,
        cache.map(|c| &mut c.model),
    );
    clock.mark("model");
    let d = Diagnostics::sorted(diags);
    if d.has_errors() {
        return Err(Error::Content(d));
    }
    Ok((site, d))
}

/// The documents under content/, and (when the walk is reused) the files
/// that changed since; the walk's diagnostics go to `diags`.
///
/// The dev server says which files changed; when they are all Markdown
/// files already known, the previous walk still stands and the other
/// documents are taken as they were, without a look at the disk.
fn find_documents(
    root: &Path,
    mut cache: Option<&mut LoadCache>,
    diags: &mut Vec<Diagnostic>,
) -> (
    std::sync::Arc<Vec<load::Found>>,
    Option<std::collections::HashSet<PathBuf>>,
) {
    let hint = cache.as_deref_mut().and_then(|c| c.changed.take());
    let known = cache.as_deref().and_then(|c| c.found.clone());
    let reuse: Option<std::collections::HashSet<PathBuf>> = match (hint, &known) {
        (Some(paths), Some((found, _))) => {
            let all: rustc_hash::FxHashSet<u64> =
                found.iter().map(|f| text::path_id(&f.abs)).collect();
            let md_in_place = paths.iter().all(|p| {
                p.extension().is_some_and(|e| e == "md" || e == "markdown")
                    && p.is_file()
                    && all.contains(&text::path_id(p))
            });
            md_in_place.then(|| paths.into_iter().collect())
        }
        _ => None,
    };
    let (found, walk_diags) = match (&reuse, known) {
        (Some(_), Some(k)) => (k.0, k.1),
        _ => {
            let mut d = Vec::new();
            let f = std::sync::Arc::new(load::discover(root, &mut d));
            (f, d)
        }
    };
    diags.extend(walk_diags.iter().cloned());
    if let Some(c) = cache {
        c.found = Some((found.clone(), walk_diags));
    }
    (found, reuse)
}

/// The documents read and validated (or taken from the cache).
struct ReadDocs {
    typed: Vec<validate::Typed>,
    /// Documents that failed validation.
    invalid: Vec<PathBuf>,
    cache_hits: usize,
}

/// Reads and validates every document found, reusing the cached entries
/// whose file is unchanged; the cache keeps this load's entries.
fn read_documents(
    root: &Path,
    cfg: &config::Config,
    found: &[load::Found],
    reuse: Option<&std::collections::HashSet<PathBuf>>,
    mut cache: Option<&mut LoadCache>,
    diags: &mut Vec<Diagnostic>,
) -> ReadDocs {
    // Pair each document with its cached entry (moved, not copied), then
    // reuse the entries whose file is unchanged and load the rest.
    let mut previous = cache.as_deref_mut().map(|c| std::mem::take(&mut c.docs));
    let keep = previous.is_some();
    let work: Vec<(usize, u64, Option<CachedDoc>)> = found
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let id = text::path_id(&f.abs);
            let old = previous.as_mut().and_then(|p| p.remove(&id));
            (i, id, old)
        })
        .collect();
    drop(previous);
    let results_hits = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<(usize, u64, CachedDoc)> = work
        .into_par_iter()
        .map(|(i, id, old)| {
            let f = &found[i];
            let trusted = reuse.is_some_and(|changed| !changed.contains(&f.abs));
            let (entry, hit) = read_document(root, cfg, f, old, trusted, keep);
            if hit {
                results_hits.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
            (i, id, entry)
        })
        .collect();
    let mut typed = Vec::with_capacity(results.len());
    let mut invalid = Vec::new();
    let mut next = rustc_hash::FxHashMap::default();
    if keep {
        // The cache keeps its copy; the copies for this build are made on
        // every core (ten thousand documents take tens of milliseconds).
        typed = results
            .par_iter()
            .filter_map(|(_, _, entry)| entry.1.clone())
            .collect();
    }
    for (i, id, entry) in results {
        diags.extend(entry.2.iter().cloned());
        if entry.1.is_none() {
            invalid.push(found[i].abs.clone());
        }
        if keep {
            next.insert(id, entry);
        } else if let Some(t) = entry.1 {
            typed.push(t);
        }
    }
    if let Some(c) = cache {
        c.docs = next;
    }
    ReadDocs {
        typed,
        invalid,
        cache_hits: results_hits.load(std::sync::atomic::Ordering::Relaxed),
    }
}

/// One document: its cached entry `old` when still valid (`true`), else
/// read and validated anew. `trusted`: the watcher vouches the file did
/// not change; `stamped`: entries are kept, so the file's stamp is needed.
fn read_document(
    root: &Path,
    cfg: &config::Config,
    f: &load::Found,
    old: Option<CachedDoc>,
    trusted: bool,
    stamped: bool,
) -> (CachedDoc, bool) {
    let key = match (&old, trusted) {
        (Some(entry), true) => entry.0,
        _ if stamped => stamp(f),
        _ => 0,
    };
    if let Some(entry) = old
        && entry.0 == key
        && key != 0
    {
        return (entry, true);
    }
    let mut d = Vec::new();
    let t =
        load::read_doc(root, f.clone(), &mut d).and_then(|raw| validate::typed(cfg, raw, &mut d));
    ((key, t, d), false)
}

/// The error for a site whose documents have errors, with the link
/// problems in the Markdown of the documents that did validate, so broken
/// links show in the same run as front matter mistakes.
fn with_link_errors(
    root: &Path,
    cfg: config::Config,
    docs: doc::Docs,
    invalid: &[PathBuf],
    mut diags: Vec<Diagnostic>,
) -> Error {
    let mut scratch = Vec::new();
    let theme = html::theme::Theme::load(root, &cfg, &mut scratch);
    let site = model::build(root.to_path_buf(), cfg, docs, true, &mut scratch, None);
    diags.extend(scratch.into_iter().filter(Diagnostic::is_error));
    diags.extend(html::link_diagnostics(&site, &theme, invalid));
    Error::content(diags)
}

#[cfg(test)]
mod error_tests {
    use super::*;
    use crate::i18n::Language;

    #[test]
    fn io_causes_are_put_into_words_by_kind() {
        let m = io_cause(&std::io::Error::from(std::io::ErrorKind::NotFound));
        assert_eq!(m.key(), "io-not-found");
        assert_eq!(m.render(Language::ZhCn), "找不到该文件或文件夹");
        assert_eq!(m.render(Language::En), "no such file or folder");
        let denied = io_cause(&std::io::Error::from(std::io::ErrorKind::PermissionDenied));
        assert_eq!(denied.render(Language::ZhCn), "没有权限");
        // A kind we do not name: the system's own words.
        let other = io_cause(&std::io::Error::other("odd failure"));
        assert_eq!(other.render(Language::En), "odd failure");
    }

    #[test]
    fn errors_are_messages() {
        let e = Error::Usage(msg!("err-no-site-here", file = config::CONFIG_FILE));
        assert_eq!(
            e.message().render(Language::En),
            "no casebook.toml here or in any parent folder; run `casebook init` or pass --root"
        );
        assert_eq!(e.exit_code(), 2);
        let io = Error::io("io-cannot-write", "out/ledger.csv")(std::io::Error::from(
            std::io::ErrorKind::NotADirectory,
        ));
        let m = io.message();
        assert_eq!(m.key(), "io-error");
        assert_eq!(m.get("path").as_deref(), Some("out/ledger.csv"));
    }
}
