//! Nothing outside the site folder is ever published: every way a document,
//! a folder walk or a theme can name a file outside the site is tried as an
//! attacker (or an unlucky editor) would, and each must stop `check`,
//! `build` and `bundle` with the referring place, leave the previous output
//! as it was, and put no byte of the outside file anywhere.
#![cfg(unix)]

mod common;
use common::{Fixture, Out};

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

/// Bytes that only the outside file holds.
const SECRET: &str = "SECRET-d41d8cd98f00-outside-the-site";

/// A folder outside the site holding `secret.txt`, `secret.png` and
/// `secret.md` (a valid case), all carrying [`SECRET`].
struct Outside(tempfile::TempDir);

impl Outside {
    fn new() -> Outside {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("secret.txt"), SECRET).unwrap();
        std::fs::write(d.path().join("secret.png"), SECRET).unwrap();
        std::fs::write(
            d.path().join("secret.md"),
            format!("+++\ntitle = \"{SECRET}\"\ndate = 2023-05-01\n+++\n{SECRET}\n"),
        )
        .unwrap();
        Outside(d)
    }

    fn path(&self) -> &Path {
        self.0.path()
    }

    /// `file` written relative to `from` (a folder of the site) by climbing
    /// to `/` first, as `logo = "../../../../etc/passwd"` does.
    fn climb(&self, from: &Path, file: &str) -> String {
        let depth = from.components().count();
        let up = "../".repeat(depth + 2);
        let target = self.path().join(file);
        format!(
            "{up}{}",
            target.strip_prefix("/").unwrap().to_string_lossy()
        )
    }
}

/// A small valid site; the first build's output is kept to compare with.
fn site() -> Fixture {
    let f = Fixture::new();
    f.case("a", "");
    f
}

/// Every file under `dir` (path → bytes).
fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut v: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), std::fs::read(e.path()).unwrap()))
        .collect();
    v.sort();
    v
}

fn holds_secret(bytes: &[u8]) -> bool {
    bytes.windows(SECRET.len()).any(|w| w == SECRET.as_bytes())
}

/// Runs check, build and bundle on a site that names an outside file and
/// asserts each stops with exit 1 naming `loc`, the previous `public/`
/// unchanged, no zip written, and no byte of the secret anywhere in the
/// site's output folders. Returns the check's output for more assertions.
fn assert_refused(f: &Fixture, loc: &str) -> Out {
    let before = tree(&f.path().join("public"));
    let check = f.check();
    check.assert_error_at(loc);
    let build = f.run(&["build"]);
    build.assert_error_at(loc);
    assert_eq!(
        tree(&f.path().join("public")),
        before,
        "the previous output changed"
    );
    let bundle = f.run(&["bundle"]);
    bundle.assert_error_at(loc);
    assert!(
        !f.path().join("dist").exists() || tree(&f.path().join("dist")).is_empty(),
        "bundle wrote something"
    );
    for out in [&check, &build, &bundle] {
        assert!(!out.stderr.contains(SECRET), "a message shows the secret");
    }
    for out in ["public", "dist"] {
        for (p, bytes) in tree(&f.path().join(out)) {
            assert!(!holds_secret(&bytes), "{} holds the secret", p.display());
        }
    }
    check
}

fn built(f: &Fixture) {
    f.build_ok(&[]);
}

#[test]
fn flat_brand_logo_climbing_out_is_refused() {
    let outside = Outside::new();
    let f = site();
    built(&f);
    let logo = outside.climb(&f.path().join("content/brands"), "secret.png");
    f.write(
        "content/brands/pinpai.md",
        &format!("+++\ntitle = \"品牌\"\nlogo = \"{logo}\"\n+++\n介绍。\n"),
    );
    let out = assert_refused(&f, "content/brands/pinpai.md:3:8");
    assert!(
        out.stderr.contains("outside the site folder") && out.stderr.contains("secret.png"),
        "{}",
        out.stderr
    );
}

#[test]
fn folder_brand_logo_climbing_out_is_refused() {
    let outside = Outside::new();
    let f = site();
    built(&f);
    let logo = outside.climb(&f.path().join("content/brands/pinpai"), "secret.png");
    f.write(
        "content/brands/pinpai/index.md",
        &format!("+++\ntitle = \"品牌\"\nlogo = \"{logo}\"\n+++\n介绍。\n"),
    );
    assert_refused(&f, "content/brands/pinpai/index.md:3:8");
}

#[test]
fn brand_logo_through_a_symlink_is_refused() {
    let outside = Outside::new();
    let f = site();
    built(&f);
    f.write(
        "content/brands/pinpai/index.md",
        "+++\ntitle = \"品牌\"\nlogo = \"logo.png\"\n+++\n介绍。\n",
    );
    symlink(
        outside.path().join("secret.png"),
        f.path().join("content/brands/pinpai/logo.png"),
    )
    .unwrap();
    // The walk names the link itself; the logo names its place too.
    let out = assert_refused(&f, "content/brands/pinpai/logo.png");
    assert!(
        out.stderr.contains("content/brands/pinpai/index.md:3:8"),
        "{}",
        out.stderr
    );
}

#[test]
fn markdown_image_that_is_a_symlink_out_is_refused() {
    let outside = Outside::new();
    let f = site();
    built(&f);
    symlink(
        outside.path().join("secret.png"),
        f.path().join("content/cases/pw.png"),
    )
    .unwrap();
    f.case_body("b", "", "正文。\n\n![x](pw.png)\n");
    let out = assert_refused(&f, "content/cases/b.md:8:1");
    assert!(
        out.stderr.contains("image to \"pw.png\" resolves to")
            && out.stderr.contains("outside the site folder"),
        "{}",
        out.stderr
    );
}

#[test]
fn link_through_a_symlinked_folder_is_refused() {
    let outside = Outside::new();
    let f = site();
    built(&f);
    symlink(outside.path(), f.path().join("content/cases/etcdir")).unwrap();
    f.case_body("b", "", "正文。\n\n[x](etcdir/secret.txt)\n");
    let out = assert_refused(&f, "content/cases/b.md:8:1");
    assert!(out.stderr.contains("etcdir/secret.txt"), "{}", out.stderr);
    // The folder link itself is refused by the walk as well.
    assert!(
        out.stderr.contains("content/cases/etcdir"),
        "{}",
        out.stderr
    );
}

#[test]
fn markdown_link_climbing_out_is_refused() {
    let outside = Outside::new();
    let f = site();
    built(&f);
    let up = outside.climb(&f.path().join("content/cases"), "secret.txt");
    f.case_body("b", "", &format!("正文。\n\n[x]({up})\n"));
    assert_refused(&f, "content/cases/b.md:8:1");
}

#[test]
fn static_symlink_out_is_refused() {
    let outside = Outside::new();
    let f = site();
    built(&f);
    std::fs::create_dir_all(f.path().join("static/files")).unwrap();
    symlink(
        outside.path().join("secret.txt"),
        f.path().join("static/files/leak.txt"),
    )
    .unwrap();
    let out = assert_refused(&f, "static/files/leak.txt");
    assert!(
        out.stderr
            .contains("symbolic link points outside the site folder"),
        "{}",
        out.stderr
    );
}

#[test]
fn static_folder_symlink_out_is_refused() {
    let outside = Outside::new();
    let f = site();
    built(&f);
    std::fs::create_dir_all(f.path().join("static")).unwrap();
    symlink(outside.path(), f.path().join("static/etc")).unwrap();
    assert_refused(&f, "static/etc");
}

#[test]
fn content_folder_symlink_out_is_refused() {
    let outside = Outside::new();
    let f = site();
    built(&f);
    symlink(outside.path(), f.path().join("content/cases/elsewhere")).unwrap();
    assert_refused(&f, "content/cases/elsewhere");
}

#[test]
fn site_translation_symlink_out_is_refused() {
    let outside = Outside::new();
    let f = site();
    built(&f);
    std::fs::create_dir_all(f.path().join("i18n")).unwrap();
    symlink(
        outside.path().join("secret.txt"),
        f.path().join("i18n/zh-CN.toml"),
    )
    .unwrap();
    assert_refused(&f, "i18n/zh-CN.toml");
}

/// The default theme's files, copied to `dir`.
fn copy_default_theme(dir: &Path) {
    let src = common::repo_root().join("themes/default");
    for e in walkdir::WalkDir::new(&src)
        .into_iter()
        .filter_map(Result::ok)
    {
        let to = dir.join(e.path().strip_prefix(&src).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(e.path(), &to).unwrap();
        }
    }
}

#[test]
fn theme_file_symlink_out_of_the_theme_is_refused() {
    let outside = Outside::new();
    let f = Fixture::with_config("title = \"测试站点\"\ntheme = \"mine\"\n");
    f.case("a", "");
    copy_default_theme(&f.path().join("themes/mine"));
    built(&f);
    symlink(
        outside.path().join("secret.txt"),
        f.path().join("themes/mine/static/leak.txt"),
    )
    .unwrap();
    let out = assert_refused(&f, "themes/mine/static/leak.txt");
    assert!(
        out.stderr.contains("outside the theme's folder"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_theme_folder_linked_from_elsewhere_is_used_but_not_left() {
    // An office may share one theme between sites: the theme folder itself
    // may be a link, its files stay inside it.
    let shared = tempfile::tempdir().unwrap();
    copy_default_theme(&shared.path().join("mine"));
    let f = Fixture::with_config("title = \"测试站点\"\ntheme = \"mine\"\n");
    f.case("a", "");
    std::fs::create_dir_all(f.path().join("themes")).unwrap();
    symlink(shared.path().join("mine"), f.path().join("themes/mine")).unwrap();
    let public = f.build_ok(&[]);
    assert!(public.join("cases/a/index.html").is_file());

    let outside = Outside::new();
    symlink(
        outside.path().join("secret.txt"),
        shared.path().join("mine/static/leak.txt"),
    )
    .unwrap();
    assert_refused(&f, "themes/mine/static/leak.txt");
}

#[test]
fn theme_name_that_is_a_path_is_refused() {
    let f = Fixture::with_config("title = \"测试站点\"\ntheme = \"../../../tmp\"\n");
    f.case("a", "");
    let out = f.check();
    out.assert_error_at("casebook.toml:2:9");
    assert!(out.stderr.contains("not a folder name"), "{}", out.stderr);
}

#[test]
fn symlinks_inside_the_site_keep_working() {
    let f = site();
    f.write_bytes("shared/tu.png", common::TINY_PNG);
    f.write("shared/docs/readme.txt", "inside");
    symlink(
        f.path().join("shared/tu.png"),
        f.path().join("content/cases/tu.png"),
    )
    .unwrap();
    symlink(
        f.path().join("shared/docs"),
        f.path().join("content/cases/docs"),
    )
    .unwrap();
    std::fs::create_dir_all(f.path().join("static")).unwrap();
    symlink(
        f.path().join("shared/tu.png"),
        f.path().join("static/tu.png"),
    )
    .unwrap();
    f.write(
        "content/brands/pinpai/index.md",
        "+++\ntitle = \"品牌\"\nlogo = \"logo.png\"\n+++\n介绍。\n",
    );
    symlink(
        f.path().join("shared/tu.png"),
        f.path().join("content/brands/pinpai/logo.png"),
    )
    .unwrap();
    f.case_body("b", "", "正文。\n\n![x](tu.png) [说明](docs/readme.txt)\n");
    let public = f.build_ok(&[]);
    assert_eq!(
        std::fs::read(public.join("cases/b/tu.png")).unwrap(),
        common::TINY_PNG
    );
    assert_eq!(
        std::fs::read(public.join("cases/b/readme.txt")).unwrap(),
        b"inside"
    );
    assert_eq!(
        std::fs::read(public.join("tu.png")).unwrap(),
        common::TINY_PNG
    );
    assert_eq!(
        std::fs::read(public.join("brands/pinpai/logo.png")).unwrap(),
        common::TINY_PNG
    );
}

#[test]
fn a_staging_folder_of_a_killed_build_is_removed_by_the_next_build() {
    let f = site();
    // Left by a build that was killed (its lock is nobody's now), and one
    // of a build that is still running (this test holds its lock).
    let dead = f.path().join(".public.casebook-tmp-4000001");
    std::fs::create_dir_all(dead.join("cases")).unwrap();
    std::fs::write(dead.join("cases/x.html"), "x").unwrap();
    let running = f.path().join(".public.casebook-tmp-4000002");
    std::fs::create_dir_all(&running).unwrap();
    let lock = std::fs::File::create(f.path().join(".public.casebook-4000002.lock")).unwrap();
    lock.try_lock().unwrap();
    f.build_ok(&[]);
    assert!(!dead.exists(), "the killed build's folder is still there");
    assert!(running.is_dir(), "a running build's folder was removed");
    let own: Vec<String> = std::fs::read_dir(f.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("casebook-") && !n.contains("4000002"))
        .collect();
    assert!(own.is_empty(), "left behind: {own:?}");
}

/// Runs casebook as an unprivileged user: as root (where permissions do
/// not stop reads) a copy of the binary runs as `nobody` over a site that
/// user owns; otherwise the current user already is one.
fn run_unprivileged(f: &Fixture, args: &[&str]) -> Out {
    use std::os::unix::process::CommandExt as _;
    let mut cmd = if is_root() {
        let bin = f.path().join(".bin-casebook");
        if !bin.exists() {
            std::fs::copy(env!("CARGO_BIN_EXE_casebook"), &bin).unwrap();
        }
        for e in walkdir::WalkDir::new(f.path())
            .into_iter()
            .filter_map(Result::ok)
        {
            std::os::unix::fs::lchown(e.path(), Some(NOBODY), Some(NOBODY)).unwrap();
        }
        let mut c = std::process::Command::new(bin);
        c.uid(NOBODY).gid(NOBODY);
        c
    } else {
        std::process::Command::new(env!("CARGO_BIN_EXE_casebook"))
    };
    cmd.args(args)
        .arg("--root")
        .arg(f.path())
        .env("NO_COLOR", "1")
        // Messages in English.
        .env("CASEBOOK_LANG", "en");
    // The copy may still be open for writing in a child that another test
    // thread forked at the moment it was written (until that child execs),
    // and exec then fails with "text file busy": wait that out.
    let mut tries = 0;
    let out = loop {
        match cmd.output() {
            Err(e) if e.raw_os_error() == Some(ETXTBSY) && tries < 100 => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            other => break other.unwrap(),
        }
    };
    Out {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

const NOBODY: u32 = 65534;
/// Linux's errno for exec of a file open for writing.
const ETXTBSY: i32 = 26;

fn is_root() -> bool {
    std::fs::metadata("/proc/self")
        .map(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0)
        .unwrap_or(false)
}

/// Takes every permission off a folder and gives them back when dropped,
/// so the fixture can be removed even when the test fails.
struct Unreadable(PathBuf);

impl Unreadable {
    fn new(p: PathBuf) -> Unreadable {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
        Unreadable(p)
    }
}

impl Drop for Unreadable {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt as _;
        let _ = std::fs::set_permissions(&self.0, std::fs::Permissions::from_mode(0o755));
    }
}

fn unreadable_folder_keeps_previous_output(folder: &str, loc: &str) {
    let f = site();
    f.write("static/site.txt", "static");
    f.write("templates/.keep", "");
    let first = run_unprivileged(&f, &["build"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let before = tree(&f.path().join("public"));
    assert!(f.path().join("public/cases/a/index.html").is_file());
    let _guard = Unreadable::new(f.path().join(folder));
    for cmd in ["check", "build"] {
        let out = run_unprivileged(&f, &[cmd]);
        assert_eq!(out.code, 1, "{cmd}: {}", out.stderr);
        assert!(
            out.stderr.contains(loc) && out.stderr.contains("cannot read"),
            "{cmd}: {}",
            out.stderr
        );
        assert!(!out.stderr.contains("built 0 cases"), "{}", out.stderr);
    }
    assert_eq!(tree(&f.path().join("public")), before, "output changed");
}

#[test]
fn unreadable_content_folder_is_an_error_and_keeps_the_site() {
    unreadable_folder_keeps_previous_output("content", "content");
}

#[test]
fn unreadable_cases_folder_is_an_error_and_keeps_the_site() {
    unreadable_folder_keeps_previous_output("content/cases", "content/cases");
}

#[test]
fn unreadable_static_folder_is_an_error_and_keeps_the_site() {
    unreadable_folder_keeps_previous_output("static", "static");
}

#[test]
fn unreadable_templates_folder_is_an_error_and_keeps_the_site() {
    unreadable_folder_keeps_previous_output("templates", "templates");
}

#[test]
fn unreadable_case_file_is_an_error_and_keeps_the_site() {
    let f = site();
    let first = run_unprivileged(&f, &["build"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let before = tree(&f.path().join("public"));
    let _guard = Unreadable::new(f.path().join("content/cases/a.md"));
    let out = run_unprivileged(&f, &["build"]);
    out.assert_error_at("content/cases/a.md");
    assert_eq!(tree(&f.path().join("public")), before);
}
