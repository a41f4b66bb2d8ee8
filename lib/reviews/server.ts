import "server-only";
import type { Kysely } from "kysely";
import { BffRequestError } from "@/lib/api/errors";
import { readWorkflowVersion } from "@/lib/catalog/server";
import type { PegasusClient } from "@/lib/pegasus/transport";
import { listTriggers } from "@/lib/pegasus/triggers";
import { listWorkflows } from "@/lib/pegasus/workflows";
import type { Database } from "@/lib/store/schema";
import { latestReviewPerWorkflow, recordReview, reviewsOfWorkflow, tenantSettings, type StoredReview } from "@/lib/store/reviews";
import type { Workflow } from "@/lib/schemas/workflow";
import { reviewBindingOf, type ReviewBinding } from "./digest";
import { reviewStateOf, type CreateReview, type Review, type ReviewState, type ReviewSummary, type ReviewSummaryItem } from "./state";

/** Reviewed versions whose present digests the summary recomputes (one trigger list each). */
export const SUMMARY_DIGEST_BOUND = 60;
const SUMMARY_CONCURRENCY = 4;

/** A version and what a review of it is bound to now, read from the API as the caller. */
export async function reviewSubject(pegasus: PegasusClient, workflowId: string): Promise<{ workflow: Workflow; binding: ReviewBinding }> {
  const [workflow, triggers] = await Promise.all([readWorkflowVersion(pegasus, workflowId), listTriggers(pegasus, workflowId)]);
  return { workflow, binding: await reviewBindingOf(workflow, triggers) };
}

const isCurrent = (r: Pick<StoredReview, "diagramSha256" | "envelopeDigest">, b: ReviewBinding) =>
  r.diagramSha256 === b.diagramSha256 && r.envelopeDigest === b.envelopeDigest;

function toReview(r: StoredReview, binding: ReviewBinding): Review {
  return {
    verdict: r.verdict,
    note: r.note,
    reviewer: { name: r.reviewer.name, email: r.reviewer.email },
    version: r.version,
    diagramSha256: r.diagramSha256,
    envelopeDigest: r.envelopeDigest,
    at: r.at,
    current: isCurrent(r, binding),
  };
}

/** Reviews of one version, newest first, each marked current or not (404 when the caller cannot see the version). */
export async function listReviews(pegasus: PegasusClient, db: Kysely<Database>, tenantId: string, workflowId: string): Promise<Review[]> {
  const { binding } = await reviewSubject(pegasus, workflowId);
  return (await reviewsOfWorkflow(db, tenantId, workflowId)).map((r) => toReview(r, binding));
}

/** Records a sign-off bound to the digests the BFF computes now from API data. */
export async function createReview(
  pegasus: PegasusClient,
  db: Kysely<Database>,
  tenantId: string,
  reviewer: { sub: string; name: string | null; email: string | null },
  workflowId: string,
  input: CreateReview,
): Promise<Review> {
  const { workflow, binding } = await reviewSubject(pegasus, workflowId);
  const stored = await recordReview(db, tenantId, {
    workflowId: workflow.id,
    workflowName: workflow.name,
    visibility: workflow.visibility,
    version: workflow.version,
    verdict: input.verdict,
    note: input.note ? input.note : null,
    reviewer,
    ...binding,
  });
  return toReview(stored, binding);
}

async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * Review state of every visible active version (GET /api/reviews): versions without a review are
 * "not yet reviewed" without any further call; reviewed ones (newest reviews first, at most
 * SUMMARY_DIGEST_BOUND) get their present digests from one trigger list each, a few at a time.
 * Reviewed versions over the bound are left out and `truncated` says so.
 */
export async function reviewSummary(pegasus: PegasusClient, db: Kysely<Database>, tenantId: string): Promise<ReviewSummary> {
  const [workflows, latest] = await Promise.all([listWorkflows(pegasus), latestReviewPerWorkflow(db, tenantId, SUMMARY_DIGEST_BOUND + 1)]);
  const truncated = latest.length > SUMMARY_DIGEST_BOUND;
  const byId = new Map(workflows.map((w) => [w.id, w]));
  const reviewed = latest.slice(0, SUMMARY_DIGEST_BOUND).filter((r) => byId.has(r.workflowId));
  const states = new Map<string, { state: ReviewState; review: StoredReview }>();
  await mapBounded(reviewed, SUMMARY_CONCURRENCY, async (r) => {
    const wf = byId.get(r.workflowId) as Workflow;
    try {
      const binding = await reviewBindingOf(wf, await listTriggers(pegasus, wf.id));
      states.set(wf.id, { state: reviewStateOf({ verdict: r.verdict, current: isCurrent(r, binding) }), review: r });
    } catch {
      // A version whose triggers cannot be read now is left without a state rather than failing the list.
    }
  });
  // For "what changed since": the newest reviewed version of each name, by review order.
  const lastReviewedOfName = new Map<string, StoredReview>();
  for (const r of latest) {
    const key = `${r.visibility}/${r.workflowName}`;
    if (!lastReviewedOfName.has(key)) lastReviewedOfName.set(key, r);
  }
  const items: ReviewSummaryItem[] = [];
  for (const wf of workflows) {
    if (wf.status === "RETIRED") continue;
    const own = states.get(wf.id);
    const hasReview = latest.some((r) => r.workflowId === wf.id);
    if (hasReview && !own) continue; // over the bound or unreadable: no claim either way
    const other = lastReviewedOfName.get(`${wf.visibility}/${wf.name}`);
    items.push({
      workflowId: wf.id,
      name: wf.name,
      version: wf.version,
      state: own?.state ?? "not-reviewed",
      lastReview: own
        ? { verdict: own.review.verdict, at: own.review.at, reviewerName: own.review.reviewer.name ?? own.review.reviewer.email }
        : null,
      lastReviewedVersion: other && other.workflowId !== wf.id ? { workflowId: other.workflowId, version: other.version } : null,
    });
  }
  return { items, truncated };
}

/**
 * The tenant's "require review before enabling a trigger" rule: when it is on and the version's
 * newest review is not a current "matches", turning a trigger on needs the caller's explicit
 * confirmation (409 REVIEW_REQUIRED without it).
 */
export async function checkTriggerReview(
  pegasus: PegasusClient,
  db: Kysely<Database>,
  tenantId: string,
  workflowId: string,
  confirmed: boolean,
): Promise<void> {
  if (confirmed) return;
  const settings = await tenantSettings(db, tenantId);
  if (!settings.requireReviewBeforeTriggers) return;
  const [{ binding }, reviews] = await Promise.all([reviewSubject(pegasus, workflowId), reviewsOfWorkflow(db, tenantId, workflowId, 1)]);
  const newest = reviews[0];
  const state = reviewStateOf(newest ? { verdict: newest.verdict, current: isCurrent(newest, binding) } : null);
  if (state === "reviewed") return;
  throw new BffRequestError(
    409,
    "REVIEW_REQUIRED",
    "Your tenant requires a business review before a trigger is enabled, and this version has no current sign-off. Confirm to enable it anyway (recorded in the activity log).",
  );
}
