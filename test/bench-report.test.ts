import { describe, expect, it } from "vitest";
import { fittedExponent, gapOf } from "../bench/report.js";

describe("bench report", () => {
  it("fits the exponent of a power law", () => {
    expect(
      fittedExponent([
        [10, 100],
        [100, 1000],
        [1000, 10000],
      ]),
    ).toBeCloseTo(1);
    expect(
      fittedExponent([
        [10, 100],
        [100, 10000],
      ]),
    ).toBeCloseTo(2);
    expect(fittedExponent([[10, 1]])).toBeNull();
  });
  it("measures the gap against the best bound", () => {
    expect(gapOf({ engine: "x", label: "x", outcome: "finished", objective: 200 }, 150)).toBeCloseTo(0.25);
    expect(gapOf({ engine: "x", label: "x", outcome: "finished" }, 150)).toBeNull();
  });
});
