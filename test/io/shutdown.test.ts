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
});
