/**
 * Hand-off to the Python runner: one JSON spec per workflow build under
 * `<stateDir>/runner/specs/<workflowId>.json` (mode 0600). It carries the runtime key, which
 * therefore never enters a Temporal payload (histories are visible in the Web UI).
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { SandboxContext } from "../context";
import type { Shape } from "./lanes";
import type { WorkflowRow } from "../lib/workflows";

/** Task queue a durable build's worker polls (`specId`: the workflow id, plus `~<tenantId>` for curated runs). */
export function durableTaskQueue(specId: string): string {
  return `pegasus-durable-${specId}`;
}

/** Spec id of a run: curated workflows run by another tenant get a per-tenant spec (own runtime key). */
export function runnerSpecId(wf: { id: string; tenant_id: string }, callerTenantId: string, lane: "STDLIB" | "TENANT_RUNNER"): string {
  return lane === "STDLIB" && wf.tenant_id !== callerTenantId ? `${wf.id}~${callerTenantId}` : wf.id;
}

export interface ManifestFacts {
  entryPoints: string[];
  timeoutSeconds: number | null;
}

/** The fields of a stored manifest the runner needs. */
export function manifestFacts(manifestJson: string): ManifestFacts {
  const m = JSON.parse(manifestJson) as { entryPoints?: unknown; timeoutSeconds?: unknown };
  const entryPoints = Array.isArray(m.entryPoints) ? m.entryPoints.filter((e): e is string => typeof e === "string") : [];
  const timeoutSeconds = typeof m.timeoutSeconds === "number" ? m.timeoutSeconds : null;
  return { entryPoints, timeoutSeconds };
}

/** Write (atomically) the runner spec of a workflow build. */
export function writeRunnerSpec(
  ctx: SandboxContext,
  wf: WorkflowRow,
  shape: Shape,
  runtimeToken: string,
  timeoutSeconds: number | null,
  specId: string = wf.id,
): void {
  const dir = path.join(ctx.config.stateDir, "runner", "specs");
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const facts = manifestFacts(wf.manifest);
  const file = path.join(dir, `${specId}.json`);
  const previous = existsSync(file) ? readFileSync(file, "utf8") : null;
  // Once a build needs a durable worker it keeps one (a later direct dry run must not stop it).
  const wasDurable = previous !== null && (JSON.parse(previous) as { durable?: unknown }).durable === true;
  const durable = shape === "durable" || wasDurable;
  const spec = {
    workflowId: wf.id,
    tenantId: wf.tenant_id,
    name: wf.name,
    version: wf.version,
    artifactPath: path.join(ctx.config.stateDir, "artifacts", wf.artifact_key ?? ""),
    artifactSha256: wf.artifact_sha256,
    entryPoints: facts.entryPoints,
    runtimeToken,
    apiBaseUrl: ctx.config.origin,
    timeoutSeconds: timeoutSeconds ?? facts.timeoutSeconds ?? 900,
    durable,
    taskQueue: durable ? durableTaskQueue(specId) : "pegasus-tenant-runner",
  };
  const text = JSON.stringify(spec);
  // Unchanged specs are not rewritten: the runner restarts a durable worker when its spec changes.
  if (text === previous) return;
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}
