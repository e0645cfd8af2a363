import { describe, expect, it } from "vitest";
import { connectedNetworks, joinSideRules } from "../../src/layout/lines.js";
import { DEFAULT_LAYOUT } from "../../src/layout/settings.js";
import type { Ruling } from "../../src/pdf/model.js";

const h = (at: number, from: number, to: number): Ruling => ({ orientation: "h", at, from, to });
const v = (at: number, from: number, to: number): Ruling => ({ orientation: "v", at, from, to });

/** A two-column grid from x 200 to 400 and y 0 to 100, three rows. */
const grid = [h(0, 200, 400), h(50, 200, 400), h(100, 200, 400), v(200, 0, 100), v(300, 0, 100), v(400, 0, 100)];
const networks = (rulings: Ruling[]) => joinSideRules(connectedNetworks(rulings, DEFAULT_LAYOUT), DEFAULT_LAYOUT);

describe("lone vertical rules beside a table (a cell merged over several pages)", () => {
  it("rules over the table's full height join it, the farther one after the nearer", () => {
    const out = networks([...grid, v(120, 0, 100), v(40, 0, 100)]);
    expect(out.length).toBe(1);
    expect(
      out[0]!
        .filter((r) => r.orientation === "v")
        .map((r) => r.at)
        .sort((a, b) => a - b),
    ).toEqual([40, 120, 200, 300, 400]);
  });

  it("a rule of another height, or farther off than the widest column, stays apart", () => {
    expect(networks([...grid, v(120, 0, 60)]).length).toBe(2);
    expect(networks([...grid, v(80, 0, 100)]).length).toBe(2);
  });
});
