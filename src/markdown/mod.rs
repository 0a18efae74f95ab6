//! Markdown resolved, not yet written: a body's pulldown-cmark events with
//! everything decided that does not depend on the output format. Heading
//! ids (that work for Chinese) and the table of contents, `.md` links
//! rewritten to page URLs, images and files to copy beside their page, CJK
//! soft breaks dropped, footnotes numbered, every link and `#fragment`
//! checked, and the body's plain text. The HTML renderer writes pages from
//! a `Resolved`, and the PDF and Word renderers will read the same one,
//! so the documents agree on ids, numbers, links and diagnostics. Nothing
//! here writes HTML: raw HTML keeps its markup, only the references in it
//! are checked and rewritten like Markdown ones.
//!
//! The dialect itself ([`crate::text::markdown_options`]) and the CJK
//! soft-break rule stay in `text`: validation reads each summary with them,
//! a layer below this one.

mod ids;
mod links;
mod raw_html;
mod resolve;
mod tags;

#[cfg(test)]
pub(crate) use ids::{NUMBERED_IDS, THEME_IDS};

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use pulldown_cmark::Event;
use serde::Serialize;

use crate::diag::{Diagnostic, Pos};
use crate::urls::Urls;

pub(crate) use ids::anchor_hint;
pub(crate) use links::encode_path;
pub(crate) use resolve::resolve;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// A file a document refers to, to be copied beside its page.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Asset {
    pub src: PathBuf,
    /// Site path of the copy.
    pub dest: String,
}

/// An image of the site that a body shows (`![…](…)` or raw `<img>`):
/// the image stage publishes it, the writers look it up by its href.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageRef {
    /// The href written into the event (relative to the page shown).
    pub href: String,
    /// The file it resolves to.
    pub src: PathBuf,
    /// Site path of the published original (see [`Asset::dest`]).
    pub dest: String,
    pub pos: Pos,
}

/// A link into another document with a `#fragment`, checked once every
/// document's anchors are known.
#[derive(Debug, Clone)]
pub struct FragmentRef {
    pub target: PathBuf,
    pub fragment: String,
    pub pos: Pos,
}

/// What links may point to, shared by all documents of a build.
pub(crate) struct LinkEnv<'a> {
    pub root: &'a Path,
    /// The site root resolved ([`crate::confine::canonical_base`]): linked
    /// files must resolve inside it.
    pub base: PathBuf,
    /// Absolute (lexical) path of every document → site path of its page,
    /// or `None` for a draft left out of this build.
    pub docs: &'a HashMap<PathBuf, Option<String>>,
    /// Site paths that exist in the output (pages, static files), for
    /// root-relative links such as `/about/` or `/files/a.pdf`.
    pub routes: &'a HashSet<String>,
    pub urls: &'a Urls,
    /// The site writes raw HTML as it is (`[markdown] unsafe_html`): script
    /// links (`javascript:`…) are then kept too, and not reported.
    pub unsafe_html: bool,
}

impl<'a> LinkEnv<'a> {
    pub(crate) fn new(
        root: &'a Path,
        docs: &'a HashMap<PathBuf, Option<String>>,
        routes: &'a HashSet<String>,
        urls: &'a Urls,
    ) -> Self {
        LinkEnv {
            root,
            base: crate::confine::canonical_base(root),
            docs,
            routes,
            urls,
            unsafe_html: false,
        }
    }
}

/// Maps a document page's site path to a replacement href.
pub(crate) type LinkOverride<'a> = dyn Fn(&str) -> Option<String> + 'a;

/// One document to resolve.
pub(crate) struct Input<'a> {
    pub body: &'a str,
    pub body_line: u32,
    /// Site-relative path of the source, for messages.
    pub path: &'a str,
    pub abs_path: &'a Path,
    pub bundle_dir: Option<&'a Path>,
    /// Site path of the document's own page (where its assets are copied).
    pub page: &'a str,
    /// Site path of the page the body is shown on (usually `page`).
    pub from: &'a str,
    /// Prefix for heading and footnote ids (print views hold many documents).
    pub id_prefix: &'a str,
    /// Heading levels to add (print views: a body's `##` sits under the
    /// case title, so h2 becomes h4); at most h6.
    pub heading_shift: u8,
    /// Rewrites a link to a document page (print view: in-page anchors).
    pub link_override: Option<&'a LinkOverride<'a>>,
}

/// A footnote definition, in the order of the footnote list: its number
/// is its place in [`Resolved::footnotes`] plus one.
pub(crate) struct Footnote<'a> {
    /// The resolved events of its content.
    pub events: Vec<Event<'a>>,
}

/// A body resolved for every output format.
///
/// The events are pulldown-cmark's with heading ids set (prefixed) and
/// levels shifted, link and image destinations rewritten, links to drafts
/// removed (their text kept), as are links to script addresses
/// (`javascript:`…) unless the site writes raw HTML as it is, soft breaks
/// dropped between CJK characters,
/// and footnote definitions taken out into [`Self::footnotes`]. A
/// `FootnoteReference` carries the footnote's number (in order of first
/// reference) instead of its label. Raw HTML has its references rewritten
/// the same way (an HTML block becomes one `Html` event when one changed).
/// Tables, task markers and code blocks are left as they were parsed, for
/// the renderer.
pub(crate) struct Resolved<'a> {
    pub events: Vec<Event<'a>>,
    /// Definitions in reference order, unreferenced ones after.
    pub footnotes: Vec<Footnote<'a>>,
    /// Prefix of every id (headings, and the renderer's footnote ids).
    pub id_prefix: &'a str,
    /// Levels added to the headings (see [`Input::heading_shift`]).
    pub heading_shift: u8,
    pub toc: Vec<TocEntry>,
    /// Heading ids (unprefixed) in document order, then `fn-N` for each
    /// footnote.
    pub anchors: Vec<String>,
    pub assets: Vec<Asset>,
    /// The local images among the assets, in document order.
    pub images: Vec<ImageRef>,
    pub fragments: Vec<FragmentRef>,
    pub diags: Vec<Diagnostic>,
    /// The body as plain text (search index): blocks end in newlines, CJK
    /// line breaks dropped, code kept.
    pub plain: String,
}

/// Plain text of a whole Markdown body, block boundaries as newlines;
/// code blocks are kept (document numbers live there too).
pub fn plain_text(markdown: &str) -> String {
    use crate::text::drop_soft_break;
    use pulldown_cmark::{Parser, TagEnd};
    let mut out = String::with_capacity(markdown.len() / 2);
    let mut pending_break = false;
    for ev in Parser::new_ext(markdown, crate::text::markdown_options()) {
        match ev {
            Event::Text(t) | Event::Code(t) => {
                if pending_break {
                    if !drop_soft_break(out.chars().last(), t.chars().next()) {
                        out.push(' ');
                    }
                    pending_break = false;
                }
                out.push_str(&t);
            }
            Event::SoftBreak => pending_break = true,
            Event::HardBreak => out.push('\n'),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::CodeBlock,
            ) => {
                pending_break = false;
                if !out.ends_with('\n') {
                    out.push('\n');
                }
            }
            _ => {}
        }
    }
    while out.ends_with('\n') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain() {
        assert_eq!(
            plain_text("# 标题\n\n正文**加粗**。\n\n- 一\n- 二"),
            "标题\n正文加粗。\n一\n二"
        );
    }
}
