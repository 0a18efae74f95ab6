//! A compilation as a printed volume (编印): cover, preface, contents,
//! chapters and cases, each case with its head (number, title, unit ·
//! region · date, recognition) and its resolved Markdown body. The paper
//! outputs (PDF, Word) are writers this walk calls in reading order, so
//! both print the same volume and neither decides again what is on it.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::{Presentation, format_date};
use crate::doc::Meta;
use crate::markdown::{Input, LinkEnv, Resolved};
use crate::model::Site;
use crate::urls::{UrlMode, Urls};

/// The href prefix that marks a link to a member of the same volume
/// ("#cb-case-3" is member 3): writers turn it into an internal link.
pub(crate) const MEMBER_HREF: &str = "#cb-case-";

/// The theme's words, looked up by key.
pub(crate) type Words<'t> = &'t dyn Fn(&str) -> String;

/// What the cover prints.
pub(crate) struct Cover<'a> {
    pub title: &'a str,
    pub subtitle: Option<&'a str>,
    pub editor: Option<&'a str>,
    /// As readers see it (2024年6月12日).
    pub date: Option<String>,
}

/// A case's head: the lines above its body.
pub(crate) struct CaseHead<'a> {
    /// Member number through the volume (1…), the target of `MEMBER_HREF`.
    pub number: usize,
    /// "案例 3"
    pub label: String,
    pub title: &'a str,
    /// Unit, region, date (those present).
    pub meta: Vec<String>,
    /// The recognition block's title (荣誉与批示).
    pub recognition_title: String,
    /// Date, level and kind, what (by, title, outlet …): in date order, then
    /// a pilot that is not yet accepted.
    pub rows: Vec<[String; 3]>,
}

/// A resolved body and what a writer needs to put it on paper.
pub(crate) struct Body<'r> {
    pub resolved: Resolved<'r>,
    /// Local image hrefs of this body → their source files.
    pub image_files: HashMap<String, PathBuf>,
    /// Turns a site-absolute href ("/cases/x/") into a full address.
    pub absolute: &'r dyn Fn(&str) -> String,
    /// Unique in the volume: "preface-", "c3-" (the PDF's labels).
    #[cfg_attr(not(feature = "pdf"), allow(dead_code))]
    pub prefix: String,
}

/// A paper output, called in reading order by [`walk`].
pub(crate) trait PaperWriter {
    fn cover(&mut self, cover: &Cover);
    /// The compilation's own body; `title` is its leading heading, or the
    /// theme's word for a preface.
    fn preface(&mut self, title: &str, body: &Body, doc: &Meta);
    fn contents(&mut self, title: &str);
    /// `label` is "第一章"; `number` counts from 1.
    fn chapter(&mut self, number: usize, label: &str, title: &str);
    fn case(&mut self, head: &CaseHead, body: &Body, doc: &Meta);
}

/// "第一章" for chapter `n`, like the theme's chapter label.
pub(crate) fn chapter_label(t: Words, n: usize) -> String {
    let numerals = t("chapter_numerals");
    let nums: Vec<&str> = numerals.split(',').filter(|s| !s.is_empty()).collect();
    let shown = nums
        .get(n - 1)
        .map_or_else(|| n.to_string(), |s| s.trim().to_string());
    t("chapter_n").replace("{n}", &shown)
}

/// The document date of compilation `k` as (year, month, day): its own,
/// else SOURCE_DATE_EPOCH, else none (never the clock, so a rebuild gives
/// the same bytes).
pub(crate) fn document_date(site: &Site, k: usize) -> Option<(i16, i8, i8)> {
    site.compilations[k]
        .doc
        .date
        .map(|d| (d.year(), d.month(), d.day()))
        .or_else(|| {
            let secs: i64 = std::env::var("SOURCE_DATE_EPOCH")
                .ok()?
                .trim()
                .parse()
                .ok()?;
            let ts = jiff::Timestamp::from_second(secs).ok()?;
            let d = jiff::tz::TimeZone::UTC.to_datetime(ts).date();
            Some((d.year(), d.month(), d.day()))
        })
}

/// Walks compilation `k` into `w`; the number of members written.
pub(crate) fn walk(site: &Site, k: usize, t: Words, w: &mut dyn PaperWriter) -> usize {
    let comp = &site.compilations[k];
    let pres = Presentation::new(site, t);
    let volume = pres.volume(k);

    // Links between members become links inside the volume.
    let member_pages: HashMap<String, usize> = volume
        .iter()
        .flat_map(|ch| ch.members.iter())
        .map(|m| (crate::urls::page_of(&site.cases[m.case].doc.meta), m.number))
        .collect();
    let docs = site.doc_pages();
    let routes = HashSet::new();
    let urls = Urls::new(UrlMode::Pretty, &site.config.base_url);
    let mut env = LinkEnv::new(&site.root, &docs, &routes, &urls);
    env.unsafe_html = site.config.markdown.unsafe_html;
    let base_path = site.config.base_path().to_string();
    let absolute = |href: &str| {
        let path = href
            .strip_prefix(base_path.as_str())
            .unwrap_or(href.trim_start_matches('/'));
        urls.absolute(path)
    };
    let over = |page: &str| member_pages.get(page).map(|n| format!("{MEMBER_HREF}{n}"));
    // The resolved events borrow the page and prefix made here, so the
    // body is handed to `f` rather than returned.
    let with_body = |meta: &Meta, prefix: String, f: &mut dyn FnMut(&mut Body)| {
        let page = crate::urls::page_of(meta);
        let input = Input {
            body: &meta.body,
            body_line: meta.body_line,
            path: &meta.path,
            abs_path: &meta.abs_path,
            bundle_dir: meta.bundle_dir.as_deref(),
            page: &page,
            from: &page,
            id_prefix: &prefix,
            heading_shift: 0,
            link_override: Some(&over),
        };
        let resolved = crate::markdown::resolve(&env, &input);
        let image_files = resolved
            .assets
            .iter()
            .map(|a| {
                (
                    urls.href(&page, &crate::markdown::encode_path(&a.dest)),
                    a.src.clone(),
                )
            })
            .collect();
        f(&mut Body {
            resolved,
            image_files,
            absolute: &absolute,
            prefix: prefix.clone(),
        });
    };

    let c = &comp.doc;
    w.cover(&Cover {
        title: &c.title,
        subtitle: c.subtitle.as_deref(),
        editor: c.editor.as_deref(),
        date: c
            .date
            .map(|d| format_date(&d.to_string(), site.config.language, false)),
    });
    if !c.meta.body.trim().is_empty() {
        // A preface that opens with its own heading ("## 前言") has it as
        // the page title, once.
        with_body(&c.meta, "preface-".into(), &mut |body| {
            let title = leading_heading(&mut body.resolved.events).unwrap_or_else(|| t("preface"));
            w.preface(&title, body, &c.meta);
        });
    }
    w.contents(&t("contents"));
    let mut members = 0;
    for ch in &volume {
        w.chapter(ch.number, &chapter_label(t, ch.number), ch.title);
        for m in ch.members {
            members += 1;
            let case = &site.cases[m.case].doc;
            let head = case_head(&pres, site, m.case, m.number, t);
            with_body(&case.meta, format!("c{}-", m.number), &mut |body| {
                w.case(&head, body, &case.meta);
            });
        }
    }
    members
}

/// Takes a heading that opens a body out of its events; its text.
fn leading_heading(events: &mut Vec<Event>) -> Option<String> {
    if !matches!(events.first(), Some(Event::Start(Tag::Heading { .. }))) {
        return None;
    }
    let end = events
        .iter()
        .position(|e| matches!(e, Event::End(TagEnd::Heading(_))))?;
    let text: String = events[..end]
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    events.drain(..=end);
    Some(text)
}

/// Number, title, unit · region · date, and the recognition rows.
fn case_head<'a>(
    pres: &Presentation<'a>,
    site: &'a Site,
    i: usize,
    number: usize,
    t: Words,
) -> CaseHead<'a> {
    let lang = site.config.language;
    let card = pres.card(i);
    let mut meta: Vec<String> = Vec::new();
    meta.extend(card.unit.map(str::to_string));
    meta.extend(card.region.as_ref().map(|r| r.name.to_string()));
    meta.push(format_date(&card.date, lang, false));
    let level_kind = t("level_kind");
    let mut rows: Vec<[String; 3]> = pres
        .recognition(i)
        .iter()
        .map(|e| {
            let mut what = e.by.to_string();
            for extra in [e.title, e.outlet, e.doc, e.note].into_iter().flatten() {
                what.push_str(&t("list_sep"));
                what.push_str(extra);
            }
            [
                format_date(&e.date, lang, false),
                level_kind
                    .replace("{level}", e.level_label)
                    .replace("{kind}", &e.kind_label),
                what,
            ]
        })
        .collect();
    if let Some(p) = card.pilot.as_ref().filter(|p| p.status != "accepted") {
        let name = p.name.map_or_else(
            || p.level_label.to_string(),
            |n| format!("{n}{}", t("parens").replace("{text}", p.level_label)),
        );
        rows.push([t("pilot"), p.status_label.to_string(), name]);
    }
    CaseHead {
        number,
        label: t("case_number").replace("{n}", &number.to_string()),
        title: card.title,
        meta,
        recognition_title: t("recognition"),
        rows,
    }
}
