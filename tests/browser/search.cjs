#!/usr/bin/env node
// End-to-end tests of search and the case list's live filters in headless
// Chromium, over HTTP and from file://.
//
// Builds a small fixture site (written below, in Chinese, so that each query
// has a known exact result set) twice with the casebook binary: normally
// (served by a tiny HTTP server on 127.0.0.1) and with --offline (opened as
// file://). The fixture gets a copy of this repository's themes/default, so
// the theme's current templates and scripts are tested even if the binary's
// embedded copy is older.
//
//   dev:  NODE_PATH=/tmp/tools/node_modules node tests/browser/search.cjs
//   CI:   cd tests/browser && npm ci && node search.cjs
//
// Env: CASEBOOK_BIN (default target/release/casebook, else target/debug),
//      CHROMIUM or CHROMIUM_BIN (default /usr/bin/chromium), KEEP=1 keeps the
//      temp folder. Arguments are ignored.
// Exit status: 0 when every check passes, 1 otherwise.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');
const { execFileSync } = require('child_process');
const { pathToFileURL } = require('url');
const { chromium } = require('playwright-core');

const REPO = path.resolve(__dirname, '..', '..');
const CHROMIUM = process.env.CHROMIUM || process.env.CHROMIUM_BIN || '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const WAIT = 10000;

function casebookBin() {
  if (process.env.CASEBOOK_BIN) return process.env.CASEBOOK_BIN;
  for (const p of ['target/release/casebook', 'target/debug/casebook']) {
    const abs = path.join(REPO, p);
    if (fs.existsSync(abs)) return abs;
  }
  throw new Error('no casebook binary: run `cargo build --release` or set CASEBOOK_BIN');
}

// ── Results ────────────────────────────────────────────────────────────────
const results = [];
function check(name, pass, detail) {
  results.push({ name, pass: !!pass, detail });
  const line = `${pass ? 'ok  ' : 'FAIL'}  ${name}`;
  console.log(pass || !detail ? line : `${line}\n        ${detail}`);
  return !!pass;
}
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const sorted = (a) => [...a].sort();
const show = (a) => `[${a.join(', ')}]`;

// ── The fixture site ───────────────────────────────────────────────────────
// Terms and where they occur (drafts never count):
//   破零            c/shuju-poling title (kind 破零 too), c/wenhao body, s/2023-zongshu body; drafts
//   窗通 (in 一窗通办) c/yichuang title+tags+body, c/mianshen body; draft c/caogao
//   〔2023〕12号      c/wenhao body (decoys: 〔2022〕12号 in c/ai-zhengwu, 〔2023〕121号 in c/nadi)
//   营商环境         field of yichuang, wenhao, mianshen, nadi
//   拿地即开工        c/nadi title, c/ai-zhengwu body, s/2023-zongshu body
//   容缺受理         c/yichuang body only (not in its summary paragraph)
//   沙盘推演机制      the draft case only
//   ＡＩ＋政务        c/ai-zhengwu body, written in full-width letters
//   清单管理         s/2023-zongshu body, and the draft summary
//   5000m2          c/mianshen body, written ５０００㎡ after a …… (text the
//                   build marks for normalising in the browser: ㎡ → m2)
const SITE = {
  'casebook.toml': `title = "搜索测试案例库"
description = "用于浏览器测试的小型案例库。"
base_url = "https://example.gov.cn/"
language = "zh-CN"
theme = "default"
paginate = 2
`,
  'content/_index.md': `+++
title = "搜索测试案例库"
+++

用于测试搜索与筛选的案例库。
`,
  'content/cases/yichuang.md': `+++
title = "“一窗通办”让企业办事只进一扇门"
slug = "yichuang"
date = 2023-06-01
unit = "高新区行政审批服务部"
region = "高新区"
fields = ["政务服务", "营商环境"]
tags = ["一窗通办", "综合窗口"]
kind = "innovation"

[[approvals]]
by = "省政府分管领导"
level = "provincial"
date = 2023-07-10
+++

## 改革背景

企业办事要在多个部门窗口之间来回跑，材料重复提交，办理时限长。

## 主要做法

设立综合受理窗口，推行“一窗通办”，前台统一收件、后台分类审批、窗口统一出件。

对次要材料缺失的申请实行容缺受理，申请人承诺后限期补齐，审批不停步。

## 取得成效

企业办事平均跑动次数降至0.3次。
`,
  'content/cases/shuju-poling.md': `+++
title = "公共数据授权运营实现破零"
slug = "shuju-poling"
date = 2023-02-10
unit = "高新区大数据中心"
region = "高新区"
fields = ["数字政府"]
tags = ["公共数据"]
kind = "breakthrough"

[[honours]]
kind = "publication"
level = "national"
issuer = "国家发展改革委"
date = 2023-05-01
outlet = "改革内参"
+++

## 改革背景

政务数据沉睡在各部门系统中，难以服务企业融资和城市治理。

## 主要做法

建立授权运营机制，数据可用不可见。
`,
  'content/cases/wenhao.md': `+++
title = "工程建设项目审批制度改革试点"
slug = "wenhao"
date = 2022-09-15
unit = "邹平市住房和城乡建设局"
region = "邹平市"
fields = ["营商环境"]
tags = ["工程审批"]
kind = "pilot"

[pilot]
level = "provincial"
status = "accepted"
name = "工程建设项目审批制度改革省级试点"
accepted_on = "2023-03-01"
+++

## 改革背景

工程建设项目审批环节多、时间长。

## 主要做法

依据《关于深化工程建设项目审批制度改革的实施意见》（邹政办发〔2023〕12号），全面梳理审批事项。

全市首个联合验收项目实现破零。
`,
  'content/cases/mianshen.md': `+++
title = "惠企政策免申即享"
slug = "mianshen"
date = 2022-05-20
unit = "阳信县行政审批服务局"
region = "阳信县"
fields = ["营商环境", "政务服务"]
tags = ["惠企政策"]
kind = "innovation"

[[approvals]]
by = "省委分管领导"
level = "provincial"
date = 2022-06-01

[[honours]]
kind = "praise"
level = "municipal"
issuer = "市政府"
date = 2022-07-01
+++

## 改革背景

企业反映政策看不懂、申报太麻烦。

## 主要做法

借鉴高新区“一窗通办”改革经验，统一政策兑现标准，符合条件的企业无需申请即可享受……同步建成标准厂房５０００㎡。
`,
  'content/cases/ai-zhengwu.md': `+++
title = "智能客服助力数字机关建设"
slug = "ai-zhengwu"
date = 2021-11-03
unit = "邹平市大数据中心"
region = "邹平市"
fields = ["数字政府"]
tags = ["智能客服"]
kind = "innovation"

[[approvals]]
by = "县委主要领导"
level = "county"
date = 2021-12-01
+++

## 改革背景

群众咨询电话多，人工坐席不足。

## 主要做法

推出“ＡＩ＋政务”智能客服，按照《数据共享管理办法》（邹政发〔2022〕12号）接入各部门知识库，并向项目单位介绍拿地即开工等改革举措。
`,
  'content/cases/nadi.md': `+++
title = "“拿地即开工”：项目审批从串联变并联"
slug = "nadi"
date = 2021-04-12
unit = "经济技术开发区管委会"
region = "经开区"
fields = ["营商环境"]
tags = ["项目审批"]
kind = "pilot"

[[approvals]]
by = "市委主要领导"
level = "municipal"
date = 2021-05-01

[[honours]]
kind = "commendation"
level = "national"
issuer = "国务院办公厅"
date = 2021-10-01
+++

## 改革背景

工业项目从取得土地到开工建设往往要四五个月。

## 主要做法

按照《工业项目审批提速方案》（经开发〔2023〕121号），推行模拟审批、联合审图。
`,
  'content/cases/caogao.md': `+++
title = "沙盘推演机制（草稿）"
slug = "caogao"
date = 2023-07-01
unit = "高新区行政审批服务部"
region = "高新区"
fields = ["政务服务"]
kind = "innovation"
draft = true
+++

尚未发布的沙盘推演机制，一窗通办流程再造，清单管理与破零事项。
`,
  'content/summaries/2023-zongshu.md': `+++
title = "2023年度全市改革工作综述"
slug = "2023-zongshu"
date = 2024-01-15
period = "2023年度"
tags = ["年度综述"]
+++

全年改革任务全部完成，一批改革事项实现破零，拿地即开工等经验走向全省。

推行改革任务清单管理，逐项明确责任单位和完成时限。
`,
  'content/summaries/2024-caogao.md': `+++
title = "2024年上半年改革工作综述（草稿）"
slug = "2024-caogao"
date = 2024-07-01
period = "2024年上半年"
draft = true
+++

清单管理草稿，尚未发布。
`,
};

// Exact result sets (and, where ranking is defined, order).
const QUERIES = [
  { what: 'two-character term', q: '破零',
    expect: ['cases/shuju-poling', 'summaries/2023-zongshu', 'cases/wenhao'], ordered: true },
  { what: 'term inside a longer word', q: '窗通', expect: ['cases/yichuang', 'cases/mianshen'], ordered: true },
  { what: 'number with full-width digits', q: '〔２０２３〕１２号', expect: ['cases/wenhao'],
    mark: '〔2023〕12号' },
  { what: 'two terms together', q: '营商环境 拿地即开工', expect: ['cases/nadi'] },
  { what: 'two terms, ideographic space', q: '拿地即开工\u3000营商环境', expect: ['cases/nadi'] },
  { what: 'term only in a body', q: '容缺受理', expect: ['cases/yichuang'], mark: '容缺受理' },
  { what: 'term only in a draft', q: '沙盘推演机制', expect: [] },
  { what: 'full-width letters in the text, case folding', q: 'ai+政务', expect: ['cases/ai-zhengwu'],
    mark: 'ＡＩ＋政务' },
  { what: 'summary document (draft summary left out)', q: '清单管理', expect: ['summaries/2023-zongshu'] },
  { what: 'compatibility characters normalised in the browser', q: '5000m2', expect: ['cases/mianshen'],
    mark: '５０００㎡' },
];

// Newest first; level filters count approvals and honours, not pilots.
const FILTERS = [
  { what: 'field', set: { field: '营商环境' },
    expect: ['cases/yichuang', 'cases/wenhao', 'cases/mianshen', 'cases/nadi'] },
  { what: 'region + level', set: { region: '高新区', level: '省级' }, expect: ['cases/yichuang'] },
  { what: 'region + level (a provincial pilot is no approval)', set: { region: '邹平市', level: '省级' },
    expect: [] },
  { what: 'kind', set: { kind: '承接试点' }, expect: ['cases/wenhao', 'cases/nadi'] },
  { what: 'year', set: { year: '2022' }, expect: ['cases/wenhao', 'cases/mianshen'] },
  { what: 'field + year + kind', set: { field: '营商环境', year: '2022', kind: '自主创新' },
    expect: ['cases/mianshen'] },
];

// Filler for the search page's "show more": 23 old cases holding 批量检索词
// (no region, field, kind or recognition, so the filters are unaffected).
const FILLER = 23;
for (let i = 1; i <= FILLER; i++) {
  const n = String(i).padStart(2, '0');
  SITE[`content/cases/filler/p${n}.md`] = `+++
title = "批量案例第${i}篇"
slug = "p${n}"
date = 2019-01-${n}
+++

批量检索词出现在第${i}篇的正文里。
`;
}

function writeSite(dir) {
  for (const [rel, text] of Object.entries(SITE)) {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
  }
  fs.cpSync(path.join(REPO, 'themes', 'default'), path.join(dir, 'themes', 'default'), { recursive: true });
}

// ── A tiny static server ───────────────────────────────────────────────────
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.json': 'application/json',
  '.xml': 'application/xml', '.png': 'image/png', '.jpg': 'image/jpeg' };
function serve(dir, prefix = '/') {
  return new Promise((resolve) => {
    const server = http.createServer((req, res) => {
      let rel;
      try { rel = decodeURIComponent(new URL(req.url, 'http://x').pathname); } catch (e) { rel = '/'; }
      if (!rel.startsWith(prefix)) { res.writeHead(404, { 'content-type': 'text/plain' }); res.end('not found'); return; }
      rel = '/' + rel.slice(prefix.length);
      let file = path.join(dir, path.normalize(rel));
      if (!file.startsWith(dir)) { res.writeHead(403); res.end(); return; }
      if (rel.endsWith('/')) file = path.join(file, 'index.html');
      fs.readFile(file, (err, body) => {
        if (err) { res.writeHead(404, { 'content-type': 'text/plain' }); res.end('not found'); return; }
        res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
        res.end(body);
      });
    });
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

// ── Browser helpers ────────────────────────────────────────────────────────
/** A page that records console errors, page errors and failed requests. */
async function openPage(browser, opts) {
  const context = await browser.newContext(Object.assign({ viewport: { width: 1280, height: 900 } }, opts));
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    const why = r.failure() && r.failure().errorText;
    // ERR_ABORTED: a load cut short because the test navigated on (favicon).
    if (why !== 'net::ERR_ABORTED') problems.push(`request failed: ${r.url()} (${why})`);
  });
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  return { page, problems, close: () => context.close() };
}

/** The id (cases/x or summaries/x) a link points to. */
function idOf(href) {
  const m = /\/((?:cases|summaries)\/[^/?#]+)\//.exec(href);
  return m ? m[1] : href;
}

async function waitState(page, sel) {
  await page.waitForFunction((s) => {
    const el = document.querySelector(s);
    return el && el.hasAttribute('data-state') && !el.hasAttribute('aria-busy');
  }, sel, { timeout: WAIT });
}

async function searchState(page) {
  return page.evaluate(() => {
    const box = document.querySelector('#search-results');
    const hits = [...box.querySelectorAll('.search-hit')];
    return {
      state: box.getAttribute('data-state'),
      status: (box.querySelector('[role="status"]') || {}).textContent || '',
      links: hits.map((h) => h.querySelector('.search-title a').href),
      marks: hits.map((h) => [...h.querySelectorAll('.search-snippet mark')].map((m) => m.textContent)),
      listHidden: box.querySelector('.search-list').hidden,
      q: new URLSearchParams(location.search).get('q'),
      input: document.getElementById('q').value,
    };
  });
}

async function runAxe(page, label) {
  let axePath;
  try { axePath = require.resolve('axe-core/axe.min.js'); } catch (e) {
    check(`${label}: axe-core (not installed, skipped)`, true);
    return;
  }
  await page.addScriptTag({ path: axePath });
  const res = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  check(`${label}: axe-core WCAG 2 A/AA`, res.length === 0, res.join('; '));
}

// ── Search ─────────────────────────────────────────────────────────────────
async function searchTests(browser, mode) {
  const { page, problems, close } = await openPage(browser);
  for (const t of QUERIES) {
    await page.goto(mode.url('search/', '?q=' + encodeURIComponent(t.q)));
    await waitState(page, '#search-results');
    const st = await searchState(page);
    const got = st.links.map(idOf);
    const name = `${mode.name}: search ${t.what} «${t.q}»`;
    if (t.ordered) check(`${name} → ${show(t.expect)} in this order`, same(got, t.expect), `got ${show(got)}`);
    else check(`${name} → ${show(t.expect)}`, same(sorted(got), sorted(t.expect)), `got ${show(got)}`);
    const wantHrefs = t.expect.map((id) => mode.url(id + '/'));
    if (t.expect.length) {
      check(`${mode.name}: links of «${t.q}» point at the pages`, same(sorted(st.links), sorted(wantHrefs)),
        `got ${show(st.links)}`);
      check(`${mode.name}: count line for «${t.q}»`, st.status.includes(String(t.expect.length)), st.status);
    } else {
      check(`${mode.name}: «${t.q}» shows the no-results state`,
        st.state === 'none' && st.listHidden && /没有找到/.test(st.status), `${st.state} ${st.status}`);
    }
    if (t.mark) {
      check(`${mode.name}: snippet of «${t.q}» marks ${t.mark}`,
        st.marks.length && st.marks[0].includes(t.mark), JSON.stringify(st.marks));
    }
    check(`${mode.name}: query «${t.q}» kept in the input`, st.input === t.q, st.input);
  }
  // Over HTTP the page fetches the compressed index; from file:// (where
  // fetch cannot read files) it loads the script.
  const via = await page.evaluate(() => window.casebookSearchTimings.via);
  const wantVia = mode.name.startsWith('http') ? 'bin' : 'script';
  check(`${mode.name}: the index came from search-index.${wantVia === 'bin' ? 'bin' : 'js'}`, via === wantVia, via);
  if (mode.name === 'http') {
    // A server that mangles or lacks search-index.bin: search.js falls back
    // to search-index.js, with the same results.
    const t = QUERIES[0];
    for (const [what, reply] of [['damaged', { status: 200, body: 'not gzip' }],
      ['truncated', { status: 200, body: fs.readFileSync(mode.dir + '/search-index.bin').subarray(0, 200) }],
      ['missing', { status: 404, body: 'not found' }]]) {
      const other = await openPage(browser);
      await other.page.route('**/search-index.bin', (r) => r.fulfill(reply));
      await other.page.goto(mode.url('search/', '?q=' + encodeURIComponent(t.q)));
      await waitState(other.page, '#search-results').catch(() => {});
      const st = await searchState(other.page).catch(() => ({ links: [] }));
      const v = await other.page.evaluate(() => window.casebookSearchTimings.via).catch(() => null);
      check(`http: a ${what} search-index.bin: «${t.q}» found through search-index.js`,
        v === 'script' && same(st.links.map(idOf), t.expect)
        // (the browser itself logs a 404 to the console)
        && !other.problems.some((x) => /^page error|^console: (?!Failed to load resource)/.test(x)),
      `${v} ${show(st.links.map(idOf))} ${show(other.problems)}`);
      await other.close();
    }
  }

  // More results than one screenful: 20 shown, then "show more".
  await page.goto(mode.url('search/', '?q=' + encodeURIComponent('批量检索词')));
  await waitState(page, '#search-results');
  const newestFirst = Array.from({ length: FILLER }, (_, k) => `cases/p${String(FILLER - k).padStart(2, '0')}`);
  let many = await searchState(page);
  check(`${mode.name}: 23 results: 20 shown, newest first, count 23`, same(many.links.map(idOf), newestFirst.slice(0, 20))
    && many.status.includes('23'), `${many.status} ${show(many.links.map(idOf))}`);
  await page.click('#search-results .search-more');
  many = await searchState(page);
  const more = await page.evaluate(() => ({
    hidden: document.querySelector('#search-results .search-more').hidden,
    focus: document.activeElement && document.activeElement.href,
  }));
  check(`${mode.name}: "show more" adds the rest and moves focus to the first new result`,
    same(many.links.map(idOf), newestFirst) && more.hidden && more.focus === many.links[20], JSON.stringify(more));

  if (mode.light) {
    check(`${mode.name}: search pages without console errors or failed requests`, problems.length === 0,
      problems.join('\n        '));
    await close();
    return;
  }

  // Typing updates the URL (debounced replace/push) and the results.
  await page.goto(mode.url('search/'));
  await page.click('#q');
  await page.keyboard.type('窗通', { delay: 60 });
  await page.waitForFunction(() => new URLSearchParams(location.search).get('q') === '窗通'
    && document.querySelectorAll('#search-results .search-hit').length > 0, null, { timeout: WAIT })
    .catch(() => {});
  let st = await searchState(page);
  check(`${mode.name}: typing «窗通» updates the URL and the results`,
    st.q === '窗通' && same(st.links.map(idOf), ['cases/yichuang', 'cases/mianshen']),
    `q=${st.q} results ${show(st.links.map(idOf))}`);

  // Back restores the previous query; Forward the next one.
  await page.goto(mode.url('search/', '?q=' + encodeURIComponent('破零')));
  await waitState(page, '#search-results');
  await page.fill('#q', '');
  await page.click('#q');
  await page.keyboard.type('容缺受理', { delay: 30 });
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('q') === '容缺受理'
    && document.querySelectorAll('#search-results .search-hit').length === 1, null, { timeout: WAIT })
    .catch(() => {});
  st = await searchState(page);
  check(`${mode.name}: submitting «容缺受理» shows its result`, st.q === '容缺受理'
    && same(st.links.map(idOf), ['cases/yichuang']), `q=${st.q} ${show(st.links.map(idOf))}`);
  await page.goBack();
  await page.waitForFunction(() => new URLSearchParams(location.search).get('q') === '破零'
    && document.querySelectorAll('#search-results .search-hit').length === 3, null, { timeout: WAIT })
    .catch(() => {});
  st = await searchState(page);
  check(`${mode.name}: Back restores «破零» (URL, input and results)`,
    st.q === '破零' && st.input === '破零' && same(st.links.map(idOf), QUERIES[0].expect),
    `q=${st.q} input=${st.input} ${show(st.links.map(idOf))}`);
  await page.goForward();
  await page.waitForFunction(() => new URLSearchParams(location.search).get('q') === '容缺受理'
    && document.querySelectorAll('#search-results .search-hit').length === 1, null, { timeout: WAIT })
    .catch(() => {});
  st = await searchState(page);
  check(`${mode.name}: Forward restores «容缺受理»`, st.q === '容缺受理' && st.input === '容缺受理',
    `q=${st.q} input=${st.input}`);

  // A result link opens the page.
  await page.click('#search-results .search-title a');
  await page.waitForLoadState('load');
  check(`${mode.name}: a result link opens the case`, page.url() === mode.url('cases/yichuang/'), page.url());

  if (mode.name === 'http') {
    await page.goto(mode.url('search/', '?q=' + encodeURIComponent('破零')));
    await waitState(page, '#search-results');
    await runAxe(page, `${mode.name}: search results`);
  }
  check(`${mode.name}: search pages without console errors or failed requests`, problems.length === 0,
    problems.join('\n        '));
  await close();
}

// ── The header box ─────────────────────────────────────────────────────────
async function headerTests(browser, mode) {
  const { page, problems, close } = await openPage(browser);
  // Submitting goes to the search page with ?q=.
  await page.goto(mode.url(''));
  await page.fill('#site-q', '窗通');
  await page.press('#site-q', 'Enter');
  await page.waitForURL((u) => /\/search\//.test(u.href), { timeout: WAIT }).catch(() => {});
  await waitState(page, '#search-results').catch(() => {});
  let st = await searchState(page).catch(() => ({ links: [] }));
  check(`${mode.name}: header box submits to the search page`,
    page.url() === mode.url('search/', '?q=' + encodeURIComponent('窗通'))
    && same(st.links.map(idOf), ['cases/yichuang', 'cases/mianshen']), `${page.url()} ${show(st.links.map(idOf))}`);

  // Suggestions: a combobox operated from the keyboard. Nothing of search
  // is loaded before the reader turns to the box.
  await page.goto(mode.url('cases/'));
  const loadedScripts = () => page.evaluate(() => [...document.scripts].map((x) => x.src.split('/').pop())
    .concat(performance.getEntriesByType('resource').map((r) => r.name.split('/').pop())));
  let scripts = await loadedScripts();
  check(`${mode.name}: a page loads neither search.js nor the index before the box is used`,
    !scripts.includes('search.js') && !scripts.some((x) => /^search-index\./.test(x)) && scripts.includes('site-search.js'),
    show(scripts));
  await page.click('#site-q');
  await page.keyboard.type('拿地', { delay: 60 });
  await page.waitForSelector('#site-q-list:not([hidden]) [role="option"]', { timeout: WAIT }).catch(() => {});
  const sug = await page.evaluate(() => ({
    expanded: document.getElementById('site-q').getAttribute('aria-expanded'),
    options: [...document.querySelectorAll('#site-q-list [role="option"] .suggest-title')].map((o) => o.textContent),
  }));
  check(`${mode.name}: header suggestions for «拿地»`, sug.expanded === 'true' && sug.options.length === 3
    && sug.options[0].includes('拿地即开工'), JSON.stringify(sug));
  scripts = await loadedScripts();
  const index = mode.name.startsWith('http') ? 'search-index.bin' : 'search-index.js';
  check(`${mode.name}: using the box loads search.js and the index (${index})`,
    scripts.includes('search.js') && scripts.includes(index)
    && !(index === 'search-index.bin' && scripts.includes('search-index.js')), show(scripts));
  await page.keyboard.press('ArrowDown');
  const act = await page.evaluate(() => {
    const input = document.getElementById('site-q');
    const id = input.getAttribute('aria-activedescendant');
    const o = id && document.getElementById(id);
    return { id, selected: o && o.getAttribute('aria-selected') };
  });
  check(`${mode.name}: ArrowDown selects the first suggestion (aria-activedescendant)`,
    act.id && act.selected === 'true', JSON.stringify(act));
  await page.keyboard.press('Escape');
  const closed = await page.evaluate(() => document.getElementById('site-q').getAttribute('aria-expanded'));
  check(`${mode.name}: Escape closes the suggestions`, closed === 'false', closed);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => /cases\/nadi\//.test(u.href), { timeout: WAIT }).catch(() => {});
  check(`${mode.name}: Enter on a suggestion opens the case`, page.url() === mode.url('cases/nadi/'), page.url());
  check(`${mode.name}: header box without console errors or failed requests`, problems.length === 0,
    problems.join('\n        '));
  await close();
}

// ── Filters ────────────────────────────────────────────────────────────────
async function filterState(page) {
  return page.evaluate(() => {
    const box = document.getElementById('filter-results');
    const pages = document.getElementById('case-pages');
    const cards = [...box.querySelectorAll('.cards .card-title a')].map((a) => a.href);
    const more = box.querySelector('.filter-more');
    const q = {};
    new URLSearchParams(location.search).forEach((v, k) => { q[k] = v; });
    const sel = {};
    document.querySelectorAll('#case-filters select').forEach((s) => { sel[s.name] = s.value; });
    return {
      cards, q, sel, status: (box.querySelector('[role="status"]') || {}).textContent || '',
      moreVisible: !!more && !more.hidden, pagesHidden: pages.hidden,
      formHidden: document.getElementById('case-filters').hidden,
    };
  });
}

/** Select values for option labels (labels read 营商环境（4）, the value is a slug). */
async function valuesFor(page, set) {
  return page.evaluate((set) => {
    const out = {};
    for (const [name, label] of Object.entries(set)) {
      const sel = document.querySelector(`#case-filters select[name="${name}"]`);
      const o = [...sel.options].find((x) => x.value && x.textContent.trim().startsWith(label));
      out[name] = o ? o.value : null;
    }
    return out;
  }, set);
}

async function showAll(page) {
  for (let i = 0; i < 20; i++) {
    const more = await page.$('#filter-results .filter-more:not([hidden])');
    if (!more) return;
    await more.click();
  }
}

async function filterTests(browser, mode) {
  const { page, problems, close } = await openPage(browser);
  await page.goto(mode.url('cases/'));
  let st = await filterState(page);
  check(`${mode.name}: filter form revealed, server list shown`, !st.formHidden && !st.pagesHidden
    && st.cards.length === 0, JSON.stringify(st));
  const dataLoaded = () => page.evaluate(() => typeof window.casebookCases !== 'undefined');
  check(`${mode.name}: filter data not loaded before a filter is used`, !(await dataLoaded()));

  for (const f of mode.light ? FILTERS.slice(0, 2) : FILTERS) {
    await page.goto(mode.url('cases/'));
    const values = await valuesFor(page, f.set);
    // Choose with the keyboard-operable native selects, one after another.
    for (const [name, value] of Object.entries(values)) {
      await page.selectOption(`#case-filters select[name="${name}"]`, value);
    }
    await waitState(page, '#filter-results');
    st = await filterState(page);
    const perPage = 2;
    const firstStep = f.expect.slice(0, perPage);
    check(`${mode.name}: filter ${f.what} shows the first ${firstStep.length} card(s)`,
      same(st.cards.map(idOf), firstStep), `got ${show(st.cards.map(idOf))}`);
    await showAll(page);
    st = await filterState(page);
    const name = `${mode.name}: filter ${f.what} ${JSON.stringify(f.set)}`;
    check(`${name} → ${show(f.expect)}`, same(st.cards.map(idOf), f.expect), `got ${show(st.cards.map(idOf))}`);
    check(`${name}: URL query`, same(st.q, values), JSON.stringify(st.q));
    check(`${name}: server list hidden, count shown`, st.pagesHidden
      && (f.expect.length ? st.status.includes(String(f.expect.length)) : /没有/.test(st.status)), st.status);
    const hrefs = st.cards;
    check(`${name}: card links`, same(hrefs, f.expect.map((id) => mode.url(id + '/'))), show(hrefs));

    // The same URL opened directly restores the state.
    const url = page.url();
    await page.goto('about:blank');
    await page.goto(url);
    await waitState(page, '#filter-results');
    await showAll(page);
    const again = await filterState(page);
    const wantSel = { field: '', region: '', level: '', kind: '', year: '', ...values };
    check(`${name}: restored from the URL`, same(again.cards.map(idOf), f.expect) && same(again.sel, wantSel),
      `${show(again.cards.map(idOf))} ${JSON.stringify(again.sel)}`);
  }

  // From page 2 of the list, with Back and the clear button.
  await page.goto(mode.url('cases/page/2/'));
  const kv = await valuesFor(page, { kind: '承接试点' });
  await page.selectOption('#case-filters select[name="kind"]', kv.kind);
  await waitState(page, '#filter-results');
  await showAll(page);
  st = await filterState(page);
  check(`${mode.name}: filtering on page 2 (links from data-root)`, same(st.cards, ['cases/wenhao', 'cases/nadi']
    .map((id) => mode.url(id + '/'))), show(st.cards));
  const yv = await valuesFor(page, { year: '2021' });
  await page.selectOption('#case-filters select[name="year"]', yv.year);
  await page.waitForFunction(() => new URLSearchParams(location.search).has('year'), null, { timeout: WAIT });
  st = await filterState(page);
  check(`${mode.name}: kind + year on page 2`, same(st.cards.map(idOf), ['cases/nadi']), show(st.cards.map(idOf)));
  // Two changes on different selects are two history entries.
  await page.goBack();
  await page.waitForFunction(() => !new URLSearchParams(location.search).has('year'), null, { timeout: WAIT })
    .catch(() => {});
  await showAll(page);
  st = await filterState(page);
  check(`${mode.name}: Back restores the previous filters`, st.sel.year === '' && st.sel.kind === kv.kind
    && same(st.cards.map(idOf), ['cases/wenhao', 'cases/nadi']), JSON.stringify(st.sel));
  await page.click('#filter-results .filter-clear');
  st = await filterState(page);
  check(`${mode.name}: clear filters shows the server list again`, !st.pagesHidden && st.cards.length === 0
    && Object.keys(st.q).length === 0 && Object.values(st.sel).every((v) => v === ''), JSON.stringify(st));
  const focused = await page.evaluate(() => document.activeElement && document.activeElement.name);
  check(`${mode.name}: focus moves to the first filter after clearing`, focused === 'field', String(focused));

  // Keyboard: a select changed with the arrow keys filters too.
  await page.goto(mode.url('cases/'));
  await page.focus('#filter-year');
  await page.keyboard.press('ArrowDown');
  await waitState(page, '#filter-results').catch(() => {});
  st = await filterState(page);
  check(`${mode.name}: keyboard on a select filters (year ${st.sel.year})`, st.sel.year !== ''
    && st.q.year === st.sel.year && st.cards.length > 0, JSON.stringify(st.q));

  // A card link opens the case.
  await page.goto(mode.url('cases/', '?region=' + (await valuesFor(page, { region: '经开区' })).region));
  await waitState(page, '#filter-results');
  await page.click('#filter-results .card-title a');
  await page.waitForLoadState('load');
  check(`${mode.name}: a filtered card opens its case`, page.url() === mode.url('cases/nadi/'), page.url());

  if (mode.name === 'http') {
    const fv = await (async () => { await page.goto(mode.url('cases/')); return valuesFor(page, { field: '营商环境' }); })();
    await page.goto(mode.url('cases/', '?field=' + fv.field));
    await waitState(page, '#filter-results');
    await runAxe(page, `${mode.name}: filtered case list`);
  }
  check(`${mode.name}: case list without console errors or failed requests`, problems.length === 0,
    problems.join('\n        '));
  await close();
}

async function noScriptTests(browser, mode) {
  const { page, close } = await openPage(browser, { javaScriptEnabled: false });
  await page.goto(mode.url('cases/', '?field=x'));
  const st = await page.evaluate(() => ({
    formHidden: document.getElementById('case-filters').hidden,
    cards: document.querySelectorAll('#case-pages .card').length,
    next: !!document.querySelector('.pagination a[rel="next"]'),
  }));
  check(`${mode.name}: without JavaScript the paginated list stays`, st.formHidden && st.cards === 2 && st.next,
    JSON.stringify(st));
  await close();
}

// ── Main ───────────────────────────────────────────────────────────────────
async function main() {
  const bin = casebookBin();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'casebook-search-'));
  const site = path.join(tmp, 'site');
  const dirA = path.join(tmp, 'public');
  const dirB = path.join(tmp, 'offline');
  writeSite(site);
  console.log(`casebook: ${bin}\nfixture:  ${site}`);
  execFileSync(bin, ['--root', site, 'build', '-q', '-o', dirA], { stdio: 'inherit' });
  execFileSync(bin, ['--root', site, 'build', '-q', '--offline', '-o', dirB], { stdio: 'inherit' });
  // The same site under a base path (/sub/): data-root is "/sub/".
  const dirC = path.join(tmp, 'sub');
  execFileSync(bin, ['--root', site, 'build', '-q', '--base-url', 'https://example.gov.cn/sub/', '-o', dirC],
    { stdio: 'inherit' });

  const server = await serve(dirA);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const serverC = await serve(dirC, '/sub/');
  const baseC = `http://127.0.0.1:${serverC.address().port}/sub/`;
  const fileBase = pathToFileURL(dirB).href + '/';
  const modes = [
    { name: 'http', dir: dirA, url: (p, q = '') => base + p + q },
    { name: 'file', url: (p, q = '') => fileBase + (p === '' || p.endsWith('/') ? p + 'index.html' : p) + q },
    { name: 'http /sub/', light: true, url: (p, q = '') => baseC + p + q },
  ];
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    for (const mode of modes) {
      console.log(`\n── ${mode.name}: ${mode.url('')}`);
      await searchTests(browser, mode);
      if (!mode.light) await headerTests(browser, mode);
      await filterTests(browser, mode);
      if (!mode.light) await noScriptTests(browser, mode);
    }
  } finally {
    await browser.close();
    server.close();
    serverC.close();
    if (!process.env.KEEP) fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(() => {
  const failed = results.filter((r) => !r.pass);
  console.log(`\n${results.length - failed.length} passed, ${failed.length} failed`);
  if (failed.length) {
    for (const f of failed) console.log(`  FAIL ${f.name}`);
    process.exit(1);
  }
}, (e) => {
  console.error(e && e.stack || e);
  process.exit(1);
});
