#!/usr/bin/env node
'use strict';
// XSS check of a built site (issue 14: valid and safe whatever editors paste).
//
//   node tests/browser/xss.cjs BUILT_FOLDER
//
// Meant for the spec corpus site built with XSS payloads around every example
// (scripts/spec-site.py --xss; payloads in tests/spec-corpus/xss-payloads.txt,
// each of which tries to set window.__xss or call alert()). Two checks:
//
// 1. Static, every .html file, parsed by Chromium's own HTML parser
//    (DOMParser: scripts never run): fails on any on* event-handler attribute,
//    any attribute whose value is (or, for style/srcset/meta refresh, holds) a
//    javascript:, vbscript: or data:text/html URL (text attributes such as
//    alt, title and meta description excepted; entities decoded, tabs,
//    newlines and control characters removed as browsers do), any inline
//    <script> or <script src> that is not one of the theme's own /js/ files,
//    and any iframe, frame, object, embed or base element.
// 2. In headless Chromium, over http on 127.0.0.1, every page: fails if
//    window.__xss is defined in any frame after load and a short wait, or if
//    any dialog (alert, confirm, prompt) opens. Requests to other hosts are
//    blocked. Env: CHROMIUM_BIN, XSS_WAIT_MS (default 300), XSS_JOBS (pages
//    open at once, each in its own tab; default 3 per CPU, 2 to 6).
const fs = require('fs');
const path = require('path');
const { launch, serve, pool, jobsFromEnv, blockOtherHosts, fmtMs, walk, allPages } = require('./lib.cjs');

const WAIT_MS = Number(process.env.XSS_WAIT_MS || 300);
// pages open at once (XSS_JOBS); the wait above dominates, not the CPU
const JOBS = jobsFromEnv('XSS_JOBS', 3, 6);

// Runs inside a blank page: parses each given HTML text and lists the problems.
function scanInPage(files) {
  const BAD_URL = /^(javascript:|vbscript:|data:text\/html)/;
  const HELD_URL = /(url\(["']?|url=|,)(javascript:|vbscript:|data:text\/html)/;
  // attributes whose value is text for readers, never a URL (a page summary
  // in <meta name=description content> may well start with "javascript:")
  const TEXT = new Set(['alt', 'title', 'aria-label', 'aria-description', 'placeholder']);
  const isText = (el, name) => TEXT.has(name) || (el.localName === 'meta' && name === 'content' && !el.hasAttribute('http-equiv'));
  const clean = (v) => v.toLowerCase().replace(/[\u0000-\u0020\u007f-\u009f]+/g, '');
  const out = [];
  for (const [file, html] of files) {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const problems = [];
    const visit = (root) => {
      for (const el of root.querySelectorAll('*')) {
        const tag = el.localName;
        const desc = () => el.outerHTML.slice(0, 160).replace(/\s+/g, ' ');
        for (const a of el.attributes) {
          const name = a.name.toLowerCase();
          const v = clean(a.value);
          if (name.startsWith('on')) problems.push(`event handler attribute ${a.name}: ${desc()}`);
          else if (!isText(el, name) && (BAD_URL.test(v) || HELD_URL.test(v))) problems.push(`script URL in ${a.name}: ${desc()}`);
        }
        if (tag === 'script') {
          const src = el.getAttribute('src');
          if (!src) problems.push(`inline script: ${desc()}`);
          else if (!/^(\/|(\.\.\/)+|\.\/)?js\/[\w.-]+\.js$/.test(src)) problems.push(`script that is not the theme's: ${desc()}`);
        }
        if (['iframe', 'frame', 'frameset', 'object', 'embed', 'base'].includes(tag)) problems.push(`<${tag}> element: ${desc()}`);
        if (tag === 'template') visit(el.content);
      }
    };
    visit(doc);
    if (problems.length) out.push({ file, problems });
  }
  return out;
}

async function main() {
  const t0 = Date.now();
  const root = path.resolve(process.argv[2] || '');
  if (!process.argv[2] || !fs.existsSync(path.join(root, 'index.html'))) {
    console.error('usage: node tests/browser/xss.cjs BUILT_FOLDER (with index.html)');
    process.exit(2);
  }
  const htmlFiles = walk(root).filter((f) => f.endsWith('.html'));
  const pages = allPages(root);
  const srv = await serve(root);
  const browser = await launch();
  const failures = [];
  let dialogs = 0;
  let canaries = 0;
  let staticBad = 0;
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const allowed = (u) => u.startsWith(srv.origin + '/') || /^(blob|about):/.test(u);
    await blockOtherHosts(context, allowed);

    // 1. static scan, in batches so each evaluate stays small
    const blank = await context.newPage();
    for (let i = 0; i < htmlFiles.length; i += 50) {
      const batch = htmlFiles.slice(i, i + 50).map((f) => [f, fs.readFileSync(path.join(root, f), 'utf8')]);
      for (const r of await blank.evaluate(scanInPage, batch)) {
        staticBad++;
        failures.push(`${r.file}\n    ${r.problems.slice(0, 10).join('\n    ')}${r.problems.length > 10 ? `\n    … ${r.problems.length - 10} more` : ''}`);
      }
    }
    await blank.close();

    // 2. every page in the browser: JOBS tabs at once, as most of each page
    // is the fixed wait after load, which then overlaps across tabs; each tab
    // is reused from page to page as before, and knows its current page so a
    // dialog is blamed on the page that opened it; problems are listed in
    // page order whatever order the tabs finish in
    const found = pages.map(() => []);
    const tabs = [];
    const tab = async (slot) => {
      if (!tabs[slot]) {
        const t = { page: await context.newPage(), current: 0 };
        t.page.on('dialog', (d) => {
          dialogs++;
          found[t.current].push(`/${pages[t.current].rel}\n    a ${d.type()} dialog opened: ${JSON.stringify(d.message())}`);
          d.dismiss().catch(() => {});
        });
        tabs[slot] = t;
      }
      return tabs[slot];
    };
    await pool(pages, JOBS, async (p, i, slot) => {
      const t = await tab(slot);
      const page = t.page;
      t.current = i;
      try {
        await page.goto(`${srv.origin}/${p.rel}`, { waitUntil: 'load', timeout: 30000 });
        await page.waitForTimeout(WAIT_MS);
        for (const frame of page.frames()) {
          const v = await frame.evaluate(() => (typeof window.__xss === 'undefined' ? null : String(window.__xss))).catch(() => null);
          if (v !== null) {
            canaries++;
            found[i].push(`/${p.rel}\n    window.__xss is ${JSON.stringify(v)} in frame ${frame.url()}`);
          }
        }
      } catch (e) {
        found[i].push(`/${p.rel}\n    error: ${String(e.message || e).split('\n')[0]}`);
      }
    });
    for (const t of tabs) if (t) await t.page.close();
    failures.push(...found.flat());
    await context.close();
  } finally {
    await browser.close();
    await srv.close();
  }
  if (failures.length) {
    console.log('Problems:');
    for (const f of failures) console.log(`  ${f}`);
  }
  console.log(
    `\nxss: ${htmlFiles.length} HTML files scanned (${staticBad} with script-capable markup), ` +
      `${pages.length} pages opened, ${JOBS} at a time (${canaries} canaries set, ${dialogs} dialogs), ${fmtMs(Date.now() - t0)}`,
  );
  console.log(`xss: ${failures.length ? 'FAILED' : 'ok'}`);
  process.exit(failures.length ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
