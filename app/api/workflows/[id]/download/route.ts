import { bffRoute } from "@/lib/api";
import { getWorkflowDownloadUrl } from "@/lib/pegasus/workflows";
import { downloadUrlSchema } from "@/lib/schemas/workflow";
import { workflowParamsSchema } from "@/lib/schemas/params";

// GET /api/workflows/:id/download — a short-lived URL of the source zip ({downloadUrl, expiresInSeconds})
export const GET = bffRoute({ params: workflowParamsSchema, output: downloadUrlSchema }, ({ pegasus, params }) =>
  getWorkflowDownloadUrl(pegasus, params.id),
);
