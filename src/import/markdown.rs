//! Paragraphs and tables of a Word document as casebook Markdown: headings
//! from Word's heading styles and from the numbered lines Chinese documents
//! use as headings (一、 （一） 1. （1）), lists from Word numbering, pipe
//! tables with merged cells flattened, footnotes, pictures and links; text
//! joined as written (no spaces added between runs) and escaped so it reads
//! back as the same text.

use super::word::{Block, Cell, Counters, Numbering, Para, Piece, Role, Styles};

/// What the body holds, counted for the report.
#[derive(Debug, Default, Clone)]
pub(crate) struct Made {
    pub headings: usize,
    /// Of which from numbered lines (一、 …).
    pub numbered_headings: usize,
    pub tables: usize,
    pub merged_tables: usize,
    pub lists: usize,
    pub footnotes: usize,
    pub links: usize,
}

/// How a paragraph is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Heading(u8),
    Item { ordered: bool, level: u8 },
    Text,
    Skip,
}

const CN_NUM: &str = "一二三四五六七八九十百零〇两";

/// The Markdown heading level a numbered line stands for: 一、 → 2,
/// （一） → 3, 1. → 4, （1） → 5; only short lines (a heading, not a
/// sentence that starts with a number).
pub(crate) fn numbered_heading(text: &str) -> Option<u8> {
    let t = text.trim();
    let len = t.chars().count();
    if !(2..=40).contains(&len) {
        return None;
    }
    let body_like = t
        .trim_end_matches(['。', '；', ';', '：', ':'])
        .contains(['。', '；']);
    if body_like || t.ends_with(['；', ';', '，', ',']) {
        return None;
    }
    let cn = |s: &str| !s.is_empty() && s.chars().all(|c| CN_NUM.contains(c));
    let digits = |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
    if let Some((n, rest)) = t.split_once('、')
        && cn(n)
        && !rest.trim().is_empty()
    {
        return Some(2);
    }
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(inner) = t.strip_prefix(open)
            && let Some((n, rest)) = inner.split_once(close)
            && !rest.trim().is_empty()
        {
            if cn(n) {
                return Some(3);
            }
            if digits(n) {
                return Some(5);
            }
        }
    }
    for sep in ['.', '．', '、'] {
        if let Some((n, rest)) = t.split_once(sep)
            && digits(n)
            && !rest.trim().is_empty()
            && !rest.starts_with(|c: char| c.is_ascii_digit())
        {
            return Some(4);
        }
    }
    None
}

/// A paragraph's list and level, set on it or through its style.
fn numbered(p: &Para, styles: &Styles) -> Option<(String, u8)> {
    p.num
        .clone()
        .or_else(|| styles.numbering(p.style.as_deref()).map(|n| (n, 0)))
}

/// Decides how each paragraph is written; `label` is the number Word shows
/// before it (一、), when it is numbered.
pub(crate) fn kind(p: &Para, styles: &Styles, numbering: &Numbering, label: Option<&str>) -> Kind {
    match styles.role(p.style.as_deref(), p.outline) {
        Role::Contents => return Kind::Skip,
        Role::Heading(n) => return Kind::Heading((n + 1).min(6)),
        Role::Title | Role::Subtitle => return Kind::Heading(2),
        Role::Body => {}
    }
    if let Some((id, level)) = numbered(p, styles)
        && let Some(l) = numbering.level(&id, level)
    {
        // Word's own Chinese numbering on a short line is a heading, as the
        // same line typed by hand would be.
        if l.chinese()
            && let Some(label) = label
            && let Some(h) = numbered_heading(&format!("{label}{}", p.text()))
        {
            return Kind::Heading(h);
        }
        return Kind::Item {
            ordered: l.ordered(),
            level,
        };
    }
    match numbered_heading(&p.text()) {
        Some(l) => Kind::Heading(l),
        None => Kind::Text,
    }
}

/// A heading's text with the number Word shows before it, unless the text
/// already starts with it; a space after a number ending in a Latin
/// character (1.2 改革背景), none after 、 or ）.
fn with_label(label: Option<&str>, text: &str) -> String {
    match label.map(str::trim) {
        Some(l) if !l.is_empty() && !text.starts_with(l) => {
            let gap = if l.ends_with(|c: char| c.is_ascii()) {
                " "
            } else {
                ""
            };
            format!("{}{gap}{text}", escape(l))
        }
        _ => text.to_string(),
    }
}

fn is_md_punct(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(c as u32, 0x2000..=0x206F | 0x3000..=0x303F | 0xFF00..=0xFF65)
}

/// Escapes text so Markdown shows it as written.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '~' | '|' | '#' | '&' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A line that would start a list or a quote is escaped at its start.
fn guard_line_start(line: String) -> String {
    let b = line.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if matches!(b.first(), Some(b'-' | b'+')) && matches!(b.get(1), Some(b' ') | None) {
        return format!("\\{line}");
    }
    if digits > 0 && matches!(b.get(digits), Some(b'.' | b')')) {
        return format!("{}\\{}", &line[..digits], &line[digits..]);
    }
    line
}

/// Emphasis around `inner`: `**x**` when Markdown reads it so (the
/// flanking rules fail next to punctuation in Chinese text: `**“破零”**`
/// followed by a character), else the HTML tag.
fn emphasis(inner: &str, before: Option<char>, after: Option<char>, md: &str, tag: &str) -> String {
    let first = inner.chars().next();
    let last = inner.chars().last();
    let open_ok = first.is_some_and(|c| !is_md_punct(c))
        || before.is_none_or(|c| c.is_whitespace() || is_md_punct(c));
    let close_ok = last.is_some_and(|c| !is_md_punct(c))
        || after.is_none_or(|c| c.is_whitespace() || is_md_punct(c));
    if open_ok && close_ok {
        format!("{md}{inner}{md}")
    } else {
        format!("<{tag}>{inner}</{tag}>")
    }
}

/// Writes a paragraph's pieces.
pub(crate) struct Inline<'a> {
    /// Word footnote id → our number (in order of first reference).
    pub notes: &'a mut Vec<String>,
    /// Relationship id → the picture's file name beside the document.
    pub images: &'a dyn Fn(&str) -> Option<String>,
    pub made: &'a mut Made,
}

impl Inline<'_> {
    pub(crate) fn write(&mut self, pieces: &[Piece]) -> String {
        let mut out = String::new();
        let texts: Vec<Option<&str>> = pieces
            .iter()
            .map(|p| match p {
                Piece::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        for (i, p) in pieces.iter().enumerate() {
            match p {
                Piece::Text {
                    text,
                    bold,
                    italic,
                    link,
                } => {
                    let before = texts[..i]
                        .iter()
                        .rev()
                        .find_map(|t| t.and_then(|t| t.chars().last()));
                    let after = texts[i + 1..]
                        .iter()
                        .find_map(|t| t.and_then(|t| t.chars().next()));
                    out.push_str(&self.text(text, *bold, *italic, link.as_deref(), before, after));
                }
                Piece::Break => out.push_str("\\\n"),
                Piece::Note(id) => {
                    let n = match self.notes.iter().position(|x| x == id) {
                        Some(k) => k + 1,
                        None => {
                            self.notes.push(id.clone());
                            self.notes.len()
                        }
                    };
                    out.push_str(&format!("[^{n}]"));
                }
                Piece::Image { rid, alt } => {
                    if let Some(file) = (self.images)(rid) {
                        out.push_str(&format!("![{}]({file})", escape(alt.trim())));
                    }
                }
            }
        }
        out.trim_end_matches("\\\n").to_string()
    }

    fn text(
        &mut self,
        text: &str,
        bold: bool,
        italic: bool,
        link: Option<&str>,
        before: Option<char>,
        after: Option<char>,
    ) -> String {
        // Spaces stay outside the markers (`** x**` is not emphasis).
        let start = text.len() - text.trim_start().len();
        let end = text.trim_end().len();
        if start >= end {
            return escape(text);
        }
        let (lead, core, tail) = (&text[..start], &text[start..end], &text[end..]);
        let mut s = escape(core);
        if italic {
            s = emphasis(&s, before, after, "*", "em");
        }
        if bold {
            s = emphasis(&s, before, after, "**", "strong");
        }
        if let Some(url) = link {
            self.made.links += 1;
            let dest = if url.contains([' ', '(', ')', '<', '>']) {
                format!("<{}>", url.replace(['<', '>'], ""))
            } else {
                url.to_string()
            };
            s = format!("[{s}]({dest})");
        }
        format!("{}{s}{}", escape(lead), escape(tail))
    }
}

/// A table as a pipe table: merged cells flattened (the content stays in
/// the first cell, the others are left empty); true when there were some.
pub(crate) fn table(rows: &[Vec<Cell>], inline: &mut Inline) -> (String, bool) {
    let mut merged = false;
    let mut grid: Vec<Vec<String>> = Vec::new();
    for row in rows {
        let mut cells = Vec::new();
        for c in row {
            let text = if c.merged_down {
                merged = true;
                String::new()
            } else {
                c.paras
                    .iter()
                    .map(|p| inline.write(&p.pieces).replace("\\\n", "<br>"))
                    .filter(|t| !t.is_empty())
                    .collect::<Vec<_>>()
                    .join("<br>")
            };
            cells.push(text.replace('\n', " "));
            for _ in 1..c.span {
                merged = true;
                cells.push(String::new());
            }
        }
        grid.push(cells);
    }
    let cols = grid.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let mut out = String::new();
    for (i, row) in grid.iter().enumerate() {
        let mut cells = row.clone();
        cells.resize(cols, String::new());
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
        if i == 0 {
            out.push_str(&format!("|{}\n", " --- |".repeat(cols)));
        }
    }
    (out, merged)
}

/// The body's Markdown from its blocks (the title and opening lines already
/// taken out), with the footnote definitions at the end.
pub(crate) fn body(
    blocks: &[Block],
    styles: &Styles,
    numbering: &Numbering,
    notes: &std::collections::HashMap<String, Vec<Para>>,
    inline: &mut Inline,
    dropped_contents: &mut usize,
) -> String {
    let mut out = String::new();
    let mut in_list = false;
    // The level a list starts at is its left margin: Word may number a
    // list's first items at level 2 (under numbered headings), and
    // Markdown indented that far would be code.
    let mut list_base = 0u8;
    let mut counters = Counters::default();
    for b in blocks {
        match b {
            Block::Table(rows) => {
                let (t, merged) = table(rows, inline);
                inline.made.tables += 1;
                if merged {
                    inline.made.merged_tables += 1;
                }
                out.push_str(&t);
                out.push('\n');
                in_list = false;
            }
            Block::Para(p) => {
                let label = numbered(p, styles)
                    .and_then(|(id, level)| counters.next(numbering, &id, level));
                let k = kind(p, styles, numbering, label.as_deref());
                let text = inline.write(&p.pieces);
                if k == Kind::Skip {
                    *dropped_contents += 1;
                    continue;
                }
                if text.trim().is_empty() {
                    continue;
                }
                match k {
                    Kind::Heading(level) => {
                        if in_list {
                            out.push('\n');
                        }
                        inline.made.headings += 1;
                        if styles.role(p.style.as_deref(), p.outline) == Role::Body {
                            inline.made.numbered_headings += 1;
                        }
                        let one_line = text.replace("\\\n", " ");
                        out.push_str(&format!(
                            "{} {}\n\n",
                            "#".repeat(usize::from(level)),
                            with_label(label.as_deref(), one_line.trim())
                        ));
                        in_list = false;
                    }
                    Kind::Item { ordered, level } => {
                        if !in_list {
                            inline.made.lists += 1;
                            list_base = level;
                        }
                        list_base = list_base.min(level);
                        let indent = "   ".repeat(usize::from((level - list_base).min(8)));
                        let marker = if ordered { "1." } else { "-" };
                        let text = text.replace("\\\n", &format!("\\\n{indent}   "));
                        out.push_str(&format!("{indent}{marker} {}\n", text.trim()));
                        in_list = true;
                    }
                    Kind::Text | Kind::Skip => {
                        if in_list {
                            out.push('\n');
                        }
                        let text = text
                            .trim()
                            .split('\n')
                            .map(|l| guard_line_start(l.to_string()))
                            .collect::<Vec<_>>()
                            .join("\n");
                        out.push_str(&text);
                        out.push_str("\n\n");
                        in_list = false;
                    }
                }
            }
        }
    }
    if in_list {
        out.push('\n');
    }
    // Notes referenced inside notes get numbers as they are met.
    let mut k = 0;
    let mut defs = String::new();
    while k < inline.notes.len() {
        let id = inline.notes[k].clone();
        let paras = notes.get(&id).cloned().unwrap_or_default();
        let text: Vec<String> = paras
            .iter()
            .map(|p| inline.write(&p.pieces).replace("\\\n", " "))
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect();
        defs.push_str(&format!("[^{}]: {}\n", k + 1, text.join(" ")));
        k += 1;
    }
    inline.made.footnotes = inline.notes.len();
    if !defs.is_empty() {
        out.push_str(&defs);
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_lines_are_headings_sentences_are_not() {
        assert_eq!(numbered_heading("一、改革背景"), Some(2));
        assert_eq!(numbered_heading("（一）整合窗口"), Some(3));
        assert_eq!(numbered_heading("(二)数据共享"), Some(3));
        assert_eq!(numbered_heading("1. 明确规则"), Some(4));
        assert_eq!(numbered_heading("（1）细化标准"), Some(5));
        assert_eq!(numbered_heading("一是明确制度规则。"), None);
        assert_eq!(
            numbered_heading("（一）整合窗口。将原来按部门划分的39个窗口整合为四类综合窗口。"),
            None
        );
        assert_eq!(numbered_heading("2024年6月"), None);
        assert_eq!(numbered_heading("1.5倍"), None);
    }

    #[test]
    fn emphasis_next_to_chinese_punctuation_uses_tags() {
        assert_eq!(
            emphasis("破零", Some('实'), Some('改'), "**", "strong"),
            "**破零**"
        );
        // At the start of a paragraph and before punctuation, the markers work.
        assert_eq!(
            emphasis("“破零”", None, Some('。'), "**", "strong"),
            "**“破零”**"
        );
        assert_eq!(
            emphasis("“破零”", Some('现'), Some('改'), "**", "strong"),
            "<strong>“破零”</strong>"
        );
    }

    /// What the chooser decides is what the Markdown reader does.
    #[test]
    fn emphasis_choices_read_back_as_emphasis() {
        let cases = [
            (Some('现'), Some('改')),
            (Some('现'), Some('。')),
            (None, Some('改')),
            (None, None),
        ];
        for (before, after) in cases {
            let md = format!(
                "{}{}{}",
                before.map(String::from).unwrap_or_default(),
                emphasis("“破零”", before, after, "**", "strong"),
                after.map(String::from).unwrap_or_default()
            );
            let mut html = String::new();
            pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(&md));
            assert!(html.contains("<strong>“破零”</strong>"), "{md} → {html}");
        }
    }

    #[test]
    fn text_is_escaped_to_read_back_as_written() {
        assert_eq!(escape("a*b_[c]<d>"), "a\\*b\\_\\[c\\]\\<d\\>");
        assert_eq!(guard_line_start("1. 不是列表".into()), "1\\. 不是列表");
        assert_eq!(guard_line_start("- 不是列表".into()), "\\- 不是列表");
    }
}
