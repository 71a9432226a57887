// A shortfall blames a resource only when no re-staffing frees it, and then names what binds.
import { describe, expect, it } from "vitest";
import { SolveOptions } from "../../src/domain/index.js";
import { solve } from "../../src/solver/solve.js";
import { facilitator, patient, scenario } from "../fixtures.js";

const options = SolveOptions.parse({ seed: 1 });
const dual = (id: string, extra = {}) => facilitator(id, { credentials: ["LCSW"], tracks: ["substance-use", "co-occurring"], ...extra });
const twoTracks = [
  ...Array.from({ length: 5 }, (_, i) => patient(`S${i + 1}`)),
  ...Array.from({ length: 4 }, (_, i) => patient(`C${i + 1}`, { track: "co-occurring" })),
];

describe("shortfall reasons", () => {
  it("one lead for two tracks: the reason says who leads what, not that a group is full", () => {
    const s = scenario({
      rooms: [
        { id: "R1", capacity: 12 },
        { id: "R2", capacity: 12 },
      ],
      facilitators: [dual("F1")],
      patients: twoTracks,
    });
    const roster = solve(s, options);
    const short = roster.patients.filter((p) => p.unmet);
    expect(short.length).toBeGreaterThan(0);
    for (const p of short)
      expect(p.unmet!.reason).toMatch(/no lead is free for (a|another) group: F1 leads (Substance use|Co-occurring disorders) then/);
  });

  it("two leads and one room: the room binds, and the reason says so", () => {
    const s = scenario({ rooms: [{ id: "R1", capacity: 12 }], facilitators: [dual("F1"), dual("F2")], patients: twoTracks });
    const roster = solve(s, options);
    const short = roster.patients.filter((p) => p.unmet);
    expect(short.length).toBeGreaterThan(0);
    for (const p of short) expect(p.unmet!.reason).toMatch(/every room that seats 4 is in use/);
  });

  it("a lead out of weekly hours is named with the hours left", () => {
    const s = scenario({
      rooms: [
        { id: "R1", capacity: 12 },
        { id: "R2", capacity: 12 },
      ],
      facilitators: [dual("F1", { maxHoursPerWeek: 6 })],
      patients: twoTracks.slice(0, 5),
    });
    const roster = solve(s, options);
    const short = roster.patients.filter((p) => p.unmet);
    expect(short.length).toBe(5);
    expect(short[0].unmet!.reason).toMatch(/F1 has 0 of 6 weekly group hours left, 3 needed/);
  });

  it("when no lead of the track works at that time, the reason says so once instead of listing each", () => {
    const monOnly = { availability: [{ days: ["mon" as const], start: "08:00", end: "22:00" }] };
    const s = scenario({ facilitators: [facilitator("F1", monOnly), facilitator("F2", monOnly)] });
    const roster = solve(s, options);
    for (const p of roster.patients)
      expect(p.unmet!.reason).toMatch(/Wed 18:00–21:00 no lead is free for a group: none of the 2 Substance use leads works then/);
  });

  it("room-swap: with a re-staffing possible the search takes it, so nobody is told the group is full", () => {
    const s = scenario({
      rooms: [
        { id: "SMALL", capacity: 10 },
        { id: "LARGE", capacity: 12 },
      ],
      facilitators: [facilitator("F1"), dual("F2")],
      patients: [
        ...Array.from({ length: 12 }, (_, i) => patient(`S${i + 1}`)),
        ...Array.from({ length: 8 }, (_, i) => patient(`C${i + 1}`, { track: "co-occurring" })),
      ],
    });
    const roster = solve(s, options);
    expect(roster.metrics.totalUnmetHours).toBe(0);
  });
});
