import { describe, expect, it } from "vitest";
import { cleanLabel } from "../../src/normalize/text.js";
import { layoutPage } from "../../src/layout/page-tables.js";
import { recogniseTables } from "../../src/tables.js";
import { ruledPage } from "../helpers/synthetic-page.js";

describe("variant code points fonts map glyphs to (issue 11 item 8)", () => {
  it.each([
    ["账戶", "账户"],
    ["账戸", "账户"],
    ["\u2F08员经费", "人员经费"], // Kangxi ⼈
    ["部\u2EE8", "部门"].map((x, i) => (i ? x : "部\u2ED4")), // CJK Radicals Supplement ⻔
    ["\uF9B5例", "例例"], // a CJK compatibility ideograph (例)
    ["內部", "内部"],
    ["稅费", "税费"],
    ["塡报", "填报"],
  ])("%s → %s", (printed, clean) => {
    expect(cleanLabel(printed)).toBe(clean);
  });

  it("labels, column paths and titles are normalised; raw_text keeps the print", () => {
    const page = ruledPage({
      above: ["收入⽀出决算总表"], // Kangxi ⽀
      rows: [
        ["项⽬", "决算数"],
        ["上年结转結余（账戶）", "1,212.50"],
      ],
    });
    const [t] = recogniseTables([layoutPage(page)], () => "text").tables;
    expect(t.title).toBe("收入支出决算总表");
    expect(t.rows[0].row_label).toBe("上年结转結余（账户）");
    expect(t.rows[0].values["决算数"]).toMatchObject({ value_wan: 1212.5, raw_text: "1,212.50" });
  });
});
