// A tier proven at its bound draws no more moves of its own, and a bound proved beside the search (HiGHS on another
// thread, at whatever moment it arrives) changes when the roster is proven, never which roster a seed gives.
import { describe, expect, it } from "vitest";
import { Scenario, SolveOptions } from "../../src/domain/index.js";
import { generateScenario } from "../../src/generator/generate.js";
import { MOVES, completeDay, insertShort, openDay, openNew } from "../../src/solver/moves.js";
import { drawTables } from "../../src/solver/search.js";
import { solve } from "../../src/solver/solve.js";

const shareIn = (table: readonly number[], move: unknown) => {
  const i = MOVES.findIndex(([m]) => m === move);
  return table[i] - (i > 0 ? table[i - 1] : 0);
};

describe("moves drawn by proven tier", () => {
  const [none, medium, both] = drawTables();

  it("stops drawing the moves that open groups and days once hours and days are proven", () => {
    for (const move of [openNew, openDay, completeDay]) {
      expect(shareIn(none, move)).toBeGreaterThan(0);
      expect(shareIn(medium, move)).toBe(0);
    }
    expect(shareIn(medium, insertShort)).toBe(shareIn(none, insertShort));
  });

  it("stops inserting short patients once the served tier is proven too, and keeps every other move's share", () => {
    expect(shareIn(both, insertShort)).toBe(0);
    for (const [move, , tier] of MOVES) if (tier === "any") expect(shareIn(both, move)).toBeCloseTo(shareIn(none, move), 12);
  });
});

describe("a bound proved beside the search", () => {
  it("changes when the roster is proven, never which roster a seed gives", () => {
    // A day program the counting bounds do not prove: the search draws every move to the end.
    const week = Scenario.parse(generateScenario({ shape: "php-am-pm", patients: 24, seed: 0 }));
    const options = SolveOptions.parse({ seed: 3, maxIterations: 20_000 });
    const plain = solve(week, options);
    // A floor above every roster "proves" any roster at once; were it to steer the draws, the medium tier's moves
    // would stop at the first iteration and the roster would differ.
    const beside = solve(week, options, { mediumFloor: () => Number.MAX_SAFE_INTEGER });
    expect(beside.sessions).toEqual(plain.sessions);
    expect(beside.solver.provenAtMs).not.toBeNull();
    expect(beside.solver.provenAtMs!).toBeLessThanOrEqual(plain.solver.provenAtMs ?? Infinity);
  });
});
