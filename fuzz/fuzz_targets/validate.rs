//! In memory, no files: the input is decoded, split and parsed as the
//! loader does, then validated as each kind of document in turn (case,
//! summary, brand, compilation, page, home page) on its own with the
//! default configuration. Whenever validation finds no error, the document
//! is modelled (`model::build`, as `load_site` does) and its Markdown body
//! rendered with `render::render_bodies`, with syntax highlighting on as in
//! `casebook build`, and alternately pretty and offline URLs. Faster than
//! `document`, and it reaches every section's validator.
#![no_main]

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use casebook::config::Config;
use casebook::load::{self, Loaded, RawDoc, Section, frontmatter};
use casebook::render::theme::Theme;
use casebook::write::urls::{UrlMode, Urls};
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

fn one(env: &Env, section: Section, path: &str, stem: &str, text: &str, split: &frontmatter::Split, front: &Option<load::node::Table>, offline: bool) {
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
    let mut diags = Vec::new();
    let docs = casebook::validate::validate(root, &env.config, Loaded { docs: vec![raw] }, &mut diags);
    if diags.iter().any(|d| d.is_error()) {
        return;
    }
    let site = casebook::model::build(root.to_path_buf(), env.config.clone(), docs, false, &mut diags, None);
    if diags.iter().any(|d| d.is_error()) {
        return;
    }
    let urls = Urls::new(
        if offline { UrlMode::Offline } else { UrlMode::Pretty },
        &env.config.base_url,
    );
    let mut routes: HashSet<String> = casebook::render::pages::enumerate(&site)
        .into_iter()
        .map(|s| s.path)
        .collect();
    routes.extend(env.theme.static_files.keys().cloned());
    routes.extend(casebook::render::data::FILES.iter().map(|s| s.to_string()));
    let (_bodies, _diags) = casebook::render::render_bodies(&site, &env.theme, &urls, &routes, true);
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = load::decode(data) else { return };
    if text.trim().is_empty() {
        return; // the loader reports empty files and skips them
    }
    let Ok(split) = frontmatter::split(&text) else { return };
    let front = match split.format {
        None => None, // reported as "no front matter", never validated
        Some(_) => frontmatter::parse(&text, &split).ok(),
    };
    if front.is_none() {
        return;
    }
    let offline = data.len() % 2 == 1;
    ENV.with(|env| {
        for (section, path, stem) in SECTIONS {
            one(env, section, path, stem, &text, &split, &front, offline);
        }
    });
});
