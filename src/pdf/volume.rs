//! One compilation as a Typst document: the template, then the volume
//! (cover, preface, contents, chapters, cases) as calls of the template's
//! functions with every text as a string literal, made from the same
//! presentation records and resolved Markdown as the print view.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::PathBuf;

use super::fonts::Chosen;
use super::markup::{self, CASE_HREF, Context, Images, lit};
use crate::config::{FontRole, Language, Paper, PdfConfig};
use crate::markdown::{Input, LinkEnv};
use crate::model::Site;
use crate::present::{Presentation, format_date};
use crate::urls::{UrlMode, Urls};

const TEMPLATE: &str = include_str!("volume.typ");

/// The text each document puts on paper, for the font coverage check.
pub(crate) struct DocText {
    /// Site-relative path, for messages.
    pub path: String,
    pub abs_path: PathBuf,
    pub text: String,
}

pub(crate) struct Prepared {
    pub source: String,
    pub images: Vec<(String, PathBuf)>,
    pub texts: Vec<DocText>,
    /// Members typeset (for progress).
    pub members: usize,
}

/// The theme's words, looked up by key.
pub(crate) type Words<'t> = &'t dyn Fn(&str) -> String;

/// "第一章" for chapter `n`, like the theme's chapter label.
fn chapter_label(t: Words, n: usize) -> String {
    let numerals = t("chapter_numerals");
    let nums: Vec<&str> = numerals.split(',').filter(|s| !s.is_empty()).collect();
    let shown = nums
        .get(n - 1)
        .map_or_else(|| n.to_string(), |s| s.trim().to_string());
    t("chapter_n").replace("{n}", &shown)
}

fn families(list: &[String]) -> String {
    let items: Vec<String> = list.iter().map(|f| lit(f)).collect();
    format!("({},)", items.join(", "))
}

fn opt(s: Option<&str>) -> String {
    s.map_or_else(|| "none".to_string(), lit)
}

/// The document date: the compilation's, else SOURCE_DATE_EPOCH, else none
/// (never the clock, so a rebuild gives the same bytes).
fn document_date(site: &Site, k: usize) -> String {
    let ymd = site.compilations[k]
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
        });
    match ymd {
        Some((y, m, d)) => format!("datetime(year: {y}, month: {m}, day: {d})"),
        None => "none".into(),
    }
}

fn config_dict(site: &Site, k: usize, cfg: &PdfConfig, chosen: &Chosen) -> String {
    let c = &site.compilations[k].doc;
    let (lang, region) = match site.config.language {
        Language::ZhCn => ("zh", "cn"),
        Language::En => ("en", "gb"),
    };
    let paper = match cfg.paper {
        Paper::A4 => "a4",
        Paper::B5 => "iso-b5",
    };
    let mut fonts = String::new();
    for role in FontRole::ALL {
        let _ = write!(
            fonts,
            "{}: {}, ",
            role.key(),
            families(&chosen.families[role as usize])
        );
    }
    format!(
        "#let cfg = (layout: {}, paper: {}, lang: {}, region: {}, fonts: ({fonts}), title: {}, author: {}, date: {})\n",
        lit(cfg.layout.name()),
        lit(paper),
        lit(lang),
        lit(region),
        lit(&c.title),
        lit(c.editor.as_deref().unwrap_or("")),
        document_date(site, k),
    )
}

/// The cover; returns the text it prints.
fn write_cover(out: &mut String, site: &Site, k: usize) -> String {
    let c = &site.compilations[k].doc;
    let date = c
        .date
        .map(|d| format_date(&d.to_string(), site.config.language, false));
    let _ = writeln!(
        out,
        "#cb-cover(cfg, {}, {}, {}, {})",
        lit(&c.title),
        opt(c.subtitle.as_deref()),
        opt(c.editor.as_deref()),
        opt(date.as_deref())
    );
    [
        Some(c.title.as_str()),
        c.subtitle.as_deref(),
        c.editor.as_deref(),
        date.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// Builds the Typst source of compilation `k`.
pub(crate) fn prepare(site: &Site, k: usize, t: Words, chosen: &Chosen) -> Prepared {
    let cfg = &site.config.pdf;
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
    let over = |page: &str| member_pages.get(page).map(|n| format!("{CASE_HREF}{n}"));

    let mut out = String::with_capacity(TEMPLATE.len() + comp.doc.meta.body.len() * 2);
    out.push_str(TEMPLATE);
    out.push('\n');
    out.push_str(&config_dict(site, k, cfg, chosen));
    out.push_str("#show: cb-volume.with(cfg)\n");
    let c = &comp.doc;
    let mut ctext = write_cover(&mut out, site, k);
    let mut images = Images::default();
    let mut texts = Vec::new();
    let mut body_of =
        |meta: &crate::doc::Meta, prefix: String, text: &mut String, title: &mut Option<String>| {
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
            let mut resolved = crate::markdown::resolve(&env, &input);
            if title.is_some() {
                *title = leading_heading(&mut resolved.events);
            }
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
            let cx = Context {
                image_files,
                absolute: &absolute,
                label_prefix: format!("cb-{prefix}"),
                heading_shift: 1,
            };
            markup::write(&resolved, &cx, &mut images, text)
        };

    // The preface: the compilation's own body.
    if !c.meta.body.trim().is_empty() {
        // A preface that opens with its own heading ("## 前言") has it as
        // the page title, once.
        let mut title = Some(String::new());
        let body = body_of(&c.meta, "preface-".into(), &mut ctext, &mut title);
        let title = title.unwrap_or_else(|| t("preface"));
        ctext.push_str(&title);
        let _ = writeln!(out, "#cb-front(cfg, {})[\n{body}]", lit(&title));
    }
    let _ = writeln!(out, "#cb-contents(cfg, {})", lit(&t("contents")));
    out.push_str("#show: cb-body.with(cfg)\n");
    let mut members = 0;
    for ch in &volume {
        ctext.push_str(ch.title);
        let _ = writeln!(
            out,
            "#cb-chapter(cfg, {}, {}, {})",
            lit(&format!("cb-chapter-{}", ch.number)),
            lit(&chapter_label(t, ch.number)),
            lit(ch.title)
        );
        for m in ch.members {
            members += 1;
            let case = &site.cases[m.case].doc;
            let mut text = String::new();
            write_case_head(&mut out, &pres, site, m.case, m.number, t, &mut text);
            let body = body_of(&case.meta, format!("c{}-", m.number), &mut text, &mut None);
            out.push_str(&body);
            out.push('\n');
            texts.push(DocText {
                path: case.meta.path.clone(),
                abs_path: case.meta.abs_path.clone(),
                text,
            });
        }
    }
    texts.push(DocText {
        path: c.meta.path.clone(),
        abs_path: c.meta.abs_path.clone(),
        text: ctext,
    });
    Prepared {
        source: out,
        images: images.files,
        texts,
        members,
    }
}

/// Takes a heading that opens a body out of its events; its text.
fn leading_heading(events: &mut Vec<pulldown_cmark::Event>) -> Option<String> {
    use pulldown_cmark::{Event, Tag, TagEnd};
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

/// Number, title, unit · region · date, and the recognition block.
fn write_case_head(
    out: &mut String,
    pres: &Presentation,
    site: &Site,
    i: usize,
    number: usize,
    t: Words,
    text: &mut String,
) {
    let lang = site.config.language;
    let card = pres.card(i);
    let mut meta: Vec<String> = Vec::new();
    meta.extend(card.unit.map(str::to_string));
    meta.extend(card.region.as_ref().map(|r| r.name.to_string()));
    meta.push(format_date(&card.date, lang, false));
    let meta_lits: Vec<String> = meta.iter().map(|m| lit(m)).collect();
    text.push_str(card.title);
    text.push_str(&meta.concat());
    let _ = writeln!(
        out,
        "#cb-case-head(cfg, {}, {}, {}, ({}))",
        lit(&format!("cb-case-{number}")),
        lit(&t("case_number").replace("{n}", &number.to_string())),
        lit(card.title),
        meta_lits
            .iter()
            .map(|m| format!("{m},"))
            .collect::<String>()
    );
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
    if rows.is_empty() {
        return;
    }
    let mut cells = String::new();
    for r in &rows {
        for cell in r {
            text.push_str(cell);
        }
        let _ = write!(cells, "({}, {}, {}), ", lit(&r[0]), lit(&r[1]), lit(&r[2]));
    }
    let _ = writeln!(
        out,
        "#cb-recognition(cfg, {}, ({cells}))",
        lit(&t("recognition"))
    );
}
