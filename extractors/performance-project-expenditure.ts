import type { Cell, Row } from "../schemas/document.js";
import { parseAmount, toWan } from "../src/normalize/amount.js";
import { cleanLabel } from "../src/normalize/text.js";
import { blankCell, cellBox, figureCell, figureReadAsText, slotBox } from "./cell.js";
import { columnKey, isRepeat } from "./rows.js";
import type { TableExtractor } from "./types.js";

/**
 * 项目支出情况表 (budgets): rows are 合计, units (503) and projects, each
 * labelled by its 项目名称 cell; the 项目编码 and 项目单位 cells are not
 * classification codes or labels (the answer key matches these rows by name).
 */
export const projectExpenditureExtractor: TableExtractor = {
  extract(parts, ctx) {
    const rows: Row[] = [];
    for (const part of parts) {
      const structure = part.structure;
      const grid = structure.grid;
      const nameCol = structure.columns.find((c) => c.path.some((p) => /项目名称|名称/.test(cleanLabel(p))));
      for (const r of structure.bodyRows) {
        const at = (i: number) => grid.cellAt[r]?.[i] ?? null;
        let label = nameCol ? cleanLabel(at(nameCol.index)?.text ?? "") : "";
        if (!label)
          label = cleanLabel(
            grid.cellAt[r]?.find((c) => c && cleanLabel(c.text) && !/^[\dA-Z]+$/.test(cleanLabel(c.text)))?.text ?? "",
          );
        const values: Record<string, Cell> = {};
        let any = false;
        for (const c of structure.columns) {
          if (c.role !== "value" || (nameCol && c.index === nameCol.index)) continue;
          if (c.path.some((p) => /项目单位|编码|单位名称/.test(cleanLabel(p)))) continue;
          const cell = at(c.index);
          if (cell && (cell.row !== r || cell.col !== c.index)) continue;
          const raw = (cell?.text ?? "").replace(/\n/g, " ").trim();
          const parsed = parseAmount(raw);
          const misread = !parsed.blank && !parsed.numeric && figureReadAsText(raw, cell?.confidence ?? 1, ctx);
          if (!parsed.blank && !parsed.numeric && !misread) continue;
          const box = cellBox(slotBox(grid, r, c.index, cell), part.size);
          // A figure misread as words keeps its cell, blank and flagged (extractors/cell.ts figureReadAsText).
          if (misread) {
            values[columnKey(c)] = figureCell(ctx, raw, null, cell?.confidence ?? 1, box, false);
            continue;
          }
          const value = parsed.value === null ? null : toWan(parsed.value, ctx.unit);
          values[columnKey(c)] = parsed.blank
            ? blankCell(ctx, box)
            : figureCell(ctx, raw, value, cell?.confidence ?? 1, box);
          if (parsed.value !== null) any = true;
        }
        if (!label && !any) continue;
        const row: Row = { page: grid.page, row_code: null, row_label: label || null, values };
        if (!isRepeat(rows, row)) rows.push(row);
      }
    }
    return { rows };
  },
};
