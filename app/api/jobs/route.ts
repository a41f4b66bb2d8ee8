import { z } from "zod";
import { bffRoute } from "@/lib/api";
import { createJobBodySchema, jobListSchema, jobViewSchema } from "@/lib/jobs/schemas";
import { listJobs, startJob } from "@/lib/jobs/service";
import { readReasonHeader, AUDIT_REASON_HEADER } from "@/lib/audit/actions";

// GET /api/jobs — the tenant's latest bulk jobs (newest first)
export const GET = bffRoute({ query: z.object({}).strict(), output: jobListSchema }, ({ pegasus, session }) =>
  listJobs(pegasus, session.user.tenantId),
);

// POST /api/jobs — start a bulk retry / cancel / dry-run re-run (reason required); 201 with the job.
// 403 without the single action's permission, 409 SELECTION_CHANGED when the count moved since the preview.
export const POST = bffRoute(
  {
    body: createJobBodySchema,
    output: jobViewSchema,
    status: 201,
    audit: {
      action: "bulk.start",
      target: ({ body }) =>
        `bulk:${body.kind}:${body.selection.type === "group" ? `failure-group:${body.selection.fingerprint}` : `runs=${body.selection.executions.length}`}`,
    },
  },
  async ({ pegasus, session, actor, body, request }) => {
    // The wrapper has already refused a missing or malformed reason (bulk.start requires one).
    const reason = readReasonHeader(request.headers.get(AUDIT_REASON_HEADER));
    return startJob({
      pegasus,
      tenantId: session.user.tenantId,
      actor,
      kind: body.kind,
      selection: body.selection,
      expectedCount: body.expectedCount,
      reason: reason.ok && reason.reason ? reason.reason : "",
    });
  },
);
