//! The typeset PDF of a compilation (编印), a sibling of the website on the
//! renderer seam. Typst runs in-process as a library: the volume is made
//! from the same presentation records and resolved Markdown as the print
//! view ([`volume`], [`markup`]), set in the system's fonts ([`fonts`])
//! through our own small [`world`], and written as PDF with a fixed
//! identity and date so the same inputs give the same bytes.

mod fonts;
mod markup;
mod volume;
mod world;

use std::collections::HashMap;

use typst::diag::Severity;
use typst::foundations::Smart;
use typst_layout::PagedDocument;

use crate::diag::{Diagnostic, Diagnostics, Pos};
use crate::model::Site;
use crate::output::{Renderer, Sink};

pub(crate) use volume::Words;

/// Which compilations a run typesets, and where each goes in the sink.
pub(crate) enum Which {
    /// Every compilation, as `compilations/<slug>/<slug>.pdf` (`[pdf] build`).
    All,
    /// One compilation, to this sink path (`casebook pdf`).
    One { index: usize, to: String },
    /// Every compilation's fonts and characters checked, nothing typeset
    /// (`casebook check` with `[pdf] build`).
    Check,
}

/// The PDF renderer.
pub(crate) struct Pdf<'t> {
    words: Words<'t>,
    which: Which,
    fonts: Option<fonts::Fonts>,
    progress: Option<&'t (dyn Fn(usize, usize) + Sync)>,
    /// Pages of each volume written, by compilation index.
    pub pages: Vec<(usize, usize)>,
}

/// Site path of compilation `slug`'s PDF when builds make one.
pub(crate) fn site_path(slug: &str) -> String {
    format!("compilations/{slug}/{slug}.pdf")
}

impl<'t> Pdf<'t> {
    pub(crate) fn new(words: Words<'t>, which: Which) -> Self {
        Pdf {
            words,
            which,
            fonts: None,
            progress: None,
            pages: Vec::new(),
        }
    }

    pub(crate) fn with_progress(mut self, p: &'t (dyn Fn(usize, usize) + Sync)) -> Self {
        self.progress = Some(p);
        self
    }

    /// Typesets compilation `k`: the PDF bytes, its page count, warnings.
    fn typeset(
        &mut self,
        site: &Site,
        k: usize,
    ) -> Result<(Vec<u8>, usize, Diagnostics), crate::Error> {
        let cfg = &site.config.pdf;
        let fonts = self
            .fonts
            .get_or_insert_with(|| fonts::Fonts::load(&site.root, cfg));
        if !fonts.has_cjk() {
            return Err(crate::Error::Usage(crate::msg!("pdf-no-cjk-font")));
        }
        let comp_path = site.compilations[k].doc.meta.path.clone();
        let chosen = fonts.choose(cfg);
        let mut warnings: Vec<Diagnostic> = chosen
            .substitutes
            .iter()
            .map(|(role, wanted, used)| {
                Diagnostic::warning(
                    crate::config::CONFIG_FILE,
                    cfg.font_pos[*role as usize],
                    crate::msg!(
                        "pdf-font-substituted",
                        role = role.key(),
                        wanted = wanted,
                        used = used
                    ),
                )
                .with_hint(crate::msg!(
                    "pdf-font-substituted-hint",
                    wanted = wanted,
                    role = role.key()
                ))
            })
            .collect();
        let prepared = volume::prepare(site, k, self.words, &chosen);
        let total = prepared.members * 6 + 1;
        let tick = |done: usize| {
            if let Some(p) = self.progress {
                p(done, total);
            }
        };
        tick(prepared.members);
        let missing = missing_glyphs(fonts, &prepared.texts);
        if !missing.is_empty() {
            return Err(crate::Error::content(missing));
        }
        if matches!(self.which, Which::Check) {
            return Ok((Vec::new(), 0, Diagnostics::sorted(warnings)));
        }
        let world = world::Volume::new(fonts, prepared.source, &prepared.images, site);
        let compiled = typst::compile::<PagedDocument>(&world);
        let doc = compiled
            .output
            .map_err(|errs| crate::Error::content(typst_errors(&world, &comp_path, &errs)))?;
        warnings.extend(
            compiled
                .warnings
                .iter()
                .filter(|w| w.severity == Severity::Warning && !is_font_warning(&w.message))
                .map(|w| {
                    Diagnostic::warning(
                        &comp_path,
                        Pos::START,
                        crate::msg!("pdf-typesetting-warning", message = w.message.as_str()),
                    )
                }),
        );
        tick(prepared.members * 5);
        // The layout is done: its memoised intermediate results are not
        // needed for writing the PDF, and dropping them lowers the peak.
        typst::comemo::evict(0);
        let options = typst_pdf::PdfOptions {
            ident: Smart::Custom(format!("casebook:{}", site.compilations[k].doc.meta.slug)),
            creator: Smart::Custom(Some("casebook".into())),
            ..Default::default()
        };
        let bytes = typst_pdf::pdf(&doc, &options)
            .map_err(|errs| crate::Error::content(typst_errors(&world, &comp_path, &errs)))?;
        tick(total);
        Ok((bytes, doc.pages().len(), Diagnostics::sorted(warnings)))
    }
}

/// Families we asked for that are not installed: already reported, once
/// per role, by our own substitute warning.
fn is_font_warning(message: &str) -> bool {
    message.starts_with("unknown font family")
}

/// Typst's errors, which point into our generated source: a bug of ours or
/// a picture it could not read. Named by the compilation, with Typst's
/// words and the line of the generated source for a bug report.
fn typst_errors(
    world: &world::Volume,
    comp_path: &str,
    errs: &[typst::diag::SourceDiagnostic],
) -> Vec<Diagnostic> {
    errs.iter()
        .map(|e| {
            let typst_hint = e
                .hints
                .iter()
                .map(|h| h.v.to_string())
                .collect::<Vec<_>>()
                .join("; ");
            let line = typst::WorldExt::range(world, e.span)
                .and_then(|range| world.source().lines().byte_to_line(range.start))
                .map(|l| l + 1);
            let hint = match (typst_hint.is_empty(), line) {
                (true, None) => None,
                (true, Some(line)) => Some(crate::msg!("pdf-typeset-hint-line", line = line)),
                (false, None) => Some(crate::msg!("pdf-typst-hint", hint = typst_hint)),
                (false, Some(line)) => Some(crate::msg!(
                    "pdf-typst-hint-at-line",
                    hint = typst_hint,
                    line = line
                )),
            };
            Diagnostic::error(
                comp_path,
                Pos::START,
                crate::msg!("pdf-cannot-typeset", message = e.message.as_str()),
            )
            .with_hint_opt(hint)
        })
        .collect()
}

/// Characters no available font has: an error for each, at its first place
/// in the document that prints it, instead of an empty box on paper.
fn missing_glyphs(fonts: &fonts::Fonts, texts: &[volume::DocText]) -> Vec<Diagnostic> {
    let mut known: HashMap<char, bool> = HashMap::new();
    let mut out = Vec::new();
    for doc in texts {
        let mut reported: Vec<char> = Vec::new();
        for c in doc.text.chars() {
            if c.is_whitespace() || c.is_control() || reported.contains(&c) {
                continue;
            }
            let has = *known.entry(c).or_insert_with(|| fonts.covers(c));
            if !has {
                reported.push(c);
                let pos = std::fs::read_to_string(&doc.abs_path)
                    .ok()
                    .and_then(|s| position_of(&s, c))
                    .unwrap_or(Pos::START);
                out.push(
                    Diagnostic::error(
                        &doc.path,
                        pos,
                        crate::msg!(
                            "pdf-missing-glyph",
                            char = c,
                            code = format!("{:04X}", c as u32)
                        ),
                    )
                    .with_hint(crate::msg!("pdf-missing-glyph-hint")),
                );
            }
        }
    }
    out
}

/// 1-based line and column (in characters) of the first `c` in `text`.
fn position_of(text: &str, c: char) -> Option<Pos> {
    let at = text.find(c)?;
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    Some(Pos {
        line: line as u32,
        col: col as u32,
    })
}

impl Renderer for Pdf<'_> {
    fn name(&self) -> &'static str {
        "pdf"
    }

    fn render(&mut self, site: &Site, sink: &dyn Sink) -> Result<Diagnostics, crate::Error> {
        let jobs: Vec<(usize, String)> = match &self.which {
            Which::All | Which::Check => (0..site.compilations.len())
                .map(|k| (k, site_path(&site.compilations[k].doc.meta.slug)))
                .collect(),
            Which::One { index, to } => vec![(*index, to.clone())],
        };
        let mut warnings: Vec<Diagnostic> = Vec::new();
        let mut errors: Vec<Diagnostic> = Vec::new();
        for (k, to) in jobs {
            match self.typeset(site, k) {
                Ok((bytes, pages, w)) => {
                    for d in w.into_vec() {
                        if !warnings.contains(&d) {
                            warnings.push(d);
                        }
                    }
                    if !matches!(self.which, Which::Check) {
                        sink.put(&to, &bytes)
                            .map_err(crate::Error::io("io-cannot-write", &to))?;
                        self.pages.push((k, pages));
                    }
                }
                Err(crate::Error::Content(d)) => errors.extend(d.into_vec()),
                Err(e) => return Err(e),
            }
        }
        if !errors.is_empty() {
            return Err(crate::Error::content(errors));
        }
        Ok(Diagnostics::sorted(warnings))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_chinese_font_says_what_to_install() {
        use crate::i18n::Language;
        let m = crate::msg!("pdf-no-cjk-font");
        let en = m.render(Language::En);
        assert!(
            en.starts_with(
                "no font that can set Chinese text was found\n  hint: install a Chinese font"
            ),
            "{en}"
        );
        assert!(en.contains("fonts-noto-cjk"), "{en}");
        let zh = m.render(Language::ZhCn);
        assert!(zh.starts_with("没有找到能排印中文的字体\n  提示："), "{zh}");
    }

    #[test]
    fn positions_count_characters() {
        assert_eq!(
            position_of("ab\n中文𠀀x", '𠀀'),
            Some(Pos { line: 2, col: 3 })
        );
        assert_eq!(position_of("𠀀", '𠀀'), Some(Pos { line: 1, col: 1 }));
        assert_eq!(position_of("abc", 'x'), None);
    }

    #[test]
    fn literals_print_what_they_hold() {
        assert_eq!(markup::lit("#import \"x\"\\"), "\"#import \\\"x\\\"\\\\\"");
        assert_eq!(markup::lit("a\nb\u{1}"), "\"a\\nb\\u{1}\"");
    }
}
