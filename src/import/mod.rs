//! A Word submission (.docx) as a casebook document: the front matter from
//! the title and the `key：value` lines submissions open with, the body as
//! Markdown ([`markdown`]) from the parts read by [`word`] out of a package
//! opened with limits ([`package`]), the pictures to write beside it, and a
//! report of what was mapped, dropped and left to fill.

mod markdown;
mod package;
mod word;

use std::collections::HashMap;

pub(crate) use package::NotDocx;

use crate::i18n::Msg;
use crate::msg;

/// The largest .docx imported.
pub(crate) const FILE_LIMIT: u64 = package::LIMITS.file;
#[cfg(test)]
use word::Para;
use word::{Block, Role};

/// The value left where a required field was not found: `casebook check`
/// reports it until an editor writes the real one.
pub(crate) const TODO: &str = "TODO";

/// The kind of document a submission becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportKind {
    Case,
    Summary,
}

/// One imported document, not yet written.
#[derive(Debug, Clone)]
pub(crate) struct Imported {
    pub title: String,
    /// ISO date when found.
    pub date: Option<String>,
    /// The whole Markdown file, front matter included.
    pub text: String,
    /// Pictures to write beside it: file name, bytes.
    pub images: Vec<(String, Vec<u8>)>,
    pub report: Report,
}

/// What the report says about one file.
#[derive(Debug, Clone, Default)]
pub(crate) struct Report {
    /// Where the title came from: the catalogue key of the report's words
    /// (`import-title-from-style`, `-heading`, `-line`, `-nowhere`).
    pub title_from: &'static str,
    /// Front matter fields taken from the opening lines.
    pub from_lines: Vec<&'static str>,
    /// Opening lines kept as comments (contacts …).
    pub kept_as_comments: usize,
    pub made: markdown::Made,
    pub images: usize,
    pub page_breaks: usize,
    pub headers_footers: usize,
    pub comments: usize,
    pub tracked: usize,
    pub text_boxes: usize,
    pub contents: usize,
    /// Required fields left as TODO.
    pub to_fill: Vec<&'static str>,
    pub warnings: Vec<Msg>,
}

/// Keys of the opening lines and the field each fills (None: kept as a
/// comment in the front matter, e.g. contacts, so nothing is lost).
fn opening_key(key: &str) -> Option<Option<&'static str>> {
    let k: String = key.chars().filter(|c| !c.is_whitespace()).collect();
    Some(match k.as_str() {
        "报送单位" | "单位" | "报送部门" | "部门" | "供稿单位" | "填报单位" => {
            Some("unit")
        }
        "县市区" | "县（市、区）" | "县(市、区)" | "县区" | "区县" | "地区" | "所在地"
        | "县（市区）" => Some("region"),
        "日期" | "报送日期" | "时间" | "报送时间" | "填报日期" => Some("date"),
        "联系人" | "联系电话" | "电话" | "手机" | "邮箱" | "撰稿人" | "审核人" | "签发人"
        | "执笔人" => None,
        _ => return None,
    })
}

/// `key：value` (either colon).
fn key_value(text: &str) -> Option<(&str, &str)> {
    let t = text.trim();
    let i = t.find(['：', ':'])?;
    let (k, v) = t.split_at(i);
    let v = v.trim_start_matches(['：', ':']).trim();
    (!k.is_empty() && k.chars().count() <= 8).then_some((k.trim(), v))
}

/// A date as written in a submission, as `YYYY-MM-DD`.
fn iso_date(v: &str) -> Option<String> {
    if let Ok(d) = crate::load::reader::parse_date(v) {
        return Some(d.to_string());
    }
    crate::load::chinese_date(v)
}

/// The title: the Title style, else the first paragraph if it is a
/// heading, else the first line; the index of its block.
fn find_title(blocks: &[Block], styles: &word::Styles) -> Option<(usize, String, &'static str)> {
    let para = |b: &Block| match b {
        Block::Para(p) if !p.text().trim().is_empty() => Some(p.clone()),
        _ => None,
    };
    for (i, b) in blocks.iter().enumerate() {
        if let Some(p) = para(b)
            && styles.role(p.style.as_deref(), p.outline) == Role::Title
        {
            return Some((i, p.text().trim().to_string(), "import-title-from-style"));
        }
    }
    let (i, p) = blocks
        .iter()
        .enumerate()
        .find_map(|(i, b)| para(b).map(|p| (i, p)))?;
    let from = match styles.role(p.style.as_deref(), p.outline) {
        Role::Heading(_) => "import-title-from-heading",
        _ => "import-title-from-line",
    };
    let text = p.text().split_whitespace().collect::<Vec<_>>().join(" ");
    Some((i, text, from))
}

/// The units and regions the site's cases already use. An opening line
/// that names one of them in other words (滨州市滨城区 for 滨城区) is
/// written as the site spells it, so the region pages and the figures do
/// not split one place in two.
#[derive(Debug, Clone, Default)]
pub(crate) struct Known {
    pub units: Vec<String>,
    pub regions: Vec<String>,
}

/// How a submitted value stands to the site's values.
#[derive(Debug, PartialEq)]
enum Spelling<'a> {
    /// Written as the site has it, or the site has none yet.
    Same,
    /// The site's spelling of the same name.
    Site(&'a str),
    /// Not among the site's values.
    New,
}

/// One submitted value against the site's: the same once whitespace is
/// ignored, or the one known value that contains it or that it contains
/// (at least two characters, so a stray 县 matches nothing).
fn spelling<'a>(value: &str, known: &'a [String]) -> Spelling<'a> {
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let v = squeeze(value);
    if known.is_empty() || known.iter().any(|k| squeeze(k) == v) {
        return Spelling::Same;
    }
    let near: Vec<&String> = known
        .iter()
        .filter(|k| {
            let k = squeeze(k);
            k.chars().count() >= 2 && v.chars().count() >= 2 && (k.contains(&v) || v.contains(&k))
        })
        .collect();
    match near.as_slice() {
        [one] => Spelling::Site(one.as_str()),
        _ => Spelling::New,
    }
}

/// Writes the opening lines' unit and region as the site spells them, and
/// says which region is new to the site (a unit is often new: not said).
fn settle(o: &mut Opening, known: &Known, report: &mut Report) {
    for (field, value, list) in [
        ("unit", &mut o.unit, &known.units),
        ("region", &mut o.region, &known.regions),
    ] {
        let Some(v) = value.as_mut() else { continue };
        match spelling(v, list) {
            Spelling::Same => {}
            Spelling::Site(k) => {
                report.warnings.push(msg!(
                    "import-spelled-as-site",
                    field = field,
                    value = v.as_str(),
                    site = k
                ));
                *v = k.to_string();
            }
            Spelling::New if field == "region" => {
                let mut shown: Vec<&str> = list.iter().take(8).map(String::as_str).collect();
                if list.len() > shown.len() {
                    shown.push("…");
                }
                report.warnings.push(msg!(
                    "import-region-new",
                    value = v.as_str(),
                    known = shown.join("、")
                ));
            }
            Spelling::New => {}
        }
    }
}

/// Front matter fields found in the opening lines.
#[derive(Default)]
struct Opening {
    unit: Option<String>,
    region: Option<String>,
    date: Option<String>,
    /// A date line that could not be read: kept to show.
    bad_date: Option<String>,
    comments: Vec<String>,
}

/// Takes the `key：value` lines that follow the title out of `blocks`.
fn take_opening(blocks: &mut Vec<Block>, from: usize, report: &mut Report) -> Opening {
    let mut o = Opening::default();
    let mut i = from;
    while i < blocks.len() {
        let Block::Para(p) = &blocks[i] else { break };
        let text = p.text();
        if text.trim().is_empty() {
            i += 1;
            continue;
        }
        let Some((k, v)) = key_value(&text) else {
            break;
        };
        let Some(field) = opening_key(k) else { break };
        match field {
            Some("unit") if !v.is_empty() => {
                o.unit = Some(v.to_string());
                report.from_lines.push("unit");
            }
            Some("region") if !v.is_empty() => {
                o.region = Some(v.to_string());
                report.from_lines.push("region");
            }
            Some("date") => match iso_date(v) {
                Some(d) => {
                    o.date = Some(d);
                    report.from_lines.push("date");
                }
                None => o.bad_date = Some(text.trim().to_string()),
            },
            _ => {
                o.comments.push(text.trim().to_string());
                report.kept_as_comments += 1;
            }
        }
        blocks.remove(i);
    }
    o
}

fn front_matter(
    kind: ImportKind,
    title: &str,
    source: &str,
    o: &Opening,
    report: &mut Report,
) -> String {
    let mut fm = String::from("+++\n");
    fm.push_str(&format!(
        "# 由 casebook import 从 {} 导入。核对无误、填好 TODO 后删去 draft 一行即可发布。\n",
        crate::text::toml_string(source)
    ));
    fm.push_str(&format!("title = {}\n", crate::text::toml_string(title)));
    match &o.date {
        Some(d) => fm.push_str(&format!("date = {d}\n")),
        None => {
            report.to_fill.push("date");
            let seen = o
                .bad_date
                .as_ref()
                .map(|b| format!("（原文：{b}）"))
                .unwrap_or_default();
            fm.push_str(&format!(
                "date = {}\n",
                crate::text::toml_string(&format!("{TODO}：填写报送日期，如 2024-06-12{seen}"))
            ));
        }
    }
    let field = |name: &str, v: &Option<String>, fm: &mut String| match v {
        Some(v) if kind == ImportKind::Case => {
            fm.push_str(&format!("{name} = {}\n", crate::text::toml_string(v)))
        }
        Some(v) => fm.push_str(&format!("# {name}：{v}\n")),
        None if kind == ImportKind::Case => fm.push_str(&format!("# {name} = \"\"\n")),
        None => {}
    };
    field("unit", &o.unit, &mut fm);
    field("region", &o.region, &mut fm);
    for c in &o.comments {
        fm.push_str(&format!("# {}\n", c.replace('\n', " ")));
    }
    fm.push_str("draft = true\n+++\n\n");
    fm
}

/// A picture's file extension from its name in the package.
fn extension(name: &str) -> String {
    name.rsplit('.')
        .next()
        .filter(|e| e.len() <= 5 && *e != name)
        .map_or_else(|| "bin".to_string(), str::to_ascii_lowercase)
}

/// The pictures the body shows, named by order of first use in their own
/// format (tu-1.png …); their names by relationship id, and their bytes.
type Pictures = (HashMap<String, String>, Vec<(String, Vec<u8>)>);

fn pictures(
    blocks: &[Block],
    rels: &HashMap<String, (String, bool)>,
    pkg: &mut package::Package,
    report: &mut Report,
) -> Result<Pictures, NotDocx> {
    let mut order: Vec<String> = Vec::new();
    let mut collect = |pieces: &[word::Piece]| {
        for p in pieces {
            if let word::Piece::Image { rid, .. } = p
                && !order.contains(rid)
            {
                order.push(rid.clone());
            }
        }
    };
    for b in blocks {
        match b {
            Block::Para(p) => collect(&p.pieces),
            Block::Table(rows) => rows
                .iter()
                .flatten()
                .flat_map(|c| &c.paras)
                .for_each(|p| collect(&p.pieces)),
        }
    }
    let mut names: HashMap<String, String> = HashMap::new();
    let mut images = Vec::new();
    for rid in &order {
        let Some((target, false)) = rels.get(rid) else {
            continue;
        };
        let path = format!(
            "word/{}",
            target.trim_start_matches('/').trim_start_matches("word/")
        );
        let Some(bytes) = pkg.media(&path)? else {
            report
                .warnings
                .push(msg!("import-picture-missing", target = target));
            continue;
        };
        let ext = extension(target);
        if matches!(ext.as_str(), "emf" | "wmf") {
            report.warnings.push(msg!(
                "import-picture-metafile",
                number = images.len() + 1,
                ext = ext.as_str()
            ));
        }
        let name = format!("tu-{}.{ext}", images.len() + 1);
        names.insert(rid.clone(), name.clone());
        images.push((name, bytes));
    }
    Ok((names, images))
}

/// Reads one .docx into a document of `kind`; `source` names it in the
/// front matter; `known` is what the site's cases already use.
pub(crate) fn import(
    bytes: Vec<u8>,
    kind: ImportKind,
    source: &str,
    known: &Known,
) -> Result<Imported, NotDocx> {
    let mut pkg = package::Package::open(bytes)?;
    let document = pkg
        .xml("word/document.xml")?
        .ok_or_else(|| NotDocx(Msg::new("import-no-document-xml")))?;
    let rels = pkg
        .xml("word/_rels/document.xml.rels")?
        .map(|x| word::relationships(&x))
        .unwrap_or_default();
    let styles = pkg
        .xml("word/styles.xml")?
        .map(|x| word::Styles::parse(&x))
        .unwrap_or_default();
    let numbering = pkg
        .xml("word/numbering.xml")?
        .map(|x| word::Numbering::parse(&x))
        .unwrap_or_default();
    let mut walked = word::walk(&document, Some(&rels));
    if let Some((at, reason)) = &walked.broken {
        return Err(NotDocx(msg!(
            "import-broken-xml",
            byte = *at,
            reason = reason
        )));
    }
    if let Some(x) = pkg.xml("word/footnotes.xml")? {
        walked.notes = word::walk(&x, Some(&rels)).notes;
    }
    let mut report = Report {
        page_breaks: walked.dropped.page_breaks,
        headers_footers: walked.headers_footers,
        comments: walked.dropped.comments,
        tracked: walked.dropped.tracked,
        text_boxes: walked.dropped.text_boxes,
        ..Report::default()
    };
    let mut blocks = std::mem::take(&mut walked.blocks);
    let (title, opening) = match find_title(&blocks, &styles) {
        Some((i, title, from)) => {
            report.title_from = from;
            blocks.remove(i);
            let mut o = take_opening(&mut blocks, i, &mut report);
            settle(&mut o, known, &mut report);
            (title, o)
        }
        None => {
            report.title_from = "import-title-from-nowhere";
            report.to_fill.push("title");
            (format!("{TODO}：填写标题"), Opening::default())
        }
    };

    let (names, images) = pictures(&blocks, &rels, &mut pkg, &mut report)?;
    report.images = images.len();

    let mut notes = Vec::new();
    let mut made = markdown::Made::default();
    let lookup = |rid: &str| names.get(rid).cloned();
    let mut inline = markdown::Inline {
        notes: &mut notes,
        images: &lookup,
        made: &mut made,
    };
    let body = markdown::body(
        &blocks,
        &styles,
        &numbering,
        &walked.notes,
        &mut inline,
        &mut report.contents,
    );
    report.made = made;
    let fm = front_matter(kind, &title, source, &opening, &mut report);
    Ok(Imported {
        title,
        date: opening.date,
        text: format!("{fm}{body}\n"),
        images,
        report,
    })
}

/// Paragraph text, for tests of the reader.
#[cfg(test)]
fn texts(blocks: &[Block]) -> Vec<String> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Para(p) => Some(Para::text(p)),
            Block::Table(_) => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn submitted_names_take_the_sites_spelling() {
        let known = [
            "滨城区".to_string(),
            "沾化区".to_string(),
            "邹平市".to_string(),
        ];
        assert_eq!(spelling("滨城区", &known), Spelling::Same);
        assert_eq!(spelling(" 滨城 区", &known), Spelling::Same);
        assert_eq!(spelling("滨州市滨城区", &known), Spelling::Site("滨城区"));
        assert_eq!(spelling("邹平", &known), Spelling::Site("邹平市"));
        assert_eq!(spelling("阳信县", &known), Spelling::New);
        // One character matches nothing; two candidates are not guessed.
        assert_eq!(spelling("区", &known), Spelling::New);
        assert_eq!(spelling("滨城区沾化区", &known), Spelling::New);
        assert_eq!(spelling("任何地方", &[]), Spelling::Same);
    }

    #[test]
    fn settling_reports_what_it_changed_and_new_regions() {
        let known = Known {
            units: vec!["滨州市行政审批服务局".into()],
            regions: vec!["滨城区".into()],
        };
        let mut report = Report::default();
        let mut o = Opening {
            unit: Some("某某县行政审批服务局".into()),
            region: Some("滨州市滨城区".into()),
            ..Opening::default()
        };
        settle(&mut o, &known, &mut report);
        assert_eq!(o.region.as_deref(), Some("滨城区"));
        assert_eq!(o.unit.as_deref(), Some("某某县行政审批服务局"));
        assert_eq!(report.warnings.len(), 1, "{:?}", report.warnings);
        assert_eq!(report.warnings[0].key(), "import-spelled-as-site");
        assert_eq!(
            report.warnings[0].render(crate::i18n::Language::En),
            "region \"滨州市滨城区\" written as \"滨城区\", as the site's other cases have it"
        );
        let mut o = Opening {
            region: Some("阳信县".into()),
            ..Opening::default()
        };
        settle(&mut o, &known, &mut report);
        let new = report.warnings[1].render(crate::i18n::Language::En);
        assert!(new.contains("阳信县") && new.contains("滨城区"), "{new}");
        let zh = report.warnings[1].render(crate::i18n::Language::ZhCn);
        assert!(zh.contains("阳信县") && zh.contains("核对"), "{zh}");
    }

    #[test]
    fn opening_lines_are_recognised() {
        assert_eq!(
            key_value("报送单位：某某县审批局"),
            Some(("报送单位", "某某县审批局"))
        );
        assert_eq!(
            key_value("日期: 2024年6月12日"),
            Some(("日期", "2024年6月12日"))
        );
        assert_eq!(opening_key("县（市、区）"), Some(Some("region")));
        assert_eq!(opening_key("联系人"), Some(None));
        assert_eq!(opening_key("主要做法"), None);
        assert_eq!(iso_date("2024年6月12日").as_deref(), Some("2024-06-12"));
        assert_eq!(iso_date("2024.6.12").as_deref(), Some("2024-06-12"));
        assert_eq!(iso_date("2024-06-12").as_deref(), Some("2024-06-12"));
        assert_eq!(iso_date("六月"), None);
    }

    #[test]
    fn tracked_changes_keep_the_accepted_text() {
        let xml = r#"<w:document><w:body><w:p><w:r><w:t>甲</w:t></w:r><w:ins><w:r><w:t>乙</w:t></w:r></w:ins><w:del><w:r><w:delText>丙</w:delText></w:r></w:del><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>丁</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:body></w:document>"#;
        let w = word::walk(xml, None);
        assert_eq!(texts(&w.blocks), ["甲乙丁"]);
        assert_eq!(w.dropped.tracked, 2);
    }
}
