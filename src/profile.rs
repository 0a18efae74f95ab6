//! Stage timings on stderr when `CASEBOOK_PROFILE` is set (used to find what
//! dominates a build; see docs/benchmarks.md). Off, a mark costs a branch.

use std::time::Instant;

/// Whether `CASEBOOK_PROFILE` is set (read once).
pub(crate) fn enabled() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("CASEBOOK_PROFILE").is_some())
}

/// Prints `profile: <prefix><stage> <ms since the clock started> ms<suffix>`.
pub(crate) struct Clock {
    start: Instant,
    prefix: &'static str,
    suffix: &'static str,
}

impl Clock {
    pub(crate) fn new(prefix: &'static str, suffix: &'static str) -> Clock {
        Clock {
            start: Instant::now(),
            prefix,
            suffix,
        }
    }

    /// A clock measuring from `start`.
    pub(crate) fn since(start: Instant, prefix: &'static str, suffix: &'static str) -> Clock {
        Clock {
            start,
            prefix,
            suffix,
        }
    }

    pub(crate) fn mark(&self, stage: &str) {
        if enabled() {
            eprintln!(
                "profile: {}{stage:<10} {:>8.1} ms{}",
                self.prefix,
                self.start.elapsed().as_secs_f64() * 1e3,
                self.suffix
            );
        }
    }
}
