//! `casebook serve`: started on a free port, driven over HTTP and its
//! server-sent event stream with a tiny std-only client.

mod common;
use common::{Fixture, bin_index, script_index};

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// A running `casebook serve`, stopped when dropped (also when a test
/// panics), so no server outlives the tests.
struct Server {
    child: Child,
    port: u16,
    out: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        stop(&mut self.child);
    }
}

/// Asks the server to stop (it then removes its output folder), and kills
/// it only if it has not stopped within a few seconds. Always reaps it.
fn stop(child: &mut Child) {
    if let Ok(Some(_)) = child.try_wait() {
        return;
    }
    #[cfg(unix)]
    {
        let pid = child.id() as libc::pid_t;
        // SAFETY: kill(2) only sends a signal; the child is not reaped yet
        // (checked above), so the pid is still ours.
        unsafe { libc::kill(pid, libc::SIGTERM) };
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// The temporary folder the servers of fixture `f` use: inside the fixture,
/// so whatever a server leaves goes with the fixture.
fn tmp_dir(f: &Fixture) -> PathBuf {
    let t = f.path().join(".tmp");
    std::fs::create_dir_all(&t).unwrap();
    t
}

/// `casebook serve` on the fixture with `args`, its first line of output
/// read; the server is owned (and stopped) from the moment it is spawned.
fn spawn(f: &Fixture, args: &[&str], envs: &[(&str, &str)]) -> (Server, String) {
    let child = Command::new(env!("CARGO_BIN_EXE_casebook"))
        // Messages in English unless a test asks for a language.
        .env("CASEBOOK_LANG", "en")
        .arg("serve")
        .args(args)
        .arg("--root")
        .arg(f.path())
        .env("NO_COLOR", "1")
        .env("TMPDIR", tmp_dir(f))
        .envs(envs.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut s = Server {
        child,
        port: 0,
        out: PathBuf::new(),
    };
    let mut line = String::new();
    BufReader::new(s.child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    (s, line)
}

fn start(f: &Fixture) -> Server {
    start_with(f, &[], &[])
}

fn start_with(f: &Fixture, args: &[&str], envs: &[(&str, &str)]) -> Server {
    let mut all = vec!["--port", "0"];
    all.extend_from_slice(args);
    let (mut s, line) = spawn(f, &all, envs);
    // Nobody reads the log; a full pipe must not block the server.
    drop(s.child.stderr.take());
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("no URL in {line:?}"));
    s.port = url
        .trim_end_matches('/')
        .rsplit(':')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    s.out = tmp_dir(f).join(format!("casebook-serve-{}-{}", s.child.id(), s.port));
    s
}

/// (status, body) of a GET; `raw_path` is sent exactly as given.
fn get(port: u16, raw_path: &str) -> (u16, String) {
    let (status, body) = get_bytes(port, raw_path);
    (status, String::from_utf8_lossy(&body).into_owned())
}

/// (status, body as bytes) of a GET, the body as sent; status 0 when the
/// response has no head.
fn get_bytes(port: u16, raw_path: &str) -> (u16, Vec<u8>) {
    let r = exchange(
        port,
        &format!("GET {raw_path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"),
    );
    (r.status, r.body)
}

/// A response: status (0 when there is no head), head, and body as sent.
struct Reply {
    status: u16,
    head: String,
    body: Vec<u8>,
}

impl Reply {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends `request` exactly as given and reads the answer until the server
/// closes the connection.
fn exchange(port: u16, request: &str) -> Reply {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(request.as_bytes()).unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).unwrap();
    let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") else {
        return Reply {
            status: 0,
            head: String::new(),
            body: Vec::new(),
        };
    };
    let head = String::from_utf8_lossy(&buf[..end]).into_owned();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Reply {
        status,
        head,
        body: buf[end + 4..].to_vec(),
    }
}

/// A GET of `path` with the given `Host` line (none when `None`).
fn get_as(port: u16, path: &str, host: Option<&str>) -> Reply {
    let host = host.map_or(String::new(), |h| format!("Host: {h}\r\n"));
    exchange(
        port,
        &format!("GET {path} HTTP/1.1\r\n{host}Connection: close\r\n\r\n"),
    )
}

/// The value of header `name` in `head`.
fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.eq_ignore_ascii_case(name).then(|| v.trim())
    })
}

/// Server-sent events as (event, data), read on a thread.
fn events(port: u16) -> Receiver<(String, String)> {
    let (tx, rx) = channel();
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        s,
        "GET /__casebook/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n\r\n"
    )
    .unwrap();
    std::thread::spawn(move || {
        let mut r = BufReader::new(s);
        let (mut ev, mut data) = (String::new(), String::new());
        let mut line = String::new();
        while r.read_line(&mut line).unwrap_or(0) > 0 {
            let l = line.trim_end();
            if let Some(v) = l.strip_prefix("event: ") {
                ev = v.to_string();
            } else if let Some(v) = l.strip_prefix("data: ") {
                data = v.to_string();
            } else if l.is_empty()
                && !ev.is_empty()
                && tx
                    .send((std::mem::take(&mut ev), std::mem::take(&mut data)))
                    .is_err()
            {
                break;
            }
            line.clear();
        }
    });
    // Wait for the greeting so edits made next are seen by this stream.
    let (ev, _) = rx.recv_timeout(Duration::from_secs(10)).expect("hello");
    assert_eq!(ev, "hello");
    rx
}

fn wait_for(rx: &Receiver<(String, String)>, kind: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(15);
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match rx.recv_timeout(left) {
            Ok((ev, data)) if ev == kind => return data,
            Ok(_) => continue,
            Err(_) => break,
        }
    }
    panic!("no {kind} event");
}

fn site() -> Fixture {
    let f = Fixture::with_config("title = \"预览站点\"\npaginate = 10\n");
    f.case_body(
        "a",
        "title = \"甲案例\"\nfields = [\"营商环境\"]",
        "甲的正文。",
    );
    f.case_body(
        "b",
        "title = \"乙案例\"\ndate = 2022-01-01\nfields = [\"营商环境\"]",
        "乙的正文，见[甲](a.md)。",
    );
    f.write(
        "content/cases/bundle/index.md",
        "+++\ntitle = \"丙案例\"\ndate = 2021-01-01\n+++\n![图](tu.svg)\n",
    );
    f.write(
        "content/cases/bundle/tu.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    f
}

fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut m = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            if rel != ".casebook-output" {
                m.insert(rel, std::fs::read(e.path()).unwrap());
            }
        }
    }
    m
}

#[test]
fn serves_pages_and_reloads_on_edit() {
    let f = site();
    let s = start(&f);
    let (code, body) = get(s.port, "/cases/a/");
    assert_eq!(code, 200);
    assert!(body.contains("甲的正文"));
    assert!(
        body.contains("/__casebook/livereload.js"),
        "live reload script injected"
    );
    assert_eq!(get(s.port, "/__casebook/livereload.js").0, 200);
    assert_eq!(get(s.port, "/cases").0, 301);
    let rx = events(s.port);
    f.case_body(
        "a",
        "title = \"甲案例\"\nfields = [\"营商环境\"]",
        "甲的正文已修改。",
    );
    wait_for(&rx, "reload");
    assert!(get(s.port, "/cases/a/").1.contains("甲的正文已修改"));
    // The search index follows right after the reload (it is made once the
    // pages are out).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let (code, index) = get(s.port, "/search-index.js");
        if code == 200 && index.contains("甲的正文已修改") {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "search index not updated: {index}"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    // Nothing is written into the site's folders.
    assert!(!f.path().join("public").exists());
}

#[test]
fn binary_search_index_follows_edits() {
    // Past one compressed chunk (64 documents): an edit recompresses only
    // its own chunk, and the file must still be whole and current.
    let f = site();
    for i in 0..70 {
        f.case_body(
            &format!("n{i:02}"),
            &format!("title = \"案例{i}\"\ndate = 2020-01-01"),
            &format!("第{i}个案例的正文，改革。"),
        );
    }
    let s = start(&f);
    let same = |want: &str| {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let (code, js) = get(s.port, "/search-index.js");
            let (bcode, bin) = get_bytes(s.port, "/search-index.bin");
            if code == 200 && bcode == 200 && js.contains(want) {
                let (head, docs) = bin_index(&bin);
                let js = script_index(&js);
                if docs == js {
                    assert_eq!(head["docs"], js.len());
                    return;
                }
            }
            assert!(
                std::time::Instant::now() < deadline,
                "search-index.bin does not match search-index.js ({want})"
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    };
    same("第69个案例的正文");
    let rx = events(s.port);
    for (i, text) in [(3, "第3个案例改过了。"), (68, "第68个案例也改过了。")] {
        f.case_body(
            &format!("n{i:02}"),
            &format!("title = \"案例{i}\"\ndate = 2020-01-01"),
            text,
        );
        wait_for(&rx, "reload");
        same(text);
    }
}

#[test]
fn broken_front_matter_shows_overlay_and_fix_recovers() {
    let f = site();
    let s = start(&f);
    let rx = events(s.port);
    f.write(
        "content/cases/a.md",
        "+++\ntitle = \"甲案例\"\ndate = 2023-05-01\nkind = \"nope\"\n+++\n甲。\n",
    );
    let data = wait_for(&rx, "errors");
    assert!(data.contains("content/cases/a.md:4:8"), "{data}");
    // Every page served while the error stands carries the overlay; the
    // last good site is still there.
    let (code, body) = get(s.port, "/cases/b/");
    assert_eq!(code, 200);
    assert!(
        body.contains("casebook-error-overlay") && body.contains("content/cases/a.md:4:8"),
        "{body}"
    );
    assert!(body.contains("甲案例"), "last good build still browsable");
    // Content in the overlay is escaped.
    f.write(
        "content/cases/a.md",
        "+++\ntitle = \"甲\"\ndate = 2023-05-01\nkind = \"<script>x</script>\"\n+++\n",
    );
    wait_for(&rx, "errors");
    let body = get(s.port, "/cases/b/").1;
    assert!(
        !body.contains("<script>x</script>") && body.contains("&lt;script&gt;"),
        "overlay must escape"
    );
    f.case_body(
        "a",
        "title = \"甲案例\"\nfields = [\"营商环境\"]",
        "修好了。",
    );
    wait_for(&rx, "ok");
    wait_for(&rx, "reload");
    let body = get(s.port, "/cases/a/").1;
    assert!(body.contains("修好了") && !body.contains("casebook-error-overlay"));
}

/// The overlay speaks the site's language (`language` in casebook.toml)
/// when the command line asks for none; the terminal too.
#[test]
fn the_overlay_is_in_the_sites_language() {
    for (language, words) in [
        ("zh-CN", ["有 1 个错误", "错误：", "改好文件并保存后"]),
        ("en", ["1 error", "error: ", "Fix the file and save"]),
    ] {
        let f = site();
        let config = f.read("casebook.toml");
        f.write(
            "casebook.toml",
            &format!("language = \"{language}\"\n{config}"),
        );
        // An empty CASEBOOK_LANG asks for nothing.
        let s = start_with(&f, &[], &[("CASEBOOK_LANG", "")]);
        let rx = events(s.port);
        f.write(
            "content/cases/a.md",
            "+++\ntitle = \"甲案例\"\ndate = 2023-05-01\nkind = \"nope\"\n+++\n甲。\n",
        );
        wait_for(&rx, "errors");
        let body = get(s.port, "/cases/b/").1;
        let start = body.find("casebook-error-overlay").expect("overlay");
        let overlay = &body[start..];
        assert!(
            overlay.contains(&format!("lang=\"{language}\"")),
            "{overlay}"
        );
        for w in words {
            assert!(overlay.contains(w), "{language}: {w:?} not in {overlay}");
        }
    }
}

#[test]
fn the_terminal_says_when_the_errors_are_fixed() {
    let f = site();
    let (mut s, first) = spawn(&f, &["--port", "0"], &[]);
    let port: u16 = first
        .split("127.0.0.1:")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no port in {first:?}"));
    let events = events(port);
    let err = s.child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    // Ends when the server stops and its stderr closes.
    std::thread::spawn(move || {
        for line in BufReader::new(err).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let wait_line = |want: &str| loop {
        let line = rx
            .recv_timeout(Duration::from_secs(20))
            .unwrap_or_else(|_| panic!("no line with {want:?}"));
        if line.contains(want) {
            return line;
        }
    };
    f.write(
        "content/cases/a.md",
        "+++\ntitle = \"甲案例\"\ndate = 2023-05-01\nkind = \"nope\"\n+++\n甲。\n",
    );
    wait_for(&events, "errors");
    wait_line("content/cases/a.md:4:8");
    f.case_body("a", "title = \"甲案例\"", "修好了。");
    wait_for(&events, "ok");
    let line = wait_line("fixed");
    assert!(line.contains("the site builds again"), "{line}");
    drop(s);
}

#[test]
fn deleted_and_renamed_documents() {
    let f = site();
    let s = start(&f);
    let rx = events(s.port);
    std::fs::remove_file(f.path().join("content/cases/b.md")).unwrap();
    wait_for(&rx, "reload");
    assert_eq!(get(s.port, "/cases/b/").0, 404);
    assert!(!get(s.port, "/cases/").1.contains("乙案例"));
    std::fs::rename(
        f.path().join("content/cases/bundle"),
        f.path().join("content/cases/xin"),
    )
    .unwrap();
    wait_for(&rx, "reload");
    let (code, body) = get(s.port, "/cases/xin/");
    assert_eq!(code, 200);
    assert!(body.contains("丙案例"));
    assert_eq!(get(s.port, "/cases/xin/tu.svg").0, 200);
    assert_eq!(get(s.port, "/cases/bundle/").0, 404);
}

#[test]
fn css_change_swaps_styles_without_reload() {
    let f = site();
    f.write("static/css/site.css", "body{color:#000}");
    let s = start(&f);
    let rx = events(s.port);
    f.write("static/css/site.css", "body{color:#111}");
    wait_for(&rx, "css");
    assert_eq!(get(s.port, "/css/site.css").1, "body{color:#111}");
}

#[test]
fn no_path_traversal() {
    let f = site();
    f.write("secret.txt", "TOP SECRET");
    let s = start(&f);
    for p in [
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/..%2f..%2f..%2fetc%2fpasswd",
        "/%2E%2E%5C%2E%2E%5Cetc%5Cpasswd",
        "/cases/../../../../etc/passwd",
        "/..%252f..%252fetc/passwd",
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/content/cases/a.md",
        "/casebook.toml",
    ] {
        let (code, body) = get(s.port, p);
        assert_ne!(code, 200, "{p} served: {body}");
        assert!(
            !body.contains("root:")
                && !body.contains("TOP SECRET")
                && !body.contains("甲的正文。\n"),
            "{p}"
        );
    }
    // Folders are never listed.
    let (code, body) = get(s.port, "/css/");
    assert_ne!(code, 200, "{body}");
}

#[test]
fn rapid_saves_leave_a_correct_final_state() {
    let f = site();
    let s = start(&f);
    for i in 0..200 {
        f.case_body(
            "a",
            "title = \"甲案例\"\nfields = [\"营商环境\"]",
            &format!("第{i}次保存。"),
        );
    }
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let (code, body) = get(s.port, "/cases/a/");
        if code == 200 && body.contains("第199次保存") {
            break;
        }
        assert!(Instant::now() < deadline, "final save never showed");
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(get(s.port, "/").0, 200, "server alive");
}

#[test]
fn incremental_rebuilds_equal_a_full_build() {
    let f = site();
    let s = start(&f);
    let rx = events(s.port);
    let edits: Vec<Box<dyn Fn()>> = vec![
        Box::new(|| {
            f.case_body("a", "title = \"甲案例（新）\"\nfields = [\"营商环境\"]\n\n[[honours]]\nkind = \"praise\"\nlevel = \"provincial\"\nissuer = \"省委改革办\"\ndate = 2023-08-01", "甲的正文。");
        }),
        Box::new(|| {
            f.case_body(
                "b",
                "title = \"乙案例\"\ndate = 2024-01-01\nfields = [\"社会治理\"]",
                "乙的正文，见[甲](a.md)。",
            );
        }),
        Box::new(|| {
            f.case_body(
                "d",
                "title = \"丁案例\"\ndate = 2020-01-01\nfields = [\"营商环境\"]",
                "新案例。",
            );
        }),
        Box::new(|| {
            std::fs::remove_file(f.path().join("content/cases/d.md")).unwrap();
        }),
    ];
    for edit in edits {
        edit();
        wait_for(&rx, "reload");
    }
    assert_served_equals_a_full_build(&f, &s);
}

/// What the server wrote after its incremental rebuilds equals a full
/// build of the same site at the server's address, file for file.
fn assert_served_equals_a_full_build(f: &Fixture, s: &Server) {
    let full = f.path().join("full");
    let out = f.run(&[
        "build",
        "--base-url",
        &format!("http://127.0.0.1:{}/", s.port),
        "-o",
        full.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let (a, b) = (tree(&s.out), tree(&full));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (k, v) in &a {
        assert!(
            b[k] == *v,
            "{k} differs between the incremental and the full build"
        );
    }
}

/// `.meta` files of the image cache: (name, modification time).
fn cached_pictures(f: &Fixture) -> BTreeMap<String, std::time::SystemTime> {
    std::fs::read_dir(f.path().join(".casebook-cache/images"))
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".meta"))
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                e.metadata().unwrap().modified().unwrap(),
            )
        })
        .collect()
}

#[test]
fn a_changed_photo_is_made_again_alone() {
    let f = site();
    let photo = |name: &str| {
        std::fs::read(common::repo_root().join("tests/fixtures/images").join(name)).unwrap()
    };
    f.write(
        "content/cases/bundle/index.md",
        "+++\ntitle = \"丙案例\"\ndate = 2021-01-01\n\n[[gallery]]\nsrc = \"b.jpg\"\ncaption = \"现场\"\n+++\n![图](a.jpg)\n",
    );
    f.write_bytes("content/cases/bundle/a.jpg", &photo("gps-orient6.jpg"));
    f.write_bytes("content/cases/bundle/b.jpg", &photo("orient8.jpg"));
    let s = start(&f);
    let rx = events(s.port);
    assert!(
        get(s.port, "/cases/bundle/")
            .1
            .contains("width=\"900\" height=\"1200\"")
    );
    let before = cached_pictures(&f);
    assert_eq!(before.len(), 2);
    // Another photo under the same name, of another shape.
    std::thread::sleep(Duration::from_millis(20));
    f.write_bytes("content/cases/bundle/a.jpg", &photo("cmyk.jpg"));
    wait_for(&rx, "reload");
    let page = get(s.port, "/cases/bundle/").1;
    assert!(page.contains("width=\"800\" height=\"600\""), "{page}");
    let after = cached_pictures(&f);
    assert_eq!(after.len(), 2, "the replaced photo's entry is removed");
    let kept: Vec<_> = before
        .iter()
        .filter(|(k, t)| after.get(*k) == Some(t))
        .collect();
    assert_eq!(kept.len(), 1, "the unchanged photo was made again");
    // What the server wrote equals a full build.
    assert_served_equals_a_full_build(&f, &s);
}

#[cfg(unix)]
#[test]
fn busy_default_port_moves_on_and_ctrl_c_stops_cleanly() {
    let f = site();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    // No --port: the default (here the taken one) moves to the next free.
    let (mut s, line) = spawn(&f, &[], &[("CASEBOOK_DEFAULT_PORT", &port.to_string())]);
    assert!(!line.contains(&format!(":{port}/")), "{line}");
    let used: u16 = line
        .split("127.0.0.1:")
        .nth(1)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(used > port && used <= port + 20);
    let out = tmp_dir(&f).join(format!("casebook-serve-{}-{used}", s.child.id()));
    assert!(out.is_dir());
    // SAFETY: kill(2) only sends a signal to our own, unreaped child.
    unsafe { libc::kill(s.child.id() as libc::pid_t, libc::SIGINT) };
    let status = s.child.wait().unwrap();
    assert!(status.success(), "{status:?}");
    let mut err = String::new();
    s.child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(
        err.contains(&format!("port {port} is busy; using {used}")),
        "{err}"
    );
    assert!(!out.exists(), "temporary output removed on exit");
}

#[test]
fn a_busy_port_asked_for_is_an_error_naming_it() {
    let f = site();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    // `server` is Hugo's name for the command.
    for cmd in ["serve", "server"] {
        let out = f.run(&[cmd, "--port", &port.to_string()]);
        assert_eq!(out.code, 2, "{}", out.stderr);
        assert!(
            out.stderr
                .contains(&format!("cannot listen on port {port}"))
                && out.stderr.contains("leave --port out"),
            "{}",
            out.stderr
        );
        assert!(!out.stdout.contains("Serving"), "{}", out.stdout);
    }
}

#[test]
fn base_url_names_the_preview_and_is_answered() {
    let f = site();
    let s = start_with(&f, &["-u", "preview.example"], &[]);
    let port = s.port;
    let r = get_as(port, "/", Some(&format!("preview.example:{port}")));
    assert_eq!(r.status, 200, "{}", r.head);
    assert!(
        r.text()
            .contains(&format!("http://preview.example:{port}/")),
        "the pages use the base URL"
    );
    // A full URL is used as given, and its host answered on any port (a
    // proxy in front may use its own).
    let s2 = start_with(&f, &["--base-url", "https://Review.Example"], &[]);
    let r = get_as(s2.port, "/", Some("review.example"));
    assert_eq!(r.status, 200, "{}", r.head);
    assert!(r.text().contains("https://Review.Example/"));
    for bad in ["ftp://x/", "https://x.example/sub/", "http://u@x/"] {
        let out = f.run(&["serve", "-u", bad]);
        assert_eq!(out.code, 2, "{bad}");
        assert!(out.stderr.contains("is not a base URL"), "{}", out.stderr);
    }
}

#[test]
fn stopping_removes_the_output_folder_even_with_a_stream_open() {
    let f = site();
    let s = start(&f);
    let out = s.out.clone();
    assert!(out.is_dir());
    let _rx = events(s.port);
    let t = Instant::now();
    drop(s);
    assert!(t.elapsed() < Duration::from_secs(4), "{:?}", t.elapsed());
    assert!(!out.exists(), "{} left behind", out.display());
}

#[test]
fn pages_are_never_read_half_written() {
    let f = site();
    // A long page, so writing it takes a while.
    let long = "改革举措落地见效。".repeat(20_000);
    let save = |i: usize| {
        f.case_body(
            "a",
            "title = \"甲案例\"\nfields = [\"营商环境\"]",
            &format!("第{i}次保存。\n\n{long}"),
        );
    };
    save(0);
    let s = start(&f);
    let port = s.port;
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let reader = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            let (mut reads, mut bad) = (0, Vec::new());
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                let (code, body) = get(port, "/cases/a/");
                reads += 1;
                let whole = body.trim_end().ends_with("</html>") && body.contains("甲案例");
                if code != 200 || !whole {
                    bad.push((code, body.len()));
                }
            }
            (reads, bad)
        })
    };
    for i in 1..=200 {
        save(i);
        std::thread::sleep(Duration::from_millis(15));
    }
    let deadline = Instant::now() + Duration::from_secs(30);
    while !get(port, "/cases/a/").1.contains("第200次保存") {
        assert!(Instant::now() < deadline, "the last save never showed");
        std::thread::sleep(Duration::from_millis(50));
    }
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    let (reads, bad) = reader.join().unwrap();
    eprintln!("{reads} reads during 200 saves");
    assert!(reads > 50, "only {reads} reads");
    assert!(
        bad.is_empty(),
        "{} of {reads} reads were not a whole page (status, length): {bad:?}",
        bad.len()
    );
}

/// Pages, files, the event stream and the reload script: every path of the
/// server, for the host checks.
const ALL_PATHS: &[&str] = &[
    "/cases/a/",
    "/cases/bundle/tu.svg",
    "/__casebook/events",
    "/__casebook/livereload.js",
    "/no-such-page/",
];

#[test]
fn foreign_hosts_are_refused_on_every_path() {
    let f = site();
    let s = start(&f);
    let port = s.port;
    let wrong_port = format!("127.0.0.1:{}", port.wrapping_add(1));
    let rebound = format!("evil.example:{port}");
    let suffixed = format!("127.0.0.1.evil.example:{port}");
    for host in [
        Some("evil.example"),
        Some(rebound.as_str()),
        Some(""),
        Some("127.0.0.1.evil.example"),
        Some(suffixed.as_str()),
        Some(wrong_port.as_str()),
        Some("127.0.0.1"),
        None,
    ] {
        for path in ALL_PATHS {
            let r = get_as(port, path, host);
            assert_eq!(r.status, 421, "{path} for Host {host:?}: {}", r.head);
            let text = r.text();
            assert_eq!(text.trim_end().lines().count(), 1, "{text}");
            assert!(text.contains("--allow-host"), "{text}");
            assert!(
                !text.contains("甲") && !text.contains("<svg") && !text.contains("event:"),
                "{text}"
            );
        }
    }
    // Two Host lines, and a full URL naming another host.
    let twice = format!(
        "GET /cases/a/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
    );
    assert_ne!(exchange(port, &twice).status, 200);
    let absolute = format!(
        "GET http://evil.example/cases/a/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    );
    assert_eq!(exchange(port, &absolute).status, 421);
}

#[test]
fn own_and_allowed_hosts_are_answered() {
    let f = site();
    let s = start_with(&f, &["--allow-host", "Preview.Example"], &[]);
    let port = s.port;
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("LOCALHOST:{port}"),
        format!("localhost.:{port}"),
        format!("[::1]:{port}"),
        "preview.example".to_string(),
        format!("preview.example:{port}"),
        "preview.example.:8443".to_string(),
    ] {
        for path in ALL_PATHS {
            if *path == "/__casebook/events" {
                continue; // never ends; below
            }
            let r = get_as(port, path, Some(&host));
            let want = if path.starts_with("/no-such") {
                404
            } else {
                200
            };
            assert_eq!(r.status, want, "{path} for Host {host}: {}", r.head);
        }
    }
    // The event stream answers its own host (the helper sends one).
    let _ = events(port);
    // A value that is not a host is refused before anything starts.
    let out = f.run(&["serve", "--allow-host", "http://preview.example/"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("--allow-host") && out.stderr.contains("not a host name"),
        "{}",
        out.stderr
    );
}

#[test]
fn folder_redirects_never_leave_the_site() {
    let f = site();
    let s = start(&f);
    for (path, want) in [
        ("/cases", "/cases/"),
        ("//cases", "/cases/"),
        ("///cases", "/cases/"),
        ("//cases?x=1", "/cases/?x=1"),
        ("//cases/bundle", "/cases/bundle/"),
    ] {
        let r = get_as(s.port, path, Some(&format!("127.0.0.1:{}", s.port)));
        assert_eq!(r.status, 301, "{path}: {}", r.head);
        assert_eq!(header(&r.head, "location"), Some(want), "{path}");
    }
    for path in [
        "/\\cases",
        "/%5Ccases",
        "/%2F%2Fcases",
        "//%2Fcases",
        "/\\/cases",
    ] {
        let r = get_as(s.port, path, Some(&format!("127.0.0.1:{}", s.port)));
        if let Some(loc) = header(&r.head, "location") {
            assert!(
                loc.starts_with('/') && !loc.starts_with("//") && !loc.starts_with("/\\"),
                "{path}: {loc}"
            );
        }
    }
}

/// Whether the server closed `s` within `within`, after `s` was given
/// `trickle` one byte at a time (a slowloris client), one every 50 ms.
fn closed_within(s: &mut TcpStream, trickle: &[u8], within: Duration) -> bool {
    s.set_read_timeout(Some(Duration::from_millis(50))).unwrap();
    let deadline = Instant::now() + within;
    let mut sent = 0;
    let mut buf = [0u8; 512];
    while Instant::now() < deadline {
        if sent < trickle.len() {
            if s.write_all(&trickle[sent..=sent]).is_err() {
                return true;
            }
            sent += 1;
        }
        match s.read(&mut buf) {
            Ok(0) => return true,
            // Some servers say 408 before closing.
            Ok(_) => continue,
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(_) => return true,
        }
    }
    false
}

#[test]
fn slow_and_idle_connections_are_closed() {
    let f = site();
    // A 600 ms limit for the request head instead of the usual seconds.
    let s = start_with(&f, &[], &[("CASEBOOK_HEADER_TIMEOUT_MS", "600")]);
    let rx = events(s.port);
    let head = format!(
        "GET /cases/a/ HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nUser-Agent: {}\r\n",
        s.port,
        "x".repeat(200)
    );
    let t = Instant::now();
    let mut slow = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
    assert!(
        closed_within(&mut slow, head.as_bytes(), Duration::from_secs(5)),
        "a head sent byte by byte kept the connection open"
    );
    let took = t.elapsed();
    assert!(
        took >= Duration::from_millis(500),
        "closed too early: {took:?}"
    );
    let mut idle = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
    assert!(
        closed_within(&mut idle, b"", Duration::from_secs(5)),
        "an idle connection stayed open"
    );
    // The event stream opened before is not a slow head: it lives on.
    std::thread::sleep(Duration::from_millis(800));
    f.case_body(
        "a",
        "title = \"甲案例\"\nfields = [\"营商环境\"]",
        "慢连接之后。",
    );
    wait_for(&rx, "reload");
    assert!(get(s.port, "/cases/a/").1.contains("慢连接之后"));
}

#[cfg(target_os = "linux")]
#[test]
fn folders_of_gone_servers_are_swept_and_only_those() {
    let f = site();
    let tmp = tmp_dir(&f);
    // A process that has ended: its pid is free.
    let mut gone = Command::new(env!("CARGO_BIN_EXE_casebook"))
        // Messages in English unless a test asks for a language.
        .env("CASEBOOK_LANG", "en")
        .arg("--version")
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let gone_pid = gone.id();
    gone.wait().unwrap();
    let stale = tmp.join(format!("casebook-serve-{gone_pid}-1111"));
    std::fs::create_dir_all(stale.join("cases")).unwrap();
    std::fs::write(stale.join("cases/index.html"), "old").unwrap();
    // This test's own process is running.
    let live = tmp.join(format!("casebook-serve-{}-2222", std::process::id()));
    std::fs::create_dir_all(&live).unwrap();
    let other = tmp.join("casebook-serve-notes");
    std::fs::create_dir_all(&other).unwrap();
    // A link with a stale name: removed at most itself, never what it names.
    let kept = f.path().join("kept");
    std::fs::create_dir_all(&kept).unwrap();
    std::fs::write(kept.join("file.txt"), "keep").unwrap();
    std::os::unix::fs::symlink(&kept, tmp.join(format!("casebook-serve-{gone_pid}-3333"))).unwrap();
    let s = start(&f);
    assert!(!stale.exists(), "stale folder kept");
    assert!(live.is_dir() && other.is_dir() && s.out.is_dir());
    assert_eq!(
        std::fs::read_to_string(kept.join("file.txt")).unwrap(),
        "keep"
    );
}
