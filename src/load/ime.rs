//! The mistakes a Chinese input method makes in front matter and in
//! casebook.toml: full-width punctuation where TOML or YAML needs ASCII
//! (`＝`, `：`, `“…”`, `，`, `［…］`), full-width digits, and dates written
//! the way Chinese documents write them (`2024年6月12日`, `2024.6.12`,
//! `2024/6/12`).
//!
//! A parser would report each as a generic syntax error, often on another
//! line, and stop there. Scanning the lines first names the character and
//! the fix at its place; the text is then mended (each mistake read as
//! what the editor meant) so that parsing and checking go on and the
//! file's other errors are reported in the same run. Lines never move, so
//! positions on other lines stay exact.

use crate::i18n::Msg;
use crate::msg;

/// One mistake: where it is in the scanned text, and what to say.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Mistake {
    pub offset: usize,
    /// Length in characters of what is underlined.
    pub len: usize,
    pub message: Msg,
    /// Ends by saying to switch the input method to English punctuation.
    pub hint: Msg,
}

/// The mistakes of a TOML (`yaml == false`) or YAML text, and the text
/// mended (`None` when there were none).
pub(crate) fn scan(text: &str, yaml: bool) -> (Vec<Mistake>, Option<String>) {
    let mut found = Vec::new();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix('\n') {
            Some(b) => (b, "\n"),
            None => (line, ""),
        };
        let mended = if body.trim_start().starts_with('#') {
            None
        } else {
            mend_line(body, at, yaml, &mut found)
        };
        out.push_str(mended.as_deref().unwrap_or(body));
        out.push_str(end);
        at += line.len();
    }
    if found.is_empty() {
        (found, None)
    } else {
        (found, Some(out))
    }
}

/// One line: the mistakes found, the line mended.
fn mend_line(line: &str, at: usize, yaml: bool, found: &mut Vec<Mistake>) -> Option<String> {
    let before = found.len();
    let mut line = line.to_string();
    // A table header in full-width brackets: ［［honours］］.
    let lead = line.len() - line.trim_start().len();
    if !yaml && line[lead..].starts_with('［') {
        found.push(Mistake {
            offset: at + lead,
            len: 1,
            message: Msg::new("load-ime-wide-bracket"),
            hint: Msg::new("load-ime-wide-bracket-hint"),
        });
        line = line.replace('［', "[").replace('］', "]");
    }
    let Some((key_end, sep)) = separator(&line, yaml) else {
        return (found.len() > before).then_some(line);
    };
    let key = line[..key_end].trim().trim_start_matches("- ").trim();
    let wide = sep == '＝' || sep == '：';
    if wide {
        let want = if yaml {
            format!("{key}: …")
        } else {
            format!("{key} = …")
        };
        let ascii = if yaml { ":" } else { "=" };
        found.push(Mistake {
            offset: at + key_end,
            len: 1,
            message: msg!("load-ime-wide-separator", separator = sep, key = key),
            hint: msg!(
                "load-ime-wide-separator-hint",
                example = want,
                ascii = ascii
            ),
        });
    }
    let value_start = key_end + sep.len_utf8();
    let value = &line[value_start..];
    let mended_value = mend_value(value, at + value_start, key, yaml, found);
    if found.len() == before {
        return None;
    }
    let sep_out = match (wide, yaml) {
        (false, _) => sep.to_string(),
        (true, true) => ": ".to_string(),
        (true, false) => "=".to_string(),
    };
    let value_out = mended_value.unwrap_or_else(|| value.to_string());
    Some(format!("{}{sep_out}{value_out}", &line[..key_end]))
}

/// Where a `key = value` (or `key: value`) line's separator is: after a
/// plain key, the first `=`/`＝`/`：` (TOML) or `:`/`：` (YAML).
fn separator(line: &str, yaml: bool) -> Option<(usize, char)> {
    let key_char =
        |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ' ' | '\t' | '"');
    for (i, c) in line.char_indices() {
        let is_sep = match c {
            '＝' | '：' => true,
            '=' => !yaml,
            ':' => yaml,
            _ => false,
        };
        if is_sep {
            let key = line[..i].trim().trim_start_matches("- ");
            return (!key.is_empty()).then_some((i, c));
        }
        if !key_char(c) {
            return None;
        }
    }
    None
}

/// A value's mistakes: a date written another way, full-width quotes or
/// commas (TOML), full-width digits outside quotes.
fn mend_value(
    value: &str,
    at: usize,
    key: &str,
    yaml: bool,
    found: &mut Vec<Mistake>,
) -> Option<String> {
    let lead = value.len() - value.trim_start().len();
    let v = value.trim();
    if let Some(date) = chinese_date(v) {
        let (example, format) = if yaml {
            (format!("{key}: {date}"), "yaml")
        } else {
            (format!("{key} = {date}"), "toml")
        };
        found.push(Mistake {
            offset: at + lead,
            len: v.chars().count(),
            message: msg!("load-ime-date", value = v),
            hint: msg!("load-ime-date-hint", example = example, format = format),
        });
        return Some(format!("{}{date}", &value[..lead]));
    }
    let mut mended = None;
    if !yaml {
        mended = toml_quotes(value, at, key, found);
    }
    let current = mended.clone().unwrap_or_else(|| value.to_string());
    if let Some(digits) = wide_digits(&current, at, yaml, found) {
        mended = Some(digits);
    }
    mended
}

/// TOML: full-width quotes or commas outside strings. A value opening
/// with `“` and closing with `”` is read as a string; one that opens with
/// `“` and goes on (`“一窗通办”让…`, a title that begins with a quotation)
/// is read as a string holding it all.
fn toml_quotes(value: &str, at: usize, key: &str, found: &mut Vec<Mistake>) -> Option<String> {
    const OPEN: [char; 3] = ['“', '”', '＂'];
    let lead = value.len() - value.trim_start().len();
    // The value without the spaces around it (empty when there is none).
    let v = value.trim();
    let first = v.chars().next()?;
    if OPEN.contains(&first) {
        let inner = &v[first.len_utf8()..];
        // Marks around the whole value stand for quotes; otherwise they
        // belong to the text and stay inside the quotes.
        let text = match inner.chars().last() {
            Some(c) if OPEN.contains(&c) && !inner[..inner.len() - c.len_utf8()].contains(OPEN) => {
                &inner[..inner.len() - c.len_utf8()]
            }
            _ => v,
        };
        let example = format!("{key} = \"{text}\"");
        found.push(Mistake {
            offset: at + lead,
            len: 1,
            message: msg!("load-ime-chinese-quotes", key = key),
            hint: msg!("load-ime-chinese-quotes-hint", example = example),
        });
        return Some(format!("{}{}", &value[..lead], toml_string(text)));
    }
    // Outside strings: `，` between list items, `“…”` around them.
    if !value.contains(['，', '“', '”']) {
        return None;
    }
    let mut out = String::with_capacity(value.len());
    let mut in_string: Option<char> = None;
    let mut first_at = None;
    for (i, c) in value.char_indices() {
        match (in_string, c) {
            (Some(q), _) if c == q => {
                in_string = None;
                out.push(c);
            }
            (Some(_), _) => out.push(c),
            (None, '"' | '\'') => {
                in_string = Some(c);
                out.push(c);
            }
            (None, '，') => {
                first_at.get_or_insert(i);
                out.push(',');
            }
            (None, '“' | '”') => {
                first_at.get_or_insert(i);
                out.push('"');
            }
            (None, _) => out.push(c),
        }
    }
    let i = first_at?;
    let c = value[i..].chars().next().unwrap_or('，');
    found.push(Mistake {
        offset: at + i,
        len: 1,
        message: msg!("load-ime-wide-in-value", character = c, key = key),
        hint: Msg::new("load-ime-wide-in-value-hint"),
    });
    Some(out)
}

/// A TOML string holding `text` as it is.
fn toml_string(text: &str) -> String {
    let mut s = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            _ => s.push(c),
        }
    }
    s.push('"');
    s
}

/// Full-width digits outside quotes: `３４` for 34.
fn wide_digits(value: &str, at: usize, yaml: bool, found: &mut Vec<Mistake>) -> Option<String> {
    let mut out = String::with_capacity(value.len());
    let mut quote: Option<char> = None;
    let mut first = None;
    for (i, c) in value.char_indices() {
        match (quote, c) {
            (Some(q), _) if c == q => quote = None,
            (None, '"' | '\'') if !yaml => quote = Some(c),
            (None, '０'..='９') => {
                first.get_or_insert(i);
                out.push(ascii_digit(c));
                continue;
            }
            _ => {}
        }
        out.push(c);
    }
    let i = first?;
    let run: String = value[i..]
        .chars()
        .take_while(|c| ('０'..='９').contains(c))
        .collect();
    let ascii: String = run.chars().map(ascii_digit).collect();
    found.push(Mistake {
        offset: at + i,
        len: run.chars().count(),
        message: msg!("load-ime-wide-digits", digits = run),
        hint: msg!("load-ime-wide-digits-hint", ascii = ascii),
    });
    Some(out)
}

/// The ASCII digit of a full-width one (`３` → `3`).
fn ascii_digit(wide: char) -> char {
    char::from_digit(wide as u32 - '０' as u32, 10).unwrap_or(wide)
}

/// `2024年6月12日`, `2024.6.12`, `2024/6/12`, `2024-6-12` (bare or in
/// quotes of either kind, digits of either width) as `2024-06-12`, when
/// that day exists. A date already written `2024-06-12` is not one.
pub(crate) fn chinese_date(v: &str) -> Option<String> {
    let v = v
        .trim_matches(|c| matches!(c, '"' | '\'' | '“' | '”' | '＂'))
        .trim();
    let ascii: String = v
        .chars()
        .map(|c| match c {
            '０'..='９' => ascii_digit(c),
            '．' | '。' => '.',
            '／' => '/',
            '－' | '—' => '-',
            _ => c,
        })
        .collect();
    let parts: Vec<&str> = if let Some(rest) = ascii.strip_suffix('日') {
        let (y, rest) = rest.split_once('年')?;
        let (m, d) = rest.split_once('月')?;
        vec![y, m, d]
    } else {
        let sep = ['.', '/', '-'].into_iter().find(|s| ascii.contains(*s))?;
        ascii.split(sep).collect()
    };
    let [y, m, d] = parts[..] else {
        return None;
    };
    let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !(digits(y, 4..=4) && digits(m, 1..=2) && digits(d, 1..=2)) {
        return None;
    }
    let date = format!("{y}-{m:0>2}-{d:0>2}");
    if date == v {
        return None; // already right
    }
    let (year, month, day) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    jiff::civil::Date::new(year, month, day).ok()?;
    Some(date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Language;

    fn toml(text: &str) -> (Vec<String>, String) {
        let (found, fixed) = scan(text, false);
        (
            found
                .iter()
                .map(|m| m.message.render(Language::En))
                .collect(),
            fixed.unwrap_or_else(|| text.to_string()),
        )
    }

    #[test]
    fn wide_separators_and_quotes() {
        let (m, t) = toml("title ＝ “一窗通办”\nunit：\"区政务服务局\"\n");
        assert_eq!(t, "title = \"一窗通办\"\nunit=\"区政务服务局\"\n");
        assert_eq!(m.len(), 3, "{m:?}");
        assert!(m[0].contains("`＝` between `title`"));
        assert!(m[1].contains("Chinese quotation marks"));
        let (_, t) = toml("title = “一窗通办”让企业少跑腿\n");
        assert_eq!(t, "title = \"“一窗通办”让企业少跑腿\"\n");
        let (m, t) = toml("tags = [\"放管服\"，“一窗”]\n");
        assert_eq!(t, "tags = [\"放管服\",\"一窗\"]\n");
        assert_eq!(m.len(), 1);
        let (m, t) = toml("［［honours］］\n");
        assert_eq!((m.len(), t.as_str()), (1, "[[honours]]\n"));
    }

    #[test]
    fn said_in_both_languages() {
        let (found, _) = scan("title ＝ \"一窗通办\"\n", false);
        let m = &found[0];
        assert_eq!(m.message.key(), "load-ime-wide-separator");
        assert_eq!(
            m.message.render(Language::En),
            "full-width `＝` between `title` and its value"
        );
        assert_eq!(
            m.hint.render(Language::En),
            "write `title = …` with the English `=`; switch the input method to English punctuation (中/英 key or Shift) and type it again"
        );
        assert_eq!(
            m.message.render(Language::ZhCn),
            "`title` 和它的值之间用了全角的 `＝`"
        );
        assert!(
            m.hint
                .render(Language::ZhCn)
                .starts_with("请写成 `title = …`，用英文的 `=`；"),
            "{}",
            m.hint.render(Language::ZhCn)
        );
        let (found, _) = scan("date = 2024年6月12日\n", false);
        assert_eq!(
            found[0].hint.render(Language::En),
            "write date = 2024-06-12: dates are YYYY-MM-DD, in English digits joined by -, with two-digit month and day, without quotes"
        );
        let (found, _) = scan("date: 2024年6月12日\n", true);
        assert_eq!(
            found[0].hint.render(Language::En),
            "write date: 2024-06-12: dates are YYYY-MM-DD, in English digits joined by -, with two-digit month and day"
        );
    }

    #[test]
    fn dates_and_digits() {
        for (v, want) in [
            ("2024年6月12日", "2024-06-12"),
            ("2024.6.12", "2024-06-12"),
            ("\"2024/6/12\"", "2024-06-12"),
            ("２０２４年６月１２日", "2024-06-12"),
            ("2024-6-2", "2024-06-02"),
        ] {
            let (m, t) = toml(&format!("date = {v}\n"));
            assert_eq!(t, format!("date = {want}\n"), "{v}");
            assert_eq!(m, [format!("date written as {v}")]);
        }
        // Right already, or not a day: left to the parser.
        for v in ["2024-06-12", "2024年2月30日", "2024.13.1"] {
            assert!(scan(&format!("date = {v}\n"), false).0.is_empty(), "{v}");
        }
        let (m, t) = toml("value = ３４\ntitle = \"第３４项\"\n");
        assert_eq!(t, "value = 34\ntitle = \"第３４项\"\n");
        assert_eq!(m, ["full-width digits `３４`"]);
    }

    #[test]
    fn yaml_lines() {
        let (found, fixed) = scan(
            "title：一窗通办\ndate: 2024年6月12日\ntitle2: “引号”是文字\n",
            true,
        );
        assert_eq!(
            fixed.unwrap(),
            "title: 一窗通办\ndate: 2024-06-12\ntitle2: “引号”是文字\n"
        );
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].offset, "title".len());
    }

    #[test]
    fn empty_and_blank_values_are_left_to_the_parser() {
        // Found by the fuzzer: a value of spaces only.
        for text in ["gfin = \n", "a =    \n", "a =", "a：", "a = “", "a = ”  \n"] {
            let _ = scan(text, false);
            let _ = scan(text, true);
        }
    }

    #[test]
    fn comments_and_right_lines_are_left_alone() {
        assert_eq!(
            scan("# 标题：x ＝ y\ntitle = \"a：b＝c\"\n", false),
            (vec![], None)
        );
    }
}
