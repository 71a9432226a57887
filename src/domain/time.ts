// Local clock times, weekdays and the week's calendar, resolved to instants in the clinic's zone.
// Every interval is half-open [start, end): a window ending 17:15 does not touch a group starting 17:15.
import { DateTime, IANAZone } from "luxon";
import { z } from "zod";

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export const Weekday = z.enum(WEEKDAYS);
export type Weekday = z.infer<typeof Weekday>;
export const WEEKDAY_LABEL: Record<Weekday, string> = {
  mon: "Mon",
  tue: "Tue",
  wed: "Wed",
  thu: "Thu",
  fri: "Fri",
  sat: "Sat",
  sun: "Sun",
};

export const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "expected a local time HH:MM (00:00–23:59)" });
export type LocalTime = z.infer<typeof LocalTime>;

export const IsoDate = z.iso.date({
  // A text in the YYYY-MM-DD shape is told it is no day of the calendar (2026-02-30), not to use the shape it has.
  error: (issue) =>
    typeof issue.input === "string" && /^\d{4}-\d{2}-\d{2}$/.test(issue.input)
      ? "expected a date that exists (months 01–12, and a day the month has)"
      : "expected an ISO date YYYY-MM-DD such as 2026-12-07 (dates with slashes read differently in the US and elsewhere)",
});

/** The IANA zone people usually mean by an abbreviation or a fixed-offset name. */
const MEANT: Record<string, string> = {
  EST: "America/New_York",
  EDT: "America/New_York",
  EST5EDT: "America/New_York",
  CST: "America/Chicago",
  CDT: "America/Chicago",
  CST6CDT: "America/Chicago",
  MST: "America/Denver or America/Phoenix",
  MDT: "America/Denver",
  MST7MDT: "America/Denver",
  PST: "America/Los_Angeles",
  PDT: "America/Los_Angeles",
  PST8PDT: "America/Los_Angeles",
  HST: "Pacific/Honolulu",
  AKST: "America/Anchorage",
  AKDT: "America/Anchorage",
};

/**
 * A region's IANA zone ("Area/Location"), or UTC. Abbreviations and fixed offsets (EST, Etc/GMT+5) are refused:
 * they never change for summer time, so every summer session would come out an hour off.
 */
export const TimeZone = z.string().superRefine((zone, ctx) => {
  if (!IANAZone.isValidZone(zone)) {
    ctx.addIssue({ code: "custom", message: "expected an IANA time zone such as America/Chicago" });
    return;
  }
  const regional = /^[A-Za-z]+\/[A-Za-z0-9_+\-/]+$/.test(zone) && !zone.startsWith("Etc/");
  if (regional || zone === "UTC") return;
  const meant = MEANT[zone.toUpperCase()];
  ctx.addIssue({
    code: "custom",
    message: `"${zone}" is a fixed offset that ignores summer time; use the region's IANA zone${meant ? `, e.g. ${meant}` : " such as America/Chicago"}`,
  });
});

/** The date `days` days after `date` (calendar dates: no zone, no clock change). */
export function daysLater(date: string, days: number): string {
  return DateTime.fromISO(date).plus({ days }).toISODate()!;
}

/** The Monday a week after `weekStart`. */
export const weekAfter = (weekStart: string): string => daysLater(weekStart, 7);

export function minutesOf(time: LocalTime): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

export function weekdayIndex(day: Weekday): number {
  return WEEKDAYS.indexOf(day);
}

/** Epoch-millisecond half-open interval. */
export interface Interval {
  readonly start: number;
  readonly end: number;
}

export function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Answers of a zone-offset lookup, remembered up to a bound: a clinic's thousands of bookings share a few. */
export function remembered<T>(limit: number, compute: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      if (cache.size >= limit) cache.clear();
      cache.set(key, (value = compute(key)));
    }
    return value;
  };
}

/** The instant a local clock time happens on day `dayOffset` (0 = the week's Monday; may be negative). */
export function localInstant(weekStart: string, zone: string, dayOffset: number, time: LocalTime): DateTime {
  const date = DateTime.fromISO(weekStart, { zone }).plus({ days: dayOffset });
  return date.set({ hour: Number(time.slice(0, 2)), minute: Number(time.slice(3, 5)), second: 0, millisecond: 0 });
}

// Zone-offset lookups dominate the cost of expanding thousands of patients' weekly windows; the answer for a
// (week, zone, day, time) never changes, so it is remembered.
const localOf = remembered(100_000, (key) => {
  const [weekStart, zone, dayOffset, time] = key.split("|");
  return localInstant(weekStart, zone, Number(dayOffset), time as LocalTime).toMillis();
});

export function localMillis(weekStart: string, zone: string, dayOffset: number, time: LocalTime): number {
  return localOf(`${weekStart}|${zone}|${dayOffset}|${time}`);
}

/**
 * A recurring local interval on one day. An end at or before the start crosses midnight
 * (a 22:00–06:00 night shift ends the next morning), computed on the real calendar so DST is honoured.
 */
export function dailyInterval(weekStart: string, zone: string, dayOffset: number, start: LocalTime, end: LocalTime): Interval {
  const crosses = minutesOf(end) <= minutesOf(start);
  return { start: localMillis(weekStart, zone, dayOffset, start), end: localMillis(weekStart, zone, dayOffset + (crosses ? 1 : 0), end) };
}

const isoOf = remembered(100_000, (key) => {
  const [zone, ms] = key.split("|");
  return DateTime.fromMillis(Number(ms), { zone }).toISO({ suppressMilliseconds: true }) ?? "";
});

/** ISO 8601 with the clinic's offset, as rosters print it. */
export function isoInZone(epochMs: number, zone: string): string {
  return isoOf(`${zone}|${epochMs}`);
}

const millisOf = remembered(100_000, (key) => {
  const [zone, iso] = key.split("|");
  return DateTime.fromISO(iso, { zone }).toMillis();
});

/** The instant of an ISO 8601 date-time, read in `zone` when it carries no offset. */
export function zonedMillis(iso: string, zone: string): number {
  return millisOf(`${zone}|${iso}`);
}

export function hoursBetween(interval: Interval): number {
  return (interval.end - interval.start) / 3_600_000;
}

/** Whole days from `from` to `to` (ISO dates), on the calendar, regardless of DST. */
export function daysBetween(from: string, to: string): number {
  // Calendar dates, not instants: UTC midnights are exactly a day apart, with no zone to consult (and no luxon,
  // which costs a thousand times more and is called once per patient).
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** "Mon–Fri", "Tue, Thu", "Sat" — how a coordinator writes a set of weekdays. */
export function describeDays(days: readonly Weekday[]): string {
  const idx = [...new Set(days.map(weekdayIndex))].sort((a, b) => a - b);
  const parts: string[] = [];
  let i = 0;
  while (i < idx.length) {
    let j = i;
    while (j + 1 < idx.length && idx[j + 1] === idx[j] + 1) j++;
    const first = WEEKDAY_LABEL[WEEKDAYS[idx[i]]];
    const last = WEEKDAY_LABEL[WEEKDAYS[idx[j]]];
    if (j - i >= 2) parts.push(`${first}–${last}`);
    else for (let k = i; k <= j; k++) parts.push(WEEKDAY_LABEL[WEEKDAYS[idx[k]]]);
    i = j + 1;
  }
  return parts.join(", ");
}
