//! The controlled vocabularies (`[vocab.*]` in casebook.toml): ids in rank
//! order with their labels. Front matter names a value by its id or its
//! label; everything casebook writes uses the id.

use serde::Serialize;

use super::{CONFIG_FILE, Language};
use crate::diag::{Diagnostic, Pos, allowed_hint, did_you_mean};
use crate::i18n::Msg;
use crate::load::node::{Table, Value};
use crate::load::reader::Reader;
use crate::msg;

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
    /// The id a front matter value names: the id itself, or the id whose
    /// label it is (`"省级"` is `provincial`; ASCII labels in any case).
    pub fn resolve(&self, value: &str) -> Option<&str> {
        if let Some((id, _)) = self.entries.iter().find(|(i, _)| i == value) {
            return Some(id);
        }
        let key = label_key(value);
        self.entries
            .iter()
            .find(|(_, l)| label_key(l) == key)
            .map(|(i, _)| i.as_str())
    }
    /// `"provincial"（省级）`: an id as a message shows it, with its label
    /// when that says more than the id.
    pub fn describe(&self, id: &str) -> String {
        let label = self.label(id);
        if label_key(label) == label_key(id) {
            format!("\"{id}\"")
        } else if label.chars().any(crate::text::is_cjk) {
            format!("\"{id}\"（{label}）")
        } else {
            format!("\"{id}\" ({label})")
        }
    }
    /// Hint for a value that names nothing: the closest id or label, then
    /// every id with its label (`did you mean "provincial"（省级）? allowed
    /// values: …`).
    pub fn hint(&self, value: &str) -> Msg {
        let list = self
            .ids()
            .map(|id| self.describe(id))
            .collect::<Vec<_>>()
            .join(&crate::i18n::t("list-separator"));
        let words = self
            .entries
            .iter()
            .flat_map(|(i, l)| [i.as_str(), l.as_str()]);
        match did_you_mean(value, words).and_then(|w| self.resolve(w)) {
            Some(id) => msg!(
                "did-you-mean-allowed",
                suggestion = self.describe(id),
                list = list
            ),
            None => msg!("allowed-values", list = list),
        }
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

/// The `[vocab.*]` tables, merged into the defaults for `language`.
pub(super) fn read(r: &mut Reader, language: Language) -> Vocabs {
    let mut vocab = Vocabs::defaults(language);
    if let Some((t, _)) = r.table("vocab", "[vocab.levels]") {
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
                        msg!("cfg-unknown-vocab", name = &key.name),
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
                        msg!("cfg-vocab-not-table", name = &key.name),
                    )
                    .with_hint(msg!(
                        "load-for-example-lines",
                        example = format!("[vocab.{}]\nnational = \"国家级\"", key.name)
                    )),
                );
                continue;
            };
            let site = merge(v, entries, r.diags);
            check_labels(v, &site, r.diags);
        }
    }
    vocab
}

/// Merges a site's vocabulary table into the defaults. Existing ids are
/// relabelled in place; new ids go right after the id the site listed before
/// them (or first), so a site can insert a rank without restating the rest.
/// A table that names every default id defines the order outright.
fn merge(v: &mut Vocab, table: &Table, diags: &mut Vec<Diagnostic>) -> Vec<(String, Pos)> {
    let mut site: Vec<(String, String)> = Vec::new();
    let mut written: Vec<(String, Pos)> = Vec::new();
    for (k, node) in &table.entries {
        let id_ok = !k.name.is_empty()
            && k.name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
        if !id_ok {
            diags.push(
                Diagnostic::error(CONFIG_FILE, k.pos, msg!("cfg-vocab-bad-id", id = &k.name))
                    .with_hint(Msg::new("cfg-vocab-bad-id-hint")),
            );
            continue;
        }
        match &node.value {
            Value::Str(label) if !label.trim().is_empty() => {
                site.push((k.name.clone(), label.trim().to_string()));
                written.push((k.name.clone(), node.pos));
            }
            other => diags.push(
                Diagnostic::error(
                    CONFIG_FILE,
                    node.pos,
                    msg!(
                        "cfg-vocab-label-not-text",
                        id = &k.name,
                        found = other.type_name()
                    ),
                )
                .with_hint(msg!(
                    "load-for-example",
                    example = format!("{} = \"…\"", k.name)
                )),
            ),
        }
    }
    if v.ids().all(|id| site.iter().any(|(s, _)| s == id)) {
        v.entries = site;
        return written;
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
    written
}

/// Front matter may name a value by its label, so a label must name one
/// value only: not two ids, and not an id other than its own.
fn check_labels(v: &Vocab, written: &[(String, Pos)], diags: &mut Vec<Diagnostic>) {
    let site_pos = |id: &str| written.iter().find(|(w, _)| w == id).map(|(_, p)| *p);
    for (k, (id, label)) in v.entries.iter().enumerate() {
        let key = label_key(label);
        for (j, (other, other_label)) in v.entries.iter().enumerate() {
            let same_id = j != k && label_key(other) == key;
            let same_label = j < k && label_key(other_label) == key;
            if !same_id && !same_label {
                continue;
            }
            // Reported at a label the site wrote (the defaults never clash).
            let Some((at, pos)) = site_pos(id)
                .map(|p| (id, p))
                .or_else(|| site_pos(other).map(|p| (other, p)))
            else {
                continue;
            };
            let table = format!("[vocab.{}]", v.name);
            let cause = if same_id {
                msg!(
                    "cfg-vocab-label-is-id",
                    label = label,
                    id = id,
                    other = other,
                    table = table
                )
            } else {
                msg!(
                    "cfg-vocab-label-twice",
                    label = label,
                    id = id,
                    other = other,
                    table = table
                )
            };
            diags.push(
                Diagnostic::error(CONFIG_FILE, pos, cause)
                    .with_hint(msg!("cfg-vocab-label-clash-hint", id = at)),
            );
        }
    }
}

/// Labels compare without surrounding space and, for Latin letters, case.
fn label_key(s: &str) -> String {
    s.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::super::tests::parse;
    use crate::i18n::Language;

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
    fn labels_resolve_to_ids() {
        let (c, _) = parse("title = \"x\"\n");
        let v = c.unwrap().vocab;
        assert_eq!(v.levels.resolve("provincial"), Some("provincial"));
        assert_eq!(v.levels.resolve("省级"), Some("provincial"));
        assert_eq!(v.levels.resolve(" 国家级 "), Some("national"));
        assert_eq!(v.honour_kinds.resolve("通报表扬"), Some("circular"));
        assert_eq!(v.levels.resolve("省"), None);
        assert_eq!(v.levels.describe("provincial"), "\"provincial\"（省级）");
        // The list's separator is that of the language current when the
        // hint is made (which other tests may change): not checked here.
        let hint = v.levels.hint("provinical");
        assert_eq!(hint.key(), "did-you-mean-allowed");
        let en = hint.render(Language::En);
        assert!(
            en.starts_with(
                "did you mean \"provincial\"（省级）? allowed values: \"national\"（国家级）"
            ) && en.ends_with("\"county\"（县级）"),
            "{en}"
        );
        let zh = hint.render(Language::ZhCn);
        assert!(
            zh.starts_with("您是否要写 \"provincial\"（省级）？允许的取值：\"national\"（国家级）"),
            "{zh}"
        );
        assert!(
            v.levels
                .hint("省级别")
                .render(Language::En)
                .starts_with("did you mean \"provincial\"（省级）?")
        );
        assert_eq!(v.levels.hint("zzz").key(), "allowed-values");
        let (c, _) = parse("title = \"x\"\nlanguage = \"en\"\n");
        let v = c.unwrap().vocab;
        assert_eq!(v.honour_kinds.resolve("circular PRAISE"), Some("circular"));
        assert_eq!(v.levels.describe("national"), "\"national\"");
        assert_eq!(
            v.reform_kinds.describe("pilot"),
            "\"pilot\" (Assigned pilot)"
        );
    }

    #[test]
    fn a_label_names_one_value() {
        let (_, d) = parse("title = \"x\"\n[vocab.levels]\ncounty = \"市级\"\n");
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(
            d[0].message
                .render(crate::i18n::Language::En)
                .contains("the label \"市级\" names both `municipal` and `county`"),
            "{d:?}"
        );
        assert_eq!((d[0].pos.line, d[0].pos.col), (3, 10));
        let (_, d) = parse("title = \"x\"\n[vocab.levels]\nministerial = \"national\"\n");
        assert!(
            d[0].message
                .render(crate::i18n::Language::En)
                .contains("is the id of `national`"),
            "{d:?}"
        );
        // A default relabelled to a label another default keeps.
        let (_, d) = parse("title = \"x\"\n[vocab.levels]\nnational = \"省级\"\n");
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(
            d[0].message
                .render(crate::i18n::Language::En)
                .contains("names both `national` and `provincial`"),
            "{d:?}"
        );
        assert!(
            d[0].hint
                .as_ref()
                .map(|h| h.render(crate::i18n::Language::En))
                .unwrap_or_default()
                .contains("give `national` another label"),
            "{d:?}"
        );
        assert_eq!((d[0].pos.line, d[0].pos.col), (3, 12));
        assert_eq!(d[0].message.key(), "cfg-vocab-label-twice");
        assert_eq!(
            d[0].message.render(Language::ZhCn),
            "在 [vocab.levels] 中，标签 \"省级\" 同时指 `national` 和 `provincial`"
        );
        // Relabelling in place, or two sites' labels that differ: fine.
        let (_, d) =
            parse("title = \"x\"\n[vocab.levels]\nnational = \"全国\"\nministerial = \"部级\"\n");
        assert!(d.is_empty(), "{d:?}");
    }
}
