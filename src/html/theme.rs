//! Themes: templates, static files, translations and archetypes. The default
//! theme is embedded in the binary; a `themes/<name>/` folder in the site
//! takes precedence (so the repository's own copy can be edited live), and
//! the site's `templates/`, `static/` and `i18n/` override single files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diag::{Diagnostic, Pos};
use crate::load::{rel_path, walk_files};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/theme_files.rs"));
}

/// Where a theme file's bytes come from.
#[derive(Debug, Clone)]
pub enum Blob {
    Embedded(&'static [u8]),
    /// A file's resolved path, accepted by [`crate::confine`].
    File(PathBuf),
}

impl Blob {
    pub fn read(&self) -> std::io::Result<std::borrow::Cow<'static, [u8]>> {
        match self {
            Blob::Embedded(b) => Ok(std::borrow::Cow::Borrowed(b)),
            // Resolved and checked when the theme was loaded; checked again.
            Blob::File(p) => crate::confine::read(p).map(std::borrow::Cow::Owned),
        }
    }
}

#[derive(Debug, Clone)]
pub struct TemplateSource {
    /// Name used in `extends`/`include`, e.g. `partials/card.html`.
    pub name: String,
    pub text: String,
    /// Shown in error messages: a site path, or `(built-in default theme)/…`.
    pub origin: String,
}

#[derive(Debug, Clone)]
pub struct Theme {
    pub templates: Vec<TemplateSource>,
    /// Output site path → source. Theme files first, the site's static/ over them.
    pub static_files: BTreeMap<String, Blob>,
    /// Flat `key = "text"` translations of the site language.
    pub translations: serde_json::Map<String, serde_json::Value>,
    pub archetypes: BTreeMap<String, String>,
}

pub const EMBEDDED_ORIGIN: &str = "(built-in default theme)";

/// Every file of the theme: (path inside the theme, bytes source, origin label).
fn theme_files(
    root: &Path,
    name: &str,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(String, Blob, String)> {
    let dir = root.join("themes").join(name);
    if crate::load::folder_exists(root, &dir, diags) {
        // A theme folder may be a link to a shared theme: its own files are
        // allowed, nothing outside it.
        let base = crate::confine::canonical_base(&dir);
        walk_files(root, &base, &dir, diags)
            .into_iter()
            .filter_map(|p| {
                let blob = confined(root, &base, &p, diags)?;
                Some((rel_path(&dir, &p), blob, rel_path(root, &p)))
            })
            .collect()
    } else {
        embedded::FILES
            .iter()
            .map(|(rel, bytes)| {
                (
                    rel.to_string(),
                    Blob::Embedded(bytes),
                    format!("{EMBEDDED_ORIGIN}/{rel}"),
                )
            })
            .collect()
    }
}

/// A walked file as a [`Blob`] of its resolved path; an error when it can
/// no longer be resolved inside `base` (it changed since the walk).
fn confined(root: &Path, base: &Path, p: &Path, diags: &mut Vec<Diagnostic>) -> Option<Blob> {
    use crate::confine::Refused;
    let why = match crate::confine::file(base, p) {
        Ok(real) => return Some(Blob::File(real)),
        Err(Refused::Missing) => return None,
        Err(Refused::Outside(to)) => crate::msg!("html-theme-file-outside", target = &to),
        Err(Refused::Unreadable(e)) => {
            crate::msg!("html-theme-file-unreadable", cause = crate::io_cause(&e))
        }
    };
    diags.push(Diagnostic::error(rel_path(root, p), Pos::START, why));
    None
}

/// The embedded default theme's files, for `casebook init`.
pub fn embedded_files() -> impl Iterator<Item = (&'static str, &'static [u8])> {
    embedded::FILES.iter().copied()
}

impl Theme {
    pub fn load(root: &Path, config: &Config, diags: &mut Vec<Diagnostic>) -> Theme {
        let mut templates: BTreeMap<String, TemplateSource> = BTreeMap::new();
        let mut static_files = BTreeMap::new();
        let mut i18n: BTreeMap<String, (String, String)> = BTreeMap::new();
        let mut archetypes = BTreeMap::new();
        for (rel, blob, origin) in theme_files(root, &config.theme, diags) {
            if let Some(name) = rel.strip_prefix("templates/") {
                if let Some(text) = read_text(&blob, &origin, diags) {
                    templates.insert(
                        name.to_string(),
                        TemplateSource {
                            name: name.to_string(),
                            text,
                            origin,
                        },
                    );
                }
            } else if let Some(name) = rel.strip_prefix("static/") {
                static_files.insert(name.to_string(), blob);
            } else if let Some(name) = rel.strip_prefix("i18n/") {
                if let Some(text) = read_text(&blob, &origin, diags) {
                    i18n.insert(name.to_string(), (text, origin));
                }
            } else if let Some(name) = rel.strip_prefix("archetypes/")
                && let Some(text) = read_text(&blob, &origin, diags)
            {
                archetypes.insert(name.trim_end_matches(".md").to_string(), text);
            }
        }
        let base = crate::confine::canonical_base(root);
        let site_templates = root.join("templates");
        if crate::load::folder_exists(root, &site_templates, diags) {
            for p in walk_files(root, &base, &site_templates, diags) {
                let name = rel_path(&site_templates, &p);
                let origin = rel_path(root, &p);
                if let Some(blob) = confined(root, &base, &p, diags)
                    && let Some(text) = read_text(&blob, &origin, diags)
                {
                    templates.insert(name.clone(), TemplateSource { name, text, origin });
                }
            }
        }
        let site_static = root.join("static");
        if crate::load::folder_exists(root, &site_static, diags) {
            for p in walk_files(root, &base, &site_static, diags) {
                if let Some(blob) = confined(root, &base, &p, diags) {
                    static_files.insert(rel_path(&site_static, &p), blob);
                }
            }
        }
        // Translations: the default language underneath, then the site's
        // language, then the site's own i18n/ file over both.
        let lang = config.language.code();
        let mut translations = serde_json::Map::new();
        let mut layers: Vec<(String, String)> = Vec::new();
        for l in ["zh-CN", lang] {
            if let Some(t) = i18n.get(&format!("{l}.toml")) {
                layers.push(t.clone());
            }
        }
        let site_i18n = root.join("i18n").join(format!("{lang}.toml"));
        if site_i18n.is_file()
            && let Some(blob) = confined(root, &base, &site_i18n, diags)
            && let Some(text) = read_text(&blob, &rel_path(root, &site_i18n), diags)
        {
            layers.push((text, rel_path(root, &site_i18n)));
        }
        for (text, origin) in layers {
            let mut found = Vec::new();
            let parsed = crate::load::frontmatter::parse_toml_file(&text, &mut found);
            diags.extend(found.into_iter().map(|e| e.diagnostic(&origin)));
            match parsed {
                Ok(t) => {
                    for (k, v) in t.entries {
                        match v.value {
                            crate::load::node::Value::Str(s) => {
                                translations.insert(k.name, serde_json::Value::String(s));
                            }
                            _ => diags.push(
                                Diagnostic::error(
                                    &origin,
                                    k.pos,
                                    crate::msg!("html-translation-not-text", key = &k.name),
                                )
                                .with_hint(crate::msg!("html-translation-not-text-hint")),
                            ),
                        }
                    }
                }
                Err(e) => diags.push(e.diagnostic(&origin)),
            }
        }
        if templates.is_empty() {
            diags.push(
                Diagnostic::error(
                    crate::config::CONFIG_FILE,
                    Pos::START,
                    crate::msg!("html-theme-no-templates", theme = &config.theme),
                )
                .with_hint(crate::msg!("html-theme-no-templates-hint")),
            );
        }
        Theme {
            templates: templates.into_values().collect(),
            static_files,
            translations,
            archetypes,
        }
    }

    pub fn t(&self, key: &str) -> String {
        self.translations
            .get(key)
            .and_then(|v| v.as_str())
            .unwrap_or(key)
            .to_string()
    }
}

fn read_text(blob: &Blob, origin: &str, diags: &mut Vec<Diagnostic>) -> Option<String> {
    match blob.read() {
        Ok(bytes) => match crate::load::decode(&bytes) {
            Ok(t) => Some(t),
            Err(e) => {
                diags.push(Diagnostic::error(origin, e.pos, e.message).with_hint(e.hint));
                None
            }
        },
        Err(e) => {
            diags.push(Diagnostic::error(
                origin,
                Pos::START,
                crate::msg!("html-theme-file-unreadable", cause = crate::io_cause(&e)),
            ));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    /// Every id the built-in theme writes is one a body may not take
    /// (`markdown::THEME_IDS`, or a numbered one), so that a heading or
    /// pasted HTML never repeats it on a page.
    #[test]
    fn body_ids_keep_clear_of_the_theme_ids() {
        use crate::markdown::{NUMBERED_IDS, THEME_IDS};
        // Ids built from values, and why a body cannot meet them: numbered
        // (NUMBERED_IDS), on pages without a body, or prefixed differently.
        let built = [
            "chapter-{{",
            "level-{{",    // honours wall: no body
            "{{ chart.id", // statistics: no body
            "{{ m.anchor", // print view: `case-…`, bodies have `cN-`
            "{{ metrics_id",
        ];
        for (path, bytes) in super::embedded::FILES {
            if !(path.ends_with(".html") || path.ends_with(".js")) {
                continue;
            }
            let text = String::from_utf8_lossy(bytes);
            let ids = text
                .split("id=\"")
                .skip(1)
                .chain(text.split(".id = '").skip(1))
                .map(|rest| &rest[..rest.find(['"', '\'']).unwrap_or(rest.len())]);
            for id in ids {
                let known = THEME_IDS.contains(&id)
                    || built.iter().any(|b| id.starts_with(b))
                    || NUMBERED_IDS.iter().any(|n| id.starts_with(n));
                assert!(known, "{path}: id \"{id}\" is not in markdown::THEME_IDS");
            }
        }
    }
}
