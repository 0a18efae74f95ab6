//! `casebook.toml`: site settings and the controlled vocabularies.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::diag::{Diagnostic, Pos, allowed_hint};
use crate::load::frontmatter::parse_toml_file;
use crate::load::node::{Table, Value};
use crate::load::reader::Reader;

mod pdf;
mod vocab;

pub use pdf::{FontRole, Paper, PdfConfig, PdfLayout};
pub use vocab::{Vocab, Vocabs};

pub const CONFIG_FILE: &str = "casebook.toml";

/// Finds the site root: `start` or the nearest parent holding casebook.toml.
pub fn find_root(start: &Path) -> Option<PathBuf> {
    let start = std::fs::canonicalize(start).ok()?;
    start
        .ancestors()
        .find(|p| p.join(CONFIG_FILE).is_file())
        .map(Path::to_path_buf)
}

pub use crate::i18n::Language;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MarkdownConfig {
    pub unsafe_html: bool,
    pub highlight_theme: String,
}

/// The `[docx]` table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocxConfig {
    /// `casebook build` and `bundle` also write every compilation as .docx.
    pub build: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Config {
    pub title: String,
    pub description: String,
    /// Always ends with `/`.
    pub base_url: String,
    pub language: Language,
    pub theme: String,
    pub paginate: usize,
    /// The theme's accent colour (`#rrggbb`).
    pub accent_color: String,
    pub markdown: MarkdownConfig,
    #[serde(skip)]
    pub pdf: PdfConfig,
    #[serde(skip)]
    pub docx: DocxConfig,
    pub vocab: Vocabs,
    pub extra: serde_json::Value,
}

pub const HIGHLIGHT_THEMES: &[&str] = &[
    "InspiredGitHub",
    "Solarized (dark)",
    "Solarized (light)",
    "base16-eighties.dark",
    "base16-mocha.dark",
    "base16-ocean.dark",
    "base16-ocean.light",
];

impl Config {
    /// Reads and validates `casebook.toml` in `root`. Problems go to `diags`;
    /// `None` means the file could not be used at all.
    pub fn load(root: &Path, diags: &mut Vec<Diagnostic>) -> Option<Config> {
        let path = root.join(CONFIG_FILE);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                diags.push(Diagnostic::error(
                    CONFIG_FILE,
                    Pos::START,
                    format!("cannot read {CONFIG_FILE}: {e}"),
                ));
                return None;
            }
        };
        let text = match crate::load::decode(&bytes) {
            Ok(t) => t,
            Err(e) => {
                diags.push(Diagnostic::error(CONFIG_FILE, Pos::START, e.message).with_hint(e.hint));
                return None;
            }
        };
        let config = Self::parse(&text, diags);
        // Everything said about this site is said in its language (unless
        // the command line asked for another; see `i18n::current`).
        if let Some(c) = &config {
            crate::i18n::set_site(c.language);
        }
        config
    }

    pub fn parse(text: &str, diags: &mut Vec<Diagnostic>) -> Option<Config> {
        let mut found = Vec::new();
        let parsed = parse_toml_file(text, &mut found);
        diags.extend(found.into_iter().map(|e| e.diagnostic(CONFIG_FILE)));
        let table = match parsed {
            Ok(t) => t,
            Err(e) => {
                diags.push(e.diagnostic(CONFIG_FILE));
                return None;
            }
        };
        let before = diags.iter().filter(|d| d.is_error()).count();
        let config = Self::from_table(&table, diags);
        let after = diags.iter().filter(|d| d.is_error()).count();
        if after > before { None } else { Some(config) }
    }

    fn from_table(table: &Table, diags: &mut Vec<Diagnostic>) -> Config {
        let mut r = Reader::new(table, CONFIG_FILE, Pos::START, diags);
        let title = r
            .string("title", true, "title = \"滨州市改革典型案例\"")
            .map(|s| s.value)
            .unwrap_or_default();
        let description = r
            .string("description", false, "description = \"…\"")
            .map(|s| s.value)
            .unwrap_or_default();
        let base_url = Self::read_base_url(&mut r);
        let language = match r.string("language", false, "language = \"zh-CN\"") {
            None => Language::ZhCn,
            Some(l) => match l.as_str() {
                "zh-CN" | "zh-cn" | "zh" | "zh-Hans" => Language::ZhCn,
                "en" | "en-US" | "en-GB" => Language::En,
                other => {
                    let hint = allowed_hint(other, &["zh-CN", "en"]);
                    r.error(l.pos, format!("unsupported language \"{other}\""), hint);
                    Language::ZhCn
                }
            },
        };
        let theme = match r.string("theme", false, "theme = \"default\"") {
            None => "default".into(),
            // A theme is a folder name under themes/, never a path: a name
            // like "../../x" would make a folder outside the site the theme.
            Some(t) if is_folder_name(&t.value) => t.value,
            Some(t) => {
                r.error(
                    t.pos,
                    format!("theme \"{}\" is not a folder name", t.value),
                    "name a folder under themes/, for example: theme = \"default\"",
                );
                "default".into()
            }
        };
        let paginate = match r.int("paginate", "paginate = 20") {
            None => 20,
            Some(p) if p.value >= 1 && p.value <= 10_000 => p.value as usize,
            Some(p) => {
                r.error(
                    p.pos,
                    format!("paginate must be between 1 and 10000, found {}", p.value),
                    "for example: paginate = 20",
                );
                20
            }
        };
        let accent_color = match r.string("accent_color", false, "accent_color = \"#b3261e\"") {
            None => "#b3261e".to_string(),
            Some(c) if is_hex_color(&c) => c.value.to_lowercase(),
            Some(c) => {
                r.error(
                    c.pos,
                    format!("accent_color \"{}\" is not a #rrggbb colour", c.value),
                    "for example: accent_color = \"#b3261e\"",
                );
                "#b3261e".to_string()
            }
        };
        let markdown = Self::read_markdown(&mut r);
        let pdf = pdf::read(&mut r);
        let docx = Self::read_docx(&mut r);
        let vocab = vocab::read(&mut r, language);
        let extra = Self::read_extra(&mut r);
        r.finish("casebook.toml");
        Config {
            title,
            description,
            base_url,
            language,
            theme,
            paginate,
            accent_color,
            markdown,
            pdf,
            docx,
            vocab,
            extra,
        }
    }

    /// `[docx]`: whether builds write each compilation as Word.
    fn read_docx(r: &mut Reader) -> DocxConfig {
        let Some((t, pos)) = r.table("docx", "[docx]\nbuild = true") else {
            return DocxConfig::default();
        };
        let mut m = Reader::new(t, CONFIG_FILE, pos, r.diags).with_prefix("docx.");
        let build = m.bool("build").unwrap_or(false);
        m.finish("[docx]");
        DocxConfig { build }
    }

    /// `base_url`: an absolute http(s) address, normalised to end in `/`.
    fn read_base_url(r: &mut Reader) -> String {
        match r.string("base_url", false, "base_url = \"https://example.gov.cn/\"") {
            Some(u) => {
                let ok = (u.starts_with("http://") || u.starts_with("https://"))
                    && u.len() > "https://".len()
                    && !u.contains(char::is_whitespace);
                if !ok {
                    r.error(
                        u.pos,
                        format!(
                            "base_url \"{}\" is not an absolute http(s) address",
                            u.value
                        ),
                        "for example: base_url = \"https://reform.example.gov.cn/\"",
                    );
                }
                normalize_base_url(&u)
            }
            None => "http://localhost/".to_string(),
        }
    }

    /// The `[markdown]` table.
    fn read_markdown(r: &mut Reader) -> MarkdownConfig {
        let mut markdown = MarkdownConfig {
            unsafe_html: false,
            highlight_theme: "InspiredGitHub".into(),
        };
        if let Some((t, pos)) = r.table("markdown", "[markdown]") {
            let mut m = Reader::new(t, CONFIG_FILE, pos, r.diags).with_prefix("markdown.");
            markdown.unsafe_html = m.bool("unsafe_html").unwrap_or(false);
            if let Some(h) = m.string(
                "highlight_theme",
                false,
                "highlight_theme = \"InspiredGitHub\"",
            ) {
                if HIGHLIGHT_THEMES.contains(&h.as_str()) {
                    markdown.highlight_theme = h.value;
                } else {
                    let hint = allowed_hint(&h, HIGHLIGHT_THEMES);
                    m.error(
                        h.pos,
                        format!("unknown highlight theme \"{}\"", h.value),
                        hint,
                    );
                }
            }
            m.finish("[markdown]");
        }
        markdown
    }

    /// `[extra]`: free-form values for templates.
    fn read_extra(r: &mut Reader) -> serde_json::Value {
        match r.raw("extra") {
            Some(n) => {
                if !matches!(n.value, Value::Table(_)) {
                    r.error(
                        n.pos,
                        "`extra` must be a table",
                        "for example:\n[extra]\nicp = \"鲁ICP备…\"",
                    );
                }
                n.to_json()
            }
            None => serde_json::Value::Object(Default::default()),
        }
    }

    /// Default settings, used to keep checking content when casebook.toml
    /// has errors (which are reported, so the run still fails).
    pub fn fallback() -> Config {
        let mut d = Vec::new();
        Self::from_table(&Table::default(), &mut d)
    }

    /// The path part of base_url, e.g. `/` or `/reform/`.
    pub fn base_path(&self) -> &str {
        let after_scheme = self.base_url.find("://").map_or(0, |i| i + 3);
        match self.base_url[after_scheme..].find('/') {
            Some(i) => &self.base_url[after_scheme + i..],
            None => "/",
        }
    }
}

pub fn normalize_base_url(u: &str) -> String {
    let mut s = u.trim().to_string();
    if !s.ends_with('/') {
        s.push('/');
    }
    s
}

pub fn is_hex_color(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// A single, plain folder name: no separators, not `.` or `..`.
fn is_folder_name(s: &str) -> bool {
    !s.is_empty() && s != "." && s != ".." && !s.contains(['/', '\\', ':', '\0'])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// casebook.toml text → the config and the diagnostics (also used by
    /// the vocabulary tests).
    pub(super) fn parse(text: &str) -> (Option<Config>, Vec<Diagnostic>) {
        let mut d = Vec::new();
        (Config::parse(text, &mut d), d)
    }

    #[test]
    fn base_path() {
        let (c, _) = parse("title = \"x\"\nbase_url = \"https://a.gov.cn/reform\"\n");
        assert_eq!(c.unwrap().base_path(), "/reform/");
    }
}
