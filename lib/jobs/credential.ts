import "server-only";
import { decode, encode } from "next-auth/jwt";
import { authSettings } from "@/lib/auth/settings";

// A bulk job acts upstream as the user who started it, from whichever console process holds its
// lease. Their ID token is kept with the job sealed exactly like the session cookie (JWE under the
// console's AUTH_SECRET, which every console process shares), only until the token expires, and
// it is deleted when the job ends. It is never logged and never returned.
const SALT = "pegasus.bulk-job-credential";

/** Seals an ID token expiring at `expiresAtSec` (epoch seconds). */
export async function sealCredential(idToken: string, expiresAtSec: number): Promise<{ sealed: string; expiresAt: Date }> {
  const maxAge = Math.max(1, expiresAtSec - Math.floor(Date.now() / 1000));
  const sealed = await encode({ token: { idToken }, secret: authSettings().secret, salt: SALT, maxAge });
  return { sealed, expiresAt: new Date(expiresAtSec * 1000) };
}

/** The ID token in a sealed credential, or null when it is missing, altered or expired. */
export async function unsealCredential(sealed: string | null, expiresAt: Date | null, now = Date.now()): Promise<string | null> {
  if (!sealed || !expiresAt || new Date(expiresAt).getTime() <= now + 5_000) return null;
  try {
    const payload = await decode({ token: sealed, secret: authSettings().secret, salt: SALT });
    return typeof payload?.idToken === "string" ? payload.idToken : null;
  } catch {
    return null;
  }
}
