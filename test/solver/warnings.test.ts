// Load-time warnings: what the scenario itself rules out, said in the roster and the table before anyone asks.
import { describe, expect, it } from "vitest";
import { SolveOptions } from "../../src/domain/index.js";
import { formatRoster } from "../../src/io/cli/table.js";
import { solve } from "../../src/solver/solve.js";
import { validate } from "../../src/validator/index.js";
import { facilitator, patient, scenario } from "../fixtures.js";

const options = SolveOptions.parse({ seed: 1, maxIterations: 5000 });

describe("load-time warnings", () => {
  it("a credential no track accepts (Ohio's LICDC) is named, and clinic.trackCredentials puts the facilitator to work", () => {
    const ohio = facilitator("F1", { credentials: ["LICDC"] });
    const before = solve(scenario({ facilitators: [ohio] }), options);
    expect(before.warnings).toContainEqual({
      code: "facilitator-leads-nothing",
      subject: "F1",
      message: expect.stringMatching(/LICDC.*clinic\.trackCredentials/),
    });
    expect(before.metrics.totalUnmetHours).toBe(72);
    const s = scenario({
      clinic: {
        id: "test-clinic",
        timeZone: "America/Chicago",
        weekStart: "2026-11-30",
        trackCredentials: { "substance-use": ["LICDC", "LADC"] },
      },
      facilitators: [ohio],
    });
    const after = solve(s, options);
    expect(after.warnings).toEqual([]);
    expect(after.metrics.totalUnmetHours).toBe(0);
    expect(validate(s, after).valid).toBe(true);
  });

  it("a slot nobody can staff and a patient no slot can take are named", () => {
    const mondays = facilitator("F1", { availability: [{ days: ["mon"], start: "08:00", end: "22:00" }] });
    const nightWorker = patient("P9", {
      unavailable: [{ days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], start: "12:00", end: "23:00", kind: "work" }],
    });
    const s = scenario({ facilitators: [mondays], patients: [...Array.from({ length: 6 }, (_, i) => patient(`P${i + 1}`)), nightWorker] });
    const roster = solve(s, options);
    expect(roster.warnings.map((w) => `${w.code} ${w.subject}`)).toEqual([
      "slot-unstaffable wed-eve",
      "slot-unstaffable fri-eve",
      "patient-no-slot P9",
    ]);
    expect(formatRoster(s, roster)).toContain("Warnings: the scenario rules these out of every roster (3)");
  });

  it("a patient no slot can take is told the first cause: admitted after the week, too few peers, or windows", () => {
    const s = scenario({
      patients: [
        ...Array.from({ length: 6 }, (_, i) => patient(`P${i + 1}`)),
        patient("LATE", { admissionDate: "2026-12-21" }),
        patient("TEEN", { track: "adolescent", level: "iop" }),
      ],
      facilitators: [facilitator("F1", { tracks: ["substance-use", "adolescent"], credentials: ["LADC", "LCSW"] })],
    });
    const byId = new Map(solve(s, options).warnings.map((w) => [w.subject, w.message]));
    expect(byId.get("LATE")).toBe("LATE: admitted after this week: no group time this week (the waitlist says when)");
    expect(byId.get("TEEN")).toMatch(
      /^TEEN: their group times \(Mon 18:00–21:00, .*\) are open to too few patients of their track and level to reach a group's minimum of 4$/,
    );
  });
});
