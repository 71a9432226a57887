// What-if by re-solving: the one change that recovers the most unmet hours, and the seats the open groups have left.
import { describe, expect, it } from "vitest";
import { SolveOptions } from "../../src/domain/index.js";
import { describeWhatIf, whatIf } from "../../src/app/what-if.js";
import { RUNS_COMMANDS, runCommand } from "../commands.js";
import { OHIO_CSV_ARGS, evening, facilitator, patient, scenario } from "../fixtures.js";

const options = SolveOptions.parse({ seed: 1, maxIterations: 4000 });

describe("what-if", () => {
  it("a lead short of hours: three more recovers every patient's third group", () => {
    const report = whatIf(scenario({ facilitators: [facilitator("F1", { maxHoursPerWeek: 6 })] }), options);
    expect(report.base.unmetHours).toBe(24);
    expect(report.changes[0]).toMatchObject({ change: "F1 leads up to 9 h (3 h more)", recoveredHours: 24, patientsFullyServed: 8 });
    expect(report.changes.map((c) => c.change)).not.toContain("one more room of 12 seats");
  });

  it("more patients than one group seats: an extra group at a time they can come recovers their hours", () => {
    const s = scenario({ patients: Array.from({ length: 16 }, (_, i) => patient(`P${i + 1}`)) });
    const report = whatIf(s, options);
    expect(report.base.unmetHours).toBeGreaterThan(0);
    const best = report.changes[0];
    expect(best.change).toMatch(/^one more Substance use group at (mon|wed|fri)-eve \(a room and a lead for it\)$/);
    expect(best.recoveredHours).toBeGreaterThan(0);
    expect(describeWhatIf(report)[2]).toBe("One change, re-solved, by hours recovered:");
  });

  it("three patients and a minimum of four: a minimum one lower recovers every hour", () => {
    const report = whatIf(scenario({ patients: Array.from({ length: 3 }, (_, i) => patient(`P${i + 1}`)) }), options);
    expect(report.base.unmetHours).toBe(27);
    expect(report.changes[0]).toMatchObject({
      change: "Substance use groups may meet from 3 members (minimum 4 now)",
      recoveredHours: 27,
      patientsFullyServed: 3,
    });
  });

  it("a lead available Mondays only, with hours to spare: available another evening recovers a group's hours", () => {
    const monday = [{ days: ["mon" as const], start: "08:00", end: "22:00" }];
    const report = whatIf(scenario({ facilitators: [facilitator("F1", { availability: monday })] }), options);
    expect(report.changes.map((c) => c.change)).toContain("F1 available Wed 18:00–21:00 too (for Substance use, hours to spare)");
    expect(report.changes.find((c) => c.change.startsWith("F1 available"))!.recoveredHours).toBe(24);
  });

  it("a morning nobody can come to and evening workers a group short: the morning moved to an evening recovers their hours", () => {
    const work = [{ days: ["mon", "tue", "wed", "thu", "fri"] as ("mon" | "tue")[], start: "07:00", end: "17:00", kind: "work" as const }];
    const s = scenario({
      slots: [...evening(["mon", "wed"]), { id: "tue-am", day: "tue", start: "09:00", end: "12:00", part: "day" }],
      patients: Array.from({ length: 8 }, (_, i) => patient(`P${i + 1}`, { unavailable: work })),
    });
    const report = whatIf(s, options);
    expect(report.base.unmetHours).toBe(24);
    expect(report.changes[0]).toMatchObject({ change: "tue-am (Tue 09:00–12:00) moved to Tue 18:00–21:00", recoveredHours: 24 });
  });

  it("counts the seats left: eight IOP patients in groups of twelve leave room for four more", () => {
    const report = whatIf(scenario(), options);
    expect(report.changes).toEqual([]);
    expect(report.admits).toEqual([{ track: "substance-use", trackLabel: "Substance use", patients: 4, level: "iop" }]);
    expect(describeWhatIf(report).at(-1)).toBe("  Substance use: 4 more iop patients (the track's most common level)");
  });

  it.runIf(RUNS_COMMANDS)("runs from the command line on a clinic kept as spreadsheets", () => {
    const run = runCommand("src/io/cli/what-if.ts", [...OHIO_CSV_ARGS, "--iterations", "3000", "--groups", "2"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Now: [\d.]+ unmet hours, \d+ patients fully served, \d+ groups\./);
    expect(run.stdout).toContain("More patients the open groups could take before a new group is needed:");
  });
});
