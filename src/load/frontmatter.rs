//! Splitting a document into front matter and body, and parsing TOML (`+++`)
//! or YAML (`---`) front matter into a positioned [`Node`] tree.

use crate::diag::Pos;
use crate::i18n::Msg;
use crate::load::node::{Key, Node, Table, Value};
use crate::msg;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Toml,
    Yaml,
}

/// Where the parts of a document are, as byte offsets into its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    pub format: Option<Format>,
    /// Front matter text range (between the delimiter lines).
    pub fm: std::ops::Range<usize>,
    /// 1-based line of the first front matter line.
    pub fm_line: u32,
    /// Body text range.
    pub body: std::ops::Range<usize>,
    /// 1-based line of the first body line.
    pub body_line: u32,
}

/// A problem found while splitting or parsing, before there is a file path.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    pub pos: Pos,
    pub len: u32,
    pub message: Msg,
    pub hint: Option<Msg>,
}

impl ParseError {
    /// The error as a diagnostic of the file at `path`.
    pub fn diagnostic(self, path: &str) -> crate::diag::Diagnostic {
        crate::diag::Diagnostic::error(path, self.pos, self.message)
            .with_len(self.len as usize)
            .with_hint_opt(self.hint)
    }

    fn new(pos: Pos, message: Msg, hint: Option<Msg>) -> ParseError {
        ParseError {
            pos,
            len: 0,
            message,
            hint,
        }
    }
}

/// Splits `text` (already without a BOM). A document without a delimiter on
/// its first line has no front matter; an opened but unclosed one is an error.
pub fn split(text: &str) -> Result<Split, ParseError> {
    let first_end = text.find('\n').unwrap_or(text.len());
    let first = text[..first_end].trim_end();
    let (format, delim) = match first {
        "+++" => (Format::Toml, "+++"),
        "---" => (Format::Yaml, "---"),
        _ => {
            return Ok(Split {
                format: None,
                fm: 0..0,
                fm_line: 1,
                body: 0..text.len(),
                body_line: 1,
            });
        }
    };
    let fm_start = (first_end + 1).min(text.len());
    let mut offset = fm_start;
    let mut line_no = 2u32;
    while offset < text.len() {
        let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        if text[offset..end].trim_end() == delim {
            let body_start = (end + 1).min(text.len());
            return Ok(Split {
                format: Some(format),
                fm: fm_start..offset,
                fm_line: 2,
                body: body_start..text.len(),
                body_line: line_no + 1,
            });
        }
        offset = end + 1;
        line_no = line_no.saturating_add(1);
    }
    let name = if format == Format::Toml {
        "TOML"
    } else {
        "YAML"
    };
    Err(ParseError::new(
        Pos::START,
        msg!("load-front-matter-unclosed", format = name),
        Some(msg!("load-front-matter-unclosed-hint", delimiter = delim)),
    )
    .with_len(3))
}

impl ParseError {
    fn with_len(mut self, len: u32) -> Self {
        self.len = len;
        self
    }
}

/// Maps byte offsets of a text to 1-based line/column (columns in characters).
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    pub fn pos(&self, offset: usize) -> Pos {
        let offset = offset.min(self.text.len());
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.starts[line];
        let mut end = offset;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let col = self.text[start..end].chars().count();
        Pos::new(line as u32 + 1, col as u32 + 1)
    }

    /// Characters between two offsets on one line (for underlines).
    pub fn width(&self, range: std::ops::Range<usize>) -> u32 {
        let s = self.text.get(range).unwrap_or("");
        let s = s.split('\n').next().unwrap_or("");
        s.chars().count() as u32
    }
}

/// Parses the front matter of `text` (whole document text) at `split.fm`.
///
/// The mistakes of a Chinese input method (see [`super::ime`]) are pushed
/// to `found` and read as what was meant, so the rest is still parsed.
pub fn parse(text: &str, split: &Split, found: &mut Vec<ParseError>) -> Result<Table, ParseError> {
    let fm = &text[split.fm.clone()];
    let Some(format) = split.format else {
        return Ok(Table::default());
    };
    let (mistakes, mended) = super::ime::scan(fm, format == Format::Yaml);
    let index = LineIndex::new(text);
    found.extend(
        mistakes
            .into_iter()
            .map(|m| mistake(&index, split.fm.start, m)),
    );
    // Mended lines keep their place: the index of the mended text gives
    // the same lines.
    let mended_text =
        mended.map(|m| format!("{}{m}{}", &text[..split.fm.start], &text[split.fm.end..]));
    let (text, fm) = match &mended_text {
        Some(t) => (
            t.as_str(),
            &t[split.fm.start..t.len() - (text.len() - split.fm.end)],
        ),
        None => (text, fm),
    };
    let index = LineIndex::new(text);
    let root = match format {
        Format::Toml => parse_toml(fm, split.fm.start, &index)?,
        Format::Yaml => parse_yaml(fm, split.fm_line)?,
    };
    match root.value {
        Value::Table(t) => Ok(t),
        Value::Null => Ok(Table::default()),
        other => Err(ParseError::new(
            root.pos,
            msg!("load-front-matter-not-table", found = other.type_name()),
            Some(Msg::new("load-front-matter-not-table-hint")),
        )),
    }
}

fn mistake(index: &LineIndex, base: usize, m: super::ime::Mistake) -> ParseError {
    ParseError {
        pos: index.pos(base + m.offset),
        len: m.len as u32,
        message: m.message,
        hint: Some(m.hint),
    }
}

/// Parses a whole TOML file (casebook.toml) into a positioned table; the
/// input-method mistakes go to `found`, as for front matter.
pub fn parse_toml_file(text: &str, found: &mut Vec<ParseError>) -> Result<Table, ParseError> {
    let (mistakes, mended) = super::ime::scan(text, false);
    let index = LineIndex::new(text);
    found.extend(mistakes.into_iter().map(|m| mistake(&index, 0, m)));
    let text = mended.as_deref().unwrap_or(text);
    let index = LineIndex::new(text);
    match parse_toml(text, 0, &index)?.value {
        Value::Table(t) => Ok(t),
        _ => Ok(Table::default()),
    }
}

fn parse_toml(fm: &str, base: usize, index: &LineIndex) -> Result<Node, ParseError> {
    use toml::de::{DeTable, DeValue};
    if let Some(offset) = too_deep(fm) {
        return Err(ParseError::new(
            index.pos(base + offset),
            Msg::new("load-toml-too-deep"),
            Some(Msg::new("load-toml-too-deep-hint")),
        ));
    }
    let parsed = DeTable::parse(fm).map_err(|e| {
        let pos = e.span().map_or(Pos::START, |s| index.pos(base + s.start));
        let msg = e.message().trim().trim_end_matches('.').replace('\n', "; ");
        let hint = toml_hint(fm, &msg);
        ParseError::new(pos, msg!("load-invalid-toml", detail = msg), Some(hint))
    })?;

    // Iterative conversion: front matter is untrusted and may nest deeply.
    fn convert(v: &DeValue, span: std::ops::Range<usize>, base: usize, index: &LineIndex) -> Node {
        let pos = index.pos(base + span.start);
        let len = index.width(base + span.start..base + span.end);
        let value = match v {
            DeValue::String(s) => Value::Str(s.to_string()),
            DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
                Ok(n) => Value::Int(n),
                Err(_) => Value::Float(i.as_str().parse().unwrap_or(f64::MAX)),
            },
            DeValue::Float(f) => Value::Float(f.as_str().parse().unwrap_or(f64::NAN)),
            DeValue::Boolean(b) => Value::Bool(*b),
            DeValue::Datetime(d) => Value::Datetime(d.to_string()),
            DeValue::Array(a) => Value::Array(
                a.iter()
                    .map(|item| convert(item.get_ref(), item.span(), base, index))
                    .collect(),
            ),
            DeValue::Table(t) => Value::Table(Table {
                entries: t
                    .iter()
                    .map(|(k, item)| {
                        (
                            Key {
                                name: k.get_ref().to_string(),
                                pos: index.pos(base + k.span().start),
                            },
                            convert(item.get_ref(), item.span(), base, index),
                        )
                    })
                    .collect(),
            }),
        };
        Node { value, pos, len }
    }
    // Recursion here is bounded by `too_deep` above.
    let span = parsed.span();
    let mut node = convert(&DeValue::Table(parsed.into_inner()), span, base, index);
    node.pos = index.pos(base);
    Ok(node)
}

/// The TOML parser and our conversion recurse per nesting level, so untrusted
/// input with thousands of `[` could overflow the stack: reject it first.
/// Brackets inside strings and comments are skipped; the estimate errs high.
fn too_deep(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    let mut comment = false;
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if comment {
            comment = c != b'\n';
        } else if let Some(q) = quote {
            if c == b'\\' && q == b'"' {
                i += 1;
            } else if c == q || c == b'\n' {
                quote = None;
            }
        } else {
            match c {
                b'"' | b'\'' => quote = Some(c),
                b'#' => comment = true,
                b'[' | b'{' => {
                    depth += 1;
                    if depth > 64 {
                        return Some(i);
                    }
                }
                b']' | b'}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        i += 1;
    }
    None
}

/// The hint for a TOML syntax error (the parser's message is in English,
/// so it is only looked at, not translated).
fn toml_hint(fm: &str, msg: &str) -> Msg {
    if fm.lines().any(|l| {
        let l = l.trim_start();
        !l.starts_with('#') && !l.starts_with('[') && l.contains(':') && !l.contains('=')
    }) {
        Msg::new("load-toml-hint-yaml")
    } else if msg.contains("date") || msg.contains("day") || msg.contains("month") {
        Msg::new("load-toml-hint-date")
    } else if msg.contains("string") || msg.contains("invalid") {
        Msg::new("load-toml-hint-quotes")
    } else {
        Msg::new("load-toml-hint-line")
    }
}

const MAX_YAML_NODES: usize = 200_000;

fn yaml_err(pos: Pos, message: Msg) -> ParseError {
    ParseError::new(pos, message, Some(Msg::new("load-yaml-hint")))
}

fn parse_yaml(fm: &str, first_line: u32) -> Result<Node, ParseError> {
    use serde_saphyr::granit_parser::Parser;

    let to_pos = |line: usize, col: usize| {
        Pos::new(
            (line as u32).saturating_add(first_line).saturating_sub(1),
            col as u32 + 1,
        )
    };
    let mut tree = YamlTree::default();
    let parser = Parser::new_from_str(fm);
    for item in parser {
        let (event, span) = item.map_err(|e| {
            let m = e.marker();
            yaml_err(
                to_pos(m.line(), m.col()),
                msg!("load-invalid-yaml", detail = yaml_message(&e)),
            )
        })?;
        let pos = to_pos(span.start.line(), span.start.col());
        let len = if span.end.line() == span.start.line() {
            span.end.col().saturating_sub(span.start.col()) as u32
        } else {
            0
        };
        tree.count += 1;
        if tree.count > MAX_YAML_NODES {
            return Err(yaml_err(pos, Msg::new("load-yaml-too-large")));
        }
        if let Some((node, anchor)) = tree.node(event, pos, len)? {
            tree.add(node, anchor)?;
        }
    }
    Ok(tree.root.unwrap_or(Node::new(Value::Null, to_pos(1, 0))))
}

/// A list or mapping being read: its items so far, where it starts, and
/// its anchor id (0: none). A mapping also holds the key whose value
/// comes next.
enum Frame {
    Seq(Vec<Node>, Pos, usize),
    Map(Vec<(Key, Node)>, Option<Key>, Pos, usize),
}

/// The tree being built from the YAML parser's events.
#[derive(Default)]
struct YamlTree {
    /// Open lists and mappings, innermost last.
    stack: Vec<Frame>,
    /// Anchored nodes, for aliases (the latest of an id wins).
    anchors: Vec<(usize, Node)>,
    root: Option<Node>,
    /// Nodes so far, aliases counted in full (see [`MAX_YAML_NODES`]).
    count: usize,
    docs: usize,
}

impl YamlTree {
    /// The node an event completes, with its anchor id (0: none); `None`
    /// for events that open a list or mapping or carry no node.
    fn node(
        &mut self,
        event: serde_saphyr::granit_parser::Event<'_>,
        pos: Pos,
        len: u32,
    ) -> Result<Option<(Node, usize)>, ParseError> {
        use serde_saphyr::granit_parser::{Event, ScalarStyle};
        let done = match event {
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => return Ok(None),
            Event::DocumentStart(..) => {
                self.docs += 1;
                if self.docs > 1 {
                    return Err(yaml_err(pos, Msg::new("load-yaml-two-documents")));
                }
                return Ok(None);
            }
            Event::Scalar(value, style, anchor, tag) => {
                let tag_str = tag.as_ref().map(|t| t.to_string());
                let v = if style == ScalarStyle::Plain && tag_str.is_none() {
                    yaml_plain(&value)
                } else {
                    Value::Str(value.into_owned())
                };
                (Node { value: v, pos, len }, anchor)
            }
            Event::SequenceStart(_, anchor, _) => {
                self.open(Frame::Seq(Vec::new(), pos, anchor), pos)?;
                return Ok(None);
            }
            Event::MappingStart(_, anchor, _) => {
                self.open(Frame::Map(Vec::new(), None, pos, anchor), pos)?;
                return Ok(None);
            }
            Event::SequenceEnd => match self.stack.pop() {
                Some(Frame::Seq(items, p, anchor)) => (Node::new(Value::Array(items), p), anchor),
                _ => return Err(yaml_err(pos, Msg::new("load-yaml-unbalanced-list"))),
            },
            Event::MappingEnd => match self.stack.pop() {
                Some(Frame::Map(entries, _, p, anchor)) => {
                    (Node::new(Value::Table(Table { entries }), p), anchor)
                }
                _ => return Err(yaml_err(pos, Msg::new("load-yaml-unbalanced-mapping"))),
            },
            Event::Alias(id) => (self.alias(id, pos)?, 0),
            _ => return Ok(None),
        };
        Ok(Some(done))
    }

    fn open(&mut self, frame: Frame, pos: Pos) -> Result<(), ParseError> {
        self.stack.push(frame);
        if self.stack.len() > 64 {
            return Err(yaml_err(pos, Msg::new("load-yaml-too-deep")));
        }
        Ok(())
    }

    /// A copy of the node anchored as `id`, placed at `pos`.
    fn alias(&mut self, id: usize, pos: Pos) -> Result<Node, ParseError> {
        match self.anchors.iter().rev().find(|(a, _)| *a == id) {
            Some((_, n)) => {
                self.count += node_count(n);
                if self.count > MAX_YAML_NODES {
                    return Err(yaml_err(pos, Msg::new("load-yaml-too-many-aliases")));
                }
                let mut n = n.clone();
                n.pos = pos;
                Ok(n)
            }
            None => Err(yaml_err(pos, Msg::new("load-yaml-unknown-anchor"))),
        }
    }

    /// Puts a finished node where it belongs: the root, the open list, or
    /// the open mapping (as a key, or as the value of the key before it).
    fn add(&mut self, node: Node, anchor: usize) -> Result<(), ParseError> {
        if anchor != 0 {
            self.anchors.push((anchor, node.clone()));
        }
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::Seq(items, ..)) => items.push(node),
            Some(Frame::Map(entries, key, ..)) => match key.take() {
                None => *key = Some(map_key(&node, entries)?),
                Some(k) => entries.push((k, node)),
            },
        }
        Ok(())
    }
}

/// A mapping key: a scalar, not given before in the same mapping.
fn map_key(node: &Node, entries: &[(Key, Node)]) -> Result<Key, ParseError> {
    let name = match &node.value {
        Value::Str(s) => s.clone(),
        Value::Int(i) => i.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Float(f) => f.to_string(),
        Value::Null => "null".to_string(),
        _ => {
            return Err(yaml_err(node.pos, Msg::new("load-yaml-key-not-word")));
        }
    };
    if entries.iter().any(|(k, _)| k.name == name) {
        return Err(ParseError::new(
            node.pos,
            msg!("load-key-twice", key = name),
            Some(Msg::new("load-key-twice-hint")),
        ));
    }
    Ok(Key {
        name,
        pos: node.pos,
    })
}

fn node_count(n: &Node) -> usize {
    match &n.value {
        Value::Array(a) => 1 + a.iter().map(node_count).sum::<usize>(),
        Value::Table(t) => 1 + t.entries.iter().map(|(_, v)| node_count(v)).sum::<usize>(),
        _ => 1,
    }
}

fn yaml_message(e: &serde_saphyr::granit_parser::ScanError) -> String {
    let s = e.to_string();
    // The parser appends its own position; ours is printed separately.
    let s = match s.find(" at char ").or_else(|| s.find(" at line ")) {
        Some(i) => s[..i].to_string(),
        None => s,
    };
    s.trim().to_string()
}

/// YAML 1.2 core schema resolution of plain scalars.
fn yaml_plain(s: &str) -> Value {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Value::Float(f64::INFINITY);
        }
        "-.inf" | "-.Inf" | "-.INF" => return Value::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Value::Float(f64::NAN),
        _ => {}
    }
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    if !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && let Ok(i) = s.parse::<i64>()
    {
        return Value::Int(i);
    }
    if let Some(hex) = s.strip_prefix("0x")
        && let Ok(i) = i64::from_str_radix(hex, 16)
    {
        return Value::Int(i);
    }
    if let Some(oct) = s.strip_prefix("0o")
        && let Ok(i) = i64::from_str_radix(oct, 8)
    {
        return Value::Int(i);
    }
    let is_float = {
        let b = digits.as_bytes();
        !b.is_empty()
            && (b[0].is_ascii_digit() || b[0] == b'.')
            && b.iter()
                .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'-' | b'+'))
            && b.iter().any(|c| c.is_ascii_digit())
    };
    if is_float && let Ok(f) = s.parse::<f64>() {
        return Value::Float(f);
    }
    Value::Str(s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fm(text: &str) -> Table {
        let s = split(text).unwrap();
        parse(text, &s, &mut Vec::new()).unwrap()
    }

    #[test]
    fn toml_positions() {
        let t = fm("+++\ntitle = \"一窗通办\"\ndate = 2023-05-01\n+++\nbody");
        let title = t.get("title").unwrap();
        assert_eq!(title.value, Value::Str("一窗通办".into()));
        assert_eq!(title.pos, Pos::new(2, 9));
        assert_eq!(t.key("date").unwrap().pos, Pos::new(3, 1));
        assert_eq!(
            t.get("date").unwrap().value,
            Value::Datetime("2023-05-01".into())
        );
    }

    #[test]
    fn yaml_positions_and_types() {
        let t =
            fm("---\r\ntitle: 一窗通办\r\ncount: 3\r\nlist:\r\n  - a\r\n  - 'b'\r\n---\r\nbody");
        assert_eq!(t.get("title").unwrap().pos, Pos::new(2, 8));
        assert_eq!(t.get("count").unwrap().value, Value::Int(3));
        match &t.get("list").unwrap().value {
            Value::Array(a) => assert_eq!(a[1].pos, Pos::new(6, 5)),
            v => panic!("{v:?}"),
        }
    }

    #[test]
    fn unclosed() {
        use crate::i18n::Language;
        let e = split("---\ntitle: x\n").unwrap_err();
        assert_eq!(e.pos, Pos::START);
        assert_eq!(e.message.key(), "load-front-matter-unclosed");
        assert_eq!(
            e.message.render(Language::En),
            "YAML front matter opened here is never closed"
        );
        assert_eq!(
            e.message.render(Language::ZhCn),
            "这里开始的 YAML 头部字段没有结束"
        );
    }

    #[test]
    fn body_line() {
        let s = split("+++\na = 1\n+++\n\nHello").unwrap();
        assert_eq!(s.body_line, 4);
    }
}
