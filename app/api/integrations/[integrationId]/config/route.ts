import { bffRoute, BffRequestError } from "@/lib/api";
import { toUpstreamBody } from "@/lib/integrations/body";
import { forceQuerySchema, integrationParamsSchema, publishBodySchema } from "@/lib/integrations/schemas";
import { deleteResultSchema } from "@/lib/schemas/integration";
import { isPegasusError } from "@/lib/pegasus/errors";
import { getStore, withStoreLock } from "@/lib/store";
import { learnUserId } from "@/lib/people/learn";
import { rememberVersion } from "@/lib/integrations/version-store";
import { deleteIntegrationConfig, getIntegrationConfig, publishIntegrationConfig } from "@/lib/pegasus/integrations";
import { integrationConfigSchema } from "@/lib/schemas/integration";

// GET /api/integrations/:id/config — the active config for the tenant (own, else GLOBAL)
export const GET = bffRoute({ params: integrationParamsSchema, output: integrationConfigSchema }, async ({ pegasus, params, session }) => {
  const config = await getIntegrationConfig(pegasus, params.integrationId);
  await rememberVersion(session.user.tenantId, config);
  return config;
});

// POST /api/integrations/:id/config — publish a new version with every field of the body (422 GATE_FAILED carries report);
// with `baseVersion`, 409 VERSION_CONFLICT (carrying liveVersion) when another version went live since
export const POST = bffRoute(
  {
    params: integrationParamsSchema,
    body: publishBodySchema,
    output: integrationConfigSchema,
    status: 201,
    audit: { action: "integration.publish", target: ({ params }) => `integration:${params.integrationId}` },
  },
  async ({ pegasus, params, body, session, actor }) => {
    const tenantId = session.user.tenantId;
    const { baseVersion, ...editable } = body;
    const publish = async () => {
      if (baseVersion !== undefined) {
        const live = await getIntegrationConfig(pegasus, params.integrationId).catch((error: unknown) => {
          if (isPegasusError(error) && error.status === 404) return null;
          throw error;
        });
        // Kept, so the conflict view can diff base → live from any console process.
        if (live) await rememberVersion(tenantId, live);
        if (!live || live.version !== baseVersion) {
          throw new BffRequestError(
            409,
            "VERSION_CONFLICT",
            live
              ? `v${live.version} went live after you started editing v${baseVersion}; nothing was published`
              : `The config was deleted after you started editing v${baseVersion}; nothing was published`,
            { liveVersion: live?.version ?? null },
          );
        }
      }
      const config = await publishIntegrationConfig(pegasus, params.integrationId, toUpstreamBody(editable));
      await rememberVersion(tenantId, config);
      await learnUserId(tenantId, actor.sub, config.publishedBy);
      return config;
    };
    // The check and the publish run under one lock per integration shared by every console
    // process, so two console publishes from the same base cannot both pass the check.
    return baseVersion === undefined
      ? publish()
      : withStoreLock(await getStore(), `integration-publish:${tenantId}:${params.integrationId}`, publish);
  },
);

// DELETE /api/integrations/:id/config[?force=true] — delete the tenant's whole lineage (409 DEPENDENTS_EXIST carries dependents)
export const DELETE = bffRoute(
  {
    params: integrationParamsSchema,
    query: forceQuerySchema,
    output: deleteResultSchema,
    audit: { action: "integration.delete", target: ({ params }) => `integration:${params.integrationId}` },
  },
  ({ pegasus, params, query }) => deleteIntegrationConfig(pegasus, params.integrationId, { force: query.force === "true" }),
);
