//! `<img>` elements for published pictures: every derivative in `srcset`
//! with its real width, the largest's size as `width`/`height` (so the
//! page does not jump while it loads), lazy loading after the first.

use crate::images::Picture;
use crate::text::escape_html;

/// `sizes` of an image in a body: the text column (`--measure`, 40em)
/// on a wide screen, the screen's width on a phone.
pub(crate) const BODY_SIZES: &str = "(min-width: 44rem) 40rem, 100vw";

/// An `<img>` of `pic` published at `href`; `lazy` for any image but the
/// first of a page, which is usually in view.
pub(crate) fn img(pic: &Picture, href: &str, alt: &str, sizes: &str, lazy: bool) -> String {
    let big = pic.largest();
    let mut s = format!(
        "<img src=\"{}\" srcset=\"{}\" sizes=\"{}\" width=\"{}\" height=\"{}\" alt=\"{}\"",
        escape_html(href),
        escape_html(&pic.srcset(href, |_| true)),
        sizes,
        big.width,
        big.height,
        escape_html(alt)
    );
    if lazy {
        s.push_str(" loading=\"lazy\" decoding=\"async\"");
    }
    s.push('>');
    s
}

/// A titled image standing alone in its paragraph: a figure whose caption
/// is the Markdown title.
pub(crate) fn figure(img: &str, caption: &str) -> String {
    format!(
        "<figure class=\"figure\">{img}<figcaption>{}</figcaption></figure>\n",
        escape_html(caption)
    )
}

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::diag::{Diagnostic, Pos};
use crate::markdown::Asset;
use crate::model::Site;

/// The published pictures of a build, by the site path of the original.
pub(crate) type Pictures = HashMap<String, Arc<Picture>>;

/// Where the site shows each image, for its errors: a body's image at its
/// `![…]`, a gallery photo or logo at its front matter value, any other
/// raster file of a document's folder at the top of that document.
pub(crate) type Owners = HashMap<String, (String, Pos)>;

/// Every raster asset through the image stage, on every core; the
/// refused ones as errors, all of them at once.
pub(crate) fn stage(site: &Site, assets: &[Asset], owners: &Owners) -> (Pictures, Vec<Diagnostic>) {
    let cfg = &site.config.images;
    let results: Vec<_> = assets
        .par_iter()
        .filter(|a| crate::images::is_raster_name(&a.dest))
        .map(|a| (a, crate::images::picture(&site.root, cfg, &a.src)))
        .collect();
    let mut pictures = Pictures::new();
    let mut diags = Vec::new();
    for (a, r) in results {
        match r {
            Ok(p) => {
                pictures.insert(a.dest.clone(), p);
            }
            Err(refusal) => {
                let file = crate::load::rel_path(&site.root, &a.src);
                let (path, pos) = owners
                    .get(&a.dest)
                    .cloned()
                    .unwrap_or_else(|| (file.clone(), Pos::START));
                diags.push(crate::images::refused(&path, pos, &file, &refusal));
            }
        }
    }
    (pictures, diags)
}
