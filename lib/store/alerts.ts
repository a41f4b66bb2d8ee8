import { sql, type ExpressionBuilder, type Kysely, type Selectable } from "kysely";
import type { AlertDeliveriesTable, Database } from "./schema";

export type AlertDeliveryRow = Selectable<AlertDeliveriesTable>;
export type AlertWebhookRow = Selectable<Database["alert_webhooks"]>;

/** The tenant's webhook, or null. */
export async function alertWebhookOf(db: Kysely<Database>, tenantId: string): Promise<AlertWebhookRow | null> {
  return (await db.selectFrom("alert_webhooks").selectAll().where("tenant_id", "=", tenantId).executeTakeFirst()) ?? null;
}

/** Creates the webhook, or changes its URL (and the sealed secret when one is given). */
export async function putAlertWebhook(
  db: Kysely<Database>,
  tenantId: string,
  w: { url: string; secretSealed: string | null; bySub: string; byName: string | null },
): Promise<void> {
  const now = new Date();
  const update = {
    url: w.url,
    updated_at: now,
    updated_by_sub: w.bySub,
    updated_by_name: w.byName,
    ...(w.secretSealed ? { secret_sealed: w.secretSealed } : {}),
  };
  if (!w.secretSealed) {
    await db.updateTable("alert_webhooks").set(update).where("tenant_id", "=", tenantId).execute();
    return;
  }
  await db
    .insertInto("alert_webhooks")
    .values({
      tenant_id: tenantId,
      url: w.url,
      secret_sealed: w.secretSealed,
      created_at: now,
      updated_at: now,
      updated_by_sub: w.bySub,
      updated_by_name: w.byName,
    })
    .onConflict((oc) => oc.column("tenant_id").doUpdateSet(update))
    .execute();
}

/** Removes the webhook; messages still waiting are closed as failed. False when there was none. */
export async function deleteAlertWebhook(db: Kysely<Database>, tenantId: string): Promise<boolean> {
  const r = await db.deleteFrom("alert_webhooks").where("tenant_id", "=", tenantId).executeTakeFirst();
  await db
    .updateTable("alert_deliveries")
    .set({ status: "failed", last_error: "webhook removed", finished_at: new Date(), claimed_by: null, claimed_until: null })
    .where("tenant_id", "=", tenantId)
    .where("status", "=", "pending")
    .execute();
  return Number(r.numDeletedRows) === 1;
}

/** A message to send. */
export interface NewAlertDelivery {
  id: string;
  tenantId: string;
  fingerprint: string;
  kind: string;
  occurrence: string;
  body: string;
}

/** The columns every delivery row starts from: which message, for which group and occurrence. */
function deliveryKey(d: NewAlertDelivery) {
  return { id: d.id, tenant_id: d.tenantId, fingerprint: d.fingerprint, kind: d.kind, occurrence: d.occurrence, body: d.body };
}

/**
 * Queues a message unless one with the same (tenant, fingerprint, kind, occurrence) exists: the
 * unique key arbitrates between console processes, so only one of them queues it. True when queued.
 */
export async function enqueueAlertDelivery(db: Kysely<Database>, d: NewAlertDelivery): Promise<boolean> {
  const r = await db
    .insertInto("alert_deliveries")
    .values({
      ...deliveryKey(d),
      status: "pending",
      attempts: 0,
      next_attempt_at: new Date(),
    })
    .onConflict((oc) => oc.columns(["tenant_id", "fingerprint", "kind", "occurrence"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return r !== undefined;
}

/**
 * Claims one due message for `owner` for `claimMs`: a pending one whose time has come, or one left
 * "sending" by a process whose claim ran out. The conditional UPDATE is the arbitration: an attempt
 * is made by one process only. The claim counts the attempt.
 */
export async function claimDueAlertDelivery(db: Kysely<Database>, owner: string, claimMs: number): Promise<AlertDeliveryRow | null> {
  const due = (eb: ExpressionBuilder<Database, "alert_deliveries">) =>
    eb.or([
      eb.and([eb("status", "=", "pending"), eb("next_attempt_at", "<=", sql<Date>`now()`)]),
      eb.and([eb("status", "=", "sending"), eb("claimed_until", "<", sql<Date>`now()`)]),
    ]);
  const candidates = await db.selectFrom("alert_deliveries").select("id").where(due).orderBy("next_attempt_at").limit(10).execute();
  for (const { id } of candidates) {
    const row = await db
      .updateTable("alert_deliveries")
      .set({
        status: "sending",
        claimed_by: owner,
        claimed_until: sql<Date>`now() + ${`${Math.max(1, Math.round(claimMs))} milliseconds`}::interval`,
        attempts: sql<number>`attempts + 1`,
      })
      .where("id", "=", id)
      .where(due)
      .returningAll()
      .executeTakeFirst();
    if (row) return row;
  }
  return null;
}

/** Records an attempt's outcome (only the claim holder can): delivered, failed for good, or pending again at `nextAttemptAt`. */
export async function finishAlertAttempt(
  db: Kysely<Database>,
  id: string,
  owner: string,
  r: { status: "delivered" | "failed" | "pending"; lastStatus: number | null; lastError: string | null; nextAttemptAt?: Date },
): Promise<void> {
  const done = r.status !== "pending";
  await db
    .updateTable("alert_deliveries")
    .set({
      status: r.status,
      last_status: r.lastStatus,
      last_error: r.lastError,
      claimed_by: null,
      claimed_until: null,
      finished_at: done ? new Date() : null,
      ...(r.nextAttemptAt ? { next_attempt_at: r.nextAttemptAt } : {}),
    })
    .where("id", "=", id)
    .where("claimed_by", "=", owner)
    .where("status", "=", "sending")
    .execute();
}

/** The tenant's latest messages, newest first. */
export async function listAlertDeliveries(db: Kysely<Database>, tenantId: string, limit = 10): Promise<AlertDeliveryRow[]> {
  return db
    .selectFrom("alert_deliveries")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(limit)
    .execute();
}

/** Records a test message that was sent at once (not queued): its one attempt and outcome. */
export async function recordAlertTest(
  db: Kysely<Database>,
  d: NewAlertDelivery & { delivered: boolean; lastStatus: number | null; lastError: string | null },
): Promise<void> {
  const now = new Date();
  await db
    .insertInto("alert_deliveries")
    .values({
      ...deliveryKey(d),
      status: d.delivered ? "delivered" : "failed",
      attempts: 1,
      next_attempt_at: now,
      last_status: d.lastStatus,
      last_error: d.lastError,
      finished_at: now,
    })
    .execute();
}

/**
 * Records the fingerprints a failure scan found; returns those this call recorded first (no scan
 * had seen them before). Concurrent scans of several processes each get a disjoint share.
 */
export async function recordSeenFailureGroups(
  db: Kysely<Database>,
  tenantId: string,
  fingerprints: readonly string[],
): Promise<Set<string>> {
  if (fingerprints.length === 0) return new Set();
  const rows = await db
    .insertInto("failure_groups_seen")
    .values([...new Set(fingerprints)].map((fingerprint) => ({ tenant_id: tenantId, fingerprint })))
    .onConflict((oc) => oc.columns(["tenant_id", "fingerprint"]).doNothing())
    .returning("fingerprint")
    .execute();
  return new Set(rows.map((r) => r.fingerprint));
}
