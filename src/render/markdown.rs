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
use crate::write::urls::Urls;

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

pub fn render(env: &LinkEnv, input: &Input) -> Rendered {
    let mut out = Rendered::default();
    let index = LineIndex::new(input.body);
    let pos_of = |offset: usize| {
        let p = index.pos(offset);
        Pos::new(p.line + input.body_line - 1, p.col)
    };
    let events: Vec<(Event, std::ops::Range<usize>)> =
        Parser::new_ext(input.body, crate::text::markdown_options())
            .into_offset_iter()
            .collect();
    let has_raw_html = events
        .iter()
        .any(|(e, _)| matches!(e, Event::Html(_) | Event::InlineHtml(_)));

    let mut used_ids: HashMap<String, usize> = HashMap::new();
    let mut local_fragments: Vec<(String, Pos)> = Vec::new();
    // Label → number in order of first reference (maps: documents with
    // thousands of footnotes must not be quadratic).
    let mut footnote_numbers: Vec<String> = Vec::new();
    let mut footnote_index: HashMap<String, usize> = HashMap::new();
    let mut footnote_defs: Vec<(String, Vec<Event>)> = Vec::new();
    let mut in_footnote: Option<(String, Vec<Event>)> = None;
    let mut emitted: Vec<Event> = Vec::with_capacity(events.len());
    let mut last_char: Option<char> = None;
    let mut dropped_links: Vec<bool> = Vec::new();
    let mut code_index = 0usize;

    let mut i = 0;
    while i < events.len() {
        let (ev, range) = &events[i];
        let mut produced: Vec<Event> = Vec::new();
        match ev {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let end = find_end(&events, i);
                let text = inline_text(&events[i + 1..end]);
                let base = match id {
                    Some(id) => id.to_string(),
                    None => heading_slug(&text),
                };
                let unique = unique_id(
                    &mut used_ids,
                    if base.is_empty() {
                        "section".into()
                    } else {
                        base
                    },
                );
                if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) {
                    out.toc.push(TocEntry {
                        level: *level as u8,
                        id: format!("{}{unique}", input.id_prefix),
                        text: text.clone(),
                    });
                }
                out.anchors.push(unique.clone());
                produced.push(Event::Start(Tag::Heading {
                    level: shifted(*level, input.heading_shift),
                    id: Some(CowStr::from(format!("{}{unique}", input.id_prefix))),
                    classes: classes.clone(),
                    attrs: attrs.clone(),
                }));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let end = find_end(&events, i);
                let mut code = String::new();
                for (e, _) in &events[i + 1..end] {
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
                let block = match input.code.and_then(|c| c.get(code_index)) {
                    Some(done) => done.clone(),
                    None => code_block(&code, &lang, env.highlight),
                };
                code_index += 1;
                if input.keep_code {
                    out.code.push(block.clone());
                }
                produced.push(Event::Html(CowStr::from(block)));
                out.plain.push_str(code.trim_end());
                out.plain.push('\n');
                i = end;
            }
            Event::Start(Tag::Table(_)) => {
                produced.push(Event::Html(CowStr::from(
                    "<div class=\"table-wrap\" tabindex=\"0\">",
                )));
                produced.push(ev.clone());
            }
            Event::End(TagEnd::Heading(level)) => {
                produced.push(Event::End(TagEnd::Heading(shifted(
                    *level,
                    input.heading_shift,
                ))));
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
                let dest = rewrite_link(
                    env,
                    input,
                    dest_url,
                    false,
                    pos_of(range.start),
                    &mut out,
                    &mut local_fragments,
                );
                // An empty destination means a link to an unpublished draft:
                // keep the text, drop the link.
                let dropped = dest.is_empty() && !dest_url.is_empty();
                dropped_links.push(dropped);
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
                if !dropped_links.pop().unwrap_or(false) {
                    produced.push(ev.clone());
                }
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = rewrite_link(
                    env,
                    input,
                    dest_url,
                    true,
                    pos_of(range.start),
                    &mut out,
                    &mut local_fragments,
                );
                produced.push(Event::Start(Tag::Image {
                    link_type: *link_type,
                    dest_url: CowStr::from(dest),
                    title: title.clone(),
                    id: id.clone(),
                }));
            }
            Event::SoftBreak => {
                let next = next_char(&events[i + 1..]);
                if !crate::text::drop_soft_break(last_char, next) {
                    produced.push(Event::SoftBreak);
                }
            }
            Event::TaskListMarker(done) => {
                let (label, class, mark) = if *done {
                    (env.task_labels.0, "task done", "☑")
                } else {
                    (env.task_labels.1, "task", "☐")
                };
                produced.push(Event::Html(CowStr::from(format!(
                    "<span class=\"{class}\" role=\"img\" aria-label=\"{}\">{mark}</span> ",
                    crate::text::escape_html(label)
                ))));
            }
            Event::FootnoteReference(label) => {
                let n = match footnote_index.get(label.as_ref()) {
                    Some(&n) => n,
                    None => {
                        footnote_numbers.push(label.to_string());
                        footnote_index.insert(label.to_string(), footnote_numbers.len());
                        footnote_numbers.len()
                    }
                };
                let p = input.id_prefix;
                produced.push(Event::Html(CowStr::from(format!(
                    "<sup class=\"fnref\" id=\"{p}fnref-{n}\"><a href=\"#{p}fn-{n}\">{n}</a></sup>"
                ))));
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                in_footnote = Some((label.to_string(), Vec::new()));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                if let Some(def) = in_footnote.take() {
                    footnote_defs.push(def);
                }
            }
            // pulldown-cmark leaves a reference to an undefined footnote as
            // the text "[", "^label", "]": report it instead of printing it.
            Event::Text(t) if t.as_ref() == "[" => {
                if let (Some((Event::Text(label), _)), Some((Event::Text(close), _))) =
                    (events.get(i + 1), events.get(i + 2))
                    && close.starts_with(']')
                    && label.starts_with('^')
                    && label.len() > 1
                    && !label.contains(char::is_whitespace)
                {
                    out.diags.push(
                        Diagnostic::error(
                            input.path,
                            pos_of(range.start),
                            format!("footnote [{label}] is used but never defined"),
                        )
                        .with_hint(format!("add a line `[{label}]: …` below the text")),
                    );
                }
                produced.push(ev.clone());
            }
            Event::Text(_) | Event::Code(_) => produced.push(ev.clone()),
            other => produced.push(other.clone()),
        }
        for e in produced {
            match &e {
                Event::Text(t) | Event::Code(t) => {
                    if let Some(c) = t.chars().last() {
                        last_char = Some(c);
                    }
                    out.plain.push_str(t);
                }
                Event::SoftBreak => out.plain.push(' '),
                Event::HardBreak => out.plain.push('\n'),
                Event::End(
                    TagEnd::Paragraph
                    | TagEnd::Heading(_)
                    | TagEnd::Item
                    | TagEnd::TableRow
                    | TagEnd::TableHead,
                ) if !out.plain.ends_with('\n') => out.plain.push('\n'),
                Event::End(TagEnd::TableCell) => out.plain.push(' '),
                _ => {}
            }
            match &mut in_footnote {
                Some((_, buf)) => buf.push(e),
                None => emitted.push(e),
            }
        }
        i += 1;
    }

    let mut html = String::with_capacity(input.body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, emitted.into_iter());

    if !footnote_numbers.is_empty() || !footnote_defs.is_empty() {
        html.push_str("<section class=\"footnotes\" role=\"doc-endnotes\"><ol>");
        // Definitions in reference order; unreferenced ones after.
        let def_index: HashMap<&str, usize> = footnote_defs
            .iter()
            .enumerate()
            .map(|(k, (d, _))| (d.as_str(), k))
            .collect();
        let mut order: Vec<usize> = footnote_numbers
            .iter()
            .filter_map(|l| def_index.get(l.as_str()).copied())
            .collect();
        let mut placed = vec![false; footnote_defs.len()];
        order.iter().for_each(|&k| placed[k] = true);
        order.extend((0..footnote_defs.len()).filter(|&k| !placed[k]));
        let p = input.id_prefix;
        for (n, k) in order.iter().enumerate() {
            let n = n + 1;
            let (_, evs) = &footnote_defs[*k];
            html.push_str(&format!("<li id=\"{p}fn-{n}\">"));
            pulldown_cmark::html::push_html(&mut html, evs.iter().cloned());
            html.push_str(&format!(
                " <a class=\"fnback\" href=\"#{p}fnref-{n}\" aria-label=\"{}\">↩</a></li>",
                crate::text::escape_html(env.footnote_back)
            ));
            out.anchors.push(format!("fn-{n}"));
        }
        html.push_str("</ol></section>");
    }

    let anchors: HashSet<&str> = out.anchors.iter().map(String::as_str).collect();
    let mut missing = Vec::new();
    for (frag, pos) in local_fragments {
        if !anchors.contains(frag.as_str()) && !anchors.contains(percent_decode(&frag).as_str()) {
            missing.push((frag, pos));
        }
    }
    for (frag, pos) in missing {
        {
            out.diags.push(
                Diagnostic::error(
                    input.path,
                    pos,
                    format!("link to #{frag}, but the document has no heading with that id"),
                )
                .with_hint(anchor_hint(&out.anchors)),
            );
        }
    }

    out.html = if has_raw_html && !env.unsafe_html {
        sanitizer().clean(&html).to_string()
    } else {
        html
    };
    out
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

#[allow(clippy::too_many_arguments)]
fn rewrite_link(
    env: &LinkEnv,
    input: &Input,
    dest: &str,
    image: bool,
    pos: Pos,
    out: &mut Rendered,
    local_fragments: &mut Vec<(String, Pos)>,
) -> String {
    let dest = dest.trim();
    if dest.is_empty() || is_external(dest) {
        return dest.to_string();
    }
    if let Some(frag) = dest.strip_prefix('#') {
        local_fragments.push((frag.to_string(), pos));
        return format!("#{}{}", input.id_prefix, frag);
    }
    let (path_part, suffix) = match dest.find(['#', '?']) {
        Some(i) => (&dest[..i], &dest[i..]),
        None => (dest, ""),
    };
    let decoded = percent_decode(path_part);
    let what = if image { "image" } else { "link" };

    // Root-relative: a generated page or a file under static/.
    if let Some(site_path) = decoded.strip_prefix('/') {
        let known = env.routes.contains(site_path)
            || env.routes.contains(&format!("{site_path}/"))
            || env.routes.contains(site_path.trim_end_matches('/'));
        if !known {
            out.diags.push(
                Diagnostic::error(
                    input.path,
                    pos,
                    format!("{what} to \"{dest}\", which the site does not have"),
                )
                .with_hint(
                    "root-relative links name a page of the site (/about/) or a file under static/",
                ),
            );
            return dest.to_string();
        }
        let target = if env.routes.contains(site_path) || site_path.is_empty() {
            site_path.to_string()
        } else {
            format!("{}/", site_path.trim_end_matches('/'))
        };
        return env.urls.href(input.from, &format!("{target}{suffix}"));
    }

    let base_dir = input.abs_path.parent().unwrap_or(env.root);
    let target = crate::confine::normalize(&base_dir.join(&decoded));
    let is_md = target
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"));
    // A link to a bundle folder means its index.md.
    let doc_target = if is_md {
        Some(target.clone())
    } else if target.join("index.md").is_file() && env.docs.contains_key(&target.join("index.md")) {
        Some(target.join("index.md"))
    } else {
        None
    };
    if let Some(doc) = doc_target {
        return match env.docs.get(&doc) {
            Some(Some(page)) => {
                if let Some(frag) = suffix.strip_prefix('#') {
                    out.fragments.push(FragmentRef {
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
                env.urls.href(input.from, &format!("{page}{suffix}"))
            }
            Some(None) => {
                out.diags.push(
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
                out.diags.push(
                    Diagnostic::error(
                        input.path,
                        pos,
                        format!("{what} to \"{dest}\", which does not exist"),
                    )
                    .with_hint(hint),
                );
                dest.to_string()
            }
        };
    }
    // Any other file: copy it beside the page, keeping its place inside a
    // bundle. It is named by the path as written and copied from the path
    // it resolves to, which must be inside the site.
    let real = match crate::confine::file(&env.base, &target) {
        Ok(real) => real,
        Err(refused) => {
            out.diags
                .push(file_refused(input.path, pos, what, dest, refused));
            return dest.to_string();
        }
    };
    let rel_name = match input.bundle_dir {
        Some(b) if target.starts_with(b) => crate::load::rel_path(b, &target),
        _ => target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
    };
    let rel_name = rel_name.replace(' ', "-");
    let dest_site = format!("{}{}", input.page, rel_name);
    out.assets.push(Asset {
        src: real,
        dest: dest_site.clone(),
    });
    env.urls
        .href(input.from, &format!("{}{suffix}", encode_path(&dest_site)))
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
    if !highlight || lang.is_empty() {
        return plain();
    }
    with_syntaxes(|ss| highlighted(ss, code, lang).unwrap_or_else(plain))
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
