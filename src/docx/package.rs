//! The .docx package (a zip of XML parts) from docx-rs's parts, written by
//! us rather than by docx-rs's own packer, for three reasons: the same
//! inputs must give the same bytes (fixed entry times and order, and the
//! ids docx-rs draws from process-wide and per-thread counters numbered
//! in document order here), pictures keep their own format (docx-rs names every one
//! `.png`), and the document properties (title, author, language, date)
//! are the compilation's, which docx-rs does not let us set.

use std::collections::HashMap;
use std::io::{Cursor, Write};

use docx_rs::XMLDocx;
use zip::write::SimpleFileOptions;

/// The compilation's document properties.
pub(super) struct Properties<'a> {
    pub title: &'a str,
    pub author: Option<&'a str>,
    pub language: &'a str,
    /// W3C date-time, or none (then no date is written).
    pub date: Option<String>,
}

fn esc(s: &str) -> String {
    crate::text::escape_html(s)
}

fn core_xml(p: &Properties) -> Vec<u8> {
    let mut x = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
    );
    x.push_str(&format!("<dc:title>{}</dc:title>", esc(p.title)));
    if let Some(a) = p.author.filter(|a| !a.is_empty()) {
        x.push_str(&format!("<dc:creator>{}</dc:creator>", esc(a)));
    }
    x.push_str(&format!("<dc:language>{}</dc:language>", esc(p.language)));
    if let Some(d) = &p.date {
        x.push_str(&format!(
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{d}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{d}</dcterms:modified>"#
        ));
    }
    x.push_str("<cp:revision>1</cp:revision></cp:coreProperties>");
    x.into_bytes()
}

/// Replaces the value of every `attr="…"` in `xml` by `new(n, old)` for
/// the n-th (1-based) distinct old value, in order of appearance.
fn renumber(xml: &str, attr: &str, new: &dyn Fn(usize, &str) -> String) -> String {
    let mut seen: HashMap<String, String> = HashMap::new();
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    let key = format!("{attr}=\"");
    while let Some(at) = rest.find(&key) {
        let start = at + key.len();
        out.push_str(&rest[..start]);
        let Some(len) = rest[start..].find('"') else {
            rest = &rest[start..];
            break;
        };
        let old = &rest[start..start + len];
        let n = seen.len() + 1;
        let value = seen
            .entry(old.to_string())
            .or_insert_with(|| new(n, old))
            .clone();
        out.push_str(&value);
        rest = &rest[start + len..];
    }
    out.push_str(rest);
    out
}

/// Every picture frame gets its own id and the picture's description
/// (docx-rs writes `id="1" name="Figure"` for each).
fn describe_pictures(xml: &str, alts: &HashMap<String, String>, next: &mut usize) -> String {
    const FRAME: &str = r#"<wp:docPr id="1" name="Figure" />"#;
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(at) = rest.find(FRAME) {
        out.push_str(&rest[..at]);
        let after = &rest[at + FRAME.len()..];
        let rid = after
            .find("r:embed=\"")
            .map(|i| &after[i + 9..])
            .and_then(|s| s.find('"').map(|e| &s[..e]))
            .unwrap_or("");
        *next += 1;
        let alt = alts.get(rid).map(String::as_str).unwrap_or("");
        out.push_str(&format!(
            r#"<wp:docPr id="{next}" name="Picture {next}" descr="{}" />"#,
            esc(alt)
        ));
        rest = after;
    }
    out.push_str(rest);
    out
}

/// The picture's format by its first bytes: the file extension Word wants.
fn extension(bytes: &[u8]) -> &'static str {
    match imagesize::image_type(bytes) {
        Ok(imagesize::ImageType::Jpeg) => "jpeg",
        Ok(imagesize::ImageType::Gif) => "gif",
        Ok(imagesize::ImageType::Bmp) => "bmp",
        _ => "png",
    }
}

/// The package's bytes.
pub(super) fn pack(
    x: XMLDocx,
    props: &Properties,
    alts: &HashMap<String, String>,
) -> std::io::Result<Vec<u8>> {
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    let mut frames = 0;
    let mut document = text(&x.document);
    document = renumber(&document, "w14:paraId", &|n, _| format!("{n:08X}"));
    document = describe_pictures(&document, alts, &mut frames);
    let footnotes = describe_pictures(&text(&x.footnotes), alts, &mut frames);
    let footnotes = renumber(&footnotes, "w14:paraId", &|n, _| {
        format!("{:08X}", 0x1000_0000 + n)
    });
    // docx-rs writes an empty Normal style before ours; Word would take the
    // first of the two, losing the body's font, size and indent.
    let styles = text(&x.styles).replacen(
        r#"<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal" /><w:rPr /><w:pPr><w:rPr /></w:pPr><w:qFormat /></w:style>"#,
        "",
        1,
    );
    let mut rels = text(&x.document_rels);
    let mut media = Vec::new();
    for (id, bytes) in &x.media {
        let ext = extension(bytes);
        rels = rels.replace(
            &format!("Target=\"media/{id}.png\""),
            &format!("Target=\"media/{id}.{ext}\""),
        );
        media.push((format!("word/media/{id}.{ext}"), bytes));
    }

    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    // No clock: every entry is dated 1980-01-01, the zip format's first day.
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(6))
        .last_modified_time(zip::DateTime::default());
    let mut put = |name: &str, bytes: &[u8]| -> std::io::Result<()> {
        zip.start_file(name, options)
            .map_err(std::io::Error::other)?;
        zip.write_all(bytes)
    };
    put("[Content_Types].xml", &x.content_type)?;
    put("_rels/.rels", &x.rels)?;
    put("docProps/app.xml", &x.doc_props.app)?;
    put("docProps/core.xml", &core_xml(props))?;
    put("docProps/custom.xml", &x.doc_props.custom)?;
    put("word/document.xml", document.as_bytes())?;
    put("word/_rels/document.xml.rels", rels.as_bytes())?;
    put("word/styles.xml", styles.as_bytes())?;
    put("word/settings.xml", &x.settings)?;
    put("word/fontTable.xml", &x.font_table)?;
    put("word/numbering.xml", &x.numberings)?;
    put("word/comments.xml", &x.comments)?;
    put("word/commentsExtended.xml", &x.comments_extended)?;
    put("word/footnotes.xml", footnotes.as_bytes())?;
    for (i, part) in x.headers.iter().enumerate() {
        put(&format!("word/header{}.xml", i + 1), part)?;
    }
    for (i, part) in x.footers.iter().enumerate() {
        let part = renumber(&text(part), "w14:paraId", &|n, _| {
            format!("{:08X}", 0x2000_0000 + (i << 16) + n)
        });
        put(&format!("word/footer{}.xml", i + 1), part.as_bytes())?;
        if let Some(r) = x.footer_rels.get(i) {
            put(&format!("word/_rels/footer{}.xml.rels", i + 1), r)?;
        }
    }
    for (name, bytes) in media {
        put(&name, bytes)?;
    }
    let cursor = zip.finish().map_err(std::io::Error::other)?;
    Ok(cursor.into_inner())
}
