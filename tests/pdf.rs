//! `casebook pdf` and `[pdf] build`: the typeset volume read back with a
//! PDF reader (text per page, outline, page sizes, fonts, metadata), and
//! every error path. The fixture site typesets with its committed font
//! subset only (`[pdf] system_fonts = false`), so results do not depend on
//! the machine's fonts.
#![cfg(feature = "pdf")]

mod common;

use std::path::Path;

use common::Fixture;
use lopdf::{Document, Object};

const SLUG: &str = "2024-huibian";
use common::PAPER_TITLES as TITLES;

fn site() -> Fixture {
    Fixture::copy_of("pdf-site")
}

/// Runs `casebook pdf` into `<site>/out.pdf`; returns the bytes.
fn typeset(f: &Fixture) -> (Vec<u8>, String) {
    let out = f.run(&["pdf", "-o", f.path().join("out.pdf").to_str().unwrap()]);
    assert_eq!(out.code, 0, "casebook pdf failed:\n{}", out.stderr);
    (
        std::fs::read(f.path().join("out.pdf")).expect("out.pdf"),
        out.stderr,
    )
}

/// Text of each page, with the word joiners Typst puts before contents
/// page numbers removed and runs of spaces squeezed.
fn page_texts(pdf: &[u8]) -> Vec<String> {
    pdf_extract::extract_text_from_mem_by_pages(pdf)
        .expect("extract text")
        .into_iter()
        .map(|t| {
            let t = t.replace('\u{2060}', "");
            t.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect()
}

/// Same text with every space removed: Chinese text extracted from a
/// justified line may carry spaces a reader does not see.
fn tight(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The folio printed at the foot of a GB/T 9704 page: "— 3 —".
fn folio(text: &str) -> Option<usize> {
    let t = tight(text);
    let end = t.rfind('—')?;
    let start = t[..end].rfind('—')?;
    t[start + '—'.len_utf8()..end].parse().ok()
}

fn outline_titles(doc: &Document) -> Vec<(usize, String)> {
    fn walk(
        doc: &Document,
        id: Option<lopdf::ObjectId>,
        depth: usize,
        out: &mut Vec<(usize, String)>,
    ) {
        let mut next = id;
        while let Some(id) = next {
            let d = doc.get_dictionary(id).expect("outline item");
            if let Ok(Object::String(bytes, _)) = d.get(b"Title") {
                out.push((depth, decode_text(bytes)));
            }
            let first = d.get(b"First").ok().and_then(|o| o.as_reference().ok());
            walk(doc, first, depth + 1, out);
            next = d.get(b"Next").ok().and_then(|o| o.as_reference().ok());
        }
    }
    let catalog = doc.catalog().expect("catalog");
    let outlines = catalog
        .get(b"Outlines")
        .and_then(Object::as_reference)
        .expect("the PDF has an outline");
    let first = doc
        .get_dictionary(outlines)
        .unwrap()
        .get(b"First")
        .and_then(Object::as_reference)
        .ok();
    let mut out = Vec::new();
    walk(doc, first, 0, &mut out);
    out
}

/// A PDF text string: UTF-16BE with a byte order mark, else PDFDocEncoding
/// (ASCII is enough here).
fn decode_text(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    }
}

fn info_string(doc: &Document, key: &[u8]) -> String {
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .expect("document info");
    let d = doc.get_dictionary(info).unwrap();
    match d.get(key) {
        Ok(Object::String(b, _)) => decode_text(b),
        other => panic!("Info has no {}: {other:?}", String::from_utf8_lossy(key)),
    }
}

#[test]
fn contents_give_the_page_each_case_is_printed_on() {
    let f = site();
    let (pdf, _) = typeset(&f);
    assert!(pdf.starts_with(b"%PDF-"));
    let doc = Document::load_mem(&pdf).expect("a PDF lopdf can read");

    // A4 on every page.
    for (_, id) in doc.get_pages() {
        let page = doc.get_dictionary(id).unwrap();
        let mb = page
            .get(b"MediaBox")
            .and_then(Object::as_array)
            .expect("MediaBox");
        let n: Vec<f32> = mb.iter().map(|o| o.as_float().unwrap()).collect();
        assert!(
            (n[2] - 595.28).abs() < 0.5 && (n[3] - 841.89).abs() < 0.5,
            "not A4: {n:?}"
        );
    }

    let pages = page_texts(&pdf);
    let contents = pages
        .iter()
        .position(|t| t.contains("目录"))
        .expect("a contents page");
    assert!(
        tight(&pages[0]).contains("2024年度改革典型案例汇编"),
        "cover: {}",
        pages[0]
    );
    assert!(tight(&pages[0]).contains("测试市委改革办"));
    assert!(
        pages[..contents].iter().any(|t| t.contains("前言")),
        "preface before the contents"
    );

    // Each case: on its own page after the contents, numbered, and listed
    // in the contents with the folio printed on that page.
    let toc = tight(&pages[contents]);
    let mut seen_pages = Vec::new();
    for (n, title) in TITLES.iter().enumerate() {
        let t = tight(title);
        let on: Vec<usize> = (contents + 1..pages.len())
            .filter(|&p| tight(&pages[p]).contains(&t))
            .collect();
        assert_eq!(on.len(), 1, "{title} printed on pages {on:?}");
        let p = on[0];
        assert!(!seen_pages.contains(&p), "two cases start on page {p}");
        seen_pages.push(p);
        let text = tight(&pages[p]);
        assert!(
            text.find(&format!("案例{}", n + 1)) < text.find(&t),
            "case number before the title on page {p}: {text}"
        );
        let printed =
            folio(&pages[p]).unwrap_or_else(|| panic!("no folio on page {p}: {}", pages[p]));
        let at = toc
            .find(&t)
            .unwrap_or_else(|| panic!("{title} not in the contents: {toc}"));
        let after = &toc[at + t.len()..];
        let listed: String = after
            .trim_start_matches(['.', '…', ' '])
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        assert_eq!(
            listed,
            printed.to_string(),
            "contents page number of {title}"
        );
    }
    // The first case page is folio 2 (after its chapter's divider, folio 1).
    assert_eq!(folio(&pages[seen_pages[0]]), Some(2));
}

#[test]
fn content_prints_as_written_with_tables_code_notes_and_pictures() {
    let f = site();
    let (pdf, _) = typeset(&f);
    let doc = Document::load_mem(&pdf).unwrap();
    let pages = page_texts(&pdf);
    // Special characters print as written, never as Typst markup.
    let all = pages.join("\n");
    for s in [
        "# $ * _ @ < >",
        "#import \"evil.typ\"",
        "#eval(\"1\")",
        "$x^2$",
    ] {
        assert!(
            tight(&all).contains(&tight(s)),
            "{s:?} not printed literally: {all}"
        );
    }
    // Table, code block, footnote, link address, recognition, picture.
    let body = tight(&all);
    for s in [
        "办理环节",
        "0.5天",
        "enabled=true",
        "数据截至2024年6月。",
        "https://data.example.gov.cn/",
        "省级批示",
        "国家级表彰",
        "基层治理试点",
    ] {
        assert!(body.contains(s), "{s} missing from the PDF text");
    }
    let images = doc
        .objects
        .values()
        .filter(|o| {
            o.as_stream().is_ok_and(|s| {
                s.dict
                    .get(b"Subtype")
                    .and_then(Object::as_name)
                    .is_ok_and(|n| n == b"Image")
            })
        })
        .count();
    assert!(images >= 1, "the colocated picture is embedded");
}

#[test]
fn outline_fonts_metadata_and_font_warnings() {
    let f = site();
    let (pdf, stderr) = typeset(&f);
    let doc = Document::load_mem(&pdf).unwrap();
    // Outline: chapters, each with its cases.
    let outline = outline_titles(&doc);
    let chapters: Vec<&str> = outline
        .iter()
        .filter(|(d, _)| *d == 0)
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(
        chapters,
        ["第一章　优化营商环境", "第二章　基层治理"],
        "{outline:?}"
    );
    let cases: Vec<&str> = outline
        .iter()
        .filter(|(d, _)| *d == 1)
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(cases, TITLES, "{outline:?}");

    // Fonts: embedded, every one.
    let mut fonts = 0;
    for o in doc.objects.values() {
        let Ok(d) = o.as_dict() else { continue };
        if d.get(b"Type")
            .and_then(Object::as_name)
            .is_ok_and(|n| n == b"FontDescriptor")
        {
            fonts += 1;
            assert!(
                d.has(b"FontFile") || d.has(b"FontFile2") || d.has(b"FontFile3"),
                "a font is not embedded: {d:?}"
            );
        }
    }
    assert!(fonts >= 1);

    // Metadata and language.
    assert_eq!(info_string(&doc, b"Title"), "2024年度改革典型案例汇编");
    assert_eq!(info_string(&doc, b"Author"), "测试市委改革办");
    let lang = doc.catalog().unwrap().get(b"Lang").expect("/Lang");
    assert_eq!(decode_text(lang.as_str().unwrap()), "zh-CN");

    // The fixture has only its Noto subset: each 公文 role says so once.
    assert!(
        stderr.contains("PDF font for body: \"FangSong\" is not installed, \"Noto Serif CJK SC\" is used instead"),
        "{stderr}"
    );
    assert_eq!(
        stderr.matches("PDF font for heading:").count(),
        1,
        "{stderr}"
    );
}

#[test]
fn same_inputs_give_the_same_bytes() {
    let f = site();
    let (a, _) = typeset(&f);
    let (b, _) = typeset(&f);
    assert!(a == b, "two runs differ");
    // SOURCE_DATE_EPOCH is not needed when the compilation has a date, and
    // does not change it.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_casebook"))
        // Messages in English unless a test asks for a language.
        .env("CASEBOOK_LANG", "en")
        .args(["pdf", "-o"])
        .arg(f.path().join("c.pdf"))
        .arg("--root")
        .arg(f.path())
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(std::fs::read(f.path().join("c.pdf")).unwrap() == a);
}

#[test]
fn default_output_is_dist_slug_pdf() {
    let f = site();
    let out = f.run(&["pdf"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let path = f.path().join(format!("dist/{SLUG}.pdf"));
    assert!(std::fs::read(&path).unwrap().starts_with(b"%PDF-"));
    assert!(out.stderr.contains("5 cases"), "{}", out.stderr);
    // No temporary file is left beside it.
    let left: Vec<_> = std::fs::read_dir(f.path().join("dist")).unwrap().collect();
    assert_eq!(left.len(), 1);
}

/// A failed run writes nothing: the previous file stays as it was.
fn assert_untouched(f: &Fixture, path: &Path) {
    assert_eq!(
        std::fs::read(path).unwrap(),
        b"old",
        "the previous PDF was replaced"
    );
    let _ = f;
}

#[test]
fn a_character_no_font_has_is_an_error_at_its_place() {
    let f = site();
    f.write(
        "content/cases/2024/shengpi-zi.md",
        "---\ntitle: 网格化治理\ndate: 2024-08-01\nfields: [基层治理]\ncompilations: [2024-huibian]\n---\n\n主要做法。\n\n全市网格𠀀。\n",
    );
    let out_pdf = f.path().join("out.pdf");
    std::fs::write(&out_pdf, b"old").unwrap();
    let out = f.run(&["pdf", "-o", out_pdf.to_str().unwrap()]);
    out.assert_error_at("content/cases/2024/shengpi-zi.md:10:5");
    assert!(out.stderr.contains("U+20000"), "{}", out.stderr);
    assert!(
        out.stderr.contains("1 error found"),
        "only that character: {}",
        out.stderr
    );
    assert_untouched(&f, &out_pdf);
    // `check` reports it too once builds typeset.
    assert_eq!(
        f.check().code,
        0,
        "without [pdf] build, check does not typeset"
    );
    let cfg = f
        .read("casebook.toml")
        .replace("[pdf]\n", "[pdf]\nbuild = true\n");
    f.write("casebook.toml", &cfg);
    f.check()
        .assert_error_at("content/cases/2024/shengpi-zi.md:10:5");
}

#[test]
fn no_chinese_font_says_what_to_install() {
    let f = site();
    let cfg = f
        .read("casebook.toml")
        .replace("font_dirs = [\"fonts\"]", "font_dirs = []");
    f.write("casebook.toml", &cfg);
    let out = f.run(&["pdf"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("fonts-noto-cjk"), "{}", out.stderr);
    assert!(!f.path().join("dist").join(format!("{SLUG}.pdf")).exists());
}

#[test]
fn a_missing_picture_is_reported_at_its_place() {
    let f = site();
    f.write(
        "content/cases/2024/wangge-zhili.md",
        &f.read("content/cases/2024/wangge-zhili.md")
            .replace("二是配齐力量。", "![现场](missing.jpg)\n\n二是配齐力量。"),
    );
    let out_pdf = f.path().join("out.pdf");
    std::fs::write(&out_pdf, b"old").unwrap();
    let out = f.run(&["pdf", "-o", out_pdf.to_str().unwrap()]);
    out.assert_error_at("content/cases/2024/wangge-zhili.md:18:1");
    assert_untouched(&f, &out_pdf);
}

#[test]
fn slugs_unknown_or_left_out_among_many_are_usage_errors() {
    let f = site();
    let out = f.run(&["pdf", "nope"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("\"nope\"") && out.stderr.contains(SLUG),
        "{}",
        out.stderr
    );
    f.write(
        "content/compilations/second.md",
        "+++\ntitle = \"第二本\"\nslug = \"second\"\n+++\n",
    );
    let out = f.run(&["pdf"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains(SLUG) && out.stderr.contains("second"),
        "{}",
        out.stderr
    );
    // Named, either one typesets.
    assert_eq!(f.run(&["pdf", "second"]).code, 0);
}

#[test]
fn pdf_build_puts_the_volume_in_the_site_and_links_it() {
    let f = site();
    // Off (the default): no PDF, no link.
    let public = f.build_ok(&[]);
    assert!(
        !public
            .join(format!("compilations/{SLUG}/{SLUG}.pdf"))
            .exists()
    );
    let page = f.html(&format!("public/compilations/{SLUG}/index.html"));
    assert!(common::texts(&page, "a").iter().all(|t| t != "下载 PDF"));

    let cfg = f
        .read("casebook.toml")
        .replace("[pdf]\n", "[pdf]\nbuild = true\n");
    f.write("casebook.toml", &cfg);
    let public = f.build_ok(&[]);
    let pdf = std::fs::read(public.join(format!("compilations/{SLUG}/{SLUG}.pdf"))).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let page = f.html(&format!("public/compilations/{SLUG}/index.html"));
    let sel = scraper::Selector::parse("a[download]").unwrap();
    let links: Vec<_> = page.select(&sel).collect();
    assert_eq!(links.len(), 1);
    assert_eq!(
        links[0].value().attr("href"),
        Some(&*format!("/compilations/{SLUG}/{SLUG}.pdf"))
    );
    assert_eq!(links[0].text().collect::<String>(), "下载 PDF");
}

#[test]
fn book_layout_on_b5_has_centred_plain_folios() {
    let f = site();
    let cfg = f
        .read("casebook.toml")
        .replace("[pdf]\n", "[pdf]\nlayout = \"book\"\npaper = \"b5\"\n");
    f.write("casebook.toml", &cfg);
    let (pdf, _) = typeset(&f);
    let doc = Document::load_mem(&pdf).unwrap();
    let (_, id) = doc.get_pages().into_iter().next().unwrap();
    let mb = doc
        .get_dictionary(id)
        .unwrap()
        .get(b"MediaBox")
        .and_then(Object::as_array)
        .unwrap()
        .clone();
    let w = mb[2].as_float().unwrap();
    assert!((w - 498.9).abs() < 0.5, "B5 width, got {w}");
    let pages = page_texts(&pdf);
    assert!(
        pages.iter().all(|t| !t.contains('—') || t.contains("——")),
        "no — n — folios in the book layout"
    );
}

#[test]
fn pdf_settings_are_checked() {
    let f = site();
    let cfg = f
        .read("casebook.toml")
        .replace("[pdf]\n", "[pdf]\nlayout = \"gb9704\"\n");
    f.write("casebook.toml", &cfg);
    let out = f.check();
    out.assert_error_at("casebook.toml:8:10");
    assert!(out.stderr.contains("gbt9704"), "{}", out.stderr);
}

#[test]
fn a_phone_photo_is_embedded_upright_without_its_metadata() {
    let f = site();
    let dir = "content/cases/2024/shuju-gongxiang";
    let md = f.read(&format!("{dir}/index.md"));
    f.write(
        &format!("{dir}/index.md"),
        &md.replace("![平台截图](photo.png)", "![平台截图](photo.jpg)"),
    );
    let photo = common::repo_root().join("tests/fixtures/images/gps-orient6.jpg");
    f.write_bytes(&format!("{dir}/photo.jpg"), &std::fs::read(photo).unwrap());
    let (pdf, _) = typeset(&f);
    let doc = Document::load_mem(&pdf).unwrap();
    let sizes: Vec<(i64, i64)> = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| {
            s.dict
                .get(b"Subtype")
                .and_then(Object::as_name)
                .is_ok_and(|n| n == b"Image")
        })
        .map(|s| {
            let n = |k: &[u8]| s.dict.get(k).and_then(Object::as_i64).unwrap_or(0);
            (n(b"Width"), n(b"Height"))
        })
        .collect();
    // The published derivative (turned upright: 900 × 1200), not the
    // camera's file (1200 × 900 with GPS and the phone's name).
    assert!(sizes.contains(&(900, 1200)), "{sizes:?}");
    for leak in [&b"Huawei"[..], b"P60 Pro", b"Exif"] {
        assert!(!pdf.windows(leak.len()).any(|w| w == leak));
    }
}
