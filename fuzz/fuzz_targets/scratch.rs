//! The scratch site folder of one fuzzing process, removed when libFuzzer
//! exits normally (end of `-runs` or `-max_total_time`, or after running
//! given files): libFuzzer leaves through `exit`, which skips Rust
//! destructors but runs `atexit` handlers. A crash, timeout or
//! out-of-memory ends the process with `_Exit` and skips this too, so CI
//! also points TMPDIR at a folder it deletes afterwards.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

static DIR: OnceLock<PathBuf> = OnceLock::new();

unsafe extern "C" {
    // C's atexit only stores the pointer; any `extern "C" fn()` is valid.
    safe fn atexit(f: extern "C" fn()) -> std::ffi::c_int;
}

extern "C" fn remove() {
    if let Some(dir) = DIR.get() {
        let _ = std::fs::remove_dir_all(dir);
    }
}

/// `$TMPDIR/casebook-fuzz-<target>-<pid>/`, empty, created on first use.
pub fn dir(target: &str) -> &'static Path {
    DIR.get_or_init(|| {
        let dir =
            std::env::temp_dir().join(format!("casebook-fuzz-{target}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        atexit(remove);
        dir
    })
}
