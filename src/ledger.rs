//! The ledger (台账) renderer: one row per published case, as CSV that
//! Excel opens correctly (UTF-8 with BOM, RFC 4180 quoting). `casebook
//! export` runs it. The smallest output on the seam, and the worked
//! example in docs/architecture.md.

use crate::Error;
use crate::config::Language;
use crate::diag::Diagnostics;
use crate::doc::fmt_date;
use crate::model::Site;
use crate::output::{Renderer, Sink};
use crate::present::Presentation;

/// Writes the ledger as one CSV file into the sink.
pub(crate) struct Ledger {
    /// The file's name in the sink.
    file: String,
}

impl Ledger {
    pub(crate) fn new(file: &str) -> Ledger {
        Ledger {
            file: file.to_string(),
        }
    }
}

impl Renderer for Ledger {
    fn name(&self) -> &'static str {
        "ledger"
    }

    fn render(&mut self, site: &Site, sink: &dyn Sink) -> Result<Diagnostics, Error> {
        let csv = ledger_csv(site).map_err(Error::io("io-cannot-write", &self.file))?;
        sink.put(&self.file, &csv)
            .map_err(Error::io("io-cannot-write", &self.file))?;
        Ok(Diagnostics::new())
    }
}

/// The CSV text of the ledger, BOM included.
fn ledger_csv(site: &Site) -> std::io::Result<Vec<u8>> {
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
        w.write_record(header)?;
        for (i, c) in site.cases.iter().enumerate() {
            let d = &c.doc;
            let card = &present.card(i);
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
            ])?;
        }
        w.flush()?;
    }
    Ok(out)
}
