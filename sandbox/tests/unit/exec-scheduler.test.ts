import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SandboxContext } from "../../server/context";
import { openDb, type Db } from "../../server/db";
import type { ExecutionEngine, StartOptions } from "../../server/temporal/engine";
import { minuteStart, TriggerRunner } from "../../server/temporal/triggers";

// The scheduler and dispatcher over a real SQLite database (migrated with every schema file),
// with the Temporal side replaced by a recorder that inserts the row the real engine would.
const TENANT = "t-1";
let dir = "";
let db: Db;
let starts: StartOptions[] = [];

function makeRunner(): TriggerRunner {
  const ctx = { db, log: () => undefined, onDomainEvent: [], onStart: [], onStop: [] } as unknown as SandboxContext;
  const engine = {
    start: (opts: StartOptions) => {
      starts.push(opts);
      const id = `exec-${starts.length}`;
      const now = new Date().toISOString();
      db.prepare(
        `INSERT INTO workflow_executions (id, tenant_id, workflow_id, status, trigger_source, triggered_by_trigger_id, dry_run, queued_at, created_at, updated_at)
         VALUES (?, ?, ?, 'RUNNING', ?, ?, 0, ?, ?, ?)`,
      ).run(id, opts.callerTenantId, opts.workflow.id, opts.start.source, opts.triggerId, now, now, now);
      return Promise.resolve({ id });
    },
  } as unknown as ExecutionEngine;
  return new TriggerRunner(ctx, engine);
}

function addTrigger(
  id: string,
  fields: { kind: "EVENT" | "SCHEDULE"; cron?: string; eventType?: string; filter?: unknown; enabled?: boolean },
) {
  const now = new Date().toISOString();
  db.prepare(
    `INSERT INTO workflow_triggers (id, tenant_id, workflow_id, kind, event_type, filter, cron_expression, enabled, created_at, updated_at)
     VALUES (?, ?, 'wf-1', ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    TENANT,
    fields.kind,
    fields.eventType ?? null,
    fields.filter === undefined ? null : JSON.stringify(fields.filter),
    fields.cron ?? null,
    fields.enabled === false ? 0 : 1,
    now,
    now,
  );
}

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "exec-scheduler-"));
  db = openDb(dir);
  const now = new Date().toISOString();
  db.prepare("INSERT INTO tenants (id, slug, name, created_at, updated_at) VALUES (?, 'acme', 'Acme', ?, ?)").run(TENANT, now, now);
  db.prepare(
    "INSERT INTO workflows (id, tenant_id, name, version, manifest, executable, created_at, updated_at) VALUES ('wf-1', ?, 'probe', '0.1.0', '{}', 1, ?, ?)",
  ).run(TENANT, now, now);
  starts = [];
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("schedule evaluation", () => {
  const at = new Date("2026-11-21T02:00:00.000Z");

  it("fires due triggers once per minute with the tick input", async () => {
    addTrigger("due", { kind: "SCHEDULE", cron: "0 2 * * *" });
    addTrigger("not-due", { kind: "SCHEDULE", cron: "5 2 * * *" });
    addTrigger("disabled", { kind: "SCHEDULE", cron: "* * * * *", enabled: false });
    const runner = makeRunner();
    expect(await runner.evaluateSchedules(at)).toEqual(["exec-1"]);
    expect(starts[0]?.start).toMatchObject({ source: "SCHEDULE", scheduledAt: at.toISOString(), schedule: "0 2 * * *", triggerId: "due" });
    expect(starts[0]).toMatchObject({ triggerId: "due", triggeredByUserId: null, dryRun: false, callerTenantId: TENANT });
    // the same minute again (e.g. a second evaluation) does not fire twice
    db.prepare("UPDATE workflow_executions SET status = 'COMPLETED'").run();
    expect(await runner.evaluateSchedules(at)).toEqual([]);
  });

  it("skips a tick while the trigger's previous run is in flight, fires again once it finished", async () => {
    addTrigger("every", { kind: "SCHEDULE", cron: "* * * * *" });
    const runner = makeRunner();
    expect(await runner.evaluateSchedules(at)).toEqual(["exec-1"]);
    expect(await runner.evaluateSchedules(new Date(at.getTime() + 60_000))).toEqual([]);
    db.prepare("UPDATE workflow_executions SET status = 'FAILED' WHERE id = 'exec-1'").run();
    expect(await runner.evaluateSchedules(new Date(at.getTime() + 120_000))).toEqual(["exec-2"]);
  });

  it("ignores retired workflows", async () => {
    addTrigger("every", { kind: "SCHEDULE", cron: "* * * * *" });
    db.prepare("UPDATE workflows SET status = 'RETIRED' WHERE id = 'wf-1'").run();
    expect(await makeRunner().evaluateSchedules(at)).toEqual([]);
  });

  it("computes minute starts in UTC", () => {
    expect(minuteStart(new Date("2026-11-21T02:03:59.999Z")).toISOString()).toBe("2026-11-21T02:03:00.000Z");
  });
});

describe("event dispatch", () => {
  it("starts one run per enabled matching trigger and marks the event dispatched", async () => {
    addTrigger("v1", { kind: "EVENT", eventType: "quote.accepted", filter: { region: "west" } });
    addTrigger("v2", { kind: "EVENT", eventType: "quote.accepted", filter: { path: "total", op: "gt", value: 100 } });
    addTrigger("other-type", { kind: "EVENT", eventType: "invoice.paid" });
    addTrigger("off", { kind: "EVENT", eventType: "quote.accepted", enabled: false });
    db.prepare(
      "INSERT INTO domain_events (id, tenant_id, event_type, payload, occurred_at) VALUES ('ev-1', ?, 'quote.accepted', '{}', ?)",
    ).run(TENANT, "2026-11-21T00:00:00.000Z");
    const runner = makeRunner();
    const ids = await runner.dispatch({
      id: "ev-1",
      tenantId: TENANT,
      eventType: "quote.accepted",
      occurredAt: "2026-11-21T00:00:00.000Z",
      payload: { region: "west", total: 50 },
    });
    expect(ids).toEqual(["exec-1"]);
    expect(starts[0]?.triggerId).toBe("v1");
    expect(starts[0]?.start).toEqual({
      source: "EVENT",
      envelope: {
        domainEventId: "ev-1",
        eventType: "quote.accepted",
        occurredAt: "2026-11-21T00:00:00.000Z",
        payload: { region: "west", total: 50 },
      },
    });
    const row = db.prepare("SELECT dispatched_at FROM domain_events WHERE id = 'ev-1'").get() as { dispatched_at: string | null };
    expect(row.dispatched_at).not.toBeNull();
    await runner.dispatch({
      id: "ev-2",
      tenantId: TENANT,
      eventType: "quote.accepted",
      occurredAt: "2026-11-21T00:00:01.000Z",
      payload: { region: "east", total: 500 },
    });
    expect(starts.map((s) => s.triggerId)).toEqual(["v1", "v2"]);
    await runner.dispatch({
      id: "ev-3",
      tenantId: "someone-else",
      eventType: "quote.accepted",
      occurredAt: "2026-11-21T00:00:02.000Z",
      payload: { region: "west" },
    });
    expect(starts).toHaveLength(2);
  });
});
