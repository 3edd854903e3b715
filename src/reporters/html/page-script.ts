/**
 * The page's only script: filters (minimum severity, machine or host, text) and sortable
 * columns. Progressive enhancement: the page says everything without it, the filter bar is
 * hidden until the script shows it, and nothing it does fetches anything. Constant text, so
 * the CSP can allow it by hash; it reads the report only from the DOM (data- attributes).
 */
export const PAGE_SCRIPT = `
(function () {
  'use strict';
  var bar = document.getElementById('filters');
  if (!bar) return;
  bar.hidden = false;
  bar.addEventListener('submit', function (event) { event.preventDefault(); });
  var severity = document.getElementById('filter-severity');
  var place = document.getElementById('filter-place');
  var text = document.getElementById('filter-text');
  var status = document.getElementById('filter-status');
  var rank = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };
  function apply() {
    var min = severity.value === '' ? -1 : rank[severity.value];
    var wanted = place.value;
    var needle = text.value.trim().toLowerCase();
    var shown = 0, total = 0;
    document.querySelectorAll('table.filterable tbody tr').forEach(function (row) {
      var sev = row.getAttribute('data-severity');
      var ok = (wanted === '' || row.getAttribute('data-place') === wanted) &&
        (sev === null || min === -1 || (rank[sev] !== undefined && rank[sev] >= min)) &&
        (needle === '' || row.textContent.toLowerCase().indexOf(needle) !== -1);
      row.hidden = !ok;
      if (sev !== null) { total++; if (ok) shown++; }
    });
    document.querySelectorAll('section.finding-group').forEach(function (group) {
      group.hidden = group.querySelector('tbody tr:not([hidden])') === null;
    });
    document.querySelectorAll('table.matrix tbody tr').forEach(function (row) {
      row.hidden = wanted !== '' && row.getAttribute('data-place') !== wanted;
    });
    status.textContent = shown === total ? '' : 'Showing ' + shown + ' of ' + total + ' findings (filtered).';
  }
  [severity, place].forEach(function (control) { control.addEventListener('change', apply); });
  text.addEventListener('input', apply);
  document.querySelectorAll('table.sortable').forEach(function (table) {
    var heads = table.querySelectorAll('thead th');
    heads.forEach(function (th, column) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'sort';
      button.textContent = th.textContent;
      th.textContent = '';
      th.appendChild(button);
      button.addEventListener('click', function () {
        var descending = th.getAttribute('aria-sort') === 'ascending';
        heads.forEach(function (other) { other.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        function key(row) {
          var cell = row.cells[column];
          var value = cell.getAttribute('data-sort');
          return value !== null ? Number(value) : cell.textContent.trim().toLowerCase();
        }
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          var order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), undefined, { numeric: true });
          return descending ? -order : order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
  apply();
})();
`;
