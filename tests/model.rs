//! The model: compilation membership, chapters, order and numbering; slugs;
//! taxonomies; drafts.

mod common;
use common::Fixture;

fn site(f: &Fixture, drafts: bool) -> casebook::model::Site {
    match casebook::load_site(f.path(), drafts) {
        Ok((site, _)) => site,
        Err(casebook::Error::Content(d)) => panic!("{:#?}", d.items()),
        Err(e) => panic!("{e:?}"),
    }
}

/// (chapter title, [(number, slug)]) of compilation `k`.
fn layout(s: &casebook::model::Site, k: usize) -> Vec<(String, Vec<(usize, String)>)> {
    s.compilations[k]
        .chapters
        .iter()
        .map(|ch| {
            (
                ch.title.clone(),
                ch.members
                    .iter()
                    .map(|m| (m.number, s.cases[m.case].doc.meta.slug.clone()))
                    .collect(),
            )
        })
        .collect()
}

fn ch(title: &str, items: &[(usize, &str)]) -> (String, Vec<(usize, String)>) {
    (
        title.to_string(),
        items.iter().map(|(n, s)| (*n, s.to_string())).collect(),
    )
}

#[test]
fn chapters_by_cases_fields_and_other() {
    let f = Fixture::new();
    let c = "compilations = [\"vol\"]\n";
    f.case(
        "e1",
        &format!("{c}fields = [\"营商环境\"]\nweight = 2\ndate = 2023-03-01"),
    );
    f.case(
        "e2",
        &format!("{c}fields = [\"营商环境\"]\nweight = 1\ndate = 2023-04-01"),
    );
    f.case(
        "e3",
        &format!("{c}fields = [\"政务服务\"]\ndate = 2023-01-01"),
    );
    f.case(
        "e4",
        &format!("{c}fields = [\"营商环境\"]\ndate = 2022-01-01"),
    );
    f.case(
        "s1",
        &format!("{c}fields = [\"社会治理\"]\ndate = 2023-02-01"),
    );
    // Named by a chapter only, not listing the compilation itself.
    f.case("named", "fields = [\"营商环境\"]\ndate = 2020-01-01");
    f.case("other", &format!("{c}fields = [\"生态文明\"]"));
    f.case("nofield", c);
    f.case("outsider", "fields = [\"营商环境\"]");
    f.write(
        "content/compilations/vol.md",
        "+++\ntitle = \"汇编\"\n[[chapters]]\ntitle = \"营商\"\nfields = [\"营商环境\", \"政务服务\"]\n\n[[chapters]]\ntitle = \"治理\"\nfields = [\"社会治理\"]\ncases = [\"named\", \"e4\"]\n+++\n前言\n",
    );
    let s = site(&f, false);
    assert_eq!(
        layout(&s, 0),
        vec![
            // weight first (1, 2), then missing weight by date.
            ch("营商", &[(1, "e2"), (2, "e1"), (3, "e3")]),
            // the chapter's cases list first, in its order; then field matches.
            ch("治理", &[(4, "named"), (5, "e4"), (6, "s1")]),
            ch("其他", &[(7, "nofield"), (8, "other")]),
        ]
    );
    // A case named only by a chapter is a member and knows it.
    let named = s.case_index("named").unwrap();
    assert_eq!(s.cases[named].compilations, [0]);
    assert!(
        s.cases[s.case_index("outsider").unwrap()]
            .compilations
            .is_empty()
    );
    assert_eq!(s.compilations[0].order.len(), 8);
}

#[test]
fn other_chapter_only_when_needed() {
    let f = Fixture::new();
    f.case("a", "compilations = [\"vol\"]\nfields = [\"营商环境\"]");
    f.write(
        "content/compilations/vol.md",
        "+++\ntitle = \"v\"\n[[chapters]]\ntitle = \"营商\"\nfields = [\"营商环境\"]\n+++\n",
    );
    let s = site(&f, false);
    assert_eq!(layout(&s, 0), vec![ch("营商", &[(1, "a")])]);
}

#[test]
fn missing_weights_sort_after_given_ones_then_date_then_title() {
    let f = Fixture::new();
    let c = "compilations = [\"vol\"]\nfields = [\"营商环境\"]\n";
    f.case("w5", &format!("{c}weight = 5\ndate = 2020-01-01"));
    f.case("w0", &format!("{c}weight = 0\ndate = 2024-01-01"));
    f.case("late", &format!("{c}date = 2024-06-01"));
    f.case("early", &format!("{c}date = 2021-06-01"));
    f.case("same-b", &format!("{c}date = 2022-06-01\ntitle = \"乙\""));
    f.case("same-a", &format!("{c}date = 2022-06-01\ntitle = \"甲\""));
    f.write(
        "content/compilations/vol.md",
        "+++\ntitle = \"v\"\n[[chapters]]\ntitle = \"营商\"\nfields = [\"营商环境\"]\n+++\n",
    );
    let s = site(&f, false);
    let order: Vec<String> = layout(&s, 0)[0].1.iter().map(|(_, s)| s.clone()).collect();
    // Same date: by title, in code point order (乙 U+4E59 before 甲 U+7532).
    assert_eq!(order, ["w0", "w5", "early", "same-b", "same-a", "late"]);
}

#[test]
fn without_chapters_first_fields_in_order_of_appearance() {
    let f = Fixture::new();
    let c = "compilations = [\"vol\"]\n";
    f.case(
        "a",
        &format!("{c}fields = [\"乙领域\", \"甲领域\"]\nweight = 1"),
    );
    f.case("b", &format!("{c}fields = [\"甲领域\"]\nweight = 2"));
    f.case("c", &format!("{c}fields = [\"乙领域\"]\nweight = 3"));
    f.case("d", c);
    f.write("content/compilations/vol.md", "+++\ntitle = \"v\"\n+++\n");
    let s = site(&f, false);
    assert_eq!(
        layout(&s, 0),
        vec![
            ch("乙领域", &[(1, "a"), (2, "c")]),
            ch("甲领域", &[(3, "b")]),
            ch("其他", &[(4, "d")])
        ]
    );
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let f = Fixture::new();
    f.case("pub", "compilations = [\"vol\"]\nfields = [\"营商环境\"]");
    f.case("dr", "draft = true\nfields = [\"营商环境\"]");
    f.write("content/compilations/vol.md", "+++\ntitle = \"v\"\n[[chapters]]\ntitle = \"营商\"\ncases = [\"dr\"]\nfields = [\"营商环境\"]\n+++\n");
    let s = site(&f, false);
    assert_eq!(s.cases.len(), 1);
    assert_eq!(layout(&s, 0), vec![ch("营商", &[(1, "pub")])]);
    assert_eq!(s.stats.cases, 1);
    let s = site(&f, true);
    assert_eq!(s.cases.len(), 2);
    assert_eq!(layout(&s, 0), vec![ch("营商", &[(1, "dr"), (2, "pub")])]);
}

#[test]
fn pinyin_slugs_for_documents_and_terms() {
    let f = Fixture::new();
    f.write("content/cases/一业一证.md", "+++\ntitle = \"一业一证\"\ndate = 2023-05-01\nregion = \"滨城区\"\nfields = [\"营商环境\"]\ntags = [\"放管服\", \"5G\"]\n+++\n");
    f.write(
        "content/cases/Case 01.md",
        "+++\ntitle = \"x\"\ndate = 2022-05-01\n+++\n",
    );
    f.write(
        "content/cases/explicit.md",
        "+++\ntitle = \"x\"\ndate = 2021-05-01\nslug = \"my-slug\"\n+++\n",
    );
    let s = site(&f, false);
    let slugs: Vec<&str> = s.cases.iter().map(|c| c.doc.meta.slug.as_str()).collect();
    assert_eq!(slugs, ["yi-ye-yi-zheng", "case-01", "my-slug"]);
    use casebook::model::TaxKind;
    assert_eq!(
        s.taxonomy(TaxKind::Regions).term("滨城区").unwrap().slug,
        "bin-cheng-qu"
    );
    assert_eq!(
        s.taxonomy(TaxKind::Fields).term("营商环境").unwrap().slug,
        "ying-shang-huan-jing"
    );
    assert_eq!(
        s.taxonomy(TaxKind::Tags).term("放管服").unwrap().slug,
        "fang-guan-fu"
    );
    assert_eq!(s.taxonomy(TaxKind::Tags).term("5G").unwrap().slug, "5g");
    let years: Vec<&str> = s
        .taxonomy(TaxKind::Years)
        .terms
        .iter()
        .map(|t| t.slug.as_str())
        .collect();
    assert_eq!(years, ["2023", "2022", "2021"]);
}

#[test]
fn recognition_events_ordered_by_level_then_date() {
    let f = Fixture::new();
    f.case(
        "a",
        "[[approvals]]\nby = \"市委主要领导\"\nlevel = \"municipal\"\ndate = 2023-06-01\n\n[[honours]]\nkind = \"commendation\"\nlevel = \"national\"\nissuer = \"国家发展改革委\"\ndate = 2023-07-01\n\n[pilot]\nlevel = \"provincial\"\nstatus = \"accepted\"\naccepted_on = 2023-09-01",
    );
    f.case("b", "[[honours]]\nkind = \"praise\"\nlevel = \"national\"\nissuer = \"x\"\ndate = 2023-08-01\n\n[pilot]\nlevel = \"national\"\nstatus = \"ongoing\"");
    let s = site(&f, false);
    let ev: Vec<(String, String)> = s
        .events
        .iter()
        .map(|e| (e.level.clone(), casebook::doc::fmt_date(e.date)))
        .collect();
    assert_eq!(
        ev,
        [
            ("national".to_string(), "2023-08-01".to_string()),
            ("national".to_string(), "2023-07-01".to_string()),
            ("provincial".to_string(), "2023-09-01".to_string()),
            ("municipal".to_string(), "2023-06-01".to_string()),
        ]
    );
    // Case "a" has a national honour: it ranks first by recognition.
    let a = s.case_index("a").unwrap();
    assert_eq!(s.cases[a].top_honour, Some(0));
    assert_eq!(s.cases[a].top_approval, Some(2));
}

#[test]
fn related_cases_share_fields_and_tags() {
    let f = Fixture::new();
    f.case("a", "fields = [\"营商环境\"]\ntags = [\"放管服\"]");
    f.case(
        "b",
        "fields = [\"营商环境\"]\ntags = [\"放管服\"]\ndate = 2022-01-01",
    );
    f.case("c", "fields = [\"营商环境\"]\ndate = 2021-01-01");
    f.case("d", "tags = [\"放管服\"]\ndate = 2020-01-01");
    f.case("e", "fields = [\"生态文明\"]");
    let s = site(&f, false);
    let a = s.case_index("a").unwrap();
    let rel: Vec<&str> = s.cases[a]
        .related
        .iter()
        .map(|&i| s.cases[i].doc.meta.slug.as_str())
        .collect();
    assert_eq!(rel, ["b", "c", "d"]);
}

#[test]
fn vocab_override_changes_labels_and_rank() {
    let f = Fixture::with_config(
        "title = \"x\"\n[vocab.levels]\nnational = \"国家级\"\nministerial = \"部委级\"\n",
    );
    f.case("a", "[[honours]]\nkind = \"commendation\"\nlevel = \"ministerial\"\nissuer = \"x\"\ndate = 2023-06-01");
    let s = site(&f, false);
    assert_eq!(s.config.vocab.levels.rank("ministerial"), Some(1));
    assert_eq!(
        s.stats.honours.by_level.keys().collect::<Vec<_>>(),
        [
            "national",
            "ministerial",
            "provincial",
            "municipal",
            "county"
        ]
    );
    assert_eq!(s.stats.honours.by_level["ministerial"], 1);
}
