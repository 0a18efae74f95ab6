//! `casebook bundle`: an offline build zipped for USB sticks and shared drives.

use std::path::{Path, PathBuf};

use super::build::{BuildArgs, load_theme, urls_for};
use super::{Progress, Ui};
use crate::Error;
use crate::diag::Diagnostics;
use crate::output::bundle::{readme, write_zip};
use crate::output::{DirSink, TempFolder};
use crate::render::{Options, render_site};

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
    let mut top = crate::slug::slugify(&site.config.title);
    if top.is_empty() {
        top = "casebook-site".into();
    }
    let zip_path = match output {
        Some(p) => p.to_path_buf(),
        None => root.join("dist").join(format!("{top}.zip")),
    };
    let parent = zip_path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(Error::io("cannot create", &parent))?;
    let tmp = TempFolder::new(parent, "casebook-bundle").map_err(Error::Usage)?;

    let pb = Progress::new(ui, site.cases.len() + 50, "building");
    let cb = pb.callback();
    let opts = Options {
        urls,
        highlight: true,
        progress: Some(&cb),
        pages_ready: None,
    };
    let w = render_site(
        &site,
        &theme,
        &opts,
        &DirSink::new(tmp.path().to_path_buf()),
    )?;
    pb.finish();
    warnings.extend(w.into_vec());
    warnings.sort();

    // Every entry carries the date of the newest document, never the clock.
    let newest = site
        .cases
        .iter()
        .map(|c| c.doc.date)
        .chain(site.summaries.iter().map(|s| s.doc.date))
        .max();
    let stamp = newest.map_or((2000, 1, 1), |d| {
        (d.year() as u16, d.month() as u8, d.day() as u8)
    });
    let zh = site.config.language == crate::config::Language::ZhCn;
    let text = readme(&site.config.title, &top, zh);
    let zb = Progress::new(ui, site.cases.len() * 2, "zipping");
    let zcb = zb.callback();
    let files =
        write_zip(tmp.path(), &zip_path, &top, &text, stamp, Some(&zcb)).map_err(Error::Usage)?;
    zb.finish();
    ui.info(&format!(
        "bundled {} cases ({files} files) into {} in {:.2} s",
        site.cases.len(),
        zip_path.display(),
        start.elapsed().as_secs_f64()
    ));
    Ok((zip_path, warnings))
}
