#!/usr/bin/env node
// Search benchmark: index size and load/query times in headless Chromium at
// 1,000 and 10,000 generated cases (corpus from ../shared/bench/gen.py).
//
//   cargo build --release
//   NODE_PATH=/tmp/tools/node_modules node scripts/bench-search.cjs [N …]
//
// For each N: generates the corpus into /tmp/bench-search/nN (once), copies
// this repository's themes/default into it (so the current search.js is
// measured), builds it with the release binary and serves it on 127.0.0.1.
// Then, in a fresh browser context each time (cold cache):
//   - index size against the plain text it holds (sum of title + body bytes,
//     read by loading search-index.js in node's vm), and the size of
//     search-index.bin, which pages served over HTTP fetch instead;
//   - the first query (RUNS times; median, fastest and slowest): the search
//     page loads (its template preloads search-index.bin), search.js, after
//     the page's first paint, inflates and decodes the index (or runs
//     search-index.js where it cannot), prepares the documents (normalising
//     those the build marked), answers ?q= and renders; read from the marks search.js keeps
//     in window.casebookSearchTimings (ms since navigation start) and the
//     index's Resource Timing entry. Reported from three starts: when
//     search.js asks for the index (the search itself, with whatever of the
//     preload is still in flight), when the browser started fetching the
//     index (the whole load plus the first query), and navigation;
//   - a subsequent query (match + render);
//   - typing 6 characters (page.keyboard.type, 50 ms apart) once the index is
//     ready: the longest main-thread task (PerformanceObserver 'longtask',
//     ≥ 50 ms, "none" if no task was that long) and the slowest keystroke
//     (Event Timing, input delay + handler + next paint; reported only
//     ≥ 16 ms); plus the cost of each prefix as a query of its own (what a
//     reader who pauses after every character waits for).
//
// Env: CASEBOOK_BIN (default target/release/casebook), CHROMIUM or
// CHROMIUM_BIN (default /usr/bin/chromium), BENCH_DIR (default
// /tmp/bench-search), RUNS (default 5). The machine's load average is
// printed with the figures: on a busy machine every figure grows.
'use strict';

const fs = require('fs');
const path = require('path');
const http = require('http');
const vm = require('vm');
const os = require('os');
const { execFileSync } = require('child_process');

const REPO = path.resolve(__dirname, '..');
let chromium;
try { ({ chromium } = require('playwright-core')); } catch (e) {
  ({ chromium } = require(path.join(REPO, 'tests', 'browser', 'node_modules', 'playwright-core')));
}

const CHROMIUM = process.env.CHROMIUM || process.env.CHROMIUM_BIN || '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const BIN = process.env.CASEBOOK_BIN || path.join(REPO, 'target', 'release', 'casebook');
const GEN = path.resolve(REPO, '..', 'shared', 'bench', 'gen.py');
const GEN_FALLBACK = '/work/shared/bench/gen.py';
const DIR = process.env.BENCH_DIR || '/tmp/bench-search';
const RUNS = +(process.env.RUNS || 5);
const SIZES = process.argv.slice(2).map(Number).filter(Boolean);
const NS = SIZES.length ? SIZES : [1000, 10000];

const FIRST_QUERY = '破零'; // in most generated cases: the most results to rank
const NEXT_QUERY = '一窗通办'; // one of the topics: about one case in ten
const TYPED = '企业开办一日'; // 6 characters, typed into the search box

const median = (a) => { const s = [...a].sort((x, y) => x - y); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const ms = (x) => (x == null ? '–' : x < 10 ? x.toFixed(1) : Math.round(x).toString());
const mb = (b) => (b / 1048576).toFixed(1) + ' MiB';

function serve(dir) {
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml' };
  return new Promise((resolve) => {
    const server = http.createServer((req, res) => {
      let rel;
      try { rel = decodeURIComponent(new URL(req.url, 'http://x').pathname); } catch (e) { rel = '/'; }
      let file = path.join(dir, path.normalize(rel));
      if (rel.endsWith('/')) file = path.join(file, 'index.html');
      fs.readFile(file, (err, body) => {
        if (err) { res.writeHead(404); res.end(); return; }
        res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
        res.end(body);
      });
    });
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

function prepare(n) {
  const root = path.join(DIR, 'n' + n);
  const site = path.join(root, 'casebook');
  if (!fs.existsSync(path.join(site, 'casebook.toml'))) {
    const gen = fs.existsSync(GEN) ? GEN : GEN_FALLBACK;
    console.error(`generating ${n} cases …`);
    execFileSync('python3', [gen, '--n', String(n), '--out', root], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  fs.rmSync(path.join(site, 'themes', 'default'), { recursive: true, force: true });
  fs.cpSync(path.join(REPO, 'themes', 'default'), path.join(site, 'themes', 'default'), { recursive: true });
  const out = path.join(root, 'public');
  fs.rmSync(out, { recursive: true, force: true });
  console.error(`building ${n} cases with ${BIN} …`);
  const t0 = Date.now();
  execFileSync(BIN, ['--root', site, 'build', '-q', '-o', out], { stdio: 'inherit' });
  console.error(`  built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return out;
}

function indexSizes(out) {
  const file = path.join(out, 'search-index.js');
  const src = fs.readFileSync(file, 'utf8');
  const ctx = { window: {} };
  vm.runInNewContext(src, ctx);
  const docs = ctx.window.casebookSearchIndex.docs;
  let text = 0;
  for (const d of docs) text += Buffer.byteLength(d.ti || '') + Buffer.byteLength(d.b || '');
  const bin = path.join(out, 'search-index.bin');
  return { docs: docs.length, index: fs.statSync(file).size, text,
    bin: fs.existsSync(bin) ? fs.statSync(bin).size : null };
}

async function firstQuery(browser, base) {
  const context = await browser.newContext();
  const page = await context.newPage();
  // No script of Playwright's runs in the page until the results are in
  // (waitForFunction injects one, 35 ms of the main thread here): wait for
  // the commit, then a while, and only then look.
  await page.goto(base + 'search/?q=' + encodeURIComponent(FIRST_QUERY), { waitUntil: 'commit' });
  await page.waitForTimeout(2000);
  await page.waitForFunction(() => window.casebookSearchTimings && window.casebookSearchTimings.firstPainted != null,
    null, { timeout: 120000 });
  const t = await page.evaluate(() => {
    const T = window.casebookSearchTimings;
    const nav = performance.getEntriesByType('navigation')[0];
    // When the browser started fetching the index (the search page preloads
    // it from its <head>), from Resource Timing.
    const idx = performance.getEntriesByType('resource').find((e) => /search-index\.(js|bin)/.test(e.name));
    return { via: T.via, fetched: idx ? idx.startTime : null, requested: T.requested, loaded: T.loaded, prepared: T.prepared, results: T.firstResults, busy: T.prepBusy,
      painted: T.firstPainted, n: T.last && T.last.n, match: T.last && T.last.match, render: T.last && T.last.render,
      dcl: nav && nav.domContentLoadedEventEnd,
      heap: performance.memory ? performance.memory.usedJSHeapSize : null };
  });
  // A subsequent query, submitted in the page.
  await page.evaluate((q) => {
    const input = document.getElementById('q');
    input.value = q;
    document.getElementById('search-form').requestSubmit();
  }, NEXT_QUERY);
  await page.waitForFunction(() => window.casebookSearchTimings.count >= 2, null, { timeout: 60000 });
  t.next = await page.evaluate(() => {
    const r = window.casebookSearchTimings.last;
    return { n: r.n, total: r.match + r.render, match: r.match, render: r.render };
  });
  await context.close();
  return t;
}

async function typing(browser, base) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(base + 'search/');
  // Load the index first (focusing the box does), then watch the main thread.
  await page.focus('#q');
  await page.waitForFunction(() => window.casebookSearchTimings.prepared != null, null, { timeout: 120000 });
  await page.evaluate(() => {
    window.__long = [];
    window.__events = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e.duration); })
      .observe({ type: 'longtask' });
    try {
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) window.__events.push({ name: e.name, d: e.duration });
      }).observe({ type: 'event', durationThreshold: 16 });
    } catch (e) { /* no Event Timing */ }
  });
  await page.keyboard.type(TYPED, { delay: 50 });
  await page.waitForFunction((q) => {
    const T = window.casebookSearchTimings;
    return T.last && T.last.q === q;
  }, TYPED, { timeout: 60000 });
  await page.waitForTimeout(300);
  const r = await page.evaluate(() => ({
    long: window.__long.length ? Math.max(...window.__long) : 0,
    longCount: window.__long.length,
    event: window.__events.length ? Math.max(...window.__events.map((e) => e.d)) : 0,
    last: window.casebookSearchTimings.last,
  }));
  // Each prefix as its own query (a reader pausing after every character).
  r.prefixes = await page.evaluate(async (typed) => {
    const out = [];
    const input = document.getElementById('q');
    for (let i = 1; i <= typed.length; i++) {
      const before = window.casebookSearchTimings.count;
      input.value = typed.slice(0, i);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((res) => {
        const poll = () => (window.casebookSearchTimings.count > before ? res() : setTimeout(poll, 10));
        poll();
      });
      const q = window.casebookSearchTimings.last;
      out.push({ q: q.q, n: q.n, ms: q.match + q.render });
    }
    return out;
  }, TYPED);
  await context.close();
  return r;
}

async function main() {
  if (!fs.existsSync(BIN)) throw new Error(`no ${BIN}: run \`cargo build --release\` or set CASEBOOK_BIN`);
  const rows = [];
  const loadAtStart = os.loadavg().map((x) => x.toFixed(1)).join(' ');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  let version = '';
  try {
    version = browser.version();
    for (const n of NS) {
      const out = prepare(n);
      const sizes = indexSizes(out);
      const server = await serve(out);
      const base = `http://127.0.0.1:${server.address().port}/`;
      const runs = [];
      for (let i = 0; i < RUNS; i++) {
        runs.push(await firstQuery(browser, base));
        console.error(`  N=${n} run ${i + 1}: first results at ${ms(runs[i].results)} ms (painted ${ms(runs[i].painted)}), next query ${ms(runs[i].next.total)} ms`);
      }
      const type = await typing(browser, base);
      server.close();
      rows.push({ n, sizes, runs, type });
    }
  } finally {
    await browser.close();
  }

  const pick = (runs, f) => median(runs.map(f));
  const least = (runs, f) => Math.min(...runs.map(f));
  const most = (runs, f) => Math.max(...runs.map(f));
  const range = (runs, f) => `${ms(least(runs, f))}–${ms(most(runs, f))}`;
  const load = os.loadavg().map((x) => x.toFixed(1)).join(' ');
  console.log(`\nSearch benchmark: Chromium ${version}, ${os.cpus().length} cores, load average ${loadAtStart} at start, ${load} at end.`);
  console.log('Medians (fastest–slowest in brackets) of ' + RUNS + ' cold loads over HTTP on 127.0.0.1; ms since navigation start.\n');
  console.log('Size:\n');
  console.log('| cases | docs | search-index.js | search-index.bin | plain text (titles + bodies, UTF-8) | index / text | JS heap after the first query |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    const s = r.sizes;
    console.log(`| ${r.n} | ${s.docs} | ${mb(s.index)} | ${s.bin == null ? '–' : mb(s.bin)} | ${mb(s.text)} | ${(s.index / s.text).toFixed(2)} `
      + `| ${r.runs[0].heap ? mb(pick(r.runs, (x) => x.heap)) : '–'} |`);
  }
  console.log('\nTime (first query «' + FIRST_QUERY + '» from ?q=, then «' + NEXT_QUERY + '» submitted):\n');
  console.log('| cases | page ready (DOMContentLoaded) | search.js asks for the index → results painted | index fetch started → results painted | navigation → results painted | after the request: index loaded (file) / documents prepared (CPU of that) / results | first query: match + render | subsequent query: match + render |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    const R = r.runs;
    const F = R.filter((x) => x.fetched != null);
    console.log(`| ${r.n} | ${ms(pick(R, (x) => x.dcl))} ms `
      + `| **${ms(pick(R, (x) => x.painted - x.requested))} ms** (${range(R, (x) => x.painted - x.requested)}) `
      + `| ${F.length ? `${ms(pick(F, (x) => x.painted - x.fetched))} ms (${range(F, (x) => x.painted - x.fetched)})` : '–'} `
      + `| ${ms(pick(R, (x) => x.painted))} ms (${range(R, (x) => x.painted)}) `
      + `| ${ms(pick(R, (x) => x.loaded - x.requested))} (${[...new Set(R.map((x) => x.via))].join(', ')}) / ${ms(pick(R, (x) => x.prepared - x.requested))} (${ms(pick(R, (x) => x.busy))}) / ${ms(pick(R, (x) => x.results - x.requested))} ms `
      + `| ${ms(pick(R, (x) => x.match + x.render))} ms (${R[0].n} hits) `
      + `| ${ms(pick(R, (x) => x.next.total))} ms (${R[0].next.n} hits) |`);
  }
  console.log('\nTyping «' + TYPED + '» (6 characters, 50 ms apart) with the index loaded:\n');
  console.log('| cases | longest main-thread task | slowest keystroke (Event Timing) | each prefix as a query (ms: ' + [...TYPED].map((_, i) => TYPED.slice(0, i + 1)).join(' / ') + ') |');
  console.log('|---:|---:|---:|---|');
  for (const r of rows) {
    const t = r.type;
    console.log(`| ${r.n} | ${t.longCount ? ms(t.long) + ' ms' : 'none ≥ 50 ms'} | ${t.event ? ms(t.event) + ' ms' : '< 16 ms'} `
      + `| ${t.prefixes.map((p) => `${ms(p.ms)} (${p.n})`).join(' / ')} |`);
  }
}

main().catch((e) => { console.error(e && e.stack || e); process.exit(1); });
