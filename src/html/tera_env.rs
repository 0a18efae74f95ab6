//! One compiled Tera 2 instance per build, with casebook's functions and
//! filters, and template errors turned into `path:line:col` diagnostics.

use std::sync::Arc;

use tera::{Kwargs, State, Tera, TeraResult, Value};

use crate::config::Language;
use crate::diag::{Diagnostic, Pos};
use crate::html::theme::Theme;
use crate::urls::Urls;

/// Variable every page context sets to its own site path; `url()` reads it.
pub(crate) const CURRENT_PATH: &str = "current_path";

pub(crate) fn build(
    theme: &Theme,
    urls: Arc<Urls>,
    lang: Language,
) -> Result<Tera, Vec<Diagnostic>> {
    let mut tera = Tera::new();
    tera.autoescape_on([".html", ".htm", ".xml", ".svg"]);

    let u = urls.clone();
    tera.register_function(
        "url",
        move |kwargs: Kwargs, state: &State| -> TeraResult<String> {
            let path: String = kwargs.must_get("path")?;
            let from: String = state.get(CURRENT_PATH)?.unwrap_or_default();
            Ok(u.href(&from, path.trim_start_matches('/')))
        },
    );
    let u = urls.clone();
    tera.register_function(
        "abs_url",
        move |kwargs: Kwargs, _: &State| -> TeraResult<String> {
            let path: String = kwargs.must_get("path")?;
            Ok(u.absolute(path.trim_start_matches('/')))
        },
    );
    // `{{ d | date }}`: an ISO date in the reader's language (2023年5月12日).
    tera.register_filter(
        "date",
        move |v: String, kwargs: Kwargs, _: &State| -> TeraResult<String> {
            let short = kwargs.get::<bool>("short")?.unwrap_or(false);
            Ok(crate::present::format_date(&v, lang, short))
        },
    );
    // JSON for a <script> block: `<`, `>`, `&` escaped so content cannot close it.
    tera.register_filter(
        "json",
        |v: Value, _: Kwargs, _: &State| -> TeraResult<Value> {
            let s = serde_json::to_string(&v).unwrap_or_else(|_| "null".into());
            Ok(Value::safe_string(&script_safe_json(&s)))
        },
    );
    // `{{ title | words }}`: a title that wraps between words, not inside
    // one (see `text::words_html`); already escaped.
    tera.register_filter(
        "words",
        |v: String, _: Kwargs, _: &State| -> TeraResult<Value> {
            Ok(Value::safe_string(&crate::text::words_html(&v)))
        },
    );
    // `{{ value | percent(of=target) }}`: 0–100, for progress bars.
    tera.register_filter(
        "percent",
        |v: f64, kwargs: Kwargs, _: &State| -> TeraResult<f64> {
            let of: f64 = kwargs.must_get("of")?;
            Ok(if of > 0.0 {
                (v / of * 100.0).clamp(0.0, 100.0).round()
            } else {
                0.0
            })
        },
    );
    // `{{ n | num }}`: a number without a needless `.0`.
    tera.register_filter(
        "num",
        |v: f64, _: Kwargs, _: &State| -> TeraResult<String> { Ok(format_number(v)) },
    );

    let sources: Vec<(String, String)> = theme
        .templates
        .iter()
        .map(|t| (t.name.clone(), t.text.clone()))
        .collect();
    if let Err(e) = tera.add_raw_templates(sources) {
        return Err(vec![template_error(theme, &e)]);
    }
    Ok(tera)
}

pub(crate) fn format_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

pub(crate) fn script_safe_json(s: &str) -> String {
    s.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

/// A Tera error as a diagnostic naming the template file, line and column.
pub(crate) fn template_error(theme: &Theme, e: &tera::Error) -> Diagnostic {
    use std::error::Error as _;
    let mut report: Option<&tera::ReportError> = None;
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => report = Some(r),
        _ => {}
    }
    // Rendering errors raised inside filters wrap the report in a chain.
    let mut source = e.source();
    while report.is_none() {
        let Some(s) = source else { break };
        if let Some(te) = s.downcast_ref::<tera::Error>()
            && let tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) = te.kind()
        {
            report = Some(r);
        }
        source = s.source();
    }
    let mut message = e.to_string();
    let mut chain = e.source();
    while let Some(s) = chain {
        message.push_str(": ");
        message.push_str(&s.to_string());
        chain = s.source();
    }
    match report {
        Some(r) => {
            let origin = theme
                .templates
                .iter()
                .find(|t| t.name == r.filename())
                .map_or_else(
                    || format!("templates/{}", r.filename()),
                    |t| t.origin.clone(),
                );
            let span = r.span();
            Diagnostic::error(
                origin,
                Pos::new(span.start_line as u32, span.start_col as u32 + 1),
                crate::msg!("html-template-error", cause = r.message()),
            )
            .with_hint(crate::msg!("html-template-vars-hint"))
        }
        None => {
            match located(&message) {
                // Some errors (e.g. an unknown filter) carry their place only in
                // the rendered report text: "--> page.html:3:19".
                Some((name, line, col, cause)) => {
                    let origin = theme
                        .templates
                        .iter()
                        .find(|t| t.name == name)
                        .map_or_else(|| format!("templates/{name}"), |t| t.origin.clone());
                    Diagnostic::error(
                        origin,
                        Pos::new(line, col),
                        crate::msg!("html-template-error", cause = cause),
                    )
                    .with_hint(crate::msg!("html-template-filters-hint"))
                }
                None => Diagnostic::error(
                    "templates",
                    Pos::START,
                    crate::msg!("html-template-error", cause = first_line(&message)),
                ),
            }
        }
    }
}

/// Finds `--> name:line:col` in a Tera report and the cause before it.
fn located(message: &str) -> Option<(String, u32, u32, String)> {
    let at = message.find("--> ")?;
    let rest = &message[at + 4..];
    let loc = rest.split_whitespace().next()?;
    let mut parts = loc.rsplitn(3, ':');
    let col: u32 = parts.next()?.parse().ok()?;
    let line: u32 = parts.next()?.parse().ok()?;
    let name = parts.next()?.to_string();
    let cause = message[..at]
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| l.trim_start_matches("error:").trim())
        .collect::<Vec<_>>()
        .join(" ");
    Some((name, line, col, cause))
}

fn first_line(s: &str) -> String {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_mistake_is_named_at_its_place() {
        let theme = Theme {
            templates: vec![crate::html::theme::TemplateSource {
                name: "page.html".into(),
                text: "<p>\n{% if %}</p>".into(),
                origin: "templates/page.html".into(),
            }],
            static_files: Default::default(),
            translations: Default::default(),
            archetypes: Default::default(),
        };
        let urls = Arc::new(Urls::new(crate::urls::UrlMode::Pretty, "/"));
        let d = build(&theme, urls, Language::ZhCn).unwrap_err().remove(0);
        assert_eq!(d.path, "templates/page.html");
        assert_eq!(d.pos.line, 2, "{d:?}");
        assert_eq!(d.message.key(), "html-template-error");
        assert!(
            d.message
                .render(Language::En)
                .starts_with("template error: "),
            "{d:?}"
        );
        assert!(d.message.render(Language::ZhCn).starts_with("模板错误："));
    }
}
