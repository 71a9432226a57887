// Sessions of the workspace: a key, checked once at sign-in, exchanged for a random cookie. Only the cookie's
// SHA-256 is kept, with the principal it acts as (a key id, never the key). A session ends at sign-out, at its
// expiry, or as soon as its key is revoked (a key in the database) or no longer listed (a bootstrap key).
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "./db.js";
import type { Principal } from "./keys.js";

/** A working day and its evening groups: a coordinator signs in once a day. */
export const SESSION_MS = 12 * 3600_000;

interface Row {
  key_id: string;
  role: Principal["role"];
  clinics: string[] | null;
  in_table: boolean;
}

const idOf = (cookie: string) => createHash("sha256").update(cookie).digest("hex");

export class SessionStore {
  constructor(private readonly db: Db) {}

  /** A new session for `principal`: the cookie's value, shown to the browser and kept nowhere. */
  async open(principal: Principal, now = Date.now()): Promise<string> {
    const cookie = randomBytes(32).toString("base64url");
    await this.db.query("insert into app_sessions (id, key_id, role, clinics, expires_at) values ($1, $2, $3, $4::json, $5)", [
      idOf(cookie),
      principal.keyId,
      principal.role,
      principal.clinics === "all" ? null : JSON.stringify(principal.clinics),
      new Date(now + SESSION_MS),
    ]);
    return cookie;
  }

  /**
   * Who the session acts for, or null when it is unknown, expired or its key revoked. `bootstrap` says whether a key
   * id outside the key table is still one of API_KEYS.
   */
  async find(cookie: string, bootstrap: (keyId: string) => boolean): Promise<Principal | null> {
    const [row] = await this.db.query<Row>(
      `select s.key_id, s.role, s.clinics, k.id is not null as in_table from app_sessions s left join api_keys k on k.id = s.key_id
       where s.id = $1 and s.expires_at > now() and k.revoked_at is null`,
      [idOf(cookie)],
    );
    if (!row || (!row.in_table && !bootstrap(row.key_id))) return null;
    return { keyId: row.key_id, role: row.role, clinics: row.clinics ?? "all" };
  }

  async close(cookie: string): Promise<void> {
    await this.db.query("delete from app_sessions where id = $1", [idOf(cookie)]);
  }

  /** Expired sessions go with the hourly retention. */
  async sweep(): Promise<number> {
    return (await this.db.query("delete from app_sessions where expires_at <= now() returning id")).length;
  }
}
