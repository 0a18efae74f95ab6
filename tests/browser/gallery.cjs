#!/usr/bin/env node
'use strict';
// Galleries, large-view pages and albums in the offline bundle (issue 18).
//
//   node tests/browser/gallery.cjs [SITE_ROOT]   (default: the repository root, the demo site)
//   node tests/browser/gallery.cjs --dir FOLDER  (an already extracted offline site, as is)
//
// Runs `casebook bundle` on the site into a temporary folder and unzips it
// (`unzip`), then in headless Chromium from file://, on the first page with a
// [data-gallery] section (a case page preferred):
//  1. thumbnails: each image loads, and every file it may load is <= 800 px wide;
//  2. without JavaScript: a click on a thumbnail opens its large-view page,
//     whose big image is that photo and loads; the pages' next / prev links
//     go round the gallery in order; the owner link leads back to #gallery;
//  3. with JavaScript (js/gallery.js): a click opens the viewer dialog (its
//     name, photo, alt, caption, position), ←/→ (wrapping), Home/End, the
//     buttons, Tab stays inside, Esc closes and focus is on the thumbnail link
//     of the photo last shown, a click beside the photo closes, a Ctrl-click
//     keeps the link's meaning; the photo fits the viewport at 1280 and 390 px;
//     no animation with reduced motion; nothing of the viewer in print;
//  4. albums/index.html: every card leads to an existing page with #gallery,
//     and every gallery of the bundle has a card;
//  5. axe-core (WCAG 2.x A/AA) on the gallery page, with the viewer open, on a
//     large-view page and on the albums page.
// Every page: no console error, no uncaught error, no failed request and no
// request leaving file://.
//
// Env: CASEBOOK_BIN (default target/release/casebook), CHROMIUM_BIN,
// KEEP_GALLERY_TMP=1 keeps the temporary folder.
// Exit status: 0 when every check passes, 1 otherwise (2: no binary).
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { pathToFileURL, fileURLToPath } = require('url');
const { REPO_ROOT, launch, watchPage, blockOtherHosts, fmtMs, walk } = require('./lib.cjs');

const MAX_THUMB_WIDTH = 800;
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const VIEWPORTS = [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
];

// ── Results ────────────────────────────────────────────────────────────────
const results = [];
function check(name, pass, detail) {
  results.push({ name, pass: !!pass });
  console.log(`${pass ? 'PASS' : 'FAIL'}  ${name}${!pass && detail ? `\n        ${String(detail).replace(/\n/g, '\n        ')}` : ''}`);
  return !!pass;
}
// Runs one group of checks; an exception is one more failure, not the end.
async function section(name, fn) {
  console.log(`\n-- ${name}`);
  const t = Date.now();
  try {
    await fn();
  } catch (e) {
    check(`${name}: ran to the end`, false, String(e && e.stack ? e.stack : e).split('\n').slice(0, 4).join('\n'));
  }
  console.log(`   (${fmtMs(Date.now() - t)})`);
}
const squash = (s) => String(s || '').replace(/\s+/g, ' ').trim();
const fill = (tpl, vars) => String(tpl).replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
const noHash = (u) => u.split('#')[0];

function run(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  return r;
}

// Bundles the site into `tmp` and unzips it; returns the extracted top folder.
function bundle(siteRoot, tmp) {
  const bin = process.env.CASEBOOK_BIN || path.join(REPO_ROOT, 'target', 'release', 'casebook');
  if (!fs.existsSync(bin)) {
    console.error(`gallery: casebook binary not found at ${bin} (cargo build --release, or set CASEBOOK_BIN)`);
    process.exit(2);
  }
  const zip = path.join(tmp, 'site.zip');
  const r = run(bin, ['--root', siteRoot, '-q', 'bundle', '--output', zip]);
  if (r.status !== 0 || !fs.existsSync(zip)) throw new Error(`casebook bundle exited ${r.status}\n${r.stdout}${r.stderr}`);
  const ex = path.join(tmp, 'x');
  const uz = run('unzip', ['-q', zip, '-d', ex]);
  if (uz.status !== 0) throw new Error(`unzip failed (${uz.status}): ${uz.stderr}`);
  const tops = fs.readdirSync(ex);
  if (tops.length !== 1) throw new Error(`expected one top folder in the bundle, found: ${tops.join(', ')}`);
  return path.join(ex, tops[0]);
}

// ── In the page ────────────────────────────────────────────────────────────
// What the first gallery of the page promises: its labels and, per link, the
// large-view page, the photo's files (absolute URLs), alt and caption.
function readGallery() {
  const sec = document.querySelector('[data-gallery]');
  const abs = (u) => new URL(u, location.href).href;
  const srcset = (v) => (v || '').split(',').map((s) => s.trim().split(/\s+/)[0]).filter(Boolean).map(abs);
  const sq = (s) => String(s || '').replace(/\s+/g, ' ').trim();
  return {
    id: sec.id,
    labels: {
      prev: sec.dataset.labelPrev,
      next: sec.dataset.labelNext,
      close: sec.dataset.labelClose,
      dialog: sec.dataset.labelDialog,
      position: sec.dataset.labelPosition,
    },
    photos: [...sec.querySelectorAll('a.gallery-link')].map((a) => {
      const fig = a.closest('figure');
      const cap = fig && fig.querySelector('figcaption');
      const thumb = a.querySelector('img');
      const capOnly = cap && cap.querySelector('.caption');
      return {
        href: a.href,
        files: [...new Set([a.dataset.src ? abs(a.dataset.src) : null, ...srcset(a.dataset.srcset)].filter(Boolean))],
        width: a.dataset.width,
        height: a.dataset.height,
        alt: thumb ? thumb.getAttribute('alt') : null,
        caption: sq(cap ? cap.textContent : ''),
        title: capOnly ? sq(capOnly.textContent) : null,
      };
    }),
  };
}

// The viewer's state, from the outside: the open <dialog> and its photo.
function viewerState() {
  const dlgs = [...document.querySelectorAll('dialog')];
  const dlg = dlgs.find((x) => x.open) || dlgs[0];
  if (!dlg) return { exists: false, dialogs: 0 };
  const img = dlg.querySelector('img');
  const r = (e) => {
    const b = e.getBoundingClientRect();
    return { left: b.left, top: b.top, right: b.right, bottom: b.bottom, width: b.width, height: b.height };
  };
  return {
    exists: true,
    dialogs: dlgs.length,
    open: dlg.open,
    modal: dlg.matches(':modal'),
    text: dlg.textContent.replace(/\s+/g, ' ').trim(),
    img: img && {
      src: img.currentSrc || img.src,
      complete: img.complete,
      naturalWidth: img.naturalWidth,
      alt: img.getAttribute('alt'),
      sizes: img.getAttribute('sizes'),
      width: img.getAttribute('width'),
      height: img.getAttribute('height'),
      rect: r(img),
    },
    buttons: [...dlg.querySelectorAll('button')].map((b) => ({ type: b.getAttribute('type'), hidden: b.hidden || !b.offsetParent, rect: r(b) })),
    active: dlg.contains(document.activeElement) && document.activeElement !== dlg ? document.activeElement.tagName : null,
    activeIn: dlg.contains(document.activeElement),
    viewport: { width: innerWidth, height: innerHeight },
  };
}

// Waits until the viewer is open on photo `files` (one of its URLs) and
// that photo has loaded. Resolves true, or false after `timeout` ms.
async function waitPhoto(page, files, timeout = 8000) {
  return page
    .waitForFunction(
      (fs) => {
        const dlg = [...document.querySelectorAll('dialog')].find((x) => x.open);
        const img = dlg && dlg.querySelector('img');
        return !!img && img.complete && img.naturalWidth > 0 && fs.includes(img.currentSrc || img.src);
      },
      files,
      { timeout, polling: 50 },
    )
    .then(() => true, () => false);
}

async function runAxe(page, axeSource) {
  if (!(await page.evaluate(() => !!window.axe))) await page.evaluate(axeSource);
  const res = await page.evaluate(
    // preload: false, as from file:// the stylesheets are another origin to
    // axe's XHR, which Chromium refuses with a console error
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'], preload: false }),
    AXE_TAGS,
  );
  return res.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} [${v.nodes.length}] ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`,
  );
}

// ── Main ───────────────────────────────────────────────────────────────────
async function main() {
  const t0 = Date.now();
  const argv = process.argv.slice(2);
  const dirMode = argv[0] === '--dir';
  if (dirMode && !argv[1]) {
    console.error('usage: node tests/browser/gallery.cjs [SITE_ROOT] | --dir FOLDER');
    process.exit(2);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'casebook-gallery-'));
  const cleanup = () => {
    if (process.env.KEEP_GALLERY_TMP === '1') console.log(`kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  };
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.once(sig, () => {
      cleanup();
      process.exit(1);
    });
  }
  let browser = null;
  // the checks; a return ends them early, the summary still comes
  const body = async () => {
    const top = dirMode ? path.resolve(argv[1]) : bundle(path.resolve(argv[0] || REPO_ROOT), tmp);
    const topUrl = pathToFileURL(top).href.replace(/\/?$/, '/');
    const files = walk(top);
    const fileSet = new Set(files);
    const relOf = (u) => {
      try {
        const p = fileURLToPath(noHash(u).split('?')[0]);
        const r = path.relative(top, p).split(path.sep).join('/');
        return r.startsWith('..') || path.isAbsolute(r) ? null : r;
      } catch {
        return null;
      }
    };
    const allowed = (u) => u.startsWith(topUrl) || /^(data|blob|about):/.test(u);
    console.log(`site: ${top} (${files.length} files)`);

    // the pages with a gallery; the first case page is the one checked
    const galleryPages = files.filter((f) => /\.html$/.test(f) && /\sdata-gallery[\s>=]/.test(fs.readFileSync(path.join(top, f), 'utf8')));
    const galleryRel = galleryPages.find((f) => f.startsWith('cases/')) || galleryPages[0];
    if (!check('a page with a [data-gallery] section exists', !!galleryRel, `no extracted .html page contains data-gallery`)) return;
    console.log(`gallery page: ${galleryRel} (${galleryPages.length} page(s) with a gallery)`);
    const galleryUrl = topUrl + galleryRel;
    const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

    browser = await launch();
    const ctxOpts = { viewport: VIEWPORTS[0], locale: 'zh-CN', reducedMotion: 'no-preference' };
    const context = await browser.newContext(ctxOpts);
    await blockOtherHosts(context, allowed);
    // a Ctrl-click's new tab is not checked here
    context.on('page', (p) => {
      if (p.opener) p.opener().then((o) => o && p.close().catch(() => {}));
    });
    const page = await context.newPage();
    const watch = watchPage(page, allowed);
    const problems = (where) => {
      const p = watch.problems.splice(0);
      check(`${where}: no console error, failed request or other host`, !p.length, p.join('\n'));
    };

    let G = null;
    // ── 1. thumbnails
    await section('thumbnails', async () => {
      await page.goto(galleryUrl, { waitUntil: 'load' });
      G = await page.evaluate(readGallery);
      const n = G.photos.length;
      check(`gallery has photos (${n})`, n > 0);
      check('the gallery section is #gallery', G.id === 'gallery', `id="${G.id}"`);
      const missingLabels = Object.entries(G.labels).filter(([, v]) => !v).map(([k]) => `data-label-${k}`);
      check('the gallery section has every data-label-*', !missingLabels.length, `missing: ${missingLabels.join(', ')}`);
      check('the position label has {n} and {total}', /\{n\}/.test(G.labels.position || '') && /\{total\}/.test(G.labels.position || ''), G.labels.position);
      // lazy images load once near the viewport
      for (const a of await page.$$('[data-gallery] a.gallery-link')) await a.scrollIntoViewIfNeeded();
      await page
        .waitForFunction(() => [...document.querySelectorAll('[data-gallery] a.gallery-link img')].every((i) => i.complete), null, { timeout: 8000 })
        .catch(() => {});
      const thumbs = await page.evaluate(async () => {
        const abs = (u) => new URL(u, location.href).href;
        const fileWidth = (u) =>
          new Promise((res) => {
            const p = new Image();
            p.onload = () => res(p.naturalWidth);
            p.onerror = () => res(-1);
            p.src = u;
          });
        const out = [];
        for (const img of document.querySelectorAll('[data-gallery] a.gallery-link img')) {
          const cands = [img.getAttribute('src'), ...(img.getAttribute('srcset') || '').split(',').map((s) => s.trim().split(/\s+/)[0])]
            .filter(Boolean)
            .map(abs);
          const widths = [];
          for (const u of [...new Set(cands)]) widths.push([u, await fileWidth(u)]);
          out.push({ src: img.currentSrc, complete: img.complete, naturalWidth: img.naturalWidth, widths });
        }
        return out;
      });
      const notLoaded = thumbs.filter((t) => !t.complete || !(t.naturalWidth > 0)).map((t) => t.src);
      check(`every thumbnail image loads (${thumbs.length})`, thumbs.length === n && !notLoaded.length, `not loaded: ${notLoaded.join(', ')}`);
      const big = thumbs.flatMap((t) => t.widths.filter(([, w]) => w < 0 || w > MAX_THUMB_WIDTH)).map(([u, w]) => `${relOf(u) || u}: ${w < 0 ? 'does not load' : `${w} px`}`);
      check(`every thumbnail file is <= ${MAX_THUMB_WIDTH} px wide`, !big.length, big.join('\n'));
      const unlisted = G.photos.filter((p) => !p.files.length || !p.width || !p.height).map((p) => p.href);
      check('every link has data-src, data-width and data-height', !unlisted.length, unlisted.join('\n'));
      const absent = G.photos.flatMap((p) => p.files).filter((u) => !fileSet.has(relOf(u)));
      check('every data-src / data-srcset file is in the bundle', !absent.length, absent.join('\n'));
      problems('gallery page');
    });
    if (!G || !G.photos.length) return;
    const N = G.photos.length;
    const posText = (i) => fill(G.labels.position, { n: i + 1, total: N });

    // ── 2. without JavaScript
    await section('large-view pages without JavaScript', async () => {
      const ctx = await browser.newContext({ ...ctxOpts, javaScriptEnabled: false });
      await blockOtherHosts(ctx, allowed);
      const p = await ctx.newPage();
      const w = watchPage(p, allowed);
      try {
        await p.goto(galleryUrl, { waitUntil: 'load' });
        await p.click('[data-gallery] a.gallery-link >> nth=0');
        await p.waitForURL((u) => noHash(u.href) === noHash(G.photos[0].href), { timeout: 8000 }).catch(() => {});
        check('a click on the first thumbnail opens its large-view page', noHash(p.url()) === noHash(G.photos[0].href), `at ${p.url()}, expected ${G.photos[0].href}`);
        check('the large-view page is a file of the bundle (not a folder)', fileSet.has(relOf(p.url()) || ''), relOf(p.url()));
        const pageOk = async (i, how) => {
          await p.waitForLoadState('load');
          const st = await p.evaluate(() => {
            const img = document.querySelector('.photo-full img');
            const h1 = document.querySelector('h1');
            const pos = document.querySelector('.photo-pos');
            return {
              img: img && { src: img.currentSrc || img.src, complete: img.complete, naturalWidth: img.naturalWidth, alt: img.getAttribute('alt') },
              h1: h1 ? h1.textContent.replace(/\s+/g, ' ').trim() : null,
              pos: pos ? pos.textContent.replace(/\s+/g, ' ').trim() : null,
              owner: [...document.querySelectorAll('a[href]')].filter((a) => /#gallery$/.test(a.href)).map((a) => a.href),
            };
          });
          const ph = G.photos[i];
          const where = `photo ${i + 1}/${N} (${how})`;
          check(`${where}: at ${relOf(ph.href)}`, noHash(p.url()) === noHash(ph.href), `at ${p.url()}`);
          check(
            `${where}: its big image is the photo and loads`,
            st.img && st.img.complete && st.img.naturalWidth > 0 && ph.files.includes(st.img.src),
            JSON.stringify(st.img) + ` expected one of ${ph.files.map(relOf).join(', ')}`,
          );
          if (ph.title) check(`${where}: its title is the caption`, st.h1 === ph.title, `h1 "${st.h1}", caption "${ph.title}"`);
          check(`${where}: position "${posText(i)}"`, st.pos === posText(i), `got "${st.pos}"`);
          const ownerOk = st.owner.length > 0 && st.owner.every((h) => noHash(h) === galleryUrl && h.endsWith('#gallery'));
          check(`${where}: links back to the gallery (#gallery)`, ownerOk, st.owner.join(', ') || 'no link ending in #gallery');
        };
        await pageOk(0, 'from the thumbnail');
        if (N > 1) {
          for (let k = 1; k <= N; k++) {
            await p.click('.photo-nav a[rel~="next"]');
            await p.waitForURL((u) => noHash(u.href) === noHash(G.photos[k % N].href), { timeout: 8000 }).catch(() => {});
            await pageOk(k % N, 'next');
          }
          for (let k = N - 1; k >= 0; k--) {
            await p.click('.photo-nav a[rel~="prev"]');
            await p.waitForURL((u) => noHash(u.href) === noHash(G.photos[k].href), { timeout: 8000 }).catch(() => {});
            await pageOk(k, 'prev');
          }
        }
        const pr = w.problems.splice(0);
        check('large-view pages: no console error, failed request or other host', !pr.length, pr.join('\n'));
      } finally {
        await ctx.close();
      }
    });

    // ── 3. the viewer
    const openAt = async (i) => {
      await page.goto(galleryUrl, { waitUntil: 'load' });
      const link = page.locator('[data-gallery] a.gallery-link').nth(i);
      await link.scrollIntoViewIfNeeded();
      await link.click();
      return waitPhoto(page, G.photos[i].files);
    };
    const shows = async (i, how) => {
      const ok = await waitPhoto(page, G.photos[i].files);
      const st = await page.evaluate(viewerState);
      const ph = G.photos[i];
      const where = `${how}: photo ${i + 1}/${N}`;
      check(`${where}: the viewer shows it, loaded`, ok && st.open, `open=${st.open}, img=${JSON.stringify(st.img)} expected one of ${ph.files.map(relOf).join(', ')}`);
      if (!st.img) return st;
      check(`${where}: alt is the thumbnail's`, st.img.alt === ph.alt, `alt "${st.img.alt}", thumbnail "${ph.alt}"`);
      check(`${where}: caption and position shown`, st.text.includes(ph.caption) && st.text.includes(posText(i)), `text "${st.text}", expected "${ph.caption}" and "${posText(i)}"`);
      check(
        `${where}: sizes="100vw", width/height from the link`,
        st.img.sizes === '100vw' && st.img.width === ph.width && st.img.height === ph.height,
        `sizes=${st.img.sizes} ${st.img.width}x${st.img.height}, link ${ph.width}x${ph.height}`,
      );
      return st;
    };
    const focusIs = async (i) =>
      page
        .waitForFunction((href) => document.activeElement && document.activeElement.href === href && !!document.activeElement.closest('[data-gallery]'), G.photos[i].href, { timeout: 3000 })
        .then(() => true, () => false);
    const isOpen = () => page.evaluate(() => [...document.querySelectorAll('dialog')].some((x) => x.open));

    await section('viewer with JavaScript', async () => {
      await openAt(0);
      let st = await shows(0, 'click');
      check('the viewer is a modal <dialog>, only one in the page', st.exists && st.modal && st.dialogs === 1, JSON.stringify({ modal: st.modal, dialogs: st.dialogs }));
      const dialog = page.getByRole('dialog', { name: G.labels.dialog, exact: true });
      check(`the dialog is named "${G.labels.dialog}"`, (await dialog.count()) === 1);
      const btn = (name) => dialog.getByRole('button', { name, exact: true });
      for (const k of ['prev', 'next', 'close']) {
        check(`button "${G.labels[k]}" (${k})`, (await btn(G.labels[k]).count()) === (N > 1 || k === 'close' ? 1 : 0));
      }
      const visible = st.buttons.filter((b) => !b.hidden);
      check('every button is type="button"', st.buttons.length > 0 && st.buttons.every((b) => b.type === 'button'), JSON.stringify(st.buttons.map((b) => b.type)));
      check('every button is at least 44 x 44 px', visible.every((b) => b.rect.width >= 44 && b.rect.height >= 44), JSON.stringify(visible.map((b) => [b.rect.width, b.rect.height])));
      check('focus is inside the dialog', st.activeIn);
      if (N > 1) {
        await page.keyboard.press('ArrowRight');
        await shows(1 % N, 'ArrowRight');
        await page.keyboard.press('ArrowLeft');
        await shows(0, 'ArrowLeft');
        await page.keyboard.press('ArrowLeft');
        await shows(N - 1, 'ArrowLeft from the first (wraps)');
        await page.keyboard.press('ArrowRight');
        await shows(0, 'ArrowRight from the last (wraps)');
        await page.keyboard.press('End');
        await shows(N - 1, 'End');
        await page.keyboard.press('Home');
        await shows(0, 'Home');
        await btn(G.labels.next).click();
        await shows(1 % N, `button ${G.labels.next}`);
        await btn(G.labels.prev).click();
        await shows(0, `button ${G.labels.prev}`);
      }
      // Tab and Shift+Tab stay in the dialog
      const outside = [];
      for (const key of ['Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
        await page.keyboard.press(key);
        const s = await page.evaluate(viewerState);
        if (!s.active) outside.push(`${key} -> ${await page.evaluate(() => (document.activeElement ? document.activeElement.outerHTML.slice(0, 80) : 'none'))}`);
      }
      check('Tab / Shift+Tab keep focus inside the dialog', !outside.length, outside.join('\n'));
      check('the viewer is still open after Tab', await isOpen());
      // Esc after moving on: focus on the link of the photo last shown
      const last = N > 1 ? 1 : 0;
      if (N > 1) {
        await page.keyboard.press('ArrowRight');
        await shows(last, 'ArrowRight');
      }
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => ![...document.querySelectorAll('dialog')].some((x) => x.open), null, { timeout: 3000 }).catch(() => {});
      check('Escape closes the viewer', !(await isOpen()));
      check(`after closing, focus is on the thumbnail link of the photo last shown (${last + 1})`, await focusIs(last),
        await page.evaluate(() => (document.activeElement ? document.activeElement.outerHTML.slice(0, 120) : 'none')));
      // Enter on the focused link opens the viewer again (keyboard users)
      await page.keyboard.press('Enter');
      check('Enter on a thumbnail link opens the viewer', (await waitPhoto(page, G.photos[last].files)) && (await isOpen()));
      await btn(G.labels.close).click();
      await page.waitForTimeout(50);
      check(`the "${G.labels.close}" button closes the viewer`, !(await isOpen()));
      check('…and focus is back on the thumbnail link', await focusIs(last));
      problems('viewer');

      // a click beside the photo (the backdrop) closes
      await openAt(0);
      const spot = await page.evaluate(() => {
        const dlg = [...document.querySelectorAll('dialog')].find((x) => x.open);
        const W = innerWidth;
        const H = innerHeight;
        const pts = [[3, 3], [W - 3, 3], [3, H / 2], [W - 3, H / 2], [W / 2, 3], [3, H - 3]];
        for (const [x, y] of pts) {
          const e = document.elementFromPoint(x, y);
          if (e && dlg.contains(e) && !e.closest('img, button, a, figcaption, p, input') ) return [x, y];
        }
        return null;
      });
      if (check('the viewer has an empty area beside the photo', !!spot)) {
        await page.mouse.click(spot[0], spot[1]);
        await page.waitForTimeout(50);
        check('a click beside the photo closes the viewer', !(await isOpen()));
      }
      // a click on the photo itself does not
      await openAt(0);
      const img = page.locator('dialog[open] img');
      await img.click();
      check('a click on the photo keeps the viewer open', await isOpen());
      if (N > 1) {
        await page.keyboard.press('ArrowRight');
        await shows(1, 'ArrowRight after a click on the photo');
      }
      // Ctrl-click keeps the link's own meaning (a new tab), no viewer
      await page.goto(galleryUrl, { waitUntil: 'load' });
      const l0 = page.locator('[data-gallery] a.gallery-link').nth(0);
      await l0.scrollIntoViewIfNeeded();
      await l0.click({ modifiers: ['Control'] });
      await page.waitForTimeout(200);
      check('Ctrl-click on a thumbnail does not open the viewer', !(await isOpen()) && noHash(page.url()) === galleryUrl);
      problems('viewer clicks');
      // no global left behind: window's own names with the viewer used,
      // against a large-view page (the same other scripts, no gallery)
      await openAt(0);
      const names = () => page.evaluate(() => Object.getOwnPropertyNames(window));
      const withViewer = await names();
      await page.goto(G.photos[0].href, { waitUntil: 'load' });
      const base = new Set(await names());
      const leaked = withViewer.filter((k) => !base.has(k));
      check('the gallery script leaves no global variable', !leaked.length, leaked.join(', '));
    });

    await section('viewer layout, motion, print', async () => {
      for (const vp of VIEWPORTS) {
        await page.setViewportSize(vp);
        const bad = [];
        await openAt(0);
        for (let i = 0; i < N; i++) {
          if (i > 0) {
            await page.keyboard.press('ArrowRight');
            await waitPhoto(page, G.photos[i].files);
          }
          const st = await page.evaluate(viewerState);
          const r = st.img.rect;
          const inside = r.width > 0 && r.height > 0 && r.left >= -0.5 && r.top >= -0.5 && r.right <= vp.width + 0.5 && r.bottom <= vp.height + 0.5;
          const overlap = st.buttons.filter((b) => !b.hidden).some((b) => b.rect.left < r.right && b.rect.right > r.left && b.rect.top < r.bottom && b.rect.bottom > r.top);
          if (!inside || overlap) bad.push(`photo ${i + 1}: img ${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}x${Math.round(r.height)}${overlap ? ' overlaps a button' : ''}`);
          const ratio = Number(G.photos[i].width) / Number(G.photos[i].height);
          if (r.height > 0 && Math.abs(r.width / r.height - ratio) > 0.02 * ratio) bad.push(`photo ${i + 1}: shown ${r.width.toFixed(0)}x${r.height.toFixed(0)}, not its ${G.photos[i].width}x${G.photos[i].height} shape`);
        }
        check(`${vp.width} px: every photo fits the viewport, keeps its shape, clear of the buttons`, !bad.length, bad.join('\n'));
        await page.keyboard.press('Escape');
      }
      await page.setViewportSize(VIEWPORTS[0]);
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await openAt(0);
      const anim = await page.evaluate(() => {
        const s = getComputedStyle([...document.querySelectorAll('dialog')].find((x) => x.open));
        return `${s.animationName} ${s.transitionDuration}`;
      });
      check('prefers-reduced-motion: the viewer opens without animation', /^none /.test(anim) && !/[1-9]/.test(anim.split(' ').slice(1).join(' ')), anim);
      await page.emulateMedia({ reducedMotion: 'no-preference', media: 'print' });
      const print = await page.evaluate(() => {
        const dlg = [...document.querySelectorAll('dialog')].find((x) => x.open);
        const grid = document.querySelector('[data-gallery] .gallery-grid');
        return { viewer: getComputedStyle(dlg).display, grid: grid ? getComputedStyle(grid).display : null };
      });
      check('print: the viewer is hidden, the thumbnails are a grid', print.viewer === 'none' && print.grid === 'grid', JSON.stringify(print));
      await page.emulateMedia({ media: 'screen' });
      await page.goto(G.photos[0].href, { waitUntil: 'load' });
      await page.emulateMedia({ media: 'print' });
      const nav = await page.evaluate(() => {
        const n = document.querySelector('.photo-nav');
        return n ? getComputedStyle(n).display : 'absent';
      });
      check('print: the large-view page hides its photo navigation', nav === 'none' || (N === 1 && nav === 'absent'), `display: ${nav}`);
      await page.emulateMedia({ media: 'screen' });
      problems('layout');
    });

    // ── 4. albums
    await section('albums', async () => {
      const albumsRel = 'albums/index.html';
      if (!check('albums/index.html exists', fileSet.has(albumsRel))) return;
      await page.goto(topUrl + albumsRel, { waitUntil: 'load' });
      for (const c of await page.$$('.album-card')) await c.scrollIntoViewIfNeeded();
      await page.waitForFunction(() => [...document.querySelectorAll('.album-card img')].every((i) => i.complete), null, { timeout: 8000 }).catch(() => {});
      const cards = await page.evaluate(() =>
        [...document.querySelectorAll('.album-card')].map((c) => {
          const a = c.querySelector('a[href]');
          const img = c.querySelector('img');
          return { href: a ? a.href : null, img: img ? img.complete && img.naturalWidth > 0 : null, title: a ? a.textContent.replace(/\s+/g, ' ').trim() : '' };
        }),
      );
      check(`the albums page has cards (${cards.length})`, cards.length > 0);
      const groups = await page.evaluate(() => document.querySelectorAll('.album-group').length);
      check(`the cards are in groups (${groups})`, groups > 0);
      const targets = new Set();
      for (const c of cards) {
        const rel = c.href && relOf(c.href);
        const where = `card "${c.title}"`;
        if (!check(`${where}: links to ${rel || c.href} with #gallery`, c.href && c.href.endsWith('#gallery') && rel && fileSet.has(rel), `href ${c.href}`)) continue;
        targets.add(rel);
        if (c.img !== null) check(`${where}: its cover image loads`, c.img);
        await page.goto(c.href, { waitUntil: 'load' });
        const has = await page.evaluate(() => {
          const g = document.getElementById('gallery');
          return !!g && g.hasAttribute('data-gallery') && g.querySelectorAll('a.gallery-link').length > 0;
        });
        check(`${where}: #gallery exists there, a gallery with photos`, has);
      }
      // the galleries' owner pages: those with large-view pages under them
      const owners = galleryPages.filter((g) => /(^|\/)index\.html$/.test(g) && fileSet.has(g.replace(/index\.html$/, 'photos/1/index.html')));
      const unlisted = owners.filter((g) => !targets.has(g));
      check('every gallery of the bundle has an album card', !unlisted.length, `no card for: ${unlisted.join(', ')}`);
      problems('albums');
    });

    // ── 5. axe
    await section('accessibility (axe-core)', async () => {
      const axeAt = async (label, url, open) => {
        if (url) await page.goto(url, { waitUntil: 'load' });
        if (open) await openAt(0);
        const v = await runAxe(page, axeSource);
        check(`axe: ${label}`, !v.length, v.join('\n'));
      };
      await axeAt('gallery page', galleryUrl, false);
      for (const vp of VIEWPORTS) {
        await page.setViewportSize(vp);
        await axeAt(`viewer open at ${vp.width} px`, null, true);
      }
      await page.setViewportSize(VIEWPORTS[0]);
      await axeAt('large-view page', G.photos[0].href, false);
      if (fileSet.has('albums/index.html')) await axeAt('albums page', topUrl + 'albums/index.html', false);
      problems('axe pages');
    });
    await context.close();
  };
  try {
    await body();
  } catch (e) {
    check('gallery check ran to the end', false, e && e.stack ? e.stack : String(e));
  } finally {
    if (browser) await browser.close().catch(() => {});
    cleanup();
  }
  const failed = results.filter((r) => !r.pass).length;
  console.log(`\ngallery: ${results.length - failed} passed, ${failed} failed (${fmtMs(Date.now() - t0)})`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
