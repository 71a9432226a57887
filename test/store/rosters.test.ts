// Published rosters on PGlite and on a real PostgreSQL server: the newest publication of a week is in force, the
// week before a date is found for continuity, every read is logged without patient data, retention deletes.
import { describe, expect, it } from "vitest";
import { SolveOptions } from "../../src/domain/index.js";
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
    expect(await archive.get("key-a", "test-clinic", "before:2026-11-30")).toBeUndefined();
    expect((await archive.get("key-a", "test-clinic", a.id))!.roster).toEqual(first.roster);
    expect(await archive.get("key-a", "other-clinic", a.id)).toBeUndefined();
    expect(await archive.get("key-a", "test-clinic", "not-an-id")).toBeUndefined();
  });

  it("logs who published, read and exported which roster, with no patient data, and retention deletes old weeks", async () => {
    const archive = new RosterArchive(database());
    const old = week("2026-10-05");
    const kept = await archive.publish("key-c", old.scenario, old.roster);
    await archive.get("key-d", "test-clinic", kept.id, "csv");
    const log = await archive.accessLog("test-clinic");
    expect(log.filter((e) => e.resource === `roster:${kept.id}`)).toEqual([
      expect.objectContaining({ keyId: "key-c", action: "publish", format: null }),
      expect.objectContaining({ keyId: "key-d", action: "export", format: "csv" }),
    ]);
    const text = JSON.stringify(log);
    for (const p of old.scenario.patients) expect(text).not.toContain(p.id);
    expect(await archive.applyRetention(4, new Date("2026-12-07T12:00:00Z"))).toBe(1);
    expect((await archive.list("test-clinic")).map((p) => p.weekStart)).not.toContain("2026-10-05");
    expect((await archive.accessLog("test-clinic")).at(-1)).toMatchObject({ keyId: "retention", action: "delete" });
  });
});
