//! The Word styles, page and footers of an exported compilation: the
//! GB/T 9704 defaults of the PDF layout where Word can express them (A4,
//! margins 37/35/28/26 mm, 仿宋 三号 body with a two-character first-line
//! indent on a 22-line grid, 黑体/楷体 headings, "— 1 —" folios outside),
//! as real styles an editor can restyle. Built-in styles keep Word's own
//! ids and names (Title, heading 1 …), which Chinese Word shows as 标题、
//! 标题 1 …; ours have names in the site's language.

use docx_rs::{
    AbstractNumbering, AlignmentType, Docx, FieldCharType, Footer, InstrPAGE, InstrText, Level,
    LevelJc, LevelText, LineSpacing, LineSpacingType, NumberFormat, Numbering, PageMargin,
    Paragraph, Run, RunFonts, SpecialIndentType, Start, Style, StyleType, TableBorder,
    TableBorderPosition, TableBorders, TableProperty,
};

use crate::config::{FontRole, Language, PdfConfig};

pub(super) const NORMAL: &str = "Normal";
pub(super) const TITLE: &str = "Title";
pub(super) const SUBTITLE: &str = "Subtitle";
pub(super) const FRONT_TITLE: &str = "FrontTitle";
pub(super) const COVER_INFO: &str = "CoverInfo";
pub(super) const CASE_NUMBER: &str = "CaseNumber";
pub(super) const CASE_META: &str = "CaseMeta";
pub(super) const RECOGNITION: &str = "RecognitionTitle";
pub(super) const TABLE_TEXT: &str = "TableText";
pub(super) const TABLE_HEAD: &str = "TableHead";
pub(super) const TABLE: &str = "TableGrid";
pub(super) const QUOTE: &str = "Quote";
pub(super) const CODE: &str = "Code";
pub(super) const LIST: &str = "ListParagraph";
pub(super) const CAPTION: &str = "Caption";
pub(super) const FOOTNOTE_TEXT: &str = "FootnoteText";
pub(super) const HYPERLINK: &str = "Hyperlink";
pub(super) const MONO_FONT: &str = "Consolas";

/// A4 in twips, and the GB/T 9704 text width (210 − 28 − 26 mm).
const PAGE_W: u32 = 11_906;
const PAGE_H: u32 = 16_838;
pub(super) const TEXT_WIDTH_TWIPS: usize = 8_844;
/// 22 lines in the 225 mm text height: 10.23 mm, in twips.
const LINE: i32 = 580;
/// 三号 (16 pt) in half-points, and one character of it in twips.
const BODY_SIZE: usize = 32;
const CHAR: i32 = 320;

/// Word's style id of heading `level` (1–6).
pub(super) fn heading(level: u8) -> &'static str {
    [
        "Heading1", "Heading2", "Heading3", "Heading4", "Heading5", "Heading6",
    ][usize::from(level.clamp(1, 6)) - 1]
}

/// Word's style id of contents level `level` (1–3).
pub(super) fn toc(level: u8) -> &'static str {
    ["TOC1", "TOC2", "TOC3"][usize::from(level.clamp(1, 3)) - 1]
}

/// Left indent of list level `level` (0-based).
pub(super) fn list_indent(level: usize) -> i32 {
    CHAR * 2 * (level as i32 + 1)
}

/// The families of the page: the first family the site names for each
/// role in `[pdf.fonts]`, else the Windows 公文 fonts (Word substitutes
/// what a machine lacks, and keeps the name for the next machine).
pub(super) struct Fonts {
    body: String,
    heading: String,
    title: String,
    kai: String,
}

impl Fonts {
    pub(super) fn of(pdf: &PdfConfig) -> Fonts {
        let pick = |role: FontRole, default: &str| {
            pdf.fonts[role as usize]
                .first()
                .cloned()
                .unwrap_or_else(|| default.to_string())
        };
        Fonts {
            body: pick(FontRole::Body, "仿宋"),
            heading: pick(FontRole::Heading, "黑体"),
            title: pick(FontRole::Title, "方正小标宋简体"),
            kai: pick(FontRole::Kai, "楷体"),
        }
    }
}

fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(east_asia)
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
}

fn exact(line: i32) -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(line)
        .before(0)
        .after(0)
}

fn single() -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Auto)
        .line(240)
        .before(0)
        .after(0)
}

fn para_style(id: &str, name: &str, font: &str, size: usize) -> Style {
    Style::new(id, StyleType::Paragraph)
        .name(name)
        .based_on(NORMAL)
        .next(NORMAL)
        .q_format(true)
        .fonts(fonts(font))
        .size(size)
}

/// No first-line indent.
fn flush_left(s: Style) -> Style {
    s.indent(
        Some(0),
        Some(SpecialIndentType::FirstLine(0)),
        None,
        Some(0),
    )
}

fn centred(s: Style) -> Style {
    flush_left(s).align(AlignmentType::Center)
}

fn keep_next(mut s: Style) -> Style {
    s.paragraph_property = s.paragraph_property.keep_next(true);
    s
}

fn page_break_before(mut s: Style) -> Style {
    s.paragraph_property = s.paragraph_property.page_break_before(true);
    s
}

/// Our style names, in the site's language.
fn name(lang: Language, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Language::ZhCn => zh,
        Language::En => en,
    }
}

/// Every style of the document.
fn styles(f: &Fonts, lang: Language) -> Vec<Style> {
    let n = |zh, en| name(lang, zh, en);
    let normal = Style::new(NORMAL, StyleType::Paragraph)
        .name("Normal")
        .q_format(true)
        .fonts(fonts(&f.body))
        .size(BODY_SIZE)
        .align(AlignmentType::Both)
        .line_spacing(exact(LINE))
        .indent(
            None,
            Some(SpecialIndentType::FirstLine(CHAR * 2)),
            None,
            None,
        );
    let title = |id: &str, nm: &str| keep_next(centred(para_style(id, nm, &f.title, 44)));
    let mut out = vec![
        normal,
        title(TITLE, "Title"),
        centred(para_style(SUBTITLE, "Subtitle", &f.kai, BODY_SIZE)),
        page_break_before(title(FRONT_TITLE, n("前置标题", "Front Title"))),
        centred(para_style(
            COVER_INFO,
            n("封面信息", "Cover Info"),
            &f.kai,
            BODY_SIZE,
        )),
        page_break_before(title("Heading1", "heading 1")).outline_lvl(0),
        title("Heading2", "heading 2").outline_lvl(1),
        keep_next(para_style("Heading3", "heading 3", &f.heading, BODY_SIZE)).outline_lvl(2),
        keep_next(para_style("Heading4", "heading 4", &f.kai, BODY_SIZE)).outline_lvl(3),
        keep_next(para_style("Heading5", "heading 5", &f.body, BODY_SIZE).bold()).outline_lvl(4),
        keep_next(para_style("Heading6", "heading 6", &f.body, BODY_SIZE).bold()).outline_lvl(5),
        keep_next(centred(para_style(
            CASE_NUMBER,
            n("案例编号", "Case Number"),
            &f.heading,
            28,
        ))),
        centred(para_style(
            CASE_META,
            n("案例信息", "Case Details"),
            &f.kai,
            BODY_SIZE,
        )),
        keep_next(flush_left(para_style(
            RECOGNITION,
            n("荣誉与批示标题", "Recognition Title"),
            &f.heading,
            28,
        ))),
        flush_left(para_style(
            TABLE_TEXT,
            n("表格文字", "Table Text"),
            &f.body,
            24,
        ))
        .line_spacing(single())
        .align(AlignmentType::Left),
        centred(para_style(
            TABLE_HEAD,
            n("表头", "Table Heading"),
            &f.heading,
            24,
        ))
        .line_spacing(single()),
        para_style(QUOTE, "Quote", &f.kai, BODY_SIZE).indent(
            Some(CHAR * 2),
            Some(SpecialIndentType::FirstLine(CHAR * 2)),
            None,
            Some(200),
        ),
        flush_left(para_style(CODE, n("代码", "Code"), &f.body, 21))
            .fonts(fonts(&f.body).ascii(MONO_FONT).hi_ansi(MONO_FONT))
            .line_spacing(single())
            .align(AlignmentType::Left),
        flush_left(para_style(LIST, "List Paragraph", &f.body, BODY_SIZE)),
        centred(para_style(CAPTION, "caption", &f.kai, 28)),
        flush_left(para_style(FOOTNOTE_TEXT, "footnote text", &f.body, 21))
            .line_spacing(single())
            .align(AlignmentType::Left),
        Style::new("FootnoteReference", StyleType::Character).name("footnote reference"),
        Style::new(HYPERLINK, StyleType::Character)
            .name("Hyperlink")
            .color("0563C1")
            .underline("single"),
        Style::new(TABLE, StyleType::Table)
            .name("Table Grid")
            .table_property(TableProperty::new().set_borders(table_borders())),
    ];
    for level in 1..=3 {
        out.push(
            flush_left(para_style(
                ["TOC1", "TOC2", "TOC3"][level - 1],
                ["toc 1", "toc 2", "toc 3"][level - 1],
                &f.body,
                BODY_SIZE,
            ))
            .indent(Some(CHAR * 2 * (level as i32 - 1)), None, None, None),
        );
    }
    // The footnote reference mark is superscript.
    if let Some(s) = out.iter_mut().find(|s| s.style_id == "FootnoteReference") {
        s.run_property =
            std::mem::take(&mut s.run_property).vert_align(docx_rs::VertAlignType::SuperScript);
    }
    out
}

fn table_borders() -> TableBorders {
    let mut b = TableBorders::new();
    for pos in [
        TableBorderPosition::Top,
        TableBorderPosition::Bottom,
        TableBorderPosition::Left,
        TableBorderPosition::Right,
        TableBorderPosition::InsideH,
        TableBorderPosition::InsideV,
    ] {
        b = b.set(TableBorder::new(pos).size(4));
    }
    b
}

/// "— N —" folios: odd pages right, even pages left, each one character in
/// from the edge of the text, in 宋体 四号; none on the cover.
fn footers(docx: Docx) -> Docx {
    let folio = |align: AlignmentType, left: Option<i32>, right: Option<i32>| {
        let font = RunFonts::new()
            .east_asia("宋体")
            .ascii("宋体")
            .hi_ansi("宋体");
        let run = || Run::new().fonts(font.clone()).size(28);
        Footer::new().add_paragraph(
            Paragraph::new()
                .style(NORMAL)
                .align(align)
                .indent(left, Some(SpecialIndentType::FirstLine(0)), right, None)
                .line_spacing(single())
                .add_run(run().add_text("— "))
                .add_run(
                    run()
                        .add_field_char(FieldCharType::Begin, false)
                        .add_instr_text(InstrText::PAGE(InstrPAGE::new()))
                        .add_field_char(FieldCharType::Separate, false)
                        .add_text("1")
                        .add_field_char(FieldCharType::End, false),
                )
                .add_run(run().add_text(" —")),
        )
    };
    docx.footer(folio(AlignmentType::Right, None, Some(CHAR)))
        .even_footer(folio(AlignmentType::Left, Some(CHAR), None))
        .first_footer(Footer::new().add_paragraph(Paragraph::new().style(NORMAL)))
        .title_pg()
}

/// Bullets and decimal numbers (1. / (1) / ①), one abstract numbering each.
fn numbering(mut docx: Docx, lists: &[(bool, u32)]) -> Docx {
    const BULLET: usize = 1;
    const DECIMAL: usize = 2;
    let mut bullets = AbstractNumbering::new(BULLET);
    let mut numbers = AbstractNumbering::new(DECIMAL);
    for level in 0..9 {
        let indent = list_indent(level);
        let (marks, formats) = (
            ["•", "◦", "▪"][level % 3],
            [
                ("decimal", "%{}."),
                ("decimal", "(%{})"),
                ("decimalEnclosedCircle", "%{}"),
            ][level % 3],
        );
        bullets = bullets.add_level(
            Level::new(
                level,
                Start::new(1),
                NumberFormat::new("bullet"),
                LevelText::new(marks),
                LevelJc::new("left"),
            )
            .indent(
                Some(indent),
                Some(SpecialIndentType::Hanging(CHAR)),
                None,
                None,
            ),
        );
        numbers = numbers.add_level(
            Level::new(
                level,
                Start::new(1),
                NumberFormat::new(formats.0),
                LevelText::new(formats.1.replace("{}", &(level + 1).to_string())),
                LevelJc::new("left"),
            )
            .indent(
                Some(indent),
                Some(SpecialIndentType::Hanging(CHAR * 2)),
                None,
                None,
            ),
        );
    }
    docx = docx
        .add_abstract_numbering(bullets)
        .add_abstract_numbering(numbers);
    for (i, (ordered, start)) in lists.iter().enumerate() {
        let n = Numbering::new(i + 1, if *ordered { DECIMAL } else { BULLET });
        let n = if *ordered {
            n.add_override(docx_rs::LevelOverride::new(0).start(*start as usize))
        } else {
            n
        };
        docx = docx.add_numbering(n);
    }
    docx
}

/// The page, styles, footers and numbering around a document's body.
pub(super) fn frame(mut docx: Docx, f: &Fonts, lang: Language, lists: &[(bool, u32)]) -> Docx {
    for s in styles(f, lang) {
        docx = docx.add_style(s);
    }
    docx = docx
        .page_size(PAGE_W, PAGE_H)
        .page_margin(
            PageMargin::new()
                .top(2_098)
                .bottom(1_984)
                .left(1_588)
                .right(1_474)
                .header(851)
                .footer(1_361),
        )
        .default_fonts(fonts(&f.body))
        .default_size(BODY_SIZE);
    numbering(footers(docx), lists)
}
