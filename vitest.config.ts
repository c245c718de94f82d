import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // PGlite instances are ~100 MB each; two cores on CI. Files run in parallel, a file's tests in order.
    maxWorkers: 2,
    pool: "forks",
  },
});
