// The most one-to-one sessions any booking could place around a roster's groups and family groups, by HiGHS: the
// reference the greedy booking (services/individual.ts) is measured against. Rooms are counted per instant (free
// rooms that seat two), a relaxation, so the answer is an upper bound and proven the optimum when the greedy meets it.
import {
  type Interval,
  type Roster,
  type Scenario,
  facilitatorAvailable,
  localMillis,
  overlaps,
  patientBusy,
  programOf,
  requirementOf,
  within,
} from "../../domain/index.js";
import { Bookings } from "../services/bookings.js";
import { solveWithHighs } from "./engines.js";
import { Mip } from "./mip.js";

/** The greedy's times: a half-hour grid in the therapist's hours and the edges of the patient's sessions. */
const STEP_MS = 30 * 60_000;

export interface OneToOneReference {
  /** The most one-to-ones any booking places, or the bound when HiGHS stopped before proving it. */
  readonly most: number;
  readonly proven: boolean;
}

export async function mostOneToOnes(scenario: Scenario, roster: Roster, timeLimitMs = 30_000): Promise<OneToOneReference> {
  const program = programOf(scenario);
  const zone = scenario.clinic.timeZone;
  const week = scenario.clinic.weekStart;
  const dayStarts = Array.from({ length: 8 }, (_, d) => localMillis(week, zone, d, "00:00"));
  const dayOf = (ms: number) => dayStarts.filter((d) => d <= ms).length - 1;
  const fixed = Bookings.of([...roster.sessions, ...roster.familySessions]);
  const therapists = scenario.facilitators.filter((f) => f.caseload !== undefined);
  const rooms = scenario.rooms.filter((r) => r.capacity >= 2);
  const mip = new Mip();
  const cover = new Map<string, { col: number; at: Interval }[]>();
  const note = (key: string, col: number, at: Interval) => cover.set(key, [...(cover.get(key) ?? []), { col, at }]);
  const assigned = new Map<string, number[]>();
  let objectiveCols = 0;
  scenario.patients.forEach((patient, p) => {
    const { perWeek, minutes } = requirementOf(program, patient).level.individual;
    if (perWeek === 0) return;
    const len = minutes * 60_000;
    const busy = patientBusy(scenario, patient);
    const mine: number[] = [];
    const ys: number[] = [];
    const byDay = new Map<number, number[]>();
    for (const t of therapists) {
      if (patient.primaryTherapistId !== undefined && patient.primaryTherapistId !== t.id) continue;
      const available = facilitatorAvailable(scenario, t);
      const y = mip.col(`y${p}.${t.id}`, 0, 0, 1, true);
      ys.push(y);
      const cols: number[] = [];
      const starts = new Set<number>(fixed.edges(`p:${patient.id}`, len));
      for (const a of available)
        for (let s = Math.max(a.start, dayStarts[0]); s + len <= Math.min(a.end, dayStarts[7]); s += STEP_MS) starts.add(s);
      for (const s of [...starts].sort((a, b) => a - b)) {
        if (s < dayStarts[0] || s + len > dayStarts[7]) continue;
        const at = { start: s, end: s + len };
        if (!within(at, available) || busy.some((b) => overlaps(b, at))) continue;
        if (!fixed.free(`p:${patient.id}`, at) || !fixed.free(`f:${t.id}`, at)) continue;
        if (!rooms.some((r) => fixed.free(`r:${r.id}`, at))) continue;
        const x = mip.col(`x${p}.${t.id}.${s}`, -1, 0, 1, true);
        objectiveCols++;
        cols.push(x);
        note(`f:${t.id}`, x, at);
        note("rooms", x, at);
        byDay.set(dayOf(s), [...(byDay.get(dayOf(s)) ?? []), x]);
        mip.row(
          `link${x}`,
          [
            [x, 1],
            [y, -1],
          ],
          -Infinity,
          0,
        );
      }
      mine.push(...cols);
      assigned.set(t.id, [...(assigned.get(t.id) ?? []), y]);
      if (patient.primaryTherapistId === t.id) mip.row(`named${p}`, [[y, 1]], 1, 1);
    }
    mip.row(
      `week${p}`,
      mine.map((c) => [c, 1] as const),
      0,
      perWeek,
    );
    for (const [d, cols] of byDay)
      mip.row(
        `day${p}.${d}`,
        cols.map((c) => [c, 1] as const),
        0,
        1,
      );
    mip.row(
      `one-therapist${p}`,
      ys.map((c) => [c, 1] as const),
      0,
      1,
    );
  });
  for (const t of therapists) {
    mip.row(
      `caseload.${t.id}`,
      (assigned.get(t.id) ?? []).map((c) => [c, 1] as const),
      0,
      t.caseload!,
    );
    const items = cover.get(`f:${t.id}`) ?? [];
    const left = t.maxHoursPerWeek * 60 - fixed.minutesOf(`f:${t.id}`);
    mip.row(
      `hours.${t.id}`,
      items.map(({ col, at }) => [col, (at.end - at.start) / 60_000] as const),
      -Infinity,
      left,
    );
    // An interval graph's cliques are at its starts: at each start, at most one session of this therapist.
    for (const { at } of items)
      mip.row(
        `busy.${t.id}.${at.start}`,
        items.filter((i) => i.at.start <= at.start && at.start < i.at.end).map((i) => [i.col, 1] as const),
        0,
        1,
      );
  }
  const all = cover.get("rooms") ?? [];
  for (const start of new Set(all.map((i) => i.at.start))) {
    const free = rooms.filter((r) => fixed.free(`r:${r.id}`, { start, end: start + 1 })).length;
    mip.row(
      `rooms.${start}`,
      all.filter((i) => i.at.start <= start && start < i.at.end).map((i) => [i.col, 1] as const),
      0,
      free,
    );
  }
  if (objectiveCols === 0) return { most: 0, proven: true };
  const answer = await solveWithHighs(mip, timeLimitMs);
  if (answer.status === "optimal" && answer.values) return { most: Math.round(-mip.objective(answer.values)), proven: true };
  return { most: Math.floor(-(answer.bound ?? -objectiveCols) + 1e-6), proven: false };
}
