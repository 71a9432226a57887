// The clinic's record over HTTP: next week made from the newest published week (with changes as JSON or as a
// spreadsheet), the stays read back; a publisher of the clinic only, every call logged, another clinic's key sees
// nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AccessEntry, SolveOptions } from "../../src/domain/index.js";
import { solve } from "../../src/solver/solve.js";
import { scenario, scenarioInput } from "../fixtures.js";
import { type TestServer, callWithKey, testServer } from "./http-helpers.js";

const ADMIN = "b".repeat(32);
const week = scenarioInput({ clinic: { ...scenarioInput().clinic, id: "clinic-a" } });
const roster = solve(scenario(week), SolveOptions.parse({ seed: 1, maxIterations: 500 }));
const NEXT = "/v1/clinics/clinic-a/weeks/next";

describe("next week over HTTP", () => {
  let server: TestServer;
  const keys: Record<string, string> = {};
  const call = (key: string, method: "GET" | "POST", url: string, body?: unknown) => callWithKey(server, key, method, url, body);

  beforeAll(async () => {
    server = await testServer({ API_KEYS: ADMIN });
    for (const [name, role, clinic] of [
      ["publisherA", "publisher", "clinic-a"],
      ["plannerA", "planner", "clinic-a"],
      ["readerA", "reader", "clinic-a"],
      ["publisherB", "publisher", "clinic-b"],
    ]) {
      const res = await call(ADMIN, "POST", "/v1/keys", { role, clinics: [clinic], label: name });
      keys[name] = res.json().key;
    }
  });
  afterAll(async () => server.close());

  it("answers 404 until a week is published, then makes the week after it from the changes sent as a spreadsheet", async () => {
    expect((await call(keys.publisherA, "POST", NEXT)).statusCode).toBe(404);
    expect((await call(keys.publisherA, "POST", "/v1/clinics/clinic-a/rosters", { scenario: week, roster })).statusCode).toBe(201);
    const csv = "Change,ID,Reason\ndischarge,P1,completed the program\n";
    const res = await call(keys.publisherA, "POST", NEXT, { changesCsv: csv });
    expect(res.statusCode).toBe(200);
    const { scenario: next, report } = res.json();
    expect(next.clinic.weekStart).toBe("2026-12-07");
    expect(next.patients.map((p: { id: string }) => p.id)).not.toContain("P1");
    expect(report).toMatchObject({ census: 7, discharged: ["P1"], attendanceMarks: 0 });
    // The week it made solves as it is.
    expect((await call(keys.plannerA, "POST", "/v1/rosters", { scenario: next, maxIterations: 200 })).statusCode).toBe(200);
  });

  it("refuses bad changes by path, and both kinds of changes at once", async () => {
    const bad = await call(keys.publisherA, "POST", NEXT, { changesCsv: "Change,ID\nmove,P2\n" });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].path).toBe('changesCsv row 2, column "Change"');
    const unknown = await call(keys.publisherA, "POST", NEXT, { changes: { discharge: [{ patientId: "nobody" }] } });
    expect(unknown.json().errors).toEqual([{ path: "changes.discharge[0].patientId", message: "no open stay has that id" }]);
    const csvRow = await call(keys.publisherA, "POST", NEXT, { changesCsv: "Change,ID\nstep-down,P2\ndischarge,nobody\n" });
    expect(csvRow.json().errors).toEqual([{ path: "changesCsv row 3", message: "no open stay has that id" }]);
    const both = await call(keys.publisherA, "POST", NEXT, { changes: {}, changesCsv: "Change,ID\n" });
    expect(both.statusCode).toBe(422);
  });

  it("is a publisher's of the clinic: a planner gets 403, another clinic's key 404; the stays are a reader's, logged", async () => {
    expect((await call(keys.plannerA, "POST", NEXT, {})).statusCode).toBe(403);
    expect((await call(keys.publisherB, "POST", NEXT, {})).statusCode).toBe(404);
    expect((await call(keys.publisherB, "GET", "/v1/clinics/clinic-a/stays")).statusCode).toBe(404);
    const stays = await call(keys.readerA, "GET", "/v1/clinics/clinic-a/stays");
    expect(stays.statusCode).toBe(200);
    const record = stays.json().stays as { patient: { id: string }; discharged?: { reason: string } }[];
    expect(record).toHaveLength(8);
    expect(record.find((s) => s.patient.id === "P1")!.discharged).toBeUndefined();
    const log: AccessEntry[] = (await call(ADMIN, "GET", "/v1/clinics/clinic-a/access-log")).json();
    expect(log.filter((e) => e.action === "next-week").map((e) => e.resource)).toEqual(["week:2026-12-07"]);
    expect(log.some((e) => e.action === "read-stays")).toBe(true);
  });
});
