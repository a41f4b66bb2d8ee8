import { z } from "zod";
import { bffRoute } from "@/lib/api";
import { readWorkflowVersion } from "@/lib/catalog/server";
import { workflowSchema } from "@/lib/schemas/workflow";

const paramsSchema = z.object({ id: z.uuid("workflow id must be a UUID") });

// GET /api/workflows/:id — one visible workflow version, retired ones included (status RETIRED); 404 when hidden or missing
export const GET = bffRoute({ params: paramsSchema, output: workflowSchema }, ({ pegasus, params }) => readWorkflowVersion(pegasus, params.id));
