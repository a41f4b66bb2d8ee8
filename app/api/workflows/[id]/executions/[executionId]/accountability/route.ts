import { bffRoute } from "@/lib/api";
import { getExecution } from "@/lib/pegasus/executions";
import { accountabilitySchema, type LineageLinkView } from "@/lib/people/schemas";
import { latestAuditFor, lineageOf, storeDb, type LineageLink } from "@/lib/store";
import { executionParamsSchema } from "@/lib/schemas/params";

const toView = (link: LineageLink, end: "source" | "new"): LineageLinkView => ({
  executionId: end === "source" ? link.sourceExecutionId : link.executionId,
  workflowId: link.workflowId,
  kind: link.kind,
  actorId: link.actorSub,
  at: link.at,
});

// GET /api/workflows/:id/executions/:executionId/accountability — "retry of" / "retried as" links and who cancelled the run, why.
// The execution is read as the caller first (404 when they cannot see it); only this run's cancel entries leave the audit trail.
export const GET = bffRoute({ params: executionParamsSchema, output: accountabilitySchema }, async ({ pegasus, params, session }) => {
  const execution = await getExecution(pegasus, params.id, params.executionId);
  const tenantId = session.user.tenantId;
  const db = await storeDb();
  const [lineage, cancels] = await Promise.all([
    lineageOf(db, tenantId, execution.id),
    latestAuditFor(db, tenantId, `execution:${execution.workflowId}/${execution.id}`, ["execution.cancel"]),
  ]);
  const cancel = cancels[0];
  return {
    retryOf: lineage.retryOf ? toView(lineage.retryOf, "source") : null,
    retriedAs: lineage.retriedAs.map((l) => toView(l, "new")),
    cancellation: cancel ? { actor: { id: cancel.actor.sub, name: cancel.actor.name }, at: cancel.at, reason: cancel.reason } : null,
  };
});
