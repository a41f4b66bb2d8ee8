import { randomUUID } from "node:crypto";
import type { DomainEventRecord, SandboxContext } from "../context";
import { matchesFilter } from "./event-filter";
import { isBuiltinEventType } from "./event-types";

/** Notify `ctx.onDomainEvent` listeners; a failing listener is logged, never thrown. */
function notify(ctx: SandboxContext, event: DomainEventRecord): void {
  for (const listener of ctx.onDomainEvent) {
    Promise.resolve()
      .then(() => listener(event))
      .catch((err: unknown) =>
        ctx.log("error", "domain event listener failed", { eventId: event.id, error: err instanceof Error ? err.message : String(err) }),
      );
  }
}

function insert(
  ctx: SandboxContext,
  tenantId: string,
  eventType: string,
  payload: unknown,
  userId: string | null,
  occurredAt: string,
): DomainEventRecord {
  const id = randomUUID();
  ctx.db
    .prepare("INSERT INTO domain_events (id, tenant_id, event_type, payload, occurred_at, emitted_by_user_id) VALUES (?, ?, ?, ?, ?, ?)")
    .run(id, tenantId, eventType, JSON.stringify(payload ?? null), occurredAt, userId);
  return { id, tenantId, eventType, payload, occurredAt };
}

/**
 * Store a domain event in the outbox and hand it to `ctx.onDomainEvent` (the EVENT-trigger
 * dispatcher). A built-in event also derives the tenant's enabled custom types whose
 * `domainCondition` ({sourceEventType, filter}) matches it.
 */
export function recordDomainEvent(
  ctx: SandboxContext,
  input: { tenantId: string; eventType: string; payload: unknown; userId?: string | null },
): DomainEventRecord {
  const occurredAt = new Date().toISOString();
  const events: DomainEventRecord[] = [];
  ctx.db.transaction(() => {
    events.push(insert(ctx, input.tenantId, input.eventType, input.payload, input.userId ?? null, occurredAt));
    if (isBuiltinEventType(input.eventType)) {
      const derived = ctx.db
        .prepare(
          "SELECT name, domain_condition FROM tenant_event_types WHERE tenant_id = ? AND enabled = 1 AND domain_condition IS NOT NULL",
        )
        .all(input.tenantId) as Array<{ name: string; domain_condition: string }>;
      for (const d of derived) {
        const cond = JSON.parse(d.domain_condition) as { sourceEventType?: string; filter?: unknown };
        if (cond.sourceEventType === input.eventType && matchesFilter(cond.filter ?? null, input.payload)) {
          events.push(insert(ctx, input.tenantId, d.name, input.payload, input.userId ?? null, occurredAt));
        }
      }
    }
  })();
  for (const e of events) notify(ctx, e);
  return events[0] as DomainEventRecord;
}
