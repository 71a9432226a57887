// `npm run load`: the HTTP service under load on loopback, bounded in time: small-scenario solves, then /healthz
// while large jobs keep every worker busy. Results kept in bench/results/load.{md,json}.
import { readFileSync, writeFileSync } from "node:fs";
import autocannon from "autocannon";
import { startServer, untilReady } from "./server-process.js";

const root = new URL("../", import.meta.url).pathname;
const small = JSON.parse(readFileSync(`${root}scenarios/rural-25.json`, "utf8"));
const large = JSON.parse(readFileSync(`${root}scenarios/urban-400.json`, "utf8"));
const SOLVE_SECONDS = 10;
const HEALTH_SECONDS = 5;

const { child: server, address } = await startServer({ QUEUE_LIMIT: "8", RATE_LIMIT_PER_MINUTE: "1000000", SHUTDOWN_GRACE_MS: "1000" });
await untilReady(address);

interface Phase {
  readonly name: string;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly statusCounts: Record<string, number>;
  readonly errors: number;
}

async function phase(name: string, opts: autocannon.Options): Promise<Phase> {
  const r = await autocannon(opts);
  const statusCounts = Object.fromEntries(
    Object.entries(r.statusCodeStats ?? {}).map(([code, s]) => [code, (s as { count: number }).count]),
  );
  return {
    name,
    requestsPerSecond: Math.round(r.requests.average * 10) / 10,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    statusCounts,
    errors: r.errors + r.timeouts,
  };
}

const solves = (connections: number, duration: number): autocannon.Options => ({
  url: `${address}/v1/rosters`,
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ scenario: small, seed: 1 }),
  connections,
  duration,
});
const phases: Phase[] = [];
phases.push(await phase("POST /v1/rosters, 25-patient clinic, 4 connections", solves(4, SOLVE_SECONDS)));
phases.push(await phase("POST /v1/rosters overloaded: 24 connections against 2 workers and a queue of 8", solves(24, HEALTH_SECONDS)));
// Let the overload drain, so both large jobs find a worker.
for (let i = 0; i < 100; i++) {
  const ready = await (await fetch(`${address}/readyz`)).json();
  if (ready.busyWorkers === 0 && ready.queued === 0) break;
  await new Promise((r) => setTimeout(r, 200));
}
const jobs: string[] = [];
for (let i = 0; i < 2; i++) {
  const res = await fetch(`${address}/v1/jobs`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ scenario: large, maxIterations: 50_000_000, timeLimitMs: 60_000 }),
  });
  jobs.push(res.headers.get("location") ?? "");
}
await new Promise((r) => setTimeout(r, 1500));
const busy = await (await fetch(`${address}/readyz`)).json();
phases.push(
  await phase(`GET /healthz while ${busy.busyWorkers} workers solve 400-patient jobs, 10 connections`, {
    url: `${address}/healthz`,
    connections: 10,
    duration: HEALTH_SECONDS,
  }),
);
for (const job of jobs) await fetch(`${address}${job}`, { method: "DELETE" });
server.kill("SIGTERM");
await new Promise((r) => server.on("exit", r));

const unexpected = phases.flatMap((p) => Object.keys(p.statusCounts).filter((c) => c.startsWith("5") && c !== "503"));
const lines = [
  "# Load on loopback",
  "",
  `${new Date().toISOString().slice(0, 10)} · Node ${process.version} · server with one worker thread per core, queue 8`,
  "",
  "| phase | requests/s | p50 ms | p99 ms | status codes | errors |",
  "|---|---:|---:|---:|---|---:|",
  ...phases.map(
    (p) =>
      `| ${p.name} | ${p.requestsPerSecond} | ${p.p50Ms} | ${p.p99Ms} | ${Object.entries(p.statusCounts)
        .map(([c, n]) => `${c}: ${n}`)
        .join(", ")} | ${p.errors} |`,
  ),
  "",
  `5xx other than deliberate 503s: ${unexpected.length === 0 ? "none" : unexpected.join(", ")}.`,
  "",
];
writeFileSync(`${root}bench/results/load.md`, lines.join("\n"));
writeFileSync(`${root}bench/results/load.json`, `${JSON.stringify({ date: new Date().toISOString(), phases }, null, 2)}\n`);
process.stdout.write(lines.join("\n"));
if (unexpected.length > 0) process.exitCode = 1;
