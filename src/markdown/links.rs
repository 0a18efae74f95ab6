//! Link and image destinations: external ones kept, `#fragment`s prefixed
//! and checked at the end, root-relative ones checked against the site's
//! routes, `.md` links turned into page URLs, and other files copied beside
//! the page, after checking they resolve inside the site.

use std::path::{Path, PathBuf};

use super::resolve::Pass;
use super::{Asset, FragmentRef};
use crate::diag::{Diagnostic, Pos};

/// Decodes `%XX` escapes in a link; a `%` not followed by two hex digits
/// stays as it is, and a result that is not UTF-8 leaves the link as written.
pub(super) fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .map_or_else(|_| s.to_string(), std::borrow::Cow::into_owned)
}

pub(super) fn is_external(url: &str) -> bool {
    let scheme_end = url.find(':');
    let slash = url.find('/');
    url.starts_with("//")
        || match (scheme_end, slash) {
            (Some(c), Some(s)) => c < s,
            (Some(_), None) => true,
            _ => false,
        }
}

/// Whether an external address has a host that no browser can reach:
/// empty (`http:///x`), or with an empty label (`http://../`,
/// `https://a..cn`). Only the special schemes have hosts. W3C Nu rejects
/// these; the `url` crate accepts them, so this small check is ours.
pub(super) fn has_bad_host(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = ["http://", "https://", "ftp://", "ws://", "wss://", "//"]
        .iter()
        .find(|p| lower.starts_with(*p))
        .map(|p| &url[p.len()..]);
    let Some(rest) = rest else {
        return false;
    };
    let authority = &rest[..rest.find(['/', '?', '#', '\\']).unwrap_or(rest.len())];
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if host.starts_with('[') {
        return false; // an IPv6 literal
    }
    let host = host.rsplit_once(':').map_or(host, |(h, _)| h);
    let host = host.strip_suffix('.').unwrap_or(host);
    host.split('.').any(str::is_empty)
}

/// A link or image destination being resolved, as the author wrote it.
struct LinkRef<'d> {
    /// The destination, trimmed.
    dest: &'d str,
    /// `#fragment` or `?query` after the path, kept on the result.
    suffix: &'d str,
    /// "link", "image" (or "video", "audio", "file" in raw HTML), for
    /// messages.
    what: &'static str,
    pos: Pos,
}

impl Pass<'_, '_> {
    /// The href for a link or image destination: external ones as written,
    /// `#fragment`s prefixed, the rest resolved by [`Self::root_relative`],
    /// [`Self::document_link`] or [`Self::copied_file`]. Problems become
    /// diagnostics; an empty result means a link to a draft.
    pub(super) fn rewrite_link(&mut self, dest: &str, what: &'static str, pos: Pos) -> String {
        let dest = dest.trim();
        if is_external(dest) && has_bad_host(dest) {
            self.out.diags.push(
                Diagnostic::warning(
                    self.input.path,
                    pos,
                    crate::msg!("md-bad-host", what = what, dest = dest),
                )
                .with_hint(crate::msg!("md-bad-host-hint")),
            );
            return String::new();
        }
        if dest.is_empty() || is_external(dest) {
            return dest.to_string();
        }
        if dest == "#" {
            // The top of the page: nothing to check, nothing to prefix.
            return dest.to_string();
        }
        if let Some(frag) = dest.strip_prefix('#') {
            self.local_fragments.push((frag.to_string(), pos));
            return format!("#{}{}", self.input.id_prefix, frag);
        }
        let (path_part, suffix) = match dest.find(['#', '?']) {
            Some(i) => (&dest[..i], &dest[i..]),
            None => (dest, ""),
        };
        let link = LinkRef {
            dest,
            suffix,
            what,
            pos,
        };
        let decoded = percent_decode(path_part);
        if let Some(site_path) = decoded.strip_prefix('/') {
            return self.root_relative(&link, site_path);
        }
        let base_dir = self.input.abs_path.parent().unwrap_or(self.env.root);
        let target = crate::confine::normalize(&base_dir.join(&decoded));
        let is_md = target
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"));
        let docs = self.env.docs;
        // A link to a bundle folder means its index.md.
        let doc_target = if is_md {
            Some(target.clone())
        } else if target.join("index.md").is_file() && docs.contains_key(&target.join("index.md")) {
            Some(target.join("index.md"))
        } else {
            None
        };
        match doc_target {
            Some(doc) => self.document_link(&link, doc, &target),
            None => self.copied_file(&link, &target),
        }
    }

    /// Root-relative: a generated page or a file under static/.
    fn root_relative(&mut self, link: &LinkRef, site_path: &str) -> String {
        let LinkRef {
            dest, suffix, what, ..
        } = *link;
        let routes = self.env.routes;
        let known = routes.contains(site_path)
            || routes.contains(&format!("{site_path}/"))
            || routes.contains(site_path.trim_end_matches('/'));
        if !known {
            self.out.diags.push(
                Diagnostic::error(
                    self.input.path,
                    link.pos,
                    crate::msg!("md-no-route", what = what, dest = dest),
                )
                .with_hint(crate::msg!("md-no-route-hint")),
            );
            return dest.to_string();
        }
        let target = if routes.contains(site_path) || site_path.is_empty() {
            site_path.to_string()
        } else {
            format!("{}/", site_path.trim_end_matches('/'))
        };
        self.env
            .urls
            .href(self.input.from, &format!("{target}{suffix}"))
    }

    /// A link to another document: its page, unless it is a draft left out
    /// of this build or not a document at all.
    fn document_link(&mut self, link: &LinkRef, doc: PathBuf, target: &Path) -> String {
        let LinkRef {
            dest, suffix, what, ..
        } = *link;
        let (input, pos) = (self.input, link.pos);
        match self.env.docs.get(&doc) {
            Some(Some(page)) => {
                if let Some(frag) = suffix.strip_prefix('#') {
                    self.out.fragments.push(FragmentRef {
                        target: doc.clone(),
                        fragment: percent_decode(frag),
                        pos,
                    });
                }
                if let Some(ov) = input.link_override
                    && let Some(local) = ov(page)
                {
                    return local;
                }
                self.env.urls.href(input.from, &format!("{page}{suffix}"))
            }
            Some(None) => {
                self.out.diags.push(
                    Diagnostic::warning(
                        input.path,
                        pos,
                        crate::msg!("md-draft-link", what = what, dest = dest),
                    )
                    .with_hint(crate::msg!("md-draft-link-hint")),
                );
                String::new()
            }
            None => {
                let hint = if target.exists() {
                    crate::msg!("md-not-a-document")
                } else {
                    crate::msg!("md-relative-path-hint")
                };
                self.out.diags.push(
                    Diagnostic::error(
                        input.path,
                        pos,
                        crate::msg!("md-missing", what = what, dest = dest),
                    )
                    .with_hint(hint),
                );
                dest.to_string()
            }
        }
    }

    /// Any other file: copy it beside the page, keeping its place inside a
    /// bundle. It is named by the path as written and copied from the path
    /// it resolves to, which must be inside the site.
    fn copied_file(&mut self, link: &LinkRef, target: &Path) -> String {
        let input = self.input;
        let real = match crate::confine::file(&self.env.base, target) {
            Ok(real) => real,
            Err(refused) => {
                self.out.diags.push(file_refused(
                    input.path, link.pos, link.what, link.dest, refused,
                ));
                return link.dest.to_string();
            }
        };
        let rel_name = match input.bundle_dir {
            Some(b) if target.starts_with(b) => crate::load::rel_path(b, target),
            _ => target
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        };
        let rel_name = rel_name.replace(' ', "-");
        let dest_site = format!("{}{}", input.page, rel_name);
        let href = self.env.urls.href(
            input.from,
            &format!("{}{}", encode_path(&dest_site), link.suffix),
        );
        if link.what == "image" {
            self.out.images.push(super::ImageRef {
                href: href.clone(),
                src: real.clone(),
                dest: dest_site.clone(),
                pos: link.pos,
            });
        }
        self.out.assets.push(Asset {
            src: real,
            dest: dest_site,
        });
        href
    }
}

/// The error for a linked file that cannot be published: missing, outside
/// the site (after following symbolic links), or unreadable.
fn file_refused(
    path: &str,
    pos: Pos,
    what: &str,
    dest: &str,
    refused: crate::confine::Refused,
) -> Diagnostic {
    use crate::confine::Refused;
    match refused {
        Refused::Missing => Diagnostic::error(
            path,
            pos,
            crate::msg!("md-missing", what = what, dest = dest),
        )
        .with_hint(crate::msg!("md-missing-file-hint")),
        Refused::Outside(to) => Diagnostic::error(
            path,
            pos,
            crate::msg!("md-outside", what = what, dest = dest, target = &to),
        )
        .with_hint(crate::msg!("md-outside-hint")),
        Refused::Unreadable(e) => Diagnostic::error(
            path,
            pos,
            crate::msg!(
                "md-unreadable",
                what = what,
                dest = dest,
                error = e.to_string()
            ),
        )
        .with_hint(crate::msg!("validate-check-permissions")),
    }
}

/// What [`encode_path`] escapes: space, `"`, `<` and `>`, which may not
/// stand in a URL, and `%`, so that a file named `100%.png` is not read as
/// an escape.
const PATH_ESCAPED: &percent_encoding::AsciiSet = &percent_encoding::AsciiSet::EMPTY
    .add(b' ')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'%');

/// Percent-encodes characters that are not safe in a URL path; keeps CJK
/// and other non-ASCII as they are (browsers and validators accept IRIs).
/// The crate escapes every non-ASCII byte, so only the ASCII runs go
/// through it.
pub(crate) fn encode_path(p: &str) -> String {
    let mut s = String::with_capacity(p.len());
    // Each piece: a run of ASCII, then at most one other character.
    for piece in p.split_inclusive(|c: char| !c.is_ascii()) {
        let (ascii, other) = piece.split_at(piece.trim_end_matches(|c: char| !c.is_ascii()).len());
        s.extend(percent_encoding::utf8_percent_encode(ascii, PATH_ESCAPED));
        s.push_str(other);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_a_reference_is_reads_in_both_languages() {
        use crate::i18n::Language;
        let m = crate::msg!("md-missing", what = "image", dest = "a.png");
        assert_eq!(
            m.render(Language::En),
            "image to \"a.png\", which does not exist"
        );
        assert_eq!(m.render(Language::ZhCn), "图片 \"a.png\" 指向的文件不存在");
        let m = crate::msg!("md-missing", what = "link", dest = "b.md");
        assert_eq!(
            m.render(Language::En),
            "link to \"b.md\", which does not exist"
        );
    }

    #[test]
    fn external() {
        assert!(is_external("https://a.cn/x"));
        assert!(is_external("mailto:a@b.cn"));
        assert!(!is_external("../a.md"));
        assert!(!is_external("a/b:c.md"));
    }

    #[test]
    fn bad_hosts() {
        for bad in [
            "http://../",
            "https://../x",
            "http:///x",
            "HTTP://a..cn",
            "//.",
            "https://@:80/",
        ] {
            assert!(has_bad_host(bad), "{bad}");
        }
        for good in [
            "https://www.gov.cn/",
            "https://www.gov.cn./x",
            "http://u:p@a.cn:8080/?q",
            "http://[::1]/",
            "mailto:a@b.cn",
            "../a.md",
        ] {
            assert!(!has_bad_host(good), "{good}");
        }
    }

    #[test]
    fn decode() {
        assert_eq!(percent_decode("%E4%B8%80.md"), "一.md");
        assert_eq!(percent_decode("a%2"), "a%2");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        assert_eq!(percent_decode("a%20b%2fc"), "a b/c");
        // Not UTF-8 once decoded: the link is kept as written.
        assert_eq!(percent_decode("%FF.md"), "%FF.md");
        // One pass: an escaped `%` does not start another escape.
        assert_eq!(percent_decode("%2541"), "%41");
    }

    #[test]
    fn encode_path_escapes_only_what_breaks_a_url() {
        assert_eq!(
            encode_path("/cases/a b/\"<x>\"/100%/"),
            "/cases/a%20b/%22%3Cx%3E%22/100%25/"
        );
        assert_eq!(encode_path("/案例/一 二.png"), "/案例/一%20二.png");
        assert_eq!(encode_path("é%é"), "é%25é");
        assert_eq!(encode_path("a?b#c&d'e"), "a?b#c&d'e");
        assert_eq!(encode_path(""), "");
        // Every ASCII character but the five, and non-ASCII, as it was.
        let kept: String = (0u8..0x80)
            .map(char::from)
            .filter(|c| !" \"<>%".contains(*c))
            .chain("一、（）éß😀".chars())
            .collect();
        assert_eq!(encode_path(&kept), kept);
    }
}
