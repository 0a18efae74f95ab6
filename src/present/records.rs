//! One record per approval, honour and pilot, and what is derived from
//! them: the badges and the recognition list of a case.

use serde::Serialize;

use crate::config::{Vocab, Vocabs};
use crate::doc::{self, fmt_date};
use crate::model::EventKind;

use super::Words;

/// An approval (批示) with its level resolved.
#[derive(Debug, Clone, Serialize)]
pub struct Approval {
    pub by: String,
    pub level: String,
    pub level_label: String,
    /// Rank of the level, 0 = highest (`None`: not in the vocabulary).
    #[serde(skip)]
    pub rank: Option<usize>,
    pub date: String,
    pub note: Option<String>,
    pub doc: Option<String>,
}

/// An honour (表彰, 刊发 …) with its kind and level resolved.
#[derive(Debug, Clone, Serialize)]
pub struct Honour {
    pub kind: String,
    pub kind_label: String,
    pub level: String,
    pub level_label: String,
    #[serde(skip)]
    pub rank: Option<usize>,
    /// Rank of the kind in its vocabulary (breaks ties between badges).
    #[serde(skip)]
    pub kind_rank: Option<usize>,
    pub issuer: String,
    pub date: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub note: Option<String>,
}

/// A case's pilot (试点) with its level and status resolved.
#[derive(Debug, Clone, Serialize)]
pub struct Pilot {
    pub level: String,
    pub level_label: String,
    #[serde(skip)]
    pub rank: Option<usize>,
    pub status: String,
    pub status_label: String,
    pub name: Option<String>,
    pub accepted_on: Option<String>,
}

/// A recognition badge: the highest honour, approval or accepted pilot.
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
pub struct Event {
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
    /// The record it shows: its kind and index in the case (the model's
    /// events name records so).
    #[serde(skip)]
    pub source: (EventKind, usize),
}

fn level(v: &Vocab, id: &str) -> (String, Option<usize>) {
    (v.label(id).to_string(), v.rank(id))
}

pub(super) fn approval(v: &Vocabs, a: &doc::Approval) -> Approval {
    let (level_label, rank) = level(&v.levels, &a.level);
    Approval {
        by: a.by.clone(),
        level: a.level.clone(),
        level_label,
        rank,
        date: fmt_date(a.date),
        note: a.note.clone(),
        doc: a.doc.clone(),
    }
}

pub(super) fn honour(v: &Vocabs, h: &doc::Honour) -> Honour {
    let (level_label, rank) = level(&v.levels, &h.level);
    Honour {
        kind: h.kind.clone(),
        kind_label: v.honour_kinds.label(&h.kind).to_string(),
        level: h.level.clone(),
        level_label,
        rank,
        kind_rank: v.honour_kinds.rank(&h.kind),
        issuer: h.issuer.clone(),
        date: fmt_date(h.date),
        title: h.title.clone(),
        outlet: h.outlet.clone(),
        note: h.note.clone(),
    }
}

pub(super) fn pilot(v: &Vocabs, p: &doc::Pilot) -> Pilot {
    let (level_label, rank) = level(&v.levels, &p.level);
    Pilot {
        level: p.level.clone(),
        level_label,
        rank,
        status: p.status.clone(),
        status_label: v.pilot_status.label(&p.status).to_string(),
        name: p.name.clone(),
        accepted_on: p.accepted_on.map(fmt_date),
    }
}

/// Up to three badges: the highest honour (level + kind), the highest
/// approval (level + 批示), and an accepted pilot (level + 试点验收).
pub(super) fn badges(
    w: &Words,
    approvals: &[Approval],
    honours: &[Honour],
    pilot: Option<&Pilot>,
) -> Vec<Badge> {
    let mut out = Vec::new();
    if let Some(h) = honours.iter().min_by_key(|h| (h.rank, h.kind_rank)) {
        out.push(Badge {
            kind: "honour",
            level: h.level.clone(),
            rank: h.rank.unwrap_or(0),
            text: w.level_kind(&h.level_label, &h.kind_label),
        });
    }
    if let Some(a) = approvals.iter().min_by_key(|a| a.rank) {
        out.push(Badge {
            kind: "approval",
            level: a.level.clone(),
            rank: a.rank.unwrap_or(0),
            text: w.level_kind(&a.level_label, &w.approval),
        });
    }
    if let Some(p) = pilot.filter(|p| p.status == "accepted") {
        out.push(Badge {
            kind: "pilot",
            level: p.level.clone(),
            rank: p.rank.unwrap_or(0),
            text: w.level_kind(&p.level_label, &w.pilot_accepted),
        });
    }
    out
}

/// The recognition list of a case: every record (a pilot once accepted),
/// in date order, the higher level first on a day.
pub(super) fn recognition(
    w: &Words,
    approvals: &[Approval],
    honours: &[Honour],
    pilot: Option<&Pilot>,
) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::with_capacity(approvals.len() + honours.len() + 1);
    out.extend(approvals.iter().enumerate().map(|(k, a)| Event {
        kind: "approval",
        honour_kind: None,
        kind_label: w.approval.clone(),
        level: a.level.clone(),
        level_label: a.level_label.clone(),
        rank: a.rank.unwrap_or(0),
        date: a.date.clone(),
        by: a.by.clone(),
        title: None,
        outlet: None,
        doc: a.doc.clone(),
        note: a.note.clone(),
        source: (EventKind::Approval, k),
    }));
    out.extend(honours.iter().enumerate().map(|(k, h)| Event {
        kind: "honour",
        honour_kind: Some(h.kind.clone()),
        kind_label: h.kind_label.clone(),
        level: h.level.clone(),
        level_label: h.level_label.clone(),
        rank: h.rank.unwrap_or(0),
        date: h.date.clone(),
        by: h.issuer.clone(),
        title: h.title.clone(),
        outlet: h.outlet.clone(),
        doc: None,
        note: h.note.clone(),
        source: (EventKind::Honour, k),
    }));
    if let Some(p) = pilot
        && let Some(date) = &p.accepted_on
    {
        out.push(Event {
            kind: "pilot",
            honour_kind: None,
            kind_label: w.pilot_accepted.clone(),
            level: p.level.clone(),
            level_label: p.level_label.clone(),
            rank: p.rank.unwrap_or(0),
            date: date.clone(),
            by: p.name.clone().unwrap_or_default(),
            title: None,
            outlet: None,
            doc: None,
            note: None,
            source: (EventKind::Pilot, 0),
        });
    }
    out.sort_by(|a, b| a.date.cmp(&b.date).then(a.rank.cmp(&b.rank)));
    out
}
