//! The image stage on real-world-like files (tests/fixtures/images/, made
//! by scripts/make-image-fixtures.py): photos resized, turned upright and
//! stripped of every metadata block; the HTML that shows them; the cache;
//! galleries and `/albums/`; and every way an image can be refused.

mod common;
use common::{Fixture, attrs, repo_root};

use image::{AnimationDecoder, GenericImageView};
use std::path::Path;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(repo_root().join("tests/fixtures/images").join(name)).expect("fixture")
}

/// A site with one case folder `content/cases/a/` holding `files`.
fn site_with(files: &[&str], body: &str, extra: &str) -> Fixture {
    let f = Fixture::new();
    f.case_body("a/index", extra, body);
    for name in files {
        f.write_bytes(&format!("content/cases/a/{name}"), &fixture(name));
    }
    f
}

fn decode(path: &Path) -> image::DynamicImage {
    image::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// JPEG segment markers before the image data.
fn jpeg_markers(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut i = 2;
    while i + 4 <= b.len() && b[i] == 0xFF && b[i + 1] != 0xDA {
        out.push(b[i + 1]);
        i += 2 + usize::from(u16::from_be_bytes([b[i + 2], b[i + 3]]));
    }
    out
}

/// PNG chunk names.
fn png_chunks(b: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = 8;
    while i + 8 <= b.len() {
        let len = u32::from_be_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]) as usize;
        out.push(String::from_utf8_lossy(&b[i + 4..i + 8]).into_owned());
        i += 12 + len;
    }
    out
}

/// Words of the metadata the fixtures carry: none may be published.
const LEAKS: [&[u8]; 9] = [
    b"Exif",
    b"GPS",
    b"Huawei",
    b"P60 Pro",
    b"Xiaomi",
    b"http://ns.adobe.com/xap",
    b"xmpmeta",
    b"2023:05:12",
    b"Binzhou",
];

fn assert_no_metadata(path: &Path) {
    let b = std::fs::read(path).unwrap();
    for leak in LEAKS {
        assert!(
            !b.windows(leak.len()).any(|w| w == leak),
            "{} still holds {:?}",
            path.display(),
            String::from_utf8_lossy(leak)
        );
    }
    if b.starts_with(&[0xFF, 0xD8]) {
        for m in jpeg_markers(&b) {
            // JFIF, an RGB colour profile and the tables: nothing else.
            assert!(
                !matches!(m, 0xE1 | 0xE3..=0xEF | 0xFE),
                "{}: segment {m:#x}",
                path.display()
            );
        }
    }
    if b.starts_with(b"\x89PNG") {
        for c in png_chunks(&b) {
            assert!(
                !["eXIf", "tEXt", "zTXt", "iTXt", "tIME"].contains(&c.as_str()),
                "{}: chunk {c}",
                path.display()
            );
        }
    }
}

fn is_red(p: image::Rgba<u8>) -> bool {
    p[0] > 180 && p[1] < 80 && p[2] < 80
}

/// (width descriptor, file) of every candidate of an `srcset`.
fn candidates(srcset: &str) -> Vec<(u32, String)> {
    srcset
        .split(", ")
        .map(|c| {
            let (url, w) = c.rsplit_once(' ').expect("descriptor");
            (
                w.trim_end_matches('w').parse().expect("width"),
                url.to_string(),
            )
        })
        .collect()
}

#[test]
fn phone_photos_are_resized_turned_upright_and_stripped() {
    let f = site_with(
        &["gps-orient6.jpg", "orient8.jpg"],
        "![现场](gps-orient6.jpg)\n\n![另一张](orient8.jpg)",
        "",
    );
    let public = f.build_ok(&[]);
    let dir = public.join("cases/a");
    // Stored 1200 × 900 lying on its side: published upright, 900 wide,
    // with a 480 derivative; never wider than the original.
    for (name, red_at) in [
        ("gps-orient6", (7, 1)), // rotated clockwise: top left → top right
        ("orient8", (1, 7)),     // counter-clockwise: top left → bottom left
    ] {
        let big = decode(&dir.join(format!("{name}.jpg")));
        assert_eq!(big.dimensions(), (900, 1200), "{name}");
        let small = decode(&dir.join(format!("{name}-480w.jpg")));
        assert_eq!(small.dimensions(), (480, 640), "{name}");
        for img in [&big, &small] {
            let (w, h) = img.dimensions();
            let px = img.get_pixel(w * red_at.0 / 8, h * red_at.1 / 8);
            assert!(is_red(px), "{name}: the red corner moved: {px:?}");
            let other = img.get_pixel(w / 8, h / 8);
            if red_at != (1, 1) {
                assert!(!is_red(other), "{name}: not turned");
            }
        }
        for file in [format!("{name}.jpg"), format!("{name}-480w.jpg")] {
            assert_no_metadata(&dir.join(file));
        }
        assert!(!dir.join(format!("{name}-960w.jpg")).exists(), "upscaled");
    }
    // The page: srcset descriptors are the files' real widths; width and
    // height are the largest one's, upright; lazy loading after the first.
    let doc = f.html("public/cases/a/index.html");
    let srcsets = attrs(&doc, ".prose img", "srcset");
    let widths = attrs(&doc, ".prose img", "width");
    let heights = attrs(&doc, ".prose img", "height");
    assert_eq!(srcsets.len(), 2);
    for (k, srcset) in srcsets.iter().enumerate() {
        for (w, url) in candidates(srcset) {
            let file = public.join(url.trim_start_matches('/'));
            assert_eq!(decode(&file).width(), w, "{url}");
        }
        assert_eq!((widths[k].as_str(), heights[k].as_str()), ("900", "1200"));
    }
    assert_eq!(
        attrs(&doc, ".prose img", "loading"),
        ["lazy"],
        "only the second image loads lazily"
    );
    assert_eq!(attrs(&doc, ".prose img", "decoding"), ["async"]);
    assert_eq!(attrs(&doc, ".prose img", "alt"), ["现场", "另一张"]);
    assert!(
        attrs(&doc, ".prose img", "sizes")
            .iter()
            .all(|s| !s.is_empty())
    );
}

#[test]
fn other_formats_keep_their_kind_and_lose_their_metadata() {
    let names = [
        "cmyk.jpg",
        "transparent.png",
        "deep16.png",
        "animated.gif",
        "small-clean.png",
    ];
    let body: String = names.iter().map(|n| format!("![{n}]({n})\n\n")).collect();
    let f = site_with(&names, &body, "");
    let public = f.build_ok(&[]);
    let dir = public.join("cases/a");
    for n in names {
        assert_no_metadata(&dir.join(n));
    }
    // CMYK becomes RGB with its colours right (the red corner stays red).
    let cmyk = decode(&dir.join("cmyk.jpg"));
    assert_eq!(cmyk.dimensions(), (800, 600));
    assert!(
        is_red(cmyk.get_pixel(40, 40)),
        "{:?}",
        cmyk.get_pixel(40, 40)
    );
    assert!(
        !is_red(cmyk.get_pixel(760, 40)),
        "CMYK inverted or mirrored"
    );
    assert_eq!(decode(&dir.join("cmyk-480w.jpg")).width(), 480);
    // Transparency survives resizing.
    for file in ["transparent.png", "transparent-480w.png"] {
        let png = decode(&dir.join(file));
        assert!(png.color().has_alpha(), "{file}");
        let (w, h) = png.dimensions();
        assert_eq!(png.get_pixel(0, h / 4)[3], 0, "{file}: left edge clear");
        assert!(png.get_pixel(w - 1, h / 4)[3] > 240, "{file}: right opaque");
    }
    // 16 bits per channel are published at 8, each width lossless PNG.
    let deep = std::fs::read(dir.join("deep16.png")).unwrap();
    assert_eq!(deep[24], 8, "bit depth");
    assert_eq!(decode(&dir.join("deep16.png")).dimensions(), (1000, 750));
    assert_eq!(
        decode(&dir.join("deep16-960w.png")).dimensions(),
        (960, 720)
    );
    assert_eq!(
        decode(&dir.join("deep16-480w.png")).dimensions(),
        (480, 360)
    );
    // The animation keeps its three frames, at each width.
    for (file, w) in [("animated.gif", 600), ("animated-480w.gif", 480)] {
        let bytes = std::fs::read(dir.join(file)).unwrap();
        let frames = image::codecs::gif::GifDecoder::new(std::io::Cursor::new(bytes))
            .unwrap()
            .into_frames()
            .collect_frames()
            .unwrap();
        assert_eq!(frames.len(), 3, "{file}");
        assert_eq!(frames[0].buffer().width(), w, "{file}");
    }
    // Already small and clean: published as it came.
    assert_eq!(
        std::fs::read(dir.join("small-clean.png")).unwrap(),
        fixture("small-clean.png")
    );
    assert!(!dir.join("small-clean-480w.png").exists());
}

/// Every file of a folder, by path.
fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn the_cache_gives_the_same_bytes_and_forgets_what_is_gone() {
    let f = site_with(
        &["gps-orient6.jpg", "transparent.png"],
        "![现场](gps-orient6.jpg)",
        "",
    );
    let cache = f.path().join(".casebook-cache/images");
    f.build_ok(&[]);
    let first = tree(&f.path().join("public"));
    let cached = tree(&cache);
    assert!(cached.keys().any(|k| k.ends_with(".meta")), "{cached:?}");
    assert_eq!(
        std::fs::read_to_string(cache.join(".gitignore")).unwrap(),
        "*\n"
    );
    // A second build takes every image from the cache, untouched.
    let stamp = |p: &Path| std::fs::metadata(p).unwrap().modified().unwrap();
    let meta_file = cache.join(cached.keys().find(|k| k.ends_with(".meta")).unwrap());
    let before = stamp(&meta_file);
    f.build_ok(&[]);
    assert_eq!(
        stamp(&meta_file),
        before,
        "an unchanged image was made again"
    );
    assert_eq!(
        tree(&f.path().join("public")),
        first,
        "cached output differs"
    );
    // Without the cache: the same bytes again.
    std::fs::remove_dir_all(f.path().join(".casebook-cache")).unwrap();
    f.build_ok(&[]);
    assert_eq!(
        tree(&f.path().join("public")),
        first,
        "rebuilt output differs"
    );
    // An image that left the site leaves the cache at the next build.
    let entries = |c: &Path| {
        std::fs::read_dir(c)
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .ends_with(".meta")
            })
            .count()
    };
    assert_eq!(entries(&cache), 2);
    std::fs::remove_file(f.path().join("content/cases/a/transparent.png")).unwrap();
    f.build_ok(&[]);
    assert_eq!(entries(&cache), 1);
}

#[test]
fn settings_choose_the_widths() {
    let f = site_with(&["deep16.png"], "![图](deep16.png)", "");
    f.write(
        "casebook.toml",
        "title = \"测试站点\"\nbase_url = \"https://example.gov.cn/\"\n\n[images]\nwidths = [300, 600]\nquality = 70\n",
    );
    let public = f.build_ok(&[]);
    let doc = f.html("public/cases/a/index.html");
    let srcset = &attrs(&doc, ".prose img", "srcset")[0];
    let widths: Vec<u32> = candidates(srcset).into_iter().map(|c| c.0).collect();
    assert_eq!(widths, [300, 600]);
    assert_eq!(decode(&public.join("cases/a/deep16.png")).width(), 600);
}

#[test]
fn bad_images_settings_are_errors_at_their_place() {
    let f = Fixture::with_config(
        "title = \"测试站点\"\nbase_url = \"https://example.gov.cn/\"\n\n[images]\nwidths = []\nquality = 0\nmax_pixels = 10\nsize = 3\n",
    );
    f.case("a", "");
    let out = f.check();
    out.assert_error_at("casebook.toml:5:10");
    out.assert_error_at("casebook.toml:6:11");
    out.assert_error_at("casebook.toml:7:14");
    assert!(
        out.stderr.contains("images.widths must be a list"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("images.quality must be between 1 and 100")
    );
    assert!(out.stderr.contains("images.max_pixels must be at least"));
    assert!(
        out.stderr.contains("casebook.toml:8:1"),
        "unknown key: {}",
        out.stderr
    );
}

#[test]
fn every_bad_image_is_reported_at_once_and_the_old_output_stays() {
    let f = site_with(&["gps-orient6.jpg"], "![现场](gps-orient6.jpg)", "");
    let public = f.build_ok(&[]);
    let page_before = std::fs::read(public.join("cases/a/index.html")).unwrap();
    // Then bad files arrive: shown in the body, and one only lying in the
    // case's folder (which would be published too).
    for name in ["truncated.jpg", "corrupt.png", "iphone.heic", "bomb.png"] {
        f.write_bytes(&format!("content/cases/a/{name}"), &fixture(name));
    }
    f.write_bytes("content/cases/a/scan.bmp", b"BM\x3a\0\0\0\0\0\0\0\x36\0\0\0\x28\0\0\0\x01\0\0\0\x01\0\0\0\x01\0\x18\0\0\0\0\0\x04\0\0\0\x13\x0b\0\0\x13\x0b\0\0\0\0\0\0\0\0\0\0\xff\xff\xff\0");
    f.case_body(
        "a/index",
        "",
        "![现场](gps-orient6.jpg)\n\n![断](truncated.jpg)\n\n![坏](corrupt.png)\n\n![苹果](iphone.heic)\n\n![大](bomb.png)",
    );
    let out = f.check();
    for at in [
        "content/cases/a/index.md:8:1",
        "content/cases/a/index.md:10:1",
        "content/cases/a/index.md:12:1",
        "content/cases/a/index.md:14:1",
        // Not shown anywhere, but in the folder: at the document's top.
        "content/cases/a/index.md:1:1",
    ] {
        out.assert_error_at(at);
    }
    for said in [
        "truncated.jpg is cut off",
        "corrupt.png cannot be read as an image",
        "iphone.heic is a HEIC photo",
        "export it as JPEG",
        "bomb.png is 12000 × 10000 pixels",
        "images.max_pixels = 100000000",
        "scan.bmp is a BMP image",
        "5 errors",
    ] {
        assert!(
            out.stderr.contains(said),
            "expected {said:?} in:\n{}",
            out.stderr
        );
    }
    let build = f.run(&["build"]);
    assert_eq!(build.code, 1, "{}", build.stderr);
    assert!(build.stderr.contains("5 errors"), "{}", build.stderr);
    assert_eq!(
        std::fs::read(public.join("cases/a/index.html")).unwrap(),
        page_before,
        "a failed build touched the output"
    );
}

/// A case with a gallery of `photos` (file, caption) and its files.
fn gallery_site() -> Fixture {
    let f = Fixture::new();
    f.write(
        "content/brands/pinpai/index.md",
        "+++\ntitle = \"品牌甲\"\n\n[[gallery]]\nsrc = \"deep16.png\"\ncaption = \"品牌展厅\"\ndate = 2023-09-01\n+++\n介绍。\n",
    );
    f.write_bytes("content/brands/pinpai/deep16.png", &fixture("deep16.png"));
    f.case_body(
        "a/index",
        "brands = [\"pinpai\"]\n\n[[gallery]]\nsrc = \"gps-orient6.jpg\"\ncaption = \"开工现场\"\ndate = 2023-05-12\n\n[[gallery]]\nsrc = \"orient8.jpg\"\ncaption = \"验收现场\"",
        "正文。",
    );
    for n in ["gps-orient6.jpg", "orient8.jpg"] {
        f.write_bytes(&format!("content/cases/a/{n}"), &fixture(n));
    }
    f.case_body(
        "b/index",
        "date = 2024-01-02\n\n[[gallery]]\nsrc = \"transparent.png\"\ncaption = \"示意\"",
        "正文。",
    );
    f.write_bytes(
        "content/cases/b/transparent.png",
        &fixture("transparent.png"),
    );
    f
}

#[test]
fn galleries_show_thumbnails_large_views_and_albums() {
    let f = gallery_site();
    let public = f.build_ok(&[]);
    let doc = f.html("public/cases/a/index.html");
    assert_eq!(
        common::texts(&doc, "#gallery figcaption .caption"),
        ["开工现场", "验收现场"]
    );
    assert_eq!(
        attrs(&doc, "#gallery a.gallery-link", "href"),
        ["/cases/a/photos/1/", "/cases/a/photos/2/"]
    );
    // Thumbnails are files no wider than 800 pixels, sized as they are.
    for (k, srcset) in attrs(&doc, "#gallery img", "srcset").iter().enumerate() {
        for (w, url) in candidates(srcset) {
            assert!(w <= 800, "{url}");
            assert_eq!(decode(&public.join(url.trim_start_matches('/'))).width(), w);
        }
        let src = &attrs(&doc, "#gallery img", "src")[k];
        let img = decode(&public.join(src.trim_start_matches('/')));
        assert_eq!(
            img.width().to_string(),
            attrs(&doc, "#gallery img", "width")[k]
        );
        assert_eq!(
            img.height().to_string(),
            attrs(&doc, "#gallery img", "height")[k]
        );
    }
    assert_eq!(attrs(&doc, "#gallery img", "alt"), ["开工现场", "验收现场"]);
    assert_eq!(attrs(&doc, "script[src$='gallery.js']", "src").len(), 1);
    // Each large view: the photo at every width, its place, neighbours.
    let view = f.html("public/cases/a/photos/2/index.html");
    assert_eq!(common::texts(&view, "h1"), ["验收现场"]);
    assert_eq!(common::texts(&view, ".photo-pos"), ["第 2 张，共 2 张"]);
    assert_eq!(attrs(&view, "a[rel=prev]", "href"), ["/cases/a/photos/1/"]);
    assert_eq!(attrs(&view, "a[rel=next]", "href"), ["/cases/a/photos/1/"]);
    assert_eq!(attrs(&view, ".photo-full img", "width"), ["900"]);
    assert_eq!(
        attrs(&view, ".photo-owner a", "href"),
        ["/cases/a/#gallery"]
    );
    // /albums/: by brand (the brand's own album and its case's, newest
    // first), then the rest; in the navigation.
    let albums = f.html("public/albums/index.html");
    assert_eq!(
        common::texts(&albums, ".album-group h2"),
        ["品牌甲", "其他"]
    );
    assert_eq!(
        attrs(&albums, ".album-card > a", "href"),
        [
            "/brands/pinpai/#gallery",
            "/cases/a/#gallery",
            "/cases/b/#gallery"
        ]
    );
    assert!(
        common::texts(&albums, ".album-meta")
            .iter()
            .any(|t| t.contains("2 张"))
    );
    assert_eq!(
        attrs(&albums, ".site-nav a[href='/albums/']", "aria-current"),
        ["page"]
    );
    let home = f.html("public/index.html");
    assert_eq!(
        attrs(&home, ".site-nav a[href='/albums/']", "href").len(),
        1
    );
    // The brand's page shows its own gallery.
    let brand = f.html("public/brands/pinpai/index.html");
    assert_eq!(common::texts(&brand, "#gallery .caption"), ["品牌展厅"]);
    // Offline: relative links that end in index.html.
    let to = f.path().join("offline");
    let out = f.run(&["build", "--offline", "-o", to.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let off = f.html("offline/cases/a/index.html");
    assert_eq!(
        attrs(&off, "#gallery a.gallery-link", "href"),
        ["photos/1/index.html", "photos/2/index.html"]
    );
}

#[test]
fn no_gallery_no_albums_page() {
    let f = Fixture::new();
    f.case("a", "");
    let public = f.build_ok(&[]);
    assert!(!public.join("albums").exists());
    let home = f.html("public/index.html");
    assert!(attrs(&home, ".site-nav a[href='/albums/']", "href").is_empty());
}

#[test]
fn gallery_mistakes_are_errors_at_their_place() {
    let f = Fixture::new();
    f.write_bytes("content/cases/a/tu.png", common::TINY_PNG);
    f.case_body(
        "a/index",
        "[[gallery]]\nsrc = \"tu.png\"\n\n[[gallery]]\nsrc = \"tu.png\"\ncaption = \"  \"\n\n[[gallery]]\ncaption = \"无文件\"",
        "正文。",
    );
    let out = f.check();
    out.assert_error_at("content/cases/a/index.md:4:1");
    assert!(
        out.stderr
            .contains("missing required key `gallery[1].caption`"),
        "{}",
        out.stderr
    );
    out.assert_error_at("content/cases/a/index.md:9:11");
    assert!(
        out.stderr.contains("`gallery[2].caption` is empty"),
        "{}",
        out.stderr
    );
    out.assert_error_at("content/cases/a/index.md:11:1");
    assert!(
        out.stderr.contains("missing required key `gallery[3].src`"),
        "{}",
        out.stderr
    );
}

#[test]
fn gallery_photos_must_be_photos_beside_the_document() {
    let f = Fixture::new();
    f.write(
        "content/cases/a/liucheng.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    f.write_bytes("content/cases/elsewhere.png", common::TINY_PNG);
    f.case_body(
        "a/index",
        "[[gallery]]\nsrc = \"missing.jpg\"\ncaption = \"缺\"\n\n[[gallery]]\nsrc = \"liucheng.svg\"\ncaption = \"图\"",
        "正文。",
    );
    let out = f.check();
    out.assert_error_at("content/cases/a/index.md:5:7");
    assert!(
        out.stderr
            .contains("gallery photo \"missing.jpg\" not found"),
        "{}",
        out.stderr
    );
    out.assert_error_at("content/cases/a/index.md:9:7");
    assert!(
        out.stderr
            .contains("gallery photo \"liucheng.svg\" is not a photo")
    );
    assert!(out.stderr.contains("2 errors"), "{}", out.stderr);
}

#[test]
fn word_embeds_the_cleaned_derivative() {
    // The Word export of a compilation whose case shows a phone photo.
    let f = Fixture::new();
    f.write(
        "content/compilations/hb.md",
        "+++\ntitle = \"汇编\"\n+++\n前言。\n",
    );
    f.case_body(
        "a/index",
        "compilations = [\"hb\"]",
        "正文。\n\n![现场](gps-orient6.jpg)",
    );
    f.write_bytes(
        "content/cases/a/gps-orient6.jpg",
        &fixture("gps-orient6.jpg"),
    );
    let to = f.path().join("hb.docx");
    let out = f.run(&["docx", "-o", to.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let docx = std::fs::read(&to).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let names: Vec<String> = (0..zip.len())
        .map(|i| zip.by_index(i).unwrap().name().unwrap().to_string())
        .collect();
    let media: Vec<&String> = names
        .iter()
        .filter(|n| n.starts_with("word/media/"))
        .collect();
    assert_eq!(media.len(), 1, "{names:?}");
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut zip.by_name(media[0]).unwrap(), &mut bytes).unwrap();
    let img = image::load_from_memory(&bytes).unwrap();
    assert_eq!(img.dimensions(), (900, 1200), "upright, as published");
    for leak in LEAKS {
        assert!(!bytes.windows(leak.len()).any(|w| w == leak));
    }
}
