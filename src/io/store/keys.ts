// API keys in the database. A key is 32 random bytes (base64url): only its SHA-256 is kept, which is safe for keys
// of that strength (nothing to guess from the hash), and lets a request's key be found with one indexed lookup.
// Every creation and revocation is written to the access log in the same transaction.
import { createHash, randomBytes } from "node:crypto";
import type { ApiKeyView, ClinicScope, CreateKeyRequest, CreatedKey, Role } from "../../domain/index.js";
import { logAccess } from "./access-log.js";
import type { Db } from "./db.js";

/** What a request acts as: a key's id (never the key), its role and the clinics it acts for. */
export interface Principal {
  readonly keyId: string;
  readonly role: Role;
  readonly clinics: ClinicScope;
}

export const keyHash = (key: string): string => createHash("sha256").update(key).digest("hex");
/** The public name of a key: the head of its hash, as jobs and the access log have always named keys. */
export const keyIdOf = (key: string): string => keyHash(key).slice(0, 16);

interface Row {
  id: string;
  role: Role;
  clinics: string[] | null;
  label: string | null;
  created_at: Date;
  created_by: string;
  revoked_at: Date | null;
}

const COLUMNS = "id, role, clinics, label, created_at, created_by, revoked_at";

function view(row: Row): ApiKeyView {
  return {
    id: row.id,
    role: row.role,
    clinics: row.clinics ?? "all",
    label: row.label,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    revokedAt: row.revoked_at === null ? null : row.revoked_at.toISOString(),
  };
}

export class KeyStore {
  constructor(private readonly db: Db) {}

  /** Makes a key for `request`, logged as made by `by`; the key is in the answer and nowhere else. */
  async create(by: string, request: CreateKeyRequest): Promise<CreatedKey> {
    const key = `iop_${randomBytes(32).toString("base64url")}`;
    const hash = keyHash(key);
    const id = hash.slice(0, 16);
    return this.db.transaction(async (sql) => {
      const [row] = await sql.query<Row>(
        `insert into api_keys (id, hash, role, clinics, label, created_by) values ($1, $2, $3, $4::json, $5, $6) returning ${COLUMNS}`,
        [id, hash, request.role, request.clinics === "all" ? null : JSON.stringify(request.clinics), request.label ?? null, by],
      );
      await logAccess(sql, { keyId: by, action: "create-key", resource: `key:${id}` });
      return { ...view(row), key };
    });
  }

  async list(): Promise<ApiKeyView[]> {
    return (await this.db.query<Row>(`select ${COLUMNS} from api_keys order by created_at, id`)).map(view);
  }

  /** Revokes a key from now on; the key as it then stands, or undefined when there is no such key. */
  async revoke(by: string, id: string): Promise<ApiKeyView | undefined> {
    return this.db.transaction(async (sql) => {
      const [row] = await sql.query<Row>(
        `update api_keys set revoked_at = coalesce(revoked_at, now()), revoked_by = coalesce(revoked_by, $2) where id = $1 returning ${COLUMNS}`,
        [id, by],
      );
      if (row) await logAccess(sql, { keyId: by, action: "revoke-key", resource: `key:${id}` });
      return row ? view(row) : undefined;
    });
  }

  /** Whether any key is live: a server that would ignore them must not start (see openServices). */
  async anyLive(): Promise<boolean> {
    const [row] = await this.db.query<{ live: boolean }>("select exists (select 1 from api_keys where revoked_at is null) as live");
    return row.live;
  }

  /** The principal of a presented key, or undefined when no live key has that hash. */
  async find(key: string): Promise<Principal | undefined> {
    const [row] = await this.db.query<Row>(`select ${COLUMNS} from api_keys where hash = $1 and revoked_at is null`, [keyHash(key)]);
    return row ? { keyId: row.id, role: row.role, clinics: row.clinics ?? "all" } : undefined;
  }
}
