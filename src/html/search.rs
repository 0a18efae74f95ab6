//! Data for the browser: the search index and the case list's filter data,
//! both as classic scripts (`window.… = {…}`), because from `file://` a page
//! can load a `<script src>` but cannot `fetch` a JSON file.
//!
//! The search index holds the plain text of every published case and
//! summary (never drafts) once, so its size is about that of the text; the
//! script normalises and matches substrings itself (see search.js), which
//! finds government terms that word segmenters split (放管服, 〔2023〕12号).

use serde::Serialize;
use xxhash_rust::xxh3::xxh3_64;

use crate::html::Bodies;
use crate::html::incremental::DataFile;
use crate::html::tera_env::script_safe_json;
use crate::load::Section;
use crate::model::{Site, TaxKind};
use crate::present::Presentation;
use crate::urls::{Urls, doc_path};

pub(crate) const SEARCH_INDEX: &str = "search-index.js";
pub(crate) const CASE_FILTERS: &str = "data/case-filters.js";

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
    /// The plain text of the body: in search-index.js only (search-index.bin
    /// carries bodies outside the JSON, see [`search_index`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    b: Option<&'a str>,
    /// search-index.bin: the body's length in UTF-16 code units.
    #[serde(skip_serializing_if = "Option::is_none")]
    bl: Option<usize>,
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
        let fields = [
            self.ti,
            self.un,
            self.r,
            self.k,
            self.s,
            self.b.unwrap_or(""),
        ];
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
pub(crate) fn fold_info<'a>(fields: impl Iterator<Item = &'a str>) -> Option<String> {
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

/// The search index, twice over:
///
/// - `search-index.js`: `window.casebookSearchIndex = {version, docs: […]}`,
///   a classic script, which is all a page opened from `file://` can load;
/// - `search-index.bin` (not in offline builds): the same documents for
///   pages served over HTTP, which fetch it and decompress it with the
///   browser's `DecompressionStream`. A script of plain text costs the
///   browser's JavaScript parser ~45 ns a byte (200 ms per 1,000 cases on
///   our 2-core bench machine, competing with the page's own first layout);
///   this file is about a tenth of the bytes for the generated corpus (a
///   third to a half for real text), inflates natively and decodes to
///   strings without a parser.
///
/// `search-index.bin` is one gzip member whose content is UTF-16LE text
/// (so that decoding is a copy): a line `{"version":1,"docs":N}`, then per
/// document its JSON without `b` but with `bl`, a newline, and the body's
/// `bl` UTF-16 code units. Documents are deflated in chunks of
/// [`BIN_CHUNK`], each ended by a sync flush so the chunks simply
/// concatenate: the chunks are compressed in parallel, and the dev server
/// recompresses only the chunk holding a changed document.
pub(crate) struct SearchIndex {
    pub js: std::sync::Arc<[u8]>,
    pub bin: Option<std::sync::Arc<[u8]>>,
}

pub(crate) const SEARCH_INDEX_BIN: &str = "search-index.bin";
/// Documents per compressed chunk of search-index.bin: ~250 KB of text,
/// far beyond deflate's 32 KB window, so chunking costs almost nothing in
/// size.
const BIN_CHUNK: usize = 64;
/// At 10,000 generated cases (37 MB of UTF-16): level 1 gives 7.8 MB,
/// 3 gives 5.2 MB, 6 (zlib's default) 4.4 MB for ~60 % more time than 3.
const BIN_LEVEL: u32 = 3;

pub(crate) fn search_index(
    site: &Site,
    present: &Presentation,
    bodies: &Bodies,
    urls: &Urls,
    frags: &crate::html::incremental::FragmentSource,
) -> SearchIndex {
    use rayon::prelude::*;
    use std::sync::Arc;
    let bin = !urls.offline();
    let key = |hash: u64, u: &str| {
        use std::hash::{Hash, Hasher};
        let mut h = xxhash_rust::xxh3::Xxh3Default::new();
        (hash, u).hash(&mut h);
        h.finish()
    };
    type Part = (u64, Arc<[u8]>, Option<Arc<[u8]>>);
    let mut parts: Vec<Part> = site
        .cases
        .par_iter()
        .zip(bodies.cases.par_iter())
        .enumerate()
        .filter(|(_, (c, _))| !c.doc.meta.draft)
        .map(|(i, (c, r))| {
            let d = &c.doc;
            let u = urls.data_path(&doc_path(Section::Cases, &d.meta.slug));
            let k = key(d.meta.hash, &u);
            // Made only when a fragment is, with the folding check.
            let doc = std::cell::LazyCell::new(|| {
                let kind = present.card(i).kind;
                SearchDoc {
                    t: "c",
                    ti: &d.title,
                    d: crate::doc::fmt_date(d.date),
                    un: d.unit.as_deref().unwrap_or(""),
                    r: d.region.as_deref().unwrap_or(""),
                    f: &d.fields,
                    g: &d.tags,
                    k: kind.map_or("", |k| k.label),
                    s: d.summary.as_deref().unwrap_or(""),
                    b: Some(r.plain.trim_end()),
                    bl: None,
                    u,
                    fx: String::new(),
                    n: None,
                }
                .with_fold()
            });
            let js = frags.get(DataFile::SearchIndex, d.meta.id, k, || js_doc(&doc));
            let bin = bin.then(|| frags.get(DataFile::SearchBin, d.meta.id, k, || bin_doc(&doc)));
            (k, js, bin)
        })
        .collect();
    for (s, r) in site.summaries.iter().zip(&bodies.summaries) {
        let d = &s.doc;
        if d.meta.draft {
            continue;
        }
        let doc = SearchDoc {
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
            b: Some(r.plain.trim_end()),
            bl: None,
            fx: String::new(),
            n: None,
        }
        .with_fold();
        let js = js_doc(&doc);
        let bin = bin.then(|| Arc::from(bin_doc(&doc)));
        parts.push((xxh3_64(&js), Arc::from(js), bin));
    }
    let js_parts: Vec<(u64, Arc<[u8]>)> = parts.iter().map(|(k, j, _)| (*k, j.clone())).collect();
    let js = crate::html::incremental::join_parts(
        frags,
        DataFile::SearchIndex,
        b"/* casebook search index: generated, do not edit */\nwindow.casebookSearchIndex={\"version\":1,\"docs\":[\n",
        &js_parts,
        b",\n",
        b"\n]};\n",
    );
    let bin = if bin {
        let docs: Vec<(u64, &[u8])> = parts
            .iter()
            .filter_map(|(k, _, b)| Some((*k, &**b.as_ref()?)))
            .collect();
        Some(search_bin(frags, &docs))
    } else {
        None
    };
    SearchIndex { js, bin }
}

/// A document's entry in search-index.js.
fn js_doc(doc: &SearchDoc) -> Vec<u8> {
    let mut v = Vec::with_capacity(doc.b.map_or(0, str::len) + 256);
    write_js(&mut v, doc);
    v
}

/// A document's part of search-index.bin (uncompressed): its JSON without
/// the body, a newline, the body; UTF-16LE.
fn bin_doc(doc: &SearchDoc) -> Vec<u8> {
    let body = doc.b.unwrap_or("");
    let head = SearchDoc {
        b: None,
        bl: Some(body.encode_utf16().count()),
        u: doc.u.clone(),
        d: doc.d.clone(),
        fx: doc.fx.clone(),
        ..*doc
    };
    // serde_json escapes control characters: the JSON is one line.
    let json = serde_json::to_string(&head).unwrap_or_else(|_| "{}".into());
    let mut out = Vec::with_capacity((json.len() + body.len()) * 2);
    for u in json
        .encode_utf16()
        .chain([u16::from(b'\n')])
        .chain(body.encode_utf16())
    {
        out.extend_from_slice(&u.to_le_bytes());
    }
    out
}

/// search-index.bin from the documents' parts (`(key, bytes)`, in order).
fn search_bin(
    frags: &crate::html::incremental::FragmentSource,
    docs: &[(u64, &[u8])],
) -> std::sync::Arc<[u8]> {
    use rayon::prelude::*;
    let mut first = Vec::new();
    let line = format!("{{\"version\":1,\"docs\":{}}}\n", docs.len());
    for u in line.encode_utf16() {
        first.extend_from_slice(&u.to_le_bytes());
    }
    let mut pieces: Vec<(u64, &[u8])> = Vec::with_capacity(docs.len() + 1);
    pieces.push((xxh3_64(&first), &first));
    pieces.extend_from_slice(docs);
    let chunks: Vec<&[(u64, &[u8])]> = pieces.chunks(BIN_CHUNK).collect();
    let keys: Vec<u64> = chunks
        .iter()
        .map(|c| crate::html::incremental::hash_keys(c.iter().map(|(k, _)| *k)))
        .collect();
    // Each chunk: its deflated bytes followed by the CRC-32 (4 bytes) and
    // length (8) of its text, all reused while its documents are unchanged
    // (a save in `serve` then hashes and deflates one chunk, not 37 MB).
    let deflated: Vec<std::sync::Arc<[u8]>> = chunks
        .par_iter()
        .zip(keys.par_iter())
        .enumerate()
        .map(|(i, (c, &k))| {
            frags.get(DataFile::SearchBinChunk, i as u64, k, || {
                let parts: Vec<&[u8]> = c.iter().map(|(_, b)| *b).collect();
                let mut crc = crc32fast::Hasher::new();
                parts.iter().for_each(|p| crc.update(p));
                let len: usize = parts.iter().map(|p| p.len()).sum();
                let mut out = deflate_sync(&parts, BIN_LEVEL);
                out.extend_from_slice(&crc.finalize().to_le_bytes());
                out.extend_from_slice(&(len as u64).to_le_bytes());
                out
            })
        })
        .collect();
    frags.whole(DataFile::SearchBin, &keys, || {
        let size: usize = deflated.iter().map(|b| b.len()).sum();
        let mut out = Vec::with_capacity(size + 20);
        // gzip header: deflate, no name, no time, unknown OS.
        out.extend_from_slice(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
        let mut crc = crc32fast::Hasher::new();
        let mut len: u64 = 0;
        for chunk in &deflated {
            let (bytes, tail) = chunk.split_at(chunk.len() - 12);
            out.extend_from_slice(bytes);
            let (c, l) = tail.split_at(4);
            let c = u32::from_le_bytes(c.try_into().unwrap_or_default());
            let l = u64::from_le_bytes(l.try_into().unwrap_or_default());
            crc.combine(&crc32fast::Hasher::new_with_initial_len(c, l));
            len += l;
        }
        // An empty final block (fixed Huffman codes): the end of the stream.
        out.extend_from_slice(&[0x03, 0x00]);
        out.extend_from_slice(&crc.finalize().to_le_bytes());
        // ISIZE: the length modulo 2^32, as gzip defines it.
        out.extend_from_slice(&((len & 0xffff_ffff) as u32).to_le_bytes());
        out
    })
}

/// Raw deflate of `parts` (one after the other), ended by a sync flush:
/// byte-aligned and not final, so such chunks concatenate into one stream.
fn deflate_sync(parts: &[&[u8]], level: u32) -> Vec<u8> {
    use flate2::{Compress, Compression, FlushCompress};
    let mut c = Compress::new(Compression::new(level), false);
    let total: usize = parts.iter().map(|p| p.len()).sum();
    let mut out = Vec::with_capacity(total / 4 + 4096);
    let mut run = |mut input: &[u8], flush: FlushCompress, out: &mut Vec<u8>| -> Option<()> {
        loop {
            if out.len() == out.capacity() {
                out.reserve(out.capacity().max(4096));
            }
            let before = c.total_in();
            c.compress_vec(input, out, flush).ok()?;
            input = input.get(usize::try_from(c.total_in() - before).ok()?..)?;
            // zlib: done once the input is taken and output space is left.
            if input.is_empty() && out.len() < out.capacity() {
                return Some(());
            }
        }
    };
    let done = parts
        .iter()
        .all(|p| run(p, FlushCompress::None, &mut out).is_some())
        && run(&[], FlushCompress::Sync, &mut out).is_some();
    if done { out } else { stored(parts) }
}

/// `parts` as stored (uncompressed) deflate blocks, none final: what
/// [`deflate_sync`] falls back to, should the compressor ever fail.
fn stored(parts: &[&[u8]]) -> Vec<u8> {
    let data = parts.concat();
    let mut out = Vec::with_capacity(data.len() + data.len() / 65535 * 5 + 5);
    for block in data.chunks(65535) {
        let len = block.len() as u16;
        out.push(0); // not final, stored
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(block);
    }
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
    b: Vec<(&'a str, usize, &'static str)>,
    s: String,
}

/// `data/case-filters.js`: what the case list's live filters need to
/// select and show cases without a server.
pub(crate) fn case_filters(
    site: &Site,
    present: &Presentation,
    urls: &Urls,
    frags: &crate::html::FragmentSource,
) -> std::sync::Arc<[u8]> {
    use rayon::prelude::*;
    let regions = site.taxonomy(TaxKind::Regions);
    let fields = site.taxonomy(TaxKind::Fields);
    let parts: Vec<(u64, std::sync::Arc<[u8]>)> = site
        .cases
        .par_iter()
        .enumerate()
        .map(|(i, c)| {
            let d = &c.doc;
            let u = urls.data_path(&doc_path(Section::Cases, &d.meta.slug));
            let key = {
                use std::hash::{Hash, Hasher};
                let mut h = xxhash_rust::xxh3::Xxh3Default::new();
                (d.meta.fm_hash, &u, &c.summary).hash(&mut h);
                h.finish()
            };
            (
                key,
                frags.get(DataFile::CaseFilters, d.meta.id, key, || {
                    let card = &present.card(i);
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
                        lv: card.levels(),
                        un: d.unit.as_deref(),
                        rn: d.region.as_deref(),
                        fn_: d.fields.iter().map(String::as_str).collect(),
                        kl: card.kind.as_ref().map(|k| k.label),
                        b: card
                            .badges
                            .iter()
                            .map(|b| (b.text.as_str(), b.rank, b.kind))
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
    crate::html::incremental::join_parts(
        frags,
        DataFile::CaseFilters,
        head.as_bytes(),
        &parts,
        b",",
        b"]};\n",
    )
}

#[cfg(test)]
mod tests {
    use super::fold_info;

    /// Chunks of any size, deflated apart (or stored), concatenate into one
    /// stream that inflates to the text as a whole.
    #[test]
    fn deflated_chunks_concatenate() {
        use std::io::Read;
        let text: Vec<u8> = (0..5000u32)
            .flat_map(|i| format!("第{i}段：改革。").into_bytes())
            .collect();
        let parts: Vec<&[u8]> = text.chunks(7001).collect();
        for (level, size) in [(1, 1), (3, 2), (6, 5)] {
            let mut stream: Vec<u8> = parts
                .chunks(size)
                .flat_map(|c| super::deflate_sync(c, level))
                .collect();
            stream.extend(super::stored(&parts[..2]));
            stream.extend_from_slice(&[0x03, 0x00]);
            assert!(
                stream.len() < text.len() / 2 + 14_100,
                "{level}: {}",
                stream.len()
            );
            let mut out = Vec::new();
            flate2::read::DeflateDecoder::new(&stream[..])
                .read_to_end(&mut out)
                .unwrap();
            assert_eq!(out.len(), text.len() + 14_002);
            assert!(out.starts_with(&text) && out[text.len()..] == text[..14_002]);
        }
    }

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
