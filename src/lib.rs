//! casebook: a static site generator for typical reform case compilations
//! (改革典型案例汇编).
//!
//! The pipeline, one module per stage:
//! [`load`] (walk, split front matter, parse) → [`validate`] (typed
//! documents, every error at once) → [`model`] (links, taxonomies,
//! compilations, figures) → [`render`] (Markdown, templates) → [`write`]
//! (URL strategy, atomic output, bundle). [`commands`] drives them for the
//! command line; `main.rs` only parses arguments.

pub mod commands;
pub mod config;
pub mod diag;
pub mod doc;
pub mod load;
pub mod model;
pub mod render;
pub mod serve;

pub mod slug;
pub mod text;
pub mod validate;
pub mod write;

use std::path::{Path, PathBuf};

use diag::{Diagnostic, Diagnostics};

/// Why a command failed, and so its exit status.
#[derive(Debug)]
pub enum Error {
    /// Mistakes in content or configuration (exit 1), all of them.
    Content(Diagnostics),
    /// Bad arguments or an unusable environment (exit 2).
    Usage(String),
}

impl Error {
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Content(_) => 1,
            Error::Usage(_) => 2,
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Usage(e.to_string())
    }
}

/// The site root: `--root` if given (must hold casebook.toml), else the
/// nearest folder upwards from the working directory that does.
pub fn resolve_root(explicit: Option<&Path>) -> Result<PathBuf, Error> {
    match explicit {
        Some(r) => {
            let canon = std::fs::canonicalize(r)
                .map_err(|e| Error::Usage(format!("--root {}: {e}", r.display())))?;
            if canon.join(config::CONFIG_FILE).is_file() {
                Ok(canon)
            } else {
                Err(Error::Usage(format!(
                    "{} holds no {}; run `casebook init` to make a new site",
                    r.display(),
                    config::CONFIG_FILE
                )))
            }
        }
        None => {
            let cwd = std::env::current_dir()?;
            load::find_root(&cwd).ok_or_else(|| {
                Error::Usage(format!(
                    "no {} here or in any parent folder; run `casebook init` or pass --root",
                    config::CONFIG_FILE
                ))
            })
        }
    }
}

/// Load, validate and model a site. On content errors, every diagnostic
/// (warnings too) is returned; on success, the warnings.
pub fn load_site(root: &Path, drafts: bool) -> Result<(model::Site, Diagnostics), Error> {
    let mut diags: Vec<Diagnostic> = Vec::new();
    // A broken casebook.toml is reported, and content is still checked
    // against the default settings, so one run shows every mistake.
    let cfg = match config::Config::load(root, &mut diags) {
        Some(c) => c,
        None => config::Config::fallback(),
    };
    if cfg.theme != "default" && !root.join("themes").join(&cfg.theme).is_dir() {
        diags.push(
            Diagnostic::error(config::CONFIG_FILE, diag::Pos::START, format!("theme \"{}\" not found in themes/", cfg.theme))
                .with_hint("create themes/<name>/templates/, or remove `theme` to use the built-in default theme"),
        );
    }
    let loaded = load::load_content(root, &mut diags);
    let all_paths: Vec<PathBuf> = loaded.docs.iter().map(|d| d.abs_path.clone()).collect();
    let docs = validate::validate(root, &cfg, loaded, &mut diags);
    if diags.iter().any(Diagnostic::is_error) {
        // Still check the Markdown of the documents that did validate, so
        // broken links show in the same run as front matter mistakes.
        let mut valid: std::collections::HashSet<PathBuf> = Default::default();
        for m in docs.metas() {
            valid.insert(m.abs_path.clone());
        }
        let invalid: Vec<PathBuf> = all_paths
            .into_iter()
            .filter(|p| !valid.contains(p))
            .collect();
        let mut scratch = Vec::new();
        let theme = render::theme::Theme::load(root, &cfg, &mut scratch);
        let site = model::build(root.to_path_buf(), cfg, docs, true, &mut scratch);
        diags.extend(scratch.into_iter().filter(Diagnostic::is_error));
        diags.extend(render::link_diagnostics(&site, &theme, &invalid));
        return Err(content_error(diags));
    }
    let site = model::build(root.to_path_buf(), cfg, docs, drafts, &mut diags);
    let mut d = Diagnostics::new();
    d.extend(diags);
    d.sort();
    if d.has_errors() {
        return Err(Error::Content(d));
    }
    Ok((site, d))
}

fn content_error(diags: Vec<Diagnostic>) -> Error {
    let mut d = Diagnostics::new();
    d.extend(diags);
    d.sort();
    Error::Content(d)
}
