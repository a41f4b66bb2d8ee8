import "server-only";
import { cookies } from "next/headers";
import { readSessionToken } from "./session-cookie";

/**
 * The signed-in user's ID token for upstream calls, or null. proxy.ts has already refreshed it
 * when it was close to expiry, so the value read here is current.
 */
export async function getUpstreamIdToken(): Promise<string | null> {
  const token = await readSessionToken(await cookies());
  if (!token) return null;
  if (token.idTokenExpiresAt <= Math.floor(Date.now() / 1000)) return null;
  return token.idToken;
}
