//! `casebook import`: the committed Word fixtures (made by python-docx and
//! LibreOffice, see tests/fixtures/word/make-fixtures.py) imported into a
//! fixture site and the Markdown read back (front matter, headings,
//! paragraphs, emphasis, lists, tables, footnotes, pictures, links), the
//! report, the check that follows, every bad input, and the round trip
//! through our own Word export.

mod common;

use std::path::PathBuf;

use common::Fixture;

fn fixture(name: &str) -> String {
    common::repo_root()
        .join("tests/fixtures/word")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

/// The one file under `dir` (site-relative) whose name ends in `suffix`.
fn written(f: &Fixture, dir: &str, suffix: &str) -> PathBuf {
    walkdir::WalkDir::new(f.path().join(dir))
        .into_iter()
        .flatten()
        .map(|e| e.path().to_path_buf())
        .find(|p| p.to_string_lossy().ends_with(suffix))
        .unwrap_or_else(|| panic!("no {suffix} under {dir}"))
}

fn site() -> Fixture {
    Fixture::with_config("title = \"导入测试\"\nbase_url = \"https://example.gov.cn/\"\n")
}

#[test]
fn a_county_submission_becomes_a_case() {
    let f = site();
    let out = f.run(&["import", &fixture("county-submission.docx")]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let md_path = written(&f, "content/cases/2024", "index.md");
    let md = std::fs::read_to_string(&md_path).unwrap();
    let dir = md_path.parent().unwrap();
    // Front matter: the first line is the title; the opening lines fill
    // unit, region and date, a contact line stays as a comment.
    assert!(md.starts_with("+++\n"), "{md}");
    for line in [
        "title = \"某某县“一窗通办”改革破解企业办事难\"",
        "date = 2024-06-12",
        "unit = \"某某县行政审批服务局\"",
        "region = \"某某县\"",
        "# 联系人：张三　0543-1234567",
        "draft = true",
    ] {
        assert!(md.lines().any(|l| l == line), "{line} not in\n{md}");
    }
    assert!(
        !md.contains("报送单位："),
        "opening lines stay in the body:\n{md}"
    );
    // Numbered lines are headings of their level; text joined as written.
    for line in [
        "## 一、改革背景",
        "## 二、主要做法",
        "### （一）整合窗口",
        "### （二）数据共享",
        "## 四、经验启示",
        "- 材料清单标准化",
        "- 结果互认共享",
        "[^1]: 数据截至2024年5月。",
    ] {
        assert!(md.lines().any(|l| l == line), "{line} not in\n{md}");
    }
    assert!(
        md.contains("企业开办一件事平均需跑动3.5次"),
        "runs joined without spaces"
    );
    assert!(md.contains("<strong>“多头跑、反复跑”</strong>问题突出"));
    assert!(md.contains("*群众反映强烈*"));
    assert!(md.contains("降至1次[^1]。"));
    assert!(
        md.contains("60人精简至32人（已核实），"),
        "accepted insertion"
    );
    assert!(!md.contains("原来的约60"), "the deletion is gone");
    assert!(md.contains("[政务服务网](https://zwfw.example.gov.cn/)"));
    // The table, merged cells flattened.
    assert!(
        md.contains("| 办理时限 | 企业开办 | 3个工作日 | 0.5个工作日 |"),
        "{md}"
    );
    assert!(
        md.contains("|  | 项目审批 | 120个工作日 | 45个工作日 |"),
        "{md}"
    );
    // Two pictures beside the document, in their own formats, described.
    assert!(md.contains("![窗口整合前后对比](tu-1.png)"), "{md}");
    assert!(md.contains("![群众评价器](tu-2.jpg)"), "{md}");
    assert!(
        std::fs::read(dir.join("tu-1.png"))
            .unwrap()
            .starts_with(b"\x89PNG")
    );
    assert!(
        std::fs::read(dir.join("tu-2.jpg"))
            .unwrap()
            .starts_with(&[0xFF, 0xD8])
    );
    // The report says what was mapped, dropped and made.
    for want in [
        "title from the first line",
        "unit, region, date from the opening lines",
        "6 headings, 6 from numbered lines",
        "merged cells flattened in 1 table",
        "1 footnote, 2 pictures, 1 link",
        "1 page break",
        "2 headers and footers",
        "1 comment",
        "2 tracked changes (the accepted text is kept)",
        "casebook check: no errors",
        "imported 1 of 1 file",
    ] {
        assert!(out.stderr.contains(want), "{want} not in\n{}", out.stderr);
    }
    // It builds (as a draft it is published with --drafts).
    let public = f.build_ok(&["--drafts"]);
    let slug = dir.file_name().unwrap().to_string_lossy().into_owned();
    let page = std::fs::read_to_string(public.join(format!("cases/{slug}/index.html"))).unwrap();
    assert!(
        page.contains("一、改革背景") && page.contains("<table"),
        "{page}"
    );
}

#[test]
fn word_heading_styles_give_the_levels_and_a_missing_date_is_a_todo() {
    let f = site();
    let out = f.run(&[
        "import",
        &fixture("styled-headings.docx"),
        &fixture("chinese-styles.docx"),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("title from the Title style"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("to fill: date"), "{}", out.stderr);
    assert!(
        out.stderr.contains("casebook check: 2 problems to fix"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("`date` is still to fill in"),
        "{}",
        out.stderr
    );
    let styled = written(
        &f,
        "content/cases",
        "wang-ge-hua-zhi-li-ti-sheng-ji-ceng-xiao-neng.md",
    );
    let md = std::fs::read_to_string(&styled).unwrap();
    assert!(md.contains("title = \"网格化治理提升基层效能\""), "{md}");
    for line in [
        "## 基本情况",
        "### 具体做法",
        "#### 细化网格",
        "### 工作成效",
        "1. 划定网格边界",
        "1. 建立巡查考核机制",
    ] {
        assert!(md.lines().any(|l| l == line), "{line} not in\n{md}");
    }
    let chinese = written(
        &f,
        "content/cases",
        "shen-hua-fang-guan-fu-gai-ge-you-hua-ying-shang-huan-jing.md",
    );
    let md2 = std::fs::read_to_string(&chinese).unwrap();
    for line in [
        "## 一、总体思路",
        "### （一）目标任务",
        "### （二）保障措施",
    ] {
        assert!(md2.lines().any(|l| l == line), "{line} not in\n{md2}");
    }
    // Filled in, the cases pass check and build.
    for p in [&styled, &chinese] {
        let text = std::fs::read_to_string(p).unwrap();
        let fixed: String = text
            .lines()
            .map(|l| {
                if l.starts_with("date = \"TODO") {
                    "date = 2024-07-01"
                } else {
                    l
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        std::fs::write(p, fixed).unwrap();
    }
    let out = f.run(&["check", "--drafts"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    f.build_ok(&["--drafts"]);
}

#[test]
fn bad_inputs_are_named_and_the_others_still_import() {
    let f = site();
    let out = f.run(&[
        "import",
        &fixture("legacy.doc"),
        &fixture("encrypted.docx"),
        &fixture("not-word.docx"),
        &fixture("truncated.docx"),
        &fixture("styled-headings.docx"),
    ]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    for (file, what) in [
        ("legacy.doc", "a Word 97–2003 document (.doc), not .docx"),
        (
            "encrypted.docx",
            "an encrypted (password-protected) Word document",
        ),
        ("not-word.docx", "a zip archive, not a Word document"),
        ("truncated.docx", "a damaged or incomplete .docx"),
    ] {
        let at = out
            .stderr
            .find(what)
            .unwrap_or_else(|| panic!("{what} not in\n{}", out.stderr));
        let after = &out.stderr[at..];
        let line = after.lines().nth(1).unwrap_or("");
        assert!(
            line.contains(file),
            "{file} not named after {what}:\n{}",
            out.stderr
        );
    }
    assert!(
        out.stderr.contains("imported 1 of 5 files"),
        "{}",
        out.stderr
    );
    let md: Vec<_> = walkdir::WalkDir::new(f.path().join("content"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .collect();
    assert_eq!(md.len(), 1, "only the good file is written: {md:?}");
}

/// A .docx whose document.xml is `size` bytes of one repeated byte.
fn bomb(size: usize) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(size > u32::MAX as usize);
    zip.start_file("[Content_Types].xml", opts).unwrap();
    zip.write_all(b"<Types/>").unwrap();
    zip.start_file("word/document.xml", opts).unwrap();
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..size / chunk.len() {
        zip.write_all(&chunk).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn a_zip_bomb_or_an_oversized_part_is_refused_with_the_limit() {
    let f = site();
    f.write_bytes("in/bomb.docx", &bomb(8 << 20));
    f.write_bytes("in/huge.docx", &bomb(65 << 20));
    let out = f.run(&["import", f.path().join("in").to_str().unwrap()]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("refused: its part word/document.xml expands"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("the limit is 200-fold"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("the limit is 64 MiB"), "{}", out.stderr);
    assert!(
        out.stderr.contains("imported 0 of 2 files"),
        "{}",
        out.stderr
    );
}

#[test]
fn never_overwrites_and_dry_run_writes_nothing() {
    let f = site();
    let out = f.run(&["import", "--dry-run", &fixture("county-submission.docx")]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("would write"), "{}", out.stderr);
    assert!(
        out.stdout.contains("## 一、改革背景"),
        "the Markdown on stdout: {}",
        out.stdout
    );
    assert!(
        !f.path().join("content/cases/2024").exists(),
        "dry run wrote something"
    );

    assert_eq!(
        f.run(&["import", &fixture("county-submission.docx")]).code,
        0
    );
    let md = written(&f, "content/cases/2024", "index.md");
    let before = std::fs::read(&md).unwrap();
    std::fs::write(&md, b"+++\ntitle = \"edited\"\ndate = 2024-06-12\n+++\n").unwrap();
    let out = f.run(&["import", &fixture("county-submission.docx")]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("already exists; casebook import never overwrites"),
        "{}",
        out.stderr
    );
    assert_eq!(
        std::fs::read(&md).unwrap(),
        b"+++\ntitle = \"edited\"\ndate = 2024-06-12\n+++\n"
    );
    assert_ne!(before.len(), 0);
}

#[test]
fn a_summary_goes_to_summaries_and_into_puts_it_elsewhere() {
    let f = site();
    let out = f.run(&[
        "import",
        "--kind",
        "summary",
        &fixture("county-submission.docx"),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let md = std::fs::read_to_string(written(&f, "content/summaries/2024", "index.md")).unwrap();
    assert!(
        md.contains("# unit：某某县行政审批服务局"),
        "unit is not a summary field:\n{md}"
    );
    let out = f.run(&[
        "import",
        "--into",
        "content/cases/incoming",
        &fixture("styled-headings.docx"),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        f.path()
            .join("content/cases/incoming/wang-ge-hua-zhi-li-ti-sheng-ji-ceng-xiao-neng.md")
            .exists()
    );
}

#[test]
fn an_exported_compilation_comes_back() {
    let f = Fixture::copy_of("pdf-site");
    let docx = f.path().join("out.docx");
    assert_eq!(f.run(&["docx", "-o", docx.to_str().unwrap()]).code, 0);
    let out = f.run(&["import", "--dry-run", docx.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let md = &out.stdout;
    assert!(md.contains("title = \"2024年度改革典型案例汇编\""), "{md}");
    for line in [
        "## 第一章　优化营商环境",
        "### 企业开办“一网通办”",
        "### 政务数据共享平台建设",
        "#### 改革背景",
        "| 指标 | 改革前 | 改革后 |",
        "| 办理环节 | 5 个 | 1 个 |",
    ] {
        assert!(md.lines().any(|l| l == line), "{line} not in\n{md}");
    }
    assert!(
        md.lines()
            .any(|l| l.starts_with("[^1]: 数据截至2024年6月。")),
        "{md}"
    );
    assert!(
        md.contains("特殊字符 # $ \\* \\_ @ \\< \\> 照印")
            || md.contains("特殊字符 \\# $ \\* \\_ @ \\< \\> 照印"),
        "{md}"
    );
}

#[test]
fn the_sites_spelling_of_a_region_is_kept_and_a_new_region_is_pointed_out() {
    // The site already writes the county in full; the submission's short
    // form is written as the site has it, and the report says so.
    let f = site();
    f.case(
        "2023/earlier",
        "unit = \"某某县行政审批服务局\"\nregion = \"山东省某某县\"",
    );
    let out = f.run(&["import", &fixture("county-submission.docx")]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("region \"某某县\" written as \"山东省某某县\""),
        "{}",
        out.stderr
    );
    let md = std::fs::read_to_string(written(&f, "content/cases/2024", "index.md")).unwrap();
    assert!(md.lines().any(|l| l == "region = \"山东省某某县\""), "{md}");
    assert!(
        md.lines().any(|l| l == "unit = \"某某县行政审批服务局\""),
        "{md}"
    );

    // A region the site has never used is kept as written, with a note.
    let f = site();
    f.case("2023/earlier", "region = \"滨城区\"");
    let out = f.run(&["import", "--dry-run", &fixture("county-submission.docx")]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("region \"某某县\" is new to this site (its cases use 滨城区)"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.lines().any(|l| l == "region = \"某某县\""));
}

#[test]
fn headings_numbered_by_word_itself_keep_their_numbers() {
    // Word's outline numbering (一、/（一）/1.) puts the number in the
    // numbering definition, not in the text: short numbered lines are
    // headings with the number Word shows; sentences stay list items.
    let f = site();
    let out = f.run(&["import", "--dry-run", &fixture("auto-numbered.docx")]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let md = &out.stdout;
    let lines: Vec<&str> = md
        .lines()
        .filter(|l| l.starts_with("##") || l.starts_with("1.") || l.starts_with(' '))
        .collect();
    assert_eq!(
        lines,
        [
            "## 一、改革背景",
            "## 二、主要做法",
            "### （一）清单管理",
            "### （二）告知承诺",
            "1. 申请人书面承诺符合许可条件，并对承诺的真实性负责。",
            "1. 审批部门加强事中事后监管，发现不符合条件的依法处理。",
            "## 三、取得成效",
        ],
        "{md}"
    );
    assert!(md.contains("unit = \"某某市市场监督管理局\""), "{md}");
    assert!(md.contains("date = 2024-07-01"), "{md}");
    assert!(
        out.stderr.contains("5 headings, 5 from numbered lines"),
        "{}",
        out.stderr
    );
}
