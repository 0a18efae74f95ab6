//! One compilation as a Word document, written by the shared volume walk
//! ([`crate::present::paper`]): the same cover, preface, contents,
//! chapters and cases as the PDF, in Word's own structures.

use docx_rs::{
    AlignmentType, Docx, FieldCharType, Hyperlink, HyperlinkType, InstrPAGEREF, InstrText,
    InstrToC, Paragraph, Run, Tab, TabLeaderType, TabValueType, Table, TableCell, TableRow,
    WidthType,
};

use super::body::{Block, Shared, Writer, text_run};
use super::styles::{self, Fonts};
use crate::doc::Meta;
use crate::model::Site;
use crate::present::paper::{self, Body, CaseHead, Cover, PaperWriter, Words};

/// The bookmark of member `n` ("3"), the target of links between cases.
pub(super) fn member_bookmark(n: &str) -> String {
    format!("cb-case-{n}")
}

/// The Word writer of the volume walk: the document's blocks, in order.
struct Word<'a> {
    blocks: Vec<Block>,
    shared: Shared,
    lang: crate::config::Language,
    /// Words joining a case's details.
    sep: &'a str,
    /// The next paragraph starts a page (after the cover).
    new_page: bool,
    /// Contents entries: level (1 chapter, 2 case), text, bookmark.
    entries: Vec<(u8, String, String)>,
    /// A chapter heading was the last thing written: its first case goes
    /// on the same page.
    after_chapter: bool,
}

impl Word<'_> {
    fn para(&mut self, p: Paragraph) {
        let p = if std::mem::take(&mut self.new_page) {
            p.page_break_before(true)
        } else {
            p
        };
        self.blocks.push(Block::P(p));
    }

    fn styled(&mut self, style: &str, text: &str) {
        self.para(Paragraph::new().style(style).add_run(text_run(text)));
    }

    /// A heading the contents list, under bookmark `name`.
    fn heading(&mut self, level: u8, text: &str, name: String) {
        let id = docx_rs::generate_bookmark_id();
        self.para(
            Paragraph::new()
                .style(styles::heading(level))
                .add_bookmark_start(id, &name)
                .add_run(text_run(text))
                .add_bookmark_end(id),
        );
        self.entries.push((level, text.to_string(), name));
    }

    fn body(&mut self, body: &Body, doc: &Meta) {
        let blocks = Writer::new(&mut self.shared, body, doc, 1).write();
        self.blocks.extend(blocks);
    }
}

impl PaperWriter for Word<'_> {
    fn cover(&mut self, c: &Cover) {
        // The title a third down the page, as on the PDF's cover.
        let mut title = Paragraph::new()
            .style(styles::TITLE)
            .add_run(text_run(c.title));
        title.property = title
            .property
            .line_spacing(docx_rs::LineSpacing::new().before(4_000));
        self.para(title);
        if let Some(s) = c.subtitle {
            self.styled(styles::SUBTITLE, s);
        }
        for line in [c.editor, c.date.as_deref()].into_iter().flatten() {
            self.styled(styles::COVER_INFO, line);
        }
        self.new_page = true;
    }

    fn preface(&mut self, title: &str, body: &Body, doc: &Meta) {
        self.new_page = false;
        self.styled(styles::FRONT_TITLE, title);
        self.body(body, doc);
    }

    fn contents(&mut self, title: &str) {
        self.new_page = false;
        self.styled(styles::FRONT_TITLE, title);
        self.blocks.push(Block::Toc);
    }

    fn chapter(&mut self, number: usize, label: &str, title: &str) {
        let shown = match self.lang {
            crate::config::Language::ZhCn => format!("{label}　{title}"),
            crate::config::Language::En => format!("{label}: {title}"),
        };
        self.heading(1, &shown, format!("cb-chapter-{number}"));
        self.after_chapter = true;
    }

    fn case(&mut self, head: &CaseHead, body: &Body, doc: &Meta) {
        let mut label = Paragraph::new()
            .style(styles::CASE_NUMBER)
            .add_run(text_run(&head.label));
        // Each case from a new page, the first of a chapter under its
        // heading.
        if !std::mem::take(&mut self.after_chapter) {
            label = label.page_break_before(true);
        }
        self.para(label);
        self.heading(2, head.title, member_bookmark(&head.number.to_string()));
        if !head.meta.is_empty() {
            self.styled(styles::CASE_META, &head.meta.join(self.sep));
        }
        if !head.rows.is_empty() {
            self.styled(styles::RECOGNITION, &head.recognition_title);
            self.blocks.push(Block::T(recognition_table(&head.rows)));
        }
        self.body(body, doc);
    }
}

/// The contents as Word makes them: a TOC field over the chapters and
/// cases (Heading 1–2) whose entries are already written, each linked to
/// its heading with a PAGEREF for its page. The field is marked dirty, so
/// Word fills in the page numbers when it opens the file.
fn contents(entries: &[(u8, String, String)]) -> Vec<Paragraph> {
    let field = |t: FieldCharType, dirty: bool| Run::new().add_field_char(t, dirty);
    let right = Tab::new()
        .val(TabValueType::Right)
        .leader(TabLeaderType::Dot)
        .pos(styles::TEXT_WIDTH_TWIPS);
    let mut out: Vec<Paragraph> = entries
        .iter()
        .map(|(level, text, name)| {
            let link = Hyperlink::new(name, HyperlinkType::Anchor)
                .add_run(text_run(text))
                .add_run(Run::new().add_tab())
                .add_run(field(FieldCharType::Begin, false))
                .add_run(
                    Run::new()
                        .add_instr_text(InstrText::PAGEREF(InstrPAGEREF::new(name).hyperlink())),
                )
                .add_run(field(FieldCharType::Separate, false))
                .add_run(field(FieldCharType::End, false));
            Paragraph::new()
                .style(styles::toc(*level))
                .add_tab(right.clone())
                .add_hyperlink(link)
        })
        .collect();
    let begin = [
        field(FieldCharType::Begin, true),
        Run::new().add_instr_text(InstrText::TOC(
            InstrToC::new().heading_styles_range(1, 2).hyperlink(),
        )),
        field(FieldCharType::Separate, false),
    ];
    if out.is_empty() {
        out.push(Paragraph::new().style(styles::toc(1)));
    }
    let first = std::mem::take(&mut out[0]);
    let mut first_runs = Paragraph::new();
    first_runs.property = first.property;
    for r in begin {
        first_runs = first_runs.add_run(r);
    }
    first_runs.children.extend(first.children);
    out[0] = first_runs;
    out.push(
        Paragraph::new()
            .style(styles::toc(1))
            .align(AlignmentType::Left)
            .add_run(field(FieldCharType::End, false)),
    );
    out
}

/// Date, level and kind, what: widths 1 : 1 : 2.
fn recognition_table(rows: &[[String; 3]]) -> Table {
    let w = styles::TEXT_WIDTH_TWIPS;
    let widths = [w / 4, w / 4, w - 2 * (w / 4)];
    let rows = rows
        .iter()
        .map(|r| {
            TableRow::new(
                r.iter()
                    .zip(widths)
                    .map(|(cell, width)| {
                        TableCell::new().width(width, WidthType::Dxa).add_paragraph(
                            Paragraph::new()
                                .style(styles::TABLE_TEXT)
                                .add_run(text_run(cell)),
                        )
                    })
                    .collect(),
            )
        })
        .collect();
    Table::new(rows)
        .set_grid(widths.to_vec())
        .width(w, WidthType::Dxa)
        .style(styles::TABLE)
}

/// Compilation `k` as a Word document, and the warnings of writing it.
pub(super) fn document(site: &Site, k: usize, t: Words) -> (Docx, Shared) {
    let lang = site.config.language;
    let sep = match lang {
        crate::config::Language::ZhCn => "　",
        crate::config::Language::En => " · ",
    };
    let mut shared = Shared::default();
    shared.images = Some((site.root.clone(), site.config.images.clone()));
    let mut w = Word {
        blocks: Vec::new(),
        shared,
        lang,
        sep,
        new_page: false,
        entries: Vec::new(),
        after_chapter: false,
    };
    // Bookmark ids come from docx-rs's process-wide counter: from 1 for
    // every document.
    docx_rs::reset_bookmark_id();
    paper::walk(site, k, t, &mut w);
    let mut docx = Docx::new();
    for b in w.blocks {
        docx = match b {
            Block::P(p) => docx.add_paragraph(p),
            Block::T(t) => docx.add_table(t),
            Block::Toc => contents(&w.entries)
                .into_iter()
                .fold(docx, Docx::add_paragraph),
        };
    }
    let fonts = Fonts::of(&site.config.pdf);
    let docx = styles::frame(docx, &fonts, lang, &w.shared.lists);
    (docx, w.shared)
}
