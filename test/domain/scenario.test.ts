import { describe, expect, it } from "vitest";
import { PROGRAM_MODELS, Scenario, parseWith } from "../../src/domain/index.js";
import { facilitator, patient, scenarioInput } from "../fixtures.js";

function problems(input: unknown) {
  const result = parseWith(Scenario, input);
  if (result.ok) throw new Error("expected the scenario to be rejected");
  return result.problems;
}

describe("scenario input", () => {
  it("accepts the fixture", () => {
    expect(parseWith(Scenario, scenarioInput()).ok).toBe(true);
  });

  it("names the path of a wrong type", () => {
    const input = scenarioInput();
    (input.rooms[0] as { capacity: unknown }).capacity = "twelve";
    expect(problems(input)).toEqual([{ path: "rooms[0].capacity", message: expect.stringMatching(/number/) }]);
  });

  it("names an unknown level and lists the known ones", () => {
    const p = problems(scenarioInput({ patients: [patient("P1", { level: "detox" })] }));
    expect(p[0].path).toBe("patients[0].level");
    expect(p[0].message).toBe("unknown level; expected one of aftercare, outpatient, iop, php");
  });

  it("rejects a one-off interval that ends before it starts", () => {
    const p = problems(
      scenarioInput({ patients: [patient("P1", { oneOff: [{ start: "2026-12-01T14:00", end: "2026-12-01T13:00", kind: "other" }] })] }),
    );
    expect(p).toEqual([{ path: "patients[0].oneOff[0].end", message: "a one-off window must end after it starts" }]);
  });

  it("rejects a group minimum above its maximum", () => {
    const input = scenarioInput();
    input.clinic.groupSize = { min: 10, max: 8 };
    expect(problems(input)).toEqual([{ path: "clinic.groupSize.min", message: "group min must not exceed max" }]);
  });

  it("rejects a group cap above 15", () => {
    const input = scenarioInput();
    input.clinic.trackGroupSize = { "substance-use": { min: 4, max: 20 } };
    expect(problems(input)[0].path).toBe("clinic.trackGroupSize.substance-use.max");
  });

  it("rejects an unknown time zone", () => {
    const input = scenarioInput();
    input.clinic.timeZone = "Mars/Olympus";
    expect(problems(input)).toEqual([{ path: "clinic.timeZone", message: "expected an IANA time zone such as America/Chicago" }]);
  });

  it("rejects duplicate ids", () => {
    const p = problems(scenarioInput({ patients: [patient("P1"), patient("P1")], facilitators: [facilitator("F1"), facilitator("F1")] }));
    expect(p.map((x) => x.path).sort()).toEqual(["facilitators[1].id", "patients[1].id"]);
  });

  it("rejects a week that does not start on Monday, and times that are not HH:MM", () => {
    const input = scenarioInput();
    input.clinic.weekStart = "2026-12-01";
    input.slots[0].start = "6pm";
    expect(
      problems(input)
        .map((x) => x.path)
        .sort(),
    ).toEqual(["clinic.weekStart", "slots[0].start"]);
  });

  it("rejects a treatment-plan target outside the level's band", () => {
    const p = problems(scenarioInput({ patients: [patient("P1", { level: "outpatient", targetHours: 9 })] }));
    expect(p).toEqual([{ path: "patients[0].targetHours", message: "expected 0–under 9 h for Outpatient (ASAM 1) (adult)" }]);
  });

  it("rejects unknown fields instead of dropping them", () => {
    const input = { ...scenarioInput(), extra: 1 };
    expect(problems(input)[0].message).toMatch(/extra/);
  });

  it("never throws on garbage", () => {
    for (const junk of [null, 42, "x", [], { clinic: null }, { patients: [{}] }]) expect(parseWith(Scenario, junk).ok).toBe(false);
  });
});

describe("shipped program models", () => {
  it("hold the seed topics and the skills groups", () => {
    const topics = PROGRAM_MODELS.get("generic-iop")!.curricula[0].topics.map((t) => t.id);
    for (const id of [
      "stages-of-change",
      "triggers-relapse-prevention",
      "managing-cravings",
      "disease-of-addiction",
      "mind-body-spirit",
      "intro-12-steps",
      "progression-of-disease",
      "co-occurring-disorders",
      "family-education",
      "codependency-family-roles",
      "art-music-therapy",
      "cbt-skills",
      "stress-management",
      "anger-management",
      "life-skills",
      "nutrition-exercise",
    ]) {
      expect(topics).toContain(id);
    }
  });

  it("give the Matrix model its sourced structure: 32 RP Mon/Fri, 8 ERS in weeks 1–4, family education Wed", () => {
    const topics = PROGRAM_MODELS.get("matrix-16")!.curricula[0].topics;
    const rp = topics.filter((t) => t.id.startsWith("rp-"));
    const ers = topics.filter((t) => t.id.startsWith("ers-"));
    expect(rp).toHaveLength(32);
    expect(rp.every((t) => t.days?.join() === "mon,fri")).toBe(true);
    expect(ers).toHaveLength(8);
    expect(ers.every((t) => t.weeksOfStay?.from === 1 && t.weeksOfStay.to === 4)).toBe(true);
    expect(topics.filter((t) => t.id.startsWith("fe-")).every((t) => t.days?.join() === "wed")).toBe(true);
  });

  it("keep the ASAM bands as data", () => {
    const iop = PROGRAM_MODELS.get("generic-iop")!.levels.find((l) => l.id === "iop")!;
    expect(iop.bands.adult).toMatchObject({ minHours: 9, maxHours: 19, minDays: 3, minHoursPerDay: 3 });
    expect(iop.bands.adolescent).toMatchObject({ minHours: 6, maxHours: 19 });
  });
});

describe("inputs that used to fail silently", () => {
  const withZone = (timeZone: string) => scenarioInput({ clinic: { id: "c", timeZone, weekStart: "2026-11-30" } });

  it.each([
    ["EST", "America/New_York"],
    ["PST", "America/Los_Angeles"],
    ["Etc/GMT+6", "America/Chicago"],
  ])("refuses the fixed-offset zone %s and suggests %s", (zone, meant) => {
    expect(problems(withZone(zone))).toEqual([{ path: "clinic.timeZone", message: expect.stringContaining(meant) }]);
  });

  it.each(["America/Chicago", "America/Argentina/Buenos_Aires", "Europe/London", "UTC"])("accepts %s", (zone) => {
    expect(parseWith(Scenario, withZone(zone)).ok).toBe(true);
  });

  it("names an unknown key by its path only, never its text (it may be health data)", () => {
    const input = scenarioInput();
    (input.patients[0] as Record<string, unknown>)["Jane Doe, DOB 1980-02-03"] = true;
    const p = problems(input);
    expect(p).toEqual([{ path: "patients[0]", message: "1 unknown field here; only the documented fields are accepted" }]);
    expect(JSON.stringify(p)).not.toContain("Jane");
  });
});
