// Used by proxy.ts too, so no "server-only" marker here (nothing in the browser imports this).
import { isSessionRevoked } from "@/lib/store/sessions";
import { storeDb } from "@/lib/store/instance";
import type { SessionToken } from "./token";

/** Session fields the revocation check reads. */
export type RevocationFields = Pick<SessionToken, "sid" | "signedInAt" | "sub" | "tenantId">;

/**
 * True when the store says this session was signed out (alone or by "sign out everywhere"), or
 * when it has no session id at all. Throws when the store cannot answer: callers fail closed.
 */
export async function checkRevoked(token: RevocationFields): Promise<boolean> {
  if (!token.sid || !token.sub || token.signedInAt === undefined) return true;
  return isSessionRevoked(await storeDb(), {
    sessionId: token.sid,
    tenantId: token.tenantId,
    sub: token.sub,
    signedInAt: token.signedInAt,
  });
}
