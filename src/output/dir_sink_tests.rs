//! DirSink's atomic mode, used by the dev server.

use super::DirSink;
use crate::output::Sink as _;

fn names(dir: &std::path::Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn atomic_writes_replace_and_leave_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let sink = DirSink::atomic(dir.path().to_path_buf());
    sink.put("a/index.html", b"one").unwrap();
    sink.put("a/index.html", b"two").unwrap();
    let src = dir.path().join("src.txt");
    std::fs::write(&src, "copied").unwrap();
    sink.copy("a/c.txt", &src).unwrap();
    assert_eq!(
        std::fs::read(dir.path().join("a/index.html")).unwrap(),
        b"two"
    );
    assert_eq!(names(&dir.path().join("a")), ["c.txt", "index.html"]);
}

#[test]
fn a_failed_atomic_write_removes_its_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    // A folder where the file should go: the rename fails.
    std::fs::create_dir_all(dir.path().join("a/page.html/x")).unwrap();
    let sink = DirSink::atomic(dir.path().to_path_buf());
    assert!(sink.put("a/page.html", b"data").is_err());
    assert_eq!(names(&dir.path().join("a")), ["page.html"]);
    assert!(sink.put("../escape.html", b"x").is_err());
}
