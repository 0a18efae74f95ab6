//! Picture albums (成果图册): a document's `gallery` shown on its page as
//! thumbnails, one large-view page per photo (`<page>photos/<n>/`, which
//! works without JavaScript and from `file://`), and `/albums/`, every
//! gallery of the site grouped by brand and then date.

use std::path::PathBuf;

use jiff::civil::Date;
use serde::Serialize;

use crate::doc::{Meta, Photo};
use crate::images::{Picture, THUMB_MAX};
use crate::load::Section;
use crate::model::Site;
use crate::urls::doc_path;

use super::picture::Pictures;

/// A document that may carry a gallery.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Owner {
    Case(usize),
    Summary(usize),
    Brand(usize),
}

impl Owner {
    fn meta(self, site: &Site) -> &Meta {
        match self {
            Owner::Case(i) => &site.cases[i].doc.meta,
            Owner::Summary(i) => &site.summaries[i].doc.meta,
            Owner::Brand(i) => &site.brands[i].doc.meta,
        }
    }

    /// The document's file (site-relative), for messages.
    pub(crate) fn photos_meta_path(self, site: &Site) -> String {
        self.meta(site).path.clone()
    }

    pub(crate) fn photos(self, site: &Site) -> &[Photo] {
        match self {
            Owner::Case(i) => &site.cases[i].doc.gallery,
            Owner::Summary(i) => &site.summaries[i].doc.gallery,
            Owner::Brand(i) => &site.brands[i].doc.gallery,
        }
    }

    fn title(self, site: &Site) -> &str {
        match self {
            Owner::Case(i) => &site.cases[i].doc.title,
            Owner::Summary(i) => &site.summaries[i].doc.title,
            Owner::Brand(i) => &site.brands[i].doc.title,
        }
    }

    /// The section's name in the theme's words (`cases`, `summaries`, `brands`).
    fn section_key(self) -> &'static str {
        match self {
            Owner::Case(_) => "cases",
            Owner::Summary(_) => "summaries",
            Owner::Brand(_) => "brands",
        }
    }

    pub(crate) fn page(self, site: &Site) -> String {
        let section = match self {
            Owner::Case(_) => Section::Cases,
            Owner::Summary(_) => Section::Summaries,
            Owner::Brand(_) => Section::Brands,
        };
        doc_path(section, &self.meta(site).slug)
    }

    /// The album's date: the document's, or for a brand its latest photo's.
    fn date(self, site: &Site) -> Option<Date> {
        match self {
            Owner::Case(i) => Some(site.cases[i].doc.date),
            Owner::Summary(i) => Some(site.summaries[i].doc.date),
            Owner::Brand(_) => self.photos(site).iter().filter_map(|p| p.date).max(),
        }
    }
}

/// Every document with a gallery, in site order (cases, summaries, brands).
pub(crate) fn owners(site: &Site) -> Vec<Owner> {
    let cases = (0..site.cases.len()).map(Owner::Case);
    let summaries = (0..site.summaries.len()).map(Owner::Summary);
    let brands = (0..site.brands.len()).map(Owner::Brand);
    cases
        .chain(summaries)
        .chain(brands)
        .filter(|o| !o.photos(site).is_empty())
        .collect()
}

/// The site path of photo `n` (1-based) of `owner`'s large views.
pub(crate) fn photo_page(site: &Site, owner: Owner, n: usize) -> String {
    format!("{}photos/{n}/", owner.page(site))
}

/// Where a gallery photo is published and the file it comes from: beside
/// its page, under its path in the document's folder.
pub(crate) fn photo_dest(site: &Site, owner: Owner, photo: &Photo) -> Option<(String, PathBuf)> {
    let real = photo.file.clone()?;
    let meta = owner.meta(site);
    let written = crate::confine::normalize(&meta.abs_path.parent()?.join(&photo.src.value));
    let name = match &meta.bundle_dir {
        Some(dir) if written.starts_with(dir) => crate::load::rel_path(dir, &written),
        _ => written.file_name()?.to_string_lossy().into_owned(),
    };
    Some((
        format!("{}{}", owner.page(site), name.replace(' ', "-")),
        real,
    ))
}

/// An image as templates see it: the file shown (`path`, a site path) and
/// its size, and every variant offered in `srcset`.
#[derive(Debug, Clone, Serialize)]
pub struct ImageView {
    pub path: String,
    pub width: u32,
    pub height: u32,
    pub srcset: Vec<Candidate>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Candidate {
    pub path: String,
    pub width: u32,
}

/// The image of `pic` (published at `dest`) with the variants no wider
/// than `max`; the widest of them is the one shown.
pub(crate) fn image_view(pic: &Picture, dest: &str, max: u32) -> ImageView {
    let shown = if max >= pic.largest().width {
        pic.largest()
    } else {
        pic.thumb()
    };
    ImageView {
        path: pic.path_of(dest, shown),
        width: shown.width,
        height: shown.height,
        srcset: pic
            .variants
            .iter()
            .filter(|v| v.width <= shown.width)
            .map(|v| Candidate {
                path: pic.path_of(dest, v),
                width: v.width,
            })
            .collect(),
    }
}

/// One photo of a gallery, as templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct PhotoView {
    /// 1-based place in the gallery.
    pub n: usize,
    pub caption: String,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Its large-view page.
    pub path: String,
    pub thumb: ImageView,
    pub full: ImageView,
}

/// The photos of `owner` that were published (a refused one has already
/// failed the build).
pub(crate) fn gallery_view(site: &Site, pictures: &Pictures, owner: Owner) -> Vec<PhotoView> {
    owner
        .photos(site)
        .iter()
        .enumerate()
        .filter_map(|(k, photo)| {
            let (dest, _) = photo_dest(site, owner, photo)?;
            let pic = pictures.get(&dest)?;
            Some(PhotoView {
                n: k + 1,
                caption: photo.caption.clone(),
                date: photo.date.map(|d| d.to_string()),
                path: photo_page(site, owner, k + 1),
                thumb: image_view(pic, &dest, THUMB_MAX),
                full: image_view(pic, &dest, u32::MAX),
            })
        })
        .collect()
}

/// A large-view page: the photo, its neighbours (wrapping round) and the
/// document it belongs to.
#[derive(Debug, Clone, Serialize)]
pub struct PhotoPage {
    pub photo: PhotoView,
    pub total: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub owner: AlbumOwner,
}

#[derive(Debug, Clone, Serialize)]
pub struct AlbumOwner {
    pub title: String,
    pub path: String,
    /// The section's name (典型案例, 工作成效, 改革品牌).
    pub kind: String,
}

fn album_owner(site: &Site, owner: Owner, t: &dyn Fn(&str) -> String) -> AlbumOwner {
    AlbumOwner {
        title: owner.title(site).to_string(),
        path: owner.page(site),
        kind: t(owner.section_key()),
    }
}

pub(crate) fn photo_page_view(
    site: &Site,
    pictures: &Pictures,
    owner: Owner,
    n: usize,
    t: &dyn Fn(&str) -> String,
) -> Option<PhotoPage> {
    let all = gallery_view(site, pictures, owner);
    let k = all.iter().position(|p| p.n == n)?;
    let total = all.len();
    let at = |i: usize| all[i].path.clone();
    let (prev, next) = if total > 1 {
        (Some(at((k + total - 1) % total)), Some(at((k + 1) % total)))
    } else {
        (None, None)
    };
    Some(PhotoPage {
        photo: all[k].clone(),
        total,
        prev,
        next,
        owner: album_owner(site, owner, t),
    })
}

/// A card of `/albums/`.
#[derive(Debug, Clone, Serialize)]
pub struct Album {
    pub owner: AlbumOwner,
    pub date: Option<String>,
    pub count: usize,
    pub cover: ImageView,
    /// The cover photo's caption (its `alt`).
    pub caption: String,
}

/// A group of `/albums/`: a brand (with its page) or the rest.
#[derive(Debug, Clone, Serialize)]
pub struct AlbumGroup {
    pub title: String,
    pub path: Option<String>,
    pub albums: Vec<Album>,
}

fn album(
    site: &Site,
    pictures: &Pictures,
    owner: Owner,
    t: &dyn Fn(&str) -> String,
) -> Option<Album> {
    let photos = gallery_view(site, pictures, owner);
    let first = photos.first()?;
    Some(Album {
        owner: album_owner(site, owner, t),
        date: owner.date(site).map(|d| d.to_string()),
        count: photos.len(),
        cover: first.thumb.clone(),
        caption: first.caption.clone(),
    })
}

/// Every gallery, by brand (a brand's own, then its cases' and summaries',
/// newest first), then those of documents under no brand.
pub(crate) fn album_groups(
    site: &Site,
    pictures: &Pictures,
    t: &dyn Fn(&str) -> String,
) -> Vec<AlbumGroup> {
    let all = owners(site);
    let brands_of = |o: Owner| -> &[usize] {
        match o {
            Owner::Case(i) => &site.cases[i].brands,
            Owner::Summary(i) => &site.summaries[i].brands,
            Owner::Brand(_) => &[],
        }
    };
    let group = |members: Vec<Owner>| {
        let mut members = members;
        // Newest first; undated last; the site's order otherwise.
        members.sort_by_key(|&o| std::cmp::Reverse(owner_date_key(site, o)));
        members
            .into_iter()
            .filter_map(|o| album(site, pictures, o, t))
            .collect::<Vec<_>>()
    };
    let mut groups = Vec::new();
    for (b, brand) in site.brands.iter().enumerate() {
        let members: Vec<Owner> = all
            .iter()
            .copied()
            .filter(|&o| o == Owner::Brand(b) || brands_of(o).contains(&b))
            .collect();
        let albums = group(members);
        if !albums.is_empty() {
            groups.push(AlbumGroup {
                title: brand.doc.title.clone(),
                path: Some(Owner::Brand(b).page(site)),
                albums,
            });
        }
    }
    let rest: Vec<Owner> = all
        .iter()
        .copied()
        .filter(|&o| !matches!(o, Owner::Brand(_)) && brands_of(o).is_empty())
        .collect();
    let albums = group(rest);
    if !albums.is_empty() {
        groups.push(AlbumGroup {
            title: t("albums_other"),
            path: None,
            albums,
        });
    }
    groups
}

fn owner_date_key(site: &Site, o: Owner) -> (bool, Option<Date>) {
    let d = o.date(site);
    (d.is_some(), d)
}
