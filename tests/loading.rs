//! Loading edge cases: encodings, line endings, symlinks, debris, huge files.

mod common;
use common::Fixture;

fn site_of(f: &Fixture) -> casebook::model::Site {
    match casebook::load_site(f.path(), false) {
        Ok((site, _)) => site,
        Err(casebook::Error::Content(d)) => panic!("{:?}", d.items()),
        Err(e) => panic!("{e:?}"),
    }
}

#[test]
fn bom_and_crlf_yaml() {
    let f = Fixture::new();
    let text = "\u{feff}---\r\ntitle: 一窗通办\r\ndate: 2023-05-01\r\nregion: 滨城区\r\nfields:\r\n  - 营商环境\r\n  - 政务服务\r\n---\r\n\r\n第一段\r\n文字。\r\n";
    f.write("content/cases/crlf.md", text);
    let out = f.check();
    assert_eq!(out.code, 0, "{}", out.stderr);
    let site = site_of(&f);
    let c = &site.cases[0];
    assert_eq!(c.doc.title, "一窗通办");
    assert_eq!(c.doc.region.as_deref(), Some("滨城区"));
    assert_eq!(c.doc.fields, ["营商环境", "政务服务"]);
    // The CJK line break inside the paragraph leaves no space.
    assert_eq!(c.summary, "第一段文字。");
}

#[test]
fn bom_and_crlf_toml_with_error_position() {
    let f = Fixture::new();
    f.write(
        "content/cases/t.md",
        "\u{feff}+++\r\ntitle = \"x\"\r\ndate = 2023-05-01\r\nkind = \"nope\"\r\n+++\r\n",
    );
    f.check().assert_error_at("content/cases/t.md:4:8");
}

#[test]
fn editor_debris_is_ignored() {
    let f = Fixture::new();
    f.case("a", "");
    for name in [
        ".a.md.swp",
        "~$a.md",
        "a.md~",
        "a.md.bak",
        "a.tmp",
        ".hidden.md",
        "#a.md#",
    ] {
        f.write(
            &format!("content/cases/{name}"),
            "garbage \u{0} not a document",
        );
    }
    let out = f.check();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(site_of(&f).cases.len(), 1);
}

#[test]
fn names_with_spaces_and_chinese() {
    let f = Fixture::new();
    f.write(
        "content/cases/2023 年/一窗 通办.md",
        "+++\ntitle = \"x\"\ndate = 2023-05-01\n+++\n",
    );
    let site = site_of(&f);
    assert_eq!(site.cases[0].doc.meta.slug, "yi-chuang-tong-ban");
    f.build_ok(&[]);
    assert!(
        f.path()
            .join("public/cases/yi-chuang-tong-ban/index.html")
            .is_file()
    );
}

#[cfg(unix)]
#[test]
fn symlink_loop_does_not_hang() {
    let f = Fixture::new();
    f.case("a", "");
    std::fs::create_dir_all(f.path().join("content/cases/loop")).unwrap();
    std::os::unix::fs::symlink("..", f.path().join("content/cases/loop/back")).unwrap();
    let out = f.check();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("symbolic link loop"), "{}", out.stderr);
}

#[cfg(unix)]
#[test]
fn symlink_out_of_the_site_is_not_followed() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("secret.md"),
        "+++\ntitle = \"secret\"\ndate = 2023-05-01\n+++\n",
    )
    .unwrap();
    let f = Fixture::new();
    f.case("a", "");
    std::os::unix::fs::symlink(outside.path(), f.path().join("content/cases/elsewhere")).unwrap();
    // An error, not a warning: the editor meant that folder to be
    // published, and a site quietly missing it is not what they asked for.
    let out = f.check();
    out.assert_error_at("content/cases/elsewhere");
    assert!(
        out.stderr.contains("points outside the site folder"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("secret\""), "{}", out.stderr);
}

#[cfg(unix)]
#[test]
fn symlink_inside_the_site_is_followed() {
    let f = Fixture::new();
    f.write(
        "shared/b.md",
        "+++\ntitle = \"共享\"\ndate = 2023-05-01\n+++\n",
    );
    std::os::unix::fs::symlink(
        f.path().join("shared/b.md"),
        f.path().join("content/cases/b.md"),
    )
    .unwrap();
    assert_eq!(site_of(&f).cases.len(), 1);
}

#[test]
fn twenty_megabyte_case() {
    let f = Fixture::new();
    let para = "改革背景与主要做法，取得显著成效。".repeat(40);
    let mut body = String::with_capacity(21 << 20);
    let mut n = 0;
    while body.len() < 20 << 20 {
        n += 1;
        body.push_str(&format!("## 第{n}节\n\n{para}\n\n- 要点一\n- 要点二\n\n"));
    }
    f.case_body("huge", "", &body);
    let out = f.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let html = std::fs::metadata(f.path().join("public/cases/huge/index.html")).unwrap();
    assert!(html.len() > 20 << 20);
}

#[test]
fn walk_order_is_deterministic() {
    let f = Fixture::new();
    for name in ["b", "a", "c", "2023/z", "2021/y"] {
        f.write(
            &format!("content/cases/{name}.md"),
            "+++\ntitle = \"同名\"\ndate = 2023-05-01\n+++\n",
        );
    }
    let order = |s: &casebook::model::Site| {
        s.cases
            .iter()
            .map(|c| c.doc.meta.slug.clone())
            .collect::<Vec<_>>()
    };
    let first = order(&site_of(&f));
    assert_eq!(first, ["a", "b", "c", "y", "z"]);
    assert_eq!(order(&site_of(&f)), first);
}

#[test]
fn bundle_assets_are_recorded() {
    let f = Fixture::new();
    f.write(
        "content/cases/b/index.md",
        "+++\ntitle = \"x\"\ndate = 2023-05-01\n+++\n![图](img/a.svg)\n",
    );
    f.write(
        "content/cases/b/img/a.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    f.write("content/cases/b/附件.pdf", "%PDF");
    let site = site_of(&f);
    assert_eq!(site.cases[0].doc.meta.slug, "b");
    assert_eq!(site.cases[0].doc.meta.assets, ["img/a.svg", "附件.pdf"]);
}

#[test]
fn root_is_found_upwards() {
    let f = Fixture::new();
    f.case("a", "");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_casebook"))
        // Messages in English unless a test asks for a language.
        .env("CASEBOOK_LANG", "en")
        .arg("check")
        .current_dir(f.path().join("content/cases"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
