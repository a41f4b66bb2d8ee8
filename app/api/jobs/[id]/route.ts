import { bffRoute } from "@/lib/api";
import { jobIdParamsSchema, jobViewSchema } from "@/lib/jobs/schemas";
import { readJob } from "@/lib/jobs/service";

// GET /api/jobs/:id — a bulk job's progress and result per run, read from the store
export const GET = bffRoute({ params: jobIdParamsSchema, output: jobViewSchema }, ({ pegasus, session, actor, params }) =>
  readJob(pegasus, session.user.tenantId, actor.sub, params.id),
);
