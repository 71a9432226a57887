// The week after: the same clinic seven days on, with a share of its patients changed the way a program changes
// from one week to the next: some discharged, as many admitted (copies of a returning patient's level, track
// and windows under new ids), and some whose weekly windows shifted (a new work shift on one more day).
import { type Scenario, weekAfter } from "../domain/index.js";
import { Random } from "../solver/random.js";

export interface NextWeek {
  readonly scenario: Scenario;
  readonly admitted: readonly string[];
  readonly discharged: readonly string[];
  readonly shifted: readonly string[];
}

const DAYS = ["mon", "tue", "wed", "thu", "fri"] as const;

/** `share` of the patients changed (0.1: 4 % discharged, 4 % admitted, 2 % with shifted windows); seeded. */
export function nextWeek(scenario: Scenario, share: number, seed: number): NextWeek {
  const random = new Random(seed);
  const order = random.shuffle([...scenario.patients]);
  const n = scenario.patients.length;
  const leaving = Math.round(n * share * 0.4);
  const shifting = Math.round(n * share * 0.2);
  const discharged = order.slice(0, leaving);
  const shifted = order.slice(leaving, leaving + shifting);
  const weekStart = weekAfter(scenario.clinic.weekStart);
  const shiftedIds = new Set(shifted.map((p) => p.id));
  const gone = new Set(discharged.map((p) => p.id));
  const staying = scenario.patients
    .filter((p) => !gone.has(p.id))
    .map((p) =>
      shiftedIds.has(p.id)
        ? { ...p, unavailable: [...p.unavailable, { days: [random.pick(DAYS)], start: "08:00", end: "21:30", kind: "work" as const }] }
        : p,
    );
  const admitted = Array.from({ length: leaving }, (_, i) => {
    const like = random.pick(scenario.patients);
    return {
      ...like,
      id: `N${String(seed).padStart(3, "0")}-${String(i + 1).padStart(3, "0")}`,
      admissionDate: weekStart,
      completedTopics: [],
    };
  });
  return {
    scenario: { ...scenario, clinic: { ...scenario.clinic, weekStart }, patients: [...staying, ...admitted] },
    admitted: admitted.map((p) => p.id),
    discharged: [...gone],
    shifted: [...shiftedIds],
  };
}
