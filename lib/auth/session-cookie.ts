// Used by proxy.ts too, so no "server-only" marker here (nothing in the browser imports this).
import { decode, encode } from "next-auth/jwt";
import { authSettings, SESSION_MAX_AGE_SECONDS, sessionCookieName } from "./settings";
import { sessionTokenSchema, type SessionToken } from "./token";

/** Minimal cookie reader so this works with NextRequest cookies and `cookies()` alike. */
export interface CookieReader {
  get(name: string): { value: string } | undefined;
}

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

/** The full decrypted session (tokens included). Server-only: never hand the result to a client component. */
export async function readSessionToken(cookies: CookieReader): Promise<(SessionToken & Record<string, unknown>) | null> {
  const value = readSessionCookieValue(cookies);
  if (!value) return null;
  try {
    const decoded = await decode({ token: value, secret: authSettings().secret, salt: sessionCookieName() });
    const parsed = sessionTokenSchema.safeParse(decoded);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Re-encrypts a session for the cookie (same key derivation as Auth.js). */
export async function encodeSessionToken(token: SessionToken & Record<string, unknown>): Promise<string> {
  return encode({ token, secret: authSettings().secret, salt: sessionCookieName(), maxAge: SESSION_MAX_AGE_SECONDS });
}
