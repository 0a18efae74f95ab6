//! What an image file holds besides its pixels, read from its structure
//! without decoding: whether it may be published as it is, whether a JPEG
//! was cut off, whether it is an iPhone's HEIC. Hand-written because these
//! are a few bytes of well-known framing (JPEG segments, PNG chunks, an
//! ISO-BMFF `ftyp` box); no crate answers exactly these questions.

use super::Format;

/// An ISO-BMFF file of the HEIF family (HEIC, HEIF, AVIF): `ftyp` at
/// offset 4 with one of their brands.
pub(crate) fn is_heif(b: &[u8]) -> bool {
    if b.len() < 12 || &b[4..8] != b"ftyp" {
        return false;
    }
    let size = u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize;
    let end = size.clamp(12, b.len());
    const BRANDS: [&[u8; 4]; 8] = [
        b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1",
    ];
    // The major brand, then the compatible brands after the minor version.
    std::iter::once(&b[8..12])
        .chain(b[16.min(end)..end].chunks_exact(4))
        .any(|brand| BRANDS.iter().any(|x| x.as_slice() == brand))
}

/// JPEG segments before the image data: (marker, payload).
fn jpeg_segments(b: &[u8]) -> impl Iterator<Item = (u8, &[u8])> {
    let mut i = 2;
    std::iter::from_fn(move || {
        if i + 4 > b.len() || b[i] != 0xFF {
            return None;
        }
        let marker = b[i + 1];
        if marker == 0xDA || marker == 0xD9 {
            return None;
        }
        let len = usize::from(u16::from_be_bytes([b[i + 2], b[i + 3]]));
        let payload = b.get(i + 4..i + 2 + len)?;
        i += 2 + len;
        Some((marker, payload))
    })
}

/// Offset of the first start-of-scan marker.
fn start_of_scan(b: &[u8]) -> Option<usize> {
    let mut i = 2;
    while i + 4 <= b.len() && b[i] == 0xFF {
        let marker = b[i + 1];
        if marker == 0xDA {
            return Some(i);
        }
        i += 2 + usize::from(u16::from_be_bytes([b[i + 2], b[i + 3]]));
    }
    None
}

/// A JPEG with its end-of-image marker after the image data. In the
/// entropy-coded data 0xFF is always followed by 0x00 or a restart
/// marker, so 0xFF 0xD9 there is the real end.
pub(crate) fn jpeg_complete(b: &[u8]) -> bool {
    let Some(sos) = start_of_scan(b) else {
        return false;
    };
    b[sos..].windows(2).any(|w| w == [0xFF, 0xD9])
}

/// Nothing but pixels, framing and colour: a JPEG with only JFIF, ICC and
/// Adobe (colour transform) segments; a PNG with no text, time or EXIF
/// chunk. GIF and WebP are always written again.
pub(crate) fn is_clean(format: Format, b: &[u8]) -> bool {
    match format {
        Format::Jpeg => jpeg_segments(b).all(|(m, p)| match m {
            0xE0 => p.starts_with(b"JFIF\0"),
            0xE2 => p.starts_with(b"ICC_PROFILE\0"),
            0xEE => p.starts_with(b"Adobe"),
            0xE1 | 0xE3..=0xED | 0xEF | 0xFE => false,
            _ => true,
        }),
        // 16 bits per channel are written again at 8: twice the bytes for
        // nothing a screen shows.
        Format::Png if b.get(24).is_some_and(|&depth| depth > 8) => false,
        Format::Png => png_chunks(b).all(|name| {
            !matches!(
                &name,
                b"eXIf" | b"tEXt" | b"zTXt" | b"iTXt" | b"tIME" | b"caBX"
            )
        }),
        Format::Gif | Format::Webp => false,
    }
}

/// Names of a PNG's chunks, in order.
pub(crate) fn png_chunks(b: &[u8]) -> impl Iterator<Item = [u8; 4]> + '_ {
    let mut i = 8;
    std::iter::from_fn(move || {
        let head = b.get(i..i + 8)?;
        let len = u32::from_be_bytes([head[0], head[1], head[2], head[3]]) as usize;
        let name = [head[4], head[5], head[6], head[7]];
        i = i.checked_add(12)?.checked_add(len)?;
        Some(name)
    })
}

/// An ICC profile for RGB data (its header's colour space). A CMYK or grey
/// profile must not be attached to the RGB pixels we write.
pub(crate) fn icc_is_rgb(p: &[u8]) -> bool {
    p.get(16..20) == Some(b"RGB ")
}

/// Marker bytes of a JPEG's segments before the image data (tests).
#[cfg(test)]
pub(crate) fn jpeg_markers(b: &[u8]) -> Vec<u8> {
    jpeg_segments(b).map(|(m, _)| m).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heic_is_known_by_its_brand() {
        let mut b = vec![0, 0, 0, 24];
        b.extend_from_slice(b"ftypheic\0\0\0\0mif1heic");
        assert!(is_heif(&b));
        let mut mp4 = vec![0, 0, 0, 20];
        mp4.extend_from_slice(b"ftypisom\0\0\0\0isom");
        assert!(!is_heif(&mp4));
    }

    #[test]
    fn metadata_segments_make_a_jpeg_unclean() {
        let jfif = [0xFF, 0xD8, 0xFF, 0xE0, 0, 7, b'J', b'F', b'I', b'F', 0];
        let mut exif = jfif.to_vec();
        exif.extend_from_slice(&[0xFF, 0xE1, 0, 8, b'E', b'x', b'i', b'f', 0, 0]);
        assert!(is_clean(Format::Jpeg, &jfif));
        assert!(!is_clean(Format::Jpeg, &exif));
        assert_eq!(jpeg_markers(&exif), [0xE0, 0xE1]);
    }
}
