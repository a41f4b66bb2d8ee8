import { bffRoute } from "@/lib/api";
import { getExecutionHistory } from "@/lib/pegasus/executions";
import { historySchema } from "@/lib/schemas/history";
import { executionParamsSchema } from "@/lib/schemas/params";

// GET /api/workflows/:id/executions/:executionId/history — the flattened Temporal history ({events}); 404 past retention
export const GET = bffRoute({ params: executionParamsSchema, output: historySchema }, ({ pegasus, params }) =>
  getExecutionHistory(pegasus, params.id, params.executionId),
);
