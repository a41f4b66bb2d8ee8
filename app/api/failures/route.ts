import { bffRoute } from "@/lib/api";
import { failureScanSchema, failuresQuerySchema } from "@/lib/failures/schemas";
import { getFailureGroups } from "@/lib/pegasus/failures";

// GET /api/failures — failed, timed-out and stuck runs since `since` (default a day ago), grouped by fingerprint with their cause, newest activity first
export const GET = bffRoute({ query: failuresQuerySchema, output: failureScanSchema }, ({ pegasus, query }) =>
  getFailureGroups(pegasus, { since: query.since, until: query.until, workflowIds: query.workflow }),
);
