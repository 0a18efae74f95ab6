//! The `[images]` table: the widths every raster image is published at,
//! the JPEG quality, and the largest image accepted.

use super::CONFIG_FILE;
use crate::diag::Pos;
use crate::load::node::Value;
use crate::load::reader::Reader;
use crate::msg;

/// How images are published.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ImagesConfig {
    /// Widths of the derivatives in pixels, ascending, without repeats.
    pub widths: Vec<u32>,
    /// JPEG quality of the derivatives, 1–100.
    pub quality: u8,
    /// Images with more pixels than this are refused before decoding.
    pub max_pixels: u64,
}

impl Default for ImagesConfig {
    fn default() -> Self {
        ImagesConfig {
            widths: vec![480, 960, 1600],
            quality: 82,
            // Admits a 48-megapixel phone photo (8000 × 6000) twice over,
            // refuses a decompression bomb that would take gigabytes.
            max_pixels: 100_000_000,
        }
    }
}

/// The widest derivative we make: wider than a 4K screen gains nothing.
const MAX_WIDTH: i64 = 8192;

/// Reads `[images]`; any mistake keeps that setting's default.
pub(super) fn read(r: &mut Reader) -> ImagesConfig {
    let mut c = ImagesConfig::default();
    let Some((t, pos)) = r.table("images", "[images]\nwidths = [480, 960, 1600]") else {
        return c;
    };
    let mut m = Reader::new(t, CONFIG_FILE, pos, r.diags).with_prefix("images.");
    if let Some(w) = read_widths(&mut m) {
        c.widths = w;
    }
    if let Some(q) = m.int("quality", "quality = 82") {
        if (1..=100).contains(&q.value) {
            c.quality = q.value as u8;
        } else {
            m.error(
                q.pos,
                msg!("cfg-images-quality-range", value = q.value),
                msg!("load-for-example", example = "quality = 82"),
            );
        }
    }
    if let Some(p) = m.int("max_pixels", "max_pixels = 100_000_000") {
        if p.value >= 1_000_000 {
            c.max_pixels = p.value as u64;
        } else {
            m.error(
                p.pos,
                msg!("cfg-images-max-pixels-range", value = p.value),
                msg!("load-for-example", example = "max_pixels = 100_000_000"),
            );
        }
    }
    m.finish(msg!("cfg-in-table", table = "[images]"));
    c
}

/// `widths`: a non-empty list of whole numbers 16…8192.
fn read_widths(m: &mut Reader) -> Option<Vec<u32>> {
    let node = m.raw("widths")?;
    let bad = |m: &mut Reader, pos: Pos, found: crate::i18n::Arg| {
        m.error(
            pos,
            msg!("cfg-images-widths", found = found, max = MAX_WIDTH),
            msg!("load-for-example", example = "widths = [480, 960, 1600]"),
        );
        None
    };
    let Value::Array(items) = &node.value else {
        return bad(m, node.pos, node.value.type_name().into());
    };
    let mut widths = Vec::new();
    for n in items {
        match n.value {
            Value::Int(w) if (16..=MAX_WIDTH).contains(&w) => widths.push(w as u32),
            Value::Int(w) => return bad(m, n.pos, w.into()),
            _ => return bad(m, n.pos, n.value.type_name().into()),
        }
    }
    if widths.is_empty() {
        return bad(m, node.pos, "[]".into());
    }
    widths.sort_unstable();
    widths.dedup();
    Some(widths)
}
