// Used by proxy.ts too, so no "server-only" marker here (nothing in the browser imports this).
import { LRUCache } from "lru-cache";
import { decode, encode } from "next-auth/jwt";
import { authSettings, SESSION_MAX_AGE_SECONDS, sessionCookieName } from "./settings";
import { sessionTokenSchema, type SessionToken } from "./token";

/** Minimal cookie reader so this works with NextRequest cookies and `cookies()` alike. */
export interface CookieReader {
  get(name: string): { value: string } | undefined;
}

export type StoredSession = SessionToken & Record<string, unknown>;

/** Joins the session cookie, which Auth.js may have split into `.0`, `.1`, … chunks. */
export function readSessionCookieValue(cookies: CookieReader): string | undefined {
  const name = sessionCookieName();
  const whole = cookies.get(name)?.value;
  if (whole) return whole;
  const parts: string[] = [];
  for (let i = 0; ; i++) {
    const part = cookies.get(`${name}.${i}`)?.value;
    if (part === undefined) break;
    parts.push(part);
  }
  return parts.length > 0 ? parts.join("") : undefined;
}

// ---------------------------------------------------------------------------------------------
// Decrypted-session cache. Every request decrypted the same cookie twice (proxy.ts for the
// refresh check, then the BFF handler), each time deriving the key with HKDF and running the
// JWE decryption: ~1 ms of CPU per request for a value that does not change between requests.
// The cache maps the EXACT cookie value (plus the salt and secret it was decrypted with) to the
// session it holds, so a hit can only ever return what decrypting that very value would give:
// nothing crosses users, and a forged or altered cookie is a miss that goes through decryption.
// An entry lives no longer than the JWE's own `exp` (the cookie's lifetime), the map is bounded,
// and failed decryptions are not cached. Signing out removes the cookie from the browser; the
// entry of the old value then simply ages out (the old value was, and stays, a self-contained
// credential until its `exp`, cache or not). Callers still check ID-token expiry on every hit.
// It lives on globalThis because proxy.ts and the route handlers are bundled separately (two
// module instances) but run in the same Node process.
// ---------------------------------------------------------------------------------------------

interface CacheEntry {
  secret: string;
  session: StoredSession;
  /** Epoch ms after which the entry is gone (the JWE `exp`). */
  expiresAtMs: number;
}

/** Upper bound on cached sessions (each is a few KB); the least recently used goes first. */
export const SESSION_CACHE_MAX_ENTRIES = 500;

const CACHE_SLOT = Symbol.for("pegasus.console.sessionCache");
type GlobalWithCache = typeof globalThis & { [CACHE_SLOT]?: LRUCache<string, CacheEntry> };

function sessionCache(): LRUCache<string, CacheEntry> {
  const g = globalThis as GlobalWithCache;
  let cache = g[CACHE_SLOT];
  if (!cache) {
    // Least recently used goes first when full; an entry's own expiry is checked on every hit.
    cache = new LRUCache({ max: SESSION_CACHE_MAX_ENTRIES });
    g[CACHE_SLOT] = cache;
  }
  return cache;
}

function cacheKey(salt: string, value: string): string {
  return `${salt}\u0000${value}`;
}

function deepFreeze(session: StoredSession): StoredSession {
  for (const field of Object.values(session)) if (field !== null && typeof field === "object") Object.freeze(field);
  return Object.freeze(session);
}

/** Drops every cached session (tests; also usable on secret rotation). */
export function clearSessionCache(): void {
  sessionCache().clear();
}

/** Number of cached sessions (tests and diagnostics). */
export function sessionCacheSize(): number {
  return sessionCache().size;
}

/** Forgets the session of one cookie value (sign-out hygiene; the cookie itself is cleared by Auth.js). */
export function forgetSessionCookie(value: string | undefined): void {
  if (value) sessionCache().delete(cacheKey(sessionCookieName(), value));
}

async function decryptSession(
  value: string,
  secret: string,
  salt: string,
): Promise<{ session: StoredSession; exp: number | undefined } | null> {
  try {
    const decoded = await decode({ token: value, secret, salt });
    const parsed = sessionTokenSchema.safeParse(decoded);
    if (!parsed.success) return null;
    const exp = decoded?.exp;
    return { session: parsed.data, exp: typeof exp === "number" ? exp : undefined };
  } catch {
    return null;
  }
}

/**
 * The full decrypted session (tokens included), or null. Server-only: never hand the result to a
 * client component. The result is frozen and may be shared with other requests of the same cookie.
 */
export async function readSessionToken(cookies: CookieReader, nowMs = Date.now()): Promise<StoredSession | null> {
  const value = readSessionCookieValue(cookies);
  if (!value) return null;
  const { secret } = authSettings();
  const salt = sessionCookieName();
  const key = cacheKey(salt, value);
  const cache = sessionCache();
  const hit = cache.get(key);
  if (hit) {
    if (hit.secret === secret && hit.expiresAtMs > nowMs) return hit.session;
    cache.delete(key);
  }
  const result = await decryptSession(value, secret, salt);
  if (!result) return null;
  const session = deepFreeze(result.session);
  if (result.exp !== undefined && result.exp * 1000 > nowMs) cache.set(key, { secret, session, expiresAtMs: result.exp * 1000 });
  return session;
}

/** Re-encrypts a session for the cookie (same key derivation as Auth.js). */
export async function encodeSessionToken(token: StoredSession): Promise<string> {
  return encode({ token, secret: authSettings().secret, salt: sessionCookieName(), maxAge: SESSION_MAX_AGE_SECONDS });
}
