//! Write: the URL strategy ([`urls`]), the atomic output folder, and the
//! offline bundle ([`bundle`]).
//!
//! A build renders into a sibling temporary folder; only when everything
//! succeeded is the previous output swapped out and the new one renamed into
//! place, so a failed build leaves the old site exactly as it was.

pub mod bundle;
#[cfg(test)]
mod dir_sink_tests;
pub mod urls;

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::render::Sink;

/// Marks an output folder as made by casebook, so a rebuild may replace it.
pub const MARKER: &str = ".casebook-output";

/// Writes files below a folder, creating parents; paths are site paths.
pub struct DirSink {
    dir: PathBuf,
    atomic: bool,
}

/// Numbers temporary files, so threads writing at once never share one.
static TMP_SEQ: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

impl DirSink {
    /// Writes in place: for a fresh folder nobody reads yet (a build's
    /// staging folder), where a rename per file would only cost time.
    pub fn new(dir: PathBuf) -> DirSink {
        DirSink { dir, atomic: false }
    }

    /// Writes each file beside its target and renames it over the target, so
    /// a reader (the dev server answering a browser) sees the old file or
    /// the new one, never a truncated one.
    pub fn atomic(dir: PathBuf) -> DirSink {
        DirSink { dir, atomic: true }
    }

    fn target(&self, site_path: &str) -> std::io::Result<PathBuf> {
        // Site paths come from slugs and asset names we made; refuse anything
        // that could climb out of the output folder all the same.
        let rel = Path::new(site_path);
        if rel.is_absolute()
            || rel
                .components()
                .any(|c| !matches!(c, std::path::Component::Normal(_)))
        {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("unsafe output path {site_path:?}"),
            ));
        }
        Ok(self.dir.join(rel))
    }

    /// Runs `write` on the path to fill: the target itself, or (atomic) a
    /// temporary file in the same folder that is then renamed over it. The
    /// temporary file is removed if anything fails.
    fn write_with(
        &self,
        site_path: &str,
        write: impl FnOnce(&Path) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        let p = self.target(site_path)?;
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent)?;
        }
        if !self.atomic {
            return write(&p);
        }
        let name = p.file_name().unwrap_or_default().to_string_lossy();
        let seq = TMP_SEQ.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let tmp = p.with_file_name(format!(".{name}.casebook-{}-{seq}.tmp", std::process::id()));
        let result = write(&tmp).and_then(|()| std::fs::rename(&tmp, &p));
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        result
    }
}

impl Sink for DirSink {
    fn put(&self, site_path: &str, data: &[u8]) -> std::io::Result<()> {
        self.write_with(site_path, |p| {
            let mut f = std::io::BufWriter::with_capacity(64 * 1024, std::fs::File::create(p)?);
            f.write_all(data)?;
            f.flush()
        })
    }

    fn copy(&self, site_path: &str, src: &Path) -> std::io::Result<()> {
        self.write_with(site_path, |p| std::fs::copy(src, p).map(|_| ()))
    }
}

/// A build's output: a temporary folder beside the destination.
pub struct Staging {
    dest: PathBuf,
    tmp: PathBuf,
    committed: bool,
}

impl Staging {
    /// Checks that `dest` may be (re)written for the site at `root`, and
    /// makes the temporary folder.
    pub fn new(root: &Path, dest: &Path) -> Result<Staging, String> {
        let dest = absolute(dest)?;
        check_destination(root, &dest)?;
        let parent = dest
            .parent()
            .ok_or("the output folder has no parent folder")?;
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let tmp = parent.join(format!(".{name}.casebook-tmp-{}", std::process::id()));
        if tmp.exists() {
            let _ = std::fs::remove_dir_all(&tmp);
        }
        std::fs::create_dir_all(&tmp)
            .map_err(|e| format!("cannot create {}: {e}", tmp.display()))?;
        Ok(Staging {
            dest,
            tmp,
            committed: false,
        })
    }

    pub fn sink(&self) -> DirSink {
        DirSink::new(self.tmp.clone())
    }

    pub fn dest(&self) -> &Path {
        &self.dest
    }

    /// Swaps the new output in place of the old one.
    pub fn commit(mut self) -> Result<(), String> {
        std::fs::write(
            self.tmp.join(MARKER),
            b"This folder is written by casebook build; it is replaced on every build.\n",
        )
        .map_err(|e| format!("cannot write the output marker: {e}"))?;
        let old = self.tmp.with_file_name(format!(
            ".{}.casebook-old-{}",
            self.dest
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            std::process::id()
        ));
        if self.dest.exists() {
            std::fs::rename(&self.dest, &old)
                .map_err(|e| format!("cannot move the old output aside: {e}"))?;
        }
        if let Err(e) = std::fs::rename(&self.tmp, &self.dest) {
            let _ = std::fs::rename(&old, &self.dest);
            return Err(format!("cannot move the new output into place: {e}"));
        }
        self.committed = true;
        let _ = std::fs::remove_dir_all(&old);
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
    }
}

fn absolute(p: &Path) -> Result<PathBuf, String> {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().map_err(|e| e.to_string())?.join(p)
    };
    Ok(crate::render::markdown::normalize(&abs))
}

/// The output folder must not be the site itself, hold it, sit inside
/// `content/` (or the other source folders), or be a non-empty folder that
/// casebook did not make.
pub fn check_destination(root: &Path, dest: &Path) -> Result<(), String> {
    let canon_dest = std::fs::canonicalize(dest).unwrap_or_else(|_| dest.to_path_buf());
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    if root.starts_with(&canon_dest) {
        return Err(format!(
            "refusing to write the site into {}: it holds the site's own files",
            dest.display()
        ));
    }
    for src in ["content", "static", "templates", "themes", "i18n"] {
        if canon_dest.starts_with(root.join(src)) {
            return Err(format!(
                "refusing to write the site into {}: it is inside the site's {src}/ folder",
                dest.display()
            ));
        }
    }
    if canon_dest.is_file() {
        return Err(format!("{} is a file, not a folder", dest.display()));
    }
    if canon_dest.is_dir() {
        let mut entries = std::fs::read_dir(&canon_dest)
            .map_err(|e| format!("cannot read {}: {e}", dest.display()))?;
        let empty = entries.next().is_none();
        if !empty && !canon_dest.join(MARKER).is_file() {
            return Err(format!(
                "refusing to replace {}: it is not empty and was not made by casebook (no {MARKER} file); choose another --output or empty it",
                dest.display()
            ));
        }
    }
    Ok(())
}
