// Who is busy when once the groups are set: patients, facilitators and rooms, each a list of booked intervals.
import { DateTime } from "luxon";
import { type Facilitator, type Interval, type Roster, type Scenario, localMillis, overlaps, within } from "../../domain/index.js";

export type Who = `p:${string}` | `f:${string}` | `r:${string}`;

export class Bookings {
  private readonly booked = new Map<Who, Interval[]>();
  private readonly minutes = new Map<Who, number>();

  /** Sessions already set (a roster's groups, say): members, leads and rooms. */
  static of(sessions: readonly Pick<Roster["sessions"][number], "start" | "end" | "facilitatorId" | "roomId" | "patientIds">[]): Bookings {
    const b = new Bookings();
    for (const s of sessions) {
      const at = { start: Date.parse(s.start), end: Date.parse(s.end) };
      b.book([`f:${s.facilitatorId}`, `r:${s.roomId}`, ...s.patientIds.map((id) => `p:${id}` as const)], at);
    }
    return b;
  }

  /** A copy that later bookings do not change. */
  clone(): Bookings {
    const b = new Bookings();
    for (const [who, list] of this.booked) b.booked.set(who, [...list]);
    for (const [who, m] of this.minutes) b.minutes.set(who, m);
    return b;
  }

  free(who: Who, at: Interval): boolean {
    return !(this.booked.get(who) ?? []).some((b) => overlaps(b, at));
  }

  book(whos: readonly Who[], at: Interval): void {
    for (const who of whos) {
      const list = this.booked.get(who);
      if (list) list.push(at);
      else this.booked.set(who, [at]);
      this.minutes.set(who, (this.minutes.get(who) ?? 0) + (at.end - at.start) / 60_000);
    }
  }

  release(whos: readonly Who[], at: Interval): void {
    for (const who of whos) {
      const list = this.booked.get(who) ?? [];
      const i = list.findIndex((b) => b.start === at.start && b.end === at.end);
      if (i < 0) continue;
      list.splice(i, 1);
      this.minutes.set(who, (this.minutes.get(who) ?? 0) - (at.end - at.start) / 60_000);
    }
  }

  /** Starts of a `len`-long session right after or right before something booked: no extra trip, no idle wait. */
  edges(who: Who, len: number): Set<number> {
    return new Set((this.booked.get(who) ?? []).flatMap((b) => [b.end, b.start - len]));
  }

  /** Minutes booked for someone this week. */
  minutesOf(who: Who): number {
    return this.minutes.get(who) ?? 0;
  }

  /** Weekday indices (Monday = 0, clinic's zone) on which someone has something booked. */
  days(who: Who, zone: string): Set<number> {
    return new Set((this.booked.get(who) ?? []).map((b) => DateTime.fromMillis(b.start, { zone }).weekday - 1));
  }
}

/** Midnights of the roster's week in the clinic's zone, Monday to the next Monday, and the day an instant falls on. */
export function weekDays(scenario: Scenario): { readonly starts: readonly number[]; readonly dayOf: (ms: number) => number } {
  const starts = Array.from({ length: 8 }, (_, d) => localMillis(scenario.clinic.weekStart, scenario.clinic.timeZone, d, "00:00"));
  return { starts, dayOf: (ms) => starts.filter((d) => d <= ms).length - 1 };
}

const STEP_MS = 30 * 60_000;

/**
 * Where a `len`-long one-to-one may start, inside the week: every half hour of the therapist's hours, and right
 * before or after something the patient attends (no extra trip). The greedy and its exact reference share them.
 */
export function oneToOneStarts(available: readonly Interval[], edges: Iterable<number>, len: number, week: readonly number[]): Set<number> {
  const starts = new Set<number>();
  for (const a of available) for (let s = Math.max(a.start, week[0]); s + len <= Math.min(a.end, week[7]); s += STEP_MS) starts.add(s);
  for (const s of edges) if (s >= week[0] && s + len <= week[7]) starts.add(s);
  return starts;
}

/** The smallest free room that seats `people`, or undefined. */
export function freeRoom(scenario: Scenario, bookings: Bookings, at: Interval, people: number): string | undefined {
  return [...scenario.rooms]
    .filter((r) => r.capacity >= people && bookings.free(`r:${r.id}`, at))
    .sort((a, b) => a.capacity - b.capacity || a.id.localeCompare(b.id))[0]?.id;
}

/** A patient may come: outside their windows (travel included, not before admission) and nothing else booked then. */
export function patientCanAttend(busy: readonly Interval[], bookings: Bookings, patientId: string, at: Interval): boolean {
  return !busy.some((b) => overlaps(b, at)) && bookings.free(`p:${patientId}`, at);
}

/** A facilitator may take it: available for all of it, nothing else booked then, and within their weekly hours. */
export function facilitatorCanTake(available: readonly Interval[], bookings: Bookings, facilitator: Facilitator, at: Interval): boolean {
  return (
    within(at, available) &&
    bookings.free(`f:${facilitator.id}`, at) &&
    bookings.minutesOf(`f:${facilitator.id}`) + (at.end - at.start) / 60_000 <= facilitator.maxHoursPerWeek * 60 + 1e-6
  );
}
