import type { Kysely, Selectable } from "kysely";
import type { AuditEventsTable, Database } from "./schema";

/** One audit record as written: who did what to which target, why, and how it ended. */
export interface AuditEventInput {
  tenantId: string;
  actor: { sub: string; name: string | null; email: string | null };
  action: string;
  target: string;
  reason: string | null;
  outcome: { status: number; code: string | null };
  requestId: string;
}

/** One audit record as read (newest first). */
export interface AuditEvent {
  id: string;
  at: string;
  actor: { sub: string; name: string | null; email: string | null };
  action: string;
  target: string;
  reason: string | null;
  outcome: { status: number; code: string | null };
  requestId: string;
}

export interface AuditFilter {
  /** Actor: exact sub, or a case-insensitive part of the name or e-mail. */
  actor?: string;
  action?: string;
  /** Case-insensitive part of the target. */
  target?: string;
  from?: Date;
  to?: Date;
  /** Opaque cursor from a previous page (the last id seen). */
  cursor?: string;
  limit?: number;
}

/** Largest page of audit events one call returns. */
export const AUDIT_PAGE_MAX = 500;

/** Writes one audit record. */
export async function recordAuditEvent(db: Kysely<Database>, event: AuditEventInput): Promise<void> {
  await db
    .insertInto("audit_events")
    .values({
      tenant_id: event.tenantId,
      actor_sub: event.actor.sub,
      actor_name: event.actor.name,
      actor_email: event.actor.email,
      action: event.action,
      target: event.target,
      reason: event.reason,
      outcome_status: event.outcome.status,
      outcome_code: event.outcome.code,
      request_id: event.requestId,
    })
    .execute();
}

function toEvent(r: Selectable<AuditEventsTable>): AuditEvent {
  return {
    id: String(r.id),
    at: new Date(r.at).toISOString(),
    actor: { sub: r.actor_sub, name: r.actor_name, email: r.actor_email },
    action: r.action,
    target: r.target,
    reason: r.reason,
    outcome: { status: r.outcome_status, code: r.outcome_code },
    requestId: r.request_id,
  };
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A page of one tenant's audit events, newest first, and the cursor of the next page (or null). */
export async function listAuditEvents(
  db: Kysely<Database>,
  tenantId: string,
  filter: AuditFilter = {},
): Promise<{ items: AuditEvent[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(filter.limit ?? 50, 1), AUDIT_PAGE_MAX);
  let query = db.selectFrom("audit_events").selectAll().where("tenant_id", "=", tenantId);
  if (filter.actor) {
    const like = `%${escapeLike(filter.actor)}%`;
    const actor = filter.actor;
    query = query.where((eb) => eb.or([eb("actor_sub", "=", actor), eb("actor_name", "ilike", like), eb("actor_email", "ilike", like)]));
  }
  if (filter.action) query = query.where("action", "=", filter.action);
  if (filter.target) query = query.where("target", "ilike", `%${escapeLike(filter.target)}%`);
  if (filter.from) query = query.where("at", ">=", filter.from);
  if (filter.to) query = query.where("at", "<", filter.to);
  if (filter.cursor && /^\d{1,19}$/.test(filter.cursor)) query = query.where("id", "<", filter.cursor);
  const rows = await query
    .orderBy("id", "desc")
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  return {
    items: page.map(toEvent),
    nextCursor: rows.length > limit ? String(page[page.length - 1]?.id) : null,
  };
}

/** The most recent successful audit events of some actions on one target (execution page: who cancelled, why). */
export async function latestAuditFor(db: Kysely<Database>, tenantId: string, target: string, actions: string[]): Promise<AuditEvent[]> {
  if (actions.length === 0) return [];
  const rows = await db
    .selectFrom("audit_events")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("target", "=", target)
    .where("action", "in", actions)
    .where("outcome_status", "<", 400)
    .orderBy("id", "desc")
    .limit(20)
    .execute();
  return rows.map(toEvent);
}
