// Review vocabulary shared by the BFF and the UI. Pure.
import { z } from "zod";
import { isoDateSchema } from "@/lib/schemas/common";

export const REVIEW_VERDICTS = ["matches", "does_not_match"] as const;
export type ReviewVerdict = (typeof REVIEW_VERDICTS)[number];

/** Longest review note kept. */
export const REVIEW_NOTE_MAX = 2000;

/** Body of POST /api/workflows/:id/reviews. */
export const createReviewSchema = z
  .object({
    verdict: z.enum(REVIEW_VERDICTS, 'verdict must be "matches" or "does_not_match"'),
    note: z
      .string()
      .trim()
      .max(REVIEW_NOTE_MAX, `note: at most ${REVIEW_NOTE_MAX} characters`)
      .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), "note: control characters are not allowed")
      .optional(),
  })
  .strict();
export type CreateReview = z.infer<typeof createReviewSchema>;

/** One review as the BFF returns it. */
export const reviewSchema = z.object({
  verdict: z.enum(REVIEW_VERDICTS),
  note: z.string().nullable(),
  reviewer: z.object({ name: z.string().nullable(), email: z.string().nullable() }),
  version: z.string(),
  diagramSha256: z.string(),
  envelopeDigest: z.string(),
  at: isoDateSchema,
  /** The bound diagram SHA-256 and envelope digest equal the version's present ones. */
  current: z.boolean(),
});
export type Review = z.infer<typeof reviewSchema>;

export const REVIEW_STATES = ["reviewed", "changes-requested", "not-reviewed", "out-of-date"] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

/** How the UI names each state. */
export const REVIEW_STATE_LABELS: Record<ReviewState, string> = {
  reviewed: "Reviewed",
  "changes-requested": "Changes requested",
  "not-reviewed": "Not yet reviewed",
  "out-of-date": "Review out of date",
};

/** The state of a version from its newest review (null: none) and whether that review is current. */
export function reviewStateOf(latest: { verdict: ReviewVerdict; current: boolean } | null): ReviewState {
  if (!latest) return "not-reviewed";
  if (!latest.current) return "out-of-date";
  return latest.verdict === "matches" ? "reviewed" : "changes-requested";
}

/** One version's line of the tenant's review summary (GET /api/reviews). */
export const reviewSummaryItemSchema = z.object({
  workflowId: z.string(),
  name: z.string(),
  version: z.string(),
  state: z.enum(REVIEW_STATES),
  /** Newest review of this version, if any. */
  lastReview: z.object({ verdict: z.enum(REVIEW_VERDICTS), at: isoDateSchema, reviewerName: z.string().nullable() }).nullable(),
  /** Newest reviewed other version of the same name and visibility (for "what changed since"). */
  lastReviewedVersion: z.object({ workflowId: z.string(), version: z.string() }).nullable(),
});
export type ReviewSummaryItem = z.infer<typeof reviewSummaryItemSchema>;

export const reviewSummarySchema = z.object({
  items: z.array(reviewSummaryItemSchema),
  /** Versions whose digests were not recomputed (over the bound): their state is "out-of-date" unknown → shown as such. */
  truncated: z.boolean(),
});
export type ReviewSummary = z.infer<typeof reviewSummarySchema>;

/** The tenant's review settings. */
export const reviewSettingsSchema = z.object({
  requireReviewBeforeTriggers: z.boolean(),
  updatedAt: isoDateSchema.nullable(),
  updatedBy: z.string().nullable(),
});
export type ReviewSettings = z.infer<typeof reviewSettingsSchema>;

/** Body of PUT /api/settings/review. */
export const putReviewSettingsSchema = z.object({ requireReviewBeforeTriggers: z.boolean() }).strict();

/** Query of the trigger routes: the caller confirms enabling a trigger on an unreviewed version. */
export const triggerConfirmQuerySchema = z.object({ confirmUnreviewed: z.enum(["true", "false"]).optional() }).strict();
