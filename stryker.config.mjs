// `npm run mutate`: mutation testing of the validator and of the solver's hard-rule predicates, outside CI (it
// takes minutes on two cores). The reports are kept in bench/results/mutation/; the validator's score must stay
// at 95 % or more.
/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutation.config.ts" },
  mutate: ["src/validator/**/*.ts", "src/solver/constraints.ts"],
  coverageAnalysis: "perTest",
  concurrency: 2,
  timeoutMS: 60_000,
  reporters: ["clear-text", "progress", "json"],
  jsonReporter: { fileName: "bench/results/mutation/mutation.json" },
  thresholds: { high: 95, low: 90, break: null },
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};
