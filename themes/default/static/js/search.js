/* casebook search: the search page (search/?q=…) and the header search box.
 *
 * Our own code, no dependencies. The index (search-index.js, written by the
 * build) is a classic script added to the page on first use, never fetched,
 * so search works the same over HTTP and from file://. Matching is by
 * substring on NFKC + lower-cased text: a query finds every case or summary
 * that contains each of its whitespace-separated terms, with no word
 * segmentation to split government terms (放管服, 一窗通办, 〔2023〕12号).
 *
 * The search page includes this file; other pages load it through
 * site-search.js when the reader turns to the header box. The index is
 * loaded when the search page opens or the header box is focused.
 * Performance marks (ms since navigation start) are kept in
 * window.casebookSearchTimings for the benchmark (scripts/bench-search.cjs).
 */
(function () {
  'use strict';

  if (window.casebookSearchJs) return; // loaded twice
  window.casebookSearchJs = true;
  var d = document;
  var html = d.documentElement;
  // Prefix from this page to the site root (data-root): the base path online,
  // ../ steps offline (empty at the root).
  var ROOT = html.hasAttribute('data-root') ? html.getAttribute('data-root') : '/';
  var LANG = html.getAttribute('lang') || 'zh-CN';
  var ZH = /^zh/i.test(LANG);
  var PAGE_LIMIT = 20; // results rendered at once (and per "show more") on the search page
  var SUGGEST_LIMIT = 5; // suggestions under the header box
  var DEBOUNCE = 120;
  var SEP = '\u0001'; // joins query terms into a key (never typed)

  var now = function () { return performance.now(); };
  var T = window.casebookSearchTimings = window.casebookSearchTimings || {};
  T.scriptStart = now();
  T.queries = [];

  // ── Text ───────────────────────────────────────────────────────────────
  function norm(s) {
    return s ? String(s).normalize('NFKC').toLowerCase() : '';
  }

  /** The query's terms: normalised, split on any whitespace (U+3000 too), unique. */
  function termsOf(q) {
    var out = [];
    norm(q).split(/[\s\u3000]+/).forEach(function (t) {
      if (t && out.indexOf(t) < 0) out.push(t);
    });
    return out;
  }

  /** Fill a `{n}`-style template from a data attribute. */
  function fill(tpl, vars) {
    return String(tpl || '').replace(/\{(\w+)\}/g, function (m, k) {
      return Object.prototype.hasOwnProperty.call(vars, k) ? String(vars[k]) : m;
    });
  }

  var MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July',
    'August', 'September', 'October', 'November', 'December'];
  /** 2023-05-29 → 2023年5月29日 / 29 May 2023, as the templates' `date` filter. */
  function fmtDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || '');
    if (!m) return iso || '';
    var y = +m[1], mo = +m[2], da = +m[3];
    return ZH ? y + '年' + mo + '月' + da + '日' : da + ' ' + MONTHS[mo - 1] + ' ' + y;
  }

  // Made on first use: constructing one costs 25-55 ms in a fresh tab
  // (ICU break rules), and Chinese text rarely needs it (SIMPLE_RE).
  var segmenter;
  function getSegmenter() {
    if (segmenter === undefined) {
      segmenter = null;
      try {
        if (typeof Intl !== 'undefined' && Intl.Segmenter) {
          segmenter = new Intl.Segmenter(LANG, { granularity: 'grapheme' });
        }
      } catch (e) { segmenter = null; }
    }
    return segmenter;
  }
  var MARK_RE = /^[\u0300-\u036f\u1ab0-\u1aff\u20d0-\u20ff\ufe00-\ufe0f\ufe20-\ufe2f\u200d]/;

  /** Grapheme clusters of s as [{s, i}] (text, offset). Without
   *  Intl.Segmenter: code points, combining marks kept with their base. */
  // Text in which every UTF-16 unit is a grapheme of its own (ASCII, Latin,
  // CJK, kana, punctuation, full-width forms): no segmenter needed.
  var SIMPLE_RE = /^[\t\n\u0020-\u007e\u00a0-\u02ff\u2010-\u2027\u2030-\u205e\u2100-\u2bff\u3000-\u3098\u309b-\u9fff\uff01-\uffef]*$/;

  function graphemes(s) {
    var out = [];
    if (SIMPLE_RE.test(s)) {
      for (var j = 0; j < s.length; j++) out.push({ s: s.charAt(j), i: j });
      return out;
    }
    var seg = getSegmenter();
    if (seg) {
      var it = seg.segment(s)[Symbol.iterator]();
      for (var r = it.next(); !r.done; r = it.next()) out.push({ s: r.value.segment, i: r.value.index });
      return out;
    }
    for (var i = 0; i < s.length;) {
      var c = s.charCodeAt(i);
      var w = (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) ? 2 : 1;
      var piece = s.substr(i, w);
      if (out.length && MARK_RE.test(piece)) out[out.length - 1].s += piece;
      else out.push({ s: piece, i: i });
      i += w;
    }
    return out;
  }

  /** Offset in `src` of the character at offset `target` of norm(src).
   *  Most characters normalise to one unit; only the others are measured. */
  var COMPLEX_RE = /[^\u0000-\u007f\u4e00-\u9fff]/g;
  var charNorms = Object.create(null);
  /** norm() of one character (or surrogate pair), remembered. */
  function normChar(c) {
    var n = charNorms[c];
    if (n === undefined) n = charNorms[c] = norm(c);
    return n;
  }
  function origOffset(src, target) {
    var n = 0;
    var i = 0;
    COMPLEX_RE.lastIndex = 0;
    for (;;) {
      var m = COMPLEX_RE.exec(src);
      var j = m ? m.index : src.length;
      if (n + (j - i) > target) return i + (target - n); // inside a simple run
      n += j - i;
      i = j;
      if (!m) return src.length;
      var c = src.charCodeAt(i);
      var w = (c >= 0xd800 && c < 0xdc00 && i + 1 < src.length) ? 2 : 1;
      var add = normChar(src.substr(i, w)).length;
      if (n + add > target) return i;
      n += add;
      i += w;
      COMPLEX_RE.lastIndex = i;
    }
  }

  /** Nodes for `gs` (graphemes) with every occurrence of a term in <mark>.
   *  Matching runs on the normalised graphemes, so full-width digits in the
   *  text are marked for a half-width query and vice versa; a mark always
   *  covers whole graphemes. */
  function highlighted(gs, terms, parent) {
    var normed = '';
    var owner = []; // normalised offset → grapheme index
    for (var g = 0; g < gs.length; g++) {
      var n = gs[g].s;
      var c = n.length === 1 ? n.charCodeAt(0) : 0;
      if (c >= 0x41 && c <= 0x5a) n = n.toLowerCase();
      else if (!(c && (c < 0x80 || (c >= 0x4e00 && c <= 0x9fff)))) n = n.length <= 2 ? normChar(n) : norm(n);
      normed += n;
      for (var k = 0; k < n.length; k++) owner.push(g);
    }
    var marked = new Uint8Array(gs.length);
    terms.forEach(function (t) {
      for (var p = normed.indexOf(t); p >= 0 && t; p = normed.indexOf(t, p + t.length)) {
        for (var j = owner[p]; j <= owner[p + t.length - 1]; j++) marked[j] = 1;
      }
    });
    var run = '';
    var state = 0;
    var flush = function () {
      if (!run) return;
      if (state) {
        var m = d.createElement('mark');
        m.textContent = run;
        parent.appendChild(m);
      } else {
        parent.appendChild(d.createTextNode(run));
      }
      run = '';
    };
    for (var i = 0; i < gs.length; i++) {
      if (marked[i] !== state) { flush(); state = marked[i]; }
      run += gs[i].s;
    }
    flush();
    return parent;
  }

  // ── The index ──────────────────────────────────────────────────────────
  var prepared = null; // [{o: doc, x: normalised text, te, me, se}]
  var loading = null; // Promise of `prepared`
  // A reader is waiting for results: normalise in longer slices (fewer
  // frames in between), still short of a long task.
  var urgent = false;

  /** Run f soon, after the browser has had a turn (no 4 ms timer clamp). */
  var later = (function () {
    if (typeof MessageChannel === 'undefined') return function (f) { setTimeout(f, 0); };
    var ch = new MessageChannel();
    var queue = [];
    ch.port1.onmessage = function () { var f = queue.shift(); if (f) f(); };
    return function (f) { queue.push(f); ch.port2.postMessage(0); };
  })();

  /** Run f once the next frame has been painted (at once in a hidden tab,
   *  which paints no frames). */
  function afterPaint(f) {
    if (d.visibilityState === 'hidden' || !window.requestAnimationFrame) { f(); return; }
    requestAnimationFrame(function () { later(f); });
  }

  // Characters of the documents that fold (NFKC + lower case) to another
  // single character: folded character → those characters ('，' for ',').
  var foldsTo = Object.create(null);

  /** A document's searchable text as four fields: title, tags/fields/
   *  unit/region/kind, summary, body; the field a term is found in ranks the
   *  hit. When the build found that the text folds one character for one
   *  (no `n`), the raw strings of the index are kept as they are and matched
   *  with patterns (see matchers): no copy, no normalising. Otherwise the
   *  fields are normalised here, once. */
  function prep(o) {
    var meta = [];
    if (o.g) meta.push(o.g.join(' '));
    if (o.f) meta.push(o.f.join(' '));
    if (o.un) meta.push(o.un);
    if (o.r) meta.push(o.r);
    if (o.k) meta.push(o.k);
    var f = [o.ti || '', meta.join('\n'), o.s || '', o.b || ''];
    var raw = !o.n;
    if (raw && o.fx) {
      // The build's Unicode data and this browser's agree on these few
      // characters, or the document is normalised after all.
      var fx = Array.from(o.fx); // code points
      for (var k = 0; k < fx.length; k++) {
        var c = fx[k];
        var n = normChar(c);
        if (n.length !== c.length) { raw = false; break; }
        if (n !== c && (foldsTo[n] || '').indexOf(c) < 0) foldsTo[n] = (foldsTo[n] || '') + c;
      }
    }
    if (!raw) f = f.map(norm);
    return { o: o, f: f, raw: raw };
  }

  /** Prepare every document (normalising the few that need it), in slices
   *  so the page stays responsive. */
  function prepareAll(docs) {
    return new Promise(function (resolve) {
      var out = new Array(docs.length);
      var i = 0;
      T.prepBusy = 0;
      T.prepSlices = 0;
      var step = function () {
        var t0 = now();
        var until = t0 + (urgent ? 40 : 10);
        T.prepSlices++;
        while (i < docs.length) {
          out[i] = prep(docs[i]);
          i++;
          if ((i & 7) === 0 && now() > until) { T.prepBusy += now() - t0; later(step); return; }
        }
        T.prepBusy += now() - t0;
        resolve(out);
      };
      step();
    });
  }

  /** Over HTTP: search-index.bin, the documents of search-index.js in
   *  gzip'd UTF-16 (see the build's render/search.rs). A tenth to a half of
   *  the script's bytes, inflated natively and decoded to strings by a copy,
   *  where the script costs the JavaScript parser ~200 ms per 1,000 cases on
   *  a slow 2-core PC. Rejects when anything is amiss (no such file, an
   *  older browser): the caller then loads the script. */
  function fetchBin() {
    return fetch(ROOT + 'search-index.bin').then(function (r) {
      if (!r.ok) throw new Error('search-index.bin: HTTP ' + r.status);
      return r.arrayBuffer();
    }).then(function (buf) {
      T.fetched = now();
      var ds = new DecompressionStream('gzip');
      var w = ds.writable.getWriter();
      var quiet = function () {}; // errors surface through the reader
      w.write(new Uint8Array(buf)).catch(quiet);
      w.close().catch(quiet);
      // Read chunk by chunk: new Response(stream).arrayBuffer() took
      // 2-3 times as long in Chromium.
      var reader = ds.readable.getReader();
      var chunks = [];
      var size = 0;
      var pump = function () {
        return reader.read().then(function (x) {
          if (x.done) return;
          chunks.push(x.value);
          size += x.value.length;
          return pump();
        });
      };
      return pump().then(function () {
        var all = new Uint8Array(size);
        for (var i = 0, at = 0; i < chunks.length; at += chunks[i].length, i++) all.set(chunks[i], at);
        T.inflated = now();
        return parseBin(new TextDecoder('utf-16le').decode(all));
      });
    });
  }

  /** The text of search-index.bin: a line {"version":1,"docs":N}, then per
   *  document its JSON (without the body, with its length `bl`), a newline
   *  and the body. Bodies are slices of the one text, not copies. */
  function parseBin(t) {
    var nl = t.indexOf('\n');
    var head = JSON.parse(t.slice(0, nl));
    var docs = [];
    var at = nl + 1;
    while (at < t.length) {
      nl = t.indexOf('\n', at);
      if (nl < 0) break;
      var o = JSON.parse(t.slice(at, nl));
      at = nl + 1;
      o.b = t.slice(at, at + o.bl);
      at += o.bl;
      docs.push(o);
    }
    if (head.version !== 1 || docs.length !== head.docs || at !== t.length) {
      throw new Error('search-index.bin: unexpected content');
    }
    return { version: 1, docs: docs };
  }

  function loadIndex() {
    if (loading) return loading;
    loading = new Promise(function (resolve, reject) {
      var ready = function (data) {
        if (!data || !data.docs) { reject(new Error('no index')); return; }
        T.loaded = now();
        prepareAll(data.docs).then(function (p) {
          prepared = p;
          T.prepared = now();
          T.docs = p.length;
          resolve(p);
        });
      };
      T.requested = now();
      if (window.casebookSearchIndex) { T.via = 'script'; ready(window.casebookSearchIndex); return; }
      var script = function () {
        var s = d.createElement('script');
        s.src = ROOT + 'search-index.js';
        s.async = true;
        s.onload = function () { T.via = 'script'; ready(window.casebookSearchIndex); };
        s.onerror = function () {
          s.parentNode.removeChild(s);
          loading = null; // a later attempt may succeed
          reject(new Error('search-index.js failed to load'));
        };
        d.head.appendChild(s);
      };
      // From file:// only a script loads; so do browsers without
      // DecompressionStream (before Chrome 80, Firefox 113, Safari 16.4).
      if (/^https?:$/.test(location.protocol) && typeof fetch === 'function'
          && typeof DecompressionStream === 'function' && typeof TextDecoder === 'function') {
        fetchBin().then(function (data) { T.via = 'bin'; ready(data); }, script);
      } else {
        script();
      }
    });
    return loading;
  }

  /** How to find a (normalised) query term: in normalised text by
   *  indexOf; in raw text by a pattern when some document character folds
   *  to one of the term's characters (`2` also matches `２`), else by
   *  indexOf too. Remembered for the last terms. */
  var lastMatchers = { key: null, ms: null };
  function matchers(terms) {
    var key = terms.join(SEP);
    if (lastMatchers.key === key) return lastMatchers.ms;
    var esc = function (c) { return '\\u{' + c.codePointAt(0).toString(16) + '}'; };
    var ms = terms.map(function (t) {
      var folds = false;
      var src = Array.from(t).map(function (c) {
        var alt = foldsTo[c];
        if (!alt) return esc(c);
        folds = true;
        return '[' + Array.from(c + alt).map(esc).join('') + ']';
      }).join('');
      return { t: t, re: folds ? new RegExp(src, 'gu') : null };
    });
    lastMatchers = { key: key, ms: ms };
    return ms;
  }

  /** Offset in field `k` of p of the first hit of matcher m, or -1. */
  function find(p, m, k) {
    var x = p.f[k];
    if (!m.re || !p.raw) return x.indexOf(m.t);
    m.re.lastIndex = 0;
    var hit = m.re.exec(x);
    return hit ? hit.index : -1;
  }

  // ── Matching and ranking ───────────────────────────────────────────────
  var W_TITLE = 100;
  var W_META = 10;
  var W_TEXT = 1;

  /** Every document holding every term, best first: title hits, then tags,
   *  fields, unit, region or kind, then summary and body; newest first
   *  among equals. `cache` remembers the last query of one search box:
   *  when the new query only adds to it, only its hits are searched. */
  function search(terms, cache) {
    var ms = matchers(terms);
    var cand = null;
    if (cache.terms && cache.terms.length && cache.terms.every(function (o) {
      return terms.some(function (t) { return t.indexOf(o) >= 0; });
    })) cand = cache.hits;
    var hits = [];
    var scores = [];
    var n = cand ? cand.length : prepared.length;
    var nt = terms.length;
    for (var k = 0; k < n; k++) {
      var i = cand ? cand[k] : k;
      var p = prepared[i];
      var score = 0;
      for (var j = 0; j < nt; j++) {
        var m = ms[j];
        if (find(p, m, 0) >= 0) score += W_TITLE;
        else if (find(p, m, 1) >= 0) score += W_META;
        else if (find(p, m, 2) >= 0 || find(p, m, 3) >= 0) score += W_TEXT;
        else { score = -1; break; }
      }
      if (score >= 0) { hits.push(i); scores.push(score); }
    }
    cache.terms = terms;
    cache.hits = hits;
    var rows = new Array(hits.length);
    for (var r = 0; r < hits.length; r++) rows[r] = { i: hits[r], s: scores[r], d: prepared[hits[r]].o.d || '' };
    rows.sort(function (a, b) {
      return (b.s - a.s) || (a.d < b.d ? 1 : a.d > b.d ? -1 : a.i - b.i);
    });
    var ranked = new Array(rows.length);
    for (var k2 = 0; k2 < rows.length; k2++) ranked[k2] = rows[k2].i;
    return ranked;
  }

  /** The snippet: ~110 characters of the body around its first hit (or the
   *  start of the summary/body when only title or metadata matched), cut on
   *  grapheme boundaries, whitespace folded, terms marked. */
  function snippet(p, terms, parent) {
    var o = p.o;
    var src = o.b || '';
    var ms = matchers(terms);
    var firstIn = function (k) {
      var first = -1;
      ms.forEach(function (m) {
        var at = find(p, m, k);
        if (at >= 0 && (first < 0 || at < first)) first = at;
      });
      return first;
    };
    var first = firstIn(3);
    if (first < 0 && o.s) {
      var inSummary = firstIn(2);
      if (inSummary >= 0 || !src) { src = o.s; first = inSummary; }
    }
    var pos = first < 0 ? 0 : p.raw ? first : origOffset(src, first);
    var SPAN = 110;
    var start = Math.max(0, pos - 30);
    var nl = src.lastIndexOf('\n', pos - 1);
    if (nl >= start - 10 && nl < pos) start = nl + 1; // begin at the paragraph
    if (first < 0) start = 0;
    var end = Math.min(src.length, start + SPAN);
    if (end - start < SPAN) start = Math.max(0, end - SPAN);
    var lo = Math.max(0, start - 8);
    var hi = Math.min(src.length, end + 8);
    var all = graphemes(src.slice(lo, hi));
    var gs = [];
    for (var k = 0; k < all.length; k++) {
      var g = all[k];
      var a = lo + g.i;
      if (a < start) continue;
      if (a + g.s.length > end) break;
      gs.push(g);
    }
    // Fold whitespace (paragraph breaks of the plain text) to one space.
    var folded = [];
    for (var m = 0; m < gs.length; m++) {
      if (/^\s+$/.test(gs[m].s)) {
        if (folded.length && folded[folded.length - 1].s !== ' ') folded.push({ s: ' ', i: gs[m].i });
      } else {
        folded.push(gs[m]);
      }
    }
    var cutStart = gs.length ? lo + gs[0].i > 0 : false;
    var lastG = gs[gs.length - 1];
    var cutEnd = lastG ? lo + lastG.i + lastG.s.length < src.length : false;
    if (cutStart && src.charAt(lo + gs[0].i - 1) !== '\n') parent.appendChild(d.createTextNode('…'));
    highlighted(folded, terms, parent);
    if (cutEnd) parent.appendChild(d.createTextNode('…'));
    return parent;
  }

  function el(tag, cls, text) {
    var e = d.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function typeLabel(o, strings) {
    return o.t === 's' ? strings.typeSummary : strings.typeCase;
  }

  function strings(node) {
    var ds = node ? node.dataset : {};
    var pick = function (k, dflt) { return ds[k] || dflt; };
    return {
      count: pick('count', ZH ? '找到 {n} 条结果' : 'Results: {n}'),
      none: pick('none', ZH ? '没有找到包含“{q}”的内容。' : 'Nothing matches “{q}”.'),
      hint: pick('hint', ''),
      more: pick('more', ZH ? '显示更多（还有 {n} 条）' : 'Show more ({n} left)'),
      loading: pick('loading', ZH ? '正在加载搜索索引…' : 'Loading the search index…'),
      error: pick('error', ZH ? '搜索索引加载失败，请刷新页面重试。' : 'The search index could not be loaded.'),
      typeCase: pick('typeCase', ZH ? '案例' : 'Case'),
      typeSummary: pick('typeSummary', ZH ? '工作成效' : 'Summary'),
      suggestions: pick('suggestions', ZH ? '搜索建议' : 'Suggestions'),
      suggestCount: pick('suggestCount', ZH ? '{n} 条建议，可用上下方向键选择' : '{n} suggestions, use the arrow keys'),
      suggestNone: pick('suggestNone', ZH ? '没有匹配的建议' : 'No suggestions')
    };
  }

  function buildUrl(q) {
    var u = new URL(location.href);
    if (q) u.searchParams.set('q', q);
    else u.searchParams.delete('q');
    u.hash = '';
    return u.href;
  }

  function setHistory(push, q) {
    var url = buildUrl(q);
    if (url === location.href) return;
    try {
      if (push) history.pushState({ q: q }, '', url);
      else history.replaceState({ q: q }, '', url);
    } catch (e) { /* some file:// setups refuse; the page still works */ }
  }

  // ── The search page ────────────────────────────────────────────────────
  var pageSearch = null; // set on the search page: run a query here

  function initPage(box) {
    var form = d.getElementById('search-form');
    var input = d.getElementById('q') || (form && form.querySelector('input[name="q"]'));
    var S = strings(box);
    var cache = {};
    // One status line is the live region; the list itself is not read out
    // on every change.
    box.removeAttribute('aria-live');
    var status = el('p', 'search-status');
    status.setAttribute('role', 'status');
    status.id = 'search-status';
    var list = el('ol', 'search-list');
    list.hidden = true;
    var hint = el('p', 'search-hint', S.hint);
    hint.hidden = true;
    var more = el('button', 'search-more');
    more.type = 'button';
    more.hidden = true;
    box.textContent = '';
    box.appendChild(status);
    box.appendChild(hint);
    box.appendChild(list);
    box.appendChild(more);

    var current = { q: null, ranked: [], terms: [], shown: 0 };
    var committed = true; // the history entry holds a finished query
    var timer = 0;
    var wanted = null; // the query last asked for (null: none yet)

    function item(i, terms) {
      var p = prepared[i];
      var o = p.o;
      var li = el('li', 'search-hit search-' + (o.t === 's' ? 'summary' : 'case'));
      var h = el('h2', 'search-title');
      var a = el('a');
      a.href = ROOT + o.u;
      highlighted(graphemes(o.ti || ''), terms, a);
      h.appendChild(a);
      li.appendChild(h);
      var meta = el('p', 'search-meta');
      meta.appendChild(el('span', 'search-type', typeLabel(o, S)));
      if (o.d) {
        var time = el('time', 'sep', fmtDate(o.d));
        time.setAttribute('datetime', o.d);
        meta.appendChild(time);
      }
      if (o.t === 's') {
        if (o.k) meta.appendChild(el('span', 'sep', o.k));
      } else {
        if (o.r) meta.appendChild(el('span', 'sep', o.r));
        if (o.un) meta.appendChild(el('span', 'sep', o.un));
      }
      li.appendChild(meta);
      li.appendChild(snippet(p, terms, el('p', 'search-snippet')));
      return li;
    }

    function showMore(focusFirst) {
      var frag = d.createDocumentFragment();
      var from = current.shown;
      var to = Math.min(current.ranked.length, from + PAGE_LIMIT);
      for (var k = from; k < to; k++) frag.appendChild(item(current.ranked[k], current.terms));
      var firstNew = frag.firstChild;
      list.appendChild(frag);
      current.shown = to;
      var left = current.ranked.length - to;
      more.hidden = left <= 0;
      more.textContent = fill(S.more, { n: left });
      if (focusFirst && firstNew) firstNew.querySelector('a').focus();
    }

    function render(q) {
      var t0 = now();
      var terms = termsOf(q);
      if (!terms.length) {
        current = { q: q, ranked: [], terms: [], shown: 0 };
        list.textContent = '';
        list.hidden = true;
        hint.hidden = true;
        more.hidden = true;
        status.textContent = '';
        return;
      }
      var ranked = search(terms, cache);
      var t1 = now();
      current = { q: q, ranked: ranked, terms: terms, shown: 0 };
      list.textContent = '';
      if (ranked.length) {
        status.textContent = fill(S.count, { n: ranked.length });
        hint.hidden = true;
        list.hidden = false;
        showMore(false);
      } else {
        status.textContent = fill(S.none, { q: q.trim() });
        hint.hidden = !S.hint;
        list.hidden = true;
        more.hidden = true;
      }
      var t2 = now();
      var rec = { q: q, n: ranked.length, match: t1 - t0, render: t2 - t1, at: t2 };
      T.count = (T.count || 0) + 1;
      if (T.queries.length >= 100) T.queries.shift();
      T.queries.push(rec);
      T.last = rec;
      if (T.firstResults == null) {
        T.firstResults = t2;
        // …and when the frame showing them has been painted.
        if (window.requestAnimationFrame) {
          requestAnimationFrame(function () { later(function () { T.firstPainted = now(); }); });
        }
      }
      box.setAttribute('data-state', ranked.length ? 'results' : 'none');
    }

    var waiting = false;
    function run(q) {
      wanted = q;
      if (prepared || !termsOf(q).length) { render(q); return; }
      urgent = true;
      status.textContent = S.loading;
      box.setAttribute('aria-busy', 'true');
      if (waiting) return; // the query wanted last is answered once loaded
      waiting = true;
      loadIndex().then(function () {
        waiting = false;
        box.removeAttribute('aria-busy');
        render(wanted);
      }, function () {
        waiting = false;
        box.removeAttribute('aria-busy');
        box.setAttribute('data-state', 'error');
        status.textContent = S.error;
      });
    }

    more.addEventListener('click', function () { showMore(true); });

    if (input) {
      input.addEventListener('input', function () {
        clearTimeout(timer);
        timer = setTimeout(function () {
          var q = input.value;
          if (q === current.q) return;
          run(q);
          setHistory(committed, q); // first change after a finished query: new entry
          committed = false;
        }, DEBOUNCE);
      });
      input.addEventListener('focus', function () { loadIndex().catch(function () {}); });
    }
    if (form) {
      form.addEventListener('submit', function (e) {
        e.preventDefault();
        clearTimeout(timer);
        var q = input ? input.value : '';
        if (q !== current.q || !prepared) run(q);
        setHistory(committed, q); // replaces the entry a typed query already made
        committed = true;
      });
    }
    window.addEventListener('popstate', function () {
      clearTimeout(timer);
      var q = new URLSearchParams(location.search).get('q') || '';
      if (input) input.value = q;
      committed = true;
      run(q);
    });

    // The header box on this page searches here instead of reloading.
    pageSearch = function (q) {
      clearTimeout(timer);
      if (input) input.value = q;
      run(q);
      setHistory(true, q);
      committed = true;
      if (input) input.focus();
    };

    var q0 = new URLSearchParams(location.search).get('q') || '';
    if (input) input.value = q0;
    // After the page's first paint: its layout (fonts) and the index's
    // decoding each take ~100 ms of the main thread on a slow PC, and the
    // page is better shown first. The index has been downloading since the
    // <head> (preload).
    afterPaint(function () {
      if (wanted != null) return; // a query came first (history, header box)
      if (q0) run(q0);
      else loadIndex().catch(function () {}); // the reader came here to search
    });
  }

  // ── The header box: suggestions in an ARIA 1.2 combobox ────────────────
  var uid = 0;
  function initHeader(form) {
    var input = form.querySelector('input[name="q"]');
    if (!input) return;
    var S = strings(form);
    var cache = {};
    var id = input.id || ('site-q-' + (++uid));
    input.id = id;
    var listbox = el('ul', 'search-suggest');
    listbox.id = id + '-list';
    listbox.setAttribute('role', 'listbox');
    listbox.setAttribute('aria-label', S.suggestions);
    listbox.hidden = true;
    var live = el('span', 'visually-hidden');
    live.setAttribute('role', 'status');
    form.appendChild(listbox);
    form.appendChild(live);
    // A combobox must be a text input (ARIA in HTML allows no role on
    // type=search); the form and its submission stay the same.
    input.type = 'text';
    input.setAttribute('enterkeyhint', 'search');
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', listbox.id);
    form.classList.add('has-suggest');

    var items = []; // prepared indices shown
    var active = -1;
    var timer = 0;
    var lastQ = null;

    function close() {
      listbox.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    }
    function open() {
      if (!items.length) return;
      listbox.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }
    function setActive(k) {
      var opts = listbox.children;
      if (active >= 0 && opts[active]) opts[active].setAttribute('aria-selected', 'false');
      active = k;
      if (k >= 0 && opts[k]) {
        opts[k].setAttribute('aria-selected', 'true');
        input.setAttribute('aria-activedescendant', opts[k].id);
        if (opts[k].scrollIntoView) opts[k].scrollIntoView({ block: 'nearest' });
      } else {
        input.removeAttribute('aria-activedescendant');
      }
    }
    function go(k) {
      var i = items[k];
      if (i == null) return;
      close();
      location.href = ROOT + prepared[i].o.u;
    }
    function suggest() {
      var q = input.value;
      if (q === lastQ && items.length) { open(); return; }
      lastQ = q;
      var terms = termsOf(q);
      listbox.textContent = '';
      items = [];
      active = -1;
      input.removeAttribute('aria-activedescendant');
      if (!terms.length || !prepared) { close(); live.textContent = ''; return; }
      items = search(terms, cache).slice(0, SUGGEST_LIMIT);
      items.forEach(function (i, k) {
        var o = prepared[i].o;
        var li = el('li', 'suggest-item');
        li.id = listbox.id + '-' + k;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        var title = highlighted(graphemes(o.ti || ''), terms, el('span', 'suggest-title'));
        li.appendChild(title);
        li.appendChild(el('span', 'suggest-meta', typeLabel(o, S) + ' · ' + fmtDate(o.d)));
        li.addEventListener('click', function () { go(k); });
        listbox.appendChild(li);
      });
      if (items.length) {
        open();
        live.textContent = fill(S.suggestCount, { n: items.length });
      } else {
        close();
        live.textContent = S.suggestNone;
      }
    }
    function schedule() {
      clearTimeout(timer);
      timer = setTimeout(function () {
        if (prepared) { suggest(); return; }
        loadIndex().then(function () { if (d.activeElement === input) suggest(); }, function () {});
      }, DEBOUNCE);
    }

    input.addEventListener('focus', function () { loadIndex().catch(function () {}); });
    input.addEventListener('input', schedule);
    input.addEventListener('keydown', function (e) {
      var n = items.length;
      if (e.key === 'ArrowDown' || e.key === 'Down') {
        if (!n) return;
        e.preventDefault();
        if (listbox.hidden) { open(); setActive(0); return; }
        setActive(active + 1 >= n ? 0 : active + 1);
      } else if (e.key === 'ArrowUp' || e.key === 'Up') {
        if (!n) return;
        e.preventDefault();
        if (listbox.hidden) { open(); setActive(n - 1); return; }
        setActive(active <= 0 ? n - 1 : active - 1);
      } else if (e.key === 'Enter') {
        if (!listbox.hidden && active >= 0) { e.preventDefault(); go(active); }
        else close();
      } else if (e.key === 'Escape' || e.key === 'Esc') {
        e.preventDefault();
        if (!listbox.hidden) close();
        else if (input.value) { input.value = ''; items = []; lastQ = null; live.textContent = ''; }
      } else if (e.key === 'Tab') {
        close();
      }
    });
    input.addEventListener('blur', function () { setTimeout(close, 0); });
    if (d.activeElement === input) { // this file was loaded because of the box
      loadIndex().catch(function () {});
      if (input.value) schedule();
    }
    // Keep focus in the input while an option is clicked.
    listbox.addEventListener('mousedown', function (e) { e.preventDefault(); });
    form.addEventListener('submit', function (e) {
      close();
      if (pageSearch) { e.preventDefault(); pageSearch(input.value); }
    });
  }

  function init() {
    var box = d.getElementById('search-results');
    if (box) initPage(box);
    var forms = d.querySelectorAll('form.site-search');
    for (var i = 0; i < forms.length; i++) initHeader(forms[i]);
  }

  if (d.readyState === 'loading') d.addEventListener('DOMContentLoaded', init);
  else init();
})();
