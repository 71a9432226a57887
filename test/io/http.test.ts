// The HTTP API through inject() and one real socket: routes, problem documents, limits, auth, jobs, logs.
import { readFileSync, readdirSync } from "node:fs";
import { connect } from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Scenario, ValidationReport } from "../../src/domain/index.js";
import { PROBLEMS } from "../../src/io/http/problems.js";
import { loadConfig } from "../../src/io/http/config.js";
import { validate } from "../../src/validator/index.js";
import { facilitator, patient, scenarioInput } from "../fixtures.js";
import { type TestServer, testServer } from "./http-helpers.js";

const SECRET_IDS = Array.from({ length: 8 }, (_, i) => `zz-private-${i}`);
const small = scenarioInput({ patients: SECRET_IDS.map((id) => patient(id)), facilitators: [facilitator("F1")] });
const post = (server: TestServer, url: string, body: unknown, headers: Record<string, string> = {}) =>
  server.app.inject({
    method: "POST",
    url,
    headers: { "content-type": "application/json", ...headers },
    payload: typeof body === "string" ? body : JSON.stringify(body),
  });

describe("HTTP API", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await testServer({ BODY_LIMIT_BYTES: String(300_000), SYNC_PATIENT_LIMIT: "50" });
  });
  afterAll(async () => server.close());

  it("answers liveness, readiness, models, the OpenAPI document and the docs page", async () => {
    expect((await server.app.inject("/healthz")).json()).toEqual({ status: "ok" });
    expect((await server.app.inject("/readyz")).statusCode).toBe(200);
    const models = (await server.app.inject("/v1/models")).json();
    expect(models.map((m: { id: string }) => m.id)).toEqual(["generic-iop", "matrix-16"]);
    const doc = (await server.app.inject("/openapi.json")).json();
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components.schemas.SolveRequest.properties.scenario.properties.patients.type).toBe("array");
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/v1/rosters", "/v1/jobs", "/v1/jobs/{id}", "/v1/rosters/validate"]));
    const docs = await server.app.inject("/docs");
    expect(docs.headers["content-type"]).toMatch(/text\/html/);
    // Every problem type is both documented and emitted somewhere: no undocumented answer, no dead entry.
    const sources = readdirSync(new URL("../../src/io/http/", import.meta.url), { recursive: true })
      .filter((f) => String(f).endsWith(".ts") && !String(f).endsWith("problems.ts"))
      .map((f) => readFileSync(new URL(`../../src/io/http/${f}`, import.meta.url), "utf8"))
      .join("\n");
    for (const code of Object.keys(PROBLEMS)) {
      expect(docs.body).toContain(`urn:iop-roster:problem:${code}`);
      expect(sources, code).toContain(`"${code}"`);
    }
  });

  it("solves a small scenario and the roster passes the validator", async () => {
    const res = await post(server, "/v1/rosters", { scenario: small, seed: 3, maxIterations: 5000 });
    expect(res.statusCode).toBe(200);
    const roster = res.json();
    expect(validate(Scenario.parse(small), roster).valid).toBe(true);
    expect(roster.solver.seed).toBe(3);
    const check = await post(server, "/v1/rosters/validate", { scenario: small, roster });
    expect(check.json().valid).toBe(true);
    // The report the validator gives is the shape the OpenAPI document promises.
    expect(ValidationReport.safeParse(check.json()).success).toBe(true);
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("answers bad input with a problem document naming the JSON paths", async () => {
    const bad = structuredClone(small);
    bad.patients[2].level = "detox";
    const res = await post(server, "/v1/rosters", { scenario: bad });
    expect(res.statusCode).toBe(422);
    expect(res.headers["content-type"]).toMatch(/application\/problem\+json/);
    expect(res.json()).toMatchObject({
      type: "urn:iop-roster:problem:invalid-input",
      status: 422,
      errors: [{ path: "scenario.patients[2].level" }],
    });
  });

  it("names an unknown key inside a patient by its path, not its text", async () => {
    const bad = structuredClone(small) as typeof small;
    (bad.patients[1] as Record<string, unknown>)["Jane Roe MRN 4471"] = 1;
    const res = await post(server, "/v1/rosters", { scenario: bad });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      errors: [{ path: "scenario.patients[1]", message: "1 unknown field here; only the documented fields are accepted" }],
    });
    expect(res.body).not.toContain("Jane");
  });

  it.each([
    ["malformed JSON", "{not json", {}, 400, "malformed-json"],
    ["a prototype-polluting body", '{"scenario": {"__proto__": {"admin": true}}}', {}, 400, "forbidden-key"],
    ["a constructor-polluting body", '{"constructor": {"prototype": {"x": 1}}}', {}, 400, "forbidden-key"],
    ["a compressed body", "{}", { "content-encoding": "gzip" }, 415, "unsupported-media-type"],
    ["the wrong content type", "scenario", { "content-type": "text/plain" }, 415, "unsupported-media-type"],
    ["a body over the limit", JSON.stringify({ scenario: "x".repeat(400_000) }), {}, 413, "body-too-large"],
    ["a list longer than any field accepts", `{"scenario":{"patients":[${"0,".repeat(100_000)}0]}}`, {}, 413, "list-too-long"],
    ["deep nesting", `${"[".repeat(50_000)}${"]".repeat(50_000)}`, {}, 422, "invalid-input"],
  ])("answers %s with a clean 4xx problem", async (_what, body, headers, status, code) => {
    const res = await post(server, "/v1/rosters", body, headers as Record<string, string>);
    expect(res.statusCode).toBe(status);
    expect(res.json()).toMatchObject({ type: `urn:iop-roster:problem:${code}`, status });
    expect(res.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it("sends large scenarios to the job API and unknown routes to 404", async () => {
    const big = scenarioInput({ patients: Array.from({ length: 60 }, (_, i) => patient(`B${i}`)) });
    expect((await post(server, "/v1/rosters", { scenario: big })).json().type).toBe("urn:iop-roster:problem:too-large-for-sync");
    const missing = await server.app.inject("/v2/nothing");
    expect(missing.statusCode).toBe(404);
    expect(missing.json().type).toBe("urn:iop-roster:problem:not-found");
    expect((await server.app.inject("/v1/jobs/nope")).json().type).toBe("urn:iop-roster:problem:job-not-found");
    const wrongMethod = await server.app.inject({ method: "PUT", url: "/v1/rosters" });
    expect(wrongMethod.statusCode).toBe(405);
    expect(wrongMethod.headers.allow).toBe("POST");
    expect(wrongMethod.json().type).toBe("urn:iop-roster:problem:method-not-allowed");
    expect((await server.app.inject({ method: "DELETE", url: "/v1/models" })).headers.allow).toBe("GET");
    const badUrl = await server.app.inject("/v1/models%");
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.headers["content-type"]).toMatch(/problem\+json/);
    const longId = await server.app.inject(`/v1/jobs/${"x".repeat(200)}`);
    expect(longId.headers["content-type"]).toMatch(/problem\+json/);
  });

  it("runs a job: 202 with its location, progress, then the roster", async () => {
    const start = await post(server, "/v1/jobs", { scenario: small, maxIterations: 3000 });
    expect(start.statusCode).toBe(202);
    const location = start.headers.location as string;
    let view = start.json();
    for (let i = 0; i < 100 && view.status !== "done"; i++) {
      await new Promise((r) => setTimeout(r, 100));
      view = (await server.app.inject(location)).json();
    }
    expect(view.status).toBe("done");
    expect(validate(Scenario.parse(small), view.roster).valid).toBe(true);
  });

  it("never answers arbitrary JSON bodies with a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.jsonValue({ maxDepth: 4 }),
        fc.constantFrom("/v1/rosters", "/v1/jobs", "/v1/rosters/validate"),
        async (body, url) => {
          const res = await post(server, url, JSON.stringify(body));
          expect(res.statusCode).toBeLessThan(500);
        },
      ),
      { numRuns: 60, seed: 1 },
    );
  });

  it("never answers a mutated valid scenario with a 5xx; what it solves passes the validator", async () => {
    const mutate = fc.record({
      patient: fc.integer({ min: 0, max: SECRET_IDS.length - 1 }),
      field: fc.constantFrom("level", "track", "targetHours", "admissionDate", "travelBufferMinutes", "preference", "unavailable"),
      value: fc.oneof(
        fc.string({ maxLength: 12 }),
        fc.integer({ min: -5, max: 40 }),
        fc.constant(null),
        fc.constant([]),
        fc.constantFrom("iop", "php", "outpatient", "co-occurring", "2026-12-02"),
      ),
    });
    await fc.assert(
      fc.asyncProperty(mutate, async ({ patient: i, field, value }) => {
        const scenario = structuredClone(small) as Record<string, unknown> & typeof small;
        (scenario.patients[i] as Record<string, unknown>)[field] = value;
        const res = await post(server, "/v1/rosters", { scenario, maxIterations: 1000 });
        expect(res.statusCode).toBeLessThan(500);
        if (res.statusCode === 200) expect(validate(Scenario.parse(scenario), res.json()).valid).toBe(true);
      }),
      { numRuns: 25, seed: 2 },
    );
  });

  it("keeps scenario fields out of the logs", async () => {
    // Its own requests, so it holds whatever else ran before it: a solve, a bad input, a validation.
    const from = server.logs.length;
    await post(server, "/v1/rosters", { scenario: small, maxIterations: 500 });
    const bad = structuredClone(small);
    bad.patients[2].level = "detox";
    await post(server, "/v1/rosters", { scenario: bad });
    await post(server, "/v1/rosters/validate", { scenario: small, roster: {} });
    const text = server.logs.slice(from).join("");
    expect(text).toContain('"route":"/v1/rosters"');
    for (const secret of [...SECRET_IDS, "test-clinic", "substance-use", "America/Chicago", "18:00", "detox"])
      expect(text).not.toContain(secret);
  });
});

describe("HTTP limits and auth", () => {
  it("asks for a bearer key when keys are set, and leaves health checks open", async () => {
    const key = "k".repeat(24);
    const server = await testServer({ API_KEYS: key });
    try {
      const denied = await post(server, "/v1/rosters/validate", {});
      expect(denied.statusCode).toBe(401);
      expect(denied.json().type).toBe("urn:iop-roster:problem:unauthorized");
      expect((await post(server, "/v1/rosters/validate", {}, { authorization: "Bearer wrong" })).statusCode).toBe(401);
      expect((await post(server, "/v1/rosters/validate", {}, { authorization: `Bearer ${key}` })).statusCode).toBe(422);
      expect((await post(server, "/v1/rosters/validate", {}, { authorization: `bearer ${key}` })).statusCode).toBe(422);
      expect((await server.app.inject("/healthz")).statusCode).toBe(200);
    } finally {
      await server.close();
    }
  });

  it("a job belongs to the key that made it: another key gets 404 on read and cancel", async () => {
    const [mine, theirs] = ["m".repeat(20), "t".repeat(20)];
    const server = await testServer({ API_KEYS: `${mine},${theirs}` });
    try {
      const job = await post(server, "/v1/jobs", { scenario: small, maxIterations: 500 }, { authorization: `Bearer ${mine}` });
      expect(job.statusCode).toBe(202);
      const url = job.headers.location as string;
      const as = (key: string, method: "GET" | "DELETE") => server.app.inject({ method, url, headers: { authorization: `Bearer ${key}` } });
      expect((await as(theirs, "GET")).statusCode).toBe(404);
      expect((await as(theirs, "DELETE")).statusCode).toBe(404);
      expect((await as(mine, "GET")).statusCode).toBe(200);
      // Client libraries often send a JSON content type on every request, bodiless DELETEs included.
      const typed = await server.app.inject({
        method: "DELETE",
        url,
        headers: { authorization: `Bearer ${theirs}`, "content-type": "application/json" },
      });
      expect(typed.statusCode).toBe(404);
    } finally {
      await server.close();
    }
  });

  it("throttles failed authentication by client address, and never a valid key from that address", async () => {
    const key = "k".repeat(24);
    const server = await testServer({ API_KEYS: key, AUTH_FAILURES_PER_MINUTE: "30" });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 32; i++)
        codes.push((await post(server, "/v1/rosters/validate", {}, { authorization: `Bearer wrong-${i}` })).statusCode);
      expect(codes).toEqual([...Array(30).fill(401), 429, 429]);
      const blocked = await post(server, "/v1/rosters/validate", {}, { authorization: "Bearer wrong-again" });
      expect(blocked.json().type).toBe("urn:iop-roster:problem:rate-limited");
      expect(blocked.headers["retry-after"]).toBe("60");
      // The clinic's own key from the same address (one load balancer, one office) still works.
      const right = await post(server, "/v1/rosters/validate", {}, { authorization: `Bearer ${key}` });
      expect(right.statusCode).toBe(422);
    } finally {
      await server.close();
    }
  });

  it("behind a trusted proxy, throttles the client X-Forwarded-For names, not the proxy", async () => {
    const server = await testServer({ API_KEYS: "k".repeat(24), AUTH_FAILURES_PER_MINUTE: "3", TRUST_PROXY: "127.0.0.1" });
    try {
      const from = (client: string) =>
        post(server, "/v1/rosters/validate", {}, { authorization: "Bearer wrong", "x-forwarded-for": client });
      const guesser: number[] = [];
      for (let i = 0; i < 4; i++) guesser.push((await from("203.0.113.9")).statusCode);
      expect(guesser).toEqual([401, 401, 401, 429]);
      expect((await from("198.51.100.7")).statusCode).toBe(401);
    } finally {
      await server.close();
    }
  });

  it("answers a method no route takes with 405 and Allow, body or not", async () => {
    const server = await testServer();
    try {
      for (const payload of [undefined, ""]) {
        const res = await server.app.inject({
          method: "QUERY" as "GET",
          url: "/v1/rosters",
          ...(payload === undefined ? {} : { headers: { "content-type": "application/json" }, payload }),
        });
        expect(res.statusCode).toBe(405);
        expect(res.headers.allow).toBe("POST");
      }
    } finally {
      await server.close();
    }
  });

  it("answers 408 to a body that trickles in, as a problem document", async () => {
    const server = await testServer({ REQUEST_TIMEOUT_MS: "1000" });
    try {
      const address = await server.app.listen({ port: 0, host: "127.0.0.1" });
      const socket = connect(Number(new URL(address).port), "127.0.0.1");
      let answer = "";
      socket.on("data", (d) => (answer += d));
      socket.write("POST /v1/rosters HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{");
      await new Promise((resolve) => socket.on("close", resolve));
      expect(answer).toMatch(/^HTTP\/1.1 408/);
      expect(answer).toContain("urn:iop-roster:problem:request-timeout");
    } finally {
      await server.close();
    }
  });

  it("a client that hangs up gives its worker back", async () => {
    const server = await testServer({ WORKERS: "1" });
    try {
      const address = await server.app.listen({ port: 0, host: "127.0.0.1" });
      const abort = new AbortController();
      const request = fetch(`${address}/v1/rosters`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ scenario: small, maxIterations: 50_000_000, timeLimitMs: 30_000 }),
        signal: abort.signal,
      }).catch(() => undefined);
      for (let i = 0; i < 100 && server.pool.busy === 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(server.pool.busy).toBe(1);
      abort.abort();
      await request;
      for (let i = 0; i < 100 && server.pool.busy > 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(server.pool.busy).toBe(0);
    } finally {
      await server.close();
    }
  });

  it("a list of a million zeros is refused before it is parsed, in one small problem", async () => {
    const server = await testServer();
    try {
      const body = `{"scenario":{"clinic":{"id":"c","timeZone":"America/Chicago","weekStart":"2026-11-30"},"program":"generic-iop","rooms":[],"slots":[],"facilitators":[],"patients":[${"0,".repeat(1_200_000)}0]}}`;
      const res = await post(server, "/v1/rosters", body);
      expect(res.statusCode).toBe(413);
      expect(res.body.length).toBeLessThan(1_000);
      expect(res.json().type).toBe("urn:iop-roster:problem:list-too-long");
    } finally {
      await server.close();
    }
  });

  it("lists at most 50 input problems and counts the rest", async () => {
    const server = await testServer();
    try {
      const bad = structuredClone(small);
      bad.slots = Array.from({ length: 80 }, (_, i) => ({
        id: `s${i}`,
        day: "mon",
        start: "18:00",
        end: "21:00",
        part: "evening",
        levels: [`level-${i}`],
      }));
      const errors = (await post(server, "/v1/rosters", { scenario: bad })).json().errors;
      expect(errors).toHaveLength(51);
      expect(errors[50]).toEqual({ path: "(more)", message: "30 more problems not listed; fix these first" });
      // The same problem in every patient is one line with a count, not eighty.
      bad.slots = small.slots;
      bad.patients = Array.from({ length: 80 }, (_, i) => patient(`P${i}`, { level: "detox" }));
      const same = (await post(server, "/v1/rosters", { scenario: bad })).json().errors;
      expect(same).toEqual([
        {
          path: "scenario.patients[0, 1, 2, 3, 4, …].level",
          message: "unknown level; expected one of aftercare, outpatient, iop, php (80 entries)",
        },
      ]);
    } finally {
      await server.close();
    }
  });

  it("a solve still queued when the server stops gets 503 shutting-down, as a problem document", async () => {
    const server = await testServer({ WORKERS: "1", QUEUE_LIMIT: "2" });
    try {
      await post(server, "/v1/rosters", { scenario: small, maxIterations: 100 });
      const running = post(server, "/v1/rosters", { scenario: small, maxIterations: 50_000_000, timeLimitMs: 30_000 });
      const queued = post(server, "/v1/rosters", { scenario: small, maxIterations: 100 });
      for (let i = 0; i < 100 && server.pool.queued === 0; i++) await new Promise((r) => setTimeout(r, 20));
      await server.pool.close(100);
      const res = await queued;
      expect(res.statusCode).toBe(503);
      expect(res.headers["content-type"]).toMatch(/application\/problem\+json/);
      expect(res.json().type).toBe("urn:iop-roster:problem:shutting-down");
      expect((await running).statusCode).toBe(200);
    } finally {
      await server.close();
    }
  });

  it("limits the rate per key with a 429 problem", async () => {
    const server = await testServer({ RATE_LIMIT_PER_MINUTE: "2" });
    try {
      const codes = [];
      for (let i = 0; i < 3; i++) codes.push((await server.app.inject("/v1/models")).statusCode);
      expect(codes).toEqual([200, 200, 429]);
      const limited = await server.app.inject("/v1/models");
      expect(limited.json().type).toBe("urn:iop-roster:problem:rate-limited");
    } finally {
      await server.close();
    }
  });

  it("answers 503 with Retry-After when every worker and the queue are busy, while jobs wait in the database and /healthz stays quick", async () => {
    const server = await testServer({ WORKERS: "1", QUEUE_LIMIT: "0", MAX_JOBS: "2" });
    try {
      // A warm thread, so the cancelled job is in its search and hands back its best roster.
      await post(server, "/v1/rosters", { scenario: small, maxIterations: 100 });
      const job = await post(server, "/v1/jobs", { scenario: small, maxIterations: 50_000_000, timeLimitMs: 60_000 });
      expect(job.statusCode).toBe(202);
      const location = job.headers.location as string;
      for (let i = 0; i < 100 && (await server.app.inject(location)).json().status !== "running"; i++)
        await new Promise((r) => setTimeout(r, 20));
      const busy = await post(server, "/v1/rosters", { scenario: small });
      expect(busy.statusCode).toBe(503);
      expect(busy.headers["retry-after"]).toBe("5");
      expect(busy.json().type).toBe("urn:iop-roster:problem:busy");
      // A job waits for a free thread in the queue, up to MAX_JOBS kept jobs.
      const waiting = await post(server, "/v1/jobs", { scenario: small });
      expect(waiting.json().status).toBe("queued");
      expect((await post(server, "/v1/jobs", { scenario: small })).json().type).toBe("urn:iop-roster:problem:busy");
      expect((await server.app.inject("/readyz")).statusCode).toBe(503);
      const t0 = performance.now();
      expect((await server.app.inject("/healthz")).statusCode).toBe(200);
      expect(performance.now() - t0).toBeLessThan(1000);
      const neverRan = await server.app.inject({ method: "DELETE", url: waiting.headers.location as string });
      expect(neverRan.json()).toMatchObject({ status: "cancelled", roster: null, error: "cancelled before it started" });
      const cancelled = await server.app.inject({ method: "DELETE", url: location });
      expect(cancelled.json().status).toBe("cancelled");
      expect(validate(Scenario.parse(small), cancelled.json().roster).valid).toBe(true);
    } finally {
      await server.close();
    }
  });

  it("forgets finished jobs after their time to live", async () => {
    const server = await testServer({ JOB_TTL_MS: "1000" });
    try {
      const job = await post(server, "/v1/jobs", { scenario: small, maxIterations: 500 });
      const location = job.headers.location as string;
      for (let i = 0; i < 50 && (await server.app.inject(location)).json().status !== "done"; i++)
        await new Promise((r) => setTimeout(r, 100));
      await new Promise((r) => setTimeout(r, 1200));
      expect((await server.app.inject(location)).statusCode).toBe(404);
    } finally {
      await server.close();
    }
  });

  it("allows only the configured CORS origins", async () => {
    const server = await testServer({ CORS_ORIGINS: "https://intake.example" });
    try {
      const preflight = (origin: string) =>
        server.app.inject({ method: "OPTIONS", url: "/v1/rosters", headers: { origin, "access-control-request-method": "POST" } });
      expect((await preflight("https://intake.example")).headers["access-control-allow-origin"]).toBe("https://intake.example");
      expect((await preflight("https://elsewhere.example")).headers["access-control-allow-origin"]).toBeUndefined();
      const cancel = await server.app.inject({
        method: "OPTIONS",
        url: "/v1/jobs/x",
        headers: { origin: "https://intake.example", "access-control-request-method": "DELETE" },
      });
      expect(cancel.headers["access-control-allow-methods"]).toContain("DELETE");
      const created = await post(server, "/v1/jobs", { scenario: small, maxIterations: 200 }, { origin: "https://intake.example" });
      expect(created.headers["access-control-expose-headers"]).toContain("Location");
      // A front-end reads an export's file name and how many spreadsheet rows were left out.
      for (const header of ["Content-Disposition", "X-Rows-Left-Out"])
        expect(created.headers["access-control-expose-headers"]).toContain(header);
      const bare = await server.app.inject({ method: "OPTIONS", url: "/v1/rosters" });
      expect(bare.statusCode).toBeLessThan(400);
    } finally {
      await server.close();
    }
  });

  it("serves a real socket", async () => {
    const server = await testServer();
    try {
      const address = await server.app.listen({ port: 0, host: "127.0.0.1" });
      const res = await fetch(`${address}/v1/rosters`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ scenario: small, maxIterations: 2000 }),
      });
      expect(res.status).toBe(200);
      expect((await res.json()).patients).toHaveLength(8);
    } finally {
      await server.close();
    }
  });
});

describe("OpenAPI document", () => {
  it.each([
    ["with API keys", { API_KEYS: "k".repeat(24) }, true],
    ["without keys", {}, false],
  ] as const)(
    "the served document passes Redocly's recommended lint %s, names every operation, and declares bearer auth only with keys",
    async (_label, env, auth) => {
      const { createConfig, lintFromString } = await import("@redocly/openapi-core");
      const server = await testServer(env);
      try {
        const doc = (await server.app.inject("/openapi.json")).json();
        const problems = await lintFromString({
          source: JSON.stringify(doc),
          absoluteRef: "openapi.json",
          config: await createConfig({ extends: ["recommended"] }),
        });
        expect(problems.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
        const operations = Object.values(doc.paths as Record<string, Record<string, { operationId?: string }>>).flatMap((ops) =>
          Object.entries(ops)
            .filter(([m]) => m !== "parameters")
            .map(([, op]) => op.operationId),
        );
        expect(operations.every((id) => typeof id === "string")).toBe(true);
        expect(new Set(operations).size).toBe(operations.length);
        expect(doc.security).toEqual(auth ? [{ bearer: [] }] : []);
        expect(JSON.stringify(doc).includes("urn:iop-roster:problem:unauthorized") || JSON.stringify(doc).includes("unauthorized:")).toBe(
          auth,
        );
        expect(doc.components.schemas.SolveRequest.properties.scenario.properties.program.anyOf[0].enum).toEqual([
          "generic-iop",
          "matrix-16",
        ]);
      } finally {
        await server.close();
      }
    },
  );
});

describe("server settings", () => {
  it("names the variable and what it expects", () => {
    const port = loadConfig({ PORT: "eighty" });
    expect(!port.ok && port.problems.map((p) => p.path)).toEqual(["PORT"]);
    const open = loadConfig({ HOST: "0.0.0.0" });
    expect(!open.ok && open.problems[0]).toMatchObject({ path: "HOST", message: expect.stringMatching(/API_KEYS/) });
    expect(loadConfig({ HOST: "0.0.0.0", API_KEYS: "a-long-enough-key-1234" }).ok).toBe(true);
    for (const [name, value] of [
      ["PORT", ""],
      ["WORKERS", "0x10"],
      ["QUEUE_LIMIT", "1e3"],
      ["PORT", " 80"],
    ]) {
      const bad = loadConfig({ [name]: value });
      expect(!bad.ok && bad.problems[0]).toMatchObject({ path: name, message: "expected a whole number in decimal digits" });
    }
    for (const origins of ["*", "intake.example", "https://intake.example/app"]) {
      const bad = loadConfig({ CORS_ORIGINS: origins });
      expect(!bad.ok && bad.problems[0].path).toMatch(/^CORS_ORIGINS/);
    }
    expect(loadConfig({ CORS_ORIGINS: "https://a.example, http://localhost:5173" }).ok).toBe(true);
    const empty = loadConfig({ API_KEYS: ",," });
    expect(!empty.ok && empty.problems[0]).toMatchObject({ path: "API_KEYS", message: "API_KEYS is set but holds no key" });
  });

  it("takes the defaults of the issue", () => {
    const ok = loadConfig({});
    expect(ok.ok && ok.value.PORT === 3000 && ok.value.HOST === "127.0.0.1").toBe(true);
  });
});
