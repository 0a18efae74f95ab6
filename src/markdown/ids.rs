//! Heading ids: slugs of the heading text, made unique in a document, and
//! the hint that lists them when a `#fragment` names none of them.

use std::collections::HashMap;

use pulldown_cmark::HeadingLevel;

/// GitHub-style heading ids, as editors' Markdown previews make them:
/// lowercase, letters and digits of any script kept, spaces to `-`,
/// other punctuation dropped. `## 改革背景` → `改革背景`.
pub(super) fn heading_slug(text: &str) -> String {
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

pub(super) fn unique_id(used: &mut HashMap<String, usize>, base: String) -> String {
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

/// The ids a document has, for a message about one it does not have.
pub(crate) fn anchor_hint(anchors: &[String]) -> String {
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

/// A heading level moved down by `by`, at most h6.
pub(super) fn shifted(level: HeadingLevel, by: u8) -> HeadingLevel {
    level_of(level as u8 + by)
}

/// The heading level numbered `n`, kept within h1–h6.
pub(super) fn level_of(n: u8) -> HeadingLevel {
    match n {
        0 | 1 => HeadingLevel::H1,
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
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
    fn heading_shift_stops_at_h6() {
        assert_eq!(shifted(HeadingLevel::H2, 2), HeadingLevel::H4);
        assert_eq!(shifted(HeadingLevel::H4, 2), HeadingLevel::H6);
        assert_eq!(shifted(HeadingLevel::H5, 2), HeadingLevel::H6);
        assert_eq!(shifted(HeadingLevel::H3, 0), HeadingLevel::H3);
    }
}
