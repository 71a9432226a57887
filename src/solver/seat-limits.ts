// What the staff and rooms can seat in each group time, for the flows of the capacity bounds: counts any valid
// roster stays within, whatever its groups. Each is an upper bound, so a flow built on them bounds every roster.
import { type Model, canLeadIn } from "./model.js";
import { dayOptions } from "./reach.js";

export interface SeatLimits {
  /** leads[(s * T + t) * F + f] = 1 when facilitator f may lead track t in slot s. */
  readonly leads: Uint8Array;
  /** Seats slot s can offer track t: its largest usable rooms, one per lead who can take the track, and no more than
   * the patients who could fill them (`heads`). */
  readonly seats: Float64Array;
  /** Most members one group of track t can have in slot s: the largest usable room, the track's maximum, the heads. */
  readonly groupCap: Float64Array;
  /** Seats of slot s all tracks can fill together: rooms go to tracks whole, so a track of 86 and one of 29 fill
   * at most 113 seats of ten rooms of 12 (7 and 3 rooms), not 115. */
  readonly slotSeats: Float64Array;
  /** Most hours facilitator f can lead in the week: group times that do not overlap, within their weekly hours
   * (24 h of 5.5-hour days is 22 h). */
  readonly leadHours: Float64Array;
}

/**
 * `heads[s * T + t]`: how many of the patients the flow carries could sit in a group of track t at slot s. A group
 * only opens where enough patients of the track can come to reach its minimum (`model.reachers`, all of them).
 */
export function seatLimits(model: Model, heads: ArrayLike<number>): SeatLimits {
  const S = model.slots.length;
  const T = model.tracks.length;
  const F = model.facilitators.length;
  const leads = new Uint8Array(S * T * F);
  const seats = new Float64Array(S * T);
  const groupCap = new Float64Array(S * T);
  const slotSeats = new Float64Array(S);
  const leadSlots: number[][] = model.facilitators.map(() => []);
  for (let s = 0; s < S; s++) {
    // best[r]: most seats the tracks so far fill with r rooms.
    let best = [0];
    let anyLead = 0;
    const leadsHere = new Uint8Array(F);
    for (let t = 0; t < T; t++) {
      const i = s * T + t;
      const { min, max } = model.tracks[t];
      if (!model.slotAllowsTrack[i] || model.reachers[i].length < min) continue;
      let count = 0;
      for (let f = 0; f < F; f++) {
        if (!canLeadIn(model, f, s, t)) continue;
        leads[i * F + f] = 1;
        leadsHere[f] = 1;
        count++;
      }
      const caps = model.rooms
        .filter((r) => r.available[s] === 1 && r.capacity >= min)
        .map((r) => Math.min(r.capacity, max))
        .sort((a, b) => b - a)
        .slice(0, count);
      if (caps.length === 0 || heads[i] <= 0) continue;
      groupCap[i] = Math.min(caps[0], heads[i]);
      const top = [0];
      for (const cap of caps) top.push(top[top.length - 1] + cap);
      seats[i] = Math.min(top[top.length - 1], heads[i]);
      const next = best.slice();
      best.forEach((filled, r) => {
        for (let k = 1; k < top.length; k++) next[r + k] = Math.max(next[r + k] ?? 0, filled + Math.min(top[k], heads[i]));
      });
      best = next;
    }
    for (let f = 0; f < F; f++) if (leadsHere[f]) (anyLead++, leadSlots[f].push(s));
    const rooms = model.rooms.filter((r) => r.available[s] === 1).length;
    slotSeats[s] = Math.max(0, ...best.slice(0, Math.min(rooms, anyLead) + 1));
  }
  const known = new Map<string, number>();
  const leadHours = Float64Array.from(model.facilitators, (fac, f) => {
    const all = leadSlots[f].reduce((h, s) => h + model.slots[s].hours, 0);
    if (all <= fac.maxHours) return all;
    const key = `${fac.maxHours}|${leadSlots[f].join()}`;
    let most = known.get(key);
    if (most === undefined) known.set(key, (most = Math.max(0, ...dayOptions(model, leadSlots[f], Infinity, fac.maxHours).values())));
    return most;
  });
  return { leads, seats, groupCap, slotSeats, leadHours };
}
