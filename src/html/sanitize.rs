//! Raw HTML made safe and valid: ammonia keeps the tags and attributes
//! listed here (no script, no event handler, no script address), and a
//! repair pass over its output fixes what it leaves that HTML5 forbids,
//! so that a page is valid and accessible whatever an editor pasted.
//!
//! The repair reads ammonia's serialisation, which is regular (balanced
//! tags, double-quoted attribute values, `<` escaped in text), so it needs
//! no parser of its own: it streams the tags with a stack of open elements
//! and renames, drops or completes the ones that would be invalid where
//! they stand.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// Sanitises a body's HTML (`html` holds raw HTML) and repairs the result.
pub(super) fn clean(html: &str) -> String {
    repair(&sanitizer().clean(html).to_string())
}

/// Attributes allowed on every element.
const GENERIC: [&str; 10] = [
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
];

/// Attributes allowed on one element, beyond [`GENERIC`]: HTML5's, without
/// the obsolete presentational ones (`align`, `char`, `summary`…) that
/// ammonia allows by default.
const PER_TAG: [(&str, &[&str]); 16] = [
    ("a", &["href", "hreflang"]),
    ("bdo", &["dir"]),
    ("blockquote", &["cite"]),
    ("q", &["cite"]),
    ("del", &["cite", "datetime"]),
    ("ins", &["cite", "datetime"]),
    ("time", &["datetime"]),
    ("data", &["value"]),
    ("img", &["src", "alt", "width", "height", "loading"]),
    ("ol", &["start", "reversed"]),
    ("td", &["colspan", "rowspan", "headers", "style"]),
    ("th", &["colspan", "rowspan", "headers", "scope", "style"]),
    ("col", &["span"]),
    ("colgroup", &["span"]),
    ("details", &["open"]),
    ("abbr", &[]),
];

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static B: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    B.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.add_generic_attributes(GENERIC);
        b.add_tags([
            "section",
            "figure",
            "figcaption",
            "mark",
            "details",
            "summary",
            "abbr",
        ]);
        // Obsolete in HTML5: their content is kept, the tags are not.
        b.rm_tags(["acronym", "center", "strike", "tt", "rtc"]);
        b.tag_attributes(
            PER_TAG
                .iter()
                .map(|(t, a)| (*t, a.iter().copied().collect::<HashSet<_>>()))
                .collect::<HashMap<_, _>>(),
        );
        b.attribute_filter(|element, attr, value| {
            allowed_value(element, attr, value).then(|| value.into())
        });
        b
    })
}

/// Whether an allowed attribute's value is one HTML5 accepts there.
fn allowed_value(element: &str, attr: &str, value: &str) -> bool {
    let digits = |v: &str| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit());
    match (element, attr) {
        // Table cell alignment, as the Markdown writer sets it.
        (_, "style") => [
            "text-align: left",
            "text-align: center",
            "text-align: right",
        ]
        .contains(&value.trim().trim_end_matches(';')),
        (_, "id") => !value.is_empty() && !value.contains(|c: char| c.is_ascii_whitespace()),
        (_, "dir") => ["ltr", "rtl", "auto"].contains(&value),
        (_, "aria-hidden") => ["true", "false"].contains(&value),
        (_, "tabindex") => value.strip_prefix('-').is_some_and(digits) || digits(value),
        ("img", "width" | "height") | (_, "colspan" | "rowspan" | "span" | "start") => {
            digits(value)
        }
        ("img", "loading") => ["lazy", "eager"].contains(&value),
        _ => true,
    }
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

/// An element open in the output.
struct Open {
    /// The name it was written under; `None` when its tags were dropped.
    name: Option<String>,
    /// Whether only phrasing content may stand in it.
    phrasing: bool,
    /// An `<li>` was opened around it (it stood directly in a list).
    wrapped: bool,
    /// Where its output starts, and (a row) whether a cell began in it: a
    /// row without cells is invalid and is taken out whole.
    at: usize,
    cells: bool,
}

/// Fixes, in ammonia's output, what HTML5 forbids where it stands:
/// an `<a>` whose `href` was removed becomes a `<span>`; an `<img>` with
/// no `src` is dropped and one with no `alt` gets `alt=""`; a block (or a
/// list item, a table…) inside phrasing content becomes a `<span>`; an
/// `<li>`, `<dt>`, `<dd>`, `<figcaption>` or `<summary>` out of its parent
/// becomes a `<div>`; anything else directly in a list is put in an `<li>`;
/// a table row without cells goes.
pub(super) fn repair(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 32);
    let mut stack: Vec<Open> = Vec::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        text(&mut out, &stack, &rest[..lt]);
        let end = tag_end(&rest[lt..]).map_or(rest.len(), |e| lt + e);
        let tag = &rest[lt..end];
        rest = &rest[end..];
        match tag.strip_prefix("</") {
            Some(_) => {
                if let Some(open) = stack.pop() {
                    if open.name.as_deref() == Some("tr") && !open.cells {
                        out.truncate(open.at);
                        continue;
                    }
                    if let Some(name) = open.name {
                        out.push_str(&format!("</{name}>"));
                    }
                    if open.wrapped {
                        out.push_str("</li>");
                    }
                }
            }
            None => start(&mut out, &mut stack, tag),
        }
    }
    text(&mut out, &stack, rest);
    out
}

/// Text, put in an `<li>` when it stands directly in a list.
fn text(out: &mut String, stack: &[Open], text: &str) {
    if in_list(stack) && !text.trim().is_empty() {
        out.push_str("<li>");
        out.push_str(text);
        out.push_str("</li>");
    } else {
        out.push_str(text);
    }
}

fn in_list(stack: &[Open]) -> bool {
    stack
        .iter()
        .rev()
        .find(|o| o.name.is_some())
        .and_then(|o| o.name.as_deref())
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

/// A start tag, renamed, completed or dropped as its place requires.
fn start(out: &mut String, stack: &mut Vec<Open>, tag: &str) {
    let (name, mut attrs) = parse(tag);
    let parent = stack.iter().rev().find_map(|o| o.name.as_deref());
    let in_phrasing = stack.last().is_some_and(|o| o.phrasing);
    let has = |attrs: &[(String, String)], a: &str| attrs.iter().any(|(n, _)| n == a);
    let mut new: Option<Cow<str>> = Some(Cow::Borrowed(name.as_str()));
    if name == "img" && !has(&attrs, "src") {
        new = None;
    } else if name == "img" && !has(&attrs, "alt") {
        attrs.push(("alt".into(), String::new()));
    } else if name == "a" && !has(&attrs, "href") {
        new = Some(Cow::Borrowed("span"));
    } else if in_phrasing && !PHRASING.contains(&name.as_str()) {
        new = (!VOID.contains(&name.as_str())).then_some(Cow::Borrowed("span"));
    } else if out_of_place(&name, parent) {
        new = Some(Cow::Borrowed("div"));
    }
    if (name == "td" || name == "th")
        && let Some(row) = stack
            .iter_mut()
            .rev()
            .find(|o| o.name.as_deref() == Some("tr"))
    {
        row.cells = true;
    }
    let at = out.len();
    let wrapped = in_list(stack) && name != "li" && new.is_some();
    if wrapped {
        out.push_str("<li>");
    }
    if let Some(n) = &new {
        if n.as_ref() != name {
            attrs.retain(|(a, _)| GENERIC.contains(&a.as_str()));
        }
        out.push('<');
        out.push_str(n);
        for (a, v) in &attrs {
            out.push_str(&format!(" {a}=\"{v}\""));
        }
        out.push('>');
    }
    if VOID.contains(&name.as_str()) {
        if wrapped {
            out.push_str("</li>");
        }
        return;
    }
    let written = new.as_deref().unwrap_or("");
    let phrasing = if new.is_none() || TRANSPARENT.contains(&written) {
        in_phrasing
    } else {
        PHRASING.contains(&written) || PHRASING_ONLY.contains(&written)
    };
    stack.push(Open {
        name: new.map(Cow::into_owned),
        phrasing,
        wrapped,
        at,
        cells: false,
    });
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_without_href_become_spans() {
        let out = clean("<p><a href=\"javascript:alert(1)\" class=\"x\">点我</a></p>");
        assert_eq!(out, "<p><span class=\"x\">点我</span></p>");
        let out = clean("<a href=\"/a/\">甲</a>");
        assert_eq!(out, "<a href=\"/a/\" rel=\"noopener noreferrer\">甲</a>");
    }

    #[test]
    fn images_get_alt_or_go() {
        assert_eq!(
            clean("<img src=\"x.png\" onerror=\"alert(1)\">"),
            "<img src=\"x.png\" alt=\"\">"
        );
        assert_eq!(clean("<img src=\"javascript:x\" alt=\"a\">"), "");
        assert_eq!(
            clean("<img src=\"x.png\" alt=\"图\" align=\"left\" width=\"50%\" height=\"20\">"),
            "<img src=\"x.png\" alt=\"图\" height=\"20\">"
        );
    }

    #[test]
    fn blocks_in_phrasing_and_stray_items() {
        assert_eq!(
            clean("<span><div class=\"a\">x</div><hr></span>"),
            "<span><span class=\"a\">x</span></span>"
        );
        assert_eq!(clean("<div><li>x</li></div>"), "<div><div>x</div></div>");
        assert_eq!(
            clean("<ul>t<p>x</p><li>y</li></ul>"),
            "<ul><li>t</li><li><p>x</p></li><li>y</li></ul>"
        );
        assert_eq!(
            clean("<em><ul><li>x</li></ul></em>"),
            "<em><span><span>x</span></span></em>"
        );
        assert_eq!(clean("<center>x</center><tt>y</tt>"), "xy");
        assert_eq!(
            clean("<table><tr>\n</tr><tr><td>x</td></tr></table>"),
            "<table><tbody><tr><td>x</td></tr></tbody></table>"
        );
        // A stray end tag makes an empty paragraph, which is valid.
        assert_eq!(clean("x</p>"), "x<p></p>");
    }

    #[test]
    fn attribute_values_are_kept_when_valid() {
        assert_eq!(
            clean("<td style=\"text-align: center\" colspan=\"2\" align=\"left\">x</td>"),
            "x"
        );
        assert_eq!(
            clean(
                "<table><tr><td style=\"text-align: center\" colspan=\"2\" char=\".\">x</td></tr></table>"
            ),
            "<table><tbody><tr><td style=\"text-align: center\" colspan=\"2\">x</td></tr></tbody></table>"
        );
        assert_eq!(
            clean("<p id=\"a b\" dir=\"up\" tabindex=\"0\" title=\"t>\">x</p>"),
            "<p tabindex=\"0\" title=\"t&gt;\">x</p>"
        );
    }
}
