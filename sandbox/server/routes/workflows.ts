import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { z } from "zod";
import type { RouteModule, SandboxContext } from "../context";
import { authenticate, requireAction } from "../auth/middleware";
import { nowIso } from "../db";
import { ApiError, notFound, ok, parseJsonBody, parseQuery } from "../http";
import {
  MAX_ARTIFACT_BYTES,
  UPLOAD_TTL_SECONDS,
  DOWNLOAD_TTL_SECONDS,
  artifactPath,
  pendingArtifactPath,
  readArtifact,
  removeQuietly,
  signDownloadUrl,
  writeArtifact,
} from "../lib/artifacts";
import { validateArtifact } from "../lib/artifact-validate";
import { manifestSchema, workflowNameSchema, workflowVersionSchema, type Manifest, type Requirement } from "../lib/manifest";
import { provisionRuntimeServiceAccount } from "../lib/runtime-token";
import { installUploadSweeper } from "../lib/upload-sweeper";
import { findVisibleWorkflow, toWorkflowResponse, type WorkflowRow } from "../lib/workflows";

const uploadUrlBodySchema = z.object({
  name: workflowNameSchema,
  version: workflowVersionSchema,
  sizeBytes: z.number().int().positive().max(MAX_ARTIFACT_BYTES, `sizeBytes must be at most ${MAX_ARTIFACT_BYTES}`),
});

const finalizeBodySchema = z.object({ workflowId: z.uuid(), manifest: manifestSchema });

const listQuerySchema = z.object({ includeRetired: z.enum(["true", "false"]).optional() });

const retireBodySchema = z.strictObject({
  name: z.string().min(1).max(200),
  version: z.string().min(1).max(100).optional(),
});

interface UploadRow {
  workflow_id: string;
  tenant_id: string;
  name: string;
  version: string;
  size_bytes: number;
  uploaded_at: string | null;
}

function tenantIsPlatform(ctx: SandboxContext, tenantId: string): boolean {
  const t = ctx.db.prepare("SELECT is_platform_tenant FROM tenants WHERE id = ?").get(tenantId) as
    { is_platform_tenant: number } | undefined;
  return t?.is_platform_tenant === 1;
}

function nameVersionTaken(ctx: SandboxContext, tenantId: string, name: string, version: string): boolean {
  return !!ctx.db.prepare("SELECT 1 FROM workflows WHERE tenant_id = ? AND name = ? AND version = ?").get(tenantId, name, version);
}

function conflict(name: string, version: string): ApiError {
  return new ApiError(409, "CONFLICT", `Workflow ${name}@${version} already exists`);
}

/** Insert a workflow row plus its runtime account and key, atomically; returns the row. */
function insertWorkflow(
  ctx: SandboxContext,
  input: {
    id: string;
    tenantId: string;
    manifest: Manifest;
    visibility: "TENANT" | "GLOBAL";
    createdByUserId: string;
    artifactKey: string;
    sha256: string;
    sizeBytes: number;
    forkedFromWorkflowId?: string;
    forkedFromVersion?: string;
  },
): WorkflowRow {
  const now = nowIso();
  ctx.db.transaction(() => {
    const runtime = provisionRuntimeServiceAccount(ctx, input.tenantId, input.id);
    ctx.db
      .prepare(
        `INSERT INTO workflows (id, tenant_id, name, version, visibility, manifest, created_by_user_id, forked_from_workflow_id,
           forked_from_version, artifact_key, artifact_sha256, artifact_size_bytes, executable, status, retired_at,
           runtime_token_ciphertext, runtime_api_client_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 'ACTIVE', NULL, ?, ?, ?, ?)`,
      )
      .run(
        input.id,
        input.tenantId,
        input.manifest.name,
        input.manifest.version,
        input.visibility,
        JSON.stringify(input.manifest),
        input.createdByUserId,
        input.forkedFromWorkflowId ?? null,
        input.forkedFromVersion ?? null,
        input.artifactKey,
        input.sha256,
        input.sizeBytes,
        runtime.runtimeTokenCiphertext,
        runtime.runtimeApiClientId,
        now,
        now,
      );
  })();
  return ctx.db.prepare("SELECT * FROM workflows WHERE id = ?").get(input.id) as WorkflowRow;
}

interface RequirementStatus {
  kind: "SECRET" | "CONFIG";
  key: string;
  group: string;
  description: string | null;
  present: boolean;
}

/** Resolve declared keys against the tenant's store (`resolveAgainst`: missing group = global). */
function resolveRequirements(ctx: SandboxContext, tenantId: string, manifest: Partial<Manifest>): RequirementStatus[] {
  const exists = ctx.db.prepare("SELECT 1 FROM workflow_secret_configs WHERE tenant_id = ? AND kind = ? AND group_name = ? AND key = ?");
  const out: RequirementStatus[] = [];
  const add = (kind: "SECRET" | "CONFIG", reqs: Requirement[] | undefined) => {
    for (const r of reqs ?? []) {
      const group = r.group ?? "global";
      out.push({ kind, key: r.key, group, description: r.description ?? null, present: !!exists.get(tenantId, kind, group, r.key) });
    }
  };
  add("SECRET", manifest.requiredSecrets);
  add("CONFIG", manifest.requiredConfigs);
  return out;
}

interface RetireRef {
  id: string;
  name: string;
  version: string;
}

/** Retire `targets` (rows the caller owns) unless in use; the outcome of POST /workflows/retire. */
function retireRows(ctx: SandboxContext, targets: WorkflowRow[]) {
  const active = targets.filter((t) => t.status === "ACTIVE");
  const enabledTriggers: Array<{ id: string; workflowId: string; version: string }> = [];
  const openExecutions: Array<{ id: string; workflowId: string; version: string }> = [];
  for (const wf of active) {
    const trig = ctx.db.prepare("SELECT id FROM workflow_triggers WHERE workflow_id = ? AND enabled = 1").all(wf.id) as Array<{
      id: string;
    }>;
    for (const t of trig) enabledTriggers.push({ id: t.id, workflowId: wf.id, version: wf.version });
    const execs = ctx.db
      .prepare("SELECT id FROM workflow_executions WHERE workflow_id = ? AND status IN ('QUEUED', 'RUNNING')")
      .all(wf.id) as Array<{ id: string }>;
    for (const e of execs) openExecutions.push({ id: e.id, workflowId: wf.id, version: wf.version });
  }
  if (enabledTriggers.length || openExecutions.length) {
    throw new ApiError(409, "WORKFLOW_IN_USE", "Workflow is in use: disable its triggers and wait for open executions first", {
      enabledTriggers,
      openExecutions,
    });
  }
  const now = nowIso();
  const retire = ctx.db.prepare(
    "UPDATE workflows SET status = 'RETIRED', retired_at = ?, updated_at = ? WHERE id = ? AND status = 'ACTIVE'",
  );
  ctx.db.transaction(() => {
    for (const wf of active) retire.run(now, now, wf.id);
  })();
  const ids = targets.map((t) => t.id);
  const forkCount = ids.length
    ? (
        ctx.db
          .prepare(`SELECT COUNT(*) AS n FROM workflows WHERE forked_from_workflow_id IN (${ids.map(() => "?").join(",")})`)
          .get(...ids) as { n: number }
      ).n
    : 0;
  const ref = (w: WorkflowRow): RetireRef => ({ id: w.id, name: w.name, version: w.version });
  return {
    retired: active.map(ref),
    alreadyRetired: targets.filter((t) => t.status === "RETIRED").map(ref),
    forkCount,
  };
}

/** Workflow catalog, publish flow, fork, download and retire (§3). */
export const register: RouteModule = (app, ctx) => {
  const auth = authenticate(ctx);
  installUploadSweeper(ctx);

  // POST /workflows/upload-url — reserve a workflow id and a single-use upload URL
  app.post("/workflows/upload-url", auth, requireAction("UploadWorkflow"), async (c) => {
    const p = c.get("principal");
    const body = await parseJsonBody(c, uploadUrlBodySchema);
    if (nameVersionTaken(ctx, p.tenantId, body.name, body.version)) throw conflict(body.name, body.version);
    const workflowId = randomUUID();
    const token = randomBytes(24).toString("base64url");
    const now = Date.now();
    ctx.db
      .prepare(
        `INSERT INTO workflow_uploads (workflow_id, tenant_id, name, version, size_bytes, upload_token, expires_at, created_by_user_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        workflowId,
        p.tenantId,
        body.name,
        body.version,
        body.sizeBytes,
        token,
        new Date(now + UPLOAD_TTL_SECONDS * 1000).toISOString(),
        p.userId,
        new Date(now).toISOString(),
      );
    return ok(
      c,
      { workflowId, uploadUrl: `${ctx.config.origin}/_artifacts/upload/${token}`, expiresInSeconds: UPLOAD_TTL_SECONDS },
      { status: 201 },
    );
  });

  // POST /workflows — finalize an uploaded artifact into a workflow row
  app.post("/workflows", auth, requireAction("UploadWorkflow"), async (c) => {
    const p = c.get("principal");
    const body = await parseJsonBody(c, finalizeBodySchema);
    const upload = ctx.db
      .prepare(
        "SELECT workflow_id, tenant_id, name, version, size_bytes, uploaded_at FROM workflow_uploads WHERE workflow_id = ? AND tenant_id = ?",
      )
      .get(body.workflowId, p.tenantId) as UploadRow | undefined;
    if (!upload) throw notFound("Upload not found");
    const pending = pendingArtifactPath(ctx, upload.workflow_id);
    // Failures below consume the upload: nothing (row, artifact, account) is left behind.
    const discard = () => {
      removeQuietly(pending);
      ctx.db.prepare("DELETE FROM workflow_uploads WHERE workflow_id = ?").run(upload.workflow_id);
    };
    const m = body.manifest;
    if (m.name !== upload.name || m.version !== upload.version) {
      throw new ApiError(
        400,
        "VALIDATION_ERROR",
        `manifest name/version (${m.name}@${m.version}) must match the upload (${upload.name}@${upload.version})`,
      );
    }
    if (nameVersionTaken(ctx, p.tenantId, m.name, m.version)) {
      discard();
      throw conflict(m.name, m.version);
    }
    if (!upload.uploaded_at || !existsSync(pending)) {
      throw new ApiError(422, "ARTIFACT_INVALID", "Artifact failed validation", { problems: ["artifact has not been uploaded"] });
    }
    const bytes = readFileSync(pending);
    if (bytes.length > MAX_ARTIFACT_BYTES) {
      discard();
      throw new ApiError(422, "ARTIFACT_TOO_LARGE", `Artifact is ${bytes.length} bytes; the limit is ${MAX_ARTIFACT_BYTES}`);
    }
    const report = validateArtifact(bytes, m.entryPoints);
    if (!report.ok) {
      discard();
      throw new ApiError(422, "ARTIFACT_INVALID", "Artifact failed validation", { problems: report.problems });
    }
    const artifactKey = `${p.tenantId}/${upload.workflow_id}.zip`;
    writeArtifact(ctx, artifactKey, bytes);
    let row: WorkflowRow;
    try {
      row = insertWorkflow(ctx, {
        id: upload.workflow_id,
        tenantId: p.tenantId,
        manifest: m,
        visibility: tenantIsPlatform(ctx, p.tenantId) ? "GLOBAL" : "TENANT",
        createdByUserId: p.userId,
        artifactKey,
        sha256: report.sha256,
        sizeBytes: report.sizeBytes,
      });
    } catch (err) {
      removeQuietly(artifactPath(ctx, artifactKey));
      discard();
      if (err instanceof Error && /UNIQUE constraint failed: workflows/.test(err.message)) throw conflict(m.name, m.version);
      throw err;
    }
    discard();
    return ok(c, toWorkflowResponse(row), { status: 201 });
  });

  // GET /workflows — own rows plus GLOBAL, newest first
  app.get("/workflows", auth, requireAction("ReadWorkflow"), (c) => {
    const p = c.get("principal");
    const q = parseQuery(c, listQuerySchema);
    const rows = ctx.db
      .prepare(
        `SELECT * FROM workflows WHERE (tenant_id = ? OR visibility = 'GLOBAL') ${q.includeRetired === "true" ? "" : "AND status = 'ACTIVE'"}
         ORDER BY created_at DESC, id DESC`,
      )
      .all(p.tenantId) as WorkflowRow[];
    return ok(c, rows.map(toWorkflowResponse), { meta: { count: rows.length } });
  });

  // GET /workflows/requirements-summary — declared keys per visible workflow with `present`
  app.get("/workflows/requirements-summary", auth, requireAction("ReadWorkflow"), (c) => {
    const p = c.get("principal");
    const rows = ctx.db
      .prepare(
        "SELECT * FROM workflows WHERE (tenant_id = ? OR visibility = 'GLOBAL') AND status = 'ACTIVE' ORDER BY created_at DESC, id DESC",
      )
      .all(p.tenantId) as WorkflowRow[];
    let totalMissing = 0;
    const workflows = rows.map((w) => {
      const requirements = resolveRequirements(ctx, p.tenantId, JSON.parse(w.manifest) as Partial<Manifest>);
      const missingCount = requirements.filter((r) => !r.present).length;
      totalMissing += missingCount;
      return { workflowId: w.id, name: w.name, version: w.version, visibility: w.visibility, requirements, missingCount };
    });
    return ok(c, { workflows, totalMissing });
  });

  // POST /workflows/retire — retire by name (every owned version) or name@version
  app.post("/workflows/retire", auth, requireAction("UploadWorkflow"), async (c) => {
    const p = c.get("principal");
    const body = await parseJsonBody(c, retireBodySchema);
    const params = body.version === undefined ? [body.name] : [body.name, body.version];
    const versionClause = body.version === undefined ? "" : "AND version = ?";
    const owned = ctx.db
      .prepare(`SELECT * FROM workflows WHERE tenant_id = ? AND name = ? ${versionClause} ORDER BY created_at`)
      .all(p.tenantId, ...params) as WorkflowRow[];
    if (owned.length === 0) {
      const global = ctx.db
        .prepare(`SELECT 1 FROM workflows WHERE visibility = 'GLOBAL' AND status = 'ACTIVE' AND name = ? ${versionClause}`)
        .get(...params);
      if (global) throw new ApiError(403, "FORBIDDEN", "Only the owning tenant may retire a GLOBAL workflow");
      throw notFound("Workflow not found");
    }
    return ok(c, retireRows(ctx, owned));
  });

  // GET /workflows/:id — one visible, non-retired workflow
  app.get("/workflows/:id", auth, requireAction("ReadWorkflow"), (c) => {
    const row = findVisibleWorkflow(ctx.db, c.get("principal").tenantId, c.req.param("id"));
    if (!row) throw notFound("Workflow not found");
    return ok(c, toWorkflowResponse(row));
  });

  // GET /workflows/:id/download-url — short-lived URL of the source zip
  app.get("/workflows/:id/download-url", auth, requireAction("ReadWorkflow"), (c) => {
    const row = findVisibleWorkflow(ctx.db, c.get("principal").tenantId, c.req.param("id"));
    if (!row) throw notFound("Workflow not found");
    if (!row.artifact_key || !readArtifact(ctx, row.artifact_key)) throw notFound("Artifact not found");
    return ok(c, { downloadUrl: signDownloadUrl(ctx, row.id), expiresInSeconds: DOWNLOAD_TTL_SECONDS });
  });

  // POST /workflows/:id/fork — copy a GLOBAL workflow into the caller's tenant
  app.post("/workflows/:id/fork", auth, requireAction("UploadWorkflow"), (c) => {
    const p = c.get("principal");
    const src = findVisibleWorkflow(ctx.db, p.tenantId, c.req.param("id"));
    if (!src || src.visibility !== "GLOBAL") throw notFound("Workflow not found");
    if (nameVersionTaken(ctx, p.tenantId, src.name, src.version)) throw conflict(src.name, src.version);
    const bytes = src.artifact_key ? readArtifact(ctx, src.artifact_key) : null;
    if (!bytes) throw notFound("Artifact not found");
    const id = randomUUID();
    const artifactKey = `${p.tenantId}/${id}.zip`;
    writeArtifact(ctx, artifactKey, bytes);
    try {
      const row = insertWorkflow(ctx, {
        id,
        tenantId: p.tenantId,
        manifest: JSON.parse(src.manifest) as Manifest,
        visibility: "TENANT",
        createdByUserId: p.userId,
        artifactKey,
        sha256: src.artifact_sha256 ?? "",
        sizeBytes: bytes.length,
        forkedFromWorkflowId: src.id,
        forkedFromVersion: src.version,
      });
      return ok(c, toWorkflowResponse(row), { status: 201 });
    } catch (err) {
      removeQuietly(artifactPath(ctx, artifactKey));
      if (err instanceof Error && /UNIQUE constraint failed: workflows/.test(err.message)) throw conflict(src.name, src.version);
      throw err;
    }
  });

  // POST /workflows/:id/retire — retire one owned row
  app.post("/workflows/:id/retire", auth, requireAction("UploadWorkflow"), (c) => {
    const p = c.get("principal");
    const row = findVisibleWorkflow(ctx.db, p.tenantId, c.req.param("id"), { includeRetired: true });
    if (!row || (row.tenant_id !== p.tenantId && row.status === "RETIRED")) throw notFound("Workflow not found");
    if (row.tenant_id !== p.tenantId) throw new ApiError(403, "FORBIDDEN", "Only the owning tenant may retire a GLOBAL workflow");
    return ok(c, retireRows(ctx, [row]));
  });
};
