// Full-text search over the docs pages, from file:// or any server: the index is a script that sets
// window.SEARCH_INDEX = [[page, page title, section id, section title, text], ...] (written by tools/build_docs.py).
(function () {
  var box = document.getElementById('search'), out = document.getElementById('search-results');
  if (!box || !out || !window.SEARCH_INDEX) return;
  var index = window.SEARCH_INDEX.map(function (e) {
    return {e: e, title: (e[1] + ' ' + e[3]).toLowerCase(), text: e[4].toLowerCase()};
  });
  function esc(s) { return s.replace(/[&<>"]/g, function (c) { return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'}[c]; }); }
  function run() {
    var terms = box.value.toLowerCase().split(/\s+/).filter(Boolean);
    out.innerHTML = '';
    if (!terms.length || box.value.trim().length < 2) return;
    var hits = [];
    index.forEach(function (d) {
      var score = 0;
      for (var i = 0; i < terms.length; i++) {
        var inTitle = d.title.indexOf(terms[i]) >= 0, inText = d.text.indexOf(terms[i]) >= 0;
        if (!inTitle && !inText) return;
        score += inTitle ? 10 : 1;
      }
      hits.push([score, d]);
    });
    hits.sort(function (a, b) { return b[0] - a[0]; });
    var html = hits.slice(0, 20).map(function (h) {
      var e = h[1].e, at = h[1].text.indexOf(terms[0]), start = Math.max(0, at - 40);
      var snip = at >= 0 ? (start ? '…' : '') + e[4].substr(start, 120) + '…' : '';
      return '<a href="' + e[0] + (e[2] ? '#' + e[2] : '') + '">' + esc(e[1]) + (e[3] ? ' › ' + esc(e[3]) : '') +
             '<small>' + esc(snip) + '</small></a>';
    }).join('');
    out.innerHTML = html || '<small>No matches.</small>';
  }
  box.addEventListener('input', run);
  if (box.value) run();
})();
