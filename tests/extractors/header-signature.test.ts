/**
 * Scanned titles that the exact rules miss: the lenient title match and the header signature.
 * Titles are as OCR read them on the corpus scans and on the Jiangsu 2017 tables read with --ocr always;
 * header words as printed on the pages (fuzhou medical security 2026 p12 支出预算总表, central letters p7).
 */
import { describe, expect, it } from "vitest";
import { KINDS } from "../../extractors/kinds.js";

/** The column header of 2026年度支出预算总表 (fuzhou medical security p12), as printed. */
const FUZHOU_EXPENDITURE = [
  "科目编码",
  "科目名称",
  "合计",
  "基本支出",
  "项目支出",
  "事业单位经营支出",
  "上缴上级支出",
  "对附属单位补助支出",
];

describe("lenient titles (OCR)", () => {
  it("a misread year in front does not hide the title: 20256年度文出预算总表", () => {
    expect(KINDS.recognise("20256年度文出预算总表")).toBeNull();
    expect(KINDS.recogniseFuzzy("20256年度文出预算总表")).toBe("expenditure");
  });

  it("a misread word does not turn a specific title into a general one", () => {
    // 财政拨寺支出预算表 passes the 支出表 rule once 财政拨款 is misread; the typical 财政拨款支出预算表 is closer.
    expect(KINDS.recognise("财政拨寺支出预算表")).toBe("expenditure");
    expect(KINDS.recogniseFuzzy("财政拨寺支出预算表")).toBe("general_budget_expenditure");
    // …but a more general typical title never overrides a specific exact match.
    expect(KINDS.recogniseFuzzy("财政拨款政府性基金文出预算表")).toBe("gov_fund");
    expect(KINDS.recogniseFuzzy("财政拨短基本文出预算表")).toBe("basic_expenditure_detail");
  });

  it("a title read as a table that is not standard is not a near miss of a standard one", () => {
    // Read so on the scan of Jiangsu 检察院 2017 p16 (十二、政府采购支出预算表, its number cut off); the
    // 支出表 rule's lenient match made it an expenditure table of 2,889.80 of purchases.
    expect(KINDS.recognise("政府采购支出预算表")).toBeNull();
    expect(KINDS.recogniseFuzzy("政府采购支出预算表")).toBeNull();
  });
});

describe("header signature", () => {
  it("tells a 支出表 by 基本支出, 项目支出 and 上缴上级/经营支出 columns, with no title at all", () => {
    expect(KINDS.recogniseByHeader(null, FUZHOU_EXPENDITURE, "function")).toBe("expenditure");
  });

  it("takes the kind the lenient title names among the kinds the header allows", () => {
    // 基本支出 | 项目支出 alone: a 一般公共预算支出表 or a 支出表 of some regions; the title decides.
    const paths = ["科目编码", "科目名称", "合计", "基本支出", "项目支出"];
    expect(KINDS.recogniseByHeader("一般公共预葬文出表", paths, "function")).toBe("general_budget_expenditure");
    expect(KINDS.recogniseByHeader(null, paths, "function")).toBe("general_budget_expenditure");
  });

  it("follows the rows' code class to the twin kind (人员经费 | 公用经费 by function codes)", () => {
    const paths = ["科目编码", "科目名称", "合计", "人员经费", "公用经费"];
    expect(KINDS.recogniseByHeader(null, paths, "economic")).toBe("basic_expenditure_detail");
    // basic_expenditure_detail is offered; the caller's refineByRowCodes turns it into the by-function twin.
    expect(KINDS.recogniseByHeader(null, paths, "function")).toBe("basic_expenditure_detail");
  });

  it("says nothing for a grid whose header carries no kind's signature, or a table that is not standard", () => {
    expect(KINDS.recogniseByHeader(null, ["项目", "金额"], null)).toBeNull();
    expect(
      KINDS.recogniseByHeader("政府采购预算表", ["序号", "项目名称", "合计", "基本支出", "项目支出"], null),
    ).toBeNull();
  });
});
