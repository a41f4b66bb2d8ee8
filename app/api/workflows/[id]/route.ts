import { bffRoute } from "@/lib/api";
import { readWorkflowVersion } from "@/lib/catalog/server";
import { workflowSchema } from "@/lib/schemas/workflow";
import { workflowParamsSchema } from "@/lib/schemas/params";

// GET /api/workflows/:id — one visible workflow version, retired ones included (status RETIRED); 404 when hidden or missing
export const GET = bffRoute({ params: workflowParamsSchema, output: workflowSchema }, ({ pegasus, params }) =>
  readWorkflowVersion(pegasus, params.id),
);
