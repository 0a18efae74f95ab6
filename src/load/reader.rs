//! Typed access to a positioned front matter table. Every getter records a
//! diagnostic for a missing or mistyped value and returns `None`, so one pass
//! over a document reports all of its mistakes.

use crate::i18n::Msg;
use crate::msg;
use jiff::civil::Date;

use crate::diag::{Diagnostic, Pos, did_you_mean};
use crate::load::node::{Node, Table, Value};

/// A value with the place it was written.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Spanned<T> {
    pub value: T,
    pub pos: Pos,
}

impl<T> Spanned<T> {
    pub fn new(value: T, pos: Pos) -> Self {
        Spanned { value, pos }
    }
}

impl<T> std::ops::Deref for Spanned<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

pub(crate) struct Reader<'a> {
    table: &'a Table,
    path: &'a str,
    /// Where the table starts: missing keys are reported here.
    at: Pos,
    /// Key path prefix for messages, e.g. `approvals[2].`.
    prefix: String,
    pub diags: &'a mut Vec<Diagnostic>,
    seen: Vec<&'static str>,
    /// Examples in hints are shown in the document's own syntax.
    yaml: bool,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(
        table: &'a Table,
        path: &'a str,
        at: Pos,
        diags: &'a mut Vec<Diagnostic>,
    ) -> Self {
        Reader {
            table,
            path,
            at,
            prefix: String::new(),
            diags,
            seen: Vec::new(),
            yaml: false,
        }
    }

    pub(crate) fn yaml(mut self, yaml: bool) -> Self {
        self.yaml = yaml;
        self
    }

    /// A reader for a table nested in this one (same file, same syntax).
    pub(crate) fn nested<'b>(
        &'b mut self,
        table: &'b Table,
        at: Pos,
        prefix: impl Into<String>,
    ) -> Reader<'b> {
        Reader::new(table, self.path, at, self.diags)
            .with_prefix(prefix)
            .yaml(self.yaml)
    }

    /// `key = value` examples become `key: value` in YAML documents.
    pub(crate) fn example(&self, ex: &str) -> String {
        if !self.yaml {
            return ex.to_string();
        }
        ex.lines()
            .filter(|l| !l.starts_with('['))
            .map(|l| l.replacen(" = ", ": ", 1))
            .collect::<Vec<_>>()
            .join("\n")
    }

    pub(crate) fn with_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.prefix = prefix.into();
        self
    }

    pub(crate) fn path(&self) -> &'a str {
        self.path
    }

    pub(crate) fn error(&mut self, pos: Pos, message: Msg, hint: Msg) {
        self.diags
            .push(Diagnostic::error(self.path, pos, message).with_hint(hint));
    }

    pub(crate) fn warn(&mut self, pos: Pos, message: Msg, hint: Msg) {
        self.diags
            .push(Diagnostic::warning(self.path, pos, message).with_hint(hint));
    }

    fn node(&mut self, key: &'static str) -> Option<&'a Node> {
        self.seen.push(key);
        let n = self.table.get(key)?;
        // An explicit null (`key:` with nothing in YAML) counts as absent.
        if n.value == Value::Null {
            None
        } else {
            Some(n)
        }
    }

    pub(crate) fn name(&self, key: &str) -> String {
        format!("{}{}", self.prefix, key)
    }

    fn missing(&mut self, key: &str, example: &str) {
        let name = self.name(key);
        let at = self.at;
        let hint = msg!("load-add-line", example = self.example(example));
        self.error(at, msg!("load-missing-key", key = name), hint);
    }

    /// `expected`: one of the `load-expect-*` messages (what the key takes).
    fn wrong_type(&mut self, key: &str, node: &Node, expected: Msg, example: &str) {
        let name = self.name(key);
        let d = Diagnostic::error(
            self.path,
            node.pos,
            msg!(
                "load-wrong-type",
                key = name,
                expected = expected,
                found = node.value.type_name()
            ),
        )
        .with_len(node.len as usize)
        .with_hint(msg!("load-for-example", example = self.example(example)));
        self.diags.push(d);
    }

    pub(crate) fn raw(&mut self, key: &'static str) -> Option<&'a Node> {
        self.node(key)
    }

    pub(crate) fn string(
        &mut self,
        key: &'static str,
        required: bool,
        example: &str,
    ) -> Option<Spanned<String>> {
        let Some(node) = self.node(key) else {
            if required {
                self.missing(key, example);
            }
            return None;
        };
        match &node.value {
            Value::Str(s) if s.trim().is_empty() && required => {
                let name = self.name(key);
                self.diags.push(
                    Diagnostic::error(self.path, node.pos, msg!("load-empty-value", key = name))
                        .with_hint(msg!("load-for-example", example = example)),
                );
                None
            }
            Value::Str(s) => Some(Spanned::new(s.trim().to_string(), node.pos)),
            // Numbers written for text fields (a unit called 2023) are meant as text.
            Value::Int(i) => Some(Spanned::new(i.to_string(), node.pos)),
            _ => {
                self.wrong_type(key, node, Msg::new("load-expect-text"), example);
                None
            }
        }
    }

    pub(crate) fn bool(&mut self, key: &'static str) -> Option<bool> {
        let node = self.node(key)?;
        match &node.value {
            Value::Bool(b) => Some(*b),
            _ => {
                let ex = format!("{key} = true");
                self.wrong_type(key, node, Msg::new("load-expect-bool"), &ex);
                None
            }
        }
    }

    pub(crate) fn int(&mut self, key: &'static str, example: &str) -> Option<Spanned<i64>> {
        let node = self.node(key)?;
        match &node.value {
            Value::Int(i) => Some(Spanned::new(*i, node.pos)),
            _ => {
                self.wrong_type(key, node, Msg::new("load-expect-integer"), example);
                None
            }
        }
    }

    pub(crate) fn number(
        &mut self,
        key: &'static str,
        required: bool,
        example: &str,
    ) -> Option<f64> {
        let Some(node) = self.node(key) else {
            if required {
                self.missing(key, example);
            }
            return None;
        };
        match &node.value {
            Value::Int(i) => Some(*i as f64),
            Value::Float(f) if f.is_finite() => Some(*f),
            _ => {
                self.wrong_type(key, node, Msg::new("load-expect-number"), example);
                None
            }
        }
    }

    pub(crate) fn date(&mut self, key: &'static str, required: bool) -> Option<Spanned<Date>> {
        let example = format!("{key} = 2023-05-12");
        let Some(node) = self.node(key) else {
            if required {
                self.missing(key, &example);
            }
            return None;
        };
        let text = match &node.value {
            Value::Str(s) | Value::Datetime(s) => s.as_str(),
            _ => {
                self.wrong_type(key, node, Msg::new("load-expect-date"), &example);
                return None;
            }
        };
        match parse_date(text) {
            Ok(d) => Some(Spanned::new(d, node.pos)),
            // A value `casebook import` left for the editor to fill.
            Err(_) if text.trim_start().starts_with("TODO") => {
                let name = self.name(key);
                self.diags.push(
                    Diagnostic::error(self.path, node.pos, msg!("load-date-todo", key = name))
                        .with_len(node.len as usize)
                        .with_hint(msg!("load-date-todo-hint", example = example)),
                );
                None
            }
            Err(why) => {
                let name = self.name(key);
                self.diags.push(
                    Diagnostic::error(
                        self.path,
                        node.pos,
                        msg!("load-date-invalid", key = name, why = why),
                    )
                    .with_len(node.len as usize)
                    .with_hint(Msg::new("load-date-hint")),
                );
                None
            }
        }
    }

    /// A list of strings; a single string is accepted as a list of one, as
    /// editors often write `fields = "营商环境"`.
    pub(crate) fn string_list(&mut self, key: &'static str, example: &str) -> Vec<Spanned<String>> {
        let Some(node) = self.node(key) else {
            return Vec::new();
        };
        match &node.value {
            Value::Str(s) if !s.trim().is_empty() => {
                vec![Spanned::new(s.trim().to_string(), node.pos)]
            }
            Value::Str(_) => Vec::new(),
            Value::Array(items) => {
                let mut out: Vec<Spanned<String>> = Vec::new();
                for item in items {
                    match &item.value {
                        Value::Str(s) if s.trim().is_empty() => {
                            let name = self.name(key);
                            self.diags.push(
                                Diagnostic::error(
                                    self.path,
                                    item.pos,
                                    msg!("load-list-empty-entry", key = name),
                                )
                                .with_hint(Msg::new("load-list-empty-entry-hint")),
                            );
                        }
                        Value::Str(s) => {
                            let s = s.trim().to_string();
                            if out.iter().any(|o| o.value == s) {
                                let name = self.name(key);
                                self.warn(
                                    item.pos,
                                    msg!("load-list-twice", key = name, value = s),
                                    Msg::new("load-list-twice-hint"),
                                );
                            } else {
                                out.push(Spanned::new(s, item.pos));
                            }
                        }
                        Value::Int(i) => out.push(Spanned::new(i.to_string(), item.pos)),
                        _ => self.wrong_type(key, item, Msg::new("load-expect-text-list"), example),
                    }
                }
                out
            }
            _ => {
                self.wrong_type(key, node, Msg::new("load-expect-text-list"), example);
                Vec::new()
            }
        }
    }

    pub(crate) fn table(&mut self, key: &'static str, example: &str) -> Option<(&'a Table, Pos)> {
        let node = self.node(key)?;
        match &node.value {
            Value::Table(t) => Some((t, node.pos)),
            _ => {
                self.wrong_type(key, node, Msg::new("load-expect-table"), example);
                None
            }
        }
    }

    pub(crate) fn table_list(&mut self, key: &'static str, example: &str) -> Vec<(&'a Table, Pos)> {
        let Some(node) = self.node(key) else {
            return Vec::new();
        };
        match &node.value {
            Value::Array(items) => {
                let mut out = Vec::new();
                for item in items {
                    match &item.value {
                        Value::Table(t) => out.push((t, item.pos)),
                        _ => {
                            self.wrong_type(key, item, Msg::new("load-expect-table-list"), example)
                        }
                    }
                }
                out
            }
            // A single table where a list was expected: accept it.
            Value::Table(t) => vec![(t, node.pos)],
            _ => {
                self.wrong_type(key, node, Msg::new("load-expect-table-list"), example);
                Vec::new()
            }
        }
    }

    /// Warns about every key that no getter asked for. `what` names the
    /// table in messages: in English it follows "in" and "known keys of"
    /// (`casebook.toml`, `a case`); in Chinese it is followed by 中的键 and
    /// 可用的键 (`casebook.toml 文件`, `案例`).
    pub(crate) fn finish(self, what: Msg) {
        let known: Vec<&str> = self.seen.clone();
        // Whether the hints add that free values go under `extra`.
        let extra = if known.contains(&"extra") {
            "yes"
        } else {
            "no"
        };
        for (k, _) in &self.table.entries {
            if known.contains(&k.name.as_str()) {
                continue;
            }
            let name = format!("{}{}", self.prefix, k.name);
            // A near miss of a known key is an error: its value would
            // vanish from the page, the honours wall, the figures and the
            // ledger while the check passed. Other unknown keys warn.
            let diag = match did_you_mean(&k.name, known.iter().copied()) {
                Some(s) => Diagnostic::error(
                    self.path,
                    k.pos,
                    msg!(
                        "load-unknown-key-near",
                        key = name,
                        what = what.clone(),
                        near = s
                    ),
                )
                .with_hint(msg!(
                    "load-unknown-key-near-hint",
                    near = s,
                    extra = extra
                )),
                None => Diagnostic::warning(
                    self.path,
                    k.pos,
                    msg!("load-unknown-key", key = name, what = what.clone()),
                )
                .with_hint(msg!(
                    "load-unknown-key-hint",
                    what = what.clone(),
                    list = known.join(&crate::i18n::t("list-separator")),
                    extra = extra
                )),
            };
            self.diags.push(diag.with_len(k.name.chars().count()));
        }
    }
}

/// `YYYY-MM-DD`, optionally followed by a time (which is ignored). The
/// error says why not.
pub(crate) fn parse_date(text: &str) -> Result<Date, Msg> {
    let t = text.trim();
    let date_part = match t.char_indices().nth(10) {
        Some((i, c)) if c == 'T' || c == 't' || c == ' ' => &t[..i],
        _ => t,
    };
    let b = date_part.as_bytes();
    let shape_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    let shape = || msg!("load-date-shape", value = t);
    if !shape_ok {
        return Err(shape());
    }
    // Digits only (checked above), so these parse.
    let y: i16 = date_part[..4].parse().map_err(|_| shape())?;
    let m: i8 = date_part[5..7].parse().map_err(|_| shape())?;
    let d: i8 = date_part[8..10].parse().map_err(|_| shape())?;
    Date::new(y, m, d).map_err(|_| msg!("load-date-not-in-calendar", date = date_part))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Language;

    #[test]
    fn dates() {
        assert_eq!(
            parse_date("2023-05-01").unwrap(),
            Date::constant(2023, 5, 1)
        );
        assert_eq!(
            parse_date("2023-05-01T08:00:00+08:00").unwrap(),
            Date::constant(2023, 5, 1)
        );
        let e = parse_date("2023-02-30").unwrap_err();
        assert_eq!(e.key(), "load-date-not-in-calendar");
        assert_eq!(
            e.render(Language::En),
            "2023-02-30 does not exist in the calendar"
        );
        assert_eq!(e.render(Language::ZhCn), "日历上没有 2023-02-30 这一天");
        assert_eq!(
            parse_date("2023/05/01").unwrap_err().render(Language::En),
            "\"2023/05/01\" is not in the form YYYY-MM-DD"
        );
        assert!(parse_date("2023-5-1").is_err());
    }
}
