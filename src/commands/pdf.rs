//! `casebook pdf`: one compilation typeset to PDF; and the PDF renderer
//! that `build`, `bundle` and `check` add when `[pdf] build = true`.

use std::path::{Path, PathBuf};

use super::build::{check_content, load_theme, urls_for};
use super::{BuildArgs, Progress, Ui};
use crate::Error;
use crate::diag::Diagnostics;
use crate::model::Site;
use crate::msg;
use crate::output::Renderer;

#[derive(Debug, Clone, Default)]
pub struct PdfArgs {
    /// The compilation's slug (may be left out when there is one).
    pub slug: Option<String>,
    /// Default: dist/<slug>.pdf in the site.
    pub output: Option<PathBuf>,
    pub drafts: bool,
}

/// What a `casebook pdf` run made.
#[derive(Debug, Clone)]
pub struct PdfMade {
    pub path: PathBuf,
    pub pages: usize,
    pub cases: usize,
}

/// The compilation a run of `command` (pdf, docx) is about: the one
/// named, or the only one.
pub(super) fn pick(site: &Site, slug: Option<&str>, command: &str) -> Result<usize, Error> {
    let slugs: Vec<&str> = site
        .compilations
        .iter()
        .map(|c| c.doc.meta.slug.as_str())
        .collect();
    let listed = || slugs.join(&crate::i18n::t("list-separator"));
    match slug {
        Some(s) => slugs.iter().position(|x| *x == s).ok_or_else(|| {
            if slugs.is_empty() {
                Error::Usage(msg!("cmd-no-such-compilation-none-yet", slug = s))
            } else {
                Error::Usage(msg!("cmd-no-such-compilation", slug = s, list = listed()))
            }
        }),
        None if slugs.len() == 1 => Ok(0),
        None if slugs.is_empty() => Err(Error::Usage(msg!("cmd-no-compilation-yet"))),
        None => Err(Error::Usage(msg!(
            "cmd-which-compilation",
            count = slugs.len(),
            command = command,
            list = listed()
        ))),
    }
}

/// What a paper command (pdf, docx) starts from: the site loaded and its
/// content checked as `check` does, the compilation picked, and the file
/// to write (default `dist/<slug>.<ext>`) with its folder made.
pub(super) struct PaperJob {
    pub site: Site,
    pub theme: crate::html::theme::Theme,
    pub warnings: Diagnostics,
    /// The compilation's index.
    pub index: usize,
    pub path: PathBuf,
    pub dir: PathBuf,
    pub name: String,
}

impl PaperJob {
    pub(super) fn start(
        root: &Path,
        slug: Option<&str>,
        output: Option<&Path>,
        drafts: bool,
        command: &str,
    ) -> Result<PaperJob, Error> {
        let (site, mut warnings) = crate::load_site(root, drafts)?;
        let index = pick(&site, slug, command)?;
        let theme = load_theme(root, &site)?;
        let urls = urls_for(&site, &BuildArgs::default())?;
        warnings.extend(check_content(&site, &theme, urls)?.into_vec());
        let path = match output {
            Some(p) => p.to_path_buf(),
            None => root.join("dist").join(format!(
                "{}.{command}",
                site.compilations[index].doc.meta.slug
            )),
        };
        let (dir, name) = super::split_output(&path)?;
        std::fs::create_dir_all(&dir).map_err(Error::io("io-cannot-create", &dir))?;
        Ok(PaperJob {
            site,
            theme,
            warnings,
            index,
            path,
            dir,
            name,
        })
    }

    /// An I/O error of the atomic sink, named by the file the user asked
    /// for rather than the staging file.
    pub(super) fn at_path(&self, e: Error) -> Error {
        match e {
            Error::Io { doing, source, .. } => Error::Io {
                doing,
                path: self.path.clone(),
                source,
            },
            other => other,
        }
    }
}

/// Typesets one compilation into `args.output` (default `dist/<slug>.pdf`),
/// written whole or not at all. Content is checked as `check` does first.
pub fn pdf(root: &Path, args: &PdfArgs, ui: &Ui) -> Result<(PdfMade, Diagnostics), Error> {
    let start = std::time::Instant::now();
    let mut job = PaperJob::start(
        root,
        args.slug.as_deref(),
        args.output.as_deref(),
        args.drafts,
        "pdf",
    )?;
    let (site, k) = (&job.site, job.index);
    let mut warnings = std::mem::take(&mut job.warnings);
    let words = |key: &str| job.theme.t(key);
    let cases = site.compilations[k].order.len();
    let pb = Progress::new(ui, cases * 6 + 1, msg!("cmd-typesetting"));
    let cb = pb.callback();
    let pages =
        typeset_one(site, k, &words, &cb, &job.dir, &job.name).map_err(|e| job.at_path(e))?;
    pb.finish();
    let (pages, w) = pages;
    warnings.extend(w.into_vec());
    warnings.sort();
    ui.info(msg!(
        "cmd-typeset",
        cases = cases,
        pages = pages,
        path = &job.path,
        seconds = super::build::seconds(start)
    ));
    Ok((
        PdfMade {
            path: job.path.clone(),
            pages,
            cases,
        },
        warnings,
    ))
}

#[cfg(feature = "pdf")]
fn typeset_one(
    site: &Site,
    k: usize,
    words: &dyn Fn(&str) -> String,
    progress: &(dyn Fn(usize, usize) + Sync),
    dir: &Path,
    name: &str,
) -> Result<(usize, Diagnostics), Error> {
    use crate::output::{DirSink, render_all};
    use crate::pdf::{Pdf, Which};
    let mut r = Pdf::new(
        words,
        Which::One {
            index: k,
            to: name.to_string(),
        },
    )
    .with_progress(progress);
    let w = render_all(
        site,
        &mut [&mut r as &mut dyn Renderer],
        &DirSink::atomic(dir.to_path_buf()),
    )?;
    let pages = r.pages.first().map_or(0, |p| p.1);
    Ok((pages, w))
}

#[cfg(not(feature = "pdf"))]
fn typeset_one(
    _: &Site,
    _: usize,
    _: &dyn Fn(&str) -> String,
    _: &(dyn Fn(usize, usize) + Sync),
    _: &Path,
    _: &str,
) -> Result<(usize, Diagnostics), Error> {
    Err(no_pdf())
}

#[cfg(not(feature = "pdf"))]
fn no_pdf() -> Error {
    Error::Usage(msg!("cmd-no-pdf-support"))
}

/// The PDF renderer a build adds with `[pdf] build = true`: every
/// compilation as `compilations/<slug>/<slug>.pdf`; with `check_only`, the
/// fonts and characters are checked and nothing is typeset.
#[cfg(feature = "pdf")]
pub(crate) fn for_site<'t>(
    site: &Site,
    words: &'t dyn Fn(&str) -> String,
    check_only: bool,
) -> Result<Option<Box<dyn Renderer + 't>>, Error> {
    use crate::pdf::{Pdf, Which};
    if !site.config.pdf.build || site.compilations.is_empty() {
        return Ok(None);
    }
    let which = if check_only { Which::Check } else { Which::All };
    Ok(Some(Box::new(Pdf::new(words, which))))
}

#[cfg(not(feature = "pdf"))]
pub(crate) fn for_site<'t>(
    site: &Site,
    _: &'t dyn Fn(&str) -> String,
    _: bool,
) -> Result<Option<Box<dyn Renderer + 't>>, Error> {
    if site.config.pdf.build {
        return Err(no_pdf());
    }
    Ok(None)
}
