// The tests Stryker runs against mutants of the validator and of solver/constraints.ts: its own broken-roster tests and the hand-built clinics,
// not the whole suite (the property and exact-comparison tests would make each mutant take seconds).
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "test/validator/**/*.test.ts",
      "test/solver/cases.test.ts",
      "test/solver/matrix.test.ts",
      "test/solver/constraints.test.ts",
      "test/services/week.test.ts",
    ],
    testTimeout: 60_000,
  },
});
