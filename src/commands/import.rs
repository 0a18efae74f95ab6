//! `casebook import FILE.docx|DIR...`: Word submissions as new documents,
//! each with a report of what was mapped, dropped and left to fill, then
//! the site checked as `casebook check` does. A file that cannot be
//! imported is an error naming it and what it is; the others still import.
//! Never overwrites.

use std::path::{Path, PathBuf};

use super::Ui;
use crate::Error;
use crate::diag::{Diagnostic, Diagnostics, Pos};
use crate::i18n::Msg;
pub use crate::import::ImportKind;
use crate::import::{Imported, Known, Report};
use crate::msg;

#[derive(Debug, Clone)]
pub struct ImportArgs {
    /// .docx files, and folders whose .docx files are imported (sorted).
    pub inputs: Vec<PathBuf>,
    pub kind: ImportKind,
    /// Default: content/cases/<year>/ (summaries: content/summaries/<year>/).
    pub into: Option<PathBuf>,
    pub dry_run: bool,
    /// `YYYY-MM-DD`: the year folder of a submission without a date.
    pub today: String,
}

/// What an import run did.
#[derive(Debug, Clone, Default)]
pub struct ImportMade {
    /// The Markdown files written (or that would be, with --dry-run).
    pub written: Vec<PathBuf>,
    /// Files that could not be imported.
    pub failed: usize,
}

/// The .docx files named: files as given, folders' .docx files sorted
/// (Word's `~$` lock files left out).
fn expand(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let mut out = Vec::new();
    for p in inputs {
        if p.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(Error::io("io-cannot-read", p))?
                .flatten()
                .map(|e| e.path())
                .filter(|f| {
                    f.is_file()
                        && f.extension()
                            .is_some_and(|e| e.eq_ignore_ascii_case("docx"))
                        && !f
                            .file_name()
                            .is_some_and(|n| n.to_string_lossy().starts_with("~$"))
                })
                .collect();
            found.sort();
            if found.is_empty() {
                return Err(Error::Usage(msg!("import-folder-has-no-docx", path = p)));
            }
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    if out.is_empty() {
        return Err(Error::Usage(msg!("import-nothing-named")));
    }
    Ok(out)
}

/// A path as messages show it: relative to the site when inside it.
fn shown(root: &Path, p: &Path) -> String {
    match p.strip_prefix(root) {
        Ok(rel) => rel.to_string_lossy().replace('\\', "/"),
        Err(_) => p.display().to_string(),
    }
}

/// The folder and slug of an imported document: it goes to
/// `<dir>/<slug>.md`, or `<dir>/<slug>/index.md` with its pictures.
fn target(root: &Path, args: &ImportArgs, doc: &Imported, file: &Path) -> (PathBuf, String) {
    let dir = match &args.into {
        Some(d) if d.is_absolute() => d.clone(),
        Some(d) => root.join(d),
        None => {
            let year = doc.date.as_deref().unwrap_or(&args.today);
            let folder = match args.kind {
                ImportKind::Case => "cases",
                ImportKind::Summary => "summaries",
            };
            root.join("content")
                .join(folder)
                .join(&year[..4.min(year.len())])
        }
    };
    let mut slug = crate::slug::slugify(&doc.title);
    if slug.is_empty() || doc.title.starts_with(crate::import::TODO) {
        slug = crate::slug::slugify(&file.file_stem().unwrap_or_default().to_string_lossy());
    }
    if slug.is_empty() {
        slug = "imported".into();
    }
    (dir, slug)
}

/// Texts joined as a list, in the current language ("a, b" / "a、b").
fn joined<T: ToString>(items: &[T]) -> String {
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(&crate::i18n::t("list-separator"))
}

/// The report's lines for one file.
fn report_lines(r: &Report) -> Vec<Msg> {
    let mut lines = Vec::new();
    let mut mapped = vec![Msg::new(r.title_from)];
    if !r.from_lines.is_empty() {
        mapped.push(msg!(
            "import-from-opening-lines",
            fields = joined(&r.from_lines)
        ));
    }
    if r.kept_as_comments > 0 {
        mapped.push(msg!("import-kept-as-comments", count = r.kept_as_comments));
    }
    let mapped: Vec<String> = mapped.iter().map(ToString::to_string).collect();
    lines.push(msg!(
        "import-mapped",
        list = mapped.join(&crate::i18n::t("import-mapped-separator"))
    ));
    let m = &r.made;
    let mut body = vec![msg!("import-headings", count = m.headings)];
    if m.numbered_headings > 0 {
        body.push(msg!(
            "import-numbered-headings",
            count = m.numbered_headings
        ));
    }
    body.push(msg!("import-tables", count = m.tables));
    if m.merged_tables > 0 {
        body.push(msg!("import-merged-tables", count = m.merged_tables));
    }
    body.push(msg!("import-lists", count = m.lists));
    body.push(msg!("import-footnotes", count = m.footnotes));
    body.push(msg!("import-pictures", count = r.images));
    body.push(msg!("import-links", count = m.links));
    lines.push(msg!("import-body", list = joined(&body)));
    let dropped: Vec<Msg> = [
        (r.page_breaks, "import-page-breaks"),
        (r.headers_footers, "import-headers-footers"),
        (r.comments, "import-comments"),
        (r.tracked, "import-tracked-changes"),
        (r.text_boxes, "import-text-boxes"),
        (r.contents, "import-contents-lines"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, key)| Msg::new(key).arg("count", n))
    .collect();
    if !dropped.is_empty() {
        lines.push(msg!("import-dropped", list = joined(&dropped)));
    }
    if !r.to_fill.is_empty() {
        lines.push(msg!("import-to-fill", fields = joined(&r.to_fill)));
    }
    lines.extend(
        r.warnings
            .iter()
            .map(|w| msg!("import-warning-line", message = w.clone())),
    );
    lines
}

/// Writes the pictures, then the document, each with `create_new`.
fn write(path: &Path, doc: &Imported) -> Result<(), Error> {
    use std::io::Write as _;
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(Error::io("io-cannot-create", dir))?;
    let put = |p: &Path, bytes: &[u8]| -> Result<(), Error> {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(p)
            .map_err(Error::io("io-cannot-create", p))?;
        f.write_all(bytes).map_err(Error::io("io-cannot-write", p))
    };
    for (name, bytes) in &doc.images {
        put(&dir.join(name), bytes)?;
    }
    put(path, doc.text.as_bytes())
}

/// Reads, reports and (unless a dry run) writes one file; its Markdown
/// file's path, or why it could not be imported.
fn import_one(
    root: &Path,
    args: &ImportArgs,
    ui: &Ui,
    file: &Path,
    planned: &[PathBuf],
    known: &Known,
) -> Result<PathBuf, Msg> {
    let name = file
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let unreadable =
        |e: std::io::Error| msg!("import-cannot-read-file", cause = crate::io_cause(&e));
    let size = std::fs::metadata(file).map_err(unreadable)?.len();
    if size > crate::import::FILE_LIMIT {
        return Err(msg!(
            "import-file-too-large",
            size = size >> 20,
            limit = crate::import::FILE_LIMIT >> 20
        ));
    }
    let bytes = std::fs::read(file).map_err(unreadable)?;
    let doc = crate::import::import(bytes, args.kind, &name, known)
        .map_err(|crate::import::NotDocx(what)| msg!("import-cannot-import", reason = what))?;
    let (dir, slug) = target(root, args, &doc, file);
    // Either form of the same document is a clash, on disk or earlier in
    // this run.
    let flat = dir.join(format!("{slug}.md"));
    let bundle = dir.join(&slug);
    let path = if doc.images.is_empty() {
        flat.clone()
    } else {
        bundle.join("index.md")
    };
    let clash = [&flat, &bundle].into_iter().find(|p| {
        p.exists()
            || planned
                .iter()
                .any(|q| q == *p || q.parent() == Some(p.as_path()))
    });
    if let Some(c) = clash {
        return Err(msg!("import-clash", path = shown(root, c)));
    }
    let (from, to) = (file.display().to_string(), shown(root, &path));
    ui.info(if args.dry_run {
        msg!("import-would-write-file", file = from, path = to)
    } else {
        msg!("import-imported-file", file = from, path = to)
    });
    for line in report_lines(&doc.report) {
        ui.info(format_args!("  {line}"));
    }
    if args.dry_run {
        println!("==> {} <==\n{}", shown(root, &path), doc.text);
    } else {
        write(&path, &doc).map_err(|e| msg!("import-cannot-import", reason = e.message()))?;
    }
    Ok(path)
}

/// The units and regions of the site's cases (drafts too), in order of
/// use; none when the site does not load yet (its check says why later).
fn known(root: &Path) -> Known {
    let Ok((site, _)) = crate::load_site(root, true) else {
        return Known::default();
    };
    let mut k = Known::default();
    for c in &site.cases {
        for (v, list) in [(&c.doc.unit, &mut k.units), (&c.doc.region, &mut k.regions)] {
            if let Some(v) = v
                && !list.contains(v)
            {
                list.push(v.clone());
            }
        }
    }
    k
}

/// Imports every file named; prints the report of each, then the site's
/// check. Fails (exit 1) when a file could not be imported.
pub fn import(root: &Path, args: &ImportArgs, ui: &Ui) -> Result<(ImportMade, Diagnostics), Error> {
    let mut diags = Vec::new();
    // A site to import into, with a readable configuration.
    crate::config::Config::load(root, &mut diags).ok_or_else(|| Error::content(diags))?;
    let files = expand(&args.inputs)?;
    let known = known(root);
    let mut made = ImportMade::default();
    let mut failures: Vec<Diagnostic> = Vec::new();
    let mut planned: Vec<PathBuf> = Vec::new();
    for file in &files {
        match import_one(root, args, ui, file, &planned, &known) {
            Ok(path) => {
                planned.push(path.clone());
                made.written.push(path);
            }
            Err(msg) => failures.push(Diagnostic::error(shown(root, file), Pos::START, msg)),
        }
    }
    made.failed = failures.len();
    let mut findings = Diagnostics::new();
    if !args.dry_run && !made.written.is_empty() {
        let quiet = Ui {
            quiet: true,
            verbose: false,
        };
        match super::check(root, true, &quiet) {
            Ok(w) => {
                ui.info(msg!("import-check-no-errors"));
                findings = w;
            }
            Err(Error::Content(d)) => {
                ui.info(msg!("import-check-problems", count = d.error_count()));
                findings = d;
            }
            Err(e) => return Err(e),
        }
    }
    let (done, total) = (made.written.len(), files.len());
    ui.info(if args.dry_run {
        msg!("import-would-import-count", done = done, total = total)
    } else {
        msg!("import-imported-count", done = done, total = total)
    });
    if !failures.is_empty() {
        let mut all = failures;
        all.extend(findings.into_vec());
        return Err(Error::content(all));
    }
    Ok((made, findings))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Language;

    #[test]
    fn the_report_is_made_of_messages() {
        let r = Report {
            title_from: "import-title-from-line",
            page_breaks: 1,
            to_fill: vec!["date"],
            ..Report::default()
        };
        let keys: Vec<&str> = report_lines(&r).iter().map(Msg::key).collect();
        assert_eq!(
            keys,
            [
                "import-mapped",
                "import-body",
                "import-dropped",
                "import-to-fill"
            ]
        );
        let m = msg!("import-tracked-changes", count = 2_usize);
        assert_eq!(
            m.render(Language::En),
            "2 tracked changes (the accepted text is kept)"
        );
        let m = msg!("import-imported-count", done = 1_usize, total = 1_usize);
        assert_eq!(m.render(Language::En), "imported 1 of 1 file");
        assert_eq!(m.render(Language::ZhCn), "已导入 1 个，共 1 个文件");
    }
}
