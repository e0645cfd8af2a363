/**
 * The system's Chromium driven by playwright-core (a devDependency, which downloads nothing): a fresh profile, no
 * network services, headless. Used by the README's screenshot script and the browser tests of the review page.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext } from "playwright-core";

export const INSTALL_HINT =
  "Chromium not found: install it with `apt-get install -y chromium fonts-wqy-zenhei` (or set CHROMIUM_PATH)";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/lib/chromium/chromium"];

/** The Chromium executable: CHROMIUM_PATH, else the Debian package's. */
export function findChromium(): string | null {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launch(executablePath: string, viewport = { width: 1600, height: 1000 }): Promise<Browser> {
  const profile = await mkdtemp(path.join(os.tmpdir(), "yujue-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
