//! `data/stats.json`: counts over published documents, every vocabulary id
//! present (0 where nothing counts), events counted in their own date's year.

use indexmap::IndexMap;
use serde::Serialize;

use crate::config::Config;
use crate::model::CaseEntry;

type Counts = IndexMap<String, u64>;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ByLevel {
    pub total: u64,
    pub by_level: Counts,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ByLevelKind {
    pub total: u64,
    pub by_level: Counts,
    pub by_kind: Counts,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Pilots {
    pub total: u64,
    pub by_status: Counts,
    pub accepted_by_level: Counts,
}

#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct YearCounts {
    pub cases: u64,
    pub approvals: u64,
    pub honours: u64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Stats {
    pub cases: u64,
    pub summaries: u64,
    pub brands: u64,
    pub compilations: u64,
    pub approvals: ByLevel,
    pub honours: ByLevelKind,
    pub cases_with_honours: ByLevelKind,
    pub cases_with_approvals: ByLevel,
    pub pilots: Pilots,
    /// Years ascending.
    pub by_year: IndexMap<String, YearCounts>,
    /// Most cases first, then name.
    pub by_region: Counts,
    pub by_field: Counts,
    /// Extension beyond the contract: cases per reform kind (every id).
    pub by_kind: Counts,
}

pub(crate) fn compute(
    cases: &[CaseEntry],
    summaries: usize,
    brands: usize,
    compilations: usize,
    config: &Config,
) -> Stats {
    let v = &config.vocab;
    let mut approvals = ByLevel {
        total: 0,
        by_level: v.levels.zeroed(0),
    };
    let mut honours = ByLevelKind {
        total: 0,
        by_level: v.levels.zeroed(0),
        by_kind: v.honour_kinds.zeroed(0),
    };
    let mut with_h = honours.clone();
    let mut with_a = approvals.clone();
    let mut pilots = Pilots {
        total: 0,
        by_status: v.pilot_status.zeroed(0),
        accepted_by_level: v.levels.zeroed(0),
    };
    let mut by_year: std::collections::BTreeMap<String, YearCounts> = Default::default();
    let mut by_region: Counts = IndexMap::new();
    let mut by_field: Counts = IndexMap::new();
    let mut by_kind: Counts = v.reform_kinds.zeroed(0);

    let bump = |m: &mut Counts, k: &str| {
        if let Some(n) = m.get_mut(k) {
            *n += 1;
        } else {
            m.insert(k.to_string(), 1);
        }
    };
    for c in cases {
        let d = &c.doc;
        by_year.entry(d.date.year().to_string()).or_default().cases += 1;
        if let Some(r) = &d.region {
            bump(&mut by_region, r);
        }
        for f in &d.fields {
            bump(&mut by_field, f);
        }
        if let Some(k) = &d.kind {
            bump(&mut by_kind, k);
        }
        for a in &d.approvals {
            approvals.total += 1;
            bump(&mut approvals.by_level, &a.level);
            by_year
                .entry(a.date.year().to_string())
                .or_default()
                .approvals += 1;
        }
        for h in &d.honours {
            honours.total += 1;
            bump(&mut honours.by_level, &h.level);
            bump(&mut honours.by_kind, &h.kind);
            by_year
                .entry(h.date.year().to_string())
                .or_default()
                .honours += 1;
        }
        if !d.approvals.is_empty() {
            with_a.total += 1;
            let mut levels: Vec<&str> = d.approvals.iter().map(|a| a.level.as_str()).collect();
            levels.sort_unstable();
            levels.dedup();
            levels.iter().for_each(|l| bump(&mut with_a.by_level, l));
        }
        if !d.honours.is_empty() {
            with_h.total += 1;
            let mut levels: Vec<&str> = d.honours.iter().map(|h| h.level.as_str()).collect();
            levels.sort_unstable();
            levels.dedup();
            levels.iter().for_each(|l| bump(&mut with_h.by_level, l));
            let mut kinds: Vec<&str> = d.honours.iter().map(|h| h.kind.as_str()).collect();
            kinds.sort_unstable();
            kinds.dedup();
            kinds.iter().for_each(|k| bump(&mut with_h.by_kind, k));
        }
        if let Some(p) = &d.pilot {
            pilots.total += 1;
            bump(&mut pilots.by_status, &p.status);
            if p.status == "accepted" {
                bump(&mut pilots.accepted_by_level, &p.level);
            }
        }
    }
    let sort_counts = |m: &mut Counts| m.sort_by(|ka, a, kb, b| b.cmp(a).then_with(|| ka.cmp(kb)));
    sort_counts(&mut by_region);
    sort_counts(&mut by_field);
    Stats {
        cases: cases.len() as u64,
        summaries: summaries as u64,
        brands: brands as u64,
        compilations: compilations as u64,
        approvals,
        honours,
        cases_with_honours: with_h,
        cases_with_approvals: with_a,
        pilots,
        by_year: by_year.into_iter().collect(),
        by_region,
        by_field,
        by_kind,
    }
}
