/**
 * The review pages' stylesheet and script, written beside them. Kept as
 * strings so the built package carries them; no library, no network.
 */

export const REVIEW_CSS = `
:root { --fail: #d7191c; --flag: #f28e00; --hl: #7b2cbf; --cell: rgba(40, 110, 220, 0.45); }
* { box-sizing: border-box; }
body { margin: 0 1.5rem 3rem; font: 14px/1.45 "WenQuanYi Zen Hei", "Noto Sans CJK SC", "Source Han Sans SC",
  "PingFang SC", "Microsoft YaHei", sans-serif; color: #222; background: #fafafa; }
h1 { font-size: 1.4rem; margin: 0.6rem 0 0.2rem; }
h2 { font-size: 1.15rem; margin: 1.6rem 0 0.5rem; }
h2 small { font-weight: normal; color: #666; font-size: 0.8rem; }
h3 { font-size: 1rem; margin: 0.8rem 0 0.3rem; }
a { color: #1a5fb4; }
header { padding-bottom: 0.3rem; border-bottom: 1px solid #ddd; }
nav a { margin-right: 0.6rem; white-space: nowrap; }
nav a.problem::after { content: " ●"; color: var(--fail); }
.filter { margin-left: 1rem; font-weight: bold; white-space: nowrap; }
.legend .key { display: inline-block; padding: 0 0.4rem; margin-right: 0.4rem; border: 2px solid; }
.key.cellkey { border-color: var(--cell); border-width: 1px; }
.key.fail, td.fail { border-color: var(--fail); }
.key.flag { border-color: var(--flag); border-style: dashed; }
.key.sel { border-color: var(--hl); background: rgba(123, 44, 191, 0.2); }
span.fail, td.num.fail { color: var(--fail); font-weight: bold; }
span.flag, td.num.flag { color: #a85f00; font-weight: bold; }
table.index { border-collapse: collapse; background: #fff; }
table.index th, table.index td { border: 1px solid #ccc; padding: 0.2rem 0.5rem; }
table.index th { cursor: pointer; background: #eee; user-select: none; }
table.index th.sorted-asc::after { content: " ▲"; } table.index th.sorted-desc::after { content: " ▼"; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.side-by-side { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1rem; align-items: start; }
.pages { display: flex; flex-direction: column; gap: 0.8rem; }
figure.page { position: relative; margin: 0; width: 100%; background: #fff; border: 1px solid #bbb; }
figure.page img { display: block; width: 100%; height: 100%; }
figure.page figcaption { position: absolute; right: 0.3rem; bottom: 0.2rem; font-size: 0.75rem; color: #888; }
.no-image { position: absolute; top: 40%; width: 100%; text-align: center; color: #888; }
.box { position: absolute; display: block; border: 1px solid var(--cell); }
.box.blank { border-color: rgba(40, 110, 220, 0.18); }
.box.flag { border: 2px dashed var(--flag); background: rgba(242, 142, 0, 0.15); }
.box.fail { border: 2px solid var(--fail); background: rgba(215, 25, 28, 0.15); }
.box.hl, td.hl { outline: 3px solid var(--hl); background: rgba(123, 44, 191, 0.28); z-index: 2; }
.extracted { overflow: auto; max-height: 92vh; background: #fff; border: 1px solid #bbb; }
table.cells { border-collapse: collapse; font-size: 12px; }
table.cells th { position: sticky; top: 0; background: #eee; font-weight: normal; vertical-align: bottom; }
table.cells th, table.cells td { border: 1px solid #ddd; padding: 0.1rem 0.3rem; }
table.cells td.flag { background: rgba(242, 142, 0, 0.18); border: 2px dashed var(--flag); }
table.cells td.fail { background: rgba(215, 25, 28, 0.14); border: 2px solid var(--fail); }
ul.checks { list-style: none; padding: 0; margin: 0; }
li.check { display: grid; grid-template-columns: 7rem 1fr; gap: 0 0.6rem; padding: 0.3rem 0.5rem; margin: 0.2rem 0;
  border-left: 4px solid #9c9; background: #fff; cursor: pointer; }
li.check.fail { border-left-color: var(--fail); }
li.check:not(.fail):not(.pass) { border-left-color: #aaa; }
li.check.selected { outline: 2px solid var(--hl); }
li.check .status { grid-row: span 3; font-weight: bold; }
li.check.fail .status { color: var(--fail); }
li.check .figures { color: #444; font-variant-numeric: tabular-nums; }
li.check .cells a { margin-right: 0.6rem; font-size: 0.85rem; }
.unlocated { color: #888; font-size: 0.85rem; margin-right: 0.6rem; }
.warnings { color: #a85f00; }
body.only-problems .ok { display: none; }
`;

/** Highlighting (a check's cells on both sides, a cell on both sides), the problems filter, sortable index tables. */
export const REVIEW_JS = `"use strict";
(function () {
  function all(selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); }
  function highlight(ids, from) {
    all(".hl").forEach(function (el) { el.classList.remove("hl"); });
    all("li.check.selected").forEach(function (el) { el.classList.remove("selected"); });
    if (from) from.classList.add("selected");
    var first = null;
    ids.forEach(function (id) {
      all('[data-cell="' + id + '"]').forEach(function (el) {
        if (el.closest("li.check")) return;
        el.classList.add("hl");
        if (!first && el.classList.contains("box")) first = el;
      });
    });
    if (first) first.scrollIntoView({ block: "center", behavior: "auto" });
  }
  document.addEventListener("click", function (event) {
    var target = event.target;
    var link = target.closest && target.closest("a[data-cell]");
    var check = target.closest && target.closest("li.check");
    if (link) { event.preventDefault(); highlight([link.getAttribute("data-cell")], check); return; }
    if (check) { highlight((check.getAttribute("data-cells") || "").split(" ").filter(Boolean), check); return; }
    var td = target.closest && target.closest("td[data-cell]");
    if (td) highlight([td.getAttribute("data-cell")], null);
  });
  document.addEventListener("keydown", function (event) {
    var check = event.target.closest && event.target.closest("li.check");
    if (check && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      highlight((check.getAttribute("data-cells") || "").split(" ").filter(Boolean), check);
    }
  });
  var box = document.getElementById("only-problems");
  if (box) {
    var saved = null;
    try { saved = window.localStorage.getItem("yujue-only-problems"); } catch (e) { saved = null; }
    box.checked = saved === "1";
    document.body.classList.toggle("only-problems", box.checked);
    box.addEventListener("change", function () {
      document.body.classList.toggle("only-problems", box.checked);
      try { window.localStorage.setItem("yujue-only-problems", box.checked ? "1" : "0"); } catch (e) { /* file:// may refuse */ }
    });
  }
  all("table.sortable").forEach(function (table) {
    all("th", table).forEach(function (th, col) {
      th.addEventListener("click", function () {
        var desc = !th.classList.contains("sorted-desc");
        all("th", table).forEach(function (h) { h.classList.remove("sorted-asc", "sorted-desc"); });
        th.classList.add(desc ? "sorted-desc" : "sorted-asc");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[col].getAttribute("data-sort") || a.cells[col].textContent;
          var y = b.cells[col].getAttribute("data-sort") || b.cells[col].textContent;
          var nx = Number(x), ny = Number(y);
          var cmp = isNaN(nx) || isNaN(ny) ? String(x).localeCompare(String(y), "zh") : nx - ny;
          return desc ? -cmp : cmp;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
  if (location.hash) {
    var id = location.hash.slice(1);
    var el = document.getElementById(id);
    if (el && el.hasAttribute("data-cell")) highlight([id], null);
    else if (el && el.classList.contains("check")) highlight((el.getAttribute("data-cells") || "").split(" ").filter(Boolean), el);
  }
})();
`;
