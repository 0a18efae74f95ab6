//! Opening a .docx: what a file is when it is not one (a .doc, an encrypted
//! document, another zip, a damaged file), and the package's parts read
//! with limits, so a zip bomb or an oversized part is refused instead of
//! filling the memory.
//!
//! We read the package with `zip` and the parts with quick-xml rather than
//! with docx-rs's reader: that reader keeps what docx-rs can write back
//! (its JSON model) and drops what an importer needs to see and count:
//! outline levels inherited through styles, tracked changes, comments,
//! field results, merged cells, pictures' descriptions.

use std::io::Read;

/// Limits of one package.
pub(crate) struct Limits {
    /// The .docx file itself.
    pub file: u64,
    /// One XML part, uncompressed.
    pub part: u64,
    /// One picture.
    pub media: u64,
    /// Everything read from the package, uncompressed.
    pub total: u64,
    /// Uncompressed : compressed of a part larger than 1 MiB.
    pub ratio: u64,
}

pub(crate) const LIMITS: Limits = Limits {
    file: 100 << 20,
    part: 64 << 20,
    media: 50 << 20,
    total: 256 << 20,
    ratio: 200,
};

/// Why a file cannot be imported: one line naming what it is.
#[derive(Debug)]
pub(crate) struct NotDocx(pub String);

pub(crate) struct Package {
    zip: zip::ZipArchive<std::io::Cursor<Vec<u8>>>,
    read: u64,
    limits: &'static Limits,
}

fn mib(n: u64) -> String {
    format!("{} MiB", n >> 20)
}

/// What a file that is not a zip is, by its first bytes.
fn what_it_is(bytes: &[u8]) -> NotDocx {
    const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if bytes.starts_with(OLE) {
        // An encrypted .docx is an OLE compound file with these streams.
        let utf16 = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_le_bytes).collect() };
        let has = |s: &str| {
            let pat = utf16(s);
            bytes.windows(pat.len()).any(|w| w == pat.as_slice())
        };
        if has("EncryptionInfo") || has("EncryptedPackage") {
            return NotDocx(
                "an encrypted (password-protected) Word document; open it in Word or WPS, remove the password (文件 → 信息 → 保护文档), save it and import it again".into(),
            );
        }
        return NotDocx(
            "a Word 97–2003 document (.doc), not .docx; open it in Word or WPS and save it as a Word document (.docx)".into(),
        );
    }
    if bytes.starts_with(b"{\\rtf") {
        return NotDocx(
            "an RTF file, not .docx; open it in Word or WPS and save it as a Word document (.docx)"
                .into(),
        );
    }
    if bytes.starts_with(b"%PDF") {
        return NotDocx("a PDF, not a Word document; ask for the .docx it was made from".into());
    }
    if bytes.starts_with(b"PK") {
        return NotDocx(
            "a damaged or incomplete .docx (the zip cannot be read: was the copy or download cut short?)".into(),
        );
    }
    if bytes.is_empty() {
        return NotDocx("an empty file".into());
    }
    NotDocx("not a Word document (.docx)".into())
}

impl Package {
    /// Opens `bytes` as a .docx, or says what the file is instead.
    pub(crate) fn open(bytes: Vec<u8>) -> Result<Package, NotDocx> {
        let limits = &LIMITS;
        if bytes.len() as u64 > limits.file {
            return Err(NotDocx(format!(
                "too large to import ({} MiB; the limit is {})",
                bytes.len() >> 20,
                mib(limits.file)
            )));
        }
        if !bytes.starts_with(b"PK\x03\x04") {
            return Err(what_it_is(&bytes));
        }
        let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone()))
            .map_err(|_| what_it_is(&bytes))?;
        let p = Package {
            zip,
            read: 0,
            limits,
        };
        if p.zip.index_for_name("word/document.xml").is_none() {
            let names: Vec<String> = p
                .zip
                .file_names()
                .filter_map(|n| n.ok().map(|n| n.into_owned()))
                .collect();
            let kind = if names.iter().any(|n| n.starts_with("xl/")) {
                "an Excel workbook (.xlsx), not a Word document"
            } else if names.iter().any(|n| n.starts_with("ppt/")) {
                "a PowerPoint presentation (.pptx), not a Word document"
            } else if names.iter().any(|n| n == "mimetype" || n == "content.xml") {
                "an OpenDocument file (.odt), not .docx; save it as a Word document (.docx)"
            } else {
                "a zip archive, not a Word document (it has no word/document.xml)"
            };
            return Err(NotDocx(kind.into()));
        }
        Ok(p)
    }

    /// A part's bytes within the limits; None when the package lacks it.
    pub(crate) fn bytes(&mut self, name: &str, limit: u64) -> Result<Option<Vec<u8>>, NotDocx> {
        let Some(i) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        let mut entry = self.zip.by_index(i).map_err(|e| {
            NotDocx(format!(
                "a damaged .docx: its part {name} cannot be read ({e})"
            ))
        })?;
        let compressed = entry.compressed_size().max(1);
        let declared = entry.size();
        let bomb =
            |what: String| NotDocx(format!("refused: {what} (a zip bomb or an oversized part)"));
        if declared > limit {
            return Err(bomb(format!(
                "its part {name} is {} MiB; the limit is {}",
                declared >> 20,
                mib(limit)
            )));
        }
        if declared > 1 << 20 && declared / compressed > self.limits.ratio {
            return Err(bomb(format!(
                "its part {name} expands {}-fold; the limit is {}-fold",
                declared / compressed,
                self.limits.ratio
            )));
        }
        // The sizes in the zip's directory may lie: count what comes out.
        let mut out = Vec::new();
        (&mut entry)
            .take(limit + 1)
            .read_to_end(&mut out)
            .map_err(|e| {
                NotDocx(format!(
                    "a damaged .docx: its part {name} cannot be read ({e})"
                ))
            })?;
        if out.len() as u64 > limit {
            return Err(bomb(format!(
                "its part {name} is larger than {}",
                mib(limit)
            )));
        }
        self.read += out.len() as u64;
        if self.read > self.limits.total {
            return Err(bomb(format!(
                "the parts add up to more than {}",
                mib(self.limits.total)
            )));
        }
        Ok(Some(out))
    }

    /// An XML part as text (None when missing).
    pub(crate) fn xml(&mut self, name: &str) -> Result<Option<String>, NotDocx> {
        let limit = self.limits.part;
        Ok(self
            .bytes(name, limit)?
            .map(|b| String::from_utf8_lossy(&b).into_owned()))
    }

    /// A picture's bytes.
    pub(crate) fn media(&mut self, name: &str) -> Result<Option<Vec<u8>>, NotDocx> {
        let limit = self.limits.media;
        self.bytes(name, limit)
    }
}
