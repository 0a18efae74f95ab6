/* casebook galleries: a photo viewer for every [data-gallery] section
 * (issue 18).
 *
 * Our own code, no dependencies, a classic script (works from file://).
 * Without JavaScript, or in a browser without <dialog>, each thumbnail link
 * opens the photo's large-view page. With it, a plain click on a thumbnail
 * (or Enter on it) opens one modal <dialog>, made here on first use and
 * shared by every gallery of the page: the large photo, its caption, its
 * position, and previous / next / close buttons. Keys: ←/→ previous / next
 * (wrapping around), Home / End first / last, Esc closes (the dialog's own
 * cancel). A click outside the photo and the controls closes it too.
 * Labels come from the section's data-label-* attributes (the templates
 * translate them); the photo from each link's data-src / data-srcset /
 * data-width / data-height.
 */
(function () {
  'use strict';

  var d = document;
  var sections = d.querySelectorAll('[data-gallery]');
  if (!sections.length) return;
  // Old browsers (no modal dialog) keep the links to the large-view pages.
  if (typeof d.createElement('dialog').showModal !== 'function') return;

  var dlg = null;   // the viewer, made on first use
  var ui = {};      // its parts
  var cur = null;   // { section, links, index } while it is open
  var fetched = Object.create(null); // photos shown or preloaded, by data-src

  function el(tag, cls, text) {
    var e = d.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  function fill(tpl, vars) {
    return String(tpl).replace(/\{(\w+)\}/g, function (m, k) {
      return Object.prototype.hasOwnProperty.call(vars, k) ? String(vars[k]) : m;
    });
  }
  function squash(s) {
    return String(s || '').replace(/\s+/g, ' ').trim();
  }
  // A button with a visible label; the arrow is decoration only.
  function button(cls, glyph, before) {
    var b = el('button', 'viewer-btn ' + cls);
    b.type = 'button';
    var g = el('span', 'viewer-glyph', glyph);
    g.setAttribute('aria-hidden', 'true');
    var t = el('span', 'viewer-label');
    if (before) { b.appendChild(g); b.appendChild(t); } else { b.appendChild(t); b.appendChild(g); }
    return b;
  }

  function build() {
    dlg = el('dialog', 'viewer');
    var head = el('div', 'viewer-head');
    ui.pos = el('p', 'viewer-pos');
    ui.close = button('viewer-close', '×', false);
    head.appendChild(ui.pos);
    head.appendChild(ui.close);

    var fig = el('figure', 'viewer-figure');
    ui.stage = el('div', 'viewer-stage');
    ui.img = el('img', 'viewer-img');
    ui.img.decoding = 'async';
    ui.stage.appendChild(ui.img);
    ui.caption = el('figcaption', 'viewer-caption');
    ui.caption.id = 'casebook-viewer-caption';
    fig.appendChild(ui.stage);
    fig.appendChild(ui.caption);

    var bar = el('div', 'viewer-bar');
    ui.prev = button('viewer-prev', '‹', true);
    ui.next = button('viewer-next', '›', false);
    bar.appendChild(ui.prev);
    bar.appendChild(ui.next);

    // The position and the caption are read out when ←/→ change the photo.
    ui.pos.setAttribute('aria-live', 'polite');
    ui.caption.setAttribute('aria-live', 'polite');
    dlg.setAttribute('aria-describedby', ui.caption.id);
    dlg.appendChild(head);
    dlg.appendChild(fig);
    dlg.appendChild(bar);
    d.body.appendChild(dlg);
    // The empty areas around the photo and the controls: a click there is a
    // click on the "backdrop" (the dialog fills the viewport).
    ui.backdrop = [dlg, head, fig, ui.stage, bar];

    ui.close.addEventListener('click', function () { dlg.close(); });
    ui.prev.addEventListener('click', function () { go(cur.index - 1); });
    ui.next.addEventListener('click', function () { go(cur.index + 1); });
    dlg.addEventListener('click', function (e) {
      if (ui.backdrop.indexOf(e.target) >= 0) dlg.close();
    });
    // on the document: a click on the photo may leave focus outside any
    // control (on the dialog, or on the body in some browsers)
    d.addEventListener('keydown', function (e) { if (dlg.open) onKey(e); });
    dlg.addEventListener('close', onClose);
    swipe();
  }

  function onKey(e) {
    if (!cur || e.altKey || e.ctrlKey || e.metaKey) return; // Alt+← is the browser's Back
    var n = cur.links.length;
    var to = null;
    switch (e.key) {
      case 'ArrowLeft': case 'Left': to = cur.index - 1; break;
      case 'ArrowRight': case 'Right': to = cur.index + 1; break;
      case 'Home': to = 0; break;
      case 'End': to = n - 1; break;
      case 'Tab': trap(e); return;
      default: return;
    }
    if (e.shiftKey) return;
    e.preventDefault();
    go(to);
  }

  // Tab and Shift+Tab cycle through the dialog's buttons: a modal dialog
  // alone would let focus leave for the browser's own toolbar.
  function trap(e) {
    var f = [ui.close, ui.prev, ui.next].filter(function (b) { return !b.hidden; });
    var first = f[0];
    var last = f[f.length - 1];
    var a = d.activeElement;
    var inside = a !== dlg && dlg.contains(a); // not on a control: wrap too
    if (!inside || a === (e.shiftKey ? first : last)) {
      e.preventDefault();
      (e.shiftKey ? last : first).focus();
    }
  }

  // Horizontal swipes on touch screens: left = next, right = previous.
  function swipe() {
    var x0 = null;
    var y0 = 0;
    ui.stage.addEventListener('touchstart', function (e) {
      if (e.touches.length !== 1) { x0 = null; return; }
      x0 = e.touches[0].clientX;
      y0 = e.touches[0].clientY;
    }, { passive: true });
    ui.stage.addEventListener('touchend', function (e) {
      if (x0 === null || !cur || !e.changedTouches.length) return;
      var dx = e.changedTouches[0].clientX - x0;
      var dy = e.changedTouches[0].clientY - y0;
      x0 = null;
      if (Math.abs(dx) > 50 && Math.abs(dx) > 1.5 * Math.abs(dy)) go(cur.index + (dx < 0 ? 1 : -1));
    }, { passive: true });
  }

  function photoOf(a) {
    var fig = a.closest('figure');
    var cap = fig && fig.querySelector('figcaption');
    var thumb = a.querySelector('img');
    var title = cap && cap.querySelector('.caption');
    var time = cap && cap.querySelector('time');
    return {
      src: a.getAttribute('data-src'),
      srcset: a.getAttribute('data-srcset') || '',
      width: parseInt(a.getAttribute('data-width'), 10) || 0,
      height: parseInt(a.getAttribute('data-height'), 10) || 0,
      alt: thumb ? thumb.getAttribute('alt') || '' : '',
      // the caption and its date apart, so the date can be set off; a
      // caption of another shape is shown whole
      caption: squash(title ? title.textContent : cap ? cap.textContent : ''),
      date: title && time ? squash(time.textContent) : ''
    };
  }

  function setImage(img, p) {
    // srcset before src, all in one task: the browser picks once
    img.removeAttribute('srcset');
    if (p.srcset) {
      img.sizes = '100vw';
      img.srcset = p.srcset;
    }
    img.src = p.src;
  }

  function go(i) {
    var n = cur.links.length;
    i = ((i % n) + n) % n;
    cur.index = i;
    var p = photoOf(cur.links[i]);
    if (p.width && p.height) {
      ui.img.width = p.width;
      ui.img.height = p.height;
    } else {
      ui.img.removeAttribute('width');
      ui.img.removeAttribute('height');
    }
    ui.img.alt = p.alt;
    setImage(ui.img, p);
    fetched[p.src] = true;
    ui.caption.textContent = p.caption;
    if (p.date) {
      if (p.caption) ui.caption.appendChild(d.createTextNode(' '));
      ui.caption.appendChild(el('span', 'viewer-date', p.date));
    }
    ui.caption.hidden = !p.caption && !p.date;
    ui.pos.textContent = fill(cur.section.getAttribute('data-label-position') || '{n} / {total}', { n: i + 1, total: n });
    // one photo: nothing to step through
    ui.prev.hidden = ui.next.hidden = n < 2;
    preload(i + 1);
    preload(i - 1);
  }

  // The neighbours are fetched ahead, so ←/→ show them at once.
  function preload(i) {
    var n = cur.links.length;
    if (n < 2) return;
    var p = photoOf(cur.links[((i % n) + n) % n]);
    if (fetched[p.src]) return;
    fetched[p.src] = true;
    setImage(new Image(), p);
  }

  function label(b, text) {
    b.querySelector('.viewer-label').textContent = text;
  }

  function open(section, links, i) {
    if (!dlg) build();
    cur = { section: section, links: links, index: i };
    var name = section.getAttribute('data-label-dialog');
    if (name) dlg.setAttribute('aria-label', name);
    else dlg.removeAttribute('aria-label');
    label(ui.prev, section.getAttribute('data-label-prev') || '‹');
    label(ui.next, section.getAttribute('data-label-next') || '›');
    label(ui.close, section.getAttribute('data-label-close') || '×');
    go(i);
    dlg.showModal();
  }

  // On close, focus goes to the thumbnail link of the photo last shown (not
  // necessarily the one that opened the viewer), so that a keyboard user
  // continues from where they were in the gallery; focusing scrolls it into
  // view. The dialog's own focus restoring runs before this event.
  function onClose() {
    if (dlg.open) return; // opened again before this event came
    var c = cur;
    cur = null;
    if (c && c.links[c.index] && d.contains(c.links[c.index])) c.links[c.index].focus();
  }

  Array.prototype.forEach.call(sections, function (section) {
    section.addEventListener('click', function (e) {
      // Ctrl/⌘/Shift/Alt-click and the middle button keep the link's own
      // meaning (new tab, new window, download).
      if (e.defaultPrevented || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
      var a = e.target.closest && e.target.closest('a.gallery-link');
      if (!a || !section.contains(a) || !a.getAttribute('data-src')) return;
      // only the links whose photo can be shown here; the others navigate
      var links = Array.prototype.filter.call(section.querySelectorAll('a.gallery-link'), function (l) {
        return !!l.getAttribute('data-src');
      });
      e.preventDefault();
      open(section, links, links.indexOf(a));
    });
  });
})();
