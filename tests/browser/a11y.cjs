#!/usr/bin/env node
'use strict';
// Accessibility and console check of a built site (issue: rendering).
//
//   node tests/browser/a11y.cjs [BUILT_FOLDER]      (default: public/)
//
// Serves the folder over http on 127.0.0.1 (random port), opens the page types
// the issue names (home, case list, a case, a brand, a compilation and its
// print view, honours wall, stats, search (empty and with a query), a taxonomy
// term page, a summary) at 1280 px and 390 px in headless Chromium, injects
// axe-core (WCAG 2.0/2.1 A and AA rules) and fails on any violation, any
// console error or uncaught page error, any failed request or HTTP error, and
// any request to another host. Env: CHROMIUM_BIN, A11Y_SEARCH_QUERY (default
// 改革), A11Y_ALL=1 to check every page of the site instead of the sample
// (page types the sample names may then be absent, as in a generated test
// site), A11Y_WIDTHS=1280 (comma-separated px) to check only those widths,
// A11Y_FOREIGN_IMAGES=http://a.example/,… (URL prefixes) for images on other
// hosts that the content itself names (the spec corpus has one): answered
// here with a 1×1 GIF instead of being reported, as CI has no network.
// A11Y_JOBS=N: pages checked at once (default: 2 per CPU, 2 to 6), each in
// its own tab, reused from page to page; results are reported in page order.
const fs = require('fs');
const path = require('path');
const { REPO_ROOT, launch, serve, watchReusedPage, pool, jobsFromEnv, blockOtherHosts, waitForSearchResults, fmtMs, allPages, discoverPages } = require('./lib.cjs');

const FOREIGN_IMAGES = (process.env.A11Y_FOREIGN_IMAGES || '').split(',').filter(Boolean);
const GIF_1X1 = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

const ALL_WIDTHS = [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
];
const WIDTHS = process.env.A11Y_WIDTHS
  ? process.env.A11Y_WIDTHS.split(',').map((w) => ALL_WIDTHS.find((v) => v.width === Number(w)) || { width: Number(w), height: 900 })
  : ALL_WIDTHS;
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
// pages checked at once (A11Y_JOBS); each in its own tab and renderer, so
// one page's settling and loading overlap another's axe run
const JOBS = jobsFromEnv('A11Y_JOBS', 2, 6);

async function main() {
  const t0 = Date.now();
  const root = path.resolve(process.argv[2] || path.join(REPO_ROOT, 'public'));
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    console.error(`a11y: ${root}/index.html not found; build the site first`);
    process.exit(2);
  }
  let { pages, missing } = discoverPages(root);
  if (process.env.A11Y_ALL === '1') {
    pages = allPages(root);
    missing = [];
  }
  const query = process.env.A11Y_SEARCH_QUERY || '改革';
  if (pages.some((p) => p.rel === 'search/')) {
    pages.push({ label: 'search results', rel: `search/?q=${encodeURIComponent(query)}` });
  }

  const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const srv = await serve(root);
  const browser = await launch();
  const failures = [];
  for (const m of missing) failures.push(`missing page type: ${m}`);
  let checked = 0;
  let passed = 0;
  const rows = [];
  try {
    for (const vp of WIDTHS) {
      const context = await browser.newContext({ viewport: vp, locale: 'zh-CN' });
      const foreign = (u) => FOREIGN_IMAGES.some((f) => u.startsWith(f));
      const allowed = (u) => u.startsWith(srv.origin + '/') || /^(data|blob|about):/.test(u) || foreign(u);
      await blockOtherHosts(context, allowed);
      await context.route((url) => foreign(url.href), (route) => route.fulfill({ contentType: 'image/gif', body: GIF_1X1 }));
      // JOBS tabs, each reused for page after page (see watchReusedPage);
      // a tab that met an error is replaced, so nothing carries over
      const tabs = [];
      const tab = async (slot) => {
        if (!tabs[slot]) {
          const page = await context.newPage();
          tabs[slot] = { page, watcher: watchReusedPage(page, allowed) };
        }
        return tabs[slot];
      };
      const results = await pool(pages, JOBS, async (p, _i, slot) => {
        const { page, watcher } = await tab(slot);
        const watch = watcher.start();
        const url = `${srv.origin}/${p.rel}`;
        const problems = [];
        let violations = [];
        let broken = false;
        try {
          const resp = await page.goto(url, { waitUntil: 'load', timeout: 30000 });
          if (!resp || resp.status() !== 200) problems.push(`status ${resp ? resp.status() : 'none'}`);
          await watch.settle();
          if (p.rel.startsWith('search/?')) {
            // let the search script render its results (or its "nothing found")
            if (!(await waitForSearchResults(page))) problems.push('search results never rendered into #search-results');
          }
          await page.evaluate(axeSource);
          const res = await page.evaluate(
            (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
            AXE_TAGS,
          );
          violations = res.violations;
        } catch (e) {
          problems.push(`error: ${String(e.message || e).split('\n')[0]}`);
          broken = true;
        }
        problems.push(...watch.problems);
        // what the document does from here on is not this page's result, as
        // when the page was closed (see watchReusedPage)
        watcher.stop();
        if (broken) {
          tabs[slot] = null;
          await page.close().catch(() => {});
        }
        return { problems, violations, requests: watch.requests };
      });
      for (const t of tabs) if (t) await t.page.close();
      pages.forEach((p, i) => {
        const { problems, violations, requests } = results[i];
        for (const v of violations) {
          const nodes = v.nodes
            .slice(0, 5)
            .map((n) => `      ${n.target.join(' ')}\n        ${(n.failureSummary || '').replace(/\s*\n\s*/g, ' ')}\n        ${n.html.slice(0, 200)}`)
            .join('\n');
          problems.push(`axe ${v.id} (${v.impact}): ${v.help} [${v.nodes.length} node(s)] ${v.helpUrl}\n${nodes}`);
        }
        checked++;
        const tag = `${vp.width}px ${p.label.padEnd(24)} /${p.rel}`;
        if (problems.length) {
          rows.push(`FAIL ${tag}`);
          failures.push(`${tag}\n    ${problems.join('\n    ')}`);
        } else {
          passed++;
          rows.push(`ok   ${tag}  (${requests} requests, 0 axe violations)`);
        }
      });
      await context.close();
    }
  } finally {
    await browser.close();
    await srv.close();
  }
  console.log(rows.join('\n'));
  if (failures.length) {
    console.log('\nProblems:');
    for (const f of failures) console.log(`  ${f}`);
  }
  console.log(`\naxe-core ${require('axe-core/package.json').version} (${AXE_TAGS.join(', ')}), ${pages.length} pages x ${WIDTHS.length} widths, ${JOBS} at a time, ${fmtMs(Date.now() - t0)}`);
  console.log(`a11y: ${passed} passed, ${checked - passed + missing.length} failed`);
  process.exit(failures.length ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
