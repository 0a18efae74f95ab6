//! `casebook.toml`: site settings and the controlled vocabularies.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::diag::{Diagnostic, Pos, allowed_hint};
use crate::i18n::Msg;
use crate::load::frontmatter::parse_toml_file;
use crate::load::node::{Table, Value};
use crate::load::reader::Reader;

mod images;
mod pdf;
mod vocab;

pub use images::ImagesConfig;
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
    #[serde(skip)]
    pub images: ImagesConfig,
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
                    crate::msg!("cfg-cannot-read", file = CONFIG_FILE, error = e.to_string()),
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
        let config = Self::parse_site(&text, diags, true);
        // Everything said about this site is said in its language (unless
        // the command line asked for another; see `i18n::current`).
        if let Some(c) = &config {
            crate::i18n::set_site(c.language);
        }
        config
    }

    pub fn parse(text: &str, diags: &mut Vec<Diagnostic>) -> Option<Config> {
        Self::parse_site(text, diags, false)
    }

    /// `site`: this is the site's own casebook.toml, so its `language`,
    /// once known, is the language of messages. It is set before the rest
    /// is checked: parts of messages (type names, lists) are put into
    /// words when the message is made, and should be in the language the
    /// whole message is shown in.
    fn parse_site(text: &str, diags: &mut Vec<Diagnostic>, site: bool) -> Option<Config> {
        let mut found = Vec::new();
        let parsed = parse_toml_file(text, &mut found);
        if site
            && let Ok(t) = &parsed
            && let Some(Value::Str(l)) = t.get("language").map(|n| &n.value)
            && let Some(lang) = language_named(l.trim())
        {
            crate::i18n::set_site(lang);
        }
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
            Some(l) => match language_named(&l) {
                Some(lang) => lang,
                None => {
                    let hint = allowed_hint(&l, &["zh-CN", "en"]);
                    r.error(
                        l.pos,
                        crate::msg!("cfg-unsupported-language", value = &l.value),
                        hint,
                    );
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
                    crate::msg!("cfg-theme-not-folder", value = &t.value),
                    Msg::new("cfg-theme-not-folder-hint"),
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
                    crate::msg!("cfg-paginate-range", value = p.value.to_string()),
                    for_example("paginate = 20"),
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
                    crate::msg!("cfg-accent-color-invalid", value = &c.value),
                    for_example("accent_color = \"#b3261e\""),
                );
                "#b3261e".to_string()
            }
        };
        let markdown = Self::read_markdown(&mut r);
        let pdf = pdf::read(&mut r);
        let docx = Self::read_docx(&mut r);
        let images = images::read(&mut r);
        let vocab = vocab::read(&mut r, language);
        let extra = Self::read_extra(&mut r);
        r.finish(Msg::new("cfg-in-config"));
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
            images,
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
        m.finish(crate::msg!("cfg-in-table", table = "[docx]"));
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
                        crate::msg!("cfg-base-url-invalid", value = &u.value),
                        for_example("base_url = \"https://reform.example.gov.cn/\""),
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
                        crate::msg!("cfg-unknown-highlight-theme", value = &h.value),
                        hint,
                    );
                }
            }
            m.finish(crate::msg!("cfg-in-table", table = "[markdown]"));
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
                        Msg::new("cfg-extra-not-table"),
                        for_example_lines("[extra]\nicp = \"鲁ICP备…\""),
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

/// The language a `language` value names, in the spellings accepted.
fn language_named(value: &str) -> Option<Language> {
    match value {
        "zh-CN" | "zh-cn" | "zh" | "zh-Hans" => Some(Language::ZhCn),
        "en" | "en-US" | "en-GB" => Some(Language::En),
        _ => None,
    }
}

/// `for example: paginate = 20` (the example is casebook.toml text).
fn for_example(example: &str) -> Msg {
    crate::msg!("load-for-example", example = example)
}

/// `for example:` and an example of several lines below it.
fn for_example_lines(example: &str) -> Msg {
    crate::msg!("load-for-example-lines", example = example)
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

    /// Parts of a message made from other messages (type names, table
    /// names, lists) are put into words in the language current when it
    /// is made, which other tests may change: those parts are checked by
    /// key or argument, the rest in both languages.
    #[test]
    fn messages_in_both_languages() {
        use crate::i18n::Language;
        let hint = |d: &Diagnostic, lang| d.hint.as_ref().map(|h| h.render(lang));
        let (c, d) = parse("title = \"x\"\nlanguage = \"fr\"\npaginate = \"20\"\n");
        assert!(c.is_none());
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!(d[0].message.key(), "cfg-unsupported-language");
        assert_eq!(
            d[0].message.render(Language::En),
            "unsupported language \"fr\""
        );
        assert_eq!(d[0].message.render(Language::ZhCn), "不支持的语言 \"fr\"");
        assert_eq!(d[1].message.key(), "load-wrong-type");
        assert_eq!(d[1].message.get("key").as_deref(), Some("paginate"));
        // The parts of the sentence are messages too, put into words in
        // the same language as the sentence.
        assert_eq!(
            d[1].message.render(Language::En),
            "`paginate` must be a whole number, found a string"
        );
        assert_eq!(
            d[1].message.render(Language::ZhCn),
            "`paginate` 应为整数，这里写的是文本"
        );
        assert_eq!(
            hint(&d[1], Language::En).as_deref(),
            Some("for example: paginate = 20")
        );
        assert_eq!(
            hint(&d[1], Language::ZhCn).as_deref(),
            Some("例如：paginate = 20")
        );

        let (_, d) = parse("title = \"x\"\npaginat = 20\nfoo = 1\n");
        assert_eq!(d[0].message.key(), "load-unknown-key-near");
        assert_eq!(
            d[0].message.render(Language::En),
            "unknown key `paginat` in casebook.toml, close to `paginate`"
        );
        assert_eq!(
            d[0].message.render(Language::ZhCn),
            "casebook.toml 文件中的键 `paginat` 无法识别，与 `paginate` 相近"
        );
        assert_eq!(
            hint(&d[0], Language::En).as_deref(),
            Some(
                "did you mean `paginate`? As written, its value is used nowhere; free values go under `extra`"
            )
        );
        assert_eq!(d[1].message.key(), "load-unknown-key");
        assert!(!d[1].is_error());
        let list = d[1]
            .hint
            .as_ref()
            .and_then(|h| h.get("list"))
            .unwrap_or_default();
        assert!(
            list.starts_with("title") && list.ends_with("extra"),
            "{list}"
        );
        assert_eq!(
            hint(&d[1], Language::En),
            Some(format!(
                "known keys of casebook.toml: {list}; free values go under `extra`"
            ))
        );
        assert_eq!(
            hint(&d[1], Language::ZhCn),
            Some(format!(
                "casebook.toml 文件可用的键：{list}；自定义的值请放在 `extra` 下"
            ))
        );

        // No `extra` in [markdown]: the hints do not mention it.
        let (_, d) = parse("title = \"x\"\n[markdown]\nzzz = true\n");
        assert!(
            hint(&d[0], Language::En).is_some_and(|h| h.ends_with("highlight_theme")),
            "{d:?}"
        );
        assert!(
            hint(&d[0], Language::ZhCn).is_some_and(|h| h.ends_with("highlight_theme")),
            "{d:?}"
        );

        let (_, d) = parse("title = \"x\"\nextra = 1\n");
        assert_eq!(
            hint(&d[0], Language::En).as_deref(),
            Some("for example:\n[extra]\nicp = \"鲁ICP备…\"")
        );
        assert_eq!(
            hint(&d[0], Language::ZhCn).as_deref(),
            Some("例如：\n[extra]\nicp = \"鲁ICP备…\"")
        );
    }

    #[test]
    fn base_path() {
        let (c, _) = parse("title = \"x\"\nbase_url = \"https://a.gov.cn/reform\"\n");
        assert_eq!(c.unwrap().base_path(), "/reform/");
    }
}
