// The workspace's sessions, forms and scopes through inject(): what the browser test does not reach.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Scenario, SolveRequest } from "../../src/domain/index.js";
import { PAGE_CSP } from "../../src/io/export/page.js";
import { JobQueue } from "../../src/io/store/jobs.js";
import { keyIdOf } from "../../src/io/store/keys.js";
import { readAccessLog } from "../../src/io/store/access-log.js";
import { DraftBook } from "../../src/io/store/drafts.js";
import { KeyStore } from "../../src/io/store/keys.js";
import { type TestServer, testServer } from "./http-helpers.js";
import { Visitor } from "./workspace-helpers.js";

const ADMIN = "bootstrap-admin-key-0123456789";
const OHIO = "scenarios/ohio-60";
const file = (name: string) => ({ file: name, data: readFileSync(`${OHIO}/${name}`) });

describe("the workspace's sessions and forms", () => {
  let server: TestServer;
  let keys: KeyStore;
  let planner: { id: string; key: string };
  let reader: string;

  beforeAll(async () => {
    server = await testServer({ API_KEYS: ADMIN });
    keys = new KeyStore(server.db);
    planner = await keys.create("test", { role: "planner", clinics: ["ohio-60"] });
    reader = (await keys.create("test", { role: "reader", clinics: ["ohio-60"] })).key;
  });
  afterAll(async () => server?.close());

  it("sends a visitor without a session to sign in, and refuses a wrong key without a session", async () => {
    const visitor = new Visitor(server);
    const home = await visitor.get("/app");
    expect([home.status, home.headers.location]).toEqual([303, "/app/sign-in?next=%2Fapp"]);
    const wrong = await visitor.signIn("not-a-key-of-this-server");
    expect(wrong.status).toBe(401);
    expect(wrong.body).toContain("That key is not valid");
    expect(visitor.jar.has("iop_session")).toBe(false);
    // A form posted without a session is not acted on.
    expect((await visitor.post("/app/upload")).status).toBe(401);
  });

  it("exchanges a key for an http-only, Secure, SameSite=Strict session cookie, and never stores the key", async () => {
    const visitor = new Visitor(server);
    const signed = await visitor.signIn(planner.key);
    expect([signed.status, signed.headers.location]).toEqual([303, "/app"]);
    const cookie = ([] as string[]).concat(signed.headers["set-cookie"] as string[]).find((c) => c.startsWith("iop_session="))!;
    expect(cookie).toMatch(/; Path=\/app/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    const stored = JSON.stringify(await server.db.query("select * from app_sessions"));
    expect(stored).not.toContain(planner.key);
    expect(stored).not.toContain(visitor.jar.get("iop_session"));
    expect((await visitor.get("/app")).status).toBe(200);
  });

  it("signs in only over HTTPS, but to this machine", async () => {
    const elsewhere = new Visitor(server, "roster.example.org");
    const refused = await elsewhere.signIn(planner.key);
    expect(refused.status).toBe(421);
    expect(refused.body).toContain("Sign-in needs HTTPS");
    expect(elsewhere.jar.has("iop_session")).toBe(false);
  });

  it("after signing in, goes on to the page asked for, and never to another site", async () => {
    const visitor = new Visitor(server);
    const sent = await visitor.get("/app/clinics/ohio-60");
    expect(sent.headers.location).toBe("/app/sign-in?next=%2Fapp%2Fclinics%2Fohio-60");
    await visitor.get(sent.headers.location as string);
    expect((await visitor.post("/app/sign-in", { key: planner.key, next: "/app/clinics/ohio-60" })).headers.location).toBe(
      "/app/clinics/ohio-60",
    );
    for (const next of ["https://evil.example/app", "//evil.example/app", "/app/../v1/keys", "/appx"]) {
      const other = new Visitor(server);
      await other.get("/app/sign-in");
      expect((await other.post("/app/sign-in", { key: planner.key, next })).headers.location).toBe("/app");
    }
  });

  it("refuses a form without its CSRF token, or with another session's", async () => {
    const visitor = new Visitor(server);
    await visitor.signIn(planner.key);
    await visitor.get("/app");
    const forged = await visitor.post("/app/clinics/ohio-60/weeks/2026-11-30/solve", { _csrf: "forged" });
    expect(forged.status).toBe(403);
    expect(forged.body).toContain("This form has expired");
    const other = new Visitor(server);
    await other.get("/app/sign-in");
    const theirs = await visitor.post("/app/sign-out", { _csrf: other.token });
    expect(theirs.status).toBe(403);
    expect((await visitor.get("/app")).status).toBe(200);
  });

  it("ends a session at sign-out, on the server too, and when its key is revoked", async () => {
    const a = new Visitor(server);
    await a.signIn(planner.key);
    const cookie = a.jar.get("iop_session")!;
    await a.get("/app");
    expect((await a.post("/app/sign-out")).headers.location).toBe("/app/sign-in");
    const replay = new Visitor(server);
    replay.jar.set("iop_session", cookie);
    expect((await replay.get("/app")).status).toBe(303);

    const made = await keys.create("test", { role: "planner", clinics: ["ohio-60"] });
    const b = new Visitor(server);
    await b.signIn(made.key);
    expect((await b.get("/app")).status).toBe(200);
    await keys.revoke("test", made.id);
    expect((await b.get("/app")).status).toBe(303);
  });

  it("reads an upload into the week's draft, lists the rows left out, and keeps clinics apart", async () => {
    const visitor = new Visitor(server);
    await visitor.signIn(planner.key);
    await visitor.get("/app");
    const badRow = Buffer.from(readFileSync(`${OHIO}/patients.csv`, "utf8").replace("P0002,iop,", "P0002,weekly,"));
    const uploaded = await visitor.upload("/app/upload", {
      clinic: file("clinic.json"),
      patients: { file: "patients.csv", data: badRow },
      facilitators: file("facilitators.csv"),
    });
    expect([uploaded.status, uploaded.headers.location]).toEqual([303, "/app/clinics/ohio-60/weeks/2026-11-30"]);
    const draft = (await new DraftBook(server.db).get("ohio-60", "2026-11-30"))!;
    expect(draft.scenario.patients).toHaveLength(59);
    expect(draft.leftOut).toHaveLength(1);
    expect(draft.leftOut[0]).toMatch(/^Patients row 3/);
    const page = await visitor.get(uploaded.headers.location as string);
    expect(page.body).toContain("Rows left out (1)");

    // Next week's upload on the clinic's page may leave the settings out: the newest week's are kept.
    const again = await visitor.upload("/app/upload", { clinicId: "ohio-60", week: "2026-12-07", patients: file("patients.csv") });
    expect(again.headers.location).toBe("/app/clinics/ohio-60/weeks/2026-12-07");
    const next = (await new DraftBook(server.db).get("ohio-60", "2026-12-07"))!;
    expect([next.scenario.patients.length, next.scenario.facilitators.length]).toEqual([60, draft.scenario.facilitators.length]);

    // Settings of a clinic the key does not act for are refused; so is a new clinic without settings.
    const foreign = readFileSync(`${OHIO}/clinic.json`, "utf8").replace('"id": "ohio-60"', '"id": "north"');
    const refused = await visitor.upload("/app/upload", {
      clinic: { file: "clinic.json", data: Buffer.from(foreign) },
      patients: file("patients.csv"),
      facilitators: file("facilitators.csv"),
    });
    expect(refused.status).toBe(422);
    expect(refused.body).toContain("Your key does not act for clinic north");
    const tuesday = await visitor.upload("/app/upload", { clinicId: "ohio-60", week: "2026-12-08", patients: file("patients.csv") });
    expect(tuesday.body).toContain("Week starting: 2026-12-08 is a Tuesday; choose the Monday the week starts");
    const noSettings = await visitor.upload("/app/upload", { patients: file("patients.csv") });
    expect(noSettings.body).toContain("its settings file is needed");
  });

  it("answers a date of no calendar with no such week, and sends the printable page with its own policy", async () => {
    const visitor = new Visitor(server);
    await visitor.signIn(planner.key);
    expect((await visitor.get("/app/clinics/ohio-60/weeks/2026-11-31")).status).toBe(404);
    const desk = await visitor.get("/app/clinics/ohio-60/weeks/2026-11-30");
    expect(desk.headers["content-security-policy"]).toContain("script-src 'self'");
  });

  it("lets a reader look but not upload, solve or publish", async () => {
    const visitor = new Visitor(server);
    await visitor.signIn(reader);
    expect((await visitor.get("/app")).body).not.toContain('action="/app/upload"');
    const upload = await visitor.upload("/app/upload", { patients: file("patients.csv") });
    expect(upload.status).toBe(403);
    expect((await visitor.post("/app/clinics/ohio-60/weeks/2026-11-30/solve", { seconds: "1" })).status).toBe(403);
    expect((await visitor.get("/app/clinics/north")).status).toBe(404);
  });

  it("logs the week's roster as read when the desk shows it, and every export", async () => {
    const draft = (await new DraftBook(server.db).get("ohio-60", "2026-11-30"))!;
    const { solve } = await import("../../src/solver/solve.js");
    const { SolveOptions } = await import("../../src/domain/index.js");
    await new DraftBook(server.db).keep(
      "ohio-60",
      "2026-11-30",
      "test",
      solve(draft.scenario, SolveOptions.parse({ seed: 1, maxIterations: 2000 })),
    );
    const visitor = new Visitor(server);
    await visitor.signIn(planner.key);
    expect((await visitor.get("/app/clinics/ohio-60/weeks/2026-11-30")).status).toBe(200);
    const csv = await visitor.get("/app/clinics/ohio-60/weeks/2026-11-30/export?format=groups-csv");
    expect(csv.status).toBe(200);
    expect(csv.headers["content-disposition"]).toBe('attachment; filename="ohio-60-2026-11-30-groups.csv"');
    // The printable page's search is its own inline script: it keeps the page's policy, not the workspace's.
    const printable = await visitor.get("/app/clinics/ohio-60/weeks/2026-11-30/export?format=html");
    expect(printable.headers["content-security-policy"]).toBe(PAGE_CSP);
    const log = await readAccessLog(server.db, "test", "ohio-60");
    const mine = log.filter((e) => e.keyId === planner.id && e.resource === "draft:2026-11-30").slice(-3);
    expect(mine.map((e) => [e.action, e.format])).toEqual([
      ["read", null],
      ["export", "groups-csv"],
      ["export", "html"],
    ]);
  });
});

describe("solving at the desk", () => {
  let server: TestServer;
  let visitor: Visitor;
  // A clinic whose search runs to its time limit (no bound proves it sooner), so that there is time to watch it.
  const WEEK_URL = "/app/clinics/urban-400/weeks/2026-10-26";
  const drafts = () => new DraftBook(server.db);

  beforeAll(async () => {
    server = await testServer({ API_KEYS: ADMIN });
    visitor = new Visitor(server);
    await visitor.signIn(ADMIN);
    await drafts().upload("test", Scenario.parse(JSON.parse(readFileSync("scenarios/urban-400.json", "utf8"))), []);
  });
  afterAll(async () => server?.close());

  it("solves the week from the desk: the page waits for the job, then shows the roster", async () => {
    await visitor.get(WEEK_URL);
    expect((await visitor.post(`${WEEK_URL}/solve`, { seconds: "3" })).status).toBe(303);
    expect((await visitor.get(WEEK_URL)).body).toContain('id="progress"');
    const events = await visitor.get(`${WEEK_URL}/progress`);
    expect(events.headers["content-type"]).toMatch(/^text\/event-stream/);
    expect(events.body.endsWith("event: done\ndata: {}\n\n")).toBe(true);
    const page = await visitor.get(WEEK_URL);
    expect(page.body).not.toContain('id="progress"');
    expect(page.body).toContain("Checked by the validator: no rule is broken.");
  }, 60_000);

  it("streams a long solve's progress, and a cancel ends it keeping the best roster it had found", async () => {
    // A search without an iteration budget runs to its time limit: long enough to watch, and to cancel.
    const scenario = (await drafts().get("urban-400", "2026-10-26"))!.scenario;
    const queue = new JobQueue(server.db, { ttlMs: 3_600_000, maxJobs: 100, leaseMs: 30_000 });
    const request = SolveRequest.parse({ scenario, timeLimitMs: 120_000, maxIterations: 100_000_000 });
    const job = await queue.add(keyIdOf(ADMIN), request, "urban-400");
    await drafts().solving(scenario, keyIdOf(ADMIN), job.id);
    const streamed = visitor.get(`${WEEK_URL}/progress`);
    const deadline = Date.now() + 20_000;
    while (!(await queue.get(job.id, keyIdOf(ADMIN)))?.progress && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 500));
    await visitor.get(WEEK_URL);
    const cancelled = Date.now();
    expect((await visitor.post(`${WEEK_URL}/cancel`)).headers.location).toBe(WEEK_URL);
    const events = (await streamed).body;
    expect(events).toMatch(/^event: progress\ndata: \{"iterations":\d+,"bestObjective":[\d.]+,"elapsedMs":\d+\}\n\n/m);
    expect(events.endsWith("event: done\ndata: {}\n\n")).toBe(true);
    expect(Date.now() - cancelled).toBeLessThan(10_000);
    await visitor.get(WEEK_URL);
    const draft = (await drafts().get("urban-400", "2026-10-26"))!;
    expect(draft.job).toBeNull();
    // The draft took the cancelled job's roster (keep stamps it), not only kept the one solved before.
    expect(draft.updatedAt.getTime()).toBeGreaterThanOrEqual(cancelled - 1000);
    expect(draft.roster!.solver.timeMs).toBeLessThan(60_000);
  }, 60_000);

  it("a week after a published one is solved against it, and can be published in turn", async () => {
    const first = (await drafts().get("urban-400", "2026-10-26"))!;
    await visitor.get(WEEK_URL);
    expect((await visitor.post(`${WEEK_URL}/publish`)).status).toBe(303);
    const next = { ...first.scenario, clinic: { ...first.scenario.clinic, weekStart: "2026-11-02" } };
    await drafts().upload("test", next, []);
    const NEXT_URL = "/app/clinics/urban-400/weeks/2026-11-02";
    await visitor.get(NEXT_URL);
    await visitor.post(`${NEXT_URL}/solve`, { seconds: "2" });
    await visitor.get(`${NEXT_URL}/progress`);
    expect((await visitor.get(NEXT_URL)).body).toContain("Checked by the validator: no rule is broken.");
    const solved = (await drafts().get("urban-400", "2026-11-02"))!;
    expect(solved.scenario.previous?.length).toBeGreaterThan(0);
    expect((await visitor.post(`${NEXT_URL}/publish`)).status).toBe(303);

    // Next week from the record, with a discharge and no attendance marked (the page warns), then again: the second
    // press goes to the week made, and replaces nothing.
    expect((await visitor.get("/app/clinics/urban-400")).body).toMatch(
      /\d+ of \d+ places of the week of Mon 2 Nov 2026 have no attendance marked/,
    );
    const leaving = solved.scenario.patients[0].id;
    const unknown = await visitor.upload("/app/clinics/urban-400/next-week", {
      changes: { file: "changes.csv", data: Buffer.from("Change,Patient ID,Reason\ndischarge,NOBODY,completed\n") },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toContain("Changes row 2");
    const made = await visitor.upload("/app/clinics/urban-400/next-week", {
      changes: { file: "changes.csv", data: Buffer.from(`Change,Patient ID,Reason\ndischarge,${leaving},completed\n`) },
    });
    expect(made.headers.location).toBe("/app/clinics/urban-400/weeks/2026-11-09");
    const kept = (await drafts().get("urban-400", "2026-11-09"))!.updatedAt;
    expect((await drafts().get("urban-400", "2026-11-09"))!.scenario.patients.map((p) => p.id)).not.toContain(leaving);
    // The week's page says what it was made with, as `npm run week -- next` does.
    const madePage = (await visitor.get(made.headers.location as string)).body;
    expect(madePage).toContain(`discharged: ${leaving}`);
    expect(madePage).toContain("no attendance recorded for last week");
    await visitor.get("/app/clinics/urban-400");
    expect((await visitor.post("/app/clinics/urban-400/next-week")).headers.location).toBe(made.headers.location);
    expect((await drafts().get("urban-400", "2026-11-09"))!.updatedAt).toEqual(kept);
  }, 60_000);
});

describe("the workspace without API keys", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await testServer();
  });
  afterAll(async () => server?.close());

  it("acts for whoever is on this machine, and for no page that renames itself localhost", async () => {
    expect((await new Visitor(server).get("/app")).status).toBe(200);
    expect((await new Visitor(server).get("/app/sign-in")).headers.location).toBe("/app");
    expect((await new Visitor(server, "evil.example").get("/app")).status).toBe(421);
  });
});
