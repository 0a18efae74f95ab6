//! The image cache on disk: `.casebook-cache/images/` in the site folder.
//! Each picture is `<key>.meta` (its format and the size of each variant)
//! and `<key>-<width>` (the variant's bytes), the key hashing the source's
//! content, the settings and the stage's version. `stamps.tsv` remembers
//! each source's size, modification time and content hash, so an
//! unchanged photo is not read again at all. The folder carries its own
//! `.gitignore` and `CACHEDIR.TAG`, and a successful build removes what it
//! did not use. Every failure here only costs time: the picture is made
//! again.

use std::collections::{HashMap, HashSet};
use std::hash::Hash;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::{Format, Picture, Variant};
use crate::config::ImagesConfig;

/// Bumped whenever the same source and settings would give other bytes.
const STAGE_VERSION: u32 = 1;
const STAMPS: &str = "stamps.tsv";

pub(crate) fn dir(root: &Path) -> PathBuf {
    root.join(".casebook-cache").join("images")
}

/// What a source file was when last hashed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Stamp {
    len: u64,
    modified_ns: i128,
    hash: u128,
}

fn modified_ns(m: &std::fs::Metadata) -> i128 {
    m.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as i128)
}

/// The source's content hash: from its stamp when its size and time are
/// unchanged, else read (the bytes are handed back to spare a second read,
/// with the new stamp).
#[allow(clippy::type_complexity)]
pub(super) fn current_hash(
    src: &Path,
    stamp: Option<&Stamp>,
) -> std::io::Result<(u128, Option<Vec<u8>>, Option<Stamp>)> {
    let meta = std::fs::metadata(src)?;
    let (len, modified) = (meta.len(), modified_ns(&meta));
    if let Some(s) = stamp
        && s.len == len
        && s.modified_ns == modified
        && modified != 0
    {
        return Ok((s.hash, None, None));
    }
    let bytes = crate::confine::read(src)?;
    let hash = xxhash_rust::xxh3::xxh3_128(&bytes);
    let stamp = Stamp {
        len,
        modified_ns: modified,
        hash,
    };
    Ok((hash, Some(bytes), Some(stamp)))
}

/// The cache key of a source's content under these settings.
pub(super) fn key(content: u128, cfg: &ImagesConfig) -> u128 {
    let mut h = xxhash_rust::xxh3::Xxh3Default::new();
    (STAGE_VERSION, content, cfg).hash(&mut h);
    h.digest128()
}

fn format_name(f: Format) -> &'static str {
    match f {
        Format::Jpeg => "jpeg",
        Format::Png => "png",
        Format::Gif => "gif",
        Format::Webp => "webp",
    }
}

/// A cached picture, if every one of its files is there.
pub(super) fn read(dir: &Path, key: u128) -> Option<Picture> {
    let meta = std::fs::read_to_string(dir.join(format!("{key:032x}.meta"))).ok()?;
    let mut lines = meta.lines();
    let format = match lines.next()? {
        "jpeg" => Format::Jpeg,
        "png" => Format::Png,
        "gif" => Format::Gif,
        "webp" => Format::Webp,
        _ => return None,
    };
    let mut variants = Vec::new();
    for l in lines {
        let (w, h) = l.split_once(' ')?;
        let (width, height): (u32, u32) = (w.parse().ok()?, h.parse().ok()?);
        let file = dir.join(format!("{key:032x}-{width}"));
        // Only that it is there: the bytes are read (or linked) when needed.
        if !file.is_file() {
            return None;
        }
        variants.push(Variant::cached(width, height, file));
    }
    (!variants.is_empty()).then_some(Picture { format, variants })
}

/// Stores a picture: the variants first, the `.meta` last, each written
/// beside its place and renamed, so a reader never sees half an entry.
/// Each variant then names its cache file.
pub(super) fn write(dir: &Path, key: u128, p: &mut Picture) {
    if prepare(dir).is_err() {
        return;
    }
    let mut meta = format!("{}\n", format_name(p.format));
    let mut files = Vec::new();
    for v in &p.variants {
        let name = format!("{key:032x}-{}", v.width);
        match v.bytes() {
            Ok(b) if put(dir, &name, &b).is_ok() => files.push(dir.join(name)),
            _ => return,
        }
        meta.push_str(&format!("{} {}\n", v.width, v.height));
    }
    if put(dir, &format!("{key:032x}.meta"), meta.as_bytes()).is_ok() {
        for (v, f) in p.variants.iter_mut().zip(files) {
            v.file = Some(f);
        }
    }
}

fn put(dir: &Path, name: &str, data: &[u8]) -> std::io::Result<()> {
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = std::fs::File::create(&tmp)
        .and_then(|mut f| f.write_all(data))
        .and_then(|()| std::fs::rename(&tmp, dir.join(name)));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Makes the folder, marked so that git and backup tools leave it alone.
fn prepare(dir: &Path) -> std::io::Result<()> {
    if dir.join(".gitignore").is_file() {
        return Ok(());
    }
    std::fs::create_dir_all(dir)?;
    if let Some(top) = dir.parent() {
        std::fs::write(
            top.join(".gitignore"),
            "# casebook's cache of processed images: made again when missing.\n*\n",
        )?;
        std::fs::write(
            top.join("CACHEDIR.TAG"),
            "Signature: 8a477f597d28d172789f06886806bc55\n\
             # casebook's cache of processed images (made again when missing).\n",
        )?;
    }
    std::fs::write(dir.join(".gitignore"), "*\n")
}

pub(super) fn load_stamps(dir: &Path, root: &Path) -> HashMap<PathBuf, Stamp> {
    let Ok(text) = std::fs::read_to_string(dir.join(STAMPS)) else {
        return HashMap::new();
    };
    text.lines()
        .filter_map(|l| {
            let mut f = l.splitn(4, '\t');
            let (len, ns, hash, rel) = (f.next()?, f.next()?, f.next()?, f.next()?);
            let stamp = Stamp {
                len: len.parse().ok()?,
                modified_ns: ns.parse().ok()?,
                hash: u128::from_str_radix(hash, 16).ok()?,
            };
            Some((root.join(rel), stamp))
        })
        .collect()
}

pub(super) fn save_stamps(dir: &Path, root: &Path, stamps: &HashMap<PathBuf, Stamp>) {
    let mut rows: Vec<String> = stamps
        .iter()
        .filter(|(p, _)| p.is_file())
        .filter_map(|(p, s)| {
            let rel = p.strip_prefix(root).ok()?.to_str()?;
            (!rel.contains(['\t', '\n']))
                .then(|| format!("{}\t{}\t{:032x}\t{rel}\n", s.len, s.modified_ns, s.hash))
        })
        .collect();
    if rows.is_empty() && !dir.exists() {
        return;
    }
    rows.sort();
    if prepare(dir).is_ok() {
        let _ = put(dir, STAMPS, rows.concat().as_bytes());
    }
}

/// Removes the entries of pictures not in `used`.
pub(super) fn prune(dir: &Path, used: &HashSet<u128>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some(hex) = name.get(..32) else { continue };
        let Ok(key) = u128::from_str_radix(hex, 16) else {
            continue;
        };
        if !used.contains(&key) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}
