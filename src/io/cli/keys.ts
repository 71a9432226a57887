// `npm run keys -- create --clinic <id> [--clinic <id> ...] --role <role> [--label text]`, `--all-clinics` instead of
// clinics (an admin's is always every clinic); `npm run keys -- list`; `npm run keys -- revoke <key-id>`. On the
// service's database (DATABASE_URL, else PGlite in DATA_DIR); changes are logged as made by "cli". A new key is
// printed once, on its own line, and kept nowhere: only its hash is stored.
import { parseArgs } from "node:util";
import { type ApiKeyView, CreateKeyRequest, parseWith } from "../../domain/index.js";
import { formatProblems } from "../read-json.js";
import { KeyStore } from "../store/keys.js";
import { EXIT, ExitError, run, withDatabase } from "./common.js";

const USAGE = `usage: npm run keys -- create (--clinic <id> [--clinic <id> ...] | --all-clinics) --role reader|planner|publisher|admin [--label text]
       npm run keys -- list [--json]
       npm run keys -- revoke <key-id>`;

const line = (k: ApiKeyView) =>
  [
    k.id,
    k.role.padEnd(9),
    k.clinics === "all" ? "every clinic" : k.clinics.join(","),
    k.revokedAt ? `revoked ${k.revokedAt}` : "live",
    k.label ?? "",
  ]
    .join("  ")
    .trimEnd();

process.exitCode = await run(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      clinic: { type: "string", multiple: true },
      "all-clinics": { type: "boolean" },
      role: { type: "string" },
      label: { type: "string" },
      json: { type: "boolean" },
    },
  });
  const [command, ...rest] = positionals;
  if (command === "create" && rest.length === 0) {
    if (values["all-clinics"] && values.clinic)
      throw new ExitError(EXIT.badInput, `either --clinic (one or more) or --all-clinics, not both\n${USAGE}`);
    const clinics = values["all-clinics"] || (values.role === "admin" && !values.clinic) ? "all" : values.clinic;
    const parsed = parseWith(CreateKeyRequest, { role: values.role, clinics, label: values.label });
    if (!parsed.ok) throw new ExitError(EXIT.badInput, `${formatProblems("the key", parsed.problems)}\n${USAGE}`);
    const made = await withDatabase((db) => new KeyStore(db).create("cli", parsed.value));
    process.stderr.write(`made ${line(made)}; the key is shown once, below:\n`);
    process.stdout.write(`${made.key}\n`);
    return EXIT.ok;
  }
  if (command === "list" && rest.length === 0) {
    const keys = await withDatabase((db) => new KeyStore(db).list());
    process.stdout.write(values.json ? `${JSON.stringify(keys, null, 2)}\n` : keys.map((k) => `${line(k)}\n`).join("") || "no keys\n");
    return EXIT.ok;
  }
  if (command === "revoke" && rest.length === 1) {
    const revoked = await withDatabase((db) => new KeyStore(db).revoke("cli", rest[0]));
    if (!revoked) throw new ExitError(EXIT.badInput, `no key has the id ${rest[0]} (npm run keys -- list)`);
    process.stdout.write(`${line(revoked)}\n`);
    return EXIT.ok;
  }
  throw new ExitError(EXIT.badInput, USAGE);
});
