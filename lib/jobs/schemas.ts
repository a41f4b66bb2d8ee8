import { z } from "zod";

/** What a bulk job does to each run. */
export const bulkJobKindSchema = z.enum(["retry", "cancel", "dry-run"]);
export type BulkJobKindView = z.infer<typeof bulkJobKindSchema>;

/** Most runs one job may act on. */
export const MAX_JOB_ITEMS = 1_000;
/** Most runs an explicit selection (a filtered executions list) may name. */
export const MAX_EXPLICIT_ITEMS = 200;

const iso = z.iso.datetime({ offset: true, message: "must be an ISO date-time, e.g. 2026-06-30T14:00:00Z" });

/** The runs a job acts on: every run of one failure group in a window, or the runs named. */
export const jobSelectionSchema = z.discriminatedUnion("type", [
  z
    .object({
      type: z.literal("group"),
      fingerprint: z.string().min(1).max(200),
      since: iso.optional(),
      until: iso.optional(),
      workflow: z.array(z.uuid("every workflow id must be a UUID")).max(500).default([]),
    })
    .strict(),
  z
    .object({
      type: z.literal("executions"),
      executions: z
        .array(z.object({ workflowId: z.uuid("workflow id must be a UUID"), executionId: z.uuid("execution id must be a UUID") }).strict())
        .min(1)
        .max(MAX_EXPLICIT_ITEMS),
    })
    .strict(),
]);
export type JobSelection = z.infer<typeof jobSelectionSchema>;

/** Body of POST /api/jobs/preview: what would be acted on. */
export const jobPreviewBodySchema = z.object({ kind: bulkJobKindSchema, selection: jobSelectionSchema }).strict();

/** Body of POST /api/jobs (the reason travels in the x-audit-reason header, like every action). */
export const createJobBodySchema = z
  .object({
    kind: bulkJobKindSchema,
    selection: jobSelectionSchema,
    /** The count the dialog showed; a different count now is a 409 (review again). */
    expectedCount: z.number().int().min(1).max(MAX_JOB_ITEMS),
  })
  .strict();

export const jobIdParamsSchema = z.object({ id: z.uuid("job id must be a UUID") });

const previewRowSchema = z.object({
  workflowId: z.string(),
  executionId: z.string(),
  workflowName: z.string().nullable(),
  status: z.string(),
  queuedAt: z.string(),
});

/** Answer of the preview: the exact count, the first rows, and what was left out and why. */
export const jobPreviewSchema = z.object({
  kind: bulkJobKindSchema,
  count: z.number().int(),
  first: z.array(previewRowSchema),
  excluded: z.number().int(),
  excludedReason: z.string().nullable(),
  /** False when the group scan stopped at its row budget (older runs of the group are not included). */
  complete: z.boolean(),
});
export type JobPreview = z.infer<typeof jobPreviewSchema>;

export const jobItemViewSchema = z.object({
  workflowId: z.string(),
  executionId: z.string(),
  state: z.enum(["pending", "claimed", "started", "done", "failed", "skipped"]),
  newExecutionId: z.string().nullable(),
  newStatus: z.string().nullable(),
  code: z.string().nullable(),
  message: z.string().nullable(),
});

export const jobViewSchema = z.object({
  id: z.string(),
  kind: bulkJobKindSchema,
  reason: z.string(),
  source: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  /** running | paused | aborted | finished */
  state: z.enum(["running", "paused", "aborting", "aborted", "finished"]),
  note: z.string().nullable(),
  abortedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  counts: z.object({
    total: z.number().int(),
    done: z.number().int(),
    failed: z.number().int(),
    running: z.number().int(),
    pending: z.number().int(),
    skipped: z.number().int(),
  }),
  items: z.array(jobItemViewSchema),
});
export type JobView = z.infer<typeof jobViewSchema>;
export const jobListSchema = z.array(jobViewSchema.omit({ items: true }));
