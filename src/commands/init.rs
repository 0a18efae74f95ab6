//! `casebook init [DIR]`: a new working site with one example of each
//! document type, refusing a non-empty folder unless forced.

use std::path::Path;

use crate::Error;

const FILES: &[(&str, &str)] = &[
    (
        "casebook.toml",
        r##"# 站点配置。字段与写法说明见本文件夹里的 docs/content.md（casebook init 一并写入，
# 与所用 casebook 版本一致）；照片与图册见 docs/photos.md，PDF 排版见 docs/pdf.md，Word 见 docs/word.md，
# 离线包见 docs/offline.md。
title = "改革典型案例"
description = "本地区全面深化改革典型案例、工作成效与改革品牌"
base_url = "https://example.gov.cn/"
language = "zh-CN"
paginate = 20

[markdown]
unsafe_html = false
highlight_theme = "InspiredGitHub"
"##,
    ),
    (
        "content/_index.md",
        r##"+++
title = "改革典型案例"
hero = "以改革破题，以案例立标"
brands = ["gaige-pinpai"]
+++

这里汇集本地区报送、推广的改革典型案例。编辑人员在 content/ 中用 Markdown 撰写案例，运行 casebook build 即可生成网站。
"##,
    ),
    (
        "content/cases/yichuang-tongban.md",
        r##"+++
title = "“一窗通办”让企业群众办事只进一扇门"
date = 2024-03-18
unit = "区行政审批服务局"
region = "示范区"
fields = ["政务服务"]
tags = ["一窗通办", "放管服"]
kind = "innovation"
brands = ["gaige-pinpai"]
compilations = ["2024-anli-huibian"]
featured = true

[[approvals]]
by = "市委主要领导"
level = "municipal"
date = 2024-05-06

[[honours]]
kind = "promotion"
level = "provincial"
issuer = "省委改革办"
date = 2024-07-01
title = "全省改革经验推广"
+++

改革前，企业办理开办、变更等事项需要在多个窗口之间往返。

## 主要做法

将分散在各部门的窗口整合为综合受理窗口，实行“前台综合受理、后台分类审批、统一窗口出件”。

## 取得成效

企业开办时间压缩至 1 个工作日以内，群众满意率明显提升。
"##,
    ),
    (
        "content/summaries/2024-shangbannian.md",
        r##"+++
title = "2024年上半年改革工作成效"
date = 2024-07-15
period = "2024年上半年"
brands = ["gaige-pinpai"]
highlights = ["“一窗通办”经验获全省推广"]

[[metrics]]
label = "承接上级改革任务"
value = 12
target = 20
unit = "项"
+++

上半年，全区聚焦重点领域和关键环节，扎实推进各项改革任务。
"##,
    ),
    (
        "content/brands/gaige-pinpai/index.md",
        r##"+++
title = "改革品牌"
slogan = "改出精气神，改出新高地"
color = "#8c1c13"
weight = 1

[[milestones]]
date = 2024-01-10
text = "品牌正式发布"
+++

本地区全面深化改革的统一品牌。
"##,
    ),
    (
        "content/compilations/2024-anli-huibian.md",
        r##"+++
title = "2024年度改革典型案例汇编"
year = 2024
editor = "区委改革办"

[[chapters]]
title = "优化营商环境"
fields = ["政务服务", "营商环境"]
+++

为总结推广改革经验，现将本年度典型案例汇编成册。
"##,
    ),
    (
        "content/pages/about.md",
        r##"---
title: 关于本站
slug: about
---

本站由区委改革办维护，用 casebook 生成。
"##,
    ),
];

/// The editors' guides, written into every new site so the pointers in its
/// comments lead to help on the editor's own machine, matching this
/// version of casebook. Links between them are relative and stay inside
/// `docs/` (a test checks).
const GUIDES: &[(&str, &[u8])] = &[
    ("docs/content.md", include_bytes!("../../docs/content.md")),
    ("docs/pdf.md", include_bytes!("../../docs/pdf.md")),
    ("docs/offline.md", include_bytes!("../../docs/offline.md")),
    ("docs/photos.md", include_bytes!("../../docs/photos.md")),
    ("docs/word.md", include_bytes!("../../docs/word.md")),
    (
        "docs/img/pdf-spreads.png",
        include_bytes!("../../docs/img/pdf-spreads.png"),
    ),
];

/// Creates the site in `dir` (made if missing). Returns the files written.
pub fn init(dir: &Path, force: bool) -> Result<Vec<String>, Error> {
    if dir.exists() {
        if !dir.is_dir() {
            return Err(Error::Usage(crate::msg!(
                "cmd-init-not-a-folder",
                path = dir
            )));
        }
        let non_empty = std::fs::read_dir(dir)
            .map_err(Error::io("io-cannot-read", &dir))?
            .next()
            .is_some();
        if non_empty && !force {
            return Err(Error::Usage(crate::msg!("cmd-init-not-empty", path = dir)));
        }
    }
    let mut written = Vec::new();
    let files = FILES.iter().map(|(rel, text)| (*rel, text.as_bytes()));
    for (rel, bytes) in files.chain(GUIDES.iter().copied()) {
        let p = dir.join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).map_err(Error::io("io-cannot-create", &parent))?;
        }
        std::fs::write(&p, bytes).map_err(Error::io("io-cannot-write", &p))?;
        written.push(rel.to_string());
    }
    Ok(written)
}
