import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Hono } from "hono";
import type { AppEnv, SandboxContext } from "../context";
import { ApiError } from "../http";
import { nowIso } from "../db";
import { pendingArtifactPath, readArtifact, verifyDownloadSignature } from "../lib/artifacts";

interface UploadRow {
  workflow_id: string;
  size_bytes: number;
  expires_at: string;
  uploaded_at: string | null;
}

/**
 * The sandbox's stand-in for S3 presigned URLs (outside /api/v1, no bearer: the URL is the
 * credential). PUT is single use, size-checked and expiring; GET needs a valid signature.
 */
export function registerArtifactStore(root: Hono<AppEnv>, ctx: SandboxContext): void {
  // PUT <uploadUrl> — raw zip body with the exact Content-Length declared at upload-url time.
  root.put("/_artifacts/upload/:token", async (c) => {
    const row = ctx.db
      .prepare("SELECT workflow_id, size_bytes, expires_at, uploaded_at FROM workflow_uploads WHERE upload_token = ?")
      .get(c.req.param("token")) as UploadRow | undefined;
    if (!row) throw new ApiError(403, "FORBIDDEN", "Upload URL is not valid");
    if (Date.parse(row.expires_at) < Date.now()) throw new ApiError(403, "FORBIDDEN", "Upload URL has expired");
    if (row.uploaded_at) throw new ApiError(409, "CONFLICT", "Upload URL has already been used");
    const declared = Number(c.req.header("content-length"));
    if (!Number.isInteger(declared) || declared !== row.size_bytes) {
      throw new ApiError(400, "VALIDATION_ERROR", `Content-Length must equal the declared sizeBytes (${row.size_bytes})`);
    }
    const body = Buffer.from(await c.req.arrayBuffer());
    if (body.length !== row.size_bytes) {
      throw new ApiError(400, "VALIDATION_ERROR", `Body is ${body.length} bytes; expected ${row.size_bytes}`);
    }
    // Claim the slot first so a concurrent second PUT cannot also succeed.
    const claimed = ctx.db
      .prepare("UPDATE workflow_uploads SET uploaded_at = ? WHERE workflow_id = ? AND uploaded_at IS NULL")
      .run(nowIso(), row.workflow_id);
    if (claimed.changes !== 1) throw new ApiError(409, "CONFLICT", "Upload URL has already been used");
    const file = pendingArtifactPath(ctx, row.workflow_id);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, body, { mode: 0o600 });
    return c.body(null, 200);
  });

  // GET <downloadUrl> — the stored source zip.
  root.get("/_artifacts/download/:workflowId", (c) => {
    const workflowId = c.req.param("workflowId");
    if (!verifyDownloadSignature(ctx, workflowId, c.req.query("expires") ?? "", c.req.query("sig") ?? "")) {
      throw new ApiError(403, "FORBIDDEN", "Download URL is not valid or has expired");
    }
    const wf = ctx.db.prepare("SELECT artifact_key FROM workflows WHERE id = ?").get(workflowId) as
      { artifact_key: string | null } | undefined;
    const bytes = wf?.artifact_key ? readArtifact(ctx, wf.artifact_key) : null;
    if (!bytes) throw new ApiError(404, "NOT_FOUND", "Artifact not found");
    return c.body(new Uint8Array(bytes), 200, {
      "content-type": "application/zip",
      "content-length": String(bytes.length),
      "cache-control": "no-store",
    });
  });
}
