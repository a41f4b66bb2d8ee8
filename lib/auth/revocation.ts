import "server-only";
import { recordAuditEvent, recordSignIn, revokeAllSessionsOf, revokeSession, storeDb } from "@/lib/store";
import { checkRevoked } from "./revocation-check";
import { SESSION_MAX_AGE_SECONDS } from "./settings";
import type { SessionToken } from "./token";
import { logger } from "@/lib/observability/logger";

type SessionFields = Pick<SessionToken, "sid" | "signedInAt" | "sub" | "tenantId" | "name" | "email">;

/** Fields a new sign-in adds to the session: its own id and when it started. */
export function newSessionIdentity(now = Date.now()): { sid: string; signedInAt: number } {
  return { sid: crypto.randomUUID(), signedInAt: now };
}

/**
 * True when this session must be refused: signed out (on any console process), cut off by "sign
 * out everywhere", or without a session id at all. Asked of the store on every request, with no
 * cache, so a sign-out on one process holds on every other at once. When the store cannot answer,
 * the session is refused too (fail closed) and the reason logged.
 */
export async function isRevokedSession(token: SessionFields): Promise<boolean> {
  try {
    return await checkRevoked(token);
  } catch (error) {
    logger().error({ error: error instanceof Error ? error.message : String(error) }, "revocation check failed, refusing the session");
    return true;
  }
}

async function audit(token: SessionFields, action: "session.sign-out" | "session.sign-out-everywhere"): Promise<void> {
  await recordAuditEvent(await storeDb(), {
    tenantId: token.tenantId,
    actor: { sub: token.sub ?? "", name: token.name ?? null, email: token.email ?? null },
    action,
    target: action === "session.sign-out" ? `session:${token.sid ?? "unknown"}` : `user:${token.sub ?? "unknown"}`,
    reason: null,
    outcome: { status: 200, code: null },
    requestId: crypto.randomUUID(),
  });
}

/** Records this session as signed out, for every console process. */
export async function revokeThisSession(token: SessionFields): Promise<void> {
  if (!token.sid || !token.sub) return;
  const db = await storeDb();
  await revokeSession(
    db,
    { sessionId: token.sid, tenantId: token.tenantId, sub: token.sub },
    new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000),
  );
  await audit(token, "session.sign-out");
}

/** Refuses every session of this user that started before now ("sign out everywhere"). */
export async function revokeEverySessionOf(token: SessionFields): Promise<void> {
  if (!token.sub) return;
  await revokeAllSessionsOf(await storeDb(), token.tenantId, token.sub);
  await audit(token, "session.sign-out-everywhere");
}

/** Remembers who signed in (sub, name, e-mail), so "published by" and the activity log can name them. */
export async function rememberSignIn(token: SessionFields): Promise<void> {
  if (!token.sub || !token.tenantId) return;
  try {
    await recordSignIn(await storeDb(), token.tenantId, { sub: token.sub, name: token.name ?? null, email: token.email ?? null });
  } catch (error) {
    logger().error({ error: error instanceof Error ? error.message : String(error) }, "could not record the sign-in");
  }
}
