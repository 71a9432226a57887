// Runs the database's queued jobs on this instance's solver pool: takes one whenever a thread is free, beats its
// heartbeat (recording progress, noticing a cancel asked on any instance), and writes its roster under the
// attempt it took. Stopping gives unfinished jobs back to the queue instead of cutting them short.
import { randomUUID } from "node:crypto";
import type { FastifyBaseLogger } from "fastify";
import { optionsOf, scenarioOf } from "../../domain/index.js";
import type { ClaimedJob, JobQueue } from "../store/jobs.js";
import type { SolverPool, Task } from "./pool.js";

/** What a job that ended without a roster tells its client, by the kind of error. */
const ERRORS: Record<string, string> = {
  CancelledBeforeStart: "cancelled before it started",
  StoppedUnfinished: "cancelled before the first roster was ready",
};

interface Running {
  readonly job: ClaimedJob;
  readonly task: Task;
  /** A client asked for the stop (on this instance or another), so the best roster so far is the answer. */
  cancelled: boolean;
  readonly settled: Promise<void>;
}

export class JobRunner {
  readonly instance = randomUUID();
  private readonly running = new Map<string, Running>();
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private stopping = false;
  private maintainedAt = 0;

  constructor(
    private readonly queue: JobQueue,
    private readonly pool: SolverPool,
    /** How often queued jobs are looked for and heartbeats written. */
    readonly beatMs = 250,
  ) {}

  private log: Pick<FastifyBaseLogger, "error"> | null = null;

  /** Begins taking jobs; problems with the database are logged to `log` and retried at the next beat. */
  start(log: Pick<FastifyBaseLogger, "error">): void {
    this.log = log;
    this.timer = setInterval(() => void this.tick(), this.beatMs);
    this.timer.unref();
    void this.tick();
  }

  /** Looks for work now rather than at the next beat (a job was just queued or a thread freed). */
  kick(): void {
    if (!this.stopping) setImmediate(() => void this.tick());
  }

  /** Stops the search of a job this instance runs, at once (the heartbeat would notice within a beat anyway). */
  cancelHere(id: string): boolean {
    const entry = this.running.get(id);
    if (!entry) return false;
    entry.cancelled = true;
    entry.task.cancel();
    return true;
  }

  /**
   * Takes no more jobs; waits for the running ones (the pool cuts them at its grace) and requeues the unfinished.
   * The heartbeat goes on meanwhile: a grace longer than the lease must not let another instance take the jobs.
   */
  async close(): Promise<void> {
    this.stopping = true;
    await this.ticking;
    await Promise.all([...this.running.values()].map((r) => r.settled));
    if (this.timer) clearInterval(this.timer);
    await this.ticking;
  }

  private tick(): Promise<void> {
    this.ticking ??= this.beat()
      .catch((error: unknown) => this.log?.error({ err: error }, "job queue: a beat failed; retrying at the next"))
      .finally(() => {
        this.ticking = null;
      });
    return this.ticking;
  }

  private async beat(): Promise<void> {
    for (const entry of this.running.values()) {
      const { held, cancelRequested } = await this.queue.heartbeat(entry.job, entry.task.progress);
      if ((cancelRequested || !held) && !entry.cancelled) {
        entry.cancelled = cancelRequested;
        entry.task.cancel();
      }
    }
    if (this.stopping) return;
    // Recovery and expiry need not run at heartbeat pace: once a second is well inside any lease.
    if (Date.now() - this.maintainedAt >= 1000) {
      this.maintainedAt = Date.now();
      await this.queue.recoverAbandoned();
      await this.queue.sweep();
    }
    while (!this.stopping && this.pool.freeWorkers > 0) {
      const job = await this.queue.claim(this.instance);
      if (!job) break;
      await this.run(job);
    }
  }

  private async run(job: ClaimedJob): Promise<void> {
    const task = this.pool.submit(scenarioOf(job.request), optionsOf(job.request));
    if (!task) return this.queue.release(job);
    const entry: Running = {
      job,
      task,
      cancelled: false,
      settled: task.result
        .then(
          async (roster) => {
            // Cut by the shutdown, not by a client: the job is run again in full rather than answered half-done.
            if (this.stopping && !entry.cancelled && roster.solver.status === "cancelled") return this.queue.release(job);
            if (!(await this.queue.finish(job, { roster })))
              this.log?.error({ job: job.id }, "job queue: the job went to another instance first");
          },
          async (error: Error) => {
            if (this.stopping && !entry.cancelled) return this.queue.release(job);
            await this.queue.finish(job, { error: ERRORS[error.name] ?? "the solve failed", cancelled: entry.cancelled });
          },
        )
        .catch((error: unknown) => this.log?.error({ err: error }, "job queue: a result could not be written; the job will be recovered"))
        .finally(() => {
          // A job taken back and claimed again here runs as a new entry under the same id: leave that one be.
          if (this.running.get(job.id) === entry) this.running.delete(job.id);
          this.kick();
        }),
    };
    this.running.set(job.id, entry);
  }
}
