import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    // A file's first database is PGlite created from scratch (initdb in WebAssembly): seconds on a loaded machine.
    hookTimeout: 60_000,
  },
});
