//! Model: the linked, derived view of a site that every output is rendered
//! from. Drafts are dropped here (unless asked for); references become
//! indices; taxonomies, compilations, recognition events and figures are
//! computed once.

pub(crate) mod compilation;
pub(crate) mod stats;

use std::collections::HashMap;
use std::path::PathBuf;

use jiff::civil::Date;
use rayon::prelude::*;

use crate::config::Config;
use crate::diag::{Diagnostic, Pos};
use crate::doc::*;
use crate::slug::slugify;
pub use compilation::{Chapter, Member};
pub use stats::Stats;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TaxKind {
    Regions,
    Fields,
    Tags,
    Years,
}

impl TaxKind {
    pub const ALL: [TaxKind; 4] = [
        TaxKind::Regions,
        TaxKind::Fields,
        TaxKind::Tags,
        TaxKind::Years,
    ];
    pub fn name(self) -> &'static str {
        match self {
            TaxKind::Regions => "regions",
            TaxKind::Fields => "fields",
            TaxKind::Tags => "tags",
            TaxKind::Years => "years",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Term {
    pub name: String,
    pub slug: String,
    /// Case indices, newest first.
    pub cases: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Taxonomy {
    pub kind: TaxKind,
    /// Years newest first; other terms by number of cases, then name.
    pub terms: Vec<Term>,
    by_name: HashMap<String, usize>,
}

impl Taxonomy {
    pub fn term(&self, name: &str) -> Option<&Term> {
        self.by_name.get(name).map(|&i| &self.terms[i])
    }
    pub fn index(&self, name: &str) -> Option<usize> {
        self.by_name.get(name).copied()
    }
}

/// A published case with everything derived from it.
#[derive(Debug, Clone)]
pub struct CaseEntry {
    pub doc: Case,
    /// The summary to show: as written, else the body's first paragraph.
    pub summary: String,
    pub brands: Vec<usize>,
    pub compilations: Vec<usize>,
    /// Rank of the highest approval / honour level (0 = highest), if any.
    pub top_approval: Option<usize>,
    pub top_honour: Option<usize>,
    /// Sort key for "ranked by recognition": lower is more recognised.
    pub recognition: (usize, std::cmp::Reverse<usize>, std::cmp::Reverse<usize>),
    pub related: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct SummaryEntry {
    pub doc: Summary,
    pub summary: String,
    pub brands: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct BrandEntry {
    pub doc: Brand,
    /// Cases ranked by recognition.
    pub cases: Vec<usize>,
    pub summaries: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct CompilationEntry {
    pub doc: Compilation,
    pub chapters: Vec<Chapter>,
    /// Members in reading order (chapter by chapter).
    pub order: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EventKind {
    Approval,
    Honour,
    Pilot,
}

/// One line of the honours wall.
#[derive(Debug, Clone)]
pub struct Event {
    pub case: usize,
    pub kind: EventKind,
    /// Index into the case's approvals or honours (0 for a pilot).
    pub index: usize,
    pub level: String,
    pub rank: usize,
    pub date: Date,
}

#[derive(Debug, Clone)]
pub struct Site {
    pub root: PathBuf,
    pub config: Config,
    pub drafts: bool,
    /// Newest first (date descending, then slug).
    pub cases: Vec<CaseEntry>,
    /// Newest first.
    pub summaries: Vec<SummaryEntry>,
    /// By weight (missing last), then title.
    pub brands: Vec<BrandEntry>,
    pub compilations: Vec<CompilationEntry>,
    pub pages: Vec<Page>,
    pub home: Option<Home>,
    pub taxonomies: Vec<Taxonomy>,
    /// Honours wall order: level rank, then date (newest first).
    pub events: Vec<Event>,
    pub stats: Stats,
    /// Source paths of drafts left out of this build (links to them warn).
    pub excluded_drafts: Vec<PathBuf>,
    case_by_slug: HashMap<String, usize>,
}

impl Site {
    /// Every document's shared fields, in a fixed order: cases, summaries,
    /// brands, compilations, pages, home.
    pub fn metas(&self) -> impl Iterator<Item = &crate::doc::Meta> {
        self.cases
            .iter()
            .map(|c| &c.doc.meta)
            .chain(self.summaries.iter().map(|s| &s.doc.meta))
            .chain(self.brands.iter().map(|b| &b.doc.meta))
            .chain(self.compilations.iter().map(|c| &c.doc.meta))
            .chain(self.pages.iter().map(|p| &p.meta))
            .chain(self.home.iter().map(|h| &h.meta))
    }

    /// Documents whose links other documents may follow: (abs path →
    /// site path of its page; the home page's is empty), and drafts left
    /// out of this build (→ `None`).
    pub fn doc_pages(&self) -> std::collections::HashMap<std::path::PathBuf, Option<String>> {
        self.metas()
            .map(|m| (m.abs_path.clone(), Some(crate::urls::page_of(m))))
            .chain(self.excluded_drafts.iter().map(|d| (d.clone(), None)))
            .collect()
    }

    pub fn taxonomy(&self, kind: TaxKind) -> &Taxonomy {
        &self.taxonomies[kind as usize]
    }
    pub fn case_index(&self, slug: &str) -> Option<usize> {
        self.case_by_slug.get(slug).copied()
    }
    pub fn brand_index(&self, slug: &str) -> Option<usize> {
        self.brands.iter().position(|b| b.doc.meta.slug == slug)
    }
}

/// What a rebuild may reuse from the previous model (dev server).
#[derive(Default)]
pub struct BuildCache {
    /// Hash of every case's slug, fields and tags, in order.
    related_key: u64,
    related: Vec<Vec<usize>>,
}

/// Builds the model. `drafts`: keep draft documents.
pub fn build(
    root: PathBuf,
    config: Config,
    docs: Docs,
    drafts: bool,
    diags: &mut Vec<Diagnostic>,
    cache: Option<&mut BuildCache>,
) -> Site {
    warn_draft_references(&docs, drafts, diags);
    let excluded_drafts: Vec<PathBuf> = docs
        .metas()
        .filter(|m| !kept(m, drafts))
        .map(|m| m.abs_path.clone())
        .collect();
    let Published {
        cases,
        summaries,
        brands,
        compilations: comps,
        pages,
        home,
    } = Published::sorted(docs, drafts);

    let brand_idx: HashMap<&str, usize> = brands
        .iter()
        .enumerate()
        .map(|(i, b)| (b.meta.slug.as_str(), i))
        .collect();
    let comp_idx: HashMap<&str, usize> = comps
        .iter()
        .enumerate()
        .map(|(i, c)| (c.meta.slug.as_str(), i))
        .collect();
    let case_by_slug: HashMap<String, usize> = cases
        .iter()
        .enumerate()
        .map(|(i, c)| (c.meta.slug.clone(), i))
        .collect();
    let levels = &config.vocab.levels;
    let mut entries: Vec<CaseEntry> = cases
        .into_par_iter()
        .map(|c| case_entry(c, &brand_idx, &comp_idx, levels))
        .collect();

    let taxonomies = build_taxonomies(&entries, diags);
    link_related(&mut entries, &taxonomies, cache);
    let compilations = compilation_entries(comps, &mut entries, &case_by_slug, &config);
    let summaries = summary_entries(summaries, &brand_idx);
    let brands = brand_entries(brands, &entries, &summaries);

    let events = collect_events(&entries, &config);
    let stats = stats::compute(
        &entries,
        summaries.len(),
        brands.len(),
        compilations.len(),
        &config,
    );
    Site {
        root,
        config,
        drafts,
        cases: entries,
        summaries,
        brands,
        compilations,
        pages,
        home,
        taxonomies,
        events,
        stats,
        excluded_drafts,
        case_by_slug,
    }
}

/// Whether a document is in this build.
fn kept(m: &Meta, drafts: bool) -> bool {
    drafts || !m.draft
}

/// Warnings for references to drafts left out of the build, from
/// published documents only.
fn warn_draft_references(docs: &Docs, drafts: bool, diags: &mut Vec<Diagnostic>) {
    let keep = |m: &Meta| kept(m, drafts);
    let draft_brands: Vec<&str> = docs
        .brands
        .iter()
        .filter(|b| !keep(&b.meta))
        .map(|b| b.meta.slug.as_str())
        .collect();
    let draft_comps: Vec<&str> = docs
        .compilations
        .iter()
        .filter(|c| !keep(&c.meta))
        .map(|c| c.meta.slug.as_str())
        .collect();
    let draft_cases: Vec<&str> = docs
        .cases
        .iter()
        .filter(|c| !keep(&c.meta))
        .map(|c| c.meta.slug.as_str())
        .collect();
    // `kind`: brand, compilation or case (a select in the message).
    let mut warn_draft = |path: &str, pos: Pos, kind: &str, slug: &str| {
        diags.push(
            Diagnostic::warning(
                path,
                pos,
                crate::msg!("model-draft-left-out", kind = kind, slug = slug),
            )
            .with_hint(crate::msg!("model-draft-left-out-hint")),
        );
    };
    for c in docs.cases.iter().filter(|c| keep(&c.meta)) {
        for b in c
            .brands
            .iter()
            .filter(|b| draft_brands.contains(&b.as_str()))
        {
            warn_draft(&c.meta.path, b.pos, "brand", b);
        }
        for k in c
            .compilations
            .iter()
            .filter(|k| draft_comps.contains(&k.as_str()))
        {
            warn_draft(&c.meta.path, k.pos, "compilation", k);
        }
    }
    for s in docs.summaries.iter().filter(|s| keep(&s.meta)) {
        for b in s
            .brands
            .iter()
            .filter(|b| draft_brands.contains(&b.as_str()))
        {
            warn_draft(&s.meta.path, b.pos, "brand", b);
        }
    }
    if let Some(h) = docs.home.as_ref().filter(|h| keep(&h.meta)) {
        for b in h
            .brands
            .iter()
            .filter(|b| draft_brands.contains(&b.as_str()))
        {
            warn_draft(&h.meta.path, b.pos, "brand", b);
        }
    }
    for comp in docs.compilations.iter().filter(|c| keep(&c.meta)) {
        for ch in &comp.chapters {
            for k in ch
                .cases
                .iter()
                .filter(|k| draft_cases.contains(&k.as_str()))
            {
                warn_draft(&comp.meta.path, k.pos, "case", k);
            }
        }
    }
}

/// The documents in this build, each section in its display order.
struct Published {
    cases: Vec<Case>,
    summaries: Vec<Summary>,
    brands: Vec<Brand>,
    compilations: Vec<Compilation>,
    pages: Vec<Page>,
    home: Option<Home>,
}

impl Published {
    fn sorted(docs: Docs, drafts: bool) -> Published {
        let keep = |m: &Meta| kept(m, drafts);
        let mut cases: Vec<Case> = docs.cases.into_iter().filter(|c| keep(&c.meta)).collect();
        cases.sort_by(|a, b| {
            b.date
                .cmp(&a.date)
                .then_with(|| a.meta.slug.cmp(&b.meta.slug))
        });
        let mut summaries: Vec<Summary> = docs
            .summaries
            .into_iter()
            .filter(|s| keep(&s.meta))
            .collect();
        summaries.sort_by(|a, b| {
            b.date
                .cmp(&a.date)
                .then_with(|| a.meta.slug.cmp(&b.meta.slug))
        });
        let mut brands: Vec<Brand> = docs.brands.into_iter().filter(|b| keep(&b.meta)).collect();
        brands.sort_by(|a, b| {
            (a.weight.is_none(), a.weight, &a.title, &a.meta.slug).cmp(&(
                b.weight.is_none(),
                b.weight,
                &b.title,
                &b.meta.slug,
            ))
        });
        let mut comps: Vec<Compilation> = docs
            .compilations
            .into_iter()
            .filter(|c| keep(&c.meta))
            .collect();
        comps.sort_by(|a, b| {
            let ka = (
                std::cmp::Reverse(a.year),
                std::cmp::Reverse(a.date),
                &a.title,
                &a.meta.slug,
            );
            let kb = (
                std::cmp::Reverse(b.year),
                std::cmp::Reverse(b.date),
                &b.title,
                &b.meta.slug,
            );
            ka.cmp(&kb)
        });
        let mut pages: Vec<Page> = docs.pages.into_iter().filter(|p| keep(&p.meta)).collect();
        pages.sort_by(|a, b| a.meta.slug.cmp(&b.meta.slug));
        let home = docs.home.filter(|h| keep(&h.meta));
        Published {
            cases,
            summaries,
            brands,
            compilations: comps,
            pages,
            home,
        }
    }
}

/// A case with its references resolved and its recognition ranked
/// (related cases and compilations come later).
fn case_entry(
    c: Case,
    brand_idx: &HashMap<&str, usize>,
    comp_idx: &HashMap<&str, usize>,
    levels: &crate::config::Vocab,
) -> CaseEntry {
    let summary = match &c.summary {
        Some(s) => s.clone(),
        None => c.meta.first_paragraph.clone(),
    };
    let top = |it: &mut dyn Iterator<Item = &str>| it.filter_map(|l| levels.rank(l)).min();
    let top_approval = top(&mut c.approvals.iter().map(|a| a.level.as_str()));
    let top_honour = top(&mut c.honours.iter().map(|h| h.level.as_str()));
    let accepted = c
        .pilot
        .as_ref()
        .filter(|p| p.status == "accepted")
        .and_then(|p| levels.rank(&p.level));
    let ranks: Vec<usize> = c
        .approvals
        .iter()
        .map(|a| a.level.as_str())
        .chain(c.honours.iter().map(|h| h.level.as_str()))
        .filter_map(|l| levels.rank(l))
        .chain(accepted)
        .collect();
    let best = ranks.iter().copied().min().unwrap_or(usize::MAX);
    let at_best = ranks.iter().filter(|&&r| r == best).count();
    CaseEntry {
        brands: dedup(
            c.brands
                .iter()
                .filter_map(|b| brand_idx.get(b.as_str()).copied()),
        ),
        compilations: dedup(
            c.compilations
                .iter()
                .filter_map(|k| comp_idx.get(k.as_str()).copied()),
        ),
        summary,
        top_approval,
        top_honour,
        recognition: (
            best,
            std::cmp::Reverse(at_best),
            std::cmp::Reverse(ranks.len()),
        ),
        related: Vec::new(),
        doc: c,
    }
}

/// Fills in related cases, taken from the dev server's cache when no
/// case's fields or tags changed.
fn link_related(
    entries: &mut [CaseEntry],
    taxonomies: &[Taxonomy],
    cache: Option<&mut BuildCache>,
) {
    match cache {
        Some(c) => {
            // Related cases depend only on the cases' fields and tags.
            let key = related_key(entries);
            if key != c.related_key || c.related.len() != entries.len() {
                compute_related(entries, taxonomies);
                c.related = entries.iter().map(|e| e.related.clone()).collect();
                c.related_key = key;
            } else {
                for (e, r) in entries.iter_mut().zip(&c.related) {
                    e.related = r.clone();
                }
            }
        }
        None => compute_related(entries, taxonomies),
    }
}

fn compilation_entries(
    comps: Vec<Compilation>,
    entries: &mut [CaseEntry],
    case_by_slug: &HashMap<String, usize>,
    config: &Config,
) -> Vec<CompilationEntry> {
    let mut compilations: Vec<CompilationEntry> = comps
        .into_iter()
        .enumerate()
        .map(|(ci, doc)| compilation::layout(ci, doc, entries, case_by_slug, config.language))
        .collect();
    compilations.iter_mut().for_each(|c| {
        c.order = c
            .chapters
            .iter()
            .flat_map(|ch| ch.members.iter().map(|m| m.case))
            .collect()
    });
    compilations
}

fn summary_entries(summaries: Vec<Summary>, brand_idx: &HashMap<&str, usize>) -> Vec<SummaryEntry> {
    summaries
        .into_iter()
        .map(|s| SummaryEntry {
            summary: s
                .summary
                .clone()
                .unwrap_or_else(|| s.meta.first_paragraph.clone()),
            brands: dedup(
                s.brands
                    .iter()
                    .filter_map(|b| brand_idx.get(b.as_str()).copied()),
            ),
            doc: s,
        })
        .collect()
}

/// Brands with their cases (ranked by recognition) and summaries.
fn brand_entries(
    brands: Vec<Brand>,
    entries: &[CaseEntry],
    summaries: &[SummaryEntry],
) -> Vec<BrandEntry> {
    brands
        .into_iter()
        .enumerate()
        .map(|(bi, doc)| {
            let mut cases: Vec<usize> = (0..entries.len())
                .filter(|&i| entries[i].brands.contains(&bi))
                .collect();
            cases.sort_by(|&a, &b| {
                entries[a]
                    .recognition
                    .cmp(&entries[b].recognition)
                    .then(a.cmp(&b))
            });
            let summaries = (0..summaries.len())
                .filter(|&i| summaries[i].brands.contains(&bi))
                .collect();
            BrandEntry {
                doc,
                cases,
                summaries,
            }
        })
        .collect()
}

fn dedup(it: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut v: Vec<usize> = Vec::new();
    for i in it {
        if !v.contains(&i) {
            v.push(i);
        }
    }
    v
}

fn build_taxonomies(cases: &[CaseEntry], diags: &mut Vec<Diagnostic>) -> Vec<Taxonomy> {
    let built: Vec<(Taxonomy, Vec<Diagnostic>)> = TaxKind::ALL
        .par_iter()
        .map(|&kind| build_taxonomy(cases, kind))
        .collect();
    built
        .into_iter()
        .map(|(t, d)| {
            diags.extend(d);
            t
        })
        .collect()
}

fn build_taxonomy(cases: &[CaseEntry], kind: TaxKind) -> (Taxonomy, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut terms: Vec<Term> = Vec::new();
    let mut by_name: rustc_hash::FxHashMap<&str, usize> = Default::default();
    let mut by_slug: HashMap<String, usize> = HashMap::new();
    let years: Vec<String> = if kind == TaxKind::Years {
        cases
            .iter()
            .map(|c| c.doc.date.year().to_string())
            .collect()
    } else {
        Vec::new()
    };
    for (ci, c) in cases.iter().enumerate() {
        let names: &[String] = match kind {
            TaxKind::Regions => c.doc.region.as_slice(),
            TaxKind::Fields => &c.doc.fields,
            TaxKind::Tags => &c.doc.tags,
            TaxKind::Years => std::slice::from_ref(&years[ci]),
        };
        for name in names {
            let ti = match by_name.get(name.as_str()) {
                Some(&ti) => ti,
                None => {
                    let mut slug = slugify(name);
                    if slug.is_empty() {
                        slug = format!("term-{}", terms.len() + 1);
                    }
                    if let Some(&other) = by_slug.get(&slug) {
                        diags.push(
                            Diagnostic::error(
                                &c.doc.meta.path,
                                Pos::START,
                                crate::msg!(
                                    "model-term-slug-clash",
                                    taxonomy = kind.name(),
                                    name = name,
                                    other = &terms[other].name,
                                    slug = &slug
                                ),
                            )
                            .with_hint(crate::msg!("model-term-slug-clash-hint")),
                        );
                        continue;
                    }
                    by_slug.insert(slug.clone(), terms.len());
                    terms.push(Term {
                        name: name.clone(),
                        slug,
                        cases: Vec::new(),
                    });
                    by_name.insert(name.as_str(), terms.len() - 1);
                    terms.len() - 1
                }
            };
            if terms[ti].cases.last() != Some(&ci) {
                terms[ti].cases.push(ci);
            }
        }
    }
    if kind == TaxKind::Years {
        terms.sort_by(|a, b| b.name.cmp(&a.name));
    } else {
        terms.sort_by(|a, b| {
            b.cases
                .len()
                .cmp(&a.cases.len())
                .then_with(|| a.name.cmp(&b.name))
        });
    }
    let by_name = terms
        .iter()
        .enumerate()
        .map(|(i, t)| (t.name.clone(), i))
        .collect();
    (
        Taxonomy {
            kind,
            terms,
            by_name,
        },
        diags,
    )
}

fn related_key(cases: &[CaseEntry]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = xxhash_rust::xxh3::Xxh3Default::new();
    for c in cases {
        (&c.doc.meta.slug, &c.doc.fields, &c.doc.tags).hash(&mut h);
    }
    h.finish()
}

/// Related cases: most shared fields (×2) and tags (×1), then newest.
/// Scores are accumulated over the posting lists of a case's own terms, so
/// the cost is the sum of those lists, not the square of the site.
fn compute_related(cases: &mut [CaseEntry], tax: &[Taxonomy]) {
    const MAX: usize = 4;
    let n = cases.len();
    let fields = &tax[TaxKind::Fields as usize];
    let tags = &tax[TaxKind::Tags as usize];
    // map_init allocates its scratch once per rayon job: keep jobs large.
    let related: Vec<Vec<usize>> = (0..n)
        .into_par_iter()
        .with_min_len(256)
        .map_init(
            || (vec![0u32; n], Vec::<usize>::new()),
            |(score, touched), i| {
                let c = &cases[i].doc;
                let mut add = |term: Option<&Term>, w: u32| {
                    if let Some(t) = term {
                        for &j in &t.cases {
                            if j != i {
                                if score[j] == 0 {
                                    touched.push(j);
                                }
                                score[j] += w;
                            }
                        }
                    }
                };
                c.fields.iter().for_each(|f| add(fields.term(f), 2));
                c.tags.iter().for_each(|t| add(tags.term(t), 1));
                // Cases are newest first, so a lower index is newer.
                // One integer per candidate, ordering by higher score, then
                // lower index (newer): selecting on plain integers is several
                // times faster than with a comparison closure.
                let mut best: Vec<u64> = touched
                    .iter()
                    .map(|&j| (u64::from(u32::MAX - score[j]) << 32) | j as u64)
                    .collect();
                let k = best.len().min(MAX);
                if k > 0 {
                    best.select_nth_unstable(k - 1);
                    best.truncate(k);
                    best.sort_unstable();
                }
                for &j in touched.iter() {
                    score[j] = 0;
                }
                touched.clear();
                // A fresh vector: collecting from `best.into_iter()` would reuse (and keep)
                // its allocation, sized for every candidate.
                best.iter().map(|&x| (x & 0xffff_ffff) as usize).collect()
            },
        )
        .collect();
    for (c, r) in cases.iter_mut().zip(related) {
        c.related = r;
    }
}

fn collect_events(cases: &[CaseEntry], config: &Config) -> Vec<Event> {
    let levels = &config.vocab.levels;
    let mut events = Vec::new();
    for (ci, c) in cases.iter().enumerate() {
        for (i, a) in c.doc.approvals.iter().enumerate() {
            events.push(Event {
                case: ci,
                kind: EventKind::Approval,
                index: i,
                rank: levels.rank(&a.level).unwrap_or(usize::MAX),
                level: a.level.clone(),
                date: a.date,
            });
        }
        for (i, h) in c.doc.honours.iter().enumerate() {
            events.push(Event {
                case: ci,
                kind: EventKind::Honour,
                index: i,
                rank: levels.rank(&h.level).unwrap_or(usize::MAX),
                level: h.level.clone(),
                date: h.date,
            });
        }
        if let Some(p) = &c.doc.pilot
            && p.status == "accepted"
            && let Some(date) = p.accepted_on
        {
            events.push(Event {
                case: ci,
                kind: EventKind::Pilot,
                index: 0,
                rank: levels.rank(&p.level).unwrap_or(usize::MAX),
                level: p.level.clone(),
                date,
            });
        }
    }
    events.sort_by(|a, b| {
        a.rank
            .cmp(&b.rank)
            .then(b.date.cmp(&a.date))
            .then(a.case.cmp(&b.case))
            .then(a.index.cmp(&b.index))
    });
    events
}
