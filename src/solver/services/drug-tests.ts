// Drug tests at the level's weekly frequency, each collected at a session on a different day the patient attends.
import { DateTime } from "luxon";
import { type DrugTest, type ProgramModel, type Scenario, type ServiceShortfall, requirementOf } from "../../domain/index.js";
import { Random } from "../random.js";

export interface DrugTestBooking {
  readonly tests: DrugTest[];
  readonly shortfalls: ServiceShortfall[];
  readonly calledFor: number;
}

/** Anything a patient attends: a group, a family group or a one-to-one session. */
export interface Attendance {
  readonly id: string;
  readonly start: string;
  readonly patientIds: readonly string[];
}

/** All subsets of `size` from `items`, in order. */
function subsets(items: readonly number[], size: number): number[][] {
  if (size === 0) return [[]];
  return items.flatMap((x, i) => subsets(items.slice(i + 1), size - 1).map((rest) => [x, ...rest]));
}

/** A 32-bit FNV-1a hash of a text. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The smallest gap in days between consecutive chosen days: spread tests have a large one. */
function minGap(days: readonly number[]): number {
  let gap = 7;
  for (let i = 1; i < days.length; i++) gap = Math.min(gap, days[i] - days[i - 1]);
  return gap;
}

/** Tests on days at least `gap` apart (1: each on a different day). */
export function spreadAtLeast(days: readonly number[], gap: number): boolean {
  return minGap(days) >= gap;
}

export function bookDrugTests(scenario: Scenario, program: ProgramModel, attended: readonly Attendance[], seed: number): DrugTestBooking {
  if (!scenario.clinic.drugTesting) return { tests: [], shortfalls: [], calledFor: 0 };
  const zone = scenario.clinic.timeZone;
  // Per patient and day, the first thing they attend: where the test is collected.
  const first = new Map<string, Map<number, { id: string; start: string; date: string }>>();
  const ordered = [...attended].sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.id.localeCompare(b.id));
  for (const a of ordered) {
    const local = DateTime.fromISO(a.start, { zone });
    for (const id of a.patientIds) {
      const days = first.get(id) ?? new Map();
      if (!days.has(local.weekday - 1)) days.set(local.weekday - 1, { id: a.id, start: a.start, date: local.toISODate()! });
      first.set(id, days);
    }
  }
  // Seeded, so that a solve repeats; drawn afresh for each clinic and week, so that a patient cannot tell which of
  // their days is the test day from last week's.
  const rng = new Random(seed ^ hash(`${scenario.clinic.id} ${scenario.clinic.weekStart}`));
  const tests: DrugTest[] = [];
  const shortfalls: ServiceShortfall[] = [];
  let calledFor = 0;
  for (const patient of scenario.patients) {
    const { level } = requirementOf(program, patient);
    const n = level.drugTestsPerWeek;
    if (n === 0) continue;
    calledFor += n;
    const days = first.get(patient.id) ?? new Map();
    const open = [...days.keys()].sort((a, b) => a - b);
    const size = Math.min(n, open.length);
    const choices = subsets(open, size);
    // Not on consecutive days where their days allow, but any such set: always Monday and Friday would be no test.
    const spread = choices.filter((c) => spreadAtLeast(c, 2));
    const chosen = rng.pick(spread.length > 0 ? spread : choices) ?? [];
    for (const d of chosen) {
      const at = days.get(d)!;
      tests.push({ patientId: patient.id, date: at.date, sessionId: at.id });
    }
    if (size < n) {
      const reason = `attends on ${open.length} day${open.length === 1 ? "" : "s"} this week; ${level.label} tests ${n} time${n === 1 ? "" : "s"} a week, each on a different day`;
      shortfalls.push({ patientId: patient.id, service: "drug-test", missing: n - size, reason });
    }
  }
  return { tests, shortfalls, calledFor };
}
