import { z } from "zod";
import { isoDateSchema } from "./common";

export const executionStatusSchema = z.enum(["QUEUED", "RUNNING", "COMPLETED", "FAILED", "TIMED_OUT", "CANCELLED"]);
export type ExecutionStatus = z.infer<typeof executionStatusSchema>;
export const OPEN_STATUSES: readonly ExecutionStatus[] = ["QUEUED", "RUNNING"];
export const RETRYABLE_STATUSES: readonly ExecutionStatus[] = ["FAILED", "TIMED_OUT", "CANCELLED"];

export const triggerSourceSchema = z.enum(["USER", "EVENT", "SCHEDULE"]);
export type TriggerSource = z.infer<typeof triggerSourceSchema>;

export const executionSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  workflowId: z.string(),
  workflowName: z.string().nullable(),
  workflowVersion: z.string().nullable(),
  status: executionStatusSchema,
  input: z.unknown(),
  result: z.unknown().nullable(),
  errorMessage: z.string().nullable(),
  temporalWorkflowId: z.string().nullable(),
  temporalRunId: z.string().nullable(),
  triggeredByUserId: z.string().nullable(),
  triggerSource: triggerSourceSchema,
  triggeredByTriggerId: z.string().nullable(),
  dryRun: z.boolean(),
  queuedAt: isoDateSchema,
  startedAt: isoDateSchema.nullable(),
  finishedAt: isoDateSchema.nullable(),
  createdAt: isoDateSchema,
  updatedAt: isoDateSchema,
});
export type Execution = z.infer<typeof executionSchema>;

/** Body of POST /workflows/:id/run. */
export const runWorkflowSchema = z
  .object({
    input: z.record(z.string(), z.unknown()).default({}),
    mode: z.enum(["live", "dry_run"]).default("live"),
  })
  .strict();
export type RunWorkflow = z.infer<typeof runWorkflowSchema>;

/** The dry-run result envelope `{dryRun, return, trace, captured}` (contract §4.3). */
export const dryRunResultSchema = z.object({
  dryRun: z.literal(true),
  return: z.unknown(),
  trace: z.array(z.looseObject({ activity: z.string(), args: z.unknown().optional(), result: z.unknown().optional() })).default([]),
  captured: z
    .array(
      z.looseObject({
        method: z.string(),
        capability: z.string().optional(),
        args: z.unknown().optional(),
        wouldReturn: z.unknown().optional(),
        label: z.string().optional(),
        payload: z.unknown().optional(),
      }),
    )
    .default([]),
});
export type DryRunResult = z.infer<typeof dryRunResultSchema>;

/** List query for one workflow's executions (upstream keyset paging). */
export const executionPageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.string().uuid().optional(),
});

/** One page of the cross-workflow list (BFF GET /api/executions): rows and the opaque cursor of the next page. */
export const executionListPageSchema = z.object({
  items: z.array(executionSchema),
  nextCursor: z.string().nullable(),
  /** Runs read to fill the page and the oldest one's queuedAt (a search states what it covered). */
  scanned: z.object({ runs: z.number().int(), oldest: z.string().nullable() }).optional(),
});
export type ExecutionListPage = z.infer<typeof executionListPageSchema>;

/** Largest page the BFF serves from the merged list. */
export const MAX_LIST_LIMIT = 100;
