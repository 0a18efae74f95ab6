'use strict';
// Shared helpers for the browser checks (a11y.cjs, bundle.cjs, xss.cjs): launching the
// system Chromium with the flags from shared/spec/quality.md, a tiny static
// file server bound to 127.0.0.1, page-problem collection, and reporting.
const fs = require('fs');
const http = require('http');
const path = require('path');

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const REPO_ROOT = path.resolve(__dirname, '..', '..');

function chromiumPath() {
  return process.env.CHROMIUM_BIN || '/usr/bin/chromium';
}

async function launch() {
  const { chromium } = require('playwright-core');
  const exe = chromiumPath();
  if (!fs.existsSync(exe)) {
    throw new Error(`Chromium not found at ${exe} (apt-get install -y chromium fonts-noto-cjk, or set CHROMIUM_BIN)`);
  }
  return chromium.launch({ executablePath: exe, args: CHROMIUM_ARGS, headless: true });
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.pdf': 'application/pdf',
};

// Serves `root` like a plain static host: /dir/ -> /dir/index.html, /dir ->
// 301 /dir/, missing -> 404 with the site's 404.html. Resolves to
// { server, origin, close() } once listening on 127.0.0.1 (random port).
function serve(root) {
  root = path.resolve(root);
  const server = http.createServer((req, res) => {
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    } catch {
      res.writeHead(400);
      return res.end();
    }
    let file = path.join(root, pathname);
    if (file !== root && !file.startsWith(root + path.sep)) {
      res.writeHead(403);
      return res.end();
    }
    let st = fs.statSync(file, { throwIfNoEntry: false });
    if (st && st.isDirectory()) {
      if (!pathname.endsWith('/')) {
        res.writeHead(301, { location: encodeURI(pathname + '/') });
        return res.end();
      }
      file = path.join(file, 'index.html');
      st = fs.statSync(file, { throwIfNoEntry: false });
    }
    if (!st || !st.isFile()) {
      const notFound = path.join(root, '404.html');
      res.writeHead(404, { 'content-type': TYPES['.html'] });
      return res.end(fs.existsSync(notFound) ? fs.readFileSync(notFound) : 'not found');
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream' });
    res.end(req.method === 'HEAD' ? undefined : fs.readFileSync(file));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ server, origin: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

// Attaches listeners to a Playwright page and returns a collector whose
// `problems` array receives every console error, uncaught page error, failed
// request, HTTP error response and request that leaves the allowed origins.
// `allowed(url)` says whether a request URL is acceptable (same host/file).
function watchPage(page, allowed) {
  return watchReusedPage(page, allowed).start({ committed: true });
}

// The same listeners for one tab that opens many documents one after the
// other: reusing a tab keeps its renderer process and V8's compile cache warm,
// which makes each further page several times cheaper than a new tab.
// start() returns a fresh collector, as watchPage's, for the document about to
// be opened; stop() sends later events nowhere, as closing the tab would.
// Without a navigation to about:blank in between (a whole extra navigation
// per page), the previous document lives until the next one commits, so:
// console messages and page errors count only once the main frame has
// committed a document after start() (they come in order with that commit,
// from the same renderer); requests count from start() on, as the navigation
// request itself comes before the commit (one the previous document makes
// while unloading would count too: a stricter result, never a missed one); a
// request belongs to the collector that saw it start, so one that ends later
// never counts against the next document.
function watchReusedPage(page, allowed) {
  let c = null;
  const owner = new WeakMap();
  const collector = (committed) => {
    const n = { problems: [], requests: 0, pending: new Set(), committed };
    Object.defineProperty(n, 'inflight', { get: () => n.pending.size });
    // after 'load': wait until no request has been in flight for `quiet` ms
    // (scripts that add scripts, images loaded late), at most `max` ms
    n.settle = async (quiet = 150, max = 3000) => {
      const start = Date.now();
      let idleSince = Date.now();
      while (Date.now() - start < max) {
        await new Promise((r) => setTimeout(r, 25));
        if (n.pending.size > 0) idleSince = Date.now();
        else if (Date.now() - idleSince >= quiet) return true;
      }
      return false;
    };
    return n;
  };
  page.on('framenavigated', (f) => {
    if (c && f === page.mainFrame()) c.committed = true;
  });
  page.on('request', (r) => {
    if (!c) return;
    owner.set(r, c);
    c.requests++;
    c.pending.add(r);
    const u = r.url();
    if (!allowed(u)) c.problems.push(`request to another host/scheme: ${u}`);
  });
  page.on('requestfinished', (r) => {
    const o = owner.get(r);
    if (o) o.pending.delete(r);
  });
  page.on('requestfailed', (r) => {
    const o = owner.get(r);
    if (!o) return;
    o.pending.delete(r);
    if (o !== c) return;
    const f = r.failure();
    const why = f ? f.errorText : 'unknown';
    // ERR_ABORTED: a load the browser cut short itself (the favicon while a
    // page is printed or left), not a missing file: that fails otherwise.
    if (why === 'net::ERR_ABORTED') return;
    c.problems.push(`failed request: ${r.url()} (${why})`);
  });
  page.on('response', (r) => {
    const s = r.status();
    if (c && s >= 400 && owner.get(r.request()) === c) c.problems.push(`HTTP ${s}: ${r.url()}`);
  });
  page.on('console', (m) => {
    if (c && c.committed && m.type() === 'error') {
      const loc = m.location();
      c.problems.push(`console error: ${m.text()}${loc && loc.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
    }
  });
  page.on('pageerror', (e) => {
    if (c && c.committed) c.problems.push(`page error: ${e && e.stack ? e.stack.split('\n')[0] : e}`);
  });
  return {
    start({ committed = false } = {}) {
      c = collector(committed);
      return c;
    },
    stop() {
      c = null;
    },
  };
}

// Runs `fn(item, index, slot)` over `items` with at most `jobs` calls in
// flight (slot: 0..jobs-1, one per worker, for per-worker state such as a
// reused page); resolves to the results in the order of `items`. The browser
// checks spend much of each page waiting (load, settling, a renderer busy on
// one core), so a few pages at once keep both cores of a CI machine busy.
async function pool(items, jobs, fn) {
  const out = new Array(items.length);
  let next = 0;
  const worker = async (slot) => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i, slot);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, items.length)) }, (_, s) => worker(s)));
  return out;
}

// How many pages the browser checks open at once: env NAME if set (>= 1),
// else `perCpu` per CPU, at least 2 and at most `max`.
function jobsFromEnv(name, perCpu, max) {
  const v = Number(process.env[name]);
  if (Number.isInteger(v) && v >= 1) return v;
  const cpus = (require('os').availableParallelism || (() => require('os').cpus().length))();
  return Math.max(2, Math.min(max, Math.round(cpus * perCpu)));
}

// Aborts every request of a browser context that `allowed(url)` refuses, so a
// page can never reach another host (watchPage still reports the attempt).
async function blockOtherHosts(context, allowed) {
  await context.route((url) => !allowed(url.href), (route) => route.abort('blockedbyclient'));
}

// Waits until the search page has rendered its answer into #search-results:
// links or a message that is not the loading message (data-loading), unchanged
// for 400 ms. Resolves true when ready, false on timeout.
async function waitForSearchResults(page, timeout = 8000) {
  return page
    .waitForFunction(
      () => {
        const box = document.querySelector('#search-results');
        if (!box) return true;
        const st = window.__casebookStable || (window.__casebookStable = { html: null, since: 0 });
        const html = box.innerHTML;
        const t = performance.now();
        if (html !== st.html) {
          st.html = html;
          st.since = t;
          return false;
        }
        const text = box.textContent.trim();
        const links = box.querySelector('a[href]');
        if (!text && !links) return false;
        const loading = (box.dataset.loading || '').trim();
        if (loading && !links && text.includes(loading)) return false;
        return t - st.since >= 400;
      },
      null,
      { timeout, polling: 100 },
    )
    .then(() => true, () => false);
}

function fmtMs(ms) {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

// Lists files under `dir` (relative paths with '/' separators), sorted.
function walk(dir) {
  const out = [];
  const rec = (d, rel) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) rec(path.join(d, e.name), r);
      else out.push(r);
    }
  };
  rec(dir, '');
  return out;
}

// Every page of a built folder: [{ label: 'page', rel }] for each index.html
// (rel is its folder, '' for home, ending in '/').
function allPages(root) {
  return walk(root)
    .filter((f) => f === 'index.html' || f.endsWith('/index.html'))
    .map((f) => ({ label: 'page', rel: f.slice(0, -'index.html'.length) }));
}

// The concrete pages the issue names, discovered from a built folder.
// Returns [{ label, rel }] with rel the folder path ('' for home) ending in '/'.
function discoverPages(root) {
  const dirs = (rel, exclude = []) => {
    const d = path.join(root, rel);
    if (!fs.existsSync(d)) return [];
    return fs
      .readdirSync(d, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !exclude.includes(e.name) && fs.existsSync(path.join(d, e.name, 'index.html')))
      .map((e) => e.name)
      .sort();
  };
  const pages = [
    { label: 'home', rel: '' },
    { label: 'case list', rel: 'cases/' },
  ];
  const missing = [];
  const pick = (label, parent, exclude, suffix = '') => {
    const names = dirs(parent, exclude);
    if (!names.length) return missing.push(`${label} (no page under ${parent}/)`), null;
    const rel = `${parent}/${names[0]}/${suffix}`;
    pages.push({ label, rel });
    return names[0];
  };
  pick('case', 'cases', ['page']);
  pick('brand', 'brands', ['page']);
  const comp = pick('compilation', 'compilations', ['page']);
  if (comp) {
    if (fs.existsSync(path.join(root, 'compilations', comp, 'print', 'index.html'))) {
      pages.push({ label: 'compilation print view', rel: `compilations/${comp}/print/` });
    } else missing.push(`compilation print view (compilations/${comp}/print/index.html)`);
  }
  for (const [label, rel] of [['honours wall', 'honours/'], ['stats', 'stats/'], ['search', 'search/']]) {
    if (fs.existsSync(path.join(root, rel, 'index.html'))) pages.push({ label, rel });
    else missing.push(`${label} (${rel}index.html)`);
  }
  pick('taxonomy term (region)', 'regions', ['page']);
  pick('summary', 'summaries', ['page']);
  return { pages, missing };
}

module.exports = { CHROMIUM_ARGS, REPO_ROOT, launch, serve, watchPage, watchReusedPage, pool, jobsFromEnv, blockOtherHosts, waitForSearchResults, fmtMs, walk, allPages, discoverPages, chromiumPath };
