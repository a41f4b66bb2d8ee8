import type { Kysely } from "kysely";
import type { Database } from "./schema";

/** A retry or re-run the console started: the new run and the run it came from. */
export interface LineageLink {
  executionId: string;
  sourceExecutionId: string;
  workflowId: string;
  kind: "retry" | "rerun";
  actorSub: string;
  at: string;
}

/** Records that `executionId` retries (or re-runs) `sourceExecutionId`. */
export async function recordLineage(db: Kysely<Database>, tenantId: string, link: Omit<LineageLink, "at">): Promise<void> {
  await db
    .insertInto("run_lineage")
    .values({
      tenant_id: tenantId,
      execution_id: link.executionId,
      source_execution_id: link.sourceExecutionId,
      workflow_id: link.workflowId,
      kind: link.kind,
      actor_sub: link.actorSub,
    })
    .onConflict((oc) => oc.columns(["tenant_id", "execution_id"]).doNothing())
    .execute();
}

/** The run this execution retries (if any) and the runs that retried it. */
export async function lineageOf(
  db: Kysely<Database>,
  tenantId: string,
  executionId: string,
): Promise<{ retryOf: LineageLink | null; retriedAs: LineageLink[] }> {
  const rows = await db
    .selectFrom("run_lineage")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where((eb) => eb.or([eb("execution_id", "=", executionId), eb("source_execution_id", "=", executionId)]))
    .orderBy("at", "asc")
    .execute();
  const toLink = (r: (typeof rows)[number]): LineageLink => ({
    executionId: r.execution_id,
    sourceExecutionId: r.source_execution_id,
    workflowId: r.workflow_id,
    kind: r.kind === "rerun" ? "rerun" : "retry",
    actorSub: r.actor_sub,
    at: new Date(r.at).toISOString(),
  });
  const own = rows.find((r) => r.execution_id === executionId);
  return { retryOf: own ? toLink(own) : null, retriedAs: rows.filter((r) => r.source_execution_id === executionId).map(toLink) };
}
