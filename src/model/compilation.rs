//! Compilation membership, chapters, order and numbering (content model,
//! "Compilation"): members are the cases that list the compilation plus those
//! a chapter names; a member goes to the first chapter naming it, else the
//! first whose fields meet its fields, else a last "其他" chapter.

use std::collections::HashMap;

use crate::config::Language;
use crate::doc::Compilation;
use crate::model::{CaseEntry, CompilationEntry};

#[derive(Debug, Clone, serde::Serialize)]
pub struct Member {
    /// 1…n through the whole compilation.
    pub number: usize,
    pub case: usize,
}

#[derive(Debug, Clone)]
pub struct Chapter {
    pub title: String,
    pub members: Vec<Member>,
}

pub(crate) fn layout(
    ci: usize,
    doc: Compilation,
    cases: &mut [CaseEntry],
    by_slug: &HashMap<String, usize>,
    lang: Language,
) -> CompilationEntry {
    // Members, in site order (newest first); a member named by a chapter
    // but not listing the compilation joins it here.
    let mut members: Vec<usize> = (0..cases.len())
        .filter(|&i| cases[i].compilations.contains(&ci))
        .collect();
    for ch in &doc.chapters {
        for slug in &ch.cases {
            if let Some(&i) = by_slug.get(slug.as_str())
                && !members.contains(&i)
            {
                members.push(i);
                cases[i].compilations.push(ci);
            }
        }
    }
    // weight (missing after every given one), then date, then title.
    let natural = |a: &usize, b: &usize| {
        let (x, y) = (&cases[*a].doc, &cases[*b].doc);
        (x.weight.is_none(), x.weight, x.date, &x.title, &x.meta.slug).cmp(&(
            y.weight.is_none(),
            y.weight,
            y.date,
            &y.title,
            &y.meta.slug,
        ))
    };
    members.sort_by(natural);

    let mut defs: Vec<(String, Vec<String>, Vec<usize>)> = if doc.chapters.is_empty() {
        // Chapters are the members' first fields, in order of appearance.
        let mut titles: Vec<String> = Vec::new();
        for &m in &members {
            if let Some(f) = cases[m].doc.fields.first()
                && !titles.contains(f)
            {
                titles.push(f.clone());
            }
        }
        titles
            .into_iter()
            .map(|t| (t.clone(), vec![t], Vec::new()))
            .collect()
    } else {
        doc.chapters
            .iter()
            .map(|ch| {
                let named = ch
                    .cases
                    .iter()
                    .filter_map(|s| by_slug.get(s.as_str()).copied())
                    .collect();
                (ch.title.clone(), ch.fields.clone(), named)
            })
            .collect()
    };
    let auto = doc.chapters.is_empty();
    let mut assigned: Vec<Vec<usize>> = vec![Vec::new(); defs.len()];
    let mut other: Vec<usize> = Vec::new();
    for &m in &members {
        let fields = &cases[m].doc.fields;
        let by_name = defs.iter().position(|(_, _, named)| named.contains(&m));
        let by_field = || {
            defs.iter().position(|(_, fs, _)| {
                if auto {
                    fields.first() == fs.first()
                } else {
                    fs.iter().any(|f| fields.contains(f))
                }
            })
        };
        match by_name.or_else(by_field) {
            Some(c) => assigned[c].push(m),
            None => other.push(m),
        }
    }
    let mut chapters: Vec<Chapter> = Vec::new();
    let mut number = 0;
    let mut push = |title: String, list: Vec<usize>, chapters: &mut Vec<Chapter>| {
        if list.is_empty() {
            return;
        }
        let members = list
            .into_iter()
            .map(|case| {
                number += 1;
                Member { number, case }
            })
            .collect();
        chapters.push(Chapter { title, members });
    };
    for (k, (title, _, named)) in defs.iter_mut().enumerate() {
        let mut list = std::mem::take(&mut assigned[k]);
        // Named cases first, in the order the chapter names them; then the rest.
        let pos = |m: &usize| named.iter().position(|n| n == m);
        list.sort_by(|a, b| match (pos(a), pos(b)) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => natural(a, b),
        });
        push(std::mem::take(title), list, &mut chapters);
    }
    push(lang.other_chapter().to_string(), other, &mut chapters);
    CompilationEntry {
        doc,
        chapters,
        order: Vec::new(),
    }
}
