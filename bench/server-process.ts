// The HTTP service as `npm run serve` starts it, in a child process on a free loopback port.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";

export interface ServerProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly address: string;
  /** What the server printed until it listened (its start-up log). */
  readonly startLog: string;
}

const root = new URL("../", import.meta.url).pathname;

export async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  // As `npm run serve` runs it: one node process, so a signal (SIGKILL too) reaches the server itself.
  const child = spawn(process.execPath, ["--import", "tsx", "src/io/http/server.ts"], {
    cwd: root,
    // Nothing kept between runs unless the caller names a data folder or a database.
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", DATA_DIR: "memory://", ...env },
  });
  // The server logs its address at info level; after that its log is drained unread.
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    const timer = setTimeout(() => reject(new Error("server did not start")), 30_000);
    const onErr = (chunk: Buffer) => (err += chunk);
    // A server that stops before it listens (a port or data folder in use) says why on stderr.
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening: ${err.trim()}`));
    };
    const onData = (chunk: Buffer) => {
      out += chunk;
      const found = out.match(/"address":"(http:[^"]+)"/);
      if (!found) return;
      clearTimeout(timer);
      child.stdout.off("data", onData);
      child.stderr.off("data", onErr);
      child.off("exit", onExit);
      child.stdout.resume();
      child.stderr.resume();
      resolve({ child, address: found[1], startLog: out });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onErr);
    child.on("exit", onExit);
  });
}

/** Waits until /readyz says ready: the solver threads have finished their warm-up and the database answers. */
export async function untilReady(address: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if ((await fetch(`${address}/readyz`)).status === 200) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the server did not become ready within a minute");
}
