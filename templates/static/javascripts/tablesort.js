/* Sort tables inside a .kei-sortable block by clicking a column heading (numbers numerically, text by locale).
   Each heading gets a <button>; the th carries aria-sort, which screen readers announce.
   Material loads pages without a full reload (instant navigation), so tables are wired on every page
   change through document$ when it exists. */
(function () {
  "use strict";
  function cellValue(row, index) {
    var cell = row.cells[index];
    return cell ? cell.textContent.trim() : "";
  }
  function compare(a, b) {
    var x = parseFloat(a), y = parseFloat(b);
    if (!isNaN(x) && !isNaN(y) && String(x) === a.replace(/^\+/, "") && String(y) === b.replace(/^\+/, "")) {
      return x - y;
    }
    return a.localeCompare(b);
  }
  function sortBy(table, index, header) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    rows.sort(function (r1, r2) {
      var result = compare(cellValue(r1, index), cellValue(r2, index));
      return ascending ? result : -result;
    });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) { th.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    rows.forEach(function (row) { body.appendChild(row); });
  }
  function wire() {
    document.querySelectorAll(".kei-sortable table").forEach(function (table) {
      if (table.dataset.keiSortable || !table.tHead || !table.tBodies.length) { return; }
      table.dataset.keiSortable = "1";
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
        // A real button inside the heading: focusable, announced as a button, Enter and Space for free.
        var button = document.createElement("button");
        button.type = "button";
        while (th.firstChild) { button.appendChild(th.firstChild); }
        th.appendChild(button);
        button.addEventListener("click", function () { sortBy(table, index, th); });
      });
    });
  }
  if (typeof document$ !== "undefined" && document$.subscribe) {
    document$.subscribe(wire);
  } else {
    document.addEventListener("DOMContentLoaded", wire);
  }
})();
