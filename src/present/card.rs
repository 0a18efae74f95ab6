//! A case as lists show it (its card), and the small shapes cards share
//! with other views: links, taxonomy terms, brands.

use serde::Serialize;

use crate::doc::fmt_date;
use crate::load::Section;
use crate::model::{Site, TaxKind};
use crate::urls::doc_path;

use super::records::{Approval, Badge, Honour, Pilot};

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Link {
    pub title: String,
    pub path: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct TermRef<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub path: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Labelled<'a> {
    pub id: &'a str,
    pub label: &'a str,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct BrandRef<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub path: String,
    pub color: Option<&'a str>,
}

/// A case as shown in lists (cards) and as the base of its own page. Text
/// is borrowed from the site: a card costs little beside its template form.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Card<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub path: String,
    pub date: String,
    pub year: i16,
    pub summary: &'a str,
    pub unit: Option<&'a str>,
    pub region: Option<TermRef<'a>>,
    pub fields: Vec<TermRef<'a>>,
    pub tags: Vec<TermRef<'a>>,
    pub kind: Option<Labelled<'a>>,
    pub featured: bool,
    pub draft: bool,
    pub brands: Vec<BrandRef<'a>>,
    pub compilations: Vec<Link>,
    pub approvals: Vec<Approval<'a>>,
    pub honours: Vec<Honour<'a>>,
    pub pilot: Option<Pilot<'a>>,
    pub badges: Vec<Badge<'a>>,
    /// Highest level rank of any recognition (for filters), if any.
    pub top_rank: Option<usize>,
    pub extra: &'a serde_json::Value,
}

impl<'a> Card<'a> {
    /// The approval at the highest level, if any.
    pub(crate) fn top_approval(&self) -> Option<&Approval<'a>> {
        self.approvals
            .iter()
            .filter(|a| a.rank.is_some())
            .min_by_key(|a| a.rank)
    }

    /// The honour at the highest level, if any.
    pub(crate) fn top_honour(&self) -> Option<&Honour<'a>> {
        self.honours
            .iter()
            .filter(|h| h.rank.is_some())
            .min_by_key(|h| h.rank)
    }

    /// The levels of the case's approvals and honours, highest first, each
    /// once.
    pub(crate) fn levels(&self) -> Vec<&'a str> {
        let mut lv: Vec<(Option<usize>, &'a str)> = self
            .approvals
            .iter()
            .map(|a| (a.rank, a.level))
            .chain(self.honours.iter().map(|h| (h.rank, h.level)))
            .collect();
        lv.sort_by_key(|l| l.0);
        let mut out: Vec<&'a str> = lv.into_iter().map(|l| l.1).collect();
        out.dedup();
        out
    }
}

pub(crate) fn term_ref<'a>(site: &'a Site, kind: TaxKind, name: &str) -> Option<TermRef<'a>> {
    site.taxonomy(kind).term(name).map(|t| TermRef {
        name: &t.name,
        slug: &t.slug,
        path: format!("{}/{}/", kind.name(), t.slug),
    })
}

pub(crate) fn brand_ref(site: &Site, i: usize) -> BrandRef<'_> {
    let b = &site.brands[i].doc;
    BrandRef {
        slug: &b.meta.slug,
        title: &b.title,
        path: doc_path(Section::Brands, &b.meta.slug),
        color: b.color.as_deref(),
    }
}

/// The card of case `i`, around its resolved records.
pub(super) fn card<'a>(
    site: &'a Site,
    i: usize,
    approvals: Vec<Approval<'a>>,
    honours: Vec<Honour<'a>>,
    pilot: Option<Pilot<'a>>,
    badges: Vec<Badge<'a>>,
) -> Card<'a> {
    let c = &site.cases[i];
    let d = &c.doc;
    Card {
        slug: &d.meta.slug,
        title: &d.title,
        path: doc_path(Section::Cases, &d.meta.slug),
        date: fmt_date(d.date),
        year: d.date.year(),
        summary: &c.summary,
        unit: d.unit.as_deref(),
        region: d
            .region
            .as_deref()
            .and_then(|r| term_ref(site, TaxKind::Regions, r)),
        fields: d
            .fields
            .iter()
            .filter_map(|f| term_ref(site, TaxKind::Fields, f))
            .collect(),
        tags: d
            .tags
            .iter()
            .filter_map(|f| term_ref(site, TaxKind::Tags, f))
            .collect(),
        kind: d.kind.as_ref().map(|k| Labelled {
            id: k,
            label: site.config.vocab.reform_kinds.label(k),
        }),
        featured: d.featured,
        draft: d.meta.draft,
        brands: c.brands.iter().map(|&b| brand_ref(site, b)).collect(),
        compilations: c
            .compilations
            .iter()
            .map(|&k| {
                let comp = &site.compilations[k].doc;
                Link {
                    title: comp.title.clone(),
                    path: doc_path(Section::Compilations, &comp.meta.slug),
                }
            })
            .collect(),
        badges,
        top_rank: (c.recognition.0 != usize::MAX).then_some(c.recognition.0),
        approvals,
        honours,
        pilot,
        extra: &d.meta.extra,
    }
}
