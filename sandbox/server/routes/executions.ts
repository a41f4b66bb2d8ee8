import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { RouteModule } from "../context";
import { authenticate, requireAction } from "../auth/middleware";
import { ApiError, notFound, ok, parseJsonBody, parseQuery } from "../http";
import { recordDomainEvent } from "../lib/domain-events";
import { BUILTIN_EVENT_TYPES, INTEGRATION_EVENT_TYPES } from "../lib/event-types";
import { canRetry } from "../temporal/lanes";
import { findVisibleWorkflow } from "../lib/workflows";
import { getExecution, listExecutions, toExecutionResponse } from "../temporal/store";
import { register as registerRuntimeExtra } from "./runtime-extra";

const runBodySchema = z
  .object({
    input: z.record(z.string(), z.unknown()).optional(),
    mode: z.enum(["live", "dry_run"]).optional(),
  })
  .strict();

const listQuerySchema = z.object({
  limit: z
    .string()
    .optional()
    .transform((v, c) => {
      if (v === undefined) return 50;
      if (!/^\d+$/.test(v) || Number(v) < 1) {
        c.addIssue({ code: "custom", message: "limit must be a positive integer" });
        return z.NEVER;
      }
      return Math.min(Number(v), 200);
    }),
  before: z.string().min(1).optional(),
});

const domainEventSchema = z
  .object({
    eventType: z.enum([...BUILTIN_EVENT_TYPES, ...INTEGRATION_EVENT_TYPES]),
    payload: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();

/**
 * Runs, executions, history, cancel/retry (§4–§5), the trigger scheduler and dispatcher (§7),
 * Temporal + tenant runner lifecycle, and the runtime routes of `runtime-extra.ts`.
 */
export const register: RouteModule = (app, ctx) => {
  // Built by the composition root (sandbox.ts); absent only on throw-away contexts that serve nothing.
  if (!ctx.executions) throw new Error("routes/executions needs ctx.executions (createExecutionsRuntime)");
  const { engine, triggers } = ctx.executions;

  const auth = authenticate(ctx);

  function visibleWorkflow(tenantId: string, id: string, includeRetired: boolean) {
    const wf = findVisibleWorkflow(ctx.db, tenantId, id, { includeRetired });
    if (!wf) throw notFound("Workflow not found");
    return wf;
  }

  // POST /workflows/:id/run — start an execution (201; lanes and limits of §4.1–§4.2)
  app.post("/workflows/:id/run", auth, requireAction("RunWorkflow"), async (c) => {
    const principal = c.get("principal");
    const wf = visibleWorkflow(principal.tenantId, c.req.param("id"), false);
    const body = await parseJsonBody(c, runBodySchema, {});
    const execution = await engine.start({
      workflow: wf,
      callerTenantId: principal.tenantId,
      start: { source: "USER", executionId: randomUUID(), input: body.input ?? {} },
      dryRun: body.mode === "dry_run",
      triggeredByUserId: principal.userId,
      triggerId: null,
    });
    return ok(c, execution, { status: 201 });
  });

  // GET /workflows/:id/executions — newest first, keyset pages by `before`
  app.get("/workflows/:id/executions", auth, requireAction("ReadWorkflow"), (c) => {
    const principal = c.get("principal");
    const wf = visibleWorkflow(principal.tenantId, c.req.param("id"), true);
    const q = parseQuery(c, listQuerySchema);
    const rows = listExecutions(ctx.db, principal.tenantId, wf.id, q.limit, q.before ?? null);
    return ok(c, rows.map(toExecutionResponse), { meta: { count: rows.length, limit: q.limit } });
  });

  function visibleExecution(tenantId: string, workflowId: string, executionId: string) {
    const wf = visibleWorkflow(tenantId, workflowId, true);
    const row = getExecution(ctx.db, tenantId, wf.id, executionId);
    if (!row) throw notFound("Execution not found");
    return { wf, row };
  }

  // GET /workflows/:id/executions/:executionId — one execution
  app.get("/workflows/:id/executions/:executionId", auth, requireAction("ReadWorkflow"), (c) => {
    const { row } = visibleExecution(c.get("principal").tenantId, c.req.param("id"), c.req.param("executionId"));
    return ok(c, toExecutionResponse(row));
  });

  // GET /workflows/:id/executions/:executionId/history — the flattened Temporal timeline (§5)
  app.get("/workflows/:id/executions/:executionId/history", auth, requireAction("ReadWorkflow"), async (c) => {
    const { row } = visibleExecution(c.get("principal").tenantId, c.req.param("id"), c.req.param("executionId"));
    return ok(c, { events: await engine.history(row) });
  });

  // POST /workflows/:id/executions/:executionId/cancel — 202 with the row unchanged
  app.post("/workflows/:id/executions/:executionId/cancel", auth, requireAction("CancelWorkflowExecution"), async (c) => {
    const { row } = visibleExecution(c.get("principal").tenantId, c.req.param("id"), c.req.param("executionId"));
    return ok(c, await engine.cancel(row), { status: 202 });
  });

  // POST /workflows/:id/executions/:executionId/retry — 201 with a new execution
  app.post("/workflows/:id/executions/:executionId/retry", auth, requireAction("RetryWorkflowExecution"), async (c) => {
    const principal = c.get("principal");
    const wf = visibleWorkflow(principal.tenantId, c.req.param("id"), false);
    const row = getExecution(ctx.db, principal.tenantId, wf.id, c.req.param("executionId"));
    if (!row) throw notFound("Execution not found");
    if (!canRetry(row.status)) {
      throw new ApiError(
        409,
        "EXECUTION_NOT_RETRYABLE",
        `Execution is ${row.status} — only FAILED, TIMED_OUT or CANCELLED executions can be retried`,
      );
    }
    const stored: unknown = row.input === null ? null : JSON.parse(row.input);
    const input = stored !== null && typeof stored === "object" && !Array.isArray(stored) ? (stored as Record<string, unknown>) : {};
    const execution = await engine.start({
      workflow: wf,
      callerTenantId: principal.tenantId,
      start: { source: "USER", executionId: randomUUID(), input },
      dryRun: row.dry_run === 1,
      triggeredByUserId: principal.userId,
      triggerId: null,
    });
    return ok(c, execution, { status: 201 });
  });

  // POST /_sandbox/domain-events — SANDBOX ONLY (not in the Pegasus contract): raise a built-in
  // domain event for the caller's tenant, as the platform would when a quote is accepted etc.
  app.post("/_sandbox/domain-events", auth, requireAction("RunWorkflow"), async (c) => {
    const principal = c.get("principal");
    const body = await parseJsonBody(c, domainEventSchema);
    const before = new Date().toISOString();
    const event = recordDomainEvent(ctx, {
      tenantId: principal.tenantId,
      eventType: body.eventType,
      payload: body.payload,
      userId: principal.userId,
    });
    // listeners run on the next turn; wait for them so the answer lists the runs they started
    await new Promise((resolve) => setImmediate(resolve));
    await triggers.idle();
    const started = ctx.db
      .prepare(
        "SELECT id FROM workflow_executions WHERE tenant_id = ? AND trigger_source = 'EVENT' AND created_at >= ? ORDER BY created_at",
      )
      .all(principal.tenantId, before) as Array<{ id: string }>;
    return ok(c, { ...event, executionIds: started.map((r) => r.id) }, { status: 201 });
  });

  registerRuntimeExtra(app, ctx);
};
