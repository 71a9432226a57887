// The 40-clinic network on N worker threads, in its own process for a clean peak-memory reading.
import { SolveOptions } from "../src/domain/index.js";
import { solveNetwork } from "../src/io/network/solve-network.js";
import { validate } from "../src/validator/index.js";
import { network } from "./cases.js";

const threads = Number(process.argv[2]);
const clinics = network();
const t0 = performance.now();
const rosters = await solveNetwork(clinics, SolveOptions.parse({ seed: 1, timeLimitMs: 60_000 }), { threads });
const timeMs = performance.now() - t0;
let violations = 0;
let unmet = 0;
let served = 0;
rosters.forEach((roster, i) => {
  const report = validate(clinics[i], roster);
  violations += report.violations.length + report.metricMismatches.length;
  unmet += report.metrics.totalUnmetHours;
  served += report.metrics.patientsFullyServed;
});
process.stdout.write(
  `${JSON.stringify({
    threads,
    clinics: clinics.length,
    patients: clinics.reduce((n, c) => n + c.patients.length, 0),
    timeMs,
    peakMb: Math.round(process.resourceUsage().maxRSS / 1024),
    objective: rosters.reduce((s, r) => s + r.solver.objective, 0),
    unmetHours: Math.round(unmet * 100) / 100,
    fullyServed: served,
    violations,
  })}\n`,
);
