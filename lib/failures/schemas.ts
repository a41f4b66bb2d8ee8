import { z } from "zod";

/** Query of GET /api/failures: `since` (default: a day ago), optional `until` and `workflow=id,…`. */
export const failuresQuerySchema = z
  .object({
    since: z.iso.datetime({ offset: true, message: "since must be an ISO date-time, e.g. 2026-06-30T14:00:00Z" }).optional(),
    until: z.iso.datetime({ offset: true, message: "until must be an ISO date-time, e.g. 2026-06-30T14:00:00Z" }).optional(),
    workflow: z
      .string()
      .max(20_000)
      .optional()
      .transform((s) =>
        s
          ? s
              .split(",")
              .map((x) => x.trim())
              .filter((x) => x !== "")
          : [],
      )
      .pipe(z.array(z.uuid("every workflow id must be a UUID")).max(500)),
  })
  .strict()
  .refine((q) => !q.since || !q.until || Date.parse(q.since) < Date.parse(q.until), {
    message: "since must be before until",
    path: ["until"],
  });

const failureCauseSchema = z.object({
  rule: z.string(),
  title: z.string(),
  explanation: z.string(),
  owner: z.enum(["tenant admin", "workflow developer", "Pegasus support"]).nullable(),
  fix: z.string().nullable(),
  fixes: z.array(z.object({ label: z.string(), href: z.string().nullable() })),
});
export type FailureCauseView = z.infer<typeof failureCauseSchema>;

/** Who acknowledged a group and when; `reopened` once a run failed the same way after that. */
export const failureAckViewSchema = z.object({ by: z.string(), at: z.string(), lastSeenAt: z.string(), reopened: z.boolean() });
export type FailureAckView = z.infer<typeof failureAckViewSchema>;

/** Body of POST /api/failures/acks: the group and the last occurrence the user saw. */
export const ackFailureBodySchema = z
  .object({
    fingerprint: z.string().regex(/^[0-9a-f]{16}$/, "fingerprint must be 16 hex characters"),
    lastSeen: z.iso.datetime({ offset: true, message: "lastSeen must be an ISO date-time" }),
  })
  .strict();

/** What `POST /api/failures/acks` answers: the group and the occurrence it is acknowledged as of. */
export const ackFailureResultSchema = z.object({ fingerprint: z.string(), lastSeen: z.string() });

/** What `DELETE /api/failures/acks/:fingerprint` answers. */
export const unackFailureResultSchema = z.object({ fingerprint: z.string() });

export const fingerprintParamsSchema = z.object({
  fingerprint: z.string().regex(/^[0-9a-f]{16}$/, "fingerprint must be 16 hex characters"),
});

export const failureGroupSchema = z.object({
  fingerprint: z.string(),
  workflowName: z.string().nullable(),
  workflowId: z.string(),
  code: z.string(),
  status: z.enum(["FAILED", "TIMED_OUT", "STUCK"]),
  signature: z.string(),
  message: z.string().nullable(),
  versions: z.array(z.string()),
  count: z.number().int(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  sampleExecutionIds: z.array(z.string()),
  samples: z.array(z.object({ id: z.string(), workflowId: z.string(), version: z.string().nullable() })),
  perDay: z.array(z.object({ day: z.string(), count: z.number().int() })),
  cause: failureCauseSchema,
  ack: failureAckViewSchema.nullable().optional(),
});
export type FailureGroupView = z.infer<typeof failureGroupSchema>;

/** Body of GET /api/failures. `complete: false` means the row budget ran out at `oldestScanned`. */
export const failureScanSchema = z.object({
  groups: z.array(failureGroupSchema),
  scanned: z.number().int(),
  complete: z.boolean(),
  oldestScanned: z.string().nullable(),
  since: z.string(),
  until: z.string().nullable(),
  computedMs: z.number(),
});
export type FailureScanView = z.infer<typeof failureScanSchema>;
