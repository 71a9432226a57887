// Clinics of a network solved on worker threads give exactly the rosters one thread gives.
import { describe, expect, it } from "vitest";
import { Scenario, SolveOptions } from "../../src/domain/index.js";
import { generateScenario } from "../../src/generator/generate.js";
import { solveNetwork } from "../../src/io/network/solve-network.js";
import { validate } from "../../src/validator/index.js";
import { withoutClock } from "../fixtures.js";

describe("network solve", () => {
  it("two threads return the same valid rosters as one, in the clinics' order", async () => {
    const clinics = [30, 12, 45].map((patients, i) =>
      Scenario.parse(generateScenario({ shape: "suburban", patients, seed: i, clinicId: `c${i}` })),
    );
    const options = SolveOptions.parse({ seed: 1, maxIterations: 3000 });
    const one = await solveNetwork(clinics, options, { threads: 1 });
    const two = await solveNetwork(clinics, options, { threads: 2 });
    expect(two.map((r) => r.clinicId)).toEqual(["c0", "c1", "c2"]);
    expect(two.map(withoutClock)).toEqual(one.map(withoutClock));
    two.forEach((r, i) => expect(validate(clinics[i], r).valid).toBe(true));
  });
});
