//! Diagnostics: every content mistake becomes a [`Diagnostic`] with a file
//! position, a one-line cause and an optional hint. Stages push into a shared
//! [`Diagnostics`] list so that one run reports every problem at once.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

use crate::i18n::Msg;

/// 1-based line and column (columns count characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

impl Pos {
    pub const START: Pos = Pos { line: 1, col: 1 };
    pub fn new(line: u32, col: u32) -> Pos {
        Pos {
            line: line.max(1),
            col: col.max(1),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site root, with `/` separators.
    pub path: String,
    pub pos: Pos,
    /// Characters to underline, from `pos` (0 = just a caret).
    pub len: u32,
    pub message: Msg,
    pub hint: Option<Msg>,
}

impl Diagnostic {
    pub fn error(path: impl Into<String>, pos: Pos, message: impl Into<Msg>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            pos,
            len: 0,
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(path: impl Into<String>, pos: Pos, message: impl Into<Msg>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, pos, message)
        }
    }

    pub fn with_hint(mut self, hint: impl Into<Msg>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    /// Replaces the hint, or removes it (`None`).
    pub fn with_hint_opt(mut self, hint: Option<Msg>) -> Diagnostic {
        self.hint = hint;
        self
    }

    pub fn with_len(mut self, len: usize) -> Diagnostic {
        self.len = len.min(u32::MAX as usize) as u32;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `path:line:col`
    pub fn location(&self) -> String {
        format!("{}:{}:{}", self.path, self.pos.line, self.pos.col)
    }

    /// One line: `path:line:col: error: cause (hint: …)`, used in logs
    /// and tests, in the current language.
    pub fn one_line(&self) -> String {
        let line = match self.severity {
            Severity::Error => crate::msg!(
                "one-line-error",
                location = self.location(),
                message = self.message.clone()
            ),
            Severity::Warning => crate::msg!(
                "one-line-warning",
                location = self.location(),
                message = self.message.clone()
            ),
        };
        match &self.hint {
            Some(h) => crate::msg!("one-line-hint", line = line, hint = h.clone()).to_string(),
            None => line.to_string(),
        }
    }
}

/// The collected diagnostics of one run. Sorted by path and position when
/// reported, so output is stable whatever order stages found them in.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Collects diagnostics in report order (by file, then position).
    pub fn sorted(diags: impl IntoIterator<Item = Diagnostic>) -> Self {
        let mut d = Diagnostics::new();
        d.extend(diags);
        d.sort();
        d
    }

    pub fn new() -> Self {
        Self::default()
    }
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }
    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }
    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            (&a.path, a.pos, a.severity, &a.message).cmp(&(&b.path, b.pos, b.severity, &b.message))
        });
        self.items.dedup();
    }
    pub fn items(&self) -> &[Diagnostic] {
        &self.items
    }
    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }
}

/// Reads source lines for snippets; diagnostics point into files of the site.
pub struct Reporter {
    root: PathBuf,
    color: bool,
}

impl Reporter {
    pub fn new(root: &Path, color: bool) -> Reporter {
        Reporter {
            root: root.to_path_buf(),
            color,
        }
    }

    /// Renders every diagnostic rustc-style, then a count line.
    pub fn render(&self, diags: &Diagnostics) -> String {
        let mut out = String::new();
        let mut cache: Vec<(String, Option<Arc<Vec<String>>>)> = Vec::new();
        for d in diags.items() {
            let lines = match cache.iter().find(|(p, _)| p == &d.path) {
                Some((_, l)) => l.clone(),
                None => {
                    let l = read_lines(&self.root, &d.path).map(Arc::new);
                    cache.push((d.path.clone(), l.clone()));
                    l
                }
            };
            let line = lines
                .as_ref()
                .and_then(|l| l.get(d.pos.line as usize - 1).cloned());
            out.push_str(&render_one(d, line.as_deref(), self.color));
            out.push('\n');
        }
        let (e, w) = (diags.error_count(), diags.warning_count());
        if e > 0 || w > 0 {
            out.push_str(&summary_line(e, w));
            out.push('\n');
        }
        out
    }
}

/// The closing line of a report: how many errors and warnings.
pub fn summary_line(errors: usize, warnings: usize) -> String {
    match (errors, warnings) {
        (0, w) => crate::msg!("summary-warnings", warnings = w),
        (e, 0) => crate::msg!("summary-errors", errors = e),
        (e, w) => crate::msg!("summary-errors-warnings", errors = e, warnings = w),
    }
    .to_string()
}

/// The lines of a file to quote, if it resolves inside the site: an error
/// about a link that leads outside must not print what it points to.
fn read_lines(root: &Path, rel: &str) -> Option<Vec<String>> {
    let base = crate::confine::canonical_base(root);
    let path = crate::confine::file(&base, &root.join(rel)).ok()?;
    let bytes = crate::confine::read(&path).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    Some(
        text.split('\n')
            .map(|l| l.strip_suffix('\r').unwrap_or(l).to_string())
            .collect(),
    )
}

fn render_one(d: &Diagnostic, line: Option<&str>, color: bool) -> String {
    use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let level = level.with_name(crate::i18n::t(match d.severity {
        Severity::Error => "severity-error",
        Severity::Warning => "severity-warning",
    }));
    let message = d.message.to_string();
    let title = level.primary_title(message.as_str());
    let group = match line {
        // Very long lines (minified data, a 20 MB paragraph) are not worth quoting.
        Some(src) if src.len() <= 400 => {
            let start = char_to_byte(src, d.pos.col as usize - 1);
            let end = char_to_byte(src, d.pos.col as usize - 1 + d.len.max(1) as usize);
            let end = end.max(start);
            Group::with_title(title).element(
                Snippet::source(src)
                    .line_start(d.pos.line as usize)
                    .path(d.path.as_str())
                    .annotation(AnnotationKind::Primary.span(start..end)),
            )
        }
        _ => Group::with_title(title).element(
            annotate_snippets::Origin::path(d.path.as_str())
                .line(d.pos.line as usize)
                .char_column(d.pos.col as usize),
        ),
    };
    let mut report = vec![group];
    let hint = d.hint.as_ref().map(ToString::to_string);
    if let Some(h) = &hint {
        let help = Level::HELP.with_name(crate::i18n::t("severity-help"));
        report.push(Group::with_title(help.secondary_title(h.as_str())));
    }
    renderer.render(&report).to_string()
}

fn char_to_byte(s: &str, chars: usize) -> usize {
    s.char_indices()
        .nth(chars)
        .map(|(i, _)| i)
        .unwrap_or(s.len())
}

/// "did you mean" helper: the closest candidate within a small edit distance.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let w = word.to_lowercase();
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let score = strsim::jaro_winkler(&w, &c.to_lowercase());
        if score > 0.8 && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| c)
}

/// Hint listing allowed values and, where one is close, a suggestion.
pub fn allowed_hint(word: &str, allowed: &[&str]) -> Msg {
    let list = allowed
        .iter()
        .map(|a| format!("\"{a}\""))
        .collect::<Vec<_>>()
        .join(&crate::i18n::t("list-separator"));
    match did_you_mean(word, allowed.iter().copied()) {
        Some(s) => crate::msg!(
            "did-you-mean-allowed",
            suggestion = format!("\"{s}\""),
            list = list
        ),
        None => crate::msg!("allowed-values", list = list),
    }
}

#[cfg(test)]
mod count_tests {
    use crate::i18n::Language;
    use crate::msg;

    #[test]
    fn counts_in_both_languages() {
        let m = msg!(
            "summary-errors-warnings",
            errors = 1_usize,
            warnings = 1_usize
        );
        assert_eq!(m.render(Language::En), "1 error and 1 warning found");
        assert_eq!(m.render(Language::ZhCn), "发现 1 个错误、1 个警告");
        let m = msg!("summary-warnings", warnings = 3_usize);
        assert_eq!(m.render(Language::En), "3 warnings");
    }
}
