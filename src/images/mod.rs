//! The image stage: every raster image the site publishes (Markdown
//! images, files in a document's folder, brand logos, gallery photos)
//! is decoded once, turned upright by its EXIF orientation, resized to the
//! `[images] widths` (never upscaled) and written again without any
//! metadata. The largest derivative takes the original's name, the others
//! `<stem>-<width>w.<ext>` beside it, so the camera's file is never
//! published (unless it is already small and holds nothing but pixels).
//!
//! Results are kept in memory for the process (the renderers of one build
//! and the dev server's rebuilds share them) and on disk in
//! `.casebook-cache/images/`, keyed by the file's content and the
//! settings, so an unchanged image is never processed twice.

mod cache;
mod codec;
mod scan;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use crate::config::ImagesConfig;
use crate::diag::{Diagnostic, Pos};

pub(crate) use codec::THUMB_MAX;

/// The formats we publish, each kept in its own format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Jpeg,
    Png,
    Gif,
    Webp,
}

/// One published file of an image.
#[derive(Debug, Clone)]
pub(crate) struct Variant {
    pub width: u32,
    pub height: u32,
    /// Its file in the cache, once stored there: a build links the output
    /// to it instead of reading and writing the bytes.
    pub file: Option<PathBuf>,
    /// Read from `file` only when asked for.
    bytes: OnceLock<Arc<[u8]>>,
}

impl Variant {
    pub(crate) fn made(width: u32, height: u32, bytes: Vec<u8>) -> Variant {
        Variant {
            width,
            height,
            file: None,
            bytes: OnceLock::from(Arc::from(bytes)),
        }
    }

    pub(crate) fn cached(width: u32, height: u32, file: PathBuf) -> Variant {
        Variant {
            width,
            height,
            file: Some(file),
            bytes: OnceLock::new(),
        }
    }

    /// The encoded file.
    pub(crate) fn bytes(&self) -> std::io::Result<Arc<[u8]>> {
        if let Some(b) = self.bytes.get() {
            return Ok(b.clone());
        }
        let file = self.file.as_ref().ok_or(std::io::ErrorKind::NotFound)?;
        let read: Arc<[u8]> = Arc::from(std::fs::read(file)?);
        Ok(self.bytes.get_or_init(|| read).clone())
    }
}

/// An image ready to publish: its derivatives, narrowest first; the last
/// (largest) is published under the original's name.
#[derive(Debug, Clone)]
pub(crate) struct Picture {
    pub format: Format,
    pub variants: Vec<Variant>,
}

impl Picture {
    pub(crate) fn largest(&self) -> &Variant {
        // Never empty: `codec::targets` gives at least one width.
        &self.variants[self.variants.len() - 1]
    }

    /// (site path, variant) of every derivative, for an original at `dest`.
    pub(crate) fn files<'p>(&'p self, dest: &str) -> Vec<(String, &'p Variant)> {
        self.variants
            .iter()
            .map(|v| (self.path_of(dest, v), v))
            .collect()
    }

    /// Where variant `v` of the original at `path` (a site path or an
    /// href) is published.
    pub(crate) fn path_of(&self, path: &str, v: &Variant) -> String {
        if v.width == self.largest().width {
            return path.to_string();
        }
        variant_path(path, v.width)
    }

    /// A `srcset` of the variants that `keep` accepts, for the original's
    /// `href`: `a-480w.jpg 480w, a.jpg 1600w`.
    pub(crate) fn srcset(&self, href: &str, keep: impl Fn(&Variant) -> bool) -> String {
        let mut s = String::new();
        for v in self.variants.iter().filter(|v| keep(v)) {
            if !s.is_empty() {
                s.push_str(", ");
            }
            s.push_str(&self.path_of(href, v));
            s.push(' ');
            s.push_str(&v.width.to_string());
            s.push('w');
        }
        s
    }

    /// The largest variant fit for a thumbnail.
    pub(crate) fn thumb(&self) -> &Variant {
        self.variants
            .iter()
            .rev()
            .find(|v| v.width <= THUMB_MAX)
            .unwrap_or(&self.variants[0])
    }
}

/// `dir/photo.jpg` → `dir/photo-480w.jpg` (the extension kept).
pub(crate) fn variant_path(path: &str, width: u32) -> String {
    let name_at = path.rfind('/').map_or(0, |i| i + 1);
    match path[name_at..].rfind('.') {
        Some(dot) if dot > 0 => {
            let dot = name_at + dot;
            format!("{}-{width}w{}", &path[..dot], &path[dot..])
        }
        _ => format!("{path}-{width}w"),
    }
}

/// Why an image cannot be published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Refusal {
    Heic,
    /// A format we do not publish (its name).
    Unsupported(String),
    /// Not decodable (the decoder's words, possibly empty).
    Corrupt(String),
    /// A JPEG whose data stops before its end.
    Truncated,
    TooLarge {
        width: u32,
        height: u32,
        max: u64,
    },
    Unreadable(crate::i18n::Msg),
}

/// File names the image stage takes: the formats it publishes and those it
/// must refuse by name (a HEIC photo copied as it is would publish its
/// GPS position).
pub(crate) fn is_raster_name(name: &str) -> bool {
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    matches!(
        ext.as_deref(),
        Some(
            "jpg"
                | "jpeg"
                | "jfif"
                | "png"
                | "gif"
                | "webp"
                | "heic"
                | "heif"
                | "avif"
                | "tif"
                | "tiff"
                | "bmp"
        )
    )
}

/// The error for an image that cannot be published, at the place of the
/// document that shows it; `file` names the image (site-relative).
pub(crate) fn refused(path: &str, pos: Pos, file: &str, r: &Refusal) -> Diagnostic {
    use crate::msg;
    let (message, hint) = match r {
        Refusal::Heic => (msg!("img-heic", file = file), msg!("img-heic-hint")),
        Refusal::Unsupported(f) => (
            msg!("img-unsupported", file = file, format = f),
            msg!("img-unsupported-hint"),
        ),
        Refusal::Corrupt(detail) => (
            msg!(
                "img-corrupt",
                file = file,
                detail = if detail.is_empty() {
                    "none"
                } else {
                    detail.as_str()
                }
            ),
            msg!("img-copy-again-hint"),
        ),
        Refusal::Truncated => (
            msg!("img-truncated", file = file),
            msg!("img-copy-again-hint"),
        ),
        Refusal::TooLarge { width, height, max } => (
            msg!(
                "img-too-large",
                file = file,
                width = *width,
                height = *height,
                megapixels = (u64::from(*width) * u64::from(*height)).div_ceil(1_000_000),
                max = *max
            ),
            msg!("img-too-large-hint"),
        ),
        Refusal::Unreadable(e) => (
            msg!("img-unreadable", file = file, cause = e.clone()),
            msg!("validate-check-permissions"),
        ),
    };
    Diagnostic::error(path, pos, message).with_hint(hint)
}

type Slot = Arc<OnceLock<Result<Arc<Picture>, Refusal>>>;

/// What the process knows of one site's images.
#[derive(Default)]
struct Memo {
    /// Source file → (size, modification time, content hash): an unchanged
    /// file is not read again to find its key.
    stamps: HashMap<PathBuf, cache::Stamp>,
    stamps_loaded: bool,
    /// Key (content and settings) → the picture or why it was refused.
    pictures: HashMap<u128, Slot>,
    /// Keys asked for since the last [`finish`].
    used: HashSet<u128>,
}

/// Per site root. Process-wide, like the picture files themselves: every
/// renderer of a build and every rebuild of the dev server asks for the
/// same images, and a key names content, so an entry is never stale.
fn memos() -> &'static Mutex<HashMap<PathBuf, Memo>> {
    static MEMOS: OnceLock<Mutex<HashMap<PathBuf, Memo>>> = OnceLock::new();
    MEMOS.get_or_init(Default::default)
}

fn lock() -> std::sync::MutexGuard<'static, HashMap<PathBuf, Memo>> {
    memos().lock().unwrap_or_else(|e| e.into_inner())
}

/// The published form of the image file `src` of the site at `root`:
/// from memory, else from the disk cache, else made now (and cached).
/// Safe to call from many threads; one image is made once.
pub(crate) fn picture(
    root: &Path,
    cfg: &ImagesConfig,
    src: &Path,
) -> Result<Arc<Picture>, Refusal> {
    let dir = cache::dir(root);
    let stamp = {
        let mut memos = lock();
        let memo = memos.entry(root.to_path_buf()).or_default();
        if !memo.stamps_loaded {
            memo.stamps = cache::load_stamps(&dir, root);
            memo.stamps_loaded = true;
        }
        memo.stamps.get(src).cloned()
    };
    let (hash, mut bytes) = match cache::current_hash(src, stamp.as_ref()) {
        Ok((hash, read, new_stamp)) => {
            if let Some(s) = new_stamp {
                let mut memos = lock();
                memos
                    .entry(root.to_path_buf())
                    .or_default()
                    .stamps
                    .insert(src.to_path_buf(), s);
            }
            (hash, read)
        }
        Err(e) => return Err(Refusal::Unreadable(crate::io_cause(&e))),
    };
    let key = cache::key(hash, cfg);
    let slot: Slot = {
        let mut memos = lock();
        let memo = memos.entry(root.to_path_buf()).or_default();
        memo.used.insert(key);
        memo.pictures.entry(key).or_default().clone()
    };
    slot.get_or_init(|| {
        if let Some(p) = cache::read(&dir, key) {
            return Ok(Arc::new(p));
        }
        let bytes = match bytes.take() {
            Some(b) => b,
            None => {
                crate::confine::read(src).map_err(|e| Refusal::Unreadable(crate::io_cause(&e)))?
            }
        };
        let mut p = codec::process(&bytes, cfg)?;
        cache::write(&dir, key, &mut p);
        Ok(Arc::new(p))
    })
    .clone()
}

/// The bytes a paper output (PDF, Word) embeds for the file `src`: a
/// raster image's largest derivative (at most the largest configured
/// width: about 260 dpi across the GB/T 9704 text block at 1600 pixels),
/// never the camera's original; any other file as it is.
pub(crate) fn published(root: &Path, cfg: &ImagesConfig, src: &Path) -> std::io::Result<Vec<u8>> {
    let name = src.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if !is_raster_name(name) {
        return crate::confine::read(src);
    }
    match picture(root, cfg, src) {
        Ok(p) => Ok(p.largest().bytes()?.to_vec()),
        // The website reports why (at the document's line); paper outputs
        // then leave the picture out like any unreadable one.
        Err(_) => Err(std::io::Error::from(std::io::ErrorKind::InvalidData)),
    }
}

/// After a successful build of the whole site: remembers the source
/// stamps and removes the cached images this build did not use.
pub(crate) fn finish(root: &Path) {
    let (stamps, used) = {
        let mut memos = lock();
        let Some(memo) = memos.get_mut(root) else {
            return;
        };
        let used = std::mem::take(&mut memo.used);
        // Pictures no longer used leave memory too (the dev server runs long).
        memo.pictures.retain(|k, _| used.contains(k));
        (memo.stamps.clone(), used)
    };
    let dir = cache::dir(root);
    cache::save_stamps(&dir, root, &stamps);
    cache::prune(&dir, &used);
}

/// Forgets what was asked for so far (a build starts; see [`finish`]).
pub(crate) fn begin(root: &Path) {
    if let Some(memo) = lock().get_mut(root) {
        memo.used.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_are_named_beside_the_original() {
        assert_eq!(
            variant_path("cases/a/photo.jpg", 480),
            "cases/a/photo-480w.jpg"
        );
        assert_eq!(variant_path("../x.y/photo", 960), "../x.y/photo-960w");
        assert_eq!(variant_path("a/.hidden", 960), "a/.hidden-960w");
    }
}
