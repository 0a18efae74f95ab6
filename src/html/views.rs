//! Glue only the HTML templates need: the vocabularies as template
//! values and where brand logos are published. What a page shows of a case
//! comes from the presentation (`crate::present`).

use crate::config::Config;
use crate::load::Section;
use crate::model::Site;
use crate::urls::doc_path;

/// Vocabularies for templates: ordered lists and id → label maps.
pub(crate) fn vocab_json(config: &Config) -> serde_json::Value {
    let v = &config.vocab;
    let one = |voc: &crate::config::Vocab| {
        serde_json::Value::Array(
            voc.entries
                .iter()
                .map(|(id, label)| serde_json::json!({ "id": id, "label": label }))
                .collect(),
        )
    };
    serde_json::json!({
        "levels": one(&v.levels),
        "honour_kinds": one(&v.honour_kinds),
        "reform_kinds": one(&v.reform_kinds),
        "pilot_status": one(&v.pilot_status),
    })
}

/// Where a brand's logo is published (site path) and, when it is not a
/// static file, the source to copy there (beside the brand's page).
pub(crate) fn brand_logo(site: &Site, b: usize) -> Option<(String, Option<std::path::PathBuf>)> {
    let d = &site.brands[b].doc;
    let logo = d.logo.as_ref()?;
    // Named by the path as written, copied from where it resolves (checked
    // to be inside the site when the brand was validated, and again here).
    let found = crate::validate::resolve_asset(&site.root, &d.meta, logo).ok()?;
    let static_dir = site.root.join("static");
    if let Ok(rel) = found.path.strip_prefix(&static_dir) {
        return Some((
            crate::load::rel_path(&static_dir, &static_dir.join(rel)),
            None,
        ));
    }
    let name = match &d.meta.bundle_dir {
        Some(dir) if found.path.starts_with(dir) => crate::load::rel_path(dir, &found.path),
        _ => found.path.file_name()?.to_string_lossy().into_owned(),
    };
    Some((
        format!(
            "{}{}",
            doc_path(Section::Brands, &d.meta.slug),
            name.replace(' ', "-")
        ),
        Some(found.real),
    ))
}
