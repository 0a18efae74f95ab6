//! One image decoded, turned upright and written again at each width:
//! nothing of the original file but its pixels (and an RGB colour
//! profile) reaches the output, so EXIF, GPS, XMP, maker notes and
//! comments are gone by construction.

use std::io::Cursor;

use fast_image_resize as fr;
use image::{AnimationDecoder, DynamicImage, ImageDecoder, ImageEncoder, ImageFormat};

use super::scan;
use super::{Format, Picture, Refusal, Variant};
use crate::config::ImagesConfig;

/// Thumbnails (gallery grids, album covers) are at most this wide.
pub(crate) const THUMB_MAX: u32 = 800;

/// The widths to make for an image `w` pixels wide: every configured width
/// below it, then its own width if that is within the largest configured
/// one (else the largest), so nothing is upscaled. A width fit for a
/// thumbnail is always among them.
pub(crate) fn targets(w: u32, widths: &[u32]) -> Vec<u32> {
    let mut all: Vec<u32> = widths.to_vec();
    if all.iter().all(|&x| x > THUMB_MAX) {
        all.insert(0, 480);
    }
    let max = all.last().copied().unwrap_or(w);
    let mut t: Vec<u32> = all.into_iter().filter(|&x| x < w).collect();
    let top = w.min(max);
    if t.last() != Some(&top) {
        t.push(top);
    }
    t
}

/// The format of `bytes` if we publish it; a refusal that says why not.
pub(crate) fn sniff(bytes: &[u8]) -> Result<Format, Refusal> {
    if scan::is_heif(bytes) {
        return Err(Refusal::Heic);
    }
    match image::guess_format(bytes) {
        Ok(ImageFormat::Jpeg) => Ok(Format::Jpeg),
        Ok(ImageFormat::Png) => Ok(Format::Png),
        Ok(ImageFormat::Gif) => Ok(Format::Gif),
        Ok(ImageFormat::WebP) => Ok(Format::Webp),
        Ok(other) => Err(Refusal::Unsupported(
            other
                .extensions_str()
                .first()
                .unwrap_or(&"?")
                .to_uppercase(),
        )),
        Err(_) => Err(Refusal::Corrupt(String::new())),
    }
}

fn image_format(f: Format) -> ImageFormat {
    match f {
        Format::Jpeg => ImageFormat::Jpeg,
        Format::Png => ImageFormat::Png,
        Format::Gif => ImageFormat::Gif,
        Format::Webp => ImageFormat::WebP,
    }
}

fn corrupt(e: impl std::fmt::Display) -> Refusal {
    Refusal::Corrupt(e.to_string())
}

/// Decodes, orients, resizes and encodes one image file's bytes.
pub(crate) fn process(bytes: &[u8], cfg: &ImagesConfig) -> Result<Picture, Refusal> {
    let format = sniff(bytes)?;
    if format == Format::Jpeg && !scan::jpeg_complete(bytes) {
        // The JPEG decoder fills a cut-off file with grey rather than fail.
        return Err(Refusal::Truncated);
    }
    let mut reader = image::ImageReader::with_format(Cursor::new(bytes), image_format(format));
    let mut limits = image::Limits::default();
    // Room for the largest accepted image at 16 bits per channel with alpha.
    limits.max_alloc = Some(cfg.max_pixels.saturating_mul(8).max(512 << 20));
    reader.limits(limits);
    let mut dec = reader.into_decoder().map_err(corrupt)?;
    let (w, h) = dec.dimensions();
    if u64::from(w) * u64::from(h) > cfg.max_pixels {
        return Err(Refusal::TooLarge {
            width: w,
            height: h,
            max: cfg.max_pixels,
        });
    }
    let orientation = dec
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let icc = dec
        .icc_profile()
        .ok()
        .flatten()
        .filter(|p| scan::icc_is_rgb(p));
    let clean = scan::is_clean(format, bytes);
    if format == Format::Gif {
        drop(dec);
        return animation(bytes, w, cfg);
    }
    let mut img = DynamicImage::from_decoder(dec).map_err(corrupt)?;
    img.apply_orientation(orientation);
    let alpha = img.color().has_alpha() && format != Format::Jpeg;
    let (width, height) = (img.width(), img.height());
    let widths = targets(width, &cfg.widths);
    let (pixels, pt) = if alpha {
        (img.into_rgba8().into_raw(), fr::PixelType::U8x4)
    } else {
        (img.into_rgb8().into_raw(), fr::PixelType::U8x3)
    };
    let mut variants = Vec::with_capacity(widths.len());
    let mut src = (pixels, width, height);
    for &tw in widths.iter().rev() {
        let th = scaled_height(width, height, tw);
        if tw != src.1 {
            src = (resize(&src.0, src.1, src.2, tw, th, pt)?, tw, th);
        }
        let data = if tw == width && clean && matches!(format, Format::Jpeg | Format::Png) {
            // Already small and carrying nothing but pixels: published as is.
            bytes.to_vec()
        } else {
            encode(format, &src.0, tw, th, alpha, icc.as_deref(), cfg.quality)?
        };
        variants.push(Variant::made(tw, th, data));
    }
    variants.reverse();
    Ok(Picture { format, variants })
}

fn scaled_height(w: u32, h: u32, tw: u32) -> u32 {
    ((u64::from(h) * u64::from(tw) + u64::from(w) / 2) / u64::from(w)).max(1) as u32
}

/// Lanczos3 through fast_image_resize (SIMD; several times faster than
/// the `image` crate's own filters at the same quality). Alpha is
/// premultiplied while resizing, so transparent edges keep their colour.
fn resize(
    buf: &[u8],
    w: u32,
    h: u32,
    tw: u32,
    th: u32,
    pt: fr::PixelType,
) -> Result<Vec<u8>, Refusal> {
    let src = fr::images::ImageRef::new(w, h, buf, pt).map_err(corrupt)?;
    let mut dst = fr::images::Image::new(tw, th, pt);
    let opts =
        fr::ResizeOptions::new().resize_alg(fr::ResizeAlg::Convolution(fr::FilterType::Lanczos3));
    fr::Resizer::new()
        .resize(&src, &mut dst, &opts)
        .map_err(corrupt)?;
    Ok(dst.into_vec())
}

/// JPEG through jpeg-encoder rather than the `image` crate's encoder:
/// 4:2:0 chroma (below quality 90) makes files about a fifth smaller at
/// the same quality, and its SIMD colour conversion and DCT are faster.
/// The standard Huffman tables, not optimised ones: zune-jpeg (the
/// decoder of the `image` crate and of Typst) misreads some optimised
/// tables of solid colour areas, and a published photo must read the
/// same in every decoder.
fn jpeg(px: &[u8], w: u32, h: u32, icc: Option<&[u8]>, quality: u8) -> Result<Vec<u8>, Refusal> {
    let (w, h) = (
        u16::try_from(w).map_err(corrupt)?,
        u16::try_from(h).map_err(corrupt)?,
    );
    let mut out = Vec::new();
    let mut e = jpeg_encoder::Encoder::new(&mut out, quality);
    e.set_optimized_huffman_tables(false);
    if let Some(p) = icc {
        e.add_icc_profile(p).map_err(corrupt)?;
    }
    e.encode(px, w, h, jpeg_encoder::ColorType::Rgb)
        .map_err(corrupt)?;
    Ok(out)
}

fn encode(
    format: Format,
    px: &[u8],
    w: u32,
    h: u32,
    alpha: bool,
    icc: Option<&[u8]>,
    quality: u8,
) -> Result<Vec<u8>, Refusal> {
    use image::ExtendedColorType as C;
    let color = if alpha { C::Rgba8 } else { C::Rgb8 };
    let mut out = Vec::new();
    let result = match format {
        Format::Jpeg => return jpeg(px, w, h, icc, quality),
        Format::Png => {
            let mut e = image::codecs::png::PngEncoder::new_with_quality(
                &mut out,
                image::codecs::png::CompressionType::Best,
                image::codecs::png::FilterType::Adaptive,
            );
            if let Some(p) = icc {
                let _ = e.set_icc_profile(p.to_vec());
            }
            e.write_image(px, w, h, color)
        }
        Format::Webp | Format::Gif => {
            let mut e = image::codecs::webp::WebPEncoder::new_lossless(&mut out);
            if let Some(p) = icc {
                let _ = e.set_icc_profile(p.to_vec());
            }
            e.write_image(px, w, h, color)
        }
    };
    result.map_err(corrupt)?;
    Ok(out)
}

/// A GIF, animated or not: every frame composed, resized and written
/// again, its timing and endless loop kept; comments and application
/// data (XMP) are not carried over.
fn animation(bytes: &[u8], width: u32, cfg: &ImagesConfig) -> Result<Picture, Refusal> {
    let dec = image::codecs::gif::GifDecoder::new(Cursor::new(bytes)).map_err(corrupt)?;
    let frames = dec.into_frames().collect_frames().map_err(corrupt)?;
    let Some(first) = frames.first() else {
        return Err(Refusal::Corrupt(String::new()));
    };
    let height = first.buffer().height();
    let mut variants = Vec::new();
    for tw in targets(width, &cfg.widths) {
        let th = scaled_height(width, height, tw);
        let mut out = Vec::new();
        {
            let mut e = image::codecs::gif::GifEncoder::new_with_speed(&mut out, 10);
            e.set_repeat(image::codecs::gif::Repeat::Infinite)
                .map_err(corrupt)?;
            for f in &frames {
                let buf = f.buffer();
                let px = if tw == width {
                    buf.as_raw().clone()
                } else {
                    resize(buf.as_raw(), width, height, tw, th, fr::PixelType::U8x4)?
                };
                let img = image::RgbaImage::from_raw(tw, th, px)
                    .ok_or_else(|| Refusal::Corrupt(String::new()))?;
                let frame = image::Frame::from_parts(img, 0, 0, f.delay());
                e.encode_frame(frame).map_err(corrupt)?;
            }
        }
        variants.push(Variant::made(tw, th, out));
    }
    Ok(Picture {
        format: Format::Gif,
        variants,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_never_upscale_and_include_a_thumbnail() {
        assert_eq!(targets(4000, &[480, 960, 1600]), [480, 960, 1600]);
        assert_eq!(targets(1000, &[480, 960, 1600]), [480, 960, 1000]);
        assert_eq!(targets(960, &[480, 960, 1600]), [480, 960]);
        assert_eq!(targets(300, &[480, 960, 1600]), [300]);
        assert_eq!(targets(3000, &[1200, 2400]), [480, 1200, 2400]);
    }
}
