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

use crate::i18n::Msg;
use crate::msg;

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
pub(crate) struct NotDocx(pub Msg);

impl NotDocx {
    fn key(key: &'static str) -> NotDocx {
        NotDocx(Msg::new(key))
    }
}

pub(crate) struct Package {
    zip: zip::ZipArchive<std::io::Cursor<Vec<u8>>>,
    read: u64,
    limits: &'static Limits,
}

/// Bytes as whole MiB, as the messages give sizes and limits.
fn mib(n: u64) -> u64 {
    n >> 20
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
            return NotDocx::key("import-encrypted");
        }
        return NotDocx::key("import-legacy-doc");
    }
    if bytes.starts_with(b"{\\rtf") {
        return NotDocx::key("import-rtf");
    }
    if bytes.starts_with(b"%PDF") {
        return NotDocx::key("import-pdf");
    }
    if bytes.starts_with(b"PK") {
        return NotDocx::key("import-damaged-zip");
    }
    if bytes.is_empty() {
        return NotDocx::key("import-empty-file");
    }
    NotDocx::key("import-not-word")
}

impl Package {
    /// Opens `bytes` as a .docx, or says what the file is instead.
    pub(crate) fn open(bytes: Vec<u8>) -> Result<Package, NotDocx> {
        let limits = &LIMITS;
        if bytes.len() as u64 > limits.file {
            return Err(NotDocx(msg!(
                "import-too-large",
                size = mib(bytes.len() as u64),
                limit = mib(limits.file)
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
                "import-xlsx"
            } else if names.iter().any(|n| n.starts_with("ppt/")) {
                "import-pptx"
            } else if names.iter().any(|n| n == "mimetype" || n == "content.xml") {
                "import-odt"
            } else {
                "import-plain-zip"
            };
            return Err(NotDocx::key(kind));
        }
        Ok(p)
    }

    /// A part's bytes within the limits; None when the package lacks it.
    pub(crate) fn bytes(&mut self, name: &str, limit: u64) -> Result<Option<Vec<u8>>, NotDocx> {
        let Some(i) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        // The zip library's reason is technical text; a read error's
        // cause is put into words by its kind.
        let unreadable = |cause: crate::i18n::Arg| {
            NotDocx(msg!("import-part-unreadable", part = name, cause = cause))
        };
        let mut entry = self
            .zip
            .by_index(i)
            .map_err(|e| unreadable(e.to_string().into()))?;
        let compressed = entry.compressed_size().max(1);
        let declared = entry.size();
        if declared > limit {
            return Err(NotDocx(msg!(
                "import-refused-part-size",
                part = name,
                size = mib(declared),
                limit = mib(limit)
            )));
        }
        if declared > 1 << 20 && declared / compressed > self.limits.ratio {
            return Err(NotDocx(msg!(
                "import-refused-part-ratio",
                part = name,
                ratio = declared / compressed,
                limit = self.limits.ratio
            )));
        }
        // The sizes in the zip's directory may lie: count what comes out.
        let mut out = Vec::new();
        (&mut entry)
            .take(limit + 1)
            .read_to_end(&mut out)
            .map_err(|e| unreadable(crate::io_cause(&e).into()))?;
        if out.len() as u64 > limit {
            return Err(NotDocx(msg!(
                "import-refused-part-larger",
                part = name,
                limit = mib(limit)
            )));
        }
        self.read += out.len() as u64;
        if self.read > self.limits.total {
            return Err(NotDocx(msg!(
                "import-refused-parts-total",
                limit = mib(self.limits.total)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Language;

    #[test]
    fn a_file_that_is_not_a_docx_is_named() {
        let NotDocx(m) = what_it_is(b"%PDF-1.7");
        assert_eq!(m.key(), "import-pdf");
        assert_eq!(
            m.render(Language::En),
            "a PDF, not a Word document; ask for the .docx it was made from"
        );
        assert!(m.render(Language::ZhCn).starts_with("这是 PDF 文件"));
        let NotDocx(empty) = what_it_is(b"");
        assert_eq!(empty.key(), "import-empty-file");
    }
}
