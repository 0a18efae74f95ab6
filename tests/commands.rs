//! check, stats, export, init and new, on the demo site and on fixtures.

mod common;
use common::{Fixture, repo_root};
use std::process::Command;

fn casebook(args: &[&str], dir: &std::path::Path) -> common::Out {
    let out = Command::new(env!("CARGO_BIN_EXE_casebook"))
        // Messages in English unless a test asks for a language.
        .env("CASEBOOK_LANG", "en")
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    common::Out {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn demo_site_checks_clean() {
    let out = casebook(&["check"], &repo_root());
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stderr.contains("warning"), "{}", out.stderr);
}

/// The demo's figures, counted by hand from content/ (16 published cases;
/// xinyong-jianguan is a draft and does not count).
#[test]
fn demo_stats_json_matches_hand_count() {
    let out = casebook(&["stats", "--json"], &repo_root());
    assert_eq!(out.code, 0, "{}", out.stderr);
    let got: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let expected = serde_json::json!({
        "cases": 16, "summaries": 2, "brands": 2, "compilations": 1,
        "approvals": {"total": 12, "by_level": {"national": 1, "provincial": 4, "municipal": 6, "county": 1}},
        "honours": {"total": 15,
            "by_level": {"national": 4, "provincial": 9, "municipal": 2, "county": 0},
            "by_kind": {"commendation": 3, "praise": 2, "circular": 5, "promotion": 1, "publication": 1, "submission": 3}},
        "cases_with_honours": {"total": 11,
            "by_level": {"national": 4, "provincial": 8, "municipal": 2, "county": 0},
            "by_kind": {"commendation": 3, "praise": 2, "circular": 5, "promotion": 1, "publication": 1, "submission": 3}},
        "cases_with_approvals": {"total": 10, "by_level": {"national": 1, "provincial": 4, "municipal": 6, "county": 1}},
        "pilots": {"total": 7, "by_status": {"ongoing": 2, "midterm": 2, "accepted": 3},
            "accepted_by_level": {"national": 2, "provincial": 1, "municipal": 0, "county": 0}},
        "by_year": {
            "2021": {"cases": 4, "approvals": 4, "honours": 0},
            "2022": {"cases": 5, "approvals": 2, "honours": 3},
            "2023": {"cases": 7, "approvals": 6, "honours": 12}},
        "by_region": {"滨城区": 3, "邹平市": 2, "高新区": 2, "无棣县": 2, "阳信县": 2, "惠民县": 1, "博兴县": 1, "经开区": 1, "沾化区": 1, "北海新区": 1},
        "by_field": {"营商环境": 5, "政务服务": 3, "农业农村": 3, "医疗保障": 3, "社会治理": 2, "生态文明": 2, "党的建设": 1, "综合改革": 1, "数字政府": 1, "产业发展": 1},
        "by_kind": {"pilot": 7, "innovation": 5, "breakthrough": 4},
    });
    assert_eq!(got, expected);
    // Every vocabulary id appears, in rank order.
    let levels: Vec<&String> = got["honours"]["by_level"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(levels, ["national", "provincial", "municipal", "county"]);
}

#[test]
fn stats_table_is_readable() {
    let out = casebook(&["stats"], &repo_root());
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("典型案例"));
    assert!(
        out.stdout
            .lines()
            .any(|l| l.contains("批示") && l.trim_end().ends_with("12")),
        "{}",
        out.stdout
    );
}

#[test]
fn stats_json_equals_data_file() {
    let f = Fixture::new();
    f.case(
        "a",
        "[[approvals]]\nby = \"x\"\nlevel = \"national\"\ndate = 2024-01-02",
    );
    let out = f.run(&["stats", "--json"]);
    let public = f.build_ok(&[]);
    assert_eq!(
        out.stdout,
        std::fs::read_to_string(public.join("data/stats.json")).unwrap()
    );
}

#[test]
fn export_ledger_round_trips() {
    let f = Fixture::new();
    f.write(
        "content/compilations/vol.md",
        "+++\ntitle = \"汇编, 第一辑\"\n+++\n",
    );
    f.case(
        "quoted",
        "title = \"“一窗通办”, \\\"快办\\\" 改革\"\nunit = \"行政审批局\"\nregion = \"滨城区\"\nfields = [\"营商环境\", \"政务服务\"]\nkind = \"breakthrough\"\ncompilations = [\"vol\"]\n\n[[approvals]]\nby = \"x\"\nlevel = \"municipal\"\ndate = 2023-06-01\n\n[[approvals]]\nby = \"y\"\nlevel = \"provincial\"\ndate = 2023-07-01\n\n[[honours]]\nkind = \"circular\"\nlevel = \"provincial\"\nissuer = \"省委改革办\"\ndate = 2023-08-01\n\n[pilot]\nlevel = \"national\"\nstatus = \"midterm\"",
    );
    f.case("plain", "date = 2022-01-01");
    f.case("draft", "draft = true");
    let path = f.path().join("ledger.csv");
    let out = f.run(&["export", "--output", path.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "no BOM");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(header[0], "标识");
    assert_eq!(header.len(), 13);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2, "one row per published case");
    let r = &rows[0];
    assert_eq!(&r[0], "quoted");
    assert_eq!(&r[1], "“一窗通办”, \"快办\" 改革");
    assert_eq!(&r[2], "2023-05-01");
    assert_eq!(&r[5], "营商环境、政务服务");
    assert_eq!(&r[6], "破零");
    assert_eq!(&r[7], "2");
    assert_eq!(&r[8], "省级");
    assert_eq!(&r[9], "1");
    assert_eq!(&r[10], "省级");
    assert_eq!(&r[11], "国家级通过中期评估");
    assert_eq!(&r[12], "汇编, 第一辑");
    assert_eq!(&rows[1][0], "plain");
    assert_eq!(&rows[1][7], "0");
    assert_eq!(&rows[1][8], "");
}

#[test]
fn export_makes_missing_folders_and_fails_naming_the_file_where_it_cannot() {
    let f = Fixture::new();
    f.case("a", "");
    let nested = f.path().join("reports").join("ledger.csv");
    let out = f.run(&["export", "--output", nested.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        std::fs::read(&nested)
            .unwrap()
            .starts_with(&[0xEF, 0xBB, 0xBF])
    );
    // A folder that cannot be made (a file is in the way).
    let blocked = f.path().join("casebook.toml").join("ledger.csv");
    let out = f.run(&["export", "--output", blocked.to_str().unwrap()]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("cannot write") && out.stderr.contains("ledger.csv"),
        "{}",
        out.stderr
    );
    assert!(f.path().join("casebook.toml").is_file());
}

#[test]
fn export_replaces_an_existing_ledger_whole() {
    let f = Fixture::new();
    f.case("a", "");
    let path = f.path().join("ledger.csv");
    std::fs::write(&path, "x".repeat(100_000)).unwrap();
    let out = f.run(&["export", "--output", path.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with('\u{feff}') && !text.contains("xxx"));
    // Only the ledger: no temporary file left beside it.
    let names: Vec<String> = std::fs::read_dir(f.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("ledger"))
        .collect();
    assert_eq!(names, ["ledger.csv"]);
}

#[test]
fn export_to_stdout() {
    let out = casebook(&["export"], &repo_root());
    assert_eq!(out.code, 0);
    assert!(out.stdout.starts_with('\u{feff}'));
    assert_eq!(
        csv::Reader::from_reader(out.stdout.trim_start_matches('\u{feff}').as_bytes())
            .records()
            .count(),
        16
    );
}

#[test]
fn init_makes_a_working_site_and_refuses_non_empty() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("新站点");
    let out = casebook(&["init", site.to_str().unwrap()], dir.path());
    assert_eq!(out.code, 0, "{}", out.stderr);
    let check = casebook(&["check"], &site);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(!check.stderr.contains("warning"), "{}", check.stderr);
    let build = casebook(&["build"], &site);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(
        site.join("public/cases/yichuang-tongban/index.html")
            .is_file()
    );
    // Each content type has an example.
    for p in [
        "content/cases",
        "content/summaries",
        "content/brands",
        "content/compilations",
        "content/pages",
    ] {
        assert!(
            std::fs::read_dir(site.join(p)).unwrap().next().is_some(),
            "{p}"
        );
    }
    // The comments point to the editors' guides, written beside the site;
    // their relative links resolve inside it.
    let toml = std::fs::read_to_string(site.join("casebook.toml")).unwrap();
    for guide in [
        "docs/content.md",
        "docs/pdf.md",
        "docs/word.md",
        "docs/offline.md",
        "docs/photos.md",
    ] {
        assert!(toml.contains(guide), "{toml}");
        let text = std::fs::read_to_string(site.join(guide)).unwrap();
        let mut fenced = false;
        for line in text.lines() {
            fenced ^= line.trim_start().starts_with("```");
            if fenced {
                continue;
            }
            // Links outside code (examples in `…` are not links).
            for prose in line.split('`').step_by(2) {
                for link in prose.split("](").skip(1) {
                    let target = link.split([')', '#']).next().unwrap();
                    if target.is_empty() || target.contains("://") {
                        continue;
                    }
                    assert!(
                        site.join("docs").join(target).is_file(),
                        "{guide} links to {target}"
                    );
                }
            }
        }
    }
    let again = casebook(&["init", site.to_str().unwrap()], dir.path());
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("not empty"), "{}", again.stderr);
    let forced = casebook(&["init", "--force", site.to_str().unwrap()], dir.path());
    assert_eq!(forced.code, 0, "{}", forced.stderr);
}

#[test]
fn new_creates_from_archetype_and_never_overwrites() {
    let f = Fixture::new();
    let out = f.run(&["new", "case", "一窗通办", "改革"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let path = f.path().join("content/cases/yi-chuang-tong-ban-gai-ge.md");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("title = \"一窗通办 改革\""), "{text}");
    assert!(text.contains("draft = true"));
    // The skeleton is valid as written (a draft with title and date).
    let check = f.check();
    assert_eq!(check.code, 0, "{}", check.stderr);
    std::fs::write(&path, "edited").unwrap();
    let again = f.run(&["new", "case", "一窗通办", "改革"]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "edited");
    for kind in ["summary", "brand", "compilation", "page"] {
        let out = f.run(&["new", kind, "示例 Title"]);
        assert_eq!(out.code, 0, "{kind}: {}", out.stderr);
    }
    std::fs::write(&path, "+++\ntitle = \"x\"\ndate = 2024-01-01\n+++\n").unwrap();
    let check = f.check();
    assert_eq!(check.code, 0, "{}", check.stderr);
}

#[test]
fn new_title_with_quotes_stays_valid_toml() {
    let f = Fixture::new();
    assert_eq!(f.run(&["new", "page", "关于\"本站\""]).code, 0);
    assert_eq!(f.check().code, 0);
}

#[test]
fn zola_and_hugo_spellings_are_understood() {
    let f = Fixture::new();
    f.case("a", "");
    let dest = f.path().join("site-out");
    let out = f.run(&[
        "build",
        "--output-dir",
        dest.to_str().unwrap(),
        "-u",
        "https://gaige.example.cn/",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let page = f.read("site-out/cases/a/index.html");
    assert!(
        page.contains("https://gaige.example.cn/cases/a/"),
        "canonical URL"
    );
    // Hugo's name for serve, in its help.
    let out = f.run(&["server", "--help"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("--base-url"), "{}", out.stdout);
}

#[test]
fn every_option_and_argument_has_a_help_line() {
    let dir = std::env::temp_dir();
    let top = casebook(&["--help"], &dir);
    let commands: Vec<String> = top
        .stdout
        .split("Commands:")
        .nth(1)
        .unwrap()
        .lines()
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .take_while(|w| w != "Options:")
        .filter(|w| w != "help")
        .collect();
    assert!(commands.len() >= 10, "{commands:?}");
    for cmd in &commands {
        // -h: the one-line-an-entry layout.
        let out = casebook(&[cmd, "-h"], &dir);
        assert_eq!(out.code, 0, "{cmd}: {}", out.stderr);
        // Each entry of the option and argument lists has text after it.
        for section in ["Arguments:", "Options:"] {
            let Some(list) = out.stdout.split(section).nth(1) else {
                continue;
            };
            // The rest of the heading's line, then one line an entry.
            for line in list.lines().skip(1).take_while(|l| !l.trim().is_empty()) {
                let entry = line.trim();
                if entry.starts_with('-') || entry.starts_with('<') || entry.starts_with('[') {
                    let words = entry.split("  ").filter(|w| !w.trim().is_empty()).count();
                    assert!(words >= 2, "casebook {cmd}: no help for {entry:?}");
                }
            }
        }
    }
}

#[test]
fn completions_and_manual_page() {
    let dir = std::env::temp_dir();
    let bash = casebook(&["completions", "bash"], &dir);
    assert_eq!(bash.code, 0, "{}", bash.stderr);
    assert!(bash.stdout.contains("casebook") && bash.stdout.contains("--base-url"));
    // The script is valid bash (bash -n reads it without running it).
    let mut check = Command::new("bash")
        .arg("-n")
        .stdin(std::process::Stdio::piped())
        .spawn()
        .expect("bash");
    use std::io::Write as _;
    check
        .stdin
        .take()
        .unwrap()
        .write_all(bash.stdout.as_bytes())
        .unwrap();
    assert!(
        check.wait().unwrap().success(),
        "bash -n refused the script"
    );
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        let out = casebook(&["completions", shell], &dir);
        assert_eq!(out.code, 0, "{shell}: {}", out.stderr);
        assert!(out.stdout.contains("serve"), "{shell}");
    }
    let man = casebook(&["man"], &dir);
    assert_eq!(man.code, 0, "{}", man.stderr);
    assert!(man.stdout.contains(".TH casebook 1"), "{}", man.stdout);
    assert!(man.stdout.contains("completions"));
}
