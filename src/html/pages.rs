//! The URL map as a list of pages, and the template context of each page
//! type (documented in docs/theme.md).

use serde::Serialize;
use tera::{Context, Tera, Value};

use crate::diag::Diagnostic;
use crate::doc::fmt_date;
use crate::html::body;
use crate::html::gallery::{self, Owner};
use crate::html::picture::Pictures;
use crate::html::tera_env::{CURRENT_PATH, template_error};
use crate::html::theme::Theme;
use crate::html::views::{brand_logo, vocab_json};
use crate::html::{Bodies, charts};
use crate::load::Section;
use crate::markdown::{self, TocEntry};
use crate::model::{EventKind, Site, TaxKind};
use crate::output::Sink;
use crate::present::{BrandRef, Link, Presentation, brand_ref, term_ref};
use crate::urls::{Urls, doc_path, file_for, list_path};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Home,
    CaseList(usize),
    Case(usize),
    SummaryList,
    Summary(usize),
    BrandList,
    Brand(usize),
    CompilationList,
    Compilation(usize),
    CompilationPrint(usize),
    Honours,
    Stats,
    Search,
    TaxIndex(TaxKind),
    /// Taxonomy, term index, page number (1-based).
    Term(TaxKind, usize, usize),
    Page(usize),
    /// A gallery photo's large view: its document, its number (1-based).
    Photo(Owner, usize),
    /// `/albums/`, every gallery (成果图册).
    Albums,
    NotFound,
}

#[derive(Debug, Clone)]
pub struct Spec {
    /// Site path (`cases/x/`, `404.html`).
    pub path: String,
    pub kind: Kind,
}

impl Kind {
    pub fn template(self) -> &'static str {
        match self {
            Kind::Home => "index.html",
            Kind::CaseList(_) => "cases.html",
            Kind::Case(_) => "case.html",
            Kind::SummaryList => "summaries.html",
            Kind::Summary(_) => "summary.html",
            Kind::BrandList => "brands.html",
            Kind::Brand(_) => "brand.html",
            Kind::CompilationList => "compilations.html",
            Kind::Compilation(_) => "compilation.html",
            Kind::CompilationPrint(_) => "compilation_print.html",
            Kind::Honours => "honours.html",
            Kind::Stats => "stats.html",
            Kind::Search => "search.html",
            Kind::TaxIndex(_) => "taxonomy.html",
            Kind::Term(..) => "term.html",
            Kind::Page(_) => "page.html",
            Kind::Photo(..) => "photo.html",
            Kind::Albums => "albums.html",
            Kind::NotFound => "404.html",
        }
    }
    /// `page.kind` in templates.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Home => "home",
            Kind::CaseList(_) => "case_list",
            Kind::Case(_) => "case",
            Kind::SummaryList => "summary_list",
            Kind::Summary(_) => "summary",
            Kind::BrandList => "brand_list",
            Kind::Brand(_) => "brand",
            Kind::CompilationList => "compilation_list",
            Kind::Compilation(_) => "compilation",
            Kind::CompilationPrint(_) => "compilation_print",
            Kind::Honours => "honours",
            Kind::Stats => "stats",
            Kind::Search => "search",
            Kind::TaxIndex(_) => "taxonomy",
            Kind::Term(..) => "term",
            Kind::Page(_) => "page",
            Kind::Photo(..) => "photo",
            Kind::Albums => "albums",
            Kind::NotFound => "404",
        }
    }
}

/// The site path of the albums page.
pub(crate) const ALBUMS: &str = "albums/";

fn pages_for(count: usize, per: usize) -> usize {
    count.div_ceil(per.max(1)).max(1)
}

/// Every HTML page of the site, in a fixed order.
pub fn enumerate(site: &Site) -> Vec<Spec> {
    let per = site.config.paginate;
    let mut v = vec![Spec {
        path: String::new(),
        kind: Kind::Home,
    }];
    for p in 1..=pages_for(site.cases.len(), per) {
        v.push(Spec {
            path: list_path("cases/", p),
            kind: Kind::CaseList(p),
        });
    }
    for (i, c) in site.cases.iter().enumerate() {
        v.push(Spec {
            path: doc_path(Section::Cases, &c.doc.meta.slug),
            kind: Kind::Case(i),
        });
    }
    v.push(Spec {
        path: "summaries/".into(),
        kind: Kind::SummaryList,
    });
    for (i, s) in site.summaries.iter().enumerate() {
        v.push(Spec {
            path: doc_path(Section::Summaries, &s.doc.meta.slug),
            kind: Kind::Summary(i),
        });
    }
    v.push(Spec {
        path: "brands/".into(),
        kind: Kind::BrandList,
    });
    for (i, b) in site.brands.iter().enumerate() {
        v.push(Spec {
            path: doc_path(Section::Brands, &b.doc.meta.slug),
            kind: Kind::Brand(i),
        });
    }
    v.push(Spec {
        path: "compilations/".into(),
        kind: Kind::CompilationList,
    });
    for (i, c) in site.compilations.iter().enumerate() {
        let p = doc_path(Section::Compilations, &c.doc.meta.slug);
        v.push(Spec {
            path: format!("{p}print/"),
            kind: Kind::CompilationPrint(i),
        });
        v.push(Spec {
            path: p,
            kind: Kind::Compilation(i),
        });
    }
    v.push(Spec {
        path: "honours/".into(),
        kind: Kind::Honours,
    });
    v.push(Spec {
        path: "stats/".into(),
        kind: Kind::Stats,
    });
    v.push(Spec {
        path: "search/".into(),
        kind: Kind::Search,
    });
    for kind in TaxKind::ALL {
        v.push(Spec {
            path: format!("{}/", kind.name()),
            kind: Kind::TaxIndex(kind),
        });
        for (ti, t) in site.taxonomy(kind).terms.iter().enumerate() {
            let base = format!("{}/{}/", kind.name(), t.slug);
            for p in 1..=pages_for(t.cases.len(), per) {
                v.push(Spec {
                    path: list_path(&base, p),
                    kind: Kind::Term(kind, ti, p),
                });
            }
        }
    }
    for (i, p) in site.pages.iter().enumerate() {
        v.push(Spec {
            path: doc_path(Section::Pages, &p.meta.slug),
            kind: Kind::Page(i),
        });
    }
    let owners = gallery::owners(site);
    for &o in &owners {
        for n in 1..=o.photos(site).len() {
            v.push(Spec {
                path: gallery::photo_page(site, o, n),
                kind: Kind::Photo(o, n),
            });
        }
    }
    if !owners.is_empty() {
        v.push(Spec {
            path: ALBUMS.into(),
            kind: Kind::Albums,
        });
    }
    v.push(Spec {
        path: "404.html".into(),
        kind: Kind::NotFound,
    });
    v
}

/// Shared, precomputed material for rendering pages.
pub struct Ctx<'a> {
    pub site: &'a Site,
    pub theme: &'a Theme,
    pub urls: &'a Urls,
    pub bodies: &'a Bodies,
    pub highlight: bool,
    /// What the pages show, resolved once for every page and data file.
    pub(crate) present: Presentation<'a>,
    /// The presentation's card of every case as template values (cheap to
    /// clone), made on first use: an incremental rebuild renders few pages.
    cards: Vec<std::sync::OnceLock<Value>>,
    docs: &'a std::collections::HashMap<std::path::PathBuf, Option<String>>,
    routes: &'a std::collections::HashSet<String>,
    /// Inputs of page fingerprints (dev server only), see fingerprint.rs.
    pub(crate) fp: Option<crate::html::incremental::fingerprint::Inputs>,
    /// The case list's filter choices (the same on every list page).
    filters: Value,
    /// Print-view bodies of the previous dev-server build, and this build's.
    pub(crate) print_cache: Option<&'a PrintCache>,
    pub(crate) print_used: std::sync::Mutex<PrintCache>,
    /// Compilation pages link `<slug>.pdf` (see [`crate::html::Options`]).
    pub(crate) pdf_links: bool,
    pub(crate) docx_links: bool,
    /// The image stage's pictures (galleries, albums); none when only
    /// links are checked.
    pub(crate) pictures: Option<&'a Pictures>,
}

/// (case file, print page) → (key, body HTML).
pub type PrintCache = rustc_hash::FxHashMap<(u64, String), (u64, std::sync::Arc<String>)>;

impl<'a> Ctx<'a> {
    pub fn new(
        site: &'a Site,
        theme: &'a Theme,
        urls: &'a Urls,
        bodies: &'a Bodies,
        routes: &'a std::collections::HashSet<String>,
        docs: &'a std::collections::HashMap<std::path::PathBuf, Option<String>>,
        highlight: bool,
    ) -> Ctx<'a> {
        let cards = (0..site.cases.len())
            .map(|_| std::sync::OnceLock::new())
            .collect();
        let present = Presentation::new(site, &|k: &str| theme.t(k));
        let filters = Value::from_serializable(&filters(site, &present));
        Ctx {
            site,
            theme,
            urls,
            bodies,
            highlight,
            present,
            cards,
            docs,
            routes,
            fp: None,
            filters,
            print_cache: None,
            print_used: Default::default(),
            pdf_links: false,
            docx_links: false,
            pictures: None,
        }
    }

    fn remember_print(&self, key: (u64, String), hash: u64, html: std::sync::Arc<String>) {
        if self.print_cache.is_some()
            && let Ok(mut m) = self.print_used.lock()
        {
            m.insert(key, (hash, html));
        }
    }

    fn t(&self, key: &str) -> String {
        self.theme.t(key)
    }

    /// A document's gallery for its page (empty without pictures).
    fn gallery(&self, owner: Owner) -> Vec<gallery::PhotoView> {
        self.pictures
            .map(|p| gallery::gallery_view(self.site, p, owner))
            .unwrap_or_default()
    }

    fn card(&self, i: usize) -> Value {
        self.cards[i]
            .get_or_init(|| Value::from_serializable(&self.present.card(i)))
            .clone()
    }

    fn cards(&self, idx: impl IntoIterator<Item = usize>) -> Value {
        Value::from(
            idx.into_iter()
                .map(|i| self.card(i))
                .collect::<Vec<Value>>(),
        )
    }
}

/// Values every template sees.
pub fn globals(ctx: &Ctx, tera: &mut Tera) {
    let g = tera.global_context();
    for (k, v) in globals_json(ctx) {
        g.insert(k, &v);
    }
}

/// The values of [`globals`], as JSON (also hashed for page fingerprints).
pub fn globals_json(ctx: &Ctx) -> Vec<(&'static str, serde_json::Value)> {
    let site = ctx.site;
    let c = &site.config;
    let mut g: Vec<(&'static str, serde_json::Value)> = Vec::new();
    g.push((
        "site",
        serde_json::json!({
            "title": c.title,
            "description": c.description,
            "base_url": c.base_url,
            "language": c.language.code(),
            "accent_color": c.accent_color,
            // Text colour (white or near-black) that contrasts with the accent.
            "accent_text": text_on(&c.accent_color),
            "highlight_theme": c.markdown.highlight_theme,
            "extra": c.extra,
            "drafts": site.drafts,
            "offline": ctx.urls.offline(),
            "counts": {
                "cases": site.cases.len(),
                "summaries": site.summaries.len(),
                "brands": site.brands.len(),
                "compilations": site.compilations.len(),
                "albums": gallery::owners(site).len(),
            },
        }),
    ));
    g.push((
        "t",
        serde_json::Value::Object(ctx.theme.translations.clone()),
    ));
    g.push(("vocab", vocab_json(c)));
    g.push((
        "stats",
        serde_json::to_value(&site.stats).unwrap_or_default(),
    ));
    let pages: Vec<Link> = site
        .pages
        .iter()
        .map(|p| Link {
            title: p.title.clone(),
            path: doc_path(Section::Pages, &p.meta.slug),
        })
        .collect();
    g.push(("pages", serde_json::to_value(&pages).unwrap_or_default()));
    g
}

#[derive(Serialize)]
struct PageInfo<'a> {
    kind: &'static str,
    path: &'a str,
    title: String,
    description: String,
    canonical: String,
    breadcrumbs: Vec<Link>,
    /// Prefix from this page to the site root, for scripts.
    root: String,
}

#[derive(Serialize)]
struct PageLink {
    number: usize,
    path: String,
    current: bool,
    /// Stands for skipped pages ("…"): no link.
    gap: bool,
}

/// Page links around `page`: the first, the last, two either side of the
/// current one, and gaps between. Listing every page would make a
/// 200-page list quadratic to render.
fn page_window(base: &str, page: usize, total: usize) -> Vec<PageLink> {
    let mut out: Vec<PageLink> = Vec::new();
    let mut last = 0;
    for n in 1..=total {
        if n == 1 || n == total || n.abs_diff(page) <= 2 {
            if n > last + 1 {
                out.push(PageLink {
                    number: 0,
                    path: String::new(),
                    current: false,
                    gap: true,
                });
            }
            out.push(PageLink {
                number: n,
                path: list_path(base, n),
                current: n == page,
                gap: false,
            });
            last = n;
        }
    }
    out
}

#[derive(Serialize)]
struct PaginatorInfo {
    number: usize,
    total_pages: usize,
    total_items: usize,
    per_page: usize,
    first: String,
    last: String,
    prev: Option<String>,
    next: Option<String>,
    pages: Vec<PageLink>,
}

fn paginator(
    base: &str,
    page: usize,
    total_items: usize,
    per: usize,
) -> (PaginatorInfo, std::ops::Range<usize>) {
    let total_pages = pages_for(total_items, per);
    let start = ((page - 1) * per).min(total_items);
    let end = (start + per).min(total_items);
    (
        PaginatorInfo {
            number: page,
            total_pages,
            total_items,
            per_page: per,
            first: list_path(base, 1),
            last: list_path(base, total_pages),
            prev: (page > 1).then(|| list_path(base, page - 1)),
            next: (page < total_pages).then(|| list_path(base, page + 1)),
            pages: page_window(base, page, total_pages),
        },
        start..end,
    )
}

fn link(title: impl Into<String>, path: impl Into<String>) -> Link {
    Link {
        title: title.into(),
        path: path.into(),
    }
}

/// Renders one page into the sink; a template error becomes a diagnostic.
pub fn render_page(ctx: &Ctx, tera: &Tera, spec: &Spec, sink: &dyn Sink) -> Result<(), Diagnostic> {
    let mut c = Context::new();
    let (title, description, crumbs) = fill(ctx, spec, &mut c);
    let site = ctx.site;
    let home = link(ctx.t("home"), "");
    let mut breadcrumbs = vec![home];
    breadcrumbs.extend(crumbs);
    let info = PageInfo {
        kind: spec.kind.name(),
        path: &spec.path,
        title,
        description: if description.is_empty() {
            site.config.description.clone()
        } else {
            crate::text::truncate_chars(&description, 160)
        },
        canonical: ctx.urls.absolute(&spec.path),
        breadcrumbs: if spec.kind == Kind::Home {
            Vec::new()
        } else {
            breadcrumbs
        },
        root: ctx.urls.root(&spec.path),
    };
    c.insert("page", &info);
    c.insert(CURRENT_PATH, &spec.path);
    // Rendered straight into bytes: `render` would validate the UTF-8 again.
    let mut html: Vec<u8> = Vec::with_capacity(32 * 1024);
    tera.render_to(spec.kind.template(), &c, &mut html)
        .map_err(|e| template_error(ctx.theme, &e))?;
    sink.put(&file_for(&spec.path), &html).map_err(|e| {
        Diagnostic::error(
            &spec.path,
            crate::diag::Pos::START,
            crate::msg!("html-page-cannot-write", cause = crate::io_cause(&e)),
        )
    })
}

/// What a page's own context gives the page head: (title, description,
/// breadcrumbs after home).
type PageHead = (String, String, Vec<Link>);

/// Page-specific context: one function per page family.
fn fill(ctx: &Ctx, spec: &Spec, c: &mut Context) -> PageHead {
    match spec.kind {
        Kind::Home => fill_home(ctx, c),
        Kind::CaseList(p) => fill_case_list(ctx, p, c),
        Kind::Case(i) => fill_case(ctx, i, c),
        Kind::SummaryList => fill_summary_list(ctx, c),
        Kind::Summary(i) => fill_summary(ctx, i, c),
        Kind::BrandList => fill_brand_list(ctx, c),
        Kind::Brand(b) => fill_brand(ctx, b, c),
        Kind::CompilationList => fill_compilation_list(ctx, c),
        Kind::Compilation(k) => fill_compilation(ctx, k, None, c),
        Kind::CompilationPrint(k) => fill_compilation(ctx, k, Some(&spec.path), c),
        Kind::Honours => fill_honours(ctx, c),
        Kind::Stats => fill_stats(ctx, c),
        Kind::Search => (
            ctx.t("search"),
            String::new(),
            vec![link(ctx.t("search"), "search/")],
        ),
        Kind::TaxIndex(kind) => fill_taxonomy(ctx, kind, c),
        Kind::Term(kind, ti, p) => fill_term(ctx, kind, ti, p, c),
        Kind::Page(i) => fill_page(ctx, i, c),
        Kind::Photo(o, n) => fill_photo(ctx, o, n, c),
        Kind::Albums => fill_albums(ctx, c),
        Kind::NotFound => (ctx.t("not_found"), String::new(), vec![]),
    }
}

/// "Title · Page n" beyond the first page of a list.
fn paged_title(ctx: &Ctx, title: String, page: usize) -> String {
    if page > 1 {
        format!(
            "{title} · {}",
            ctx.t("page_n").replace("{n}", &page.to_string())
        )
    } else {
        title
    }
}

fn fill_home(ctx: &Ctx, c: &mut Context) -> PageHead {
    let site = ctx.site;
    let h = site.home.as_ref();
    let body = ctx
        .bodies
        .home
        .as_ref()
        .map(|r| r.html.clone())
        .unwrap_or_default();
    c.insert(
        "home",
        &serde_json::json!({
            "title": h.map_or(site.config.title.clone(), |h| h.title.clone()),
            "hero": h.and_then(|h| h.hero.clone()),
            "content": body,
            "extra": h.map(|h| h.meta.extra.clone()),
        }),
    );
    c.insert("figures", &home_figures(ctx));
    let featured_brands: Vec<usize> = match h {
        Some(h) if !h.brands.is_empty() => h
            .brands
            .iter()
            .filter_map(|b| site.brand_index(b))
            .collect(),
        _ => (0..site.brands.len()).collect(),
    };
    c.insert(
        "featured_brands",
        &featured_brands
            .iter()
            .map(|&b| brand_view(ctx, b, false))
            .collect::<Vec<_>>(),
    );
    let featured: Vec<usize> = (0..site.cases.len())
        .filter(|&i| site.cases[i].doc.featured)
        .take(6)
        .collect();
    c.insert_value("featured_cases", ctx.cards(featured));
    c.insert_value("latest_cases", ctx.cards(0..site.cases.len().min(6)));
    c.insert(
        "latest_summary",
        &site.summaries.first().map(|_| summary_view(ctx, 0, false)),
    );
    c.insert(
        "compilations",
        &(0..site.compilations.len())
            .map(|i| compilation_ref(site, i))
            .collect::<Vec<_>>(),
    );
    (
        h.map_or(site.config.title.clone(), |h| h.title.clone()),
        String::new(),
        vec![],
    )
}

fn fill_case_list(ctx: &Ctx, p: usize, c: &mut Context) -> PageHead {
    let site = ctx.site;
    let (pg, range) = paginator("cases/", p, site.cases.len(), site.config.paginate);
    c.insert("paginator", &pg);
    c.insert_value("cases", ctx.cards(range));
    c.insert_value("filters", ctx.filters.clone());
    (
        paged_title(ctx, ctx.t("cases"), p),
        String::new(),
        vec![link(ctx.t("cases"), "cases/")],
    )
}

fn fill_case(ctx: &Ctx, i: usize, c: &mut Context) -> PageHead {
    let site = ctx.site;
    let body = &ctx.bodies.cases[i];
    let entry = &site.cases[i];
    // The case is its card (already made for lists) plus its body.
    let mut case: tera::Map = ctx.card(i).as_map().cloned().unwrap_or_default();
    case.insert("content".into(), Value::from(body.html.as_str()));
    case.insert("toc".into(), Value::from_serializable(&body.toc));
    case.insert(
        "recognition".into(),
        Value::from_serializable(&ctx.present.recognition(i)),
    );
    // The summary as written, shown under the title; the card's summary
    // falls back to the first paragraph, which the page shows anyway.
    case.insert("lede".into(), Value::from_serializable(&entry.doc.summary));
    c.insert_value("case", Value::from(case));
    c.insert("gallery", &ctx.gallery(Owner::Case(i)));
    c.insert("compilation_nav", &compilation_nav(site, i));
    c.insert_value("related", ctx.cards(entry.related.iter().copied()));
    let d = &entry.doc;
    let path = doc_path(Section::Cases, &d.meta.slug);
    (
        d.title.clone(),
        entry.summary.clone(),
        vec![link(ctx.t("cases"), "cases/"), link(d.title.clone(), path)],
    )
}

/// The case's place in each compilation it belongs to: number, previous
/// and next member.
fn compilation_nav(site: &Site, i: usize) -> Vec<serde_json::Value> {
    site.cases[i]
        .compilations
        .iter()
        .map(|&k| {
            let comp = &site.compilations[k];
            let pos = comp.order.iter().position(|&m| m == i);
            let number = pos.map(|p| p + 1);
            let prev = pos.and_then(|p| p.checked_sub(1)).map(|p| comp.order[p]);
            let next = pos.and_then(|p| comp.order.get(p + 1).copied());
            let mk = |j: usize| {
                link(
                    site.cases[j].doc.title.clone(),
                    doc_path(Section::Cases, &site.cases[j].doc.meta.slug),
                )
            };
            serde_json::json!({
                "compilation": compilation_ref(site, k),
                "number": number,
                "total": comp.order.len(),
                "prev": prev.map(mk),
                "next": next.map(mk),
            })
        })
        .collect()
}

fn fill_summary_list(ctx: &Ctx, c: &mut Context) -> PageHead {
    c.insert(
        "summaries",
        &(0..ctx.site.summaries.len())
            .map(|i| summary_view(ctx, i, false))
            .collect::<Vec<_>>(),
    );
    (
        ctx.t("summaries"),
        String::new(),
        vec![link(ctx.t("summaries"), "summaries/")],
    )
}

fn fill_summary(ctx: &Ctx, i: usize, c: &mut Context) -> PageHead {
    let v = summary_view(ctx, i, true);
    let crumbs = vec![
        link(ctx.t("summaries"), "summaries/"),
        link(v.title.clone(), v.path.clone()),
    ];
    let (title, desc) = (v.title.clone(), v.summary.clone());
    c.insert("summary", &v);
    c.insert("gallery", &ctx.gallery(Owner::Summary(i)));
    (title, desc, crumbs)
}

fn fill_brand_list(ctx: &Ctx, c: &mut Context) -> PageHead {
    c.insert(
        "brands",
        &(0..ctx.site.brands.len())
            .map(|b| brand_view(ctx, b, false))
            .collect::<Vec<_>>(),
    );
    (
        ctx.t("brands"),
        String::new(),
        vec![link(ctx.t("brands"), "brands/")],
    )
}

fn fill_brand(ctx: &Ctx, b: usize, c: &mut Context) -> PageHead {
    let v = brand_view(ctx, b, true);
    let crumbs = vec![
        link(ctx.t("brands"), "brands/"),
        link(v.title.clone(), v.path.clone()),
    ];
    let (title, desc) = (
        v.title.clone(),
        v.summary.clone().or(v.slogan.clone()).unwrap_or_default(),
    );
    c.insert("brand", &v);
    c.insert("gallery", &ctx.gallery(Owner::Brand(b)));
    c.insert_value("cases", ctx.cards(ctx.site.brands[b].cases.iter().copied()));
    (title, desc, crumbs)
}

fn fill_compilation_list(ctx: &Ctx, c: &mut Context) -> PageHead {
    c.insert(
        "compilations",
        &(0..ctx.site.compilations.len())
            .map(|i| compilation_ref(ctx.site, i))
            .collect::<Vec<_>>(),
    );
    (
        ctx.t("compilations"),
        String::new(),
        vec![link(ctx.t("compilations"), "compilations/")],
    )
}

/// A compilation's page, or with `print_path` (the page's own site path)
/// its print view, which also holds every member's body.
fn fill_compilation(ctx: &Ctx, k: usize, print_path: Option<&str>, c: &mut Context) -> PageHead {
    let t = |k: &str| ctx.t(k);
    let r = compilation_ref(ctx.site, k);
    let print = print_path.map(|from| (print_members(ctx.site, k), from));
    c.insert("compilation", &r);
    c.insert("content", &ctx.bodies.compilations[k].html);
    if ctx.pdf_links {
        c.insert("pdf_path", &format!("{}{}.pdf", r.path, r.slug));
    }
    if ctx.docx_links {
        c.insert("docx_path", &format!("{}{}.docx", r.path, r.slug));
    }
    c.insert_value("chapters", compilation_chapters(ctx, k, print.as_ref()));
    let mut crumbs = vec![
        link(t("compilations"), "compilations/"),
        link(r.title.clone(), r.path.clone()),
    ];
    let mut title = r.title.clone();
    if print.is_some() {
        crumbs.push(link(t("print_view"), r.print_path.clone()));
        title = format!("{title} · {}", t("print_view"));
    }
    (title, r.summary.clone().unwrap_or_default(), crumbs)
}

/// The chapters of a volume and their members' cards; for the print view
/// (members, and the page they are shown on) each member's body too.
/// Built as Tera values: members reuse the build's cached card values
/// (shared, not copied) and no JSON tree of the whole volume is made and
/// converted again.
fn compilation_chapters(ctx: &Ctx, k: usize, print: Option<&(PrintMembers, &str)>) -> Value {
    use rayon::prelude::*;
    let site = ctx.site;
    let chapters: Vec<Value> = ctx
        .present
        .volume(k)
        .into_iter()
        .map(|ch| {
            let members: Vec<Value> = ch
                .members
                .par_iter()
                .map(|m| {
                    let mut v = std::collections::BTreeMap::new();
                    v.insert("number", Value::from(m.number));
                    v.insert("case", ctx.card(m.case));
                    v.insert(
                        "anchor",
                        Value::from(format!("case-{}", site.cases[m.case].doc.meta.slug)),
                    );
                    if let Some((pm, from)) = print {
                        let html = print_body(ctx, pm, m.number, m.case, from);
                        v.insert("content", Value::from(html.as_str()));
                        v.insert(
                            "recognition",
                            Value::from_serializable(&ctx.present.recognition(m.case)),
                        );
                    }
                    Value::from(v)
                })
                .collect();
            let mut v = std::collections::BTreeMap::new();
            v.insert("number", Value::from(ch.number));
            v.insert("title", Value::from(ch.title));
            v.insert("cases", Value::from(members));
            Value::from(v)
        })
        .collect();
    Value::from(chapters)
}

fn fill_honours(ctx: &Ctx, c: &mut Context) -> PageHead {
    let t = |k: &str| ctx.t(k);
    c.insert("honours", &honours_view(ctx.site, &ctx.present));
    (
        t("honours"),
        String::new(),
        vec![link(t("honours"), "honours/")],
    )
}

fn fill_stats(ctx: &Ctx, c: &mut Context) -> PageHead {
    let t = |k: &str| ctx.t(k);
    c.insert("charts", &charts::charts(ctx.site, &ctx.present, &t));
    (t("stats"), String::new(), vec![link(t("stats"), "stats/")])
}

fn fill_taxonomy(ctx: &Ctx, kind: TaxKind, c: &mut Context) -> PageHead {
    let tax = ctx.site.taxonomy(kind);
    let terms: Vec<serde_json::Value> = tax
        .terms
        .iter()
        .map(|term| serde_json::json!({"name": term.name, "slug": term.slug, "path": format!("{}/{}/", kind.name(), term.slug), "count": term.cases.len()}))
        .collect();
    let title = ctx.t(kind.name());
    c.insert("taxonomy", &serde_json::json!({"kind": kind.name(), "title": title, "path": format!("{}/", kind.name()), "terms": terms}));
    (
        title.clone(),
        String::new(),
        vec![link(title, format!("{}/", kind.name()))],
    )
}

fn fill_term(ctx: &Ctx, kind: TaxKind, ti: usize, p: usize, c: &mut Context) -> PageHead {
    let site = ctx.site;
    let term = &site.taxonomy(kind).terms[ti];
    let base = format!("{}/{}/", kind.name(), term.slug);
    let (pg, range) = paginator(&base, p, term.cases.len(), site.config.paginate);
    let tax_title = ctx.t(kind.name());
    c.insert("taxonomy", &serde_json::json!({"kind": kind.name(), "title": tax_title, "path": format!("{}/", kind.name())}));
    c.insert("term", &serde_json::json!({"name": term.name, "slug": term.slug, "path": base, "count": term.cases.len()}));
    c.insert("paginator", &pg);
    c.insert_value("cases", ctx.cards(term.cases[range].iter().copied()));
    let title = paged_title(ctx, format!("{} · {}", term.name, tax_title), p);
    (
        title,
        String::new(),
        vec![
            link(tax_title, format!("{}/", kind.name())),
            link(term.name.clone(), base),
        ],
    )
}

fn fill_page(ctx: &Ctx, i: usize, c: &mut Context) -> PageHead {
    let p = &ctx.site.pages[i];
    let path = doc_path(Section::Pages, &p.meta.slug);
    c.insert(
        "doc",
        &serde_json::json!({
            "title": p.title, "slug": p.meta.slug, "path": path,
            "date": p.date.map(fmt_date), "content": ctx.bodies.pages[i].html,
            "toc": ctx.bodies.pages[i].toc, "extra": p.meta.extra,
        }),
    );
    (
        p.title.clone(),
        crate::text::first_paragraph(&p.meta.body),
        vec![link(p.title.clone(), path)],
    )
}

/// A member's body for the print view: ids prefixed per case, links to
/// other members pointing at their place in the volume.
/// Links from a compilation's print view to its members' places in it.
struct PrintMembers {
    anchors: std::collections::HashMap<String, String>,
    /// Hash of the member list (part of each body's cache key).
    key: u64,
}

fn print_members(site: &Site, comp: usize) -> PrintMembers {
    use std::hash::{Hash, Hasher};
    let mut h = xxhash_rust::xxh3::Xxh3Default::new();
    let anchors = site.compilations[comp]
        .order
        .iter()
        .map(|&m| {
            let slug = &site.cases[m].doc.meta.slug;
            slug.hash(&mut h);
            (doc_path(Section::Cases, slug), format!("#case-{slug}"))
        })
        .collect();
    PrintMembers {
        anchors,
        key: h.finish(),
    }
}

/// A member's body for the print view: ids prefixed per case, links to
/// other members pointing at their place in the volume. Cached between
/// dev-server builds: a volume re-renders only the members that changed.
fn print_body(
    ctx: &Ctx,
    members: &PrintMembers,
    number: usize,
    case: usize,
    from: &str,
) -> std::sync::Arc<String> {
    use std::hash::{Hash, Hasher};
    let site = ctx.site;
    let c = &site.cases[case];
    let prefix = format!("c{number}-");
    let key = {
        let mut h = xxhash_rust::xxh3::Xxh3Default::new();
        // body_key: the file and its folder's photos (their <img> sizes).
        let body = crate::html::incremental::body_key(&c.doc.meta, "");
        (body, &prefix, members.key, from).hash(&mut h);
        h.finish()
    };
    let cache_key = (c.doc.meta.id, from.to_string());
    if let Some((k, html)) = ctx.print_cache.and_then(|m| m.get(&cache_key))
        && *k == key
    {
        ctx.remember_print(cache_key, key, html.clone());
        return html.clone();
    }
    let env = body::Env::new(
        site,
        ctx.theme,
        ctx.docs,
        ctx.routes,
        ctx.urls,
        ctx.highlight,
    );
    let over = |page: &str| members.anchors.get(page).cloned();
    let page = doc_path(Section::Cases, &c.doc.meta.slug);
    let r = body::render(
        &env,
        &markdown::Input {
            body: &c.doc.meta.body,
            body_line: c.doc.meta.body_line,
            path: &c.doc.meta.path,
            abs_path: &c.doc.meta.abs_path,
            bundle_dir: c.doc.meta.bundle_dir.as_deref(),
            page: &page,
            from,
            id_prefix: &prefix,
            heading_shift: 2,
            link_override: Some(&over),
        },
        body::Code {
            keep: false,
            reuse: Some(&ctx.bodies.cases[case].code),
        },
    );
    let html = std::sync::Arc::new(r.html);
    ctx.remember_print(cache_key, key, html.clone());
    html
}

#[derive(Serialize)]
struct Figure {
    value: u64,
    label: String,
    path: Option<String>,
}

fn home_figures(ctx: &Ctx) -> Vec<Figure> {
    let t = |k: &str| ctx.t(k);
    let s = &ctx.site.stats;
    let levels = ctx.present.levels();
    let (top, second) = match levels {
        [] => ("", ""),
        [a] => (a.id.as_str(), a.label.as_str()),
        [a, b, ..] => (a.id.as_str(), b.label.as_str()),
    };
    let top_label = levels.first().map_or("", |l| l.label.as_str());
    let at = |key: &str, label: &str| t(key).replace("{level}", label);
    let approvals_high: u64 = levels
        .iter()
        .take(2)
        .map(|l| s.approvals.by_level.get(&l.id).copied().unwrap_or(0))
        .sum();
    vec![
        Figure {
            value: s.cases,
            label: t("fig_cases"),
            path: Some("cases/".into()),
        },
        Figure {
            value: s.honours.by_level.get(top).copied().unwrap_or(0),
            label: at("fig_honours_at", top_label),
            path: Some("honours/".into()),
        },
        Figure {
            value: approvals_high,
            label: at("fig_approvals_at_least", second),
            path: Some("honours/".into()),
        },
        Figure {
            value: s.pilots.accepted_by_level.get(top).copied().unwrap_or(0),
            label: at("fig_pilots_accepted_at", top_label),
            path: Some("honours/".into()),
        },
    ]
}

#[derive(Serialize)]
struct FilterOption {
    id: String,
    label: String,
    count: usize,
}

/// Choices for the case list's live filters.
fn filters(site: &Site, present: &Presentation) -> serde_json::Value {
    let terms = |k: TaxKind| -> Vec<FilterOption> {
        let mut v: Vec<FilterOption> = site
            .taxonomy(k)
            .terms
            .iter()
            .map(|t| FilterOption {
                id: t.slug.clone(),
                label: t.name.clone(),
                count: t.cases.len(),
            })
            .collect();
        if k != TaxKind::Years {
            v.sort_by(|a, b| a.label.cmp(&b.label));
        }
        v
    };
    let kinds: Vec<FilterOption> = present
        .reform_kinds()
        .iter()
        .map(|k| FilterOption {
            id: k.id.clone(),
            label: k.label.clone(),
            count: site
                .cases
                .iter()
                .filter(|c| c.doc.kind.as_deref() == Some(&k.id))
                .count(),
        })
        .collect();
    // Counted from front matter ids, not from the cases' records: the
    // records are made per case on first use, and these counts are needed
    // by every build, incremental ones too.
    let levels: Vec<FilterOption> = present
        .levels()
        .iter()
        .map(|l| FilterOption {
            id: l.id.clone(),
            label: l.label.clone(),
            count: site
                .cases
                .iter()
                .filter(|c| {
                    c.doc.approvals.iter().any(|a| a.level == l.id)
                        || c.doc.honours.iter().any(|h| h.level == l.id)
                })
                .count(),
        })
        .collect();
    serde_json::json!({
        "fields": terms(TaxKind::Fields),
        "regions": terms(TaxKind::Regions),
        "years": terms(TaxKind::Years),
        "kinds": kinds,
        "levels": levels,
    })
}

#[derive(Serialize)]
pub struct SummaryView<'a> {
    slug: String,
    title: String,
    path: String,
    date: String,
    period: Option<String>,
    summary: String,
    brands: Vec<BrandRef<'a>>,
    tags: Vec<serde_json::Value>,
    metrics: Vec<serde_json::Value>,
    highlights: Vec<String>,
    content: Option<String>,
    toc: Vec<TocEntry>,
}

fn summary_view<'a>(ctx: &Ctx<'a>, i: usize, full: bool) -> SummaryView<'a> {
    let site = ctx.site;
    let s = &site.summaries[i];
    let d = &s.doc;
    SummaryView {
        slug: d.meta.slug.clone(),
        title: d.title.clone(),
        path: doc_path(Section::Summaries, &d.meta.slug),
        date: fmt_date(d.date),
        period: d.period.clone(),
        summary: s.summary.clone(),
        brands: s.brands.iter().map(|&b| brand_ref(site, b)).collect(),
        tags: d
            .tags
            .iter()
            .map(|name| match term_ref(site, TaxKind::Tags, name) {
                Some(r) => serde_json::json!({"name": r.name, "path": r.path}),
                None => serde_json::json!({"name": name, "path": null}),
            })
            .collect(),
        metrics: d
            .metrics
            .iter()
            .map(|m| {
                let percent = m
                    .target
                    .map(|t| (m.value / t * 100.0).clamp(0.0, 100.0).round());
                serde_json::json!({
                    "label": m.label, "value": m.value, "target": m.target, "unit": m.unit,
                    "value_text": crate::html::tera_env::format_number(m.value),
                    "target_text": m.target.map(crate::html::tera_env::format_number),
                    "percent": percent,
                })
            })
            .collect(),
        highlights: d.highlights.clone(),
        content: full.then(|| ctx.bodies.summaries[i].html.clone()),
        toc: if full {
            ctx.bodies.summaries[i].toc.clone()
        } else {
            Vec::new()
        },
    }
}

#[derive(Serialize)]
pub struct BrandView {
    slug: String,
    title: String,
    path: String,
    slogan: Option<String>,
    summary: Option<String>,
    logo: Option<String>,
    color: Option<String>,
    /// Text colour with enough contrast on `color`.
    text_color: String,
    figures: Vec<Figure>,
    milestones: Vec<crate::doc::Milestone>,
    media: Vec<crate::doc::Media>,
    summaries: Vec<serde_json::Value>,
    case_count: usize,
    content: Option<String>,
}

pub(crate) fn brand_view(ctx: &Ctx, b: usize, full: bool) -> BrandView {
    let site = ctx.site;
    let t = |k: &str| ctx.t(k);
    let e = &site.brands[b];
    let d = &e.doc;
    let path = doc_path(Section::Brands, &d.meta.slug);
    let logo = brand_logo(site, b).map(|(p, _)| p);
    let top = ctx
        .present
        .levels()
        .first()
        .map(|l| (l.id.clone(), l.label.clone()))
        .unwrap_or_default();
    let cases = &e.cases;
    let count = |f: &dyn Fn(&crate::model::CaseEntry) -> usize| {
        cases.iter().map(|&i| f(&site.cases[i])).sum::<usize>() as u64
    };
    let figures = vec![
        Figure {
            value: cases.len() as u64,
            label: t("fig_cases"),
            path: None,
        },
        Figure {
            value: count(&|c| c.doc.approvals.len()),
            label: t("approvals"),
            path: None,
        },
        Figure {
            value: count(&|c| c.doc.honours.len()),
            label: t("honours_count"),
            path: None,
        },
        Figure {
            value: count(&|c| c.doc.honours.iter().filter(|h| h.level == top.0).count()),
            label: t("fig_honours_at").replace("{level}", &top.1),
            path: None,
        },
        Figure {
            value: count(&|c| {
                usize::from(c.doc.pilot.as_ref().is_some_and(|p| p.status == "accepted"))
            }),
            label: t("fig_pilots_accepted"),
            path: None,
        },
    ];
    BrandView {
        slug: d.meta.slug.clone(),
        title: d.title.clone(),
        path,
        slogan: d.slogan.clone(),
        summary: d.summary.clone(),
        logo,
        text_color: text_on(d.color.as_deref().unwrap_or(&site.config.accent_color)),
        color: d.color.clone(),
        figures,
        milestones: d.milestones.clone(),
        media: d.media.clone(),
        summaries: e
            .summaries
            .iter()
            .map(|&s| {
                let sd = &site.summaries[s].doc;
                serde_json::json!({"title": sd.title, "path": doc_path(Section::Summaries, &sd.meta.slug), "date": fmt_date(sd.date), "period": sd.period})
            })
            .collect(),
        case_count: cases.len(),
        content: full.then(|| ctx.bodies.brands[b].html.clone()),
    }
}

/// White or near-black, whichever contrasts more with `bg` (#rrggbb).
pub fn text_on(bg: &str) -> String {
    let ch = |i: usize| {
        u8::from_str_radix(bg.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0) as f64 / 255.0
    };
    let lin = |c: f64| {
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let l = 0.2126 * lin(ch(1)) + 0.7152 * lin(ch(3)) + 0.0722 * lin(ch(5));
    let white = 1.05 / (l + 0.05);
    let black = (l + 0.05) / 0.05;
    if white >= black {
        "#ffffff".into()
    } else {
        "#1a1a1a".into()
    }
}

#[derive(Serialize)]
pub struct CompilationRef {
    slug: String,
    title: String,
    path: String,
    print_path: String,
    subtitle: Option<String>,
    year: Option<i64>,
    editor: Option<String>,
    date: Option<String>,
    summary: Option<String>,
    count: usize,
    chapters: usize,
}

pub(crate) fn compilation_ref(site: &Site, k: usize) -> CompilationRef {
    let c = &site.compilations[k];
    let d = &c.doc;
    let path = doc_path(Section::Compilations, &d.meta.slug);
    CompilationRef {
        slug: d.meta.slug.clone(),
        title: d.title.clone(),
        print_path: format!("{path}print/"),
        path,
        subtitle: d.subtitle.clone(),
        year: d.year,
        editor: d.editor.clone(),
        date: d.date.map(fmt_date),
        summary: d.summary.clone(),
        count: c.order.len(),
        chapters: c.chapters.len(),
    }
}

fn honours_view(site: &Site, present: &Presentation) -> serde_json::Value {
    let mut groups: Vec<serde_json::Value> = Vec::new();
    for level in present.levels() {
        let events: Vec<serde_json::Value> = site
            .events
            .iter()
            .filter(|e| e.rank == level.rank)
            .filter_map(|e| {
                let mut v = serde_json::to_value(present.event(e.case, e.kind, e.index)?).unwrap_or_default();
                let c = &site.cases[e.case].doc;
                v["case"] = serde_json::json!({"title": c.title, "path": doc_path(Section::Cases, &c.meta.slug)});
                Some(v)
            })
            .collect();
        if !events.is_empty() {
            groups.push(serde_json::json!({"level": level.id, "label": level.label, "rank": level.rank, "count": events.len(), "events": events}));
        }
    }
    let by_level: Vec<serde_json::Value> = present
        .levels()
        .iter()
        .map(|level| {
            let n = |k: EventKind| site.events.iter().filter(|e| e.rank == level.rank && e.kind == k).count();
            let (a, h, p) = (n(EventKind::Approval), n(EventKind::Honour), n(EventKind::Pilot));
            serde_json::json!({"id": level.id, "label": level.label, "approvals": a, "honours": h, "pilots": p, "total": a + h + p})
        })
        .collect();
    let by_kind: Vec<serde_json::Value> = present
        .honour_kinds()
        .iter()
        .map(|k| serde_json::json!({"id": k.id, "label": k.label, "count": site.stats.honours.by_kind.get(&k.id).copied().unwrap_or(0)}))
        .collect();
    serde_json::json!({
        "total": site.events.len(),
        "approvals": site.events.iter().filter(|e| e.kind == EventKind::Approval).count(),
        "honours": site.events.iter().filter(|e| e.kind == EventKind::Honour).count(),
        "pilots": site.events.iter().filter(|e| e.kind == EventKind::Pilot).count(),
        "groups": groups,
        "by_level": by_level,
        "by_kind": by_kind,
    })
}

/// A photo's large view.
fn fill_photo(ctx: &Ctx, owner: Owner, n: usize, c: &mut Context) -> PageHead {
    let t = |k: &str| ctx.t(k);
    let view = ctx
        .pictures
        .and_then(|p| gallery::photo_page_view(ctx.site, p, owner, n, &t));
    let (title, crumbs) = match &view {
        Some(v) => (
            v.photo.caption.clone(),
            vec![
                link(v.owner.kind.clone(), owner_section(owner)),
                link(v.owner.title.clone(), v.owner.path.clone()),
                link(v.photo.caption.clone(), v.photo.path.clone()),
            ],
        ),
        None => (String::new(), Vec::new()),
    };
    c.insert("photo", &view);
    (title, String::new(), crumbs)
}

fn owner_section(owner: Owner) -> &'static str {
    match owner {
        Owner::Case(_) => "cases/",
        Owner::Summary(_) => "summaries/",
        Owner::Brand(_) => "brands/",
    }
}

/// `/albums/`: every gallery, by brand and date.
fn fill_albums(ctx: &Ctx, c: &mut Context) -> PageHead {
    let t = |k: &str| ctx.t(k);
    let groups = ctx
        .pictures
        .map(|p| gallery::album_groups(ctx.site, p, &t))
        .unwrap_or_default();
    c.insert("album_groups", &groups);
    (
        ctx.t("albums"),
        String::new(),
        vec![link(ctx.t("albums"), ALBUMS)],
    )
}
