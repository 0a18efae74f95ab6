//! The whole pipeline on one case file, as `casebook check` runs it: the
//! input bytes are written as content/cases/x.md of a small site (one temp
//! folder per process, removed at exit; casebook.toml `title = "t"`), then
//! `commands::check` loads, validates, models, renders every Markdown body
//! and every page through the default theme into a null sink. Whatever it
//! returns, the diagnostics are rendered as the CLI prints them (snippets
//! with the line quoted and underlined), since positions come from the
//! untrusted file. It must return, Ok or Err, and never panic.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use casebook::commands::{Ui, check};
use casebook::diag::Reporter;
use libfuzzer_sys::fuzz_target;

#[path = "scratch.rs"]
mod scratch;

fn site() -> &'static Path {
    static ROOT: OnceLock<&'static Path> = OnceLock::new();
    *ROOT.get_or_init(|| {
        let root = scratch::dir("document");
        std::fs::create_dir_all(root.join("content/cases")).unwrap();
        std::fs::write(root.join("casebook.toml"), "title = \"t\"\n").unwrap();
        // A file beside the case, so image/file links can resolve and be copied.
        std::fs::write(root.join("content/cases/liucheng.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>").unwrap();
        root
    })
}

fuzz_target!(|data: &[u8]| {
    let root = site();
    std::fs::write(root.join("content/cases/x.md"), data).unwrap();
    let ui = Ui {
        quiet: true,
        verbose: false,
    };
    let reporter = Reporter::new(root, false);
    let report = match check(root, false, &ui) {
        Ok(warnings) => format!("Ok\n{}", reporter.render(&warnings)),
        Err(casebook::Error::Content(d)) => {
            assert!(d.has_errors(), "Err(Content) without an error");
            format!("Err(Content)\n{}", reporter.render(&d))
        }
        Err(casebook::Error::Usage(u)) => format!("Err(Usage) {u}\n"),
        // Exit 2 in the CLI, like Usage: printed, not a failure in itself.
        Err(e @ casebook::Error::Io { .. }) => format!("Err(Io) {e}\n"),
    };
    // `CASEBOOK_FUZZ_SHOW=1 cargo fuzz run document FILE` prints what
    // casebook made of an input (when triaging or checking seeds).
    if std::env::var_os("CASEBOOK_FUZZ_SHOW").is_some() {
        eprint!("{report}");
    }
});
