//! `casebook stats [--json]`: the figures of data/stats.json.

use std::path::Path;

use crate::Error;
use crate::config::Vocab;
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

/// A readable table of the same figures as `--json`, in the site's
/// language, like the vocabulary labels in it.
pub fn stats_table(site: &Site) -> String {
    let s = &site.stats;
    let v = &site.config.vocab;
    let lang = site.config.language;
    let l = |key: &'static str| crate::i18n::Msg::new(key).render(lang);
    let by_level = l("cmd-stats-by-level");
    let by_kind = l("cmd-stats-by-kind");
    let mut o = String::new();
    o.push_str(&format!("{}\n\n", site.config.title));
    row(&mut o, 0, &l("cmd-stats-cases"), s.cases);
    row(&mut o, 0, &l("cmd-stats-summaries"), s.summaries);
    row(&mut o, 0, &l("cmd-stats-brands"), s.brands);
    row(&mut o, 0, &l("cmd-stats-compilations"), s.compilations);
    o.push('\n');
    row(&mut o, 0, &l("cmd-stats-approvals"), s.approvals.total);
    per_vocab(&mut o, &v.levels, &s.approvals.by_level);
    row(
        &mut o,
        0,
        &l("cmd-stats-cases-with-approvals"),
        s.cases_with_approvals.total,
    );
    per_vocab(&mut o, &v.levels, &s.cases_with_approvals.by_level);
    o.push('\n');
    row(&mut o, 0, &l("cmd-stats-honours"), s.honours.total);
    o.push_str(&format!("  {by_level}\n"));
    per_vocab(&mut o, &v.levels, &s.honours.by_level);
    o.push_str(&format!("  {by_kind}\n"));
    per_vocab(&mut o, &v.honour_kinds, &s.honours.by_kind);
    row(
        &mut o,
        0,
        &l("cmd-stats-cases-with-honours"),
        s.cases_with_honours.total,
    );
    o.push_str(&format!("  {by_level}\n"));
    per_vocab(&mut o, &v.levels, &s.cases_with_honours.by_level);
    o.push_str(&format!("  {by_kind}\n"));
    per_vocab(&mut o, &v.honour_kinds, &s.cases_with_honours.by_kind);
    o.push('\n');
    row(&mut o, 0, &l("cmd-stats-pilots"), s.pilots.total);
    per_vocab(&mut o, &v.pilot_status, &s.pilots.by_status);
    o.push_str(&format!("  {}\n", l("cmd-stats-accepted-by-level")));
    per_vocab(&mut o, &v.levels, &s.pilots.accepted_by_level);
    o.push('\n');
    o.push_str(&format!("{}\n", l("cmd-stats-by-year")));
    for (y, c) in &s.by_year {
        o.push_str(&format!(
            "    {y}{:>10}{:>8}{:>8}\n",
            c.cases, c.approvals, c.honours
        ));
    }
    o.push_str(&format!("\n{}\n", l("cmd-stats-by-region")));
    for (r, n) in &s.by_region {
        row(&mut o, 4, r, *n);
    }
    o.push_str(&format!("\n{}\n", l("cmd-stats-by-field")));
    for (f, n) in &s.by_field {
        row(&mut o, 4, f, *n);
    }
    o.push_str(&format!("\n{}\n", l("cmd-stats-by-reform-kind")));
    per_vocab(&mut o, &v.reform_kinds, &s.by_kind);
    o
}
