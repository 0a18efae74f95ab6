//! One compilation as a Typst document: the template, then the volume
//! (cover, preface, contents, chapters, cases) as calls of the template's
//! functions with every text as a string literal, made from the same
//! presentation records and resolved Markdown as the print view.

use std::fmt::Write as _;
use std::path::PathBuf;

use super::fonts::Chosen;
use super::markup::{self, Context, Images, lit};
use crate::config::{FontRole, Language, Paper, PdfConfig};
use crate::doc::Meta;
use crate::model::Site;
use crate::present::paper::{self, Body, CaseHead, Cover, PaperWriter};

const TEMPLATE: &str = include_str!("volume.typ");

/// The text each document puts on paper, for the font coverage check.
pub(crate) struct DocText {
    /// Site-relative path, for messages.
    pub path: String,
    pub abs_path: PathBuf,
    pub text: String,
}

pub(crate) struct Prepared {
    pub source: String,
    pub images: Vec<(String, PathBuf)>,
    pub texts: Vec<DocText>,
    /// Members typeset (for progress).
    pub members: usize,
}

pub(crate) use crate::present::paper::Words;

fn families(list: &[String]) -> String {
    let items: Vec<String> = list.iter().map(|f| lit(f)).collect();
    format!("({},)", items.join(", "))
}

fn opt(s: Option<&str>) -> String {
    s.map_or_else(|| "none".to_string(), lit)
}

fn document_date(site: &Site, k: usize) -> String {
    match paper::document_date(site, k) {
        Some((y, m, d)) => format!("datetime(year: {y}, month: {m}, day: {d})"),
        None => "none".into(),
    }
}

fn config_dict(site: &Site, k: usize, cfg: &PdfConfig, chosen: &Chosen) -> String {
    let c = &site.compilations[k].doc;
    let (lang, region) = match site.config.language {
        Language::ZhCn => ("zh", "cn"),
        Language::En => ("en", "gb"),
    };
    let paper = match cfg.paper {
        Paper::A4 => "a4",
        Paper::B5 => "iso-b5",
    };
    let mut fonts = String::new();
    for role in FontRole::ALL {
        let _ = write!(
            fonts,
            "{}: {}, ",
            role.key(),
            families(&chosen.families[role as usize])
        );
    }
    format!(
        "#let cfg = (layout: {}, paper: {}, lang: {}, region: {}, fonts: ({fonts}), title: {}, author: {}, date: {})\n",
        lit(cfg.layout.name()),
        lit(paper),
        lit(lang),
        lit(region),
        lit(&c.title),
        lit(c.editor.as_deref().unwrap_or("")),
        document_date(site, k),
    )
}

/// The Typst writer of the volume walk.
struct Typst {
    out: String,
    images: Images,
    texts: Vec<DocText>,
    /// The compilation's own text (cover, preface, chapter titles).
    ctext: String,
}

impl Typst {
    fn body(&mut self, body: &Body, text: &mut String) -> String {
        let cx = Context {
            image_files: body.image_files.clone(),
            absolute: body.absolute,
            label_prefix: format!("cb-{}", body.prefix),
            heading_shift: 1,
        };
        markup::write(&body.resolved, &cx, &mut self.images, text)
    }
}

impl PaperWriter for Typst {
    fn cover(&mut self, c: &Cover) {
        let _ = writeln!(
            self.out,
            "#cb-cover(cfg, {}, {}, {}, {})",
            lit(c.title),
            opt(c.subtitle),
            opt(c.editor),
            opt(c.date.as_deref())
        );
        for s in [Some(c.title), c.subtitle, c.editor, c.date.as_deref()]
            .into_iter()
            .flatten()
        {
            self.ctext.push_str(s);
        }
    }

    fn preface(&mut self, title: &str, body: &Body, _: &Meta) {
        let mut text = std::mem::take(&mut self.ctext);
        let markup = self.body(body, &mut text);
        text.push_str(title);
        self.ctext = text;
        let _ = writeln!(self.out, "#cb-front(cfg, {})[\n{markup}]", lit(title));
    }

    fn contents(&mut self, title: &str) {
        let _ = writeln!(self.out, "#cb-contents(cfg, {})", lit(title));
        self.out.push_str("#show: cb-body.with(cfg)\n");
    }

    fn chapter(&mut self, number: usize, label: &str, title: &str) {
        self.ctext.push_str(title);
        let _ = writeln!(
            self.out,
            "#cb-chapter(cfg, {}, {}, {})",
            lit(&format!("cb-chapter-{number}")),
            lit(label),
            lit(title)
        );
    }

    fn case(&mut self, head: &CaseHead, body: &Body, doc: &Meta) {
        let mut text = String::new();
        write_case_head(&mut self.out, head, &mut text);
        let markup = self.body(body, &mut text);
        self.out.push_str(&markup);
        self.out.push('\n');
        self.texts.push(DocText {
            path: doc.path.clone(),
            abs_path: doc.abs_path.clone(),
            text,
        });
    }
}

/// Builds the Typst source of compilation `k`.
pub(crate) fn prepare(site: &Site, k: usize, t: Words, chosen: &Chosen) -> Prepared {
    let c = &site.compilations[k].doc;
    let mut out = String::with_capacity(TEMPLATE.len() + c.meta.body.len() * 2);
    out.push_str(TEMPLATE);
    out.push('\n');
    out.push_str(&config_dict(site, k, &site.config.pdf, chosen));
    out.push_str("#show: cb-volume.with(cfg)\n");
    let mut w = Typst {
        out,
        images: Images::default(),
        texts: Vec::new(),
        ctext: String::new(),
    };
    let members = paper::walk(site, k, t, &mut w);
    w.texts.push(DocText {
        path: c.meta.path.clone(),
        abs_path: c.meta.abs_path.clone(),
        text: w.ctext,
    });
    Prepared {
        source: w.out,
        images: w.images.files,
        texts: w.texts,
        members,
    }
}

/// Number, title, unit · region · date, and the recognition block.
fn write_case_head(out: &mut String, head: &CaseHead, text: &mut String) {
    let meta_lits: Vec<String> = head.meta.iter().map(|m| lit(m)).collect();
    text.push_str(head.title);
    text.push_str(&head.meta.concat());
    let _ = writeln!(
        out,
        "#cb-case-head(cfg, {}, {}, {}, ({}))",
        lit(&format!("cb-case-{}", head.number)),
        lit(&head.label),
        lit(head.title),
        meta_lits
            .iter()
            .map(|m| format!("{m},"))
            .collect::<String>()
    );
    if head.rows.is_empty() {
        return;
    }
    let mut cells = String::new();
    for r in &head.rows {
        for cell in r {
            text.push_str(cell);
        }
        let _ = write!(cells, "({}, {}, {}), ", lit(&r[0]), lit(&r[1]), lit(&r[2]));
    }
    let _ = writeln!(
        out,
        "#cb-recognition(cfg, {}, ({cells}))",
        lit(&head.recognition_title)
    );
}
