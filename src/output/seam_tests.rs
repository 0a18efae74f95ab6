//! The driver loop and the sinks renderers share.

use super::{DirSink, MemorySink, Renderer, Sink, render_all};
use crate::diag::{Diagnostic, Diagnostics, Pos};
use crate::model::Site;

/// A renderer that writes one file, or fails, and says which it did.
struct Probe {
    name: &'static str,
    fail: bool,
    ran: bool,
}

impl Renderer for Probe {
    fn name(&self) -> &'static str {
        self.name
    }
    fn render(&mut self, _: &Site, sink: &dyn Sink) -> Result<Diagnostics, crate::Error> {
        self.ran = true;
        if self.fail {
            return Err(crate::Error::content([Diagnostic::error(
                self.name,
                Pos::START,
                crate::msg!("out-cannot-write-marker", cause = "broken"),
            )]));
        }
        sink.put(&format!("{}.txt", self.name), self.name.as_bytes())
            .map_err(crate::Error::io("io-cannot-write", self.name))?;
        Ok(Diagnostics::sorted([Diagnostic::warning(
            format!("{}.md", self.name),
            Pos::START,
            crate::msg!("out-no-parent"),
        )]))
    }
}

fn probe(name: &'static str, fail: bool) -> Probe {
    Probe {
        name,
        fail,
        ran: false,
    }
}

fn tiny_site() -> (tempfile::TempDir, Site) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("casebook.toml"), "title = \"t\"\n").unwrap();
    std::fs::create_dir_all(dir.path().join("content/cases")).unwrap();
    std::fs::write(
        dir.path().join("content/cases/a.md"),
        "+++\ntitle = \"案例\"\ndate = 2023-05-01\n+++\n\n正文。\n",
    )
    .unwrap();
    let (site, _) = crate::load_site(dir.path(), false).unwrap();
    (dir, site)
}

#[test]
fn renderers_run_in_order_into_one_sink_with_every_warning() {
    let (_dir, site) = tiny_site();
    let (mut b, mut a) = (probe("b", false), probe("a", false));
    let sink = MemorySink::default();
    let warnings = render_all(&site, &mut [&mut b, &mut a], &sink).unwrap();
    let names: Vec<String> = sink.into_files().into_iter().map(|(p, _)| p).collect();
    assert_eq!(names, ["b.txt", "a.txt"]);
    // Gathered from both, sorted for the report.
    let paths: Vec<&str> = warnings.items().iter().map(|d| d.path.as_str()).collect();
    assert_eq!(paths, ["a.md", "b.md"]);
}

#[test]
fn the_first_failing_renderer_stops_the_run() {
    let (_dir, site) = tiny_site();
    let (mut a, mut b, mut c) = (probe("a", false), probe("b", true), probe("c", false));
    let sink = MemorySink::default();
    let err = render_all(&site, &mut [&mut a, &mut b, &mut c], &sink).unwrap_err();
    assert!(matches!(&err, crate::Error::Content(d) if d.error_count() == 1));
    assert!(a.ran && b.ran && !c.ran);
}

#[test]
fn memory_sink_puts_back_files_before_later_ones() {
    let sink = MemorySink::default();
    sink.put("one", b"1").unwrap();
    let taken = sink.take();
    sink.put("two", b"2").unwrap();
    sink.put_back(taken);
    let names: Vec<String> = sink.into_files().into_iter().map(|(p, _)| p).collect();
    assert_eq!(names, ["one", "two"]);
}

#[test]
fn adopting_a_finished_file_moves_it_into_place() {
    let dir = tempfile::tempdir().unwrap();
    let made = dir.path().join("work.zip");
    std::fs::write(&made, b"zip").unwrap();
    let out = dir.path().join("out");
    DirSink::atomic(out.clone())
        .adopt("site.zip", &made)
        .unwrap();
    assert_eq!(std::fs::read(out.join("site.zip")).unwrap(), b"zip");
    assert!(!made.exists());
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 1);
}
