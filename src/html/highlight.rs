//! Code blocks: syntect classes (`hl-…`) on the languages it knows, within
//! bounds that keep a build fast, plain escaped code otherwise; and the CSS
//! of the configured highlight theme.

use std::sync::OnceLock;

/// Syntax definitions and theme are loaded once per process.
/// One syntax set per thread: syntect's regexes keep per-search caches in
/// a pool that is slow when threads share it, and each set is cheap to load.
fn with_syntaxes<R>(f: impl FnOnce(&syntect::parsing::SyntaxSet) -> R) -> R {
    thread_local! {
        static SET: syntect::parsing::SyntaxSet = syntect::parsing::SyntaxSet::load_defaults_newlines();
    }
    SET.with(f)
}

const HL_PREFIX: &str = "hl-";

pub(super) fn code_block(code: &str, lang: &str, highlight: bool) -> String {
    let lang_attr = crate::text::escape_html(lang);
    let plain = || {
        format!(
            "<pre class=\"code\" tabindex=\"0\"{}><code>{}</code></pre>\n",
            if lang.is_empty() {
                String::new()
            } else {
                format!(" data-lang=\"{lang_attr}\"")
            },
            crate::text::escape_html(code)
        )
    };
    if !highlight || lang.is_empty() || !within_highlight_bounds(code) {
        return plain();
    }
    with_syntaxes(|ss| highlighted(ss, code, lang).unwrap_or_else(plain))
}

/// Longest line and largest block that are highlighted; bigger ones stay
/// plain. syntect's regexes (fancy-regex, which gives up on a search after
/// a backtracking limit) cost time that grows with the square of a line's
/// length past a few KB, so one long line could stall a build. Measured
/// (release, 2 shared cores): a realistic 200-line, 4.4 KB block takes
/// 0.4-120 ms by language; one 100 KB line took 55 s (Erlang, digits),
/// 10 s (reStructuredText), 7 s (SQL). Up to 4 KB a line, no grammar cost
/// more than 0.5 ms per byte (Makefile, 100-byte lines of `<`), so with
/// both caps a block costs at most ~16 s, and a realistic one under 1 s.
const HL_MAX_LINE: usize = 4 * 1024;
const HL_MAX_BLOCK: usize = 32 * 1024;

fn within_highlight_bounds(code: &str) -> bool {
    code.len() <= HL_MAX_BLOCK && code.lines().all(|l| l.len() <= HL_MAX_LINE)
}

fn highlighted(ss: &syntect::parsing::SyntaxSet, code: &str, lang: &str) -> Option<String> {
    use syntect::html::{ClassStyle, ClassedHTMLGenerator};
    use syntect::util::LinesWithEndings;
    // syntect's default set has no TOML or INI grammar; the Java
    // properties grammar reads `key = value` and `# comments` the same way
    // and is cheap (YAML's grammar, the other near fit, is 40x slower).
    let syntax = match lang.to_ascii_lowercase().as_str() {
        "toml" | "ini" | "cfg" | "conf" | "properties" => ss.find_syntax_by_name("Java Properties"),
        "jsonc" | "json5" | "geojson" => ss.find_syntax_by_token("json"),
        "sh" | "shell" | "console" => ss.find_syntax_by_token("bash"),
        _ => ss.find_syntax_by_token(lang),
    };
    let syntax = syntax?;
    let mut generator = ClassedHTMLGenerator::new_with_class_style(
        syntax,
        ss,
        ClassStyle::SpacedPrefixed { prefix: HL_PREFIX },
    );
    for line in LinesWithEndings::from(code) {
        generator
            .parse_html_for_line_which_includes_newline(line)
            .ok()?;
    }
    Some(format!(
        "<pre class=\"code highlight hl-code\" tabindex=\"0\" data-lang=\"{}\"><code>{}</code></pre>\n",
        crate::text::escape_html(lang),
        generator.finalize()
    ))
}

/// CSS for the configured highlight theme, class-based.
pub(super) fn highlight_css(theme: &str) -> String {
    use syntect::highlighting::ThemeSet;
    use syntect::html::{ClassStyle, css_for_theme_with_class_style};
    // Loading the theme set costs more than a small rebuild: keep it.
    static THEMES: OnceLock<ThemeSet> = OnceLock::new();
    let themes = THEMES.get_or_init(ThemeSet::load_defaults);
    let Some(t) = themes.themes.get(theme) else {
        return String::new();
    };
    css_for_theme_with_class_style(t, ClassStyle::SpacedPrefixed { prefix: HL_PREFIX })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_code_lines_stay_plain_and_escaped() {
        let short = "let a = \"<b>&\";\n";
        let out = code_block(short, "rust", true);
        assert!(
            out.starts_with("<pre class=\"code highlight hl-code\""),
            "{out}"
        );

        // One line past the cap, as a fuzzer or a pasted minified file
        // would write it: shown plain, still escaped.
        let long = format!("let a = \"<b>&\";{}\n", "x".repeat(HL_MAX_LINE));
        let out = code_block(&long, "rust", true);
        assert!(out.starts_with("<pre class=\"code\" tabindex=\"0\" data-lang=\"rust\"><code>let a = &quot;&lt;b&gt;&amp;&quot;;xxx"), "{}", &out[..200]);
        assert!(!out.contains("<b>") && !out.contains("hl-"));

        // Short lines, but more of them than the block cap allows.
        let big = short.repeat(HL_MAX_BLOCK / short.len() + 1);
        assert!(code_block(&big, "rust", true).starts_with("<pre class=\"code\" "));
        let fits = short.repeat(HL_MAX_BLOCK / short.len());
        assert!(code_block(&fits, "rust", true).contains("hl-code"));
    }
}
