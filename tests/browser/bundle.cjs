#!/usr/bin/env node
'use strict';
// Offline bundle check (issue: offline bundle).
//
//   node tests/browser/bundle.cjs [SITE_ROOT]      (default: the repository root, the demo site)
//
// 1. `casebook bundle` twice into two temporary zips: the bytes must be identical.
// 2. Unzips one (`unzip`): one top folder; every line of SHA256SUMS.txt matches
//    its file (node crypto) and the manifest lists every file; 使用说明.txt is there;
//    no atom.xml / sitemap.xml.
// 3. Static scan of every .html/.css/.js file: no root-relative link (href="/…",
//    src="/…", srcset, url(/…), @import "/…", JS string literals "/…", any
//    attribute value starting with "/"), no protocol-relative or site-absolute
//    link (base_url from casebook.toml), no resource from another host; every
//    relative href/src/srcset/url() resolves to a FILE inside the bundle (not a
//    folder) after stripping ?query and #fragment, and every #fragment exists.
// 4. `lychee --offline` on the extracted folder: 0 broken links.
// 5. Headless Chromium from file://: starts at <top>/index.html and crawls every
//    internal link (BFS over a[href] inside the folder); each page must load with
//    no console error, no uncaught error, no failed resource and no request
//    leaving file://; every HTML page except 404.html must be reached (404.html
//    is loaded as well).
// 6. Search: search/index.html?q=… for queries with exact expected results.
// 7. The compilation print view holds every case of the compilation's contents,
//    each starting a new page when printed.
//
// Env: CASEBOOK_BIN (default target/release/casebook), CHROMIUM_BIN, LYCHEE_BIN
// (default lychee on PATH), KEEP_BUNDLE_TMP=1 keeps the temporary folder.
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { pathToFileURL, fileURLToPath } = require('url');
const { REPO_ROOT, launch, watchPage, blockOtherHosts, waitForSearchResults, fmtMs, walk } = require('./lib.cjs');

// Expected search results for the demo site, computed from content/ (grep of
// the phrase over every case and achievement summary). Exact on the sets of
// case and summary result links; the order is free.
const SEARCHES = [
  // a distinctive title phrase: content/cases/2023/tanhui.md only
  { q: '湿地生态产品价值', cases: ['tanhui'], summaries: [] },
  // content/cases/2023/lianzhang.md only (slug chanyelian-lianzhang-zhi)
  { q: '链长制', cases: ['chanyelian-lianzhang-zhi'], summaries: [] },
  // a term from the product brief; in 4 cases and both summaries
  {
    q: '破零',
    cases: ['na-di-ji-kai-gong', 'qiangcun-gongsi', 'shuju-zichan', 'wangge-zhili'],
    summaries: ['2022-niandu', '2023-shangbannian'],
  },
  // matches nothing
  { q: 'qzxv7随机无此词', cases: [], summaries: [] },
];

const failures = [];
const fail = (section, msg) => failures.push(`[${section}] ${msg}`);
const timings = [];
let tStep = Date.now();
function done(name, detail) {
  const now = Date.now();
  timings.push(`  ${name.padEnd(30)} ${fmtMs(now - tStep).padStart(8)}  ${detail}`);
  console.log(`-- ${name}: ${detail} (${fmtMs(now - tStep)})`);
  tStep = now;
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  return r;
}

function baseUrl(siteRoot) {
  const toml = fs.readFileSync(path.join(siteRoot, 'casebook.toml'), 'utf8');
  const m = toml.match(/^\s*base_url\s*=\s*"([^"]*)"/m);
  return m ? m[1] : '';
}

// ---------------------------------------------------------------- HTML scan helpers
const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(n) ? String.fromCodePoint(n) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

function lineAt(text, index) {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

const TAG_RE = /<([a-zA-Z][a-zA-Z0-9:-]*)((?:\s+[^\s"'>\/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
const ATTR_RE = /([^\s"'>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

// Parses an HTML file into tags (with attributes and offsets), inline scripts
// and inline styles. Comments are blanked (kept length so offsets stay valid).
function parseHtml(text) {
  const blank = (s) => s.replace(/[^\n]/g, ' ');
  let t = text.replace(/<!--[\s\S]*?-->/g, blank);
  const scripts = [];
  const styles = [];
  t = t.replace(/(<script\b[^>]*>)([\s\S]*?)(<\/script\s*>)/gi, (m, open, body, close, off) => {
    scripts.push({ body, offset: off + open.length });
    return open + blank(body) + close;
  });
  t = t.replace(/(<style\b[^>]*>)([\s\S]*?)(<\/style\s*>)/gi, (m, open, body, close, off) => {
    styles.push({ body, offset: off + open.length });
    return open + blank(body) + close;
  });
  const tags = [];
  for (const m of t.matchAll(TAG_RE)) {
    const attrs = [];
    for (const a of (m[2] || '').matchAll(ATTR_RE)) {
      const raw = a[2] ?? a[3] ?? a[4];
      attrs.push({ name: a[1].toLowerCase(), value: raw === undefined ? null : decodeEntities(raw) });
    }
    tags.push({ name: m[1].toLowerCase(), attrs, offset: m.index, get: (n) => (attrs.find((x) => x.name === n) || {}).value });
  }
  return { tags, scripts, styles };
}

const SCHEME_RE = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;
const RESOURCE_LINK_RELS = /\b(stylesheet|icon|preload|modulepreload|prefetch|manifest|apple-touch-icon|mask-icon)\b/i;

function srcsetUrls(v) {
  return v
    .split(',')
    .map((s) => s.trim().split(/\s+/)[0])
    .filter(Boolean);
}

// JS string literals that look like root-relative URLs: "/x…", '/x…', `/x…`.
const JS_ROOT_REL_RE = /(["'`])\/(?![/*])[A-Za-z0-9_.~%\u00a0-\uffff-][^"'`\s\\]*\1/g;
const CSS_ROOT_REL_RE = /url\(\s*(["']?)\/(?!\/)[^)]*\)|@import\s+(["'])\/(?!\/)[^"']*\2/gi;
const CSS_URL_RE = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')/gi;

// ---------------------------------------------------------------- main
async function main() {
  const t0 = Date.now();
  const siteRoot = path.resolve(process.argv[2] || REPO_ROOT);
  const bin = process.env.CASEBOOK_BIN || path.join(REPO_ROOT, 'target', 'release', 'casebook');
  if (!fs.existsSync(bin)) {
    console.error(`bundle: casebook binary not found at ${bin} (cargo build --release, or set CASEBOOK_BIN)`);
    process.exit(2);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'casebook-bundle-'));
  const site = baseUrl(siteRoot);
  const siteHost = site ? new URL(site).host : null;
  let crawled = 0;
  let verified = 0;
  let scanned = 0;
  let linksChecked = 0;
  let searchesOk = 0;
  try {
    // ---- 1. two bundles, byte-identical. The second is made more than 2 s
    // later (zip times have 2 s resolution) from a fresh copy of the site's
    // inputs (new mtimes, another path), as a clean clone elsewhere would be.
    const copy = path.join(tmp, 'site-copy');
    fs.mkdirSync(copy);
    for (const e of fs.readdirSync(siteRoot)) {
      if (['casebook.toml', 'content', 'static', 'templates', 'themes', 'data', 'i18n'].includes(e)) {
        fs.cpSync(path.join(siteRoot, e), path.join(copy, e), { recursive: true, preserveTimestamps: false });
      }
    }
    const zips = [path.join(tmp, 'a', 'site.zip'), path.join(tmp, 'b', 'site.zip')];
    [siteRoot, copy].forEach((root, i) => {
      const z = zips[i];
      fs.mkdirSync(path.dirname(z), { recursive: true });
      if (i === 1) spawnSync('sleep', ['2.1']);
      const r = run(bin, ['--root', root, '-q', 'bundle', '--output', z]);
      if (r.status !== 0 || !fs.existsSync(z)) {
        throw new Error(`casebook --root ${root} bundle --output ${z} exited ${r.status}\n${r.stdout}${r.stderr}`);
      }
    });
    const [za, zb] = zips.map((z) => fs.readFileSync(z));
    const sha = (b) => crypto.createHash('sha256').update(b).digest('hex');
    if (!za.equals(zb)) {
      // say what differs: file contents, or only zip metadata (times, order, attributes)
      const lists = zips.map((z) => run('unzip', ['-Zl', z]).stdout.split('\n').slice(1, -2));
      const diffs = [];
      for (let i = 0; i < Math.max(lists[0].length, lists[1].length) && diffs.length < 10; i++) {
        if (lists[0][i] !== lists[1][i]) diffs.push(`      ${lists[0][i] || '(none)'}\n    vs ${lists[1][i] || '(none)'}`);
      }
      fail('reproducible', `two bundles of the same site differ: ${za.length} bytes sha256 ${sha(za)} vs ${zb.length} bytes sha256 ${sha(zb)}; first differing entries (unzip -Zl):\n${diffs.join('\n')}`);
    }
    done('bundle twice', `${za.length} bytes, ${za.equals(zb) ? 'byte-identical' : 'DIFFERENT'} (sha256 ${sha(za).slice(0, 16)}…)`);

    // ---- 2. unzip, one top folder, manifest
    const list = run('unzip', ['-Z1', zips[0]]);
    if (list.status !== 0) throw new Error(`unzip -Z1 failed: ${list.stderr}`);
    const entries = list.stdout.split('\n').filter(Boolean);
    const tops = [...new Set(entries.map((e) => e.split('/')[0]))];
    if (tops.length !== 1 || entries.some((e) => !e.includes('/'))) fail('zip', `expected one top folder, found: ${tops.join(', ')}`);
    const topName = tops[0];
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(topName)) fail('zip', `top folder "${topName}" is not a slug`);
    // sorted entries (the manifest may come last, after the files it lists)
    const body = entries.filter((e) => e !== `${tops[0]}/SHA256SUMS.txt`);
    const sorted = [...body].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    const firstOut = body.findIndex((e, i) => e !== sorted[i]);
    if (firstOut >= 0) fail('zip', `zip entries are not in sorted order (entry ${firstOut + 1}: ${body[firstOut]})`);
    const ex = path.join(tmp, 'x');
    const uz = run('unzip', ['-q', zips[0], '-d', ex]);
    if (uz.status !== 0) throw new Error(`unzip failed (${uz.status}): ${uz.stderr}`);
    const top = path.join(ex, topName);
    const files = walk(top);
    const fileSet = new Set(files);
    const dirSet = new Set();
    for (const f of files) for (let d = path.posix.dirname(f); d !== '.'; d = path.posix.dirname(d)) dirSet.add(d);
    for (const need of ['index.html', 'SHA256SUMS.txt', '使用说明.txt']) if (!fileSet.has(need)) fail('zip', `missing ${topName}/${need}`);
    for (const no of ['atom.xml', 'sitemap.xml']) if (fileSet.has(no)) fail('zip', `offline bundle holds ${no}`);

    const manifest = fs.readFileSync(path.join(top, 'SHA256SUMS.txt'), 'utf8');
    const listed = new Set();
    manifest.split('\n').forEach((line, i) => {
      if (line === '') return;
      const m = line.match(/^([0-9a-f]{64}) [ *](.+)$/);
      if (!m) return fail('manifest', `SHA256SUMS.txt:${i + 1}: not in sha256sum format: ${JSON.stringify(line)}`);
      const rel = m[2];
      if (listed.has(rel)) fail('manifest', `SHA256SUMS.txt:${i + 1}: ${rel} listed twice`);
      listed.add(rel);
      const abs = path.join(top, rel);
      if (!fileSet.has(rel)) return fail('manifest', `SHA256SUMS.txt:${i + 1}: ${rel} is not in the bundle`);
      const got = crypto.createHash('sha256').update(fs.readFileSync(abs)).digest('hex');
      if (got !== m[1]) fail('manifest', `SHA256SUMS.txt:${i + 1}: ${rel}: sum ${m[1]} but file has ${got}`);
      else verified++;
    });
    for (const f of files) if (f !== 'SHA256SUMS.txt' && !listed.has(f)) fail('manifest', `${f} is not listed in SHA256SUMS.txt`);
    // independent cross-check with coreutils
    const sc = run('sha256sum', ['--quiet', '--strict', '-c', 'SHA256SUMS.txt'], { cwd: top });
    if (sc.status !== 0) fail('manifest', `sha256sum -c SHA256SUMS.txt failed:\n${sc.stdout}${sc.stderr}`);
    done('unzip + manifest', `${entries.length} zip entries under ${topName}/, ${files.length} files, ${verified}/${listed.size} sums verified${sc.status === 0 ? ', sha256sum -c OK' : ''}`);

    // ---- 3. static scan
    const idCache = new Map();
    const idsOf = (rel) => {
      if (!idCache.has(rel)) {
        const ids = new Set();
        for (const t of parseHtml(fs.readFileSync(path.join(top, rel), 'utf8')).tags) {
          for (const a of t.attrs) if ((a.name === 'id' || (a.name === 'name' && t.name === 'a')) && a.value) ids.add(a.value);
        }
        idCache.set(rel, ids);
      }
      return idCache.get(rel);
    };
    // Checks one URL found in file `rel` (line `line`). kind: 'link' (a, area,
    // form: may go to another host) or 'resource' (must stay inside the bundle).
    const checkUrl = (rel, line, raw, kind, what) => {
      const where = `${rel}:${line}`;
      const v = raw.trim();
      linksChecked++;
      if (v.startsWith('//')) return fail('links', `${where}: protocol-relative ${what} ${v}`);
      if (v.startsWith('/')) return fail('links', `${where}: root-relative ${what} ${v}`);
      if (siteHost && v.toLowerCase().includes(siteHost.toLowerCase())) return fail('links', `${where}: site-absolute ${what} ${v}`);
      if (SCHEME_RE.test(v)) {
        const scheme = v.slice(0, v.indexOf(':')).toLowerCase();
        if (scheme === 'data' && kind === 'resource') return;
        if (['mailto', 'tel'].includes(scheme) && kind === 'link') return;
        if (['http', 'https'].includes(scheme) && kind === 'link') return;
        return fail('links', `${where}: ${kind === 'resource' ? 'resource from another host/scheme' : 'link with scheme ' + scheme}: ${what} ${v}`);
      }
      const hashAt = v.indexOf('#');
      let frag = hashAt >= 0 ? v.slice(hashAt + 1) : null;
      let p = hashAt >= 0 ? v.slice(0, hashAt) : v;
      const q = p.indexOf('?');
      if (q >= 0) p = p.slice(0, q);
      let target = rel;
      if (p !== '') {
        let dec;
        try {
          dec = decodeURIComponent(p);
        } catch {
          return fail('links', `${where}: bad percent-encoding in ${what} ${v}`);
        }
        target = path.posix.normalize(path.posix.join(path.posix.dirname(rel), dec));
        if (target.startsWith('../') || target === '..') return fail('links', `${where}: ${what} ${v} leaves the bundle folder`);
        if (target === '.' || dec.endsWith('/') || dirSet.has(target)) {
          return fail('links', `${where}: ${what} ${v} names a folder, not a file`);
        }
        if (!fileSet.has(target)) return fail('links', `${where}: ${what} ${v} -> ${target} does not exist`);
      }
      if (frag !== null && frag !== '' && frag !== 'top' && target.endsWith('.html')) {
        try {
          frag = decodeURIComponent(frag);
        } catch {}
        if (!idsOf(target).has(frag)) fail('links', `${where}: ${what} ${v}: no id "${frag}" in ${target}`);
      }
    };
    const scanCss = (rel, css, baseRel, offsetLine) => {
      for (const m of css.matchAll(CSS_ROOT_REL_RE)) fail('links', `${rel}:${offsetLine + lineAt(css, m.index) - 1}: root-relative CSS ${m[0]}`);
      for (const m of css.matchAll(CSS_URL_RE)) {
        const u = m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? '';
        if (u === '' || u.startsWith('#') || u.startsWith('/')) continue; // '/' reported above
        checkUrl(baseRel, offsetLine + lineAt(css, m.index) - 1, u, 'resource', 'url()');
      }
    };
    const scanJs = (rel, js, offsetLine) => {
      for (const m of js.matchAll(JS_ROOT_REL_RE)) fail('links', `${rel}:${offsetLine + lineAt(js, m.index) - 1}: root-relative URL in script: ${m[0].slice(0, 120)}`);
    };
    for (const rel of files) {
      const ext = path.extname(rel).toLowerCase();
      if (!['.html', '.htm', '.css', '.js', '.mjs'].includes(ext)) continue;
      scanned++;
      const text = fs.readFileSync(path.join(top, rel), 'utf8');
      if (siteHost) {
        const low = text.toLowerCase();
        for (let i = low.indexOf(siteHost.toLowerCase()); i !== -1; i = low.indexOf(siteHost.toLowerCase(), i + 1)) {
          fail('links', `${rel}:${lineAt(text, i)}: site-absolute reference to ${siteHost}: …${text.slice(Math.max(0, i - 40), i + 60).replace(/\s+/g, ' ')}…`);
        }
      }
      if (ext === '.css') scanCss(rel, text, rel, 1);
      else if (ext === '.js' || ext === '.mjs') scanJs(rel, text, 1);
      else {
        const { tags, scripts, styles } = parseHtml(text);
        for (const s of scripts) scanJs(rel, s.body, lineAt(text, s.offset));
        for (const s of styles) scanCss(rel, s.body, rel, lineAt(text, s.offset));
        for (const t of tags) {
          const line = lineAt(text, t.offset);
          for (const a of t.attrs) {
            if (a.value === null) continue;
            const v = a.value.trim();
            if (a.name === 'style') {
              scanCss(rel, a.value, rel, line);
              continue;
            }
            if (a.name === 'srcset' || a.name === 'imagesrcset') {
              for (const u of srcsetUrls(a.value)) checkUrl(rel, line, u, 'resource', `<${t.name} ${a.name}>`);
              continue;
            }
            const isUrlAttr =
              ['href', 'src', 'action', 'formaction', 'poster', 'xlink:href', 'background', 'cite'].includes(a.name) ||
              (a.name === 'data' && t.name === 'object');
            if (isUrlAttr) {
              let kind = 'resource';
              if (['a', 'area', 'form', 'button', 'blockquote', 'q', 'del', 'ins'].includes(t.name)) kind = 'link';
              if (t.name === 'link' && !RESOURCE_LINK_RELS.test(t.get('rel') || '')) kind = 'link';
              if (a.name === 'cite') kind = 'link';
              checkUrl(rel, line, a.value, kind, `<${t.name} ${a.name}>`);
              continue;
            }
            // any other attribute (data-root, content, …) holding a root-relative or protocol-relative path
            if (v.startsWith('/')) {
              fail('links', `${rel}:${line}: root-relative value in <${t.name} ${a.name}="${v.slice(0, 80)}">`);
            }
          }
        }
      }
    }
    done('static scan', `${scanned} HTML/CSS/JS files, ${linksChecked} URLs checked`);

    // ---- 4. lychee --offline
    const lychee = process.env.LYCHEE_BIN || 'lychee';
    // --index-files '': a link to a folder is an error (offline links name index.html)
    const lyArgs = ['--offline', '--no-progress', '--include-fragments', '--include-verbatim', '--index-files', '', '--root-dir', top, top];
    console.log(`   ${lychee} ${lyArgs.map((a) => (a === '' ? "''" : a)).join(' ')}`);
    const ly = spawnSync(lychee, lyArgs, {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    if (ly.error) fail('lychee', `cannot run ${lychee}: ${ly.error.message} (cargo install lychee --locked)`);
    else {
      const out = (ly.stdout + ly.stderr).trim();
      if (ly.status !== 0) fail('lychee', `lychee --offline exited ${ly.status}:\n${out}`);
      const summary = out.split('\n').filter((l) => /Total|Errors|Successful|Excluded|🔍|✅|🚫|👻|❓/.test(l)).join(' | ');
      done('lychee --offline', `exit ${ly.status}; ${summary.replace(/\s+/g, ' ').slice(0, 300)}`);
    }

    // ---- 5. crawl in Chromium from file://
    const topUrl = pathToFileURL(top).href.replace(/\/?$/, '/');
    const relOf = (u) => {
      let p;
      try {
        const url = new URL(u);
        if (url.protocol !== 'file:') return null;
        url.hash = '';
        url.search = '';
        p = fileURLToPath(url);
      } catch {
        return null;
      }
      const r = path.relative(top, p).split(path.sep).join('/');
      return { rel: r, inside: !r.startsWith('..') && !path.isAbsolute(r), dirLike: u.split(/[?#]/)[0].endsWith('/') };
    };
    const allowed = (u) => u.startsWith(topUrl) || /^(data|blob|about):/.test(u);
    const browser = await launch();
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
      await blockOtherHosts(context, allowed);
      // start at index.html; 404.html (linked from nowhere) is loaded too
      const queue = ['index.html', ...(fileSet.has('404.html') ? ['404.html'] : [])];
      const visited = new Set(queue);
      const external = new Set();
      const errorsBefore = failures.length;
      let active = 0;
      const worker = async () => {
        const page = await context.newPage();
        const watch = watchPage(page, allowed);
        for (;;) {
          if (!queue.length) {
            if (active === 0) break;
            await new Promise((r) => setTimeout(r, 20));
            continue;
          }
          const rel = queue.shift();
          active++;
          watch.problems.length = 0;
          let links = [];
          try {
            await page.goto(topUrl + rel.split('/').map(encodeURIComponent).join('/'), { waitUntil: 'load', timeout: 30000 });
            await watch.settle();
            links = await page.$$eval('a[href]', (as) => as.map((a) => [a.getAttribute('href'), a.href]));
          } catch (e) {
            watch.problems.push(`navigation error: ${String(e.message || e).split('\n')[0]}`);
          }
          crawled++;
          for (const p of watch.problems) fail('crawl', `${rel}: ${p}`);
          for (const [raw, abs] of links) {
            if (/^(https?|mailto|tel):/i.test(abs)) {
              external.add(abs);
              continue;
            }
            const r = relOf(abs);
            if (!r) {
              fail('crawl', `${rel}: link ${raw} -> ${abs} is neither file:// nor an external web link`);
              continue;
            }
            if (!r.inside) {
              fail('crawl', `${rel}: link ${raw} leaves the bundle folder`);
              continue;
            }
            if (r.dirLike || dirSet.has(r.rel) || r.rel === '') {
              fail('crawl', `${rel}: link ${raw} opens a folder, not a file`);
              continue;
            }
            if (!fileSet.has(r.rel)) {
              fail('crawl', `${rel}: link ${raw} -> ${r.rel} does not exist`);
              continue;
            }
            if (/\.html?$/i.test(r.rel) && !visited.has(r.rel)) {
              visited.add(r.rel);
              queue.push(r.rel);
            }
          }
          active--;
        }
        await page.close();
      };
      // three pages in parallel; a worker that finds the queue empty waits
      // while others still load pages that may add to it
      await Promise.all([worker(), worker(), worker()]);
      const htmlFiles = files.filter((f) => /\.html?$/i.test(f));
      const unreached = htmlFiles.filter((f) => !visited.has(f));
      for (const f of unreached) fail('crawl', `${f} is not reachable by links from index.html`);
      done(
        'crawl from file://',
        `${crawled} pages loaded (${htmlFiles.length} HTML files in bundle, ${unreached.length} unreached), ${external.size} external links not followed, ${failures.length - errorsBefore} problems`,
      );

      // ---- 6. search
      const page = await context.newPage();
      const watch = watchPage(page, allowed);
      if (!fileSet.has('search/index.html')) fail('search', 'search/index.html is missing');
      else {
        for (const s of SEARCHES) {
          watch.problems.length = 0;
          const url = `${topUrl}search/index.html?q=${encodeURIComponent(s.q)}`;
          let hrefs = [];
          let text = '';
          try {
            await page.goto(url, { waitUntil: 'load', timeout: 30000 });
            await watch.settle();
            if (!(await waitForSearchResults(page))) watch.problems.push('#search-results did not settle on an answer within 8 s');
            ({ hrefs, text } = await page.evaluate(() => {
              const r = document.querySelector('#search-results');
              return r
                ? { hrefs: [...r.querySelectorAll('a[href]')].map((a) => a.href), text: r.textContent.trim() }
                : { hrefs: null, text: '' };
            }));
          } catch (e) {
            watch.problems.push(`error: ${String(e.message || e).split('\n')[0]}`);
          }
          const label = `?q=${s.q}`;
          for (const p of watch.problems) fail('search', `${label}: ${p}`);
          if (hrefs === null) {
            fail('search', `${label}: no #search-results element`);
            continue;
          }
          const got = { cases: new Set(), summaries: new Set() };
          for (const h of hrefs) {
            const r = relOf(h);
            if (!r || !r.inside) continue;
            const m = r.rel.match(/^(cases|summaries)\/([^/]+)\/index\.html$/);
            if (m && m[2] !== 'page') got[m[1]].add(m[2]);
            if (r.inside && !fileSet.has(r.rel)) fail('search', `${label}: result link ${h} -> ${r.rel} does not exist`);
          }
          const want = new Set(s.cases);
          const missingCases = s.cases.filter((c) => !got.cases.has(c));
          const extraCases = [...got.cases].filter((c) => !want.has(c));
          const extraSummaries = [...got.summaries].filter((c) => !s.summaries.includes(c));
          const missingSummaries = s.summaries.filter((c) => !got.summaries.has(c));
          let ok = true;
          if (missingCases.length) ok = false, fail('search', `${label}: expected case(s) missing from results: ${missingCases.join(', ')}`);
          if (extraCases.length) ok = false, fail('search', `${label}: unexpected case(s) in results: ${extraCases.join(', ')}`);
          if (extraSummaries.length) ok = false, fail('search', `${label}: unexpected summary result(s): ${extraSummaries.join(', ')}`);
          if (missingSummaries.length) ok = false, fail('search', `${label}: expected summary result(s) missing: ${missingSummaries.join(', ')}`);
          if (!s.cases.length && !text) ok = false, fail('search', `${label}: nothing rendered into #search-results (expected a "no results" message)`);
          if (s.cases.length && !hrefs.length) {
            fail('search', `${label}: no result links rendered into #search-results (text: ${JSON.stringify(text.slice(0, 100))})`);
          }
          if (ok && !watch.problems.length) searchesOk++;
          console.log(`   search ${label}: cases {${[...got.cases].sort().join(', ')}} summaries {${[...got.summaries].sort().join(', ')}}`);
        }
      }
      done('search from file://', `${searchesOk}/${SEARCHES.length} queries with exact results`);

      // ---- 7. print view of each compilation
      const comps = files.filter((f) => /^compilations\/[^/]+\/print\/index\.html$/.test(f));
      if (!comps.length) fail('print', 'no compilations/<slug>/print/index.html in the bundle');
      let printed = 0;
      for (const printRel of comps) {
        const compRel = printRel.replace(/print\/index\.html$/, 'index.html');
        watch.problems.length = 0;
        try {
          await page.goto(topUrl + compRel, { waitUntil: 'load' });
          // the compilation's contents: links from its main content to case pages
          const toc = await page.evaluate(() => {
            const seen = new Map();
            for (const a of document.querySelectorAll('main a[href]')) {
              const m = a.href.match(/\/cases\/([^/]+)\/index\.html$/);
              if (!m || m[1] === 'page' || seen.has(m[1])) continue;
              const c = a.cloneNode(true);
              c.querySelectorAll('.visually-hidden, [aria-hidden="true"]').forEach((e) => e.remove());
              seen.set(m[1], c.textContent.replace(/\s+/g, ' ').trim());
            }
            return [...seen];
          });
          if (!toc.length) fail('print', `${compRel}: no case links in its contents`);
          // the print link on the compilation page must lead to the print view
          const printLink = await page.evaluate(() => [...document.querySelectorAll('a[href]')].map((a) => a.href).find((h) => /\/print\/index\.html$/.test(h)));
          if (!printLink || relOf(printLink).rel !== printRel) fail('print', `${compRel}: no link to ${printRel}`);
          await page.goto(topUrl + printRel, { waitUntil: 'load' });
          await page.emulateMedia({ media: 'print' });
          const body = await page.evaluate(() => document.body.innerText.replace(/\s+/g, ' '));
          const norm = (s) => s.replace(/\s+/g, ' ');
          const absent = toc.filter(([, title]) => !body.includes(norm(title)));
          for (const [slug, title] of absent) fail('print', `${printRel}: case ${slug} (“${title}”) is not in the print view`);
          const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
          const pdfPages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
          if (pdfPages < toc.length + 1) fail('print', `${printRel}: printed to ${pdfPages} A4 page(s) for ${toc.length} cases (each case should start a new page)`);
          for (const p of watch.problems) fail('print', `${printRel}: ${p}`);
          if (!absent.length) printed++;
          done('print view', `${printRel}: ${toc.length - absent.length}/${toc.length} cases of the contents present, ${pdfPages} A4 pages as PDF`);
        } catch (e) {
          fail('print', `${printRel}: ${String(e.message || e).split('\n')[0]}`);
        }
      }
      await context.close();
    } finally {
      await browser.close();
    }
  } catch (e) {
    failures.push(`[fatal] ${e.stack || e}`);
  } finally {
    if (process.env.KEEP_BUNDLE_TMP === '1') console.log(`kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }

  console.log('\nTimings:\n' + timings.join('\n'));
  if (failures.length) {
    console.log(`\nProblems (${failures.length}):`);
    const shown = failures.slice(0, 200);
    for (const f of shown) console.log(`  ${f}`);
    if (failures.length > shown.length) console.log(`  … and ${failures.length - shown.length} more`);
  }
  console.log(
    `\nbundle: ${crawled} pages crawled, ${verified} sums verified, ${scanned} files scanned, ${searchesOk}/${SEARCHES.length} searches exact, ${fmtMs(Date.now() - t0)}`,
  );
  // closing line in the plain format: one check per section
  const sections = ['reproducible', 'zip', 'manifest', 'links', 'lychee', 'crawl', 'search', 'print'];
  const bad = new Set(failures.map((f) => f.slice(1, f.indexOf(']'))));
  const nPassed = sections.filter((s) => !bad.has(s)).length;
  console.log(`bundle: ${nPassed} passed, ${bad.size} failed`);
  process.exit(failures.length ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
