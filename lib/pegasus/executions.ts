import "server-only";
import { z } from "zod";
import { serverEnv } from "@/lib/env";
import { envelopeSchema } from "@/lib/schemas/common";
import { executionSchema, type Execution, type RunWorkflow } from "@/lib/schemas/execution";
import { historySchema, type History } from "@/lib/schemas/history";
import { seg, type PegasusClient } from "./transport";

const executionPageSchema = z.object({
  data: z.array(executionSchema),
  meta: z.object({ count: z.number().int(), limit: z.number().int() }),
});
export type ExecutionPage = z.infer<typeof executionPageSchema>;

function executionPath(workflowId: string, executionId: string): string {
  return `/workflows/${seg(workflowId)}/executions/${seg(executionId)}`;
}

/** POST /workflows/:id/run — start a live or dry run (201 with the new execution). */
export async function runWorkflow(client: PegasusClient, workflowId: string, input: RunWorkflow): Promise<Execution> {
  const body = await client.request({
    method: "POST",
    path: `/workflows/${seg(workflowId)}/run`,
    body: input,
    schema: envelopeSchema(executionSchema),
  });
  return body.data;
}

/** GET /workflows/:id/executions — newest first; `before` is the last id of the previous page. */
export async function listExecutions(
  client: PegasusClient,
  workflowId: string,
  page: { limit?: number; before?: string } = {},
): Promise<ExecutionPage> {
  return client.request({
    path: `/workflows/${seg(workflowId)}/executions`,
    query: { limit: page.limit, before: page.before },
    schema: executionPageSchema,
  });
}

/** GET /workflows/:id/executions/:executionId — one execution. */
export async function getExecution(client: PegasusClient, workflowId: string, executionId: string): Promise<Execution> {
  const body = await client.request({ path: executionPath(workflowId, executionId), schema: envelopeSchema(executionSchema) });
  return body.data;
}

/**
 * GET …/executions/:executionId/history — the flattened Temporal timeline. A large history takes
 * the upstream seconds to read from Temporal, so this call gets the longer history budget.
 */
export async function getExecutionHistory(client: PegasusClient, workflowId: string, executionId: string): Promise<History> {
  const body = await client.request({
    path: `${executionPath(workflowId, executionId)}/history`,
    schema: envelopeSchema(historySchema),
    timeoutMs: serverEnv().historyTimeoutMs,
  });
  return body.data;
}

/** POST …/cancel — 202 with the row unchanged; the status flips later. */
export async function cancelExecution(client: PegasusClient, workflowId: string, executionId: string): Promise<Execution> {
  const body = await client.request({
    method: "POST",
    path: `${executionPath(workflowId, executionId)}/cancel`,
    schema: envelopeSchema(executionSchema),
  });
  return body.data;
}

/** POST …/retry — 201 with a new execution started from the stored input. */
export async function retryExecution(client: PegasusClient, workflowId: string, executionId: string): Promise<Execution> {
  const body = await client.request({
    method: "POST",
    path: `${executionPath(workflowId, executionId)}/retry`,
    schema: envelopeSchema(executionSchema),
  });
  return body.data;
}
