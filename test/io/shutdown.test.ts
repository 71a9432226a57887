// The server as `npm run serve` starts it: a SIGTERM with a solve running ends in exit 0 after the grace period.
import { describe, expect, it } from "vitest";
import { startServer } from "../../bench/server-process.js";
import { scenarioInput } from "../fixtures.js";

describe("graceful shutdown", () => {
  it("stops accepting, cancels the running solve after the grace period and exits 0", async () => {
    const { child, address } = await startServer({ WORKERS: "1", SHUTDOWN_GRACE_MS: "300" });
    let log = "";
    child.stdout.on("data", (d) => (log += d));
    const job = await fetch(`${address}/v1/jobs`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ scenario: scenarioInput(), maxIterations: 50_000_000, timeLimitMs: 60_000 }),
    });
    expect(job.status).toBe(202);
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const t0 = Date.now();
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(log).toContain("stopping");
  });

  it("a keep-alive client whose solve was running does not hold the process past the grace", async () => {
    const { child, address } = await startServer({ WORKERS: "1", SHUTDOWN_GRACE_MS: "300" });
    const body = JSON.stringify({ scenario: scenarioInput(), maxIterations: 50_000_000, timeLimitMs: 20_000 });
    // fetch keeps its connection alive: the answer after the grace would leave it open and close() waiting on it.
    const solve = fetch(`${address}/v1/rosters`, { method: "POST", headers: { "content-type": "application/json" }, body });
    await new Promise((r) => setTimeout(r, 500));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const t0 = Date.now();
    child.kill("SIGTERM");
    const answer = await solve;
    expect(answer.headers.get("connection")).toBe("close");
    expect(await exited).toBe(0);
    expect(Date.now() - t0).toBeLessThan(300 + 2000);
  }, 30_000);
});

describe("start-up", () => {
  it("a port in use is one line on stderr and exit 1, not a stack trace", async () => {
    const { spawn } = await import("node:child_process");
    const { createServer } = await import("node:net");
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const root = new URL("../../", import.meta.url).pathname;
      const child = spawn(process.execPath, ["--import", "tsx", "src/io/http/server.ts"], {
        cwd: root,
        env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: "memory://" },
      });
      let err = "";
      child.stderr.on("data", (d) => (err += d));
      const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
      expect(code).toBe(1);
      expect(err.trim()).toBe(`iop-roster: port ${port} on 127.0.0.1 is already in use (set PORT)`);
    } finally {
      taken.close();
    }
  }, 30_000);
});
