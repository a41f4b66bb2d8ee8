import { randomUUID } from "node:crypto";
import type { SandboxContext } from "../context";
import { createServiceAccountWithKey } from "./api-keys";
import { decryptValue, encryptValue } from "./crypto";

function aad(tenantId: string): string {
  return tenantId;
}

/**
 * Provision a workflow's runtime service account (`workflow_runtime` role) and its `vnd_` key
 * (`wf-runtime-<workflowId>`); returns the ciphertext and client id to store on the workflow row.
 * Call inside the transaction that inserts the row.
 */
export function provisionRuntimeServiceAccount(
  ctx: SandboxContext,
  tenantId: string,
  workflowId: string,
): { runtimeTokenCiphertext: string; runtimeApiClientId: string } {
  const id = randomUUID();
  const { apiClientId, key } = createServiceAccountWithKey(ctx.db, {
    tenantId,
    email: `svc-${id}@svc.invalid`,
    name: `Runtime ${workflowId}`,
    roleNames: ["workflow_runtime"],
    clientName: `wf-runtime-${workflowId}`,
    userId: id,
  });
  return { runtimeTokenCiphertext: encryptValue(ctx.secretKey, key, aad(tenantId)), runtimeApiClientId: apiClientId };
}

/** The plaintext runtime `vnd_` key of a workflow (for PEGASUS_RUNTIME_TOKEN). Throws when none. */
export function getRuntimeToken(ctx: SandboxContext, workflowId: string): string {
  const row = ctx.db.prepare("SELECT tenant_id, runtime_token_ciphertext FROM workflows WHERE id = ?").get(workflowId) as
    { tenant_id: string; runtime_token_ciphertext: string | null } | undefined;
  if (!row?.runtime_token_ciphertext) throw new Error(`workflow ${workflowId} has no runtime token`);
  return decryptValue(ctx.secretKey, row.runtime_token_ciphertext, aad(row.tenant_id));
}
