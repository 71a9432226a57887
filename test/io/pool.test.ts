// The solver pool keeps its promises outside the search loop too: a cancel ends even a solve stuck in a phase that
// does not look at the stop flag, the thread is replaced, and a stopping pool tells queued solves why.
import { describe, expect, it } from "vitest";
import { Scenario, SolveOptions } from "../../src/domain/index.js";
import { generateScenario } from "../../src/generator/generate.js";
import { STOP_WAIT_MS, ShuttingDown, SolverPool, StoppedUnfinished } from "../../src/io/http/pool.js";
import { validate } from "../../src/validator/index.js";
import { scenario } from "../fixtures.js";

describe("solver pool", () => {
  it("a cancel during a long compile ends the thread within its wait, and a new thread takes the next solve", async () => {
    const pool = new SolverPool(1, 2);
    try {
      // Ten thousand patients: reading and compiling them alone takes seconds on these machines.
      const big = Scenario.parse(generateScenario({ shape: "urban", patients: 10_000, seed: 1 }));
      const task = pool.submit(big, SolveOptions.parse({ timeLimitMs: 600_000 }))!;
      await new Promise((r) => setTimeout(r, 300));
      const t0 = performance.now();
      task.cancel();
      await expect(task.result).rejects.toBeInstanceOf(StoppedUnfinished);
      expect(performance.now() - t0).toBeLessThan(STOP_WAIT_MS + 1000);
      expect(task.state).toBe("cancelled");
      const small = scenario();
      const next = pool.submit(small, SolveOptions.parse({ maxIterations: 2000 }))!;
      expect(validate(small, await next.result).valid).toBe(true);
    } finally {
      await pool.close(0);
    }
  }, 60_000);

  it("a pool that closes rejects queued solves as shutting down, not as failures", async () => {
    const pool = new SolverPool(1, 2);
    const s = scenario();
    // A warm thread, so the running solve is in its search when the grace runs out.
    await pool.submit(s, SolveOptions.parse({ maxIterations: 100 }))!.result;
    const running = pool.submit(s, SolveOptions.parse({ maxIterations: 50_000_000, timeLimitMs: 60_000 }))!;
    const queued = pool.submit(s, SolveOptions.parse({ maxIterations: 1000 }))!;
    const closed = pool.close(100);
    await expect(queued.result).rejects.toBeInstanceOf(ShuttingDown);
    await closed;
    expect((await running.result).solver.status).toBe("cancelled");
  }, 60_000);
});
