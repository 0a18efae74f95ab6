//! `casebook docx`: one compilation as an editable Word document; and the
//! Word renderer that `build` and `bundle` add when `[docx] build = true`.

use std::path::{Path, PathBuf};

use super::Ui;
use crate::Error;
use crate::diag::Diagnostics;
use crate::docx::{Which, Word};
use crate::model::Site;
use crate::msg;
use crate::output::{DirSink, Renderer, render_all};

#[derive(Debug, Clone, Default)]
pub struct DocxArgs {
    /// The compilation's slug (may be left out when there is one).
    pub slug: Option<String>,
    /// Default: dist/<slug>.docx in the site.
    pub output: Option<PathBuf>,
    pub drafts: bool,
}

/// What a `casebook docx` run made.
#[derive(Debug, Clone)]
pub struct DocxMade {
    pub path: PathBuf,
    pub cases: usize,
    pub pictures: usize,
    pub footnotes: usize,
}

/// Writes one compilation into `args.output` (default `dist/<slug>.docx`),
/// whole or not at all. Content is checked as `check` does first.
pub fn docx(root: &Path, args: &DocxArgs, ui: &Ui) -> Result<(DocxMade, Diagnostics), Error> {
    let start = std::time::Instant::now();
    let mut job = super::pdf::PaperJob::start(
        root,
        args.slug.as_deref(),
        args.output.as_deref(),
        args.drafts,
        "docx",
    )?;
    let (site, k) = (&job.site, job.index);
    let mut warnings = std::mem::take(&mut job.warnings);
    let words = |key: &str| job.theme.t(key);
    let mut r = Word::new(
        &words,
        Which::One {
            index: k,
            to: job.name.clone(),
        },
    );
    let w = render_all(
        site,
        &mut [&mut r as &mut dyn Renderer],
        &DirSink::atomic(job.dir.clone()),
    )
    .map_err(|e| job.at_path(e))?;
    warnings.extend(w.into_vec());
    warnings.sort();
    let cases = site.compilations[k].order.len();
    let (_, pictures, footnotes) = r.made.first().copied().unwrap_or((k, 0, 0));
    ui.info(msg!(
        "cmd-docx-wrote",
        cases = cases,
        pictures = pictures,
        footnotes = footnotes,
        path = &job.path,
        seconds = super::build::seconds(start)
    ));
    Ok((
        DocxMade {
            path: job.path.clone(),
            cases,
            pictures,
            footnotes,
        },
        warnings,
    ))
}

/// The Word renderer a build adds with `[docx] build = true`: every
/// compilation as `compilations/<slug>/<slug>.docx`.
pub(crate) fn for_site<'t>(
    site: &Site,
    words: &'t dyn Fn(&str) -> String,
) -> Option<Box<dyn Renderer + 't>> {
    if !site.config.docx.build || site.compilations.is_empty() {
        return None;
    }
    Some(Box::new(Word::new(words, Which::All)))
}
