// `npm run bench [-- --quick]`: every engine on every case, each in its own process under a cap, each roster
// through the validator; then the 40-clinic network on one thread and on all cores. Results: bench/results/.
import { mkdirSync, mkdtempSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { weightsWith } from "../src/domain/index.js";
import { aggregate } from "../src/solver/exact/aggregate.js";
import { compile } from "../src/solver/model.js";
import { CASES, QUICK_CASES } from "./cases.js";
import { child } from "./child.js";
import { ENGINES } from "./engines.js";
import { type CaseResult, type NetworkResult, type Row, writeReport } from "./report.js";

const quick = process.argv.includes("--quick");
const CAP_MS = quick ? 10_000 : 60_000;
/** javascript-lp-solver keeps a dense tableau: above this it would need gigabytes, so it is not started. */
const DENSE_LIMIT_BYTES = 2 * 1024 ** 3;

const loadAtStart = loadavg();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cases: CaseResult[] = [];
for (const c of CASES.filter((x) => !quick || QUICK_CASES.has(x.name))) {
  const rows: Row[] = [];
  for (const engine of ENGINES) {
    const base = { engine: engine.name, label: engine.label };
    if (engine.name === "lp-solver-mip") {
      const { mip } = aggregate(compile(c.load()), weightsWith(undefined));
      const bytes = mip.rows.length * mip.cols.length * 8;
      if (bytes > DENSE_LIMIT_BYTES || (quick && c.patients > 120)) {
        const why =
          bytes > DENSE_LIMIT_BYTES
            ? `not run: its dense tableau (${mip.rows.length} × ${mip.cols.length}) needs ${(bytes / 1024 ** 3).toFixed(1)} GB`
            : "not run in --quick above 120 patients";
        rows.push({ ...base, outcome: why });
        continue;
      }
    }
    process.stderr.write(`${c.name} · ${engine.name}…\n`);
    const result = child("./run-one.ts", [c.name, engine.name, String(CAP_MS), String(engine.runs(quick))], CAP_MS * 3 + 60_000);
    if (!result.ok) {
      rows.push({ ...base, outcome: result.why });
      continue;
    }
    const d = result.data as {
      times: number[];
      peakMb: number;
      status: string;
      objective: number;
      bound: number | null;
      metrics: Row["metrics"];
      violations: number;
    };
    rows.push({
      ...base,
      outcome: d.status === "time-limit" ? `hit its ${CAP_MS / 1000} s cap` : "finished",
      ms: median(d.times),
      peakMb: d.peakMb,
      objective: d.objective,
      bound: d.bound,
      metrics: d.metrics,
      violations: d.violations,
    });
  }
  cases.push({ name: c.name, patients: c.patients, series: c.series, rows });
}

const networks: NetworkResult[] = [];
// The smoke run leaves the network out: test/io/network.test.ts covers it, and CI's time is better spent there.
for (const threads of quick ? [] : [1, availableParallelism()]) {
  process.stderr.write(`network · ${threads} thread(s)…\n`);
  const result = child("./run-network.ts", [String(threads)], 600_000);
  if (result.ok) networks.push(result.data as unknown as NetworkResult);
  else networks.push({ threads, failed: result.why } as NetworkResult);
}

// A quick run is a smoke test (CI runs it): its figures go to a temporary folder, never over the kept results.
const out = quick ? pathToFileURL(`${mkdtempSync(join(tmpdir(), "bench-quick-"))}/`) : new URL("./results/", import.meta.url);
mkdirSync(out, { recursive: true });
if (quick) process.stderr.write(`quick results in ${fileURLToPath(out)}\n`);
const { markdown, failed } = writeReport(out, quick ? "bench-quick" : "bench", {
  quick,
  capMs: CAP_MS,
  cases,
  networks,
  load: { start: loadAtStart, end: loadavg() },
  repeats: Object.fromEntries(ENGINES.map((e) => [e.name, e.runs(quick)])),
});
process.stdout.write(markdown);
if (failed) process.exitCode = 1;
