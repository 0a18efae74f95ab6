//! Raw HTML in a body: the references it holds (`<img src>`, `<a href>`,
//! `srcset`, `<video poster>`…) are checked, copied and rewritten by the
//! same resolver as Markdown links and images, at the position of their
//! tag in the file; `id`s become anchors; an image without `alt` is
//! reported. The HTML itself is kept as written apart from the rewritten
//! values, whether or not the site sanitises it later.

use std::ops::Range;

use super::resolve::Pass;
use super::tags::{self, StartTag};
use crate::diag::{Diagnostic, Pos};

/// One piece of raw HTML: its text and where it is in the body.
pub(super) type Part<'p> = (&'p str, Range<usize>);

/// What an attribute of an element refers to, for messages; `None` for an
/// attribute that holds no reference.
fn reference_kind(element: &str, attr: &str) -> Option<&'static str> {
    Some(match (element, attr) {
        ("a" | "area", "href") => "link",
        ("img", "src" | "srcset") | ("source", "srcset") | ("video", "poster") => "image",
        ("video", "src") => "video",
        ("audio", "src") => "audio",
        ("source" | "track", "src") => "file",
        _ => return None,
    })
}

/// Whether a URL runs a script or a document when followed:
/// `javascript:`, `vbscript:` or `data:text/html` (any case, and with the
/// blanks and controls browsers ignore).
pub(super) fn is_script_url(url: &str) -> bool {
    let squeezed: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    squeezed.starts_with("javascript:")
        || squeezed.starts_with("vbscript:")
        || squeezed.starts_with("data:text/html")
}

impl Pass<'_, '_> {
    /// Resolves the references of a piece of raw HTML made of `parts` (the
    /// lines of an HTML block, or one inline tag). Returns the HTML with
    /// rewritten values, or `None` when nothing changed.
    pub(super) fn raw_html(&mut self, parts: &[Part]) -> Option<String> {
        let html: String = parts.iter().map(|p| p.0).collect();
        let mut edits: Vec<(Range<usize>, String)> = Vec::new();
        for tag in tags::start_tags(&html) {
            let pos = self.pos(body_offset(self.input.body, parts, tag.start));
            self.raw_tag(&html, &tag, pos, &mut edits);
        }
        if edits.is_empty() {
            return None;
        }
        let mut out = String::with_capacity(html.len() + 64);
        let mut at = 0;
        for (range, text) in edits {
            out.push_str(&html[at..range.start]);
            out.push_str(&text);
            at = range.end;
        }
        out.push_str(&html[at..]);
        Some(out)
    }

    /// One start tag: its references resolved (edits in order of place),
    /// its `id` an anchor, its `alt` checked.
    fn raw_tag(
        &mut self,
        html: &str,
        tag: &StartTag,
        pos: Pos,
        edits: &mut Vec<(Range<usize>, String)>,
    ) {
        if let Some(level) = heading_level(&tag.name)
            && !self.env.unsafe_html
        {
            // The sanitiser shows it at this level (see html::sanitize).
            self.outline_level(level, pos);
        }
        if tag.name == "img" && tag.attr("alt").is_none() {
            self.out.diags.push(
                Diagnostic::warning(self.input.path, pos, crate::msg!("md-img-no-alt"))
                    .with_hint(crate::msg!("md-img-no-alt-hint")),
            );
        }
        for attr in &tag.attrs {
            let Some(value) = attr.value.clone() else {
                continue;
            };
            let written = tags::decode(&html[value]);
            if attr.name == "id" && !written.is_empty() {
                self.raw_id(written, attr.whole.clone(), pos, edits);
                continue;
            }
            let Some(what) = reference_kind(&tag.name, &attr.name) else {
                continue;
            };
            let resolved = if attr.name == "srcset" {
                Some(self.srcset(&written, pos))
            } else {
                self.raw_reference(&written, what, pos)
            };
            match resolved {
                None => edits.push((attr.whole.clone(), String::new())),
                Some(new) if new != written => edits.push((
                    attr.whole.clone(),
                    format!("{}={}", attr.name, tags::quoted(&new)),
                )),
                Some(_) => {}
            }
        }
    }

    /// A raw `id`: an anchor, prefixed like the headings' ids in print
    /// views; left out, with a warning, when the page already has it (an
    /// id names one element, and links already go to the first).
    fn raw_id(
        &mut self,
        id: String,
        whole: Range<usize>,
        pos: Pos,
        edits: &mut Vec<(Range<usize>, String)>,
    ) {
        if super::ids::taken(&self.used_ids, &id) {
            self.out.diags.push(
                Diagnostic::warning(self.input.path, pos, crate::msg!("md-id-taken", id = &id))
                    .with_hint(crate::msg!("md-id-taken-hint")),
            );
            edits.push((whole, String::new()));
            return;
        }
        self.used_ids.insert(id.clone(), 0);
        let prefix = self.input.id_prefix;
        if !prefix.is_empty() {
            edits.push((
                whole,
                format!("id={}", tags::quoted(&format!("{prefix}{id}"))),
            ));
        }
        self.out.anchors.push(id);
    }

    /// One reference in raw HTML: resolved like a Markdown one, except that
    /// a `#fragment` is checked but kept as written (it may name an `id` of
    /// raw HTML), and a link to an unpublished draft is `None` (the
    /// attribute is dropped).
    fn raw_reference(&mut self, written: &str, what: &'static str, pos: Pos) -> Option<String> {
        let dest = written.trim();
        if is_script_url(dest) {
            if !self.env.unsafe_html {
                self.script_url_removed(what, pos);
            }
            return Some(written.to_string());
        }
        if let Some(frag) = dest.strip_prefix('#') {
            // `#` alone is the top of the page.
            if frag.is_empty() {
                return Some(written.to_string());
            }
            self.local_fragments.push((frag.to_string(), pos));
            let prefix = self.input.id_prefix;
            return Some(if prefix.is_empty() {
                written.to_string()
            } else {
                format!("#{prefix}{frag}")
            });
        }
        let new = self.rewrite_link(dest, what, pos);
        if new.is_empty() && !dest.is_empty() {
            None
        } else if new == dest {
            Some(written.to_string())
        } else {
            Some(new)
        }
    }

    /// A `srcset`: each candidate's URL resolved, descriptors kept.
    fn srcset(&mut self, written: &str, pos: Pos) -> String {
        let mut changed = false;
        let candidates: Vec<String> = written
            .split(',')
            .map(|c| {
                let c = c.trim();
                let (url, descriptor) = c.split_at(c.find(char::is_whitespace).unwrap_or(c.len()));
                if url.is_empty() {
                    return c.to_string();
                }
                let new = self
                    .raw_reference(url, "image", pos)
                    .unwrap_or_else(|| url.to_string());
                changed |= new != url;
                format!("{new}{descriptor}")
            })
            .collect();
        if changed {
            candidates.join(", ")
        } else {
            written.to_string()
        }
    }

    /// The warning for a script address that the sanitiser takes out.
    pub(super) fn script_url_removed(&mut self, what: &str, pos: Pos) {
        self.out.diags.push(
            Diagnostic::warning(
                self.input.path,
                pos,
                crate::msg!("md-script-url", what = what),
            )
            .with_hint(crate::msg!("md-script-url-hint")),
        );
    }
}

/// The level of a heading element's name (`h1`…`h6`).
fn heading_level(name: &str) -> Option<u8> {
    let n = name.strip_prefix('h')?.parse::<u8>().ok()?;
    (1..=6).contains(&n).then_some(n)
}

/// Offset in the body of offset `at` in the joined `parts`: exact when the
/// part is the body's text as it is, else the part's start (a line inside
/// a block quote or a list loses its prefix).
fn body_offset(body: &str, parts: &[Part], at: usize) -> usize {
    let mut joined = 0;
    for (k, (text, range)) in parts.iter().enumerate() {
        if at < joined + text.len() || k + 1 == parts.len() {
            let within = at.saturating_sub(joined);
            return if body.get(range.clone()) == Some(*text) {
                range.start + within.min(text.len())
            } else {
                range.start
            };
        }
        joined += text.len();
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_urls() {
        assert!(is_script_url("javascript:alert(1)"));
        assert!(is_script_url(" JavaScript:alert(1)"));
        assert!(is_script_url("java\tscript:x"));
        assert!(is_script_url("vbscript:x"));
        assert!(is_script_url("DATA:text/html;base64,xx"));
        assert!(!is_script_url("data:image/png;base64,xx"));
        assert!(!is_script_url("https://a.cn/javascript:"));
        assert!(!is_script_url("javascript.md"));
    }

    #[test]
    fn offsets_map_into_the_body() {
        let body = "x\n<div>\n<img src=a>\n";
        let parts: Vec<Part> = vec![(&body[2..8], 2..8), (&body[8..20], 8..20)];
        assert_eq!(body_offset(body, &parts, 0), 2);
        assert_eq!(body_offset(body, &parts, 6), 8);
        // A part that is not the body's text maps to its start.
        let parts: Vec<Part> = vec![("<img src=a>", 5..18)];
        assert_eq!(body_offset("> x\n> <img src=a>", &parts, 3), 5);
    }
}
