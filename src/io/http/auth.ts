// Bearer keys: who a request is (a key id, never the key), and a throttle on failed attempts by client address,
// so guessing keys is limited before any key is checked.
import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyRequest } from "fastify";

export function bearer(request: FastifyRequest): string | null {
  // The scheme name is case-insensitive (RFC 9110 §11.1).
  const match = /^bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? "");
  return match ? match[1] : null;
}

export function knownKey(keys: readonly string[], given: string | null): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  return keys.some((k) => {
    const b = Buffer.from(k);
    return a.length === b.length && timingSafeEqual(a, b);
  });
}

/** Who owns what a request creates: a hash of its key, so the key itself is never kept; one owner without keys. */
export function ownerOf(request: FastifyRequest): string {
  const key = bearer(request);
  return key ? createHash("sha256").update(key).digest("hex").slice(0, 16) : "anonymous";
}

/** Failed authentications per client address in a sliding minute; past the limit every request is refused. */
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
