import { foldText } from "./text.js";

export type PrintedUnit = "元" | "千元" | "万元" | "亿元";

const TO_WAN: Record<PrintedUnit, number> = { 元: 1e-4, 千元: 0.1, 万元: 1, 亿元: 1e4 };

export interface ParsedAmount {
  /** In the printed unit; null for a blank cell or text that is not a number. */
  value: number | null;
  /** False when the cell holds text that is not a number (it is flagged, never guessed). */
  numeric: boolean;
  blank: boolean;
}

const DASH = /^[-‐‑‒–—―－─━﹣]+$/;

/**
 * Reads a printed amount: thousands separators, full-width digits, minus
 * signs or parentheses for negatives, a dash for zero, blank for none.
 */
export function parseAmount(raw: string): ParsedAmount {
  const s = foldText(raw).replace(/\s+/g, "").replace(/[,，]/g, "");
  if (s === "") return { value: null, numeric: true, blank: true };
  if (DASH.test(s)) return { value: 0, numeric: true, blank: false };
  const m = /^(\()?([-−－])?(\d+(?:\.\d+)?|\.\d+)(\))?$/.exec(s);
  if (!m || Boolean(m[1]) !== Boolean(m[4])) return { value: null, numeric: false, blank: false };
  const negative = Boolean(m[1]) || Boolean(m[2]);
  const v = Number(m[3]);
  return { value: negative ? -v : v, numeric: true, blank: false };
}

/** Converts to 万元, rounded to the precision the printed figure carries (no float dust). */
export function toWan(value: number, unit: PrintedUnit): number {
  const factor = TO_WAN[unit];
  return Number((value * factor).toFixed(factor < 1 ? 8 : 6));
}

/** The unit printed in a 单位 line ("单位：万元", "金额单位：元"); null when none is found. */
export function unitFromText(text: string): PrintedUnit | null {
  const m = /单位\s*[:：]?\s*(亿元|千元|万元|元)/.exec(foldText(text));
  return m ? (m[1] as PrintedUnit) : null;
}
