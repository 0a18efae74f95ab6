//! Readable ASCII slugs: kept as written when already `[a-z0-9-]+`, else
//! transliterated (Chinese characters to toneless pinyin, one word each).

use pinyin::ToPinyin;

/// Whether `s` is already a valid slug.
pub(crate) fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
}

/// Slug of a file stem, title or taxonomy term. Empty when nothing in `s`
/// can be transliterated (e.g. only punctuation).
pub(crate) fn slugify(s: &str) -> String {
    if is_slug(s) {
        return s.to_string();
    }
    let mut words: Vec<String> = Vec::new();
    let mut ascii = String::new();
    let flush = |ascii: &mut String, words: &mut Vec<String>| {
        if !ascii.is_empty() {
            words.push(std::mem::take(ascii));
        }
    };
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            ascii.push(c.to_ascii_lowercase());
            continue;
        }
        // Full-width letters and digits (Ａ, ２) count as their ASCII forms.
        if ('\u{FF10}'..='\u{FF19}').contains(&c)
            || ('\u{FF21}'..='\u{FF3A}').contains(&c)
            || ('\u{FF41}'..='\u{FF5A}').contains(&c)
        {
            let a = char::from_u32(c as u32 - 0xFEE0).unwrap_or('-');
            ascii.push(a.to_ascii_lowercase());
            continue;
        }
        // Accented Latin letters stay inside their word (café → cafe).
        if let Some(folded) = fold_latin(c) {
            ascii.push_str(folded);
            continue;
        }
        flush(&mut ascii, &mut words);
        if let Some(p) = c.to_pinyin() {
            words.push(p.plain().to_string());
        }
    }
    flush(&mut ascii, &mut words);
    words.join("-")
}

/// Latin letters with diacritics common in names (ü from pinyin, é …).
fn fold_latin(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ä' | 'ā' | 'ǎ' | 'À' | 'Á' | 'Ä' => "a",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ě' | 'É' | 'È' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ǐ' => "i",
        'ò' | 'ó' | 'ô' | 'ö' | 'ō' | 'ǒ' | 'Ö' => "o",
        'ù' | 'ú' | 'û' | 'ū' | 'ǔ' => "u",
        'ü' | 'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' | 'Ü' => "v",
        'ç' => "c",
        'ñ' => "n",
        'ß' => "ss",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinyin() {
        assert_eq!(slugify("一窗通办"), "yi-chuang-tong-ban");
        assert_eq!(slugify("一业一证"), "yi-ye-yi-zheng");
        assert_eq!(slugify("营商环境"), "ying-shang-huan-jing");
    }

    #[test]
    fn mixed_and_ascii() {
        assert_eq!(slugify("already-a-slug-2023"), "already-a-slug-2023");
        assert_eq!(slugify("5G 基站"), "5g-ji-zhan");
        assert_eq!(slugify("Case_01 Final"), "case-01-final");
        assert_eq!(slugify("〔2023〕１２号"), "2023-12-hao");
        assert_eq!(slugify("“放管服”改革"), "fang-guan-fu-gai-ge");
        assert_eq!(slugify("《》"), "");
        assert_eq!(slugify("Café Lüneburg"), "cafe-lvneburg");
    }
}
