//! What templates see: plain serialisable views of the model, with labels
//! resolved from the vocabularies and links as site paths (templates turn
//! them into hrefs with `url(path=…)`). Documented in docs/theme.md.

use serde::Serialize;

use crate::config::Config;
use crate::doc::fmt_date;
use crate::load::Section;
use crate::model::{CaseEntry, EventKind, Site, TaxKind};
use crate::urls::doc_path;

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

#[derive(Debug, Clone, Serialize)]
pub struct Badge {
    /// approval | honour | pilot
    pub kind: &'static str,
    pub level: String,
    /// Rank of the level, 0 = highest (for styling).
    pub rank: usize,
    pub text: String,
}

/// One recognition record, for the case page's panel and the honours wall.
#[derive(Debug, Clone, Serialize)]
pub struct EventView {
    /// approval | honour | pilot
    pub kind: &'static str,
    /// Honour kind id (honours only).
    pub honour_kind: Option<String>,
    /// What kind of record this is, e.g. 批示, 表彰, 试点通过验收.
    pub kind_label: String,
    pub level: String,
    pub level_label: String,
    pub rank: usize,
    pub date: String,
    /// Who: the approving leader, the issuing body, or the pilot's name.
    pub by: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub doc: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ApprovalView {
    pub by: String,
    pub level: String,
    pub level_label: String,
    pub date: String,
    pub note: Option<String>,
    pub doc: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct HonourView {
    pub kind: String,
    pub kind_label: String,
    pub level: String,
    pub level_label: String,
    pub issuer: String,
    pub date: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PilotView {
    pub level: String,
    pub level_label: String,
    pub status: String,
    pub status_label: String,
    pub name: Option<String>,
    pub accepted_on: Option<String>,
}

/// A case as shown in lists (cards) and as the base of its own page.
#[derive(Debug, Clone, Serialize)]
pub struct CaseCard {
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
    pub approvals: Vec<ApprovalView>,
    pub honours: Vec<HonourView>,
    pub pilot: Option<PilotView>,
    pub badges: Vec<Badge>,
    /// Highest level rank of any recognition (for filters), if any.
    pub top_rank: Option<usize>,
    pub extra: serde_json::Value,
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

fn label(v: &crate::config::Vocab, id: &str) -> String {
    v.label(id).to_string()
}

pub fn case_card(site: &Site, t: &dyn Fn(&str) -> String, i: usize) -> CaseCard {
    let c: &CaseEntry = &site.cases[i];
    let d = &c.doc;
    let v = &site.config.vocab;
    let approvals: Vec<ApprovalView> = d
        .approvals
        .iter()
        .map(|a| ApprovalView {
            by: a.by.clone(),
            level: a.level.clone(),
            level_label: label(&v.levels, &a.level),
            date: fmt_date(a.date),
            note: a.note.clone(),
            doc: a.doc.clone(),
        })
        .collect();
    let honours: Vec<HonourView> = d
        .honours
        .iter()
        .map(|h| HonourView {
            kind: h.kind.clone(),
            kind_label: label(&v.honour_kinds, &h.kind),
            level: h.level.clone(),
            level_label: label(&v.levels, &h.level),
            issuer: h.issuer.clone(),
            date: fmt_date(h.date),
            title: h.title.clone(),
            outlet: h.outlet.clone(),
            note: h.note.clone(),
        })
        .collect();
    let pilot = d.pilot.as_ref().map(|p| PilotView {
        level: p.level.clone(),
        level_label: label(&v.levels, &p.level),
        status: p.status.clone(),
        status_label: label(&v.pilot_status, &p.status),
        name: p.name.clone(),
        accepted_on: p.accepted_on.map(fmt_date),
    });
    CaseCard {
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
            label: label(&v.reform_kinds, k),
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
        badges: badges(site, t, c),
        top_rank: (c.recognition.0 != usize::MAX).then_some(c.recognition.0),
        approvals,
        honours,
        pilot,
        extra: d.meta.extra.clone(),
    }
}

/// Up to three badges: the highest honour (level + kind), the highest
/// approval (level + 批示), and an accepted pilot (level + 试点验收).
pub fn badges(site: &Site, t: &dyn Fn(&str) -> String, c: &CaseEntry) -> Vec<Badge> {
    let v = &site.config.vocab;
    let mut out = Vec::new();
    let best_honour = c
        .doc
        .honours
        .iter()
        .min_by_key(|h| (v.levels.rank(&h.level), v.honour_kinds.rank(&h.kind)));
    if let Some(h) = best_honour {
        out.push(Badge {
            kind: "honour",
            level: h.level.clone(),
            rank: v.levels.rank(&h.level).unwrap_or(0),
            text: level_kind(t, v.levels.label(&h.level), v.honour_kinds.label(&h.kind)),
        });
    }
    if let Some(a) = c
        .doc
        .approvals
        .iter()
        .min_by_key(|a| v.levels.rank(&a.level))
    {
        out.push(Badge {
            kind: "approval",
            level: a.level.clone(),
            rank: v.levels.rank(&a.level).unwrap_or(0),
            text: level_kind(t, v.levels.label(&a.level), &t("approval")),
        });
    }
    if let Some(p) = c.doc.pilot.as_ref().filter(|p| p.status == "accepted") {
        out.push(Badge {
            kind: "pilot",
            level: p.level.clone(),
            rank: v.levels.rank(&p.level).unwrap_or(0),
            text: level_kind(t, v.levels.label(&p.level), &t("pilot_accepted")),
        });
    }
    out
}

/// A level and a kind as one label: the theme's `level_kind` pattern
/// ("{level}{kind}" in Chinese, "{level} {kind}" in English).
fn level_kind(t: &dyn Fn(&str) -> String, level: &str, kind: &str) -> String {
    let pattern = t("level_kind");
    let pattern = if pattern.contains("{level}") {
        pattern
    } else {
        "{level}{kind}".to_string()
    };
    pattern.replace("{level}", level).replace("{kind}", kind)
}

/// The recognition panel of a case: every record, in date order.
pub fn recognition(site: &Site, t: &dyn Fn(&str) -> String, i: usize) -> Vec<EventView> {
    let mut out: Vec<EventView> = site.cases[i]
        .doc
        .approvals
        .iter()
        .enumerate()
        .filter_map(|(k, _)| event_view(site, t, i, EventKind::Approval, k))
        .chain(
            site.cases[i]
                .doc
                .honours
                .iter()
                .enumerate()
                .filter_map(|(k, _)| event_view(site, t, i, EventKind::Honour, k)),
        )
        .collect();
    if let Some(p) = &site.cases[i].doc.pilot
        && p.accepted_on.is_some()
    {
        out.extend(event_view(site, t, i, EventKind::Pilot, 0));
    }
    out.sort_by(|a, b| a.date.cmp(&b.date).then(a.rank.cmp(&b.rank)));
    out
}

/// `None` only if the event does not exist in the case (the model makes
/// events from the case's own records, so never in practice).
pub fn event_view(
    site: &Site,
    t: &dyn Fn(&str) -> String,
    case: usize,
    kind: EventKind,
    index: usize,
) -> Option<EventView> {
    let d = &site.cases[case].doc;
    let v = &site.config.vocab;
    match kind {
        EventKind::Approval => {
            let a = d.approvals.get(index)?;
            Some(EventView {
                kind: "approval",
                honour_kind: None,
                kind_label: t("approval"),
                level: a.level.clone(),
                level_label: label(&v.levels, &a.level),
                rank: v.levels.rank(&a.level).unwrap_or(0),
                date: fmt_date(a.date),
                by: a.by.clone(),
                title: None,
                outlet: None,
                doc: a.doc.clone(),
                note: a.note.clone(),
            })
        }
        EventKind::Honour => {
            let h = d.honours.get(index)?;
            Some(EventView {
                kind: "honour",
                honour_kind: Some(h.kind.clone()),
                kind_label: label(&v.honour_kinds, &h.kind),
                level: h.level.clone(),
                level_label: label(&v.levels, &h.level),
                rank: v.levels.rank(&h.level).unwrap_or(0),
                date: fmt_date(h.date),
                by: h.issuer.clone(),
                title: h.title.clone(),
                outlet: h.outlet.clone(),
                doc: None,
                note: h.note.clone(),
            })
        }
        EventKind::Pilot => {
            let p = d.pilot.as_ref()?;
            Some(EventView {
                kind: "pilot",
                honour_kind: None,
                kind_label: t("pilot_accepted"),
                level: p.level.clone(),
                level_label: label(&v.levels, &p.level),
                rank: v.levels.rank(&p.level).unwrap_or(0),
                date: p.accepted_on.map(fmt_date).unwrap_or_default(),
                by: p.name.clone().unwrap_or_default(),
                title: None,
                outlet: None,
                doc: None,
                note: None,
            })
        }
    }
}

/// Vocabularies for templates: ordered lists and id → label maps.
pub fn vocab_json(config: &Config) -> serde_json::Value {
    let v = &config.vocab;
    let one = |voc: &crate::config::Vocab| {
        serde_json::Value::Array(
            voc.entries
                .iter()
                .map(|(id, label)| serde_json::json!({ "id": id, "label": label }))
                .collect(),
        )
    };
    serde_json::json!({
        "levels": one(&v.levels),
        "honour_kinds": one(&v.honour_kinds),
        "reform_kinds": one(&v.reform_kinds),
        "pilot_status": one(&v.pilot_status),
    })
}

/// Where a brand's logo is published (site path) and, when it is not a
/// static file, the source to copy there (beside the brand's page).
pub fn brand_logo(site: &Site, b: usize) -> Option<(String, Option<std::path::PathBuf>)> {
    let d = &site.brands[b].doc;
    let logo = d.logo.as_ref()?;
    // Named by the path as written, copied from where it resolves (checked
    // to be inside the site when the brand was validated, and again here).
    let found = crate::validate::resolve_asset(&site.root, &d.meta, logo).ok()?;
    let static_dir = site.root.join("static");
    if let Ok(rel) = found.path.strip_prefix(&static_dir) {
        return Some((
            crate::load::rel_path(&static_dir, &static_dir.join(rel)),
            None,
        ));
    }
    let name = match &d.meta.bundle_dir {
        Some(dir) if found.path.starts_with(dir) => crate::load::rel_path(dir, &found.path),
        _ => found.path.file_name()?.to_string_lossy().into_owned(),
    };
    Some((
        format!(
            "{}{}",
            doc_path(Section::Brands, &d.meta.slug),
            name.replace(' ', "-")
        ),
        Some(found.real),
    ))
}
