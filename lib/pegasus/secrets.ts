import "server-only";
import { z } from "zod";
import { envelopeSchema } from "@/lib/schemas/common";
import { secretMetaSchema, type CreateSecret, type SecretMeta } from "@/lib/schemas/secrets";
import { seg, type PegasusClient } from "./transport";

// Management routes only. The runtime reads (/runtime/secrets/:key) return values and are
// deliberately absent: the console never reads a secret value.
const BASE = "/workflow-secrets-configs/secrets";

/** GET /workflow-secrets-configs/secrets — metadata only, never values. */
export async function listSecrets(client: PegasusClient, opts: { group?: string } = {}): Promise<SecretMeta[]> {
  const body = await client.request({ path: BASE, query: { group: opts.group }, schema: envelopeSchema(z.array(secretMetaSchema)) });
  return body.data;
}

/** POST /workflow-secrets-configs/secrets — write-once create; the value is never echoed. */
export async function createSecret(client: PegasusClient, input: CreateSecret): Promise<SecretMeta> {
  const body = await client.request({ method: "POST", path: BASE, body: input, schema: envelopeSchema(secretMetaSchema) });
  return body.data;
}

/** DELETE /workflow-secrets-configs/secrets/:key — 204. */
export async function deleteSecret(client: PegasusClient, key: string, opts: { group?: string } = {}): Promise<void> {
  await client.requestNoContent({ method: "DELETE", path: `${BASE}/${seg(key)}`, query: { group: opts.group } });
}
