//! A body's resolved Markdown events as Word paragraphs and tables.
//!
//! Structure maps onto the styles of [`super::styles`] (headings, quote,
//! code, list paragraphs with Word numbering, tables, captions), so an
//! editor restyles the document in Word instead of fighting direct
//! formatting; only emphasis, links and pictures are set on runs.

use std::collections::HashMap;
use std::path::PathBuf;

use docx_rs::{
    AlignmentType, BorderType, BreakType, Footnote, Hyperlink, HyperlinkData, HyperlinkType,
    IndentLevel, LineSpacing, LineSpacingType, NumberingId, Paragraph, ParagraphBorder,
    ParagraphBorderPosition, Pic, Run, RunFonts, SpecialIndentType, Table, TableCell, TableRow,
    VertAlignType, WidthType,
};
use pulldown_cmark::{Alignment, Event, Tag, TagEnd};

use super::styles::{self, MONO_FONT};
use crate::diag::{Diagnostic, Pos};
use crate::doc::Meta;
use crate::present::paper::{Body, MEMBER_HREF};

/// A block of the document body. Nearly every block is a paragraph:
/// boxing them to shrink the rare others would allocate once per
/// paragraph for nothing.
#[allow(clippy::large_enum_variant)]
pub(super) enum Block {
    P(Paragraph),
    T(Table),
    /// The contents field.
    Toc,
}

/// What the whole document shares while bodies are written: numbering
/// instances, note and relationship counters, pictures, warnings.
#[derive(Default)]
pub(super) struct Shared {
    /// Word numbering instances: (ordered, start) of each list, whose id is
    /// its index + 1.
    pub lists: Vec<(bool, u32)>,
    pub footnotes: usize,
    pub pictures: usize,
    pub links: usize,
    pub warnings: Vec<Diagnostic>,
    /// Description of each picture, by its relationship id.
    pub alts: HashMap<String, String>,
    /// Picture files read so far: bytes and pixel size (None: not a format
    /// Word shows).
    files: HashMap<PathBuf, Option<(Vec<u8>, u32, u32)>>,
    /// Pictures are read as the image stage publishes them (site root,
    /// settings).
    pub images: Option<(PathBuf, crate::config::ImagesConfig)>,
}

/// Text width of the GB/T 9704 page (156 mm) and the tallest picture we
/// set (two thirds of the 225 mm text height), in EMU (36,000 per mm).
const TEXT_WIDTH_EMU: u64 = 156 * 36_000;
const MAX_HEIGHT_EMU: u64 = 150 * 36_000;
/// A pixel at 96 dpi.
const EMU_PER_PX: u64 = 9_525;

#[derive(Default, Clone, Copy)]
struct Fmt {
    bold: u8,
    italic: u8,
    strike: u8,
    sup: u8,
    sub: u8,
}

struct ListState {
    id: usize,
}

struct TableState {
    aligns: Vec<Alignment>,
    rows: Vec<TableRow>,
    cells: Vec<TableCell>,
    head: bool,
}

struct ImageState {
    dest: String,
    title: String,
    alt: String,
}

pub(super) struct Writer<'w, 'b> {
    sh: &'w mut Shared,
    body: &'w Body<'b>,
    /// The document written, for messages.
    meta: &'w Meta,
    /// Added to a Markdown heading level (a case's `##` is Heading 3).
    shift: u8,
    /// The style of paragraphs that have no other (footnotes: FootnoteText).
    base: &'static str,
    out: Vec<Block>,
    para: Option<Paragraph>,
    /// The open paragraph has a picture / text.
    para_picture: bool,
    para_text: bool,
    captions: Vec<String>,
    fmt: Fmt,
    link: Option<Hyperlink>,
    heading: Option<u8>,
    quote: usize,
    lists: Vec<ListState>,
    /// The next paragraph starts a list item (gets the number or bullet).
    item_start: bool,
    table: Option<TableState>,
    cell: Option<Vec<Paragraph>>,
    image: Option<ImageState>,
    code: Option<String>,
    definition: bool,
    /// Word footnote number of each Markdown footnote, once written.
    notes: Vec<Option<usize>>,
}

impl<'w, 'b> Writer<'w, 'b> {
    pub(super) fn new(sh: &'w mut Shared, body: &'w Body<'b>, meta: &'w Meta, shift: u8) -> Self {
        Writer {
            sh,
            body,
            meta,
            shift,
            base: styles::NORMAL,
            out: Vec::new(),
            para: None,
            para_picture: false,
            para_text: false,
            captions: Vec::new(),
            fmt: Fmt::default(),
            link: None,
            heading: None,
            quote: 0,
            lists: Vec::new(),
            item_start: false,
            table: None,
            cell: None,
            image: None,
            code: None,
            definition: false,
            notes: vec![None; body.resolved.footnotes.len()],
        }
    }

    /// Writes every event of the body; its blocks.
    pub(super) fn write(mut self) -> Vec<Block> {
        let body = self.body;
        for ev in &body.resolved.events {
            self.event(ev);
        }
        self.flush();
        self.out
    }

    fn event(&mut self, ev: &Event) {
        match ev {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(*tag),
            Event::Text(t) => self.text(t),
            Event::Code(t) => {
                if self.image.is_some() || self.code.is_some() {
                    self.text(t);
                } else {
                    let run = self.styled(Run::new()).fonts(mono());
                    self.put_run(t, run);
                }
            }
            Event::InlineMath(t) | Event::DisplayMath(t) => self.text(t),
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.push_run(Run::new().add_break(BreakType::TextWrapping)),
            Event::Rule => {
                self.flush();
                let mut p = Paragraph::new().style(self.base);
                p.property = p.property.set_border(
                    ParagraphBorder::new(ParagraphBorderPosition::Bottom)
                        .val(BorderType::Single)
                        .size(6),
                );
                self.out.push(Block::P(p));
            }
            Event::TaskListMarker(done) => self.text(if *done { "☑ " } else { "☐ " }),
            Event::FootnoteReference(n) => self.footnote(n),
            Event::Html(h) | Event::InlineHtml(h) => {
                // Raw HTML has no place in Word; a line break keeps its meaning.
                if h.trim().to_ascii_lowercase().starts_with("<br") {
                    self.push_run(Run::new().add_break(BreakType::TextWrapping));
                }
            }
        }
    }

    fn start(&mut self, tag: &Tag) {
        match tag {
            Tag::Paragraph => self.flush(),
            Tag::Heading { level, .. } => {
                self.flush();
                self.heading = Some((*level as u8 + self.shift).clamp(3, 6));
            }
            Tag::BlockQuote(_) => {
                self.flush();
                self.quote += 1;
            }
            Tag::CodeBlock(_) => {
                self.flush();
                self.code = Some(String::new());
            }
            Tag::List(start) => {
                self.flush();
                self.sh.lists.push((
                    start.is_some(),
                    start.unwrap_or(1).min(u64::from(u32::MAX)) as u32,
                ));
                self.lists.push(ListState {
                    id: self.sh.lists.len(),
                });
            }
            Tag::Item => {
                self.flush();
                self.item_start = true;
            }
            Tag::Table(aligns) => {
                self.flush();
                self.table = Some(TableState {
                    aligns: aligns.clone(),
                    rows: Vec::new(),
                    cells: Vec::new(),
                    head: false,
                });
            }
            Tag::TableHead => {
                if let Some(t) = &mut self.table {
                    t.head = true;
                }
            }
            Tag::TableRow => {}
            Tag::TableCell => self.cell = Some(Vec::new()),
            Tag::Emphasis => self.fmt.italic += 1,
            Tag::Strong => self.fmt.bold += 1,
            Tag::Strikethrough => self.fmt.strike += 1,
            Tag::Superscript => self.fmt.sup += 1,
            Tag::Subscript => self.fmt.sub += 1,
            Tag::Link { dest_url, .. } => self.link = self.hyperlink(dest_url),
            Tag::Image {
                dest_url, title, ..
            } => {
                self.image = Some(ImageState {
                    dest: dest_url.to_string(),
                    title: title.to_string(),
                    alt: String::new(),
                });
            }
            Tag::DefinitionListTitle => {
                self.flush();
                self.fmt.bold += 1;
            }
            Tag::DefinitionListDefinition => {
                self.flush();
                self.definition = true;
            }
            Tag::FootnoteDefinition(_)
            | Tag::HtmlBlock
            | Tag::MetadataBlock(_)
            | Tag::DefinitionList => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::DefinitionList => self.flush(),
            TagEnd::Heading(_) => {
                self.flush();
                self.heading = None;
            }
            TagEnd::BlockQuote(_) => {
                self.flush();
                self.quote = self.quote.saturating_sub(1);
            }
            TagEnd::CodeBlock => self.code_block(),
            TagEnd::List(_) => {
                self.flush();
                self.lists.pop();
            }
            TagEnd::Item => {
                self.flush();
                self.item_start = false;
            }
            TagEnd::TableCell => self.end_cell(),
            TagEnd::TableHead | TagEnd::TableRow => self.end_row(),
            TagEnd::Table => self.end_table(),
            TagEnd::Emphasis => self.fmt.italic = self.fmt.italic.saturating_sub(1),
            TagEnd::Strong => self.fmt.bold = self.fmt.bold.saturating_sub(1),
            TagEnd::Strikethrough => self.fmt.strike = self.fmt.strike.saturating_sub(1),
            TagEnd::Superscript => self.fmt.sup = self.fmt.sup.saturating_sub(1),
            TagEnd::Subscript => self.fmt.sub = self.fmt.sub.saturating_sub(1),
            TagEnd::Link => {
                if let Some(link) = self.link.take() {
                    let p = self.open_para();
                    *p = std::mem::take(p).add_hyperlink(link);
                }
            }
            TagEnd::Image => self.image_end(),
            TagEnd::DefinitionListTitle => {
                self.flush();
                self.fmt.bold = self.fmt.bold.saturating_sub(1);
            }
            TagEnd::DefinitionListDefinition => {
                self.flush();
                self.definition = false;
            }
            TagEnd::FootnoteDefinition | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_) => {}
        }
    }

    /// The paragraph being written, opened in the style of where it is.
    fn open_para(&mut self) -> &mut Paragraph {
        if self.para.is_none() {
            let p = self.new_para();
            self.para = Some(p);
            self.para_picture = false;
            self.para_text = false;
        }
        self.para.get_or_insert_with(Paragraph::new)
    }

    fn new_para(&mut self) -> Paragraph {
        if let Some(level) = self.heading {
            return Paragraph::new()
                .style(styles::heading(level))
                .keep_next(true);
        }
        if self.cell.is_some() {
            let head = self.table.as_ref().is_some_and(|t| t.head);
            return Paragraph::new().style(if head {
                styles::TABLE_HEAD
            } else {
                styles::TABLE_TEXT
            });
        }
        let depth = self.lists.len();
        if depth > 0 {
            let p = Paragraph::new().style(styles::LIST);
            let level = depth.min(9) - 1;
            if std::mem::take(&mut self.item_start) {
                let id = self.lists[depth - 1].id;
                return p.numbering(NumberingId::new(id), IndentLevel::new(level));
            }
            // A later paragraph of the item: under its text, no number.
            let left = styles::list_indent(level);
            return p.indent(Some(left), None, None, None);
        }
        if self.quote > 0 {
            return Paragraph::new().style(styles::QUOTE);
        }
        if self.definition {
            return Paragraph::new().style(self.base).indent(
                Some(styles::list_indent(0)),
                None,
                None,
                None,
            );
        }
        Paragraph::new().style(self.base)
    }

    /// Ends the open paragraph into the cell or the body, with the
    /// captions of its pictures after it.
    fn flush(&mut self) {
        let Some(mut p) = self.para.take() else {
            return;
        };
        if self.para_picture {
            // Exact line spacing would clip the picture to one line.
            p = p.line_spacing(
                LineSpacing::new()
                    .line_rule(LineSpacingType::Auto)
                    .line(240),
            );
            if !self.para_text {
                p = p
                    .align(AlignmentType::Center)
                    .indent(Some(0), Some(SpecialIndentType::FirstLine(0)), None, None)
                    .keep_next(!self.captions.is_empty());
            }
        }
        let captions = std::mem::take(&mut self.captions);
        let caption_paras = captions.into_iter().map(|c| {
            Paragraph::new()
                .style(styles::CAPTION)
                .add_run(text_run(&c))
        });
        match &mut self.cell {
            Some(cell) => {
                cell.push(p);
                cell.extend(caption_paras);
            }
            None => {
                self.out.push(Block::P(p));
                self.out.extend(caption_paras.map(Block::P));
            }
        }
    }

    fn styled(&self, mut run: Run) -> Run {
        if self.fmt.bold > 0 {
            run = run.bold();
        }
        if self.fmt.italic > 0 {
            run = run.italic();
        }
        if self.fmt.strike > 0 {
            run = run.strike();
        }
        if self.fmt.sup > 0 {
            run.run_property = run.run_property.vert_align(VertAlignType::SuperScript);
        } else if self.fmt.sub > 0 {
            run.run_property = run.run_property.vert_align(VertAlignType::SubScript);
        }
        if self.link.is_some() {
            run = run.style(styles::HYPERLINK);
        }
        run
    }

    fn text(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        if let Some(img) = &mut self.image {
            img.alt.push_str(s);
            return;
        }
        if let Some(code) = &mut self.code {
            code.push_str(s);
            return;
        }
        let run = self.styled(Run::new());
        self.put_run(s, run);
    }

    /// `s` as the text of `run` (tabs as Word tabs, characters XML cannot
    /// hold left out).
    fn put_run(&mut self, s: &str, run: Run) {
        self.para_text |= !s.trim().is_empty();
        self.push_run(fill_run(run, s));
    }

    fn push_run(&mut self, run: Run) {
        match &mut self.link {
            Some(link) => {
                *link =
                    std::mem::replace(link, Hyperlink::new("", HyperlinkType::Anchor)).add_run(run)
            }
            None => {
                let p = self.open_para();
                *p = std::mem::take(p).add_run(run);
            }
        }
    }

    /// A link: to a member of the volume (a bookmark), to an address, or
    /// none (an in-page or relative address: the text alone).
    fn hyperlink(&mut self, dest: &str) -> Option<Hyperlink> {
        if let Some(n) = dest.strip_prefix(MEMBER_HREF) {
            return Some(Hyperlink::new(
                super::volume::member_bookmark(n),
                HyperlinkType::Anchor,
            ));
        }
        let url = if dest.starts_with("http://")
            || dest.starts_with("https://")
            || dest.starts_with("mailto:")
        {
            dest.to_string()
        } else if dest.starts_with('/') {
            (self.body.absolute)(dest)
        } else {
            return None;
        };
        self.sh.links += 1;
        let mut link = Hyperlink::new(url, HyperlinkType::External);
        // Our own numbering, not docx-rs's process-wide counter.
        if let HyperlinkData::External { rid, .. } = &mut link.link {
            *rid = format!("rIdHyperlink{}", self.sh.links);
        }
        Some(link)
    }

    fn code_block(&mut self) {
        let Some(code) = self.code.take() else {
            return;
        };
        let code = code.strip_suffix('\n').unwrap_or(&code);
        let mut run = Run::new().fonts(mono());
        for (i, line) in code.split('\n').enumerate() {
            if i > 0 {
                run = run.add_break(BreakType::TextWrapping);
            }
            run = fill_run(run, line);
        }
        let p = Paragraph::new().style(styles::CODE).add_run(run);
        match &mut self.cell {
            Some(cell) => cell.push(p),
            None => self.out.push(Block::P(p)),
        }
    }

    fn end_cell(&mut self) {
        self.flush();
        let Some(paras) = self.cell.take() else {
            return;
        };
        let Some(t) = &mut self.table else {
            return;
        };
        let align = match t.aligns.get(t.cells.len()) {
            Some(Alignment::Center) => Some(AlignmentType::Center),
            Some(Alignment::Right) => Some(AlignmentType::Right),
            _ => None,
        };
        let mut cell = TableCell::new();
        let paras = if paras.is_empty() {
            vec![Paragraph::new().style(styles::TABLE_TEXT)]
        } else {
            paras
        };
        for p in paras {
            cell = cell.add_paragraph(match align {
                Some(a) => p.align(a),
                None => p,
            });
        }
        t.cells.push(cell);
    }

    fn end_row(&mut self) {
        if let Some(t) = &mut self.table {
            let cells = std::mem::take(&mut t.cells);
            if !cells.is_empty() {
                let mut row = TableRow::new(cells);
                if t.head {
                    row = row.cant_split();
                }
                t.rows.push(row);
            }
            t.head = false;
        }
    }

    fn end_table(&mut self) {
        if let Some(t) = self.table.take() {
            let columns = t.aligns.len().max(1);
            let width = styles::TEXT_WIDTH_TWIPS / columns;
            let table = Table::new(t.rows)
                .set_grid(vec![width; columns])
                .width(styles::TEXT_WIDTH_TWIPS, WidthType::Dxa)
                .style(styles::TABLE);
            self.out.push(Block::T(table));
        }
    }

    fn image_end(&mut self) {
        let Some(img) = self.image.take() else {
            return;
        };
        let file = self.body.image_files.get(&img.dest).cloned();
        let picture = file
            .as_ref()
            .and_then(|f| self.picture(f, &img.dest, &img.alt));
        match picture {
            Some(pic) => {
                self.push_run(Run::new().add_image(pic));
                self.para_picture = true;
                // A title is the caption, as on the web page; the
                // description stays with the picture (its alternative text).
                if !img.title.is_empty() {
                    self.captions.push(img.title);
                }
            }
            // Elsewhere or in a format Word does not show: its description
            // and address.
            None => {
                let url = if img.dest.starts_with('/') {
                    (self.body.absolute)(&img.dest)
                } else {
                    img.dest.clone()
                };
                let shown = if img.alt.is_empty() {
                    url
                } else {
                    format!("{}（{url}）", img.alt)
                };
                let run = self.styled(Run::new());
                self.put_run(&shown, run);
            }
        }
    }

    /// The picture of a local image file, sized to the text width at most.
    fn picture(&mut self, file: &std::path::Path, dest: &str, alt: &str) -> Option<Pic> {
        let images = self.sh.images.clone();
        let entry = self
            .sh
            .files
            .entry(file.to_path_buf())
            .or_insert_with(|| read_picture(file, images.as_ref()));
        let Some((bytes, w, h)) = entry.clone() else {
            let name = dest.rsplit('/').next().unwrap_or(dest);
            self.sh.warnings.push(
                Diagnostic::warning(
                    &self.meta.path,
                    position_in(self.meta, name),
                    crate::msg!("docx-picture-unsupported", picture = dest),
                )
                .with_hint(crate::msg!("docx-picture-unsupported-hint")),
            );
            return None;
        };
        self.sh.pictures += 1;
        let (mut ew, mut eh) = (u64::from(w) * EMU_PER_PX, u64::from(h) * EMU_PER_PX);
        if ew > TEXT_WIDTH_EMU {
            eh = eh * TEXT_WIDTH_EMU / ew;
            ew = TEXT_WIDTH_EMU;
        }
        if eh > MAX_HEIGHT_EMU {
            ew = ew * MAX_HEIGHT_EMU / eh;
            eh = MAX_HEIGHT_EMU;
        }
        let id = format!("rIdImage{}", self.sh.pictures);
        self.sh.alts.insert(id.clone(), alt.to_string());
        let pic = Pic::new_with_dimensions(bytes, w, h)
            .id(id)
            .size(ew.max(1) as u32, eh.max(1) as u32);
        Some(pic)
    }

    /// The first reference makes the note; a later one repeats its number.
    fn footnote(&mut self, n: &str) {
        let Ok(k) = n.parse::<usize>() else {
            return;
        };
        let body = self.body;
        let Some(def) = body.resolved.footnotes.get(k.wrapping_sub(1)) else {
            return;
        };
        if let Some(number) = self.notes[k - 1] {
            let mut run = Run::new().add_text(number.to_string());
            run.run_property = run.run_property.vert_align(VertAlignType::SuperScript);
            self.push_run(run);
            return;
        }
        self.sh.footnotes += 1;
        let number = self.sh.footnotes;
        self.notes[k - 1] = Some(number);
        let mut inner = Writer::new(self.sh, body, self.meta, self.shift);
        inner.base = styles::FOOTNOTE_TEXT;
        inner.notes = self.notes.clone();
        for ev in &def.events {
            inner.event(ev);
        }
        inner.flush();
        let content: Vec<Paragraph> = inner
            .out
            .into_iter()
            .filter_map(|b| match b {
                Block::P(p) => Some(p),
                // Word notes hold paragraphs; a table in a note is rare.
                Block::T(_) | Block::Toc => None,
            })
            .collect();
        let content = if content.is_empty() {
            vec![Paragraph::new().style(styles::FOOTNOTE_TEXT)]
        } else {
            content
        };
        self.push_run(Run::new().add_footnote_reference(Footnote {
            id: number,
            content,
        }));
    }
}

/// Code in a monospaced Latin font; Chinese in it keeps the paragraph's.
fn mono() -> RunFonts {
    RunFonts::new().ascii(MONO_FONT).hi_ansi(MONO_FONT)
}

/// A run holding `s`.
pub(super) fn text_run(s: &str) -> Run {
    fill_run(Run::new(), s)
}

/// Adds `s` to `run`: tabs as Word tabs; characters an XML 1.0 document
/// cannot hold (C0 controls, U+FFFE/FFFF) are left out, since Word
/// refuses a file that has them.
fn fill_run(mut run: Run, s: &str) -> Run {
    for (i, part) in s.split('\t').enumerate() {
        if i > 0 {
            run = run.add_tab();
        }
        let clean: String = part
            .chars()
            .filter(|&c| {
                !(c.is_control() && c != '\n' && c != '\r') && c != '\u{FFFE}' && c != '\u{FFFF}'
            })
            .collect();
        if !clean.is_empty() {
            run = run.add_text(clean);
        }
    }
    run
}

/// The bytes and pixel size of a picture Word shows, by its content.
fn read_picture(
    file: &std::path::Path,
    images: Option<&(PathBuf, crate::config::ImagesConfig)>,
) -> Option<(Vec<u8>, u32, u32)> {
    // A photo goes in as its print-size derivative, without its metadata.
    let bytes = match images {
        Some((root, cfg)) => crate::images::published(root, cfg, file).ok()?,
        None => crate::confine::read(file).ok()?,
    };
    let kind = imagesize::image_type(&bytes).ok()?;
    if !matches!(
        kind,
        imagesize::ImageType::Jpeg
            | imagesize::ImageType::Png
            | imagesize::ImageType::Gif
            | imagesize::ImageType::Bmp
    ) {
        return None;
    }
    let size = imagesize::blob_size(&bytes).ok()?;
    let w = u32::try_from(size.width).ok()?.max(1);
    let h = u32::try_from(size.height).ok()?.max(1);
    Some((bytes, w, h))
}

/// Where `needle` first appears in the document's body (1-based line and
/// column in characters), else its first line.
fn position_in(meta: &Meta, needle: &str) -> Pos {
    let Some(at) = meta.body.find(needle).filter(|_| !needle.is_empty()) else {
        return Pos::START;
    };
    let before = &meta.body[..at];
    let line = before.matches('\n').count() as u32;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() as u32 + 1;
    Pos {
        line: meta.body_line + line,
        col,
    }
}
