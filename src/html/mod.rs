//! Render: Markdown bodies, then every page of the URL map through the
//! theme's templates, plus feeds and data files, into a [`Sink`](crate::output::Sink). Nothing is
//! written until every document has rendered without errors, and the sink of
//! a real build is a temporary folder swapped in only on success.

pub(crate) mod body;
pub(crate) mod charts;
pub mod data;
pub mod gallery;
mod highlight;
pub(crate) mod incremental;
pub mod pages;
mod picture;
mod sanitize;
pub(crate) mod search;
pub(crate) mod tera_env;
pub mod theme;
pub(crate) mod views;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics};
use crate::load::Section;
use crate::markdown::Asset;
use crate::model::Site;
use crate::output::Sink;
use crate::urls::{Urls, doc_path, page_of};
use body::Rendered;
pub use incremental::Cache;
use incremental::{BodyCache, FragmentSource, body_key, fingerprint};
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
    /// Compilation pages link their typeset PDF (`[pdf] build`, when the
    /// PDF renderer runs in the same build).
    pub pdf_links: bool,
    /// … and their Word document (`[docx] build`).
    pub docx_links: bool,
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

/// Documents whose links other documents may follow: (abs path → page),
/// and drafts left out of this build (→ `None`).
pub fn doc_index(site: &Site) -> HashMap<PathBuf, Option<String>> {
    site.doc_pages()
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
                        crate::msg!(
                            "html-missing-fragment",
                            fragment = &f.fragment,
                            target = crate::load::rel_path(&site.root, &f.target)
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
    for o in gallery::owners(site) {
        for p in o.photos(site) {
            if let Some((dest, src)) = gallery::photo_dest(site, o, p) {
                out.push(Asset { src, dest });
            }
        }
    }
    out.sort();
    out.dedup_by(|a, b| a.dest == b.dest);
    out
}

/// The site's own raster images under `static/` (not the theme's): they
/// are published through the image stage like a document's photos, so
/// no camera original leaves from there either.
fn static_images(site: &Site, theme: &Theme) -> Vec<Asset> {
    let dir = crate::confine::canonical_base(&site.root).join("static");
    let lexical = site.root.join("static");
    theme
        .static_files
        .iter()
        .filter(|(path, _)| crate::images::is_raster_name(path))
        .filter_map(|(path, blob)| match blob {
            theme::Blob::File(src) if src.starts_with(&dir) || src.starts_with(&lexical) => {
                Some(Asset {
                    src: src.clone(),
                    dest: path.clone(),
                })
            }
            _ => None,
        })
        .collect()
}

/// Where each raster asset is shown, for the image stage's errors: see
/// [`picture::Owners`].
fn image_owners(site: &Site, bodies: &Bodies) -> picture::Owners {
    let mut owners = picture::Owners::new();
    let docs = bodies_with_meta(site, bodies);
    for (meta, r) in &docs {
        for i in &r.images {
            owners
                .entry(i.dest.clone())
                .or_insert_with(|| (meta.path.clone(), i.pos));
        }
    }
    for (b, brand) in site.brands.iter().enumerate() {
        if let (Some((dest, _)), Some(logo)) = (views::brand_logo(site, b), &brand.doc.logo) {
            owners
                .entry(dest)
                .or_insert_with(|| (brand.doc.meta.path.clone(), logo.pos));
        }
    }
    for o in gallery::owners(site) {
        for p in o.photos(site) {
            if let Some((dest, _)) = gallery::photo_dest(site, o, p) {
                let path = &o.photos_meta_path(site);
                owners
                    .entry(dest)
                    .or_insert_with(|| (path.clone(), p.src.pos));
            }
        }
    }
    for (meta, _) in &docs {
        let page = page_of(meta);
        for a in &meta.assets {
            owners
                .entry(format!("{page}{}", a.replace(' ', "-")))
                .or_insert_with(|| (meta.path.clone(), crate::diag::Pos::START));
        }
    }
    owners
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

/// What a build did.
#[derive(Debug, Default)]
pub struct Outcome {
    pub warnings: Diagnostics,
    pub pages_rendered: usize,
    pub files_written: usize,
    /// Site paths written by an earlier build that this one no longer has.
    pub removed: Vec<String>,
}

/// The website renderer: every page of the URL map through the theme's
/// templates (the compilations' print views among them, a page family
/// sharing the templates and the bodies), the feeds, data files and search
/// index, and the files pages refer to.
pub struct Website<'a> {
    theme: &'a Theme,
    tera: &'a mut tera::Tera,
    opts: Options<'a>,
    cache: Option<&'a mut Cache>,
    /// What the last [`Renderer::render`](crate::output::Renderer::render)
    /// did (its warnings are returned, not kept here).
    pub outcome: Outcome,
}

impl<'a> Website<'a> {
    /// A renderer for `theme` with its compiled templates ([`compile`]).
    pub fn new(theme: &'a Theme, tera: &'a mut tera::Tera, opts: Options<'a>) -> Website<'a> {
        Website {
            theme,
            tera,
            opts,
            cache: None,
            outcome: Outcome::default(),
        }
    }

    /// Renders incrementally: only pages whose inputs changed since the
    /// build that filled `cache`, and only files whose bytes changed.
    pub fn cached(mut self, cache: &'a mut Cache) -> Website<'a> {
        self.cache = Some(cache);
        self
    }
}

impl crate::output::Renderer for Website<'_> {
    fn name(&self) -> &'static str {
        "website"
    }

    fn render(&mut self, site: &Site, sink: &dyn Sink) -> Result<Diagnostics, crate::Error> {
        let mut o = render_with(
            site,
            self.theme,
            self.tera,
            &self.opts,
            sink,
            self.cache.as_deref_mut(),
        )?;
        let warnings = std::mem::take(&mut o.warnings);
        self.outcome = o;
        Ok(warnings)
    }
}

/// Compiles the theme's templates for `urls`.
pub fn compile(site: &Site, theme: &Theme, urls: &Urls) -> Result<tera::Tera, crate::Error> {
    tera_env::build(theme, Arc::new(urls.clone()), site.config.language)
        .map_err(crate::Error::content)
}

/// Renders into `sink`; with a cache, only pages whose inputs changed and
/// files whose bytes changed are written.
fn render_with(
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
        cache.as_deref().map(Cache::bodies),
    );
    let mut diags = diags;
    let mut assets = assets(site, &bodies);
    assets.extend(static_images(site, theme));
    crate::images::begin(&site.root);
    let (pictures, image_diags) = picture::stage(site, &assets, &image_owners(site, &bodies));
    diags.extend(image_diags);
    if diags.iter().any(Diagnostic::is_error) {
        return Err(crate::Error::content(diags));
    }

    let reused = cache.as_deref_mut().map(Cache::take_reused);
    let mut frags = FragmentSource::reusing(reused.as_ref().map(|r| &r.fragments), cache.is_some());
    let mut ctx = pages::Ctx::new(site, theme, urls, &bodies, &routes, &docs, opts.highlight);
    ctx.pdf_links = opts.pdf_links;
    ctx.docx_links = opts.docx_links;
    ctx.pictures = Some(&pictures);
    if let Some(r) = &reused {
        ctx.fp = Some(fingerprint::Inputs::new(&ctx));
        ctx.print_cache = Some(&r.print);
    }
    pages::globals(&ctx, tera);
    let tera: &tera::Tera = tera;
    let fingerprints = cache.as_ref().map(|_| fingerprint::all(&ctx, &specs));
    prof.mark("markdown");
    let todo = incremental::pages_to_render(&specs, fingerprints.as_deref(), cache.as_deref());
    render_pages(&ctx, tera, &todo, sink, opts.progress, &prof)?;

    prof.mark("pages");
    if let Some(ready) = opts.pages_ready {
        ready(&diags);
    }
    // A full build links the pictures from the image cache; the dev
    // server keeps their bytes, to write only those that changed.
    let link = cache.is_none();
    let (mut files, linked) = asset_files(&assets, &pictures, link)?;
    files.extend(other_files(
        site,
        &ctx.present,
        theme,
        urls,
        &bodies,
        &specs,
        &frags,
        &pictures,
    )?);
    for (path, src) in &linked {
        sink.link(path, src)
            .map_err(crate::Error::io("io-cannot-write", path))?;
    }
    crate::images::finish(&site.root);
    prof.mark("data");

    let mut outcome = Outcome {
        pages_rendered: todo.len(),
        ..Outcome::default()
    };
    let hashes = cache
        .as_deref()
        .map(|_| incremental::file_hashes(&files, &frags));
    for (k, (path, bytes)) in files.iter().enumerate() {
        if let (Some(c), Some(h)) = (cache.as_deref(), &hashes)
            && c.wrote_before(path, h[k])
        {
            continue;
        }
        sink.put_shared(path, bytes.clone())
            .map_err(crate::Error::io("io-cannot-write", path))?;
        outcome.files_written += 1;
    }
    prof.mark("files");
    prof.report();
    if let (Some(c), Some(reused)) = (cache, &reused) {
        outcome.removed = c.keep(incremental::Kept {
            site,
            bodies: &bodies,
            specs: &specs,
            fingerprints: fingerprints.unwrap_or_default(),
            fragments: frags.kept(),
            print: incremental::print_to_keep(&ctx, &reused.print),
            files: files
                .iter()
                .map(|(p, _)| p.clone())
                .zip(hashes.unwrap_or_default())
                .collect(),
        });
    }
    let mut d = Diagnostics::new();
    d.extend(diags);
    d.sort();
    outcome.warnings = d;
    Ok(outcome)
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
    Err(crate::Error::content(uniq))
}

/// A file to write besides the pages: (site path, bytes).
type OutputFile = (String, Arc<[u8]>);

/// Files the stage published links to in the image cache.
type Linked = Vec<(String, PathBuf)>;

/// The files documents bring along: a raster image as the image stage made
/// it (its cache files to link when `link`, else their bytes), anything
/// else as it is.
fn asset_files(
    assets: &[Asset],
    pictures: &picture::Pictures,
    link: bool,
) -> Result<(Vec<OutputFile>, Linked), crate::Error> {
    let mut files: Vec<OutputFile> = Vec::new();
    let mut linked = Vec::new();
    let read = |p: &Path| crate::confine::read(p).map_err(crate::Error::io("io-cannot-read", p));
    for a in assets {
        let Some(p) = pictures.get(&a.dest) else {
            files.push((a.dest.clone(), Arc::from(read(&a.src)?)));
            continue;
        };
        for (path, v) in p.files(&a.dest) {
            match &v.file {
                Some(f) if link => linked.push((path, f.clone())),
                _ => {
                    let bytes = v
                        .bytes()
                        .map_err(crate::Error::io("io-cannot-read", &a.src))?;
                    files.push((path, bytes));
                }
            }
        }
    }
    Ok((files, linked))
}

/// Every file besides the pages and assets: the theme's static files
/// (but photos under static/, which the image stage published), the
/// highlight CSS and the data files.
#[allow(clippy::too_many_arguments)]
fn other_files(
    site: &Site,
    present: &crate::present::Presentation,
    theme: &Theme,
    urls: &Urls,
    bodies: &Bodies,
    specs: &[pages::Spec],
    frags: &FragmentSource,
    pictures: &picture::Pictures,
) -> Result<Vec<OutputFile>, crate::Error> {
    let mut files: Vec<OutputFile> = Vec::new();
    for (path, blob) in &theme.static_files {
        if pictures.contains_key(path) {
            continue;
        }
        let bytes = blob
            .read()
            .map_err(crate::Error::io("io-cannot-read-theme-file", path))?;
        files.push((path.clone(), Arc::from(bytes.into_owned())));
    }
    let css = highlight::highlight_css(&site.config.markdown.highlight_theme);
    files.push(("css/highlight.css".into(), Arc::from(css.into_bytes())));
    // The data files are independent: make them side by side.
    let (data_files, (index, filters)) = rayon::join(
        || data::files(site, urls, specs, frags),
        || {
            rayon::join(
                || search::search_index(site, present, bodies, urls, frags),
                || search::case_filters(site, present, urls, frags),
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
