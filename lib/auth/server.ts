import "server-only";
import { cookies } from "next/headers";
import { isRevokedSession } from "./revocation";
import { readSessionToken } from "./session-cookie";
import type { SessionToken } from "./token";

/**
 * The signed-in user's ID token for upstream calls, or null. proxy.ts has already refreshed it
 * when it was close to expiry, so the value read here is current.
 */
export async function getUpstreamIdToken(): Promise<string | null> {
  return (await getUsableSessionToken())?.idToken ?? null;
}

/**
 * The decrypted session with a still-valid ID token, or null. One cookie decryption gives both the
 * upstream token and the public session, so the BFF reads the cookie once per request.
 */
export async function getUsableSessionToken(): Promise<SessionToken | null> {
  const token = await readSessionToken(await cookies());
  if (!token || !token.tenantId) return null;
  if (token.idTokenExpiresAt <= Math.floor(Date.now() / 1000)) return null;
  // Checked on every call, never cached: a sign-out on another console process holds here at once.
  if (await isRevokedSession(token)) return null;
  return token;
}
