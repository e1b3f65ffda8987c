// Small enhancements only: every page works without this file.
(function () {
  "use strict";
  // The printed header repeats the page's title (without the site name).
  document.querySelectorAll("[data-print-title]").forEach(function (el) {
    var title = document.title.replace(/\s·\sNGVH$/, "");
    var plan = el.parentNode.querySelector(".print-header__plan");
    if (plan && plan.textContent.trim() && title.indexOf(plan.textContent.trim()) !== -1) plan.textContent = "";
    el.textContent = title;
  });
  // A collapsed <details class="print-open"> prints open, then closes again.
  var reopened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.print-open:not([open])").forEach(function (el) {
      el.open = true;
      reopened.push(el);
    });
  });
  window.addEventListener("afterprint", function () {
    reopened.forEach(function (el) { el.open = false; });
    reopened = [];
  });
  // Confirm destructive actions: <form data-confirm="...">.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var message = form.getAttribute && form.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  });
  // Sortable tables: <table data-sortable>, header buttons sort by column text or data-sort.
  function cellValue(row, index) {
    var cell = row.children[index];
    if (!cell) return "";
    var raw = cell.getAttribute("data-sort");
    return raw !== null ? raw : cell.textContent.trim();
  }
  document.querySelectorAll("table[data-sortable]").forEach(function (table) {
    var headers = table.querySelectorAll("thead th");
    headers.forEach(function (th, index) {
      if (th.hasAttribute("data-nosort")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var asc = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        rows.sort(function (a, b) {
          var x = cellValue(a, index), y = cellValue(b, index);
          var nx = parseFloat(x), ny = parseFloat(y);
          var cmp = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y, document.documentElement.lang || "vi");
          return asc ? cmp : -cmp;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
})();
