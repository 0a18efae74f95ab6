//! `casebook build` and `casebook check`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::{Progress, Ui};
use crate::Error;
use crate::diag::{Diagnostic, Diagnostics};
use crate::html::theme::Theme;
use crate::html::{Options, Website, compile};
use crate::i18n::Msg;
use crate::msg;
use crate::output::{NullSink, Renderer, Staging, render_all};
use crate::urls::{UrlMode, Urls};

#[derive(Debug, Clone, Default)]
pub struct BuildArgs {
    pub output: Option<PathBuf>,
    pub drafts: bool,
    pub base_url: Option<String>,
    pub offline: bool,
}

pub(crate) fn load_theme(root: &Path, site: &crate::model::Site) -> Result<Theme, Error> {
    let mut diags: Vec<Diagnostic> = Vec::new();
    let theme = Theme::load(root, &site.config, &mut diags);
    if diags.iter().any(Diagnostic::is_error) {
        return Err(Error::content(diags));
    }
    Ok(theme)
}

pub(crate) fn urls_for(site: &crate::model::Site, args: &BuildArgs) -> Result<Urls, Error> {
    let base = match &args.base_url {
        Some(u) if u.starts_with("http://") || u.starts_with("https://") => u.clone(),
        Some(u) => {
            return Err(Error::Usage(msg!("cmd-base-url-not-absolute", url = u)));
        }
        None => site.config.base_url.clone(),
    };
    let mode = if args.offline {
        UrlMode::Offline
    } else {
        UrlMode::Pretty
    };
    Ok(Urls::new(mode, &base))
}

/// Seconds since `start`, as the summary lines show them ("1.23").
pub(super) fn seconds(start: Instant) -> String {
    format!("{:.2}", start.elapsed().as_secs_f64())
}

/// Builds the site into `args.output` (default `public/`), atomically.
///
/// An output folder that may not be written is reported with the content
/// errors of the run when there are some, so that one run shows every
/// problem; alone, it is a usage error.
pub fn build(root: &Path, args: &BuildArgs, ui: &Ui) -> Result<Diagnostics, Error> {
    let start = Instant::now();
    let clock = crate::profile::Clock::since(start, "", " since start");
    let dest = args.output.clone().unwrap_or_else(|| root.join("public"));
    let dest_problem = crate::output::destination_problem(root, &dest);
    let with_dest = |e: Error| match (e, &dest_problem) {
        (Error::Content(d), Some(problem)) => Error::content(
            d.into_vec()
                .into_iter()
                .chain([destination_diagnostic(root, &dest, problem)]),
        ),
        (e, _) => e,
    };
    let (site, mut warnings) = crate::load_site(root, args.drafts).map_err(with_dest)?;
    clock.mark("loaded");
    let theme = load_theme(root, &site).map_err(with_dest)?;
    let urls = urls_for(&site, args)?;
    if let Some(problem) = &dest_problem {
        // Still look for the content errors a build would find.
        check_content(&site, &theme, urls).map_err(with_dest)?;
        return Err(Error::Usage(problem.clone()));
    }
    let staging = Staging::new(root, &dest).map_err(Error::Usage)?;
    let pb = Progress::new(ui, site.cases.len() + 50, msg!("cmd-building"));
    let cb = pb.callback();
    let words = |k: &str| theme.t(k);
    let mut pdfs = super::pdf::for_site(&site, &words, false)?;
    let mut docxs = super::docx::for_site(&site, &words);
    let opts = Options {
        urls,
        highlight: true,
        progress: Some(&cb),
        pages_ready: None,
        pdf_links: pdfs.is_some(),
        docx_links: docxs.is_some(),
    };
    let mut tera = compile(&site, &theme, &opts.urls)?;
    let mut website = Website::new(&theme, &mut tera, opts);
    let mut renderers: Vec<&mut dyn Renderer> = vec![&mut website];
    if let Some(p) = pdfs.as_mut() {
        renderers.push(&mut **p);
    }
    if let Some(d) = docxs.as_mut() {
        renderers.push(&mut **d);
    }
    let w = render_all(&site, &mut renderers, &staging.sink())?;
    pb.finish();
    clock.mark("rendered");
    staging.commit().map_err(Error::Usage)?;
    clock.mark("committed");
    warnings.extend(w.into_vec());
    warnings.sort();
    ui.info(msg!(
        "cmd-built",
        cases = site.cases.len(),
        summaries = site.summaries.len(),
        brands = site.brands.len(),
        compilations = site.compilations.len(),
        dest = &dest,
        seconds = seconds(start)
    ));
    Ok(warnings)
}

/// The output folder's problem as a diagnostic of the run: named by its
/// path (relative to the site when it is inside it).
fn destination_diagnostic(root: &Path, dest: &Path, problem: &Msg) -> Diagnostic {
    let shown = dest
        .strip_prefix(root)
        .map_or_else(|_| dest.display().to_string(), |p| p.display().to_string());
    Diagnostic::error(shown, crate::diag::Pos::START, problem.clone())
        .with_hint(msg!("cmd-build-writes-nothing"))
}

/// Renders every page into nothing, for the errors it finds; the site's
/// warnings from rendering are returned.
pub(super) fn check_content(
    site: &crate::model::Site,
    theme: &Theme,
    urls: Urls,
) -> Result<Diagnostics, Error> {
    // Highlighting cannot fail on content, so checks skip it for speed.
    let opts = Options {
        urls,
        highlight: false,
        progress: None,
        pages_ready: None,
        pdf_links: false,
        docx_links: false,
    };
    let mut tera = compile(site, theme, &opts.urls)?;
    let mut website = Website::new(theme, &mut tera, opts);
    render_all(site, &mut [&mut website as &mut dyn Renderer], &NullSink)
}

/// With `[pdf] build = true`, `check` also checks what typesetting needs
/// (fonts, every character printable) without typesetting.
fn check_pdf(site: &crate::model::Site, theme: &Theme) -> Result<Diagnostics, Error> {
    let words = |k: &str| theme.t(k);
    match super::pdf::for_site(site, &words, true)? {
        Some(mut r) => render_all(site, &mut [&mut *r], &NullSink),
        None => Ok(Diagnostics::new()),
    }
}

/// Everything `build` validates, plus links and assets; writes nothing.
pub fn check(root: &Path, drafts: bool, ui: &Ui) -> Result<Diagnostics, Error> {
    let (site, mut warnings) = crate::load_site(root, drafts)?;
    let theme = load_theme(root, &site)?;
    let urls = urls_for(&site, &BuildArgs::default())?;
    let w = check_content(&site, &theme, urls)?;
    warnings.extend(w.into_vec());
    warnings.extend(check_pdf(&site, &theme)?.into_vec());
    warnings.sort();
    ui.info(msg!(
        "cmd-checked",
        cases = site.cases.len(),
        summaries = site.summaries.len(),
        brands = site.brands.len(),
        compilations = site.compilations.len(),
        pages = site.pages.len()
    ));
    Ok(warnings)
}

#[cfg(test)]
mod tests {
    use crate::i18n::Language;
    use crate::msg;

    #[test]
    fn the_summary_lines_count_in_words() {
        let m = msg!(
            "cmd-built",
            cases = 1_usize,
            summaries = 0_usize,
            brands = 2_usize,
            compilations = 1_usize,
            dest = "public",
            seconds = "0.50"
        );
        assert_eq!(
            m.render(Language::En),
            "built 1 case, 0 summaries, 2 brands, 1 compilation into public in 0.50 s"
        );
        assert_eq!(
            m.render(Language::ZhCn),
            "已生成 1 个案例、0 篇成效总结、2 个品牌、1 本汇编，输出到 public，用时 0.50 秒"
        );
    }
}
