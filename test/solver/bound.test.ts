// Bounds that were once above a valid roster's objective: each case must now stay at or below it.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Scenario, SolveOptions } from "../../src/domain/index.js";
import { compile } from "../../src/solver/model.js";
import { reachOf } from "../../src/solver/reach.js";
import { solve } from "../../src/solver/solve.js";
import { validate } from "../../src/validator/index.js";
import { facilitator, patient, scenario } from "../fixtures.js";

const rural = Scenario.parse(JSON.parse(readFileSync(new URL("../../scenarios/rural-25.json", import.meta.url), "utf8")));

describe("bounds stay below every valid roster", () => {
  it("with groups far dearer than unmet hours the objective bound allows serving nobody", () => {
    const roster = solve(rural, SolveOptions.parse({ seed: 1, maxIterations: 20_000, weights: { "groups-opened": 50_000 } }));
    expect(validate(rural, roster).valid).toBe(true);
    expect(roster.solver.bound!).toBeLessThanOrEqual(roster.solver.objective);
    expect(roster.solver.gap!).toBeGreaterThanOrEqual(0);
  });

  it("a day with thirteen slots: reach sees the thirteenth, the only one long enough", () => {
    const hours = Array.from({ length: 12 }, (_, i) => 8 + i);
    const s = scenario({
      slots: [
        ...hours.map((h) => ({
          id: `mon-${h}`,
          day: "mon" as const,
          start: `${String(h).padStart(2, "0")}:00`,
          end: `${String(h + 1).padStart(2, "0")}:00`,
          part: h < 17 ? ("day" as const) : ("evening" as const),
        })),
        { id: "mon-late", day: "mon" as const, start: "20:00", end: "22:00", part: "evening" as const },
      ],
      rooms: [{ id: "R1", capacity: 12 }],
      facilitators: [facilitator("F1")],
      patients: Array.from({ length: 4 }, (_, i) => patient(`P${i + 1}`, { level: "outpatient", targetHours: 2 })),
    });
    const model = compile(s);
    expect(reachOf(model, 0).hours).toBe(2);
    const roster = solve(s, SolveOptions.parse({ seed: 1 }));
    expect(roster.metrics.totalUnmetHours).toBe(0);
    expect(roster.solver.unmetHoursBound).toBe(0);
    expect(roster.solver.bound!).toBeLessThanOrEqual(roster.solver.objective);
  });

  it("a gap is never clamped: a bound above the objective shows as a negative gap and never as optimal", async () => {
    const { withBound } = await import("../../src/solver/to-roster.js");
    const roster = solve(rural, SolveOptions.parse({ seed: 1, maxIterations: 5000 }));
    const wrong = withBound(roster, roster.solver.objective * 2);
    expect(wrong.solver.gap!).toBeLessThan(0);
    expect(wrong.solver.status).not.toBe("optimal");
  });
});
