// The tests Stryker runs against mutants of the validator and the solver's hard rules: the ones that exercise
// them, without the minute-long exact comparison and the HTTP service, which prove other things.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "test/validator/**/*.test.ts",
      "test/solver/cases.test.ts",
      "test/solver/constraints.test.ts",
      "test/solver/matrix.test.ts",
      "test/solver/shared-cases.test.ts",
      "test/properties/solver.prop.test.ts",
    ],
    testTimeout: 60_000,
  },
});
