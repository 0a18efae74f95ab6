//! A compilation as an editable Word document (.docx), a sibling of the
//! website and the PDF on the renderer seam: the same volume walk as the
//! PDF ([`crate::present::paper`]) written with docx-rs into real Word
//! styles ([`styles`]), and packed by us ([`package`]) so the same inputs
//! give the same bytes.

mod body;
mod package;
mod styles;
mod volume;

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::Site;
use crate::output::{Renderer, Sink};
use crate::present::paper::Words;

/// Which compilations a run writes, and where each goes in the sink.
pub(crate) enum Which {
    /// Every compilation, as `compilations/<slug>/<slug>.docx` (`[docx] build`).
    All,
    /// One compilation, to this sink path (`casebook docx`).
    One { index: usize, to: String },
}

/// Site path of compilation `slug`'s Word document when builds make one.
pub(crate) fn site_path(slug: &str) -> String {
    format!("compilations/{slug}/{slug}.docx")
}

/// The Word renderer.
pub(crate) struct Word<'t> {
    words: Words<'t>,
    which: Which,
    /// Per compilation written: (index, pictures, footnotes).
    pub made: Vec<(usize, usize, usize)>,
}

impl<'t> Word<'t> {
    pub(crate) fn new(words: Words<'t>, which: Which) -> Self {
        Word {
            words,
            which,
            made: Vec::new(),
        }
    }
}

/// The document date: the compilation's, else SOURCE_DATE_EPOCH, else none
/// (never the clock, so a rebuild gives the same bytes).
fn document_date(site: &Site, k: usize) -> Option<String> {
    crate::present::paper::document_date(site, k)
        .map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}T00:00:00Z"))
}

/// Compilation `k` as .docx bytes, with the warnings of writing it.
pub(crate) fn write(
    site: &Site,
    k: usize,
    words: Words,
) -> Result<(Vec<u8>, usize, usize, Vec<Diagnostic>), crate::Error> {
    let c = &site.compilations[k].doc;
    let (docx, shared) = volume::document(site, k, words);
    let docx = docx.build();
    let props = package::Properties {
        title: &c.title,
        author: c.editor.as_deref(),
        language: site.config.language.code(),
        date: document_date(site, k),
    };
    let bytes = package::pack(docx, &props, &shared.alts)
        .map_err(crate::Error::io("io-cannot-write", &c.meta.path))?;
    Ok((bytes, shared.pictures, shared.footnotes, shared.warnings))
}

impl Renderer for Word<'_> {
    fn name(&self) -> &'static str {
        "docx"
    }

    fn render(&mut self, site: &Site, sink: &dyn Sink) -> Result<Diagnostics, crate::Error> {
        let jobs: Vec<(usize, String)> = match &self.which {
            Which::All => (0..site.compilations.len())
                .map(|k| (k, site_path(&site.compilations[k].doc.meta.slug)))
                .collect(),
            Which::One { index, to } => vec![(*index, to.clone())],
        };
        let mut warnings: Vec<Diagnostic> = Vec::new();
        for (k, to) in jobs {
            let (bytes, pictures, notes, w) = write(site, k, self.words)?;
            for d in w {
                if !warnings.contains(&d) {
                    warnings.push(d);
                }
            }
            sink.put(&to, &bytes)
                .map_err(crate::Error::io("io-cannot-write", &to))?;
            self.made.push((k, pictures, notes));
        }
        Ok(Diagnostics::sorted(warnings))
    }
}
