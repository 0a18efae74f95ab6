//! `casebook build`: fixture sites built with the real binary, output
//! parsed as HTML/JSON and checked for the values each page type shows.

mod common;
use common::{Fixture, attrs, bin_index, script_index, texts};
use std::collections::BTreeMap;
use std::path::Path;

/// A small but complete site: 4 cases (one draft), a brand, a compilation
/// with chapters, a summary, a page and a home page.
fn site() -> Fixture {
    let f = Fixture::with_config(
        "title = \"测试改革案例\"\nbase_url = \"https://example.gov.cn/reform/\"\npaginate = 2\n",
    );
    f.write(
        "content/_index.md",
        "+++\ntitle = \"测试首页\"\nhero = \"以改革破题\"\nbrands = [\"gaige\"]\n+++\n首页介绍。\n",
    );
    f.write(
        "content/brands/gaige/index.md",
        "+++\ntitle = \"改革品牌\"\nslogan = \"改出新高地\"\ncolor = \"#8c1c13\"\nlogo = \"logo.svg\"\n\n[[milestones]]\ndate = 2021-01-01\ntext = \"品牌发布\"\n+++\n品牌介绍。\n",
    );
    f.write(
        "content/brands/gaige/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><title>标志</title></svg>",
    );
    f.write(
        "content/compilations/vol.md",
        "+++\ntitle = \"典型案例汇编\"\nyear = 2023\n\n[[chapters]]\ntitle = \"营商环境篇\"\nfields = [\"营商环境\"]\n+++\n这是前言。\n",
    );
    f.case_body(
        "yichuang",
        "title = \"“一窗通办”改革 <b>&</b> 提速\"\ndate = 2023-03-01\nregion = \"滨城区\"\nunit = \"行政审批服务局\"\nfields = [\"营商环境\"]\ntags = [\"放管服\"]\nkind = \"innovation\"\nbrands = [\"gaige\"]\ncompilations = [\"vol\"]\nweight = 1\nfeatured = true\n\n[[approvals]]\nby = \"省委主要领导\"\nlevel = \"provincial\"\ndate = 2023-05-01\n\n[[honours]]\nkind = \"commendation\"\nlevel = \"national\"\nissuer = \"国家发展改革委\"\ndate = 2023-04-01",
        "改革前，企业办事\n需要跑多个窗口。\n\n## 改革背景\n\n背景。\n\n## 主要做法\n\n见[另一个案例](banjian.md)与[背景](#改革背景)。\n\n![流程](liucheng.svg)\n\n```json\n{\"a\": 1}\n```\n\n<script>alert(1)</script><a href=\"javascript:alert(2)\" onclick=\"x()\">危险</a>\n",
    );
    f.write(
        "content/cases/liucheng.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><title>流程</title></svg>",
    );
    f.case_body(
        "banjian",
        "title = \"并联审批\"\ndate = 2022-06-01\nregion = \"邹平市\"\nfields = [\"营商环境\"]\ntags = [\"放管服\"]\ncompilations = [\"vol\"]\nweight = 2\n\n[[honours]]\nkind = \"circular\"\nlevel = \"provincial\"\nissuer = \"省委改革办\"\ndate = 2022-09-01\n\n[pilot]\nlevel = \"national\"\nstatus = \"accepted\"\naccepted_on = 2023-01-10",
        "并联审批的第一段。",
    );
    f.case_body(
        "zhili",
        "title = \"网格治理\"\ndate = 2021-02-01\nregion = \"滨城区\"\nfields = [\"社会治理\"]\ncompilations = [\"vol\"]",
        "网格化治理。",
    );
    f.case_body(
        "caogao",
        "title = \"草稿案例\"\ndate = 2024-01-01\ndraft = true\nfields = [\"营商环境\"]",
        "草稿正文。",
    );
    f.write(
        "content/summaries/2023.md",
        "+++\ntitle = \"2023年改革成效\"\ndate = 2023-12-31\nperiod = \"2023年度\"\nhighlights = [\"亮点一\"]\n\n[[metrics]]\nlabel = \"承接任务\"\nvalue = 34\ntarget = 66\nunit = \"项\"\n+++\n综述。\n",
    );
    f.write(
        "content/pages/about.md",
        "---\ntitle: 关于本站\nslug: about\n---\n关于。\n",
    );
    f
}

fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut m = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.unwrap();
        if e.file_type().is_file() {
            m.insert(
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                std::fs::read(e.path()).unwrap(),
            );
        }
    }
    m
}

#[test]
fn every_page_of_the_url_map_is_written() {
    let f = site();
    let public = f.build_ok(&[]);
    for p in [
        "index.html",
        "cases/index.html",
        "cases/page/2/index.html",
        "cases/yichuang/index.html",
        "summaries/index.html",
        "summaries/2023/index.html",
        "brands/index.html",
        "brands/gaige/index.html",
        "brands/gaige/logo.svg",
        "compilations/index.html",
        "compilations/vol/index.html",
        "compilations/vol/print/index.html",
        "honours/index.html",
        "stats/index.html",
        "search/index.html",
        "regions/index.html",
        "regions/bin-cheng-qu/index.html",
        "fields/ying-shang-huan-jing/index.html",
        "tags/fang-guan-fu/index.html",
        "years/2023/index.html",
        "about/index.html",
        "atom.xml",
        "sitemap.xml",
        "404.html",
        "data/cases.json",
        "data/stats.json",
        "search-index.js",
        "css/highlight.css",
    ] {
        assert!(public.join(p).is_file(), "missing {p}");
    }
    assert!(!public.join("cases/page/3").exists());
}

#[test]
fn drafts_are_excluded_unless_asked_for() {
    let f = site();
    let public = f.build_ok(&[]);
    assert!(!public.join("cases/caogao").exists());
    let cases = f.read("public/data/cases.json");
    assert!(!cases.contains("草稿案例"));
    assert!(!f.read("public/search-index.js").contains("草稿正文"));
    assert!(!f.read("public/cases/index.html").contains("草稿案例"));
    f.build_ok(&["--drafts"]);
    assert!(f.path().join("public/cases/caogao/index.html").is_file());
}

#[test]
fn case_page_shows_its_record() {
    let f = site();
    f.build_ok(&[]);
    let doc = f.html("public/cases/yichuang/index.html");
    // The title is escaped, not interpreted.
    assert_eq!(texts(&doc, "h1"), ["“一窗通办”改革 <b>&</b> 提速"]);
    assert!(
        f.read("public/cases/yichuang/index.html")
            .contains("&lt;b&gt;&amp;&lt;&#x2F;b&gt;")
            || f.read("public/cases/yichuang/index.html")
                .contains("&lt;b&gt;&amp;&lt;/b&gt;")
    );
    // Recognition panel in date order: the honour (April) before the approval (May).
    let events = texts(&doc, ".recognition .event time");
    assert_eq!(events, ["2023年4月1日", "2023年5月1日"]);
    assert!(
        texts(&doc, ".recognition .event")
            .iter()
            .any(|t| t.contains("国家发展改革委"))
    );
    // Badges: the highest honour and the highest approval.
    let badges = texts(&doc, ".doc-head .badge");
    assert!(badges.contains(&"国家级表彰".to_string()), "{badges:?}");
    assert!(badges.contains(&"省级批示".to_string()), "{badges:?}");
    // Ordered by level, whatever their kind: banjian's national pilot
    // comes before its provincial honour.
    let other = f.html("public/cases/banjian/index.html");
    let badges = texts(&other, ".doc-head .badge");
    assert_eq!(badges.len(), 2, "{badges:?}");
    assert_eq!(badges[0], "国家级试点通过验收");
    assert!(badges[1].starts_with("省级"), "{badges:?}");
    // Table of contents from the headings, with ids that work in Chinese.
    assert_eq!(
        attrs(&doc, "h2[id]", "id")
            .iter()
            .filter(|i| i.contains("改革背景"))
            .count(),
        1
    );
    let toc = attrs(&doc, ".toc a", "href");
    assert!(
        toc.contains(&"#改革背景".to_string()) && toc.contains(&"#主要做法".to_string()),
        "{toc:?}"
    );
    // Previous/next inside the compilation: weight 1 is first, so only next.
    assert_eq!(
        attrs(&doc, ".comp-nav a[rel=next]", "href"),
        ["/reform/cases/banjian/"]
    );
    assert!(attrs(&doc, ".comp-nav a[rel=prev]", "href").is_empty());
    // Related cases share fields and tags.
    assert_eq!(
        attrs(&doc, ".related .card-title a", "href")[0],
        "/reform/cases/banjian/"
    );
    // Breadcrumbs end with the case.
    let crumbs = texts(&doc, ".breadcrumbs li");
    assert_eq!(crumbs.first().map(String::as_str), Some("首页"));
    assert!(crumbs.last().unwrap().contains("一窗通办"));
}

#[test]
fn markdown_is_rewritten_sanitised_and_highlighted() {
    let f = site();
    f.build_ok(&[]);
    let html = f.read("public/cases/yichuang/index.html");
    let doc = scraper::Html::parse_document(&html);
    let body = scraper::Selector::parse(".prose").unwrap();
    let prose = doc.select(&body).next().unwrap().html();
    // .md links become page URLs, anchors stay.
    assert!(prose.contains("href=\"/reform/cases/banjian/\""), "{prose}");
    // (the sanitiser percent-encodes the fragment, which browsers decode)
    assert!(
        prose.contains("href=\"#改革背景\"")
            || prose.contains("href=\"#%E6%94%B9%E9%9D%A9%E8%83%8C%E6%99%AF\""),
        "{prose}"
    );
    // Images referenced from a plain .md file are copied beside the page.
    assert!(
        prose.contains("src=\"/reform/cases/yichuang/liucheng.svg\""),
        "{prose}"
    );
    assert!(
        f.path()
            .join("public/cases/yichuang/liucheng.svg")
            .is_file()
    );
    // Raw HTML is sanitised by default.
    assert!(!prose.contains("<script"), "{prose}");
    assert!(!prose.contains("onclick"), "{prose}");
    assert!(!prose.contains("javascript:"), "{prose}");
    // Code is highlighted with classes.
    assert!(prose.contains("class=\"hl-"), "{prose}");
    assert!(f.read("public/css/highlight.css").contains(".hl-"));
    // No stray space where a line broke between Chinese characters.
    assert!(prose.contains("企业办事需要跑多个窗口"), "{prose}");
}

#[test]
fn unsafe_html_opt_out_keeps_raw_html() {
    let f = site();
    let cfg = f.read("casebook.toml");
    f.write(
        "casebook.toml",
        &format!("{cfg}\n[markdown]\nunsafe_html = true\n"),
    );
    f.build_ok(&[]);
    assert!(
        f.read("public/cases/yichuang/index.html")
            .contains("<script>alert(1)</script>")
    );
}

#[test]
fn case_list_is_paginated_newest_first() {
    let f = site();
    f.build_ok(&[]);
    let p1 = f.html("public/cases/index.html");
    let p2 = f.html("public/cases/page/2/index.html");
    let titles = |d: &scraper::Html| texts(d, "main .case-card .card-title");
    assert_eq!(titles(&p1), ["“一窗通办”改革 <b>&</b> 提速", "并联审批"]);
    assert_eq!(titles(&p2), ["网格治理"]);
    assert!(attrs(&p1, ".pagination a", "href").contains(&"/reform/cases/page/2/".to_string()));
    // Cards carry recognition badges.
    assert!(texts(&p1, "main .case-card .badge").contains(&"国家级表彰".to_string()));
}

#[test]
fn compilation_numbering_and_print_view() {
    let f = site();
    f.build_ok(&[]);
    let doc = f.html("public/compilations/vol/index.html");
    assert_eq!(
        texts(&doc, ".chapter-title"),
        ["第一章 营商环境篇", "第二章 其他"]
    );
    let links = attrs(&doc, ".contents-title a", "href");
    assert_eq!(
        links,
        [
            "/reform/cases/yichuang/",
            "/reform/cases/banjian/",
            "/reform/cases/zhili/"
        ]
    );
    assert_eq!(texts(&doc, ".contents-no"), ["1", "2", "3"]);
    let print = f.html("public/compilations/vol/print/index.html");
    assert_eq!(
        attrs(&print, ".sheet-case", "id"),
        ["case-yichuang", "case-banjian", "case-zhili"]
    );
    // The whole text of every member, with ids prefixed per case.
    let all = f.read("public/compilations/vol/print/index.html");
    assert!(all.contains("并联审批的第一段。") && all.contains("网格化治理。"));
    assert!(
        all.contains("<h4 id=\"c1-改革背景\">改革背景</h4>"),
        "heading ids are prefixed and `##` sits under the case title (h3) in the print view"
    );
    assert_eq!(texts(&print, ".vol-body h2").len(), 0);
    // The case page keeps its own levels.
    let case = f.read("public/cases/yichuang/index.html");
    assert!(case.contains("<h2 id=\"改革背景\">改革背景</h2>"));
    // A link to another member points at its place in the volume.
    assert!(all.contains("href=\"#case-banjian\""));
    // The case line's parts are separated by their marks alone: no
    // whitespace between them (it printed as a double space).
    let sel = scraper::Selector::parse(".vol-case-meta").unwrap();
    for meta in print.select(&sel) {
        let inner = meta.inner_html();
        let parts = inner.trim();
        assert!(
            !parts.contains(">\n") && !parts.contains("> <"),
            "whitespace between the parts of {parts:?}"
        );
    }
}

#[test]
fn honours_wall_lists_every_event_by_level_then_date() {
    let f = site();
    f.build_ok(&[]);
    let doc = f.html("public/honours/index.html");
    let groups = texts(&doc, ".honour-group > h2");
    assert_eq!(groups.len(), 2);
    assert!(
        groups[0].starts_with("国家级") && groups[1].starts_with("省级"),
        "{groups:?}"
    );
    // National: the accepted pilot (2023-01-10) and the commendation (2023-04-01), newest first.
    let national = texts(&doc, ".honour-group.rank-0 .wall-item time");
    assert_eq!(national, ["2023年4月1日", "2023年1月10日"]);
    let provincial = texts(&doc, ".honour-group.rank-1 .wall-item time");
    assert_eq!(provincial, ["2023年5月1日", "2022年9月1日"]);
    for href in attrs(&doc, ".wall-case a", "href") {
        assert!(href.starts_with("/reform/cases/"), "{href}");
    }
}

#[test]
fn brand_page_figures_and_cases() {
    let f = site();
    f.build_ok(&[]);
    let doc = f.html("public/brands/gaige/index.html");
    assert_eq!(texts(&doc, "h1"), ["改革品牌"]);
    assert_eq!(
        attrs(&doc, ".brand-logo", "src"),
        ["/reform/brands/gaige/logo.svg"]
    );
    let values = texts(&doc, ".figure-value");
    assert_eq!(values[..3], ["1", "1", "1"], "cases, approvals, honours");
    assert_eq!(texts(&doc, ".timeline li").len(), 1);
    assert_eq!(
        attrs(&doc, ".case-card .card-title a", "href"),
        ["/reform/cases/yichuang/"]
    );
}

#[test]
fn home_and_summary_show_computed_figures() {
    let f = site();
    f.build_ok(&[]);
    let home = f.html("public/index.html");
    let figures: Vec<(String, String)> = texts(&home, ".figure-value")
        .into_iter()
        .zip(texts(&home, ".figure-label"))
        .collect();
    for (v, l) in [
        ("3", "典型案例"),
        ("1", "国家级表彰"),
        ("1", "省级及以上批示"),
        ("1", "国家级试点通过验收"),
    ] {
        assert!(
            figures.contains(&(v.to_string(), l.to_string())),
            "{figures:?}"
        );
    }
    let summary = f.read("public/summaries/2023/index.html");
    assert!(summary.contains("34") && summary.contains("66"));
}

/// Front matter may name controlled values by their Chinese labels; data
/// files and URLs always carry the ids.
#[test]
fn vocabulary_labels_become_ids() {
    let f = Fixture::new();
    f.case(
        "a",
        "kind = \"破零\"\n\n[[approvals]]\nby = \"x\"\nlevel = \"省级\"\ndate = 2023-06-01\n\n[[honours]]\nkind = \"通报表扬\"\nlevel = \"国家级\"\nissuer = \"y\"\ndate = 2023-07-01\n\n[pilot]\nlevel = \"市级\"\nstatus = \"通过中期评估\"",
    );
    f.build_ok(&[]);
    let cases: serde_json::Value = serde_json::from_str(&f.read("public/data/cases.json")).unwrap();
    let c = &cases[0];
    assert_eq!(c["kind"], "breakthrough");
    assert_eq!(c["approvals"][0]["level"], "provincial");
    assert_eq!(c["honours"][0]["kind"], "circular");
    assert_eq!(c["honours"][0]["level"], "national");
    assert_eq!(c["pilot"]["level"], "municipal");
    assert_eq!(c["pilot"]["status"], "midterm");
    let page = f.read("public/cases/a/index.html");
    assert!(
        page.contains("通报表扬") && page.contains("破零"),
        "labels shown on the page"
    );
}

#[test]
fn data_files_and_feeds() {
    let f = site();
    f.build_ok(&[]);
    let cases: serde_json::Value = serde_json::from_str(&f.read("public/data/cases.json")).unwrap();
    let slugs: Vec<&str> = cases
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["slug"].as_str().unwrap())
        .collect();
    assert_eq!(slugs, ["yichuang", "banjian", "zhili"]);
    let first = &cases[0];
    for key in [
        "slug",
        "title",
        "url",
        "date",
        "summary",
        "unit",
        "region",
        "fields",
        "tags",
        "kind",
        "brands",
        "compilations",
        "approvals",
        "honours",
        "pilot",
    ] {
        assert!(first.get(key).is_some(), "cases.json lacks {key}");
    }
    assert_eq!(first["url"], "/reform/cases/yichuang/");
    assert_eq!(first["approvals"][0]["level"], "provincial");
    assert_eq!(cases[1]["pilot"]["accepted_on"], "2023-01-10");
    let atom = f.read("public/atom.xml");
    assert!(
        atom.contains("<updated>2023-12-31T00:00:00Z</updated>"),
        "dates come from content"
    );
    assert!(atom.contains("https://example.gov.cn/reform/cases/yichuang/"));
    let sitemap = f.read("public/sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.gov.cn/reform/compilations/vol/print/</loc>"));
    assert!(!sitemap.contains("404"));
    let page = f.read("public/cases/yichuang/index.html");
    assert!(page.contains(
        "<link rel=\"canonical\" href=\"https://example.gov.cn/reform/cases/yichuang/\">"
    ));
    assert!(page.contains("og:title"));
}

#[test]
fn two_builds_are_byte_identical() {
    let f = site();
    let a = f.path().join("a");
    let b = f.path().join("b");
    assert_eq!(f.run(&["build", "-o", a.to_str().unwrap()]).code, 0);
    assert_eq!(f.run(&["build", "-o", b.to_str().unwrap()]).code, 0);
    let (ta, tb) = (tree(&a), tree(&b));
    assert!(ta.len() > 30);
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (k, v) in &ta {
        assert!(tb[k] == *v, "{k} differs");
    }
}

#[test]
fn failed_build_keeps_previous_output() {
    let f = site();
    let public = f.build_ok(&[]);
    let before = tree(&public);
    f.case("broken", "kind = \"nope\"");
    let out = f.run(&["build"]);
    assert_eq!(out.code, 1);
    assert_eq!(tree(&public), before, "the previous output changed");
    // No temporary folders are left behind.
    let leftovers: Vec<_> = std::fs::read_dir(f.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("casebook-tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn template_error_names_template_line_and_column() {
    let f = site();
    f.write("templates/page.html", "{% extends \"base.html\" %}\n{% block content %}\n<p>{{ doc.title | no_such_filter }}</p>\n{% endblock content %}\n");
    let public = f.path().join("public");
    let out = f.run(&["build"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("templates/page.html:3:"),
        "{}",
        out.stderr
    );
    assert!(!public.exists());
}

#[test]
fn site_template_overrides_theme_template() {
    let f = site();
    f.write("templates/page.html", "{% extends \"base.html\" %}\n{% block content %}<p class=\"mine\">{{ doc.title }}</p>{% endblock content %}\n");
    f.build_ok(&[]);
    assert_eq!(
        texts(&f.html("public/about/index.html"), ".mine"),
        ["关于本站"]
    );
}

#[test]
fn refuses_dangerous_output_folders() {
    let f = site();
    for target in [".", "content", "content/cases"] {
        let out = f.run(&["build", "-o", f.path().join(target).to_str().unwrap()]);
        assert_eq!(out.code, 2, "{target}: {}", out.stderr);
        assert!(out.stderr.contains("refusing"), "{}", out.stderr);
    }
    let other = f.path().join("mine");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("keep.txt"), "precious").unwrap();
    let out = f.run(&["build", "-o", other.to_str().unwrap()]);
    assert_eq!(out.code, 2);
    assert_eq!(
        std::fs::read_to_string(other.join("keep.txt")).unwrap(),
        "precious"
    );
    // An output folder made by casebook may be replaced.
    f.build_ok(&[]);
    f.build_ok(&[]);
}

#[test]
fn offline_build_links_are_relative() {
    let f = site();
    let out = f.path().join("off");
    assert_eq!(
        f.run(&["build", "--offline", "-o", out.to_str().unwrap()])
            .code,
        0
    );
    let page = std::fs::read_to_string(out.join("cases/yichuang/index.html")).unwrap();
    let doc = scraper::Html::parse_document(&page);
    for href in attrs(&doc, "a[href]", "href")
        .into_iter()
        .chain(attrs(&doc, "link[href]", "href"))
        .chain(attrs(&doc, "[src]", "src"))
    {
        assert!(!href.starts_with('/'), "root-relative link {href}");
        assert!(
            !href.starts_with("https://example.gov.cn/reform"),
            "site-absolute link {href}"
        );
        if !href.starts_with('#') && !href.contains("://") {
            let path = href.split(['#', '?']).next().unwrap();
            let target = out.join("cases/yichuang").join(path);
            assert!(target.is_file(), "{href} does not resolve to a file");
        }
    }
    assert!(!out.join("atom.xml").exists());
}

#[test]
fn english_site_uses_english_strings() {
    let f = site();
    let cfg = f.read("casebook.toml");
    f.write(
        "casebook.toml",
        &cfg.replace("paginate = 2", "paginate = 2\nlanguage = \"en\""),
    );
    f.build_ok(&[]);
    let doc = f.html("public/cases/yichuang/index.html");
    assert_eq!(attrs(&doc, "html", "lang"), ["en"]);
    let badges = texts(&doc, ".doc-head .badge");
    assert!(
        badges
            .iter()
            .any(|b| b.contains("National") && b.contains("Commendation")),
        "{badges:?}"
    );
}

#[test]
fn binary_search_index_holds_what_the_script_holds() {
    let f = site();
    // A body beyond the BMP and with a line break: lengths are in UTF-16
    // code units and bodies may hold newlines.
    f.case_body(
        "kuozhan",
        "title = \"扩展字符𠀾\"\ndate = 2020-01-01\nfields = [\"营商环境\"]",
        "第一段𠀾𠀾。\n\n第二段，ＡＢ。",
    );
    f.build_ok(&[]);
    let js = script_index(&f.read("public/search-index.js"));
    let bytes = std::fs::read(f.path().join("public/search-index.bin")).unwrap();
    let (head, docs) = bin_index(&bytes);
    assert_eq!(head, serde_json::json!({"version": 1, "docs": js.len()}));
    assert_eq!(docs, js);
    let kz = docs.iter().find(|d| d["u"] == "cases/kuozhan/").unwrap();
    assert_eq!(kz["b"], "第一段𠀾𠀾。\n第二段，ＡＢ。");
    assert!(!docs.iter().any(|d| d["ti"] == "草稿案例"));
    // The search page preloads it (as fetch, for search.js's fetch()).
    let page = f.html("public/search/index.html");
    assert_eq!(
        attrs(&page, "link[rel=preload]", "href"),
        ["/reform/search-index.bin"]
    );
    assert_eq!(attrs(&page, "link[rel=preload]", "as"), ["fetch"]);
    // Offline, pages cannot fetch: no binary index, the script preloaded.
    let out = f.path().join("off");
    assert_eq!(
        f.run(&["build", "--offline", "-o", out.to_str().unwrap()])
            .code,
        0
    );
    assert!(!out.join("search-index.bin").exists());
    let page = scraper::Html::parse_document(
        &std::fs::read_to_string(out.join("search/index.html")).unwrap(),
    );
    assert_eq!(
        attrs(&page, "link[rel=preload]", "href"),
        ["../search-index.js"]
    );
}

#[test]
fn a_written_summary_leads_the_case_page() {
    let f = Fixture::new();
    f.case("a", "summary = \"群众办事只进一扇门。\"");
    f.case_body("b", "", "第一段就是摘要。\n\n第二段。");
    f.build_ok(&[]);
    let a = f.html("public/cases/a/index.html");
    assert_eq!(texts(&a, ".doc-head .lede"), ["群众办事只进一扇门。"]);
    // Without one, the first paragraph is not shown twice.
    let b = f.html("public/cases/b/index.html");
    assert_eq!(texts(&b, ".doc-head .lede").len(), 0);
    assert_eq!(texts(&b, ".prose p")[0], "第一段就是摘要。");
}
