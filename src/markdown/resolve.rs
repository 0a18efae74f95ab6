//! One pass over a body's events that resolves them (see [`Resolved`]):
//! what has been produced so far and what later events, and the end of
//! the document, need to know.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Parser, Tag, TagEnd};

use super::ids::{anchor_hint, heading_slug, level_of, shifted, unique_id};
use super::links::percent_decode;
use super::raw_html::is_script_url;
use super::{Footnote, Input, LinkEnv, Resolved, TocEntry};
use crate::diag::{Diagnostic, Pos};
use crate::load::frontmatter::LineIndex;

type Events<'e> = [(Event<'e>, std::ops::Range<usize>)];

/// Resolves a body: parsed with the site's Markdown dialect, then every
/// event through one [`Pass`].
pub(crate) fn resolve<'a>(env: &LinkEnv, input: &Input<'a>) -> Resolved<'a> {
    let events: Vec<(Event, std::ops::Range<usize>)> =
        Parser::new_ext(input.body, crate::text::markdown_options())
            .into_offset_iter()
            .collect();
    let mut pass = Pass::new(env, input, events.len());
    let mut produced: Vec<Event> = Vec::new();
    let mut i = 0;
    while i < events.len() {
        i = pass.event(&events, i, &mut produced);
        pass.emit(&mut produced);
        i += 1;
    }
    pass.finish()
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

/// One document's pass over its events.
pub(super) struct Pass<'r, 'e> {
    pub(super) env: &'r LinkEnv<'r>,
    pub(super) input: &'r Input<'e>,
    lines: LineIndex<'r>,
    pub(super) out: Resolved<'e>,
    pub(super) used_ids: HashMap<String, usize>,
    /// `#fragment` links within the document, checked at the end.
    pub(super) local_fragments: Vec<(String, Pos)>,
    footnotes: Footnotes<'e>,
    /// Last character of text produced, for the CJK soft-break rule.
    last_char: Option<char>,
    /// One entry per open link: whether it was dropped (a draft's page).
    dropped_links: Vec<bool>,
    /// The same for open images (one from a script address is dropped).
    dropped_images: Vec<bool>,
    /// Level of the last heading as shown, before the shift (the page
    /// title the body sits under counts as 1), and the open heading's.
    outline: u8,
    open_heading: Option<HeadingLevel>,
    /// Whether a heading came before (else the page title is "before").
    headed: bool,
}

impl<'r, 'e> Pass<'r, 'e> {
    fn new(env: &'r LinkEnv<'r>, input: &'r Input<'e>, events: usize) -> Self {
        Pass {
            env,
            input,
            lines: LineIndex::new(input.body),
            out: Resolved {
                events: Vec::with_capacity(events),
                footnotes: Vec::new(),
                id_prefix: input.id_prefix,
                heading_shift: input.heading_shift,
                toc: Vec::new(),
                anchors: Vec::new(),
                assets: Vec::new(),
                images: Vec::new(),
                fragments: Vec::new(),
                diags: Vec::new(),
                plain: String::new(),
            },
            used_ids: HashMap::new(),
            local_fragments: Vec::new(),
            footnotes: Footnotes::default(),
            last_char: None,
            dropped_links: Vec::new(),
            dropped_images: Vec::new(),
            outline: 1,
            open_heading: None,
            headed: false,
        }
    }

    /// Position in the source file of a byte offset in the body.
    pub(super) fn pos(&self, offset: usize) -> Pos {
        let p = self.lines.pos(offset);
        Pos::new(p.line + self.input.body_line - 1, p.col)
    }

    /// Resolves event `i` into `produced`; returns the index of the last
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
                let pos = self.pos(range.start);
                let level = level_of(self.outline_level(*level as u8, pos));
                self.open_heading = Some(level);
                let id = self.heading_id(events, i, level, id.as_deref());
                produced.push(Event::Start(Tag::Heading {
                    level: shifted(level, self.input.heading_shift),
                    id: Some(CowStr::from(id)),
                    classes: classes.clone(),
                    attrs: attrs.clone(),
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                let level = self.open_heading.take().unwrap_or(*level);
                produced.push(Event::End(TagEnd::Heading(shifted(
                    level,
                    self.input.heading_shift,
                ))));
            }
            Event::Start(Tag::CodeBlock(_)) => {
                let end = find_end(events, i);
                self.code_block(&events[i..=end]);
                return end;
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let pos = self.pos(range.start);
                self.start_link(*link_type, dest_url, title, id, pos, produced);
                if !has_name(&events[i + 1..find_end(events, i)]) {
                    self.nameless_link(pos, produced);
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
                let pos = self.pos(range.start);
                self.start_image(*link_type, dest_url, title, id, pos, produced);
            }
            Event::End(TagEnd::Image) => {
                if !self.dropped_images.pop().unwrap_or(false) {
                    produced.push(ev.clone());
                }
            }
            Event::SoftBreak => {
                let next = next_char(&events[i + 1..]);
                if !crate::text::drop_soft_break(self.last_char, next) {
                    produced.push(Event::SoftBreak);
                }
            }
            Event::FootnoteReference(label) => produced.push(self.footnote_reference(label)),
            Event::Start(Tag::FootnoteDefinition(label)) => {
                self.footnotes.open = Some((label.to_string(), Vec::new()));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                if let Some(def) = self.footnotes.open.take() {
                    self.footnotes.defs.push(def);
                }
            }
            Event::Start(Tag::HtmlBlock) => {
                let end = find_end(events, i);
                self.html_block(&events[i..=end], produced);
                return end;
            }
            Event::InlineHtml(t) | Event::Html(t) => {
                let part = [(t.as_ref(), range.clone())];
                match self.raw_html(&part) {
                    Some(new) if matches!(ev, Event::Html(_)) => {
                        produced.push(Event::Html(CowStr::from(new)));
                    }
                    Some(new) => produced.push(Event::InlineHtml(CowStr::from(new))),
                    None => produced.push(ev.clone()),
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

    /// A link's or image's destination: empty (with a warning) for a
    /// script address, else resolved by [`Self::rewrite_link`].
    fn destination(&mut self, dest_url: &str, what: &'static str, pos: Pos) -> String {
        if !self.env.unsafe_html && is_script_url(dest_url) {
            self.script_url_removed(what, pos);
            return String::new();
        }
        self.rewrite_link(dest_url, what, pos)
    }

    /// A link's start: its destination resolved, or the link dropped
    /// (its text kept) when it points at a draft or a script address.
    fn start_link(
        &mut self,
        link_type: LinkType,
        dest_url: &CowStr<'e>,
        title: &CowStr<'e>,
        id: &CowStr<'e>,
        pos: Pos,
        produced: &mut Vec<Event<'e>>,
    ) {
        let dest = if link_type == LinkType::Email {
            // `<name@example.com>`: the writer adds `mailto:`.
            dest_url.to_string()
        } else {
            self.destination(dest_url, "link", pos)
        };
        // An empty destination means a link to an unpublished draft or a
        // script: keep the text, drop the link.
        let dropped = dest.is_empty() && !dest_url.is_empty();
        self.dropped_links.push(dropped);
        if !dropped {
            produced.push(Event::Start(Tag::Link {
                link_type,
                dest_url: CowStr::from(dest),
                title: title.clone(),
                id: id.clone(),
            }));
        }
    }

    /// A link with nothing to read (`[](…)`, or only an image without a
    /// description): a screen reader would announce it as "link" and
    /// nothing more. An external one shows its address as its text;
    /// another is left out. Either way a warning says so.
    fn nameless_link(&mut self, pos: Pos, produced: &mut Vec<Event<'e>>) {
        let Some(Event::Start(Tag::Link { dest_url, .. })) = produced.last() else {
            return; // already left out
        };
        let dest = dest_url.to_string();
        let external = super::links::is_external(&dest);
        let message = if external {
            produced.push(Event::Text(CowStr::from(dest.clone())));
            crate::msg!("md-link-no-text-shown", dest = &dest)
        } else {
            produced.pop();
            if let Some(dropped) = self.dropped_links.last_mut() {
                *dropped = true;
            }
            crate::msg!("md-link-no-text-dropped", dest = &dest)
        };
        self.out.diags.push(
            Diagnostic::warning(
                self.input.path,
                pos,
                if dest.is_empty() {
                    crate::msg!("md-link-empty")
                } else {
                    message
                },
            )
            .with_hint(crate::msg!("md-link-no-text-hint")),
        );
    }

    /// An image's start: its source resolved, or the image left out (its
    /// description stays, as text) when it is a script address or an
    /// address with no host.
    fn start_image(
        &mut self,
        link_type: LinkType,
        dest_url: &CowStr<'e>,
        title: &CowStr<'e>,
        id: &CowStr<'e>,
        pos: Pos,
        produced: &mut Vec<Event<'e>>,
    ) {
        let dest = self.destination(dest_url, "image", pos);
        // An empty source means a script or unusable address: the image
        // is left out, its description kept as text.
        let dropped = dest.is_empty() && !dest_url.trim().is_empty();
        self.dropped_images.push(dropped);
        if dropped {
            return;
        }
        produced.push(Event::Start(Tag::Image {
            link_type,
            dest_url: CowStr::from(dest),
            title: title.clone(),
            id: id.clone(),
        }));
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
            self.push(e);
        }
    }

    /// Adds an event to the output, or to the footnote definition being read.
    fn push(&mut self, e: Event<'e>) {
        match &mut self.footnotes.open {
            Some((_, buf)) => buf.push(e),
            None => self.out.events.push(e),
        }
    }

    /// The resolved document, once every event is through.
    fn finish(mut self) -> Resolved<'e> {
        self.footnote_list();
        self.check_local_fragments();
        self.out
    }

    /// The id of the heading starting at event `i` (its own, or a slug of
    /// its text; unique in the document), recorded as an anchor and, for
    /// h2 and h3, in the table of contents.
    /// The level a heading is shown at (before the shift): at most one
    /// below the heading before it, the page title counting as level 1, so
    /// that the page's outline skips no level (W3C Nu reports a skip as an
    /// error, and screen-reader users navigate by level). A skip is a
    /// warning at the heading.
    pub(super) fn outline_level(&mut self, written: u8, pos: Pos) -> u8 {
        let shown = written.min(self.outline + 1);
        if shown < written {
            let message = if !self.headed {
                crate::msg!("md-heading-skip-title", level = written)
            } else {
                crate::msg!("md-heading-skip", level = written, before = self.outline)
            };
            self.out.diags.push(
                Diagnostic::warning(self.input.path, pos, message).with_hint(crate::msg!(
                    "md-heading-skip-hint",
                    shown = shown,
                    hashes = "#".repeat(usize::from(shown))
                )),
            );
        }
        self.outline = shown;
        self.headed = true;
        shown
    }

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
        // An empty heading has nothing to list (and an empty link in the
        // contents has no name).
        if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) && !text.is_empty() {
            self.out.toc.push(TocEntry {
                level: level as u8,
                id: format!("{}{unique}", self.input.id_prefix),
                text: text.clone(),
            });
        }
        self.out.anchors.push(unique.clone());
        format!("{}{unique}", self.input.id_prefix)
    }

    /// A code block, its start, text and end events: passed on as they are
    /// (the renderer writes it), its text kept in the plain text. It does
    /// not count as text for the soft-break rule.
    fn code_block(&mut self, block: &Events<'e>) {
        let mut code = String::new();
        for (e, _) in block {
            if let Event::Text(t) = e {
                code.push_str(t);
            }
            self.push(e.clone());
        }
        self.out.plain.push_str(code.trim_end());
        self.out.plain.push('\n');
    }

    /// An HTML block, its start, lines and end: its references resolved
    /// over the whole block (a tag may span lines); when one changed, the
    /// lines become one event.
    fn html_block(&mut self, block: &Events<'e>, produced: &mut Vec<Event<'e>>) {
        let parts: Vec<(&str, std::ops::Range<usize>)> = block
            .iter()
            .filter_map(|(e, r)| match e {
                Event::Html(t) => Some((t.as_ref(), r.clone())),
                _ => None,
            })
            .collect();
        match self.raw_html(&parts) {
            Some(new) => {
                produced.push(block[0].0.clone());
                produced.push(Event::Html(CowStr::from(new)));
                produced.push(block[block.len() - 1].0.clone());
            }
            None => produced.extend(block.iter().map(|(e, _)| e.clone())),
        }
    }

    /// A footnote reference, numbered in order of first reference: the
    /// event carries the number instead of the label.
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
        Event::FootnoteReference(CowStr::from(n.to_string()))
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
                    crate::msg!("md-footnote-undefined", label = label.as_ref()),
                )
                .with_hint(crate::msg!(
                    "md-footnote-undefined-hint",
                    label = label.as_ref()
                )),
            );
        }
    }

    /// The footnote list: definitions in reference order, unreferenced ones
    /// after; each is an anchor `fn-N`.
    fn footnote_list(&mut self) {
        let f = std::mem::take(&mut self.footnotes);
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
        let mut defs: Vec<Option<Vec<Event<'e>>>> =
            f.defs.into_iter().map(|(_, evs)| Some(evs)).collect();
        for (n, k) in order.into_iter().enumerate() {
            let events = defs[k].take().unwrap_or_default();
            self.out.footnotes.push(Footnote { events });
            self.out.anchors.push(format!("fn-{}", n + 1));
        }
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
                    crate::msg!("md-fragment-missing", fragment = &frag),
                )
                .with_hint(anchor_hint(&self.out.anchors)),
            );
        }
    }
}

fn find_end(events: &Events, start: usize) -> usize {
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

fn inline_text(events: &Events) -> String {
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

/// Whether inline content gives a link something to be read as: text,
/// code, an image's description, or raw HTML (which may hold either).
fn has_name(events: &Events) -> bool {
    events.iter().any(|(e, _)| match e {
        Event::Text(t) | Event::Code(t) => !t.trim().is_empty(),
        Event::Html(_) | Event::InlineHtml(_) | Event::InlineMath(_) => true,
        _ => false,
    })
}

fn next_char(events: &Events) -> Option<char> {
    for (e, _) in events {
        match e {
            Event::Text(t) | Event::Code(t) => return t.chars().next(),
            Event::Start(_) | Event::End(_) => continue,
            _ => return None,
        }
    }
    None
}
