//! The presentation: what a reader is shown of the site, resolved once from
//! the vocabularies and the theme's words, for every output to read (HTML
//! pages, data files, the ledger, print formats) instead of each looking
//! labels and ranks up again. Paths are site paths, never hrefs, so one
//! presentation serves every URL strategy.
//!
//! A case's records are made when asked for, from borrowed text, and not
//! kept: they are cheap to make, the HTML renderer keeps the template form
//! of each card it uses, and keeping both for a 10,000-case site cost
//! 4-11 % more peak memory for no time saved.

mod card;
pub(crate) mod paper;
mod records;

use crate::model::{Chapter, EventKind, Member, Site};

pub(crate) use card::{BrandRef, Card, Link, brand_ref, term_ref};
pub(crate) use records::{Approval, Event, Honour, Pilot};

/// A date as readers see it: 2024年6月12日 (short: 2024.06.12), or
/// 12 June 2024 (2024-06-12) in English.
pub(crate) fn format_date(iso: &str, lang: crate::config::Language, short: bool) -> String {
    let Ok(d) = crate::load::reader::parse_date(iso) else {
        return iso.to_string();
    };
    match (lang, short) {
        (crate::config::Language::ZhCn, false) => {
            format!("{}年{}月{}日", d.year(), d.month(), d.day())
        }
        (crate::config::Language::ZhCn, true) => {
            format!("{}.{:02}.{:02}", d.year(), d.month(), d.day())
        }
        (crate::config::Language::En, false) => d.strftime("%-d %B %Y").to_string(),
        (crate::config::Language::En, true) => d.strftime("%Y-%m-%d").to_string(),
    }
}

/// The theme's words that recognition labels are made of.
pub(crate) struct Words {
    /// 批示
    approval: String,
    /// 试点验收
    pilot_accepted: String,
    /// How a level and a kind make one label: "{level}{kind}".
    level_kind: String,
}

impl Words {
    fn new(t: &dyn Fn(&str) -> String) -> Words {
        let pattern = t("level_kind");
        Words {
            approval: t("approval"),
            pilot_accepted: t("pilot_accepted"),
            // Chinese joins the two, English puts a space between.
            level_kind: if pattern.contains("{level}") {
                pattern
            } else {
                "{level}{kind}".to_string()
            },
        }
    }

    fn level_kind(&self, level: &str, kind: &str) -> String {
        self.level_kind
            .replace("{level}", level)
            .replace("{kind}", kind)
    }
}

/// One entry of a vocabulary, with its rank (0 = first, for levels the
/// highest).
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub id: String,
    pub label: String,
    pub rank: usize,
}

/// A chapter of a compilation's volume: its number (1…), title and
/// members, each with its number through the volume and its case index.
pub(crate) struct VolumeChapter<'a> {
    pub number: usize,
    pub title: &'a str,
    pub members: &'a [Member],
}

/// The site as shown, made once per build.
pub(crate) struct Presentation<'a> {
    site: &'a Site,
    words: Words,
    levels: Vec<Entry>,
    honour_kinds: Vec<Entry>,
    reform_kinds: Vec<Entry>,
}

fn entries(v: &crate::config::Vocab) -> Vec<Entry> {
    v.entries
        .iter()
        .enumerate()
        .map(|(rank, (id, label))| Entry {
            id: id.clone(),
            label: label.clone(),
            rank,
        })
        .collect()
}

impl<'a> Presentation<'a> {
    /// `t` gives the theme's words (a key comes back as itself when the
    /// theme has no word for it).
    pub(crate) fn new(site: &'a Site, t: &dyn Fn(&str) -> String) -> Presentation<'a> {
        let v = &site.config.vocab;
        Presentation {
            site,
            words: Words::new(t),
            levels: entries(&v.levels),
            honour_kinds: entries(&v.honour_kinds),
            reform_kinds: entries(&v.reform_kinds),
        }
    }

    /// The records of case `i` (an index into `site.cases`).
    fn records(&self, i: usize) -> (Vec<Approval<'a>>, Vec<Honour<'a>>, Option<Pilot<'a>>) {
        let site: &'a Site = self.site;
        let d = &site.cases[i].doc;
        let v = &site.config.vocab;
        (
            d.approvals
                .iter()
                .map(|a| records::approval(v, a))
                .collect(),
            d.honours.iter().map(|h| records::honour(v, h)).collect(),
            d.pilot.as_ref().map(|p| records::pilot(v, p)),
        )
    }

    /// The card of case `i`: what lists show of it, and the base of its page.
    pub(crate) fn card(&self, i: usize) -> Card<'a> {
        let (approvals, honours, pilot) = self.records(i);
        let badges = records::badges(&self.words, &approvals, &honours, pilot.as_ref());
        card::card(self.site, i, approvals, honours, pilot, badges)
    }

    /// Every recognition record of case `i`, in date order.
    pub(crate) fn recognition(&self, i: usize) -> Vec<Event<'a>> {
        let (approvals, honours, pilot) = self.records(i);
        records::recognition(&self.words, &approvals, &honours, pilot.as_ref())
    }

    /// The recognition record of the model's event (`kind`, `index`) of
    /// case `case`.
    pub(crate) fn event(&self, case: usize, kind: EventKind, index: usize) -> Option<Event<'a>> {
        self.recognition(case)
            .into_iter()
            .find(|e| e.source == (kind, index))
    }

    /// The levels, highest first.
    pub(crate) fn levels(&self) -> &[Entry] {
        &self.levels
    }

    pub(crate) fn honour_kinds(&self) -> &[Entry] {
        &self.honour_kinds
    }

    pub(crate) fn reform_kinds(&self) -> &[Entry] {
        &self.reform_kinds
    }

    /// The chapters of compilation `k`, in reading order.
    pub(crate) fn volume(&self, k: usize) -> Vec<VolumeChapter<'a>> {
        let chapters: &'a [Chapter] = &self.site.compilations[k].chapters;
        chapters
            .iter()
            .enumerate()
            .map(|(n, ch)| VolumeChapter {
                number: n + 1,
                title: &ch.title,
                members: &ch.members,
            })
            .collect()
    }
}
