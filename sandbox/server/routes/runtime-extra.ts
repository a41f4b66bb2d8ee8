import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Principal, RouteModule, SandboxContext } from "../context";
import { authenticate, requireAction } from "../auth/middleware";
import { ApiError, notFound, ok, parseJsonBody } from "../http";

/**
 * Runtime routes the SDK's `PegasusClient.from_runtime()` calls from inside activities of the demo
 * workflows (beyond the core's secret/config reads): SMS and email "sending" into a sandbox outbox,
 * integration projections, and the invoice read. Billable actions land in `usage_events`
 * (§10.2: sends are billable; reads, replays and non-2xx answers are free).
 */

const E164 = /^\+[1-9]\d{6,14}$/;
const DEDUP = /^[A-Za-z0-9._:-]{1,200}$/;

const smsSchema = z
  .object({
    to: z.string().regex(E164, "to must be an E.164 phone number"),
    body: z.string().min(1).max(1000),
    dedupKey: z.string().regex(DEDUP).optional(),
  })
  .strict();

const emailSchema = z
  .object({
    to: z.union([z.string().email(), z.array(z.string().email()).min(1).max(10)]),
    cc: z.array(z.string().email()).max(10).optional(),
    subject: z.string().min(1).max(300),
    body: z.string().max(100_000),
    bodyType: z.enum(["text", "html"]).default("text"),
    dedupKey: z.string().regex(DEDUP).optional(),
  })
  .strict();

const projectionPutSchema = z
  .object({
    state: z.record(z.string(), z.unknown()),
    localEntityType: z.string().min(1).max(64).optional(),
    localEntityId: z.string().min(1).max(200).optional(),
  })
  .strict()
  .refine((b) => (b.localEntityType === undefined) === (b.localEntityId === undefined), {
    message: "localEntityType and localEntityId must be supplied together",
  });

const SEGMENT = /^[A-Za-z0-9._:-]{1,200}$/;

function segment(value: string, name: string): string {
  if (!SEGMENT.test(value)) throw new ApiError(400, "VALIDATION_ERROR", `${name} is invalid`);
  return value;
}

/** The workflow whose runtime key made the call (`wf-runtime-<workflowId>`), or null. */
function runtimeWorkflowId(ctx: SandboxContext, principal: Principal): string | null {
  if (principal.credential !== "api_key") return null;
  const row = ctx.db
    .prepare("SELECT name FROM api_clients WHERE acts_as_user_id = ? AND name LIKE 'wf-runtime-%' LIMIT 1")
    .get(principal.userId) as { name: string } | undefined;
  return row ? row.name.slice("wf-runtime-".length) : null;
}

/** The newest open execution of that workflow (what the usage row is attributed to). */
function currentExecutionId(ctx: SandboxContext, tenantId: string, workflowId: string | null): string | null {
  if (!workflowId) return null;
  const row = ctx.db
    .prepare(
      "SELECT id FROM workflow_executions WHERE tenant_id = ? AND workflow_id = ? AND status = 'RUNNING' ORDER BY queued_at DESC LIMIT 1",
    )
    .get(tenantId, workflowId) as { id: string } | undefined;
  return row?.id ?? null;
}

/** Record one usage event (billable unless told otherwise). */
export function recordUsage(ctx: SandboxContext, principal: Principal, action: string, billable = true): void {
  const workflowId = runtimeWorkflowId(ctx, principal);
  ctx.db
    .prepare(
      "INSERT INTO usage_events (id, tenant_id, workflow_id, execution_id, action, billable, occurred_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .run(
      randomUUID(),
      principal.tenantId,
      workflowId,
      currentExecutionId(ctx, principal.tenantId, workflowId),
      action,
      billable ? 1 : 0,
      new Date().toISOString(),
    );
}

interface OutboundRow {
  id: string;
  recipient: string;
  subject: string | null;
  body: string;
  created_at: string;
}

interface ProjectionRow {
  id: string;
  integration_id: string;
  entity_type: string;
  entity_key: string;
  state: string;
  version: number;
  local_entity_type: string | null;
  local_entity_id: string | null;
  correlated_at: string | null;
  updated_by_user_id: string | null;
  created_at: string;
  updated_at: string;
}

function toProjection(r: ProjectionRow) {
  return {
    id: r.id,
    integrationId: r.integration_id,
    entityType: r.entity_type,
    entityKey: r.entity_key,
    state: JSON.parse(r.state) as unknown,
    version: r.version,
    updatedByUserId: r.updated_by_user_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Demo tenant's overdue invoices (the sandbox has no billing system behind `/runtime/invoices`). */
const SANDBOX_INVOICES = [
  {
    id: "INV-1042",
    number: "1042",
    status: "OVERDUE",
    overdueDays: 12,
    balanceCents: 48500,
    customerName: "Dana Whitfield",
    customerPhone: "+15550100042",
  },
  {
    id: "INV-1057",
    number: "1057",
    status: "OVERDUE",
    overdueDays: 31,
    balanceCents: 129900,
    customerName: "Omar Haddad",
    customerPhone: "+15550100057",
  },
  {
    id: "INV-1063",
    number: "1063",
    status: "OPEN",
    overdueDays: 0,
    balanceCents: 22000,
    customerName: "Lena Park",
    customerPhone: "+15550100063",
  },
];

export const register: RouteModule = (app, ctx) => {
  const auth = authenticate(ctx);

  // POST /sms/send — send an SMS (into the sandbox outbox); SendSms; dedupKey makes it idempotent; 404 while the tenant's SMS provider is not connected
  app.post("/sms/send", auth, requireAction("SendSms"), async (c) => {
    const principal = c.get("principal");
    const body = await parseJsonBody(c, smsSchema);
    // §4.6: a tenant without a connected RingCentral account gets 404 "RingCentral is not connected".
    const tenant = ctx.db.prepare("SELECT sms_provider_connected FROM tenants WHERE id = ?").get(principal.tenantId) as
      { sms_provider_connected: number } | undefined;
    if (tenant?.sms_provider_connected === 0) throw new ApiError(404, "NOT_FOUND", "RingCentral is not connected");
    if (body.dedupKey) {
      const prior = ctx.db
        .prepare(
          "SELECT id, recipient, subject, body, created_at FROM sandbox_outbound_messages WHERE tenant_id = ? AND channel = 'SMS' AND dedup_key = ?",
        )
        .get(principal.tenantId, body.dedupKey) as OutboundRow | undefined;
      if (prior) {
        if (prior.recipient !== body.to || prior.body !== body.body) {
          throw new ApiError(409, "IDEMPOTENCY_KEY_REUSED", "dedupKey was already used for a different message");
        }
        return ok(c, { id: prior.id, status: "sent", alreadySent: true });
      }
    }
    const id = `SMS-${randomUUID()}`;
    ctx.db
      .prepare(
        "INSERT INTO sandbox_outbound_messages (id, tenant_id, channel, recipient, subject, body, dedup_key, sent_by_user_id, created_at) VALUES (?, ?, 'SMS', ?, NULL, ?, ?, ?, ?)",
      )
      .run(id, principal.tenantId, body.to, body.body, body.dedupKey ?? null, principal.userId, new Date().toISOString());
    recordUsage(ctx, principal, "SendSms");
    return ok(c, { id, status: "sent", alreadySent: false }, { status: 201 });
  });

  // POST /email/send — internal email (sandbox outbox); SendEmail
  app.post("/email/send", auth, requireAction("SendEmail"), async (c) => {
    const principal = c.get("principal");
    const body = await parseJsonBody(c, emailSchema);
    const recipient = JSON.stringify({ to: body.to, cc: body.cc ?? [] });
    if (body.dedupKey) {
      const prior = ctx.db
        .prepare(
          "SELECT id, recipient, subject, body, created_at FROM sandbox_outbound_messages WHERE tenant_id = ? AND channel = 'EMAIL' AND dedup_key = ?",
        )
        .get(principal.tenantId, body.dedupKey) as OutboundRow | undefined;
      if (prior) {
        if (prior.recipient !== recipient || prior.body !== body.body || prior.subject !== body.subject) {
          throw new ApiError(409, "IDEMPOTENCY_KEY_REUSED", "dedupKey was already used for a different email");
        }
        return ok(c, { id: prior.id, alreadySent: true });
      }
    }
    const id = `EMAIL-${randomUUID()}`;
    ctx.db
      .prepare(
        "INSERT INTO sandbox_outbound_messages (id, tenant_id, channel, recipient, subject, body, dedup_key, sent_by_user_id, created_at) VALUES (?, ?, 'EMAIL', ?, ?, ?, ?, ?, ?)",
      )
      .run(id, principal.tenantId, recipient, body.subject, body.body, body.dedupKey ?? null, principal.userId, new Date().toISOString());
    recordUsage(ctx, principal, "SendEmail");
    return ok(c, { id, alreadySent: false }, { status: 201 });
  });

  // GET /runtime/invoices — invoice list for runtime keys (ReadInvoice); sandbox fixture data
  app.get("/runtime/invoices", auth, requireAction("ReadInvoice"), (c) => {
    const status = c.req.query("status");
    const overdueDays = Number(c.req.query("overdueDays") ?? "0");
    const rows = SANDBOX_INVOICES.filter(
      (i) => (!status || i.status === status) && (!Number.isFinite(overdueDays) || i.overdueDays >= overdueDays),
    );
    return ok(c, rows, { meta: { count: rows.length } });
  });

  const base = "/integration-projections/runtime/:integration/:entityType";

  // GET …/runtime/:integration/:entityType — list cached projections (ReadIntegrationProjection)
  app.get(base, auth, requireAction("ReadIntegrationProjection"), (c) => {
    const p = c.get("principal");
    const rows = ctx.db
      .prepare("SELECT * FROM integration_projections WHERE tenant_id = ? AND integration_id = ? AND entity_type = ? ORDER BY entity_key")
      .all(
        p.tenantId,
        segment(c.req.param("integration"), "integration"),
        segment(c.req.param("entityType"), "entityType"),
      ) as ProjectionRow[];
    return ok(c, rows.map(toProjection), { meta: { count: rows.length, nextCursor: null } });
  });

  // GET …/by-local/:localEntityType/:localEntityId — read by the tenant's own entity id
  app.get(`${base}/by-local/:localType/:localId`, auth, requireAction("ReadIntegrationProjection"), (c) => {
    const p = c.get("principal");
    const row = ctx.db
      .prepare(
        "SELECT * FROM integration_projections WHERE tenant_id = ? AND integration_id = ? AND entity_type = ? AND local_entity_type = ? AND local_entity_id = ?",
      )
      .get(p.tenantId, c.req.param("integration"), c.req.param("entityType"), c.req.param("localType"), c.req.param("localId")) as
      ProjectionRow | undefined;
    if (!row) throw notFound("No correlation for that entity");
    return ok(c, {
      integrationId: row.integration_id,
      entityType: row.entity_type,
      localEntityType: row.local_entity_type,
      localEntityId: row.local_entity_id,
      entityKey: row.entity_key,
      correlatedAt: row.correlated_at,
      projection: toProjection(row),
    });
  });

  // GET …/:key — one cached projection
  app.get(`${base}/:key`, auth, requireAction("ReadIntegrationProjection"), (c) => {
    const p = c.get("principal");
    const row = ctx.db
      .prepare("SELECT * FROM integration_projections WHERE tenant_id = ? AND integration_id = ? AND entity_type = ? AND entity_key = ?")
      .get(p.tenantId, c.req.param("integration"), c.req.param("entityType"), c.req.param("key")) as ProjectionRow | undefined;
    if (!row) throw notFound("Projection not found");
    return ok(c, toProjection(row));
  });

  // PUT …/:key — upsert state (version + 1), optional correlation binding (WriteIntegrationProjection)
  app.put(`${base}/:key`, auth, requireAction("WriteIntegrationProjection"), async (c) => {
    const p = c.get("principal");
    const integration = segment(c.req.param("integration"), "integration");
    const entityType = segment(c.req.param("entityType"), "entityType");
    const key = segment(c.req.param("key"), "key");
    const body = await parseJsonBody(c, projectionPutSchema);
    const stateText = JSON.stringify(body.state);
    if (stateText.length > 256 * 1024) throw new ApiError(413, "PAYLOAD_TOO_LARGE", "state is too large");
    const now = new Date().toISOString();
    const status = typeof body.state.status === "string" ? body.state.status : null;
    const existing = ctx.db
      .prepare("SELECT * FROM integration_projections WHERE tenant_id = ? AND integration_id = ? AND entity_type = ? AND entity_key = ?")
      .get(p.tenantId, integration, entityType, key) as ProjectionRow | undefined;
    let correlation: { outcome: string; error?: string } | undefined;
    if (body.localEntityType && body.localEntityId) {
      const bound = ctx.db
        .prepare(
          "SELECT entity_key FROM integration_projections WHERE tenant_id = ? AND integration_id = ? AND entity_type = ? AND local_entity_type = ? AND local_entity_id = ? AND entity_key <> ?",
        )
        .get(p.tenantId, integration, entityType, body.localEntityType, body.localEntityId, key) as { entity_key: string } | undefined;
      if (bound) correlation = { outcome: "conflict", error: `already bound to ${bound.entity_key}` };
      else if (existing?.local_entity_id === body.localEntityId && existing.local_entity_type === body.localEntityType)
        correlation = { outcome: "unchanged" };
      else correlation = { outcome: existing?.local_entity_id ? "rebound" : "created" };
    }
    const bind = correlation && correlation.outcome !== "conflict";
    if (existing) {
      ctx.db
        .prepare(
          `UPDATE integration_projections SET state = ?, status = ?, version = version + 1, updated_by_user_id = ?, updated_at = ?,
             local_entity_type = COALESCE(?, local_entity_type), local_entity_id = COALESCE(?, local_entity_id),
             correlated_at = CASE WHEN ? THEN ? ELSE correlated_at END
           WHERE id = ?`,
        )
        .run(
          stateText,
          status,
          p.userId,
          now,
          bind ? body.localEntityType : null,
          bind ? body.localEntityId : null,
          bind ? 1 : 0,
          now,
          existing.id,
        );
    } else {
      ctx.db
        .prepare(
          `INSERT INTO integration_projections (id, tenant_id, integration_id, entity_type, entity_key, state, status, version,
             local_entity_type, local_entity_id, correlated_at, updated_by_user_id, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          randomUUID(),
          p.tenantId,
          integration,
          entityType,
          key,
          stateText,
          status,
          bind ? body.localEntityType : null,
          bind ? body.localEntityId : null,
          bind ? now : null,
          p.userId,
          now,
          now,
        );
    }
    const row = ctx.db
      .prepare("SELECT * FROM integration_projections WHERE tenant_id = ? AND integration_id = ? AND entity_type = ? AND entity_key = ?")
      .get(p.tenantId, integration, entityType, key) as ProjectionRow;
    return c.json({ data: toProjection(row), ...(correlation ? { correlation } : {}) }, existing ? 200 : 201);
  });

  // DELETE …/:key — remove one cached projection
  app.delete(`${base}/:key`, auth, requireAction("WriteIntegrationProjection"), (c) => {
    const p = c.get("principal");
    const r = ctx.db
      .prepare("DELETE FROM integration_projections WHERE tenant_id = ? AND integration_id = ? AND entity_type = ? AND entity_key = ?")
      .run(p.tenantId, c.req.param("integration"), c.req.param("entityType"), c.req.param("key"));
    if (r.changes === 0) throw notFound("Projection not found");
    return c.body(null, 204);
  });
};
