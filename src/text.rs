//! Small text helpers shared by model and render: CJK detection (for soft
//! line breaks), plain-text extraction, and HTML/attribute escaping.

/// The Markdown dialect of every document, for every reader of it (plain
/// text here, the page renderer, the search index): one set of options.
pub fn markdown_options() -> pulldown_cmark::Options {
    use pulldown_cmark::Options;
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Characters between which a line break must not become a space: Han,
/// kana, Hangul and CJK/full-width punctuation.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF   // radicals
        | 0x3000..=0x303F // CJK symbols and punctuation 、。「」
        | 0x3040..=0x30FF // kana
        | 0x3100..=0x312F // bopomofo
        | 0x3130..=0x318F // hangul jamo
        | 0x31C0..=0x31EF // strokes
        | 0x3200..=0x9FFF // enclosed, compatibility, ext A, unified
        | 0xAC00..=0xD7AF // hangul
        | 0xF900..=0xFAFF // compatibility ideographs
        | 0xFE30..=0xFE4F // compatibility forms
        | 0xFF00..=0xFFEF // full-width forms ，！（）
        | 0x20000..=0x3FFFF)
        || matches!(c, '“' | '”' | '‘' | '’' | '…' | '—' | '·')
}

/// Whether a soft break between `before` and `after` should vanish.
pub fn drop_soft_break(before: Option<char>, after: Option<char>) -> bool {
    match (before, after) {
        (Some(b), Some(a)) => is_cjk(b) && is_cjk(a),
        _ => false,
    }
}

/// Plain text of the first paragraph of a Markdown body (the default case
/// summary). CJK line breaks are dropped, others become spaces.
pub fn first_paragraph(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut out = String::new();
    let mut inside = false;
    let mut pending_break = false;
    for ev in Parser::new_ext(markdown, markdown_options()) {
        match ev {
            Event::Start(Tag::Paragraph) => inside = true,
            Event::End(TagEnd::Paragraph) if inside => break,
            Event::Text(t) | Event::Code(t) if inside => {
                if pending_break {
                    if !drop_soft_break(out.chars().last(), t.chars().next()) {
                        out.push(' ');
                    }
                    pending_break = false;
                }
                out.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak if inside => pending_break = true,
            _ => {}
        }
    }
    out.trim().to_string()
}

/// Plain text of a whole Markdown body (search index), block boundaries as
/// newlines; code blocks are kept (document numbers live there too).
pub fn plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser, TagEnd};
    let mut out = String::with_capacity(markdown.len() / 2);
    let mut pending_break = false;
    for ev in Parser::new_ext(markdown, markdown_options()) {
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

/// A fast non-cryptographic hash for change detection and cache keys.
/// Each 8-byte word is xored in and mixed (multiply, then xor-shift so high
/// bits feed back into low ones: plain FxHash collides on paths that differ
/// in a few digits); a murmur3 finaliser ends it. std's SipHash is several
/// times slower on megabytes.
pub fn fast_hash(bytes: &[u8]) -> u64 {
    const P: u64 = 0x9E37_79B9_7F4A_7C15;
    let mix = |x: u64| {
        let y = x.wrapping_mul(P);
        y ^ (y >> 32)
    };
    let mut h = (bytes.len() as u64).wrapping_mul(P);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        h = mix(h ^ u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]));
    }
    let mut last = [0u8; 8];
    last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    h = mix(h ^ u64::from_le_bytes(last) ^ 0xff);
    // murmur3 fmix64
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// A path's identity for cache keys: the hash of its bytes.
pub fn path_id(p: &std::path::Path) -> u64 {
    fast_hash(p.as_os_str().as_encoded_bytes())
}

/// Shortens to at most `max` characters on a character boundary, adding `…`.
pub fn truncate_chars(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
    t.push('…');
    t
}

pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_hash_has_no_collisions_on_similar_paths() {
        let mut seen = std::collections::HashSet::new();
        for i in 0..50_000 {
            assert!(seen.insert(fast_hash(
                format!("/site/content/cases/case-{i:05}.md").as_bytes()
            )));
        }
        assert_ne!(fast_hash(b"ab"), fast_hash(b"ab\0"));
    }

    #[test]
    fn summary_drops_cjk_breaks() {
        let md = "## 背景\n\n第一段文字，\n继续写。Second\nline.\n\n第二段。";
        assert_eq!(first_paragraph(md), "第一段文字，继续写。Second line.");
    }

    #[test]
    fn plain() {
        assert_eq!(
            plain_text("# 标题\n\n正文**加粗**。\n\n- 一\n- 二"),
            "标题\n正文加粗。\n一\n二"
        );
    }
}
