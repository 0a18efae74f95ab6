//! A body's HTML, written from its `Resolved` events: the resolution is
//! shared with the other output formats, the writing is the page's own.
//! Wide tables in a focusable box, task markers readable by screen readers,
//! our own accessible footnotes, syntect classes on code, and raw HTML
//! sanitised unless the site opts out.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag, TagEnd};

use crate::diag::Diagnostic;
use crate::html::theme::Theme;
use crate::markdown::{Asset, Footnote, FragmentRef, ImageRef, Input, LinkEnv, Resolved, TocEntry};
use crate::model::Site;
use crate::urls::Urls;

#[derive(Debug, Default, Clone)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    pub assets: Vec<Asset>,
    /// The local images among the assets, with where each is shown.
    pub images: Vec<ImageRef>,
    pub anchors: Vec<String>,
    pub fragments: Vec<FragmentRef>,
    pub diags: Vec<Diagnostic>,
    /// The body as plain text (search index): blocks end in newlines, CJK
    /// line breaks dropped, code kept.
    pub plain: String,
    /// HTML of each code block, when asked for with `Code::keep`: those
    /// of the body, then those of the footnotes, as they are written.
    pub code: Vec<String>,
}

/// How the bodies of a build are written, and what their links may point to.
pub(crate) struct Env<'a> {
    pub links: LinkEnv<'a>,
    unsafe_html: bool,
    highlight: bool,
    /// Labels for task list markers (done, to do), from the translations.
    task_labels: (String, String),
    footnote_back: String,
    /// For a `<details>` pasted without its `<summary>`.
    details_summary: String,
    /// Images are published through the image stage (`srcset`, sizes).
    root: &'a std::path::Path,
    images: &'a crate::config::ImagesConfig,
}

impl<'a> Env<'a> {
    pub(crate) fn new(
        site: &'a Site,
        theme: &Theme,
        docs: &'a HashMap<PathBuf, Option<String>>,
        routes: &'a HashSet<String>,
        urls: &'a Urls,
        highlight: bool,
    ) -> Self {
        let mut links = LinkEnv::new(&site.root, docs, routes, urls);
        links.unsafe_html = site.config.markdown.unsafe_html;
        Env {
            links,
            unsafe_html: site.config.markdown.unsafe_html,
            highlight,
            task_labels: (theme.t("task_done"), theme.t("task_todo")),
            footnote_back: theme.t("footnote_back"),
            details_summary: theme.t("details_summary"),
            root: &site.root,
            images: &site.config.images,
        }
    }
}

/// The index of the `End(Image)` closing the image started at `start`.
fn image_end(events: &[Event], start: usize) -> usize {
    let mut depth = 0;
    for (k, e) in events.iter().enumerate().skip(start) {
        match e {
            Event::Start(Tag::Image { .. }) => depth += 1,
            Event::End(TagEnd::Image) => {
                depth -= 1;
                if depth == 0 {
                    return k;
                }
            }
            _ => {}
        }
    }
    events.len() - 1
}

/// An image's description as plain text, as `push_html` writes `alt`.
fn alt_text(events: &[Event]) -> String {
    let mut s = String::new();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                s.push_str(t);
            }
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s
}

/// Code block HTML kept for, or taken from, another render of a body.
#[derive(Clone, Copy, Default)]
pub(crate) struct Code<'a> {
    /// Keep each code block's HTML in [`Rendered::code`] (for re-use).
    pub keep: bool,
    /// Code block HTML from an earlier render of the same body, used in
    /// order instead of highlighting again (print views).
    pub reuse: Option<&'a [String]>,
}

/// A body resolved and written to HTML.
pub(crate) fn render(env: &Env, input: &Input, code: Code) -> Rendered {
    write(env, crate::markdown::resolve(&env.links, input), code)
}

/// The HTML of a resolved body, with what the resolution found.
pub(crate) fn write(env: &Env, resolved: Resolved, code: Code) -> Rendered {
    let Resolved {
        events,
        footnotes,
        id_prefix,
        heading_shift,
        toc,
        anchors,
        assets,
        images,
        fragments,
        diags,
        plain,
    } = resolved;
    let has_raw_html = events
        .iter()
        .chain(footnotes.iter().flat_map(|f| &f.events))
        .any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_)));
    let mut w = Writer {
        env,
        id_prefix,
        code,
        code_index: 0,
        kept: Vec::new(),
        referenced: false,
        refs: std::collections::HashMap::new(),
        images: &images,
        images_shown: 0,
    };
    let mut html = String::with_capacity(plain.len() * 2);
    pulldown_cmark::html::push_html(&mut html, w.html_events(events).into_iter());
    w.footnote_list(&mut html, footnotes);
    let kept = w.kept;
    let html = if has_raw_html && !env.unsafe_html {
        let cx = super::sanitize::Context {
            heading_base: heading_shift + 1,
            summary: &env.details_summary,
        };
        super::sanitize::clean(&html, &cx)
    } else {
        html
    };
    Rendered {
        html,
        toc,
        assets,
        images,
        anchors,
        fragments,
        diags,
        plain,
        code: kept,
    }
}

/// What writing a body needs to remember between events.
struct Writer<'w> {
    env: &'w Env<'w>,
    id_prefix: &'w str,
    code: Code<'w>,
    /// Code blocks met so far (to take from [`Code::reuse`]).
    code_index: usize,
    kept: Vec<String>,
    /// Whether a footnote reference was met (the list is written then,
    /// even when empty).
    referenced: bool,
    /// References met so far per footnote number: the first has the id
    /// the back link goes to, later ones `fnref-1-2`… (ids are unique).
    refs: std::collections::HashMap<String, usize>,
    /// The body's local images (to find a picture by its href).
    images: &'w [ImageRef],
    /// Images written so far: all but the first load lazily.
    images_shown: usize,
}

impl<'e> Writer<'_> {
    /// The events for `push_html`: what HTML has no event for written as
    /// raw HTML, the rest as it is.
    fn html_events(&mut self, events: Vec<Event<'e>>) -> Vec<Event<'e>> {
        let events = self.pictures(events);
        let mut out = Vec::with_capacity(events.len());
        let mut events = events.into_iter();
        while let Some(e) = events.next() {
            match e {
                // Wide tables scroll in a focusable box of their own.
                Event::Start(Tag::Table(_)) => {
                    out.push(Event::Html(CowStr::from(
                        "<div class=\"table-wrap\" tabindex=\"0\">",
                    )));
                    out.push(e);
                }
                Event::End(TagEnd::Table) => {
                    out.push(e);
                    out.push(Event::Html(CowStr::from("</div>")));
                }
                Event::TaskListMarker(done) => out.push(task_marker(self.env, done)),
                Event::FootnoteReference(n) => {
                    self.referenced = true;
                    let p = self.id_prefix;
                    let seen = self.refs.entry(n.to_string()).or_insert(0);
                    *seen += 1;
                    let again = match *seen {
                        1 => String::new(),
                        k => format!("-{k}"),
                    };
                    out.push(Event::Html(CowStr::from(format!(
                        "<sup class=\"fnref\" id=\"{p}fnref-{n}{again}\"><a href=\"#{p}fn-{n}\">{n}</a></sup>"
                    ))));
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    let mut code = String::new();
                    for e in events.by_ref() {
                        match e {
                            Event::End(TagEnd::CodeBlock) => break,
                            Event::Text(t) => code.push_str(&t),
                            _ => {}
                        }
                    }
                    out.push(self.code_block(&code, &kind));
                }
                other => out.push(other),
            }
        }
        out
    }

    /// Images of the site as responsive `<img>`s, and a titled image alone
    /// in its paragraph as a `<figure>` in place of the paragraph. Other
    /// images (remote, or one the image stage refused, which is reported
    /// with the build's image errors) stay as they were.
    fn pictures(&mut self, events: Vec<Event<'e>>) -> Vec<Event<'e>> {
        if self.images.is_empty() {
            return events;
        }
        let mut out: Vec<Event<'e>> = Vec::with_capacity(events.len());
        let mut i = 0;
        while i < events.len() {
            let Event::Start(Tag::Image {
                dest_url, title, ..
            }) = &events[i]
            else {
                out.push(events[i].clone());
                i += 1;
                continue;
            };
            let end = image_end(&events, i);
            let alone = matches!(out.last(), Some(Event::Start(Tag::Paragraph)))
                && matches!(events.get(end + 1), Some(Event::End(TagEnd::Paragraph)));
            let alt = alt_text(&events[i + 1..end]);
            match self.picture_img(dest_url, &alt) {
                Some(img) if alone && !title.is_empty() => {
                    out.pop();
                    out.push(Event::Html(CowStr::from(super::picture::figure(
                        &img, title,
                    ))));
                    i = end + 2;
                }
                Some(img) => {
                    out.push(Event::InlineHtml(CowStr::from(img)));
                    i = end + 1;
                }
                None => {
                    out.push(events[i].clone());
                    i += 1;
                }
            }
        }
        out
    }

    /// The `<img>` of a local image the image stage published.
    fn picture_img(&mut self, href: &str, alt: &str) -> Option<String> {
        let r = self.images.iter().find(|r| r.href == href)?;
        let pic = crate::images::picture(self.env.root, self.env.images, &r.src).ok()?;
        self.images_shown += 1;
        Some(super::picture::img(
            &pic,
            href,
            alt,
            super::picture::BODY_SIZES,
            self.images_shown > 1,
        ))
    }

    /// A code block's HTML: highlighted, or taken from an earlier render
    /// of the same body.
    fn code_block(&mut self, code: &str, kind: &CodeBlockKind) -> Event<'e> {
        let lang = match kind {
            CodeBlockKind::Fenced(info) => {
                info.split([' ', ',', '{']).next().unwrap_or("").to_string()
            }
            CodeBlockKind::Indented => String::new(),
        };
        let block = match self.code.reuse.and_then(|c| c.get(self.code_index)) {
            Some(done) => done.clone(),
            None => super::highlight::code_block(code, &lang, self.env.highlight),
        };
        self.code_index += 1;
        if self.code.keep {
            self.kept.push(block.clone());
        }
        Event::Html(CowStr::from(block))
    }

    /// The footnote list, in the resolved order, each with a link back to
    /// its reference.
    fn footnote_list(&mut self, html: &mut String, footnotes: Vec<Footnote<'e>>) {
        if !self.referenced && footnotes.is_empty() {
            return;
        }
        html.push_str("<section class=\"footnotes\" role=\"doc-endnotes\"><ol>");
        let p = self.id_prefix;
        for (n, f) in footnotes.into_iter().enumerate() {
            let n = n + 1;
            html.push_str(&format!("<li id=\"{p}fn-{n}\">"));
            pulldown_cmark::html::push_html(html, self.html_events(f.events).into_iter());
            html.push_str(&format!(
                " <a class=\"fnback\" href=\"#{p}fnref-{n}\" aria-label=\"{}\">↩</a></li>",
                crate::text::escape_html(&self.env.footnote_back)
            ));
        }
        html.push_str("</ol></section>");
    }
}

/// A task list marker, readable by screen readers.
fn task_marker<'e>(env: &Env, done: bool) -> Event<'e> {
    let (label, class, mark) = if done {
        (&env.task_labels.0, "task done", "☑")
    } else {
        (&env.task_labels.1, "task", "☐")
    };
    Event::Html(CowStr::from(format!(
        "<span class=\"{class}\" role=\"img\" aria-label=\"{}\">{mark}</span> ",
        crate::text::escape_html(label)
    )))
}
