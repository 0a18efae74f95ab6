//! Raw HTML and dangerous links in bodies: references in raw HTML are
//! checked, copied and rewritten like Markdown ones, and what the sanitiser
//! leaves is valid HTML (no `<a>` without `href`, every `<img>` with `alt`).

mod common;
use common::{Fixture, attrs};

/// A case in its own folder, with an image beside it.
fn bundle_case(f: &Fixture, body: &str) {
    f.case_body("a/index", "title = \"案例甲\"", body);
    f.write_bytes("content/cases/a/tu.png", common::TINY_PNG);
}

/// Builds the site, which must succeed, and checks that its report names
/// each of `said` (places and messages).
fn build_saying(f: &Fixture, said: &[&str]) {
    let out = f.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for s in said {
        assert!(out.stderr.contains(s), "expected {s:?} in:\n{}", out.stderr);
    }
}

/// Every `<a>` of a page, and whether it has an `href`.
fn links_without_href(doc: &scraper::Html) -> usize {
    let sel = scraper::Selector::parse("a").unwrap();
    doc.select(&sel)
        .filter(|a| a.value().attr("href").is_none())
        .count()
}

#[test]
fn raw_html_missing_image_is_an_error_at_its_tag() {
    let f = Fixture::new();
    // Line 6 is the first line of the body; `<img` is its 7th character.
    f.case_body(
        "a",
        "",
        "第一段。\n\n<p>见图：<img src=\"missing.png\" alt=\"图\"></p>\n\n![图](gone.png)",
    );
    for out in [f.check(), f.run(&["build"])] {
        out.assert_error_at("content/cases/a.md:8:7");
        assert!(
            out.stderr
                .contains("image to \"missing.png\", which does not exist"),
            "{}",
            out.stderr
        );
        // The Markdown form, for comparison: the same message.
        out.assert_error_at("content/cases/a.md:10:1");
        assert!(
            out.stderr
                .contains("image to \"gone.png\", which does not exist")
        );
    }
}

#[test]
fn raw_html_link_to_a_missing_page_is_an_error() {
    let f = Fixture::new();
    f.case_body(
        "a",
        "",
        "文字<a href=\"nope.md\">链接</a>。\n\n<div><a href=\"/nowhere/\">站内</a></div>",
    );
    let out = f.check();
    out.assert_error_at("content/cases/a.md:6:3");
    assert!(
        out.stderr
            .contains("link to \"nope.md\", which does not exist")
    );
    out.assert_error_at("content/cases/a.md:8:6");
    assert!(
        out.stderr
            .contains("link to \"/nowhere/\", which the site does not have")
    );
}

#[test]
fn raw_html_image_that_exists_is_copied_and_rewritten() {
    let f = Fixture::new();
    f.case("b", "");
    bundle_case(
        &f,
        "![图](tu.png)\n\n<figure>\n<img src=\"tu.png\" alt=\"图\"\n     srcset=\"tu.png 2x\">\n<figcaption><a href=\"../b.md\">另一个</a></figcaption>\n</figure>",
    );
    f.build_ok(&[]);
    let off = f.path().join("off");
    f.build_ok(&["--offline", "-o", off.to_str().unwrap()]);
    for dir in ["public", "off"] {
        let out_dir = f.path().join(dir);
        assert!(out_dir.join("cases/a/tu.png").is_file(), "{dir}");
        let page = format!("{dir}/cases/a/index.html");
        let doc = f.html(&page);
        let srcs = attrs(&doc, ".prose img", "src");
        // The raw image's src is the Markdown image's.
        assert_eq!(srcs.len(), 2, "{dir}: {srcs:?}");
        assert_eq!(srcs[0], srcs[1], "{dir}");
        let link = attrs(&doc, ".prose figcaption a", "href");
        assert_eq!(link.len(), 1, "{dir}");
        assert!(!link[0].ends_with(".md"), "{dir}: {link:?}");
        if dir == "public" {
            assert_eq!(srcs[1], "/cases/a/tu.png");
            assert_eq!(link[0], "/cases/b/");
        }
    }
}

#[test]
fn raw_html_references_are_resolved_without_sanitising_too() {
    let f = Fixture::new();
    let cfg = f.read("casebook.toml");
    f.write(
        "casebook.toml",
        &format!("{cfg}\n[markdown]\nunsafe_html = true\n"),
    );
    bundle_case(&f, "<video src=\"clip.mp4\" poster=\"tu.png\"></video>");
    f.check().assert_error_at("content/cases/a/index.md:6:1");
    f.write_bytes("content/cases/a/clip.mp4", b"mp4");
    f.build_ok(&[]);
    assert!(f.path().join("public/cases/a/clip.mp4").is_file());
    let html = f.read("public/cases/a/index.html");
    assert!(
        html.contains("<video src=\"/cases/a/clip.mp4\" poster=\"/cases/a/tu.png\"></video>"),
        "{html}"
    );
}

#[test]
fn image_without_alt_gets_an_empty_one_and_a_warning() {
    let f = Fixture::new();
    bundle_case(&f, "段落。\n\n<img src=\"tu.png\" onerror=\"alert(1)\">");
    build_saying(
        &f,
        &[
            "warning",
            "content/cases/a/index.md:8:1",
            "image with no description",
        ],
    );
    let doc = f.html("public/cases/a/index.html");
    assert_eq!(attrs(&doc, ".prose img", "alt"), [""]);
    assert_eq!(attrs(&doc, ".prose img", "src"), ["/cases/a/tu.png"]);
    assert!(!f.read("public/cases/a/index.html").contains("onerror"));
}

#[test]
fn script_links_leave_no_link_without_href() {
    let f = Fixture::new();
    f.case_body(
        "a",
        "",
        "<a href=\"javascript:alert(1)\" class=\"x\">原始</a>\n\n[点我](javascript:alert(1)) [再点](  VBScript:x ) [数据](data:text/html;base64,PHNjcmlwdD4=)",
    );
    build_saying(
        &f,
        &[
            "content/cases/a.md:8:1",
            "link to a script address, which is removed",
        ],
    );
    let html = f.read("public/cases/a/index.html");
    let doc = f.html("public/cases/a/index.html");
    assert_eq!(links_without_href(&doc), 0, "{html}");
    assert!(!html.contains("javascript:"), "{html}");
    assert!(!html.to_lowercase().contains("vbscript:"), "{html}");
    assert!(!html.contains("data:text/html"), "{html}");
    let prose = common::texts(&doc, ".prose");
    assert!(prose[0].contains("原始"), "{prose:?}");
    assert!(prose[0].contains("点我"), "{prose:?}");
}

#[test]
fn markdown_script_link_without_raw_html_is_dropped_too() {
    // No raw HTML in the body: the sanitiser does not run, so the
    // resolver is what keeps the script out.
    let f = Fixture::new();
    f.case_body("a", "", "[点我](javascript:alert(1))");
    f.build_ok(&[]);
    let doc = f.html("public/cases/a/index.html");
    assert_eq!(links_without_href(&doc), 0);
    assert!(!f.read("public/cases/a/index.html").contains("javascript:"));
    assert_eq!(common::texts(&doc, ".prose p"), ["点我"]);
}

#[test]
fn markdown_script_image_is_left_out_with_its_description_kept() {
    let f = Fixture::new();
    f.case_body("a", "", "前文 ![流程图](JaVaScRiPt:window.__xss=1) 后文");
    build_saying(&f, &["image to a script address"]);
    let page = f.read("public/cases/a/index.html");
    assert!(!page.to_ascii_lowercase().contains("javascript:"));
    let doc = f.html("public/cases/a/index.html");
    assert_eq!(attrs(&doc, ".prose img", "src").len(), 0);
    assert_eq!(common::texts(&doc, ".prose p"), ["前文 流程图 后文"]);
}

#[test]
fn entity_encoded_script_links_in_raw_html_are_removed_not_taken_for_files() {
    // `javascript:` spelt with numeric references without `;`, as the
    // OWASP filter evasion cheat sheet does: browsers decode them.
    let f = Fixture::new();
    f.case_body(
        "a",
        "",
        "<a href=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)\">点我</a>",
    );
    build_saying(&f, &["link to a script address"]);
    let doc = f.html("public/cases/a/index.html");
    assert_eq!(links_without_href(&doc), 0);
    assert!(attrs(&doc, ".prose a", "href").is_empty());
}

#[test]
fn a_link_to_the_top_of_the_page_is_not_a_missing_heading() {
    let f = Fixture::new();
    f.case_body("a", "", "[回到顶部](#)\n\n<a href=\"#\">顶部</a>");
    f.build_ok(&[]);
    let doc = f.html("public/cases/a/index.html");
    assert_eq!(attrs(&doc, ".prose a", "href"), ["#", "#"]);
}

#[test]
fn email_autolinks_are_mail_links_not_files() {
    let f = Fixture::new();
    f.case_body("a", "", "联系邮箱：<gaigeban@example.gov.cn>");
    f.build_ok(&[]);
    let doc = f.html("public/cases/a/index.html");
    assert_eq!(
        attrs(&doc, ".prose a", "href"),
        ["mailto:gaigeban@example.gov.cn"]
    );
}

#[test]
fn build_reports_broken_links_and_a_foreign_output_folder_together() {
    let f = Fixture::new();
    f.case_body("a", "", "见[另一个](nope.md)。");
    let other = f.path().join("mine");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("keep.txt"), "precious").unwrap();
    let out = f.run(&["build", "-o", other.to_str().unwrap()]);
    out.assert_error_at("content/cases/a.md:6:2");
    assert!(out.stderr.contains("refusing to replace"), "{}", out.stderr);
    assert!(out.stderr.contains("2 errors found"), "{}", out.stderr);
    assert_eq!(
        std::fs::read_to_string(other.join("keep.txt")).unwrap(),
        "precious"
    );
}

#[test]
fn summaries_count_in_the_singular_and_the_plural() {
    let f = Fixture::new();
    f.write(
        "content/compilations/vol.md",
        "+++\ntitle = \"汇编\"\nyear = 2023\n+++\n前言。\n",
    );
    f.case("a", "compilations = [\"vol\"]");
    build_saying(
        &f,
        &["built 1 case, 0 summaries, 0 brands, 1 compilation into"],
    );
    f.case("b", "");
    let out = f.check();
    assert!(
        out.stderr
            .contains("checked 2 cases, 0 summaries, 0 brands, 1 compilation, 0 pages"),
        "{}",
        out.stderr
    );
    let zip = f.path().join("x.zip");
    let out = f.run(&["bundle", "-o", zip.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("bundled 2 cases ("), "{}", out.stderr);
    let csv = f.path().join("x.csv");
    let out = f.run(&["export", "-o", csv.to_str().unwrap()]);
    assert!(out.stderr.contains("wrote 2 cases to"), "{}", out.stderr);
}

/// The heading elements of a page's body, as (tag, text).
fn body_headings(doc: &scraper::Html) -> Vec<(String, String)> {
    let sel = scraper::Selector::parse(
        ".prose h1, .prose h2, .prose h3, .prose h4, .prose h5, .prose h6",
    )
    .unwrap();
    doc.select(&sel)
        .map(|h| (h.value().name().to_string(), h.text().collect::<String>()))
        .collect()
}

#[test]
fn headings_that_skip_a_level_are_shown_one_below_with_a_warning() {
    let f = Fixture::new();
    // Line 6 is the first line of the body.
    f.case_body(
        "a",
        "",
        "### 背景\n\n段落。\n\n##### 细节\n\n## 做法\n\n### 成效",
    );
    let out = f.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for at in ["content/cases/a.md:6:1", "content/cases/a.md:10:1"] {
        assert!(out.stderr.contains(at), "{at}: {}", out.stderr);
    }
    assert!(
        out.stderr
            .contains("level-3 heading right after the page title (level 1) skips a level"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("level-5 heading right after a level-2 heading")
    );
    let doc = f.html("public/cases/a/index.html");
    let tags: Vec<String> = body_headings(&doc).into_iter().map(|(t, _)| t).collect();
    assert_eq!(tags, ["h2", "h3", "h2", "h3"]);
    // The contents list follows the levels as shown.
    assert_eq!(
        common::texts(&doc, ".toc-l2 a"),
        ["背景", "做法"],
        "{}",
        f.read("public/cases/a/index.html")
    );
    // Levels that do not skip are left alone, and no warning.
    let g = Fixture::new();
    g.case_body("b", "", "## 一\n\n### 二\n\n#### 三\n\n## 四");
    let out = g.run(&["build"]);
    assert!(!out.stderr.contains("skips a level"), "{}", out.stderr);
    let tags: Vec<String> = body_headings(&g.html("public/cases/b/index.html"))
        .into_iter()
        .map(|(t, _)| t)
        .collect();
    assert_eq!(tags, ["h2", "h3", "h4", "h2"]);
}

#[test]
fn addresses_without_a_host_are_left_out_with_a_warning() {
    let f = Fixture::new();
    f.case_body(
        "a",
        "",
        "见 <http://../> 与 [官网](https://www..gov.cn/) ![图](https:///x.png) [好](https://www.gov.cn/)",
    );
    let out = f.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for dest in ["http://../", "https://www..gov.cn/", "https:///x.png"] {
        assert!(
            out.stderr.contains(&format!(
                "\"{dest}\", an address with no valid host, is left out"
            )),
            "{dest}: {}",
            out.stderr
        );
    }
    let doc = f.html("public/cases/a/index.html");
    assert_eq!(attrs(&doc, ".prose a", "href"), ["https://www.gov.cn/"]);
    assert_eq!(attrs(&doc, ".prose img", "src").len(), 0);
    assert_eq!(
        common::texts(&doc, ".prose p"),
        ["见 http://../ 与 官网 图 好"]
    );
}

#[test]
fn links_with_nothing_to_read_get_their_address_or_go() {
    let f = Fixture::new();
    f.case("b", "");
    f.case_body(
        "a",
        "",
        "前[](https://www.gov.cn/)中[](b.md)后[ ]()。\n\n## \n\n## 做法\n\n## 成效",
    );
    build_saying(
        &f,
        &[
            "link to \"https://www.gov.cn/\" has no text; it is shown as its address",
            "has no text; it is left out",
        ],
    );
    let doc = f.html("public/cases/a/index.html");
    assert_eq!(attrs(&doc, ".prose a", "href"), ["https://www.gov.cn/"]);
    assert_eq!(common::texts(&doc, ".prose a"), ["https://www.gov.cn/"]);
    // The empty heading is not listed in the contents (an empty link).
    assert_eq!(common::texts(&doc, ".toc-l2 a"), ["做法", "成效"]);
}

#[test]
fn table_rows_without_cells_are_taken_out() {
    let f = Fixture::new();
    // CommonMark example 193: the indented cell is a code block, which
    // leaves the row empty.
    f.case_body(
        "a",
        "",
        "<table>\n\n  <tr>\n\n    <td>\n      Hi\n    </td>\n\n  </tr>\n\n</table>",
    );
    f.build_ok(&[]);
    let doc = f.html("public/cases/a/index.html");
    // The row was the only thing in the table.
    assert_eq!(common::texts(&doc, ".prose tr").len(), 0);
    assert_eq!(common::texts(&doc, ".prose table").len(), 1);
    assert_eq!(common::texts(&doc, ".prose pre"), ["<td> Hi </td>"]);
}

#[test]
fn ids_are_unique_on_the_page_and_prefixed_in_the_print_view() {
    let f = Fixture::new();
    f.write(
        "content/compilations/hb.md",
        "+++\ntitle = \"汇编\"\nyear = 2024\n+++\n\n前言。\n",
    );
    for slug in ["a", "b"] {
        f.case_body(
            slug,
            "compilations = [\"hb\"]",
            "## main\n\n<p id=\"zhu\">注</p><p id=\"zhu\">再</p><div id=\"case-title\">题</div>\n\n见<a href=\"#zhu\">注</a>。甲[^1]乙[^1]\n\n[^1]: 脚注",
        );
    }
    let out = f.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for id in ["zhu", "case-title"] {
        assert!(
            out.stderr.contains(&format!(
                "id \"{id}\" is already used on this page, so it is left out"
            )),
            "{id}: {}",
            out.stderr
        );
    }
    let ids = |doc: &scraper::Html| -> Vec<String> {
        let sel = scraper::Selector::parse("[id]").unwrap();
        doc.select(&sel)
            .map(|e| e.value().attr("id").unwrap().to_string())
            .collect()
    };
    let page = f.html("public/cases/a/index.html");
    let page_ids = ids(&page);
    let mut unique = page_ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), page_ids.len(), "{page_ids:?}");
    // The heading gave way to the page's own `main`.
    assert_eq!(attrs(&page, ".prose h2", "id"), ["main-1"]);
    assert_eq!(attrs(&page, "sup.fnref", "id"), ["fnref-1", "fnref-1-2"]);
    let print = f.html("public/compilations/hb/print/index.html");
    let print_ids = ids(&print);
    let mut unique = print_ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), print_ids.len(), "{print_ids:?}");
    // Raw ids and the links to them are prefixed per case, as headings are.
    for n in [1, 2] {
        assert!(print_ids.contains(&format!("c{n}-zhu")), "{print_ids:?}");
    }
    let hrefs = attrs(&print, ".prose a", "href");
    assert!(hrefs.contains(&"#c1-zhu".to_string()), "{hrefs:?}");
}

#[test]
fn pasted_html_is_mended_to_valid_html5() {
    let f = Fixture::new();
    f.case_body(
        "a",
        "",
        concat!(
            "## 做法\n\n<h5>细节</h5>\n\n",
            "<p><time>下周二</time><time datetime=\"2024-13-45\">某日</time><time datetime=\"2024-03-01\">3月1日</time></p>\n\n",
            "<dl><dt>词</dt></dl>\n\n<details><p>内容</p></details>\n\n",
            "<figure><p>图</p><figcaption>甲</figcaption><figcaption>乙</figcaption></figure>\n\n",
            "<p lang=\"zh_CN\" role=\"banana\">文</p><span aria-label=\"说明\">字</span><ol reversed=\"yes\"><li>一</li></ol>\n\n",
            "<table><tr><th scope=\"bad\">x</th></tr></table><blockquote cite=\"not a url\">引</blockquote>",
        ),
    );
    let out = f.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // The raw heading is a warning at its tag, like a Markdown one.
    assert!(
        out.stderr.contains("content/cases/a.md:8:1"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("level-5 heading right after a level-2 heading")
    );
    let html = f.read("public/cases/a/index.html");
    let doc = f.html("public/cases/a/index.html");
    assert_eq!(common::texts(&doc, ".prose h3"), ["细节"]);
    assert_eq!(attrs(&doc, ".prose time", "datetime"), ["2024-03-01"]);
    assert_eq!(common::texts(&doc, ".prose dd").len(), 1, "{html}");
    assert_eq!(common::texts(&doc, ".prose details > summary"), ["详情"]);
    // One caption, and not in the middle of the figure.
    assert_eq!(common::texts(&doc, ".prose figcaption").len(), 0, "{html}");
    assert_eq!(attrs(&doc, ".prose p[lang]", "lang"), ["zh-CN"]);
    assert_eq!(attrs(&doc, ".prose [role]", "role").len(), 0, "{html}");
    assert_eq!(attrs(&doc, ".prose [aria-label]", "aria-label").len(), 0);
    assert_eq!(attrs(&doc, ".prose ol", "reversed"), [""]);
    assert_eq!(attrs(&doc, ".prose th", "scope").len(), 0);
    assert_eq!(attrs(&doc, ".prose blockquote", "cite").len(), 0);
}
