//! Render: Markdown bodies, then every page of the URL map through the
//! theme's templates, plus feeds and data files, into a [`Sink`]. Nothing is
//! written until every document has rendered without errors, and the sink of
//! a real build is a temporary folder swapped in only on success.

pub mod charts;
pub mod data;
pub mod markdown;
pub mod pages;
pub mod search;
pub mod tera_env;
pub mod theme;
pub mod views;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics};
use crate::load::Section;
use crate::model::Site;
use crate::write::urls::{Urls, doc_path};
use markdown::{Asset, LinkEnv, Rendered};
use theme::Theme;

/// Where rendered files go. Implementations must be usable from many threads.
pub trait Sink: Sync {
    fn put(&self, site_path: &str, data: &[u8]) -> std::io::Result<()>;
    fn copy(&self, site_path: &str, src: &Path) -> std::io::Result<()> {
        let data = std::fs::read(src)?;
        self.put(site_path, &data)
    }
}

/// Discards everything: `check` renders every page to find template errors.
pub struct NullSink;

impl Sink for NullSink {
    fn put(&self, _: &str, _: &[u8]) -> std::io::Result<()> {
        Ok(())
    }
    fn copy(&self, _: &str, src: &Path) -> std::io::Result<()> {
        std::fs::metadata(src).map(|_| ())
    }
}

/// Progress callback: (done, total) in units of pages.
pub type Progress<'a> = &'a (dyn Fn(usize, usize) + Sync);

pub struct Options<'a> {
    pub urls: Urls,
    pub highlight: bool,
    pub progress: Option<Progress<'a>>,
}

/// Rendered Markdown of every published document, keyed by section and index.
pub struct Bodies {
    pub cases: Vec<Rendered>,
    pub summaries: Vec<Rendered>,
    pub brands: Vec<Rendered>,
    pub compilations: Vec<Rendered>,
    pub pages: Vec<Rendered>,
    pub home: Option<Rendered>,
}

/// Documents whose links other documents may follow: (abs path → page).
pub fn doc_index(site: &Site) -> HashMap<PathBuf, Option<String>> {
    let mut m = HashMap::new();
    for c in &site.cases {
        m.insert(
            c.doc.meta.abs_path.clone(),
            Some(doc_path(Section::Cases, &c.doc.meta.slug)),
        );
    }
    for s in &site.summaries {
        m.insert(
            s.doc.meta.abs_path.clone(),
            Some(doc_path(Section::Summaries, &s.doc.meta.slug)),
        );
    }
    for b in &site.brands {
        m.insert(
            b.doc.meta.abs_path.clone(),
            Some(doc_path(Section::Brands, &b.doc.meta.slug)),
        );
    }
    for c in &site.compilations {
        m.insert(
            c.doc.meta.abs_path.clone(),
            Some(doc_path(Section::Compilations, &c.doc.meta.slug)),
        );
    }
    for p in &site.pages {
        m.insert(
            p.meta.abs_path.clone(),
            Some(doc_path(Section::Pages, &p.meta.slug)),
        );
    }
    if let Some(h) = &site.home {
        m.insert(h.meta.abs_path.clone(), Some(String::new()));
    }
    for d in &site.excluded_drafts {
        m.insert(d.clone(), None);
    }
    m
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
    let docs = doc_index(site);
    let done = theme.t("task_done");
    let todo = theme.t("task_todo");
    let back = theme.t("footnote_back");
    let env = LinkEnv {
        root: &site.root,
        docs: &docs,
        routes,
        urls,
        unsafe_html: site.config.markdown.unsafe_html,
        highlight,
        task_labels: (&done, &todo),
        footnote_back: &back,
    };
    let one = |meta: &crate::doc::Meta, page: &str| {
        markdown::render(
            &env,
            &markdown::Input {
                body: &meta.body,
                body_line: meta.body_line,
                path: &meta.path,
                abs_path: &meta.abs_path,
                bundle_dir: meta.bundle_dir.as_deref(),
                page,
                from: page,
                id_prefix: "",
                link_override: None,
            },
        )
    };
    let cases: Vec<Rendered> = site
        .cases
        .par_iter()
        .map(|c| one(&c.doc.meta, &doc_path(Section::Cases, &c.doc.meta.slug)))
        .collect();
    let summaries = site
        .summaries
        .par_iter()
        .map(|s| one(&s.doc.meta, &doc_path(Section::Summaries, &s.doc.meta.slug)))
        .collect();
    let brands = site
        .brands
        .par_iter()
        .map(|b| one(&b.doc.meta, &doc_path(Section::Brands, &b.doc.meta.slug)))
        .collect();
    let compilations = site
        .compilations
        .par_iter()
        .map(|c| {
            one(
                &c.doc.meta,
                &doc_path(Section::Compilations, &c.doc.meta.slug),
            )
        })
        .collect();
    let pages = site
        .pages
        .par_iter()
        .map(|p| one(&p.meta, &doc_path(Section::Pages, &p.meta.slug)))
        .collect();
    let home = site.home.as_ref().map(|h| one(&h.meta, ""));
    let bodies = Bodies {
        cases,
        summaries,
        brands,
        compilations,
        pages,
        home,
    };

    let mut diags = Vec::new();
    let mut anchors: HashMap<&Path, &Vec<String>> = HashMap::new();
    let all = bodies_with_meta(site, &bodies);
    for (meta, r) in &all {
        anchors.insert(meta.abs_path.as_path(), &r.anchors);
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
                    .with_hint(markdown::anchor_hint(list)),
                );
            }
        }
    }
    (bodies, diags)
}

fn bodies_with_meta<'a>(
    site: &'a Site,
    b: &'a Bodies,
) -> Vec<(&'a crate::doc::Meta, &'a Rendered)> {
    let mut v: Vec<(&crate::doc::Meta, &Rendered)> = Vec::new();
    v.extend(site.cases.iter().map(|c| &c.doc.meta).zip(&b.cases));
    v.extend(site.summaries.iter().map(|c| &c.doc.meta).zip(&b.summaries));
    v.extend(site.brands.iter().map(|c| &c.doc.meta).zip(&b.brands));
    v.extend(
        site.compilations
            .iter()
            .map(|c| &c.doc.meta)
            .zip(&b.compilations),
    );
    v.extend(site.pages.iter().map(|c| &c.meta).zip(&b.pages));
    if let (Some(h), Some(r)) = (&site.home, &b.home) {
        v.push((&h.meta, r));
    }
    v
}

/// Files every document brings along: bundle assets and referenced files.
fn assets(site: &Site, bodies: &Bodies) -> Vec<Asset> {
    let mut out: Vec<Asset> = Vec::new();
    for (meta, r) in bodies_with_meta(site, bodies) {
        let page = match meta.section {
            Section::Home => String::new(),
            s => doc_path(s, &meta.slug),
        };
        if let Some(dir) = &meta.bundle_dir {
            for a in &meta.assets {
                out.push(Asset {
                    src: dir.join(a),
                    dest: format!("{page}{}", a.replace(' ', "-")),
                });
            }
        }
        out.extend(r.assets.iter().cloned());
    }
    out.sort();
    out.dedup_by(|a, b| a.dest == b.dest);
    out
}

/// Renders the whole site into `sink`. Content and template errors come
/// back as `Err` with every diagnostic; nothing useful has been written then.
pub fn render_site(
    site: &Site,
    theme: &Theme,
    opts: &Options,
    sink: &dyn Sink,
) -> Result<Diagnostics, crate::Error> {
    let urls = Arc::new(opts.urls.clone());
    let mut tera = tera_env::build(theme, urls.clone(), site.config.language).map_err(to_error)?;
    let specs = pages::enumerate(site);
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
    let (bodies, diags) = render_bodies(site, theme, &urls, &routes, opts.highlight);
    if diags.iter().any(Diagnostic::is_error) {
        return Err(to_error(diags));
    }
    let mut warnings = diags;

    let ctx = pages::Ctx::new(site, theme, &urls, &bodies, &routes, opts.highlight);
    pages::globals(&ctx, &mut tera);
    let total = specs.len();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let errors: Vec<Diagnostic> = specs
        .par_iter()
        .filter_map(|spec| {
            let r = pages::render_page(&ctx, &tera, spec, sink);
            if let Some(p) = opts.progress {
                let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                if n.is_multiple_of(64) || n == total {
                    p(n, total);
                }
            }
            r.err()
        })
        .collect();
    if !errors.is_empty() {
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
        return Err(to_error(uniq));
    }

    let io = |r: std::io::Result<()>, what: &str| {
        r.map_err(|e| crate::Error::Usage(format!("cannot write {what}: {e}")))
    };
    for a in assets(site, &bodies) {
        io(sink.copy(&a.dest, &a.src), &a.dest)?;
    }
    for (path, blob) in &theme.static_files {
        let bytes = blob
            .read()
            .map_err(|e| crate::Error::Usage(format!("cannot read theme file {path}: {e}")))?;
        io(sink.put(path, &bytes), path)?;
    }
    io(
        sink.put(
            "css/highlight.css",
            markdown::highlight_css(&site.config.markdown.highlight_theme).as_bytes(),
        ),
        "css/highlight.css",
    )?;
    for (path, bytes) in data::files(site, &urls, &specs) {
        io(sink.put(&path, &bytes), &path)?;
    }
    io(
        sink.put(
            search::SEARCH_INDEX,
            &search::search_index(site, &bodies, &urls),
        ),
        search::SEARCH_INDEX,
    )?;
    let t = |k: &str| theme.t(k);
    io(
        sink.put(search::CASE_FILTERS, &search::case_filters(site, &urls, &t)),
        search::CASE_FILTERS,
    )?;
    let _ = &mut warnings;
    let mut d = Diagnostics::new();
    d.extend(warnings);
    d.sort();
    Ok(d)
}

fn to_error(diags: Vec<Diagnostic>) -> crate::Error {
    let mut d = Diagnostics::new();
    d.extend(diags);
    d.sort();
    crate::Error::Content(d)
}
