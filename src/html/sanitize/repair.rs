//! The repair pass over ammonia's output: what HTML5 forbids where it
//! stands is renamed, dropped or completed (see [`repair`]).
//!
//! ammonia's serialisation is regular (balanced tags, double-quoted
//! attribute values, `<` escaped in text), so this needs no parser of its
//! own: it streams the tags with a stack of open elements. A few content
//! models depend on what comes later (a row needs a cell, a term a
//! description, a caption must be a figure's first or last child); for
//! those an element remembers where its output starts and is mended when
//! the later part arrives or when it closes.

use std::borrow::Cow;

/// What the repair needs to know of the page a body is shown on.
pub(in crate::html) struct Context<'a> {
    /// Level of the heading the body sits under (1 on a document's page,
    /// deeper in a print view): a body heading is at most one below the
    /// heading before it.
    pub heading_base: u8,
    /// Text for the `<summary>` a `<details>` lacks, in the site's language.
    pub summary: &'a str,
}

/// Elements that are phrasing content (may stand in a paragraph).
const PHRASING: [&str; 31] = [
    "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em", "i", "img",
    "ins", "kbd", "mark", "q", "rp", "rt", "ruby", "s", "samp", "small", "span", "strong", "sub",
    "sup", "time", "u", "var",
];

/// Elements whose content model is the one of their parent.
const TRANSPARENT: [&str; 3] = ["a", "ins", "del"];

/// Elements that only phrasing content may stand in, besides the phrasing
/// ones that are not transparent.
const PHRASING_ONLY: [&str; 9] = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "summary"];

const VOID: [&str; 5] = ["br", "col", "hr", "img", "wbr"];

/// Elements that may be named with `aria-label` without a `role`: W3C Nu
/// refuses it on those whose role is generic (`div`, `span`, `p`, `em`…).
const NAMEABLE: [&str; 20] = [
    "a",
    "article",
    "aside",
    "blockquote",
    "details",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "img",
    "li",
    "nav",
    "ol",
    "section",
    "table",
    "td",
    "ul",
];

/// Roles on which `aria-label` is refused as on generic elements.
const UNNAMEABLE_ROLES: [&str; 11] = [
    "caption",
    "code",
    "deletion",
    "emphasis",
    "generic",
    "insertion",
    "paragraph",
    "presentation",
    "strong",
    "subscript",
    "superscript",
];

/// What an open element has had in it so far, for the ones whose children
/// must come in an order.
#[derive(Default)]
struct Seen {
    /// A row: a cell began in it.
    cells: bool,
    /// A link: it has something to be read as (text, or an image's
    /// description).
    named: bool,
    /// A description list: the last group child was a term (`dt`) that
    /// still needs its description, or a description (`dd`).
    terms: Option<&'static str>,
    /// A `<details>`: its summary is there (given or added).
    summary: bool,
    /// A figure: something other than a caption came; the caption it has;
    /// where that caption's start and end tags are in the output when it
    /// came after other content (it must then stay the last child).
    content: bool,
    caption: bool,
    late_caption: Option<(usize, usize)>,
}

/// An element open in the output.
struct Open {
    /// The name it was written under; `None` when its tags were dropped.
    name: Option<String>,
    /// Whether only phrasing content may stand in it.
    phrasing: bool,
    /// An `<li>` was opened around it (it stood directly in a list).
    wrapped: bool,
    /// Where its output starts (a row without cells is taken out whole),
    /// and where its own start tag ends (a link without text loses it).
    at: usize,
    tag_end: usize,
    seen: Seen,
}

/// Fixes, in ammonia's output, what HTML5 forbids where it stands:
/// an `<a>` whose `href` was removed becomes a `<span>`; an `<img>` with
/// no `src` is dropped and one with no `alt` gets `alt=""`; a block (or a
/// list item, a table…) inside phrasing content becomes a `<span>`; an
/// `<li>`, `<dt>`, `<dd>`, `<figcaption>` or `<summary>` out of its parent
/// becomes a `<div>`; anything else directly in a list is put in an `<li>`;
/// a table row without cells goes; a heading is at most one level below
/// the one before it; a term gets a description and a description a term;
/// a `<details>` gets a summary; a figure keeps one caption, first or last;
/// a `<time>` without `datetime` becomes a `<span>`; `aria-label` goes
/// where it is not allowed; a link inside a link or a summary becomes a
/// `<span>`, and one with nothing to read loses its tags.
pub(in crate::html) fn repair(html: &str, cx: &Context) -> String {
    let mut r = Repair {
        out: String::with_capacity(html.len() + 32),
        stack: Vec::new(),
        outline: cx.heading_base,
        cx,
    };
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        r.text(&rest[..lt]);
        let end = tag_end(&rest[lt..]).map_or(rest.len(), |e| lt + e);
        let tag = &rest[lt..end];
        rest = &rest[end..];
        if tag.starts_with("</") {
            r.end();
        } else {
            r.start(tag);
        }
    }
    r.text(rest);
    r.out
}

struct Repair<'c> {
    out: String,
    stack: Vec<Open>,
    /// Level of the last heading written.
    outline: u8,
    cx: &'c Context<'c>,
}

impl Repair<'_> {
    /// Text, put in an `<li>` when it stands directly in a list.
    fn text(&mut self, text: &str) {
        if text.trim().is_empty() {
            self.out.push_str(text);
            return;
        }
        self.child(None);
        self.name_links();
        if in_list(&self.stack) {
            self.out.push_str("<li>");
            self.out.push_str(text);
            self.out.push_str("</li>");
        } else {
            self.out.push_str(text);
        }
    }

    /// Marks the open links as having something to be read as.
    fn name_links(&mut self) {
        for o in &mut self.stack {
            if o.name.as_deref() == Some("a") {
                o.seen.named = true;
            }
        }
    }

    /// The nearest element whose tags are written.
    fn parent(&mut self) -> Option<&mut Open> {
        self.stack.iter_mut().rev().find(|o| o.name.is_some())
    }

    /// Before a child (an element named `name`, or text) is written in
    /// the current element: completes or mends what its parent needs.
    /// Returns a new name for the child when it cannot stand as it is.
    fn child(&mut self, name: Option<&str>) -> Option<&'static str> {
        let summary = self.cx.summary;
        let mut insert = String::new();
        let mut rename = None;
        let parent = self.parent()?;
        match parent.name.as_deref() {
            Some("details") if !parent.seen.summary => {
                parent.seen.summary = true;
                if name != Some("summary") {
                    insert = format!("<summary>{}</summary>", crate::text::escape_html(summary));
                }
            }
            Some("dl") => match name {
                Some("dt") => parent.seen.terms = Some("dt"),
                Some("dd") => {
                    if parent.seen.terms.is_none() {
                        insert.push_str("<dt></dt>");
                    }
                    parent.seen.terms = Some("dd");
                }
                _ => {}
            },
            Some("figure") => {
                if name == Some("figcaption") && !parent.seen.caption {
                    parent.seen.caption = true;
                    if parent.seen.content {
                        // Where it will be, to rename if content follows.
                        parent.seen.late_caption = Some((usize::MAX, usize::MAX));
                    }
                } else {
                    if name == Some("figcaption") {
                        rename = Some("div"); // a figure has one caption
                    }
                    parent.seen.content = true;
                    if let Some((start, end)) = parent.seen.late_caption.take() {
                        demote_caption(&mut self.out, start, end);
                    }
                }
            }
            _ => {}
        }
        self.out.push_str(&insert);
        rename
    }

    /// An end tag: the innermost open element closed, completed or taken
    /// out as it needs.
    fn end(&mut self) {
        let Some(open) = self.stack.pop() else {
            return;
        };
        match open.name.as_deref() {
            Some("tr") if !open.seen.cells => {
                self.out.truncate(open.at);
                return;
            }
            Some("a") if !open.seen.named => {
                // Nothing to read: a screen reader would say only "link".
                // Its start tag goes, whatever is in it stays.
                let start = open.at + if open.wrapped { "<li>".len() } else { 0 };
                self.out.replace_range(start..open.tag_end, "");
                if open.wrapped {
                    self.out.push_str("</li>");
                }
                return;
            }
            Some("dl") if open.seen.terms == Some("dt") => self.out.push_str("<dd></dd>"),
            Some("details") if !open.seen.summary => {
                let summary = crate::text::escape_html(self.cx.summary);
                self.out.push_str(&format!("<summary>{summary}</summary>"));
            }
            _ => {}
        }
        if let Some(name) = &open.name {
            let at = self.out.len();
            self.out.push_str(&format!("</{name}>"));
            if name == "figcaption"
                && let Some(fig) = self.parent()
                && let Some(late) = &mut fig.seen.late_caption
            {
                *late = (late.0, at);
            }
        }
        if open.wrapped {
            self.out.push_str("</li>");
        }
    }

    /// A start tag, renamed, completed or dropped as its place requires.
    fn start(&mut self, tag: &str) {
        let (name, mut attrs) = parse(tag);
        let (mut new, in_phrasing) = self.placed(&name, &attrs);
        if let Some(n) = new.as_deref()
            && let Some(level) = heading_level(n)
        {
            let shown = level.min(self.outline + 1);
            self.outline = shown;
            new = Some(Cow::Owned(format!("h{shown}")));
        }
        if let Some(n) = new.as_deref()
            && let Some(renamed) = self.child(Some(n))
        {
            new = Some(Cow::Borrowed(renamed));
        }
        if (name == "td" || name == "th")
            && let Some(row) = self
                .stack
                .iter_mut()
                .rev()
                .find(|o| o.name.as_deref() == Some("tr"))
        {
            row.seen.cells = true;
        }
        let at = self.out.len();
        let wrapped = in_list(&self.stack) && name != "li" && new.is_some();
        if wrapped {
            self.out.push_str("<li>");
        }
        if let Some(n) = &new {
            if n.as_ref() != name {
                attrs.retain(|(a, _)| super::GENERIC.contains(&a.as_str()));
            }
            drop_unallowed_label(n, &mut attrs);
            self.write_tag(n, &attrs, at);
            if n == "img"
                && attrs
                    .iter()
                    .any(|(a, v)| a == "alt" && !v.trim().is_empty())
            {
                self.name_links();
            }
        }
        let tag_end = self.out.len();
        if VOID.contains(&name.as_str()) {
            if wrapped {
                self.out.push_str("</li>");
            }
            return;
        }
        let written = new.as_deref().unwrap_or("");
        let phrasing = if new.is_none() || TRANSPARENT.contains(&written) {
            in_phrasing
        } else {
            PHRASING.contains(&written) || PHRASING_ONLY.contains(&written)
        };
        self.stack.push(Open {
            name: new.map(Cow::into_owned),
            phrasing,
            wrapped,
            at,
            tag_end,
            seen: Seen::default(),
        });
    }

    /// The name an element is written under where it stands (`None`: its
    /// tags are dropped), and whether it stands in phrasing content.
    fn placed<'n>(
        &self,
        name: &'n str,
        attrs: &[(String, String)],
    ) -> (Option<Cow<'n, str>>, bool) {
        let parent = self.stack.iter().rev().find_map(|o| o.name.as_deref());
        let in_phrasing = self.stack.last().is_some_and(|o| o.phrasing);
        let has = |a: &str| attrs.iter().any(|(n, _)| n == a);
        let new = if name == "img" && !has("src") {
            None
        } else if name == "a" && (!has("href") || self.within(&["a", "summary", "button"]))
            || name == "time" && !has("datetime")
        {
            Some("span")
        } else if in_phrasing && !PHRASING.contains(&name) {
            (!VOID.contains(&name)).then_some("span")
        } else if out_of_place(name, parent) {
            Some("div")
        } else {
            return (Some(Cow::Borrowed(name)), in_phrasing);
        };
        (new.map(Cow::Borrowed), in_phrasing)
    }

    /// Whether an element named in `names` is open (a link in a link or in
    /// a summary would be interactive content nested in another).
    fn within(&self, names: &[&str]) -> bool {
        self.stack
            .iter()
            .any(|o| o.name.as_deref().is_some_and(|n| names.contains(&n)))
    }

    fn write_tag(&mut self, name: &str, attrs: &[(String, String)], at: usize) {
        let out = &mut self.out;
        out.push('<');
        out.push_str(name);
        for (a, v) in attrs {
            out.push_str(&format!(" {a}=\"{v}\""));
        }
        if name == "img" && !attrs.iter().any(|(a, _)| a == "alt") {
            out.push_str(" alt=\"\"");
        }
        out.push('>');
        if name == "figcaption"
            && let Some(fig) = self.stack.iter_mut().rev().find(|o| o.name.is_some())
            && let Some(late) = &mut fig.seen.late_caption
        {
            late.0 = at;
        }
    }
}

/// A caption that came after other content of its figure, and then more
/// content: it is no longer first or last, so it becomes a `<div>`.
fn demote_caption(out: &mut String, start: usize, end: usize) {
    if end != usize::MAX && out[end..].starts_with("</figcaption>") {
        out.replace_range(end..end + "</figcaption>".len(), "</div>");
    }
    if start != usize::MAX && out[start..].starts_with("<figcaption") {
        out.replace_range(start..start + "<figcaption".len(), "<div");
    }
}

/// `aria-label` where W3C Nu refuses it: on an element whose role is
/// generic (no `role`, or one of [`UNNAMEABLE_ROLES`]).
fn drop_unallowed_label(name: &str, attrs: &mut Vec<(String, String)>) {
    let role = attrs
        .iter()
        .find(|(a, _)| a == "role")
        .map(|(_, v)| v.as_str());
    let named = match role {
        Some(r) => !UNNAMEABLE_ROLES.contains(&r),
        None => NAMEABLE.contains(&name),
    };
    if !named {
        attrs.retain(|(a, _)| a != "aria-label");
    }
}

fn heading_level(name: &str) -> Option<u8> {
    let n = name.strip_prefix('h')?.parse::<u8>().ok()?;
    (1..=6).contains(&n).then_some(n)
}

fn in_list(stack: &[Open]) -> bool {
    stack
        .iter()
        .rev()
        .find_map(|o| o.name.as_deref())
        .is_some_and(|n| n == "ul" || n == "ol")
}

/// The length of the tag at the start of `s` (quotes respected).
fn tag_end(s: &str) -> Option<usize> {
    let mut quoted = false;
    for (i, b) in s.bytes().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'>' if !quoted => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// A start tag as ammonia writes it: its name and its attributes.
fn parse(tag: &str) -> (String, Vec<(String, String)>) {
    let inner = tag.trim_start_matches('<').trim_end_matches('>');
    let name_end = inner.find(' ').unwrap_or(inner.len());
    let mut attrs = Vec::new();
    let mut rest = &inner[name_end..];
    while let Some(eq) = rest.find("=\"") {
        let name = rest[..eq].trim().to_string();
        let after = &rest[eq + 2..];
        let close = after.find('"').unwrap_or(after.len());
        attrs.push((name, after[..close].to_string()));
        rest = after.get(close + 1..).unwrap_or("");
    }
    (inner[..name_end].to_ascii_lowercase(), attrs)
}

/// An element that may only stand in a particular parent, standing
/// elsewhere.
fn out_of_place(name: &str, parent: Option<&str>) -> bool {
    let allowed: &[&str] = match name {
        "li" => &["ul", "ol", "menu"],
        "dt" | "dd" => &["dl", "div"],
        "figcaption" => &["figure"],
        "summary" => &["details"],
        _ => return false,
    };
    !parent.is_some_and(|p| allowed.contains(&p))
}
