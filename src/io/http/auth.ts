// Who a request is: its bearer key, found among the bootstrap keys of API_KEYS (admins of every clinic) or the
// keys in the database (hashed; each with its role and clinics). Failed attempts are throttled by client address,
// but only for keys that are not known: a valid key is never refused because someone else guessed from its address.
// So the throttle bounds the load of guessing, not its odds: those rest on the keys' length (32 random bytes for the
// keys made here; API_KEYS must be at least 16 characters, and should be as random).
import { timingSafeEqual } from "node:crypto";
import type { FastifyRequest } from "fastify";
import { ROLES, type Role } from "../../domain/index.js";
import { type KeyStore, type Principal, keyHash, keyIdOf } from "../store/keys.js";

export type { Principal };

/** A server without API_KEYS listens on loopback only and acts for whoever is on this machine. */
export const LOCAL_PRINCIPAL: Principal = { keyId: "anonymous", role: "admin", clinics: "all" };

/** The Host a keyless server answers: loopback names only, with or without a port. */
const LOCAL_HOSTS = /^(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/i;
export const isLocalHost = (host: string | undefined): boolean => LOCAL_HOSTS.test(host ?? "");

export function bearer(request: FastifyRequest): string | null {
  // The scheme name is case-insensitive (RFC 9110 §11.1).
  const match = /^bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? "");
  return match ? match[1] : null;
}

/** The address a client is counted by: an IPv6 client by its /64, which one host or network can fill at will. */
export function clientOf(ip: string): string {
  if (!ip.includes(":") || /^::ffff:\d/i.test(ip)) return ip;
  const [head, tail] = ip.split("::");
  const before = head ? head.split(":") : [];
  const after = tail ? tail.split(":") : [];
  const groups = tail === undefined ? before : [...before, ...Array(8 - before.length - after.length).fill("0"), ...after];
  return `${groups.slice(0, 4).join(":")}::/64`;
}

export const allows = (principal: Principal, role: Role): boolean => ROLES.indexOf(principal.role) >= ROLES.indexOf(role);
export const covers = (principal: Principal, clinicId: string): boolean =>
  principal.clinics === "all" || principal.clinics.includes(clinicId);

/** How long a key looked up in the database is trusted before it is looked up again (a revocation elsewhere). */
const CACHE_MS = 5000;
const CACHE_SIZE = 10_000;

export class Authenticator {
  private readonly bootstrap: Buffer[];
  private readonly cache = new Map<string, { principal: Principal | null; at: number }>();

  constructor(
    apiKeys: readonly string[],
    private readonly keys: KeyStore,
  ) {
    this.bootstrap = apiKeys.map((k) => Buffer.from(keyHash(k), "hex"));
  }

  /** The principal a key acts as, or null for an unknown or revoked key. Throws DatabaseUnavailable when it cannot tell. */
  async principal(key: string): Promise<Principal | null> {
    const hash = Buffer.from(keyHash(key), "hex");
    if (this.bootstrap.some((b) => timingSafeEqual(b, hash))) return { keyId: keyIdOf(key), role: "admin", clinics: "all" };
    const id = hash.toString("hex");
    const cached = this.cache.get(id);
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.principal;
    const principal = (await this.keys.find(key)) ?? null;
    this.cache.set(id, { principal, at: Date.now() });
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    return principal;
  }

  /** Whether a key id is one of API_KEYS: a workspace session of a key since removed from them ends. */
  isBootstrap(keyId: string): boolean {
    return this.bootstrap.some((b) => b.toString("hex").slice(0, 16) === keyId);
  }

  /** A key revoked on this instance stops working here at once (elsewhere within CACHE_MS). */
  forget(): void {
    this.cache.clear();
  }
}

/** Failed authentications per client address in a sliding minute; past the limit unknown keys get 429, not 401. */
export class FailureThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly perMinute: number) {}

  blocked(address: string, now = Date.now()): boolean {
    return this.recent(address, now).length >= this.perMinute;
  }

  fail(address: string, now = Date.now()): void {
    const list = this.recent(address, now);
    list.push(now);
    this.failures.set(address, list);
    // Bounded memory under a spray of addresses: the oldest entries go first.
    if (this.failures.size > 10_000) this.failures.delete(this.failures.keys().next().value!);
  }

  private recent(address: string, now: number): number[] {
    return (this.failures.get(address) ?? []).filter((t) => now - t < 60_000);
  }
}

declare module "fastify" {
  interface FastifyRequest {
    /** Set by the authentication hook before any guarded handler runs. */
    principal: Principal;
  }
}
