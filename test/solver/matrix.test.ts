// The Matrix-style model: relapse prevention Mon/Fri, family education Wed, early recovery for weeks 1–4 only.
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { SolveOptions } from "../../src/domain/index.js";
import { solve } from "../../src/solver/solve.js";
import { validate } from "../../src/validator/index.js";
import { facilitator, patient, scenario } from "../fixtures.js";

const slots = [
  {
    id: "mon-ers",
    day: "mon" as const,
    start: "17:00",
    end: "17:50",
    part: "evening" as const,
    topics: ["ers-1", "ers-2", "ers-3", "ers-4", "ers-5", "ers-6", "ers-7", "ers-8"],
  },
  { id: "mon-rp", day: "mon" as const, start: "18:00", end: "19:30", part: "evening" as const },
  { id: "wed-fe", day: "wed" as const, start: "18:00", end: "19:30", part: "evening" as const },
  {
    id: "fri-ers",
    day: "fri" as const,
    start: "17:00",
    end: "17:50",
    part: "evening" as const,
    topics: ["ers-1", "ers-2", "ers-3", "ers-4", "ers-5", "ers-6", "ers-7", "ers-8"],
  },
  { id: "fri-rp", day: "fri" as const, start: "18:00", end: "19:30", part: "evening" as const },
];

describe("Matrix-style program", () => {
  const s = scenario({
    program: "matrix-16",
    slots,
    rooms: [
      { id: "R1", capacity: 12 },
      { id: "R2", capacity: 12 },
    ],
    facilitators: [facilitator("F1"), facilitator("F2")],
    patients: [
      ...Array.from({ length: 5 }, (_, i) => patient(`N${i}`, { level: "matrix-iop", admissionDate: "2026-11-23", targetHours: 6 })),
      ...Array.from({ length: 6 }, (_, i) => patient(`V${i}`, { level: "matrix-iop", admissionDate: "2026-09-07" })),
    ],
  });
  const roster = solve(s, SolveOptions.parse({ seed: 3, maxIterations: 20_000 }));

  it("passes the validator", () => {
    expect(validate(s, roster).violations).toEqual([]);
  });

  it("holds relapse prevention only Mon/Fri and family topics only Wed", () => {
    for (const session of roster.sessions) {
      const day = DateTime.fromISO(session.start, { setZone: true }).weekday;
      if (session.topic.startsWith("rp-")) expect([1, 5]).toContain(day);
      if (session.topic.startsWith("fe-") || session.topic.startsWith("ss-")) expect(day).toBe(3);
    }
  });

  it("keeps early-recovery groups to patients in their first four weeks", () => {
    const ers = roster.sessions.filter((x) => x.topic.startsWith("ers-"));
    expect(ers.length).toBeGreaterThan(0);
    for (const session of ers) expect(session.patientIds.every((id) => id.startsWith("N"))).toBe(true);
  });

  it("gives every patient their group hours", () => {
    expect(roster.metrics.patientsFullyServed).toBe(11);
    expect(roster.metrics.topicRepeats).toBe(0);
  });
});
