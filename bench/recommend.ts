// `npm run bench:recommend`: placing today's admission into a published week of 400 patients (urban-400) without
// re-solving: 60 new patients (each a copy of a patient's level, track and windows under a new id, admitted on a
// day of the week), timed as the function and as the whole HTTP request (parsing the week's scenario and roster
// included). Target: under 100 ms. Results in bench/results/recommend.{md,json}.
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { DateTime } from "luxon";
import { type Patient, SolveOptions } from "../src/domain/index.js";
import { loadConfig } from "../src/io/http/config.js";
import { buildApp } from "../src/io/http/app.js";
import { openServices } from "../src/io/http/services.js";
import { recommend } from "../src/app/recommend.js";
import { Random } from "../src/solver/random.js";
import { solve } from "../src/solver/solve.js";
import { staffingCase } from "./staffing-cases.js";

const NEW_PATIENTS = 60;
const scenario = staffingCase("urban-400").load();
const roster = solve(scenario, SolveOptions.parse({ seed: 1 }));
const random = new Random(1);
const patients: Patient[] = Array.from({ length: NEW_PATIENTS }, (_, i) => ({
  ...random.pick(scenario.patients),
  id: `NEW-${i + 1}`,
  admissionDate: DateTime.fromISO(scenario.clinic.weekStart)
    .plus({ days: i % 5 })
    .toISODate()!,
  completedTopics: [],
}));

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const direct: number[] = [];
let placed = 0;
for (const patient of patients) {
  const t0 = performance.now();
  const r = recommend({ scenario, roster, patient });
  direct.push(performance.now() - t0);
  if (r.suggested.hoursMet) placed++;
}

const config = loadConfig({ WORKERS: "1", DATA_DIR: "memory://", LOG_LEVEL: "silent" });
if (!config.ok) throw new Error("config");
const services = await openServices(config.value);
const app = await buildApp(services);
const body = (patient: Patient) => JSON.stringify({ scenario, roster, patient });
const http: number[] = [];
for (const patient of patients) {
  const payload = body(patient);
  const t0 = performance.now();
  const res = await app.inject({ method: "POST", url: "/v1/rosters/recommend", headers: { "content-type": "application/json" }, payload });
  http.push(performance.now() - t0);
  if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}`);
}
await services.close(0, app.close());

const row = (what: string, xs: number[]) =>
  `| ${what} | ${quantile(xs, 0.5).toFixed(1)} | ${quantile(xs, 0.95).toFixed(1)} | ${Math.max(...xs).toFixed(1)} |`;
const lines = [
  "# Placing today's admission",
  "",
  `${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")}. urban-400 (${scenario.patients.length} patients, ${roster.sessions.length} groups), ${NEW_PATIENTS} new patients.`,
  "",
  "| measured | median ms | p95 ms | max ms |",
  "|---|---:|---:|---:|",
  row("recommend() on the parsed week", direct),
  row("POST /v1/rosters/recommend, body parsed and checked", http),
  "",
  `- ${placed} of ${NEW_PATIENTS} new patients get a suggested set that meets their hours in the groups already running.`,
  `- Target under 100 ms: ${quantile(direct, 0.95) < 100 ? "met" : "**not met**"} for the function (p95), ${quantile(http, 0.95) < 100 ? "met" : "**not met**"} for the HTTP request (p95).`,
];
const dir = new URL("./results/", import.meta.url);
writeFileSync(new URL("recommend.md", dir), `${lines.join("\n")}\n`);
writeFileSync(new URL("recommend.json", dir), `${JSON.stringify({ direct, http, placed, patients: NEW_PATIENTS }, null, 2)}\n`);
process.stdout.write(`${lines.join("\n")}\n`);
