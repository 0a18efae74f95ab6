//! `casebook export`: the ledger (台账) as CSV, to a file or standard output.

use std::path::Path;

use crate::Error;
use crate::diag::Diagnostics;
use crate::ledger::Ledger;
use crate::output::{DirSink, MemorySink, Renderer, Sink, render_all};

/// Writes the ledger to `output` (replaced whole, never half-written), or
/// returns it for standard output; with the number of cases.
pub fn export(
    root: &Path,
    output: Option<&Path>,
) -> Result<(Option<Vec<u8>>, usize, Diagnostics), Error> {
    let (site, mut warnings) = crate::load_site(root, false)?;
    let cases = site.cases.len();
    let Some(path) = output else {
        let memory = MemorySink::default();
        let w = render_all(&site, &mut [&mut Ledger::new("ledger.csv")], &memory)?;
        warnings.extend(w.into_vec());
        let csv = memory
            .into_files()
            .into_iter()
            .map(|(_, b)| b.to_vec())
            .next();
        return Ok((csv, cases, warnings));
    };
    let (dir, name) = super::split_output(path)?;
    let sink = DirSink::atomic(dir);
    let mut ledger = Ledger::new(&name);
    let w = render_all(
        &site,
        &mut [&mut ledger as &mut dyn Renderer],
        &sink as &dyn Sink,
    )
    .map_err(|e| match e {
        Error::Io { doing, source, .. } => Error::Io {
            doing,
            path: path.to_path_buf(),
            source,
        },
        other => other,
    })?;
    warnings.extend(w.into_vec());
    Ok((None, cases, warnings))
}
