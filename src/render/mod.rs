//! Render: Markdown bodies, then every page of the URL map through the
//! theme's templates, plus feeds and data files, into a [`Sink`](crate::output::Sink). Nothing is
//! written until every document has rendered without errors, and the sink of
//! a real build is a temporary folder swapped in only on success.

pub mod body;
pub mod charts;
pub mod data;
pub mod fingerprint;
mod highlight;
pub mod pages;
pub mod search;
pub mod tera_env;
pub mod theme;
pub mod views;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use xxhash_rust::xxh3::xxh3_64;

use crate::diag::{Diagnostic, Diagnostics};
use crate::load::Section;
use crate::markdown::Asset;
use crate::model::Site;
use crate::output::Sink;
use crate::urls::{Urls, doc_path};
use body::Rendered;
use theme::Theme;

/// Progress callback: (done, total) in units of pages.
pub type Progress<'a> = &'a (dyn Fn(usize, usize) + Sync);

/// See [`Options::pages_ready`].
pub type PagesReady<'a> = &'a (dyn Fn(&[Diagnostic]) + Sync);

pub struct Options<'a> {
    pub urls: Urls,
    pub highlight: bool,
    pub progress: Option<Progress<'a>>,
    /// Called once every page is rendered, before the data files (search
    /// index, case data, feeds) are made, with the warnings so far: the dev
    /// server writes the pages and reloads the browser then.
    pub pages_ready: Option<PagesReady<'a>>,
}

/// Rendered Markdown of every published document, keyed by section and index.
/// Shared so the dev server can keep unchanged bodies between builds.
pub type Body = Arc<Rendered>;

pub struct Bodies {
    pub cases: Vec<Body>,
    pub summaries: Vec<Body>,
    pub brands: Vec<Body>,
    pub compilations: Vec<Body>,
    pub pages: Vec<Body>,
    pub home: Option<Body>,
}

/// Site path of a document's page (the home page's is empty).
fn page_of(meta: &crate::doc::Meta) -> String {
    match meta.section {
        Section::Home => String::new(),
        s => doc_path(s, &meta.slug),
    }
}

/// Documents whose links other documents may follow: (abs path → page),
/// and drafts left out of this build (→ `None`).
pub fn doc_index(site: &Site) -> HashMap<PathBuf, Option<String>> {
    site.metas()
        .map(|m| (m.abs_path.clone(), Some(page_of(m))))
        .chain(site.excluded_drafts.iter().map(|d| (d.clone(), None)))
        .collect()
}

/// Renders every body; returns them with all diagnostics (cross-document
/// `#fragment` links are checked here, once every anchor is known).
pub fn render_bodies(
    site: &Site,
    theme: &Theme,
    urls: &Urls,
    routes: &HashSet<String>,
    highlight: bool,
) -> (Bodies, Vec<Diagnostic>) {
    render_bodies_with(site, theme, urls, routes, highlight, &doc_index(site), None)
}

/// Key of a rendered body: everything of the document it depends on.
fn body_key(meta: &crate::doc::Meta, page: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = xxhash_rust::xxh3::Xxh3Default::new();
    (meta.hash, &meta.path, page, &meta.assets).hash(&mut h);
    h.finish()
}

type BodyCache = rustc_hash::FxHashMap<u64, (u64, Body)>;

fn render_bodies_with(
    site: &Site,
    theme: &Theme,
    urls: &Urls,
    routes: &HashSet<String>,
    highlight: bool,
    docs: &HashMap<PathBuf, Option<String>>,
    cache: Option<&BodyCache>,
) -> (Bodies, Vec<Diagnostic>) {
    let env = body::Env::new(site, theme, docs, routes, urls, highlight);
    let one = |meta: &crate::doc::Meta, page: &str, keep_code: bool| {
        if let Some((key, r)) = cache.and_then(|c| c.get(&meta.id))
            && *key == body_key(meta, page)
        {
            return r.clone();
        }
        Arc::new(body::render(
            &env,
            &crate::markdown::Input {
                body: &meta.body,
                body_line: meta.body_line,
                path: &meta.path,
                abs_path: &meta.abs_path,
                bundle_dir: meta.bundle_dir.as_deref(),
                page,
                from: page,
                id_prefix: "",
                heading_shift: 0,
                link_override: None,
            },
            body::Code {
                keep: keep_code,
                reuse: None,
            },
        ))
    };
    let cases: Vec<Body> = site
        .cases
        .par_iter()
        .map(|c| {
            one(
                &c.doc.meta,
                &doc_path(Section::Cases, &c.doc.meta.slug),
                !c.compilations.is_empty(),
            )
        })
        .collect();
    let summaries = site
        .summaries
        .par_iter()
        .map(|s| {
            one(
                &s.doc.meta,
                &doc_path(Section::Summaries, &s.doc.meta.slug),
                false,
            )
        })
        .collect();
    let brands = site
        .brands
        .par_iter()
        .map(|b| {
            one(
                &b.doc.meta,
                &doc_path(Section::Brands, &b.doc.meta.slug),
                false,
            )
        })
        .collect();
    let compilations = site
        .compilations
        .par_iter()
        .map(|c| {
            one(
                &c.doc.meta,
                &doc_path(Section::Compilations, &c.doc.meta.slug),
                false,
            )
        })
        .collect();
    let pages = site
        .pages
        .par_iter()
        .map(|p| one(&p.meta, &doc_path(Section::Pages, &p.meta.slug), false))
        .collect();
    let home = site.home.as_ref().map(|h| one(&h.meta, "", false));
    let bodies = Bodies {
        cases,
        summaries,
        brands,
        compilations,
        pages,
        home,
    };

    let diags = body_diagnostics(site, &bodies);
    (bodies, diags)
}

/// The bodies' own diagnostics, and links to a `#fragment` another
/// document does not have (checked here, once every anchor is known).
fn body_diagnostics(site: &Site, bodies: &Bodies) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let all = bodies_with_meta(site, bodies);
    // Anchors of every document, only when some link needs them.
    let mut anchors: HashMap<&Path, &Vec<String>> = HashMap::new();
    if all.iter().any(|(_, r)| !r.fragments.is_empty()) {
        for (meta, r) in &all {
            anchors.insert(meta.abs_path.as_path(), &r.anchors);
        }
    }
    for (meta, r) in &all {
        diags.extend(r.diags.iter().cloned());
        for f in &r.fragments {
            if let Some(list) = anchors.get(f.target.as_path())
                && !list.contains(&f.fragment)
            {
                diags.push(
                    Diagnostic::error(
                        &meta.path,
                        f.pos,
                        format!(
                            "link to #{} in {}, which has no heading with that id",
                            f.fragment,
                            crate::load::rel_path(&site.root, &f.target)
                        ),
                    )
                    .with_hint(crate::markdown::anchor_hint(list)),
                );
            }
        }
    }
    diags
}

fn bodies_with_meta<'a>(site: &'a Site, b: &'a Bodies) -> Vec<(&'a crate::doc::Meta, &'a Body)> {
    // Bodies are kept in the order of `Site::metas`.
    let bodies = b
        .cases
        .iter()
        .chain(&b.summaries)
        .chain(&b.brands)
        .chain(&b.compilations)
        .chain(&b.pages)
        .chain(&b.home);
    site.metas().zip(bodies).collect()
}

/// Files every document brings along: bundle assets and referenced files.
fn assets(site: &Site, bodies: &Bodies) -> Vec<Asset> {
    let base = crate::confine::canonical_base(&site.root);
    let mut out: Vec<Asset> = Vec::new();
    for (meta, r) in bodies_with_meta(site, bodies) {
        let page = page_of(meta);
        if let Some(dir) = &meta.bundle_dir {
            for a in &meta.assets {
                // The walk kept only files inside the site; copy from where
                // each resolves. One that no longer resolves inside is kept
                // as found, and `confine::read` refuses it.
                let found = dir.join(a);
                out.push(Asset {
                    src: crate::confine::file(&base, &found).unwrap_or(found),
                    dest: format!("{page}{}", a.replace(' ', "-")),
                });
            }
        }
        out.extend(r.assets.iter().cloned());
    }
    for b in 0..site.brands.len() {
        if let Some((dest, Some(src))) = views::brand_logo(site, b) {
            out.push(Asset { src, dest });
        }
    }
    out.sort();
    out.dedup_by(|a, b| a.dest == b.dest);
    out
}

/// The site paths of everything a build writes besides assets.
fn routes(site: &Site, theme: &Theme, specs: &[pages::Spec]) -> HashSet<String> {
    let mut routes: HashSet<String> = specs.iter().map(|p| p.path.clone()).collect();
    routes.extend(theme.static_files.keys().cloned());
    routes.extend(data::FILES.iter().map(|s| s.to_string()));
    routes.extend(
        [
            search::SEARCH_INDEX,
            search::CASE_FILTERS,
            "css/highlight.css",
        ]
        .map(String::from),
    );
    let _ = site;
    routes
}

/// Link, image and anchor problems in the bodies of a (partial) site, for
/// reporting alongside front matter errors. `invalid` documents failed
/// validation: links to them count as resolved, so only real gaps show.
pub fn link_diagnostics(site: &Site, theme: &Theme, invalid: &[PathBuf]) -> Vec<Diagnostic> {
    let urls = Urls::new(crate::urls::UrlMode::Pretty, &site.config.base_url);
    let specs = pages::enumerate(site);
    let routes = routes(site, theme, &specs);
    let mut docs = doc_index(site);
    for p in invalid {
        docs.entry(p.clone()).or_insert_with(|| Some(String::new()));
    }
    render_bodies_with(site, theme, &urls, &routes, false, &docs, None).1
}

/// Render stage and per-page-kind timings (see [`crate::profile`]): each
/// stage's own duration, and thread time per page kind.
struct Profile {
    on: bool,
    start: std::time::Instant,
    last: std::sync::Mutex<std::time::Instant>,
    kinds: std::sync::Mutex<std::collections::BTreeMap<&'static str, (usize, std::time::Duration)>>,
}

impl Profile {
    fn new() -> Profile {
        let now = std::time::Instant::now();
        Profile {
            on: crate::profile::enabled(),
            start: now,
            last: std::sync::Mutex::new(now),
            kinds: Default::default(),
        }
    }
    fn mark(&self, stage: &str) {
        if self.on
            && let Ok(mut last) = self.last.lock()
        {
            eprintln!(
                "profile: {stage:<10} {:>8.1} ms",
                last.elapsed().as_secs_f64() * 1e3
            );
            *last = std::time::Instant::now();
        }
    }
    fn page(&self, kind: &'static str, d: std::time::Duration) {
        if self.on
            && let Ok(mut k) = self.kinds.lock()
        {
            let e = k.entry(kind).or_default();
            e.0 += 1;
            e.1 += d;
        }
    }
    fn report(&self) {
        if !self.on {
            return;
        }
        if let Ok(k) = self.kinds.lock() {
            for (kind, (n, d)) in k.iter() {
                eprintln!(
                    "profile:   {kind:<18} {n:>6} pages {:>9.1} ms (thread time)",
                    d.as_secs_f64() * 1e3
                );
            }
        }
        eprintln!(
            "profile: render total {:>8.1} ms",
            self.start.elapsed().as_secs_f64() * 1e3
        );
    }
}

/// Serialised pieces of the data files, one per document and file, reused
/// between dev-server builds for documents that did not change.
#[derive(Default, Clone)]
pub struct Fragments(rustc_hash::FxHashMap<FragmentId, (u64, Arc<[u8]>)>);

/// (which data file, document id).
type FragmentId = (u8, u64);

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
    fn reusing(prev: Option<&Fragments>, keep: bool) -> FragmentSource<'_> {
        FragmentSource {
            prev,
            next: keep.then(Default::default),
            wholes: Default::default(),
        }
    }

    /// The fragments this build made or reused, for the next build.
    fn kept(&mut self) -> Fragments {
        self.next
            .take()
            .and_then(|m| m.into_inner().ok())
            .unwrap_or_default()
    }

    /// The fragment `kind` of the document at `path` whose inputs hash to
    /// `key`: reused when unchanged, else made.
    pub fn get(&self, kind: u8, doc: u64, key: u64, make: impl FnOnce() -> Vec<u8>) -> Arc<[u8]> {
        let id = (kind, doc);
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
    pub fn whole(&self, kind: u8, keys: &[u64], make: impl FnOnce() -> Vec<u8>) -> Arc<[u8]> {
        let key = hash_keys(keys.iter().copied());
        let bytes = self.get(kind | 0x80, 0, key, make);
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
pub fn hash_keys(keys: impl ExactSizeIterator<Item = u64>) -> u64 {
    let mut k = Vec::with_capacity(keys.len() * 8);
    keys.for_each(|x| k.extend_from_slice(&x.to_le_bytes()));
    xxh3_64(&k)
}

/// A data file from keyed fragments: `head`, the parts joined by `sep`,
/// `tail`; reused whole from the last build when no fragment changed.
pub fn join_parts(
    frags: &FragmentSource,
    kind: u8,
    head: &[u8],
    parts: &[(u64, Arc<[u8]>)],
    sep: &[u8],
    tail: &[u8],
) -> Arc<[u8]> {
    let keys: Vec<u64> = parts.iter().map(|(k, _)| *k).collect();
    frags.whole(kind, &keys, || {
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

/// What a build did.
#[derive(Debug, Default)]
pub struct Outcome {
    pub warnings: Diagnostics,
    pub pages_rendered: usize,
    pub files_written: usize,
    /// Site paths written by an earlier build that this one no longer has.
    pub removed: Vec<String>,
}

/// Renders the whole site into `sink`. Content and template errors come
/// back as `Err` with every diagnostic; nothing useful has been written then.
pub fn render_site(
    site: &Site,
    theme: &Theme,
    opts: &Options,
    sink: &dyn Sink,
) -> Result<Diagnostics, crate::Error> {
    let mut tera = compile(site, theme, opts)?;
    render_with(site, theme, &mut tera, opts, sink, None).map(|o| o.warnings)
}

/// Compiles the theme's templates for `opts`' URL strategy.
pub fn compile(site: &Site, theme: &Theme, opts: &Options) -> Result<tera::Tera, crate::Error> {
    tera_env::build(theme, Arc::new(opts.urls.clone()), site.config.language).map_err(to_error)
}

/// Renders into `sink`; with a cache, only pages whose inputs changed and
/// files whose bytes changed are written.
pub fn render_with(
    site: &Site,
    theme: &Theme,
    tera: &mut tera::Tera,
    opts: &Options,
    sink: &dyn Sink,
    mut cache: Option<&mut Cache>,
) -> Result<Outcome, crate::Error> {
    let urls = &opts.urls;
    let specs = pages::enumerate(site);
    let routes = routes(site, theme, &specs);
    let prof = Profile::new();
    let docs = doc_index(site);
    let (bodies, diags) = render_bodies_with(
        site,
        theme,
        urls,
        &routes,
        opts.highlight,
        &docs,
        cache.as_deref().map(|c| &c.bodies),
    );
    if diags.iter().any(Diagnostic::is_error) {
        return Err(to_error(diags));
    }

    let prev_print: Option<pages::PrintCache> =
        cache.as_deref_mut().map(|c| std::mem::take(&mut c.print));
    let prev_fragments: Option<Fragments> = cache
        .as_deref_mut()
        .map(|c| std::mem::take(&mut c.fragments));
    let mut frags = FragmentSource::reusing(prev_fragments.as_ref(), cache.is_some());
    let mut ctx = pages::Ctx::new(site, theme, urls, &bodies, &routes, &docs, opts.highlight);
    if cache.is_some() {
        ctx.fp = Some(fingerprint::Inputs::new(&ctx));
        ctx.print_cache = prev_print.as_ref();
    }
    pages::globals(&ctx, tera);
    let tera: &tera::Tera = tera;
    let fingerprints: Option<Vec<Option<u64>>> = cache.as_ref().map(|_| {
        specs
            .par_iter()
            .map(|s| fingerprint::fingerprint(&ctx, s))
            .collect()
    });
    prof.mark("markdown");
    let todo = pages_to_render(&specs, fingerprints.as_deref(), cache.as_deref());
    render_pages(&ctx, tera, &todo, sink, opts.progress, &prof)?;

    prof.mark("pages");
    if let Some(ready) = opts.pages_ready {
        ready(&diags);
    }
    let files = other_files(site, theme, urls, &bodies, &specs, &frags)?;
    prof.mark("data");

    let mut outcome = Outcome {
        pages_rendered: todo.len(),
        ..Outcome::default()
    };
    let file_hashes = write_files(&files, &frags, cache.as_deref(), sink, &mut outcome)?;
    prof.mark("files");
    prof.report();
    if let Some(c) = cache {
        outcome.removed = c.removed(&specs, &file_hashes);
        c.fingerprints = page_fingerprints(&specs, fingerprints.unwrap_or_default());
        c.fragments = frags.kept();
        c.print = print_to_keep(&ctx, prev_print.as_ref());
        c.files = file_hashes;
        c.bodies = body_cache(site, &bodies);
    }
    let mut d = Diagnostics::new();
    d.extend(diags);
    d.sort();
    outcome.warnings = d;
    Ok(outcome)
}

/// The pages to render: every one, or in a cached build those whose
/// fingerprint changed or who have none.
fn pages_to_render<'s>(
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

/// Renders `todo` into `sink` on every core, reporting progress.
fn render_pages(
    ctx: &pages::Ctx,
    tera: &tera::Tera,
    todo: &[&pages::Spec],
    sink: &dyn Sink,
    progress: Option<Progress>,
    prof: &Profile,
) -> Result<(), crate::Error> {
    let total = todo.len();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let errors: Vec<Diagnostic> = todo
        .par_iter()
        .with_max_len(16)
        .filter_map(|&spec| {
            let t0 = std::time::Instant::now();
            let r = pages::render_page(ctx, tera, spec, sink);
            prof.page(spec.kind.name(), t0.elapsed());
            if let Some(p) = progress {
                let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                if n.is_multiple_of(64) || n == total {
                    p(n, total);
                }
            }
            r.err()
        })
        .collect();
    if errors.is_empty() {
        return Ok(());
    }
    // One template mistake fails every page that uses it: report each once.
    let mut uniq: Vec<Diagnostic> = Vec::new();
    for e in errors {
        if !uniq
            .iter()
            .any(|u| u.path == e.path && u.pos == e.pos && u.message == e.message)
        {
            uniq.push(e);
        }
    }
    Err(to_error(uniq))
}

/// A file to write besides the pages: (site path, bytes).
type OutputFile = (String, Arc<[u8]>);

/// Every file besides the pages: assets, the theme's static files, the
/// highlight CSS and the data files.
fn other_files(
    site: &Site,
    theme: &Theme,
    urls: &Urls,
    bodies: &Bodies,
    specs: &[pages::Spec],
    frags: &FragmentSource,
) -> Result<Vec<OutputFile>, crate::Error> {
    let mut files: Vec<OutputFile> = Vec::new();
    let read = |p: &Path| {
        crate::confine::read(p)
            .map_err(|e| crate::Error::Usage(format!("cannot read {}: {e}", p.display())))
    };
    for a in assets(site, bodies) {
        files.push((a.dest, Arc::from(read(&a.src)?)));
    }
    for (path, blob) in &theme.static_files {
        let bytes = blob
            .read()
            .map_err(|e| crate::Error::Usage(format!("cannot read theme file {path}: {e}")))?;
        files.push((path.clone(), Arc::from(bytes.into_owned())));
    }
    let css = highlight::highlight_css(&site.config.markdown.highlight_theme);
    files.push(("css/highlight.css".into(), Arc::from(css.into_bytes())));
    // The data files are independent: make them side by side.
    let t = |k: &str| theme.t(k);
    let (data_files, (index, filters)) = rayon::join(
        || data::files(site, urls, specs, frags),
        || {
            rayon::join(
                || search::search_index(site, bodies, urls, frags),
                || search::case_filters(site, urls, &t, frags),
            )
        },
    );
    files.extend(data_files);
    files.push((search::SEARCH_INDEX.into(), index.js));
    if let Some(bin) = index.bin {
        files.push((search::SEARCH_INDEX_BIN.into(), bin));
    }
    files.push((search::CASE_FILTERS.into(), filters));
    Ok(files)
}

/// Writes `files`, except those a cached build wrote with the same bytes;
/// returns the hash of every file (site path → hash).
fn write_files(
    files: &[OutputFile],
    frags: &FragmentSource,
    cache: Option<&Cache>,
    sink: &dyn Sink,
    outcome: &mut Outcome,
) -> Result<rustc_hash::FxHashMap<String, u64>, crate::Error> {
    // Hashes only matter to a cached build (to skip unchanged files).
    let hashes: Vec<u64> = if cache.is_some() {
        files
            .par_iter()
            .map(|(_, b)| match frags.key_of(b) {
                Some(k) => k ^ 0x5bd1_e995_0000_0001,
                None => xxh3_64(b),
            })
            .collect()
    } else {
        vec![0; files.len()]
    };
    let mut file_hashes: rustc_hash::FxHashMap<String, u64> = Default::default();
    for ((path, bytes), h) in files.iter().zip(hashes) {
        file_hashes.insert(path.clone(), h);
        if cache.and_then(|c| c.files.get(path)) == Some(&h) {
            continue;
        }
        sink.put_shared(path, bytes.clone())
            .map_err(|e| crate::Error::Usage(format!("cannot write {path}: {e}")))?;
        outcome.files_written += 1;
    }
    Ok(file_hashes)
}

/// Page site path → fingerprint, for the pages that have one.
fn page_fingerprints(
    specs: &[pages::Spec],
    fps: Vec<Option<u64>>,
) -> rustc_hash::FxHashMap<String, u64> {
    let mut new_fps: rustc_hash::FxHashMap<String, u64> = Default::default();
    for (spec, fp) in specs.iter().zip(fps) {
        if let Some(fp) = fp {
            new_fps.insert(spec.path.clone(), fp);
        }
    }
    new_fps
}

/// The print-view bodies for the next build: what this build used; when
/// no print view was rendered, what the previous build had.
fn print_to_keep(ctx: &pages::Ctx, prev: Option<&pages::PrintCache>) -> pages::PrintCache {
    let used = std::mem::take(&mut *ctx.print_used.lock().unwrap_or_else(|e| e.into_inner()));
    if used.is_empty() {
        prev.cloned().unwrap_or_default()
    } else {
        used
    }
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

fn to_error(diags: Vec<Diagnostic>) -> crate::Error {
    let mut d = Diagnostics::new();
    d.extend(diags);
    d.sort();
    crate::Error::Content(d)
}
