import { bffRoute } from "@/lib/api";
import { forceQuerySchema, integrationParamsSchema } from "@/lib/integrations/schemas";
import { rememberVersion } from "@/lib/integrations/version-store";
import { forkIntegrationConfig } from "@/lib/pegasus/integrations";
import { integrationConfigSchema } from "@/lib/schemas/integration";

// POST /api/integrations/:id/config/fork[?force=true] — copy the platform config into the tenant (409 CONFLICT when an overlay exists)
export const POST = bffRoute(
  {
    params: integrationParamsSchema,
    query: forceQuerySchema,
    output: integrationConfigSchema,
    status: 201,
    audit: { action: "integration.fork", target: ({ params }) => `integration:${params.integrationId}` },
  },
  async ({ pegasus, params, query, session }) => {
    const config = await forkIntegrationConfig(pegasus, params.integrationId, { force: query.force === "true" });
    await rememberVersion(session.user.tenantId, config);
    return config;
  },
);
