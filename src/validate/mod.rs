//! Validate: turn parsed front matter into typed documents, checking every
//! rule of the content model. Problems are collected, never thrown, so one
//! run reports them all.

use std::collections::HashMap;
use std::path::Path;

use xxhash_rust::xxh3::xxh3_64;

use crate::config::{Config, Vocab, is_hex_color};
use crate::confine::Refused;
use crate::diag::{Diagnostic, Pos, allowed_hint, did_you_mean};
use crate::doc::*;
use crate::i18n::Msg;
use crate::load::reader::{Reader, Spanned};
use crate::load::{RawDoc, Section};
use crate::slug::{is_slug, slugify};

/// Top-level URL segments a free page may not take.
pub const RESERVED_SLUGS: &[&str] = &[
    "cases",
    "summaries",
    "brands",
    "compilations",
    "honours",
    "stats",
    "search",
    "regions",
    "fields",
    "tags",
    "years",
    "albums",
    "data",
    "css",
    "js",
    "images",
    "static",
    "404",
    "atom.xml",
    "sitemap.xml",
    "page",
];

/// One validated document, of whichever type.
#[derive(Debug, Clone)]
pub enum Typed {
    Case(Case),
    Summary(Summary),
    Brand(Brand),
    Compilation(Compilation),
    Page(Page),
    Home(Home),
}

/// Collects validated documents and checks what is between them: slugs and
/// references.
pub fn assemble(root: &Path, typed: Vec<Typed>, diags: &mut Vec<Diagnostic>) -> Docs {
    let mut docs = Docs::default();
    for t in typed {
        match Some(t) {
            Some(Typed::Case(c)) => docs.cases.push(c),
            Some(Typed::Summary(s)) => docs.summaries.push(s),
            Some(Typed::Brand(b)) => docs.brands.push(b),
            Some(Typed::Compilation(c)) => docs.compilations.push(c),
            Some(Typed::Page(p)) => docs.pages.push(p),
            Some(Typed::Home(h)) => docs.home = Some(h),
            None => {}
        }
    }
    check_slugs(&docs, diags);
    check_references(root, &docs, diags);
    resolve_galleries(root, &mut docs, diags);
    docs
}

/// Finds each gallery photo beside its document (inside the site only).
fn resolve_galleries(root: &Path, docs: &mut Docs, diags: &mut Vec<Diagnostic>) {
    let base = crate::confine::canonical_base(root);
    let galleries = docs
        .cases
        .iter_mut()
        .map(|c| (&c.meta, &mut c.gallery))
        .chain(docs.summaries.iter_mut().map(|s| (&s.meta, &mut s.gallery)))
        .chain(docs.brands.iter_mut().map(|b| (&b.meta, &mut b.gallery)));
    for (meta, gallery) in galleries {
        let Some(dir) = meta.abs_path.parent() else {
            continue;
        };
        for photo in gallery.iter_mut() {
            let src = &photo.src;
            let (message, hint) = if !crate::images::is_raster_name(src) {
                (
                    crate::msg!("validate-photo-not-raster", src = &src.value),
                    crate::msg!("validate-photo-not-raster-hint"),
                )
            } else {
                let path = crate::confine::normalize(&dir.join(&src.value));
                match crate::confine::file(&base, &path) {
                    Ok(real) => {
                        photo.file = Some(real);
                        continue;
                    }
                    Err(Refused::Missing) => (
                        crate::msg!("validate-photo-missing", src = &src.value),
                        crate::msg!("validate-photo-missing-hint"),
                    ),
                    Err(Refused::Outside(to)) => (
                        crate::msg!("validate-photo-outside", src = &src.value, target = &to),
                        crate::msg!("validate-photo-outside-hint"),
                    ),
                    Err(Refused::Unreadable(e)) => (
                        crate::msg!(
                            "validate-photo-unreadable",
                            src = &src.value,
                            error = e.to_string()
                        ),
                        crate::msg!("validate-check-permissions"),
                    ),
                }
            };
            diags.push(Diagnostic::error(&meta.path, src.pos, message).with_hint(hint));
        }
    }
}

/// Validates one document's front matter into its typed form.
pub fn typed(config: &Config, raw: RawDoc, diags: &mut Vec<Diagnostic>) -> Option<Typed> {
    let table = raw.front.as_ref()?;
    let path = raw.path.as_str();
    let yaml = raw.split.format == Some(crate::load::frontmatter::Format::Yaml);
    let mut r = Reader::new(table, path, Pos::START, diags).yaml(yaml);
    let title = r.string("title", true, "title = \"…\"");
    let slug = doc_slug(&mut r, &raw);
    let draft = r.bool("draft").unwrap_or(false);
    let extra = match r.raw("extra") {
        Some(n) => {
            if !matches!(n.value, crate::load::node::Value::Table(_)) {
                r.error(
                    n.pos,
                    crate::msg!("validate-extra-not-table"),
                    crate::msg!(
                        "validate-for-example-block",
                        example = "[extra]\nkey = \"value\""
                    ),
                );
            }
            n.to_json()
        }
        None => serde_json::Value::Object(Default::default()),
    };
    let (slug, slug_pos) = slug.unwrap_or_default();
    let meta = Meta {
        section: raw.section,
        path: raw.path.clone(),
        abs_path: raw.abs_path.clone(),
        bundle_dir: raw.bundle_dir.clone(),
        assets: raw.assets.clone(),
        slug,
        slug_pos,
        draft,
        body: std::sync::Arc::from(raw.body()),
        hash: xxh3_64(raw.text.as_bytes()),
        fm_hash: xxh3_64(raw.text[raw.split.fm.clone()].as_bytes()),
        id: crate::text::path_id(&raw.abs_path),
        first_paragraph: if matches!(raw.section, Section::Cases | Section::Summaries) {
            crate::text::first_paragraph(raw.body())
        } else {
            String::new()
        },
        body_line: raw.split.body_line,
        extra,
    };
    let errors_before = r.diags.iter().filter(|d| d.is_error()).count();
    let doc = match raw.section {
        Section::Cases => case(&mut r, config, meta).map(Typed::Case),
        Section::Summaries => summary(&mut r, meta).map(Typed::Summary),
        Section::Brands => brand(&mut r, meta).map(Typed::Brand),
        Section::Compilations => compilation(&mut r, meta).map(Typed::Compilation),
        Section::Pages => Some(Typed::Page(Page {
            date: r.date("date", false).map(|d| d.value),
            meta,
            title: String::new(),
        })),
        Section::Home => Some(Typed::Home(Home {
            hero: r.string("hero", false, "hero = \"…\"").map(|s| s.value),
            brands: r.string_list("brands", "brands = [\"brand-slug\"]"),
            meta,
            title: String::new(),
        })),
    };
    r.finish(what(section_id(raw.section)));
    let title = title?.value;
    let errors_after = diags.iter().filter(|d| d.is_error()).count();
    if errors_after > errors_before {
        return None;
    }
    Some(match doc? {
        Typed::Case(mut c) => {
            c.title = title;
            Typed::Case(c)
        }
        Typed::Summary(mut s) => {
            s.title = title;
            Typed::Summary(s)
        }
        Typed::Brand(mut b) => {
            b.title = title;
            Typed::Brand(b)
        }
        Typed::Compilation(mut c) => {
            c.title = title;
            Typed::Compilation(c)
        }
        Typed::Page(mut p) => {
            p.title = title;
            Typed::Page(p)
        }
        Typed::Home(mut h) => {
            h.title = title;
            Typed::Home(h)
        }
    })
}

fn doc_slug(r: &mut Reader, raw: &RawDoc) -> Option<(String, Pos)> {
    if let Some(s) = r.string("slug", false, "slug = \"yi-chuang-tong-ban\"") {
        if is_slug(&s) {
            return Some((s.value, s.pos));
        }
        let suggestion = slugify(&s);
        let hint = if suggestion.is_empty() {
            crate::msg!("validate-slug-rule")
        } else {
            crate::msg!("validate-slug-rule-example", suggestion = suggestion)
        };
        r.error(
            s.pos,
            crate::msg!("validate-slug-invalid", slug = &s.value),
            hint,
        );
        return None;
    }
    if raw.section == Section::Home {
        return Some((String::new(), Pos::START));
    }
    let s = slugify(&raw.stem);
    if s.is_empty() {
        r.error(
            Pos::START,
            crate::msg!("validate-slug-from-file", stem = &raw.stem),
            crate::msg!("validate-slug-from-file-hint"),
        );
        return None;
    }
    Some((s, Pos::START))
}

/// A controlled value, by its id or its label (`level = "省级"`): the id.
fn vocab_id(r: &mut Reader, key: &'static str, required: bool, vocab: &Vocab) -> Option<String> {
    let example = format!("{key} = \"{}\"", vocab.ids().next().unwrap_or(""));
    let s = r.string(key, required, &example)?;
    if let Some(id) = vocab.resolve(&s.value) {
        return Some(id.to_string());
    }
    let d = Diagnostic::error(
        r.path(),
        s.pos,
        crate::msg!(
            "validate-unknown-vocab",
            vocab = vocab.name,
            value = &s.value,
            field = r.name(key)
        ),
    )
    .with_len(s.value.chars().count() + 2)
    .with_hint(vocab_hint(vocab, &s.value));
    r.diags.push(d);
    None
}

/// Hint for a value that names nothing in a vocabulary: the closest id or
/// label, then every id with its label (`"provincial"（省级）`).
fn vocab_hint(vocab: &Vocab, value: &str) -> Msg {
    let list = vocab
        .ids()
        .map(|id| vocab.describe(id))
        .collect::<Vec<_>>()
        .join(&crate::i18n::t("list-separator"));
    let words = vocab
        .entries
        .iter()
        .flat_map(|(i, l)| [i.as_str(), l.as_str()]);
    match did_you_mean(value, words).and_then(|w| vocab.resolve(w)) {
        Some(id) => crate::msg!(
            "did-you-mean-allowed",
            suggestion = vocab.describe(id),
            list = list
        ),
        None => crate::msg!("allowed-values", list = list),
    }
}

/// The id of a section in messages (`validate-what`, `validate-slug-taken-hint`).
fn section_id(section: Section) -> &'static str {
    match section {
        Section::Home => "home",
        Section::Cases => "cases",
        Section::Summaries => "summaries",
        Section::Brands => "brands",
        Section::Compilations => "compilations",
        Section::Pages => "pages",
    }
}

/// What a front matter table is ("a case", "an approval"; 案例, 批示), for
/// the reader's messages about keys it does not know.
fn what(id: &'static str) -> Msg {
    crate::msg!("validate-what", what = id)
}

/// `[[gallery]]`: photos beside the document, each with a caption.
fn gallery(r: &mut Reader) -> Vec<Photo> {
    let ex = "[[gallery]]\nsrc = \"kaigong.jpg\"\ncaption = \"项目开工现场\"";
    let mut photos = Vec::new();
    for (i, (t, pos)) in r.table_list("gallery", ex).into_iter().enumerate() {
        let mut p = r.nested(t, pos, format!("gallery[{}].", i + 1));
        let src = p.string("src", true, "src = \"kaigong.jpg\"");
        let caption = p.string("caption", true, "caption = \"项目开工现场\"");
        let date = p.date("date", false);
        p.finish(what("photo"));
        if let (Some(src), Some(caption)) = (src, caption) {
            photos.push(Photo {
                src,
                file: None,
                caption: caption.value.trim().to_string(),
                date: date.map(|d| d.value),
            });
        }
    }
    photos
}

fn opt_string(r: &mut Reader, key: &'static str) -> Option<String> {
    r.string(key, false, &format!("{key} = \"…\""))
        .map(|s| s.value)
}

fn case(r: &mut Reader, config: &Config, meta: Meta) -> Option<Case> {
    let v = &config.vocab;
    let date = r.date("date", true);
    let summary = opt_string(r, "summary");
    let unit = opt_string(r, "unit");
    let region = opt_string(r, "region");
    let fields = r.string_list("fields", "fields = [\"营商环境\"]");
    let tags = r.string_list("tags", "tags = [\"放管服\"]");
    let kind = vocab_id(r, "kind", false, &v.reform_kinds);
    let brands = r.string_list("brands", "brands = [\"brand-slug\"]");
    let compilations = r.string_list("compilations", "compilations = [\"compilation-slug\"]");
    let weight = r.int("weight", "weight = 10").map(|w| w.value);
    let featured = r.bool("featured").unwrap_or(false);
    let gallery = gallery(r);
    let case_date = date.as_ref().map(|d| d.value);

    let mut approvals = Vec::new();
    let ex = "[[approvals]]\nby = \"省委主要领导\"\nlevel = \"provincial\"\ndate = 2023-06-01";
    for (i, (t, pos)) in r.table_list("approvals", ex).into_iter().enumerate() {
        let mut a = r.nested(t, pos, format!("approvals[{}].", i + 1));
        let by = a.string("by", true, "by = \"省委主要领导\"");
        let level = vocab_id(&mut a, "level", true, &v.levels);
        let date = a.date("date", true);
        let note = opt_string(&mut a, "note");
        let doc = opt_string(&mut a, "doc");
        a.finish(what("approval"));
        if let (Some(by), Some(level), Some(date)) = (by, level, date) {
            approvals.push(Approval {
                by: by.value,
                level,
                date: date.value,
                note,
                doc,
            });
        }
    }
    let mut honours = Vec::new();
    let ex = "[[honours]]\nkind = \"commendation\"\nlevel = \"national\"\nissuer = \"国家发展改革委\"\ndate = 2023-06-01";
    for (i, (t, pos)) in r.table_list("honours", ex).into_iter().enumerate() {
        let mut h = r.nested(t, pos, format!("honours[{}].", i + 1));
        let kind = vocab_id(&mut h, "kind", true, &v.honour_kinds);
        let level = vocab_id(&mut h, "level", true, &v.levels);
        let issuer = h.string("issuer", true, "issuer = \"国家发展改革委\"");
        let date = h.date("date", true);
        let title = opt_string(&mut h, "title");
        let outlet = opt_string(&mut h, "outlet");
        let note = opt_string(&mut h, "note");
        h.finish(what("honour"));
        if let (Some(kind), Some(level), Some(issuer), Some(date)) = (kind, level, issuer, date) {
            honours.push(Honour {
                kind,
                level,
                issuer: issuer.value,
                date: date.value,
                title,
                outlet,
                note,
            });
        }
    }
    let pilot = match r.table(
        "pilot",
        "[pilot]\nlevel = \"national\"\nstatus = \"ongoing\"",
    ) {
        None => None,
        Some((t, pos)) => {
            let mut p = r.nested(t, pos, "pilot.");
            let level = vocab_id(&mut p, "level", true, &v.levels);
            let status = vocab_id(&mut p, "status", true, &v.pilot_status);
            let name = opt_string(&mut p, "name");
            let accepted_on = p.date("accepted_on", false).map(|d| d.value);
            if status.as_deref() == Some("accepted")
                && accepted_on.is_none()
                && !t.entries.iter().any(|(k, _)| k.name == "accepted_on")
            {
                p.error(
                    pos,
                    crate::msg!("validate-pilot-needs-accepted-on"),
                    crate::msg!("validate-pilot-needs-accepted-on-hint"),
                );
            }
            p.finish(what("pilot"));
            match (level, status) {
                (Some(level), Some(status)) => Some(Pilot {
                    level,
                    status,
                    name,
                    accepted_on,
                }),
                _ => None,
            }
        }
    };
    let _ = case_date;
    Some(Case {
        meta,
        title: String::new(),
        date: date?.value,
        summary,
        unit,
        region,
        fields: fields.into_iter().map(|s| s.value).collect(),
        tags: tags.into_iter().map(|s| s.value).collect(),
        kind,
        brands,
        compilations,
        weight,
        featured,
        approvals,
        honours,
        pilot,
        gallery,
    })
}

fn summary(r: &mut Reader, meta: Meta) -> Option<Summary> {
    let date = r.date("date", true);
    let period = opt_string(r, "period");
    let summary = opt_string(r, "summary");
    let brands = r.string_list("brands", "brands = [\"brand-slug\"]");
    let tags = r.string_list("tags", "tags = [\"放管服\"]");
    let mut metrics = Vec::new();
    let ex = "[[metrics]]\nlabel = \"承接省级改革任务\"\nvalue = 34\ntarget = 66\nunit = \"项\"";
    for (i, (t, pos)) in r.table_list("metrics", ex).into_iter().enumerate() {
        let mut m = r.nested(t, pos, format!("metrics[{}].", i + 1));
        let label = m.string("label", true, "label = \"承接省级改革任务\"");
        let value = m.number("value", true, "value = 34");
        let target = m.number("target", false, "target = 66");
        let unit = opt_string(&mut m, "unit");
        if let Some(t) = target
            && t <= 0.0
        {
            m.error(
                pos,
                crate::msg!("validate-metric-target-not-positive"),
                crate::msg!("validate-metric-target-hint"),
            );
        }
        m.finish(what("metric"));
        if let (Some(label), Some(value)) = (label, value) {
            metrics.push(Metric {
                label: label.value,
                value,
                target: target.filter(|t| *t > 0.0),
                unit,
            });
        }
    }
    let highlights = r
        .string_list("highlights", "highlights = [\"…\"]")
        .into_iter()
        .map(|s| s.value)
        .collect();
    let gallery = gallery(r);
    Some(Summary {
        meta,
        title: String::new(),
        date: date?.value,
        period,
        summary,
        brands,
        tags: tags.into_iter().map(|s| s.value).collect(),
        metrics,
        highlights,
        gallery,
    })
}

fn brand(r: &mut Reader, meta: Meta) -> Option<Brand> {
    let slogan = opt_string(r, "slogan");
    let summary = opt_string(r, "summary");
    let logo = r.string("logo", false, "logo = \"logo.svg\"");
    let color = match r.string("color", false, "color = \"#1f4e79\"") {
        Some(c) if is_hex_color(&c) => Some(c.value.to_lowercase()),
        Some(c) => {
            r.error(
                c.pos,
                crate::msg!("validate-color-invalid", color = &c.value),
                crate::msg!("validate-for-example", example = "color = \"#1f4e79\""),
            );
            None
        }
        None => None,
    };
    let weight = r.int("weight", "weight = 1").map(|w| w.value);
    let mut milestones = Vec::new();
    let ex = "[[milestones]]\ndate = 2021-03-01\ntext = \"品牌发布\"";
    for (i, (t, pos)) in r.table_list("milestones", ex).into_iter().enumerate() {
        let mut m = r.nested(t, pos, format!("milestones[{}].", i + 1));
        let date = m.date("date", true);
        let text = m.string("text", true, "text = \"品牌发布\"");
        let link = opt_string(&mut m, "link");
        m.finish(what("milestone"));
        if let (Some(date), Some(text)) = (date, text) {
            milestones.push(Milestone {
                date: date.value,
                text: text.value,
                link,
            });
        }
    }
    milestones.sort_by_key(|m| m.date);
    let mut media = Vec::new();
    let ex = "[[media]]\ntitle = \"专题片\"\nurl = \"https://…\"\nkind = \"video\"";
    for (i, (t, pos)) in r.table_list("media", ex).into_iter().enumerate() {
        let mut m = r.nested(t, pos, format!("media[{}].", i + 1));
        let title = m.string("title", true, "title = \"专题片\"");
        let url = m.string("url", true, "url = \"https://…\"");
        let kind = match m.string("kind", false, "kind = \"video\"") {
            Some(k) if MEDIA_KINDS.contains(&k.as_str()) => Some(k.value),
            Some(k) => {
                let hint = allowed_hint(&k, MEDIA_KINDS);
                m.error(
                    k.pos,
                    crate::msg!("validate-unknown-media-kind", kind = &k.value),
                    hint,
                );
                None
            }
            None => Some("article".to_string()),
        };
        m.finish(what("media"));
        if let (Some(title), Some(url), Some(kind)) = (title, url, kind) {
            media.push(Media {
                title: title.value,
                url: url.value,
                kind,
            });
        }
    }
    let gallery = gallery(r);
    Some(Brand {
        meta,
        title: String::new(),
        slogan,
        summary,
        logo,
        color,
        weight,
        milestones,
        media,
        gallery,
    })
}

fn compilation(r: &mut Reader, meta: Meta) -> Option<Compilation> {
    let subtitle = opt_string(r, "subtitle");
    let year = r.int("year", "year = 2023").map(|y| y.value);
    let editor = opt_string(r, "editor");
    let date = r.date("date", false).map(|d| d.value);
    let summary = opt_string(r, "summary");
    let mut chapters = Vec::new();
    let ex = "[[chapters]]\ntitle = \"优化营商环境\"\nfields = [\"营商环境\"]";
    for (i, (t, pos)) in r.table_list("chapters", ex).into_iter().enumerate() {
        let mut c = r.nested(t, pos, format!("chapters[{}].", i + 1));
        let title = c.string("title", true, "title = \"优化营商环境\"");
        let fields = c.string_list("fields", "fields = [\"营商环境\"]");
        let cases = c.string_list("cases", "cases = [\"case-slug\"]");
        c.finish(what("chapter"));
        if let Some(title) = title {
            chapters.push(ChapterDef {
                title: title.value,
                fields: fields.into_iter().map(|s| s.value).collect(),
                cases,
            });
        }
    }
    Some(Compilation {
        meta,
        title: String::new(),
        subtitle,
        year,
        editor,
        date,
        summary,
        chapters,
    })
}

/// Two documents of one type with one slug would write one page: an error
/// naming both files.
fn check_slugs(docs: &Docs, diags: &mut Vec<Diagnostic>) {
    fn check<'a>(metas: impl Iterator<Item = &'a Meta>, diags: &mut Vec<Diagnostic>) {
        let mut seen: HashMap<&str, &Meta> = HashMap::new();
        for m in metas {
            if let Some(first) = seen.get(m.slug.as_str()) {
                diags.push(
                    Diagnostic::error(
                        &m.path,
                        m.slug_pos,
                        crate::msg!("validate-slug-taken", slug = &m.slug, other = &first.path),
                    )
                    .with_hint(crate::msg!(
                        "validate-slug-taken-hint",
                        section = section_id(m.section)
                    )),
                );
            } else {
                seen.insert(&m.slug, m);
            }
        }
    }
    check(docs.cases.iter().map(|d| &d.meta), diags);
    check(docs.summaries.iter().map(|d| &d.meta), diags);
    check(docs.brands.iter().map(|d| &d.meta), diags);
    check(docs.compilations.iter().map(|d| &d.meta), diags);
    check(docs.pages.iter().map(|d| &d.meta), diags);
    for p in &docs.pages {
        if RESERVED_SLUGS.contains(&p.meta.slug.as_str()) {
            diags.push(
                Diagnostic::error(
                    &p.meta.path,
                    p.meta.slug_pos,
                    crate::msg!("validate-slug-reserved", slug = &p.meta.slug),
                )
                .with_hint(crate::msg!("validate-slug-reserved-hint")),
            );
        }
    }
}

fn check_references(root: &Path, docs: &Docs, diags: &mut Vec<Diagnostic>) {
    let brand_slugs: Vec<&str> = docs.brands.iter().map(|b| b.meta.slug.as_str()).collect();
    let comp_slugs: Vec<&str> = docs
        .compilations
        .iter()
        .map(|c| c.meta.slug.as_str())
        .collect();
    let case_slugs: std::collections::HashSet<&str> =
        docs.cases.iter().map(|c| c.meta.slug.as_str()).collect();

    // `kind`: brand, compilation or case (a select in the messages).
    let unknown = |path: &str, r: &Spanned<String>, kind: &str, key: &str, known: &[&str]| {
        let hint = match did_you_mean(r, known.iter().copied()) {
            Some(s) => crate::msg!("validate-did-you-mean", suggestion = s),
            None if known.is_empty() => crate::msg!("validate-ref-none-yet", kind = kind),
            None if known.len() <= 12 => crate::msg!(
                "validate-ref-known",
                kind = kind,
                list = known.join(&crate::i18n::t("list-separator"))
            ),
            None => crate::msg!("validate-ref-check-slug", kind = kind),
        };
        Diagnostic::error(
            path,
            r.pos,
            crate::msg!(
                "validate-unknown-ref",
                key = key,
                kind = kind,
                slug = &r.value
            ),
        )
        .with_len(r.value.chars().count() + 2)
        .with_hint(hint)
    };
    for c in &docs.cases {
        for b in &c.brands {
            if !brand_slugs.contains(&b.as_str()) {
                diags.push(unknown(&c.meta.path, b, "brand", "brands", &brand_slugs));
            }
        }
        for k in &c.compilations {
            if !comp_slugs.contains(&k.as_str()) {
                diags.push(unknown(
                    &c.meta.path,
                    k,
                    "compilation",
                    "compilations",
                    &comp_slugs,
                ));
            }
        }
    }
    for s in &docs.summaries {
        for b in &s.brands {
            if !brand_slugs.contains(&b.as_str()) {
                diags.push(unknown(&s.meta.path, b, "brand", "brands", &brand_slugs));
            }
        }
    }
    if let Some(h) = &docs.home {
        for b in &h.brands {
            if !brand_slugs.contains(&b.as_str()) {
                diags.push(unknown(&h.meta.path, b, "brand", "brands", &brand_slugs));
            }
        }
    }
    for comp in &docs.compilations {
        for ch in &comp.chapters {
            for k in &ch.cases {
                if !case_slugs.contains(k.as_str()) {
                    let known: Vec<&str> = Vec::new();
                    let mut d = unknown(&comp.meta.path, k, "case", "chapters.cases", &known);
                    let close = did_you_mean(k, case_slugs.iter().copied());
                    d.hint = Some(match close {
                        Some(s) => {
                            crate::msg!("validate-chapter-case-did-you-mean", suggestion = s)
                        }
                        None => crate::msg!("validate-chapter-case-hint"),
                    });
                    diags.push(d);
                }
            }
        }
    }
    for b in &docs.brands {
        if let Some(logo) = &b.logo
            && let Err(refused) = resolve_asset(root, &b.meta, logo)
        {
            diags.push(asset_refused(&b.meta.path, logo, refused));
        }
    }
}

/// The error for a front-matter file path that cannot be published.
fn asset_refused(doc: &str, logo: &Spanned<String>, refused: Refused) -> Diagnostic {
    match refused {
        Refused::Missing => Diagnostic::error(
            doc,
            logo.pos,
            crate::msg!("validate-logo-missing", logo = &logo.value),
        )
        .with_hint(crate::msg!("validate-logo-missing-hint")),
        Refused::Outside(to) => Diagnostic::error(
            doc,
            logo.pos,
            crate::msg!("validate-logo-outside", logo = &logo.value, target = &to),
        )
        .with_hint(crate::msg!("validate-logo-outside-hint")),
        Refused::Unreadable(e) => Diagnostic::error(
            doc,
            logo.pos,
            crate::msg!(
                "validate-logo-unreadable",
                logo = &logo.value,
                error = e.to_string()
            ),
        )
        .with_hint(crate::msg!("validate-check-permissions")),
    }
}

/// A file named in front matter, as written (lexically normalised, for
/// naming its copy) and as resolved (to copy from).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedFile {
    pub path: std::path::PathBuf,
    pub real: std::path::PathBuf,
}

/// Resolves a path named in front matter: colocated (relative to the
/// document's folder) or, when it starts with `/` or is not beside the
/// document, under `static/`. Only a file inside the site is accepted.
pub fn resolve_asset(root: &Path, meta: &Meta, rel: &str) -> Result<NamedFile, Refused> {
    if rel.starts_with("http://") || rel.starts_with("https://") {
        return Err(Refused::Missing);
    }
    let base = crate::confine::canonical_base(root);
    let accept = |p: std::path::PathBuf| {
        let path = crate::confine::normalize(&p);
        crate::confine::file(&base, &path).map(|real| NamedFile { path, real })
    };
    if let Some(stripped) = rel.strip_prefix('/') {
        return accept(root.join("static").join(stripped));
    }
    let dir = meta.abs_path.parent().ok_or(Refused::Missing)?;
    match accept(dir.join(rel)) {
        Err(Refused::Missing) => accept(root.join("static").join(rel)),
        found => found,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Language, Vocabs};

    #[test]
    fn unknown_vocabulary_values_in_both_languages() {
        let levels = Vocabs::defaults(Language::ZhCn).levels;
        let m = crate::msg!(
            "validate-unknown-vocab",
            vocab = levels.name,
            value = "provinical",
            field = "approvals[1].level"
        );
        assert_eq!(m.key(), "validate-unknown-vocab");
        assert_eq!(
            m.render(Language::En),
            "unknown level \"provinical\" in `approvals[1].level`"
        );
        assert_eq!(
            m.render(Language::ZhCn),
            "`approvals[1].level` 中的级别 \"provinical\" 无法识别"
        );
        let hint = vocab_hint(&levels, "provinical");
        assert_eq!(hint.key(), "did-you-mean-allowed");
        assert_eq!(
            hint.get("suggestion").as_deref(),
            Some("\"provincial\"（省级）")
        );
        assert!(
            hint.render(Language::ZhCn)
                .starts_with("您是否要写 \"provincial\"（省级）？允许的取值："),
            "{hint:?}"
        );
        assert_eq!(vocab_hint(&levels, "zzz").key(), "allowed-values");
    }

    #[test]
    fn the_validate_catalogue_parses() {
        for lang in Language::ALL {
            let (keys, errors) = crate::i18n::keys_and_placeables(lang);
            assert!(
                errors.iter().all(|e| !e.contains("validate.ftl")),
                "{errors:?}"
            );
            assert!(keys.contains_key("md-heading-ids"), "{lang:?}");
            assert!(keys.contains_key("model-term-slug-clash"), "{lang:?}");
        }
    }

    #[test]
    fn nouns_in_sentences_follow_the_language() {
        let m = crate::msg!(
            "validate-slug-taken-hint",
            section = section_id(Section::Summaries)
        );
        assert_eq!(
            m.render(Language::En),
            "two achievement summaries cannot share a URL: give one of them another `slug`"
        );
        assert_eq!(
            m.render(Language::ZhCn),
            "两个成效总结不能共用一个网址：请给其中一个换一个 `slug`"
        );
        assert_eq!(what("approval").render(Language::En), "an approval");
        assert_eq!(what("cases").render(Language::ZhCn), "案例");
        let m = crate::msg!(
            "validate-unknown-ref",
            key = "brands",
            kind = "brand",
            slug = "gaigee"
        );
        assert_eq!(
            m.render(Language::En),
            "`brands` names the brand \"gaigee\", which does not exist"
        );
        assert_eq!(
            m.render(Language::ZhCn),
            "`brands` 中写的品牌 \"gaigee\" 不存在"
        );
    }
}
