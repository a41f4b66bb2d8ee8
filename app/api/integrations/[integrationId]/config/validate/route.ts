import { bffRoute } from "@/lib/api";
import { editableBodySchema, toUpstreamBody } from "@/lib/integrations/body";
import { integrationParamsSchema } from "@/lib/integrations/schemas";
import { validateIntegrationConfig } from "@/lib/pegasus/integrations";
import { gateReportSchema } from "@/lib/schemas/integration";

// POST /api/integrations/:id/config/validate — run the gate on a body; writes nothing, 200 even when ok:false
export const POST = bffRoute(
  { params: integrationParamsSchema, body: editableBodySchema, output: gateReportSchema },
  ({ pegasus, params, body }) => validateIntegrationConfig(pegasus, params.integrationId, toUpstreamBody(body)),
);
