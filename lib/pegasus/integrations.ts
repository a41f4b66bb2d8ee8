import "server-only";
import { z } from "zod";
import { envelopeSchema } from "@/lib/schemas/common";
import { integrationRequirementsSummarySchema, jsonSchemaDocumentSchema, type IntegrationRequirementsSummary } from "@/lib/schemas/floor";
import {
  deleteResultSchema,
  gateReportSchema,
  integrationConfigSchema,
  integrationSummarySchema,
  versionSummarySchema,
  type ConfigBody,
  type GateReport,
  type IntegrationConfig,
  type IntegrationSummary,
  type DeleteIntegrationConfigResult,
  type VersionSummary,
} from "@/lib/schemas/integration";
import { seg, type PegasusClient } from "./transport";

function configPath(integrationId: string): string {
  return `/integrations/${seg(integrationId)}/config`;
}

/** GET /integrations/configs — every integration with its published state (dual-auth twin of /integrations). */
export async function listIntegrationConfigs(client: PegasusClient): Promise<IntegrationSummary[]> {
  const body = await client.request({ path: "/integrations/configs", schema: envelopeSchema(z.array(integrationSummarySchema)) });
  return body.data;
}

/** GET /integrations/:id/config — the active config (own, else GLOBAL). */
export async function getIntegrationConfig(client: PegasusClient, integrationId: string): Promise<IntegrationConfig> {
  const body = await client.request({ path: configPath(integrationId), schema: envelopeSchema(integrationConfigSchema) });
  return body.data;
}

/** POST /integrations/:id/config/validate — run the gate; 200 even when the report says ok:false. */
export async function validateIntegrationConfig(client: PegasusClient, integrationId: string, input: ConfigBody): Promise<GateReport> {
  const body = await client.request({
    method: "POST",
    path: `${configPath(integrationId)}/validate`,
    body: input,
    schema: envelopeSchema(gateReportSchema),
  });
  return body.data;
}

/** POST /integrations/:id/config — publish a new version (422 GATE_FAILED carries `report`). */
export async function publishIntegrationConfig(
  client: PegasusClient,
  integrationId: string,
  input: ConfigBody,
): Promise<IntegrationConfig> {
  const body = await client.request({
    method: "POST",
    path: configPath(integrationId),
    body: input,
    schema: envelopeSchema(integrationConfigSchema),
  });
  return body.data;
}

/** GET /integrations/:id/config/versions — the caller's own versions, newest first. */
export async function listIntegrationConfigVersions(client: PegasusClient, integrationId: string): Promise<VersionSummary[]> {
  const body = await client.request({
    path: `${configPath(integrationId)}/versions`,
    schema: envelopeSchema(z.array(versionSummarySchema)),
  });
  return body.data;
}

/** POST /integrations/:id/config/rollback/:version — copy version N forward as a new version. */
export async function rollbackIntegrationConfig(client: PegasusClient, integrationId: string, version: number): Promise<IntegrationConfig> {
  const body = await client.request({
    method: "POST",
    path: `${configPath(integrationId)}/rollback/${seg(version)}`,
    schema: envelopeSchema(integrationConfigSchema),
  });
  return body.data;
}

/** POST /integrations/:id/config/fork — copy the GLOBAL config into a TENANT overlay. */
export async function forkIntegrationConfig(
  client: PegasusClient,
  integrationId: string,
  opts: { force?: boolean } = {},
): Promise<IntegrationConfig> {
  const body = await client.request({
    method: "POST",
    path: `${configPath(integrationId)}/fork`,
    query: { force: opts.force ? "true" : undefined },
    schema: envelopeSchema(integrationConfigSchema),
  });
  return body.data;
}

/** DELETE /integrations/:id/config — delete the caller's whole lineage (409 DEPENDENTS_EXIST carries `dependents`). */
export async function deleteIntegrationConfig(
  client: PegasusClient,
  integrationId: string,
  opts: { force?: boolean } = {},
): Promise<DeleteIntegrationConfigResult> {
  const body = await client.request({
    method: "DELETE",
    path: configPath(integrationId),
    query: { force: opts.force ? "true" : undefined },
    schema: envelopeSchema(deleteResultSchema),
  });
  return body.data;
}

/** GET /integrations/mapping-schema — the bare JSON Schema of the mapping DSL (no envelope). */
export async function getMappingSchema(client: PegasusClient): Promise<Record<string, unknown>> {
  return client.request({ path: "/integrations/mapping-schema", schema: jsonSchemaDocumentSchema });
}

/** GET /integrations/requirements-summary — declared keys per integration with presence. */
export async function getIntegrationRequirementsSummary(client: PegasusClient): Promise<IntegrationRequirementsSummary> {
  const body = await client.request({
    path: "/integrations/requirements-summary",
    schema: envelopeSchema(integrationRequirementsSummarySchema),
  });
  return body.data;
}
