// An exact solver's plan (who attends which slot, how many groups per slot and track) made concrete: groups
// numbered and balanced, each given a facilitator, room and topic by the same code the local search uses.
// Where the plan's relaxed staff and room counts cannot be met, the roster keeps what the hard rules allow.
import { construct, polishTopics, repairMinimums } from "../construct.js";
import { canJoin } from "../constraints.js";
import type { Model } from "../model.js";
import { openGroup } from "../open-group.js";
import { State } from "../state.js";
import type { Aggregated } from "./aggregate.js";

export function planToState(model: Model, weights: State["weights"], agg: Aggregated, values: ArrayLike<number> | null): State {
  const state = new State(model, weights);
  if (!values) {
    construct(state);
    return state;
  }
  const S = model.slots.length;
  const T = model.tracks.length;
  const order = model.slots.map((_, s) => s).sort((a, b) => model.slots[a].interval.start - model.slots[b].interval.start || a - b);
  for (const s of order) {
    for (let t = 0; t < T; t++) {
      const col = agg.n[s * T + t];
      const groups = col >= 0 ? Math.round(values[col]) : 0;
      if (groups === 0) continue;
      const members = model.patients.flatMap((patient, p) =>
        patient.track === t && agg.x[p * S + s] >= 0 && values[agg.x[p * S + s]] > 0.5 ? [p] : [],
      );
      const opened: number[] = [];
      for (let i = 0; i < groups; i++) {
        const share = members.filter((_, j) => j % groups === i);
        const g = openGroup(state, s, t, share);
        if (g >= 0) opened.push(g);
      }
      members.forEach((p, j) => {
        const first = opened.length > 0 ? j % opened.length : 0;
        for (let k = 0; k < opened.length; k++) {
          const g = opened[(first + k) % opened.length];
          if (canJoin(state, p, g)) return state.add(g, p);
        }
      });
    }
  }
  repairMinimums(state);
  polishTopics(state);
  return state;
}
