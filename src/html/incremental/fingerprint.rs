//! Page fingerprints for the dev server: a hash of everything a page shows,
//! built from per-case hashes, so that after a save only pages whose
//! fingerprint changed are rendered again. Pages that depend on nearly
//! everything (home, stats, summaries…) have none and are always rendered;
//! all are few and small. Hashes are XXH3, as every change-detection key
//! (why: see `crate::text`).

use std::hash::{Hash, Hasher};

use rayon::prelude::*;
use xxhash_rust::xxh3::Xxh3Default;

use crate::html::gallery::Owner;
use crate::html::pages::{Ctx, Kind, Spec, brand_view, compilation_ref, globals_json};
use crate::model::{EventKind, TaxKind};

/// Hashes computed once per build.
pub(crate) struct Inputs {
    globals: u64,
    /// Hash of each case's card (everything lists show of it).
    cards: Vec<u64>,
    /// Hash of each case's Markdown source and page.
    bodies: Vec<u64>,
}

fn hash_json(v: &impl serde::Serialize) -> u64 {
    let mut h = Xxh3Default::new();
    serde_json::to_vec(v).unwrap_or_default().hash(&mut h);
    h.finish()
}

impl Inputs {
    pub(crate) fn new(ctx: &Ctx) -> Inputs {
        let site = ctx.site;
        // What a card shows: the case's front matter and summary, and the
        // titles of its brands and compilations (labels come from settings
        // and theme, whose changes rebuild everything). Not its body, so an
        // edit below the first paragraph leaves lists alone. Hashing these
        // inputs is much cheaper than building the cards.
        let cards = site
            .cases
            .par_iter()
            .map(|c| {
                let mut h = Xxh3Default::new();
                let d = &c.doc;
                (
                    &d.meta.slug,
                    &d.title,
                    d.date,
                    &c.summary,
                    &d.unit,
                    &d.region,
                    &d.fields,
                    &d.tags,
                )
                    .hash(&mut h);
                (
                    &d.kind,
                    d.featured,
                    d.meta.draft,
                    &d.approvals,
                    &d.honours,
                    &d.pilot,
                    c.recognition,
                )
                    .hash(&mut h);
                d.meta.extra.to_string().hash(&mut h);
                for &b in &c.brands {
                    let b = &site.brands[b].doc;
                    (&b.meta.slug, &b.title, &b.color).hash(&mut h);
                }
                for &k in &c.compilations {
                    let k = &site.compilations[k].doc;
                    (&k.meta.slug, &k.title).hash(&mut h);
                }
                h.finish()
            })
            .collect();
        // The body's key, not just its file's hash: a photo of its folder
        // that changed changes the body's <img>.
        let bodies = site
            .cases
            .iter()
            .map(|c| super::body_key(&c.doc.meta, ""))
            .collect();
        Inputs {
            globals: hash_json(&globals_json(ctx)),
            cards,
            bodies,
        }
    }
}

/// The fingerprint of every page of `specs`, in order.
pub(crate) fn all(ctx: &Ctx, specs: &[Spec]) -> Vec<Option<u64>> {
    specs.par_iter().map(|s| fingerprint(ctx, s)).collect()
}

/// `None`: the page has no fingerprint and is always rendered.
pub(crate) fn fingerprint(ctx: &Ctx, spec: &Spec) -> Option<u64> {
    let fp = ctx.fp.as_ref()?;
    let site = ctx.site;
    let mut h = Xxh3Default::new();
    (fp.globals, &spec.path).hash(&mut h);
    let cards = |h: &mut Xxh3Default, idx: &mut dyn Iterator<Item = usize>| {
        for i in idx {
            fp.cards[i].hash(h);
        }
    };
    let per = site.config.paginate;
    match spec.kind {
        Kind::Case(i) => {
            (fp.cards[i], fp.bodies[i]).hash(&mut h);
            // The gallery's pictures: a photo replaced by one of another
            // shape changes the thumbnails' sizes.
            if let Some(p) = ctx.pictures {
                for v in crate::html::gallery::gallery_view(site, p, Owner::Case(i)) {
                    (v.full.path, v.full.width, v.full.height).hash(&mut h);
                }
            }
            let e = &site.cases[i];
            cards(&mut h, &mut e.related.iter().copied());
            for &k in &e.compilations {
                let comp = &site.compilations[k];
                hash_json(&compilation_ref(site, k)).hash(&mut h);
                let pos = comp.order.iter().position(|&m| m == i);
                pos.hash(&mut h);
                if let Some(p) = pos {
                    let neighbours = [p.checked_sub(1), Some(p + 1)];
                    cards(
                        &mut h,
                        &mut neighbours
                            .into_iter()
                            .flatten()
                            .filter_map(|q| comp.order.get(q).copied()),
                    );
                }
            }
        }
        Kind::CaseList(p) => {
            let n = site.cases.len();
            (p, n, per).hash(&mut h);
            cards(&mut h, &mut ((p - 1) * per..(p * per).min(n)));
        }
        Kind::Term(kind, ti, p) => {
            let term = &site.taxonomy(kind).terms[ti];
            (&term.name, &term.slug, term.cases.len(), p, per).hash(&mut h);
            let n = term.cases.len();
            cards(
                &mut h,
                &mut term.cases[((p - 1) * per).min(n)..(p * per).min(n)]
                    .iter()
                    .copied(),
            );
        }
        Kind::TaxIndex(kind) => {
            for t in &site.taxonomy(kind).terms {
                (&t.name, &t.slug, t.cases.len()).hash(&mut h);
            }
            (kind == TaxKind::Years).hash(&mut h);
        }
        Kind::Brand(b) => {
            hash_json(&brand_view(ctx, b, true)).hash(&mut h);
            cards(&mut h, &mut site.brands[b].cases.iter().copied());
        }
        Kind::Compilation(k) | Kind::CompilationPrint(k) => {
            hash_json(&compilation_ref(site, k)).hash(&mut h);
            site.compilations[k].doc.meta.body.hash(&mut h);
            for ch in &site.compilations[k].chapters {
                ch.title.hash(&mut h);
                for m in &ch.members {
                    (m.number, fp.cards[m.case]).hash(&mut h);
                    if matches!(spec.kind, Kind::CompilationPrint(_)) {
                        fp.bodies[m.case].hash(&mut h);
                    }
                }
            }
        }
        Kind::Honours => {
            // Each entry shows one event and its case's title and link.
            for e in &site.events {
                let d = &site.cases[e.case].doc;
                (&d.meta.slug, &d.title, e.index, e.kind as u8).hash(&mut h);
                match e.kind {
                    EventKind::Approval => d.approvals[e.index].hash(&mut h),
                    EventKind::Honour => d.honours[e.index].hash(&mut h),
                    EventKind::Pilot => d.pilot.hash(&mut h),
                }
            }
        }
        _ => return None,
    }
    Some(h.finish())
}
