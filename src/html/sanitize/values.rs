//! Attribute values the sanitiser keeps: only those HTML5 accepts where they
//! stand (W3C Nu's rules), a few put right (`lang="zh_CN"` → `zh-CN`, a
//! boolean attribute's value emptied), the rest dropped with the attribute.
//! Written here rather than taken from a crate: the checks are small and
//! the crates for language tags or dates accept forms Nu refuses.

use std::borrow::Cow;

/// ammonia's attribute filter: the value to write, or `None` to drop the
/// attribute.
pub(super) fn filter<'u>(element: &str, attr: &str, value: &'u str) -> Option<Cow<'u, str>> {
    let keep = |ok: bool| ok.then_some(Cow::Borrowed(value));
    match (element, attr) {
        // Table cell alignment, as the Markdown writer sets it.
        (_, "style") => keep(
            [
                "text-align: left",
                "text-align: center",
                "text-align: right",
            ]
            .contains(&value.trim().trim_end_matches(';')),
        ),
        (_, "id") => keep(!value.is_empty() && !value.contains(|c: char| c.is_ascii_whitespace())),
        (_, "dir") => keep(["ltr", "rtl", "auto"].contains(&value)),
        (_, "aria-hidden") => keep(["true", "false"].contains(&value)),
        (_, "tabindex") | ("ol", "start") => keep(integer(value).is_some()),
        (_, "lang" | "hreflang") => language(value),
        (_, "role") => role(value).map(Cow::Borrowed),
        (_, "reversed" | "open") => Some(Cow::Borrowed("")),
        ("img", "width" | "height") => keep(digits(value)),
        (_, "colspan" | "span") => keep(integer(value).is_some_and(|n| (1..=1000).contains(&n))),
        (_, "rowspan") => keep(integer(value).is_some_and(|n| (0..=65534).contains(&n))),
        ("th", "scope") => {
            let v = value.to_ascii_lowercase();
            ["row", "col", "rowgroup", "colgroup"]
                .contains(&v.as_str())
                .then_some(Cow::Owned(v))
        }
        ("ins" | "del", "datetime") => keep(date(value) || global_datetime(value)),
        ("time", "datetime") => keep(time_value(value)),
        ("img", "loading") => keep(["lazy", "eager"].contains(&value)),
        ("img", "decoding") => keep(["async", "sync", "auto"].contains(&value)),
        // Our own responsive images (the image stage's derivatives) pass
        // through here when a body also holds raw HTML: only relative
        // candidates, so no image is loaded from another host.
        ("img", "srcset") => keep(
            value
                .split(',')
                .all(|c| !c.contains(':') && !c.trim_start().starts_with("//")),
        ),
        ("img", "sizes") => keep(
            value
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || " (),.-:".contains(c)),
        ),
        _ => Some(Cow::Borrowed(value)),
    }
}

fn digits(v: &str) -> bool {
    !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit())
}

/// A valid integer: optional `-`, digits.
fn integer(v: &str) -> Option<i64> {
    let d = v.strip_prefix('-').unwrap_or(v);
    if digits(d) { v.parse().ok() } else { None }
}

/// The ARIA roles a body may give an element: the ones for document
/// structure that need no required attribute, parent or child (an
/// interactive or landmark role on pasted content would make the page
/// worse for a screen reader, and axe reports it), and the one the
/// footnote list uses. The first allowed one of a list is kept.
const ROLES: [&str; 20] = [
    "article",
    "blockquote",
    "code",
    "definition",
    "deletion",
    "doc-endnotes",
    "emphasis",
    "figure",
    "generic",
    "group",
    "insertion",
    "none",
    "note",
    "paragraph",
    "presentation",
    "strong",
    "subscript",
    "superscript",
    "term",
    "time",
];

fn role(value: &str) -> Option<&str> {
    value.split_ascii_whitespace().find(|r| ROLES.contains(r))
}

/// ISO 639-1 language codes, which W3C Nu checks `lang` against.
const ISO_639_1: &str = "aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co \
cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi \
ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw \
ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc \
oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv \
sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu";

/// A language tag as pasted (`zh_CN` from Office becomes `zh-CN`); empty
/// is kept (it means "unknown"); one whose language is not a known
/// two-letter code, or that is not well formed, is dropped. Three-letter
/// codes are kept when well formed.
fn language(value: &str) -> Option<Cow<'_, str>> {
    let tag = value.trim();
    if tag.is_empty() {
        return Some(Cow::Borrowed(""));
    }
    let fixed = tag.replace('_', "-");
    let mut parts = fixed.split('-');
    let primary = parts.next()?.to_ascii_lowercase();
    let known = match primary.len() {
        2 => ISO_639_1.split_ascii_whitespace().any(|c| c == primary),
        3 => primary.bytes().all(|b| b.is_ascii_lowercase()),
        _ => false,
    };
    let subtags_ok =
        parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()));
    if !(known && subtags_ok) {
        return None;
    }
    Some(if fixed == value {
        Cow::Borrowed(value)
    } else {
        Cow::Owned(fixed)
    })
}

/// `n` ASCII digits, as a number.
fn num(s: &str, n: usize) -> Option<u32> {
    (s.len() == n && digits(s))
        .then(|| s.parse().ok())
        .flatten()
}

/// A valid date string: `YYYY-MM-DD`, a day the month has.
fn date(v: &str) -> bool {
    let mut it = v.splitn(3, '-');
    let (Some(y), Some(m), Some(d)) = (it.next(), it.next(), it.next()) else {
        return false;
    };
    let (Some(year), Some(month), Some(day)) = (
        (y.len() >= 4).then(|| num(y, y.len())).flatten(),
        num(m, 2),
        num(d, 2),
    ) else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    year > 0 && (1..=days).contains(&day)
}

/// A valid time string: `HH:MM`, `HH:MM:SS`, `HH:MM:SS.sss`.
fn time(v: &str) -> bool {
    let (hm, sec) = match v.get(5..6) {
        Some(":") => (&v[..5], Some(&v[6..])),
        _ => (v, None),
    };
    let ok_hm = hm.len() == 5
        && &hm[2..3] == ":"
        && num(&hm[..2], 2).is_some_and(|h| h < 24)
        && num(&hm[3..], 2).is_some_and(|m| m < 60);
    let ok_sec = sec.is_none_or(|s| {
        let (whole, frac) = s.split_once('.').unwrap_or((s, "1"));
        num(whole, 2).is_some_and(|n| n < 60) && (1..=3).contains(&frac.len()) && digits(frac)
    });
    ok_hm && ok_sec
}

/// A date, `T` or a space, a time.
fn local_datetime(v: &str) -> bool {
    v.len() > 11 && matches!(&v[10..11], "T" | " ") && date(&v[..10]) && time(&v[11..])
}

/// A local date and time with a time zone: `Z`, `+08:00` or `+0800`.
fn global_datetime(v: &str) -> bool {
    if let Some(local) = v.strip_suffix('Z') {
        return local_datetime(local);
    }
    let Some(sign) = v.rfind(['+', '-']).filter(|&i| i > 10) else {
        return false;
    };
    let zone = v[sign + 1..].replace(':', "");
    num(&zone, 4).is_some_and(|z| z / 100 < 24 && z % 100 < 60) && local_datetime(&v[..sign])
}

/// A `<time datetime>` value: a date, a month, a year, a day of a year, a
/// week, a time, or a date and time with or without a time zone.
fn time_value(v: &str) -> bool {
    let month = |m: &str| {
        m.split_once('-').is_some_and(|(y, mm)| {
            y.len() >= 4 && digits(y) && num(mm, 2).is_some_and(|n| (1..=12).contains(&n))
        })
    };
    let week = |w: &str| {
        w.split_once("-W").is_some_and(|(y, n)| {
            y.len() >= 4 && digits(y) && num(n, 2).is_some_and(|n| (1..=53).contains(&n))
        })
    };
    date(v)
        || month(v)
        || (v.len() >= 4 && digits(v))
        || date(&format!("2000-{v}"))
        || week(v)
        || time(v)
        || local_datetime(v)
        || global_datetime(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_times() {
        for ok in [
            "2024-02-29",
            "2024-03-01",
            "2024-03",
            "2024",
            "03-01",
            "2024-W09",
            "08:30",
        ] {
            assert!(time_value(ok), "{ok}");
        }
        for ok in [
            "2024-03-01T08:30",
            "2024-03-01 08:30:15.5",
            "2024-03-01T08:30Z",
        ] {
            assert!(time_value(ok), "{ok}");
        }
        assert!(global_datetime("2024-03-01T08:30+08:00"));
        assert!(global_datetime("2024-03-01T08:30:00-0500"));
        for bad in [
            "2024-13-45",
            "2023-02-29",
            "下周二",
            "24:00",
            "2024-3-1",
            "2024-03-01T25:00",
            "",
        ] {
            assert!(!time_value(bad), "{bad}");
        }
        assert!(
            date("2024-03-01") && !date("2024-03-01T08:30") && !global_datetime("2024-03-01T08:30")
        );
    }

    #[test]
    fn languages() {
        assert_eq!(language("zh_CN").as_deref(), Some("zh-CN"));
        assert_eq!(language("zh-Hans-CN").as_deref(), Some("zh-Hans-CN"));
        assert_eq!(language("").as_deref(), Some(""));
        assert_eq!(language("yue").as_deref(), Some("yue"));
        for bad in ["xx", "chinese", "zh--CN", "zh-", "中文"] {
            assert_eq!(language(bad), None, "{bad}");
        }
    }

    #[test]
    fn roles_and_numbers() {
        assert_eq!(role("banana note"), Some("note"));
        assert_eq!(role("button"), None);
        assert!(filter("td", "colspan", "0").is_none());
        assert!(filter("td", "rowspan", "0").is_some());
        assert_eq!(filter("ol", "start", "-2").as_deref(), Some("-2"));
        assert_eq!(filter("ol", "reversed", "yes").as_deref(), Some(""));
        assert_eq!(filter("th", "scope", "ROW").as_deref(), Some("row"));
        assert!(filter("th", "scope", "bad").is_none());
        assert!(filter("ins", "datetime", "2024-03-01T08:30").is_none());
    }
}
