import { bffRoute } from "@/lib/api";
import { versionParamsSchema } from "@/lib/integrations/schemas";
import { rememberVersion } from "@/lib/integrations/version-store";
import { learnUserId } from "@/lib/people/learn";
import { rollbackIntegrationConfig } from "@/lib/pegasus/integrations";
import { integrationConfigSchema } from "@/lib/schemas/integration";

// POST /api/integrations/:id/config/rollback/:version — copy version N forward as a new version (re-gated; 422 GATE_FAILED carries report)
export const POST = bffRoute(
  {
    params: versionParamsSchema,
    output: integrationConfigSchema,
    status: 201,
    audit: { action: "integration.rollback", target: ({ params }) => `integration:${params.integrationId}@v${params.version}` },
  },
  async ({ pegasus, params, session, actor }) => {
    const config = await rollbackIntegrationConfig(pegasus, params.integrationId, params.version);
    await rememberVersion(session.user.tenantId, config);
    await learnUserId(session.user.tenantId, actor.sub, config.publishedBy);
    return config;
  },
);
