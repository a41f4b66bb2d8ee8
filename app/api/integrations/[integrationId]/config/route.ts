import { bffRoute } from "@/lib/api";
import { editableBodySchema, toUpstreamBody } from "@/lib/integrations/body";
import { deleteResultSchema, forceQuerySchema, integrationParamsSchema } from "@/lib/integrations/schemas";
import { rememberVersion } from "@/lib/integrations/version-store";
import { deleteIntegrationConfig, getIntegrationConfig, publishIntegrationConfig } from "@/lib/pegasus/integrations";
import { integrationConfigSchema } from "@/lib/schemas/integration";

// GET /api/integrations/:id/config — the active config for the tenant (own, else GLOBAL)
export const GET = bffRoute({ params: integrationParamsSchema, output: integrationConfigSchema }, async ({ pegasus, params, session }) => {
  const config = await getIntegrationConfig(pegasus, params.integrationId);
  await rememberVersion(session.user.tenantId, config);
  return config;
});

// POST /api/integrations/:id/config — publish a new version with every field of the body (422 GATE_FAILED carries report)
export const POST = bffRoute(
  { params: integrationParamsSchema, body: editableBodySchema, output: integrationConfigSchema, status: 201, audit: { action: "integration.publish", target: ({ params }) => `integration:${params.integrationId}` } },
  async ({ pegasus, params, body, session }) => {
    const config = await publishIntegrationConfig(pegasus, params.integrationId, toUpstreamBody(body));
    await rememberVersion(session.user.tenantId, config);
    return config;
  },
);

// DELETE /api/integrations/:id/config[?force=true] — delete the tenant's whole lineage (409 DEPENDENTS_EXIST carries dependents)
export const DELETE = bffRoute({ params: integrationParamsSchema, query: forceQuerySchema, output: deleteResultSchema, audit: { action: "integration.delete", target: ({ params }) => `integration:${params.integrationId}` } }, ({ pegasus, params, query }) =>
  deleteIntegrationConfig(pegasus, params.integrationId, { force: query.force === "true" }),
);
