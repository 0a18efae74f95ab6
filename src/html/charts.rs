//! Geometry for the stats page's inline SVG charts. No chart library runs
//! in the browser: we compute bars here and the template draws them, with
//! the same numbers in a table beside each chart.

use serde::Serialize;

use crate::model::Site;
use crate::present::Presentation;

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Segment {
    pub x: f64,
    pub w: f64,
    pub value: u64,
    /// Series index (a level's rank for stacked charts), for colour classes.
    pub series: usize,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Bar {
    pub label: String,
    pub value: u64,
    pub y: f64,
    /// Total bar width and the x where its value label goes.
    pub w: f64,
    pub value_x: f64,
    pub segments: Vec<Segment>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Series {
    pub label: String,
    pub index: usize,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Chart {
    pub id: String,
    pub title: String,
    pub desc: String,
    pub width: f64,
    pub height: f64,
    pub label_width: f64,
    pub bar_height: f64,
    pub bars: Vec<Bar>,
    /// For stacked charts: the legend, in series order.
    pub series: Vec<Series>,
    /// Column headers of the data table (first is the row label).
    pub columns: Vec<String>,
    /// Table rows: label then one number per column.
    pub rows: Vec<(String, Vec<u64>)>,
}

const WIDTH: f64 = 640.0;
const LABEL_W: f64 = 132.0;
const BAR_H: f64 = 22.0;
const GAP: f64 = 10.0;
const VALUE_ROOM: f64 = 48.0;

fn layout(
    id: &str,
    title: String,
    desc: String,
    rows: Vec<(String, Vec<u64>)>,
    series: Vec<Series>,
    columns: Vec<String>,
) -> Chart {
    let max = rows
        .iter()
        .map(|(_, v)| v.iter().sum::<u64>())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let scale = (WIDTH - LABEL_W - VALUE_ROOM) / max;
    let bars = rows
        .iter()
        .enumerate()
        .map(|(i, (label, values))| {
            let mut x = LABEL_W;
            let segments = values
                .iter()
                .enumerate()
                .filter(|(_, v)| **v > 0)
                .map(|(s, v)| {
                    let w = (*v as f64 * scale).max(1.0);
                    let seg = Segment {
                        x: round(x),
                        w: round(w),
                        value: *v,
                        series: s,
                    };
                    x += w;
                    seg
                })
                .collect();
            let total: u64 = values.iter().sum();
            Bar {
                label: label.clone(),
                value: total,
                y: round(i as f64 * (BAR_H + GAP) + GAP),
                w: round(x - LABEL_W),
                value_x: round(x + 6.0),
                segments,
            }
        })
        .collect::<Vec<_>>();
    Chart {
        id: id.to_string(),
        title,
        desc,
        width: WIDTH,
        height: round(rows.len() as f64 * (BAR_H + GAP) + GAP),
        label_width: LABEL_W,
        bar_height: BAR_H,
        bars,
        series,
        columns,
        rows,
    }
}

fn round(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

pub(crate) fn charts(
    site: &Site,
    present: &Presentation,
    t: &dyn Fn(&str) -> String,
) -> Vec<Chart> {
    let s = &site.stats;
    let count = t("count");
    let describe = |what: &str, rows: &[(String, Vec<u64>)]| {
        let parts: Vec<String> = rows
            .iter()
            .map(|(l, v)| format!("{l} {}", v.iter().sum::<u64>()))
            .collect();
        format!("{what}: {}", parts.join(", "))
    };
    let mut out = Vec::new();

    let rows: Vec<(String, Vec<u64>)> = s
        .by_year
        .iter()
        .map(|(y, c)| (y.clone(), vec![c.cases]))
        .collect();
    let title = t("chart_cases_by_year");
    out.push(layout(
        "cases-by-year",
        title.clone(),
        describe(&title, &rows),
        rows,
        vec![],
        vec![t("year"), count.clone()],
    ));

    let rows: Vec<(String, Vec<u64>)> = s
        .by_region
        .iter()
        .map(|(r, n)| (r.clone(), vec![*n]))
        .collect();
    let title = t("chart_cases_by_region");
    out.push(layout(
        "cases-by-region",
        title.clone(),
        describe(&title, &rows),
        rows,
        vec![],
        vec![t("region"), count.clone()],
    ));

    let rows: Vec<(String, Vec<u64>)> = s
        .by_field
        .iter()
        .map(|(f, n)| (f.clone(), vec![*n]))
        .collect();
    let title = t("chart_cases_by_field");
    out.push(layout(
        "cases-by-field",
        title.clone(),
        describe(&title, &rows),
        rows,
        vec![],
        vec![t("field"), count.clone()],
    ));

    // Recognition (approvals + honours + accepted pilots) per level per year.
    let levels = present.levels();
    let mut years: std::collections::BTreeMap<i16, Vec<u64>> = Default::default();
    for e in &site.events {
        let row = years
            .entry(e.date.year())
            .or_insert_with(|| vec![0; levels.len()]);
        if let Some(slot) = row.get_mut(e.rank) {
            *slot += 1;
        }
    }
    let rows: Vec<(String, Vec<u64>)> =
        years.into_iter().map(|(y, v)| (y.to_string(), v)).collect();
    let series: Vec<Series> = levels
        .iter()
        .map(|l| Series {
            label: l.label.clone(),
            index: l.rank,
        })
        .collect();
    let mut columns = vec![t("year")];
    columns.extend(levels.iter().map(|l| l.label.clone()));
    let title = t("chart_recognition_by_year");
    let desc = {
        let parts: Vec<String> = rows
            .iter()
            .map(|(y, v)| {
                let inner: Vec<String> = v
                    .iter()
                    .zip(levels)
                    .filter(|(n, _)| **n > 0)
                    .map(|(n, l)| format!("{} {n}", l.label))
                    .collect();
                format!("{y}: {}", inner.join(", "))
            })
            .collect();
        format!("{title}: {}", parts.join("; "))
    };
    out.push(layout(
        "recognition-by-year",
        title,
        desc,
        rows,
        series,
        columns,
    ));
    out
}
