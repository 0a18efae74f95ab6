//! The commands of the `casebook` binary, as library functions. Each
//! returns the warnings of a successful run, or an [`Error`] whose
//! diagnostics the caller prints; `main.rs` only parses arguments.

mod build;
mod bundle;
mod docx;
mod export;
mod import;
mod init;
mod new;
mod pdf;
mod stats;

use std::io::{IsTerminal as _, Write as _};
use std::path::Path;

pub(crate) use build::load_theme;
pub use build::{BuildArgs, build, check};
pub use bundle::bundle;
pub use docx::{DocxArgs, DocxMade, docx};
pub use export::export;
pub use import::{ImportArgs, ImportKind, ImportMade, import};
pub use init::init;
pub use new::{DocKind, new_doc};
pub use pdf::{PdfArgs, PdfMade, pdf};
pub use stats::{stats, stats_table};

use crate::Error;
use crate::diag::{Diagnostics, Reporter};

/// An output file given as a path: the folder it goes in ("." for a bare
/// name) and its file name, for an atomic folder sink.
pub(crate) fn split_output(path: &Path) -> Result<(std::path::PathBuf, String), Error> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| Error::Usage(crate::msg!("cmd-not-a-file-name", path = path)))?;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    Ok((dir.to_path_buf(), name))
}

/// A line on stderr; a closed stderr is not a panic (see [`Ui::report`]).
fn say(line: impl std::fmt::Display) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// How to talk to the person at the terminal.
#[derive(Debug, Clone, Copy)]
pub struct Ui {
    pub quiet: bool,
    pub verbose: bool,
}

impl Ui {
    pub fn color(&self) -> bool {
        std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
    }

    /// Progress bars only on a terminal, and never when quiet.
    pub fn progress(&self) -> bool {
        !self.quiet && std::io::stderr().is_terminal()
    }

    /// A line for the person (a [`crate::i18n::Msg`], in their language),
    /// unless quiet.
    pub fn info(&self, msg: impl std::fmt::Display) {
        if !self.quiet {
            say(msg);
        }
    }

    pub fn detail(&self, msg: impl std::fmt::Display) {
        if self.verbose && !self.quiet {
            say(msg);
        }
    }

    /// Prints diagnostics (errors always; warnings unless quiet).
    pub fn report(&self, root: &Path, diags: &Diagnostics) {
        if diags.is_empty() || (self.quiet && !diags.has_errors()) {
            return;
        }
        let text = Reporter::new(root, self.color()).render(diags);
        // Unlike `eprint!`, a closed stderr is not a panic: `serve` goes on
        // when the terminal that started it has gone.
        let _ = anstream::stderr().write_all(text.as_bytes());
    }

    pub fn report_error(&self, root: &Path, e: &Error) {
        match e {
            Error::Content(d) => self.report(root, d),
            other => say(crate::msg!("error-line", message = other.message())),
        }
    }
}

/// A progress bar for long work, or nothing when not on a terminal (or the
/// work is short); cleared from the terminal when dropped.
pub(crate) struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    pub(crate) fn new(ui: &Ui, total: usize, what: crate::i18n::Msg) -> Progress {
        if !ui.progress() || total < 300 {
            return Progress(None);
        }
        let pb = indicatif::ProgressBar::new(total as u64);
        let style = indicatif::ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> ");
        pb.set_style(style);
        pb.set_message(what.to_string());
        Progress(Some(pb))
    }

    /// The (done, total) callback that renderers and the zip writer call.
    pub(crate) fn callback(&self) -> impl Fn(usize, usize) + Sync + '_ {
        move |done, total| {
            if let Some(pb) = &self.0 {
                pb.set_length(total as u64);
                pb.set_position(done as u64);
            }
        }
    }

    /// Clears the bar (also done when dropped, on an early return).
    pub(crate) fn finish(&self) {
        if let Some(pb) = &self.0 {
            pb.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}
