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
    /// The characters of the document that search folding turns into
    /// another single character (see [`fold_info`]).
    #[serde(skip_serializing_if = "String::is_empty")]
    fx: String,
    /// 1: the document does not fold one character for one; search.js
    /// normalises its text before matching.
    #[serde(skip_serializing_if = "Option::is_none")]
    n: Option<u8>,
}

impl SearchDoc<'_> {
    /// Sets `fx`/`n` from the text search.js matches (title, metadata,
    /// summary, body).
    fn with_fold(mut self) -> Self {
        let fields = [self.ti, self.un, self.r, self.k, self.s, self.b];
        let lists = self.f.iter().chain(self.g).map(String::as_str);
        match fold_info(fields.into_iter().chain(lists)) {
            Some(fx) => self.fx = fx,
            None => self.n = Some(1),
        }
        self
    }
}

/// What search.js needs to match a document's raw text without normalising
/// it first: the characters that fold to another one, or `None` when folding
/// is not one character for one.
///
/// search.js matches a query against `text.normalize('NFKC').toLowerCase()`.
/// Doing that for every document in the browser costs about as much as
/// loading the index (~50 ms per 1,000 cases on our 2-core bench machine), so
/// the build checks each document here. When every character folds to
/// exactly one character of the same UTF-16 length and nothing composes
/// across characters, the folded text lines up with the raw text, and
/// search.js can match the raw text with a pattern in which each query
/// character also accepts the document characters listed here that fold to
/// it (`，` for `,`, `Ａ` and `A` for `a`). Documents with `…` (→ `...`),
/// `㎡` (→ `m2`), combining marks or a capital sigma (whose lower case depends
/// on context) get `None` and are normalised in the browser as before.
pub fn fold_info<'a>(fields: impl Iterator<Item = &'a str>) -> Option<String> {
    let nfkc = icu_normalizer::ComposingNormalizerBorrowed::new_nfkc();
    let mut out: Vec<char> = Vec::new();
    // Characters beyond ASCII and ideographs met so far: Chinese text
    // repeats a handful of punctuation marks thousands of times.
    let mut seen: Vec<char> = Vec::new();
    let mut buf = String::new();
    for field in fields {
        let mut check = false;
        let bytes = field.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // ASCII and U+4000–U+9FFF (ideographs, Yijing symbols: they fold
            // to themselves), A–Z aside: the common case, read as bytes.
            match bytes[i] {
                b @ 0..0x80 => {
                    let c = char::from(b);
                    if c.is_ascii_uppercase() && !out.contains(&c) {
                        out.push(c);
                    }
                    i += 1;
                    continue;
                }
                0xE4..=0xE9 => {
                    i += 3;
                    continue;
                }
                _ => {}
            }
            let Some(c) = field[i..].chars().next() else {
                break;
            };
            i += c.len_utf8();
            if !seen.contains(&c) {
                let (_, folded) = fold_char(&nfkc, c)?;
                seen.push(c);
                if folded != c {
                    out.push(c);
                }
            }
            check |= !inert(c);
        }
        if check {
            // Each character's own NFKC form, checked as a whole: nothing
            // may compose or reorder across characters.
            buf.clear();
            for c in field.chars() {
                buf.push(if c.is_ascii() {
                    c
                } else {
                    fold_char(&nfkc, c)?.0
                });
            }
            if !nfkc.is_normalized(&buf) {
                return None;
            }
        }
    }
    out.sort_unstable();
    Some(out.into_iter().collect())
}

/// Punctuation Chinese text is full of (general punctuation, CJK symbols
/// and punctuation less the combining tone marks U+302A–302F, full-width
/// forms): each one's NFKC form neither composes with nor reorders around
/// its neighbours, so a text of ASCII, ideographs and these needs no
/// whole-text check (`inert_punctuation_never_composes` proves it against
/// the Unicode data).
fn inert(c: char) -> bool {
    matches!(c, '\u{2010}'..='\u{205E}' | '\u{3000}'..='\u{3029}' | '\u{3030}'..='\u{303F}' | '\u{FF01}'..='\u{FF5E}')
}

/// `(NFKC(c), lower case of that)` when both are one character and the fold
/// keeps c's UTF-16 length, remembered per thread (a corpus uses few
/// characters beyond ASCII and ideographs).
fn fold_char(
    nfkc: &icu_normalizer::ComposingNormalizerBorrowed<'static>,
    c: char,
) -> Option<(char, char)> {
    thread_local! {
        static SEEN: std::cell::RefCell<rustc_hash::FxHashMap<char, Option<(char, char)>>> =
            Default::default();
    }
    if let Some(known) = SEEN.with(|m| m.borrow().get(&c).copied()) {
        return known;
    }
    let fold = || {
        let n = nfkc.normalize(c.encode_utf8(&mut [0; 4])).into_owned();
        let mut chars = n.chars();
        let nc = chars.next()?;
        if chars.next().is_some() || nc == '\u{03A3}' {
            return None;
        }
        let mut lower = nc.to_lowercase();
        let folded = lower.next()?;
        if lower.next().is_some() || folded.len_utf16() != c.len_utf16() {
            return None;
        }
        Some((nc, folded))
    };
    let result = fold();
    SEEN.with(|m| m.borrow_mut().insert(c, result));
    result
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
                        fx: String::new(),
                        n: None,
                    }
                    .with_fold())
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
            fx: String::new(),
            n: None,
        }
        .with_fold());
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

#[cfg(test)]
mod tests {
    use super::fold_info;

    fn fold(fields: &[&str]) -> Option<String> {
        fold_info(fields.iter().copied())
    }

    #[test]
    fn chinese_text_folds_one_for_one() {
        // Full-width punctuation and letters, capitals: listed once, sorted.
        assert_eq!(
            fold(&["改革：“放管服”（２０２３），ＡＢ", "Reform，改革"]).as_deref(),
            Some("R（），０２３：ＡＢ")
        );
        // Nothing that folds: an empty list, not "needs normalising".
        assert_eq!(
            fold(&["改革、创新。“一窗通办”", "2023 abc"]).as_deref(),
            Some("")
        );
    }

    #[test]
    fn expansions_and_compositions_need_normalising() {
        for text in [
            "改革……成效",       // … → ...
            "面积 200㎡",       // ㎡ → m2
            "cafe\u{301}",      // e + combining acute composes to é
            "ΟΔΟΣ",             // Σ lower case depends on context
            "\u{130}stanbul",   // İ lower-cases to two characters
            "\u{1100}\u{1161}", // Hangul jamo compose
        ] {
            assert_eq!(fold(&["标题", text]), None, "{text}");
        }
        // One character for one, but from a compatibility form: listed.
        assert_eq!(fold(&["①号文件"]).as_deref(), Some("①"));
    }

    /// What `inert` promises: the NFKC form of each of its characters (those
    /// that fold to one character) has combining class 0 and is the second
    /// half of no canonical composition, whatever precedes it.
    #[test]
    fn inert_punctuation_never_composes() {
        let nfkc = icu_normalizer::ComposingNormalizerBorrowed::new_nfkc();
        let ccc = icu_normalizer::properties::CanonicalCombiningClassMapBorrowed::new();
        // Every second half of a two-character canonical decomposition: a
        // superset of what can compose with a preceding character.
        let decompose = icu_normalizer::properties::CanonicalDecompositionBorrowed::new();
        let seconds: std::collections::HashSet<char> = (0..0x110000u32)
            .filter_map(char::from_u32)
            .filter_map(|x| match decompose.decompose(x) {
                icu_normalizer::properties::Decomposed::Expansion(_, b) => Some(b),
                _ => None,
            })
            .collect();
        assert!(seconds.contains(&'\u{301}') && seconds.contains(&'\u{1161}'));
        let mut checked = 0;
        for c in (0x2000..0x10000u32)
            .filter_map(char::from_u32)
            .filter(|&c| super::inert(c))
        {
            let n = nfkc.normalize(c.encode_utf8(&mut [0; 4])).into_owned();
            let mut chars = n.chars();
            let (Some(d), None) = (chars.next(), chars.next()) else {
                continue; // folds to several characters: fold_info gives up anyway
            };
            assert_eq!(ccc.get_u8(d), 0, "{c:?} → {d:?}");
            assert!(!seconds.contains(&d), "{c:?} → {d:?}");
            checked += 1;
        }
        assert!(checked > 200, "{checked}");
    }
}
