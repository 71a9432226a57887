// `npm run bench:staffing [-- --quick]`: on every sample and staffing-bound case, the local search with a 2-second
// budget against HiGHS's proven optimum of unmet hours and billable days on the staffed model; the counting bounds,
// and the bounds `--prove` adds in 10 s, against both. Each side runs in its own process; results in
// bench/results/staffing.{md,json} (--quick: a temporary folder).
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { child } from "./child.js";
import { STAFFING_CASES } from "./staffing-cases.js";

const quick = process.argv.includes("--quick");
/** The search's time limit, so that compile, search and roster writing stay within 2 s. */
const SEARCH_MS = 1800;
/** `--prove --time-limit 10s`: the search and, on another thread, HiGHS's bounds on hours, days and the objective. */
const PROVE_MS = 10_000;
const REFERENCE_CAP_MS = quick ? 20_000 : 120_000;

interface Side {
  ms: number;
  optimal: boolean;
  status: string;
  unmetHours: number;
  fullyServed: number;
  unmetHoursBound: number | null;
  unmetDays: number;
  unmetDaysBound: number | null;
  provenAtMs: number | null;
  mediumBound: number | null;
  medium: number;
  violations: number;
}

function run(name: string, side: "search" | "prove" | "reference", capMs: number): Side | string {
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
    prove: quick ? "not run in --quick" : run(c.name, "prove", PROVE_MS),
    reference: run(c.name, "reference", REFERENCE_CAP_MS),
  };
});

const fmt = (x: number | null | undefined, digits = 1) => (x === null || x === undefined ? "–" : x.toFixed(digits));
const same = (a: number | null | undefined, b: number | null | undefined) =>
  a === null || a === undefined || b === null || b === undefined ? null : Math.abs(a - b) < 1e-6;
/** Both bounds equal what the roster has: no valid roster leaves fewer hours or fewer days short. */
const bothProven = (s: Side | null) =>
  s ? (same(s.unmetHours, s.unmetHoursBound) ?? false) && (same(s.unmetDays, s.unmetDaysBound) ?? false) : null;
/** Or the medium tier as a whole equals its bound: fewer days short would leave more hours unmet. */
const mediumProven = (s: Side | null) => (s ? (bothProven(s) ?? false) || (same(s.medium, s.mediumBound) ?? false) : null);
/** When the roster was first proven, by counting or with --prove's HiGHS bounds, whichever came first. */
const firstProven = (s: Side | null, v: Side | null) => {
  const times = [s?.provenAtMs, v?.provenAtMs].filter((t): t is number => typeof t === "number");
  return times.length > 0 ? Math.min(...times) : null;
};
const lines = [
  `# Staffing bench${quick ? " (quick)" : ""}`,
  "",
  `${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")} at the end.`,
  `The local search runs with a ${SEARCH_MS / 1000}-second time limit (seed 1); \`--prove\` runs it again with ${PROVE_MS / 1000} s and HiGHS's bounds on another thread; HiGHS solves the staffed model (x, n, h per solver-notes.md) for the medium tier under a ${REFERENCE_CAP_MS / 1000}-second cap. Every roster passes the validator. "Proven by counting" means the roster's unmet hours and billable days short both equal the counting bounds every solve reports; with \`--prove\`, either that or the medium tier as a whole (hours and days at their weights) equal to the day-bundle model's bound, which HiGHS proves beside the search. "Proven at" is when the roster was first proven (\`provenAtMs\`: by counting in the plain run, with HiGHS's bounds in the \`--prove\` run, the earlier of the two), beside HiGHS's time to the staffed model's optimum.`,
  "",
  "| case | patients | ours: unmet h | days short | solver ms | bounds h / days | HiGHS optimum h / days | HiGHS s | proven at ms: counting / --prove | ≤ 1/5 of HiGHS | hours and days = optimum | proven by counting | proven with --prove | violations |",
  "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|---|---:|",
];
let proven = 0;
let equal = 0;
let counted = 0;
let proved = 0;
let fast = 0;
let fastOf = 0;
for (const r of rows) {
  const s = typeof r.search === "string" ? null : r.search;
  const v = typeof r.prove === "string" ? null : r.prove;
  const h = typeof r.reference === "string" ? null : r.reference;
  const optimal = h?.optimal ?? false;
  const equalMedium = s && optimal ? same(s.medium, h!.medium) : null;
  // From 100 patients up, the target: the medium tier proven in a fifth of HiGHS's time to its optimum.
  const first = firstProven(s, v);
  const quickEnough = r.patients >= 100 && s && optimal ? first !== null && first * 5 <= h!.ms : null;
  if (optimal) proven++;
  if (equalMedium) equal++;
  if (bothProven(s)) counted++;
  if (mediumProven(v) || bothProven(s)) proved++;
  if (quickEnough !== null) fastOf++;
  if (quickEnough) fast++;
  const yes = (b: boolean | null) => (b === null ? "–" : b ? "yes" : "**no**");
  lines.push(
    `| ${r.name} | ${r.patients} | ${s ? fmt(s.unmetHours) : r.search} | ${s ? s.unmetDays : "–"} | ${s ? fmt(s.ms, 0) : "–"} | ${fmt(s?.unmetHoursBound)} / ${s?.unmetDaysBound ?? "–"} | ${optimal ? `${fmt(h!.unmetHours)} / ${h!.unmetDays}` : typeof r.reference === "string" ? r.reference : `not proven (${fmt(h?.unmetHours)})`} | ${h ? fmt(h.ms / 1000) : "–"} | ${s?.provenAtMs ?? "–"} / ${v?.provenAtMs ?? "–"} | ${yes(quickEnough)} | ${yes(equalMedium)} | ${yes(bothProven(s))} | ${v ? `${yes(mediumProven(v) || bothProven(s))} (${fmt(v.unmetHoursBound)} / ${v.unmetDaysBound ?? "–"}${bothProven(v) || !mediumProven(v) ? "" : `; medium ${fmt(v.mediumBound, 0)}`})` : r.prove} | ${(s?.violations ?? 0) + (v?.violations ?? 0) + (h?.violations ?? 0)} |`,
  );
}
lines.push(
  "",
  `- Unmet hours and billable days (the medium tier) equal to HiGHS's proven optimum: ${equal} of ${proven} proven cases.`,
  `- Both proven by the counting bounds every solve reports: ${counted} of ${rows.length}; with \`--prove\` (${PROVE_MS / 1000} s; each bound or the medium tier as a whole): ${proved} of ${rows.length}.`,
  `- Medium tier proven in at most a fifth of HiGHS's time to its optimum, from 100 patients up: ${fast} of ${fastOf}.`,
  "- The search stops at its time limit, so these figures depend on the machine's speed and load; HiGHS's do not.",
  `- Slowest search: ${fmt(Math.max(...rows.map((r) => (typeof r.search === "string" ? 0 : r.search.ms))), 0)} ms of solver time (compile, search, roster), as the roster reports it.`,
  "",
);
const markdown = lines.join("\n");
const out = quick ? mkdtempSync(join(tmpdir(), "staffing-bench-")) : new URL("./results/", import.meta.url).pathname;
mkdirSync(out, { recursive: true });
writeFileSync(join(out, quick ? "staffing-quick.md" : "staffing.md"), markdown);
writeFileSync(
  join(out, quick ? "staffing-quick.json" : "staffing.json"),
  `${JSON.stringify({ quick, searchMs: SEARCH_MS, proveMs: PROVE_MS, referenceCapMs: REFERENCE_CAP_MS, rows }, null, 1)}\n`,
);
process.stdout.write(markdown);
