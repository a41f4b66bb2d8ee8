import "server-only";
import { z } from "zod";
import { envelopeSchema } from "@/lib/schemas/common";
import {
  downloadUrlSchema,
  requirementsSummarySchema,
  retireResultSchema,
  workflowSchema,
  type RequirementsSummary,
  type RetireResult,
  type Workflow,
} from "@/lib/schemas/workflow";
import { markValidated } from "@/lib/api/validated";
import { seg, type PegasusClient } from "./transport";

const workflowListSchema = z.array(workflowSchema);

/** GET /workflows — the tenant's rows plus GLOBAL, newest first (retired only on request). */
export async function listWorkflows(client: PegasusClient, opts: { includeRetired?: boolean } = {}): Promise<Workflow[]> {
  const body = await client.request({
    path: "/workflows",
    query: { includeRetired: opts.includeRetired ? "true" : undefined },
    schema: envelopeSchema(z.array(workflowSchema)),
  });
  return markValidated(workflowListSchema, body.data);
}

/** GET /workflows/:id — one visible, non-retired workflow. */
export async function getWorkflow(client: PegasusClient, workflowId: string): Promise<Workflow> {
  const body = await client.request({ path: `/workflows/${seg(workflowId)}`, schema: envelopeSchema(workflowSchema) });
  return markValidated(workflowSchema, body.data);
}

/** GET /workflows/requirements-summary — declared secret/config keys per workflow with presence. */
export async function getWorkflowRequirementsSummary(client: PegasusClient): Promise<RequirementsSummary> {
  const body = await client.request({
    path: "/workflows/requirements-summary",
    schema: envelopeSchema(requirementsSummarySchema),
  });
  return body.data;
}

/** GET /workflows/:id/download-url — a short-lived URL of the source zip. */
export async function getWorkflowDownloadUrl(client: PegasusClient, workflowId: string) {
  const body = await client.request({
    path: `/workflows/${seg(workflowId)}/download-url`,
    schema: envelopeSchema(downloadUrlSchema),
  });
  return body.data;
}

/** POST /workflows/:id/fork — copy a GLOBAL workflow into the caller's tenant. */
export async function forkWorkflow(client: PegasusClient, workflowId: string): Promise<Workflow> {
  const body = await client.request({
    method: "POST",
    path: `/workflows/${seg(workflowId)}/fork`,
    schema: envelopeSchema(workflowSchema),
  });
  return body.data;
}

/** POST /workflows/:id/retire — soft-delete one row the tenant owns. */
export async function retireWorkflow(client: PegasusClient, workflowId: string): Promise<RetireResult> {
  const body = await client.request({
    method: "POST",
    path: `/workflows/${seg(workflowId)}/retire`,
    schema: envelopeSchema(retireResultSchema),
  });
  return body.data;
}
