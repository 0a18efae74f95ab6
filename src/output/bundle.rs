//! The offline bundle: an offline-mode build zipped under one top folder,
//! with a reader's note (使用说明.txt) and a manifest of SHA-256 sums.
//! Entries are sorted and carry a fixed timestamp, so the same inputs give
//! a byte-identical zip that an office can verify later.

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use zip::write::SimpleFileOptions;

use super::{DirSink, Renderer, Sink, TempFolder};
use crate::diag::Diagnostics;
use crate::i18n::{Arg, Msg};
use crate::load::rel_path;
use crate::model::Site;

/// The offline bundle as an output: the website renderer it is given
/// (built with offline URLs) writes into a private working folder, which is
/// zipped under one top folder and handed to the sink as one file.
pub(crate) struct Bundle<'a> {
    /// The outputs zipped (the website, and the PDFs with `[pdf] build`).
    inner: Vec<&'a mut dyn Renderer>,
    /// Where the working folder is made: beside the zip, so the finished
    /// zip is moved into place, not copied.
    work: PathBuf,
    /// The zip's name in the sink.
    name: String,
    progress: Option<&'a (dyn Fn(usize, usize) + Sync)>,
    /// Entries in the last zip written.
    pub files: usize,
}

impl<'a> Bundle<'a> {
    pub(crate) fn new(inner: Vec<&'a mut dyn Renderer>, work: &Path, name: &str) -> Bundle<'a> {
        Bundle {
            inner,
            work: work.to_path_buf(),
            name: name.to_string(),
            progress: None,
            files: 0,
        }
    }

    /// Reports (entries zipped, total) while zipping.
    pub(crate) fn progress(mut self, p: &'a (dyn Fn(usize, usize) + Sync)) -> Bundle<'a> {
        self.progress = Some(p);
        self
    }
}

impl Renderer for Bundle<'_> {
    fn name(&self) -> &'static str {
        "bundle"
    }

    fn render(&mut self, site: &Site, sink: &dyn Sink) -> Result<Diagnostics, crate::Error> {
        let tmp = TempFolder::new(&self.work, "casebook-bundle").map_err(crate::Error::Usage)?;
        let pages = tmp.path().join("site");
        let warnings = super::render_all(site, &mut self.inner, &DirSink::new(pages.clone()))?;
        let top = top_folder(site);
        let text = readme(
            &site.config.title,
            &top,
            site.config.language == crate::config::Language::ZhCn,
        );
        let zip = tmp.path().join("bundle.zip");
        let progress = self.progress.map(|p| p as &dyn Fn(usize, usize));
        self.files = write_zip(&pages, &zip, &top, &text, stamp(site), progress)
            .map_err(crate::Error::Usage)?;
        sink.adopt(&self.name, &zip).map_err(crate::Error::io(
            "io-cannot-write",
            self.work.join(&self.name),
        ))?;
        Ok(warnings)
    }
}

/// The zip's top folder (and default file name): the site title's slug.
pub(crate) fn top_folder(site: &Site) -> String {
    let top = crate::slug::slugify(&site.config.title);
    if top.is_empty() {
        "casebook-site".into()
    } else {
        top
    }
}

/// Every entry carries the date of the newest document, never the clock:
/// the same inputs give the same zip.
fn stamp(site: &Site) -> (u16, u8, u8) {
    let newest = site
        .cases
        .iter()
        .map(|c| c.doc.date)
        .chain(site.summaries.iter().map(|s| s.doc.date))
        .max();
    newest.map_or((2000, 1, 1), |d| {
        (d.year() as u16, d.month() as u8, d.day() as u8)
    })
}

pub(crate) const README_NAME: &str = "使用说明.txt";
pub(crate) const MANIFEST_NAME: &str = "SHA256SUMS.txt";

/// Zips the built site in `site_dir` into `zip_path` under `top/`.
/// `stamp` is the fixed (year, month, day) of every entry.
pub(crate) fn write_zip(
    site_dir: &Path,
    zip_path: &Path,
    top: &str,
    readme: &str,
    stamp: (u16, u8, u8),
    progress: Option<&dyn Fn(usize, usize)>,
) -> Result<usize, Msg> {
    let mut files: Vec<(String, PathBuf)> = walkdir::WalkDir::new(site_dir)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (rel_path(site_dir, e.path()), e.into_path()))
        .filter(|(rel, _)| rel != super::MARKER)
        .collect();
    files.sort();
    let bad: Vec<String> = files
        .iter()
        .filter_map(|(rel, _)| {
            unsafe_entry_name(rel)
                .map(|why| format!("  {}", crate::msg!("out-zip-entry", name = rel, why = why)))
        })
        .collect();
    if !bad.is_empty() {
        return Err(crate::msg!("out-zip-unsafe-names", list = bad.join("\n")));
    }

    let tmp = zip_path.with_extension("zip.part");
    let file = std::fs::File::create(&tmp).map_err(|e| {
        crate::msg!(
            "out-cannot-create",
            path = &tmp,
            cause = crate::io_cause(&e)
        )
    })?;
    let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(file));
    let time =
        zip::DateTime::from_date_and_time(stamp.0.clamp(1980, 2107), stamp.1, stamp.2, 0, 0, 0)
            .unwrap_or_default();
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(6))
        .last_modified_time(time)
        .unix_permissions(0o644);
    let err = |cause: Arg| crate::msg!("out-cannot-write", path = &tmp, cause = cause);

    let mut manifest = String::new();
    let mut buf = Vec::new();
    let total = files.len();
    for (n, (rel, path)) in files.iter().enumerate() {
        buf.clear();
        std::fs::File::open(path)
            .and_then(|mut f| f.read_to_end(&mut buf))
            .map_err(|e| {
                crate::msg!("out-cannot-read", path = path, cause = crate::io_cause(&e))
            })?;
        manifest.push_str(&format!("{}  {rel}\n", hex(&Sha256::digest(&buf))));
        zip.start_file(format!("{top}/{rel}"), options)
            .map_err(|e| err(zip_cause(&e)))?;
        zip.write_all(&buf)
            .map_err(|e| err(crate::io_cause(&e).into()))?;
        if let Some(p) = progress {
            p(n + 1, total);
        }
    }
    // The reader's note: UTF-8 with BOM and CRLF, so Windows Notepad shows it.
    let readme_bytes = format!("\u{feff}{}", readme.replace('\n', "\r\n")).into_bytes();
    manifest.push_str(&format!(
        "{}  {README_NAME}\n",
        hex(&Sha256::digest(&readme_bytes))
    ));
    zip.start_file(format!("{top}/{README_NAME}"), options)
        .map_err(|e| err(zip_cause(&e)))?;
    zip.write_all(&readme_bytes)
        .map_err(|e| err(crate::io_cause(&e).into()))?;
    zip.start_file(format!("{top}/{MANIFEST_NAME}"), options)
        .map_err(|e| err(zip_cause(&e)))?;
    zip.write_all(manifest.as_bytes())
        .map_err(|e| err(crate::io_cause(&e).into()))?;
    let mut w = zip.finish().map_err(|e| err(zip_cause(&e)))?;
    w.flush().map_err(|e| err(crate::io_cause(&e).into()))?;
    drop(w);
    std::fs::rename(&tmp, zip_path).map_err(|e| {
        crate::msg!(
            "out-cannot-move-into-place",
            path = zip_path,
            cause = crate::io_cause(&e)
        )
    })?;
    Ok(total + 2)
}

/// Why the zip writer failed, in words: a file system error by its kind,
/// else the zip library's own text.
fn zip_cause(e: &zip::result::ZipError) -> Arg {
    match e {
        zip::result::ZipError::Io(io) => crate::io_cause(io).into(),
        other => other.to_string().into(),
    }
}

/// Why a site path cannot be a zip entry name that every unzip tool (and
/// Windows Explorer, where offline bundles are opened) extracts inside the
/// bundle's folder under the same name, or `None` when it can.
pub(crate) fn unsafe_entry_name(rel: &str) -> Option<Msg> {
    if rel.contains('\\') {
        return Some(crate::msg!("out-zip-backslash"));
    }
    if rel.starts_with('/') {
        return Some(crate::msg!("out-zip-absolute"));
    }
    if rel.contains(':') {
        return Some(crate::msg!("out-zip-colon"));
    }
    if rel
        .split('/')
        .any(|seg| seg.is_empty() || seg == "." || seg == "..")
    {
        return Some(crate::msg!("out-zip-dot-segment"));
    }
    if rel
        .chars()
        .any(|c| c.is_control() || matches!(c, '<' | '>' | '"' | '|' | '?' | '*'))
    {
        return Some(crate::msg!("out-zip-windows-char"));
    }
    None
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The text of 使用说明.txt.
pub(crate) fn readme(title: &str, top: &str, zh: bool) -> String {
    if zh {
        format!(
            "{title}（离线版）\n\n\
             打开方法\n\
             1. 先把压缩包完整解压（右键 → 全部解压缩），不要在压缩软件里直接打开网页。\n\
             2. 进入解压出的 {top} 文件夹，双击 index.html，用浏览器打开即可。\n\
             3. 不需要联网，也不需要安装任何软件；可以整个文件夹拷贝到 U 盘或共享盘使用。\n\n\
             浏览器\n\
             建议使用较新版本的 Chrome、Edge、Firefox，或 360、QQ 等浏览器的极速模式。\n\
             IE 浏览器和兼容模式不受支持。\n\n\
             可以做什么\n\
             浏览全部案例、品牌、荣誉和统计；在“搜索”中查找任意词语（如 放管服、〔2023〕12号）；\n\
             在案例列表中按领域、县市区、层级、类型、年度筛选；\n\
             打开汇编的“打印版”，用浏览器的“打印 → 另存为 PDF”可得到整本汇编。\n\n\
             校验文件\n\
             {MANIFEST_NAME} 列出了每个文件的 SHA-256 校验值，可用于核对文件是否完整、未被改动。\n\
             Windows：certutil -hashfile 文件名 SHA256\n\
             Linux / macOS：在 {top} 文件夹中运行 sha256sum -c {MANIFEST_NAME}\n"
        )
    } else {
        format!(
            "{title} (offline edition)\n\n\
             How to open\n\
             1. Extract the whole zip first (right click → Extract all); do not open pages inside the zip viewer.\n\
             2. Open the extracted {top} folder and double-click index.html.\n\
             3. No network and no software are needed; the folder can be copied to a USB stick or shared drive.\n\n\
             Browsers\n\
             A recent Chrome, Edge or Firefox. Internet Explorer is not supported.\n\n\
             What works\n\
             Every page, search, the case list filters, and the print view of each compilation\n\
             (use the browser's Print → Save as PDF for the whole volume).\n\n\
             Checking the files\n\
             {MANIFEST_NAME} lists the SHA-256 sum of every file.\n\
             Windows: certutil -hashfile FILE SHA256\n\
             Linux / macOS: in the {top} folder run sha256sum -c {MANIFEST_NAME}\n"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::{unsafe_entry_name, write_zip};
    use crate::i18n::Language;

    #[test]
    fn names_a_zip_cannot_hold_are_listed_one_a_line() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir_all(&site).unwrap();
        std::fs::write(site.join("a\\b.png"), "x").unwrap();
        std::fs::write(site.join("ok.html"), "x").unwrap();
        let m = write_zip(
            &site,
            &dir.path().join("b.zip"),
            "t",
            "",
            (2024, 1, 1),
            None,
        )
        .unwrap_err();
        assert_eq!(m.key(), "out-zip-unsafe-names");
        // The list is put into words when the error is made, in the
        // language of the run; the lines around it when it is shown.
        let en = m.render(Language::En);
        assert!(
            en.starts_with(
                "these files cannot be put in a zip safely; rename their sources and bundle again:\n  a\\b.png"
            ),
            "{en}"
        );
        assert_eq!(en.lines().count(), 2, "{en}");
        let zh = m.render(Language::ZhCn);
        assert!(zh.starts_with("这些文件无法安全地放进压缩包"), "{zh}");
        let why = unsafe_entry_name("a\\b.png").unwrap();
        assert_eq!(why.key(), "out-zip-backslash");
        assert_eq!(
            why.render(Language::En),
            "a backslash would be read as a folder separator"
        );
        assert!(!dir.path().join("b.zip").exists());
    }

    #[test]
    fn entry_names_that_could_escape_or_not_extract_are_refused() {
        for bad in [
            "a\\b.png",
            "..\\..\\x",
            "/etc/passwd",
            "C:/x.png",
            "c:x",
            "cases/../../x",
            "cases/./x",
            "cases//x",
            "..",
            "a/b?.png",
            "a/\u{7}.png",
        ] {
            assert!(unsafe_entry_name(bad).is_some(), "{bad:?} accepted");
        }
        for good in [
            "index.html",
            "cases/改革/图 1.png",
            "a..b/c.d",
            "css/site.css",
        ] {
            assert_eq!(unsafe_entry_name(good), None, "{good:?} refused");
        }
    }
}
