//! The `[pdf]` table: whether builds typeset each compilation, which
//! layout, and the font families per role.

use super::CONFIG_FILE;
use crate::diag::allowed_hint;
use crate::i18n::Msg;
use crate::load::reader::Reader;
use crate::msg;

/// The page design of a typeset compilation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PdfLayout {
    /// GB/T 9704-2012 (党政机关公文格式) on A4.
    Gbt9704,
    /// A lighter book style: serif body, smaller type, centred folios.
    Book,
}

impl PdfLayout {
    pub const NAMES: &[&str] = &["gbt9704", "book"];

    pub fn name(self) -> &'static str {
        match self {
            PdfLayout::Gbt9704 => "gbt9704",
            PdfLayout::Book => "book",
        }
    }
}

/// A font role of the layouts, with the families tried in order when the
/// site names none: the 公文 fonts first, then the free CJK fonts most
/// systems have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FontRole {
    Body,
    Heading,
    Title,
    Kai,
    Mono,
}

impl FontRole {
    pub const ALL: [FontRole; 5] = [
        FontRole::Body,
        FontRole::Heading,
        FontRole::Title,
        FontRole::Kai,
        FontRole::Mono,
    ];

    pub fn key(self) -> &'static str {
        match self {
            FontRole::Body => "body",
            FontRole::Heading => "heading",
            FontRole::Title => "title",
            FontRole::Kai => "kai",
            FontRole::Mono => "mono",
        }
    }

    /// The default families of this role for `layout`, best first.
    pub fn defaults(self, layout: PdfLayout) -> &'static [&'static str] {
        const SERIF: &[&str] = &[
            "Noto Serif CJK SC",
            "Source Han Serif SC",
            "Source Han Serif CN",
            "SimSun",
            "宋体",
        ];
        match (self, layout) {
            (FontRole::Body, PdfLayout::Gbt9704) => &[
                "FangSong",
                "仿宋",
                "FangSong_GB2312",
                "仿宋_GB2312",
                "STFangsong",
                "Noto Serif CJK SC",
                "Source Han Serif SC",
                "SimSun",
            ],
            (FontRole::Body, PdfLayout::Book) => SERIF,
            (FontRole::Heading, _) => &[
                "SimHei",
                "黑体",
                "STHeiti",
                "Noto Sans CJK SC",
                "Source Han Sans SC",
                "Source Han Sans CN",
                "Microsoft YaHei",
            ],
            (FontRole::Title, _) => &[
                "方正小标宋简体",
                "FZXiaoBiaoSong-B05S",
                "方正小标宋_GBK",
                "SimSun",
                "宋体",
                "Noto Serif CJK SC",
                "Source Han Serif SC",
            ],
            (FontRole::Kai, _) => &[
                "KaiTi",
                "楷体",
                "KaiTi_GB2312",
                "楷体_GB2312",
                "STKaiti",
                "AR PL UKai CN",
                "Noto Serif CJK SC",
                "Source Han Serif SC",
            ],
            (FontRole::Mono, _) => &[
                "Noto Sans Mono CJK SC",
                "DejaVu Sans Mono",
                "Liberation Mono",
                "Consolas",
                "Noto Sans CJK SC",
            ],
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    A4,
    B5,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfConfig {
    /// `casebook build` and `bundle` also typeset every compilation.
    pub build: bool,
    pub layout: PdfLayout,
    /// Only for `layout = "book"`; GB/T 9704 is A4.
    pub paper: Paper,
    /// Families named per role (in [`FontRole::ALL`] order); empty = the
    /// layout's defaults.
    pub fonts: [Vec<String>; 5],
    /// Site-relative folders whose fonts are used besides the system's.
    pub font_dirs: Vec<String>,
    /// Use the fonts installed on the system (off: only `font_dirs`, so
    /// every machine typesets alike).
    pub system_fonts: bool,
    /// Where font messages point: each role's entry in `[pdf.fonts]`, else
    /// the `[pdf]` table, else the top of the file.
    pub font_pos: [crate::diag::Pos; 5],
}

impl Default for PdfConfig {
    fn default() -> Self {
        PdfConfig {
            build: false,
            layout: PdfLayout::Gbt9704,
            paper: Paper::A4,
            fonts: Default::default(),
            font_dirs: Vec::new(),
            system_fonts: true,
            font_pos: [crate::diag::Pos::START; 5],
        }
    }
}

impl PdfConfig {
    /// The families of `role`: the site's, else the layout's defaults.
    pub fn families(&self, role: FontRole) -> Vec<String> {
        let named = &self.fonts[role as usize];
        if named.is_empty() {
            role.defaults(self.layout)
                .iter()
                .map(|s| s.to_string())
                .collect()
        } else {
            named.clone()
        }
    }
}

/// Reads `[pdf]` (and `[pdf.fonts]`) from the config's top-level reader.
pub(super) fn read(r: &mut Reader) -> PdfConfig {
    let mut pdf = PdfConfig::default();
    let Some((t, pos)) = r.table("pdf", "[pdf]\nbuild = true") else {
        return pdf;
    };
    pdf.font_pos = [pos; 5];
    let mut m = Reader::new(t, CONFIG_FILE, pos, r.diags).with_prefix("pdf.");
    pdf.build = m.bool("build").unwrap_or(false);
    pdf.system_fonts = m.bool("system_fonts").unwrap_or(true);
    if let Some(l) = m.string("layout", false, "layout = \"gbt9704\"") {
        match l.as_str() {
            "gbt9704" => pdf.layout = PdfLayout::Gbt9704,
            "book" => pdf.layout = PdfLayout::Book,
            _ => {
                let hint = allowed_hint(&l, PdfLayout::NAMES);
                m.error(
                    l.pos,
                    msg!("cfg-unknown-pdf-layout", value = &l.value),
                    hint,
                );
            }
        }
    }
    if let Some(p) = m.string("paper", false, "paper = \"a4\"") {
        match p.to_ascii_lowercase().as_str() {
            "a4" => pdf.paper = Paper::A4,
            "b5" => pdf.paper = Paper::B5,
            _ => {
                let hint = allowed_hint(&p, &["a4", "b5"]);
                m.error(p.pos, msg!("cfg-unknown-paper", value = &p.value), hint);
            }
        }
        if pdf.layout == PdfLayout::Gbt9704 && pdf.paper != Paper::A4 {
            m.warn(
                p.pos,
                Msg::new("cfg-paper-gbt9704"),
                Msg::new("cfg-paper-gbt9704-hint"),
            );
            pdf.paper = Paper::A4;
        }
    }
    pdf.font_dirs = m
        .string_list("font_dirs", "font_dirs = [\"fonts\"]")
        .into_iter()
        .map(|s| s.value)
        .collect();
    if let Some((ft, fpos)) = m.table(
        "fonts",
        "[pdf.fonts]\nbody = [\"FangSong\", \"Noto Serif CJK SC\"]",
    ) {
        let mut f = m.nested(ft, fpos, "pdf.fonts.");
        for role in FontRole::ALL {
            let example = format!("{} = [\"Noto Serif CJK SC\"]", role.key());
            let list = f.string_list(role.key(), &example);
            if let Some(first) = list.first() {
                pdf.font_pos[role as usize] = first.pos;
            }
            pdf.fonts[role as usize] = list.into_iter().map(|s| s.value).collect();
        }
        f.finish(msg!("cfg-in-table", table = "[pdf.fonts]"));
    }
    m.finish(msg!("cfg-in-table", table = "[pdf]"));
    pdf
}
