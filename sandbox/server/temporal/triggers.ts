/**
 * Triggers fire: the SCHEDULE evaluator (every UTC minute, skipping a trigger whose previous run
 * is still in flight) and the EVENT dispatcher (custom emits, built-in domain events, and custom
 * types derived from a built-in event through `domainCondition`).
 */
import { randomUUID } from "node:crypto";
import type { DomainEventRecord, SandboxContext } from "../context";
import { ApiError } from "../http";
import { cronMatches, parseCron } from "../lib/cron";
import { matchesFilter } from "../lib/event-filter";
import type { ExecutionEngine } from "./engine";
import { findVisibleWorkflow } from "./store";

interface TriggerRow {
  id: string;
  tenant_id: string;
  workflow_id: string;
  kind: "EVENT" | "SCHEDULE";
  event_type: string | null;
  filter: string | null;
  cron_expression: string | null;
  last_fired_at: string | null;
}

function errorText(err: unknown): string {
  if (err instanceof ApiError) return `${err.code}: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}

/** Start of the UTC minute containing `d`. */
export function minuteStart(d: Date): Date {
  const m = new Date(d.getTime());
  m.setUTCSeconds(0, 0);
  return m;
}

export class TriggerRunner {
  private timer: NodeJS.Timeout | null = null;
  private lastMinute: number | null = null;
  private ticking = false;

  constructor(
    private readonly ctx: SandboxContext,
    private readonly engine: ExecutionEngine,
  ) {}

  /** Check once a second whether a new UTC minute began; evaluate schedules once per minute. */
  startScheduler(): void {
    this.lastMinute = minuteStart(new Date()).getTime();
    this.timer = setInterval(() => {
      const minute = minuteStart(new Date()).getTime();
      if (minute === this.lastMinute || this.ticking) return;
      this.lastMinute = minute;
      this.ticking = true;
      void this.evaluateSchedules(new Date(minute)).finally(() => {
        this.ticking = false;
      });
    }, 1_000);
  }

  stopScheduler(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Fire every enabled SCHEDULE trigger whose cron matches `minute`. Returns the started execution ids. */
  async evaluateSchedules(minute: Date): Promise<string[]> {
    const { db } = this.ctx;
    const rows = db
      .prepare("SELECT * FROM workflow_triggers WHERE kind = 'SCHEDULE' AND enabled = 1")
      .all() as TriggerRow[];
    const started: string[] = [];
    const scheduledAt = minute.toISOString();
    for (const t of rows) {
      if (!t.cron_expression) continue;
      let due = false;
      try {
        due = cronMatches(parseCron(t.cron_expression), minute);
      } catch {
        continue;
      }
      if (!due || t.last_fired_at === scheduledAt) continue;
      const inFlight = db
        .prepare("SELECT COUNT(*) AS n FROM workflow_executions WHERE triggered_by_trigger_id = ? AND status IN ('QUEUED','RUNNING')")
        .get(t.id) as { n: number };
      db.prepare("UPDATE workflow_triggers SET last_fired_at = ? WHERE id = ?").run(scheduledAt, t.id);
      if (inFlight.n > 0) {
        this.ctx.log("info", "scheduler: skipped tick, previous run still in flight", { triggerId: t.id, scheduledAt });
        continue;
      }
      const wf = findVisibleWorkflow(db, t.tenant_id, t.workflow_id, false);
      if (!wf) continue;
      try {
        const exec = await this.engine.start({
          workflow: wf,
          callerTenantId: t.tenant_id,
          start: { source: "SCHEDULE", executionId: randomUUID(), scheduledAt, schedule: t.cron_expression, triggerId: t.id },
          dryRun: false,
          triggeredByUserId: null,
          triggerId: t.id,
        });
        started.push(exec.id);
      } catch (err) {
        this.ctx.log("warn", "scheduler: trigger did not start a run", { triggerId: t.id, error: errorText(err) });
      }
    }
    return started;
  }

  /** Start one execution per enabled EVENT trigger of the tenant that matches the event. */
  async dispatch(event: DomainEventRecord): Promise<string[]> {
    const { db } = this.ctx;
    const types: Array<{ name: string }> = [{ name: event.eventType }];
    // custom types derived from this event (domainCondition.sourceEventType + filter)
    const derived = db
      .prepare("SELECT name, domain_condition FROM tenant_event_types WHERE tenant_id = ? AND enabled = 1 AND domain_condition IS NOT NULL")
      .all(event.tenantId) as Array<{ name: string; domain_condition: string }>;
    for (const d of derived) {
      try {
        const cond = JSON.parse(d.domain_condition) as { sourceEventType?: unknown; filter?: unknown };
        if (cond.sourceEventType === event.eventType && matchesFilter(cond.filter ?? null, event.payload)) types.push({ name: d.name });
      } catch {
        // a malformed stored condition never fires
      }
    }
    const started: string[] = [];
    for (const { name } of types) {
      const triggers = db
        .prepare("SELECT * FROM workflow_triggers WHERE tenant_id = ? AND kind = 'EVENT' AND enabled = 1 AND event_type = ?")
        .all(event.tenantId, name) as TriggerRow[];
      for (const t of triggers) {
        let filter: unknown = null;
        try {
          filter = t.filter ? (JSON.parse(t.filter) as unknown) : null;
        } catch {
          continue;
        }
        if (!matchesFilter(filter, event.payload)) continue;
        const wf = findVisibleWorkflow(db, t.tenant_id, t.workflow_id, false);
        if (!wf) continue;
        try {
          const exec = await this.engine.start({
            workflow: wf,
            callerTenantId: t.tenant_id,
            start: {
              source: "EVENT",
              envelope: { domainEventId: event.id, eventType: name, occurredAt: event.occurredAt, payload: event.payload },
            },
            dryRun: false,
            triggeredByUserId: null,
            triggerId: t.id,
          });
          started.push(exec.id);
        } catch (err) {
          this.ctx.log("warn", "dispatcher: trigger did not start a run", { triggerId: t.id, eventId: event.id, error: errorText(err) });
        }
      }
    }
    db.prepare("UPDATE domain_events SET dispatched_at = ? WHERE id = ? AND dispatched_at IS NULL").run(new Date().toISOString(), event.id);
    return started;
  }

  /** Dispatch events stored while the sandbox was down (the outbox). */
  async dispatchPending(): Promise<void> {
    const rows = this.ctx.db
      .prepare("SELECT id, tenant_id, event_type, payload, occurred_at FROM domain_events WHERE dispatched_at IS NULL ORDER BY occurred_at")
      .all() as Array<{ id: string; tenant_id: string; event_type: string; payload: string; occurred_at: string }>;
    for (const r of rows) {
      await this.dispatch({
        id: r.id,
        tenantId: r.tenant_id,
        eventType: r.event_type,
        payload: JSON.parse(r.payload) as unknown,
        occurredAt: r.occurred_at,
      });
    }
  }
}
