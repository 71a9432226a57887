// One engine on one bench case, in its own process so a crash, a stall or a memory blow-up stays here.
// Prints one JSON line: times, peak memory, and what the validator recomputed.
import { SolveOptions } from "../src/domain/index.js";
import { validate } from "../src/validator/index.js";
import { caseByName } from "./cases.js";
import { engineByName } from "./engines.js";

const [caseName, engineName, capMs, runs] = process.argv.slice(2);
const scenario = caseByName(caseName).load();
const engine = engineByName(engineName);
const options = SolveOptions.parse({ seed: 1, timeLimitMs: Number(capMs) });
const times: number[] = [];
let roster = null;
for (let i = 0; i < Number(runs); i++) {
  const t0 = performance.now();
  roster = await engine.run(scenario, options);
  times.push(performance.now() - t0);
}
if (!roster) throw new Error("no run");
const report = validate(scenario, roster);
process.stdout.write(
  `${JSON.stringify({
    times,
    peakMb: Math.round(process.resourceUsage().maxRSS / 1024),
    status: roster.solver.status,
    objective: roster.solver.objective,
    bound: roster.solver.bound,
    metrics: report.metrics,
    violations: report.violations.length + report.metricMismatches.length,
  })}\n`,
);
