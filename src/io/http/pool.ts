// A fixed pool of solver threads with a bounded queue: the event loop never solves, and a full pool says so
// at once instead of letting requests hang.
import type { Worker } from "node:worker_threads";
import type { Roster, Scenario, SolveOptions } from "../../domain/index.js";
import type { Progress } from "../../solver/solve.js";
import { spawnWorker } from "../workers/spawn.js";

export interface Task {
  readonly id: number;
  state: "queued" | "running" | "done" | "failed" | "cancelled";
  progress: Progress | null;
  readonly startedAt: number;
  readonly result: Promise<Roster>;
  /** Asks the search to stop and return its best roster so far. */
  cancel(): void;
}

interface Pending {
  task: Task;
  /** When the thread took the task up (its first message), or null while it is still starting. */
  began: number | null;
  scenario: Scenario;
  options: SolveOptions;
  stop: Int32Array;
  resolve: (roster: Roster) => void;
  reject: (error: Error) => void;
}

export class CancelledBeforeStart extends Error {
  constructor() {
    super("cancelled before it started");
    this.name = "CancelledBeforeStart";
  }
}

/** A queued solve the pool dropped because the server is stopping: the client is told 503, not 500. */
export class ShuttingDown extends Error {
  constructor() {
    super("shutting down");
    this.name = "ShuttingDown";
  }
}

/** A cancelled solve whose thread had to be ended before it had a roster to hand back. */
export class StoppedUnfinished extends Error {
  constructor() {
    super("stopped before a roster was ready");
    this.name = "StoppedUnfinished";
  }
}

/** A cancelled solve that has not handed back its best roster by then is stopped by ending its thread. */
export const STOP_WAIT_MS = 800;

const WORKER_MODULE = "src/io/http/solve-worker.ts";

export class SolverPool {
  private readonly idle: Worker[] = [];
  private readonly cold = new Set<Worker>();
  private readonly running = new Map<Worker, Pending>();
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private stopping = false;

  constructor(
    private readonly size: number,
    private readonly queueLimit: number,
    private readonly warmUp = false,
  ) {
    for (let i = 0; i < size; i++) this.idle.push(this.spawn());
  }

  /** Threads that have not yet finished their warm-up solve. */
  get warming(): number {
    return this.cold.size;
  }

  get busy(): number {
    return this.running.size;
  }

  get queued(): number {
    return this.queue.length;
  }

  /** Closing for shutdown: no new solves at all. */
  get closing(): boolean {
    return this.stopping;
  }

  /** Threads that would start another solve at once: the job runner takes a queued job only then. */
  get freeWorkers(): number {
    return this.stopping ? 0 : Math.max(0, this.idle.length - this.queue.length);
  }

  /** Whether another solve would be accepted now. */
  get accepting(): boolean {
    return !this.stopping && this.running.size + this.queue.length < this.size + this.queueLimit;
  }

  /** A new solve, or null when every worker is busy and the queue is full (or the pool is closing). */
  submit(scenario: Scenario, options: SolveOptions): Task | null {
    if (!this.accepting) return null;
    const stop = new Int32Array(new SharedArrayBuffer(4));
    let resolve!: (roster: Roster) => void;
    let reject!: (error: Error) => void;
    const result = new Promise<Roster>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // A rejection nobody awaits (a cancelled job that was never read) must not take the process down.
    result.catch(() => undefined);
    const task: Task = {
      id: this.nextId++,
      state: "queued",
      progress: null,
      startedAt: Date.now(),
      result,
      cancel: () => {
        Atomics.store(stop, 0, 1);
        const at = this.queue.findIndex((p) => p.task === task);
        if (at >= 0) {
          // Never started, so there is no roster so far to return.
          this.queue.splice(at, 1);
          task.state = "cancelled";
          reject(new CancelledBeforeStart());
          return;
        }
        // A phase that does not look at the flag (a huge compile) must not keep the thread: end it, spawn another.
        // The wait counts from when the thread took the task up, so one still loading its code is not ended for it.
        const cancelledAt = Date.now();
        const check = setInterval(() => {
          const entry = [...this.running].find(([, p]) => p.task === task);
          if (!entry) return clearInterval(check);
          const [worker, pending] = entry;
          if (pending.began !== null && Date.now() - Math.max(cancelledAt, pending.began) >= STOP_WAIT_MS) {
            clearInterval(check);
            void worker.terminate();
          }
        }, STOP_WAIT_MS / 8);
        check.unref();
      },
    };
    this.queue.push({ task, scenario, options, stop, resolve, reject, began: null });
    this.dispatch();
    return task;
  }

  /** Stop taking work; let running solves finish until the deadline, then cancel them and wait for their best. */
  async close(graceMs: number): Promise<void> {
    this.stopping = true;
    for (const pending of this.queue.splice(0)) {
      pending.task.state = "cancelled";
      pending.reject(new ShuttingDown());
    }
    const all = [...this.running.values()].map((p) => p.task.result.catch(() => undefined));
    const timer = setTimeout(() => {
      for (const p of this.running.values()) p.task.cancel();
    }, graceMs);
    await Promise.all(all);
    clearTimeout(timer);
    await Promise.all([...this.idle, ...this.running.keys()].map((w) => w.terminate()));
  }

  private spawn(): Worker {
    const worker = spawnWorker(WORKER_MODULE, { warmUp: this.warmUp });
    if (this.warmUp) this.cold.add(worker);
    worker.on("message", (msg: { taskId?: number; type: string; progress?: Progress; roster?: Roster; name?: string }) => {
      if (msg.type === "warm") this.cold.delete(worker);
      const pending = this.running.get(worker);
      if (!pending || pending.task.id !== msg.taskId) return;
      pending.began ??= Date.now();
      if (msg.type === "progress" && msg.progress) pending.task.progress = msg.progress;
      if (msg.type === "done" && msg.roster) this.finish(worker, pending, () => pending.resolve(msg.roster!), "done");
      if (msg.type === "error") this.finish(worker, pending, () => pending.reject(new Error(`solve failed (${msg.name})`)), "failed");
    });
    worker.on("error", () => undefined);
    worker.on("exit", () => {
      const pending = this.running.get(worker);
      this.running.delete(worker);
      this.cold.delete(worker);
      const at = this.idle.indexOf(worker);
      if (at >= 0) this.idle.splice(at, 1);
      if (pending) {
        const cancelled = Atomics.load(pending.stop, 0) === 1;
        pending.task.state = cancelled ? "cancelled" : "failed";
        pending.reject(cancelled ? new StoppedUnfinished() : new Error("solver thread stopped"));
      }
      if (!this.stopping) {
        this.idle.push(this.spawn());
        this.dispatch();
      }
    });
    return worker;
  }

  private finish(worker: Worker, pending: Pending, settle: () => void, state: Task["state"]): void {
    pending.task.state = state;
    this.running.delete(worker);
    this.idle.push(worker);
    settle();
    this.dispatch();
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!;
      const pending = this.queue.shift()!;
      pending.task.state = "running";
      this.running.set(worker, pending);
      worker.postMessage({ taskId: pending.task.id, scenario: pending.scenario, options: pending.options, stop: pending.stop });
    }
  }
}
