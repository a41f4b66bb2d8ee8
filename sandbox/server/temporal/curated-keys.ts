/**
 * Runtime credentials for curated (STDLIB) GLOBAL workflows run on behalf of a tenant. The
 * platform row's own runtime key belongs to the platform tenant, so its secret/config reads and
 * sends would hit the wrong tenant; each (tenant, workflow) pair gets a `workflow_runtime`
 * service account in the caller's tenant instead, created on first use.
 */
import { randomUUID } from "node:crypto";
import type { SandboxContext } from "../context";
import { createServiceAccountWithKey } from "../lib/api-keys";
import { decryptValue, encryptValue } from "../lib/crypto";

/** The plaintext runtime key a curated workflow uses when run by `tenantId`. */
export function curatedRuntimeToken(ctx: SandboxContext, tenantId: string, workflowId: string): string {
  const row = ctx.db
    .prepare("SELECT token_ciphertext FROM sandbox_curated_runtime_keys WHERE tenant_id = ? AND workflow_id = ?")
    .get(tenantId, workflowId) as { token_ciphertext: string } | undefined;
  if (row) return decryptValue(ctx.secretKey, row.token_ciphertext, tenantId);
  return ctx.db.transaction(() => {
    const id = randomUUID();
    const { apiClientId, key } = createServiceAccountWithKey(ctx.db, {
      tenantId,
      email: `svc-${id}@svc.invalid`,
      name: `Runtime ${workflowId} (curated)`,
      roleNames: ["workflow_runtime"],
      clientName: `wf-runtime-${workflowId}`,
      userId: id,
    });
    ctx.db
      .prepare(
        "INSERT INTO sandbox_curated_runtime_keys (tenant_id, workflow_id, api_client_id, token_ciphertext, created_at) VALUES (?, ?, ?, ?, ?)",
      )
      .run(tenantId, workflowId, apiClientId, encryptValue(ctx.secretKey, key, tenantId), new Date().toISOString());
    return key;
  })();
}
