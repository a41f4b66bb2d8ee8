import { z } from "zod";
import { bffRoute } from "@/lib/api";
import { retireWorkflow } from "@/lib/pegasus/workflows";
import { retireResultSchema } from "@/lib/schemas/workflow";

const paramsSchema = z.object({ id: z.uuid("workflow id must be a UUID") });

// POST /api/workflows/:id/retire — retire one row the tenant owns (409 WORKFLOW_IN_USE lists enabledTriggers/openExecutions)
export const POST = bffRoute({ params: paramsSchema, output: retireResultSchema, audit: { action: "workflow.retire", target: ({ params }) => `workflow:${params.id}` } }, ({ pegasus, params }) => retireWorkflow(pegasus, params.id));
