import { z } from "zod";
import { bffRoute } from "@/lib/api";
import { getWorkflowDownloadUrl } from "@/lib/pegasus/workflows";
import { downloadUrlSchema } from "@/lib/schemas/workflow";

const paramsSchema = z.object({ id: z.uuid("workflow id must be a UUID") });

// GET /api/workflows/:id/download — a short-lived URL of the source zip ({downloadUrl, expiresInSeconds})
export const GET = bffRoute({ params: paramsSchema, output: downloadUrlSchema }, ({ pegasus, params }) => getWorkflowDownloadUrl(pegasus, params.id));
