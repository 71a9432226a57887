// Placing today's admission: only groups the new patient can really join, ranked by what they cost, and a set to
// book that meets the level's hours and day rule where the week allows it; the roster itself is not touched.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Patient, SolveOptions } from "../../src/domain/index.js";
import { newPatientProblems, recommend } from "../../src/app/recommend.js";
import { solve } from "../../src/solver/solve.js";
import { validate } from "../../src/validator/index.js";
import { RUNS_COMMANDS, runCommand } from "../commands.js";
import { WEEK, evening, patient, scenario, scenarioInput } from "../fixtures.js";
import { type TestServer, testServer } from "./http-helpers.js";

const slots = evening(["mon", "tue", "wed", "thu", "fri"]);
const input = scenarioInput({
  slots,
  rooms: [{ id: "R1", capacity: 12 }],
  patients: Array.from({ length: 10 }, (_, i) => patient(`P${i + 1}`)),
});
const week = scenario(input);
const roster = solve(week, SolveOptions.parse({ seed: 1, maxIterations: 3000 }));
const newcomer = (extra: Partial<Parameters<typeof patient>[1]> = {}) => Patient.parse(patient("NEW1", extra));

describe("placing today's admission", () => {
  it("offers only the groups the patient can join, and a set that meets the IOP week; booking it passes the validator", () => {
    const r = recommend({ scenario: week, roster, patient: newcomer() });
    expect(r.options.map((o) => o.sessionId).sort()).toEqual(roster.sessions.map((s) => s.id).sort());
    expect(r.suggested).toMatchObject({ hours: 9, billableDays: 3, hoursMet: true, dayRuleMet: true });
    const booked = scenario({ ...input, patients: [...input.patients, patient("NEW1")] });
    const withNew = {
      ...roster,
      sessions: roster.sessions.map((s) => (r.suggested.sessionIds.includes(s.id) ? { ...s, patientIds: [...s.patientIds, "NEW1"] } : s)),
    };
    const hard = validate(booked, withNew).violations.filter((v) => v.rule !== "roster-integrity");
    expect(hard).toEqual([]);
  });

  it("leaves out what the patient cannot join, counted by why: their windows, the admission day, a full group", () => {
    const works = newcomer({ unavailable: [{ days: ["mon", "tue"], start: "17:00", end: "22:00", kind: "work" }] });
    const r = recommend({ scenario: week, roster, patient: works });
    const monTue = roster.sessions.filter((s) => s.slotId === "mon-eve" || s.slotId === "tue-eve").length;
    expect(r.excluded["their windows or admission date rule it out"]).toBe(monTue);
    const late = recommend({ scenario: week, roster, patient: newcomer({ admissionDate: "2026-12-03" }) });
    expect(late.options.every((o) => o.date >= "2026-12-03")).toBe(true);
    expect(late.suggested.hoursMet).toBe(false);
    const full = {
      ...roster,
      sessions: roster.sessions.map((s) => ({
        ...s,
        patientIds: [...s.patientIds, ...Array.from({ length: 12 }, (_, i) => `X${i}`)].slice(0, 12),
      })),
    };
    expect(recommend({ scenario: week, roster: full, patient: newcomer() }).excluded.full).toBe(roster.sessions.length);
  });

  it("ranks a group outside the asked-for part or on a completed topic after the others, and says why", () => {
    const topic = roster.sessions[0].topic;
    const r = recommend({ scenario: week, roster, patient: newcomer({ completedTopics: [topic] }) });
    const last = r.options.at(-1)!;
    expect(last.topic).toBe(topic);
    expect(last.notes).toContain("a topic they completed");
    // Booked only when the week has no other group to make up the hours.
    const needed = r.options.length <= Math.ceil(r.requiredHours / 3);
    expect(r.suggested.sessionIds.includes(roster.sessions[0].id)).toBe(needed);
  });

  it("never books two groups at the same time, even for a level that allows two sessions a day", () => {
    const first = roster.sessions[0];
    const parallel = {
      ...roster,
      sessions: [...roster.sessions, { ...first, id: `${first.slotId}.parallel`, topic: "life-skills", roomId: "R2", patientIds: [] }],
    };
    // PHP allows two sessions a day; it needs more hours than these evenings hold, so it takes every group it may.
    const r = recommend({ scenario: week, roster: parallel, patient: newcomer({ level: "php" }) });
    const booked = r.suggested.sessionIds.map((id) => parallel.sessions.find((s) => s.id === id)!);
    expect(r.options.map((o) => o.sessionId)).toContain(`${first.slotId}.parallel`);
    expect(booked.filter((s) => s.slotId === first.slotId)).toHaveLength(1);
  });

  it("refuses an id already in the week and a level the program lacks, by path", () => {
    expect(newPatientProblems(week, Patient.parse(patient("P1")))).toEqual([expect.objectContaining({ path: "patient.id" })]);
    expect(newPatientProblems(week, Patient.parse(patient("NEW2", { level: "detox" })))[0].path).toBe("patient.level");
  });
});

describe("placing today's admission over HTTP and the command line", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await testServer();
  });
  afterAll(async () => server.close());

  it("POST /v1/rosters/recommend answers the same as the function; a taken id is 422", async () => {
    const post = (patientInput: unknown) =>
      server.app.inject({
        method: "POST",
        url: "/v1/rosters/recommend",
        headers: { "content-type": "application/json" },
        payload: JSON.stringify({ scenario: input, roster, patient: patientInput }),
      });
    const res = await post(patient("NEW1"));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(JSON.parse(JSON.stringify(recommend({ scenario: week, roster, patient: newcomer() }))));
    expect((await post(patient("P1"))).json().errors[0].path).toBe("patient.id");
    const otherWeek = await server.app.inject({
      method: "POST",
      url: "/v1/rosters/recommend",
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ scenario: input, roster: { ...roster, weekStart: "2026-12-07" }, patient: patient("NEW1") }),
    });
    expect(otherWeek.json().errors[0].path).toBe("roster");
  });

  it.runIf(RUNS_COMMANDS)("npm run recommend prints the suggestion and the groups", () => {
    const dir = mkdtempSync(join(tmpdir(), "recommend-"));
    writeFileSync(join(dir, "week.json"), JSON.stringify(input));
    writeFileSync(join(dir, "roster.json"), JSON.stringify(roster));
    writeFileSync(join(dir, "new.json"), JSON.stringify(patient("NEW1", { admissionDate: WEEK })));
    const run = runCommand("src/io/cli/recommend.ts", [
      join(dir, "week.json"),
      join(dir, "roster.json"),
      "--patient",
      join(dir, "new.json"),
    ]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^NEW1: needs 9 h on at least 3 days; \d+ groups of their track can take them this week\./);
    expect(run.stdout).toContain("Suggested: ");
  });
});
