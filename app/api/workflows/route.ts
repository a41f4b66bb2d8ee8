import { z } from "zod";
import { bffRoute } from "@/lib/api";
import { listWorkflows } from "@/lib/pegasus/workflows";
import { workflowSchema } from "@/lib/schemas/workflow";

const querySchema = z.object({ includeRetired: z.enum(["true", "false"]).optional() }).strict();

// GET /api/workflows — workflows visible to the signed-in tenant (own + GLOBAL; ?includeRetired=true adds retired rows)
export const GET = bffRoute({ query: querySchema, output: z.array(workflowSchema) }, ({ pegasus, query }) =>
  listWorkflows(pegasus, { includeRetired: query.includeRetired === "true" }),
);
