//! The presentation: what a reader is shown of the site, resolved once from
//! the vocabularies and the theme's words, for every output to read (HTML
//! pages, data files, the ledger, print formats) instead of each looking
//! labels and ranks up again. Paths are site paths, never hrefs, so one
//! presentation serves every URL strategy.
//!
//! A case's records are made on first use: the dev server's rebuild renders
//! few pages and should not pay for every case.

mod card;
mod records;

use std::sync::OnceLock;

use crate::model::{Chapter, EventKind, Member, Site};

pub(crate) use card::{BrandRef, Card, Link, brand_ref, term_ref};
pub(crate) use records::{Approval, Event, Honour};

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

/// Everything shown of one case.
pub(crate) struct CaseView<'a> {
    pub card: Card<'a>,
    /// Every recognition record, in date order.
    pub recognition: Vec<Event<'a>>,
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
    cases: Vec<OnceLock<CaseView<'a>>>,
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
            cases: (0..site.cases.len()).map(|_| OnceLock::new()).collect(),
            levels: entries(&v.levels),
            honour_kinds: entries(&v.honour_kinds),
            reform_kinds: entries(&v.reform_kinds),
        }
    }

    /// Case `i` (an index into `site.cases`), made on first use.
    pub(crate) fn case(&self, i: usize) -> &CaseView<'a> {
        self.cases[i].get_or_init(|| self.make_case(i))
    }

    fn make_case(&self, i: usize) -> CaseView<'a> {
        let site: &'a Site = self.site;
        let d = &site.cases[i].doc;
        let v = &site.config.vocab;
        let approvals: Vec<Approval> = d
            .approvals
            .iter()
            .map(|a| records::approval(v, a))
            .collect();
        let honours: Vec<Honour> = d.honours.iter().map(|h| records::honour(v, h)).collect();
        let pilot = d.pilot.as_ref().map(|p| records::pilot(v, p));
        let w = &self.words;
        let badges = records::badges(w, &approvals, &honours, pilot.as_ref());
        let recognition = records::recognition(w, &approvals, &honours, pilot.as_ref());
        CaseView {
            card: card::card(self.site, i, approvals, honours, pilot, badges),
            recognition,
        }
    }

    /// The recognition record of the model's event (`kind`, `index`) of
    /// case `case`.
    pub(crate) fn event(&self, case: usize, kind: EventKind, index: usize) -> Option<&Event<'a>> {
        self.case(case)
            .recognition
            .iter()
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
