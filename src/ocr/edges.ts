import type { PixelRuling } from "./lines.js";
import type { Gray } from "./raster.js";
import type { OcrSettings } from "./settings.js";

export type Edge = "top" | "right" | "bottom" | "left";

/**
 * The image's edges a table runs into: a page laid short of the scanner's glass ends inside its table, its column
 * rules reaching the bottom edge (or its row rules the right edge), where a whole page's rules stop at its margin
 * (held-out 4: Xi'an 人社 p32 cut at the foot, Fuzhou 医保 p13 at the right). Rules lying along the sides
 * (`cutEdgeInside`) are not counted, and an edge whose strip is dark in the scan as it came (`raw`: a gutter's shadow
 * or a copier's band, which the rules run into once the light is evened out) is not a cut.
 */
export function cutEdges(raw: Gray, rulings: PixelRuling[], threshold: number, s: OcrSettings): Edge[] {
  const { width: w, height: h } = raw;
  const inside = (at: number, size: number) => at > size * s.cutEdgeInside && at < size * (1 - s.cutEdgeInside);
  const columns = rulings.filter((r) => r.orientation === "v" && inside(r.at, w));
  const rows = rulings.filter((r) => r.orientation === "h" && inside(r.at, h));
  const nearY = h * s.cutEdgeShare,
    nearX = w * s.cutEdgeShare;
  const reaching: Record<Edge, number> = {
    top: columns.filter((r) => r.from <= nearY).length,
    bottom: columns.filter((r) => r.to >= h - nearY).length,
    left: rows.filter((r) => r.from <= nearX).length,
    right: rows.filter((r) => r.to >= w - nearX).length,
  };
  return (Object.keys(reaching) as Edge[]).filter(
    (edge) => reaching[edge] >= s.cutEdgeRules && darkShare(raw, edge, threshold, s) < s.cutEdgeDark,
  );
}

/** The share of the strip along an edge (`cutEdgeShare` of the page across) darker than the ink threshold. */
function darkShare(gray: Gray, edge: Edge, threshold: number, s: OcrSettings): number {
  const { width: w, height: h, data } = gray;
  const dx = Math.ceil(w * s.cutEdgeShare),
    dy = Math.ceil(h * s.cutEdgeShare);
  const [x0, x1, y0, y1] = {
    top: [0, w, 0, dy],
    bottom: [0, w, h - dy, h],
    left: [0, dx, 0, h],
    right: [w - dx, w, 0, h],
  }[edge];
  let dark = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (data[y * w + x] < threshold) dark++;
  return dark / Math.max(1, (x1 - x0) * (y1 - y0));
}
