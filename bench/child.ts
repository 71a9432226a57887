// One bench measurement in a process of its own, so a crash, a stall or a memory blow-up stays there. The child
// prints one JSON line last; a time-out or a failure comes back as a sentence for the table.
import { spawnSync } from "node:child_process";

const tsx = new URL("../node_modules/.bin/tsx", import.meta.url).pathname;

export function child(
  script: string,
  args: string[],
  timeoutMs: number,
): { ok: true; data: Record<string, unknown> } | { ok: false; why: string } {
  const run = spawnSync(tsx, [new URL(script, import.meta.url).pathname, ...args], {
    encoding: "utf8",
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 ** 2,
  });
  if (run.error && (run.error as NodeJS.ErrnoException).code === "ETIMEDOUT")
    return { ok: false, why: `killed after ${Math.round(timeoutMs / 1000)} s` };
  if (run.status !== 0) {
    const last = (run.stderr ?? "").trim().split("\n").filter(Boolean).pop() ?? "";
    return { ok: false, why: `crashed (${run.signal ?? `exit ${run.status}`}${last ? `: ${last.slice(0, 120)}` : ""})` };
  }
  return { ok: true, data: JSON.parse(run.stdout.trim().split("\n").pop() ?? "{}") };
}
