// Attendance back in: recorded against a published roster over HTTP (by path, scoped, logged), read back, and
// read by next week's solve: a topic is heard when the patient attended it, not when they were booked for it.
import { describe, expect, it } from "vitest";
import { type AttendanceMark, type Roster, SolveOptions, withAttendance } from "../../src/domain/index.js";
import { solve } from "../../src/solver/solve.js";
import { evening, patient, scenario, scenarioInput } from "../fixtures.js";
import { serverForBlock } from "./http-helpers.js";

const week = scenarioInput({
  slots: evening(["mon", "tue", "wed", "thu", "fri"]),
  patients: Array.from({ length: 10 }, (_, i) => patient(`P${i + 1}`)),
});
const last = solve(scenario(week), SolveOptions.parse({ seed: 1, maxIterations: 3000 }));
const next = { ...week, clinic: { ...week.clinic, weekStart: "2026-12-07" } };
const first = last.sessions.find((s) => s.patientIds.includes("P1") && s.patientIds.includes("P2"))!;

describe("attendance", () => {
  const { app, post } = serverForBlock();

  it("counts a topic as heard when it was attended (present or late), not when it was only booked", () => {
    const marks: AttendanceMark[] = [
      { sessionId: first.id, patientId: "P1", status: "late" },
      { sessionId: first.id, patientId: "P2", status: "absent" },
    ];
    const heard = withAttendance(scenario(next), last, marks).patients;
    expect(heard.find((p) => p.id === "P1")!.completedTopics).toEqual([first.topic]);
    expect(heard.find((p) => p.id === "P2")!.completedTopics).toEqual([]);
  });

  it("is recorded against the published roster, refused by path when it does not match, read back and logged", async () => {
    expect((await post("/v1/clinics/test-clinic/rosters", { scenario: week, roster: last })).statusCode).toBe(201);
    const url = "/v1/clinics/test-clinic/rosters/week:2026-11-30/attendance";
    const bad = await post(url, {
      marks: [
        { sessionId: "no-such-session", patientId: "P1", status: "present" },
        { sessionId: first.id, patientId: "P9-not-there", status: "present" },
        { sessionId: first.id, patientId: "P1", status: "maybe" },
      ],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(["marks[2].status"]);
    const unknown = await post(url, {
      marks: [
        { sessionId: "no-such-session", patientId: "P1", status: "present" },
        { sessionId: first.id, patientId: "P9-not-there", status: "present" },
      ],
    });
    expect(unknown.json().errors).toEqual([
      { path: "marks[0].sessionId", message: "no session of this roster has that id" },
      { path: "marks[1].patientId", message: "this patient is not booked in that session" },
    ]);
    const marks = [
      { sessionId: first.id, patientId: "P1", status: "present" },
      { sessionId: first.id, patientId: "P2", status: "absent" },
    ];
    const recorded = await post(url, { marks });
    expect(recorded.statusCode).toBe(201);
    expect(recorded.json()).toMatchObject({ recorded: 2 });
    // A correction replaces the mark: the last one recorded stands.
    await post(url, { marks: [{ sessionId: first.id, patientId: "P2", status: "excused" }] });
    const read = (await app().inject(url)).json();
    expect(read.marks).toEqual([
      { sessionId: first.id, patientId: "P1", status: "present" },
      { sessionId: first.id, patientId: "P2", status: "excused" },
    ]);
    const log = (await app().inject("/v1/clinics/test-clinic/access-log")).json() as { action: string; resource: string }[];
    expect(log.filter((e) => e.resource.startsWith("attendance:")).map((e) => e.action)).toEqual([
      "record-attendance",
      "record-attendance",
      "read",
    ]);
  });

  it("next week's solve from the published roster reads it: the attended topic is heard, the missed one is not", async () => {
    const res = await post("/v1/rosters", { scenario: next, previous: "published", maxIterations: 3000 });
    expect(res.statusCode).toBe(200);
    const roster = res.json() as Roster;
    const heardBefore = (id: string) => roster.patients.find((p) => p.id === id)!.curriculum!.heardBefore;
    expect(heardBefore("P1")).toBe(1);
    expect(heardBefore("P2")).toBe(0);
  });
});
