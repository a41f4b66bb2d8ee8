import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { RouteModule, SandboxContext } from "../context";
import { authenticate, requireAction } from "../auth/middleware";
import { nowIso, parseJsonColumn } from "../db";
import { ApiError, notFound, ok, parseJsonBody, parseQuery, validationError } from "../http";
import { recordDomainEvent } from "../lib/domain-events";
import { validateFilterExpr } from "../lib/event-filter";
import { BUILTIN_EVENT_TYPES, isBuiltinEventType, isReservedEventType } from "../lib/event-types";
import { validateJsonSchema } from "../lib/json-schema";

const NAME_RE = /^[a-z][a-z0-9_.-]{0,127}$/;

const domainConditionSchema = z.object({
  sourceEventType: z.string(),
  filter: z.unknown().optional(),
});
const jsonObject = z.record(z.string(), z.unknown());

const createSchema = z.object({
  name: z.string().regex(NAME_RE, "name must match ^[a-z][a-z0-9_.-]{0,127}$"),
  description: z.string().max(1000).optional(),
  payloadSchema: jsonObject.optional(),
  domainCondition: domainConditionSchema.optional(),
  enabled: z.boolean().optional(),
});
const patchSchema = z.strictObject({
  description: z.string().max(1000).nullable().optional(),
  payloadSchema: jsonObject.nullable().optional(),
  domainCondition: domainConditionSchema.nullable().optional(),
  enabled: z.boolean().nullable().optional(),
});
const listQuerySchema = z.object({ enabled: z.enum(["true", "false"]).optional() });
const emitSchema = z.object({ payload: z.unknown().optional() });

interface EventTypeRow {
  id: string;
  tenant_id: string;
  name: string;
  description: string | null;
  payload_schema: string | null;
  domain_condition: string | null;
  enabled: number;
  created_by_user_id: string | null;
  created_at: string;
  updated_at: string;
}

function toEventType(r: EventTypeRow) {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    name: r.name,
    description: r.description,
    payloadSchema: parseJsonColumn(r.payload_schema),
    domainCondition: parseJsonColumn(r.domain_condition),
    enabled: r.enabled === 1,
    createdByUserId: r.created_by_user_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function checkDomainCondition(cond: z.infer<typeof domainConditionSchema> | null | undefined): void {
  if (!cond) return;
  if (!isBuiltinEventType(cond.sourceEventType)) {
    throw validationError(`domainCondition.sourceEventType must be a built-in event type (${BUILTIN_EVENT_TYPES.join(", ")})`);
  }
  const err = validateFilterExpr(cond.filter);
  if (err) throw validationError(`domainCondition.${err}`);
}

function findType(ctx: SandboxContext, tenantId: string, name: string): EventTypeRow | undefined {
  return ctx.db.prepare("SELECT * FROM tenant_event_types WHERE tenant_id = ? AND name = ?").get(tenantId, name) as
    EventTypeRow | undefined;
}

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

/** Custom event types and emit (§10.1); the whole surface is 404 unless `customEvents` is on. */
export const register: RouteModule = (app, ctx) => {
  const auth = authenticate(ctx);
  const gate = async (_c: unknown, next: () => Promise<void>) => {
    if (!ctx.config.customEvents) throw notFound("Not found");
    await next();
  };
  app.use("/event-types", gate);
  app.use("/event-types/*", gate);

  // GET /event-types — the tenant's custom event types
  app.get("/event-types", auth, requireAction("ManageEventTypes"), (c) => {
    const q = parseQuery(c, listQuerySchema);
    const rows = ctx.db
      .prepare(`SELECT * FROM tenant_event_types WHERE tenant_id = ? ${q.enabled ? "AND enabled = ?" : ""} ORDER BY name`)
      .all(...(q.enabled ? [c.get("principal").tenantId, q.enabled === "true" ? 1 : 0] : [c.get("principal").tenantId])) as EventTypeRow[];
    return ok(c, rows.map(toEventType));
  });

  // POST /event-types — register a custom event type
  app.post("/event-types", auth, requireAction("ManageEventTypes"), async (c) => {
    const p = c.get("principal");
    const body = await parseJsonBody(c, createSchema);
    if (isReservedEventType(body.name)) throw validationError(`"${body.name}" is a built-in event type name`);
    checkDomainCondition(body.domainCondition);
    if (findType(ctx, p.tenantId, body.name)) throw new ApiError(409, "CONFLICT", `Event type "${body.name}" already exists`);
    const now = nowIso();
    ctx.db
      .prepare(
        `INSERT INTO tenant_event_types (id, tenant_id, name, description, payload_schema, domain_condition, enabled, created_by_user_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        randomUUID(),
        p.tenantId,
        body.name,
        body.description ?? null,
        json(body.payloadSchema),
        json(body.domainCondition),
        body.enabled === false ? 0 : 1,
        p.userId,
        now,
        now,
      );
    return ok(c, toEventType(findType(ctx, p.tenantId, body.name) as EventTypeRow), { status: 201 });
  });

  // GET /event-types/:name
  app.get("/event-types/:name", auth, requireAction("ManageEventTypes"), (c) => {
    const row = findType(ctx, c.get("principal").tenantId, c.req.param("name"));
    if (!row) throw notFound("Event type not found");
    return ok(c, toEventType(row));
  });

  // PATCH /event-types/:name — each field nullable (null clears; enabled null leaves it)
  app.patch("/event-types/:name", auth, requireAction("ManageEventTypes"), async (c) => {
    const p = c.get("principal");
    const body = await parseJsonBody(c, patchSchema);
    const row = findType(ctx, p.tenantId, c.req.param("name"));
    if (!row) throw notFound("Event type not found");
    checkDomainCondition(body.domainCondition);
    ctx.db
      .prepare(
        "UPDATE tenant_event_types SET description = ?, payload_schema = ?, domain_condition = ?, enabled = ?, updated_at = ? WHERE id = ?",
      )
      .run(
        body.description === undefined ? row.description : body.description,
        body.payloadSchema === undefined ? row.payload_schema : json(body.payloadSchema),
        body.domainCondition === undefined ? row.domain_condition : json(body.domainCondition),
        body.enabled === undefined || body.enabled === null ? row.enabled : body.enabled ? 1 : 0,
        nowIso(),
        row.id,
      );
    return ok(c, toEventType(findType(ctx, p.tenantId, row.name) as EventTypeRow));
  });

  // DELETE /event-types/:name — subscribed triggers remain but stop matching
  app.delete("/event-types/:name", auth, requireAction("ManageEventTypes"), (c) => {
    const row = findType(ctx, c.get("principal").tenantId, c.req.param("name"));
    if (!row) throw notFound("Event type not found");
    ctx.db.prepare("DELETE FROM tenant_event_types WHERE id = ?").run(row.id);
    return c.body(null, 204);
  });

  // POST /event-types/:name/emit — store a domain event (EVENT triggers dispatch from it)
  app.post("/event-types/:name/emit", auth, requireAction("EmitTenantEvent"), async (c) => {
    const p = c.get("principal");
    const body = await parseJsonBody(c, emitSchema, {});
    const row = findType(ctx, p.tenantId, c.req.param("name"));
    if (!row || row.enabled !== 1) throw notFound("Event type not found or disabled");
    const payload = body.payload ?? {};
    if (row.payload_schema) {
      const problems = validateJsonSchema(JSON.parse(row.payload_schema), payload);
      if (problems.length) throw validationError(`payload does not match the event type's payloadSchema: ${problems.join("; ")}`);
    }
    const event = recordDomainEvent(ctx, { tenantId: p.tenantId, eventType: row.name, payload, userId: p.userId });
    return ok(c, { emitted: true, eventType: row.name, occurredAt: event.occurredAt }, { status: 201 });
  });
};
