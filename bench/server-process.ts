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
  const child = spawn(`${root}node_modules/.bin/tsx`, ["src/io/http/server.ts"], {
    cwd: root,
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", ...env },
  });
  // The server logs its address at info level; after that its log is drained unread.
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error("server did not start")), 30_000);
    const onData = (chunk: Buffer) => {
      out += chunk;
      const found = out.match(/"address":"(http:[^"]+)"/);
      if (!found) return;
      clearTimeout(timer);
      child.stdout.off("data", onData);
      child.stdout.resume();
      resolve({ child, address: found[1], startLog: out });
    };
    child.stdout.on("data", onData);
  });
}
