// The bench's tables, target checks and chart, written from the results of one run.
import { writeFileSync } from "node:fs";
import { cpus } from "node:os";
import type { Metrics } from "../src/domain/index.js";

export interface Row {
  readonly engine: string;
  readonly label: string;
  /** "finished", "hit its N s cap", "killed after …", "crashed …" or "not run: …". */
  readonly outcome: string;
  readonly ms?: number;
  readonly peakMb?: number;
  readonly objective?: number;
  readonly bound?: number | null;
  readonly metrics?: Metrics;
  readonly violations?: number;
}

export interface CaseResult {
  readonly name: string;
  readonly patients: number;
  readonly series: boolean;
  readonly rows: readonly Row[];
}

export interface NetworkResult {
  readonly threads: number;
  readonly clinics?: number;
  readonly patients?: number;
  readonly timeMs?: number;
  readonly peakMb?: number;
  readonly objective?: number;
  readonly unmetHours?: number;
  readonly fullyServed?: number;
  readonly violations?: number;
  readonly failed?: string;
}

interface Run {
  readonly quick: boolean;
  /** The machine's 1-, 5- and 15-minute load averages when the run started and ended: figures from a busy machine read slower. */
  readonly load?: { readonly start: readonly number[]; readonly end: readonly number[] };
  /** Runs per engine whose median time is reported. */
  readonly repeats?: Readonly<Record<string, number>>;
  readonly capMs: number;
  readonly cases: readonly CaseResult[];
  readonly networks: readonly NetworkResult[];
}

const OURS = "local-search";
const COLORS: Record<string, string> = {
  "local-search": "#1b7837",
  "first-fit": "#762a83",
  "lp-solver-mip": "#e08214",
  "highs-mip": "#2166ac",
};
const fmt = (x: number | undefined, digits = 0) =>
  x === undefined ? "–" : x.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const pct = (x: number | null) => (x === null ? "–" : `${(100 * x).toFixed(2)} %`);

export function bestBound(c: CaseResult): number | null {
  const bounds = c.rows.flatMap((r) => (r.bound === undefined || r.bound === null ? [] : [r.bound]));
  return bounds.length ? Math.max(...bounds) : null;
}

export function gapOf(row: Row, bound: number | null): number | null {
  if (row.objective === undefined || bound === null) return null;
  return row.objective <= 0 ? 0 : Math.max(0, row.objective - bound) / row.objective;
}

/** Least-squares slope of log(time) against log(patients). */
export function fittedExponent(points: readonly (readonly [number, number])[]): number | null {
  if (points.length < 2) return null;
  const xs = points.map(([n]) => Math.log(n));
  const ys = points.map(([, t]) => Math.log(t));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  xs.forEach((x, i) => {
    num += (x - mx) * (ys[i] - my);
    den += (x - mx) ** 2;
  });
  return den === 0 ? null : num / den;
}

function caseTable(c: CaseResult): string[] {
  const bound = bestBound(c);
  const lines = [
    `### ${c.name} (${c.patients} patients): best proven bound ${bound === null ? "–" : fmt(bound, 1)}`,
    "",
    "| engine | outcome | median ms | peak MB | objective | gap to best bound | unmet h | fully served | groups | topic repeats | hard violations |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const r of c.rows) {
    const m = r.metrics;
    lines.push(
      `| ${r.label} | ${r.outcome} | ${fmt(r.ms)} | ${fmt(r.peakMb)} | ${fmt(r.objective, 1)} | ${pct(gapOf(r, bound))} | ${fmt(m?.totalUnmetHours, 1)} | ${m ? `${m.patientsFullyServed}/${m.patients}` : "–"} | ${fmt(m?.groupsOpened)} | ${fmt(m?.topicRepeats)} | ${fmt(r.violations)} |`,
    );
  }
  return [...lines, ""];
}

function ratioTable(cases: readonly CaseResult[]): string[] {
  const baselines = ["first-fit", "lp-solver-mip", "highs-mip"];
  const lines = [
    "Objective ratio = ours ÷ baseline (below 1 is better); speed-up = baseline time ÷ ours.",
    "",
    `| case | ${baselines.map((b) => `vs ${b}: objective ratio, speed-up`).join(" | ")} |`,
    `|---|${baselines.map(() => "---").join("|")}|`,
  ];
  for (const c of cases) {
    const ours = c.rows.find((r) => r.engine === OURS);
    const cells = baselines.map((b) => {
      const base = c.rows.find((r) => r.engine === b);
      if (!ours?.objective || !base?.objective || !ours.ms || !base.ms) return base ? base.outcome : "–";
      const capped = base.outcome === "finished" ? "" : " (baseline capped)";
      return `${(ours.objective / base.objective).toFixed(3)}, ${(base.ms / ours.ms).toFixed(1)}×${capped}`;
    });
    lines.push(`| ${c.name} | ${cells.join(" | ")} |`);
  }
  return [...lines, ""];
}

function targets(run: Run): string[] {
  const find = (name: string) => run.cases.find((c) => c.name === name);
  const ours = (c: CaseResult | undefined) => c?.rows.find((r) => r.engine === OURS);
  const mark = (ok: boolean) => (ok ? "met" : "**not met**");
  const lines: string[] = [];
  // Issue 19's default-solve targets, by census: every case of that size, medians of the runs.
  for (const [patients, limitMs] of [
    [25, 200],
    [120, 1000],
    [400, 3000],
    [2500, 15_000],
  ] as const) {
    const timed = run.cases.filter((c) => c.patients === patients).map((c) => [c.name, ours(c)?.ms] as const);
    if (timed.length === 0) continue;
    const ok = timed.every(([, ms]) => (ms ?? Infinity) <= limitMs);
    lines.push(
      `- default solve of ${patients} patients ≤ ${fmt(limitMs / 1000, 1)} s: ${timed.map(([name, ms]) => `${name} ${fmt(ms)} ms`).join(", ")}, ${mark(ok)}`,
    );
  }
  const c120 = find("suburban-120");
  if (c120) {
    const o = ours(c120);
    const h = c120.rows.find((r) => r.engine === "highs-mip");
    const within = o?.objective !== undefined && h?.objective !== undefined && o.objective <= h.objective * 1.01;
    lines.push(
      `- 120 patients ≤ 1 s: ${fmt(o?.ms)} ms, ${mark((o?.ms ?? Infinity) <= 1000)}; objective within 1 % of HiGHS or better: ours ${fmt(o?.objective, 1)} vs HiGHS ${fmt(h?.objective, 1)} (${h?.outcome ?? "not run"}), ${mark(within)}`,
    );
  }
  const c400 = find("urban-400");
  if (c400) {
    const o = ours(c400);
    const gap = o ? gapOf(o, bestBound(c400)) : null;
    lines.push(
      `- 400 patients ≤ 3 s: ${fmt(o?.ms)} ms, ${mark((o?.ms ?? Infinity) <= 3000)}; gap to the best proven bound ≤ 2 %: ${pct(gap)}, ${mark(gap !== null && gap <= 0.02)}`,
    );
  }
  const c1000 = find("urban-1000");
  if (c1000) lines.push(`- 1 000 patients ≤ 5 s: ${fmt(ours(c1000)?.ms)} ms, ${mark((ours(c1000)?.ms ?? Infinity) <= 5000)}`);
  const net = run.networks.find((n) => n.threads > 1 && n.timeMs !== undefined);
  if (net)
    lines.push(
      `- 10 000 patients in 40 clinics ≤ 60 s and ≤ 1.5 GB: ${fmt((net.timeMs ?? 0) / 1000, 1)} s, ${fmt(net.peakMb)} MB, ${mark((net.timeMs ?? Infinity) <= 60_000 && (net.peakMb ?? Infinity) <= 1536)}`,
    );
  const vsLp = run.cases.flatMap((c) => {
    const o = ours(c);
    const lp = c.rows.find((r) => r.engine === "lp-solver-mip" && r.outcome === "finished");
    return o?.ms && lp?.ms && o.objective !== undefined && lp.objective !== undefined
      ? [{ c: c.name, speed: lp.ms / o.ms, better: o.objective <= lp.objective }]
      : [];
  });
  lines.push(
    `- ≥ 20× faster than javascript-lp-solver's MIP at equal or better objective where it finishes: ${vsLp.length === 0 ? "it finished nowhere" : vsLp.map((v) => `${v.c} ${v.speed.toFixed(1)}× (${v.better ? "better or equal" : "worse"} objective)`).join(", ")}, ${mark(vsLp.every((v) => v.speed >= 20 && v.better))}`,
  );
  const worse = run.cases.filter((c) => {
    const o = ours(c)?.objective;
    const g = c.rows.find((r) => r.engine === "first-fit")?.objective;
    return o === undefined || g === undefined || o > g;
  });
  lines.push(`- never worse than greedy: ${worse.length === 0 ? "met" : `**not met** on ${worse.map((c) => c.name).join(", ")}`}`);
  const series = run.cases.filter((c) => c.series).flatMap((c) => (ours(c)?.ms ? [[c.patients, ours(c)!.ms!] as const] : []));
  const k = fittedExponent(series);
  lines.push(
    `- time against patients at fixed clinic shape (urban, ${series.map(([n]) => n).join(", ")}): fitted exponent ${k === null ? "–" : k.toFixed(2)}`,
  );
  return lines;
}

function chart(run: Run): string {
  const W = 460;
  const H = 300;
  const pad = { l: 56, r: 12, t: 28, b: 40 };
  const xs = run.cases.filter((c) => c.series);
  const px = (n: number) => pad.l + ((Math.log10(n) - Math.log10(20)) / (Math.log10(3000) - Math.log10(20))) * (W - pad.l - pad.r);
  const panel = (
    title: string,
    y: (r: Row, c: CaseResult) => number | null,
    py: (v: number) => number,
    ticks: [number, string][],
    ox: number,
  ) => {
    const parts = [`<g transform="translate(${ox},0)">`, `<text x="${W / 2}" y="18" text-anchor="middle" font-size="13">${title}</text>`];
    parts.push(
      `<line x1="${pad.l}" y1="${H - pad.b}" x2="${W - pad.r}" y2="${H - pad.b}" stroke="#444"/><line x1="${pad.l}" y1="${pad.t}" x2="${pad.l}" y2="${H - pad.b}" stroke="#444"/>`,
    );
    for (const n of [25, 120, 400, 1000, 2500])
      parts.push(`<text x="${px(n)}" y="${H - pad.b + 16}" text-anchor="middle" font-size="10">${n}</text>`);
    parts.push(`<text x="${W / 2}" y="${H - 6}" text-anchor="middle" font-size="11">patients (urban shape, log scale)</text>`);
    for (const [v, label] of ticks)
      parts.push(
        `<text x="${pad.l - 6}" y="${py(v) + 3}" text-anchor="end" font-size="10">${label}</text><line x1="${pad.l}" x2="${W - pad.r}" y1="${py(v)}" y2="${py(v)}" stroke="#ddd"/>`,
      );
    for (const engine of Object.keys(COLORS)) {
      const pts = xs.flatMap((c) => {
        const r = c.rows.find((x) => x.engine === engine);
        const v = r ? y(r, c) : null;
        return v === null ? [] : [[px(c.patients), py(v)] as const];
      });
      if (pts.length === 0) continue;
      parts.push(
        `<polyline fill="none" stroke="${COLORS[engine]}" stroke-width="2" points="${pts.map(([a, b]) => `${a.toFixed(1)},${b.toFixed(1)}`).join(" ")}"/>`,
      );
      for (const [a, b] of pts) parts.push(`<circle cx="${a.toFixed(1)}" cy="${b.toFixed(1)}" r="3" fill="${COLORS[engine]}"/>`);
    }
    parts.push("</g>");
    return parts.join("\n");
  };
  const logMs = (v: number) => pad.t + (1 - (Math.log10(Math.max(v, 1)) - 0) / 5) * (H - pad.t - pad.b);
  const gapY = (v: number) => pad.t + (1 - Math.min(v, 1)) * (H - pad.t - pad.b);
  const legend = Object.entries(COLORS)
    .map(
      ([e, color], i) =>
        `<rect x="${20 + i * 200}" y="${H + 8}" width="12" height="12" fill="${color}"/><text x="${38 + i * 200}" y="${H + 18}" font-size="11">${e}</text>`,
    )
    .join("\n");
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${2 * W}" height="${H + 30}" font-family="sans-serif">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    panel(
      "wall time (ms, log scale)",
      (r) => (r.ms === undefined ? null : r.ms),
      logMs,
      [
        [1, "1"],
        [10, "10"],
        [100, "100"],
        [1000, "1 s"],
        [10000, "10 s"],
        [100000, "100 s"],
      ],
      0,
    ),
    panel(
      "gap to the best proven bound",
      (r, c) => gapOf(r, bestBound(c)),
      gapY,
      [
        [0, "0 %"],
        [0.25, "25 %"],
        [0.5, "50 %"],
        [0.75, "75 %"],
        [1, "100 %"],
      ],
      W,
    ),
    legend,
    "</svg>",
  ].join("\n");
}

export function writeReport(dir: URL, stem: string, run: Run): { markdown: string; failed: boolean } {
  const cpu = cpus()[0]?.model ?? "unknown cpu";
  const net1 = run.networks.find((n) => n.threads === 1);
  const netN = run.networks.find((n) => n.threads > 1);
  const netLines = [
    "| threads | wall s | peak MB | objective (sum) | unmet h | fully served | hard violations |",
    "|---:|---:|---:|---:|---:|---:|---:|",
    ...run.networks.map((n) =>
      n.failed
        ? `| ${n.threads} | ${n.failed} | | | | | |`
        : `| ${n.threads} | ${fmt((n.timeMs ?? 0) / 1000, 1)} | ${fmt(n.peakMb)} | ${fmt(n.objective, 1)} | ${fmt(n.unmetHours, 1)} | ${fmt(n.fullyServed)}/${fmt(n.patients)} | ${fmt(n.violations)} |`,
    ),
    "",
    net1?.timeMs && netN?.timeMs ? `Speed-up of ${netN.threads} threads against one: ${(net1.timeMs / netN.timeMs).toFixed(2)}×.` : "",
  ];
  const markdown = [
    `# Bench${run.quick ? " (quick)" : ""}`,
    "",
    `${new Date().toISOString().slice(0, 10)} · Node ${process.version} · ${cpus().length} × ${cpu} · exact solvers capped at ${run.capMs / 1000} s · every engine in its own process · every roster re-checked by the validator`,
    "",
    ...(run.load
      ? [
          `Load average (1, 5, 15 min): ${run.load.start.map((x) => x.toFixed(2)).join(", ")} at the start, ${run.load.end.map((x) => x.toFixed(2)).join(", ")} at the end.`,
          "",
        ]
      : []),
    ...(run.repeats
      ? [
          `Times are medians of ${Object.entries(run.repeats)
            .map(([e, n]) => `${n} run${n > 1 ? "s" : ""} (${e})`)
            .join(", ")}.`,
          "",
        ]
      : []),
    "## Targets",
    "",
    ...targets(run),
    "",
    "## Ours against each baseline",
    "",
    ...ratioTable(run.cases),
    "## Per case",
    "",
    ...run.cases.flatMap(caseTable),
    "## A network of 40 clinics, 10 000 patients, on worker threads",
    "",
    ...netLines,
    "",
    `![time and gap against patients](${stem}.svg)`,
    "",
  ].join("\n");
  writeFileSync(new URL(`${stem}.md`, dir), markdown);
  writeFileSync(new URL(`${stem}.json`, dir), `${JSON.stringify(run, null, 2)}\n`);
  writeFileSync(new URL(`${stem}.svg`, dir), chart(run));
  const failed = run.cases.some((c) => c.rows.some((r) => (r.violations ?? 0) > 0)) || run.networks.some((n) => (n.violations ?? 0) > 0);
  return { markdown, failed };
}
