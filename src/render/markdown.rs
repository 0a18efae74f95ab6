//! Markdown to HTML: pulldown-cmark events, transformed in one pass for what
//! our readers and editors need: CJK soft breaks dropped, heading ids that
//! work for Chinese, a table of contents, `.md` links rewritten to page URLs,
//! images and files copied beside their page, syntect classes on code, our
//! own accessible footnotes, and raw HTML sanitised unless the site opts out.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::diag::{Diagnostic, Pos};
use crate::load::frontmatter::LineIndex;
use crate::urls::Urls;

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

/// A link into another document with a `#fragment`, checked once every
/// document's anchors are known.
#[derive(Debug, Clone)]
pub struct FragmentRef {
    pub target: PathBuf,
    pub fragment: String,
    pub pos: Pos,
}

#[derive(Debug, Default, Clone)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    pub assets: Vec<Asset>,
    pub anchors: Vec<String>,
    pub fragments: Vec<FragmentRef>,
    pub diags: Vec<Diagnostic>,
    /// The body as plain text (search index): blocks end in newlines, CJK
    /// line breaks dropped, code kept.
    pub plain: String,
    /// HTML of each code block, when asked for with `keep_code`.
    pub code: Vec<String>,
}

/// What links may point to, shared by all documents of a build.
pub struct LinkEnv<'a> {
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
    pub unsafe_html: bool,
    pub highlight: bool,
    /// Labels for task list markers (done, to do), from the translations.
    pub task_labels: (&'a str, &'a str),
    pub footnote_back: &'a str,
}

/// Maps a document page's site path to a replacement href.
pub type LinkOverride<'a> = dyn Fn(&str) -> Option<String> + 'a;

/// One document to render.
pub struct Input<'a> {
    pub body: &'a str,
    pub body_line: u32,
    /// Site-relative path of the source, for messages.
    pub path: &'a str,
    pub abs_path: &'a Path,
    pub bundle_dir: Option<&'a Path>,
    /// Site path of the document's own page (where its assets are copied).
    pub page: &'a str,
    /// Site path of the page this HTML is shown on (usually `page`).
    pub from: &'a str,
    /// Prefix for heading and footnote ids (print views hold many documents).
    pub id_prefix: &'a str,
    /// Heading levels to add (print views: a body's `##` sits under the
    /// case title, so h2 becomes h4); at most h6.
    pub heading_shift: u8,
    /// Rewrites a link to a document page (print view: in-page anchors).
    pub link_override: Option<&'a LinkOverride<'a>>,
    /// Keep each code block's HTML in [`Rendered::code`] (for re-use).
    pub keep_code: bool,
    /// Code block HTML from an earlier render of the same body, used in
    /// order instead of highlighting again (print views).
    pub code: Option<&'a [String]>,
}

type Events<'e> = [(Event<'e>, std::ops::Range<usize>)];

pub fn render(env: &LinkEnv, input: &Input) -> Rendered {
    let events: Vec<(Event, std::ops::Range<usize>)> =
        Parser::new_ext(input.body, crate::text::markdown_options())
            .into_offset_iter()
            .collect();
    let has_raw_html = events
        .iter()
        .any(|(e, _)| matches!(e, Event::Html(_) | Event::InlineHtml(_)));
    let mut pass = Pass::new(env, input, events.len());
    let mut produced: Vec<Event> = Vec::new();
    let mut i = 0;
    while i < events.len() {
        i = pass.event(&events, i, &mut produced);
        pass.emit(&mut produced);
        i += 1;
    }
    pass.finish(has_raw_html)
}

/// Footnotes as the pass meets them: numbered in order of first reference,
/// their definitions set aside for the list at the end of the document.
#[derive(Default)]
struct Footnotes<'e> {
    /// Label → number in order of first reference (maps: documents with
    /// thousands of footnotes must not be quadratic).
    numbers: Vec<String>,
    index: HashMap<String, usize>,
    defs: Vec<(String, Vec<Event<'e>>)>,
    /// The definition being read, which takes the events until its end.
    open: Option<(String, Vec<Event<'e>>)>,
}

/// One document's pass over its events: what has been written so far and
/// what later events (and the end of the document) need to know.
struct Pass<'r, 'e> {
    env: &'r LinkEnv<'r>,
    input: &'r Input<'r>,
    lines: LineIndex<'r>,
    out: Rendered,
    used_ids: HashMap<String, usize>,
    /// `#fragment` links within the document, checked at the end.
    local_fragments: Vec<(String, Pos)>,
    footnotes: Footnotes<'e>,
    emitted: Vec<Event<'e>>,
    /// Last character of text written, for the CJK soft-break rule.
    last_char: Option<char>,
    /// One entry per open link: whether it was dropped (a draft's page).
    dropped_links: Vec<bool>,
    /// Code blocks met so far (to take from [`Input::code`]).
    code_index: usize,
}

impl<'r, 'e> Pass<'r, 'e> {
    fn new(env: &'r LinkEnv<'r>, input: &'r Input<'r>, events: usize) -> Self {
        Pass {
            env,
            input,
            lines: LineIndex::new(input.body),
            out: Rendered::default(),
            used_ids: HashMap::new(),
            local_fragments: Vec::new(),
            footnotes: Footnotes::default(),
            emitted: Vec::with_capacity(events),
            last_char: None,
            dropped_links: Vec::new(),
            code_index: 0,
        }
    }

    /// Position in the source file of a byte offset in the body.
    fn pos(&self, offset: usize) -> Pos {
        let p = self.lines.pos(offset);
        Pos::new(p.line + self.input.body_line - 1, p.col)
    }

    /// Transforms event `i` into `produced`; returns the index of the last
    /// event it consumed (a code block takes its contents).
    fn event(&mut self, events: &Events<'e>, i: usize, produced: &mut Vec<Event<'e>>) -> usize {
        let (ev, range) = &events[i];
        match ev {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let id = self.heading_id(events, i, *level, id.as_deref());
                produced.push(Event::Start(Tag::Heading {
                    level: shifted(*level, self.input.heading_shift),
                    id: Some(CowStr::from(id)),
                    classes: classes.clone(),
                    attrs: attrs.clone(),
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                produced.push(Event::End(TagEnd::Heading(shifted(
                    *level,
                    self.input.heading_shift,
                ))));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let end = find_end(events, i);
                produced.push(self.code_block(&events[i + 1..end], kind));
                return end;
            }
            // Wide tables scroll in a focusable box of their own.
            Event::Start(Tag::Table(_)) => {
                produced.push(Event::Html(CowStr::from(
                    "<div class=\"table-wrap\" tabindex=\"0\">",
                )));
                produced.push(ev.clone());
            }
            Event::End(TagEnd::Table) => {
                produced.push(ev.clone());
                produced.push(Event::Html(CowStr::from("</div>")));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = self.rewrite_link(dest_url, false, self.pos(range.start));
                // An empty destination means a link to an unpublished draft:
                // keep the text, drop the link.
                let dropped = dest.is_empty() && !dest_url.is_empty();
                self.dropped_links.push(dropped);
                if !dropped {
                    produced.push(Event::Start(Tag::Link {
                        link_type: *link_type,
                        dest_url: CowStr::from(dest),
                        title: title.clone(),
                        id: id.clone(),
                    }));
                }
            }
            Event::End(TagEnd::Link) => {
                if !self.dropped_links.pop().unwrap_or(false) {
                    produced.push(ev.clone());
                }
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = self.rewrite_link(dest_url, true, self.pos(range.start));
                produced.push(Event::Start(Tag::Image {
                    link_type: *link_type,
                    dest_url: CowStr::from(dest),
                    title: title.clone(),
                    id: id.clone(),
                }));
            }
            Event::SoftBreak => {
                let next = next_char(&events[i + 1..]);
                if !crate::text::drop_soft_break(self.last_char, next) {
                    produced.push(Event::SoftBreak);
                }
            }
            Event::TaskListMarker(done) => produced.push(task_marker(self.env, *done)),
            Event::FootnoteReference(label) => produced.push(self.footnote_reference(label)),
            Event::Start(Tag::FootnoteDefinition(label)) => {
                self.footnotes.open = Some((label.to_string(), Vec::new()));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                if let Some(def) = self.footnotes.open.take() {
                    self.footnotes.defs.push(def);
                }
            }
            Event::Text(t) if t.as_ref() == "[" => {
                self.check_undefined_footnote(events, i);
                produced.push(ev.clone());
            }
            other => produced.push(other.clone()),
        }
        i
    }

    /// Adds `produced` to the plain text and to the output (or to the
    /// footnote definition being read).
    fn emit(&mut self, produced: &mut Vec<Event<'e>>) {
        for e in produced.drain(..) {
            let plain = &mut self.out.plain;
            match &e {
                Event::Text(t) | Event::Code(t) => {
                    if let Some(c) = t.chars().last() {
                        self.last_char = Some(c);
                    }
                    plain.push_str(t);
                }
                Event::SoftBreak => plain.push(' '),
                Event::HardBreak => plain.push('\n'),
                Event::End(
                    TagEnd::Paragraph
                    | TagEnd::Heading(_)
                    | TagEnd::Item
                    | TagEnd::TableRow
                    | TagEnd::TableHead,
                ) if !plain.ends_with('\n') => plain.push('\n'),
                Event::End(TagEnd::TableCell) => plain.push(' '),
                _ => {}
            }
            match &mut self.footnotes.open {
                Some((_, buf)) => buf.push(e),
                None => self.emitted.push(e),
            }
        }
    }

    /// The HTML of the whole document, once every event is through.
    fn finish(mut self, has_raw_html: bool) -> Rendered {
        let mut html = String::with_capacity(self.input.body.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, std::mem::take(&mut self.emitted).into_iter());
        self.footnote_list(&mut html);
        self.check_local_fragments();
        self.out.html = if has_raw_html && !self.env.unsafe_html {
            sanitizer().clean(&html).to_string()
        } else {
            html
        };
        self.out
    }

    /// The id of the heading starting at event `i` (its own, or a slug of
    /// its text; unique in the document), recorded as an anchor and, for
    /// h2 and h3, in the table of contents.
    fn heading_id(
        &mut self,
        events: &Events<'e>,
        i: usize,
        level: HeadingLevel,
        id: Option<&str>,
    ) -> String {
        let end = find_end(events, i);
        let text = inline_text(&events[i + 1..end]);
        let base = match id {
            Some(id) => id.to_string(),
            None => heading_slug(&text),
        };
        let unique = unique_id(
            &mut self.used_ids,
            if base.is_empty() {
                "section".into()
            } else {
                base
            },
        );
        if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) {
            self.out.toc.push(TocEntry {
                level: level as u8,
                id: format!("{}{unique}", self.input.id_prefix),
                text: text.clone(),
            });
        }
        self.out.anchors.push(unique.clone());
        format!("{}{unique}", self.input.id_prefix)
    }

    /// A code block's HTML, from its text events: highlighted, or taken
    /// from an earlier render of the same body.
    fn code_block(&mut self, contents: &Events<'e>, kind: &CodeBlockKind) -> Event<'e> {
        let mut code = String::new();
        for (e, _) in contents {
            if let Event::Text(t) = e {
                code.push_str(t);
            }
        }
        let lang = match kind {
            CodeBlockKind::Fenced(info) => {
                info.split([' ', ',', '{']).next().unwrap_or("").to_string()
            }
            CodeBlockKind::Indented => String::new(),
        };
        let block = match self.input.code.and_then(|c| c.get(self.code_index)) {
            Some(done) => done.clone(),
            None => code_block(&code, &lang, self.env.highlight),
        };
        self.code_index += 1;
        if self.input.keep_code {
            self.out.code.push(block.clone());
        }
        self.out.plain.push_str(code.trim_end());
        self.out.plain.push('\n');
        Event::Html(CowStr::from(block))
    }

    /// A footnote reference, numbered in order of first reference.
    fn footnote_reference(&mut self, label: &str) -> Event<'e> {
        let f = &mut self.footnotes;
        let n = match f.index.get(label) {
            Some(&n) => n,
            None => {
                f.numbers.push(label.to_string());
                f.index.insert(label.to_string(), f.numbers.len());
                f.numbers.len()
            }
        };
        let p = self.input.id_prefix;
        Event::Html(CowStr::from(format!(
            "<sup class=\"fnref\" id=\"{p}fnref-{n}\"><a href=\"#{p}fn-{n}\">{n}</a></sup>"
        )))
    }

    /// pulldown-cmark leaves a reference to an undefined footnote as the
    /// text "[", "^label", "]": report it instead of printing it silently.
    fn check_undefined_footnote(&mut self, events: &Events<'e>, i: usize) {
        if let (Some((Event::Text(label), _)), Some((Event::Text(close), _))) =
            (events.get(i + 1), events.get(i + 2))
            && close.starts_with(']')
            && label.starts_with('^')
            && label.len() > 1
            && !label.contains(char::is_whitespace)
        {
            let pos = self.pos(events[i].1.start);
            self.out.diags.push(
                Diagnostic::error(
                    self.input.path,
                    pos,
                    format!("footnote [{label}] is used but never defined"),
                )
                .with_hint(format!("add a line `[{label}]: …` below the text")),
            );
        }
    }

    /// The footnote list: definitions in reference order, unreferenced ones
    /// after, each with a link back to its reference.
    fn footnote_list(&mut self, html: &mut String) {
        let f = &self.footnotes;
        if f.numbers.is_empty() && f.defs.is_empty() {
            return;
        }
        html.push_str("<section class=\"footnotes\" role=\"doc-endnotes\"><ol>");
        let def_index: HashMap<&str, usize> = f
            .defs
            .iter()
            .enumerate()
            .map(|(k, (d, _))| (d.as_str(), k))
            .collect();
        let mut order: Vec<usize> = f
            .numbers
            .iter()
            .filter_map(|l| def_index.get(l.as_str()).copied())
            .collect();
        let mut placed = vec![false; f.defs.len()];
        order.iter().for_each(|&k| placed[k] = true);
        order.extend((0..f.defs.len()).filter(|&k| !placed[k]));
        let p = self.input.id_prefix;
        for (n, k) in order.iter().enumerate() {
            let n = n + 1;
            let (_, evs) = &f.defs[*k];
            html.push_str(&format!("<li id=\"{p}fn-{n}\">"));
            pulldown_cmark::html::push_html(html, evs.iter().cloned());
            html.push_str(&format!(
                " <a class=\"fnback\" href=\"#{p}fnref-{n}\" aria-label=\"{}\">↩</a></li>",
                crate::text::escape_html(self.env.footnote_back)
            ));
            self.out.anchors.push(format!("fn-{n}"));
        }
        html.push_str("</ol></section>");
    }

    /// `#fragment` links to headings the document does not have.
    fn check_local_fragments(&mut self) {
        let anchors: HashSet<&str> = self.out.anchors.iter().map(String::as_str).collect();
        let mut missing = Vec::new();
        for (frag, pos) in std::mem::take(&mut self.local_fragments) {
            if !anchors.contains(frag.as_str()) && !anchors.contains(percent_decode(&frag).as_str())
            {
                missing.push((frag, pos));
            }
        }
        for (frag, pos) in missing {
            self.out.diags.push(
                Diagnostic::error(
                    self.input.path,
                    pos,
                    format!("link to #{frag}, but the document has no heading with that id"),
                )
                .with_hint(anchor_hint(&self.out.anchors)),
            );
        }
    }
}

/// A task list marker, readable by screen readers.
fn task_marker<'e>(env: &LinkEnv, done: bool) -> Event<'e> {
    let (label, class, mark) = if done {
        (env.task_labels.0, "task done", "☑")
    } else {
        (env.task_labels.1, "task", "☐")
    };
    Event::Html(CowStr::from(format!(
        "<span class=\"{class}\" role=\"img\" aria-label=\"{}\">{mark}</span> ",
        crate::text::escape_html(label)
    )))
}

pub fn anchor_hint(anchors: &[String]) -> String {
    if anchors.is_empty() {
        "the document has no headings".to_string()
    } else {
        let list: Vec<String> = anchors
            .iter()
            .filter(|a| !a.starts_with("fn-"))
            .take(12)
            .map(|a| format!("#{a}"))
            .collect();
        format!("headings give ids like {}", list.join(", "))
    }
}

fn find_end(events: &[(Event, std::ops::Range<usize>)], start: usize) -> usize {
    let mut depth = 0usize;
    for (k, (e, _)) in events.iter().enumerate().skip(start) {
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return k;
                }
            }
            _ => {}
        }
    }
    events.len().saturating_sub(1)
}

fn inline_text(events: &[(Event, std::ops::Range<usize>)]) -> String {
    let mut s = String::new();
    for (e, _) in events {
        match e {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s.trim().to_string()
}

fn next_char(events: &[(Event, std::ops::Range<usize>)]) -> Option<char> {
    for (e, _) in events {
        match e {
            Event::Text(t) | Event::Code(t) => return t.chars().next(),
            Event::Start(_) | Event::End(_) => continue,
            _ => return None,
        }
    }
    None
}

fn shifted(level: HeadingLevel, by: u8) -> HeadingLevel {
    if by == 0 {
        return level;
    }
    match (level as u8 + by).min(6) {
        1 => HeadingLevel::H1,
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// GitHub-style heading ids, as editors' Markdown previews make them:
/// lowercase, letters and digits of any script kept, spaces to `-`,
/// other punctuation dropped. `## 改革背景` → `改革背景`.
pub fn heading_slug(text: &str) -> String {
    let mut s = String::new();
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '-' || c == '_' {
            s.extend(c.to_lowercase());
        } else if c == ' ' {
            s.push('-');
        }
    }
    s
}

fn unique_id(used: &mut HashMap<String, usize>, base: String) -> String {
    let Some(&start) = used.get(&base) else {
        used.insert(base.clone(), 0);
        return base;
    };
    let mut n = start;
    loop {
        n += 1;
        let candidate = format!("{base}-{n}");
        if !used.contains_key(&candidate) {
            used.insert(base, n);
            used.insert(candidate.clone(), 0);
            return candidate;
        }
    }
}

/// Decodes `%XX` escapes in a link; a `%` not followed by two hex digits
/// stays as it is, and a result that is not UTF-8 leaves the link as written.
fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .map_or_else(|_| s.to_string(), std::borrow::Cow::into_owned)
}

fn is_external(url: &str) -> bool {
    let scheme_end = url.find(':');
    let slash = url.find('/');
    url.starts_with("//")
        || match (scheme_end, slash) {
            (Some(c), Some(s)) => c < s,
            (Some(_), None) => true,
            _ => false,
        }
}

/// A link or image destination being resolved, as the author wrote it.
struct LinkRef<'d> {
    /// The destination, trimmed.
    dest: &'d str,
    /// `#fragment` or `?query` after the path, kept on the result.
    suffix: &'d str,
    /// "link" or "image", for messages.
    what: &'static str,
    pos: Pos,
}

impl Pass<'_, '_> {
    /// The href for a link or image destination: external ones as written,
    /// `#fragment`s prefixed, the rest resolved by [`Self::root_relative`],
    /// [`Self::document_link`] or [`Self::copied_file`]. Problems become
    /// diagnostics; an empty result means a link to a draft.
    fn rewrite_link(&mut self, dest: &str, image: bool, pos: Pos) -> String {
        let dest = dest.trim();
        if dest.is_empty() || is_external(dest) {
            return dest.to_string();
        }
        if let Some(frag) = dest.strip_prefix('#') {
            self.local_fragments.push((frag.to_string(), pos));
            return format!("#{}{}", self.input.id_prefix, frag);
        }
        let (path_part, suffix) = match dest.find(['#', '?']) {
            Some(i) => (&dest[..i], &dest[i..]),
            None => (dest, ""),
        };
        let link = LinkRef {
            dest,
            suffix,
            what: if image { "image" } else { "link" },
            pos,
        };
        let decoded = percent_decode(path_part);
        if let Some(site_path) = decoded.strip_prefix('/') {
            return self.root_relative(&link, site_path);
        }
        let base_dir = self.input.abs_path.parent().unwrap_or(self.env.root);
        let target = crate::confine::normalize(&base_dir.join(&decoded));
        let is_md = target
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"));
        let docs = self.env.docs;
        // A link to a bundle folder means its index.md.
        let doc_target = if is_md {
            Some(target.clone())
        } else if target.join("index.md").is_file() && docs.contains_key(&target.join("index.md")) {
            Some(target.join("index.md"))
        } else {
            None
        };
        match doc_target {
            Some(doc) => self.document_link(&link, doc, &target),
            None => self.copied_file(&link, &target),
        }
    }

    /// Root-relative: a generated page or a file under static/.
    fn root_relative(&mut self, link: &LinkRef, site_path: &str) -> String {
        let LinkRef {
            dest, suffix, what, ..
        } = *link;
        let routes = self.env.routes;
        let known = routes.contains(site_path)
            || routes.contains(&format!("{site_path}/"))
            || routes.contains(site_path.trim_end_matches('/'));
        if !known {
            self.out.diags.push(
                Diagnostic::error(
                    self.input.path,
                    link.pos,
                    format!("{what} to \"{dest}\", which the site does not have"),
                )
                .with_hint(
                    "root-relative links name a page of the site (/about/) or a file under static/",
                ),
            );
            return dest.to_string();
        }
        let target = if routes.contains(site_path) || site_path.is_empty() {
            site_path.to_string()
        } else {
            format!("{}/", site_path.trim_end_matches('/'))
        };
        self.env
            .urls
            .href(self.input.from, &format!("{target}{suffix}"))
    }

    /// A link to another document: its page, unless it is a draft left out
    /// of this build or not a document at all.
    fn document_link(&mut self, link: &LinkRef, doc: PathBuf, target: &Path) -> String {
        let LinkRef {
            dest, suffix, what, ..
        } = *link;
        let (input, pos) = (self.input, link.pos);
        match self.env.docs.get(&doc) {
            Some(Some(page)) => {
                if let Some(frag) = suffix.strip_prefix('#') {
                    self.out.fragments.push(FragmentRef {
                        target: doc.clone(),
                        fragment: percent_decode(frag),
                        pos,
                    });
                }
                if let Some(ov) = input.link_override
                    && let Some(local) = ov(page)
                {
                    return local;
                }
                self.env.urls.href(input.from, &format!("{page}{suffix}"))
            }
            Some(None) => {
                self.out.diags.push(
                    Diagnostic::warning(
                        input.path,
                        pos,
                        format!("{what} to \"{dest}\", a draft that is not published"),
                    )
                    .with_hint(
                        "the link text is shown without a link until the draft is published",
                    ),
                );
                String::new()
            }
            None => {
                let hint = if target.exists() {
                    "the file is not a casebook document (documents live under content/<section>/)"
                        .to_string()
                } else {
                    "check the path: it is relative to this file's folder".to_string()
                };
                self.out.diags.push(
                    Diagnostic::error(
                        input.path,
                        pos,
                        format!("{what} to \"{dest}\", which does not exist"),
                    )
                    .with_hint(hint),
                );
                dest.to_string()
            }
        }
    }

    /// Any other file: copy it beside the page, keeping its place inside a
    /// bundle. It is named by the path as written and copied from the path
    /// it resolves to, which must be inside the site.
    fn copied_file(&mut self, link: &LinkRef, target: &Path) -> String {
        let input = self.input;
        let real = match crate::confine::file(&self.env.base, target) {
            Ok(real) => real,
            Err(refused) => {
                self.out.diags.push(file_refused(
                    input.path, link.pos, link.what, link.dest, refused,
                ));
                return link.dest.to_string();
            }
        };
        let rel_name = match input.bundle_dir {
            Some(b) if target.starts_with(b) => crate::load::rel_path(b, target),
            _ => target
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        };
        let rel_name = rel_name.replace(' ', "-");
        let dest_site = format!("{}{}", input.page, rel_name);
        self.out.assets.push(Asset {
            src: real,
            dest: dest_site.clone(),
        });
        self.env.urls.href(
            input.from,
            &format!("{}{}", encode_path(&dest_site), link.suffix),
        )
    }
}

/// The error for a linked file that cannot be published: missing, outside
/// the site (after following symbolic links), or unreadable.
fn file_refused(
    path: &str,
    pos: Pos,
    what: &str,
    dest: &str,
    refused: crate::confine::Refused,
) -> Diagnostic {
    use crate::confine::Refused;
    match refused {
        Refused::Missing => Diagnostic::error(path, pos, format!("{what} to \"{dest}\", which does not exist"))
            .with_hint("check the path: it is relative to this file's folder; put images beside index.md in a document folder"),
        Refused::Outside(to) => Diagnostic::error(
            path,
            pos,
            format!("{what} to \"{dest}\" resolves to {}, outside the site folder", to.display()),
        )
        .with_hint("files outside the site folder are never published; copy the file into the site"),
        Refused::Unreadable(e) => Diagnostic::error(path, pos, format!("{what} to \"{dest}\": cannot read the file: {e}"))
            .with_hint("check the file's permissions"),
    }
}

/// What [`encode_path`] escapes: space, `"`, `<` and `>`, which may not
/// stand in a URL, and `%`, so that a file named `100%.png` is not read as
/// an escape.
const PATH_ESCAPED: &percent_encoding::AsciiSet = &percent_encoding::AsciiSet::EMPTY
    .add(b' ')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'%');

/// Percent-encodes characters that are not safe in a URL path; keeps CJK
/// and other non-ASCII as they are (browsers and validators accept IRIs).
/// The crate escapes every non-ASCII byte, so only the ASCII runs go
/// through it.
fn encode_path(p: &str) -> String {
    let mut s = String::with_capacity(p.len());
    // Each piece: a run of ASCII, then at most one other character.
    for piece in p.split_inclusive(|c: char| !c.is_ascii()) {
        let (ascii, other) = piece.split_at(piece.trim_end_matches(|c: char| !c.is_ascii()).len());
        s.extend(percent_encoding::utf8_percent_encode(ascii, PATH_ESCAPED));
        s.push_str(other);
    }
    s
}

/// Syntax definitions and theme are loaded once per process.
/// One syntax set per thread: syntect's regexes keep per-search caches in
/// a pool that is slow when threads share it, and each set is cheap to load.
fn with_syntaxes<R>(f: impl FnOnce(&syntect::parsing::SyntaxSet) -> R) -> R {
    thread_local! {
        static SET: syntect::parsing::SyntaxSet = syntect::parsing::SyntaxSet::load_defaults_newlines();
    }
    SET.with(f)
}

pub const HL_PREFIX: &str = "hl-";

fn code_block(code: &str, lang: &str, highlight: bool) -> String {
    let lang_attr = crate::text::escape_html(lang);
    let plain = || {
        format!(
            "<pre class=\"code\" tabindex=\"0\"{}><code>{}</code></pre>\n",
            if lang.is_empty() {
                String::new()
            } else {
                format!(" data-lang=\"{lang_attr}\"")
            },
            crate::text::escape_html(code)
        )
    };
    if !highlight || lang.is_empty() || !within_highlight_bounds(code) {
        return plain();
    }
    with_syntaxes(|ss| highlighted(ss, code, lang).unwrap_or_else(plain))
}

/// Longest line and largest block that are highlighted; bigger ones stay
/// plain. syntect's regexes (fancy-regex, which gives up on a search after
/// a backtracking limit) cost time that grows with the square of a line's
/// length past a few KB, so one long line could stall a build. Measured
/// (release, 2 shared cores): a realistic 200-line, 4.4 KB block takes
/// 0.4-120 ms by language; one 100 KB line took 55 s (Erlang, digits),
/// 10 s (reStructuredText), 7 s (SQL). Up to 4 KB a line, no grammar cost
/// more than 0.5 ms per byte (Makefile, 100-byte lines of `<`), so with
/// both caps a block costs at most ~16 s, and a realistic one under 1 s.
const HL_MAX_LINE: usize = 4 * 1024;
const HL_MAX_BLOCK: usize = 32 * 1024;

fn within_highlight_bounds(code: &str) -> bool {
    code.len() <= HL_MAX_BLOCK && code.lines().all(|l| l.len() <= HL_MAX_LINE)
}

fn highlighted(ss: &syntect::parsing::SyntaxSet, code: &str, lang: &str) -> Option<String> {
    use syntect::html::{ClassStyle, ClassedHTMLGenerator};
    use syntect::util::LinesWithEndings;
    // syntect's default set has no TOML or INI grammar; the Java
    // properties grammar reads `key = value` and `# comments` the same way
    // and is cheap (YAML's grammar, the other near fit, is 40x slower).
    let syntax = match lang.to_ascii_lowercase().as_str() {
        "toml" | "ini" | "cfg" | "conf" | "properties" => ss.find_syntax_by_name("Java Properties"),
        "jsonc" | "json5" | "geojson" => ss.find_syntax_by_token("json"),
        "sh" | "shell" | "console" => ss.find_syntax_by_token("bash"),
        _ => ss.find_syntax_by_token(lang),
    };
    let syntax = syntax?;
    let mut generator = ClassedHTMLGenerator::new_with_class_style(
        syntax,
        ss,
        ClassStyle::SpacedPrefixed { prefix: HL_PREFIX },
    );
    for line in LinesWithEndings::from(code) {
        generator
            .parse_html_for_line_which_includes_newline(line)
            .ok()?;
    }
    Some(format!(
        "<pre class=\"code highlight hl-code\" tabindex=\"0\" data-lang=\"{}\"><code>{}</code></pre>\n",
        crate::text::escape_html(lang),
        generator.finalize()
    ))
}

/// CSS for the configured highlight theme, class-based.
pub fn highlight_css(theme: &str) -> String {
    use syntect::highlighting::ThemeSet;
    use syntect::html::{ClassStyle, css_for_theme_with_class_style};
    // Loading the theme set costs more than a small rebuild: keep it.
    static THEMES: OnceLock<ThemeSet> = OnceLock::new();
    let themes = THEMES.get_or_init(ThemeSet::load_defaults);
    let Some(t) = themes.themes.get(theme) else {
        return String::new();
    };
    css_for_theme_with_class_style(t, ClassStyle::SpacedPrefixed { prefix: HL_PREFIX })
        .unwrap_or_default()
}

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static B: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    B.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.add_generic_attributes([
            "class",
            "id",
            "title",
            "lang",
            "dir",
            "role",
            "aria-label",
            "aria-hidden",
            "tabindex",
            "data-lang",
        ]);
        b.add_tags([
            "section",
            "figure",
            "figcaption",
            "mark",
            "details",
            "summary",
            "abbr",
        ]);
        b.add_tag_attributes("td", ["style"]);
        b.add_tag_attributes("th", ["style"]);
        b.add_tag_attributes("img", ["width", "height", "loading"]);
        b.attribute_filter(|_, attr, value| {
            if attr == "style" {
                let v = value.trim().trim_end_matches(';');
                if [
                    "text-align: left",
                    "text-align: center",
                    "text-align: right",
                ]
                .contains(&v)
                {
                    Some(value.into())
                } else {
                    None
                }
            } else {
                Some(value.into())
            }
        });
        b
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_for_chinese_headings() {
        assert_eq!(heading_slug("一、改革背景"), "一改革背景");
        assert_eq!(heading_slug("Main Results (2023)"), "main-results-2023");
    }

    #[test]
    fn external() {
        assert!(is_external("https://a.cn/x"));
        assert!(is_external("mailto:a@b.cn"));
        assert!(!is_external("../a.md"));
        assert!(!is_external("a/b:c.md"));
    }

    #[test]
    fn heading_shift_stops_at_h6() {
        assert_eq!(shifted(HeadingLevel::H2, 2), HeadingLevel::H4);
        assert_eq!(shifted(HeadingLevel::H4, 2), HeadingLevel::H6);
        assert_eq!(shifted(HeadingLevel::H5, 2), HeadingLevel::H6);
        assert_eq!(shifted(HeadingLevel::H3, 0), HeadingLevel::H3);
    }

    #[test]
    fn long_code_lines_stay_plain_and_escaped() {
        let short = "let a = \"<b>&\";\n";
        let out = code_block(short, "rust", true);
        assert!(
            out.starts_with("<pre class=\"code highlight hl-code\""),
            "{out}"
        );

        // One line past the cap, as a fuzzer or a pasted minified file
        // would write it: shown plain, still escaped.
        let long = format!("let a = \"<b>&\";{}\n", "x".repeat(HL_MAX_LINE));
        let out = code_block(&long, "rust", true);
        assert!(out.starts_with("<pre class=\"code\" tabindex=\"0\" data-lang=\"rust\"><code>let a = &quot;&lt;b&gt;&amp;&quot;;xxx"), "{}", &out[..200]);
        assert!(!out.contains("<b>") && !out.contains("hl-"));

        // Short lines, but more of them than the block cap allows.
        let big = short.repeat(HL_MAX_BLOCK / short.len() + 1);
        assert!(code_block(&big, "rust", true).starts_with("<pre class=\"code\" "));
        let fits = short.repeat(HL_MAX_BLOCK / short.len());
        assert!(code_block(&fits, "rust", true).contains("hl-code"));
    }

    #[test]
    fn decode() {
        assert_eq!(percent_decode("%E4%B8%80.md"), "一.md");
        assert_eq!(percent_decode("a%2"), "a%2");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        assert_eq!(percent_decode("a%20b%2fc"), "a b/c");
        // Not UTF-8 once decoded: the link is kept as written.
        assert_eq!(percent_decode("%FF.md"), "%FF.md");
        // One pass: an escaped `%` does not start another escape.
        assert_eq!(percent_decode("%2541"), "%41");
    }

    #[test]
    fn encode_path_escapes_only_what_breaks_a_url() {
        assert_eq!(
            encode_path("/cases/a b/\"<x>\"/100%/"),
            "/cases/a%20b/%22%3Cx%3E%22/100%25/"
        );
        assert_eq!(encode_path("/案例/一 二.png"), "/案例/一%20二.png");
        assert_eq!(encode_path("é%é"), "é%25é");
        assert_eq!(encode_path("a?b#c&d'e"), "a?b#c&d'e");
        assert_eq!(encode_path(""), "");
        // Every ASCII character but the five, and non-ASCII, as it was.
        let kept: String = (0u8..0x80)
            .map(char::from)
            .filter(|c| !" \"<>%".contains(*c))
            .chain("一、（）éß😀".chars())
            .collect();
        assert_eq!(encode_path(&kept), kept);
    }
}
