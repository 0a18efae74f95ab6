//! Small text helpers shared by model and render: the Markdown dialect,
//! CJK detection (for soft line breaks), the first paragraph as plain text
//! (summaries), and HTML/attribute escaping.

/// The Markdown dialect of every document, for every reader of it
/// (summaries here, the `markdown` module for pages and the search index):
/// one set of options.
pub fn markdown_options() -> pulldown_cmark::Options {
    use pulldown_cmark::Options;
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Quotes text for a TOML basic string.
pub(crate) fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
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

// Change detection and cache keys all hash with XXH3 (64-bit): bytes with
// `xxh3_64`, structured keys (tuples of fields, through `Hash`) with
// `Xxh3Default` as the `Hasher`. A collision would make a changed page look
// unchanged and leave it unwritten, so it is a well-studied hash rather
// than one of our own. One hash for both kinds, since keys of one kind are
// built from keys of the other (a page's fingerprint from its source's
// hash). Against std's `DefaultHasher` (SipHash-1-3, 64 bits): as good
// against accidental collisions (SipHash's strength is a secret key, which
// `DefaultHasher::new` does not have), about as fast on small keys and
// several times faster on megabytes (a serialised JSON value). Keys live
// only in memory, for one process: no seed, no stability across versions.

/// A path's identity for cache keys: the hash of its bytes.
pub fn path_id(p: &std::path::Path) -> u64 {
    xxhash_rust::xxh3::xxh3_64(p.as_os_str().as_encoded_bytes())
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

/// A title as HTML that wraps between words, never inside one: escaped,
/// with a line-break opportunity (`<wbr>`) between two Chinese words, in
/// a `<span class="words">` that the theme sets to `word-break: keep-all`
/// (so a browser breaks Chinese only there, at spaces and after
/// punctuation). Without this a phone splits 改革 or 营商 across lines.
/// Words come from ICU's dictionary segmenter (the data Typst already
/// builds in), so no word list of our own is kept.
pub fn words_html(s: &str) -> String {
    use icu_segmenter::WordSegmenter;
    use icu_segmenter::options::WordBreakInvariantOptions;
    let han = |c: Option<char>| {
        c.is_some_and(|c| matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}'))
    };
    let mut out = String::with_capacity(s.len() + 32);
    out.push_str("<span class=\"words\">");
    let bounds: Vec<usize> = WordSegmenter::new_dictionary(WordBreakInvariantOptions::default())
        .segment_str(s)
        .collect();
    // Chinese characters in each segment, or 0 if it is not all Chinese.
    let han_len = |a: usize, b: usize| {
        let seg = &s[a..b];
        if seg.chars().all(|c| han(Some(c))) {
            seg.chars().count()
        } else {
            0
        }
    };
    let mut last = 0;
    for w in bounds.windows(3) {
        let (a, at, b) = (w[0], w[1], w[2]);
        // Only between two words the dictionary knows (two characters or
        // more): a word it does not know (营商, 一窗通办) comes out as
        // single characters, which must stay together.
        if han_len(a, at) >= 2 && han_len(at, b) >= 2 {
            out.push_str(&escape_html(&s[last..at]));
            out.push_str("<wbr>");
            last = at;
        }
    }
    out.push_str(&escape_html(&s[last..]));
    out.push_str("</span>");
    out
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
    #[test]
    fn titles_wrap_between_words() {
        let html = super::words_html("深化营商环境改革 & “一窗通办”");
        assert!(html.starts_with("<span class=\"words\">") && html.ends_with("</span>"));
        // Breaks fall between words only: 改革, 营商, 环境 stay whole.
        for word in ["深化", "营商", "环境", "改革", "一窗"] {
            assert!(html.contains(word), "{word} split in {html}");
        }
        assert!(html.contains("环境<wbr>改革"), "{html}");
        assert!(
            !html.contains("营<wbr>") && !html.contains("一<wbr>"),
            "{html}"
        );
        assert!(html.contains("&amp;"), "escaped: {html}");
        // The text itself is unchanged.
        let text = html
            .replace("<wbr>", "")
            .replace("<span class=\"words\">", "")
            .replace("</span>", "");
        assert_eq!(text, "深化营商环境改革 &amp; “一窗通办”");
        // Latin words are left to the spaces between them.
        assert_eq!(
            super::words_html("Reform in Binzhou"),
            "<span class=\"words\">Reform in Binzhou</span>"
        );
    }

    use super::*;
    use xxhash_rust::xxh3::xxh3_64;

    #[test]
    fn xxh3_has_no_collisions_on_similar_paths() {
        let mut seen = std::collections::HashSet::new();
        for i in 0..50_000 {
            assert!(seen.insert(xxh3_64(
                format!("/site/content/cases/case-{i:05}.md").as_bytes()
            )));
        }
        assert_ne!(xxh3_64(b"ab"), xxh3_64(b"ab\0"));
    }

    #[test]
    fn summary_drops_cjk_breaks() {
        let md = "## 背景\n\n第一段文字，\n继续写。Second\nline.\n\n第二段。";
        assert_eq!(first_paragraph(md), "第一段文字，继续写。Second line.");
    }
}
