//! Arbitrary bytes through the loader's text stages, exactly as `read_doc`
//! runs them: decode (UTF-8 / BOM / GBK / binary detection) → split front
//! matter from body → parse TOML or YAML front matter; then the body helpers
//! that build summaries and the search index. Nothing here may panic, hang
//! or overflow the stack, whatever the input.
#![no_main]

use casebook::load::{decode, frontmatter};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = decode(data) else { return };

    // Offsets → positions, as diagnostics and the Markdown renderer use them.
    let index = frontmatter::LineIndex::new(&text);
    if let Some(&b) = data.last() {
        let off = (b as usize * 7919) % (text.len() + 2);
        let p = index.pos(off);
        assert!(p.line >= 1 && p.col >= 1);
        let _ = index.width(off / 2..off);
    }

    let Ok(split) = frontmatter::split(&text) else { return };
    // What `Split` promises: ranges inside the text, on char boundaries,
    // front matter before body, body to the end, 1-based lines.
    for &o in &[split.fm.start, split.fm.end, split.body.start, split.body.end] {
        assert!(o <= text.len(), "offset {o} past end {}", text.len());
        assert!(text.is_char_boundary(o), "offset {o} not on a char boundary");
    }
    assert!(split.fm.start <= split.fm.end);
    assert!(split.fm.end <= split.body.start);
    assert_eq!(split.body.end, text.len());
    assert!(split.fm_line >= 1 && split.body_line >= 1);

    let mut found = Vec::new();
    let front = frontmatter::parse(&text, &split, &mut found);
    for m in &found {
        assert!(m.pos.line >= 1 && m.pos.col >= 1);
    }
    if let Ok(table) = &front {
        for (k, v) in &table.entries {
            assert!(k.pos.line >= 1 && k.pos.col >= 1);
            assert!(v.pos.line >= 1 && v.pos.col >= 1);
            let _ = v.to_json();
        }
    }
    // The same text as a casebook.toml (same TOML path, file-level).
    let _ = frontmatter::parse_toml_file(&text[split.fm.clone()], &mut Vec::new());

    let body = &text[split.body.clone()];
    let _ = casebook::text::first_paragraph(body);
    let _ = casebook::markdown::plain_text(body);
});
