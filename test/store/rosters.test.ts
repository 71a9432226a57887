// Published rosters on PGlite and on a real PostgreSQL server: the newest publication of a week is in force, the
// week before a date is found for continuity, every read is logged without patient data, retention deletes.
import { describe, expect, it } from "vitest";
import { SolveOptions } from "../../src/domain/index.js";
import { readAccessLog } from "../../src/io/store/access-log.js";
import { DatabaseError } from "../../src/io/store/db.js";
import { AttendanceBook } from "../../src/io/store/attendance.js";
import { KeyStore } from "../../src/io/store/keys.js";
import { RosterArchive } from "../../src/io/store/rosters.js";
import { solve } from "../../src/solver/solve.js";
import { scenario, scenarioInput } from "../fixtures.js";
import { ENGINES, onDatabase } from "./databases.js";

const week = (weekStart: string) => {
  const s = scenario({ clinic: { ...scenarioInput().clinic, weekStart } });
  return { scenario: s, roster: solve(s, SolveOptions.parse({ seed: 1, maxIterations: 500 })) };
};

describe.each(ENGINES)("published rosters on %s", (_name, open) => {
  const database = onDatabase(open);

  it("keeps each week, the newest publication of a week in force, and finds the week before a date", async () => {
    const archive = new RosterArchive(database());
    const first = week("2026-11-30");
    const a = await archive.publish("key-a", first.scenario, first.roster);
    const b = await archive.publish("key-b", first.scenario, first.roster);
    const next = week("2026-12-07");
    const c = await archive.publish("key-a", next.scenario, next.roster);
    expect((await archive.list("test-clinic")).map((p) => p.id)).toEqual([c.id, b.id, a.id]);
    expect((await archive.get("key-a", "test-clinic", "latest"))!.id).toBe(c.id);
    expect((await archive.get("key-a", "test-clinic", "before:2026-12-07"))!.id).toBe(b.id);
    expect((await archive.get("key-a", "test-clinic", "week:2026-11-30"))!.id).toBe(b.id);
    // A date of no calendar names no week, rather than failing in the database.
    expect(await archive.find("test-clinic", "week:2026-02-30")).toBeUndefined();
    expect(await archive.get("key-a", "test-clinic", "week:2026-11-23")).toBeUndefined();
    expect(await archive.get("key-a", "test-clinic", "before:2026-11-30")).toBeUndefined();
    expect((await archive.get("key-a", "test-clinic", a.id))!.roster).toEqual(first.roster);
    expect(await archive.get("key-a", "other-clinic", a.id)).toBeUndefined();
    expect(await archive.get("key-a", "test-clinic", "not-an-id")).toBeUndefined();
  });

  it("logs who published, read and exported which roster, with no patient data, and retention deletes old weeks", async () => {
    const archive = new RosterArchive(database());
    const old = week("2026-10-05");
    const kept = await archive.publish("key-c", old.scenario, old.roster);
    await archive.get("key-d", "test-clinic", kept.id);
    const log = await readAccessLog(database(), "key-e", "test-clinic");
    expect(log.filter((e) => e.resource === `roster:${kept.id}`)).toEqual([
      expect.objectContaining({ keyId: "key-c", action: "publish", format: null, subject: null }),
      expect.objectContaining({ keyId: "key-d", action: "read", format: null, subject: null }),
    ]);
    // Reading the log is itself a disclosure: the answer holds its own read.
    expect(log.at(-1)).toMatchObject({ keyId: "key-e", action: "read-access-log", clinicId: "test-clinic" });
    const text = JSON.stringify(log.filter((e) => e.subject === null));
    for (const p of old.scenario.patients) expect(text).not.toContain(p.id);
    expect(await archive.applyRetention(4, new Date("2026-12-07T12:00:00Z"))).toBe(1);
    expect((await archive.list("test-clinic")).map((p) => p.weekStart)).not.toContain("2026-10-05");
    expect((await readAccessLog(database(), "key-e", "test-clinic")).at(-2)).toMatchObject({ keyId: "retention", action: "delete" });
  });

  it("moves a week's attendance to its new publication where the patient is still booked, and says what it dropped", async () => {
    const archive = new RosterArchive(database());
    const book = new AttendanceBook(database());
    const first = week("2027-01-04");
    const a = await archive.publish("key-a", first.scenario, first.roster);
    expect(a.attendance).toBeUndefined();
    const [s1] = first.roster.sessions;
    const [stays, moves] = s1.patientIds;
    await book.record("key-a", a, [
      { sessionId: s1.id, patientId: stays, status: "present" },
      { sessionId: s1.id, patientId: moves, status: "absent" },
    ]);
    const edited = {
      ...first.roster,
      sessions: first.roster.sessions.map((s) => (s === s1 ? { ...s, patientIds: s.patientIds.filter((p) => p !== moves) } : s)),
    };
    const b = await archive.publish("key-a", first.scenario, edited);
    expect(b.attendance).toEqual({ carried: 1, dropped: 1 });
    expect(await book.marks(b.id)).toEqual([{ sessionId: s1.id, patientId: stays, status: "present" }]);
    expect(await book.marks(a.id)).toHaveLength(2);
  });

  it("keeps keys as hashes: a key is found until revoked, never stored, and every change is logged", async () => {
    const keys = new KeyStore(database());
    const made = await keys.create("admin-1", { role: "reader", clinics: ["clinic-a"], label: "front desk" });
    expect(made.key).toMatch(/^iop_[A-Za-z0-9_-]{43}$/);
    expect(await keys.find(made.key)).toEqual({ keyId: made.id, role: "reader", clinics: ["clinic-a"] });
    expect(await keys.find(`${made.key}x`)).toBeUndefined();
    const stored = JSON.stringify(await database().query("select * from api_keys"));
    expect(stored).not.toContain(made.key);
    expect((await keys.revoke("admin-1", made.id))!.revokedAt).not.toBeNull();
    expect(await keys.find(made.key)).toBeUndefined();
    expect(await keys.revoke("admin-1", "no-such-key")).toBeUndefined();
    const log = await readAccessLog(database(), "admin-1", null);
    expect(log.filter((e) => e.resource === `key:${made.id}`).map((e) => e.action)).toEqual(["create-key", "revoke-key"]);
  });

  it("a failed statement keeps only its SQLSTATE: no parameter, which may be a roster, reaches a log", async () => {
    const error = await database()
      .query("select $1::int", ["zz-secret-roster"])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseError);
    expect((error as DatabaseError).code).toBe("22P02");
    expect(JSON.stringify({ ...(error as object), message: (error as Error).message, stack: (error as Error).stack })).not.toContain(
      "zz-secret",
    );
  });
});
