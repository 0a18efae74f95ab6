//! `casebook stats [--json]`: the figures of data/stats.json.

use std::path::Path;

use crate::Error;
use crate::config::{Language, Vocab};
use crate::diag::Diagnostics;
use crate::model::Site;

pub fn stats(root: &Path, json: bool) -> Result<(String, Diagnostics), Error> {
    let (site, warnings) = crate::load_site(root, false)?;
    let out = if json {
        crate::html::data::stats_json(&site)
    } else {
        stats_table(&site)
    };
    Ok((out, warnings))
}

/// Terminal width of a string: CJK characters take two columns.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| if crate::text::is_cjk(c) { 2 } else { 1 })
        .sum()
}

fn row(out: &mut String, indent: usize, label: &str, value: u64) {
    let pad = 28usize.saturating_sub(indent + width(label));
    out.push_str(&format!(
        "{}{label}{}{value:>6}\n",
        " ".repeat(indent),
        " ".repeat(pad)
    ));
}

fn per_vocab(out: &mut String, v: &Vocab, counts: &indexmap::IndexMap<String, u64>) {
    for (id, label) in &v.entries {
        row(out, 4, label, counts.get(id).copied().unwrap_or(0));
    }
}

/// A readable table of the same figures as `--json`.
pub fn stats_table(site: &Site) -> String {
    let s = &site.stats;
    let v = &site.config.vocab;
    let zh = site.config.language == Language::ZhCn;
    let l = |zh_s: &'static str, en: &'static str| if zh { zh_s } else { en };
    let by_level = l("按层级", "by level");
    let by_kind = l("按类型", "by kind");
    let mut o = String::new();
    o.push_str(&format!("{}\n\n", site.config.title));
    row(&mut o, 0, l("典型案例", "Cases"), s.cases);
    row(
        &mut o,
        0,
        l("工作成效", "Achievement summaries"),
        s.summaries,
    );
    row(&mut o, 0, l("品牌", "Brands"), s.brands);
    row(&mut o, 0, l("案例汇编", "Compilations"), s.compilations);
    o.push('\n');
    row(&mut o, 0, l("批示", "Approvals"), s.approvals.total);
    per_vocab(&mut o, &v.levels, &s.approvals.by_level);
    row(
        &mut o,
        0,
        l("获批示的案例", "Cases with approvals"),
        s.cases_with_approvals.total,
    );
    per_vocab(&mut o, &v.levels, &s.cases_with_approvals.by_level);
    o.push('\n');
    row(&mut o, 0, l("表彰推广", "Honours"), s.honours.total);
    o.push_str(&format!("  {by_level}\n"));
    per_vocab(&mut o, &v.levels, &s.honours.by_level);
    o.push_str(&format!("  {by_kind}\n"));
    per_vocab(&mut o, &v.honour_kinds, &s.honours.by_kind);
    row(
        &mut o,
        0,
        l("获表彰推广的案例", "Cases with honours"),
        s.cases_with_honours.total,
    );
    o.push_str(&format!("  {by_level}\n"));
    per_vocab(&mut o, &v.levels, &s.cases_with_honours.by_level);
    o.push_str(&format!("  {by_kind}\n"));
    per_vocab(&mut o, &v.honour_kinds, &s.cases_with_honours.by_kind);
    o.push('\n');
    row(&mut o, 0, l("改革试点", "Pilots"), s.pilots.total);
    per_vocab(&mut o, &v.pilot_status, &s.pilots.by_status);
    o.push_str(&format!(
        "  {}\n",
        l("通过验收，按层级", "accepted, by level")
    ));
    per_vocab(&mut o, &v.levels, &s.pilots.accepted_by_level);
    o.push('\n');
    o.push_str(&format!(
        "{}\n",
        l(
            "按年度（案例 / 批示 / 表彰）",
            "By year (cases / approvals / honours)"
        )
    ));
    for (y, c) in &s.by_year {
        o.push_str(&format!(
            "    {y}{:>10}{:>8}{:>8}\n",
            c.cases, c.approvals, c.honours
        ));
    }
    o.push_str(&format!("\n{}\n", l("按县市区", "By region")));
    for (r, n) in &s.by_region {
        row(&mut o, 4, r, *n);
    }
    o.push_str(&format!("\n{}\n", l("按改革领域", "By field")));
    for (f, n) in &s.by_field {
        row(&mut o, 4, f, *n);
    }
    o.push_str(&format!("\n{}\n", l("按改革类型", "By reform kind")));
    per_vocab(&mut o, &v.reform_kinds, &s.by_kind);
    o
}
