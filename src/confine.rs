//! The one place that decides whether a path a document or a folder walk
//! names may be read into the output: it must resolve (symbolic links
//! followed) to a file inside an allowed folder, the site root or the
//! theme's own folder. Anything a build copies is copied from the resolved
//! path this module returns, never from the path as written, and is checked
//! again when it is read (see [`read`]), so a link swapped in between the
//! check and the copy is refused too.

use std::io;
use std::path::{Component, Path, PathBuf};

/// Lexical normalisation: `.` dropped, `..` pops a component. No
/// filesystem access, so symbolic links are not seen here: that is what
/// [`file`] is for.
pub(crate) fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Why a path was refused.
#[derive(Debug)]
pub enum Refused {
    /// Nothing there (or a folder where a file was expected).
    Missing,
    /// It resolves to this place, outside every allowed folder.
    Outside(PathBuf),
    /// It exists but cannot be read (permissions, a dropped network share).
    Unreadable(io::Error),
}

/// The canonical form of `base` (the folder itself when it cannot be
/// resolved, so a comparison against it simply fails).
pub(crate) fn canonical_base(base: &Path) -> PathBuf {
    std::fs::canonicalize(base).unwrap_or_else(|_| base.to_path_buf())
}

/// Resolves `path` and accepts it only as a regular file inside `base`
/// (which must already be canonical, see [`canonical_base`]). Returns the
/// resolved path: the one to copy from.
pub(crate) fn file(base: &Path, path: &Path) -> Result<PathBuf, Refused> {
    let real = resolve(base, path)?;
    match std::fs::metadata(&real) {
        Ok(m) if m.is_file() => Ok(real),
        Ok(_) => Err(Refused::Missing),
        Err(e) => Err(from_io(e)),
    }
}

/// Like [`file`], for a path that may be a file or a folder.
pub(crate) fn resolve(base: &Path, path: &Path) -> Result<PathBuf, Refused> {
    match std::fs::canonicalize(path) {
        Ok(real) if real.starts_with(base) => Ok(real),
        Ok(real) => Err(Refused::Outside(real)),
        Err(e) => Err(from_io(e)),
    }
}

fn from_io(e: io::Error) -> Refused {
    match e.kind() {
        io::ErrorKind::NotFound | io::ErrorKind::NotADirectory => Refused::Missing,
        _ => Refused::Unreadable(e),
    }
}

/// Reads a file that [`file`] (or a confined walk) accepted. The path must
/// still be its own canonical form: if a folder on the way was replaced by
/// a symbolic link since it was checked, the read is refused.
pub(crate) fn read(checked: &Path) -> io::Result<Vec<u8>> {
    let now = std::fs::canonicalize(checked)?;
    if now != checked {
        // An io::Error carries text: the message is put into words here.
        let why = crate::msg!("load-changed-after-check", path = checked, now = &now);
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            why.to_string(),
        ));
    }
    std::fs::read(checked)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn symlinks_out_of_the_base_are_refused_and_inside_ones_resolved() {
        let site = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let base = canonical_base(site.path());
        std::fs::write(outside.path().join("secret"), "s").unwrap();
        std::fs::write(site.path().join("a.png"), "a").unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret"), site.path().join("pw.png"))
            .unwrap();
        std::os::unix::fs::symlink(outside.path(), site.path().join("dir")).unwrap();
        std::os::unix::fs::symlink(site.path().join("a.png"), site.path().join("b.png")).unwrap();

        assert!(matches!(
            file(&base, &site.path().join("pw.png")),
            Err(Refused::Outside(p)) if p.ends_with("secret")
        ));
        assert!(matches!(
            file(&base, &site.path().join("dir/secret")),
            Err(Refused::Outside(_))
        ));
        assert!(matches!(
            file(&base, &site.path().join("../x/../../etc/passwd")),
            Err(Refused::Outside(_)) | Err(Refused::Missing)
        ));
        assert!(matches!(
            file(&base, &site.path().join("none.png")),
            Err(Refused::Missing)
        ));
        assert!(matches!(file(&base, site.path()), Err(Refused::Missing)));
        let ok = file(&base, &site.path().join("b.png")).unwrap();
        assert_eq!(ok, base.join("a.png"));
        assert_eq!(read(&ok).unwrap(), b"a");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_swapped_in_after_the_check_is_not_read() {
        let site = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let base = canonical_base(site.path());
        std::fs::create_dir(site.path().join("img")).unwrap();
        std::fs::write(site.path().join("img/a.png"), "a").unwrap();
        std::fs::write(outside.path().join("a.png"), "secret").unwrap();
        let checked = file(&base, &site.path().join("img/a.png")).unwrap();
        std::fs::remove_dir_all(site.path().join("img")).unwrap();
        std::os::unix::fs::symlink(outside.path(), site.path().join("img")).unwrap();
        let e = read(&checked).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::PermissionDenied);
    }
}
