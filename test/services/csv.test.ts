// The whole week from spreadsheets: a therapist, family members and a planned stay per patient; a caseload per
// facilitator, and "none" for a clinician who leads no group.
import { describe, expect, it } from "vitest";
import { scenarioFromCsv } from "../../src/io/csv/scenario-from-csv.js";
import { scenarioInput } from "../fixtures.js";

const { patients: _p, facilitators: _f, ...clinic } = scenarioInput();
const patientsCsv = [
  "Patient ID,Level,Track,Admission date,Primary therapist,Family members,Planned weeks",
  "P1,iop,substance-use,2026-11-02,T1,2,10",
  "P2,iop,substance-use,2026-11-02,,,",
  "P3,iop,substance-use,2026-11-02,T1,two,",
].join("\n");
const facilitatorsCsv = [
  "Staff ID,Credentials,Tracks,Availability,Max hours,Caseload",
  "F1,LADC,substance-use,Mon-Fri 08:00-22:00,30,",
  "T1,LPC,none,Mon-Fri 09:00-18:00,40,16",
].join("\n");

describe("the whole week from CSV", () => {
  it("reads therapists, families, planned stays and caseloads, and names a bad cell by row and column", () => {
    const result = scenarioFromCsv({ clinic, patientsCsv, facilitatorsCsv });
    expect(result.problems).toEqual([
      {
        file: "patients",
        row: 4,
        column: "Family members",
        message: "expected how many family members come to the family group, such as 2 (0: the patient alone)",
      },
    ]);
    const [p1, p2] = result.scenario!.patients;
    expect([p1.primaryTherapistId, p1.family, p1.plannedWeeks]).toEqual(["T1", { members: 2 }, 10]);
    expect([p2.primaryTherapistId, p2.family, p2.plannedWeeks]).toEqual([undefined, undefined, undefined]);
    expect(result.scenario!.facilitators[1]).toMatchObject({ id: "T1", tracks: [], caseload: 16 });
  });
});
