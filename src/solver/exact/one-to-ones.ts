// The most one-to-one sessions any booking could place around a roster's groups and family groups, by HiGHS: the
// reference the greedy booking (services/individual.ts) is measured against. Rooms are counted per instant (free
// rooms that seat two), a relaxation, so the answer is an upper bound and proven the optimum when the greedy meets it.
import {
  type Interval,
  type Roster,
  type Scenario,
  facilitatorAvailable,
  overlaps,
  patientBusy,
  programOf,
  requirementOf,
  within,
} from "../../domain/index.js";
import { Bookings, oneToOneStarts, weekDays } from "../services/bookings.js";
import { solveWithHighs } from "./engines.js";
import { Mip } from "./mip.js";

export interface OneToOneReference {
  /** The most one-to-ones any booking places, or the bound when HiGHS stopped before proving it. */
  readonly most: number;
  readonly proven: boolean;
}

export async function mostOneToOnes(scenario: Scenario, roster: Roster, timeLimitMs = 30_000): Promise<OneToOneReference> {
  const program = programOf(scenario);
  const { starts: dayStarts, dayOf } = weekDays(scenario);
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
      // The greedy's own candidate times, so that the two are compared on the same choices.
      const starts = oneToOneStarts(available, fixed.edges(`p:${patient.id}`, len), len, dayStarts);
      for (const s of [...starts].sort((a, b) => a - b)) {
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
