/**
 * The README's picture of a review page (docs/review-failed-check.png): one
 * table beside its page, with one of its failed checks clicked, in the
 * system's Chromium (playwright-core, a devDependency).
 *
 *   node dist/bench/review-screenshot.js <out> <folder> <table id> <check id> <png>
 *   e.g. output wuhan-hrss-info-center-2023-final-account t1 \
 *        "across:income_expenditure_summary:210=expenditure:支出/决算数" docs/review-failed-check.png
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { findChromium, INSTALL_HINT, launch } from "./browser.js";

async function main(): Promise<void> {
  const [out, folder, table, checkId, png] = process.argv.slice(2);
  if (!png) throw new Error("usage: review-screenshot <out> <folder> <table id> <check id> <png>");
  const executable = findChromium();
  if (!executable) throw new Error(INSTALL_HINT);
  const browser = await launch(executable, { width: 1500, height: 1000 });
  try {
    const page = await browser.context.newPage();
    await page.goto(pathToFileURL(path.join(path.resolve(out), "review", `${folder}.html`)).href, {
      waitUntil: "load",
    });
    const id = await page.evaluate(
      ([t, c]) =>
        [...document.querySelectorAll(`#${t} li.check`)].find((li) => li.getAttribute("data-id") === c)?.id ?? null,
      [table, checkId] as const,
    );
    if (!id) throw new Error(`no check ${checkId} in #${table}`);
    await page.locator(`#${id}`).click();
    // From the table's heading to its last failed check: the page, the extracted table and the failures.
    const clip = await page.evaluate(
      ([t]) => {
        const section = document.getElementById(t)!.getBoundingClientRect();
        const failed = [...document.querySelectorAll(`#${t} li.check.fail`)].map(
          (li) => li.getBoundingClientRect().bottom,
        );
        return {
          x: section.left + window.scrollX,
          y: section.top + window.scrollY,
          width: section.width,
          height: Math.max(...failed) + window.scrollY - (section.top + window.scrollY) + 8,
        };
      },
      [table] as const,
    );
    await page.screenshot({ path: png, clip, fullPage: true });
    console.log(`wrote ${png} (${Math.round(clip.width)}×${Math.round(clip.height)})`);
  } finally {
    await browser.close();
  }
}

main().catch((err) => {
  console.error(`review-screenshot: ${(err as Error).message}`);
  process.exit(2);
});
