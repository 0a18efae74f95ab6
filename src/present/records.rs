//! One record per approval, honour and pilot, and what is derived from
//! them: the badges and the recognition list of a case.

use serde::Serialize;

use crate::config::{Vocab, Vocabs};
use crate::doc::{self, fmt_date};
use crate::model::EventKind;

use super::Words;

/// An approval (批示) with its level resolved.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Approval<'a> {
    pub by: &'a str,
    pub level: &'a str,
    pub level_label: &'a str,
    /// Rank of the level, 0 = highest (`None`: not in the vocabulary).
    #[serde(skip)]
    pub rank: Option<usize>,
    pub date: String,
    pub note: Option<&'a str>,
    pub doc: Option<&'a str>,
}

/// An honour (表彰, 刊发 …) with its kind and level resolved.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Honour<'a> {
    pub kind: &'a str,
    pub kind_label: &'a str,
    pub level: &'a str,
    pub level_label: &'a str,
    #[serde(skip)]
    pub rank: Option<usize>,
    /// Rank of the kind in its vocabulary (breaks ties between badges).
    #[serde(skip)]
    pub kind_rank: Option<usize>,
    pub issuer: &'a str,
    pub date: String,
    pub title: Option<&'a str>,
    pub outlet: Option<&'a str>,
    pub note: Option<&'a str>,
}

/// A case's pilot (试点) with its level and status resolved.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Pilot<'a> {
    pub level: &'a str,
    pub level_label: &'a str,
    #[serde(skip)]
    pub rank: Option<usize>,
    pub status: &'a str,
    pub status_label: &'a str,
    pub name: Option<&'a str>,
    pub accepted_on: Option<String>,
}

/// A recognition badge: the highest honour, approval or accepted pilot.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Badge<'a> {
    /// approval | honour | pilot
    pub kind: &'static str,
    pub level: &'a str,
    /// Rank of the level, 0 = highest (for styling).
    pub rank: usize,
    pub text: String,
}

/// One recognition record, for the case page's panel and the honours wall.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Event<'a> {
    /// approval | honour | pilot
    pub kind: &'static str,
    /// Honour kind id (honours only).
    pub honour_kind: Option<&'a str>,
    /// What kind of record this is, e.g. 批示, 表彰, 试点通过验收.
    pub kind_label: String,
    pub level: &'a str,
    pub level_label: &'a str,
    pub rank: usize,
    pub date: String,
    /// Who: the approving leader, the issuing body, or the pilot's name.
    pub by: &'a str,
    pub title: Option<&'a str>,
    pub outlet: Option<&'a str>,
    pub doc: Option<&'a str>,
    pub note: Option<&'a str>,
    /// The record it shows: its kind and index in the case (the model's
    /// events name records so).
    #[serde(skip)]
    pub source: (EventKind, usize),
}

fn level<'a>(v: &'a Vocab, id: &'a str) -> (&'a str, Option<usize>) {
    (v.label(id), v.rank(id))
}

pub(super) fn approval<'a>(v: &'a Vocabs, a: &'a doc::Approval) -> Approval<'a> {
    let (level_label, rank) = level(&v.levels, &a.level);
    Approval {
        by: &a.by,
        level: &a.level,
        level_label,
        rank,
        date: fmt_date(a.date),
        note: a.note.as_deref(),
        doc: a.doc.as_deref(),
    }
}

pub(super) fn honour<'a>(v: &'a Vocabs, h: &'a doc::Honour) -> Honour<'a> {
    let (level_label, rank) = level(&v.levels, &h.level);
    Honour {
        kind: &h.kind,
        kind_label: v.honour_kinds.label(&h.kind),
        level: &h.level,
        level_label,
        rank,
        kind_rank: v.honour_kinds.rank(&h.kind),
        issuer: &h.issuer,
        date: fmt_date(h.date),
        title: h.title.as_deref(),
        outlet: h.outlet.as_deref(),
        note: h.note.as_deref(),
    }
}

pub(super) fn pilot<'a>(v: &'a Vocabs, p: &'a doc::Pilot) -> Pilot<'a> {
    let (level_label, rank) = level(&v.levels, &p.level);
    Pilot {
        level: &p.level,
        level_label,
        rank,
        status: &p.status,
        status_label: v.pilot_status.label(&p.status),
        name: p.name.as_deref(),
        accepted_on: p.accepted_on.map(fmt_date),
    }
}

/// Up to three badges: the highest honour (level + kind), the highest
/// approval (level + 批示), and an accepted pilot (level + 试点验收),
/// ordered by level, then the newest first.
pub(super) fn badges<'a>(
    w: &Words,
    approvals: &[Approval<'a>],
    honours: &[Honour<'a>],
    pilot: Option<&Pilot<'a>>,
) -> Vec<Badge<'a>> {
    let mut dated: Vec<(&str, Badge<'a>)> = Vec::new();
    if let Some(h) = honours.iter().min_by_key(|h| (h.rank, h.kind_rank)) {
        let text = w.level_kind(h.level_label, h.kind_label);
        dated.push((&h.date, badge("honour", h.level, h.rank, text)));
    }
    if let Some(a) = approvals.iter().min_by_key(|a| a.rank) {
        let text = w.level_kind(a.level_label, &w.approval);
        dated.push((&a.date, badge("approval", a.level, a.rank, text)));
    }
    if let Some(p) = pilot.filter(|p| p.status == "accepted") {
        let text = w.level_kind(p.level_label, &w.pilot_accepted);
        let date = p.accepted_on.as_deref().unwrap_or("");
        dated.push((date, badge("pilot", p.level, p.rank, text)));
    }
    // Dates are ISO, so they sort as text.
    dated.sort_by(|(da, a), (db, b)| a.rank.cmp(&b.rank).then_with(|| db.cmp(da)));
    dated.into_iter().map(|(_, b)| b).collect()
}

fn badge<'a>(kind: &'static str, level: &'a str, rank: Option<usize>, text: String) -> Badge<'a> {
    Badge {
        kind,
        level,
        rank: rank.unwrap_or(0),
        text,
    }
}

/// The recognition list of a case: every record (a pilot once accepted),
/// in date order, the higher level first on a day.
pub(super) fn recognition<'a>(
    w: &Words,
    approvals: &[Approval<'a>],
    honours: &[Honour<'a>],
    pilot: Option<&Pilot<'a>>,
) -> Vec<Event<'a>> {
    let mut out: Vec<Event<'a>> = Vec::with_capacity(approvals.len() + honours.len() + 1);
    out.extend(approvals.iter().enumerate().map(|(k, a)| Event {
        kind: "approval",
        honour_kind: None,
        kind_label: w.approval.clone(),
        level: a.level,
        level_label: a.level_label,
        rank: a.rank.unwrap_or(0),
        date: a.date.clone(),
        by: a.by,
        title: None,
        outlet: None,
        doc: a.doc,
        note: a.note,
        source: (EventKind::Approval, k),
    }));
    out.extend(honours.iter().enumerate().map(|(k, h)| Event {
        kind: "honour",
        honour_kind: Some(h.kind),
        kind_label: h.kind_label.to_string(),
        level: h.level,
        level_label: h.level_label,
        rank: h.rank.unwrap_or(0),
        date: h.date.clone(),
        by: h.issuer,
        title: h.title,
        outlet: h.outlet,
        doc: None,
        note: h.note,
        source: (EventKind::Honour, k),
    }));
    if let Some(p) = pilot
        && let Some(date) = &p.accepted_on
    {
        out.push(Event {
            kind: "pilot",
            honour_kind: None,
            kind_label: w.pilot_accepted.clone(),
            level: p.level,
            level_label: p.level_label,
            rank: p.rank.unwrap_or(0),
            date: date.clone(),
            by: p.name.unwrap_or_default(),
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
