// The simulation's tables and chart: one row a week, then curriculum coverage of the stays that ran their length.
import { writeFileSync } from "node:fs";
import { type ProgramModel, curriculumTopics } from "../../src/domain/index.js";
import type { Stay } from "./stay.js";

export interface WeekRow {
  week: number;
  weekStart: string;
  patients: number;
  admitted: number;
  discharged: number;
  steppedDown: number;
  requiredHours: number;
  unmetHours: number;
  fullyServed: number;
  churn: number;
  topicRepeats: number;
  heardBeforeInCycle: number;
  noShows: number;
  individualCalledFor: number;
  individualBooked: number;
  individualNoCommonTime: number;
  familyCalledFor: number;
  familyBooked: number;
  testsCalledFor: number;
  testsBooked: number;
  violations: number;
  ms: number;
}

export interface Coverage {
  /** Admitted during the run and discharged after their planned length. */
  completed: number;
  covered: number;
  notCovered: { id: string; levels: string; missing: string[]; why: string }[];
  leftEarly: number;
  stillInCare: number;
  inCareAtStart: number;
}

/**
 * Why a stay missed topics: fewer sessions over the stay than topics, absent when they were held, held only in
 * other groups, or not held in the track at all.
 */
function whyMissed(stay: Stay, missing: readonly string[], topics: number): string {
  const few = stay.sessions < topics ? `${stay.sessions} sessions attended over the stay for ${topics} topics` : "";
  const absent = missing.filter((t) => stay.missed.has(t));
  const elsewhere = missing.filter((t) => !stay.missed.has(t) && stay.heldInTrack.has(t));
  const never = missing.filter((t) => !stay.missed.has(t) && !stay.heldInTrack.has(t));
  const parts = [
    few,
    absent.length ? `absent (no-show) when ${absent.join(", ")} ${absent.length === 1 ? "was" : "were"} held` : "",
    elsewhere.length ? `${elsewhere.join(", ")} held only in groups they were not in` : "",
    never.length ? `${never.join(", ")} not held in their track during their stay` : "",
  ];
  return parts.filter(Boolean).join("; ");
}

export function coverageOf(stays: readonly Stay[], program: ProgramModel): Coverage {
  const completed = stays.filter((s) => s.admittedWeek > 0 && s.discharged?.why === "completed");
  const notCovered = completed
    .map((s) => ({ stay: s, missing: curriculumTopics(program, s.patient.track).filter((t) => !s.heard.has(t)) }))
    .filter((x) => x.missing.length > 0)
    .map(({ stay, missing }) => ({
      id: stay.patient.id,
      levels: stay.levels.join(" → "),
      missing,
      why: whyMissed(stay, missing, curriculumTopics(program, stay.patient.track).length),
    }));
  return {
    completed: completed.length,
    covered: completed.length - notCovered.length,
    notCovered,
    leftEarly: stays.filter((s) => s.admittedWeek > 0 && s.discharged?.why === "left").length,
    stillInCare: stays.filter((s) => s.admittedWeek > 0 && !s.discharged).length,
    inCareAtStart: stays.filter((s) => s.admittedWeek === 0).length,
  };
}

const pct = (a: number, b: number) => (b === 0 ? 100 : (100 * a) / b);
const fmt = (x: number) => x.toFixed(1);
/** One-to-ones booked for patients whose windows leave a time to meet their therapist. */
const individualRate = (r: WeekRow) => pct(r.individualBooked, r.individualCalledFor - r.individualNoCommonTime);

function chart(rows: readonly WeekRow[]): string {
  const W = 640;
  const H = 300;
  const x = (w: number) => 50 + ((w - 1) / Math.max(1, rows.length - 1)) * (W - 190);
  const y = (v: number) => 20 + (1 - v / 100) * (H - 60);
  const series: [string, string, (r: WeekRow) => number][] = [
    ["hours served %", "#1f77b4", (r) => pct(r.requiredHours - r.unmetHours, r.requiredHours)],
    ["fully served %", "#ff7f0e", (r) => pct(r.fullyServed, r.patients)],
    ["1:1 booked % (windows allow)", "#2ca02c", individualRate],
    ["family group booked %", "#9467bd", (r) => pct(r.familyBooked, r.familyCalledFor)],
  ];
  const grid = [0, 25, 50, 75, 100]
    .map(
      (v) =>
        `<line x1="50" x2="${W - 140}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/><text x="44" y="${y(v) + 4}" text-anchor="end">${v}</text>`,
    )
    .join("");
  const weeks = rows.map((r) => `<text x="${x(r.week)}" y="${H - 22}" text-anchor="middle">${r.week}</text>`).join("");
  const lines = series
    .map(([label, color, f], i) => {
      const points = rows.map((r) => `${x(r.week).toFixed(1)},${y(f(r)).toFixed(1)}`).join(" ");
      return `<polyline fill="none" stroke="${color}" stroke-width="2" points="${points}"/><text x="${W - 132}" y="${40 + i * 18}" fill="${color}">${label}</text>`;
    })
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="11">${grid}${weeks}<text x="${(W - 140) / 2}" y="${H - 6}" text-anchor="middle">week</text>${lines}</svg>\n`;
}

export function writeSimulation(
  dir: URL,
  run: { clinic: string; seed: number; weeks: number; rows: WeekRow[]; coverage: Coverage },
): { markdown: string; failed: boolean } {
  const { rows, coverage } = run;
  const head =
    "| week | patients | admitted | discharged | stepped down | hours served | fully served | churn | repeats in week | heard before in cycle | no-shows | 1:1 booked | 1:1 where windows allow | family | drug tests | violations | solve s |\n|" +
    "---|".repeat(17);
  const body = rows.map(
    (r) =>
      `| ${r.week} | ${r.patients} | ${r.admitted} | ${r.discharged} | ${r.steppedDown} | ${fmt(pct(r.requiredHours - r.unmetHours, r.requiredHours))} % | ${r.fullyServed} | ${r.churn} | ${r.topicRepeats} | ${r.heardBeforeInCycle} | ${r.noShows} | ${r.individualBooked}/${r.individualCalledFor} | ${fmt(individualRate(r))} % | ${r.familyBooked}/${r.familyCalledFor} | ${r.testsBooked}/${r.testsCalledFor} | ${r.violations} | ${(r.ms / 1000).toFixed(1)} |`,
  );
  const worstIndividual = Math.min(...rows.map(individualRate));
  const violations = rows.reduce((n, r) => n + r.violations, 0);
  const c = coverage;
  const names = c.notCovered.map((n) => `- ${n.id} (${n.levels}): missed ${n.missing.length} — ${n.why}`);
  const markdown = [
    `# Simulation: ${run.weeks} weeks of ${run.clinic} with the whole week booked (seed ${run.seed})`,
    "",
    "Generated by `npm run simulate`. Each week is solved from the last week's roster (continuity on) and validated.",
    "Rates (no-shows 8 % a session, dropouts 1.5 % a week, milestones, admission levels, 8–12-week stays) are our",
    "assumptions, in `bench/simulation/stay.ts`. Churn: returning patients whose group time or lead changed, plus admissions.",
    "",
    head,
    ...body,
    "",
    `- Violations over all weeks: **${violations}**. One-to-ones booked where windows allow, worst week: **${fmt(worstIndividual)} %** (target ≥ 98 %).`,
    `- Stays admitted during the run that ran their planned length: **${c.completed}**; heard the whole curriculum: **${c.covered}** (${fmt(pct(c.covered, c.completed))} %).`,
    `- Not counted: ${c.leftEarly} who left before their planned length, ${c.stillInCare} still in care at the end, ${c.inCareAtStart} in care before the run (their earlier weeks are unknown).`,
    "",
    ...(names.length
      ? ["Who did not hear the whole curriculum, and why:", "", ...names]
      : ["Every stay that ran its length heard the whole curriculum."]),
    "",
    "![weekly figures](simulation.svg)",
    "",
  ].join("\n");
  writeFileSync(new URL("simulation.md", dir), markdown);
  writeFileSync(new URL("simulation.json", dir), `${JSON.stringify(run, null, 1)}\n`);
  writeFileSync(new URL("simulation.svg", dir), chart(rows));
  return { markdown, failed: violations > 0 || worstIndividual < 98 };
}
