//! `casebook bundle`: an offline build zipped for USB sticks and shared drives.

use std::path::{Path, PathBuf};

use super::build::{BuildArgs, load_theme, urls_for};
use super::{Progress, Ui};
use crate::Error;
use crate::diag::Diagnostics;
use crate::html::{Options, Website, compile};
use crate::msg;
use crate::output::bundle::{Bundle, top_folder};
use crate::output::{DirSink, Renderer, render_all};

/// Builds offline and writes `output` (default `dist/<site-slug>.zip`).
pub fn bundle(
    root: &Path,
    output: Option<&Path>,
    ui: &Ui,
) -> Result<(PathBuf, Diagnostics), Error> {
    let start = std::time::Instant::now();
    let (site, mut warnings) = crate::load_site(root, false)?;
    let theme = load_theme(root, &site)?;
    let urls = urls_for(
        &site,
        &BuildArgs {
            offline: true,
            ..BuildArgs::default()
        },
    )?;
    let zip_path = match output {
        Some(p) => p.to_path_buf(),
        None => root.join("dist").join(format!("{}.zip", top_folder(&site))),
    };
    let (parent, name) = super::split_output(&zip_path)?;
    let parent = parent.as_path();
    std::fs::create_dir_all(parent).map_err(Error::io("io-cannot-create", &parent))?;

    let pb = Progress::new(ui, site.cases.len() + 50, msg!("cmd-building"));
    let cb = pb.callback();
    let zb = Progress::new(ui, site.cases.len() * 2, msg!("cmd-zipping"));
    let zcb = |done, total| {
        pb.finish();
        zb.callback()(done, total)
    };
    let mut tera = compile(&site, &theme, &urls)?;
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
    let mut website = Website::new(&theme, &mut tera, opts);
    let mut inner: Vec<&mut dyn Renderer> = vec![&mut website];
    if let Some(p) = pdfs.as_mut() {
        inner.push(&mut **p);
    }
    if let Some(d) = docxs.as_mut() {
        inner.push(&mut **d);
    }
    let mut bundle = Bundle::new(inner, parent, &name).progress(&zcb);
    let w = render_all(
        &site,
        &mut [&mut bundle as &mut dyn Renderer],
        &DirSink::atomic(parent.to_path_buf()),
    )?;
    let files = bundle.files;
    zb.finish();
    warnings.extend(w.into_vec());
    warnings.sort();
    ui.info(msg!(
        "cmd-bundled",
        cases = site.cases.len(),
        files = files,
        path = &zip_path,
        seconds = super::build::seconds(start)
    ));
    Ok((zip_path, warnings))
}
