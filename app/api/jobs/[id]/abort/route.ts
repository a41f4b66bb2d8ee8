import { bffRoute } from "@/lib/api";
import { jobIdParamsSchema, jobViewSchema } from "@/lib/jobs/schemas";
import { abortJob } from "@/lib/jobs/service";

// POST /api/jobs/:id/abort — stop a bulk job: runs not yet started are skipped; 409 JOB_NOT_ABORTABLE once it has ended
export const POST = bffRoute(
  { params: jobIdParamsSchema, output: jobViewSchema, audit: { action: "bulk.abort", target: ({ params }) => `job:${params.id}` } },
  ({ pegasus, session, actor, params }) => abortJob(pegasus, session.user.tenantId, actor.sub, params.id),
);
