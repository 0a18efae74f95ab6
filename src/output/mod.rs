//! The renderer seam and the plumbing every output shares.
//!
//! Each output of a build (the website with its print views, feeds, data
//! files and search index; the offline bundle; the CSV ledger; the PDF and
//! .docx to come) is a [`Renderer`]: it reads the model and writes files
//! through a [`Sink`], nothing else. [`render_all`] is the driver loop.
//! Beside the trait live the sinks (a folder, memory, nothing), the
//! staging folder that is swapped in atomically only when every renderer
//! succeeded, so a failed build leaves the old output exactly as it was,
//! and the bundle's deterministic zip writer ([`bundle`]).

pub(crate) mod bundle;
#[cfg(test)]
mod dir_sink_tests;
#[cfg(test)]
mod seam_tests;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diag::Diagnostics;
use crate::i18n::Msg;
use crate::model::Site;

/// One output of a build, in the spirit of mdBook's `Renderer`.
///
/// A renderer gets the modelled site and a sink and writes its files into
/// the sink only, so one renderer serves a real build (a staging folder),
/// `check` ([`NullSink`]) and the dev server ([`MemorySink`]) alike. It
/// never goes back into front matter: what readers see comes from the
/// model (and its presentation records).
pub(crate) trait Renderer {
    /// What it makes, for messages and profiling: "website", "bundle" …
    fn name(&self) -> &'static str;

    /// Writes this output of `site` into `sink`. Returns the warnings;
    /// content or template errors come back as [`crate::Error::Content`]
    /// with every diagnostic, and then nothing written may be used.
    fn render(&mut self, site: &Site, sink: &dyn Sink) -> Result<Diagnostics, crate::Error>;
}

/// The driver loop: runs `renderers` in order into one sink and stops at
/// the first failure, before the caller commits anything. Returns every
/// renderer's warnings, sorted.
pub(crate) fn render_all(
    site: &Site,
    renderers: &mut [&mut dyn Renderer],
    sink: &dyn Sink,
) -> Result<Diagnostics, crate::Error> {
    let mut warnings = Diagnostics::new();
    let clock = crate::profile::Clock::since(std::time::Instant::now(), "", "");
    for r in renderers.iter_mut() {
        warnings.extend(r.render(site, sink)?.into_vec());
        clock.mark(r.name());
    }
    warnings.sort();
    Ok(warnings)
}

/// Where rendered files go. Implementations must be usable from many threads.
pub trait Sink: Sync {
    fn put(&self, site_path: &str, data: &[u8]) -> std::io::Result<()>;
    /// Like `put`, for data the caller shares (a sink may keep it uncopied).
    fn put_shared(&self, site_path: &str, data: Arc<[u8]>) -> std::io::Result<()> {
        self.put(site_path, &data)
    }
    /// Copies a file that [`crate::confine`] accepted (and checks it again).
    fn copy(&self, site_path: &str, src: &Path) -> std::io::Result<()> {
        let data = crate::confine::read(src)?;
        self.put(site_path, &data)
    }
    /// Publishes a file that stays where it is and is never changed in
    /// place (the image cache's): a folder links to it when it can (no
    /// bytes copied, as Cargo links its outputs), else copies it.
    fn link(&self, site_path: &str, src: &Path) -> std::io::Result<()> {
        self.copy(site_path, src)
    }
    /// Takes in a finished file that a renderer made in its own working
    /// folder (the bundle's zip): moved when it can be, else copied.
    fn adopt(&self, site_path: &str, made: &Path) -> std::io::Result<()> {
        self.put(site_path, &std::fs::read(made)?)
    }
}

/// Keeps everything in memory, in the order written (many threads write
/// at once): the dev server renders here first, so an error leaves the
/// served folder untouched; `export` without `--output` prints from here.
#[derive(Default)]
pub(crate) struct MemorySink(std::sync::Mutex<Vec<(String, Arc<[u8]>)>>);

impl MemorySink {
    /// Takes out what was written so far.
    pub(crate) fn take(&self) -> Vec<(String, Arc<[u8]>)> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// Puts files taken out back (to be written later).
    pub(crate) fn put_back(&self, files: Vec<(String, Arc<[u8]>)>) {
        let mut held = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let later = std::mem::replace(&mut *held, files);
        held.extend(later);
    }

    /// Everything written.
    pub(crate) fn into_files(self) -> Vec<(String, Arc<[u8]>)> {
        self.0.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for MemorySink {
    fn put(&self, site_path: &str, data: &[u8]) -> std::io::Result<()> {
        self.put_shared(site_path, Arc::from(data))
    }
    fn put_shared(&self, site_path: &str, data: Arc<[u8]>) -> std::io::Result<()> {
        self.0
            .lock()
            .map_err(|_| std::io::Error::other("poisoned"))?
            .push((site_path.to_string(), data));
        Ok(())
    }
}

/// Discards everything: `check` renders every page to find template errors.
pub(crate) struct NullSink;

impl Sink for NullSink {
    fn put(&self, _: &str, _: &[u8]) -> std::io::Result<()> {
        Ok(())
    }
    fn copy(&self, _: &str, src: &Path) -> std::io::Result<()> {
        std::fs::metadata(src).map(|_| ())
    }
}

/// Marks an output folder as made by casebook, so a rebuild may replace it.
pub(crate) const MARKER: &str = ".casebook-output";

/// Writes files below a folder, creating parents; paths are site paths.
pub(crate) struct DirSink {
    dir: PathBuf,
    atomic: bool,
}

/// Numbers temporary files, so threads writing at once never share one.
static TMP_SEQ: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

impl DirSink {
    /// Writes in place: for a fresh folder nobody reads yet (a build's
    /// staging folder), where a rename per file would only cost time.
    pub(crate) fn new(dir: PathBuf) -> DirSink {
        DirSink { dir, atomic: false }
    }

    /// Writes each file beside its target and renames it over the target, so
    /// a reader (the dev server answering a browser) sees the old file or
    /// the new one, never a truncated one.
    pub(crate) fn atomic(dir: PathBuf) -> DirSink {
        DirSink { dir, atomic: true }
    }

    fn target(&self, site_path: &str) -> std::io::Result<PathBuf> {
        // Site paths come from slugs and asset names we made; refuse anything
        // that could climb out of the output folder all the same.
        let rel = Path::new(site_path);
        if rel.as_os_str().is_empty()
            || rel.is_absolute()
            || rel
                .components()
                .any(|c| !matches!(c, std::path::Component::Normal(_)))
        {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                crate::msg!("out-unsafe-path", path = format!("{site_path:?}")).to_string(),
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

    fn link(&self, site_path: &str, src: &Path) -> std::io::Result<()> {
        // Another file system, or one without hard links: a copy.
        self.write_with(site_path, |p| {
            std::fs::hard_link(src, p).or_else(|_| std::fs::copy(src, p).map(|_| ()))
        })
    }

    fn adopt(&self, site_path: &str, made: &Path) -> std::io::Result<()> {
        // A rename fails across file systems; a copy never does.
        self.write_with(site_path, |p| {
            std::fs::rename(made, p).or_else(|_| std::fs::copy(made, p).map(|_| ()))
        })
    }
}

/// A private working folder `.<name>.casebook-tmp-<pid>` in `parent`,
/// removed when dropped.
///
/// While it exists, its process holds a lock on a small file beside it
/// (`.<name>.casebook-<pid>.lock`); the operating system releases the lock
/// when the process ends, however it ends. Making one first removes the
/// working folders of `name` whose lock nobody holds (a build that was
/// killed), and never those of a build still running.
pub(crate) struct TempFolder {
    path: PathBuf,
    lock: Option<(std::fs::File, PathBuf)>,
}

impl TempFolder {
    pub(crate) fn new(parent: &Path, name: &str) -> Result<TempFolder, Msg> {
        let pid = std::process::id();
        let lock_path = parent.join(lock_name(name, pid));
        let lock = std::fs::File::create(&lock_path)
            .and_then(|f| f.try_lock().map(|()| f).map_err(std::io::Error::other))
            .map_err(|e| {
                crate::msg!(
                    "out-cannot-lock",
                    path = &lock_path,
                    cause = crate::io_cause(&e)
                )
            })?;
        sweep_stale(parent, name, pid);
        let folder = TempFolder {
            path: parent.join(format!(".{name}.casebook-tmp-{pid}")),
            lock: Some((lock, lock_path)),
        };
        if folder.path.exists() {
            let _ = std::fs::remove_dir_all(&folder.path);
        }
        std::fs::create_dir_all(&folder.path).map_err(|e| {
            crate::msg!(
                "out-cannot-create",
                path = &folder.path,
                cause = crate::io_cause(&e)
            )
        })?;
        Ok(folder)
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for TempFolder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
        // Unlocked by closing, then removed: no sweep sees it unlocked while
        // the folder it guards is still there.
        if let Some((file, path)) = self.lock.take() {
            drop(file);
            let _ = std::fs::remove_file(path);
        }
    }
}

/// A build's output: a [`TempFolder`] beside the destination, swapped in
/// by [`Staging::commit`].
pub(crate) struct Staging {
    dest: PathBuf,
    tmp: TempFolder,
}

impl Staging {
    /// Checks that `dest` may be (re)written for the site at `root`, and
    /// makes the temporary folder.
    pub(crate) fn new(root: &Path, dest: &Path) -> Result<Staging, Msg> {
        let dest = absolute(dest)?;
        check_destination(root, &dest)?;
        let parent = dest.parent().ok_or_else(|| crate::msg!("out-no-parent"))?;
        std::fs::create_dir_all(parent).map_err(|e| {
            crate::msg!(
                "out-cannot-create",
                path = parent,
                cause = crate::io_cause(&e)
            )
        })?;
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let tmp = TempFolder::new(parent, &name)?;
        Ok(Staging { dest, tmp })
    }

    pub(crate) fn sink(&self) -> DirSink {
        DirSink::new(self.tmp.path.clone())
    }

    /// Swaps the new output in place of the old one.
    pub(crate) fn commit(self) -> Result<(), Msg> {
        let tmp = &self.tmp.path;
        std::fs::write(
            tmp.join(MARKER),
            b"This folder is written by casebook build; it is replaced on every build.\n",
        )
        .map_err(|e| crate::msg!("out-cannot-write-marker", cause = crate::io_cause(&e)))?;
        let old = tmp.with_file_name(format!(
            ".{}.casebook-old-{}",
            self.dest
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            std::process::id()
        ));
        if self.dest.exists() {
            std::fs::rename(&self.dest, &old)
                .map_err(|e| crate::msg!("out-cannot-move-old", cause = crate::io_cause(&e)))?;
        }
        if let Err(e) = std::fs::rename(tmp, &self.dest) {
            let _ = std::fs::rename(&old, &self.dest);
            return Err(crate::msg!(
                "out-cannot-move-new",
                cause = crate::io_cause(&e)
            ));
        }
        let _ = std::fs::remove_dir_all(&old);
        Ok(())
    }
}

fn lock_name(name: &str, pid: u32) -> String {
    format!(".{name}.casebook-{pid}.lock")
}

/// Removes the staging and set-aside folders (and lock files) of earlier
/// builds of `name` in `parent` whose process is gone: those whose lock
/// file is missing or can be locked now. Best effort: a folder that cannot
/// be removed is left for the next build.
fn sweep_stale(parent: &Path, name: &str, own: u32) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let prefix = format!(".{name}.casebook-");
    for e in entries.filter_map(Result::ok) {
        let file_name = e.file_name().to_string_lossy().into_owned();
        let Some(rest) = file_name.strip_prefix(&prefix) else {
            continue;
        };
        let (pid, is_lock) = match rest.strip_suffix(".lock") {
            Some(pid) => (pid, true),
            None => match rest
                .strip_prefix("tmp-")
                .or_else(|| rest.strip_prefix("old-"))
            {
                Some(pid) => (pid, false),
                None => continue,
            },
        };
        let Ok(pid) = pid.parse::<u32>() else {
            continue;
        };
        if pid == own || is_locked(&parent.join(lock_name(name, pid))) {
            continue;
        }
        let path = e.path();
        let _ = if is_lock {
            std::fs::remove_file(&path)
        } else {
            std::fs::remove_dir_all(&path)
        };
    }
}

/// Whether a running build holds this lock file.
fn is_locked(lock: &Path) -> bool {
    match std::fs::File::open(lock) {
        Ok(f) => matches!(f.try_lock(), Err(std::fs::TryLockError::WouldBlock)),
        Err(_) => false,
    }
}

fn absolute(p: &Path) -> Result<PathBuf, Msg> {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|e| crate::msg!("out-no-working-folder", cause = crate::io_cause(&e)))?
            .join(p)
    };
    Ok(crate::confine::normalize(&abs))
}

/// Why `dest` may not be the output folder of the site at `root`, if it
/// may not (see [`check_destination`]); checked before anything is made.
pub(crate) fn destination_problem(root: &Path, dest: &Path) -> Option<Msg> {
    absolute(dest)
        .and_then(|abs| check_destination(root, &abs))
        .err()
}

/// The output folder must not be the site itself, hold it, sit inside
/// `content/` (or the other source folders), or be a non-empty folder that
/// casebook did not make.
pub(crate) fn check_destination(root: &Path, dest: &Path) -> Result<(), Msg> {
    let canon_dest = std::fs::canonicalize(dest).unwrap_or_else(|_| dest.to_path_buf());
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    if root.starts_with(&canon_dest) {
        return Err(crate::msg!("out-refuse-holds-site", path = dest));
    }
    for src in ["content", "static", "templates", "themes", "i18n"] {
        if canon_dest.starts_with(root.join(src)) {
            return Err(crate::msg!(
                "out-refuse-inside-source",
                path = dest,
                folder = src
            ));
        }
    }
    if canon_dest.is_file() {
        return Err(crate::msg!("out-is-a-file", path = dest));
    }
    if canon_dest.is_dir() {
        let mut entries = std::fs::read_dir(&canon_dest).map_err(|e| {
            crate::msg!("out-cannot-read", path = dest, cause = crate::io_cause(&e))
        })?;
        let empty = entries.next().is_none();
        if !empty && !canon_dest.join(MARKER).is_file() {
            return Err(crate::msg!(
                "out-refuse-not-ours",
                path = dest,
                marker = MARKER
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_writer_refuses_destinations_outside_its_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir(&out).unwrap();
        let sink = DirSink::new(out.clone());
        for bad in [
            "../escaped.txt",
            "cases/../../escaped.txt",
            "/tmp/escaped.txt",
            "./x/../../escaped.txt",
            "",
        ] {
            let e = sink.put(bad, b"x").unwrap_err();
            assert_eq!(e.kind(), std::io::ErrorKind::InvalidInput, "{bad:?}");
        }
        assert!(!dir.path().join("escaped.txt").exists());
        sink.put("cases/a/index.html", b"ok").unwrap();
        assert_eq!(
            std::fs::read(out.join("cases/a/index.html")).unwrap(),
            b"ok"
        );
    }

    #[test]
    fn refused_destinations_say_why_in_either_language() {
        use crate::i18n::Language;
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        let out = dir.path().join("out");
        std::fs::create_dir_all(site.join("content")).unwrap();
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("keep.txt"), "x").unwrap();
        let m = check_destination(&site, &out).unwrap_err();
        assert_eq!(m.key(), "out-refuse-not-ours");
        let en = m.render(Language::En);
        assert!(en.starts_with("refusing to replace "), "{en}");
        assert!(
            en.ends_with("(no .casebook-output file); choose another --output or empty it"),
            "{en}"
        );
        let zh = m.render(Language::ZhCn);
        assert!(zh.starts_with("不能替换 "), "{zh}");
        let m = check_destination(&site, &site.join("content/out")).unwrap_err();
        assert_eq!(m.key(), "out-refuse-inside-source");
        assert!(
            m.render(Language::En)
                .ends_with("it is inside the site's content/ folder")
        );
    }

    #[test]
    fn only_folders_of_builds_that_are_gone_are_swept() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        // A build killed without a lock file (or an older casebook), one
        // killed with its lock file left behind, and one still running.
        std::fs::create_dir_all(p.join(".public.casebook-tmp-4000001/cases")).unwrap();
        std::fs::create_dir_all(p.join(".public.casebook-old-4000002")).unwrap();
        std::fs::write(p.join(lock_name("public", 4000002)), "").unwrap();
        std::fs::create_dir_all(p.join(".public.casebook-tmp-4000003")).unwrap();
        let held = std::fs::File::create(p.join(lock_name("public", 4000003))).unwrap();
        held.try_lock().unwrap();
        // Another output's folders and unrelated names are not touched.
        std::fs::create_dir_all(p.join(".site.casebook-tmp-4000004")).unwrap();
        std::fs::create_dir_all(p.join(".public.casebook-tmp-notapid")).unwrap();

        let t = TempFolder::new(p, "public").unwrap();
        let mut left: Vec<String> = std::fs::read_dir(p)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        let own = std::process::id();
        let mut want = vec![
            ".public.casebook-4000003.lock".to_string(),
            format!(".public.casebook-{own}.lock"),
            ".public.casebook-tmp-4000003".to_string(),
            ".public.casebook-tmp-notapid".to_string(),
            format!(".public.casebook-tmp-{own}"),
            ".site.casebook-tmp-4000004".to_string(),
        ];
        want.sort();
        assert_eq!(left, want);
        drop(t);
        assert!(!p.join(format!(".public.casebook-tmp-{own}")).exists());
        assert!(!p.join(lock_name("public", own)).exists());
        drop(held);
    }
}
