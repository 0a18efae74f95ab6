//! The WordprocessingML of a .docx read into paragraphs and tables: styles
//! (heading levels by name or outline level, through `basedOn`), list
//! numbering, relationships, and the body and footnotes walked once, with
//! what is dropped counted (page breaks, comments, tracked changes,
//! headers and footers, text boxes, contents fields).

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// A piece of a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Piece {
    Text {
        text: String,
        bold: bool,
        italic: bool,
        link: Option<String>,
    },
    Break,
    /// A footnote reference, by its id in footnotes.xml.
    Note(String),
    /// A picture, by its relationship id, with its description.
    Image {
        rid: String,
        alt: String,
    },
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Para {
    pub style: Option<String>,
    /// Direct outline level (0-based).
    pub outline: Option<u8>,
    /// Word numbering: (numId, level).
    pub num: Option<(String, u8)>,
    pub pieces: Vec<Piece>,
}

impl Para {
    /// Its text, without formatting.
    pub(crate) fn text(&self) -> String {
        self.pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Cell {
    pub paras: Vec<Para>,
    pub span: usize,
    /// Continues the cell above (a vertical merge).
    pub merged_down: bool,
}

#[derive(Debug, Clone)]
pub(crate) enum Block {
    Para(Para),
    Table(Vec<Vec<Cell>>),
}

/// What was left out, counted for the report.
#[derive(Debug, Clone, Default)]
pub(crate) struct Dropped {
    pub page_breaks: usize,
    pub comments: usize,
    pub tracked: usize,
    pub text_boxes: usize,
}

/// A paragraph style: its name, parent and outline level, numbering.
#[derive(Debug, Clone, Default)]
struct Style {
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    num: Option<String>,
}

/// What the document's styles make of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Title,
    Subtitle,
    /// Heading level 1–9.
    Heading(u8),
    /// A contents entry (dropped).
    Contents,
    Body,
}

#[derive(Default)]
pub(crate) struct Styles(HashMap<String, Style>);

fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Explicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// `w:val` on/off: absent or anything but "0"/"false"/"off" is on.
fn on(e: &BytesStart) -> bool {
    !matches!(
        attr(e, b"w:val").as_deref(),
        Some("0" | "false" | "off" | "none")
    )
}

impl Styles {
    pub(crate) fn parse(xml: &str) -> Styles {
        let mut r = Reader::from_str(xml);
        let mut map = HashMap::new();
        let mut cur: Option<(String, Style)> = None;
        loop {
            match r.read_event() {
                Ok(Event::Start(e) | Event::Empty(e)) => match e.name().as_ref() {
                    b"w:style" if attr(&e, b"w:type").as_deref() == Some("paragraph") => {
                        cur = attr(&e, b"w:styleId").map(|id| (id, Style::default()));
                    }
                    b"w:name" => {
                        if let Some((_, s)) = &mut cur {
                            s.name = attr(&e, b"w:val").unwrap_or_default();
                        }
                    }
                    b"w:basedOn" => {
                        if let Some((_, s)) = &mut cur {
                            s.based_on = attr(&e, b"w:val");
                        }
                    }
                    b"w:outlineLvl" => {
                        if let Some((_, s)) = &mut cur {
                            s.outline = attr(&e, b"w:val").and_then(|v| v.parse().ok());
                        }
                    }
                    b"w:numId" => {
                        if let Some((_, s)) = &mut cur {
                            s.num = attr(&e, b"w:val");
                        }
                    }
                    _ => {}
                },
                Ok(Event::End(e)) if e.name().as_ref() == b"w:style" => {
                    if let Some((id, s)) = cur.take() {
                        map.insert(id, s);
                    }
                }
                Ok(Event::Eof) | Err(_) => break,
                _ => {}
            }
        }
        Styles(map)
    }

    /// The role of style `id` (and a paragraph's direct outline level).
    pub(crate) fn role(&self, id: Option<&str>, outline: Option<u8>) -> Role {
        let mut next = id;
        let mut level = outline;
        for _ in 0..10 {
            let Some(s) = next.and_then(|i| self.0.get(i)) else {
                break;
            };
            let name: String = s
                .name
                .to_lowercase()
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            for prefix in ["heading", "标题"] {
                if let Some(n) = name.strip_prefix(prefix)
                    && let Ok(n) = n.parse::<u8>()
                    && (1..=9).contains(&n)
                {
                    return Role::Heading(n);
                }
            }
            match name.as_str() {
                "title" | "标题" => return Role::Title,
                "subtitle" | "副标题" => return Role::Subtitle,
                _ => {}
            }
            if (name.starts_with("toc") || name.starts_with("目录"))
                && name.chars().last().is_some_and(|c| c.is_ascii_digit())
            {
                return Role::Contents;
            }
            level = level.or(s.outline);
            next = s.based_on.as_deref();
        }
        match level {
            Some(l) if l < 9 => Role::Heading(l + 1),
            _ => Role::Body,
        }
    }

    /// The numbering a style gives its paragraphs.
    pub(crate) fn numbering(&self, id: Option<&str>) -> Option<String> {
        let mut next = id;
        for _ in 0..10 {
            let s = self.0.get(next?)?;
            if s.num.is_some() {
                return s.num.clone();
            }
            next = s.based_on.as_deref();
        }
        None
    }
}

/// One level of a numbering definition: its format (`decimal`,
/// `chineseCounting`, `bullet` …), its text (`%1、`, `（%2）`) and start.
#[derive(Debug, Clone, Default)]
pub(crate) struct Level {
    pub format: String,
    pub text: String,
    pub start: u32,
}

impl Level {
    /// Bullets and unnumbered levels are not ordered.
    pub(crate) fn ordered(&self) -> bool {
        !matches!(self.format.as_str(), "bullet" | "none" | "")
    }

    /// Numbers written with Chinese numerals (一、二、三 …), the way
    /// Chinese documents number their headings.
    pub(crate) fn chinese(&self) -> bool {
        matches!(
            self.format.as_str(),
            "chineseCounting"
                | "chineseCountingThousand"
                | "taiwaneseCounting"
                | "taiwaneseCountingThousand"
                | "japaneseCounting"
                | "ideographDigital"
        )
    }
}

/// numId → its levels (0–8).
#[derive(Default)]
pub(crate) struct Numbering(HashMap<String, Vec<Level>>);

impl Numbering {
    pub(crate) fn parse(xml: &str) -> Numbering {
        let mut r = Reader::from_str(xml);
        let mut abstracts: HashMap<String, Vec<Level>> = HashMap::new();
        let mut nums: HashMap<String, String> = HashMap::new();
        let mut cur_abs: Option<String> = None;
        let mut cur_num: Option<String> = None;
        let mut lvl: usize = 0;
        loop {
            let e = match r.read_event() {
                Ok(Event::Start(e) | Event::Empty(e)) => e,
                Ok(Event::End(e)) => {
                    match e.name().as_ref() {
                        b"w:abstractNum" => cur_abs = None,
                        b"w:num" => cur_num = None,
                        _ => {}
                    }
                    continue;
                }
                Ok(Event::Eof) | Err(_) => break,
                _ => continue,
            };
            let name = e.name();
            match name.as_ref() {
                b"w:abstractNum" => cur_abs = attr(&e, b"w:abstractNumId"),
                b"w:lvl" => {
                    lvl = attr(&e, b"w:ilvl")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0usize)
                        .min(8)
                }
                b"w:numFmt" | b"w:lvlText" | b"w:start" => {
                    let Some(a) = &cur_abs else { continue };
                    let levels = abstracts.entry(a.clone()).or_default();
                    if levels.len() <= lvl {
                        levels.resize(lvl + 1, Level::default());
                    }
                    let val = attr(&e, b"w:val").unwrap_or_default();
                    let l = &mut levels[lvl];
                    match name.as_ref() {
                        b"w:numFmt" => l.format = val,
                        b"w:lvlText" => l.text = val,
                        _ => l.start = val.parse().unwrap_or(1),
                    }
                }
                b"w:num" => cur_num = attr(&e, b"w:numId"),
                b"w:abstractNumId" => {
                    if let (Some(n), Some(a)) = (&cur_num, attr(&e, b"w:val")) {
                        nums.insert(n.clone(), a);
                    }
                }
                _ => {}
            }
        }
        Numbering(
            nums.into_iter()
                .filter_map(|(n, a)| abstracts.get(&a).map(|l| (n, l.clone())))
                .collect(),
        )
    }

    /// Level `level` of list `num`; None: not a list (numId 0 or unknown).
    pub(crate) fn level(&self, num: &str, level: u8) -> Option<Level> {
        let levels = self.0.get(num)?;
        Some(levels.get(usize::from(level)).cloned().unwrap_or_default())
    }
}

/// What Word shows as the number of each numbered paragraph: the
/// counters of every list, in document order. A level counts on from its
/// start; a deeper level starts again after a shallower one (Word's
/// default). Lists that share a definition through different numIds are
/// counted apart, which is how Word numbers a "restart numbering" too.
#[derive(Default)]
pub(crate) struct Counters(HashMap<String, [u32; 9]>);

impl Counters {
    /// Counts one paragraph of list `num` at `level`; its label, e.g.
    /// 一、 or （二） or 1.2, when the level's format is one we write out
    /// (decimal and Chinese numerals); None otherwise.
    pub(crate) fn next(&mut self, numbering: &Numbering, num: &str, level: u8) -> Option<String> {
        let lvl = usize::from(level.min(8));
        let this = numbering.level(num, level)?;
        let counts = self.0.entry(num.to_string()).or_insert([0; 9]);
        counts[lvl] = if counts[lvl] == 0 {
            this.start.max(1)
        } else {
            counts[lvl] + 1
        };
        for c in &mut counts[lvl + 1..] {
            *c = 0;
        }
        let counts = *counts;
        if !this.ordered() {
            return None;
        }
        let mut label = this.text.clone();
        for i in (0..=lvl).rev() {
            let key = format!("%{}", i + 1);
            if !label.contains(&key) {
                continue;
            }
            let at = numbering.level(num, i as u8).unwrap_or_default();
            let n = counts[i].max(at.start.max(1));
            let shown = if at.chinese() {
                chinese_numeral(n, at.format == "ideographDigital")
            } else if matches!(at.format.as_str(), "decimal" | "decimalFullWidth") {
                n.to_string()
            } else {
                return None;
            };
            label = label.replace(&key, &shown);
        }
        (!label.is_empty()).then_some(label)
    }
}

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (counting); with
/// `digits`, each digit (10 → 一〇). Past 99, Arabic digits.
fn chinese_numeral(n: u32, digits: bool) -> String {
    const D: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    let d = |k: u32| D[k as usize % 10];
    if digits {
        return n
            .to_string()
            .bytes()
            .map(|b| d(u32::from(b - b'0')))
            .collect();
    }
    match n {
        0..=9 => d(n).to_string(),
        10 => "十".into(),
        11..=19 => format!("十{}", d(n - 10)),
        20..=99 if n.is_multiple_of(10) => format!("{}十", d(n / 10)),
        20..=99 => format!("{}十{}", d(n / 10), d(n % 10)),
        _ => n.to_string(),
    }
}

/// Relationship id → (target, external).
pub(crate) fn relationships(xml: &str) -> HashMap<String, (String, bool)> {
    let mut r = Reader::from_str(xml);
    let mut out = HashMap::new();
    loop {
        match r.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.name().as_ref() == b"Relationship" => {
                if let (Some(id), Some(t)) = (attr(&e, b"Id"), attr(&e, b"Target")) {
                    let external = attr(&e, b"TargetMode").as_deref() == Some("External");
                    out.insert(id, (t, external));
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

/// The body's blocks, each footnote's paragraphs, and what was dropped.
#[derive(Default)]
pub(crate) struct Walked {
    pub blocks: Vec<Block>,
    pub notes: HashMap<String, Vec<Para>>,
    pub dropped: Dropped,
    /// Headers and footers the sections name.
    pub headers_footers: usize,
    /// The XML is not well-formed (a damaged part): at which byte, and
    /// the reader's reason.
    pub broken: Option<(u64, String)>,
}

#[derive(Default)]
struct Run {
    bold: bool,
    italic: bool,
}

/// State of one walk.
#[derive(Default)]
struct Walker<'a> {
    rels: Option<&'a HashMap<String, (String, bool)>>,
    out: Walked,
    para: Option<Para>,
    run: Option<Run>,
    in_rpr: bool,
    in_text: bool,
    link: Option<Option<String>>,
    /// Depth inside content that is skipped (deletions, fallbacks, text boxes).
    skip: usize,
    /// Inside a complex field's instructions (begin … separate).
    in_instr: bool,
    /// Table rows being read (the outer table; nested tables are flattened
    /// into their cell).
    table: Option<Vec<Vec<Cell>>>,
    table_depth: usize,
    cell: Option<Cell>,
    note: Option<(String, Vec<Para>)>,
    alt: String,
    header_ids: std::collections::HashSet<String>,
}

/// Elements whose whole content is left out, and whether each is counted
/// as a tracked change or a text box.
fn skipped(name: &[u8]) -> Option<&'static str> {
    match name {
        b"w:del" | b"w:moveFrom" => Some("tracked"),
        b"mc:Fallback" => Some(""),
        b"w:txbxContent" => Some("text box"),
        b"w:instrText" | b"w:delText" | b"w:delInstrText" => Some(""),
        b"w:pPrChange" | b"w:rPrChange" | b"w:sectPrChange" | b"w:tblPrChange" => Some(""),
        _ => None,
    }
}

impl Walker<'_> {
    fn start(&mut self, e: &BytesStart, empty: bool) {
        let name = e.name();
        let name = name.as_ref();
        if self.skip > 0 {
            if !empty && skipped(name).is_some() {
                self.skip += 1;
            }
            return;
        }
        if let Some(kind) = skipped(name) {
            match kind {
                "tracked" => self.out.dropped.tracked += 1,
                "text box" => self.out.dropped.text_boxes += 1,
                _ => {}
            }
            if !empty {
                self.skip = 1;
            }
            return;
        }
        match name {
            b"w:footnote" => {
                let id = attr(e, b"w:id").unwrap_or_default();
                let special = matches!(
                    attr(e, b"w:type").as_deref(),
                    Some("separator" | "continuationSeparator" | "continuationNotice")
                );
                if !special && !empty {
                    self.note = Some((id, Vec::new()));
                }
            }
            b"w:p" => self.para = Some(Para::default()),
            b"w:pStyle" | b"w:outlineLvl" | b"w:numId" | b"w:ilvl" => self.para_property(name, e),
            b"w:r" => self.run = Some(Run::default()),
            b"w:rPr" => self.in_rpr = self.run.is_some(),
            b"w:b" if self.in_rpr => {
                if let Some(r) = &mut self.run {
                    r.bold = on(e);
                }
            }
            b"w:i" if self.in_rpr => {
                if let Some(r) = &mut self.run {
                    r.italic = on(e);
                }
            }
            b"w:t" => self.in_text = !empty,
            b"w:tab" if self.run.is_some() => self.text(" "),
            b"w:noBreakHyphen" => self.text("-"),
            b"w:br" | b"w:cr" => {
                if attr(e, b"w:type").as_deref() == Some("page") {
                    self.out.dropped.page_breaks += 1;
                } else if let Some(p) = &mut self.para {
                    p.pieces.push(Piece::Break);
                }
            }
            b"w:lastRenderedPageBreak" => {}
            b"w:fldChar" => match attr(e, b"w:fldCharType").as_deref() {
                Some("begin") => self.in_instr = true,
                Some("separate" | "end") => self.in_instr = false,
                _ => {}
            },
            b"w:hyperlink" => {
                let url = attr(e, b"r:id")
                    .and_then(|id| self.rels.and_then(|r| r.get(&id)))
                    .filter(|(_, external)| *external)
                    .map(|(t, _)| t.clone());
                if !empty {
                    self.link = Some(url);
                }
            }
            b"w:footnoteReference" => {
                if let (Some(p), Some(id)) = (&mut self.para, attr(e, b"w:id")) {
                    p.pieces.push(Piece::Note(id));
                }
            }
            b"w:commentReference" => self.out.dropped.comments += 1,
            b"w:ins" | b"w:moveTo" => self.out.dropped.tracked += 1,
            b"wp:docPr" => {
                self.alt = attr(e, b"descr")
                    .filter(|d| !d.trim().is_empty())
                    .or_else(|| attr(e, b"title"))
                    .unwrap_or_default();
            }
            b"a:blip" | b"v:imagedata" => {
                let rid = attr(e, b"r:embed").or_else(|| attr(e, b"r:id"));
                if let (Some(p), Some(rid)) = (&mut self.para, rid) {
                    p.pieces.push(Piece::Image {
                        rid,
                        alt: std::mem::take(&mut self.alt),
                    });
                }
            }
            b"w:headerReference" | b"w:footerReference" => {
                if let Some(id) = attr(e, b"r:id") {
                    self.header_ids.insert(id);
                }
            }
            b"w:tbl" | b"w:tr" | b"w:tc" | b"w:gridSpan" | b"w:vMerge" => self.table_start(name, e),
            _ => {}
        }
    }

    /// A paragraph's style, outline level and numbering.
    fn para_property(&mut self, name: &[u8], e: &BytesStart) {
        match name {
            b"w:pStyle" => {
                if let Some(p) = &mut self.para {
                    p.style = attr(e, b"w:val");
                }
            }
            b"w:outlineLvl" => {
                if let Some(p) = &mut self.para {
                    p.outline = attr(e, b"w:val").and_then(|v| v.parse().ok());
                }
            }
            b"w:numId" => {
                if let Some(p) = &mut self.para {
                    let id = attr(e, b"w:val").unwrap_or_default();
                    let level = p.num.as_ref().map_or(0, |n| n.1);
                    p.num = Some((id, level));
                }
            }
            b"w:ilvl" => {
                if let Some(p) = &mut self.para {
                    let level = attr(e, b"w:val").and_then(|v| v.parse().ok()).unwrap_or(0);
                    let id = p.num.as_ref().map(|n| n.0.clone()).unwrap_or_default();
                    p.num = Some((id, level));
                }
            }
            _ => {}
        }
    }

    /// Tables: rows, cells and their merges (of the outer table only).
    fn table_start(&mut self, name: &[u8], e: &BytesStart) {
        match name {
            b"w:tbl" => {
                self.table_depth += 1;
                if self.table_depth == 1 {
                    self.table = Some(Vec::new());
                }
            }
            b"w:tr" if self.table_depth == 1 => {
                if let Some(t) = &mut self.table {
                    t.push(Vec::new());
                }
            }
            b"w:tc" if self.table_depth == 1 => {
                self.cell = Some(Cell {
                    span: 1,
                    ..Cell::default()
                });
            }
            b"w:gridSpan" if self.table_depth == 1 => {
                if let Some(c) = &mut self.cell {
                    c.span = attr(e, b"w:val")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(1)
                        .clamp(1, 64);
                }
            }
            b"w:vMerge" if self.table_depth == 1 => {
                if let Some(c) = &mut self.cell {
                    c.merged_down = attr(e, b"w:val").as_deref() != Some("restart");
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &[u8]) {
        if self.skip > 0 {
            if skipped(name).is_some() {
                self.skip -= 1;
            }
            return;
        }
        match name {
            b"w:t" => self.in_text = false,
            b"w:rPr" => self.in_rpr = false,
            b"w:r" => self.run = None,
            b"w:hyperlink" => self.link = None,
            b"w:p" => {
                if let Some(p) = self.para.take() {
                    self.push_para(p);
                }
            }
            b"w:tc" if self.table_depth == 1 => {
                if let (Some(c), Some(t)) = (self.cell.take(), &mut self.table)
                    && let Some(row) = t.last_mut()
                {
                    row.push(c);
                }
            }
            b"w:tbl" => {
                self.table_depth = self.table_depth.saturating_sub(1);
                if self.table_depth == 0
                    && let Some(t) = self.table.take()
                {
                    self.out.blocks.push(Block::Table(t));
                }
            }
            b"w:footnote" => {
                if let Some((id, paras)) = self.note.take() {
                    self.out.notes.insert(id, paras);
                }
            }
            _ => {}
        }
    }

    fn push_para(&mut self, p: Para) {
        if let Some((_, paras)) = &mut self.note {
            paras.push(p);
        } else if let Some(c) = &mut self.cell {
            c.paras.push(p);
        } else if self.table_depth == 0 {
            self.out.blocks.push(Block::Para(p));
        }
    }

    fn text(&mut self, s: &str) {
        if self.skip > 0 || self.in_instr {
            return;
        }
        let (bold, italic) = self
            .run
            .as_ref()
            .map_or((false, false), |r| (r.bold, r.italic));
        let link = self.link.clone().flatten();
        if let Some(p) = &mut self.para {
            if let Some(Piece::Text {
                text,
                bold: b,
                italic: i,
                link: l,
            }) = p.pieces.last_mut()
                && *b == bold
                && *i == italic
                && *l == link
            {
                text.push_str(s);
                return;
            }
            p.pieces.push(Piece::Text {
                text: s.to_string(),
                bold,
                italic,
                link,
            });
        }
    }
}

/// Walks a document or footnotes part.
pub(crate) fn walk(xml: &str, rels: Option<&HashMap<String, (String, bool)>>) -> Walked {
    let mut w = Walker {
        rels,
        ..Walker::default()
    };
    let mut r = Reader::from_str(xml);
    loop {
        match r.read_event() {
            Ok(Event::Start(e)) => w.start(&e, false),
            Ok(Event::Empty(e)) => w.start(&e, true),
            Ok(Event::End(e)) => w.end(e.name().as_ref()),
            Ok(Event::Text(t)) if w.in_text => {
                if let Ok(s) = t.decode() {
                    w.text(s.as_ref());
                }
            }
            Ok(Event::GeneralRef(g)) if w.in_text => {
                let s = match g.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => match g.decode().as_deref() {
                        Ok("lt") => "<".into(),
                        Ok("gt") => ">".into(),
                        Ok("amp") => "&".into(),
                        Ok("quot") => "\"".into(),
                        Ok("apos") => "'".into(),
                        _ => String::new(),
                    },
                };
                w.text(&s);
            }
            Ok(Event::Eof) => break,
            Err(e) => {
                w.out.broken = Some((r.error_position(), e.to_string()));
                break;
            }
            _ => {}
        }
    }
    w.out.headers_footers = w.header_ids.len();
    w.out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals_as_word_counts() {
        let got: Vec<String> = [1, 9, 10, 11, 19, 20, 21, 35, 99, 100]
            .iter()
            .map(|&n| chinese_numeral(n, false))
            .collect();
        assert_eq!(
            got,
            [
                "一",
                "九",
                "十",
                "十一",
                "十九",
                "二十",
                "二十一",
                "三十五",
                "九十九",
                "100"
            ]
        );
        assert_eq!(chinese_numeral(10, true), "一〇");
    }

    const NUMBERING: &str = r#"<w:numbering xmlns:w="w">
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2.%3"/></w:lvl>
      </w:abstractNum>
      <w:abstractNum w:abstractNumId="1">
        <w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="6"><w:abstractNumId w:val="1"/></w:num>
    </w:numbering>"#;

    #[test]
    fn counters_give_the_numbers_word_shows() {
        let n = Numbering::parse(NUMBERING);
        let mut c = Counters::default();
        let mut next = |num: &str, lvl: u8| c.next(&n, num, lvl);
        assert_eq!(next("5", 0).as_deref(), Some("一、"));
        assert_eq!(next("5", 1).as_deref(), Some("（一）"));
        assert_eq!(next("5", 1).as_deref(), Some("（二）"));
        assert_eq!(next("5", 2).as_deref(), Some("一.二.1"));
        assert_eq!(next("5", 0).as_deref(), Some("二、"));
        // A deeper level starts again after a shallower one.
        assert_eq!(next("5", 1).as_deref(), Some("（一）"));
        // Bullets have no label; an unknown list is no list.
        assert_eq!(next("6", 0), None);
        assert_eq!(next("0", 0), None);
        assert!(n.level("5", 0).is_some_and(|l| l.chinese() && l.ordered()));
        assert!(n.level("6", 0).is_some_and(|l| !l.ordered()));
    }
}
