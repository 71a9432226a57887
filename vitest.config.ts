import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    // A file's first database is PGlite loaded from an image (test/store/databases.ts); when the image is missing it
    // is made first (initdb in WebAssembly): seconds on a loaded machine.
    hookTimeout: 60_000,
    // A worker per core (vitest's default leaves one free: a single worker on two cores, waiting while a spawned CLI
    // runs), threads, and the modules loaded once per worker instead of once per file: on two cores `npm run test:unit`
    // takes about 35 s instead of 73, `npm test` about 2 min instead of 4. Each file still runs its own top level; so
    // a file must leave no state in a module of src (none mocks or sets any).
    maxWorkers: availableParallelism(),
    pool: "threads",
    isolate: false,
  },
});
