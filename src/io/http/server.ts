// `npm run serve`: settings from the environment, the solver pool, the app, and a graceful stop with a hard deadline.
import closeWithGrace from "close-with-grace";
import { formatProblems } from "../read-json.js";
import { buildApp } from "./app.js";
import { loadConfig } from "./config.js";
import { DataDirInUse } from "../store/db.js";
import { STOP_WAIT_MS } from "./pool.js";
import { KeysWithoutAuthentication, type OpenServices, openServices } from "./services.js";

const parsed = loadConfig(process.env);
if (!parsed.ok) {
  process.stderr.write(`${formatProblems("server settings (environment)", parsed.problems)}\n`);
  process.exit(2);
}
const config = parsed.value;
let services: OpenServices;
try {
  services = await openServices(config);
} catch (error) {
  // The database URL carries a password: name the kind of failure, never the URL or the driver's full message.
  const why =
    error instanceof DataDirInUse || error instanceof KeysWithoutAuthentication
      ? error.message
      : `cannot open the database (${config.DATABASE_URL ? "DATABASE_URL" : `PGlite in ${config.DATA_DIR}`}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).name})`;
  process.stderr.write(`iop-roster: ${why}\n`);
  process.exit(1);
}
const app = await buildApp(services);
services.runner.start(app.log);

// close-with-grace owns the signals: the first SIGTERM/SIGINT starts a graceful stop, a second one or the hard
// deadline ends the process at once. The deadline lies past the grace, plus the time a worker that ignores its stop
// is given before it is terminated, plus a second for the last answers: nothing can keep the process alive longer.
closeWithGrace(
  { delay: config.SHUTDOWN_GRACE_MS + STOP_WAIT_MS + 1000, logger: app.log, skip: ["beforeExit"] },
  async ({ signal, err }) => {
    if (err) app.log.error({ err }, "stopping after an unexpected error");
    app.log.info({ signal, graceMs: config.SHUTDOWN_GRACE_MS }, "stopping: no new requests; running solves get the grace period");
    // Both at once: the server stops listening and waits for requests in flight, while the pool lets running
    // solves finish until the deadline and then cancels them, so the requests waiting on them can answer.
    await services.close(config.SHUTDOWN_GRACE_MS, app.close());
  },
);

let address: string;
try {
  address = await app.listen({ port: config.PORT, host: config.HOST });
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  const why =
    code === "EADDRINUSE"
      ? `port ${config.PORT} on ${config.HOST} is already in use (set PORT)`
      : code === "EACCES"
        ? `no permission to listen on port ${config.PORT}`
        : `cannot listen on ${config.HOST}:${config.PORT} (${code ?? "unknown error"})`;
  process.stderr.write(`iop-roster: ${why}\n`);
  await services.close(0);
  process.exit(1);
}
app.log.info(
  { address, workers: config.WORKERS, queue: config.QUEUE_LIMIT, database: services.db.engine, instance: services.runner.instance },
  "listening",
);
if (config.API_KEYS.length === 0) app.log.warn("no API_KEYS set: listening on loopback only, without authentication");
