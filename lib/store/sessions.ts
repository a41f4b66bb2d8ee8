import type { Kysely } from "kysely";
import type { Database } from "./schema";

/** What the store needs to know about a session to decide whether it was revoked. */
export interface SessionRef {
  sessionId: string;
  tenantId: string;
  sub: string;
  /** Epoch milliseconds of the sign-in that started the session. */
  signedInAt: number;
}

/** Records one session as signed out; every console process refuses it from now on. */
export async function revokeSession(db: Kysely<Database>, ref: Omit<SessionRef, "signedInAt">, expiresAt: Date): Promise<void> {
  await db
    .insertInto("session_revocations")
    .values({ session_id: ref.sessionId, tenant_id: ref.tenantId, sub: ref.sub, expires_at: expiresAt })
    .onConflict((oc) => oc.column("session_id").doNothing())
    .execute();
}

/** "Sign out everywhere": every session of this user signed in up to now is refused. */
export async function revokeAllSessionsOf(db: Kysely<Database>, tenantId: string, sub: string, now = new Date()): Promise<void> {
  await db
    .insertInto("session_cutoffs")
    .values({ tenant_id: tenantId, sub, not_before: now })
    .onConflict((oc) => oc.columns(["tenant_id", "sub"]).doUpdateSet({ not_before: now }))
    .execute();
}

/** True when the session was signed out, alone or by "sign out everywhere". One round trip. */
export async function isSessionRevoked(db: Kysely<Database>, ref: SessionRef): Promise<boolean> {
  const row = await db
    .selectNoFrom((eb) => [
      eb.exists(eb.selectFrom("session_revocations").select("session_id").where("session_id", "=", ref.sessionId)).as("revoked"),
      eb
        .exists(
          eb
            .selectFrom("session_cutoffs")
            .select("sub")
            .where("tenant_id", "=", ref.tenantId)
            .where("sub", "=", ref.sub)
            .where("not_before", ">=", new Date(ref.signedInAt)),
        )
        .as("cut"),
    ])
    .executeTakeFirstOrThrow();
  return Boolean(row.revoked) || Boolean(row.cut);
}

/** Deletes revocation rows of sessions that have expired anyway. */
export async function purgeExpiredRevocations(db: Kysely<Database>, now = new Date()): Promise<number> {
  const result = await db.deleteFrom("session_revocations").where("expires_at", "<", now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
