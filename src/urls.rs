//! The URL strategy, chosen once per build and used for every link the site
//! writes: templates (the `url` function), Markdown links, the search index
//! and data scripts.
//!
//! Internally every target is a *site path*: relative to the output root,
//! no leading slash, folders ending in `/` (`""` is home, `cases/x/` a case,
//! `css/site.css` a file). `href` turns a site path into what a given page
//! must write: root-relative under the base path (pretty) or relative to the
//! page and naming `index.html` (offline, for `file://`).

use crate::load::Section;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlMode {
    /// `/base/cases/x/`
    Pretty,
    /// `../../cases/x/index.html`
    Offline,
}

#[derive(Debug, Clone)]
pub struct Urls {
    pub mode: UrlMode,
    /// e.g. `/` or `/reform/`.
    base_path: String,
    /// e.g. `https://example.gov.cn/reform/`.
    base_url: String,
}

impl Urls {
    pub fn new(mode: UrlMode, base_url: &str) -> Urls {
        let base_url = crate::config::normalize_base_url(base_url);
        let after_scheme = base_url.find("://").map_or(0, |i| i + 3);
        let base_path = match base_url[after_scheme..].find('/') {
            Some(i) => base_url[after_scheme + i..].to_string(),
            None => "/".to_string(),
        };
        Urls {
            mode,
            base_path,
            base_url,
        }
    }

    pub fn offline(&self) -> bool {
        self.mode == UrlMode::Offline
    }

    /// The link a page at `from` writes to reach `target` (both site paths;
    /// `target` may carry `?query` and `#fragment`).
    pub fn href(&self, from: &str, target: &str) -> String {
        let (path, suffix) = split_suffix(target);
        match self.mode {
            UrlMode::Pretty => format!("{}{}{}", self.base_path, path, suffix),
            UrlMode::Offline => {
                let mut rel = relative(from, path);
                if rel.is_empty() || rel.ends_with('/') {
                    rel.push_str("index.html");
                }
                format!("{rel}{suffix}")
            }
        }
    }

    /// Absolute URL (feeds, sitemap, canonical, Open Graph).
    pub fn absolute(&self, target: &str) -> String {
        format!("{}{}", self.base_url, target)
    }

    /// What a page's path looks like to the reader's browser in `data`
    /// scripts: pretty `cases/x/`, offline `cases/x/index.html`.
    pub fn data_path(&self, target: &str) -> String {
        match self.mode {
            UrlMode::Pretty => target.to_string(),
            UrlMode::Offline if target.is_empty() || target.ends_with('/') => {
                format!("{target}index.html")
            }
            UrlMode::Offline => target.to_string(),
        }
    }

    /// Prefix from a page to the site root: pretty the base path, offline
    /// `../` per folder level (or empty). Scripts join it with data paths.
    pub fn root(&self, from: &str) -> String {
        match self.mode {
            UrlMode::Pretty => self.base_path.clone(),
            UrlMode::Offline => "../".repeat(dir_segments(from).len()),
        }
    }
}

fn split_suffix(target: &str) -> (&str, &str) {
    match target.find(['#', '?']) {
        Some(i) => (&target[..i], &target[i..]),
        None => (target, ""),
    }
}

/// Folder segments of a site path: `cases/x/` → [cases, x]; `a/b.xml` → [a].
fn dir_segments(p: &str) -> Vec<&str> {
    let dir = match p.rfind('/') {
        Some(i) => &p[..i],
        None => "",
    };
    dir.split('/').filter(|s| !s.is_empty()).collect()
}

fn relative(from: &str, to: &str) -> String {
    let from_dir = dir_segments(from);
    let (to_dir, to_file) = match to.rfind('/') {
        Some(i) => (&to[..i], &to[i + 1..]),
        None => ("", to),
    };
    let to_dir: Vec<&str> = to_dir.split('/').filter(|s| !s.is_empty()).collect();
    let common = from_dir
        .iter()
        .zip(&to_dir)
        .take_while(|(a, b)| a == b)
        .count();
    let mut out = "../".repeat(from_dir.len() - common);
    for seg in &to_dir[common..] {
        out.push_str(seg);
        out.push('/');
    }
    out.push_str(to_file);
    out
}

/// Site paths of the generated pages (the URL map of the content model).
/// Site path of a document's page (the home page's is empty).
pub fn page_of(meta: &crate::doc::Meta) -> String {
    match meta.section {
        Section::Home => String::new(),
        s => doc_path(s, &meta.slug),
    }
}

pub fn doc_path(section: Section, slug: &str) -> String {
    match section {
        Section::Home => String::new(),
        Section::Pages => format!("{slug}/"),
        s => format!("{}/{slug}/", s.folder()),
    }
}

pub fn list_path(section: &str, page: usize) -> String {
    if page <= 1 {
        section.to_string()
    } else {
        format!("{section}page/{page}/")
    }
}

/// Where the file for a site path is written: folders get `index.html`.
pub fn file_for(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offline_links() {
        let u = Urls::new(UrlMode::Offline, "https://a.gov.cn/");
        assert_eq!(u.href("cases/x/", "cases/y/"), "../y/index.html");
        assert_eq!(u.href("cases/x/", ""), "../../index.html");
        assert_eq!(u.href("", "cases/"), "cases/index.html");
        assert_eq!(u.href("", ""), "index.html");
        assert_eq!(u.href("cases/x/", "cases/x/a.svg"), "a.svg");
        assert_eq!(
            u.href("cases/page/2/", "css/site.css"),
            "../../../css/site.css"
        );
        assert_eq!(u.href("cases/x/", "cases/x/#h"), "index.html#h");
        assert_eq!(u.href("search/", "search/?q=a"), "index.html?q=a");
        assert_eq!(u.href("404.html", "cases/"), "cases/index.html");
        assert_eq!(u.root("cases/x/"), "../../");
    }

    #[test]
    fn pretty_links() {
        let u = Urls::new(UrlMode::Pretty, "https://a.gov.cn/reform");
        assert_eq!(u.href("cases/x/", "cases/y/"), "/reform/cases/y/");
        assert_eq!(u.href("cases/x/", ""), "/reform/");
        assert_eq!(u.absolute("atom.xml"), "https://a.gov.cn/reform/atom.xml");
    }

    #[test]
    fn list_paths() {
        assert_eq!(list_path("cases/", 1), "cases/");
        assert_eq!(list_path("cases/", 3), "cases/page/3/");
        assert_eq!(
            list_path("regions/bin-cheng-qu/", 2),
            "regions/bin-cheng-qu/page/2/"
        );
    }
}
