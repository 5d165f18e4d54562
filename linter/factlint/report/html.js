// The HTML report's pop-ups and filters (inlined into the page by report/html.py).
(function () {
  var tip = document.getElementById('tip');
  var by = null; // what showed the pop-up: 'hover' or 'focus'

  function highlight(el) {
    return el && el.closest ? el.closest('.hl') : null;
  }

  // The ids of the highlight and of the highlights around it (a finding inside a claim).
  function ids(el) {
    var out = [];
    for (var n = el; n && n.getAttribute; n = n.parentElement) {
      var id = n.getAttribute('data-id');
      if (id && out.indexOf(id) < 0) out.push(id);
    }
    return out;
  }

  function show(el) {
    var list = ids(el);
    if (!list.length) return;
    while (tip.firstChild) tip.removeChild(tip.firstChild);
    list.forEach(function (id) {
      var src = document.getElementById('tip-' + id);
      if (!src) return;
      var copy = src.cloneNode(true); // server-rendered, escaped details
      copy.removeAttribute('id');
      copy.hidden = false;
      tip.appendChild(copy);
    });
    tip.hidden = false;
    var r = el.getBoundingClientRect();
    var view = document.documentElement.clientWidth;
    var w = Math.min(520, view - 16);
    var left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + view - w - 8));
    tip.style.left = left + 'px';
    tip.style.top = (r.bottom + window.scrollY + 6) + 'px';
  }

  function hide() {
    tip.hidden = true;
    by = null;
  }

  document.addEventListener('mouseover', function (e) {
    var t = highlight(e.target);
    if (t) {
      show(t);
      by = 'hover';
    } else if (by === 'hover' && !tip.contains(e.target)) {
      hide();
    }
  });
  document.addEventListener('focusin', function (e) {
    var t = highlight(e.target);
    if (t) {
      show(t);
      by = 'focus';
    } else if (!tip.contains(e.target)) {
      hide();
    }
  });
  document.addEventListener('focusout', function () {
    setTimeout(function () {
      var a = document.activeElement;
      if (by === 'focus' && !highlight(a) && !tip.contains(a)) hide();
    }, 0);
  });
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') hide();
  });

  // Filters: an element is switched off when one of its data-filter keys is unchecked.
  var form = document.getElementById('filters');
  var shown = document.getElementById('shown');
  function apply() {
    var off = {};
    form.querySelectorAll('input[type=checkbox]').forEach(function (box) {
      if (!box.checked) off[box.name + ':' + box.value] = true;
    });
    var visible = 0, total = 0;
    document.querySelectorAll('[data-filter]').forEach(function (el) {
      var hidden = el.getAttribute('data-filter').split(' ').some(function (k) { return off[k]; });
      el.classList.toggle('off', hidden);
      if (el.tagName === 'LI') {
        total++;
        if (!hidden) visible++;
      }
    });
    shown.textContent = 'Showing ' + visible + ' of ' + total + '.';
  }
  form.addEventListener('change', apply);
  apply();

  // A link to a rule's docs opens its <details>; printing opens them all.
  function openRule() {
    var id = location.hash.slice(1);
    var el = id && document.getElementById(id);
    if (el && el.tagName === 'DETAILS') el.open = true;
  }
  window.addEventListener('hashchange', openRule);
  openRule();
  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('.rules details').forEach(function (d) { d.open = true; });
  });
})();
