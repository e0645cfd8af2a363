import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // PDF parsing and OCR are CPU-bound; two cores on CI.
    pool: "forks",
    maxWorkers: 2,
  },
});
