//! The message catalogue: both languages have every key with the same
//! arguments, every key the code names exists, and `--help` of every
//! command matches its snapshot in both languages.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use casebook::i18n::{Language, keys_and_placeables};

#[test]
fn both_languages_have_every_key_with_the_same_arguments() {
    let (en, en_errors) = keys_and_placeables(Language::En);
    let (zh, zh_errors) = keys_and_placeables(Language::ZhCn);
    assert!(en_errors.is_empty(), "{en_errors:#?}");
    assert!(zh_errors.is_empty(), "{zh_errors:#?}");
    let only_en: Vec<_> = en.keys().filter(|k| !zh.contains_key(*k)).collect();
    let only_zh: Vec<_> = zh.keys().filter(|k| !en.contains_key(*k)).collect();
    assert!(only_en.is_empty(), "keys missing in zh-CN: {only_en:?}");
    assert!(only_zh.is_empty(), "keys missing in en: {only_zh:?}");
    let differ: Vec<_> = en
        .iter()
        .filter(|(k, args)| zh.get(*k) != Some(*args))
        .map(|(k, args)| format!("{k}: en {args:?}, zh-CN {:?}", zh[k]))
        .collect();
    assert!(
        differ.is_empty(),
        "arguments differ:\n{}",
        differ.join("\n")
    );
    assert!(en.len() > 200, "only {} keys", en.len());
}

/// Every `msg!("key"`, `Msg::new("key"` and `t("key"` in the source names a
/// key of the catalogue (a missing one would show the key to the editor).
#[test]
fn every_key_the_code_names_exists() {
    let (en, _) = keys_and_placeables(Language::En);
    let mut missing = BTreeSet::new();
    let mut seen = 0;
    for entry in walk(Path::new(env!("CARGO_MANIFEST_DIR")).join("src").as_path()) {
        let text = std::fs::read_to_string(&entry).unwrap();
        for opener in ["msg!(\"", "Msg::new(\"", "t(\"", "Error::io(\""] {
            for (i, _) in text.match_indices(opener) {
                // `t(` alone, not the end of `insert(` or `split(`.
                let before = text[..i].chars().next_back().unwrap_or(' ');
                if opener == "t(\"" && (before.is_alphanumeric() || before == '_') {
                    continue;
                }
                let rest = &text[i + opener.len()..];
                let Some(end) = rest.find('"') else { continue };
                let key = &rest[..end];
                // Catalogue keys have a dash; the theme's words
                // (`t("print_view")`) and test keys do not, or are made up.
                if !key.contains('-') || key.contains(' ') || key == "no-such-key" {
                    continue;
                }
                seen += 1;
                if !en.contains_key(key) {
                    missing.insert(format!("{}: {key}", entry.display()));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "keys not in the catalogue:\n{missing:#?}"
    );
    assert!(seen > 100, "only {seen} keys found in the source");
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
    out
}

fn casebook(lang: &str, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_casebook"))
        .args(args)
        .current_dir(std::env::temp_dir())
        .env("NO_COLOR", "1")
        .env("CASEBOOK_LANG", lang)
        .env_remove("COLUMNS")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const COMMANDS: &[&str] = &[
    "build",
    "serve",
    "bundle",
    "pdf",
    "docx",
    "import",
    "check",
    "stats",
    "export",
    "init",
    "new",
    "completions",
    "man",
];

/// `--help` of casebook and of each command, in both languages, against
/// `tests/snapshots/help/<lang>/<command>.txt`. `UPDATE_SNAPSHOTS=1`
/// rewrites them (then read the diff).
#[test]
fn help_snapshots_in_both_languages() {
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/help");
    let mut failed = Vec::new();
    for lang in ["zh-CN", "en"] {
        for cmd in std::iter::once("casebook").chain(COMMANDS.iter().copied()) {
            let args: Vec<&str> = if cmd == "casebook" {
                vec!["--help"]
            } else {
                vec![cmd, "--help"]
            };
            let (code, stdout, stderr) = casebook(lang, &args);
            assert_eq!(code, 0, "{lang} {cmd}: {stderr}");
            let file = dir.join(lang).join(format!("{cmd}.txt"));
            if update {
                std::fs::create_dir_all(file.parent().unwrap()).unwrap();
                std::fs::write(&file, &stdout).unwrap();
                continue;
            }
            let want = std::fs::read_to_string(&file).unwrap_or_default();
            if want != stdout {
                failed.push(format!("{}:\n{stdout}", file.display()));
            }
        }
    }
    assert!(
        failed.is_empty(),
        "help differs from its snapshot (UPDATE_SNAPSHOTS=1 to accept):\n{}",
        failed.join("\n")
    );
}

/// The Chinese help is Chinese: no English heading or clap phrase is left.
#[test]
fn chinese_help_has_no_english_left() {
    for cmd in std::iter::once("").chain(COMMANDS.iter().copied()) {
        let args: Vec<&str> = [cmd, "-h"].into_iter().filter(|a| !a.is_empty()).collect();
        let (code, stdout, _) = casebook("zh-CN", &args);
        assert_eq!(code, 0);
        for english in [
            "Usage:",
            "Options:",
            "Commands:",
            "Arguments:",
            "Print help",
            "[default:",
            "[possible values",
            "[aliases",
        ] {
            assert!(
                !stdout.contains(english),
                "casebook {cmd} -h: {english:?} in\n{stdout}"
            );
        }
        assert!(stdout.contains("用法："), "{stdout}");
    }
}

/// `--lang` and `CASEBOOK_LANG` choose the language of help and of usage
/// errors; `--lang` wins.
#[test]
fn lang_flag_and_environment_choose_the_language() {
    let (_, zh, _) = casebook("zh-CN", &["check", "-h"]);
    let (_, en, _) = casebook("en", &["check", "-h"]);
    assert!(zh.contains("检查内容、链接和模板"), "{zh}");
    assert!(en.contains("Validate content, links and templates"), "{en}");
    let (_, en2, _) = casebook("zh-CN", &["check", "-h", "--lang", "en"]);
    assert_eq!(en2, en);
    let (_, zh2, _) = casebook("en", &["--lang=zh", "check", "-h"]);
    assert_eq!(zh2, zh);

    let (code, _, err) = casebook("zh-CN", &["buld"]);
    assert_eq!(code, 2);
    assert!(err.contains("错误：没有名为 'buld' 的命令"), "{err}");
    assert!(
        err.contains("您是否要写 ") && err.contains("'build'"),
        "{err}"
    );
    let (code, _, err) = casebook("en", &["build", "--drafs"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("error: unexpected argument '--drafs' found"),
        "{err}"
    );
    assert!(err.contains("'--drafts'"), "{err}");
    let (code, _, err) = casebook("zh-CN", &["import", "--kind", "cse", "x.docx"]);
    assert_eq!(code, 2);
    assert!(err.contains("'--kind <KIND>' 的值 'cse' 无效"), "{err}");
    assert!(err.contains("可用的取值：case、summary"), "{err}");
    let (code, _, err) = casebook("zh-CN", &["--lang", "fr", "check"]);
    assert_eq!(code, 2);
    assert!(err.contains("casebook 不支持语言 \"fr\""), "{err}");
}
