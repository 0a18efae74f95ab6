//! A small HTML start-tag reader for raw HTML in Markdown bodies: where each
//! start tag and each of its attributes is, as byte ranges into the text,
//! so that references can be checked at their place and rewritten in place.
//! It follows the tokenizer of the HTML standard for tags, comments and
//! raw-text elements; it builds no tree and changes nothing.

use std::ops::Range;

/// One attribute as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Attr {
    /// Lowercased, as HTML compares attribute names.
    pub name: String,
    /// From the first character of the name to the end of the value.
    pub whole: Range<usize>,
    /// The value without its quotes, if there is one.
    pub value: Option<Range<usize>>,
}

/// One start tag as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct StartTag {
    /// Lowercased.
    pub name: String,
    /// Offset of its `<`.
    pub start: usize,
    pub attrs: Vec<Attr>,
}

impl StartTag {
    pub(super) fn attr(&self, name: &str) -> Option<&Attr> {
        self.attrs.iter().find(|a| a.name == name)
    }
}

/// Elements whose content is text up to their end tag, never markup.
const RAW_TEXT: [&str; 8] = [
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// Every start tag of `html`, in order. Comments, doctypes, end tags and
/// the content of raw-text elements (`<script>`, `<style>`…) are skipped;
/// a tag cut off by the end of the text still counts.
pub(super) fn start_tags(html: &str) -> Vec<StartTag> {
    let b = html.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while let Some(k) = html[i..].find('<') {
        let lt = i + k;
        let rest = &html[lt..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            i = comment.find("-->").map_or(html.len(), |e| lt + 4 + e + 3);
        } else if rest.starts_with("<!") || rest.starts_with("<?") || rest.starts_with("</") {
            i = rest.find('>').map_or(html.len(), |e| lt + e + 1);
        } else if b.get(lt + 1).is_some_and(u8::is_ascii_alphabetic) {
            let (tag, end) = start_tag(html, lt);
            i = end;
            if RAW_TEXT.contains(&tag.name.as_str()) {
                i = raw_text_end(html, end, &tag.name);
            }
            tags.push(tag);
        } else {
            i = lt + 1;
        }
    }
    tags
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// The start tag at `lt` and the offset just after it.
fn start_tag(html: &str, lt: usize) -> (StartTag, usize) {
    let b = html.as_bytes();
    let mut i = lt + 1;
    while i < b.len() && !is_space(b[i]) && b[i] != b'/' && b[i] != b'>' {
        i += 1;
    }
    let mut tag = StartTag {
        name: html[lt + 1..i].to_ascii_lowercase(),
        start: lt,
        attrs: Vec::new(),
    };
    loop {
        while i < b.len() && (is_space(b[i]) || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() {
            return (tag, i);
        }
        if b[i] == b'>' {
            return (tag, i + 1);
        }
        let name_start = i;
        // A leading `=` belongs to the name, as in the standard.
        i += 1;
        while i < b.len() && !is_space(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        let name = html[name_start..i].to_ascii_lowercase();
        let mut j = i;
        while j < b.len() && is_space(b[j]) {
            j += 1;
        }
        let mut value = None;
        if b.get(j) == Some(&b'=') {
            j += 1;
            while j < b.len() && is_space(b[j]) {
                j += 1;
            }
            let (v, end) = attr_value(html, j);
            value = Some(v);
            i = end;
        }
        tag.attrs.push(Attr {
            name,
            whole: name_start..i,
            value,
        });
    }
}

/// An attribute value starting at `i`: its content and the offset after it
/// (after the closing quote).
fn attr_value(html: &str, i: usize) -> (Range<usize>, usize) {
    let b = html.as_bytes();
    match b.get(i) {
        Some(&q @ (b'"' | b'\'')) => match html[i + 1..].find(q as char) {
            Some(e) => (i + 1..i + 1 + e, i + 1 + e + 1),
            None => (i + 1..html.len(), html.len()),
        },
        _ => {
            let mut e = i;
            while e < b.len() && !is_space(b[e]) && b[e] != b'>' {
                e += 1;
            }
            (i..e, e)
        }
    }
}

/// Where the content of a raw-text element that starts at `from` ends:
/// after its end tag, or at the end of the text.
fn raw_text_end(html: &str, from: usize, name: &str) -> usize {
    let close = format!("</{name}");
    let lower = html[from..].to_ascii_lowercase();
    lower.find(&close).map_or(html.len(), |k| {
        let after = from + k;
        html[after..]
            .find('>')
            .map_or(html.len(), |e| after + e + 1)
    })
}

/// An attribute value with its character references decoded (the common
/// named ones and numeric ones; others are left as written).
pub(super) fn decode(value: &str) -> String {
    if !value.contains('&') {
        return value.to_string();
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(k) = rest.find('&') {
        out.push_str(&rest[..k]);
        rest = &rest[k..];
        // Browsers end a numeric reference at its last digit, `;` or not
        // (`&#0000106&#0000097…` spells `ja…`): so must a check for
        // script addresses.
        if let Some((c, len)) = numeric(rest) {
            out.push(c);
            rest = &rest[len..];
            continue;
        }
        let semi = rest.find(';').filter(|&s| s <= 10);
        let decoded = semi.and_then(|s| reference(&rest[1..s]));
        match (semi, decoded) {
            (Some(s), Some(c)) => {
                out.push(c);
                rest = &rest[s + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A numeric character reference at the start of `s` (`&#106;`, `&#x6A`,
/// `&#0000106`): the character and the bytes it takes, `;` included.
fn numeric(s: &str) -> Option<(char, usize)> {
    let body = s.strip_prefix("&#")?;
    let (hex, digits) = match body.strip_prefix(['x', 'X']) {
        Some(h) => (true, h),
        None => (false, body),
    };
    let n = digits
        .bytes()
        .take_while(|b| {
            if hex {
                b.is_ascii_hexdigit()
            } else {
                b.is_ascii_digit()
            }
        })
        .count();
    if n == 0 {
        return None;
    }
    let code = u32::from_str_radix(&digits[..n], if hex { 16 } else { 10 }).ok()?;
    let c = char::from_u32(code).filter(|&c| c != '\0')?;
    let mut len = 2 + usize::from(hex) + n;
    if s[len..].starts_with(';') {
        len += 1;
    }
    Some((c, len))
}

fn reference(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some('\u{a0}'),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code).filter(|&c| c != '\0')
        }
    }
}

/// A value written back into a double-quoted attribute.
pub(super) fn quoted(value: &str) -> String {
    format!("\"{}\"", value.replace('&', "&amp;").replace('"', "&quot;"))
}

#[cfg(test)]
mod tests {
    use super::*;

    type Read = (String, Vec<(String, Option<String>)>);

    fn names(html: &str) -> Vec<Read> {
        start_tags(html)
            .into_iter()
            .map(|t| {
                let attrs = t
                    .attrs
                    .iter()
                    .map(|a| (a.name.clone(), a.value.clone().map(|v| html[v].to_string())))
                    .collect();
                (t.name, attrs)
            })
            .collect()
    }

    #[test]
    fn reads_tags_and_attributes() {
        let html = "<p class=x><IMG SRC = 'a b.png' alt=\"\" hidden/>text</p>";
        let tags = names(html);
        assert_eq!(tags[0].0, "p");
        assert_eq!(tags[0].1, [("class".into(), Some("x".into()))]);
        assert_eq!(tags[1].0, "img");
        assert_eq!(
            tags[1].1,
            [
                ("src".into(), Some("a b.png".into())),
                ("alt".into(), Some(String::new())),
                ("hidden".into(), None),
            ]
        );
        let img = &start_tags(html)[1];
        assert_eq!(img.start, 11);
        assert_eq!(&html[img.attrs[0].whole.clone()], "SRC = 'a b.png'");
    }

    #[test]
    fn skips_comments_end_tags_and_raw_text() {
        let html = "<!-- <img src=a> --></div><script>x = '<img src=b>'</script><a href=c>";
        let tags = names(html);
        assert_eq!(tags.len(), 2);
        assert_eq!(tags[0].0, "script");
        assert_eq!(tags[1].1, [("href".into(), Some("c".into()))]);
        // A lone `<` is text; a tag cut off at the end still counts.
        assert_eq!(names("1 < 2 <img src=\"x")[0].1[0].1.as_deref(), Some("x"));
    }

    #[test]
    fn decodes_and_quotes() {
        assert_eq!(
            decode("a&amp;b&#x4E00;&#20108;&unknown;&"),
            "a&b一二&unknown;&"
        );
        // Without the `;`, as browsers read them.
        assert_eq!(decode("&#0000106&#0000097v&#x61&#X3A;x"), "java:x");
        assert_eq!(decode("&#;&#x;&#12a"), "&#;&#x;\u{c}a");
        assert_eq!(quoted("a\"&b"), "\"a&quot;&amp;b\"");
    }
}
