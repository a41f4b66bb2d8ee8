import "server-only";
import { getUsableSessionToken } from "@/lib/auth/server";
import { SESSION_MAX_AGE_SECONDS } from "@/lib/auth/settings";
import { toPublicSession } from "@/lib/auth/token";
import { pegasusClientFor } from "@/lib/pegasus";
import { recordAuditEvent, storeDb } from "@/lib/store";
import { makeBffRoute, type CallerResolver } from "./route";

export { errorResponse, bffStatusFor, BffRequestError } from "./errors";

/** The signed-in caller (public session + Pegasus client acting as them), or null. */
export const resolveCaller: CallerResolver = async () => {
  // Hot path: decrypt the session cookie once (proxy.ts has already renewed it if needed) rather
  // than running Auth.js's auth() and then reading the cookie again for the upstream token.
  const token = await getUsableSessionToken();
  if (!token) return null;
  const expires = new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000).toISOString();
  return { session: toPublicSession(token, expires), pegasus: pegasusClientFor(token.idToken), sub: token.sub };
};

/** The BFF route wrapper bound to the real session and the store's audit trail (see makeBffRoute). */
export const bffRoute = makeBffRoute(resolveCaller, async (record) => recordAuditEvent(await storeDb(), record));
