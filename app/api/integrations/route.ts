import { z } from "zod";
import { bffRoute } from "@/lib/api";
import { listIntegrationConfigs } from "@/lib/pegasus/integrations";
import { integrationSummarySchema } from "@/lib/schemas/integration";

// GET /api/integrations — every integration with its published version and scope (GLOBAL/TENANT)
export const GET = bffRoute({ output: z.array(integrationSummarySchema) }, ({ pegasus }) => listIntegrationConfigs(pegasus));
