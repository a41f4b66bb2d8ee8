import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { RouteModule, SandboxContext } from "../context";
import { authenticate, requireAction } from "../auth/middleware";
import { nowIso, parseJsonColumn } from "../db";
import { notFound, ok, parseJsonBody, validationError } from "../http";
import { validateCron } from "../lib/cron";
import { validateFilterExpr } from "../lib/event-filter";
import { isReservedEventType } from "../lib/event-types";
import { findVisibleWorkflow } from "../lib/workflows";

/** A `workflow_triggers` row. */
export interface TriggerRow {
  id: string;
  tenant_id: string;
  workflow_id: string;
  kind: "EVENT" | "SCHEDULE";
  event_type: string | null;
  filter: string | null;
  cron_expression: string | null;
  enabled: number;
  created_by_user_id: string | null;
  last_fired_at: string | null;
  created_at: string;
  updated_at: string;
}

/** The contract's trigger object (§7). */
export function toTriggerResponse(row: TriggerRow) {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    workflowId: row.workflow_id,
    kind: row.kind,
    eventType: row.event_type,
    filter: parseJsonColumn(row.filter),
    cronExpression: row.cron_expression,
    enabled: row.enabled === 1,
    createdByUserId: row.created_by_user_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const createSchema = z.object({
  kind: z.enum(["EVENT", "SCHEDULE"]),
  eventType: z.string().min(1).max(200).nullish(),
  filter: z.unknown().optional(),
  cronExpression: z.string().min(1).max(200).nullish(),
  enabled: z.boolean().optional(),
});

const patchSchema = z.strictObject({
  enabled: z.boolean().optional(),
  eventType: z.string().min(1).max(200).nullish(),
  filter: z.unknown().optional(),
  cronExpression: z.string().min(1).max(200).nullish(),
});

/** Whether a trigger may subscribe to `eventType` in this tenant (built-in, integration, enabled custom). */
function eventTypeAllowed(ctx: SandboxContext, tenantId: string, eventType: string): boolean {
  if (isReservedEventType(eventType)) return true;
  return !!ctx.db.prepare("SELECT 1 FROM tenant_event_types WHERE tenant_id = ? AND name = ? AND enabled = 1").get(tenantId, eventType);
}

function checkEventFields(ctx: SandboxContext, tenantId: string, eventType: string | null | undefined, filter: unknown): void {
  if (!eventType) throw validationError("eventType is required for EVENT triggers");
  if (!eventTypeAllowed(ctx, tenantId, eventType)) {
    throw validationError(`Unknown event type "${eventType}": use a built-in, integration or enabled custom event type`);
  }
  const filterError = validateFilterExpr(filter);
  if (filterError) throw validationError(filterError);
}

function checkCron(cron: string | null | undefined): string {
  if (!cron) throw validationError("cronExpression is required for SCHEDULE triggers");
  const err = validateCron(cron);
  if (err) throw validationError(`Invalid cronExpression: ${err}`);
  return cron.trim().split(/\s+/).join(" ");
}

/** Trigger CRUD (§7): rows always belong to the caller's tenant, even on GLOBAL workflows. */
export const register: RouteModule = (app, ctx) => {
  const auth = authenticate(ctx);
  const getTrigger = (tenantId: string, workflowId: string, triggerId: string) =>
    ctx.db
      .prepare("SELECT * FROM workflow_triggers WHERE id = ? AND workflow_id = ? AND tenant_id = ?")
      .get(triggerId, workflowId, tenantId) as TriggerRow | undefined;

  // GET /workflows/:id/triggers — caller-tenant triggers, newest first (works on retired workflows)
  app.get("/workflows/:id/triggers", auth, requireAction("ReadWorkflow"), (c) => {
    const p = c.get("principal");
    const wf = findVisibleWorkflow(ctx.db, p.tenantId, c.req.param("id"), { includeRetired: true });
    if (!wf) throw notFound("Workflow not found");
    const rows = ctx.db
      .prepare("SELECT * FROM workflow_triggers WHERE workflow_id = ? AND tenant_id = ? ORDER BY created_at DESC, id DESC")
      .all(wf.id, p.tenantId) as TriggerRow[];
    return ok(c, rows.map(toTriggerResponse), { meta: { count: rows.length } });
  });

  // POST /workflows/:id/triggers — create an EVENT or SCHEDULE trigger
  app.post("/workflows/:id/triggers", auth, requireAction("ManageWorkflowTriggers"), async (c) => {
    const p = c.get("principal");
    const body = await parseJsonBody(c, createSchema);
    const wf = findVisibleWorkflow(ctx.db, p.tenantId, c.req.param("id"));
    if (!wf) throw notFound("Workflow not found");
    let eventType: string | null = null;
    let filter: unknown = null;
    let cron: string | null = null;
    if (body.kind === "EVENT") {
      if (body.cronExpression != null) throw validationError("cronExpression is only allowed on SCHEDULE triggers");
      checkEventFields(ctx, p.tenantId, body.eventType, body.filter);
      eventType = body.eventType ?? null;
      filter = body.filter ?? null;
    } else {
      if (body.eventType != null || body.filter != null) throw validationError("eventType and filter are only allowed on EVENT triggers");
      cron = checkCron(body.cronExpression);
    }
    const id = randomUUID();
    const now = nowIso();
    ctx.db
      .prepare(
        `INSERT INTO workflow_triggers (id, tenant_id, workflow_id, kind, event_type, filter, cron_expression, enabled, created_by_user_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        p.tenantId,
        wf.id,
        body.kind,
        eventType,
        filter === null ? null : JSON.stringify(filter),
        cron,
        body.enabled === false ? 0 : 1,
        p.userId,
        now,
        now,
      );
    return ok(c, toTriggerResponse(getTrigger(p.tenantId, wf.id, id) as TriggerRow), { status: 201 });
  });

  // PATCH /workflows/:id/triggers/:triggerId — partial update; kind cannot change
  app.patch("/workflows/:id/triggers/:triggerId", auth, requireAction("ManageWorkflowTriggers"), async (c) => {
    const p = c.get("principal");
    const body = await parseJsonBody(c, patchSchema);
    const wf = findVisibleWorkflow(ctx.db, p.tenantId, c.req.param("id"), { includeRetired: true });
    const row = wf ? getTrigger(p.tenantId, wf.id, c.req.param("triggerId")) : undefined;
    if (!row) throw notFound("Trigger not found");
    let eventType = row.event_type;
    let filter: unknown = parseJsonColumn(row.filter);
    let cron = row.cron_expression;
    if (row.kind === "EVENT") {
      if (body.cronExpression !== undefined) throw validationError("cronExpression is only allowed on SCHEDULE triggers");
      if (body.eventType !== undefined) eventType = body.eventType;
      if (body.filter !== undefined) filter = body.filter;
      if (body.eventType !== undefined || body.filter !== undefined) checkEventFields(ctx, p.tenantId, eventType, filter);
    } else {
      if (body.eventType !== undefined || body.filter !== undefined) {
        throw validationError("eventType and filter are only allowed on EVENT triggers");
      }
      if (body.cronExpression !== undefined) cron = checkCron(body.cronExpression);
    }
    const enabled = body.enabled === undefined ? row.enabled : body.enabled ? 1 : 0;
    ctx.db
      .prepare("UPDATE workflow_triggers SET event_type = ?, filter = ?, cron_expression = ?, enabled = ?, updated_at = ? WHERE id = ?")
      .run(eventType, filter === null || filter === undefined ? null : JSON.stringify(filter), cron, enabled, nowIso(), row.id);
    return ok(c, toTriggerResponse(getTrigger(p.tenantId, row.workflow_id, row.id) as TriggerRow));
  });

  // DELETE /workflows/:id/triggers/:triggerId — hard delete
  app.delete("/workflows/:id/triggers/:triggerId", auth, requireAction("ManageWorkflowTriggers"), (c) => {
    const p = c.get("principal");
    const wf = findVisibleWorkflow(ctx.db, p.tenantId, c.req.param("id"), { includeRetired: true });
    const row = wf ? getTrigger(p.tenantId, wf.id, c.req.param("triggerId")) : undefined;
    if (!row) throw notFound("Trigger not found");
    ctx.db.prepare("DELETE FROM workflow_triggers WHERE id = ?").run(row.id);
    return c.body(null, 204);
  });
};
