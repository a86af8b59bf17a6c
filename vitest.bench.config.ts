import { defineConfig } from "vitest/config";

/** Benchmarks run on demand with `npm run bench`, never in `npm test`. */
export default defineConfig({
  test: {
    include: [],
    benchmark: {
      include: ["test/bench/**/*.bench.ts"],
    },
    testTimeout: 600_000,
    hookTimeout: 600_000,
    fileParallelism: false,
  },
});
