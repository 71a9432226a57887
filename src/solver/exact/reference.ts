// The exact reference: the staffed model solved by HiGHS and made into a concrete roster (rooms by interval
// colouring per capacity class, leads from h, members split so every group meets and fits), for the tests and the
// bench to measure the local search against. Not the product's engine: HiGHS is too slow for it past small clinics.
import { type Roster, type Scenario, type SolveOptions, weightsWith } from "../../domain/index.js";
import { reachAndBound } from "../bound.js";
import { roomFree } from "../constraints.js";
import { polishTopics } from "../construct.js";
import { type Model, compile } from "../model.js";
import { bestTopic } from "../open-group.js";
import { State } from "../state.js";
import { toRoster } from "../to-roster.js";
import { solveWithHighs } from "./engines.js";
import { type Staffed, staffedModel } from "./staffed.js";

export interface ReferenceResult {
  readonly roster: Roster;
  /** True when HiGHS proved the medium tier (unmet hours and days at their weights) optimal. */
  readonly optimal: boolean;
  /** The proven lower bound on the medium tier. */
  readonly mediumBound: number | null;
}

function concretize(model: Model, state: State, staffed: Staffed, values: ArrayLike<number>): void {
  const S = model.slots.length;
  const T = model.tracks.length;
  const on = (col: number) => col >= 0 && values[col] > 0.5;
  const order = model.slots.map((_, s) => s).sort((a, b) => model.slots[a].interval.start - model.slots[b].interval.start || a - b);
  for (const s of order) {
    for (let t = 0; t < T; t++) {
      const leads = model.facilitators.flatMap((_, f) => (on(staffed.h[(f * S + s) * T + t]) ? [f] : []));
      const rooms: number[] = [];
      staffed.classes.forEach((cap, c) => {
        const col = staffed.n[(c * S + s) * T + t];
        const count = col >= 0 ? Math.round(values[col]) : 0;
        const free = model.rooms.flatMap((r, i) => (r.capacity === cap ? [i] : []));
        for (let i = 0; i < count; i++) {
          // Slots in start order, so any free room of the class will do (interval graphs colour greedily).
          const room = free.find((r) => !rooms.includes(r) && roomFree(state, r, s, 0));
          if (room !== undefined) rooms.push(room);
        }
      });
      if (rooms.length === 0) continue;
      const members = model.patients.flatMap((patient, p) => (patient.track === t && on(staffed.x[p * S + s]) ? [p] : []));
      const { min, max } = model.tracks[t];
      const caps = rooms.map((r) => Math.min(model.rooms[r].capacity, max));
      const shares: number[][] = rooms.map(() => []);
      let next = 0;
      for (let i = 0; i < rooms.length; i++) while (shares[i].length < min && next < members.length) shares[i].push(members[next++]);
      for (let i = 0; i < rooms.length; i++) while (shares[i].length < caps[i] && next < members.length) shares[i].push(members[next++]);
      rooms.forEach((room, i) => {
        const fac = leads[i];
        if (fac === undefined) return;
        const topic = bestTopic(state, s, t, fac, shares[i]);
        const g = state.open(s, t, topic >= 0 ? topic : model.tracks[t].topics[0], fac, room);
        for (const p of shares[i]) state.add(g, p);
      });
    }
  }
}

export async function solveReference(scenario: Scenario, options: SolveOptions): Promise<ReferenceResult> {
  const startedAt = Date.now();
  const model = compile(scenario);
  const weights = weightsWith(options.weights);
  const staffed = staffedModel(model, weights);
  const answer = await solveWithHighs(staffed.mip, options.timeLimitMs);
  const state = new State(model, weights);
  if (answer.values) {
    concretize(model, state, staffed, answer.values);
    polishTopics(state);
  }
  const { reach, bound, unmetHours: hoursFloor } = reachAndBound(model, weights);
  const roster = toRoster(state, reach, {
    engine: "highs-reference",
    status: answer.status === "optimal" ? "feasible" : "time-limit",
    bound,
    unmetHoursBound: hoursFloor,
    timeMs: Date.now() - startedAt,
    seed: options.seed,
    iterations: 0,
  });
  return { roster, optimal: answer.status === "optimal", mediumBound: answer.bound };
}
