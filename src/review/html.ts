/**
 * The review pages as HTML strings. Every text that comes from a PDF goes
 * through esc(); the pages load only review.css and review.js from their own
 * folder, so they open from the file system with no server and no network.
 */
import type { CellBox, CellRef, Check } from "../../schemas/document.js";
import type { Indicator } from "../../schemas/performance.js";
import { problemCount, type ReviewCell, type ReviewCheck, type ReviewDocument, type ReviewTable } from "./model.js";

/** Where a page's image is, relative to the review folder, and its pixel size; null when it could not be made. */
export interface PageImageRef {
  src: string;
  width: number;
  height: number;
}

export type PageImages = Map<number, PageImageRef | null>;

export function esc(text: unknown): string {
  return String(text ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A file name as a relative URL (Chinese names kept readable by the browser, special characters encoded). */
export function href(file: string): string {
  return file.split("/").map(encodeURIComponent).join("/");
}

function page(title: string, body: string, extraClass = ""): string {
  return `<!DOCTYPE html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<link rel="stylesheet" href="review.css">
</head>
<body class="${extraClass}">
${body}
<script src="review.js"></script>
</body>
</html>
`;
}

const filter = `<label class="filter"><input type="checkbox" id="only-problems"> only problems</label>`;

function fmt(value: number | null): string {
  return value === null ? "–" : String(Math.round(value * 10000) / 10000);
}

function docLabel(reviewDoc: ReviewDocument): string {
  const d = reviewDoc.doc;
  return [d.org_name, d.fiscal_year, d.doc_type === "budget" ? "预算" : d.doc_type === "final_account" ? "决算" : null]
    .filter((x) => x !== null && x !== "")
    .join(" ");
}

// ---- index -----------------------------------------------------------------

export function indexHtml(docs: ReviewDocument[], generatedAt: string): string {
  const docRows = docs
    .map((reviewDoc) => {
      const problems = problemCount(reviewDoc) > 0;
      return `<tr class="${problems ? "problem" : "ok"}">
<td data-sort="${esc(reviewDoc.doc.source.file)}"><a href="${href(reviewDoc.folder + ".html")}">${esc(reviewDoc.doc.source.file)}</a></td>
<td>${esc(docLabel(reviewDoc))}</td>
${num(reviewDoc.doc.source.pages)}${num(reviewDoc.tables.length)}${num(reviewDoc.facts)}${num(reviewDoc.failedChecks, "fail")}${num(reviewDoc.flaggedCells, "flag")}
</tr>`;
    })
    .join("\n");
  const tableRows = docs
    .flatMap((reviewDoc) =>
      reviewDoc.tables.map((reviewTable) => {
        const problems = problemCount(reviewTable) > 0;
        return `<tr class="${problems ? "problem" : "ok"}">
<td data-sort="${esc(reviewDoc.doc.source.file)}">${esc(reviewDoc.doc.source.file)}</td>
<td><a href="${href(reviewDoc.folder + ".html")}#${reviewTable.id}">${esc(reviewTable.table.title || reviewTable.table.table_kind)}</a></td>
<td>${esc(reviewTable.table.table_kind)}</td>
<td data-sort="${reviewTable.table.pages[0] ?? 0}">${esc(reviewTable.table.pages.join(", "))}</td>
${num(reviewTable.cellCount)}${num(reviewTable.failedChecks, "fail")}${num(reviewTable.flaggedCells, "flag")}
</tr>`;
      }),
    )
    .join("\n");
  const failed = docs.reduce((n, d) => n + d.failedChecks, 0);
  const flagged = docs.reduce((n, d) => n + d.flaggedCells, 0);
  const indicators = docs.reduce((n, d) => n + d.flaggedIndicators, 0);
  const flaggedIndicators = indicators ? `, ${indicators} flagged indicator(s)` : "";
  const body = `<header><h1>yujue review</h1>
<p>${docs.length} document(s), ${failed} failed check(s), ${flagged} flagged cell(s)${flaggedIndicators}. Written ${esc(generatedAt)}. ${filter}</p>
<p class="legend"><span class="key fail">failed check</span> <span class="key flag">flagged cell (doubtful reading)</span></p></header>
<main>
<h2>Documents</h2>
<table class="sortable index" id="documents">
<thead><tr><th>document</th><th>organisation, year, type</th><th>pages</th><th>tables</th><th>facts</th><th>failed checks</th><th>flagged cells</th></tr></thead>
<tbody>
${docRows}
</tbody></table>
<h2>Tables</h2>
<table class="sortable index" id="tables">
<thead><tr><th>document</th><th>table</th><th>kind</th><th>pages</th><th>cells</th><th>failed checks</th><th>flagged cells</th></tr></thead>
<tbody>
${tableRows}
</tbody></table>
</main>`;
  return page("yujue review", body, "index-page");
}

function num(value: number, mark = ""): string {
  return `<td class="num${value > 0 && mark ? " " + mark : ""}" data-sort="${value}">${value}</td>`;
}

// ---- one document ----------------------------------------------------------

export function documentHtml(reviewDoc: ReviewDocument, images: PageImages): string {
  const d = reviewDoc.doc;
  const tables = reviewDoc.tables.map((reviewTable) => tableSection(reviewDoc, reviewTable, images)).join("\n");
  const loose = reviewDoc.looseChecks.length
    ? `<section class="loose"><h2>Checks not tied to a table cell</h2>${checkList(reviewDoc, reviewDoc.looseChecks, "loose")}</section>`
    : "";
  const warnings = d.warnings.length
    ? `<ul class="warnings">${d.warnings.map((w) => `<li>${esc(w)}</li>`).join("")}</ul>`
    : "";
  const body = `<header><p><a href="index.html">← all documents</a></p>
<h1>${esc(d.source.file)}</h1>
<p>${esc(docLabel(reviewDoc))} · ${d.source.pages} pages · ${reviewDoc.tables.length} tables · ${reviewDoc.facts} facts ·
<span class="${reviewDoc.failedChecks ? "fail" : ""}">${reviewDoc.failedChecks} failed checks</span> ·
<span class="${reviewDoc.flaggedCells ? "flag" : ""}">${reviewDoc.flaggedCells} flagged cells</span>
${reviewDoc.flaggedIndicators ? ` · <span class="flag">${reviewDoc.flaggedIndicators} flagged indicators</span>` : ""}
${d.ocr_pages.length ? ` · OCR pages ${esc(d.ocr_pages.join(", "))}` : ""} ${filter}</p>
<p class="legend"><span class="key cellkey">extracted cell</span> <span class="key fail">cell of a failed check</span>
<span class="key flag">flagged cell</span> <span class="key sel">selected</span></p>
<nav>${reviewDoc.tables.map((reviewTable) => `<a class="${problemCount(reviewTable) ? "problem" : "ok"}" href="#${reviewTable.id}">${esc(reviewTable.table.title || reviewTable.table.table_kind)}</a>`).join(" ")}</nav>
${warnings}</header>
<main>
${tables}
${loose}
</main>`;
  return page(`${d.source.file} · yujue review`, body, "doc-page");
}

function tableSection(reviewDoc: ReviewDocument, reviewTable: ReviewTable, images: PageImages): string {
  const t = reviewTable.table;
  const problems = problemCount(reviewTable) > 0;
  const pages = t.pages.map((p) => pageView(reviewTable, p, images.get(p) ?? null)).join("\n");
  return `<section class="table-section ${problems ? "problem" : "ok"}" id="${reviewTable.id}">
<h2>${esc(t.title || t.table_kind)} <small>${esc(t.table_kind)} · page${t.pages.length > 1 ? "s" : ""} ${esc(t.pages.join(", "))}
· ${esc(t.unit_printed ?? "unit not printed")} · ${esc(t.extraction)}${t.empty ? " · empty" : ""}</small></h2>
<div class="side-by-side">
<div class="pages">${pages}</div>
<div class="extracted">${extractedTable(reviewTable)}${flaggedIndicators(reviewTable.flaggedIndicators)}</div>
</div>
<h3>Checks of this table (${reviewTable.checks.length}, ${reviewTable.failedChecks} failed)</h3>
${checkList(reviewDoc, reviewTable.checks, reviewTable.id)}
</section>`;
}

function pageView(reviewTable: ReviewTable, pageNumber: number, image: PageImageRef | null): string {
  const cells = reviewTable.rows
    .flatMap((r) => r.cells)
    .filter((c): c is ReviewCell => c !== null && c.page === pageNumber);
  const size = cells.find((c) => c.cell.box)?.cell.box;
  const ratio = image
    ? `${image.width} / ${image.height}`
    : size
      ? `${size.page_width} / ${size.page_height}`
      : "595 / 842";
  const img = image
    ? `<img src="${href(image.src)}" width="${image.width}" height="${image.height}" alt="page ${pageNumber}">`
    : `<p class="no-image">page image not available (source PDF not found)</p>`;
  const boxes = cells
    .filter((c) => c.cell.box)
    .map((c) => boxDiv(c, c.cell.box!))
    .join("");
  return `<figure class="page" data-page="${pageNumber}" style="aspect-ratio: ${ratio}">${img}${boxes}
<figcaption>page ${pageNumber}</figcaption></figure>`;
}

function pct(value: number, of: number): string {
  return `${(Math.round((value / of) * 100000) / 1000).toFixed(3)}%`;
}

function boxDiv(c: ReviewCell, b: CellBox): string {
  const style =
    `left:${pct(b.x0, b.page_width)};top:${pct(b.y0, b.page_height)};` +
    `width:${pct(b.x1 - b.x0, b.page_width)};height:${pct(b.y1 - b.y0, b.page_height)}`;
  return `<a class="box${marks(c)}" href="#${c.id}" data-cell="${c.id}" style="${style}" title="${esc(cellTitle(c))}"></a>`;
}

function marks(c: ReviewCell): string {
  return `${c.failed ? " fail" : ""}${c.cell.flagged ? " flag" : ""}${c.cell.value_wan === null && !c.cell.flagged ? " blank" : ""}`;
}

function cellTitle(c: ReviewCell): string {
  const conf = c.cell.extraction === "ocr" ? `, OCR confidence ${c.cell.confidence.toFixed(2)}` : "";
  return `${c.column}: ${c.cell.raw_text || "(blank)"} → ${c.cell.value_wan ?? "null"} 万元${conf}${c.cell.flagged ? ", flagged" : ""}`;
}

function extractedTable(reviewTable: ReviewTable): string {
  const cols = reviewTable.table.columns;
  const head = `<tr><th>page</th><th>code</th><th>label</th>${cols.map((c) => `<th>${esc(c).replace(/\//g, "/<wbr>")}</th>`).join("")}</tr>`;
  const body = reviewTable.rows
    .map((r) => {
      const problem = r.cells.some((c) => c && (c.failed || c.cell.flagged));
      const tds = r.cells
        .map((c) =>
          c
            ? `<td id="${c.id}" class="num${marks(c)}" data-cell="${c.id}" title="${esc(cellTitle(c))}">${esc(c.cell.raw_text)}</td>`
            : "<td></td>",
        )
        .join("");
      return `<tr class="${problem ? "problem" : "ok"}"><td>${r.page}</td><td>${esc(r.row_code ?? "")}</td><td>${esc(r.row_label ?? "")}</td>${tds}</tr>`;
    })
    .join("\n");
  return `<table class="cells"><thead>${head}</thead><tbody>\n${body}\n</tbody></table>`;
}

/** A performance table's flagged indicators, marked as a flagged cell is: what was read, and how sure. */
function flaggedIndicators(indicators: Indicator[]): string {
  if (!indicators.length) return "";
  const head =
    "<tr><th>page</th><th>indicator</th><th>target</th><th>actual</th><th>score</th><th>confidence</th></tr>";
  const td = (v: unknown) => `<td class="flag">${esc(v ?? "")}</td>`;
  const body = indicators
    .map(
      (i) =>
        `<tr class="problem"><td>${i.page}</td><td>${esc(i.label)}</td>${td(i.target?.text)}${td(i.actual?.text)}` +
        `${td(i.score)}<td class="num flag">${i.confidence.toFixed(2)}</td></tr>`,
    )
    .join("\n");
  return `<h3>Flagged indicators (${indicators.length}): check them against the page</h3>
<table class="cells indicators"><thead>${head}</thead><tbody>\n${body}\n</tbody></table>`;
}

/** A check touching several tables is listed under each: `scope` keeps its element ids unique. */
function checkList(reviewDoc: ReviewDocument, checks: ReviewCheck[], scope: string): string {
  if (!checks.length) return `<p class="none">none</p>`;
  // Failed first, then by id: a long list of passes must not hide a failure.
  const sorted = [...checks].sort((a, b) => Number(a.check.status === "pass") - Number(b.check.status === "pass"));
  return `<ul class="checks">\n${sorted.map((k) => checkItem(reviewDoc, k, scope)).join("\n")}\n</ul>`;
}

function checkItem(reviewDoc: ReviewDocument, k: ReviewCheck, scope: string): string {
  const c: Check = k.check;
  const cellLinks = k.cellIds.map((id) => {
    const cell = findCell(reviewDoc, id);
    return `<a href="#${id}" data-cell="${id}">${esc(cell ? refText(cell, reviewDoc) : id)}</a>`;
  });
  const unlocated = k.unlocated.map((r) => `<span class="unlocated">${esc(refLine(r))}</span>`);
  return `<li class="check ${esc(c.status)} ${c.status === "fail" ? "problem" : "ok"}" id="${scope}-${k.id}" data-id="${esc(c.id)}" data-cells="${k.cellIds.join(" ")}" tabindex="0">
<span class="status">${esc(c.status)}${c.status === "fail" ? ` · ${esc(c.severity)}` : ""}</span>
<span class="message">${esc(c.message)}</span>
<span class="figures">expected ${esc(fmt(c.expected))} · printed ${esc(fmt(c.actual))} · difference ${esc(fmt(c.difference))}</span>
<span class="cells">${[...cellLinks, ...unlocated].join(" ")}</span>
</li>`;
}

function findCell(
  reviewDoc: ReviewDocument,
  id: string,
): { reviewTable: ReviewTable; cell: ReviewCell; row: { row_code: string | null; row_label: string | null } } | null {
  for (const reviewTable of reviewDoc.tables)
    for (const row of reviewTable.rows)
      for (const cell of row.cells) if (cell?.id === id) return { reviewTable, cell, row };
  return null;
}

function refText(found: NonNullable<ReturnType<typeof findCell>>, _rd: ReviewDocument): string {
  const { reviewTable, cell, row } = found;
  return `${reviewTable.table.title || reviewTable.table.table_kind} p${cell.page} ${row.row_code ?? ""} ${row.row_label ?? ""} [${cell.column}] ${cell.cell.raw_text}`.replace(
    /\s+/g,
    " ",
  );
}

function refLine(r: CellRef): string {
  return [
    r.table_kind,
    r.page !== null ? `p${r.page}` : null,
    r.row_code,
    r.row_label,
    r.column ? `[${r.column}]` : null,
  ]
    .filter(Boolean)
    .join(" ");
}
