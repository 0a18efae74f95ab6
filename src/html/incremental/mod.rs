//! Incremental rebuilding, in one place: what the dev server keeps between
//! builds of one site so a save re-renders only what depends on it.
//!
//! Three kinds of memory, each keyed by a hash of everything its output
//! depends on, so a stale entry is never used, only replaced:
//! - rendered Markdown bodies ([`body_key`]), and a volume's print-view
//!   member bodies;
//! - page fingerprints ([`fingerprint`]): a page whose inputs hash the same
//!   is not rendered again;
//! - data-file fragments ([`FragmentSource`]): each document's piece of the
//!   search index, case data and filters, named by [`DataFile`], and the
//!   whole files assembled from them.
//!
//! A full build (`casebook build`) keeps nothing: [`FragmentSource::none`].

pub(crate) mod fingerprint;

use std::sync::Arc;

use xxhash_rust::xxh3::xxh3_64;

use super::{Bodies, Body, bodies_with_meta, page_of, pages};
use crate::model::Site;

/// Which data file a fragment belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DataFile {
    /// `data/cases.json`: one record per case.
    Cases,
    /// `search-index.js`: one entry per document.
    SearchIndex,
    /// `data/case-filters.js`: one entry per case.
    CaseFilters,
    /// `search-index.bin`: one entry per document (UTF-16 text).
    SearchBin,
    /// `search-index.bin`: one deflated chunk of entries, by chunk number.
    SearchBinChunk,
}

/// Which piece of a data file: one document's (or chunk's), or the whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Piece {
    Of(u64),
    Whole,
}

/// Key of a rendered body: everything of the document it depends on,
/// including the size and time of each file of its folder (a photo there
/// that changed may have another shape, and its `<img>` says so).
pub(crate) fn body_key(meta: &crate::doc::Meta, page: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = xxhash_rust::xxh3::Xxh3Default::new();
    (meta.hash, &meta.path, page, &meta.assets).hash(&mut h);
    if let Some(dir) = &meta.bundle_dir {
        for a in &meta.assets {
            if let Ok(m) = std::fs::metadata(dir.join(a)) {
                (m.len(), m.modified().ok()).hash(&mut h);
            }
        }
    }
    h.finish()
}

pub(super) type BodyCache = rustc_hash::FxHashMap<u64, (u64, Body)>;

/// Serialised pieces of the data files, one per document and file, reused
/// between dev-server builds for documents that did not change.
#[derive(Default, Clone)]
pub(crate) struct Fragments(rustc_hash::FxHashMap<FragmentId, (u64, Arc<[u8]>)>);

/// (which data file, which piece of it).
type FragmentId = (DataFile, Piece);

/// Where a build gets and keeps fragments (nothing is kept in a full build).
pub struct FragmentSource<'a> {
    prev: Option<&'a Fragments>,
    next: Option<std::sync::Mutex<Fragments>>,
    /// (buffer address, key) of the whole files handed out.
    wholes: std::sync::Mutex<Vec<(usize, u64)>>,
}

impl FragmentSource<'_> {
    pub fn none() -> FragmentSource<'static> {
        FragmentSource {
            prev: None,
            next: None,
            wholes: Default::default(),
        }
    }

    /// Reuses `prev`'s fragments; with `keep`, keeps this build's for the
    /// next one ([`Self::kept`]).
    pub(super) fn reusing(prev: Option<&Fragments>, keep: bool) -> FragmentSource<'_> {
        FragmentSource {
            prev,
            next: keep.then(Default::default),
            wholes: Default::default(),
        }
    }

    /// The fragments this build made or reused, for the next build.
    pub(super) fn kept(&mut self) -> Fragments {
        self.next
            .take()
            .and_then(|m| m.into_inner().ok())
            .unwrap_or_default()
    }

    /// The fragment `kind` of the document at `path` whose inputs hash to
    /// `key`: reused when unchanged, else made.
    pub fn get(
        &self,
        file: DataFile,
        doc: u64,
        key: u64,
        make: impl FnOnce() -> Vec<u8>,
    ) -> Arc<[u8]> {
        self.get_piece((file, Piece::Of(doc)), key, make)
    }

    fn get_piece(&self, id: FragmentId, key: u64, make: impl FnOnce() -> Vec<u8>) -> Arc<[u8]> {
        let bytes = match self.prev.and_then(|p| p.0.get(&id)) {
            Some((k, b)) if *k == key => b.clone(),
            _ => Arc::from(make()),
        };
        if let Some(next) = &self.next
            && let Ok(mut m) = next.lock()
        {
            m.0.insert(id, (key, bytes.clone()));
        }
        bytes
    }

    /// A whole data file assembled from fragments whose keys are `keys`, in
    /// order: when they are all as last time, last time's bytes (no copy).
    pub fn whole(&self, file: DataFile, keys: &[u64], make: impl FnOnce() -> Vec<u8>) -> Arc<[u8]> {
        let key = hash_keys(keys.iter().copied());
        let bytes = self.get_piece((file, Piece::Whole), key, make);
        if let Ok(mut w) = self.wholes.lock() {
            w.push((Arc::as_ptr(&bytes) as *const u8 as usize, key));
        }
        bytes
    }

    /// The key a whole file was assembled under: a stand-in for hashing its
    /// (possibly 50 MB of) bytes to see whether it changed.
    fn key_of(&self, bytes: &Arc<[u8]>) -> Option<u64> {
        let p = Arc::as_ptr(bytes) as *const u8 as usize;
        self.wholes
            .lock()
            .ok()?
            .iter()
            .find(|(q, _)| *q == p)
            .map(|(_, k)| *k)
    }
}

/// One key for a sequence of fragment keys (in order).
pub(crate) fn hash_keys(keys: impl ExactSizeIterator<Item = u64>) -> u64 {
    let mut k = Vec::with_capacity(keys.len() * 8);
    keys.for_each(|x| k.extend_from_slice(&x.to_le_bytes()));
    xxh3_64(&k)
}

/// A data file from keyed fragments: `head`, the parts joined by `sep`,
/// `tail`; reused whole from the last build when no fragment changed.
pub(crate) fn join_parts(
    frags: &FragmentSource,
    file: DataFile,
    head: &[u8],
    parts: &[(u64, Arc<[u8]>)],
    sep: &[u8],
    tail: &[u8],
) -> Arc<[u8]> {
    let keys: Vec<u64> = parts.iter().map(|(k, _)| *k).collect();
    frags.whole(file, &keys, || {
        let mut out = Vec::with_capacity(
            head.len()
                + tail.len()
                + parts
                    .iter()
                    .map(|(_, p)| p.len() + sep.len())
                    .sum::<usize>(),
        );
        out.extend_from_slice(head);
        for (i, (_, p)) in parts.iter().enumerate() {
            if i > 0 {
                out.extend_from_slice(sep);
            }
            out.extend_from_slice(p);
        }
        out.extend_from_slice(tail);
        out
    })
}

/// State kept between builds of one site by the dev server, so a save
/// re-renders only what depends on the changed document.
#[derive(Default)]
pub struct Cache {
    bodies: BodyCache,
    /// Page site path → fingerprint of everything the page shows.
    fingerprints: rustc_hash::FxHashMap<String, u64>,
    /// Hash of every file written (site path → content hash).
    files: rustc_hash::FxHashMap<String, u64>,
    /// Member bodies of compilation print views.
    print: pages::PrintCache,
    fragments: Fragments,
}

impl Cache {
    /// The bodies of the last build, by document id (with their keys).
    pub(super) fn bodies(&self) -> &BodyCache {
        &self.bodies
    }

    /// Takes out the print bodies and data-file fragments for a build to
    /// reuse; [`Cache::keep`] puts this build's in.
    pub(super) fn take_reused(&mut self) -> Reused {
        Reused {
            print: std::mem::take(&mut self.print),
            fragments: std::mem::take(&mut self.fragments),
        }
    }

    /// Whether the last build wrote the file at `path` with these bytes.
    pub(super) fn wrote_before(&self, path: &str, hash: u64) -> bool {
        self.files.get(path) == Some(&hash)
    }

    /// Keeps what this build made for the next one; returns the files the
    /// last build wrote that this one no longer has.
    pub(super) fn keep(&mut self, k: Kept) -> Vec<String> {
        let removed = self.removed(k.specs, &k.files);
        let mut fps: rustc_hash::FxHashMap<String, u64> = Default::default();
        for (spec, fp) in k.specs.iter().zip(k.fingerprints) {
            if let Some(fp) = fp {
                fps.insert(spec.path.clone(), fp);
            }
        }
        self.fingerprints = fps;
        self.fragments = k.fragments;
        self.print = k.print;
        self.files = k.files;
        self.bodies = body_cache(k.site, k.bodies);
        removed
    }

    /// Forget rendered bodies (files that links or images point to changed).
    pub fn invalidate_bodies(&mut self) {
        self.bodies.clear();
    }
    /// Forget everything (templates, theme or configuration changed).
    pub fn clear(&mut self) {
        *self = Cache::default();
    }

    /// Files the previous build wrote (pages included) that this one, with
    /// pages `specs` and other files `files`, no longer has; sorted, once each.
    fn removed(
        &self,
        specs: &[pages::Spec],
        files: &rustc_hash::FxHashMap<String, u64>,
    ) -> Vec<String> {
        let live: rustc_hash::FxHashSet<String> = specs
            .iter()
            .map(|s| crate::urls::file_for(&s.path))
            .chain(files.keys().cloned())
            .collect();
        let old: Vec<String> = self
            .files
            .keys()
            .cloned()
            .chain(self.fingerprints.keys().map(|p| crate::urls::file_for(p)))
            .collect();
        let mut removed: Vec<String> = old.into_iter().filter(|p| !live.contains(p)).collect();
        removed.sort();
        removed.dedup();
        removed
    }
}

/// The pages to render: every one, or in a cached build those whose
/// fingerprint changed or who have none.
pub(super) fn pages_to_render<'s>(
    specs: &'s [pages::Spec],
    fingerprints: Option<&[Option<u64>]>,
    cache: Option<&Cache>,
) -> Vec<&'s pages::Spec> {
    let mut todo: Vec<usize> = match (fingerprints, cache) {
        (Some(fps), Some(c)) => (0..specs.len())
            .filter(|&i| match fps[i] {
                Some(fp) => c.fingerprints.get(&specs[i].path) != Some(&fp),
                None => true,
            })
            .collect(),
        _ => (0..specs.len()).collect(),
    };
    // Pages that take long alone (a whole volume, the honours wall) first,
    // so they overlap with the many small ones instead of ending the build.
    todo.sort_by_key(|&i| {
        !matches!(
            specs[i].kind,
            pages::Kind::CompilationPrint(_)
                | pages::Kind::Honours
                | pages::Kind::Brand(_)
                | pages::Kind::Compilation(_)
        )
    });
    todo.into_iter().map(|i| &specs[i]).collect()
}

/// The hash of each file besides the pages, to skip writing those a
/// cached build wrote with the same bytes. A whole data file assembled from
/// unchanged fragments is known by its fragments' key, not hashed again.
pub(super) fn file_hashes(files: &[(String, Arc<[u8]>)], frags: &FragmentSource) -> Vec<u64> {
    use rayon::prelude::*;
    files
        .par_iter()
        .map(|(_, b)| match frags.key_of(b) {
            Some(k) => k ^ 0x5bd1_e995_0000_0001,
            None => xxh3_64(b),
        })
        .collect()
}

/// The print-view bodies for the next build: what this build used; when
/// no print view was rendered, what the previous build had.
pub(super) fn print_to_keep(ctx: &pages::Ctx, prev: &pages::PrintCache) -> pages::PrintCache {
    let used = std::mem::take(&mut *ctx.print_used.lock().unwrap_or_else(|e| e.into_inner()));
    if used.is_empty() { prev.clone() } else { used }
}

/// What a build reuses from the last one, taken out of the cache for the
/// build and replaced by [`Cache::keep`].
pub(super) struct Reused {
    pub(super) print: pages::PrintCache,
    pub(super) fragments: Fragments,
}

/// What a cached build leaves for the next one.
pub(super) struct Kept<'a> {
    pub(super) site: &'a Site,
    pub(super) bodies: &'a Bodies,
    pub(super) specs: &'a [pages::Spec],
    /// Of each page in `specs`, in order.
    pub(super) fingerprints: Vec<Option<u64>>,
    pub(super) fragments: Fragments,
    pub(super) print: pages::PrintCache,
    /// Every file besides the pages (site path → hash).
    pub(super) files: rustc_hash::FxHashMap<String, u64>,
}

/// This build's bodies, keyed for the next one.
fn body_cache(site: &Site, bodies: &Bodies) -> BodyCache {
    bodies_with_meta(site, bodies)
        .into_iter()
        .map(|(meta, r)| {
            let page = page_of(meta);
            (meta.id, (body_key(meta, &page), r.clone()))
        })
        .collect()
}
