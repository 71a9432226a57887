// The tables of docs/ that describe the code, rendered from it: the API's routes and problem types, the workspace's
// pages, the hard rules, the objective's terms, the service's settings, the exit codes, the spreadsheet columns and
// the generator's staffing-bound shapes.
// Each sits in a doc between <!-- generated:NAME --> and <!-- /generated:NAME -->; `npm run docs` rewrites them
// and test/docs.test.ts fails while one differs from what the code says now.
import { OBJECTIVE_TERMS, RULES, RULE_IDS, TERM_IDS, TIERS } from "../../domain/index.js";
import { STAFFING_SHAPES } from "../../generator/profiles.js";
import { EXIT } from "../cli/common.js";
import { FACILITATOR_COLUMNS, PATIENT_COLUMNS } from "../csv/people.js";
import type { Column } from "../csv/columns.js";
import { Config, loadConfig } from "../http/config.js";
import { PROBLEMS } from "../http/problems.js";
import { ROUTES } from "../http/routes/index.js";
import { WORKSPACE_ROUTES } from "../web/routes.js";

/** A table cell: one line, pipes escaped, and outside `code` nothing markdown or HTML would read as markup. */
function cell(text: string | number): string {
  return String(text)
    .replace(/\s*\n\s*/g, " ")
    .split("`")
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/[\\_*<[\]]/g, "\\$&")))
    .join("`")
    .replace(/\|/g, "\\|");
}
const code = (text: string | number) => `\`${String(text).replace(/\|/g, "\\|")}\``;

/** A markdown table; `align` marks the columns to right-align (numbers). */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[], align: readonly boolean[] = []): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  const rule = header.map((_, i) => (align[i] ? "---:" : "---"));
  return [line(header), line(rule), ...rows.map(line)].join("\n");
}

/** The HTTP API: every route of src/io/http/routes/, in the route table's order. */
export function routesTable(): string {
  return markdownTable(
    ["method", "path", "role", "what it does"],
    ROUTES.map((r) => [r.method, code(r.url), r.access, cell(r.summary)]),
  );
}

/** The coordinator's workspace at /app: every page and form of src/io/web/routes.ts. */
export function workspaceTable(): string {
  return markdownTable(
    ["method", "path", "who", "what it does"],
    WORKSPACE_ROUTES.map((r) => [r.method, code(r.url), r.access === "signed-out" ? "anyone" : r.access, cell(r.summary)]),
  );
}

/** Every problem type the API answers with (RFC 9457), from src/io/http/problems.ts. */
export function problemsTable(): string {
  return markdownTable(
    ["type", "status", "title"],
    Object.entries(PROBLEMS).map(([id, p]) => [code(`urn:iop-roster:problem:${id}`), String(p.status), cell(p.title)]),
    [false, true, false],
  );
}

/** The hard rules, from the catalogue both the validator and the solver are keyed by (src/domain/rules.ts). */
export function rulesTable(): string {
  return markdownTable(
    ["id", "rule"],
    RULE_IDS.map((id) => [code(id), cell(RULES[id])]),
  );
}

/** The objective's terms by tier, with their default weights (src/domain/objective.ts). */
export function objectiveTable(): string {
  const rows = TIERS.flatMap((tier) =>
    TERM_IDS.filter((id) => OBJECTIVE_TERMS[id].tier === tier).map((id) => {
      const term = OBJECTIVE_TERMS[id];
      return [tier, code(id), cell(`one ${term.unit}`), String(term.weight), cell(term.why)];
    }),
  );
  return markdownTable(["tier", "term", "counts", "weight", "why"], rows, [false, false, false, true, false]);
}

/**
 * What each setting of src/io/http/config.ts is for. Names and defaults come from the schema; what a variable
 * means is written here, and the docs test fails when a variable has no entry or an entry no variable.
 * `default` only where the code's default depends on the machine.
 */
export const CONFIG_MEANINGS: Readonly<Record<string, { readonly meaning: string; readonly default?: string }>> = {
  PORT: { meaning: "the port the service listens on" },
  HOST: { meaning: "the address it listens on; any other than loopback needs `API_KEYS`" },
  API_KEYS: {
    meaning:
      "bootstrap admin keys, comma-separated, at least 16 characters each; without any, the service answers only requests to `localhost`, `127.0.0.1` or `[::1]`, as one local admin",
  },
  WORKERS: { meaning: "solver threads", default: "one per core" },
  QUEUE_LIMIT: { meaning: "solves waiting for a thread beyond the running ones; past it, `503 busy` with `Retry-After`" },
  BODY_LIMIT_BYTES: { meaning: "the largest request body, and the largest file uploaded in the workspace (bytes)" },
  SYNC_PATIENT_LIMIT: { meaning: "the largest scenario `POST /v1/rosters` answers; larger ones go through `POST /v1/jobs`" },
  SYNC_TIME_LIMIT_MS: { meaning: "the longest solve a synchronous request may ask for (ms)" },
  JOB_TTL_MS: { meaning: "how long a finished job is kept (ms)" },
  MAX_JOBS: { meaning: "kept jobs; past it `POST /v1/jobs` answers `503 busy`" },
  RATE_LIMIT_PER_MINUTE: { meaning: "requests a minute per key" },
  TRUST_PROXY: {
    meaning:
      "the proxies whose `X-Forwarded-For` names the client: a hop count of 1–5, or addresses and ranges no wider than /8 (IPv4) or /32 (IPv6), or `loopback`, `linklocal`, `uniquelocal`; `true` and wider ranges are refused",
  },
  AUTH_FAILURES_PER_MINUTE: {
    meaning: "failed authentications with unknown keys per client address (an IPv6 client by its /64) before `429`",
  },
  CORS_ORIGINS: { meaning: "origins a browser may call from, comma-separated, each `scheme://host[:port]`; `*` is refused" },
  SHUTDOWN_GRACE_MS: { meaning: "how long running solves get on SIGTERM or SIGINT before they are cancelled (ms)" },
  REQUEST_TIMEOUT_MS: { meaning: "the longest a client may take to send a whole request; then `408` (ms)" },
  DATABASE_URL: { meaning: "a PostgreSQL server, `postgres://…`; unset: PGlite in `DATA_DIR`" },
  DATA_DIR: { meaning: "PGlite's folder when `DATABASE_URL` is unset; `memory://` keeps nothing" },
  JOB_LEASE_MS: { meaning: "a running job whose instance has not written its heartbeat for this long is queued again (ms)" },
  RETENTION_WEEKS: {
    meaning: "published rosters (with their attendance) and discharged stays older than this many weeks are deleted; 0 keeps every week",
  },
  LOG_LEVEL: { meaning: "`fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`" },
  WARM_UP: {
    meaning:
      "`on`: each solver thread solves a small built-in clinic when it starts, and `/readyz` answers `503` until they are done; `off` for tests",
  },
};

/** A setting's default as the schema gives it for an empty environment. */
function defaultText(value: unknown): string {
  if (value === undefined || value === false) return "unset";
  if (Array.isArray(value)) return value.length === 0 ? "none" : code(value.join(","));
  return code(String(value));
}

/** The service's settings: names and defaults from the Config schema, meanings from CONFIG_MEANINGS. */
export function configTable(): string {
  const defaults = loadConfig({});
  if (!defaults.ok) throw new Error("the service's settings have no valid defaults");
  const rows = Object.keys(Config.shape).map((name) => {
    const about = CONFIG_MEANINGS[name];
    const fallback = about?.default ?? defaultText((defaults.value as Record<string, unknown>)[name]);
    return [code(name), fallback, cell(about?.meaning ?? "(not described: add it to CONFIG_MEANINGS in src/io/docs/tables.ts)")];
  });
  return markdownTable(["variable", "default", "what it sets"], rows);
}

/** What each exit code of the command line means (codes from src/io/cli/common.ts). */
export const EXIT_MEANINGS: Readonly<Record<string, string>> = {
  ok: "the roster (or export) was made, or the roster given is valid",
  violations: "the roster given to `validate`, `check` or `export` breaks a rule (the validator refuses it)",
  badInput:
    "invalid input: the message names the JSON path (or spreadsheet row and column) and what was expected; also a roster of another clinic or week than the scenario",
  failed: "nobody could be placed, the database could not be opened, or an internal error",
  rowsLeftOut: "the roster (or export) was made, but spreadsheet rows were left out of it (listed on stderr and on the page)",
};

export function exitCodesTable(): string {
  return markdownTable(
    ["code", "name", "meaning"],
    Object.entries(EXIT).map(([name, value]) => [String(value), code(name), cell(EXIT_MEANINGS[name] ?? "(not described)")]),
    [true, false, false],
  );
}

function columnsTable(columns: readonly Column[]): string {
  return markdownTable(
    ["field", "required", "header names it is found under"],
    columns.map((c) => [code(c.field), c.required ? "yes" : "", c.headers.map((h) => cell(h)).join(", ")]),
  );
}

/** The patients spreadsheet's columns (src/io/csv/people.ts). */
export const patientColumnsTable = () => columnsTable(PATIENT_COLUMNS);
/** The facilitators spreadsheet's columns (src/io/csv/people.ts). */
export const facilitatorColumnsTable = () => columnsTable(FACILITATOR_COLUMNS);

/** The generator's staffing-bound clinic shapes (src/generator/profiles.ts), which the staffing bench solves. */
export function staffingShapesTable(): string {
  return markdownTable(
    ["shape", "clinic"],
    Object.values(STAFFING_SHAPES).map((s) => [code(s.key), cell(s.name)]),
  );
}

/** Every generated table, by the name its markers carry. */
export const GENERATED: Readonly<Record<string, () => string>> = {
  routes: routesTable,
  "workspace-pages": workspaceTable,
  problems: problemsTable,
  rules: rulesTable,
  "objective-terms": objectiveTable,
  config: configTable,
  "exit-codes": exitCodesTable,
  "patient-columns": patientColumnsTable,
  "facilitator-columns": facilitatorColumnsTable,
  "staffing-shapes": staffingShapesTable,
};
