import "server-only";
import { z } from "zod";
import { envelopeSchema } from "@/lib/schemas/common";
import { configEntrySchema, type ConfigEntry, type CreateConfig, type PutConfig } from "@/lib/schemas/secrets";
import { seg, type PegasusClient } from "./transport";

// Management routes only; the runtime read (/runtime/configs/:key) is never called by the console.
const BASE = "/workflow-secrets-configs/configs";

/** GET /workflow-secrets-configs/configs — entries with values. */
export async function listConfigs(client: PegasusClient, opts: { group?: string } = {}): Promise<ConfigEntry[]> {
  const body = await client.request({ path: BASE, query: { group: opts.group }, schema: envelopeSchema(z.array(configEntrySchema)) });
  return body.data;
}

/** POST /workflow-secrets-configs/configs — create (409 when it exists). */
export async function createConfig(client: PegasusClient, input: CreateConfig): Promise<ConfigEntry> {
  const body = await client.request({ method: "POST", path: BASE, body: input, schema: envelopeSchema(configEntrySchema) });
  return body.data;
}

/** PUT /workflow-secrets-configs/configs/:key — upsert (200 updated, 201 created). */
export async function upsertConfig(client: PegasusClient, key: string, input: PutConfig): Promise<ConfigEntry> {
  const body = await client.request({
    method: "PUT",
    path: `${BASE}/${seg(key)}`,
    body: input,
    schema: envelopeSchema(configEntrySchema),
  });
  return body.data;
}

/** DELETE /workflow-secrets-configs/configs/:key — 204. */
export async function deleteConfig(client: PegasusClient, key: string, opts: { group?: string } = {}): Promise<void> {
  await client.requestNoContent({ method: "DELETE", path: `${BASE}/${seg(key)}`, query: { group: opts.group } });
}
