//! `casebook new case|summary|brand|compilation|page TITLE`: a new file from
//! the theme's archetype, named by the title's slug; never overwrites.

use std::path::{Path, PathBuf};

use crate::Error;
use crate::html::theme::Theme;
use crate::msg;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    Case,
    Summary,
    Brand,
    Compilation,
    Page,
}

impl DocKind {
    pub fn archetype(self) -> &'static str {
        match self {
            DocKind::Case => "case",
            DocKind::Summary => "summary",
            DocKind::Brand => "brand",
            DocKind::Compilation => "compilation",
            DocKind::Page => "page",
        }
    }
    fn folder(self) -> &'static str {
        match self {
            DocKind::Case => "cases",
            DocKind::Summary => "summaries",
            DocKind::Brand => "brands",
            DocKind::Compilation => "compilations",
            DocKind::Page => "pages",
        }
    }
}

/// Writes the new document and returns its path. `today` is `YYYY-MM-DD`.
pub fn new_doc(root: &Path, kind: DocKind, title: &str, today: &str) -> Result<PathBuf, Error> {
    let title = title.trim();
    if title.is_empty() {
        return Err(Error::Usage(msg!("cmd-new-empty-title")));
    }
    let slug = crate::slug::slugify(title);
    if slug.is_empty() {
        return Err(Error::Usage(msg!("cmd-new-no-file-name", title = title)));
    }
    let mut diags = Vec::new();
    let config = crate::config::Config::load(root, &mut diags)
        .ok_or_else(|| Error::content(diags.clone()))?;
    let theme = Theme::load(root, &config, &mut diags);
    let Some(archetype) = theme.archetypes.get(kind.archetype()) else {
        return Err(Error::Usage(msg!(
            "cmd-new-no-archetype",
            kind = kind.archetype()
        )));
    };
    let text = archetype
        .replace("{{title}}", &crate::text::toml_string(title))
        .replace("{{date}}", today)
        .replace("{{slug}}", &slug);
    let dir = root.join("content").join(kind.folder());
    let path = dir.join(format!("{slug}.md"));
    let bundle = dir.join(&slug).join("index.md");
    if path.exists() || bundle.exists() {
        let existing = if path.exists() { &path } else { &bundle };
        return Err(Error::Usage(msg!("cmd-new-exists", path = existing)));
    }
    std::fs::create_dir_all(&dir).map_err(Error::io("io-cannot-create", &dir))?;
    // create_new: a file appearing between the check and the write is not overwritten either.
    use std::io::Write as _;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(Error::io("io-cannot-create", &path))?;
    f.write_all(text.as_bytes())
        .map_err(Error::io("io-cannot-write", &path))?;
    Ok(path)
}
