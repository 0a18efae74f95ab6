//! The fonts a volume is set in: found on the system (and in the site's
//! `[pdf] font_dirs`), chosen per role from the families the site or the
//! layout lists, and checked against every character before typesetting,
//! because Typst draws a character no font has as an empty box, silently.

use std::collections::BTreeSet;
use std::path::Path;

use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst_kit::fonts::FontStore;

use crate::config::{FontRole, PdfConfig};

pub(crate) struct Fonts {
    store: FontStore,
}

/// The families chosen for each role, and what was substituted.
pub(crate) struct Chosen {
    /// Per role (in [`FontRole::ALL`] order): the installed families of
    /// its list, best first, then the body's as a fallback.
    pub families: [Vec<String>; 5],
    /// (role, wanted family, family used) where the first choice is missing.
    pub substitutes: Vec<(FontRole, String, String)>,
}

impl Fonts {
    /// Scans the system (unless `[pdf] system_fonts = false`) and the
    /// site's font folders (inside the site only).
    pub(crate) fn load(root: &Path, cfg: &PdfConfig) -> Fonts {
        let mut store = FontStore::new();
        let base = crate::confine::canonical_base(root);
        for dir in &cfg.font_dirs {
            let path = root.join(dir);
            // A folder that leads outside the site is not read.
            if let Ok(real) = path.canonicalize()
                && real.starts_with(&base)
            {
                store.extend(typst_kit::fonts::scan(&real));
            }
        }
        if cfg.system_fonts {
            store.extend(typst_kit::fonts::system());
        }
        Fonts { store }
    }

    pub(crate) fn book(&self) -> &LazyHash<FontBook> {
        self.store.book()
    }

    pub(crate) fn font(&self, index: usize) -> Option<Font> {
        self.store.font(index)
    }

    fn has_family(&self, family: &str) -> bool {
        self.book().contains_family(&family.to_lowercase())
    }

    /// Whether any font can draw `c`.
    pub(crate) fn covers(&self, c: char) -> bool {
        let book = self.book();
        (0..)
            .map_while(|i| book.info(i))
            .any(|info| info.coverage.contains(c as u32))
    }

    /// Whether Chinese can be set at all.
    pub(crate) fn has_cjk(&self) -> bool {
        "中文汇编".chars().all(|c| self.covers(c))
    }

    /// The families for every role of `cfg`'s layout.
    pub(crate) fn choose(&self, cfg: &PdfConfig) -> Chosen {
        let mut families: [Vec<String>; 5] = Default::default();
        let mut substitutes = Vec::new();
        for role in FontRole::ALL {
            let wanted = cfg.families(role);
            let have: Vec<String> = wanted
                .iter()
                .filter(|f| self.has_family(f))
                .cloned()
                .collect();
            if let (Some(first), Some(used)) = (wanted.first(), have.first())
                && first != used
            {
                substitutes.push((role, first.clone(), used.clone()));
            }
            families[role as usize] = have;
        }
        // A role none of whose families is installed borrows the body's,
        // else any family that sets Chinese.
        let any_cjk = self.any_cjk_family();
        let body = families[FontRole::Body as usize].clone();
        for role in FontRole::ALL {
            let list = &mut families[role as usize];
            if list.is_empty() {
                let used = body.first().cloned().or_else(|| any_cjk.clone());
                if let (Some(first), Some(used)) = (cfg.families(role).first(), used) {
                    substitutes.push((role, first.clone(), used));
                }
            }
            for f in body.iter().chain(any_cjk.iter()) {
                if !list.contains(f) {
                    list.push(f.clone());
                }
            }
        }
        substitutes.sort_by_key(|s| s.0 as usize);
        Chosen {
            families,
            substitutes,
        }
    }

    /// The first family, by name, that sets Chinese text.
    fn any_cjk_family(&self) -> Option<String> {
        let book = self.book();
        let mut names: BTreeSet<&str> = BTreeSet::new();
        for info in (0..).map_while(|i| book.info(i)) {
            if "中文".chars().all(|c| info.coverage.contains(c as u32)) {
                names.insert(info.family.as_str());
            }
        }
        names.first().map(|s| s.to_string())
    }
}
