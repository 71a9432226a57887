// Principals over HTTP: keys made by an admin, each for its clinics in one role. A key never solves, publishes,
// reads or exports for a clinic outside its scope (404 for another clinic's records, 403 for a body naming one or
// a role it lacks), and every disclosure of the test is in the access log.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AccessEntry, type JobView, SolveOptions } from "../../src/domain/index.js";
import { solve } from "../../src/solver/solve.js";
import { scenario, scenarioInput } from "../fixtures.js";
import { clientOf } from "../../src/io/http/auth.js";
import { loadConfig } from "../../src/io/http/config.js";
import { openServices } from "../../src/io/http/services.js";
import { WORKSPACE_ROUTES } from "../../src/io/web/routes.js";
import { KeyStore } from "../../src/io/store/keys.js";
import { freshDb } from "../store/databases.js";
import { type TestServer, callWithKey, testServer } from "./http-helpers.js";

const ADMIN = "a".repeat(32);
const weekOf = (clinicId: string) => {
  const input = scenarioInput({ clinic: { ...scenarioInput().clinic, id: clinicId } });
  return { scenario: input, roster: solve(scenario(input), SolveOptions.parse({ seed: 1, maxIterations: 500 })) };
};
const A = weekOf("clinic-a");
const B = weekOf("clinic-b");

describe("scoped keys", () => {
  let server: TestServer;
  const keys: Record<string, { key: string; id: string }> = {};
  const call = (key: string, method: "GET" | "POST" | "DELETE", url: string, body?: unknown) => callWithKey(server, key, method, url, body);

  beforeAll(async () => {
    server = await testServer({ API_KEYS: ADMIN });
    const make = async (name: string, role: string, clinics: string[] | "all") => {
      const res = await call(ADMIN, "POST", "/v1/keys", { role, clinics, label: name });
      expect(res.statusCode).toBe(201);
      keys[name] = res.json();
    };
    await make("publisherA", "publisher", ["clinic-a"]);
    await make("publisherB", "publisher", ["clinic-b"]);
    await make("readerA", "reader", ["clinic-a"]);
    await make("plannerAll", "planner", "all");
  });
  afterAll(async () => server.close());

  it("each clinic's publisher solves, publishes and reads its own clinic only", async () => {
    const { publisherA, publisherB } = keys;
    expect((await call(publisherA.key, "POST", "/v1/clinics/clinic-a/rosters", A)).statusCode).toBe(201);
    expect((await call(publisherB.key, "POST", "/v1/clinics/clinic-b/rosters", B)).statusCode).toBe(201);
    // Publishing over another clinic's week: that clinic is unknown to this key.
    expect((await call(publisherB.key, "POST", "/v1/clinics/clinic-a/rosters", A)).statusCode).toBe(404);
    expect((await call(publisherB.key, "GET", "/v1/clinics/clinic-a/rosters")).statusCode).toBe(404);
    expect((await call(publisherB.key, "GET", "/v1/clinics/clinic-a/rosters/latest")).statusCode).toBe(404);
    expect((await call(publisherB.key, "GET", "/v1/clinics/clinic-a/rosters/latest?format=csv")).statusCode).toBe(404);
    const latestA = await call(publisherA.key, "GET", "/v1/clinics/clinic-a/rosters/latest");
    expect(latestA.json().roster).toEqual(A.roster);
    // A body naming another clinic: refused before anything is solved, checked or queued.
    for (const [url, body] of [
      ["/v1/rosters", { scenario: A.scenario, maxIterations: 200 }],
      ["/v1/jobs", { scenario: A.scenario, maxIterations: 200 }],
      ["/v1/rosters/validate", A],
      ["/v1/rosters/validate", { scenario: B.scenario, roster: A.roster }],
      ["/v1/rosters/check", A],
      ["/v1/rosters/diff", { from: { roster: A.roster }, to: { roster: A.roster } }],
    ] as const) {
      const res = await call(publisherB.key, "POST", url, body);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().type).toBe("urn:iop-roster:problem:clinic-out-of-scope");
    }
    expect((await call(publisherB.key, "POST", "/v1/rosters", { scenario: B.scenario, maxIterations: 200 })).statusCode).toBe(200);
  });

  it("a reader reads and exports, and can neither publish nor solve; a planner cannot publish", async () => {
    const { readerA, plannerAll } = keys;
    const csv = await call(readerA.key, "GET", "/v1/clinics/clinic-a/rosters/latest?format=ics&for=patient:P1");
    expect(csv.statusCode).toBe(200);
    for (const [key, method, url, body] of [
      [readerA.key, "POST", "/v1/clinics/clinic-a/rosters", A],
      [readerA.key, "POST", "/v1/rosters", { scenario: A.scenario }],
      [readerA.key, "GET", "/v1/clinics/clinic-a/access-log", undefined],
      [plannerAll.key, "POST", "/v1/clinics/clinic-a/rosters", A],
      [plannerAll.key, "POST", "/v1/keys", { role: "admin", clinics: "all" }],
      [plannerAll.key, "GET", "/v1/access-log", undefined],
    ] as const) {
      const res = await call(key, method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().type).toBe("urn:iop-roster:problem:forbidden");
    }
  });

  it("logs an export only once it is made, and a HEAD not at all", async () => {
    const { readerA } = keys;
    const before = ((await call(ADMIN, "GET", "/v1/access-log")).json() as AccessEntry[]).length;
    const unknown = await call(readerA.key, "GET", "/v1/clinics/clinic-a/rosters/latest?format=ics&for=patient:NOPE");
    expect(unknown.statusCode).toBe(422);
    const head = await server.app.inject({
      method: "HEAD",
      url: "/v1/clinics/clinic-a/rosters/latest?format=csv",
      headers: { authorization: `Bearer ${readerA.key}` },
    });
    expect(head.statusCode).toBe(200);
    const after = (await call(ADMIN, "GET", "/v1/access-log")).json() as AccessEntry[];
    // Only the first read of the log came between.
    expect(after.slice(before).map((e) => e.action)).toEqual(["read-access-log"]);
  });

  it("a job and its export belong to its key; the export is logged with its subject", async () => {
    const { plannerAll, publisherA } = keys;
    const job = await call(plannerAll.key, "POST", "/v1/jobs", { scenario: A.scenario, maxIterations: 300 });
    expect(job.statusCode).toBe(202);
    const url = job.headers.location as string;
    let view = job.json() as JobView;
    for (let i = 0; i < 200 && view.status !== "done"; i++) {
      await new Promise((r) => setTimeout(r, 25));
      view = (await call(plannerAll.key, "GET", url)).json();
    }
    expect(view.status).toBe("done");
    expect((await call(publisherA.key, "GET", url)).statusCode).toBe(404);
    // A finished job's roster, read as JSON, is a disclosure too.
    const reads = ((await call(ADMIN, "GET", "/v1/clinics/clinic-a/access-log")).json() as AccessEntry[]).filter(
      (e) => e.resource === `job:${view.id}` && e.action === "read",
    );
    expect(reads.length).toBeGreaterThanOrEqual(1);
    expect((await call(plannerAll.key, "GET", `${url}?format=ics&for=patient:P2`)).statusCode).toBe(200);
    const log = (await call(ADMIN, "GET", "/v1/clinics/clinic-a/access-log")).json() as AccessEntry[];
    expect(log).toContainEqual(
      expect.objectContaining({ keyId: plannerAll.id, action: "export", resource: `job:${view.id}`, format: "ics", subject: "patient:P2" }),
    );
  });

  it("the access log holds every disclosure, key change and read of the log, with no patient data but an export's subject", async () => {
    const log = (await call(ADMIN, "GET", "/v1/access-log")).json() as AccessEntry[];
    const { publisherA, publisherB, readerA } = keys;
    const of = (keyId: string) => log.filter((e) => e.keyId === keyId).map((e) => [e.action, e.clinicId, e.format, e.subject]);
    expect(of(publisherA.id)).toEqual([
      ["publish", "clinic-a", null, null],
      ["read", "clinic-a", null, null],
    ]);
    expect(of(publisherB.id)).toEqual([["publish", "clinic-b", null, null]]);
    expect(of(readerA.id)).toEqual([["export", "clinic-a", "ics", "patient:P1"]]);
    const admin = log.filter((e) => e.keyId === keys.plannerAll.id || e.resource.startsWith("key:") || e.action === "read-access-log");
    expect(admin.filter((e) => e.action === "create-key")).toHaveLength(4);
    expect(log.filter((e) => e.action === "read-access-log").map((e) => e.keyId)).not.toHaveLength(0);
    expect(log.at(-1)).toMatchObject({ action: "read-access-log", clinicId: null });
    const text = JSON.stringify(log.map(({ subject: _, ...rest }) => rest));
    for (const p of A.scenario.patients) expect(text).not.toContain(`"${p.id}"`);
  });

  it("keys are listed without the key, and a revoked key is refused at once", async () => {
    const listed = (await call(ADMIN, "GET", "/v1/keys")).json();
    expect(listed).toHaveLength(4);
    expect(JSON.stringify(listed)).not.toContain(keys.readerA.key);
    expect((await call(keys.readerA.key, "GET", "/v1/clinics/clinic-a/rosters")).statusCode).toBe(200);
    expect((await call(ADMIN, "DELETE", `/v1/keys/${keys.readerA.id}`)).json().revokedAt).not.toBeNull();
    expect((await call(keys.readerA.key, "GET", "/v1/clinics/clinic-a/rosters")).statusCode).toBe(401);
    expect((await call(ADMIN, "DELETE", "/v1/keys/nope")).statusCode).toBe(404);
    const bad = await call(ADMIN, "POST", "/v1/keys", { role: "admin", clinics: ["clinic-a"] });
    expect(bad.json().errors[0]).toMatchObject({ path: "clinics" });
  });
});

describe("the route table", () => {
  it("every route registered is documented with the role it needs, and every documented one registered", async () => {
    const server = await testServer({ API_KEYS: ADMIN });
    try {
      const doc = (await server.app.inject("/openapi.json")).json() as { paths: Record<string, Record<string, { description: string }>> };
      const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
      const pattern = (r: { method: string; url: string }) => `${r.method} ${r.url.replace(/:([A-Za-z]+)/g, "{$1}")}`;
      // The workspace's pages are in a table of their own, with the roles they need (documented in docs/).
      const pages = WORKSPACE_ROUTES.map(pattern);
      expect([...documented, ...pages].sort()).toEqual(server.routes.map(pattern).sort());
      expect(doc.paths["/v1/clinics/{clinicId}/rosters"].post.description).toMatch(/publisher/);
      expect(doc.paths["/healthz"].get.description).toMatch(/Open to anyone/);
    } finally {
      await server.close();
    }
  });
});

describe("a server without API_KEYS", () => {
  it("answers only requests addressed to localhost, so a page rebinding its name to 127.0.0.1 gets nothing", async () => {
    const server = await testServer();
    try {
      const as = (host: string) => server.app.inject({ url: "/v1/clinics/clinic-a/rosters", headers: { host } });
      expect((await as("localhost:3000")).statusCode).toBe(200);
      expect((await as("127.0.0.1:3000")).statusCode).toBe(200);
      const rebound = await as("evil.example:3000");
      expect([rebound.statusCode, rebound.json().type]).toEqual([421, "urn:iop-roster:problem:misdirected"]);
      expect((await server.app.inject({ url: "/healthz", headers: { host: "evil.example" } })).statusCode).toBe(200);
    } finally {
      await server.close();
    }
  });

  it("refuses to start on a database that holds keys it would not ask for", async () => {
    const db = await freshDb();
    try {
      await new KeyStore(db).create("cli", { role: "reader", clinics: ["clinic-a"] });
      const config = loadConfig({ WORKERS: "1" });
      if (!config.ok) throw new Error("config");
      await expect(openServices(config.value, db)).rejects.toThrow(/API_KEYS is unset/);
    } finally {
      await db.close();
    }
  });
});

describe("routes and addresses", () => {
  it("a route registered outside the table is an admin's: other keys get 403", async () => {
    const server = await testServer({ API_KEYS: ADMIN });
    try {
      server.app.get("/v1/extra", async () => ({ secret: true }));
      const made = (await callWithKey(server, ADMIN, "POST", "/v1/keys", { role: "publisher", clinics: "all" })).json();
      expect((await callWithKey(server, made.key, "GET", "/v1/extra")).statusCode).toBe(403);
      expect((await callWithKey(server, ADMIN, "GET", "/v1/extra")).statusCode).toBe(200);
      expect((await server.app.inject("/v1/extra")).statusCode).toBe(401);
    } finally {
      await server.close();
    }
  });

  it("counts an IPv6 client by its /64, and refuses a TRUST_PROXY that would trust every client", () => {
    expect(clientOf("2001:db8:1:2:3:4:5:6")).toBe("2001:db8:1:2::/64");
    expect(clientOf("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(clientOf("203.0.113.9")).toBe("203.0.113.9");
    const proxy = (value: string) => loadConfig({ TRUST_PROXY: value });
    for (const wide of ["true", "0.0.0.0/1,128.0.0.0/1", "::ffff:0:0/96", "::/0", "abc", "1.2.3.4/99", "9"])
      expect(proxy(wide).ok, wide).toBe(false);
    for (const [value, read] of [
      ["2", 2],
      ["10.0.0.0/8, loopback", ["10.0.0.0/8", "loopback"]],
      ["", false],
    ] as const)
      expect(proxy(value)).toMatchObject({ ok: true, value: { TRUST_PROXY: read } });
  });
});
