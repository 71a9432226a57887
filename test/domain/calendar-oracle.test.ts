// The solver and the validator both read windows through domain/calendar.ts, so a bug there would fool both. This
// checks it against a brute force that shares none of its code: every minute of the weeks around a DST change,
// labelled with its local date and time by Intl (no luxon), and each rule written out minute by minute.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Scenario, type ScenarioInput, facilitatorAvailable, overlaps, patientBusy, slotInterval, within } from "../../src/domain/index.js";

const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const MINUTE = 60_000;

/** Local (day offset from the week's Monday, minute of day) of every UTC minute from 8 days before to 9 after. */
interface LocalWeek {
  readonly first: number;
  readonly day: Int16Array;
  readonly minute: Int16Array;
}

const weeks = new Map<string, LocalWeek>();

function localWeek(zone: string, weekStart: string): LocalWeek {
  const key = `${zone}|${weekStart}`;
  const cached = weeks.get(key);
  if (cached) return cached;
  const format = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
  });
  const [y, m, d] = weekStart.split("-").map(Number);
  const monday = Date.UTC(y, m - 1, d) / 86_400_000;
  const first = Date.UTC(y, m - 1, d) - 8 * 86_400_000;
  const n = 17 * 24 * 60;
  const day = new Int16Array(n);
  const minute = new Int16Array(n);
  for (let i = 0; i < n; i++) {
    const parts = Object.fromEntries(format.formatToParts(new Date(first + i * MINUTE)).map((p) => [p.type, p.value]));
    day[i] = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day)) / 86_400_000 - monday;
    minute[i] = Number(parts.hour) * 60 + Number(parts.minute);
  }
  const week = { first, day, minute };
  weeks.set(key, week);
  return week;
}

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

/** Whether local minute (day, t) falls in a weekly window; a window ending at or before its start runs past midnight. */
function inWindow(days: readonly number[], start: number, end: number, day: number, t: number): boolean {
  const weekday = ((day % 7) + 7) % 7;
  if (end > start) return days.includes(weekday) && t >= start && t < end;
  return (days.includes(weekday) && t >= start) || (days.includes((weekday + 6) % 7) && t < end);
}

// Clock times away from 00:30–03:30, where DST makes some local times happen twice or never.
const clock = fc.oneof(fc.integer({ min: 16, max: 95 }), fc.constant(0)).map((q) => q * 15);
// An end at or before the start runs past midnight; equal times make a 24-hour window.
const window = fc
  .record({
    days: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 7 }),
    start: clock,
    end: clock,
    allDay: fc.integer({ min: 0, max: 9 }),
  })
  .map(({ days, start, end, allDay }) => ({ days, start, end: allDay === 0 ? start : end }));
const slotTimes = fc.record({
  day: fc.integer({ min: 0, max: 6 }),
  start: fc.integer({ min: 24, max: 80 }),
  length: fc.integer({ min: 2, max: 16 }),
});
const case_ = fc.record({
  zone: fc.constantFrom("America/Chicago", "America/New_York", "Europe/London", "Australia/Sydney", "America/Phoenix"),
  // Weeks with a DST change in one of the zones (US, EU, Sydney in spring and autumn) and one without.
  weekStart: fc.constantFrom("2026-10-26", "2026-10-19", "2026-09-28", "2027-03-08", "2027-03-29", "2026-11-30"),
  windows: fc.array(window, { maxLength: 3 }),
  availability: fc.array(window, { minLength: 1, maxLength: 2 }),
  travel: fc.constantFrom(0, 15, 30, 45, 90),
  admittedDays: fc.integer({ min: -10, max: 8 }),
  slot: slotTimes,
});

describe("calendar against a minute-by-minute brute force", () => {
  it("busy windows, travel buffers, night shifts, admission dates and availability agree across DST weeks", () => {
    fc.assert(
      fc.property(case_, ({ zone, weekStart, windows, availability, travel, admittedDays, slot }) => {
        const [y, m, d] = weekStart.split("-").map(Number);
        const admission = new Date(Date.UTC(y, m - 1, d + admittedDays)).toISOString().slice(0, 10);
        const slotStart = slot.start * 15;
        const slotEnd = Math.min(slotStart + slot.length * 15, 23 * 60 + 45);
        const input: ScenarioInput = {
          clinic: { id: "c", timeZone: zone, weekStart },
          program: "generic-iop",
          rooms: [{ id: "R1", capacity: 12 }],
          slots: [{ id: "s", day: DAYS[slot.day], start: hhmm(slotStart), end: hhmm(slotEnd), part: "day" }],
          facilitators: [
            {
              id: "F1",
              credentials: ["LADC"],
              tracks: ["substance-use"],
              availability: availability.map((w) => ({ days: w.days.map((i) => DAYS[i]), start: hhmm(w.start), end: hhmm(w.end) })),
              maxHoursPerWeek: 40,
            },
          ],
          patients: [
            {
              id: "P1",
              level: "iop",
              track: "substance-use",
              admissionDate: admission,
              travelBufferMinutes: travel,
              unavailable: windows.map((w) => ({
                days: w.days.map((i) => DAYS[i]),
                start: hhmm(w.start),
                end: hhmm(w.end),
                kind: "work" as const,
              })),
            },
          ],
        };
        const scenario = Scenario.parse(input);
        const week = localWeek(zone, weekStart);
        const minutes = week.day.length;

        // The slot: the minutes whose local date is its day and local time inside it.
        const slotMinutes: number[] = [];
        for (let i = 0; i < minutes; i++)
          if (week.day[i] === slot.day && week.minute[i] >= slotStart && week.minute[i] < slotEnd) slotMinutes.push(i);
        const interval = slotInterval(scenario, scenario.slots[0]);
        expect((interval.end - interval.start) / MINUTE).toBe(slotMinutes.length);
        expect(interval.start).toBe(week.first + slotMinutes[0] * MINUTE);

        // Busy: a window's minute, or any minute before the day of admission; then widened by the travel buffer.
        const busy = new Uint8Array(minutes);
        for (let i = 0; i < minutes; i++) {
          if (week.day[i] < admittedDays || windows.some((w) => inWindow(w.days, w.start, w.end, week.day[i], week.minute[i]))) busy[i] = 1;
        }
        const blocked = slotMinutes.some((x) => {
          for (let j = Math.max(0, x - travel); j <= Math.min(minutes - 1, x + travel); j++) if (busy[j]) return true;
          return false;
        });
        expect(patientBusy(scenario, scenario.patients[0]).some((b) => overlaps(b, interval))).toBe(blocked);

        // Available: every minute of the slot inside one of the facilitator's windows.
        const free = slotMinutes.every((x) => availability.some((w) => inWindow(w.days, w.start, w.end, week.day[x], week.minute[x])));
        // The calendar asks for one window covering the whole slot; the brute force for each minute to be covered by one.
        const coveredByOne = availability.some((w) =>
          slotMinutes.every((x) => inWindow(w.days, w.start, w.end, week.day[x], week.minute[x])),
        );
        expect(within(interval, facilitatorAvailable(scenario, scenario.facilitators[0]))).toBe(coveredByOne);
        if (coveredByOne) expect(free).toBe(true);
      }),
      { numRuns: 300, seed: 20261129 },
    );
  });
});
