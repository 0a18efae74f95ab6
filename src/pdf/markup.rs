//! A body's resolved Markdown events as Typst markup.
//!
//! Structure becomes calls of Typst's own elements (`#heading`, `#list`,
//! `#table`, `#footnote` …) and of the volume template; every piece of
//! text, code, address and alternative text goes in as a string literal
//! (`#"…"`), so what an editor wrote prints as written and is never read
//! as markup: `#import`, `$x$`, `<label>` and `@ref` are just characters.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use pulldown_cmark::{Alignment, CodeBlockKind, Event, HeadingLevel, Tag, TagEnd};

use crate::markdown::Resolved;

/// A Typst string literal holding `s` exactly.
pub(crate) fn lit(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Pictures of a volume: each local image a body shows gets a path in the
/// typesetter's virtual file system, mapped to the file it was read from.
#[derive(Default)]
pub(crate) struct Images {
    /// Virtual path ("/img/3.jpg") → the image file.
    pub files: Vec<(String, PathBuf)>,
    by_src: HashMap<PathBuf, String>,
}

impl Images {
    fn path_of(&mut self, src: PathBuf) -> String {
        if let Some(v) = self.by_src.get(&src) {
            return v.clone();
        }
        let ext = src
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("img")
            .to_ascii_lowercase();
        let v = format!("/img/{}.{ext}", self.files.len() + 1);
        self.by_src.insert(src.clone(), v.clone());
        self.files.push((v.clone(), src));
        v
    }
}

/// How the links and pictures of one body reach the paper.
pub(crate) struct Context<'a> {
    /// Local image hrefs of this body → their source files.
    pub image_files: HashMap<String, PathBuf>,
    /// Turns a site-absolute href ("/cases/x/") into a full address.
    pub absolute: &'a dyn Fn(&str) -> String,
    /// Prefix of this body's footnote labels (unique in the volume).
    pub label_prefix: String,
    /// Headings: Markdown level + this (a case body's `##` is Typst's
    /// level 3, the first level under the case title).
    pub heading_shift: u8,
}

use crate::present::paper::MEMBER_HREF as CASE_HREF;

/// Converts `body` into Typst markup; every text written is also pushed
/// into `text` (for the font coverage check).
pub(crate) fn write(
    body: &Resolved,
    cx: &Context,
    images: &mut Images,
    text: &mut String,
) -> String {
    let mut w = Writer {
        cx,
        images,
        text,
        out: String::with_capacity(body.events.len() * 24),
        links: Vec::new(),
        image: None,
        code: None,
        footnotes: &body.footnotes,
        footnote_done: vec![false; body.footnotes.len()],
        table_head: false,
    };
    for ev in &body.events {
        w.event(ev);
    }
    w.out
}

struct Writer<'w, 'r> {
    cx: &'w Context<'w>,
    images: &'w mut Images,
    text: &'w mut String,
    out: String,
    /// Open links: their address (written after the text) and text so far.
    links: Vec<(Option<String>, String)>,
    /// An open image: (virtual path or remote address, title, alt text).
    image: Option<(Option<String>, String, String, String)>,
    /// An open code block: (language, code).
    code: Option<(String, String)>,
    footnotes: &'r [crate::markdown::Footnote<'r>],
    footnote_done: Vec<bool>,
    table_head: bool,
}

impl Writer<'_, '_> {
    fn put_text(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        if let Some(img) = &mut self.image {
            img.3.push_str(s);
            return;
        }
        if let Some((_, code)) = &mut self.code {
            code.push_str(s);
            return;
        }
        for (_, t) in &mut self.links {
            t.push_str(s);
        }
        self.text.push_str(s);
        self.out.push('#');
        self.out.push_str(&lit(s));
    }

    fn event(&mut self, ev: &Event) {
        match ev {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(*tag),
            Event::Text(t) => self.put_text(t),
            Event::Code(t) => {
                self.text.push_str(t);
                if self.image.is_some() || self.code.is_some() {
                    self.put_text(t);
                } else {
                    let _ = write!(self.out, "#raw({})", lit(t));
                }
            }
            Event::InlineMath(t) | Event::DisplayMath(t) => self.put_text(t),
            Event::SoftBreak => self.put_text(" "),
            Event::HardBreak => self.out.push_str("#linebreak()"),
            Event::Rule => self.out.push_str("#line(length: 100%, stroke: 0.5pt)\n\n"),
            Event::TaskListMarker(done) => self.put_text(if *done { "☑ " } else { "☐ " }),
            Event::FootnoteReference(n) => self.footnote(n),
            Event::Html(h) | Event::InlineHtml(h) => {
                // Raw HTML has no place on paper; a line break keeps its meaning.
                let l = h.trim().to_ascii_lowercase();
                if l.starts_with("<br") {
                    self.out.push_str("#linebreak()");
                }
            }
        }
    }

    fn start(&mut self, tag: &Tag) {
        match tag {
            Tag::Paragraph
            | Tag::TableRow
            | Tag::HtmlBlock
            | Tag::MetadataBlock(_)
            | Tag::DefinitionList => {}
            Tag::Heading { level, .. } => {
                let l = (heading_number(*level) + self.cx.heading_shift).clamp(3, 6);
                let _ = write!(
                    self.out,
                    "#heading(level: {l}, outlined: false, bookmarked: false)["
                );
            }
            Tag::BlockQuote(_) => self.out.push_str("#quote(block: true)["),
            Tag::CodeBlock(kind) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(l) => {
                        l.split([' ', ',']).next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some((lang, String::new()));
            }
            Tag::List(None) => self.out.push_str("#list("),
            Tag::List(Some(n)) => {
                let _ = write!(self.out, "#enum(start: {n}, ");
            }
            Tag::Item | Tag::TableCell | Tag::DefinitionListDefinition => self.out.push('['),
            Tag::DefinitionListTitle => self.out.push_str("#strong["),
            Tag::FootnoteDefinition(_) => {}
            Tag::Table(aligns) => self.table(aligns),
            Tag::TableHead => {
                self.table_head = true;
                self.out.push_str("table.header(");
            }
            Tag::Emphasis => self.out.push_str("#emph["),
            Tag::Strong => self.out.push_str("#strong["),
            Tag::Strikethrough => self.out.push_str("#strike["),
            Tag::Superscript => self.out.push_str("#super["),
            Tag::Subscript => self.out.push_str("#sub["),
            Tag::Link { dest_url, .. } => self.link_start(dest_url),
            Tag::Image {
                dest_url, title, ..
            } => {
                let file = self.local_image(dest_url);
                self.image = Some((file, dest_url.to_string(), title.to_string(), String::new()));
            }
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => self.out.push_str("\n\n"),
            TagEnd::Heading(_) => self.out.push_str("]\n\n"),
            TagEnd::BlockQuote(_) => self.out.push_str("]\n\n"),
            TagEnd::CodeBlock => {
                if let Some((lang, code)) = self.code.take() {
                    self.text.push_str(&code);
                    let code = code.strip_suffix('\n').unwrap_or(&code);
                    let _ = write!(
                        self.out,
                        "#raw(block: true, lang: {}, {})\n\n",
                        lit(&lang),
                        lit(code)
                    );
                }
            }
            TagEnd::List(_) | TagEnd::Table => self.out.push_str(")\n\n"),
            TagEnd::Item | TagEnd::TableCell => self.out.push_str("],"),
            TagEnd::DefinitionListTitle => self.out.push_str("]\n\n"),
            TagEnd::DefinitionListDefinition => self.out.push_str("]\n\n"),
            TagEnd::TableHead => {
                self.table_head = false;
                self.out.push_str("),");
            }
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript => self.out.push(']'),
            TagEnd::Link => self.link_end(),
            TagEnd::Image => self.image_end(),
            TagEnd::TableRow
            | TagEnd::HtmlBlock
            | TagEnd::MetadataBlock(_)
            | TagEnd::DefinitionList
            | TagEnd::FootnoteDefinition => {}
        }
    }

    fn table(&mut self, aligns: &[Alignment]) {
        let a: Vec<&str> = aligns
            .iter()
            .map(|a| match a {
                Alignment::Center => "center",
                Alignment::Right => "right",
                Alignment::None | Alignment::Left => "left",
            })
            .collect();
        let _ = write!(
            self.out,
            "#table(columns: {}, align: ({},), ",
            aligns.len().max(1),
            a.join(", ")
        );
    }

    /// Links inside the volume stay links; addresses elsewhere are printed
    /// after the text, as a reader of paper cannot click them.
    fn link_start(&mut self, dest: &str) {
        let target = if let Some(n) = dest.strip_prefix(CASE_HREF) {
            let _ = write!(self.out, "#link(label({}))[", lit(&format!("cb-case-{n}")));
            None
        } else if dest.starts_with("http://")
            || dest.starts_with("https://")
            || dest.starts_with("mailto:")
        {
            Some(dest.to_string())
        } else if dest.starts_with('/') {
            Some((self.cx.absolute)(dest))
        } else {
            // An in-page #fragment or a relative address: the text alone.
            None
        };
        match &target {
            Some(url) => {
                let _ = write!(self.out, "#link({})[", lit(url));
            }
            None if !dest.starts_with(CASE_HREF) => self.out.push('['),
            None => {}
        }
        self.links.push((target, String::new()));
    }

    fn link_end(&mut self) {
        let Some((target, text)) = self.links.pop() else {
            return;
        };
        self.out.push(']');
        if let Some(url) = target {
            let shown = url.strip_prefix("mailto:").unwrap_or(&url);
            if text.trim() != shown && text.trim() != url {
                self.text.push_str(shown);
                let _ = write!(self.out, "#cb-url({})", lit(shown));
            }
        }
    }

    fn local_image(&mut self, dest: &str) -> Option<String> {
        let src = self.cx.image_files.get(dest)?.clone();
        Some(self.images.path_of(src))
    }

    fn image_end(&mut self) {
        let Some((file, dest, title, alt)) = self.image.take() else {
            return;
        };
        self.text.push_str(&alt);
        self.text.push_str(&title);
        match file {
            Some(v) if !title.is_empty() => {
                let _ = write!(
                    self.out,
                    "#cb-figure({}, {}, {})",
                    lit(&v),
                    lit(&alt),
                    lit(&title)
                );
            }
            Some(v) => {
                let _ = write!(self.out, "#cb-image({}, {})", lit(&v), lit(&alt));
            }
            // A picture on another server: its description and address.
            None => {
                let url = if dest.starts_with('/') {
                    (self.cx.absolute)(&dest)
                } else {
                    dest
                };
                self.text.push_str(&url);
                let _ = write!(self.out, "#[{}]#cb-url({})", lit(&alt), lit(&url));
            }
        }
    }

    /// The first reference prints the note; later ones repeat its number.
    fn footnote(&mut self, n: &str) {
        let Ok(k) = n.parse::<usize>() else {
            return;
        };
        let label = lit(&format!("{}fn-{k}", self.cx.label_prefix));
        let Some(def) = self.footnotes.get(k.wrapping_sub(1)) else {
            return;
        };
        if self.footnote_done[k - 1] {
            let _ = write!(self.out, "#footnote(label({label}))");
            return;
        }
        self.footnote_done[k - 1] = true;
        self.out.push_str("#[#footnote[");
        let events = &def.events;
        for ev in events {
            // Paragraph ends inside a note would leave it; keep them inline.
            match ev {
                Event::Start(Tag::Paragraph) => {}
                Event::End(TagEnd::Paragraph) => self.out.push(' '),
                ev => self.event(ev),
            }
        }
        let _ = write!(self.out, "]#label({label})]");
    }
}

fn heading_number(level: HeadingLevel) -> u8 {
    level as u8
}
