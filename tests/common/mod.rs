//! Fixture sites for integration tests: a temporary folder with a
//! casebook.toml and whatever files a test adds, plus helpers to run the
//! real binary and to parse its HTML output.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// A real PNG (200 × 150, no metadata): published as it is, since it is
/// already small and holds nothing but pixels.
pub(crate) const TINY_PNG: &[u8] = include_bytes!("../fixtures/images/small-clean.png");

pub(crate) struct Fixture {
    pub dir: tempfile::TempDir,
}

pub(crate) struct Out {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Out {
    /// Asserts the run failed with content errors and that stderr names `loc`.
    pub(crate) fn assert_error_at(&self, loc: &str) {
        assert_eq!(
            self.code, 1,
            "expected exit 1, got {}\nstderr:\n{}",
            self.code, self.stderr
        );
        assert!(
            self.stderr.contains(loc),
            "stderr does not name {loc}:\n{}",
            self.stderr
        );
    }
}

impl Fixture {
    /// A site with a minimal casebook.toml.
    pub(crate) fn new() -> Fixture {
        Fixture::with_config("title = \"测试站点\"\nbase_url = \"https://example.gov.cn/\"\n")
    }

    pub(crate) fn with_config(config: &str) -> Fixture {
        let dir = tempfile::tempdir().expect("temp dir");
        let f = Fixture { dir };
        f.write("casebook.toml", config);
        std::fs::create_dir_all(f.path().join("content/cases")).expect("mkdir");
        f
    }

    /// A copy of the committed fixture site `tests/fixtures/<name>/`.
    pub(crate) fn copy_of(name: &str) -> Fixture {
        let from = repo_root().join("tests/fixtures").join(name);
        let dir = tempfile::tempdir().expect("temp dir");
        for entry in walkdir::WalkDir::new(&from) {
            let entry = entry.expect("walk fixture");
            let rel = entry.path().strip_prefix(&from).expect("inside");
            let to = dir.path().join(rel);
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).expect("mkdir");
            } else {
                std::fs::copy(entry.path(), &to).expect("copy");
            }
        }
        Fixture { dir }
    }

    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    pub(crate) fn write(&self, rel: &str, text: &str) -> &Self {
        self.write_bytes(rel, text.as_bytes())
    }

    pub(crate) fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &Self {
        let p = self.path().join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(&p, bytes).expect("write");
        self
    }

    /// A valid case `content/cases/<name>.md` with extra TOML front matter lines.
    pub(crate) fn case(&self, name: &str, extra: &str) -> &Self {
        self.case_body(name, extra, "正文第一段。")
    }

    pub(crate) fn case_body(&self, name: &str, extra: &str, body: &str) -> &Self {
        let mut fm = String::from("+++\n");
        // Only top-level keys count: stop at the first table header.
        let top: String = extra
            .lines()
            .take_while(|l| !l.starts_with('['))
            .collect::<Vec<_>>()
            .join("\n");
        if !top.contains("title =") {
            fm.push_str(&format!("title = \"案例{name}\"\n"));
        }
        if !top.contains("date =") {
            fm.push_str("date = 2023-05-01\n");
        }
        fm.push_str(extra);
        if !extra.is_empty() && !extra.ends_with('\n') {
            fm.push('\n');
        }
        fm.push_str("+++\n\n");
        fm.push_str(body);
        fm.push('\n');
        self.write(&format!("content/cases/{name}.md"), &fm)
    }

    /// Runs casebook on this site with its messages in English.
    pub(crate) fn run(&self, args: &[&str]) -> Out {
        self.run_lang("en", args)
    }

    /// Runs casebook on this site with its messages in `lang`
    /// (`CASEBOOK_LANG`, which wins over the site's `language`).
    pub(crate) fn run_lang(&self, lang: &str, args: &[&str]) -> Out {
        let out = Command::new(env!("CARGO_BIN_EXE_casebook"))
            .args(args)
            .env("CASEBOOK_LANG", lang)
            .arg("--root")
            .arg(self.path())
            .env("NO_COLOR", "1")
            .output()
            .expect("run casebook");
        Out {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// `casebook check` in English, after checking that the Chinese run
    /// reports the same: the exit status, every place in the same order,
    /// and every headline and hint in Chinese words.
    pub(crate) fn check(&self) -> Out {
        let en = self.run(&["check"]);
        let zh = self.run_lang("zh-CN", &["check"]);
        assert_same_report(&en, &zh);
        en
    }

    /// Builds into `<site>/public` and asserts success.
    pub(crate) fn build_ok(&self, extra: &[&str]) -> PathBuf {
        let mut args = vec!["build"];
        args.extend_from_slice(extra);
        let out = self.run(&args);
        assert_eq!(out.code, 0, "build failed:\n{}", out.stderr);
        self.path().join("public")
    }

    pub(crate) fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    pub(crate) fn html(&self, rel: &str) -> scraper::Html {
        scraper::Html::parse_document(&self.read(rel))
    }
}

/// Text of every element matching `selector`, whitespace-trimmed.
pub(crate) fn texts(doc: &scraper::Html, selector: &str) -> Vec<String> {
    let sel = scraper::Selector::parse(selector).expect("selector");
    doc.select(&sel)
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

pub(crate) fn attrs(doc: &scraper::Html, selector: &str, attr: &str) -> Vec<String> {
    let sel = scraper::Selector::parse(selector).expect("selector");
    doc.select(&sel)
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

/// The case titles of the `pdf-site` fixture's compilation, in volume
/// order: what the PDF and Word exports are read back against.
pub(crate) const PAPER_TITLES: [&str; 5] = [
    "企业开办“一网通办”",
    "政务数据共享平台建设",
    "特殊字符 # $ * _ @ < > 照印",
    "网格化治理提升基层效能",
    "街道便民服务中心改革",
];

pub(crate) fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The documents of `search-index.js`.
pub(crate) fn script_index(js: &str) -> Vec<serde_json::Value> {
    let json = js
        .split_once("window.casebookSearchIndex=")
        .unwrap()
        .1
        .trim_end()
        .trim_end_matches(';');
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    v["docs"].as_array().unwrap().clone()
}

/// What search.js does with `search-index.bin`: gunzip, decode UTF-16LE,
/// read the head line, then per document its JSON line and `bl` code units
/// of body.
pub(crate) fn bin_index(bytes: &[u8]) -> (serde_json::Value, Vec<serde_json::Value>) {
    use std::io::Read;
    let mut raw = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut raw)
        .unwrap();
    assert_eq!(raw.len() % 2, 0);
    let units: Vec<u16> = raw
        .chunks(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    let line = |at: usize| {
        let nl = units[at..].iter().position(|&u| u == 10).unwrap() + at;
        let v: serde_json::Value =
            serde_json::from_str(&String::from_utf16(&units[at..nl]).unwrap()).unwrap();
        (v, nl + 1)
    };
    let (head, mut at) = line(0);
    let mut docs = Vec::new();
    while at < units.len() {
        let (mut doc, body) = line(at);
        let bl = doc["bl"].as_u64().unwrap() as usize;
        let b = String::from_utf16(&units[body..body + bl]).unwrap();
        let o = doc.as_object_mut().unwrap();
        o.remove("bl");
        o.insert("b".into(), b.into());
        docs.push(doc);
        at = body + bl;
    }
    assert_eq!(at, units.len());
    (head, docs)
}

/// The places a report names (`--> path:line:col`), in order.
fn places(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("--> "))
        .collect()
}

/// `en` and `zh` are the same report in two languages.
pub(crate) fn assert_same_report(en: &Out, zh: &Out) {
    assert_eq!(
        en.code, zh.code,
        "exit status differs:\n{}\n{}",
        en.stderr, zh.stderr
    );
    assert_eq!(
        places(&en.stderr),
        places(&zh.stderr),
        "\n{}\n{}",
        en.stderr,
        zh.stderr
    );
    let headlines = |s: &str, names: [&str; 3]| -> Vec<String> {
        s.lines()
            .filter(|l| {
                names
                    .iter()
                    .any(|n| l.trim_start().starts_with(&format!("{n}: ")))
            })
            .map(str::to_string)
            .collect()
    };
    let en_lines = headlines(&en.stderr, ["error", "warning", "help"]);
    let zh_lines = headlines(&zh.stderr, ["错误", "警告", "提示"]);
    assert_eq!(
        en_lines.len(),
        zh_lines.len(),
        "\n{}\n{}",
        en.stderr,
        zh.stderr
    );
    for l in &zh_lines {
        assert!(
            l.chars()
                .skip(4)
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "not in Chinese: {l}\n{}",
            zh.stderr
        );
    }
    for english in ["error: ", "warning: ", "help: "] {
        assert!(
            !zh.stderr
                .lines()
                .any(|l| l.trim_start().starts_with(english)),
            "English left in:\n{}",
            zh.stderr
        );
    }
}
