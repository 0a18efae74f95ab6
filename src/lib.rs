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

pub mod commands;
pub mod config;
pub(crate) mod confine;
pub mod diag;
pub mod doc;
mod docx;
pub mod html;
pub mod i18n;
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
    Usage(String),
    /// A file or folder a command needed could not be read, written or
    /// made (exit 2): what it was doing, where, and why.
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

    /// For `map_err`: `std::fs::write(&p, b).map_err(Error::io("cannot write", &p))`.
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
}

impl std::fmt::Display for Error {
    /// One line for an environment error; content errors are many and
    /// are shown by [`diag::Reporter`], so only their count is given here.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Content(d) => {
                f.write_str(&diag::summary_line(d.error_count(), d.warning_count()))
            }
            Error::Usage(m) => f.write_str(m),
            Error::Io {
                doing,
                path,
                source,
            } => write!(f, "{doing} {}: {source}", path.display()),
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Usage(e.to_string())
    }
}

/// The site root: `--root` if given (must hold casebook.toml), else the
/// nearest folder upwards from the working directory that does.
pub fn resolve_root(explicit: Option<&Path>) -> Result<PathBuf, Error> {
    match explicit {
        Some(r) => {
            let canon = std::fs::canonicalize(r)
                .map_err(|e| Error::Usage(format!("--root {}: {e}", r.display())))?;
            if canon.join(config::CONFIG_FILE).is_file() {
                Ok(canon)
            } else {
                Err(Error::Usage(format!(
                    "{} holds no {}; run `casebook init` to make a new site",
                    r.display(),
                    config::CONFIG_FILE
                )))
            }
        }
        None => {
            let cwd = std::env::current_dir()?;
            config::find_root(&cwd).ok_or_else(|| {
                Error::Usage(format!(
                    "no {} here or in any parent folder; run `casebook init` or pass --root",
                    config::CONFIG_FILE
                ))
            })
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
            Diagnostic::error(config::CONFIG_FILE, diag::Pos::START, format!("theme \"{}\" not found in themes/", cfg.theme))
                .with_hint("create themes/<name>/templates/, or remove `theme` to use the built-in default theme"),
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
