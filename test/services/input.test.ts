// The whole week's input refused by path, never by a patient's value: therapists, caseloads, family, level history.
import { describe, expect, it } from "vitest";
import { Scenario, parseWith } from "../../src/domain/index.js";
import { facilitator, patient } from "../fixtures.js";
import { clinician, wholeWeekInput } from "./fixtures.js";

function problems(input: unknown) {
  const result = parseWith(Scenario, input);
  return result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`);
}

describe("whole-week input", () => {
  it("accepts the fixture", () => expect(problems(wholeWeekInput())).toEqual([]));

  it("refuses a primary therapist who is unknown or has no caseload, and more named patients than a caseload", () => {
    const input = wholeWeekInput({
      facilitators: [facilitator("F1"), clinician("T1", "09:00", "18:00", 1)],
      patients: [
        patient("P1", { primaryTherapistId: "T9" }),
        patient("P2", { primaryTherapistId: "F1" }),
        patient("P3", { primaryTherapistId: "T1" }),
        patient("P4", { primaryTherapistId: "T1" }),
      ],
    });
    expect(problems(input)).toEqual([
      "patients[0].primaryTherapistId: unknown facilitator; expected a therapist with a caseload: one of T1",
      "patients[1].primaryTherapistId: this facilitator has no caseload (facilitators[0].caseload)",
      "facilitators[1].caseload: 2 patients name this facilitator as primary therapist, above the caseload",
    ]);
  });

  it("an unknown topic, slot, lead or room names the ids it could have been", () => {
    const input = wholeWeekInput({ facilitators: [facilitator("F1", { topics: ["no-such-topic"] })] });
    const [topic] = problems(input);
    expect(topic).toMatch(/^facilitators\[0\]\.topics\[0\]: unknown topic "no-such-topic"; expected one of [a-z-]+, /);
    const pinned = problems(
      wholeWeekInput({ pins: [{ kind: "group", slotId: "nope", track: "substance-use", facilitatorId: "F9", roomId: "R9" }] }),
    );
    expect(pinned).toEqual([
      expect.stringMatching(/^pins\[0\]\.slotId: unknown slot; expected one of \S+/),
      expect.stringMatching(/^pins\[0\]\.facilitatorId: unknown facilitator; expected one of \S+/),
      expect.stringMatching(/^pins\[0\]\.roomId: unknown room; expected one of \S+/),
    ]);
  });

  it("refuses a level history that disagrees with the level, or steps on a day other than a Monday", () => {
    const input = wholeWeekInput({
      patients: [
        patient("P1", {
          level: "iop",
          levelHistory: [
            { level: "iop", from: "2026-10-01" },
            { level: "outpatient", from: "2026-11-30" },
          ],
        }),
        patient("P2", {
          level: "outpatient",
          levelHistory: [
            { level: "iop", from: "2026-10-01" },
            { level: "outpatient", from: "2026-11-26" },
          ],
        }),
        patient("P3", {
          level: "outpatient",
          levelHistory: [
            { level: "iop", from: "2026-10-01" },
            { level: "outpatient", from: "2026-12-07" },
          ],
        }),
      ],
    });
    expect(problems(input)).toEqual([
      "patients[0, 2].level: expected the level in force this week by levelHistory (2 entries)",
      "patients[1].levelHistory[1].from: a later level begins on a Monday: the week after the milestone that moved them",
    ]);
  });

  it("refuses a family plan or family-group times under a program without a family program", () => {
    const input = wholeWeekInput({
      program: "matrix-16",
      slots: [{ id: "mon", day: "mon", start: "18:00", end: "19:30", part: "evening" }],
    });
    input.patients = input.patients.map((p) => ({ ...p, level: "matrix-iop", track: "matrix" }));
    expect(problems(input).filter((p) => /family/.test(p))).toEqual([
      "familyGroups: the program model has no family program (familyProgram)",
      "patients[0, 1, 2, 3].family: the program model has no family program (familyProgram) (4 entries)",
    ]);
  });
});
