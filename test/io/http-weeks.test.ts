// Week to week over HTTP: a solve sent with last week's roster keeps its cohorts (metrics.continuity), also as
// a job; the diff of two rosters names who moved and why.
import { describe, expect, it } from "vitest";
import { type JobView, type Roster, SolveOptions } from "../../src/domain/index.js";
import { solve } from "../../src/solver/solve.js";
import { evening, patient, scenario, scenarioInput } from "../fixtures.js";
import { serverForBlock } from "./http-helpers.js";

const slots = evening(["mon", "tue", "wed", "thu", "fri"]);
const week = scenarioInput({ slots, patients: Array.from({ length: 10 }, (_, i) => patient(`P${i + 1}`)) });
const last = solve(scenario(week), SolveOptions.parse({ seed: 1, maxIterations: 3000 }));
const next = { ...week, clinic: { ...week.clinic, weekStart: "2026-12-07" }, patients: [...week.patients.slice(1), patient("N1")] };

describe("HTTP week to week", () => {
  const { app, post } = serverForBlock();

  it("a solve with last week's roster keeps the returning patients' groups, synchronously and as a job", async () => {
    const res = await post("/v1/rosters", { scenario: next, previous: last, maxIterations: 3000 });
    expect(res.statusCode).toBe(200);
    const roster = res.json() as Roster;
    expect(roster.metrics.continuity).toEqual({ returning: 9, changed: 0 });
    const job = await post("/v1/jobs", { scenario: next, previous: last, maxIterations: 3000 });
    const location = job.headers.location as string;
    let view = job.json() as JobView;
    for (let i = 0; i < 100 && view.status !== "done"; i++) {
      await new Promise((r) => setTimeout(r, 50));
      view = (await app().inject(location)).json();
    }
    expect(view.roster!.metrics.continuity).toEqual({ returning: 9, changed: 0 });
    const fresh = (await post("/v1/rosters", { scenario: next, maxIterations: 3000 })).json() as Roster;
    expect(fresh.metrics.continuity).toBeUndefined();
  });

  it("the diff of two rosters, with the weeks for the reasons", async () => {
    const now = (await post("/v1/rosters", { scenario: next, previous: last, maxIterations: 3000 })).json() as Roster;
    const res = await post("/v1/rosters/diff", { from: { roster: last, scenario: week }, to: { roster: now, scenario: next } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ admitted: ["N1"], discharged: ["P1"], moved: [] });
    const bad = await post("/v1/rosters/diff", { from: { roster: last } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].path).toBe("to");
    // A roster sent with another week's scenario is refused, naming both weeks.
    const crossed = await post("/v1/rosters/diff", { from: { roster: last, scenario: next }, to: { roster: now, scenario: next } });
    expect(crossed.statusCode).toBe(422);
    expect(crossed.json().errors[0]).toMatchObject({
      path: "from.roster",
      message: `expected a roster of clinic test-clinic, week of ${next.clinic.weekStart}; this one is of clinic test-clinic, week of ${week.clinic.weekStart}`,
    });
  });

  it("check and recommend refuse a roster of another week than their scenario, naming both", async () => {
    const expected = `expected a roster of clinic test-clinic, week of ${next.clinic.weekStart}; this one is of clinic test-clinic, week of ${week.clinic.weekStart}`;
    const check = await post("/v1/rosters/check", { scenario: next, roster: last });
    expect(check.statusCode).toBe(422);
    expect(check.json().errors).toEqual([{ path: "roster", message: expected }]);
    const recommend = await post("/v1/rosters/recommend", { scenario: next, roster: last, patient: patient("N2") });
    expect(recommend.statusCode).toBe(422);
    expect(recommend.json().errors).toEqual([{ path: "roster", message: expected }]);
  });

  it("publish a valid roster, read it (JSON or export), continue from it, and the access log says who did what", async () => {
    const invalid = await post("/v1/clinics/test-clinic/rosters", {
      scenario: week,
      roster: { ...last, sessions: last.sessions.slice(1) },
    });
    expect(invalid.statusCode).toBe(422);
    const wrongClinic = await post("/v1/clinics/elsewhere/rosters", { scenario: week, roster: last });
    expect(wrongClinic.json().errors[0].path).toBe("scenario.clinic.id");
    const noneYet = await post("/v1/rosters", { scenario: next, previous: "published", maxIterations: 3000 });
    expect(noneYet.statusCode).toBe(422);
    expect(noneYet.json().errors[0]).toMatchObject({ path: "previous" });

    const published = await post("/v1/clinics/test-clinic/rosters", { scenario: week, roster: last });
    expect(published.statusCode).toBe(201);
    const { id } = published.json();
    expect(published.headers.location).toBe(`/v1/clinics/test-clinic/rosters/${id}`);
    expect((await app().inject("/v1/clinics/test-clinic/rosters")).json()).toEqual([
      expect.objectContaining({ id, weekStart: week.clinic.weekStart, publishedBy: "anonymous" }),
    ]);
    expect((await app().inject("/v1/clinics/test-clinic/rosters/latest")).json().roster).toEqual(last);
    const csv = await app().inject("/v1/clinics/test-clinic/rosters/latest?format=csv");
    expect(csv.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect((await app().inject("/v1/clinics/test-clinic/rosters/nope")).statusCode).toBe(404);

    const continued = await post("/v1/rosters", { scenario: next, previous: "published", maxIterations: 3000 });
    expect((continued.json() as Roster).metrics.continuity).toEqual({ returning: 9, changed: 0 });
    const job = await post("/v1/jobs", { scenario: next, previous: "published", maxIterations: 3000 });
    expect(job.statusCode).toBe(202);

    const log = (await app().inject("/v1/clinics/test-clinic/access-log")).json() as {
      action: string;
      format: string | null;
      resource: string;
    }[];
    // The jobs' finished rosters, read by the tests before, are logged as job:<id>; here the published one's.
    expect(log.filter((e) => !e.resource.startsWith("job:")).map((e) => [e.action, e.format])).toEqual([
      ["publish", null],
      ["read", null],
      ["export", "csv"],
      ["read", null],
      ["read", null],
      ["read-access-log", null],
    ]);
    for (const p of week.patients) expect(JSON.stringify(log)).not.toContain(`"${p.id}"`);
  });

  it("a roster solved with last week's roster validates and publishes with it, and not without it", async () => {
    const now = (await post("/v1/rosters", { scenario: next, previous: last, maxIterations: 3000 })).json() as Roster;
    expect((await post("/v1/rosters/validate", { scenario: next, roster: now, previous: last })).json()).toMatchObject({ valid: true });
    expect((await post("/v1/rosters/validate", { scenario: next, roster: now })).json()).toMatchObject({
      valid: false,
      metricMismatches: ["continuity"],
    });
    expect((await post("/v1/clinics/test-clinic/rosters", { scenario: next, roster: now })).statusCode).toBe(422);
    const published = await post("/v1/clinics/test-clinic/rosters", { scenario: next, roster: now, previous: last });
    expect(published.statusCode).toBe(201);
    const page = await app().inject(`/v1/clinics/test-clinic/rosters/${published.json().id}?format=html`);
    expect(page.body).toContain("Every returning patient keeps last week's groups");
  });

  it("a week published again gives calendars with the same event ids, a SEQUENCE one higher and its own DTSTAMP", async () => {
    const corrected = solve(scenario(next), SolveOptions.parse({ seed: 2, maxIterations: 3000 }));
    const first = (await post("/v1/clinics/test-clinic/rosters", { scenario: next, roster: corrected })).json();
    const second = (await post("/v1/clinics/test-clinic/rosters", { scenario: next, roster: corrected })).json();
    // The test before published this week once already.
    expect([first.sequence, second.sequence]).toEqual([1, 2]);
    const lines = async (id: string, name: string) =>
      [
        ...(await app().inject(`/v1/clinics/test-clinic/rosters/${id}?format=ics&for=patient:P2`)).body.matchAll(
          new RegExp(`^${name}:(.*)\r$`, "gm"),
        ),
      ].map((m) => m[1]);
    const uids = await lines(first.id, "UID");
    expect(uids.length).toBeGreaterThan(0);
    expect(await lines(second.id, "UID")).toEqual(uids);
    expect(new Set(await lines(first.id, "SEQUENCE"))).toEqual(new Set(["1"]));
    expect(new Set(await lines(second.id, "SEQUENCE"))).toEqual(new Set(["2"]));
    // DTSTAMP in UTC basic format: the publication's instant, to the second.
    const basic = (iso: string) => iso.replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
    expect(new Set(await lines(second.id, "DTSTAMP"))).toEqual(new Set([basic(second.publishedAt)]));
  });
});
