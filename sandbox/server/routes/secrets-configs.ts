import { randomUUID } from "node:crypto";
import type { Context } from "hono";
import { z } from "zod";
import type { AppEnv, RouteModule, SandboxContext } from "../context";
import { authenticate, requireAction } from "../auth/middleware";
import { nowIso } from "../db";
import { ApiError, notFound, ok, parseJsonBody, validationError } from "../http";
import { decryptValue, encryptValue } from "../lib/crypto";
import { GROUP_RE, SECRET_KEY_RE } from "../lib/manifest";

const BASE = "/workflow-secrets-configs";
const keySchema = z.string().regex(SECRET_KEY_RE, "key must match [a-zA-Z_][a-zA-Z0-9_]{0,127}");
const groupSchema = z.string().regex(GROUP_RE, "group must match [a-zA-Z0-9_-]{1,64}");

const createSecretSchema = z.strictObject({
  key: keySchema,
  group: groupSchema.optional(),
  value: z.string().min(1).max(65536),
  description: z.string().max(500).optional(),
});
const createConfigSchema = z.strictObject({
  key: keySchema,
  group: groupSchema.optional(),
  value: z.string().max(65536),
  description: z.string().max(500).optional(),
});
const putConfigSchema = z.strictObject({
  group: groupSchema.optional(),
  value: z.string().max(65536),
  description: z.string().max(500).nullable().optional(),
});

type Kind = "SECRET" | "CONFIG";

interface EntryRow {
  id: string;
  tenant_id: string;
  kind: Kind;
  group_name: string;
  key: string;
  value: string | null;
  value_ciphertext: string | null;
  description: string | null;
  created_by_user_id: string | null;
  created_at: string;
  updated_at: string;
}

function toSecretMeta(r: EntryRow) {
  return {
    id: r.id,
    group: r.group_name,
    key: r.key,
    description: r.description,
    isSecret: true,
    createdByUserId: r.created_by_user_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toConfigEntry(r: EntryRow) {
  return {
    id: r.id,
    group: r.group_name,
    key: r.key,
    value: r.value ?? "",
    description: r.description,
    isSecret: false,
    createdByUserId: r.created_by_user_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** `?group=` (validated), or undefined when absent. */
function groupQuery(c: Context<AppEnv>): string | undefined {
  const g = c.req.query("group");
  if (g === undefined) return undefined;
  if (!GROUP_RE.test(g)) throw validationError("group must match [a-zA-Z0-9_-]{1,64}");
  return g;
}

function keyParam(c: Context<AppEnv>): string {
  const key = c.req.param("key") ?? "";
  if (!SECRET_KEY_RE.test(key)) throw validationError("key must match [a-zA-Z_][a-zA-Z0-9_]{0,127}");
  return key;
}

function findEntry(ctx: SandboxContext, tenantId: string, kind: Kind, group: string, key: string): EntryRow | undefined {
  return ctx.db
    .prepare("SELECT * FROM workflow_secret_configs WHERE tenant_id = ? AND kind = ? AND group_name = ? AND key = ?")
    .get(tenantId, kind, group, key) as EntryRow | undefined;
}

function listEntries(ctx: SandboxContext, tenantId: string, kind: Kind, group: string | undefined): EntryRow[] {
  const sql = `SELECT * FROM workflow_secret_configs WHERE tenant_id = ? AND kind = ? ${group === undefined ? "" : "AND group_name = ?"}
               ORDER BY CASE group_name WHEN 'global' THEN 0 ELSE 1 END, group_name, key`;
  const params = group === undefined ? [tenantId, kind] : [tenantId, kind, group];
  return ctx.db.prepare(sql).all(...params) as EntryRow[];
}

/** Secrets (write-once, encrypted) and configs (§8), plus the runtime reads. */
export const register: RouteModule = (app, ctx) => {
  const auth = authenticate(ctx);
  const insert = (tenantId: string, kind: Kind, group: string, key: string, value: string, description: string | null, userId: string) => {
    const id = randomUUID();
    const now = nowIso();
    const plain = kind === "CONFIG" ? value : null;
    const cipher = kind === "SECRET" ? encryptValue(ctx.secretKey, value, tenantId) : null;
    ctx.db
      .prepare(
        `INSERT INTO workflow_secret_configs (id, tenant_id, kind, group_name, key, value, value_ciphertext, description, created_by_user_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, tenantId, kind, group, key, plain, cipher, description, userId, now, now);
    return ctx.db.prepare("SELECT * FROM workflow_secret_configs WHERE id = ?").get(id) as EntryRow;
  };

  // GET /workflow-secrets-configs/secrets — metadata only, never values
  app.get(`${BASE}/secrets`, auth, requireAction("ManageWorkflowSecrets"), (c) => {
    const rows = listEntries(ctx, c.get("principal").tenantId, "SECRET", groupQuery(c));
    return ok(c, rows.map(toSecretMeta));
  });

  // POST /workflow-secrets-configs/secrets — create (write-once)
  app.post(`${BASE}/secrets`, auth, requireAction("ManageWorkflowSecrets"), async (c) => {
    const p = c.get("principal");
    const body = await parseJsonBody(c, createSecretSchema);
    const group = body.group ?? "global";
    if (findEntry(ctx, p.tenantId, "SECRET", group, body.key)) {
      throw new ApiError(409, "CONFLICT", `A secret named "${body.key}" already exists in group "${group}"`);
    }
    const row = insert(p.tenantId, "SECRET", group, body.key, body.value, body.description ?? null, p.userId);
    return ok(c, toSecretMeta(row), { status: 201 });
  });

  // DELETE /workflow-secrets-configs/secrets/:key — hard delete
  app.delete(`${BASE}/secrets/:key`, auth, requireAction("ManageWorkflowSecrets"), (c) => {
    const p = c.get("principal");
    const row = findEntry(ctx, p.tenantId, "SECRET", groupQuery(c) ?? "global", keyParam(c));
    if (!row) throw notFound("Secret not found");
    ctx.db.prepare("DELETE FROM workflow_secret_configs WHERE id = ?").run(row.id);
    return c.body(null, 204);
  });

  // GET /workflow-secrets-configs/configs — entries with values
  app.get(`${BASE}/configs`, auth, requireAction("ManageWorkflowConfigs"), (c) => {
    const rows = listEntries(ctx, c.get("principal").tenantId, "CONFIG", groupQuery(c));
    return ok(c, rows.map(toConfigEntry));
  });

  // POST /workflow-secrets-configs/configs — create
  app.post(`${BASE}/configs`, auth, requireAction("ManageWorkflowConfigs"), async (c) => {
    const p = c.get("principal");
    const body = await parseJsonBody(c, createConfigSchema);
    const group = body.group ?? "global";
    if (findEntry(ctx, p.tenantId, "CONFIG", group, body.key)) {
      throw new ApiError(409, "CONFLICT", `A config named "${body.key}" already exists in group "${group}"`);
    }
    const row = insert(p.tenantId, "CONFIG", group, body.key, body.value, body.description ?? null, p.userId);
    return ok(c, toConfigEntry(row), { status: 201 });
  });

  // PUT /workflow-secrets-configs/configs/:key — upsert (200 updated, 201 created)
  app.put(`${BASE}/configs/:key`, auth, requireAction("ManageWorkflowConfigs"), async (c) => {
    const p = c.get("principal");
    const key = keyParam(c);
    const body = await parseJsonBody(c, putConfigSchema);
    const group = body.group ?? "global";
    const existing = findEntry(ctx, p.tenantId, "CONFIG", group, key);
    if (!existing) {
      const row = insert(p.tenantId, "CONFIG", group, key, body.value, body.description ?? null, p.userId);
      return ok(c, toConfigEntry(row), { status: 201 });
    }
    const description = body.description === undefined ? existing.description : body.description;
    ctx.db
      .prepare("UPDATE workflow_secret_configs SET value = ?, description = ?, updated_at = ? WHERE id = ?")
      .run(body.value, description, nowIso(), existing.id);
    const row = ctx.db.prepare("SELECT * FROM workflow_secret_configs WHERE id = ?").get(existing.id) as EntryRow;
    return ok(c, toConfigEntry(row));
  });

  // DELETE /workflow-secrets-configs/configs/:key — hard delete
  app.delete(`${BASE}/configs/:key`, auth, requireAction("ManageWorkflowConfigs"), (c) => {
    const p = c.get("principal");
    const row = findEntry(ctx, p.tenantId, "CONFIG", groupQuery(c) ?? "global", keyParam(c));
    if (!row) throw notFound("Config not found");
    ctx.db.prepare("DELETE FROM workflow_secret_configs WHERE id = ?").run(row.id);
    return c.body(null, 204);
  });

  // GET /workflow-secrets-configs/runtime/secrets/:key — the one place a secret value leaves (runtime keys)
  app.get(`${BASE}/runtime/secrets/:key`, auth, requireAction("ReadWorkflowSecret"), (c) => {
    const p = c.get("principal");
    const row = findEntry(ctx, p.tenantId, "SECRET", groupQuery(c) ?? "global", keyParam(c));
    if (!row?.value_ciphertext) throw notFound("Secret not found");
    c.header("Cache-Control", "no-store");
    return ok(c, { value: decryptValue(ctx.secretKey, row.value_ciphertext, p.tenantId) });
  });

  // GET /workflow-secrets-configs/runtime/configs/:key — runtime config read
  app.get(`${BASE}/runtime/configs/:key`, auth, requireAction("ReadWorkflowConfig"), (c) => {
    const p = c.get("principal");
    const row = findEntry(ctx, p.tenantId, "CONFIG", groupQuery(c) ?? "global", keyParam(c));
    if (!row) throw notFound("Config not found");
    c.header("Cache-Control", "no-store");
    return ok(c, { value: row.value ?? "" });
  });
};
