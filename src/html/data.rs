//! Generated non-HTML files: `data/stats.json`, `data/cases.json`, the Atom
//! feed and the sitemap. Dates come from content, never from the clock, so
//! two builds of the same site are byte-identical.

use serde::Serialize;

use crate::doc::{Approval, Honour, Pilot, fmt_date};
use crate::html::incremental::DataFile;
use crate::html::pages::{Kind, Spec};
use crate::load::Section;
use crate::model::Site;
use crate::text::escape_html as esc;
use crate::urls::{Urls, doc_path};

pub const FILES: &[&str] = &[
    "data/stats.json",
    "data/cases.json",
    "atom.xml",
    "sitemap.xml",
];

const FEED_ENTRIES: usize = 50;

#[derive(Serialize)]
pub struct CaseRecord<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub url: String,
    pub date: String,
    pub summary: &'a str,
    pub unit: &'a Option<String>,
    pub region: &'a Option<String>,
    pub fields: &'a [String],
    pub tags: &'a [String],
    pub kind: &'a Option<String>,
    pub brands: Vec<&'a str>,
    pub compilations: Vec<&'a str>,
    pub approvals: &'a [Approval],
    pub honours: &'a [Honour],
    pub pilot: &'a Option<Pilot>,
}

/// `data/cases.json` records, newest first (the model's order).
pub fn case_records<'a>(site: &'a Site, urls: &Urls) -> Vec<CaseRecord<'a>> {
    site.cases
        .iter()
        .map(|c| {
            let d = &c.doc;
            CaseRecord {
                slug: &d.meta.slug,
                title: &d.title,
                url: urls.href("", &doc_path(Section::Cases, &d.meta.slug)),
                date: fmt_date(d.date),
                summary: &c.summary,
                unit: &d.unit,
                region: &d.region,
                fields: &d.fields,
                tags: &d.tags,
                kind: &d.kind,
                brands: c
                    .brands
                    .iter()
                    .map(|&b| site.brands[b].doc.meta.slug.as_str())
                    .collect(),
                compilations: c
                    .compilations
                    .iter()
                    .map(|&k| site.compilations[k].doc.meta.slug.as_str())
                    .collect(),
                approvals: &d.approvals,
                honours: &d.honours,
                pilot: &d.pilot,
            }
        })
        .collect()
}

pub fn stats_json(site: &Site) -> String {
    let mut s = serde_json::to_string_pretty(&site.stats).unwrap_or_default();
    s.push('\n');
    s
}

pub fn files(
    site: &Site,
    urls: &Urls,
    specs: &[Spec],
    frags: &crate::html::incremental::FragmentSource,
) -> Vec<(String, std::sync::Arc<[u8]>)> {
    use rayon::prelude::*;
    use std::hash::{Hash, Hasher};
    let mut out = Vec::new();
    out.push((
        "data/stats.json".to_string(),
        std::sync::Arc::from(stats_json(site).into_bytes()),
    ));
    // One record per case, serialised on its own (and reused while the case
    // and its memberships are unchanged), joined as the JSON array.
    let records = case_records(site, urls);
    let parts: Vec<(u64, std::sync::Arc<[u8]>)> = records
        .par_iter()
        .zip(site.cases.par_iter())
        .map(|(r, c)| {
            // The record shows front matter, summary and memberships: an
            // edit below the first paragraph leaves it as it was.
            let mut h = xxhash_rust::xxh3::Xxh3Default::new();
            (
                c.doc.meta.fm_hash,
                &r.url,
                &r.brands,
                &r.compilations,
                &c.summary,
            )
                .hash(&mut h);
            let key = h.finish();
            (
                key,
                frags.get(DataFile::Cases, c.doc.meta.id, key, || {
                    serde_json::to_vec(r).unwrap_or_default()
                }),
            )
        })
        .collect();
    let cases =
        crate::html::incremental::join_parts(frags, DataFile::Cases, b"[", &parts, b",", b"]\n");
    out.push(("data/cases.json".to_string(), cases));
    // A feed and a sitemap only make sense for a site on a web server; the
    // offline bundle has neither (they would be absolute links to the site).
    if !urls.offline() {
        out.push((
            "atom.xml".to_string(),
            std::sync::Arc::from(atom(site, urls).into_bytes()),
        ));
        out.push((
            "sitemap.xml".to_string(),
            std::sync::Arc::from(sitemap(site, urls, specs).into_bytes()),
        ));
    }
    out
}

fn atom(site: &Site, urls: &Urls) -> String {
    struct Entry<'a> {
        title: &'a str,
        path: String,
        date: jiff::civil::Date,
        summary: &'a str,
    }
    let mut entries: Vec<Entry> = site
        .cases
        .iter()
        .map(|c| Entry {
            title: &c.doc.title,
            path: doc_path(Section::Cases, &c.doc.meta.slug),
            date: c.doc.date,
            summary: &c.summary,
        })
        .chain(site.summaries.iter().map(|s| Entry {
            title: &s.doc.title,
            path: doc_path(Section::Summaries, &s.doc.meta.slug),
            date: s.doc.date,
            summary: &s.summary,
        }))
        .collect();
    entries.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.path.cmp(&b.path)));
    entries.truncate(FEED_ENTRIES);
    let stamp = |d: jiff::civil::Date| format!("{}T00:00:00Z", fmt_date(d));
    let updated = entries
        .first()
        .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), |e| stamp(e.date));
    let mut x = String::with_capacity(4096);
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        site.config.language.code()
    ));
    x.push_str(&format!("  <title>{}</title>\n", esc(&site.config.title)));
    if !site.config.description.is_empty() {
        x.push_str(&format!(
            "  <subtitle>{}</subtitle>\n",
            esc(&site.config.description)
        ));
    }
    x.push_str(&format!(
        "  <link href=\"{}\" rel=\"self\" type=\"application/atom+xml\"/>\n",
        esc(&urls.absolute("atom.xml"))
    ));
    x.push_str(&format!("  <link href=\"{}\"/>\n", esc(&urls.absolute(""))));
    x.push_str(&format!("  <id>{}</id>\n", esc(&urls.absolute(""))));
    x.push_str(&format!("  <updated>{updated}</updated>\n"));
    x.push_str("  <generator>casebook</generator>\n");
    for e in entries {
        let url = urls.absolute(&e.path);
        x.push_str("  <entry>\n");
        x.push_str(&format!("    <title>{}</title>\n", esc(e.title)));
        x.push_str(&format!("    <link href=\"{}\"/>\n", esc(&url)));
        x.push_str(&format!("    <id>{}</id>\n", esc(&url)));
        x.push_str(&format!("    <updated>{}</updated>\n", stamp(e.date)));
        x.push_str(&format!(
            "    <author><name>{}</name></author>\n",
            esc(&site.config.title)
        ));
        if !e.summary.is_empty() {
            x.push_str(&format!("    <summary>{}</summary>\n", esc(e.summary)));
        }
        x.push_str("  </entry>\n");
    }
    x.push_str("</feed>\n");
    x
}

fn sitemap(site: &Site, urls: &Urls, specs: &[Spec]) -> String {
    let mut x = String::with_capacity(specs.len() * 100);
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for s in specs {
        let lastmod = match s.kind {
            Kind::NotFound => continue,
            Kind::Case(i) => Some(site.cases[i].doc.date),
            Kind::Summary(i) => Some(site.summaries[i].doc.date),
            Kind::Page(i) => site.pages[i].date,
            Kind::Compilation(i) | Kind::CompilationPrint(i) => site.compilations[i].doc.date,
            _ => None,
        };
        x.push_str(&format!(
            "  <url><loc>{}</loc>",
            esc(&urls.absolute(&s.path))
        ));
        if let Some(d) = lastmod {
            x.push_str(&format!("<lastmod>{}</lastmod>", fmt_date(d)));
        }
        x.push_str("</url>\n");
    }
    x.push_str("</urlset>\n");
    x
}
