import { describe, expect, it } from "vitest";
import { dailyInterval, describeDays, hoursBetween, isoInZone, overlaps, patientBusy, slotInterval } from "../../src/domain/index.js";
import { patient, scenario } from "../fixtures.js";

describe("local times in the clinic's zone", () => {
  it("a night shift 22:00–06:00 ends the next morning", () => {
    const i = dailyInterval("2026-11-30", "America/Chicago", 0, "22:00", "06:00");
    expect(isoInZone(i.start, "America/Chicago")).toBe("2026-11-30T22:00:00-06:00");
    expect(isoInZone(i.end, "America/Chicago")).toBe("2026-12-01T06:00:00-06:00");
  });

  it("a night shift across the end of DST lasts nine real hours", () => {
    // DST ends in Chicago at 02:00 on Sunday 1 Nov 2026: clocks go back one hour.
    const i = dailyInterval("2026-10-26", "America/Chicago", 5, "22:00", "06:00");
    expect(hoursBetween(i)).toBe(9);
  });

  it("an evening group keeps its local time on both sides of a DST change", () => {
    const before = dailyInterval("2026-10-26", "America/Chicago", 5, "18:00", "21:00");
    const after = dailyInterval("2026-10-26", "America/Chicago", 6, "18:00", "21:00");
    expect(isoInZone(before.start, "America/Chicago")).toBe("2026-10-31T18:00:00-05:00");
    expect(isoInZone(after.start, "America/Chicago")).toBe("2026-11-01T18:00:00-06:00");
  });

  it("intervals are half-open: work to 17:15 plus 45 min travel leaves an 18:00 group free", () => {
    const s = scenario({
      patients: [patient("P1", { unavailable: [{ days: ["mon"], start: "08:00", end: "17:15", kind: "work" }], travelBufferMinutes: 45 })],
    });
    const busy = patientBusy(s, s.patients[0]);
    const group = slotInterval(s, s.slots[0]);
    expect(busy.some((b) => overlaps(b, group))).toBe(false);
    const s2 = scenario({
      patients: [patient("P1", { unavailable: [{ days: ["mon"], start: "08:00", end: "17:16", kind: "work" }], travelBufferMinutes: 45 })],
    });
    expect(patientBusy(s2, s2.patients[0]).some((b) => overlaps(b, group))).toBe(true);
  });

  it("a Sunday night shift of the week before blocks Monday morning", () => {
    const s = scenario({
      slots: [{ id: "mon-am", day: "mon", start: "05:00", end: "07:00", part: "day" }],
      patients: [patient("P1", { unavailable: [{ days: ["sun"], start: "22:00", end: "06:00", kind: "work" }] })],
    });
    expect(patientBusy(s, s.patients[0]).some((b) => overlaps(b, slotInterval(s, s.slots[0])))).toBe(true);
  });

  it("writes weekday sets the way a coordinator does", () => {
    expect(describeDays(["mon", "tue", "wed", "thu", "fri"])).toBe("Mon–Fri");
    expect(describeDays(["thu", "tue"])).toBe("Tue, Thu");
    expect(describeDays(["sun", "mon", "tue", "wed", "thu"])).toBe("Mon–Thu, Sun");
  });
});
