//! `casebook export`: the ledger (台账), one row per published case, as CSV
//! that Excel opens correctly (UTF-8 with BOM, RFC 4180 quoting).

use std::path::Path;

use crate::Error;
use crate::config::Language;
use crate::diag::Diagnostics;
use crate::doc::fmt_date;
use crate::model::Site;
use crate::present::Presentation;

/// The CSV text of the ledger, BOM included.
pub fn ledger_csv(site: &Site) -> Result<Vec<u8>, Error> {
    // The ledger shows records and their vocabulary labels, none of the
    // theme's words (badges, event kinds): keys stand in for them.
    let present = Presentation::new(site, &|k: &str| k.to_string());
    let zh = site.config.language == Language::ZhCn;
    let header: &[&str] = if zh {
        &[
            "标识",
            "标题",
            "日期",
            "报送单位",
            "县市区",
            "改革领域",
            "改革类型",
            "批示数",
            "最高批示层级",
            "表彰推广数",
            "最高表彰层级",
            "试点状态",
            "所属汇编",
        ]
    } else {
        &[
            "slug",
            "title",
            "date",
            "unit",
            "region",
            "fields",
            "kind",
            "approvals",
            "highest approval level",
            "honours",
            "highest honour level",
            "pilot status",
            "compilations",
        ]
    };
    let sep = if zh { "、" } else { "; " };
    let mut out: Vec<u8> = vec![0xEF, 0xBB, 0xBF];
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        let err = |e: csv::Error| Error::Usage(format!("cannot write CSV: {e}"));
        w.write_record(header).map_err(err)?;
        for (i, c) in site.cases.iter().enumerate() {
            let d = &c.doc;
            let card = &present.case(i).card;
            let label = |l: Option<&str>| l.unwrap_or_default().to_string();
            let pilot = card
                .pilot
                .as_ref()
                .map(|p| format!("{}{}", p.level_label, p.status_label))
                .unwrap_or_default();
            let comps: Vec<&str> = card.compilations.iter().map(|l| l.title.as_str()).collect();
            w.write_record([
                d.meta.slug.clone(),
                d.title.clone(),
                fmt_date(d.date),
                d.unit.clone().unwrap_or_default(),
                d.region.clone().unwrap_or_default(),
                d.fields.join(sep),
                label(card.kind.as_ref().map(|k| k.label)),
                card.approvals.len().to_string(),
                label(card.top_approval().map(|a| a.level_label)),
                card.honours.len().to_string(),
                label(card.top_honour().map(|h| h.level_label)),
                pilot,
                comps.join(sep),
            ])
            .map_err(err)?;
        }
        w.flush()
            .map_err(|e| Error::Usage(format!("cannot write CSV: {e}")))?;
    }
    Ok(out)
}

/// Writes the ledger to `output`, or returns it for standard output.
pub fn export(
    root: &Path,
    output: Option<&Path>,
) -> Result<(Option<Vec<u8>>, usize, Diagnostics), Error> {
    let (site, warnings) = crate::load_site(root, false)?;
    let csv = ledger_csv(&site)?;
    match output {
        Some(p) => {
            std::fs::write(p, &csv).map_err(Error::io("cannot write", &p))?;
            Ok((None, site.cases.len(), warnings))
        }
        None => Ok((Some(csv), site.cases.len(), warnings)),
    }
}
