// `npm run mutate`: mutation testing of the validator and the solver's hard rules, outside CI (it takes minutes on
// two cores). The reports are kept in bench/results/mutation/; the validator's score must stay at 95 % or more.
/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutation.config.ts" },
  mutate: ["src/validator/**/*.ts", "src/solver/constraints.ts"],
  coverageAnalysis: "perTest",
  concurrency: 2,
  timeoutMS: 60_000,
  reporters: ["clear-text", "progress", "json", "html"],
  jsonReporter: { fileName: "bench/results/mutation/mutation.json" },
  htmlReporter: { fileName: "bench/results/mutation/mutation.html" },
  thresholds: { high: 95, low: 90, break: null },
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};
