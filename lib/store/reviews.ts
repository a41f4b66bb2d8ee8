import { sql, type Kysely, type Selectable } from "kysely";
import type { Database, WorkflowReviewsTable } from "./schema";

/** One stored sign-off of a workflow version. */
export interface StoredReview {
  workflowId: string;
  workflowName: string;
  visibility: string;
  version: string;
  verdict: "matches" | "does_not_match";
  note: string | null;
  reviewer: { sub: string; name: string | null; email: string | null };
  diagramSha256: string;
  envelopeDigest: string;
  at: string;
}

/** Most reviews of one version a list returns (newest first). */
export const REVIEWS_PAGE_MAX = 100;

function toReview(r: Selectable<WorkflowReviewsTable>): StoredReview {
  return {
    workflowId: r.workflow_id,
    workflowName: r.workflow_name,
    visibility: r.visibility,
    version: r.version,
    verdict: r.verdict === "does_not_match" ? "does_not_match" : "matches",
    note: r.note,
    reviewer: { sub: r.reviewer_sub, name: r.reviewer_name, email: r.reviewer_email },
    diagramSha256: r.diagram_sha256,
    envelopeDigest: r.envelope_digest,
    at: new Date(r.at).toISOString(),
  };
}

/** Records one review and returns it as stored. */
export async function recordReview(db: Kysely<Database>, tenantId: string, review: Omit<StoredReview, "at">): Promise<StoredReview> {
  const row = await db
    .insertInto("workflow_reviews")
    .values({
      tenant_id: tenantId,
      workflow_id: review.workflowId,
      workflow_name: review.workflowName,
      visibility: review.visibility,
      version: review.version,
      verdict: review.verdict,
      note: review.note,
      reviewer_sub: review.reviewer.sub,
      reviewer_name: review.reviewer.name,
      reviewer_email: review.reviewer.email,
      diagram_sha256: review.diagramSha256,
      envelope_digest: review.envelopeDigest,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toReview(row);
}

/** Reviews of one workflow version in one tenant, newest first. */
export async function reviewsOfWorkflow(
  db: Kysely<Database>,
  tenantId: string,
  workflowId: string,
  limit = REVIEWS_PAGE_MAX,
): Promise<StoredReview[]> {
  const rows = await db
    .selectFrom("workflow_reviews")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("workflow_id", "=", workflowId)
    .orderBy("id", "desc")
    .limit(Math.min(Math.max(limit, 1), REVIEWS_PAGE_MAX))
    .execute();
  return rows.map(toReview);
}

/** The newest review of every reviewed version in one tenant (newest first, at most `limit`). */
export async function latestReviewPerWorkflow(db: Kysely<Database>, tenantId: string, limit: number): Promise<StoredReview[]> {
  const newest = db
    .selectFrom("workflow_reviews")
    .select((eb) => eb.fn.max("id").as("id"))
    .where("tenant_id", "=", tenantId)
    .groupBy("workflow_id");
  const rows = await db
    .selectFrom("workflow_reviews")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "in", newest)
    .orderBy("id", "desc")
    .limit(Math.max(limit, 1))
    .execute();
  return rows.map(toReview);
}

/** A tenant's console settings (defaults when none were saved). */
export interface TenantSettings {
  requireReviewBeforeTriggers: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** Reads the tenant's settings. */
export async function tenantSettings(db: Kysely<Database>, tenantId: string): Promise<TenantSettings> {
  const row = await db.selectFrom("tenant_settings").selectAll().where("tenant_id", "=", tenantId).executeTakeFirst();
  if (!row) return { requireReviewBeforeTriggers: false, updatedAt: null, updatedBy: null };
  return {
    requireReviewBeforeTriggers: row.require_review_before_triggers,
    updatedAt: new Date(row.updated_at).toISOString(),
    updatedBy: row.updated_by_name ?? row.updated_by_sub,
  };
}

/** Saves whether enabling a trigger needs a current review of the version first. */
export async function setRequireReviewBeforeTriggers(
  db: Kysely<Database>,
  tenantId: string,
  value: boolean,
  by: { sub: string; name: string | null },
): Promise<TenantSettings> {
  await db
    .insertInto("tenant_settings")
    .values({
      tenant_id: tenantId,
      require_review_before_triggers: value,
      updated_by_sub: by.sub,
      updated_by_name: by.name,
      updated_at: sql<Date>`now()`,
    })
    .onConflict((oc) =>
      oc.column("tenant_id").doUpdateSet({
        require_review_before_triggers: value,
        updated_by_sub: by.sub,
        updated_by_name: by.name,
        updated_at: sql<Date>`now()`,
      }),
    )
    .execute();
  return tenantSettings(db, tenantId);
}
