/* casebook case list: live filters (field, region, level of recognition,
 * kind, year).
 *
 * Our own code, no dependencies. Without JavaScript the form stays hidden
 * and readers page through the server-rendered list. With it, the form is
 * shown; the data (data/case-filters.js, written by the build) is a classic
 * script added on first use, so filters also work from file://. The state
 * lives in the URL query (?field=…&region=…&level=…&kind=…&year=…), so a
 * filtered list can be linked, and Back/Forward restore it.
 */
(function () {
  'use strict';

  var d = document;
  var html = d.documentElement;
  // Prefix from this page to the site root (data-root): the base path online,
  // ../ steps offline (empty at the root).
  var ROOT = html.hasAttribute('data-root') ? html.getAttribute('data-root') : '/';
  var ZH = /^zh/i.test(html.getAttribute('lang') || 'zh');
  var DIMS = ['field', 'region', 'level', 'kind', 'year'];

  var form = d.getElementById('case-filters');
  var box = d.getElementById('filter-results');
  if (!form || !box) return;
  var pages = d.getElementById('case-pages');
  var ds = form.dataset;
  var S = {
    count: ds.count || (ZH ? '共 {n} 篇案例符合条件' : 'Matching cases: {n}'),
    none: ds.none || (ZH ? '没有符合条件的案例，请减少筛选条件。' : 'No case matches these filters.'),
    more: ds.more || (ZH ? '显示更多（还有 {n} 篇）' : 'Show more ({n} left)'),
    clear: ds.clear || (ZH ? '清除筛选' : 'Clear filters'),
    loading: ds.loading || (ZH ? '正在加载…' : 'Loading…'),
    error: ds.error || (ZH ? '筛选数据加载失败，请刷新页面重试。' : 'The filter data could not be loaded.')
  };
  var MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July',
    'August', 'September', 'October', 'November', 'December'];

  function fill(tpl, vars) {
    return String(tpl).replace(/\{(\w+)\}/g, function (m, k) {
      return Object.prototype.hasOwnProperty.call(vars, k) ? String(vars[k]) : m;
    });
  }
  function fmtDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || '');
    if (!m) return iso || '';
    var y = +m[1], mo = +m[2], da = +m[3];
    return ZH ? y + '年' + mo + '月' + da + '日' : da + ' ' + MONTHS[mo - 1] + ' ' + y;
  }
  function el(tag, cls, text) {
    var e = d.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  var selects = {};
  DIMS.forEach(function (k) { selects[k] = form.elements.namedItem(k); });

  // ── Results area: a status line (the live region), a clear button, the
  // cards and a "show more" button. The cards themselves are not live.
  box.removeAttribute('aria-live');
  var head = el('div', 'filter-head');
  var status = el('p', 'filter-status');
  status.setAttribute('role', 'status');
  var clear = el('button', 'filter-clear', S.clear);
  clear.type = 'button';
  clear.hidden = true;
  head.appendChild(status);
  head.appendChild(clear);
  head.className = 'filter-head is-empty';
  var list = el('ul', 'cards');
  list.hidden = true;
  var more = el('button', 'filter-more');
  more.type = 'button';
  more.hidden = true;
  box.textContent = '';
  box.appendChild(head);
  box.appendChild(list);
  box.appendChild(more);
  form.hidden = false;
  form.addEventListener('submit', function (e) { e.preventDefault(); });

  // ── Data ───────────────────────────────────────────────────────────────
  var data = null;
  var loading = null;
  function load() {
    if (loading) return loading;
    loading = new Promise(function (resolve, reject) {
      if (window.casebookCases) { data = window.casebookCases; resolve(data); return; }
      var s = d.createElement('script');
      s.src = ROOT + 'data/case-filters.js';
      s.async = true;
      s.onload = function () {
        data = window.casebookCases;
        if (data && data.cases) resolve(data);
        else reject(new Error('no data'));
      };
      s.onerror = function () {
        s.parentNode.removeChild(s);
        loading = null;
        reject(new Error('data/case-filters.js failed to load'));
      };
      d.head.appendChild(s);
    });
    return loading;
  }

  // ── State ──────────────────────────────────────────────────────────────
  function fromUrl() {
    var p = new URLSearchParams(location.search);
    var st = {};
    DIMS.forEach(function (k) {
      var sel = selects[k];
      var v = p.get(k) || '';
      if (sel) {
        sel.value = v;
        if (sel.value !== v) sel.value = ''; // not a known choice
        st[k] = sel.value;
      } else {
        st[k] = '';
      }
    });
    return st;
  }
  function fromForm() {
    var st = {};
    DIMS.forEach(function (k) { st[k] = selects[k] ? selects[k].value : ''; });
    return st;
  }
  function active(st) {
    return DIMS.some(function (k) { return st[k]; });
  }
  function urlFor(st) {
    var u = new URL(location.href);
    DIMS.forEach(function (k) {
      if (st[k]) u.searchParams.set(k, st[k]);
      else u.searchParams.delete(k);
    });
    u.hash = '';
    return u.href;
  }
  var lastPush = { at: 0, name: '' };
  function setHistory(st, name) {
    var url = urlFor(st);
    if (url === location.href) return;
    // Arrowing through a closed <select> fires a change per step: steps on
    // the same control in quick succession share one history entry.
    var t = Date.now();
    var replace = name && lastPush.name === name && t - lastPush.at < 1500;
    lastPush = { at: t, name: name || '' };
    try {
      if (replace) history.replaceState({ filters: st }, '', url);
      else history.pushState({ filters: st }, '', url);
    } catch (e) { /* refused (some file:// setups): the filters still work */ }
  }

  function matches(c, st) {
    if (st.field && (!c.f || c.f.indexOf(st.field) < 0)) return false;
    if (st.region && c.r !== st.region) return false;
    if (st.level && (!c.lv || c.lv.indexOf(st.level) < 0)) return false;
    if (st.kind && c.k !== st.kind) return false;
    if (st.year && String(c.y) !== st.year) return false;
    return true;
  }

  // ── Cards, as partials/case_card.html writes them ──────────────────────
  function card(c) {
    var badges = c.b || [];
    var top = badges.some(function (b) { return b[1] === 0; });
    var art = el('article', 'card case-card' + (top ? ' top-rank' : ''));
    var h = el('h2', 'card-title');
    var a = el('a', null, c.ti);
    a.href = ROOT + c.u;
    h.appendChild(a);
    art.appendChild(h);
    var meta = el('p', 'card-meta');
    var time = el('time', null, fmtDate(c.d));
    time.setAttribute('datetime', c.d);
    meta.appendChild(time);
    if (c.rn) meta.appendChild(el('span', 'sep', c.rn));
    if (c.kl) meta.appendChild(el('span', 'sep', c.kl));
    art.appendChild(meta);
    if (badges.length) {
      var ul = el('ul', 'badges');
      badges.forEach(function (b) {
        ul.appendChild(el('li', 'badge badge-' + b[2] + ' rank-' + b[1], b[0]));
      });
      art.appendChild(ul);
    }
    if (c.s) art.appendChild(el('p', 'card-summary', c.s));
    if (c.un || (c.fn && c.fn.length)) {
      var foot = el('p', 'card-foot');
      if (c.un) foot.appendChild(el('span', 'card-unit', c.un));
      (c.fn || []).forEach(function (f) { foot.appendChild(el('span', 'chip', f)); });
      art.appendChild(foot);
    }
    var li = el('li');
    li.appendChild(art);
    return li;
  }

  // ── Rendering ──────────────────────────────────────────────────────────
  var shown = [];
  var count = 0;
  function step() {
    return (data && data.per_page) || 10;
  }
  function showMore(focusFirst) {
    var frag = d.createDocumentFragment();
    var to = Math.min(shown.length, count + step());
    for (var k = count; k < to; k++) frag.appendChild(card(shown[k]));
    var firstNew = frag.firstChild;
    list.appendChild(frag);
    count = to;
    var left = shown.length - count;
    more.hidden = left <= 0;
    more.textContent = fill(S.more, { n: left });
    if (focusFirst && firstNew) firstNew.querySelector('a').focus();
  }
  function render(st) {
    list.textContent = '';
    count = 0;
    if (!active(st)) {
      shown = [];
      list.hidden = true;
      more.hidden = true;
      clear.hidden = true;
      head.classList.add('is-empty');
      status.textContent = '';
      if (pages) pages.hidden = false;
      box.removeAttribute('data-state');
      return;
    }
    if (pages) pages.hidden = true;
    clear.hidden = false;
    head.classList.remove('is-empty');
    if (!data) {
      status.textContent = S.loading;
      return;
    }
    shown = data.cases.filter(function (c) { return matches(c, st); });
    status.textContent = shown.length ? fill(S.count, { n: shown.length }) : S.none;
    list.hidden = !shown.length;
    showMore(false);
    box.setAttribute('data-state', shown.length ? 'results' : 'none');
  }
  function apply(st) {
    render(st);
    if (!data && active(st)) {
      load().then(function () { render(fromForm()); }, function () {
        status.textContent = S.error;
        box.setAttribute('data-state', 'error');
        if (pages) pages.hidden = false;
      });
    }
  }

  form.addEventListener('change', function (e) {
    var st = fromForm();
    setHistory(st, e.target && e.target.name);
    apply(st);
  });
  // Start loading as soon as the reader reaches for a filter.
  form.addEventListener('focusin', function () { load().catch(function () {}); });
  form.addEventListener('pointerdown', function () { load().catch(function () {}); });
  clear.addEventListener('click', function () {
    DIMS.forEach(function (k) { if (selects[k]) selects[k].value = ''; });
    var st = fromForm();
    setHistory(st, '');
    apply(st);
    var first = selects[DIMS[0]];
    if (first) first.focus();
  });
  more.addEventListener('click', function () { showMore(true); });
  window.addEventListener('popstate', function () { apply(fromUrl()); });

  apply(fromUrl());
})();
