//! `casebook docx` and `[docx] build`: the Word document read back part by
//! part (paragraphs with their styles, tables, notes, pictures, links,
//! styles, page, properties) and every error path. Uses the PDF tests'
//! fixture site, which has a table, a footnote, a picture, code, links
//! between cases and characters that must come out as written.

mod common;

use std::collections::HashMap;
use std::io::Read;

use common::Fixture;
use quick_xml::events::Event;

use common::PAPER_TITLES as TITLES;

fn site() -> Fixture {
    Fixture::copy_of("pdf-site")
}

/// Runs `casebook docx` into `<site>/out.docx`; the bytes and stderr.
fn export(f: &Fixture) -> (Vec<u8>, String) {
    let out = f.run(&["docx", "-o", f.path().join("out.docx").to_str().unwrap()]);
    assert_eq!(out.code, 0, "casebook docx failed:\n{}", out.stderr);
    (
        std::fs::read(f.path().join("out.docx")).expect("out.docx"),
        out.stderr,
    )
}

/// Every entry of the package: name → bytes, and names in order.
fn parts(docx: &[u8]) -> (HashMap<String, Vec<u8>>, Vec<String>) {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip");
    let mut map = HashMap::new();
    let mut names = Vec::new();
    for i in 0..zip.len() {
        let mut e = zip.by_index(i).expect("entry");
        let mut bytes = Vec::new();
        e.read_to_end(&mut bytes).expect("read entry");
        let name = e.name().expect("entry name").into_owned();
        names.push(name.clone());
        map.insert(name, bytes);
    }
    (map, names)
}

fn part(parts: &HashMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(
        parts
            .get(name)
            .unwrap_or_else(|| panic!("no {name}"))
            .clone(),
    )
    .expect("UTF-8")
}

/// A paragraph as read back: its style, text, and what else it holds.
#[derive(Debug, Default, Clone)]
struct Para {
    style: String,
    text: String,
    page_break: bool,
    in_table: bool,
    footnote_refs: usize,
    pictures: usize,
    links: Vec<String>,
    numbered: bool,
}

fn attr(e: &quick_xml::events::BytesStart, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| {
            a.normalized_value(quick_xml::XmlVersion::Explicit1_0)
                .expect("attribute")
                .into_owned()
        })
}

/// The paragraphs of a part, in order, with every `w:t` unescaped.
fn paragraphs(xml: &str) -> Vec<Para> {
    let mut r = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    let mut cur: Option<Para> = None;
    let mut tables = 0;
    let mut in_text = false;
    loop {
        match r.read_event().expect("well-formed XML") {
            ev @ (Event::Start(_) | Event::Empty(_)) => {
                let (Event::Start(e) | Event::Empty(e)) = &ev else {
                    unreachable!()
                };
                let e = e.clone();
                let name = e.name().as_ref().to_vec();
                match name.as_slice() {
                    b"w:tbl" => tables += 1,
                    b"w:p" => {
                        cur = Some(Para {
                            in_table: tables > 0,
                            ..Para::default()
                        });
                    }
                    b"w:pStyle" => {
                        if let Some(p) = &mut cur {
                            p.style = attr(&e, b"w:val").unwrap_or_default();
                        }
                    }
                    b"w:pageBreakBefore" => {
                        if let Some(p) = &mut cur {
                            p.page_break = true;
                        }
                    }
                    b"w:footnoteReference" => {
                        if let Some(p) = &mut cur {
                            p.footnote_refs += 1;
                        }
                    }
                    b"w:drawing" => {
                        if let Some(p) = &mut cur {
                            p.pictures += 1;
                        }
                    }
                    b"w:numPr" => {
                        if let Some(p) = &mut cur {
                            p.numbered = true;
                        }
                    }
                    b"w:hyperlink" => {
                        if let Some(p) = &mut cur {
                            let to = attr(&e, b"w:anchor")
                                .map(|a| format!("#{a}"))
                                .or_else(|| attr(&e, b"r:id"))
                                .unwrap_or_default();
                            p.links.push(to);
                        }
                    }
                    b"w:t" => in_text = matches!(ev, Event::Start(_)),
                    _ => {}
                }
            }
            Event::Text(t) if in_text => {
                if let Some(p) = &mut cur {
                    p.text.push_str(&t.decode().expect("text"));
                }
            }
            Event::GeneralRef(g) if in_text => {
                if let Some(p) = &mut cur {
                    let name = g.decode().expect("ref");
                    p.text.push_str(match name.as_ref() {
                        "lt" => "<",
                        "gt" => ">",
                        "amp" => "&",
                        "quot" => "\"",
                        "apos" => "'",
                        other => panic!("unexpected entity {other}"),
                    });
                }
            }
            Event::End(e) => match e.name().as_ref() {
                b"w:t" => in_text = false,
                b"w:p" => out.extend(cur.take()),
                b"w:tbl" => tables -= 1,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

fn with_style<'a>(paras: &'a [Para], style: &str) -> Vec<&'a Para> {
    paras.iter().filter(|p| p.style == style).collect()
}

#[test]
fn a_compilation_becomes_a_word_document() {
    let f = site();
    let (bytes, stderr) = export(&f);
    assert!(stderr.contains("wrote 5 cases"), "{stderr}");
    let (parts, _) = parts(&bytes);
    let doc = part(&parts, "word/document.xml");
    let paras = paragraphs(&doc);
    let styled = |s| -> Vec<String> {
        with_style(&paras, s)
            .iter()
            .map(|p| p.text.clone())
            .collect()
    };

    // Cover, preface, contents, in that order.
    assert_eq!(paras[0].style, "Title");
    assert_eq!(paras[0].text, "2024年度改革典型案例汇编");
    assert_eq!(styled("Subtitle"), ["排版测试用汇编"]);
    assert_eq!(styled("CoverInfo"), ["测试市委改革办", "2024年12月1日"]);
    assert_eq!(styled("FrontTitle"), ["前言", "目录"]);
    let preface = paras.iter().position(|p| p.text == "前言").unwrap();
    assert!(paras[preface + 1].text.contains("本汇编收录五篇案例"));

    // Chapters (Heading 1) and cases (Heading 2), each case from a new
    // page except the first of a chapter, which follows its heading.
    assert_eq!(
        styled("Heading1"),
        ["第一章　优化营商环境", "第二章　基层治理"]
    );
    let mut cases = styled("Heading2");
    cases.sort();
    let mut want: Vec<String> = TITLES.iter().map(|s| s.to_string()).collect();
    want.sort();
    assert_eq!(cases, want);
    let numbers = with_style(&paras, "CaseNumber");
    assert_eq!(numbers.len(), 5);
    assert_eq!(numbers[0].text, "案例1");
    for (i, n) in numbers.iter().enumerate() {
        let first_of_chapter = {
            let at = paras.iter().position(|p| std::ptr::eq(p, *n)).unwrap();
            paras[at - 1].style == "Heading1"
        };
        assert_eq!(n.page_break, !first_of_chapter, "case {}", i + 1);
    }
    assert!(with_style(&paras, "Heading1").iter().all(|p| !p.page_break));

    // The contents: a TOC field over Heading 1–2, its entries already
    // written and linked to the headings' bookmarks, each with a PAGEREF.
    assert!(doc.contains(r#"TOC \o &quot;1-2&quot; \h"#), "no TOC field");
    assert!(doc.contains(r#"w:fldCharType="begin" w:dirty="true""#));
    let toc: Vec<&Para> = paras
        .iter()
        .filter(|p| p.style.starts_with("TOC"))
        .collect();
    assert_eq!(toc.len(), 2 + 5 + 1, "{toc:#?}");
    assert_eq!(toc[0].text, "第一章　优化营商环境");
    assert_eq!(toc[0].links, ["#cb-chapter-1"]);
    assert_eq!(toc[1].links, ["#cb-case-1"]);
    for n in 1..=5 {
        assert!(
            doc.contains(&format!(r#"w:name="cb-case-{n}""#)),
            "bookmark {n}"
        );
        assert!(
            doc.contains(&format!(r#"PAGEREF cb-case-{n} \h"#)),
            "pageref {n}"
        );
    }
}

#[test]
fn cases_keep_their_details_tables_notes_pictures_and_links() {
    let f = site();
    let (bytes, _) = export(&f);
    let (parts, _) = parts(&bytes);
    let doc = part(&parts, "word/document.xml");
    let paras = paragraphs(&doc);
    let styled = |s| -> Vec<String> {
        with_style(&paras, s)
            .iter()
            .map(|p| p.text.clone())
            .collect()
    };

    // A case's details and recognition.
    let meta = styled("CaseMeta");
    assert!(
        meta.contains(&"测试市行政审批服务局　东区　2024年3月1日".to_string()),
        "{meta:?}"
    );
    assert!(!styled("RecognitionTitle").is_empty());
    let cells: Vec<&str> = paras
        .iter()
        .filter(|p| p.in_table)
        .map(|p| p.text.as_str())
        .collect();
    for want in [
        "2024年5月10日",
        "省级批示",
        "省政府主要负责同志",
        "国家级表彰",
    ] {
        assert!(cells.contains(&want), "{want} not in {cells:?}");
    }
    assert!(
        cells.iter().any(|c| c.starts_with("国务院办公厅")),
        "{cells:?}"
    );

    // Body: headings under the case, a Markdown table with its header
    // row, code, special characters as written.
    assert!(styled("Heading3").contains(&"改革背景".to_string()));
    for want in ["指标", "改革前", "办理环节", "5 个", "0.5 天"] {
        assert!(cells.contains(&want), "{want} not in {cells:?}");
    }
    assert_eq!(with_style(&paras, "TableHead").len(), 3);
    assert!(
        styled("Code")
            .iter()
            .any(|c| c.contains("[share]") && c.contains("enabled = true"))
    );
    let all: String = paras.iter().map(|p| p.text.as_str()).collect();
    assert!(
        all.contains("正文里的 # 号、$ 符号、* 星号、_ 下划线、@ 符号、< 和 > 都原样印出。"),
        "{all}"
    );
    assert!(all.contains("#import \"evil.typ\""));

    // A footnote: referenced in the body, its text in footnotes.xml.
    assert_eq!(paras.iter().map(|p| p.footnote_refs).sum::<usize>(), 1);
    let notes = paragraphs(&part(&parts, "word/footnotes.xml"));
    assert!(
        notes
            .iter()
            .any(|p| p.style == "FootnoteText" && p.text == "数据截至2024年6月。"),
        "{notes:#?}"
    );

    // The picture, in its own format, described; a link between cases is
    // a link to the other case's bookmark; an address is an external link.
    assert_eq!(paras.iter().map(|p| p.pictures).sum::<usize>(), 1);
    assert!(
        parts.contains_key("word/media/rIdImage1.png"),
        "{:?}",
        parts.keys()
    );
    assert!(doc.contains(r#"descr="平台截图""#));
    let links: Vec<&String> = paras.iter().flat_map(|p| &p.links).collect();
    assert!(
        links.iter().any(|l| l.starts_with("#cb-case-")),
        "{links:?}"
    );
    let rels = part(&parts, "word/_rels/document.xml.rels");
    assert!(
        rels.contains(r#"Target="https://data.example.gov.cn/" TargetMode="External""#),
        "{rels}"
    );
}

#[test]
fn the_page_and_styles_are_those_of_gbt_9704() {
    let f = site();
    let (bytes, _) = export(&f);
    let (parts, _) = parts(&bytes);
    let doc = part(&parts, "word/document.xml");
    assert!(doc.contains(r#"<w:pgSz w:w="11906" w:h="16838""#), "A4");
    for m in [
        r#"w:top="2098""#,
        r#"w:bottom="1984""#,
        r#"w:left="1588""#,
        r#"w:right="1474""#,
    ] {
        assert!(doc.contains(m), "margin {m}");
    }
    let styles = part(&parts, "word/styles.xml");
    // Built-in styles by Word's own names (Chinese Word shows 标题, 标题 1,
    // 正文); ours named in the site's language.
    for name in [
        "Normal",
        "Title",
        "heading 1",
        "heading 2",
        "heading 3",
        "toc 1",
        "footnote text",
        "案例编号",
        "案例信息",
    ] {
        assert!(
            styles.contains(&format!(r#"<w:name w:val="{name}" />"#)),
            "style {name}"
        );
    }
    assert_eq!(
        styles.matches(r#"w:styleId="Normal""#).count(),
        1,
        "one Normal style"
    );
    let normal = &styles[styles.find(r#"w:styleId="Normal""#).unwrap()..];
    let normal = &normal[..normal.find("</w:style>").unwrap()];
    assert!(normal.contains(r#"w:eastAsia="仿宋""#), "{normal}");
    assert!(normal.contains(r#"<w:sz w:val="32" />"#), "三号: {normal}");
    assert!(
        normal.contains(r#"w:firstLine="640""#),
        "two characters: {normal}"
    );
    assert!(
        normal.contains(r#"w:line="580" w:lineRule="exact""#),
        "{normal}"
    );
    let h1 = &styles[styles.find(r#"w:styleId="Heading3""#).unwrap()..];
    assert!(h1[..h1.find("</w:style>").unwrap()].contains(r#"w:eastAsia="黑体""#));
    // Folios "— N —" with a PAGE field, odd and even; none on the cover.
    let footers: Vec<String> = (1..=3)
        .map(|i| part(&parts, &format!("word/footer{i}.xml")))
        .collect();
    assert_eq!(footers.iter().filter(|f| f.contains("PAGE")).count(), 2);
    assert!(
        footers
            .iter()
            .all(|f| !f.contains("PAGE") || f.contains("— "))
    );
    assert!(doc.contains("<w:titlePg />"), "no folio on the cover");
    assert!(part(&parts, "word/settings.xml").contains("evenAndOddHeaders"));
    // The compilation's properties, dated by the compilation.
    let core = part(&parts, "docProps/core.xml");
    assert!(
        core.contains("<dc:title>2024年度改革典型案例汇编</dc:title>"),
        "{core}"
    );
    assert!(core.contains("<dc:creator>测试市委改革办</dc:creator>"));
    assert!(core.contains("<dc:language>zh-CN</dc:language>"));
    assert!(core.contains(">2024-12-01T00:00:00Z</dcterms:created>"));
}

#[test]
fn same_inputs_give_the_same_bytes() {
    let f = site();
    let (a, _) = export(&f);
    let (b, _) = export(&f);
    assert!(a == b, "two exports differ");
    let (_, names) = parts(&a);
    assert_eq!(names[0], "[Content_Types].xml");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&a)).unwrap();
    for i in 0..zip.len() {
        let e = zip.by_index(i).unwrap();
        let t = e.last_modified().expect("a date");
        assert_eq!(
            (t.year(), t.month(), t.day()),
            (1980, 1, 1),
            "{:?}",
            e.name()
        );
    }
}

#[test]
fn docx_build_puts_word_into_the_site_with_a_link() {
    let f = site();
    let cfg = f.read("casebook.toml");
    f.write("casebook.toml", &format!("{cfg}\n[docx]\nbuild = true\n"));
    let out = f.build_ok(&[]);
    let docx = out.join("compilations/2024-huibian/2024-huibian.docx");
    let bytes = std::fs::read(&docx).expect("the .docx in the site");
    let (parts, _) = parts(&bytes);
    assert!(part(&parts, "word/document.xml").contains("2024年度改革典型案例汇编"));
    let page = f.html("public/compilations/2024-huibian/index.html");
    let links = common::attrs(&page, "a[download]", "href");
    assert!(
        links.iter().any(|h| h.ends_with("2024-huibian.docx")),
        "{links:?}"
    );
    assert!(
        common::texts(&page, "a[download]")
            .iter()
            .any(|t| t == "下载 Word")
    );
    // Without the setting there is neither file nor link.
    f.write("casebook.toml", &cfg);
    let out = f.build_ok(&[]);
    assert!(
        !out.join("compilations/2024-huibian/2024-huibian.docx")
            .exists()
    );
    let page = f.html("public/compilations/2024-huibian/index.html");
    assert!(
        !common::texts(&page, "a[download]")
            .iter()
            .any(|t| t == "下载 Word")
    );
}

#[test]
fn lists_quotes_links_and_characters_xml_cannot_hold() {
    let f = site();
    f.write(
        "content/cases/2024/liebiao.md",
        "---\ntitle: 列表与引用\ndate: 2024-06-01\nfields: [营商环境]\ncompilations: [2024-huibian]\n---\n\n\
         1. 第一步\n2. 第二步\n   - 要点甲\n   - 要点乙\n\n> 引用的话。\n\n\
         控制字符\u{1}不进文档，制表\t保留。[外部](https://example.gov.cn/a?b=1&c=2)\n",
    );
    let (bytes, _) = export(&f);
    let (parts, _) = parts(&bytes);
    let doc = part(&parts, "word/document.xml");
    assert!(
        !doc.contains('\u{1}'),
        "a control character reached the XML"
    );
    let paras = paragraphs(&doc);
    let list: Vec<&Para> = with_style(&paras, "ListParagraph");
    let texts: Vec<&str> = list.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(texts, ["第一步", "第二步", "要点甲", "要点乙"]);
    assert!(list.iter().all(|p| p.numbered));
    assert_eq!(with_style(&paras, "Quote")[0].text, "引用的话。");
    assert!(
        paras
            .iter()
            .any(|p| p.text.contains("控制字符不进文档，制表"))
    );
    let numbering = part(&parts, "word/numbering.xml");
    assert!(numbering.contains(r#"w:val="bullet""#) && numbering.contains(r#"w:val="decimal""#));
    let rels = part(&parts, "word/_rels/document.xml.rels");
    assert!(
        rels.contains(r#"Target="https://example.gov.cn/a?b=1&amp;c=2""#),
        "{rels}"
    );
}

#[test]
fn a_picture_word_cannot_show_is_a_warning_at_its_line() {
    let f = site();
    f.write(
        "content/cases/2024/shuju-gongxiang/chart.svg",
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>"#,
    );
    let md = f.read("content/cases/2024/shuju-gongxiang/index.md");
    f.write(
        "content/cases/2024/shuju-gongxiang/index.md",
        &format!("{md}\n![示意图](chart.svg)\n"),
    );
    let (bytes, stderr) = export(&f);
    let line = md.lines().count() + 2;
    assert!(
        stderr.contains(&format!(
            "content/cases/2024/shuju-gongxiang/index.md:{line}:"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("Word cannot show the picture"), "{stderr}");
    let (parts, _) = parts(&bytes);
    assert!(part(&parts, "word/document.xml").contains("示意图（"));
}

#[test]
fn which_compilation_errors_are_usage_errors() {
    let f = site();
    let out = f.run(&["docx", "nope"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("there is no compilation \"nope\""),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("2024-huibian"), "{}", out.stderr);

    let empty = Fixture::new();
    empty.case("yi", "");
    let out = empty.run(&["docx"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("no compilation yet"), "{}", out.stderr);
}

#[test]
fn a_content_error_writes_nothing_and_a_folder_is_not_a_file() {
    let f = site();
    f.write(
        "content/cases/2024/huai.md",
        "---\ntitle: 坏\ndate: 2024-13-40\n---\n",
    );
    let out = f.run(&["docx", "-o", f.path().join("out.docx").to_str().unwrap()]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    out.assert_error_at("content/cases/2024/huai.md:3:");
    assert!(!f.path().join("out.docx").exists());
    std::fs::remove_file(f.path().join("content/cases/2024/huai.md")).unwrap();

    std::fs::create_dir_all(f.path().join("dir.docx")).unwrap();
    let out = f.run(&["docx", "-o", f.path().join("dir.docx").to_str().unwrap()]);
    assert_ne!(out.code, 0, "{}", out.stderr);
    assert!(f.path().join("dir.docx").is_dir());
}
