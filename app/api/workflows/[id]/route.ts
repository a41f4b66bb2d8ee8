import { z } from "zod";
import { bffRoute } from "@/lib/api";
import { getWorkflow } from "@/lib/pegasus/workflows";
import { workflowSchema } from "@/lib/schemas/workflow";

const paramsSchema = z.object({ id: z.uuid("workflow id must be a UUID") });

// GET /api/workflows/:id — one visible, non-retired workflow (404 when hidden, missing or retired)
export const GET = bffRoute({ params: paramsSchema, output: workflowSchema }, ({ pegasus, params }) => getWorkflow(pegasus, params.id));
