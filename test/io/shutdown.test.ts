// The server as `npm run serve` starts it: a SIGTERM with a solve running ends in exit 0 after the grace period.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { scenarioInput } from "../fixtures.js";

const root = new URL("../../", import.meta.url).pathname;

describe("graceful shutdown", () => {
  it("stops accepting, cancels the running solve after the grace period and exits 0", async () => {
    const child = spawn(`${root}node_modules/.bin/tsx`, ["src/io/http/server.ts"], {
      cwd: root,
      env: { ...process.env, PORT: "0", WORKERS: "1", SHUTDOWN_GRACE_MS: "300" },
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    const address = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("server did not start")), 20_000);
      child.stdout.on("data", () => {
        const m = out.match(/"address":"(http:[^"]+)"/);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
    });
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
    expect(out).toContain("stopping");
  });
});
