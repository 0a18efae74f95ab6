//! Load: find the site, walk `content/` deterministically, read and decode
//! each document, and split/parse its front matter. Nothing here knows what a
//! field means; that is `validate`'s job.

pub mod frontmatter;
mod ime;
pub(crate) use ime::chinese_date;
pub mod node;
pub(crate) mod reader;

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diag::{Diagnostic, Pos};
use crate::i18n::Msg;
use crate::msg;
use frontmatter::Split;
use node::Table;

/// The content sections, by the folder under `content/` they live in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Section {
    Home,
    Cases,
    Summaries,
    Brands,
    Compilations,
    Pages,
}

impl Section {
    pub const FOLDERS: [(&'static str, Section); 5] = [
        ("cases", Section::Cases),
        ("summaries", Section::Summaries),
        ("brands", Section::Brands),
        ("compilations", Section::Compilations),
        ("pages", Section::Pages),
    ];
    pub fn folder(self) -> &'static str {
        match self {
            Section::Home => "",
            Section::Cases => "cases",
            Section::Summaries => "summaries",
            Section::Brands => "brands",
            Section::Compilations => "compilations",
            Section::Pages => "pages",
        }
    }
    /// Singular noun for messages (`case`, 案例), to put into another
    /// message.
    pub fn noun(self) -> Msg {
        match self {
            Section::Home => Msg::new("load-section-home"),
            Section::Cases => Msg::new("load-section-case"),
            Section::Summaries => Msg::new("load-section-summary"),
            Section::Brands => Msg::new("load-section-brand"),
            Section::Compilations => Msg::new("load-section-compilation"),
            Section::Pages => Msg::new("load-section-page"),
        }
    }
}

/// A document as read from disk, front matter parsed but not interpreted.
#[derive(Debug, Clone)]
pub struct RawDoc {
    pub section: Section,
    /// Path relative to the site root with `/` separators, for messages.
    pub path: String,
    pub abs_path: PathBuf,
    /// File stem, or the folder name of a `name/index.md` bundle.
    pub stem: String,
    /// The bundle folder of a `name/index.md` document.
    pub bundle_dir: Option<PathBuf>,
    /// Colocated files of a bundle, relative to its folder, sorted.
    pub assets: Vec<String>,
    /// Text without BOM; CRLF kept (positions refer to the file as written).
    pub text: String,
    pub split: Split,
    /// Parsed front matter; `None` when it could not be parsed (reported).
    pub front: Option<Table>,
}

impl RawDoc {
    pub fn body(&self) -> &str {
        &self.text[self.split.body.clone()]
    }
}

/// Editor debris and hidden files: never content, never assets.
pub fn is_debris(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with("~$")
        || name.starts_with('#')
        || name.ends_with('~')
        || [
            ".swp",
            ".swo",
            ".swx",
            ".tmp",
            ".bak",
            ".crdownload",
            ".part",
        ]
        .iter()
        .any(|s| name.to_ascii_lowercase().ends_with(s))
        || name.eq_ignore_ascii_case("Thumbs.db")
        || name.eq_ignore_ascii_case("desktop.ini")
}

pub fn rel_path(root: &Path, p: &Path) -> String {
    let rel = p.strip_prefix(root).unwrap_or(p);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// A document found by the walk, before reading.
#[derive(Debug, Clone, Hash, PartialEq, Eq)]
pub struct Found {
    pub section: Section,
    pub abs: PathBuf,
    pub stem: String,
    pub bundle_dir: Option<PathBuf>,
    pub assets: Vec<String>,
}

/// Whether an optional source folder is there. A folder that exists but
/// cannot be looked at (permissions, a dropped network share) is an error,
/// not an absent folder: falling back to "none" would publish a site
/// without it.
pub fn folder_exists(root: &Path, dir: &Path, diags: &mut Vec<Diagnostic>) -> bool {
    match std::fs::metadata(dir) {
        Ok(m) => m.is_dir(),
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
            ) =>
        {
            false
        }
        Err(e) => {
            diags.push(
                Diagnostic::error(
                    rel_path(root, dir),
                    Pos::START,
                    msg!("load-cannot-read", error = e.to_string()),
                )
                .with_hint(Msg::new("load-unreadable-hint")),
            );
            false
        }
    }
}

/// Walks a folder in sorted order without leaving `base` (a canonical
/// folder: the site root, or a theme's own folder) through symbolic links,
/// and without looping. Messages name paths relative to `root`.
///
/// A link that leads outside `base` is an error, and so is a folder or file
/// that cannot be read: a build that silently skipped an unreadable
/// `content/` would publish an empty site over the real one. Only a file
/// that vanished while the walk ran (an editor's save) is a warning.
pub fn walk_files(
    root: &Path,
    base: &Path,
    dir: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Vec<PathBuf> {
    let mut links: Vec<(PathBuf, crate::confine::Refused)> = Vec::new();
    let mut files = Vec::new();
    let walker = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            if e.depth() > 0 && is_debris(&name) {
                return false;
            }
            if e.path_is_symlink() {
                match crate::confine::resolve(base, e.path()) {
                    Ok(_) => {}
                    Err(refused) => {
                        links.push((e.path().to_path_buf(), refused));
                        return false;
                    }
                }
            }
            true
        });
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => files.push(e.into_path()),
            Ok(_) => {}
            Err(err) => diags.push(walk_error(root, &err)),
        }
    }
    let inside = if crate::confine::canonical_base(root) == base {
        Msg::new("load-inside-site")
    } else {
        Msg::new("load-inside-theme")
    };
    for (p, refused) in links {
        diags.push(link_refused(root, &p, refused, inside.clone()));
    }
    files
}

/// A symbolic link the walk did not follow: outside the allowed folder or
/// unreadable is an error, a link to nothing a warning (as a deleted file).
fn link_refused(
    root: &Path,
    link: &Path,
    refused: crate::confine::Refused,
    inside: Msg,
) -> Diagnostic {
    use crate::confine::Refused;
    let at = rel_path(root, link);
    let hint = Msg::new("load-link-hint");
    match refused {
        Refused::Missing => Diagnostic::warning(at, Pos::START, Msg::new("load-link-to-nothing")),
        Refused::Outside(to) => Diagnostic::error(
            at,
            Pos::START,
            msg!("load-link-outside", inside = inside, target = &to),
        )
        .with_hint(hint),
        Refused::Unreadable(e) => Diagnostic::error(
            at,
            Pos::START,
            msg!("load-link-unreadable", error = e.to_string()),
        )
        .with_hint(hint),
    }
}

/// What a failed step of a walk means for the build.
fn walk_error(root: &Path, err: &walkdir::Error) -> Diagnostic {
    let at = err.path().map(|p| rel_path(root, p)).unwrap_or_default();
    if err.loop_ancestor().is_some() {
        return Diagnostic::warning(at, Pos::START, Msg::new("load-link-loop"));
    }
    match err.io_error() {
        Some(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Diagnostic::warning(at, Pos::START, Msg::new("load-vanished-during-walk"))
        }
        e => Diagnostic::error(
            at,
            Pos::START,
            msg!(
                "load-cannot-read",
                error = e.map_or(err.to_string(), |e| e.to_string())
            ),
        )
        .with_hint(Msg::new("load-unreadable-hint")),
    }
}

/// Walks `content/` and lists its documents, in a fixed order.
pub fn discover(root: &Path, diags: &mut Vec<Diagnostic>) -> Vec<Found> {
    let content = root.join("content");
    let before = diags.len();
    if !folder_exists(root, &content, diags) {
        if diags.len() > before {
            return Vec::new(); // there, but unreadable: already said
        }
        diags.push(
            Diagnostic::error("content", Pos::START, Msg::new("load-no-content"))
                .with_hint(Msg::new("load-no-content-hint")),
        );
        return Vec::new();
    }
    let base = crate::confine::canonical_base(root);
    let files = walk_files(root, &base, &content, diags);
    classify(root, &content, files, diags)
}

fn classify(
    root: &Path,
    content: &Path,
    files: Vec<PathBuf>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Found> {
    // Bundle folders: those holding an index.md (below a section folder).
    let bundles: Vec<PathBuf> = files
        .iter()
        .filter(|p| p.file_name().is_some_and(|n| n == "index.md"))
        .filter_map(|p| p.parent().map(Path::to_path_buf))
        .filter(|d| d.parent().is_some_and(|pp| pp != content))
        .collect();
    let bundle_index: std::collections::HashMap<&Path, usize> = bundles
        .iter()
        .enumerate()
        .map(|(i, b)| (b.as_path(), i))
        .collect();
    let mut found: Vec<Found> = Vec::new();
    let mut assets: Vec<(usize, String)> = Vec::new();
    let mut bundle_doc: Vec<Option<usize>> = vec![None; bundles.len()];
    let mut pending_assets: Vec<(usize, PathBuf)> = Vec::new();
    for path in files {
        let rel = rel_path(content, &path);
        let parts: Vec<&str> = rel.split('/').collect();
        // The innermost bundle containing this file, if any.
        let bundle = path
            .ancestors()
            .skip(1)
            .take_while(|a| *a != content)
            .find_map(|a| bundle_index.get(a).map(|&i| (i, &bundles[i])));
        let is_md = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"));
        if parts.len() == 1 {
            found.extend(top_level_file(root, &rel, path, is_md, diags));
            continue;
        }
        let Some(section) = section_of(root, parts[0], &path, is_md, diags) else {
            continue;
        };
        match bundle {
            Some((bi, bdir)) => {
                if path.parent() == Some(bdir.as_path())
                    && path.file_name().is_some_and(|n| n == "index.md")
                {
                    let stem = bdir
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    bundle_doc[bi] = Some(found.len());
                    found.push(Found {
                        section,
                        abs: path,
                        stem,
                        bundle_dir: Some(bdir.clone()),
                        assets: Vec::new(),
                    });
                } else {
                    pending_assets.push((bi, path));
                }
            }
            None if is_md => found.extend(single_file_document(root, section, path, diags)),
            // Loose files beside plain documents are resolved when Markdown refers to them.
            None => {}
        }
    }
    for (bi, path) in pending_assets {
        if let Some(di) = bundle_doc[bi] {
            assets.push((di, rel_path(&bundles[bi], &path)));
        }
    }
    for (di, a) in assets {
        found[di].assets.push(a);
    }
    for f in &mut found {
        f.assets.sort();
    }
    found
}

/// A file directly in content/: the home page's `_index.md`, or a
/// document that belongs to no section (an error).
fn top_level_file(
    root: &Path,
    rel: &str,
    path: PathBuf,
    is_md: bool,
    diags: &mut Vec<Diagnostic>,
) -> Option<Found> {
    if rel == "_index.md" {
        return Some(Found {
            section: Section::Home,
            abs: path,
            stem: "_index".into(),
            bundle_dir: None,
            assets: Vec::new(),
        });
    }
    if is_md {
        diags.push(
            Diagnostic::error(
                rel_path(root, &path),
                Pos::START,
                Msg::new("load-no-section"),
            )
            .with_hint(Msg::new("load-no-section-hint")),
        );
    }
    None
}

/// The section named by a file's first folder under content/; a document
/// in any other folder is an error.
fn section_of(
    root: &Path,
    folder: &str,
    path: &Path,
    is_md: bool,
    diags: &mut Vec<Diagnostic>,
) -> Option<Section> {
    let section = Section::FOLDERS
        .iter()
        .find(|(f, _)| *f == folder)
        .map(|(_, s)| *s);
    if section.is_none() && is_md {
        let names: Vec<&str> = Section::FOLDERS.iter().map(|(f, _)| *f).collect();
        let hint = crate::diag::allowed_hint(folder, &names);
        diags.push(
            Diagnostic::error(
                rel_path(root, path),
                Pos::START,
                msg!("load-unknown-section", folder = folder),
            )
            .with_hint(hint),
        );
    }
    section
}

/// A document that is one Markdown file (not a bundle folder). A section's
/// `_index.md` is not one: it is ignored, with a warning.
fn single_file_document(
    root: &Path,
    section: Section,
    path: PathBuf,
    diags: &mut Vec<Diagnostic>,
) -> Option<Found> {
    let stem = path
        .file_stem()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if stem == "_index" {
        diags.push(
            Diagnostic::warning(
                rel_path(root, &path),
                Pos::START,
                Msg::new("load-section-index"),
            )
            .with_hint(Msg::new("load-section-index-hint")),
        );
        return None;
    }
    Some(Found {
        section,
        abs: path,
        stem,
        bundle_dir: None,
        assets: Vec::new(),
    })
}

/// Reads, decodes and splits one document, parsing its front matter.
pub fn read_doc(root: &Path, f: Found, diags: &mut Vec<Diagnostic>) -> Option<RawDoc> {
    let path = rel_path(root, &f.abs);
    let bytes = match std::fs::read(&f.abs) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            diags.push(Diagnostic::warning(
                path,
                Pos::START,
                Msg::new("load-vanished-during-read"),
            ));
            return None;
        }
        Err(e) => {
            diags.push(Diagnostic::error(
                path,
                Pos::START,
                msg!("load-cannot-read-file", error = e.to_string()),
            ));
            return None;
        }
    };
    let text = match decode(&bytes) {
        Ok(t) => t,
        Err(e) => {
            diags.push(Diagnostic::error(path, e.pos, e.message).with_hint(e.hint));
            return None;
        }
    };
    if text.trim().is_empty() {
        diags.push(
            Diagnostic::error(
                &path,
                Pos::START,
                msg!("load-empty-file", noun = f.section.noun()),
            )
            .with_hint(Msg::new("load-empty-file-hint")),
        );
        return None;
    }
    let split = match frontmatter::split(&text) {
        Ok(s) => s,
        Err(e) => {
            diags.push(e.diagnostic(&path));
            return None;
        }
    };
    let front = if split.format.is_none() {
        diags.push(
            Diagnostic::error(
                &path,
                Pos::START,
                msg!("load-no-front-matter", noun = f.section.noun()),
            )
            .with_hint(Msg::new("load-no-front-matter-hint")),
        );
        None
    } else {
        let mut found = Vec::new();
        let parsed = frontmatter::parse(&text, &split, &mut found);
        diags.extend(found.into_iter().map(|e| e.diagnostic(&path)));
        match parsed {
            Ok(t) => Some(t),
            Err(e) => {
                diags.push(e.diagnostic(&path));
                None
            }
        }
    };
    Some(RawDoc {
        section: f.section,
        path,
        abs_path: f.abs,
        stem: f.stem,
        bundle_dir: f.bundle_dir,
        assets: f.assets,
        text,
        split,
        front,
    })
}

pub struct DecodeError {
    pub pos: Pos,
    pub message: Msg,
    pub hint: Msg,
}

/// UTF-8 (BOM optional) or a precise error: binary data, UTF-16, or a
/// Chinese legacy encoding (GBK/GB18030), which Windows editors still write.
pub fn decode(bytes: &[u8]) -> Result<String, DecodeError> {
    let resave = || Msg::new("load-resave-utf8");
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(DecodeError {
            pos: Pos::START,
            message: Msg::new("load-utf16"),
            hint: resave(),
        });
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let head = &bytes[..bytes.len().min(8192)];
    let binary = head.contains(&0)
        || head
            .iter()
            .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
            .count()
            > head.len() / 10 + 1;
    if binary {
        return Err(DecodeError {
            pos: Pos::START,
            message: Msg::new("load-binary"),
            hint: Msg::new("load-binary-hint"),
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            // valid is UTF-8 by construction
            let valid = std::str::from_utf8(valid).unwrap_or("");
            let line = valid.matches('\n').count() as u32 + 1;
            let col = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
            let pos = Pos::new(line, col);
            let (gbk, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
            if !had_errors && gbk.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
                Err(DecodeError {
                    pos,
                    message: Msg::new("load-gbk"),
                    hint: resave(),
                })
            } else {
                Err(DecodeError {
                    pos,
                    message: Msg::new("load-not-utf8"),
                    hint: resave(),
                })
            }
        }
    }
}
