//! Raw HTML made safe and valid: ammonia keeps the tags and attributes
//! listed here (no script, no event handler, no script address) with
//! values HTML5 accepts ([`values`]), and a repair pass over its output
//! ([`repair`]) fixes what it leaves that HTML5 forbids where it stands,
//! so that a page is valid and accessible whatever an editor pasted.

mod repair;
mod values;

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

pub(super) use repair::Context;

/// Sanitises a body's HTML (`html` holds raw HTML) and repairs the result.
pub(super) fn clean(html: &str, cx: &Context) -> String {
    repair::repair(&sanitizer().clean(html).to_string(), cx)
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
/// ammonia allows by default. Not `cite` (a reader never sees it, and
/// pasted ones are seldom valid URLs) nor `headers` (it must name cells
/// of the same table, which pasted tables seldom have).
const PER_TAG: [(&str, &[&str]); 14] = [
    ("a", &["href", "hreflang"]),
    ("bdo", &["dir"]),
    ("del", &["datetime"]),
    ("ins", &["datetime"]),
    ("time", &["datetime"]),
    ("data", &["value"]),
    (
        "img",
        &[
            "src", "alt", "width", "height", "loading", "decoding", "srcset", "sizes",
        ],
    ),
    ("ol", &["start", "reversed"]),
    ("td", &["colspan", "rowspan", "style"]),
    ("th", &["colspan", "rowspan", "scope", "style"]),
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
        b.attribute_filter(values::filter);
        b
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const CX: Context = Context {
        heading_base: 1,
        summary: "详情",
    };

    fn clean(html: &str) -> String {
        super::clean(html, &CX)
    }

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
    fn links_with_nothing_to_read_and_nested_links_are_unwrapped() {
        assert_eq!(
            clean("<p><a href=\"https://a.cn/\"> <span></span></a>文</p>"),
            "<p> <span></span>文</p>"
        );
        assert_eq!(
            clean("<a href=\"/x/\"><img src=\"a.png\" alt=\"图\"></a>"),
            "<a href=\"/x/\" rel=\"noopener noreferrer\"><img src=\"a.png\" alt=\"图\"></a>"
        );
        assert_eq!(
            clean("<details><summary><a href=\"/x/\">摘要</a></summary>文</details>"),
            "<details><summary><span>摘要</span></summary>文</details>"
        );
        assert_eq!(clean("<ul><a href=\"/x/\"></a></ul>"), "<ul><li></li></ul>");
    }

    #[test]
    fn headings_terms_and_captions_take_their_places() {
        assert_eq!(
            clean("<h2>甲</h2><h5>乙</h5><h3>丙</h3>"),
            "<h2>甲</h2><h3>乙</h3><h3>丙</h3>"
        );
        assert_eq!(
            clean("<dl><dt>词</dt></dl><dl><dd>释</dd></dl>"),
            "<dl><dt>词</dt><dd></dd></dl><dl><dt></dt><dd>释</dd></dl>"
        );
        assert_eq!(
            clean("<details><p>x</p></details><details></details>"),
            "<details><summary>详情</summary><p>x</p></details><details><summary>详情</summary></details>"
        );
        assert_eq!(
            clean("<figure><p>x</p><figcaption>a</figcaption><p>y</p></figure>"),
            "<figure><p>x</p><div>a</div><p>y</p></figure>"
        );
        assert_eq!(
            clean("<figure><figcaption>a</figcaption><p>y</p><figcaption>b</figcaption></figure>"),
            "<figure><figcaption>a</figcaption><p>y</p><div>b</div></figure>"
        );
        assert_eq!(
            clean("<p><time>明天</time><span aria-label=\"x\" role=\"note\">注</span></p>"),
            "<p><span>明天</span><span aria-label=\"x\" role=\"note\">注</span></p>"
        );
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
