//! `casebook.toml`: site settings and the controlled vocabularies.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::diag::{Diagnostic, Pos, allowed_hint};
use crate::load::frontmatter::parse_toml_file;
use crate::load::node::{Table, Value};
use crate::load::reader::Reader;

mod pdf;

pub use pdf::{FontRole, Paper, PdfConfig, PdfLayout};

pub const CONFIG_FILE: &str = "casebook.toml";

/// Finds the site root: `start` or the nearest parent holding casebook.toml.
pub fn find_root(start: &Path) -> Option<PathBuf> {
    let start = std::fs::canonicalize(start).ok()?;
    start
        .ancestors()
        .find(|p| p.join(CONFIG_FILE).is_file())
        .map(Path::to_path_buf)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Language {
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "en")]
    En,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::ZhCn => "zh-CN",
            Language::En => "en",
        }
    }
    /// Title of the automatic last chapter of a compilation.
    pub fn other_chapter(self) -> &'static str {
        match self {
            Language::ZhCn => "其他",
            Language::En => "Other",
        }
    }
}

/// One controlled vocabulary. Order is rank: the first id is the highest.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Vocab {
    pub name: &'static str,
    pub entries: Vec<(String, String)>,
}

impl Vocab {
    fn new(name: &'static str, entries: &[(&str, &str)]) -> Vocab {
        Vocab {
            name,
            entries: entries
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
        }
    }
    pub fn rank(&self, id: &str) -> Option<usize> {
        self.entries.iter().position(|(i, _)| i == id)
    }
    pub fn contains(&self, id: &str) -> bool {
        self.rank(id).is_some()
    }
    pub fn label<'a>(&'a self, id: &'a str) -> &'a str {
        self.entries
            .iter()
            .find(|(i, _)| i == id)
            .map_or(id, |(_, l)| l.as_str())
    }
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|(i, _)| i.as_str())
    }
    pub fn len(&self) -> usize {
        self.entries.len()
    }
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
    /// A map with every id and the given initial value, in rank order.
    pub fn zeroed<T: Clone>(&self, v: T) -> indexmap::IndexMap<String, T> {
        self.ids().map(|i| (i.to_string(), v.clone())).collect()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Vocabs {
    pub levels: Vocab,
    pub honour_kinds: Vocab,
    pub reform_kinds: Vocab,
    pub pilot_status: Vocab,
}

impl Vocabs {
    pub fn defaults(lang: Language) -> Vocabs {
        match lang {
            Language::ZhCn => Vocabs {
                levels: Vocab::new(
                    "levels",
                    &[
                        ("national", "国家级"),
                        ("provincial", "省级"),
                        ("municipal", "市级"),
                        ("county", "县级"),
                    ],
                ),
                honour_kinds: Vocab::new(
                    "honour_kinds",
                    &[
                        ("commendation", "表彰"),
                        ("praise", "表扬"),
                        ("circular", "通报表扬"),
                        ("promotion", "发文推广"),
                        ("publication", "刊发"),
                        ("submission", "上报"),
                    ],
                ),
                reform_kinds: Vocab::new(
                    "reform_kinds",
                    &[
                        ("pilot", "承接试点"),
                        ("innovation", "自主创新"),
                        ("breakthrough", "破零"),
                    ],
                ),
                pilot_status: Vocab::new(
                    "pilot_status",
                    &[
                        ("ongoing", "推进中"),
                        ("midterm", "通过中期评估"),
                        ("accepted", "通过评估验收"),
                    ],
                ),
            },
            Language::En => Vocabs {
                levels: Vocab::new(
                    "levels",
                    &[
                        ("national", "National"),
                        ("provincial", "Provincial"),
                        ("municipal", "Municipal"),
                        ("county", "County"),
                    ],
                ),
                honour_kinds: Vocab::new(
                    "honour_kinds",
                    &[
                        ("commendation", "Commendation"),
                        ("praise", "Praise"),
                        ("circular", "Circular praise"),
                        ("promotion", "Promotion"),
                        ("publication", "Publication"),
                        ("submission", "Submission"),
                    ],
                ),
                reform_kinds: Vocab::new(
                    "reform_kinds",
                    &[
                        ("pilot", "Assigned pilot"),
                        ("innovation", "Local innovation"),
                        ("breakthrough", "Breakthrough"),
                    ],
                ),
                pilot_status: Vocab::new(
                    "pilot_status",
                    &[
                        ("ongoing", "Ongoing"),
                        ("midterm", "Passed midterm evaluation"),
                        ("accepted", "Accepted"),
                    ],
                ),
            },
        }
    }

    fn get_mut(&mut self, name: &str) -> Option<&mut Vocab> {
        match name {
            "levels" => Some(&mut self.levels),
            "honour_kinds" => Some(&mut self.honour_kinds),
            "reform_kinds" => Some(&mut self.reform_kinds),
            "pilot_status" => Some(&mut self.pilot_status),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MarkdownConfig {
    pub unsafe_html: bool,
    pub highlight_theme: String,
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
        Self::parse(&text, diags)
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
        let vocab = Self::read_vocab(&mut r, language);
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
            vocab,
            extra,
        }
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

    /// The `[vocab.*]` tables, merged into the defaults for `language`.
    fn read_vocab(r: &mut Reader, language: Language) -> Vocabs {
        let mut vocab = Vocabs::defaults(language);
        if let Some((t, pos)) = r.table("vocab", "[vocab.levels]") {
            for (key, node) in &t.entries {
                let Some(v) = vocab.get_mut(&key.name) else {
                    let hint = allowed_hint(
                        &key.name,
                        &["levels", "honour_kinds", "reform_kinds", "pilot_status"],
                    );
                    r.diags.push(
                        Diagnostic::warning(
                            CONFIG_FILE,
                            key.pos,
                            format!("unknown vocabulary `vocab.{}`", key.name),
                        )
                        .with_hint(hint),
                    );
                    continue;
                };
                let Value::Table(entries) = &node.value else {
                    r.diags.push(
                        Diagnostic::error(
                            CONFIG_FILE,
                            node.pos,
                            format!("`vocab.{}` must be a table of id = \"label\"", key.name),
                        )
                        .with_hint(format!(
                            "for example:\n[vocab.{}]\nnational = \"国家级\"",
                            key.name
                        )),
                    );
                    continue;
                };
                merge_vocab(v, entries, r.diags);
            }
            let _ = pos;
        }
        vocab
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

/// Merges a site's vocabulary table into the defaults. Existing ids are
/// relabelled in place; new ids go right after the id the site listed before
/// them (or first), so a site can insert a rank without restating the rest.
/// A table that names every default id defines the order outright.
fn merge_vocab(v: &mut Vocab, table: &Table, diags: &mut Vec<Diagnostic>) {
    let mut site: Vec<(String, String)> = Vec::new();
    for (k, node) in &table.entries {
        let id_ok = !k.name.is_empty()
            && k.name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
        if !id_ok {
            diags.push(
                Diagnostic::error(
                    CONFIG_FILE,
                    k.pos,
                    format!(
                        "vocabulary id `{}` must be lowercase ASCII letters, digits, `_` or `-`",
                        k.name
                    ),
                )
                .with_hint(
                    "ids are used in front matter; labels can be any text: ministerial = \"部级\"",
                ),
            );
            continue;
        }
        match &node.value {
            Value::Str(label) if !label.trim().is_empty() => {
                site.push((k.name.clone(), label.trim().to_string()))
            }
            other => diags.push(
                Diagnostic::error(
                    CONFIG_FILE,
                    node.pos,
                    format!(
                        "the label of `{}` must be text, found {}",
                        k.name,
                        other.type_name()
                    ),
                )
                .with_hint(format!("for example: {} = \"…\"", k.name)),
            ),
        }
    }
    if v.ids().all(|id| site.iter().any(|(s, _)| s == id)) {
        v.entries = site;
        return;
    }
    let mut prev: Option<usize> = None;
    for (id, label) in site {
        match v.rank(&id) {
            Some(i) => {
                v.entries[i].1 = label;
                prev = Some(i);
            }
            None => {
                let at = prev.map_or(0, |p| p + 1);
                v.entries.insert(at, (id, label));
                prev = Some(at);
            }
        }
    }
}

/// A single, plain folder name: no separators, not `.` or `..`.
fn is_folder_name(s: &str) -> bool {
    !s.is_empty() && s != "." && s != ".." && !s.contains(['/', '\\', ':', '\0'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Option<Config>, Vec<Diagnostic>) {
        let mut d = Vec::new();
        (Config::parse(text, &mut d), d)
    }

    #[test]
    fn vocab_merge_inserts_by_neighbour() {
        let (c, d) = parse(
            "title = \"x\"\n[vocab.levels]\nnational = \"国家级\"\nministerial = \"部级\"\ncounty = \"区县级\"\n",
        );
        assert!(d.is_empty(), "{d:?}");
        let c = c.unwrap();
        let ids: Vec<&str> = c.vocab.levels.ids().collect();
        assert_eq!(
            ids,
            [
                "national",
                "ministerial",
                "provincial",
                "municipal",
                "county"
            ]
        );
        assert_eq!(c.vocab.levels.label("county"), "区县级");
    }

    #[test]
    fn vocab_full_table_sets_order() {
        let (c, _) = parse(
            "title = \"x\"\n[vocab.pilot_status]\naccepted = \"a\"\nmidterm = \"m\"\nongoing = \"o\"\n",
        );
        let c = c.unwrap();
        let ids: Vec<&str> = c.vocab.pilot_status.ids().collect();
        assert_eq!(ids, ["accepted", "midterm", "ongoing"]);
    }

    #[test]
    fn base_path() {
        let (c, _) = parse("title = \"x\"\nbase_url = \"https://a.gov.cn/reform\"\n");
        assert_eq!(c.unwrap().base_path(), "/reform/");
    }
}
