//! `casebook import FILE.docx|DIR...`: Word submissions as new documents,
//! each with a report of what was mapped, dropped and left to fill, then
//! the site checked as `casebook check` does. A file that cannot be
//! imported is an error naming it and what it is; the others still import.
//! Never overwrites.

use std::path::{Path, PathBuf};

use super::Ui;
use crate::Error;
use crate::diag::{Diagnostic, Diagnostics, Pos, count};
pub use crate::import::ImportKind;
use crate::import::{Imported, Known, Report};

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
                .map_err(Error::io("cannot read", p))?
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
                return Err(Error::Usage(format!(
                    "{} has no .docx file to import",
                    p.display()
                )));
            }
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    if out.is_empty() {
        return Err(Error::Usage(
            "name a .docx file or a folder of them to import".into(),
        ));
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

/// The report's lines for one file.
fn report_lines(r: &Report) -> Vec<String> {
    let mut lines = Vec::new();
    let mut mapped = vec![format!("title from {}", r.title_from)];
    if !r.from_lines.is_empty() {
        mapped.push(format!(
            "{} from the opening lines",
            r.from_lines.join(", ")
        ));
    }
    if r.kept_as_comments > 0 {
        mapped.push(format!(
            "{} kept as comments in the front matter",
            count(
                r.kept_as_comments,
                "other opening line",
                "other opening lines"
            )
        ));
    }
    lines.push(format!("mapped: {}", mapped.join("; ")));
    let m = &r.made;
    let mut body = vec![count(m.headings, "heading", "headings")];
    if m.numbered_headings > 0 {
        body.push(format!(
            "{} from numbered lines (一、/（一）…)",
            m.numbered_headings
        ));
    }
    body.push(count(m.tables, "table", "tables"));
    if m.merged_tables > 0 {
        body.push(format!(
            "merged cells flattened in {}",
            count(m.merged_tables, "table", "tables")
        ));
    }
    body.push(count(m.lists, "list", "lists"));
    body.push(count(m.footnotes, "footnote", "footnotes"));
    body.push(count(r.images, "picture", "pictures"));
    body.push(count(m.links, "link", "links"));
    lines.push(format!("body: {}", body.join(", ")));
    let mut dropped = Vec::new();
    for (n, one, many) in [
        (r.page_breaks, "page break", "page breaks"),
        (r.headers_footers, "header or footer", "headers and footers"),
        (r.comments, "comment", "comments"),
        (
            r.tracked,
            "tracked change (the accepted text is kept)",
            "tracked changes (the accepted text is kept)",
        ),
        (r.text_boxes, "text box", "text boxes"),
        (r.contents, "contents line", "contents lines"),
    ] {
        if n > 0 {
            dropped.push(count(n, one, many));
        }
    }
    if !dropped.is_empty() {
        lines.push(format!("dropped: {}", dropped.join(", ")));
    }
    if !r.to_fill.is_empty() {
        lines.push(format!(
            "to fill: {} (left as TODO; casebook check reports it until filled)",
            r.to_fill.join(", ")
        ));
    }
    lines.extend(r.warnings.iter().map(|w| format!("warning: {w}")));
    lines
}

/// Writes the pictures, then the document, each with `create_new`.
fn write(path: &Path, doc: &Imported) -> Result<(), Error> {
    use std::io::Write as _;
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(Error::io("cannot create", dir))?;
    let put = |p: &Path, bytes: &[u8]| -> Result<(), Error> {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(p)
            .map_err(Error::io("cannot create", p))?;
        f.write_all(bytes).map_err(Error::io("cannot write", p))
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
) -> Result<PathBuf, String> {
    let name = file
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let size = std::fs::metadata(file)
        .map_err(|e| format!("cannot read the file: {e}"))?
        .len();
    if size > crate::import::FILE_LIMIT {
        return Err(format!(
            "cannot import: too large ({} MiB; the limit is {} MiB)",
            size >> 20,
            crate::import::FILE_LIMIT >> 20
        ));
    }
    let bytes = std::fs::read(file).map_err(|e| format!("cannot read the file: {e}"))?;
    let doc = crate::import::import(bytes, args.kind, &name, known)
        .map_err(|crate::import::NotDocx(what)| format!("cannot import: {what}"))?;
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
        return Err(format!(
            "cannot import: {} already exists; casebook import never overwrites (rename or move it, or import into another folder with --into)",
            shown(root, c)
        ));
    }
    let verb = if args.dry_run {
        "would write"
    } else {
        "imported"
    };
    ui.info(&format!(
        "{verb} {} → {}",
        file.display(),
        shown(root, &path)
    ));
    for line in report_lines(&doc.report) {
        ui.info(&format!("  {line}"));
    }
    if args.dry_run {
        println!("==> {} <==\n{}", shown(root, &path), doc.text);
    } else {
        write(&path, &doc).map_err(|e| format!("cannot import: {e}"))?;
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
                ui.info("casebook check: no errors");
                findings = w;
            }
            Err(Error::Content(d)) => {
                ui.info(&format!(
                    "casebook check: {} to fix before the site builds (below)",
                    count(d.error_count(), "problem", "problems")
                ));
                findings = d;
            }
            Err(e) => return Err(e),
        }
    }
    ui.info(&format!(
        "{} {} of {}",
        if args.dry_run {
            "would import"
        } else {
            "imported"
        },
        made.written.len(),
        count(files.len(), "file", "files")
    ));
    if !failures.is_empty() {
        let mut all = failures;
        all.extend(findings.into_vec());
        return Err(Error::content(all));
    }
    Ok((made, findings))
}
