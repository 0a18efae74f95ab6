//! Data for the browser: the search index and the case list's filter data,
//! both as classic scripts (`window.… = {…}`), because from `file://` a page
//! can load a `<script src>` but cannot `fetch` a JSON file.
//!
//! The search index holds the plain text of every published case and
//! summary (never drafts) once, so its size is about that of the text; the
//! script normalises and matches substrings itself (see search.js), which
//! finds government terms that word segmenters split (放管服, 〔2023〕12号).

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
pub fn search_index(
    site: &Site,
    bodies: &Bodies,
    urls: &Urls,
    frags: &crate::render::FragmentSource,
) -> std::sync::Arc<[u8]> {
    use rayon::prelude::*;
    let voc = &site.config.vocab;
    let one = |doc: &SearchDoc| {
        let mut v = Vec::with_capacity(doc.b.len() + 256);
        write_js(&mut v, doc);
        v
    };
    let key = |hash: u64, u: &str| {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (hash, u).hash(&mut h);
        h.finish()
    };
    let mut parts: Vec<(u64, std::sync::Arc<[u8]>)> = site
        .cases
        .par_iter()
        .zip(bodies.cases.par_iter())
        .filter(|(c, _)| !c.doc.meta.draft)
        .map(|(c, r)| {
            let d = &c.doc;
            let u = urls.data_path(&doc_path(Section::Cases, &d.meta.slug));
            let k = key(d.meta.hash, &u);
            (
                k,
                frags.get(2, d.meta.id, k, || {
                    one(&SearchDoc {
                        t: "c",
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
                        u: u.clone(),
                    })
                }),
            )
        })
        .collect();
    for (s, r) in site.summaries.iter().zip(&bodies.summaries) {
        let d = &s.doc;
        if d.meta.draft {
            continue;
        }
        let bytes = one(&SearchDoc {
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
        });
        parts.push((crate::text::fast_hash(&bytes), std::sync::Arc::from(bytes)));
    }
    crate::render::join_parts(
        frags,
        2,
        b"/* casebook search index: generated, do not edit */\nwindow.casebookSearchIndex={\"version\":1,\"docs\":[\n",
        &parts,
        b",\n",
        b"\n]};\n",
    )
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
pub fn case_filters(
    site: &Site,
    urls: &Urls,
    t: &(dyn Fn(&str) -> String + Sync),
    frags: &crate::render::FragmentSource,
) -> std::sync::Arc<[u8]> {
    use rayon::prelude::*;
    let voc = &site.config.vocab;
    let regions = site.taxonomy(TaxKind::Regions);
    let fields = site.taxonomy(TaxKind::Fields);
    let parts: Vec<(u64, std::sync::Arc<[u8]>)> = site
        .cases
        .par_iter()
        .map(|c| {
            let d = &c.doc;
            let u = urls.data_path(&doc_path(Section::Cases, &d.meta.slug));
            let key = {
                use std::hash::{Hash, Hasher};
                let mut h = std::collections::hash_map::DefaultHasher::new();
                (d.meta.fm_hash, &u, &c.summary).hash(&mut h);
                h.finish()
            };
            (
                key,
                frags.get(3, d.meta.id, key, || {
                    let mut lv: Vec<&str> = d
                        .approvals
                        .iter()
                        .map(|a| a.level.as_str())
                        .chain(d.honours.iter().map(|h| h.level.as_str()))
                        .collect();
                    lv.sort_by_key(|l| voc.levels.rank(l));
                    lv.dedup();
                    let fc = FilterCase {
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
                        b: crate::render::views::badges(site, t, c)
                            .into_iter()
                            .map(|b| (b.text, b.rank, b.kind))
                            .collect(),
                        s: crate::text::truncate_chars(&c.summary, 120),
                        u,
                    };
                    let mut v = Vec::with_capacity(512);
                    write_js(&mut v, &fc);
                    v
                }),
            )
        })
        .collect();
    let head = format!(
        "/* casebook case list data: generated, do not edit */\nwindow.casebookCases={{\"version\":1,\"per_page\":{},\"cases\":[",
        site.config.paginate
    );
    crate::render::join_parts(frags, 3, head.as_bytes(), &parts, b",", b"]};\n")
}
