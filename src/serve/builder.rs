//! The dev server's builder: keeps the theme, compiled templates and a
//! render cache between saves, so a change re-renders what depends on it.
//! Output goes to a private folder outside the site; nothing is written into
//! the site's own folders.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::Error;
use crate::diag::{Diagnostic, Diagnostics};
use crate::html::theme::Theme;
use crate::html::{Cache, Options, Website, compile};
use crate::output::{DirSink, MemorySink, Renderer, Sink};
use crate::urls::{UrlMode, Urls};

/// What changed on disk, from the watcher's paths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Change {
    /// casebook.toml, templates, theme or translations: rebuild everything.
    pub full: bool,
    /// Markdown under content/ changed in place.
    pub content: bool,
    /// Something other than an edit in place (a file added, removed,
    /// renamed, or a non-Markdown file), which links and images may see.
    pub structure: bool,
    /// Files under static/ or a theme's static/ changed: reread them.
    pub static_files: bool,
    /// Stylesheets (and nothing else) changed: swap CSS without a reload.
    pub css_only: bool,
}

#[derive(Debug)]
pub struct Built {
    pub warnings: Diagnostics,
    pub pages: usize,
    pub files: usize,
    pub millis: u128,
    /// Large data files (search index, case data, feeds) to write after the
    /// pages are reloaded: no page needs them to show.
    pub deferred: Vec<(String, std::sync::Arc<[u8]>)>,
    /// The pages were written and announced already (see
    /// [`Builder::rebuild`]'s `on_pages`); only `deferred` is left.
    pub published: bool,
}

impl Built {
    /// Writes the deferred files (under the output folder `out`).
    pub fn write_deferred(&mut self, out: &Path) {
        let sink = DirSink::atomic(out.to_path_buf());
        for (path, bytes) in self.deferred.drain(..) {
            let _ = sink.put(&path, &bytes);
        }
    }
}

/// Files written after the reload event (see [`Built::deferred`]).
const DEFERRED: &[&str] = &[
    "search-index.js",
    "search-index.bin",
    "data/case-filters.js",
    "data/cases.json",
    "sitemap.xml",
    "atom.xml",
];

pub struct Builder {
    root: PathBuf,
    out: PathBuf,
    drafts: bool,
    base_url: String,
    theme: Option<(Theme, tera::Tera)>,
    cache: Cache,
    load: crate::LoadCache,
    doc_set: u64,
}

/// Hash of which documents exist and where their pages are.
fn doc_set(site: &crate::model::Site) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = xxhash_rust::xxh3::Xxh3Default::new();
    let mut ids: Vec<(u64, &str)> = site.metas().map(|m| (m.id, m.slug.as_str())).collect();
    ids.sort_unstable();
    ids.hash(&mut h);
    site.excluded_drafts.hash(&mut h);
    h.finish()
}

impl Builder {
    pub fn new(root: &Path, out: &Path, drafts: bool, base_url: &str) -> Builder {
        Builder {
            root: root.to_path_buf(),
            out: out.to_path_buf(),
            drafts,
            base_url: base_url.to_string(),
            theme: None,
            cache: Cache::default(),
            load: crate::LoadCache::default(),
            doc_set: 0,
        }
    }

    pub fn out_dir(&self) -> &Path {
        &self.out
    }

    /// Passes the watcher's changed paths on to the next load.
    pub fn changed_paths(&mut self, paths: Vec<PathBuf>) {
        self.load.changed(paths);
    }

    /// Rebuilds after `change`. On a content or template error the previous
    /// output is left as it was (pages are rendered to memory first and
    /// written only when every page rendered).
    ///
    /// With `on_pages`, the pages are written as soon as they are rendered
    /// and `on_pages` is told (to reload the browser) before the data files
    /// are made; the result then has `published` set.
    pub fn rebuild(
        &mut self,
        change: Change,
        on_pages: Option<&(dyn Fn(Built) + Sync)>,
    ) -> Result<Built, Error> {
        let start = Instant::now();
        if change.full {
            self.theme = None;
            self.cache.clear();
        } else if change.structure {
            self.cache.invalidate_bodies();
        }
        let (mut site, mut warnings) =
            crate::load_site_with(&self.root, self.drafts, Some(&mut self.load))?;
        crate::profile::Clock::since(start, "", "").mark("loaded");
        // Documents added, removed or renamed change what links resolve to.
        let docs = doc_set(&site);
        if docs != self.doc_set {
            self.cache.invalidate_bodies();
            self.doc_set = docs;
        }
        // Serve at the local address, whatever casebook.toml says.
        site.config.base_url = self.base_url.clone();
        let urls = Urls::new(UrlMode::Pretty, &self.base_url);
        let mem = MemorySink::default();
        let published = std::sync::atomic::AtomicBool::new(false);
        let out = self.out.clone();
        let load_warnings = warnings.clone();
        let pages_ready = |render_warnings: &[Diagnostic]| {
            let Some(tell) = on_pages else { return };
            let files = mem.take();
            let sink = DirSink::atomic(out.clone());
            for (path, bytes) in &files {
                if sink.put(path, bytes).is_err() {
                    // Leave them to the end of the build, which reports it.
                    mem.put_back(files);
                    return;
                }
            }
            let mut w = load_warnings.clone();
            w.extend(render_warnings.iter().cloned());
            w.sort();
            tell(Built {
                warnings: w,
                pages: files.len(),
                files: files.len(),
                millis: start.elapsed().as_millis(),
                deferred: Vec::new(),
                published: true,
            });
            published.store(true, std::sync::atomic::Ordering::SeqCst);
        };
        let opts = Options {
            urls,
            highlight: true,
            progress: None,
            pages_ready: on_pages.map(|_| &pages_ready as crate::html::PagesReady),
            pdf_links: false,
            docx_links: false,
        };
        if self.theme.is_none() || change.static_files {
            let theme = crate::commands::load_theme(&self.root, &site)?;
            let tera = match self.theme.take() {
                Some((_, tera)) if change.static_files => tera,
                _ => compile(&site, &theme, &opts.urls)?,
            };
            self.theme = Some((theme, tera));
        }
        let Some((theme, tera)) = self.theme.as_mut() else {
            return Err(Error::Usage(crate::msg!("serve-theme-not-loaded")));
        };
        // Render into a memory sink first, so an error leaves the served
        // folder untouched; then write and remove files.
        let mut trial = std::mem::take(&mut self.cache);
        let mut website = Website::new(theme, tera, opts).cached(&mut trial);
        let rendered = website.render(&site, &mem);
        let outcome = std::mem::take(&mut website.outcome);
        drop(website);
        let render_warnings = match rendered {
            Ok(w) => w,
            Err(e) => {
                // The cache was consumed by a failed build: start afresh next time.
                self.cache = Cache::default();
                return Err(e);
            }
        };
        self.cache = trial;
        let sink = DirSink::atomic(self.out.clone());
        let files = mem.into_files();
        let count = files.len();
        let mut deferred = Vec::new();
        let published = published.load(std::sync::atomic::Ordering::SeqCst);
        for (path, bytes) in files {
            if published || (!change.full && DEFERRED.contains(&path.as_str())) {
                deferred.push((path, bytes));
                continue;
            }
            sink.put(&path, &bytes)
                .map_err(Error::io("io-cannot-write", self.out.join(&path)))?;
        }
        remove_outputs(&self.out, &outcome.removed);
        warnings.extend(render_warnings.into_vec());
        warnings.sort();
        Ok(Built {
            warnings,
            pages: outcome.pages_rendered,
            files: count,
            millis: start.elapsed().as_millis(),
            deferred,
            published,
        })
    }
}

/// Removes the files of pages that are gone from the output folder `out`,
/// and the folders they leave empty (a deleted case's page folder).
fn remove_outputs(out: &Path, removed: &[String]) {
    for path in removed {
        let p = out.join(path);
        let _ = std::fs::remove_file(&p);
        let mut dir = p.parent().map(Path::to_path_buf);
        while let Some(d) = dir {
            if d == out || std::fs::remove_dir(&d).is_err() {
                break;
            }
            dir = d.parent().map(Path::to_path_buf);
        }
    }
}

/// Classifies changed paths (absolute) of a site at `root`.
pub fn classify(root: &Path, paths: &[PathBuf]) -> Change {
    let mut c = Change::default();
    let mut css = true;
    let mut any = false;
    for p in paths {
        let Ok(rel) = p.strip_prefix(root) else {
            continue;
        };
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if crate::load::is_debris(&name) {
            continue;
        }
        let mut parts = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned());
        let first = parts.next().unwrap_or_default();
        let is_css = p.extension().is_some_and(|e| e == "css");
        match first.as_str() {
            "casebook.toml" | "templates" | "i18n" => {
                c.full = true;
                css = false;
            }
            "themes" if parts.nth(1).as_deref() == Some("static") => {
                c.static_files = true;
                css &= is_css;
            }
            "themes" => {
                c.full = true;
                css = false;
            }
            "static" => {
                c.static_files = true;
                css &= is_css;
            }
            "content" => {
                c.content = true;
                css = false;
                // Images and other files: Markdown that refers to them may
                // now resolve differently. A Markdown file gone (deleted or
                // renamed) takes its page away.
                let md = p.extension().is_some_and(|e| e == "md" || e == "markdown");
                c.structure |= !md || !p.is_file();
            }
            _ => continue,
        }
        any = true;
    }
    if !any {
        return Change::default();
    }
    c.css_only = css && !c.full;
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classification() {
        let root = Path::new("/site");
        let c = |ps: &[&str]| classify(root, &ps.iter().map(|p| root.join(p)).collect::<Vec<_>>());
        assert!(c(&["casebook.toml"]).full);
        assert!(c(&["templates/case.html"]).full);
        assert!(c(&["themes/default/templates/base.html"]).full);
        let css = c(&["themes/default/static/css/casebook.css"]);
        assert!(css.css_only && css.static_files && !css.full);
        assert!(c(&["static/css/site.css"]).css_only);
        assert!(c(&["content/cases/b/img.png"]).structure);
        // A Markdown file saved in place is a content change only; one that
        // is gone (deleted, renamed) changes the structure.
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/cases")).unwrap();
        std::fs::write(dir.path().join("content/cases/a.md"), "x").unwrap();
        let here = |p: &str| classify(dir.path(), &[dir.path().join(p)]);
        let md = here("content/cases/a.md");
        assert!(md.content && !md.structure && !md.css_only);
        let gone = here("content/cases/gone.md");
        assert!(gone.content && gone.structure);
        assert_eq!(
            c(&["content/cases/.a.md.swp", "public/x.html"]),
            Change::default()
        );
    }
}
