// A database outage, on the real PostgreSQL server: the service reaches it through a TCP relay of the test's own,
// which "stops the server" for this service alone (every connection cut, new ones refused) and starts it again, so
// the other test files sharing the server are not touched. While it is down every route that needs it answers 503
// database-unavailable with Retry-After, /readyz says so, solves that need no database still answer, and a job
// queued before the outage finishes once it is back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Relay } from "../../bench/tcp-relay.js";
import type { JobView } from "../../src/domain/index.js";
import { scenarioInput } from "../fixtures.js";
import { POSTGRES_URL, RUN_POSTGRES, type ScratchDatabase, scratchDatabase } from "../store/databases.js";
import { type TestServer, callWithKey, testServer } from "./http-helpers.js";

const ADMIN = "o".repeat(32);
const small = scenarioInput();

describe.runIf(RUN_POSTGRES)("a database outage on PostgreSQL", () => {
  let scratch: ScratchDatabase;
  let relay: Relay;
  let server: TestServer;
  const call = (method: "GET" | "POST", url: string, body?: unknown, key = ADMIN) => callWithKey(server, key, method, url, body);

  beforeAll(async () => {
    scratch = await scratchDatabase();
    const url = new URL(scratch.url);
    relay = new Relay({ host: url.hostname, port: Number(url.port || 5432) });
    await relay.up();
    url.host = `127.0.0.1:${relay.port}`;
    server = await testServer({ API_KEYS: ADMIN, DATABASE_URL: url.toString(), JOB_LEASE_MS: "1000" });
  });
  afterAll(async () => {
    await relay.up();
    await server?.close();
    await scratch?.drop();
  });

  it("answers 503 database-unavailable with Retry-After while it is down, and works again when it is back", async () => {
    const made = await call("POST", "/v1/keys", { role: "planner", clinics: ["test-clinic"] });
    const planner = made.json().key as string;
    const roster = (await call("POST", "/v1/rosters", { scenario: small, maxIterations: 500 })).json();
    const queued = await call("POST", "/v1/jobs", { scenario: small, maxIterations: 200_000, timeLimitMs: 1500 });
    expect(queued.statusCode).toBe(202);

    await relay.down();
    const ready = await server.app.inject("/readyz");
    expect([ready.statusCode, ready.json().database]).toEqual([503, "unavailable"]);
    for (const [method, url, body, key] of [
      ["POST", "/v1/jobs", { scenario: small }, ADMIN],
      ["GET", queued.headers.location as string, undefined, ADMIN],
      ["POST", "/v1/clinics/test-clinic/rosters", { scenario: small, roster }, ADMIN],
      ["GET", "/v1/clinics/test-clinic/rosters/latest", undefined, ADMIN],
      ["GET", "/v1/access-log", undefined, ADMIN],
      // A key kept in the database cannot be checked without it.
      ["POST", "/v1/rosters/validate", {}, planner],
    ] as const) {
      const res = await call(method, url, body, key);
      expect(res.statusCode, `${method} ${url}`).toBe(503);
      expect(res.json().type).toBe("urn:iop-roster:problem:database-unavailable");
      expect(res.headers["retry-after"]).toBe("5");
    }
    // A solve needs no database: the bootstrap key still gets its roster.
    expect((await call("POST", "/v1/rosters", { scenario: small, maxIterations: 500 })).statusCode).toBe(200);

    await relay.up();
    expect((await server.app.inject("/readyz")).statusCode).toBe(200);
    expect((await call("POST", "/v1/rosters/validate", {}, planner)).statusCode).toBe(422);
    // The job queued before the outage is run (again, if its result could not be written) and finishes.
    let view = (await call("GET", queued.headers.location as string)).json() as JobView;
    for (let i = 0; i < 400 && view.status !== "done"; i++) {
      await new Promise((r) => setTimeout(r, 50));
      view = (await call("GET", queued.headers.location as string)).json();
    }
    expect(view.status).toBe("done");
    // Logged without parameters, and without any field of the scenario.
    const logs = server.logs.join("");
    expect(logs).toContain("database unavailable");
    expect(logs).not.toContain("America/Chicago");
    expect(logs).not.toContain(POSTGRES_URL!.split("@")[0]);
  });
});
