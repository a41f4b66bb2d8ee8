import { createHmac, timingSafeEqual } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { SandboxContext } from "../context";

/** Presigned upload URLs live this long (contract: expiresInSeconds 900). */
export const UPLOAD_TTL_SECONDS = 900;
/** Presigned download URLs live this long (contract: expiresInSeconds 300). */
export const DOWNLOAD_TTL_SECONDS = 300;
/** Server-side artifact cap (MAX_EXECUTABLE_ARTIFACT_BYTES). */
export const MAX_ARTIFACT_BYTES = 10 * 1024 * 1024;

/** Where pending (uploaded, not finalized) artifacts wait. */
export function pendingArtifactPath(ctx: SandboxContext, workflowId: string): string {
  return path.join(ctx.config.stateDir, "artifacts", "uploads", `${workflowId}.zip`);
}

/** Absolute path of a stored artifact key. */
export function artifactPath(ctx: SandboxContext, artifactKey: string): string {
  return path.join(ctx.config.stateDir, "artifacts", artifactKey);
}

/** Store artifact bytes under `key` (relative to `<stateDir>/artifacts`). */
export function writeArtifact(ctx: SandboxContext, key: string, bytes: Buffer): void {
  const file = artifactPath(ctx, key);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes, { mode: 0o600 });
}

/** Read artifact bytes, or null when missing. */
export function readArtifact(ctx: SandboxContext, key: string): Buffer | null {
  const file = artifactPath(ctx, key);
  return existsSync(file) ? readFileSync(file) : null;
}

/** Remove a file if present (cleanup paths must never throw). */
export function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // best effort
  }
}

function sign(ctx: SandboxContext, payload: string): string {
  return createHmac("sha256", ctx.secretKey).update(payload).digest("base64url");
}

/** A presigned-style GET URL for a workflow's artifact. */
export function signDownloadUrl(ctx: SandboxContext, workflowId: string, now = Date.now()): string {
  const expires = Math.floor(now / 1000) + DOWNLOAD_TTL_SECONDS;
  const sig = sign(ctx, `download:${workflowId}:${expires}`);
  return `${ctx.config.origin}/_artifacts/download/${workflowId}?expires=${expires}&sig=${sig}`;
}

/** Check a download signature and expiry. */
export function verifyDownloadSignature(ctx: SandboxContext, workflowId: string, expires: string, sig: string): boolean {
  if (!/^\d{1,12}$/.test(expires) || Number(expires) * 1000 < Date.now()) return false;
  const expected = Buffer.from(sign(ctx, `download:${workflowId}:${expires}`));
  const actual = Buffer.from(sig);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
