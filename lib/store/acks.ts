import type { Kysely } from "kysely";
import type { Database } from "./schema";

/** Who acknowledged a failure group, when, and the last occurrence they had seen. */
export interface FailureAck {
  fingerprint: string;
  actorSub: string;
  actorName: string | null;
  ackedAt: string;
  lastSeenAt: string;
}

/** Acknowledges (or re-acknowledges) a group as of its last occurrence `lastSeenAt`. */
export async function acknowledgeFailureGroup(
  db: Kysely<Database>,
  tenantId: string,
  ack: { fingerprint: string; actorSub: string; actorName: string | null; lastSeenAt: Date },
): Promise<void> {
  await db
    .insertInto("failure_acks")
    .values({
      tenant_id: tenantId,
      fingerprint: ack.fingerprint,
      actor_sub: ack.actorSub,
      actor_name: ack.actorName,
      last_seen_at: ack.lastSeenAt,
    })
    .onConflict((oc) =>
      oc
        .columns(["tenant_id", "fingerprint"])
        .doUpdateSet({ actor_sub: ack.actorSub, actor_name: ack.actorName, last_seen_at: ack.lastSeenAt, acked_at: new Date() }),
    )
    .execute();
}

/** Removes an acknowledgement; false when there was none. */
export async function unacknowledgeFailureGroup(db: Kysely<Database>, tenantId: string, fingerprint: string): Promise<boolean> {
  const r = await db.deleteFrom("failure_acks").where("tenant_id", "=", tenantId).where("fingerprint", "=", fingerprint).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** A tenant's acknowledgements of the given groups, by fingerprint. */
export async function failureAcksOf(
  db: Kysely<Database>,
  tenantId: string,
  fingerprints: readonly string[],
): Promise<Map<string, FailureAck>> {
  if (fingerprints.length === 0) return new Map();
  const rows = await db
    .selectFrom("failure_acks")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("fingerprint", "in", [...fingerprints])
    .execute();
  return new Map(
    rows.map((r) => [
      r.fingerprint,
      {
        fingerprint: r.fingerprint,
        actorSub: r.actor_sub,
        actorName: r.actor_name,
        ackedAt: new Date(r.acked_at).toISOString(),
        lastSeenAt: new Date(r.last_seen_at).toISOString(),
      },
    ]),
  );
}

/** An acknowledgement holds until the group occurs again after the occurrence it covered. */
export function isAckStillValid(ack: Pick<FailureAck, "lastSeenAt">, groupLastSeen: string): boolean {
  return new Date(groupLastSeen).getTime() <= new Date(ack.lastSeenAt).getTime();
}
