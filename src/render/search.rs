//! Data for the browser: the search index and the case list's filter data,
//! both as classic scripts (`window.… = {…}`), because from `file://` a page
//! can load a `<script src>` but cannot `fetch` a JSON file.
//!
//! The search index holds the plain text of every published case and
//! summary (never drafts) once, so its size is about that of the text; the
//! script normalises and matches substrings itself (see search.js), which
//! finds government terms that word segmenters split (放管服, 〔2023〕12号).

use std::io::Write as _;

use serde::Serialize;

use crate::load::Section;
use crate::model::{Site, TaxKind};
use crate::render::Bodies;
use crate::render::tera_env::script_safe_json;
use crate::write::urls::{Urls, doc_path};

pub const SEARCH_INDEX: &str = "search-index.js";
pub const CASE_FILTERS: &str = "data/case-filters.js";

#[derive(Serialize)]
struct SearchDoc<'a> {
    /// "c" case, "s" summary.
    t: &'static str,
    /// Path from the site root, as the browser needs it in this URL mode.
    u: String,
    ti: &'a str,
    d: String,
    #[serde(skip_serializing_if = "str::is_empty")]
    un: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    r: &'a str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    f: &'a [String],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    g: &'a [String],
    /// Kind label (cases) or period (summaries).
    #[serde(skip_serializing_if = "str::is_empty")]
    k: &'a str,
    /// A summary written in front matter (the default one is the body's
    /// first paragraph, already in `b`).
    #[serde(skip_serializing_if = "str::is_empty")]
    s: &'a str,
    b: &'a str,
}

fn write_js(out: &mut Vec<u8>, value: &impl Serialize) {
    match serde_json::to_string(value) {
        // U+2028/2029 and `</script>` are harmless in a .js file, but escaped
        // all the same so the data is also safe to inline.
        Ok(s) => out.extend_from_slice(script_safe_json(&s).as_bytes()),
        Err(_) => out.extend_from_slice(b"null"),
    }
}

/// `search-index.js`: `window.casebookSearchIndex = {version, docs: […]}`.
pub fn search_index(site: &Site, bodies: &Bodies, urls: &Urls) -> Vec<u8> {
    let text_len: usize = bodies.cases.iter().map(|r| r.plain.len()).sum::<usize>()
        + bodies
            .summaries
            .iter()
            .map(|r| r.plain.len())
            .sum::<usize>();
    let mut out = Vec::with_capacity(text_len + site.cases.len() * 256 + 256);
    out.extend_from_slice(b"/* casebook search index: generated, do not edit */\nwindow.casebookSearchIndex={\"version\":1,\"docs\":[\n");
    let mut first = true;
    let mut sep = |out: &mut Vec<u8>| {
        if !first {
            out.extend_from_slice(b",\n");
        }
        first = false;
    };
    let voc = &site.config.vocab;
    for (c, r) in site.cases.iter().zip(&bodies.cases) {
        let d = &c.doc;
        if d.meta.draft {
            continue;
        }
        sep(&mut out);
        write_js(
            &mut out,
            &SearchDoc {
                t: "c",
                u: urls.data_path(&doc_path(Section::Cases, &d.meta.slug)),
                ti: &d.title,
                d: crate::doc::fmt_date(d.date),
                un: d.unit.as_deref().unwrap_or(""),
                r: d.region.as_deref().unwrap_or(""),
                f: &d.fields,
                g: &d.tags,
                k: d.kind
                    .as_deref()
                    .map(|k| voc.reform_kinds.label(k))
                    .unwrap_or(""),
                s: d.summary.as_deref().unwrap_or(""),
                b: r.plain.trim_end(),
            },
        );
    }
    for (s, r) in site.summaries.iter().zip(&bodies.summaries) {
        let d = &s.doc;
        if d.meta.draft {
            continue;
        }
        sep(&mut out);
        write_js(
            &mut out,
            &SearchDoc {
                t: "s",
                u: urls.data_path(&doc_path(Section::Summaries, &d.meta.slug)),
                ti: &d.title,
                d: crate::doc::fmt_date(d.date),
                un: "",
                r: "",
                f: &[],
                g: &d.tags,
                k: d.period.as_deref().unwrap_or(""),
                s: d.summary.as_deref().unwrap_or(""),
                b: r.plain.trim_end(),
            },
        );
    }
    out.extend_from_slice(b"\n]};\n");
    out
}

#[derive(Serialize)]
struct FilterCase<'a> {
    u: String,
    ti: &'a str,
    d: String,
    y: i16,
    /// Slugs of the filter dimensions.
    r: Option<&'a str>,
    f: Vec<&'a str>,
    k: Option<&'a str>,
    /// Levels with at least one approval or honour.
    lv: Vec<&'a str>,
    /// Display: unit, region name, field names, kind label, badges, summary.
    un: Option<&'a str>,
    rn: Option<&'a str>,
    #[serde(rename = "fn")]
    fn_: Vec<&'a str>,
    kl: Option<&'a str>,
    b: Vec<(String, usize, &'static str)>,
    s: String,
}

/// `data/case-filters.js`: what the case list's live filters need to
/// select and show cases without a server.
pub fn case_filters(site: &Site, urls: &Urls, t: &dyn Fn(&str) -> String) -> Vec<u8> {
    let voc = &site.config.vocab;
    let regions = site.taxonomy(TaxKind::Regions);
    let fields = site.taxonomy(TaxKind::Fields);
    let mut cases = Vec::with_capacity(site.cases.len());
    for (i, c) in site.cases.iter().enumerate() {
        let d = &c.doc;
        let mut lv: Vec<&str> = d
            .approvals
            .iter()
            .map(|a| a.level.as_str())
            .chain(d.honours.iter().map(|h| h.level.as_str()))
            .collect();
        lv.sort_by_key(|l| voc.levels.rank(l));
        lv.dedup();
        let card = crate::render::views::case_card(site, t, i);
        cases.push(FilterCase {
            u: urls.data_path(&doc_path(Section::Cases, &d.meta.slug)),
            ti: &d.title,
            d: crate::doc::fmt_date(d.date),
            y: d.date.year(),
            r: d.region
                .as_deref()
                .and_then(|r| regions.term(r))
                .map(|t| t.slug.as_str()),
            f: d.fields
                .iter()
                .filter_map(|f| fields.term(f))
                .map(|t| t.slug.as_str())
                .collect(),
            k: d.kind.as_deref(),
            lv,
            un: d.unit.as_deref(),
            rn: d.region.as_deref(),
            fn_: d.fields.iter().map(String::as_str).collect(),
            kl: d.kind.as_deref().map(|k| voc.reform_kinds.label(k)),
            b: card
                .badges
                .into_iter()
                .map(|b| (b.text, b.rank, b.kind))
                .collect(),
            s: crate::text::truncate_chars(&c.summary, 120),
        });
    }
    let mut out = Vec::with_capacity(cases.len() * 400 + 64);
    out.extend_from_slice(
        b"/* casebook case list data: generated, do not edit */\nwindow.casebookCases=",
    );
    write_js(
        &mut out,
        &serde_json::json!({ "version": 1, "per_page": site.config.paginate, "cases": cases }),
    );
    let _ = writeln!(out, ";");
    out
}
