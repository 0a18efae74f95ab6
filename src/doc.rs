//! Typed documents: what `validate` makes of front matter. Field names follow
//! the content model (`content-model.md`), which is public interface.

use std::path::PathBuf;

use jiff::civil::Date;
use serde::Serialize;

use crate::diag::Pos;
use crate::load::Section;
use crate::load::reader::Spanned;

/// What every document has besides its own fields.
#[derive(Debug, Clone)]
pub struct Meta {
    pub section: Section,
    /// Relative to the site root, `/`-separated (for messages).
    pub path: String,
    pub abs_path: PathBuf,
    pub bundle_dir: Option<PathBuf>,
    pub assets: Vec<String>,
    pub slug: String,
    /// Where the slug came from (the `slug` key, else line 1).
    pub slug_pos: Pos,
    pub draft: bool,
    /// Shared: cached copies of a document (dev server) do not copy it.
    pub body: std::sync::Arc<str>,
    /// 1-based line of the body's first line in the file.
    pub body_line: u32,
    pub extra: serde_json::Value,
    /// Hash of the whole file as read (changes whenever the file does).
    pub hash: u64,
    /// Hash of the front matter alone (what lists and data files show).
    pub fm_hash: u64,
    /// Hash of the file's path: the key of the dev server's caches
    /// (hashing a `Path` walks its components, which is slow at scale).
    pub id: u64,
    /// Plain text of the body's first paragraph: the default summary.
    pub first_paragraph: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Hash)]
pub struct Approval {
    pub by: String,
    pub level: String,
    #[serde(serialize_with = "ser_date")]
    pub date: Date,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Hash)]
pub struct Honour {
    pub kind: String,
    pub level: String,
    pub issuer: String,
    #[serde(serialize_with = "ser_date")]
    pub date: Date,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Hash)]
pub struct Pilot {
    pub level: String,
    pub status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(
        serialize_with = "ser_opt_date",
        skip_serializing_if = "Option::is_none"
    )]
    pub accepted_on: Option<Date>,
}

#[derive(Debug, Clone)]
pub struct Case {
    pub meta: Meta,
    pub title: String,
    pub date: Date,
    /// As written; the default (first paragraph) is filled in by `model`.
    pub summary: Option<String>,
    pub unit: Option<String>,
    pub region: Option<String>,
    pub fields: Vec<String>,
    pub tags: Vec<String>,
    pub kind: Option<String>,
    pub brands: Vec<Spanned<String>>,
    pub compilations: Vec<Spanned<String>>,
    pub weight: Option<i64>,
    pub featured: bool,
    pub approvals: Vec<Approval>,
    pub honours: Vec<Honour>,
    pub pilot: Option<Pilot>,
    pub gallery: Vec<Photo>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Metric {
    pub label: String,
    pub value: f64,
    pub target: Option<f64>,
    pub unit: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Summary {
    pub meta: Meta,
    pub title: String,
    pub date: Date,
    pub period: Option<String>,
    pub summary: Option<String>,
    pub brands: Vec<Spanned<String>>,
    pub tags: Vec<String>,
    pub metrics: Vec<Metric>,
    pub highlights: Vec<String>,
    pub gallery: Vec<Photo>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Milestone {
    #[serde(serialize_with = "ser_date")]
    pub date: Date,
    pub text: String,
    pub link: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Media {
    pub title: String,
    pub url: String,
    pub kind: String,
}

/// An entry of a `gallery` (成果图册): a photo beside the document.
#[derive(Debug, Clone, PartialEq)]
pub struct Photo {
    /// The file name as written (colocated).
    pub src: Spanned<String>,
    /// The file it resolves to (inside the site), set when references are
    /// checked.
    pub file: Option<std::path::PathBuf>,
    pub caption: String,
    pub date: Option<Date>,
}

pub const MEDIA_KINDS: &[&str] = &["video", "image", "article", "document"];

#[derive(Debug, Clone)]
pub struct Brand {
    pub meta: Meta,
    pub title: String,
    pub slogan: Option<String>,
    pub summary: Option<String>,
    pub logo: Option<Spanned<String>>,
    pub color: Option<String>,
    pub weight: Option<i64>,
    pub milestones: Vec<Milestone>,
    pub media: Vec<Media>,
    pub gallery: Vec<Photo>,
}

#[derive(Debug, Clone)]
pub struct ChapterDef {
    pub title: String,
    pub fields: Vec<String>,
    pub cases: Vec<Spanned<String>>,
}

#[derive(Debug, Clone)]
pub struct Compilation {
    pub meta: Meta,
    pub title: String,
    pub subtitle: Option<String>,
    pub year: Option<i64>,
    pub editor: Option<String>,
    pub date: Option<Date>,
    pub summary: Option<String>,
    pub chapters: Vec<ChapterDef>,
}

#[derive(Debug, Clone)]
pub struct Page {
    pub meta: Meta,
    pub title: String,
    pub date: Option<Date>,
}

#[derive(Debug, Clone)]
pub struct Home {
    pub meta: Meta,
    pub title: String,
    pub hero: Option<String>,
    pub brands: Vec<Spanned<String>>,
}

/// All documents of a site, validated, drafts included.
#[derive(Debug, Default, Clone)]
pub struct Docs {
    pub cases: Vec<Case>,
    pub summaries: Vec<Summary>,
    pub brands: Vec<Brand>,
    pub compilations: Vec<Compilation>,
    pub pages: Vec<Page>,
    pub home: Option<Home>,
}

impl Docs {
    /// Every document's common part.
    pub fn metas(&self) -> impl Iterator<Item = &Meta> {
        self.cases
            .iter()
            .map(|d| &d.meta)
            .chain(self.summaries.iter().map(|d| &d.meta))
            .chain(self.brands.iter().map(|d| &d.meta))
            .chain(self.compilations.iter().map(|d| &d.meta))
            .chain(self.pages.iter().map(|d| &d.meta))
            .chain(self.home.iter().map(|d| &d.meta))
    }
}

pub fn ser_date<S: serde::Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&d.strftime("%Y-%m-%d"))
}

pub fn ser_opt_date<S: serde::Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => ser_date(d, s),
        None => s.serialize_none(),
    }
}

/// `YYYY-MM-DD`.
pub fn fmt_date(d: Date) -> String {
    d.strftime("%Y-%m-%d").to_string()
}
