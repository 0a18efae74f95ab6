//! One test per validation rule: a fixture that breaks the rule, run through
//! `casebook check`, asserting exit status 1 and a message that names the
//! file, line and column, with the cause (and hint where there is one).

mod common;
use common::Fixture;

/// `rule!(name, |f| { setup }, "path:line:col", "message part", ...)`
macro_rules! rule {
    ($name:ident, |$f:ident| $setup:block, $loc:expr $(, $part:expr)* $(,)?) => {
        #[test]
        fn $name() {
            let $f = Fixture::new();
            $setup
            let out = $f.check();
            out.assert_error_at($loc);
            $( assert!(out.stderr.contains($part), "expected {:?} in:\n{}", $part, out.stderr); )*
        }
    };
}

/// Like `rule!` but for warnings: the run succeeds and the warning is shown.
macro_rules! warn_rule {
    ($name:ident, |$f:ident| $setup:block, $loc:expr $(, $part:expr)* $(,)?) => {
        #[test]
        fn $name() {
            let $f = Fixture::new();
            $setup
            let out = $f.check();
            assert_eq!(out.code, 0, "expected success with a warning:\n{}", out.stderr);
            assert!(out.stderr.contains("warning"), "no warning:\n{}", out.stderr);
            assert!(out.stderr.contains($loc), "expected {} in:\n{}", $loc, out.stderr);
            $( assert!(out.stderr.contains($part), "expected {:?} in:\n{}", $part, out.stderr); )*
        }
    };
}

// ---------------------------------------------------------------- config

#[test]
fn config_toml_syntax_error() {
    let f = Fixture::with_config("title = \"x\"\npaginate = = 3\n");
    f.check().assert_error_at("casebook.toml:2:");
}

#[test]
fn config_missing_title() {
    let f = Fixture::with_config("description = \"x\"\n");
    let out = f.check();
    out.assert_error_at("casebook.toml:1:1");
    assert!(
        out.stderr.contains("missing required key `title`"),
        "{}",
        out.stderr
    );
}

#[test]
fn config_wrong_type() {
    let f = Fixture::with_config("title = \"x\"\npaginate = \"20\"\n");
    let out = f.check();
    out.assert_error_at("casebook.toml:2:12");
    assert!(
        out.stderr
            .contains("must be a whole number, found a string"),
        "{}",
        out.stderr
    );
}

#[test]
fn config_paginate_out_of_range() {
    let f = Fixture::with_config("title = \"x\"\npaginate = 0\n");
    f.check().assert_error_at("casebook.toml:2:12");
}

#[test]
fn config_unsupported_language() {
    let f = Fixture::with_config("title = \"x\"\nlanguage = \"zh-TW\"\n");
    let out = f.check();
    out.assert_error_at("casebook.toml:2:12");
    assert!(out.stderr.contains("\"zh-CN\""), "{}", out.stderr);
}

#[test]
fn config_base_url_not_absolute() {
    let f = Fixture::with_config("title = \"x\"\nbase_url = \"example.gov.cn\"\n");
    f.check().assert_error_at("casebook.toml:2:12");
}

#[test]
fn config_unknown_highlight_theme() {
    let f =
        Fixture::with_config("title = \"x\"\n[markdown]\nhighlight_theme = \"InspiredGithub\"\n");
    let out = f.check();
    out.assert_error_at("casebook.toml:3:19");
    assert!(
        out.stderr.contains("did you mean \"InspiredGitHub\""),
        "{}",
        out.stderr
    );
}

#[test]
fn config_bad_accent_color() {
    let f = Fixture::with_config("title = \"x\"\naccent_color = \"red\"\n");
    f.check().assert_error_at("casebook.toml:2:16");
}

#[test]
fn config_vocab_label_must_be_text() {
    let f = Fixture::with_config("title = \"x\"\n[vocab.levels]\nnational = 1\n");
    let out = f.check();
    out.assert_error_at("casebook.toml:3:12");
    assert!(
        out.stderr.contains("label of `national` must be text"),
        "{}",
        out.stderr
    );
}

#[test]
fn config_vocab_id_shape() {
    let f = Fixture::with_config("title = \"x\"\n[vocab.levels]\n\"部级\" = \"部级\"\n");
    f.check().assert_error_at("casebook.toml:3:1");
}

#[test]
fn config_misspelt_key_is_an_error_with_suggestion() {
    // A setting whose key is misspelt would silently keep its default.
    let f = Fixture::with_config("title = \"x\"\npaginat = 10\n");
    let out = f.check();
    out.assert_error_at("casebook.toml:2:1");
    assert!(
        out.stderr.contains("did you mean `paginate`"),
        "{}",
        out.stderr
    );
}

#[test]
fn config_missing_theme() {
    let f = Fixture::with_config("title = \"x\"\ntheme = \"fancy\"\n");
    let out = f.check();
    out.assert_error_at("casebook.toml:1:1");
    assert!(
        out.stderr.contains("theme \"fancy\" not found"),
        "{}",
        out.stderr
    );
}

#[test]
fn broken_config_still_reports_content_errors() {
    let f = Fixture::with_config("title = \"x\"\npaginate = \"x\"\n");
    f.case("a", "kind = \"pilto\"");
    let out = f.check();
    out.assert_error_at("casebook.toml:2:12");
    assert!(
        out.stderr.contains("content/cases/a.md:4:8"),
        "{}",
        out.stderr
    );
}

#[test]
fn no_site_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_casebook"))
        // Messages in English unless a test asks for a language.
        .env("CASEBOOK_LANG", "en")
        .args(["check", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("casebook.toml"));
}

#[test]
fn bad_arguments_are_usage_errors() {
    let f = Fixture::new();
    assert_eq!(f.run(&["build", "--no-such-flag"]).code, 2);
    assert_eq!(f.run(&["build", "--base-url", "not-a-url"]).code, 2);
}

// ------------------------------------------------------------ files

#[test]
fn gbk_file_says_gbk() {
    let f = Fixture::new();
    let (bytes, _, _) =
        encoding_rs::GBK.encode("+++\ntitle = \"一窗通办\"\ndate = 2023-05-01\n+++\n改革背景\n");
    f.write_bytes("content/cases/gbk.md", &bytes);
    let out = f.check();
    out.assert_error_at("content/cases/gbk.md:2:");
    assert!(out.stderr.contains("GBK"), "{}", out.stderr);
}

#[test]
fn invalid_utf8_that_is_not_gbk() {
    let f = Fixture::new();
    f.write_bytes(
        "content/cases/bad.md",
        b"+++\ntitle = \"ok\"\n+++\nabc \xff\xfe\xfd\n",
    );
    let out = f.check();
    out.assert_error_at("content/cases/bad.md:4:5");
    assert!(out.stderr.contains("not valid UTF-8"), "{}", out.stderr);
}

#[test]
fn binary_file() {
    let f = Fixture::new();
    f.write_bytes(
        "content/cases/pic.md",
        &[0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0, 1, 2, 3],
    );
    let out = f.check();
    out.assert_error_at("content/cases/pic.md:1:1");
    assert!(out.stderr.contains("binary"), "{}", out.stderr);
}

#[test]
fn utf16_file() {
    let f = Fixture::new();
    let mut bytes = vec![0xFF, 0xFE];
    for u in "+++\ntitle = \"x\"\n+++\n".encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    f.write_bytes("content/cases/u16.md", &bytes);
    let out = f.check();
    out.assert_error_at("content/cases/u16.md:1:1");
    assert!(out.stderr.contains("UTF-16"), "{}", out.stderr);
}

#[test]
fn empty_file() {
    let f = Fixture::new();
    f.write("content/cases/empty.md", "");
    let out = f.check();
    out.assert_error_at("content/cases/empty.md:1:1");
    assert!(out.stderr.contains("is empty"), "{}", out.stderr);
}

#[test]
fn whitespace_only_file() {
    let f = Fixture::new();
    f.write("content/cases/blank.md", "\n\n   \r\n");
    f.check().assert_error_at("content/cases/blank.md:1:1");
}

#[test]
fn no_front_matter() {
    let f = Fixture::new();
    f.write("content/cases/plain.md", "# 标题\n\n正文\n");
    let out = f.check();
    out.assert_error_at("content/cases/plain.md:1:1");
    assert!(out.stderr.contains("no front matter"), "{}", out.stderr);
}

#[test]
fn unclosed_front_matter() {
    let f = Fixture::new();
    f.write(
        "content/cases/open.md",
        "---\ntitle: 一窗通办\ndate: 2023-05-01\n\n正文\n",
    );
    let out = f.check();
    out.assert_error_at("content/cases/open.md:1:1");
    assert!(out.stderr.contains("never closed"), "{}", out.stderr);
}

#[test]
fn toml_syntax_error_has_line() {
    let f = Fixture::new();
    f.write(
        "content/cases/t.md",
        "+++\ntitle = \"a\"\ndate = 2023-05-01\nregion = 滨城区\n+++\n",
    );
    let out = f.check();
    out.assert_error_at("content/cases/t.md:4:");
    assert!(out.stderr.contains("invalid TOML"), "{}", out.stderr);
}

#[test]
fn toml_front_matter_written_as_yaml_gets_a_hint() {
    let f = Fixture::new();
    f.write(
        "content/cases/t.md",
        "+++\ntitle: 一窗通办\ndate: 2023-05-01\n+++\n",
    );
    let out = f.check();
    out.assert_error_at("content/cases/t.md:2:");
    assert!(out.stderr.contains("looks like YAML"), "{}", out.stderr);
}

#[test]
fn yaml_syntax_error_has_line() {
    let f = Fixture::new();
    f.write(
        "content/cases/y.md",
        "---\ntitle: a\ndate: 2023-05-01\nfields: [营商环境\nregion: x\n---\n",
    );
    let out = f.check();
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.contains("content/cases/y.md:"), "{}", out.stderr);
    assert!(out.stderr.contains("invalid YAML"), "{}", out.stderr);
}

#[test]
fn yaml_duplicate_key() {
    let f = Fixture::new();
    f.write(
        "content/cases/d.md",
        "---\ntitle: a\ndate: 2023-05-01\ntitle: b\n---\n",
    );
    let out = f.check();
    out.assert_error_at("content/cases/d.md:4:1");
    assert!(out.stderr.contains("given twice"), "{}", out.stderr);
}

#[test]
fn front_matter_must_be_a_table() {
    let f = Fixture::new();
    f.write("content/cases/l.md", "---\n- a\n- b\n---\n");
    f.check().assert_error_at("content/cases/l.md:2:1");
}

#[test]
fn document_outside_sections() {
    let f = Fixture::new();
    f.write("content/stray.md", "+++\ntitle = \"x\"\n+++\n");
    let out = f.check();
    out.assert_error_at("content/stray.md:1:1");
    assert!(
        out.stderr.contains("belongs to no section"),
        "{}",
        out.stderr
    );
}

#[test]
fn unknown_section_suggests() {
    let f = Fixture::new();
    f.write("content/case/a.md", "+++\ntitle = \"x\"\n+++\n");
    let out = f.check();
    out.assert_error_at("content/case/a.md:1:1");
    assert!(
        out.stderr.contains("did you mean \"cases\""),
        "{}",
        out.stderr
    );
}

#[test]
fn three_broken_files_reported_in_one_run() {
    let f = Fixture::new();
    f.case("one", "kind = \"pilto\"");
    f.write("content/cases/two.md", "---\ntitle: 二\n---\n");
    f.write(
        "content/summaries/three.md",
        "+++\ntitle = \"三\"\ndate = \"2023-13-01\"\n+++\n",
    );
    let out = f.check();
    assert_eq!(out.code, 1);
    for loc in [
        "content/cases/one.md:4:8",
        "content/cases/two.md:1:1",
        "content/summaries/three.md:3:8",
    ] {
        assert!(
            out.stderr.contains(loc),
            "missing {loc} in:\n{}",
            out.stderr
        );
    }
    assert!(out.stderr.contains("3 errors found"), "{}", out.stderr);
}

#[test]
fn front_matter_and_link_errors_reported_together() {
    let f = Fixture::new();
    f.case("bad", "kind = \"pilto\"");
    f.case_body("links", "", "见[坏](bad.md)与[缺](missing.md)。");
    let out = f.check();
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("content/cases/bad.md:4:8"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("content/cases/links.md:6:"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("missing.md"), "{}", out.stderr);
    // The link to the invalid (but existing) document is not reported.
    assert!(
        !out.stderr.contains("\"bad.md\", which does not exist"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("2 errors found"), "{}", out.stderr);
}

// ------------------------------------------------------------- cases

rule!(
    case_missing_title,
    |f| {
        f.write("content/cases/a.md", "+++\ndate = 2023-05-01\n+++\n");
    },
    "content/cases/a.md:1:1",
    "missing required key `title`"
);
rule!(
    case_empty_title,
    |f| {
        f.write(
            "content/cases/a.md",
            "+++\ntitle = \"  \"\ndate = 2023-05-01\n+++\n",
        );
    },
    "content/cases/a.md:2:9",
    "`title` is empty"
);
rule!(
    case_missing_date,
    |f| {
        f.write("content/cases/a.md", "+++\ntitle = \"a\"\n+++\n");
    },
    "content/cases/a.md:1:1",
    "missing required key `date`"
);
rule!(
    case_date_wrong_shape,
    |f| {
        f.case("a", "date = \"2023/05/01\"");
    },
    "content/cases/a.md:3:8",
    "YYYY-MM-DD"
);
rule!(
    case_date_not_in_calendar,
    |f| {
        f.write(
            "content/cases/a.md",
            "---\ntitle: a\ndate: '2023-02-30'\n---\n",
        );
    },
    "content/cases/a.md:3:7",
    "does not exist"
);
rule!(
    case_date_wrong_type,
    |f| {
        f.case("a", "date = 20230501");
    },
    "content/cases/a.md:3:8",
    "must be a date"
);
rule!(
    case_fields_wrong_type,
    |f| {
        f.case("a", "fields = 3");
    },
    "content/cases/a.md:4:10",
    "`fields` must be a list"
);
rule!(
    case_kind_unknown,
    |f| {
        f.case("a", "kind = \"pilto\"");
    },
    "content/cases/a.md:4:8",
    "unknown reform kind \"pilto\"",
    "did you mean \"pilot\""
);
#[test]
fn vocabulary_labels_are_accepted() {
    let f = Fixture::new();
    f.case(
        "a",
        "kind = \"破零\"\n\n[[approvals]]\nby = \"x\"\nlevel = \"省级\"\ndate = 2023-06-01\n\n[[honours]]\nkind = \"表彰\"\nlevel = \" 国家级 \"\nissuer = \"y\"\ndate = 2023-07-01\n\n[pilot]\nlevel = \"市级\"\nstatus = \"推进中\"",
    );
    let out = f.check();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stderr.contains("warning"), "{}", out.stderr);
}

rule!(
    vocabulary_label_misspelt,
    |f| {
        f.case("a", "kind = \"破零级\"");
    },
    "content/cases/a.md:4:8",
    "unknown reform kind \"破零级\" in `kind`",
    "did you mean \"breakthrough\"（破零）? allowed values: \"pilot\"（承接试点）, \"innovation\"（自主创新）, \"breakthrough\"（破零）"
);

#[test]
fn config_vocab_label_naming_two_values() {
    let f = Fixture::with_config("title = \"x\"\n[vocab.levels]\ncounty = \"市级\"\n");
    f.case("a", "");
    let out = f.check();
    out.assert_error_at("casebook.toml:3:10");
    assert!(
        out.stderr
            .contains("the label \"市级\" names both `municipal` and `county` in [vocab.levels]"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("give `county` another label"),
        "{}",
        out.stderr
    );
}
rule!(
    case_weight_not_integer,
    |f| {
        f.case("a", "weight = 1.5");
    },
    "content/cases/a.md:4:10",
    "whole number"
);
rule!(
    case_featured_not_bool,
    |f| {
        f.case("a", "featured = \"yes\"");
    },
    "content/cases/a.md:4:12",
    "true or false"
);
rule!(
    case_extra_not_table,
    |f| {
        f.case("a", "extra = 3");
    },
    "content/cases/a.md:4:9",
    "`extra` must be a table"
);
rule!(
    approval_missing_fields,
    |f| {
        f.case("a", "[[approvals]]\nby = \"省委主要领导\"");
    },
    "content/cases/a.md:4:1",
    "missing required key `approvals[1].level`",
    "missing required key `approvals[1].date`"
);
rule!(
    approval_unknown_level,
    |f| {
        f.case(
            "a",
            "[[approvals]]\nby = \"x\"\nlevel = \"provinical\"\ndate = 2023-06-01",
        );
    },
    "content/cases/a.md:6:9",
    "unknown level \"provinical\"",
    "did you mean \"provincial\"（省级）? allowed values: \"national\"（国家级）, \"provincial\"（省级）, \"municipal\"（市级）, \"county\"（县级）"
);
rule!(
    honour_unknown_kind,
    |f| {
        f.case("a", "[[honours]]\nkind = \"award\"\nlevel = \"national\"\nissuer = \"x\"\ndate = 2023-06-01");
    },
    "content/cases/a.md:5:8",
    "unknown honour kind \"award\"",
    "\"commendation\""
);
rule!(
    honour_missing_issuer,
    |f| {
        f.case(
            "a",
            "[[honours]]\nkind = \"praise\"\nlevel = \"national\"\ndate = 2023-06-01",
        );
    },
    "content/cases/a.md:4:1",
    "honours[1].issuer"
);
rule!(
    pilot_unknown_status,
    |f| {
        f.case("a", "[pilot]\nlevel = \"national\"\nstatus = \"done\"");
    },
    "content/cases/a.md:6:10",
    "unknown pilot status \"done\""
);
rule!(
    pilot_accepted_needs_date,
    |f| {
        f.case("a", "[pilot]\nlevel = \"national\"\nstatus = \"accepted\"");
    },
    "content/cases/a.md:4:1",
    "needs `pilot.accepted_on`"
);
rule!(
    pilot_not_a_table,
    |f| {
        f.case("a", "pilot = \"national\"");
    },
    "content/cases/a.md:4:9",
    "`pilot` must be a table"
);
rule!(
    case_unknown_brand,
    |f| {
        f.write("content/brands/gaige.md", "+++\ntitle = \"b\"\n+++\n");
        f.case("a", "brands = [\"gaigee\"]");
    },
    "content/cases/a.md:4:11",
    "names the brand \"gaigee\", which does not exist",
    "did you mean \"gaige\""
);
rule!(
    case_unknown_compilation,
    |f| {
        f.case("a", "compilations = [\"vol-2023\"]");
    },
    "content/cases/a.md:4:17",
    "names the compilation \"vol-2023\""
);
rule!(
    invalid_explicit_slug,
    |f| {
        f.case("a", "slug = \"一窗 通办\"");
    },
    "content/cases/a.md:4:8",
    "not a valid URL slug",
    "yi-chuang-tong-ban"
);
rule!(
    slug_from_unusable_name,
    |f| {
        f.write(
            "content/cases/《》.md",
            "+++\ntitle = \"x\"\ndate = 2023-05-01\n+++\n",
        );
    },
    "content/cases/《》.md:1:1",
    "cannot make a URL slug"
);

#[test]
fn slug_collision_names_both_files() {
    let f = Fixture::new();
    f.case("yi-chuang-tong-ban", "");
    f.write(
        "content/cases/2023/一窗通办.md",
        "+++\ntitle = \"x\"\ndate = 2023-05-01\n+++\n",
    );
    let out = f.check();
    out.assert_error_at("content/cases/yi-chuang-tong-ban.md:1:1");
    assert!(
        out.stderr.contains("content/cases/2023/一窗通办.md"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("slug \"yi-chuang-tong-ban\" is already used"),
        "{}",
        out.stderr
    );
}

#[test]
fn same_slug_in_different_sections_is_fine() {
    let f = Fixture::new();
    f.case("same", "");
    f.write(
        "content/summaries/same.md",
        "+++\ntitle = \"x\"\ndate = 2023-05-01\n+++\n",
    );
    assert_eq!(f.check().code, 0);
}

// A near miss of a known key is an error (its value would be lost); a
// key like no known one stays a warning.
rule!(
    misspelt_key_is_an_error_with_suggestion,
    |f| {
        f.case("a", "titel = \"x\"");
    },
    "content/cases/a.md:4:1",
    "unknown key `titel` in a case, close to `title`",
    "did you mean `title`"
);
rule!(
    misspelt_record_list_is_an_error,
    |f| {
        f.case(
            "a",
            "[[honour]]\nname = \"x\"\nlevel = \"national\"\ndate = 2023-06-01",
        );
    },
    "content/cases/a.md:4:3",
    "unknown key `honour`",
    "did you mean `honours`"
);
warn_rule!(
    unknown_key_unlike_any_warns,
    |f| {
        f.case("a", "banshi_chushi = \"x\"");
    },
    "content/cases/a.md:4:1",
    "unknown key `banshi_chushi` in a case",
    "known keys of a case"
);
rule!(
    misspelt_nested_key_is_an_error,
    |f| {
        f.case(
            "a",
            "[[approvals]]\nby = \"x\"\nlevel = \"national\"\ndate = 2023-06-01\nnotes = \"y\"",
        );
    },
    "content/cases/a.md:8:1",
    "approvals[1].notes",
    "did you mean `note`"
);

// --------------------------------------------------- other document types

rule!(
    summary_metric_needs_value,
    |f| {
        f.write(
            "content/summaries/s.md",
            "+++\ntitle = \"s\"\ndate = 2023-05-01\n[[metrics]]\nlabel = \"任务\"\n+++\n",
        );
    },
    "content/summaries/s.md:4:1",
    "metrics[1].value"
);
rule!(
    summary_metric_value_is_number,
    |f| {
        f.write("content/summaries/s.md", "+++\ntitle = \"s\"\ndate = 2023-05-01\n[[metrics]]\nlabel = \"任务\"\nvalue = \"34项\"\n+++\n");
    },
    "content/summaries/s.md:6:9",
    "must be a number"
);
rule!(
    summary_metric_target_positive,
    |f| {
        f.write("content/summaries/s.md", "+++\ntitle = \"s\"\ndate = 2023-05-01\n[[metrics]]\nlabel = \"任务\"\nvalue = 3\ntarget = 0\n+++\n");
    },
    "content/summaries/s.md:4:1",
    "greater than 0"
);
rule!(
    brand_bad_color,
    |f| {
        f.write(
            "content/brands/b.md",
            "+++\ntitle = \"b\"\ncolor = \"#12345\"\n+++\n",
        );
    },
    "content/brands/b.md:3:9",
    "#rrggbb"
);
rule!(
    brand_bad_media_kind,
    |f| {
        f.write("content/brands/b.md", "+++\ntitle = \"b\"\n[[media]]\ntitle = \"m\"\nurl = \"https://a.cn/\"\nkind = \"film\"\n+++\n");
    },
    "content/brands/b.md:6:8",
    "unknown media kind \"film\""
);
rule!(
    brand_missing_logo,
    |f| {
        f.write(
            "content/brands/b/index.md",
            "+++\ntitle = \"b\"\nlogo = \"logo.png\"\n+++\n",
        );
    },
    "content/brands/b/index.md:3:8",
    "logo file \"logo.png\" not found"
);
rule!(
    brand_milestone_needs_date,
    |f| {
        f.write(
            "content/brands/b.md",
            "+++\ntitle = \"b\"\n[[milestones]]\ntext = \"发布\"\n+++\n",
        );
    },
    "content/brands/b.md:3:1",
    "milestones[1].date"
);
rule!(
    compilation_chapter_names_missing_case,
    |f| {
        f.case("yi-chuang", "");
        f.write(
            "content/compilations/v.md",
            "+++\ntitle = \"v\"\n[[chapters]]\ntitle = \"一\"\ncases = [\"yi-chuang-tong\"]\n+++\n",
        );
    },
    "content/compilations/v.md:5:10",
    "names the case \"yi-chuang-tong\"",
    "did you mean \"yi-chuang\""
);
rule!(
    compilation_chapter_needs_title,
    |f| {
        f.write(
            "content/compilations/v.md",
            "+++\ntitle = \"v\"\n[[chapters]]\nfields = [\"营商环境\"]\n+++\n",
        );
    },
    "content/compilations/v.md:3:1",
    "chapters[1].title"
);
rule!(
    page_reserved_slug,
    |f| {
        f.write("content/pages/cases.md", "+++\ntitle = \"p\"\n+++\n");
    },
    "content/pages/cases.md:1:1",
    "reserved"
);
rule!(
    home_unknown_brand,
    |f| {
        f.write(
            "content/_index.md",
            "+++\ntitle = \"h\"\nbrands = [\"nope\"]\n+++\n",
        );
    },
    "content/_index.md:3:11",
    "names the brand \"nope\""
);
rule!(
    taxonomy_terms_sharing_a_slug,
    |f| {
        f.case("a", "tags = [\"5G基站\"]");
        f.case("b", "tags = [\"5g 基站\"]");
    },
    "content/cases/",
    "would share the URL slug \"5g-ji-zhan\""
);

warn_rule!(
    chapter_naming_a_draft_warns,
    |f| {
        f.case("d", "draft = true");
        f.write(
            "content/compilations/v.md",
            "+++\ntitle = \"v\"\n[[chapters]]\ntitle = \"一\"\ncases = [\"d\"]\n+++\n",
        );
    },
    "content/compilations/v.md:5:10",
    "is a draft and is left out"
);

// ------------------------------------------------------------ Markdown

rule!(
    link_to_missing_document,
    |f| {
        f.case_body("a", "", "正文\n\n见[另一案例](../cases/b.md)。");
    },
    "content/cases/a.md:8:2",
    "link to \"../cases/b.md\", which does not exist"
);
rule!(
    image_missing,
    |f| {
        f.case_body("a", "", "![流程图](liucheng.png)");
    },
    "content/cases/a.md:6:1",
    "image to \"liucheng.png\", which does not exist"
);
rule!(
    link_to_missing_anchor,
    |f| {
        f.case_body("a", "", "## 改革背景\n\n见[做法](#主要做法)。");
    },
    "content/cases/a.md:8:2",
    "no heading with that id",
    "#改革背景"
);
rule!(
    link_to_missing_anchor_in_other_document,
    |f| {
        f.case_body("b", "", "## 改革背景\n");
        f.case_body("a", "", "见[做法](b.md#主要做法)。");
    },
    "content/cases/a.md:6:2",
    "no heading with that id"
);
rule!(
    undefined_footnote,
    |f| {
        f.case_body("a", "", "正文[^1]。");
    },
    "content/cases/a.md:",
    "footnote [^1] is used but never defined"
);
rule!(
    root_link_to_unknown_page,
    |f| {
        f.case_body("a", "", "见[关于](/guanyu/)。");
    },
    "content/cases/a.md:6:2",
    "which the site does not have"
);
warn_rule!(
    link_to_draft_warns,
    |f| {
        f.case("d", "draft = true");
        f.case_body("a", "", "见[草稿](d.md)。");
    },
    "content/cases/a.md:6:2",
    "a draft that is not published"
);

#[test]
fn good_links_pass() {
    let f = Fixture::new();
    f.case_body("b", "", "## 改革背景\n\n正文");
    f.write("static/files/a.pdf", "%PDF-1.4");
    f.case_body("a", "", "见[乙](b.md#改革背景)、[乙](./b.md)、[附件](/files/a.pdf)、[列表](/cases/)、[外部](https://example.gov.cn/x)。");
    let out = f.check();
    assert_eq!(out.code, 0, "{}", out.stderr);
}

// ------------------------------------------- what a Chinese input method types

#[test]
fn input_method_mistakes_are_named_at_their_place_and_the_rest_still_checked() {
    let f = Fixture::new();
    f.write(
        "content/cases/a.md",
        "+++\ntitle ＝ “一窗通办”\ndate = 2024.6.12\nunit = \"区政务服务局\"\ntags = [\"放管服\"，\"一窗\"]\nkind = \"innovaton\"\n+++\n\n正文。\n",
    );
    let out = f.check();
    assert_eq!(out.code, 1, "{}", out.stderr);
    out.assert_error_at("content/cases/a.md:2:7");
    assert!(
        out.stderr
            .contains("full-width `＝` between `title` and its value"),
        "{}",
        out.stderr
    );
    out.assert_error_at("content/cases/a.md:2:9");
    assert!(out.stderr.contains("Chinese quotation marks"));
    out.assert_error_at("content/cases/a.md:3:8");
    assert!(out.stderr.contains("date written as 2024.6.12"));
    assert!(out.stderr.contains("date = 2024-06-12"));
    out.assert_error_at("content/cases/a.md:5:14");
    assert!(out.stderr.contains("full-width `，`"));
    // Not hidden: the file's other mistake, found by checking what it meant.
    out.assert_error_at("content/cases/a.md:6:8");
    assert!(out.stderr.contains("innovaton"), "{}", out.stderr);
    assert!(!out.stderr.contains("invalid TOML"), "{}", out.stderr);
}

#[test]
fn input_method_mistakes_in_yaml_and_casebook_toml() {
    let f = Fixture::with_config("title = \"x\"\npaginate ＝ １０\n");
    f.write(
        "content/cases/a.md",
        "---\ntitle：一窗通办\ndate: 2024年6月12日\n---\n\n正文。\n",
    );
    let out = f.check();
    out.assert_error_at("casebook.toml:2:10");
    assert!(
        out.stderr.contains("full-width `＝` between `paginate`"),
        "{}",
        out.stderr
    );
    out.assert_error_at("casebook.toml:2:12");
    assert!(out.stderr.contains("full-width digits `１０`"));
    out.assert_error_at("content/cases/a.md:2:6");
    assert!(out.stderr.contains("full-width `：` between `title`"));
    out.assert_error_at("content/cases/a.md:3:7");
    assert!(out.stderr.contains("date written as 2024年6月12日"));
    // Nothing else invented by a parser lost on the line.
    assert!(out.stderr.contains("4 errors found"), "{}", out.stderr);
}

/// The same mistakes as above, read by an editor in Chinese: the message
/// names the character or value and the fix in Chinese, at the same place
/// and with the same exit status as in English (`Fixture::check` compares
/// the two runs of every test in this file).
#[test]
fn mistakes_are_explained_in_chinese() {
    let f = Fixture::new();
    f.write(
        "content/cases/a.md",
        "+++\ntitle ＝ “一窗通办”\ndate = 2024.6.12\nunit = \"区政务服务局\"\ntags = [\"放管服\"，\"一窗\"]\nkind = \"innovaton\"\ntitel = \"x\"\n\n[[approvals]]\nby = \"x\"\nlevel = \"provinical\"\ndate = 2023-06-01\n+++\n\n正文。\n",
    );
    let out = f.run_lang("zh-CN", &["check"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    for (place, words) in [
        (
            "content/cases/a.md:2:7",
            "`title` 和它的值之间用了全角的 `＝`",
        ),
        ("content/cases/a.md:2:9", "`title` 的值用了中文引号“…”"),
        ("content/cases/a.md:3:8", "日期写成了 2024.6.12"),
        ("content/cases/a.md:5:14", "`tags` 的值中用了全角的 `，`"),
        (
            "content/cases/a.md:7:1",
            "案例中的键 `titel` 无法识别，与 `title` 相近",
        ),
        (
            "content/cases/a.md:11:9",
            "中的级别 \"provinical\" 无法识别",
        ),
    ] {
        assert!(
            out.stderr.contains(place),
            "{place} not in:\n{}",
            out.stderr
        );
        assert!(
            out.stderr.contains(words),
            "{words:?} not in:\n{}",
            out.stderr
        );
    }
    for hint in [
        "请把输入法切换到英文标点",
        "请写成 date = 2024-06-12",
        "您是否要写 `title`？",
        "您是否要写 \"provincial\"（省级）？允许的取值：\"national\"（国家级）、\"provincial\"（省级）",
    ] {
        assert!(
            out.stderr.contains(hint),
            "{hint:?} not in:\n{}",
            out.stderr
        );
    }
    assert!(out.stderr.contains("错误: "), "{}", out.stderr);
    assert!(out.stderr.contains("提示: "), "{}", out.stderr);
    assert!(out.stderr.contains("发现 7 个错误"), "{}", out.stderr);
}
