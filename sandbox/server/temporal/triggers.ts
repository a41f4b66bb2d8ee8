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
import { findVisibleWorkflow } from "../lib/workflows";

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
    const rows = db.prepare("SELECT * FROM workflow_triggers WHERE kind = 'SCHEDULE' AND enabled = 1").all() as TriggerRow[];
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
      db.prepare("UPDATE workflow_triggers SET last_fired_at = ? WHERE id = ?").run(scheduledAt, t.id);
      const id = await this.fireSchedule(t, scheduledAt);
      if (id) started.push(id);
    }
    return started;
  }

  /**
   * Start one SCHEDULE run of a trigger for the tick `scheduledAt`, unless its previous run is
   * still QUEUED/RUNNING. Returns the execution id, or null when skipped or refused.
   */
  async fireSchedule(t: TriggerRow, scheduledAt: string): Promise<string | null> {
    const { db } = this.ctx;
    const inFlight = db
      .prepare("SELECT COUNT(*) AS n FROM workflow_executions WHERE triggered_by_trigger_id = ? AND status IN ('QUEUED','RUNNING')")
      .get(t.id) as { n: number };
    if (inFlight.n > 0) {
      this.ctx.log("info", "scheduler: skipped tick, previous run still in flight", { triggerId: t.id, scheduledAt });
      return null;
    }
    const wf = findVisibleWorkflow(db, t.tenant_id, t.workflow_id);
    if (!wf || !t.cron_expression) return null;
    try {
      const exec = await this.engine.start({
        workflow: wf,
        callerTenantId: t.tenant_id,
        start: { source: "SCHEDULE", executionId: randomUUID(), scheduledAt, schedule: t.cron_expression, triggerId: t.id },
        dryRun: false,
        triggeredByUserId: null,
        triggerId: t.id,
      });
      return exec.id;
    } catch (err) {
      this.ctx.log("warn", "scheduler: trigger did not start a run", { triggerId: t.id, error: errorText(err) });
      return null;
    }
  }

  /** Fire a SCHEDULE trigger for the current minute (the demo seed and tests use it). */
  async fireScheduleNow(triggerId: string): Promise<string | null> {
    const t = this.ctx.db.prepare("SELECT * FROM workflow_triggers WHERE id = ? AND kind = 'SCHEDULE'").get(triggerId) as
      TriggerRow | undefined;
    if (!t) return null;
    return this.fireSchedule(t, minuteStart(new Date()).toISOString());
  }

  private readonly inFlight = new Set<Promise<string[]>>();

  /**
   * Start one execution per enabled EVENT trigger of the tenant whose event type and filter match.
   * Custom types derived from a built-in event arrive as their own events (lib/domain-events.ts).
   */
  dispatch(event: DomainEventRecord): Promise<string[]> {
    const p = this.dispatchNow(event);
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
    return p;
  }

  /** Resolves once every dispatch started so far has finished. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async dispatchNow(event: DomainEventRecord): Promise<string[]> {
    const { db } = this.ctx;
    const started: string[] = [];
    const triggers = db
      .prepare("SELECT * FROM workflow_triggers WHERE tenant_id = ? AND kind = 'EVENT' AND enabled = 1 AND event_type = ?")
      .all(event.tenantId, event.eventType) as TriggerRow[];
    for (const t of triggers) {
      let filter: unknown = null;
      try {
        filter = t.filter ? (JSON.parse(t.filter) as unknown) : null;
      } catch {
        continue;
      }
      if (!matchesFilter(filter, event.payload)) continue;
      const wf = findVisibleWorkflow(db, t.tenant_id, t.workflow_id);
      if (!wf) continue;
      try {
        const exec = await this.engine.start({
          workflow: wf,
          callerTenantId: t.tenant_id,
          start: {
            source: "EVENT",
            envelope: { domainEventId: event.id, eventType: event.eventType, occurredAt: event.occurredAt, payload: event.payload },
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
