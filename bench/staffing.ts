// `npm run bench:staffing [-- --quick]`: on every sample and staffing-bound case, the local search with a 2-second
// budget against HiGHS's proven optimum of unmet hours on the staffed model, and the counting bound against both.
// Each side runs in its own process; results in bench/results/staffing.{md,json} (--quick: a temporary folder).
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { child } from "./child.js";
import { STAFFING_CASES } from "./staffing-cases.js";

const quick = process.argv.includes("--quick");
/** The search's time limit, so that compile, search and roster writing stay within 2 s. */
const SEARCH_MS = 1800;
const REFERENCE_CAP_MS = quick ? 20_000 : 120_000;

interface Side {
  ms: number;
  optimal: boolean;
  status: string;
  unmetHours: number;
  fullyServed: number;
  unmetHoursBound: number | null;
  medium: number;
  violations: number;
}

function run(name: string, side: "search" | "reference", capMs: number): Side | string {
  const result = child("./staffing-one.ts", [name, side, String(capMs)], capMs * 2 + 60_000);
  return result.ok ? (result.data as unknown as Side) : result.why;
}

const cases = STAFFING_CASES.filter((c) => !quick || c.patients <= 120);
const rows = cases.map((c) => {
  process.stderr.write(`${c.name}…\n`);
  return {
    name: c.name,
    patients: c.patients,
    search: run(c.name, "search", SEARCH_MS),
    reference: run(c.name, "reference", REFERENCE_CAP_MS),
  };
});

const fmt = (x: number | null | undefined, digits = 1) => (x === null || x === undefined ? "–" : x.toFixed(digits));
const lines = [
  `# Staffing bench${quick ? " (quick)" : ""}`,
  "",
  `${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")} at the end.`,
  `The local search runs with a ${SEARCH_MS / 1000}-second time limit (seed 1); HiGHS solves the staffed model (x, n, h per solver-notes.md) for the medium tier under a ${REFERENCE_CAP_MS / 1000}-second cap. Both rosters pass the validator.`,
  "",
  "| case | patients | ours: unmet h | ours: solver ms | bound h | HiGHS optimum h | HiGHS s | hours = optimum | hours and days = optimum | bound = optimum | violations |",
  "|---|---:|---:|---:|---:|---:|---:|---|---|---|---:|",
];
let proven = 0;
let hoursEqual = 0;
let equal = 0;
let tight = 0;
for (const r of rows) {
  const s = typeof r.search === "string" ? null : r.search;
  const h = typeof r.reference === "string" ? null : r.reference;
  const optimum = h?.optimal ? h.unmetHours : null;
  const sameHours = s && optimum !== null ? Math.abs(s.unmetHours - optimum) < 1e-6 : null;
  const same = s && h?.optimal ? Math.abs(s.medium - h.medium) < 1e-6 : null;
  const boundTight = s && optimum !== null ? Math.abs((s.unmetHoursBound ?? -1) - optimum) < 1e-6 : null;
  if (optimum !== null) proven++;
  if (sameHours) hoursEqual++;
  if (same) equal++;
  if (boundTight) tight++;
  const yes = (b: boolean | null) => (b === null ? "–" : b ? "yes" : "**no**");
  lines.push(
    `| ${r.name} | ${r.patients} | ${s ? fmt(s.unmetHours) : r.search} | ${s ? fmt(s.ms, 0) : "–"} | ${fmt(s?.unmetHoursBound)} | ${optimum !== null ? fmt(optimum) : typeof r.reference === "string" ? r.reference : `not proven (${fmt(h?.unmetHours)})`} | ${h ? fmt(h.ms / 1000) : "–"} | ${yes(sameHours)} | ${yes(same)} | ${yes(boundTight)} | ${(s?.violations ?? 0) + (h?.violations ?? 0)} |`,
  );
}
lines.push(
  "",
  `- Unmet hours equal to HiGHS's proven optimum: ${hoursEqual} of ${proven} proven cases; unmet hours and billable days both: ${equal} of ${proven}.`,
  "- The search stops at its time limit, so these figures depend on the machine's speed and load; HiGHS's do not.",
  `- Counting bound on unmet hours equal to the optimum (gap 0 h): ${tight} of ${proven}.`,
  `- Slowest search: ${fmt(Math.max(...rows.map((r) => (typeof r.search === "string" ? 0 : r.search.ms))), 0)} ms of solver time (compile, search, roster), as the roster reports it.`,
  "",
);
const markdown = lines.join("\n");
const out = quick ? mkdtempSync(join(tmpdir(), "staffing-bench-")) : new URL("./results/", import.meta.url).pathname;
mkdirSync(out, { recursive: true });
writeFileSync(join(out, quick ? "staffing-quick.md" : "staffing.md"), markdown);
writeFileSync(
  join(out, quick ? "staffing-quick.json" : "staffing.json"),
  `${JSON.stringify({ quick, searchMs: SEARCH_MS, referenceCapMs: REFERENCE_CAP_MS, rows }, null, 1)}\n`,
);
process.stdout.write(markdown);
