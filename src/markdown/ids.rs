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

/// Ids the built-in theme gives the parts of its pages (its templates and
/// scripts), which no body may take: a heading that would gets `-1`, and
/// raw HTML's `id` is left out, so that every id names one element. Kept
/// in step with the templates by a test of the HTML renderer.
pub(crate) const THEME_IDS: &[&str] = &[
    "brand-cases-title",
    "brand-figures-title",
    "brand-summaries-title",
    "brand-title",
    "brands-title",
    "browse-title",
    "by-kind-cap",
    "by-kind-title",
    "by-level-cap",
    "by-level-title",
    "case-filters",
    "case-pages",
    "case-title",
    "casebook-viewer-caption",
    "compilations-title",
    "contents",
    "contents-title",
    "cover-title",
    "featured-title",
    "figures-title",
    "filter-field",
    "filter-kind",
    "filter-level",
    "filter-region",
    "filter-results",
    "filter-year",
    "gallery",
    "gallery-title",
    "hero-title",
    "highlights-title",
    "kinds-cap",
    "kinds-title",
    "latest-title",
    "main",
    "media-title",
    "metrics-title",
    "milestones-title",
    "overview-title",
    "page-title",
    "photo-title",
    "pilots-cap",
    "pilots-title",
    "print-hint-title",
    "q",
    "recog-cap",
    "recog-title",
    "recognition-title",
    "related-title",
    "search-form",
    "search-results",
    "search-status",
    "site-q",
    "summary-title",
    "toc-title",
    "vol-contents-title",
];

/// Beginnings of the ids the theme and the footnotes number: `chapter-3`
/// (a compilation's chapters, shown with its preface), `metric-2` and
/// `home-metric-2` (a summary's figures), `albums-g2` (the albums page's
/// groups), `fn-1` and `fnref-1`.
pub(crate) const NUMBERED_IDS: &[&str] = &[
    "chapter-",
    "metric-",
    "home-metric-",
    "albums-g",
    "fn-",
    "fnref-",
];

/// Whether the page around a body, or its footnotes, use `id`.
pub(super) fn page_id(id: &str) -> bool {
    THEME_IDS.contains(&id)
        || NUMBERED_IDS.iter().any(|p| {
            id.strip_prefix(p)
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        })
}

/// Whether `id` is taken on the page: by the document so far or by the
/// page around it.
pub(super) fn taken(used: &HashMap<String, usize>, id: &str) -> bool {
    used.contains_key(id) || page_id(id)
}

/// `base`, or `base-1`, `base-2`… when it is taken.
pub(super) fn unique_id(used: &mut HashMap<String, usize>, base: String) -> String {
    if !taken(used, &base) {
        used.insert(base.clone(), 0);
        return base;
    }
    let mut n = used.get(&base).copied().unwrap_or(0);
    loop {
        n += 1;
        let candidate = format!("{base}-{n}");
        if !taken(used, &candidate) {
            used.insert(base, n);
            used.insert(candidate.clone(), 0);
            return candidate;
        }
    }
}

/// The ids a document has, for a message about one it does not have.
pub(crate) fn anchor_hint(anchors: &[String]) -> crate::i18n::Msg {
    if anchors.is_empty() {
        crate::msg!("md-no-headings")
    } else {
        let list: Vec<String> = anchors
            .iter()
            .filter(|a| !a.starts_with("fn-"))
            .take(12)
            .map(|a| format!("#{a}"))
            .collect();
        crate::msg!(
            "md-heading-ids",
            list = list.join(&crate::i18n::t("list-separator"))
        )
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
    fn ids_of_the_page_are_not_taken_by_headings() {
        let mut used = HashMap::new();
        assert_eq!(unique_id(&mut used, "main".into()), "main-1");
        assert_eq!(unique_id(&mut used, "main".into()), "main-2");
        assert_eq!(unique_id(&mut used, "chapter-2".into()), "chapter-2-1");
        assert_eq!(unique_id(&mut used, "chapter-a".into()), "chapter-a");
        assert_eq!(unique_id(&mut used, "fn-1".into()), "fn-1-1");
        assert_eq!(unique_id(&mut used, "背景".into()), "背景");
        assert_eq!(unique_id(&mut used, "背景".into()), "背景-1");
    }

    #[test]
    fn slugs_for_chinese_headings() {
        assert_eq!(heading_slug("一、改革背景"), "一改革背景");
        assert_eq!(heading_slug("Main Results (2023)"), "main-results-2023");
    }

    #[test]
    fn anchor_hints_in_both_languages() {
        use crate::i18n::Language;
        let hint = anchor_hint(&["背景".to_string(), "fn-1".to_string()]);
        assert_eq!(hint.key(), "md-heading-ids");
        assert!(
            hint.render(Language::En)
                .starts_with("headings give ids like #背景"),
            "{hint:?}"
        );
        let none = anchor_hint(&[]);
        assert_eq!(none.render(Language::En), "the document has no headings");
        assert_eq!(none.render(Language::ZhCn), "本文档没有标题");
    }

    #[test]
    fn heading_shift_stops_at_h6() {
        assert_eq!(shifted(HeadingLevel::H2, 2), HeadingLevel::H4);
        assert_eq!(shifted(HeadingLevel::H4, 2), HeadingLevel::H6);
        assert_eq!(shifted(HeadingLevel::H5, 2), HeadingLevel::H6);
        assert_eq!(shifted(HeadingLevel::H3, 0), HeadingLevel::H3);
    }
}
