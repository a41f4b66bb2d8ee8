/** Publish a workflow through the real three-step flow (upload-url → PUT → finalize). */
import { call, type ApiResult } from "./api";
import { sdkProjectZip } from "./zips";

export interface WorkflowDto {
  id: string;
  tenantId: string;
  name: string;
  version: string;
  visibility: "TENANT" | "GLOBAL";
  manifest: Record<string, unknown>;
  executable: boolean;
  status: "ACTIVE" | "RETIRED";
  retiredAt: string | null;
  artifactSha256: string | null;
  artifactSizeBytes: number | null;
  forkedFromWorkflowId: string | null;
  forkedFromVersion: string | null;
  createdByUserId: string | null;
}

/** A unique workflow name for one test. */
export function uniqueName(prefix = "wf"): string {
  return `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
}

/** A valid manifest for `name@version` whose entry point lives in package `pkg`. */
export function manifestFor(name: string, version = "0.1.0", extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name,
    version,
    entryPoints: ["pkg.workflow:Main"],
    description: "test workflow",
    diagram: "flowchart TD\n  A --> B\n",
    requiredActions: [],
    requiredSecrets: [],
    requiredConfigs: [],
    ...extra,
  };
}

/** Raw PUT to a presigned upload URL. */
export async function putArtifact(uploadUrl: string, zip: Buffer, contentLength = zip.length): Promise<Response> {
  return fetch(uploadUrl, {
    method: "PUT",
    headers: { "content-type": "application/zip", "content-length": String(contentLength) },
    body: new Uint8Array(zip),
  });
}

/** Full publish; returns the finalize response. */
export async function publishWorkflow(
  token: string,
  name: string,
  opts: { version?: string; zip?: Buffer; manifest?: Record<string, unknown> } = {},
): Promise<ApiResult<WorkflowDto>> {
  const version = opts.version ?? "0.1.0";
  const zip = opts.zip ?? (await sdkProjectZip("pkg"));
  const up = await call<{ workflowId: string; uploadUrl: string }>("POST", "/workflows/upload-url", {
    token,
    body: { name, version, sizeBytes: zip.length },
  });
  if (up.status !== 201) return up as unknown as ApiResult<WorkflowDto>;
  const put = await putArtifact(up.body.data.uploadUrl, zip);
  if (!put.ok) throw new Error(`PUT failed: ${put.status} ${await put.text()}`);
  return call<WorkflowDto>("POST", "/workflows", {
    token,
    body: { workflowId: up.body.data.workflowId, manifest: opts.manifest ?? manifestFor(name, version) },
  });
}
