// Server settings from the environment, checked by zod at start-up with a message naming the variable.
import { isIP } from "node:net";
import { availableParallelism } from "node:os";
import { z } from "zod";
import { type Parsed, parseWith } from "../../domain/index.js";

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);
/** More proxies in front of a service than this is a misreading of the setting. */
const MAX_HOPS = 5;

/**
 * A proxy address, a range of them, or one of proxy-addr's named ranges. A range wide enough to hold the internet
 * (or every IPv4-mapped address) would trust any client's own X-Forwarded-For, and let it pick the address it is
 * throttled by: "true" is refused for the same reason.
 */
function isProxyEntry(entry: string): boolean {
  if (["loopback", "linklocal", "uniquelocal"].includes(entry)) return true;
  const [address, prefix, ...rest] = entry.split("/");
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  const bits = Number(prefix);
  return version === 4 ? bits >= 8 && bits <= 32 : bits >= 32 && bits <= 128 && !/^::ffff:/i.test(address);
}
/** Decimal digits only: "PORT=" must not mean port 0 (a random one), nor "WORKERS=0x10" mean 16. */
const int = (min: number, max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, { error: "expected a whole number in decimal digits" })
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .optional()
    .transform((v) => v ?? fallback);
const list = z
  .string()
  .default("")
  .transform((s) =>
    s
      .split(",")
      .map((x) => x.trim())
      .filter(Boolean),
  );
/** A key list that is set must hold a key: "API_KEYS=,," would otherwise switch authentication off. */
const keyList = z
  .string()
  .optional()
  .refine((s) => s === undefined || s.split(",").some((x) => x.trim() !== ""), { error: "API_KEYS is set but holds no key" })
  .pipe(list);

export const Config = z
  .object({
    PORT: int(0, 65_535, 3000),
    HOST: z.string().min(1).default("127.0.0.1"),
    /** Bearer keys, comma-separated; without any the server only listens on loopback. */
    API_KEYS: keyList.pipe(z.array(z.string().min(16, { error: "each API key needs at least 16 characters" }))),
    WORKERS: int(1, 64, availableParallelism()),
    /** Solves waiting for a worker beyond the running ones; past it the server answers 503. */
    QUEUE_LIMIT: int(0, 10_000, 16),
    BODY_LIMIT_BYTES: int(1024, 100 * 1024 * 1024, 5 * 1024 * 1024),
    /** Largest scenario answered on POST /v1/rosters; larger ones go through POST /v1/jobs. */
    SYNC_PATIENT_LIMIT: int(1, 100_000, 500),
    /** Longest solve a synchronous request may ask for. */
    SYNC_TIME_LIMIT_MS: int(100, 600_000, 30_000),
    JOB_TTL_MS: int(1000, 7 * 24 * 3_600_000, 3_600_000),
    MAX_JOBS: int(1, 100_000, 1000),
    RATE_LIMIT_PER_MINUTE: int(1, 1_000_000, 600),
    /**
     * The proxies whose X-Forwarded-For names the client (fastify's trustProxy): a number of hops, or addresses and
     * CIDR ranges, comma-separated (loopback, linklocal and uniquelocal name proxy-addr's ranges). Unset: none.
     */
    TRUST_PROXY: z
      .string()
      .optional()
      .transform((s, ctx) => {
        const text = s?.trim() ?? "";
        if (text === "") return false;
        if (/^\d{1,2}$/.test(text) && Number(text) >= 1 && Number(text) <= MAX_HOPS) return Number(text);
        const bad = text
          .split(",")
          .map((x) => x.trim())
          .find((x) => !isProxyEntry(x));
        if (bad === undefined)
          return text
            .split(",")
            .map((x) => x.trim())
            .filter(Boolean);
        ctx.addIssue({
          code: "custom",
          message: `expected a hop count from 1 to ${MAX_HOPS}, or proxy addresses and ranges no wider than /8 (IPv4) or /32 (IPv6), or loopback, linklocal, uniquelocal; not ${bad.slice(0, 60)}`,
        });
        return z.NEVER;
      }),
    /** Failed authentications with unknown keys a client address may make in a minute before such requests are refused unchecked. */
    AUTH_FAILURES_PER_MINUTE: int(1, 10_000, 30),
    /** Comma-separated origins allowed to call from a browser, each scheme://host[:port]; "*" is refused. */
    CORS_ORIGINS: list.pipe(
      z.array(
        z.string().regex(/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/, {
          error: 'expected origins such as https://intake.example.org, comma-separated ("*" is refused: name each front-end)',
        }),
      ),
    ),
    SHUTDOWN_GRACE_MS: int(0, 600_000, 10_000),
    /** Longest a client may take to send a whole request; past it the answer is 408. */
    REQUEST_TIMEOUT_MS: int(1000, 600_000, 30_000),
    /** A PostgreSQL server (postgres://user:pass@host/db); unset: PGlite, PostgreSQL embedded in this process, in DATA_DIR. */
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, { error: "expected a postgres:// or postgresql:// URL" })
      .optional(),
    /** PGlite's data folder when DATABASE_URL is unset; memory:// keeps nothing (tests). */
    DATA_DIR: z.string().min(1).default("data/pglite"),
    /** A running job whose instance has not beaten its heartbeat for this long is queued again. */
    JOB_LEASE_MS: int(1000, 600_000, 5000),
    /** Published rosters whose week began more than this many weeks ago are deleted; 0 keeps every week. */
    RETENTION_WEEKS: int(0, 10_000, 0),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /**
     * Each solver thread solves a small built-in clinic when it starts, so the first client's solve does not pay for
     * compiling the solver's code (0.6 s of a 10 000-patient job with a 1 s limit). Tests that start many servers
     * turn it off.
     */
    WARM_UP: z.enum(["on", "off"]).default("on"),
  })
  .refine((c) => c.API_KEYS.length > 0 || LOOPBACK.has(c.HOST), {
    error: "HOST is not a loopback address but no API_KEYS are set: set API_KEYS or listen on 127.0.0.1",
    path: ["HOST"],
  });
export type Config = z.infer<typeof Config>;

export function loadConfig(env: NodeJS.ProcessEnv): Parsed<Config> {
  const known = Object.keys(Config.shape);
  return parseWith(Config, Object.fromEntries(Object.entries(env).filter(([k]) => known.includes(k))));
}
