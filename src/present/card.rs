//! A case as lists show it (its card), and the small shapes cards share
//! with other views: links, taxonomy terms, brands.

use serde::Serialize;

use crate::doc::fmt_date;
use crate::load::Section;
use crate::model::{Site, TaxKind};
use crate::urls::doc_path;

use super::records::{Approval, Badge, Honour, Pilot};

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub title: String,
    pub path: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TermRef {
    pub name: String,
    pub slug: String,
    pub path: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Labelled {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct BrandRef {
    pub slug: String,
    pub title: String,
    pub path: String,
    pub color: Option<String>,
}

/// A case as shown in lists (cards) and as the base of its own page.
#[derive(Debug, Clone, Serialize)]
pub struct Card {
    pub slug: String,
    pub title: String,
    pub path: String,
    pub date: String,
    pub year: i16,
    pub summary: String,
    pub unit: Option<String>,
    pub region: Option<TermRef>,
    pub fields: Vec<TermRef>,
    pub tags: Vec<TermRef>,
    pub kind: Option<Labelled>,
    pub featured: bool,
    pub draft: bool,
    pub brands: Vec<BrandRef>,
    pub compilations: Vec<Link>,
    pub approvals: Vec<Approval>,
    pub honours: Vec<Honour>,
    pub pilot: Option<Pilot>,
    pub badges: Vec<Badge>,
    /// Highest level rank of any recognition (for filters), if any.
    pub top_rank: Option<usize>,
    pub extra: serde_json::Value,
}

impl Card {
    /// The approval at the highest level, if any.
    pub fn top_approval(&self) -> Option<&Approval> {
        self.approvals
            .iter()
            .filter(|a| a.rank.is_some())
            .min_by_key(|a| a.rank)
    }

    /// The honour at the highest level, if any.
    pub fn top_honour(&self) -> Option<&Honour> {
        self.honours
            .iter()
            .filter(|h| h.rank.is_some())
            .min_by_key(|h| h.rank)
    }

    /// The levels of the case's approvals and honours, highest first, each
    /// once.
    pub fn levels(&self) -> Vec<&str> {
        let mut lv: Vec<(Option<usize>, &str)> = self
            .approvals
            .iter()
            .map(|a| (a.rank, a.level.as_str()))
            .chain(self.honours.iter().map(|h| (h.rank, h.level.as_str())))
            .collect();
        lv.sort_by_key(|l| l.0);
        let mut out: Vec<&str> = lv.into_iter().map(|l| l.1).collect();
        out.dedup();
        out
    }
}

pub fn term_ref(site: &Site, kind: TaxKind, name: &str) -> Option<TermRef> {
    site.taxonomy(kind).term(name).map(|t| TermRef {
        name: t.name.clone(),
        slug: t.slug.clone(),
        path: format!("{}/{}/", kind.name(), t.slug),
    })
}

pub fn brand_ref(site: &Site, i: usize) -> BrandRef {
    let b = &site.brands[i].doc;
    BrandRef {
        slug: b.meta.slug.clone(),
        title: b.title.clone(),
        path: doc_path(Section::Brands, &b.meta.slug),
        color: b.color.clone(),
    }
}

/// The card of case `i`, around its resolved records.
pub(super) fn card(
    site: &Site,
    i: usize,
    approvals: Vec<Approval>,
    honours: Vec<Honour>,
    pilot: Option<Pilot>,
    badges: Vec<Badge>,
) -> Card {
    let c = &site.cases[i];
    let d = &c.doc;
    Card {
        slug: d.meta.slug.clone(),
        title: d.title.clone(),
        path: doc_path(Section::Cases, &d.meta.slug),
        date: fmt_date(d.date),
        year: d.date.year(),
        summary: c.summary.clone(),
        unit: d.unit.clone(),
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
            id: k.clone(),
            label: site.config.vocab.reform_kinds.label(k).to_string(),
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
        extra: d.meta.extra.clone(),
    }
}
