//! In memory, no files: the input is decoded, split and parsed as the
//! loader does, then validated as each kind of document in turn (case,
//! summary, brand, compilation, page, home page) on its own with the
//! default configuration. Whenever validation finds no error, the document
//! is modelled (`model::build`, as `load_site` does) and its Markdown body
//! rendered with `html::render_bodies`, alternately with pretty and
//! offline URLs, and with syntax highlighting as in `casebook build` for
//! small inputs (see `HIGHLIGHT_MAX_INPUT`). Faster than `document`, and it
//! reaches every section's validator.
#![no_main]

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use casebook::config::Config;
use casebook::load::{self, RawDoc, Section, frontmatter};
use casebook::html::theme::Theme;
use casebook::urls::{UrlMode, Urls};
use libfuzzer_sys::fuzz_target;

struct Env {
    root: PathBuf,
    config: Config,
    theme: Theme,
}

#[path = "scratch.rs"]
mod scratch;

thread_local! {
    static ENV: Env = {
        let root = scratch::dir("validate").to_path_buf();
        std::fs::create_dir_all(root.join("content")).unwrap();
        let mut d = Vec::new();
        let config = Config::parse("title = \"t\"\n", &mut d).expect("default config");
        let theme = Theme::load(&root, &config, &mut d);
        assert!(!d.iter().any(|x| x.is_error()), "{d:?}");
        Env { root, config, theme }
    };
}

const SECTIONS: [(Section, &str, &str); 6] = [
    (Section::Cases, "content/cases/x.md", "x"),
    (Section::Summaries, "content/summaries/x.md", "x"),
    (Section::Brands, "content/brands/x.md", "x"),
    (Section::Compilations, "content/compilations/x.md", "x"),
    (Section::Pages, "content/pages/x.md", "x"),
    (Section::Home, "content/_index.md", "_index"),
];

/// Highlighting runs 100-200 times slower under the fuzzer's
/// instrumentation (AddressSanitizer, comparison tracing, debug
/// assertions) than in a release build, within the main crate's size caps
/// (`HL_MAX_LINE` in html/highlight.rs): one 500-byte line of `a` in a
/// `js` block took 18 s here, highlighted for each section it validates
/// as, against ~50 ms a render in a release build. Inputs of at most 256
/// bytes, highlighted once, took at most 2.6 s (a Makefile block of
/// repeated `<` or `'`; 13 s when highlighted for every section). So
/// only those are highlighted, once, and a timeout still points at
/// casebook rather than at syntect's known cost.
const HIGHLIGHT_MAX_INPUT: usize = 256;

#[derive(Clone, Copy)]
struct Opts {
    offline: bool,
    highlight: bool,
}

/// Validates (and when valid, renders) the document as one section;
/// true when it got as far as rendering.
fn one(env: &Env, section: Section, path: &str, stem: &str, text: &str, split: &frontmatter::Split, front: &Option<load::node::Table>, opts: Opts) -> bool {
    let root: &Path = &env.root;
    let raw = RawDoc {
        section,
        path: path.to_string(),
        abs_path: root.join(path),
        stem: stem.to_string(),
        bundle_dir: None,
        assets: Vec::new(),
        text: text.to_string(),
        split: split.clone(),
        front: front.clone(),
    };
    // As `load_site` does: each document typed on its own, then assembled.
    let mut diags = Vec::new();
    let typed = casebook::validate::typed(&env.config, raw, &mut diags);
    let docs = casebook::validate::assemble(root, typed.into_iter().collect(), &mut diags);
    if diags.iter().any(|d| d.is_error()) {
        return false;
    }
    let site = casebook::model::build(root.to_path_buf(), env.config.clone(), docs, false, &mut diags, None);
    if diags.iter().any(|d| d.is_error()) {
        return false;
    }
    let urls = Urls::new(
        if opts.offline { UrlMode::Offline } else { UrlMode::Pretty },
        &env.config.base_url,
    );
    let mut routes: HashSet<String> = casebook::html::pages::enumerate(&site)
        .into_iter()
        .map(|s| s.path)
        .collect();
    routes.extend(env.theme.static_files.keys().cloned());
    routes.extend(casebook::html::data::FILES.iter().map(|s| s.to_string()));
    let (_bodies, _diags) = casebook::html::render_bodies(&site, &env.theme, &urls, &routes, opts.highlight);
    true
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = load::decode(data) else { return };
    if text.trim().is_empty() {
        return; // the loader reports empty files and skips them
    }
    let Ok(split) = frontmatter::split(&text) else { return };
    let front = match split.format {
        None => None, // reported as "no front matter", never validated
        Some(_) => frontmatter::parse(&text, &split, &mut Vec::new()).ok(),
    };
    if front.is_none() {
        return;
    }
    let mut opts = Opts {
        offline: data.len() % 2 == 1,
        highlight: data.len() <= HIGHLIGHT_MAX_INPUT,
    };
    ENV.with(|env| {
        for (section, path, stem) in SECTIONS {
            if one(env, section, path, stem, &text, &split, &front, opts) {
                opts.highlight = false;
            }
        }
    });
});
