/* casebook: the header search box on every page. Tiny on purpose: it only
 * loads js/search.js (suggestions, and the index it needs) when the reader
 * turns to the box. Without JavaScript, or before that, the box is a plain
 * form that opens the search page with ?q=. */
(function () {
  'use strict';
  var d = document;
  if (window.casebookSearchJs || d.getElementById('search-results')) return; // search page: loaded there
  var html = d.documentElement;
  var root = html.hasAttribute('data-root') ? html.getAttribute('data-root') : '/';
  var added = false;
  function load(e) {
    var t = e.target;
    if (added || !t || t.name !== 'q' || !t.form || !/(^|\s)site-search(\s|$)/.test(t.form.className)) return;
    added = true;
    var s = d.createElement('script');
    s.src = root + 'js/search.js';
    s.async = true;
    d.head.appendChild(s);
  }
  d.addEventListener('focusin', load);
  d.addEventListener('input', load);
})();
